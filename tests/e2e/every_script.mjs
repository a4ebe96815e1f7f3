// Every script and emoji readable in the canvas (issue 12, E8): a contact named 王小明 writes in
// Chinese (simplified and traditional), Japanese, Korean, Arabic, Hebrew, Thai, Devanagari, Latin
// with diacritics and emoji (ZWJ sequence, skin tone, flag). The agent sees it in the list, the
// header, the history and the contact panel; composes Japanese through a real IME composition
// (CDP Input.imeSetComposition, then Input.insertText), with the preedit shown at the caret; the
// contact receives exactly that text. The kiosk shows a CJK contact name in "Longest waiting".
// window.switchboard.missingGlyphs() stays 0 throughout, and a character no font has makes it
// grow (so the check can fail). Screenshots: every-script-*.png in the artifacts.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { ENGINE } from './lib/engines.mjs';
import { api, config, login, openConsole, runTest, screenshot, startServer, typeInto, waitFor, waitForState } from './lib/harness.mjs';
import { acceptFromPending, click, contactMessages, contactSays, contactStartsChat, findItem, loginViaCanvas, openTab } from './lib/console.mjs';

const NAME = '王小明';
const FIRST = '你好，我的订单没有到。 こんにちは 안녕하세요 مرحبا שלום 👍😀 Ünïcödé';
const SECOND = 'สวัสดีครับ नमस्ते दुनिया 繁體中文測試 👩‍💻 👍🏽 🇩🇪 Hello مرحبا بالعالم world';
const THIRD = 'مرحبا، طلبي رقم 4471 لم يصل بعد. שלום, ההזמנה שלי לא הגיעה';  // RTL first: aligned right
const REPLY = '日本語で返信します';

const missing = (page) => page.evaluate(() => window.switchboard.missingGlyphs());
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function assertNoMissing(page, where) {
  const n = await missing(page);
  assert.equal(n, 0, `${n} characters drawn as missing-glyph boxes (${where})`);
}

