// Canned replies (PRODUCT.md E12), through the canvas and the keyboard only: an agent creates a
// personal reply in the Canned replies dialog (and sees the server's 409 for a taken shortcut),
// types "/" and a few letters in the composer of an accepted chat, picks the reply with Enter and
// sends it; the contact API shows the text. A supervisor then creates a shared reply through the
// API, and the agent's "/" picker shows it without a reload (the list is older than 30 s, so
// "/" fetches it again).
import assert from 'node:assert/strict';
import { api, login, runTest, screenshot, startServer, waitFor, waitForState } from './lib/harness.mjs';
import {
  acceptFromPending, click, contactMessages, contactStartsChat, findItem, items, loginViaCanvas, PASSWORD,
} from './lib/console.mjs';

const kMaxAgeSeconds = 30; // Console::kCannedMaxAge

async function gone(page, id, what) {
  await waitFor(async () => !(await items(page)).some((it) => it.id === id), { what });
}

await runTest('canned', async ({ browser, step }) => {
  const server = await startServer();
  const alice = await loginViaCanvas(browser, server, 'alice');
  await waitForState(alice, (s) => s.canned.items.some((r) => r.shortcut === 'thanks' && r.shared),
    { what: 'the demo canned replies fetched after login' });
  step('the canned replies came with the login');

  // ---- the dialog: add a personal reply; a taken shortcut is refused with the server's words
  await click(alice, 'canned:open');
  await waitForState(alice, (s) => s.canned.dialog_open && !s.canned.loading, { what: 'dialog open' });
  await findItem(alice, 'canned:add');
  await click(alice, 'canned:add');
  await click(alice, 'canned:shortcut');
  assert.ok(!(await items(alice)).some((it) => it.id === 'canned:shared'), 'agents get no Shared checkbox');
  await alice.keyboard.type('browser', { delay: 5 });
  await click(alice, 'canned:body');
  await alice.keyboard.type('Which browser do you use?', { delay: 5 });
  await click(alice, 'canned:save');
  await waitForState(alice, (s) => s.canned.error.includes('/browser'), { what: 'the 409 shown in the dialog' });
  await screenshot(alice, 'canned-dialog-conflict');
  step('a taken shortcut: the server\'s 409 is shown in the dialog');

  const body = 'Your parcel is on its way: it left our warehouse this morning.';
  await click(alice, 'canned:shortcut');
  await alice.keyboard.press('Control+A');
  await alice.keyboard.type('parcel', { delay: 5 });
  await click(alice, 'canned:body');
  await alice.keyboard.press('Control+A');
  await alice.keyboard.type(body, { delay: 5 });
  await click(alice, 'canned:save');
  const withParcel = await waitForState(alice,
    (s) => s.canned.error === '' && s.canned.items.some((r) => r.shortcut === 'parcel' && !r.shared),
    { what: 'the new personal reply listed' });
  const parcel = withParcel.canned.items.find((r) => r.shortcut === 'parcel');
  assert.equal(parcel.body, body);
  await findItem(alice, `canned:edit#${parcel.id}`);
  await screenshot(alice, 'canned-dialog');
  await alice.keyboard.press('Escape');
  await waitForState(alice, (s) => !s.canned.dialog_open, { what: 'dialog closed by Esc' });
  const mine = await api(server, 'GET', '/canned', { token: (await login(server, 'alice', PASSWORD)).token });
  assert.ok(mine.json.items.some((r) => r.id === parcel.id && r.body === body), 'stored on the server');
  step(`/parcel (#${parcel.id}) created through the dialog and stored on the server`);

  // ---- the "/" picker in an accepted chat: a few letters, Enter inserts, Enter sends
  const chat = await contactStartsChat(server, 'Jonas Weber', 'Hi, where is my parcel?');
  await acceptFromPending(alice, chat.id);
  await click(alice, 'chat:composer');
  await alice.keyboard.type('/', { delay: 20 });
  await findItem(alice, 'canned:manage');
  await screenshot(alice, 'canned-picker-all'); // every reply: the picker scrolls after six rows
  await alice.keyboard.type('par', { delay: 20 });
  await findItem(alice, `canned:pick#${parcel.id}`);
  await screenshot(alice, 'canned-picker');
  await alice.keyboard.press('Enter'); // inserts the selected reply in place of "/par"
  await gone(alice, `canned:pick#${parcel.id}`, 'the picker closed');
  await alice.keyboard.press('Enter'); // sends
  await waitForState(alice, (s) => s.outbox.length === 0 && s.messages.some((m) => m.body === body),
    { what: 'the canned reply sent and confirmed' });
  const seen = await contactMessages(server, chat);
  assert.equal(seen.filter((m) => m.body === body).length, 1, `the contact sees it once: ${JSON.stringify(seen)}`);
  assert.ok(!seen.some((m) => m.body.startsWith('/')), 'the "/par" itself was never sent');
  step('"/par" + Enter inserted /parcel, Enter sent it; the contact API shows the text');

  // ---- a supervisor's new shared reply reaches the agent's picker without a reload
  const sam = await login(server, 'sam', PASSWORD);
  const shared = await api(server, 'POST', '/canned', {
    token: sam.token,
    body: { shortcut: 'holiday', body: 'We are closed on public holidays; we answer the next working day.', shared: true },
  });
  assert.equal(shared.status, 201, shared.text);
  await alice.evaluate(() => { window.cannedNoReload = true; }); // a reload would lose it
  await new Promise((resolve) => setTimeout(resolve, (kMaxAgeSeconds + 1) * 1000));
  await click(alice, 'chat:composer');
  await alice.keyboard.type('/hol', { delay: 20 });
  await findItem(alice, `canned:pick#${shared.json.id}`, { timeout: 10000 });
  assert.equal(await alice.evaluate(() => window.cannedNoReload), true, 'the page was not reloaded');
  await screenshot(alice, 'canned-picker-shared');
  await alice.keyboard.press('Escape'); // closes the picker, keeps the text
  await gone(alice, `canned:pick#${shared.json.id}`, 'the picker closed by Esc');
  step(`sam's shared /holiday (#${shared.json.id}) is in alice's picker without a reload`);

  // ---- a supervisor's dialog: Edit on shared replies, and the Shared checkbox
  const samPage = await loginViaCanvas(browser, server, 'sam');
  await click(samPage, 'canned:open');
  await findItem(samPage, `canned:edit#${shared.json.id}`);
  assert.ok(!(await items(samPage)).some((it) => it.id === `canned:edit#${parcel.id}`), "alice's own stays hers");
  await click(samPage, 'canned:add');
  await findItem(samPage, 'canned:shared');
  await screenshot(samPage, 'canned-dialog-supervisor');
  step('sam edits shared replies and gets the Shared checkbox');
  assert.deepEqual(alice.problems, []);
  assert.deepEqual(samPage.problems, []);
});
