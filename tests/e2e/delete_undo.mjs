// Delete, then Undo (issue 4, S8): the agent deletes her chat from the toolbar (after a
// confirmation); it leaves the lists and is deleted on the server; the Undo toast brings it back,
// on the server too. PRODUCT.md: "Nothing is lost: an Undo is offered for a few seconds".
import assert from 'node:assert/strict';
import { api, login, runTest, screenshot, startServer, waitForState } from './lib/harness.mjs';
import { acceptFromPending, click, contactStartsChat, findItem, loginViaCanvas } from './lib/console.mjs';

await runTest('delete_undo', async ({ browser, step }) => {
  const server = await startServer();
  const { token } = await login(server, 'alice', 'demo');
  const alice = await loginViaCanvas(browser, server, 'alice');
  const chat = await contactStartsChat(server, 'Ines Duarte', 'Please cancel my order 9001.');
  await acceptFromPending(alice, chat.id);

  await click(alice, 'chat:delete');
  await findItem(alice, 'delete:confirm');
  await screenshot(alice, 'delete-confirm');
  await click(alice, 'delete:confirm');
  await waitForState(alice, (s) => s.undo === chat.id && !s.lists.working.ids.includes(chat.id),
    { what: 'the chat gone from the lists with an Undo offered' });
  const gone = await api(server, 'GET', `/chats/${chat.id}`, { token });
  assert.ok(gone.status === 404 || gone.json?.deleted === true, `deleted on the server: ${gone.status} ${gone.text}`);
  step('deleted: gone from the lists and on the server');

  await click(alice, 'toast:undo');
  const back = await waitForState(alice, (s) => s.lists.working.ids.includes(chat.id) || s.notices.some((n) => n.error),
    { what: 'the chat back after Undo (or an error notice)' });
  const errors = back.notices.filter((n) => n.error).map((n) => n.text);
  assert.deepEqual(errors, [], 'Undo was refused');
  const c = (await api(server, 'GET', `/chats/${chat.id}`, { token })).json;
  assert.equal(c.deleted, false, 'restored on the server');
  assert.equal(c.status, 'working');
  step('Undo: restored');
  await screenshot(alice, 'delete-undone');
  assert.deepEqual(alice.problems, []);
});
