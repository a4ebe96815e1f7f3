// Cut the line in the middle of a chat (issue 4, E3): the server dies (SIGKILL) while Alice has a
// chat open; she keeps typing replies (they wait in the outbox); the server comes back on the same
// port and database and the contact writes before the console is back. Nothing may be lost: both
// replies reach the server once and in order, and the contact's message shows up in the console.
import assert from 'node:assert/strict';
import { runTest, screenshot, startServer, waitForState } from './lib/harness.mjs';
import { acceptFromPending, contactMessages, contactSays, contactStartsChat, loginViaCanvas, sendReply } from './lib/console.mjs';

await runTest('reconnect', async ({ browser, step }) => {
  let server = await startServer();
  const alice = await loginViaCanvas(browser, server, 'alice');
  const chat = await contactStartsChat(server, 'Kenji Watanabe', 'Can I change the delivery address?');
  await acceptFromPending(alice, chat.id);
  await sendReply(alice, 'Yes, which address should we use?');
  await waitForState(alice, (s) => s.outbox.length === 0 && s.messages.some((m) => m.body.startsWith('Yes, which')),
    { what: 'the first reply confirmed' });
  step(`#${chat.id} open, one reply sent`);

  const { port, db } = server;
  await server.kill();
  await waitForState(alice, (s) => s.connection === 'reconnecting' || s.connection === 'offline',
    { timeout: 15000, what: 'the console to notice the cut' });
  step('server killed; the console shows it');

  const offline = ['Sent while offline, part 1.', 'Sent while offline, part 2.'];
  for (const text of offline) await sendReply(alice, text);
  await waitForState(alice, (s) => s.outbox.length === 2, { what: 'both replies waiting in the outbox' });
  await screenshot(alice, 'reconnect-offline');
  step('two replies typed offline wait in the outbox');

  server = await startServer({ db, port, demo: false });
  await contactSays(server, chat, 'New address: 1-2-3 Shibuya, Tokyo.');
  step('server back on the same port; the contact wrote at once');

  const s = await waitForState(alice, (x) => x.connection === 'live' && x.outbox.length === 0 &&
    [...offline, 'New address'].every((t) => x.messages.some((m) => m.body.startsWith(t))),
  { timeout: 30000, what: 'live again, nothing pending, every message shown' });
  const bodies = s.messages.map((m) => m.body);
  for (const text of offline) assert.equal(bodies.filter((b) => b === text).length, 1, `"${text}" once in the console`);

  const seen = (await contactMessages(server, chat)).map((m) => m.body);
  const i1 = seen.indexOf(offline[0]);
  const i2 = seen.indexOf(offline[1]);
  assert.ok(i1 >= 0 && i2 > i1, `both offline replies reached the contact in order: ${JSON.stringify(seen)}`);
  for (const text of offline) assert.equal(seen.filter((b) => b === text).length, 1, `"${text}" stored once`);
  step('replies delivered once and in order; the contact\'s message arrived');
  await screenshot(alice, 'reconnect-back');
});
