// Touch screens (tablets): a finger dragged over the Pending list scrolls it with the finger, a
// drag over the chat history scrolls it too, and a tap without movement is a click (it opens a
// chat). Real touch events through CDP (Input.dispatchTouchEvent) in a context with hasTouch; the
// outcome is read from the bridge: items() for where the rows are, state() for the open chat.
import assert from 'node:assert/strict';
import { items, runTest, screenshot, startServer, waitFor, waitForState } from './lib/harness.mjs';
import { contactSays, contactStartsChat, loginViaCanvas, openTab } from './lib/console.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// One finger: down at `from`, moved in small steps to `to` (a frame between steps), lifted.
async function drag(cdp, from, to, steps = 12) {
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: from.x, y: from.y }] });
  for (let i = 1; i <= steps; ++i) {
    const x = from.x + ((to.x - from.x) * i) / steps;
    const y = from.y + ((to.y - from.y) * i) / steps;
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y }] });
    await sleep(20);
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

async function tap(cdp, at) {
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: at.x, y: at.y }] });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

const rows = async (page) => (await items(page)).filter((i) => i.id.startsWith('chatrow#'));
const centre = (item) => ({ x: item.x + item.w / 2, y: item.y + item.h / 2 });

await runTest('touch', async ({ browser, step }) => {
  const server = await startServer();
  const created = [];
  for (let i = 0; i < 24; ++i) created.push(await contactStartsChat(server, `Touch Contact ${i}`, `Question number ${i}`));
  const page = await loginViaCanvas(browser, server, 'alice', { touch: true, viewport: { width: 1024, height: 700 } });
  const cdp = await page.context().newCDPSession(page);
  await openTab(page, 'pending');
  await waitForState(page, (s) => created.every((c) => s.lists.pending.ids.includes(c.id)), { what: 'all new chats in Pending' });
  // The state changes when the lists arrive; the rows are on screen from the next frame on.
  const before = await waitFor(async () => {
    const now = await rows(page);
    return now.length >= 4 ? now : null;
  }, { what: 'at least 4 Pending rows on screen' });

  // Drag up by 240 px, starting on a row in the lower half of the list: a row fully in view
  // before and after must have moved up with the finger (ImGui scrolls whole pixels: ±8 px).
  const listBottom = Math.max(...before.map((r) => r.y + r.h));
  const grip = before.find((r) => r.y > listBottom / 2);
  const from = centre(grip);
  const distance = 240;
  await drag(cdp, from, { x: from.x, y: from.y - distance });
  const moved = await waitFor(async () => {
    const now = await rows(page);
    return now.find((r) => r.id === grip.id && Math.abs(r.y - (grip.y - distance)) <= 8) ? now : null;
  }, { what: `${grip.id} to move up ${distance} px with the finger` });
  assert.ok(moved.some((r) => !before.some((b) => b.id === r.id)), 'rows that were below came into view');
  const gone = before.filter((b) => !moved.some((r) => r.id === b.id));
  assert.ok(gone.length > 0, 'rows at the top left the view');
  await waitForState(page, (x) => x.open_chat === null);
  step(`dragged the Pending list up ${distance} px: ${grip.id} followed the finger, ${gone.length} rows left the top, no chat opened`);
  await screenshot(page, 'touch-scrolled');

  // A tap (no movement) on a row opens that chat.
  const target = (await rows(page)).find((r) => r.y > 100);
  const id = Number(target.id.split('#')[1]);
  await tap(cdp, centre(target));
  await waitForState(page, (x) => x.open_chat === id, { what: `a tap on ${target.id} to open it` });
  step(`a tap on ${target.id} opened #${id}`);

  // The open chat's history, pinned to the newest message; each message has a link, so its
  // position is in items(). A drag down moves the history down with the finger (older lines).
  const chat = created.find((c) => c.id === id);
  for (let i = 0; i < 30; ++i) await contactSays(server, chat, `Line ${i}: https://example.com/${i}`);
  const last = (await waitForState(page, (x) => x.messages.some((m) => m.body.startsWith('Line 29:')),
    { what: 'the new messages' })).messages.find((m) => m.body.startsWith('Line 29:'));
  const links = async () => (await items(page)).filter((i) => i.id.startsWith('link#'));
  // Pinned to the newest: the last message's link on screen, and nothing moving any more.
  let previous = '';
  const shown = await waitFor(async () => {
    const l = await links(page);
    const key = JSON.stringify(l);
    const settled = key === previous && l.some((i) => i.id === `link#${last.id}#0`);
    previous = key;
    return settled ? l : null;
  }, { interval: 300, what: 'the history pinned to its newest message' });
  const anchor = shown.find((l) => l.y > 150 && l.y < 350);
  assert.ok(anchor, `a link in the upper half of the history: ${JSON.stringify(shown)}`);
  const down = 150;
  const at = { x: anchor.x + anchor.w + 40, y: anchor.y };
  await drag(cdp, at, { x: at.x, y: at.y + down });
  await waitFor(async () => (await links(page)).find((l) => l.id === anchor.id && Math.abs(l.y - (anchor.y + down)) <= 8),
    { what: `${anchor.id} to move down ${down} px with the finger` });
  await waitForState(page, (x) => x.open_chat === id);
  step(`dragged the chat history down ${down} px: ${anchor.id} followed the finger, #${id} still open`);
  await screenshot(page, 'touch-history');
  assert.deepEqual(page.problems, []);
});
