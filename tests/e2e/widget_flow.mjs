// The contact's side end to end (issue 5), in two browser contexts against the real server:
// a contact on a phone-sized screen starts a chat in the widget; an agent accepts it in the
// console and replies with Sign on; the contact sees the agent typing, then the reply with the
// agent's name; the agent resolves; the contact writes again and the chat is back in Pending.
// Then the widget survives a reload and a server that goes away and comes back (offline banner,
// message kept and sent on reconnect). HTML in messages stays text. Screenshots of both sides.
// The contact's browser reaches the server through lib/network.mjs (a lost answer on demand).
import assert from 'node:assert/strict';
import {
  api, click, login, openConsole, runTest, screenshot, startServer, typeInto, waitFor, waitForState,
  watchCsp,
} from './lib/harness.mjs';
import { startProxy } from './lib/network.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function openWidget(browser, server) {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.problems = problems;
  await watchCsp(page, problems);
  const started = Date.now();
  await page.goto(`${server.url}/widget`);
  await page.getByTestId('widget-name').waitFor({ state: 'visible' });
  page.firstPaintMs = Date.now() - started;
  return page;
}

const widgetState = (page) => page.evaluate(() => window.switchboardWidget.state());
const bodies = (page) => page.getByTestId('widget-body').allTextContents();

async function waitForWidget(page, predicate, what) {
  return waitFor(async () => predicate(await widgetState(page)), { timeout: 15000, what });
}

