// Accept and reply with Sign on (issue 4, S3/S4/S5): a new chat arrives live in Pending; the green
// Accept moves it to Working On and opens it; a reply typed in the composer and sent with Enter
// reaches the contact with the agent's name, as the contact API shows. Then, with another chat
// open, the first contact writes again: the page title counts it and a sound plays (E2); opening
// the chat clears the count.
import assert from 'node:assert/strict';
import { ENGINE, runTest, screenshot, startServer, waitFor, waitForState } from './lib/harness.mjs';
import { acceptFromPending, click, contactMessages, contactSays, contactStartsChat, loginViaCanvas, openTab, sendReply } from './lib/console.mjs';

// "(3) Switchboard" → 3, "Switchboard" → 0.
const titleCount = async (page) => {
  const m = /^\((\d+)\) Switchboard$/.exec(await page.title());
  return m ? Number(m[1]) : 0;
};
const beeps = (page) => page.evaluate(() => window.Module?.sbBeeps ?? 0);

await runTest('accept_reply', async ({ browser, step }) => {
  const server = await startServer();
  const alice = await loginViaCanvas(browser, server, 'alice');
  await openTab(alice, 'pending');

  const chat = await contactStartsChat(server, 'Zoë Παπαδοπούλου', 'Здравствуйте! My parcel #4471 has not arrived.');
  await waitForState(alice, (s) => s.lists.pending.ids.includes(chat.id), { what: `new chat #${chat.id} live in Pending` });
  step(`#${chat.id} arrived live in Pending`);
  await screenshot(alice, 'accept-pending');

  await acceptFromPending(alice, chat.id);
  await waitForState(alice, (s) => s.lists.working.ids.includes(chat.id) && !s.lists.pending.ids.includes(chat.id),
    { what: `#${chat.id} moved to Working On` });
  step(`#${chat.id} accepted: in Working On and open`);

  let s = await waitForState(alice, (x) => x.me !== null);
  if (!s.me.sign) {
    await click(alice, 'me:sign');
    s = await waitForState(alice, (x) => x.me.sign === true, { what: 'Sign on' });
  }
  step('Sign is on');

  const reply = 'Hello Zoë, I am checking parcel 4471 now.';
  await sendReply(alice, reply);
  await waitForState(alice, (x) => x.outbox.length === 0 && x.messages.some((m) => m.body === reply),
    { what: 'the reply confirmed by the server' });
  const seen = await contactMessages(server, chat);
  const mine = seen.filter((m) => m.body === reply);
  assert.equal(mine.length, 1, `the contact sees the reply once: ${JSON.stringify(seen)}`);
  assert.equal(mine[0].signed, true);
  assert.equal(mine[0].author.name, 'Alice Martin', 'a signed reply carries the name');
  step('the contact sees the reply signed "Alice Martin"');
  await screenshot(alice, 'accept-reply');

  // A second chat accepted and open; the first contact writes again.
  const other = await contactStartsChat(server, 'Ivan Petrov', 'Another question');
  await acceptFromPending(alice, other.id);
  await waitForState(alice, (x) => x.open_chat === other.id && !x.lists.pending.ids.includes(other.id),
    { what: `#${other.id} open` });
  const before = await titleCount(alice);
  const beepsBefore = await beeps(alice);
  await contactSays(server, chat, 'Thank you! Any tracking number?');
  await waitForState(alice, (x) => x.chats[chat.id]?.unread === true, { what: `#${chat.id} unread` });
  await waitFor(async () => (await titleCount(alice)) === before + 1,
    { what: `the title to count the new message (was ${before})` });
  // The title follows the event's frame; the sound is played on the console's next tick, so it
  // is waited for, and then it must be exactly one. Firefox under Xvfb has no audio device: its
  // AudioContext stays suspended and the console skips the beep (web_platform.js); there it must
  // be none. Chromium and WebKit play it, and there audio must run.
  const audio = await alice.evaluate(() => window.Module?.sbAudio?.state ?? 'none');
  if (ENGINE !== 'firefox') assert.equal(audio, 'running', `no running AudioContext in ${ENGINE}`);
  if (audio === 'running') {
    await waitFor(async () => (await beeps(alice)) >= beepsBefore + 1, { what: 'a sound for the new message in my chat' });
  }
  await new Promise((r) => setTimeout(r, 300));
  const played = audio === 'running' ? 1 : 0;
  assert.equal(await beeps(alice), beepsBefore + played, `${played} sound(s) for the new message in my chat (audio ${audio})`);
  step(`a message in my other chat: title "${await alice.title()}", ${played} sound (audio ${audio})`);

  await openTab(alice, 'working');
  await click(alice, `chatrow#${chat.id}`);
  await waitForState(alice, (x) => x.open_chat === chat.id && x.chats[chat.id]?.unread === false,
    { what: `#${chat.id} open and read` });
  await waitFor(async () => (await titleCount(alice)) === before, { what: 'the title count to go back down' });
  step(`opening the chat read it: title "${await alice.title()}"`);
  assert.deepEqual(alice.problems, []);
});
