// The Admin screen (issue 14) in Chromium against the real server with demo data, every step made
// on the canvas with the real mouse and keyboard: the admin (who lands on the Admin screen)
// creates a queue and an agent, puts the agent into the queue with the membership matrix and sets
// a new password; the agent logs in in a second context and sees the queue's pending chat and
// accepts it; the admin deactivates the agent, whose console is back at the login screen at once
// and whose chat is Pending again; the admin makes a display token (shown once, with the kiosk
// URL), the kiosk opens with it, and revoking it shows the kiosk's "not authorised" state; a
// supervisor clicks the chat's system line and gets the chat's audit log; the admin sets an
// integration's webhook from the Tokens tab.
// Screenshots of each screen go to the artifacts.
import assert from 'node:assert/strict';
import { api, click, findItem, login, openConsole, runTest, screenshot, startServer, state, typeInto, waitForState } from './lib/harness.mjs';
import { loginViaCanvas } from './lib/console.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

await runTest('admin', async ({ browser, step }) => {
  const server = await startServer();
  step(`server at ${server.url}`);

  // ---- the admin lands on the Admin screen
  const admin = await loginViaCanvas(browser, server, 'admin', { viewport: { width: 1440, height: 900 } });
  let s = await waitForState(admin, (st) => st.ui.screen === 'admin' && st.admin.staff.length > 0 && st.admin.queues.length > 0,
    { what: 'the Admin screen with staff and queues' });
  step(`admin lands on the Admin screen: ${s.admin.staff.length} staff, ${s.admin.queues.length} queues`);
  await findItem(admin, 'staff:row#' + s.admin.staff[0].id);
  step(`screenshot ${await screenshot(admin, 'admin-staff')}`);

  // ---- a queue
  await click(admin, 'admin:tab:queues');
  await typeInto(admin, 'queue:new-name', 'Returns');
  await click(admin, 'queue:create');
  s = await waitForState(admin, (st) => st.admin.queues.some((q) => q.name === 'Returns'), { what: 'queue Returns' });
  const returns = s.admin.queues.find((q) => q.name === 'Returns');
  step(`queue Returns created (#${returns.id})`);

  // A refused name is shown beside its field: the same name again.
  await typeInto(admin, 'queue:new-name', 'Returns');
  await click(admin, 'queue:create');
  const nameError = await findItem(admin, 'queue:error:name');
  const nameField = await findItem(admin, 'queue:new-name');
  assert.ok(Math.abs((nameError.y + nameError.h / 2) - (nameField.y + nameField.h / 2)) < 16, 'the error is beside the field');
  step(`a taken name is refused beside the field: "${nameError.label.trim()}"`);
  await typeInto(admin, 'queue:new-name', '');

  // ---- an agent
  await click(admin, 'admin:tab:staff');
  await click(admin, 'staff:add');
  await typeInto(admin, 'staff:login', 'dana');
  await typeInto(admin, 'staff:name', 'Dana Agent');
  await typeInto(admin, 'staff:password', 'first-password');
  step(`screenshot ${await screenshot(admin, 'admin-staff-form')}`);
  await click(admin, 'staff:save');
  s = await waitForState(admin, (st) => st.admin.staff.some((p) => p.login === 'dana') && !st.ui.staff_form, { what: 'Dana created' });
  const dana = s.admin.staff.find((p) => p.login === 'dana');
  assert.equal(dana.role, 'agent');
  step(`agent dana created (#${dana.id})`);

  // ---- into the queue, with the membership matrix
  await click(admin, 'admin:tab:queues');
  await click(admin, `member#${returns.id}:${dana.id}`);
  s = await waitForState(admin, (st) => st.admin.queues.find((q) => q.id === returns.id)?.members.includes(dana.id),
    { what: 'Dana in Returns' });
  const asAdmin = await login(server, 'admin', 'demo');
  const staffNow = await api(server, 'GET', '/admin/staff', { token: asAdmin.token });
  assert.ok(staffNow.json.staff.find((p) => p.id === dana.id).queues.includes(returns.id), 'the server has Dana in Returns');
  step(`screenshot ${await screenshot(admin, 'admin-queues')}`);

  // ---- a new password, confirmed in a dialog
  await click(admin, 'admin:tab:staff');
  await click(admin, `staff:reset#${dana.id}`);
  await typeInto(admin, 'reset:password', 'dana-password-2');
  step(`screenshot ${await screenshot(admin, 'admin-reset-password')}`);
  await click(admin, 'reset:confirm');
  await waitForState(admin, (st) => st.admin.forms.account.changes >= 1 && !st.admin.forms.account.saving, { what: 'the new password' });
  assert.equal((await api(server, 'POST', '/auth/login', { body: { login: 'dana', password: 'first-password' } })).status, 401);
  step('password reset: the first one no longer works');

  // ---- a chat waits in Returns; Dana logs in (second context) and sees it
  const chat = await api(server, 'POST', '/contact/chats', { body: { name: 'Ruth Returns', body: 'I want to send my order back', queue_id: returns.id } });
  assert.equal(chat.status, 201, chat.text);
  const chatId = chat.json.chat_id;
  // The pending counts follow on the Queues tab (admins get no chat events: it reads them every
  // 5 s while the tab is shown).
  await click(admin, 'admin:tab:queues');
  s = await waitForState(admin, (st) => st.admin.queues.find((q) => q.id === returns.id)?.pending === 1, { what: 'Returns pending 1 (live)', timeout: 10000 });
  step(`a contact waits in Returns (#${chatId}): the admin's pending count followed on the Queues tab`);
  await click(admin, 'admin:tab:staff');

  const agent = await openConsole(browser, server, { viewport: { width: 1280, height: 800 } });
  await waitForState(agent, (st) => st.session === 'logged_out', { what: 'the login screen' });
  await typeInto(agent, 'login:user', 'dana');
  await typeInto(agent, 'login:password', 'dana-password-2');
  await click(agent, 'login:submit');
  s = await waitForState(agent, (st) => st.session === 'logged_in' && st.connection === 'live' && st.ui.screen === 'inbox' && st.lists.pending.ids.includes(chatId),
    { what: `Dana sees #${chatId} in Pending`, timeout: 15000 });
  assert.ok(!(await state(agent)).ui.screen || s.ui.screen === 'inbox');
  step(`Dana logged in and sees #${chatId} in Pending`);
  await click(agent, `accept#${chatId}`);
  await waitForState(agent, (st) => st.chats[chatId]?.status === 'working', { what: `Dana took #${chatId}` });
  step(`screenshot ${await screenshot(agent, 'agent-working')}`);

  // ---- deactivated: Dana's console is back at the login screen at once, the chat is Pending
  await click(admin, `staff:deactivate#${dana.id}`);
  await findItem(admin, 'deactivate:confirm');
  step(`screenshot ${await screenshot(admin, 'admin-deactivate-confirm')}`);
  const t0 = Date.now();
  await click(admin, 'deactivate:confirm');
  s = await waitForState(agent, (st) => st.session === 'logged_out', { what: 'Dana logged out', timeout: 5000 });
  assert.match(s.login_error, /Your session has ended/);
  step(`Dana's console returned to the login screen after ${Date.now() - t0} ms: "${s.login_error}"`);
  await sleep(300);
  step(`screenshot ${await screenshot(agent, 'agent-deactivated')}`);
  const sam = await login(server, 'sam', 'demo'); // admins see no chats: a supervisor looks
  const after = await api(server, 'GET', `/chats/${chatId}`, { token: sam.token });
  assert.equal(after.json.status, 'pending', `chat ${chatId} is ${after.json.status}`);
  assert.equal(after.json.queue.id, returns.id);
  s = await waitForState(admin, (st) => st.admin.staff.find((p) => p.id === dana.id)?.active === false, { what: 'Dana inactive in the table' });
  step(`#${chatId} is Pending in Returns again; Dana shows as deactivated`);
  await findItem(admin, `staff:reactivate#${dana.id}`);
  step(`screenshot ${await screenshot(admin, 'admin-staff-deactivated')}`);

  // ---- the supervisor opens the chat: its system line links to the chat's audit log
  const supervisor = await loginViaCanvas(browser, server, 'sam', { viewport: { width: 1280, height: 800 } });
  await waitForState(supervisor, (st) => st.lists.pending.ids.includes(chatId), { what: `#${chatId} in Sam's Pending` });
  await click(supervisor, 'tab:pending');
  await click(supervisor, `chatrow#${chatId}`);
  const history = (await api(server, 'GET', `/chats/${chatId}/messages`, { token: sam.token })).json.messages;
  const deactivated = history.filter((m) => m.kind === 'system').pop();
  assert.match(deactivated.body, /Dana Agent was deactivated/);
  await click(supervisor, `history:system#${deactivated.id}`);
  s = await waitForState(supervisor, (st) => st.ui.screen === 'admin' && st.ui.admin_tab === 'audit' &&
    st.admin.audit_filter.chat_id === chatId && st.admin.audit > 0, { what: `the audit log of #${chatId}` });
  const audit = await api(server, 'GET', `/admin/audit?chat_id=${chatId}`, { token: sam.token });
  assert.equal(s.admin.audit, audit.json.items.length, 'the rows of this chat, no other');
  step(`the system line opened the audit log of #${chatId}: ${s.admin.audit} rows (${audit.json.items.map((i) => i.action).join(', ')})`);
  await sleep(300);
  step(`screenshot ${await screenshot(supervisor, 'supervisor-chat-audit')}`);

  // ---- a display token, shown once, and the kiosk with it
  await click(admin, 'admin:tab:tokens');
  await typeInto(admin, 'token:label', 'Wall screen');
  await click(admin, 'token:create');
  s = await waitForState(admin, (st) => st.admin.new_token, { what: 'the new token' });
  const token = s.admin.new_token.token;
  assert.match(token, /^sbd_/);
  await findItem(admin, 'token:kiosk-url');
  await click(admin, 'token:copy-url');
  step(`screenshot ${await screenshot(admin, 'admin-token-made')}`);
  const kiosk = await openConsole(browser, server, { route: `/kiosk?token=${encodeURIComponent(token)}`, viewport: { width: 1280, height: 720 } });
  s = await waitForState(kiosk, (st) => st.mode === 'kiosk' && st.connection === 'live' && st.stats, { what: 'the kiosk live' });
  step(`the kiosk opened with the new token: ${s.stats.pending_total} pending`);
  step(`screenshot ${await screenshot(kiosk, 'kiosk-with-new-token')}`);

  // ---- revoked: the kiosk says it is not authorised
  await click(admin, 'token:dismiss');
  const tokenId = (await state(admin)).admin.tokens.find((t) => t.label === 'Wall screen').id;
  await click(admin, `token:revoke#${tokenId}`);
  await findItem(admin, 'revoke:confirm');
  step(`screenshot ${await screenshot(admin, 'admin-revoke-confirm')}`);
  await click(admin, 'revoke:confirm');
  await waitForState(admin, (st) => !st.admin.tokens.some((t) => t.id === tokenId), { what: 'the token gone from the list' });
  s = await waitForState(kiosk, (st) => st.problem === 'refused', { what: 'the kiosk refused', timeout: 15000 });
  step(`revoked: the kiosk shows "${s.problem_text}"`);
  step(`screenshot ${await screenshot(kiosk, 'kiosk-revoked')}`);

  // ---- an integration's webhook, set from the Tokens tab (its signing secret shown once)
  await click(admin, 'token:kind');
  await click(admin, 'token:kind:integration');
  await typeInto(admin, 'token:label', 'crm');
  await click(admin, 'token:create');
  s = await waitForState(admin, (st) => st.admin.new_token?.label === 'crm', { what: 'the integration token' });
  const crmId = s.admin.new_token.id;
  await click(admin, 'token:dismiss');
  await click(admin, `token:webhook#${crmId}`);
  await typeInto(admin, 'webhook:url', 'http://127.0.0.1:9/switchboard-hook');
  await click(admin, 'webhook:save');
  s = await waitForState(admin, (st) => st.admin.webhook_secret, { what: 'the webhook secret' });
  assert.match(s.admin.webhook_secret, /^whsec_/);
  await findItem(admin, 'webhook:secret');
  step(`screenshot ${await screenshot(admin, 'admin-webhook-set')}`);
  await click(admin, 'webhook:done');
  const listed = await api(server, 'GET', '/admin/tokens', { token: asAdmin.token });
  assert.equal(listed.json.tokens.find((t) => t.id === crmId).webhook.url, 'http://127.0.0.1:9/switchboard-hook');
  step('the integration\'s webhook is set from the console (the server lists it)');

  // ---- settings and audit are drawn
  await click(admin, 'admin:tab:settings');
  await findItem(admin, 'settings:wait_amber_seconds');
  step(`screenshot ${await screenshot(admin, 'admin-settings')}`);
  await click(admin, 'admin:tab:audit');
  await sleep(500);
  step(`screenshot ${await screenshot(admin, 'admin-audit')}`);

  for (const page of [admin, agent, kiosk, supervisor])
    assert.deepEqual(page.problems.filter((p) => !/WebSocket/.test(p)), [], 'no page errors');
});
