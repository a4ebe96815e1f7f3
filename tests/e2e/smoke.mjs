// Smoke test (issue 2): the console loads from the real server in Chromium, draws a real frame,
// reports that it reached the server, and then costs no frames while nothing happens; all of it
// under the server's Content-Security-Policy with no violation (issue 11).
import assert from 'node:assert/strict';
import { distinctColors, frames, items, openConsole, runTest, screenshot, startServer, waitFor, waitForState } from './lib/harness.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

await runTest('smoke', async ({ browser, step }) => {
  const server = await startServer();
  step(`server at ${server.url}`);
  // The page is served under the Content-Security-Policy (docs/api.md, "Security"); openConsole
  // records any violation in page.problems, asserted empty at the end.
  const head = await fetch(`${server.url}/`);
  const csp = head.headers.get('content-security-policy') || '';
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/, `the page's CSP: ${csp}`);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.equal(head.headers.get('x-content-type-options'), 'nosniff');
  const page = await openConsole(browser, server);
  step('first frame drawn (under the CSP)');

  await waitForState(page, (s) => s.server === 'reachable', { what: 'the app to reach /healthz' });
  step('the app reached the server');

  const colors = await distinctColors(page);
  assert.ok(colors >= 16, `the canvas looks blank: only ${colors} distinct colours`);
  step(`${colors} distinct colours on screen`);

  const onScreen = await items(page);
  assert.ok(onScreen.length > 0, 'window.switchboard.items() lists nothing');
  for (const it of onScreen) {
    assert.ok(it.w > 0 && it.h > 0 && it.x >= 0 && it.y >= 0 && it.x + it.w <= 1280 && it.y + it.h <= 800,
      `item ${JSON.stringify(it)} is not on the 1280x800 screen`);
  }

  // Idle: once the settle frames are done, nothing may draw for 2 s.
  await waitFor(async () => {
    const a = await frames(page);
    await sleep(400);
    return (await frames(page)) === a;
  }, { timeout: 10000, what: 'frames to stop after start-up' });
  const before = await frames(page);
  await sleep(2000);
  const after = await frames(page);
  assert.equal(after, before, `${after - before} frames drawn in 2 s of idle`);
  step(`idle: ${after - before} frames in 2 s (total ${after})`);

  const file = await screenshot(page, 'smoke');
  step(`screenshot ${file}`);
  assert.deepEqual(page.problems, [], 'the page reported errors');
});
