// RETURN and Mark as unread (issue 4, S9/S10), each from the chat window's toolbar, each checked
// against the server through the API.
import assert from 'node:assert/strict';
import { api, login, runTest, screenshot, startServer, waitForState } from './lib/harness.mjs';
import { acceptFromPending, click, contactStartsChat, loginViaCanvas } from './lib/console.mjs';

await runTest('chat_actions', async ({ browser, step }) => {
  const server = await startServer();
  const { token } = await login(server, 'alice', 'demo');
  const chatOnServer = async (id) => (await api(server, 'GET', `/chats/${id}`, { token })).json;
  const alice = await loginViaCanvas(browser, server, 'alice');
  const chat = await contactStartsChat(server, 'Jan Kowalski', 'Is the blue model back in stock?');

  // RETURN: back to Pending, unassigned.
  await acceptFromPending(alice, chat.id);
  await click(alice, 'chat:return');
  await waitForState(alice, (s) => s.lists.pending.ids.includes(chat.id) && !s.lists.working.ids.includes(chat.id),
    { what: 'the returned chat back in Pending' });
  let c = await chatOnServer(chat.id);
  assert.equal(c.status, 'pending');
  assert.equal(c.assignee, null);
  step('RETURN: pending again, unassigned');

  // Mark as unread: bold with a badge until opened again.
  await acceptFromPending(alice, chat.id);
  await click(alice, 'chat:unread');
  await waitForState(alice, (s) => s.chats[chat.id]?.unread === true, { what: 'the chat unread in the store' });
  c = await chatOnServer(chat.id);
  assert.equal(c.unread, true, 'unread on the server for Alice');
  step('Mark as unread: unread on the server');
  await screenshot(alice, 'actions-unread');

  assert.deepEqual(alice.problems, []);
});
