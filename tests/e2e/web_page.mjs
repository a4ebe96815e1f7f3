// "Like a good web page" (issue 4, E8): crisp on HiDPI (the canvas backing store is CSS size ×
// devicePixelRatio) and follows the window size; copy and paste with the system clipboard both
// ways; a link in a message opens in a new tab; the logged-in console, left alone, draws at most
// one frame per second (its ticking clocks), even when the server pings it.
import assert from 'node:assert/strict';
import { click, findItem, items, runTest, screenshot, startServer, waitFor, waitForState } from './lib/harness.mjs';
import { contactStartsChat, loginViaCanvas, openTab } from './lib/console.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const canvasSize = (page) => page.evaluate(() => {
  const c = document.getElementById('canvas');
  return { w: c.width, h: c.height, cssW: c.clientWidth, cssH: c.clientHeight, dpr: devicePixelRatio };
});

await runTest('web_page', async ({ browser, step }) => {
  const server = await startServer();
  const chat = await contactStartsChat(server, 'Ada Lovelace', 'The manual at https://example.com/manual.pdf is out of date.');
  const page = await loginViaCanvas(browser, server, 'alice', { scale: 2, viewport: { width: 1200, height: 760 } });
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });

  // HiDPI and resizing.
  let c = await canvasSize(page);
  assert.deepEqual([c.w, c.h], [c.cssW * 2, c.cssH * 2], `backing store at 2x: ${JSON.stringify(c)}`);
  const before = await findItem(page, 'logout');
  await page.setViewportSize({ width: 1500, height: 900 });
  await waitFor(async () => (await canvasSize(page)).w === 3000, { what: 'the canvas to follow the window' });
  c = await canvasSize(page);
  assert.deepEqual([c.w, c.h], [3000, 1800]);
  const after = await waitFor(async () => (await items(page)).find((i) => i.id === 'logout' && i.x > before.x),
    { what: 'the layout to follow the new width' });
  step(`canvas ${c.w}x${c.h} for ${c.cssW}x${c.cssH} CSS px at DPR 2; Logout moved ${before.x} → ${after.x}`);
  await screenshot(page, 'web-page-hidpi');

  // Copy: select the search text and Ctrl+C; paste: put text on the clipboard and Ctrl+V.
  await click(page, 'search:input');
  await page.keyboard.type('Καλημέρα мир', { delay: 5 });
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+C');
  const copied = await waitFor(() => page.evaluate(() => navigator.clipboard.readText()), { what: 'the clipboard' });
  assert.equal(copied, 'Καλημέρα мир');
  await page.evaluate(() => navigator.clipboard.writeText('#' + 'pasted'));
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+C');
  await waitFor(async () => (await page.evaluate(() => navigator.clipboard.readText())) === '#pasted',
    { what: 'the pasted text to replace the selection' });
  step('copy and paste through the system clipboard, Greek and Cyrillic included');

  // A link in a message opens in a new tab (from the real click).
  await openTab(page, 'pending');
  await click(page, `chatrow#${chat.id}`);
  const s = await waitForState(page, (x) => x.open_chat === chat.id && x.messages.length > 0, { what: 'the chat open' });
  const withLink = s.messages.find((m) => m.body.includes('https://example.com/manual.pdf'));
  // No network in tests: the new tab's request is answered here.
  await page.context().route('https://example.com/**', (route) => route.fulfill({ body: 'the manual' }));
  const popup = page.context().waitForEvent('page', { timeout: 10000 });
  await click(page, `link#${withLink.id}#0`);
  const tab = await popup;
  assert.equal(tab.url(), 'https://example.com/manual.pdf');
  step('the link opened in a new tab');
  await tab.close();

  // Idle: the console with live lists and a waiting time ticking every second (a chat just
  // created), nobody touching it. The clocks wake the app on whole seconds; nothing else may
  // draw (the server's pings, timers in the same second). The window starts in the middle of a
  // second, so it holds exactly `seconds` whole seconds whatever the timers' jitter.
  const fresh = await contactStartsChat(server, 'Grace Hopper', 'Is anyone there?');
  await waitForState(page, (x) => x.lists.pending.ids.includes(fresh.id), { what: 'the new chat in Pending' });
  await sleep(1500);
  const seconds = 24; // the server pings every 25 s: a window this long usually holds one
  const idle = await page.evaluate(async (seconds) => {
    const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
    await sleep(1500 - (Date.now() % 1000));
    const f0 = window.switchboard.frames();
    await sleep(seconds * 1000);
    return window.switchboard.frames() - f0;
  }, seconds);
  const fps = idle / seconds;
  assert.ok(fps <= 1.0, `${idle} frames in ${seconds} s while idle (${fps.toFixed(2)} per second)`);
  assert.ok(idle >= seconds / 2, `only ${idle} frames in ${seconds} s: the waiting time stopped ticking`);
  step(`idle console: ${idle} frames in ${seconds} s (${fps.toFixed(2)} per second)`);
  assert.deepEqual(page.problems, []);
});