await runTest('every_script', async ({ browser, step }) => {
  const server = await startServer();
  // A staff member with a Chinese name (transfer dialog, top bar) and a canned reply in Chinese
  // (the "/" picker), made before alice logs in so that her console has them.
  const admin = await login(server, 'admin', 'demo');
  const li = await api(server, 'POST', '/admin/staff',
    { token: admin.token, body: { login: 'li', name: '李小龙', password: 'demo-pass-1', queues: [1, 2] } });
  assert.equal(li.status, 201, li.text);
  const aliceApi = await login(server, 'alice', 'demo');
  const canned = await api(server, 'POST', '/canned', { token: aliceApi.token, body: { shortcut: 'nihao', body: '您好！请稍等，我马上查看 🙂' } });
  assert.equal(canned.status, 201, canned.text);
  const alice = await loginViaCanvas(browser, server, 'alice');
  await openTab(alice, 'pending');

  const chat = await contactStartsChat(server, NAME, FIRST);
  await contactSays(server, chat, SECOND);
  await contactSays(server, chat, THIRD);
  await waitForState(alice, (s) => s.lists.pending.ids.includes(chat.id), { what: `#${chat.id} in Pending` });
  await findItem(alice, `chatrow#${chat.id}`);
  await sleep(300);
  await screenshot(alice, 'every-script-list');
  await assertNoMissing(alice, 'the list');
  step(`#${chat.id} from ${NAME} in Pending (name and preview drawn, no missing glyphs)`);

  await acceptFromPending(alice, chat.id);
  await waitForState(alice, (s) => s.open_chat === chat.id && s.messages.some((m) => m.body === THIRD),
    { what: 'the three messages in the open chat' });
  await sleep(300);
  await screenshot(alice, 'every-script-chat');
  await assertNoMissing(alice, 'header, history and contact panel');
  step('header, history and contact panel drawn, no missing glyphs');

  // The agent composes Japanese through the IME: the preedit is shown, then committed.
  await click(alice, 'chat:composer');
  // Chromium: a real composition through CDP. Firefox and WebKit offer no IME to a driver: the
  // composition events an IME makes the browser send are dispatched on the focused field instead.
  const cdp = ENGINE === 'chromium' ? await alice.context().newCDPSession(alice) : null;
  const compose = (type, data) => alice.evaluate(([t, d]) => {
    document.activeElement.dispatchEvent(new CompositionEvent(t, { data: d, bubbles: true }));
  }, [type, data]);
  if (cdp) {
    await cdp.send('Input.imeSetComposition', { text: 'にほんご', selectionStart: 4, selectionEnd: 4 });
  } else {
    await compose('compositionstart', '');
    await compose('compositionupdate', 'にほんご');
  }
  await sleep(400);
  await screenshot(alice, 'every-script-preedit');
  await assertNoMissing(alice, 'the preedit');
  step('preedit にほんご shown in the composer');
  if (cdp) {
    await cdp.send('Input.insertText', { text: REPLY });
  } else {
    await compose('compositionend', '');  // the preedit goes; the committed text comes as input
    await alice.keyboard.insertText(REPLY);
  }
  await waitFor(async () => (await alice.evaluate(() => window.switchboard.state().ui)) !== null, { what: 'a frame' });
  await sleep(300);
  await screenshot(alice, 'every-script-composed');
  await alice.keyboard.press('Enter');
  await waitForState(alice, (s) => s.outbox.length === 0 && s.messages.some((m) => m.body === REPLY),
    { what: 'the Japanese reply confirmed by the server' });
  const seen = await contactMessages(server, chat);
  const replies = seen.filter((m) => m.author?.type !== 'contact' && m.kind !== 'system' && m.body === REPLY);
  assert.equal(replies.length, 1, `the contact receives exactly the composed text once: ${JSON.stringify(seen.map((m) => m.body))}`);
  await sleep(300);
  await screenshot(alice, 'every-script-sent');
  await assertNoMissing(alice, 'after sending');
  step(`the contact received "${REPLY}" exactly`);

  // The canned picker and the transfer dialog with Chinese text and names.
  await click(alice, 'chat:composer');
  await alice.keyboard.type('/niha', { delay: 20 });
  await findItem(alice, `canned:pick#${canned.json.id}`);
  await sleep(300);
  await screenshot(alice, 'every-script-canned');
  await assertNoMissing(alice, 'the canned picker');
  await alice.keyboard.press('Escape');
  for (let i = 0; i < 5; i++) await alice.keyboard.press('Backspace');
  await click(alice, 'chat:transfer');
  await typeInto(alice, 'transfer:input', '李');
  await findItem(alice, `transfer:staff#${li.json.id}`);
  await sleep(300);
  await screenshot(alice, 'every-script-transfer');
  await assertNoMissing(alice, 'the transfer dialog');
  await alice.keyboard.press('Escape');
  step('canned picker and transfer dialog (李小龙) drawn, no missing glyphs');

  // The top bar of a staff member with a Chinese name.
  const liPage = await openConsole(browser, server);
  await waitForState(liPage, (st) => st.session === 'logged_out', { what: 'the login screen' });
  await typeInto(liPage, 'login:user', 'li');
  await typeInto(liPage, 'login:password', 'demo-pass-1');
  await click(liPage, 'login:submit');
  await waitForState(liPage, (st) => st.session === 'logged_in' && st.me?.name === '李小龙', { what: '李小龙 logged in' });
  await sleep(300);
  await screenshot(liPage, 'every-script-top-bar');
  await assertNoMissing(liPage, 'the top bar');
  step('李小龙 logged in: top bar drawn, no missing glyphs');

  // The kiosk: a waiting chat from a CJK name among "Longest waiting".
  const waiting = await contactStartsChat(server, '佐藤花子', 'まだ待っています 🙏');
  const token = spawnSync(config().server, ['admin', 'make-display-token', '--label', 'e2e scripts', ...server.databaseArgs],
    { encoding: 'utf8' }).stdout.trim();
  assert.match(token, /^sbd_/);
  const kiosk = await openConsole(browser, server, { route: `/kiosk?token=${encodeURIComponent(token)}`, viewport: { width: 1920, height: 1080 } });
  await waitForState(kiosk, (s) => s.mode === 'kiosk' && s.stats && s.stats.longest_waiting.some((w) => w.chat_id === waiting.id),
    { what: 'the CJK contact among the longest waiting', timeout: 15000 });
  await sleep(500);
  await screenshot(kiosk, 'every-script-kiosk');
  await assertNoMissing(kiosk, 'the kiosk');
  step('kiosk: 佐藤花子 in Longest waiting, no missing glyphs');

  // The counter can fail: a character no font has (a private-use codepoint of plane 16).
  await contactSays(server, chat, 'no font has this: \u{10FFFD}');
  await waitForState(alice, (s) => s.messages.some((m) => m.body.includes('\u{10FFFD}')), { what: 'the tofu message' });
  await waitFor(async () => (await missing(alice)) > 0, { what: 'missingGlyphs() to count the character no font has' });
  step(`a character no font has is counted: missingGlyphs() = ${await missing(alice)}`);
  assert.deepEqual(alice.problems, []);
  assert.deepEqual(kiosk.problems, []);
});
