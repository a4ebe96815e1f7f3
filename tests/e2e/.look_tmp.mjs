import { click, runTest, screenshot, startServer, waitForState } from './lib/harness.mjs';
import { loginViaCanvas } from './lib/console.mjs';
await runTest('look', async ({ browser, step }) => {
  const server = await startServer();
  const admin = await loginViaCanvas(browser, server, 'admin', { viewport: { width: 1440, height: 900 } });
  await waitForState(admin, (st) => st.ui.screen === 'admin', { what: 'admin screen' });
  await new Promise((r) => setTimeout(r, 800));
  step(await screenshot(admin, 'look-staff'));
  for (const t of ['queues', 'tokens', 'settings', 'audit']) {
    await click(admin, `admin:tab:${t}`);
    await new Promise((r) => setTimeout(r, 400));
    step(await screenshot(admin, `look-${t}`));
  }
  const sam = await loginViaCanvas(browser, server, 'sam', { viewport: { width: 1280, height: 800 } });
  await click(sam, 'admin:open');
  await new Promise((r) => setTimeout(r, 500));
  step(await screenshot(sam, 'look-sam'));
});
