// Transfer (issue 4, S7): Alice transfers a chat to Bob through the dialog (type a name, pick him,
// TRANSFER); Bob's console, open in a second browser context, shows it live in his Working On.
import assert from 'node:assert/strict';
import { api, login, runTest, screenshot, startServer, waitForState } from './lib/harness.mjs';
import { acceptFromPending, click, contactStartsChat, findItem, loginViaCanvas, openTab } from './lib/console.mjs';

await runTest('transfer', async ({ browser, step }) => {
  const server = await startServer();
  const bob = await loginViaCanvas(browser, server, 'bob');
  await openTab(bob, 'working');
  const alice = await loginViaCanvas(browser, server, 'alice');
  const chat = await contactStartsChat(server, 'Olga Ivanova', 'Мой заказ пришёл повреждённым.');
  await acceptFromPending(alice, chat.id);
  step(`Alice accepted #${chat.id}; Bob is watching his Working On`);

  await click(alice, 'chat:transfer');
  await findItem(alice, 'transfer:input');
  await click(alice, 'transfer:input');
  await alice.keyboard.type('bob', { delay: 10 });
  const bobId = (await login(server, 'bob', 'demo')).staff.id;
  const row = await findItem(alice, `transfer:staff#${bobId}`);
  assert.match(row.label, /Bob/, `the staff row reads ${row.label}`);
  await click(alice, `transfer:staff#${bobId}`);
  await screenshot(alice, 'transfer-dialog');
  await click(alice, 'transfer:submit');
  await waitForState(alice, (s) => s.transfer.chat_id === 0 && !s.lists.working.ids.includes(chat.id),
    { what: 'the dialog closed and the chat left Alice\'s Working On' });
  step('transferred from the dialog');

  const seen = await waitForState(bob, (s) => s.lists.working.ids.includes(chat.id) && s.chats[chat.id]?.assignee?.id === bobId,
    { what: `#${chat.id} live in Bob's Working On` });
  assert.equal(seen.chats[chat.id].unread, true, 'a transferred chat is unread for its new owner');
  await findItem(bob, `chatrow#${chat.id}`);
  step('Bob sees it live, unread, on screen');
  await screenshot(bob, 'transfer-bob');

  const token = (await login(server, 'bob', 'demo')).token;
  const r = await api(server, 'GET', `/chats/${chat.id}`, { token });
  assert.equal(r.json.assignee.id, bobId);
  assert.equal(r.json.status, 'working');
  assert.deepEqual([...alice.problems, ...bob.problems], []);
});
