// Search (issue 4, S2): a keyword finds the chat (results show its status); "#ID" with Enter opens
// that chat; an unknown "#ID" says clearly that it does not exist.
import assert from 'node:assert/strict';
import { runTest, screenshot, startServer, typeInto, waitForState } from './lib/harness.mjs';
import { click, contactStartsChat, findItem, loginViaCanvas } from './lib/console.mjs';

await runTest('search', async ({ browser, step }) => {
  const server = await startServer();
  const chat = await contactStartsChat(server, 'Mikko Virtanen', 'My xylophone arrived with a cracked bar.');
  const alice = await loginViaCanvas(browser, server, 'alice');

  await typeInto(alice, 'search:input', 'xylophone');
  await click(alice, 'search:button');
  const found = await waitForState(alice, (s) => s.search.active && !s.search.loading && s.search.results.length > 0,
    { what: 'keyword results' });
  assert.deepEqual(found.search.results, [chat.id], 'the keyword finds exactly the new chat');
  const row = await findItem(alice, `chatrow#${chat.id}`);
  assert.ok(row, 'the result is on screen');
  step(`keyword: found #${chat.id}`);
  await screenshot(alice, 'search-keyword');

  await typeInto(alice, 'search:input', `#${chat.id}`);
  await alice.keyboard.press('Enter');
  await waitForState(alice, (s) => s.open_chat === chat.id, { what: `#${chat.id} opened by id` });
  step(`#${chat.id} + Enter opened the chat`);

  await typeInto(alice, 'search:input', '#987654');
  await alice.keyboard.press('Enter');
  const none = await waitForState(alice, (s) => /does not exist/.test(s.search.message), { what: 'a "does not exist" message' });
  step(`unknown id: "${none.search.message}"`);
  await screenshot(alice, 'search-missing');
  assert.deepEqual(alice.problems, []);
});
