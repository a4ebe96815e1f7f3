// A chat created right after login must show (issue 4, E2). The console loads its lists when the
// event stream says it is ready, and events keep coming while the pages are on their way: a chat
// created in that window once went missing from Pending until a reload. Each round logs in
// through the canvas while a contact creates chats back to back (from the Log in click until the
// lists are loaded, and a little after); every chat must be in state().lists.pending within 3 s,
// and the tab's count must agree with the server's. The round's chats are deleted afterwards, so
// Pending stays within its first page.
import assert from 'node:assert/strict';
import { api, click, login, openConsole, runTest, startServer, typeInto, waitForState } from './lib/harness.mjs';
import { contactStartsChat, PASSWORD } from './lib/console.mjs';

const ROUNDS = Number(process.env.LOGIN_RACE_ROUNDS || 20);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

await runTest('login_race', async ({ browser, step }) => {
  const server = await startServer();
  const alice = await login(server, 'alice', PASSWORD);
  let made = 0;
  for (let round = 1; round <= ROUNDS; ++round) {
    const page = await openConsole(browser, server);
    await waitForState(page, (s) => s.session === 'logged_out', { what: 'the login screen' });
    await typeInto(page, 'login:user', 'alice');
    await typeInto(page, 'login:password', PASSWORD);

    // Chats created back to back from the click until the lists have loaded, then 300 ms more.
    const chats = [];
    let loadedAt = 0;
    const creating = (async () => {
      while (loadedAt === 0 || Date.now() - loadedAt < 300) {
        chats.push(await contactStartsChat(server, `Race ${round}.${chats.length}`, 'Hello?'));
        await sleep(25 + Math.random() * 50); // some 15 a second: Pending stays within one page
      }
    })();
    await click(page, 'login:submit');
    await waitForState(page, (s) => s.session === 'logged_in' && s.lists.pending.loaded, { timeout: 15000, what: 'logged in, Pending loaded' });
    loadedAt = Date.now();
    await creating;
    made += chats.length;

    const ids = chats.map((c) => c.id);
    const s = await waitForState(page, (x) => ids.every((id) => x.lists.pending.ids.includes(id)), {
      timeout: 3000,
      what: `round ${round}: chats ${ids.join(', ')} in Pending`,
    });
    // The tab's count agrees with the server once the dust settles.
    const server_counts = (await api(server, 'GET', '/chats?view=pending&limit=1', { token: alice.token })).json.counts;
    await waitForState(page, (x) => x.counts.pending === server_counts.pending,
      { timeout: 3000, what: `round ${round}: Pending count ${server_counts.pending}` });
    assert.ok(s.lists.pending.ids.length >= ids.length);
    await page.context().close();
    for (const id of ids) {
      const r = await api(server, 'DELETE', `/chats/${id}`, { token: alice.token });
      assert.ok(r.status === 200 || r.status === 204, `DELETE /chats/${id}: ${r.status} ${r.text}`);
    }
    if (round % 5 === 0) step(`${round} rounds: ${made} chats created during logins, all listed`);
    await sleep(50);
  }
  assert.ok(made >= ROUNDS, `at least one chat per round (${made})`);
});