await runTest('widget_flow', async ({ browser, step }) => {
  let server = await startServer();
  step(`server at ${server.url}`);

  // ---- 1. the contact starts a chat (360 px wide: a phone), through a proxy that can lose an answer
  const network = await startProxy(server);
  const widget = await openWidget(browser, network);
  const ready = await widget.evaluate(() => Math.round(performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd));
  step(`widget form visible after ${widget.firstPaintMs} ms (DOMContentLoaded after ${ready} ms)`);
  const overflow = await widget.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the widget scrolls sideways at 360 px (${overflow} px too wide)`);
  await widget.getByTestId('widget-queue').waitFor({ state: 'visible' });  // demo data: Support, Sales
  const queues = await widget.getByTestId('widget-queue').locator('option').allTextContents();
  assert.deepEqual(queues, ['Support', 'Sales']);
  await widget.getByTestId('widget-name').fill('Hanna <img src=x onerror=alert(1)>');
  await widget.getByTestId('widget-email').fill('hanna@example.com');
  await widget.getByTestId('widget-queue').selectOption({ label: 'Support' });
  await widget.getByTestId('widget-first-message').fill('My parcel <b>never</b> arrived.');
  await screenshot(widget, 'widget_flow-1-contact-form');
  // The first start reaches the server, but its answer is lost on the way back (the proxy cuts
  // the connection after the server answered): the widget shows an error; pressing Start again
  // must find that chat, not start a second one.
  const lost = network.loseNextAnswer('POST', '/api/v1/contact/chats');
  await widget.getByTestId('widget-start').click();
  await widget.getByTestId('widget-start-error').waitFor({ state: 'visible' });
  const lostStart = (await lost).json;
  assert.ok(lostStart && lostStart.chat_id > 0, 'the first start did not reach the server');
  await widget.getByTestId('widget-start').click();
  const { chatId } = await waitForWidget(widget, (s) => s.chatId > 0 && s.connection === 'online' && s.shown === 1 && s);
  assert.equal(chatId, lostStart.chat_id, 'the retried start made a second chat');
  const sam = (await login(server, 'sam', 'demo')).token;
  const found = (await api(server, 'GET', '/chats/search?q=Hanna', { token: sam })).json;
  assert.equal(found.chats.length, 1, `one chat for Hanna, found ${found.chats.length}`);
  step(`chat #${chatId} started (the retry after a lost answer found it), widget online`);
  assert.deepEqual(await bodies(widget), ['My parcel <b>never</b> arrived.']);
  assert.equal(await widget.locator('[data-testid="widget-messages"] b, img').count(), 0, 'HTML was interpreted');

  // ---- 2. the agent accepts it in the console and replies with Sign on
  const agent = await openConsole(browser, server);
  await typeInto(agent, 'login:user', 'alice');
  await typeInto(agent, 'login:password', 'demo');
  await click(agent, 'login:submit');
  let s = await waitForState(agent, (st) => st.session === 'logged_in' && st.connection === 'live', { timeout: 20000, what: 'alice logged in' });
  const agentName = s.me.name;
  if (!s.me.sign) {
    await click(agent, 'me:sign');
    await waitForState(agent, (st) => st.me.sign === true, { what: 'Sign on' });
  }
  step(`${agentName} logged in with Sign on`);
  await click(agent, 'tab:pending');
  await waitForState(agent, (st) => st.lists.pending.ids.includes(chatId), { what: `chat #${chatId} in Pending` });
  await click(agent, `accept#${chatId}`);
  await waitForState(agent, (st) => st.chats[chatId]?.status === 'working', { what: 'the chat accepted' });
  s = await waitForState(agent, (st) => st.chats[chatId]?.status === 'working', { what: 'working' });
  if (s.open_chat !== chatId) {
    await click(agent, 'tab:working');
    await click(agent, `chatrow#${chatId}`);
    await waitForState(agent, (st) => st.open_chat === chatId, { what: 'the chat open' });
  }
  step('accepted and open in the console');

  const reply = 'Hello Hanna, I am sorry! <i>Let me check</i> the tracking.';
  await typeInto(agent, 'chat:composer', reply.slice(0, 12));
  await widget.getByTestId('widget-typing').waitFor({ state: 'visible', timeout: 10000 });
  const typing = await widget.getByTestId('widget-typing').textContent();
  assert.equal(typing, `${agentName} is typing…`);
  step(`the contact sees "${typing}"`);
  await agent.keyboard.type(reply.slice(12), { delay: 30 });
  await sleep(300);
  await click(agent, 'chat:send');

  // ---- 3. the contact sees the reply with the agent's name
  await waitFor(async () => (await bodies(widget)).includes(reply), { timeout: 15000, what: 'the reply in the widget' });
  const staffMessage = widget.locator('[data-testid="widget-message"][data-author-type="staff"]').last();
  assert.equal(await staffMessage.getByTestId('widget-author').textContent(), agentName);
  assert.equal(await widget.locator('[data-testid="widget-messages"] i').count(), 0, 'HTML was interpreted');
  assert.ok(await widget.getByTestId('widget-typing').isHidden(), 'typing still shown after the reply');
  step(`the contact sees the reply signed "${agentName}"`);
  await screenshot(widget, 'widget_flow-2-contact-reply');
  await screenshot(agent, 'widget_flow-2-agent-reply');

  // ---- 4. the agent resolves; the contact writes again; the chat is Pending again
  await click(agent, 'chat:resolve');
  await waitForState(agent, (st) => st.chats[chatId]?.status === 'resolved', { what: 'resolved' });
  await widget.getByTestId('widget-notice').waitFor({ state: 'visible' });
  step('resolved; the widget says so');
  await widget.getByTestId('widget-input').fill('Sorry, one more question!');
  await widget.getByTestId('widget-input').press('Enter');
  await waitForState(agent, (st) => st.chats[chatId]?.status === 'pending' && st.lists.pending.ids.includes(chatId),
    { timeout: 15000, what: 'the chat back in Pending' });
  await click(agent, 'tab:pending');
  await waitForState(agent, (st) => st.ui.tab === 'pending', { what: 'the Pending tab' });
  assert.ok(await widget.getByTestId('widget-notice').isHidden(), 'the resolved notice stayed');
  step('the contact wrote again: the chat is back in Pending in the console');
  await sleep(300);
  await screenshot(widget, 'widget_flow-3-contact-again');
  await screenshot(agent, 'widget_flow-3-agent-pending');

  // ---- 5. a reload keeps the chat
  const before = await bodies(widget);
  await widget.reload();
  await waitForWidget(widget, (st) => st.chatId === chatId && st.connection === 'online' && st.shown === before.length,
    'the chat after a reload');
  assert.deepEqual(await bodies(widget), before);
  assert.ok(await widget.getByTestId('widget-start-form').isHidden());
  step('reload: same chat, same messages, online');

  // ---- 6. the server goes away: offline banner, the message is kept, sent on return
  const { db, port } = server;
  await server.kill();
  await widget.getByTestId('widget-offline').waitFor({ state: 'visible', timeout: 10000 });
  assert.equal((await widgetState(widget)).connection, 'offline');
  await widget.getByTestId('widget-input').fill('Are you still there?');
  await widget.getByTestId('widget-input').press('Enter');
  await waitForWidget(widget, (st) => st.outbox === 1, 'the message kept in the outbox');
  await screenshot(widget, 'widget_flow-4-contact-offline');
  step('server killed: offline banner shown, message kept');
  server = await startServer({ db, port, demo: false });
  await waitForWidget(widget, (st) => st.connection === 'online' && st.outbox === 0, 'reconnected and sent');
  assert.ok(await widget.getByTestId('widget-offline').isHidden());
  const alice = await login(server, 'alice', 'demo');
  const history = await api(server, 'GET', `/chats/${chatId}/messages?limit=200`, { token: alice.token });
  const texts = history.json.messages.filter((m) => m.kind === 'text').map((m) => m.body);
  assert.equal(texts.filter((t) => t === 'Are you still there?').length, 1, 'the offline message was stored once');
  step('server back: the widget reconnected and sent the kept message once');

  assert.deepEqual(widget.problems, [], 'the widget reported errors');
});
