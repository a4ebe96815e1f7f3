// From an empty database to a working team, in the console alone (issue 14's "done when"): the
// server starts with no demo data; the first admin is made with the CLI (the one step the issue
// leaves to it: "what scripts and the first setup use"); everything else happens on the canvas.
// The admin creates a queue and an agent in it and makes a display token; the kiosk opens with
// it; a contact writes into the new queue; the agent logs in, accepts and replies, and the
// contact receives the reply; the kiosk counts the chat. Screenshots go to the artifacts.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { click, config, openConsole, runTest, screenshot, startServer, typeInto, waitForState } from './lib/harness.mjs';
import { acceptFromPending, contactMessages, contactStartsChat, sendReply } from './lib/console.mjs';

await runTest('admin_from_empty', async ({ browser, step }) => {
  const server = await startServer({ demo: false });
  const made = spawnSync(config().server, ['admin', 'add-staff', '--login', 'root', '--name', 'Rita Root', '--role', 'admin',
    '--password', 'first-admin-pw', ...server.databaseArgs], { encoding: 'utf8' });
  assert.equal(made.status, 0, `admin add-staff: ${made.stderr}`);
  step('empty database; the first admin made with the CLI');

  const admin = await openConsole(browser, server, { viewport: { width: 1440, height: 900 } });
  await waitForState(admin, (s) => s.session === 'logged_out', { what: 'the login screen' });
  await typeInto(admin, 'login:user', 'root');
  await typeInto(admin, 'login:password', 'first-admin-pw');
  await click(admin, 'login:submit');
  let s = await waitForState(admin, (st) => st.session === 'logged_in' && st.ui.screen === 'admin' && st.admin.staff.length === 1,
    { what: 'the admin on the Admin screen' });
  assert.equal(s.admin.queues.length, 0, 'no queues yet');

  // A queue.
  await click(admin, 'admin:tab:queues');
  await typeInto(admin, 'queue:new-name', 'Help Desk');
  await click(admin, 'queue:create');
  s = await waitForState(admin, (st) => st.admin.queues.some((q) => q.name === 'Help Desk'), { what: 'queue Help Desk' });
  const queue = s.admin.queues.find((q) => q.name === 'Help Desk');
  step(`queue Help Desk created (#${queue.id})`);

  // An agent in it, from the create form.
  await click(admin, 'admin:tab:staff');
  await click(admin, 'staff:add');
  await typeInto(admin, 'staff:login', 'ann');
  await typeInto(admin, 'staff:name', 'Ann Agent');
  await click(admin, `staff:queue#${queue.id}`);
  await typeInto(admin, 'staff:password', 'ann-password-1');
  await click(admin, 'staff:save');
  s = await waitForState(admin, (st) => st.admin.staff.some((p) => p.login === 'ann') && !st.ui.staff_form, { what: 'Ann created' });
  const ann = s.admin.staff.find((p) => p.login === 'ann');
  assert.equal(ann.role, 'agent');
  assert.deepEqual(ann.queues, [queue.id]);
  step(`agent Ann created in Help Desk (#${ann.id})`);
  await screenshot(admin, 'admin-from-empty-staff');

  // A display token, and the kiosk with it.
  await click(admin, 'admin:tab:tokens');
  await typeInto(admin, 'token:label', 'Front wall');
  await click(admin, 'token:create');
  s = await waitForState(admin, (st) => st.admin.new_token, { what: 'the new display token' });
  const kiosk = await openConsole(browser, server, { route: `/kiosk?token=${encodeURIComponent(s.admin.new_token.token)}`, viewport: { width: 1280, height: 720 } });
  await waitForState(kiosk, (st) => st.mode === 'kiosk' && st.connection === 'live' && st.stats, { what: 'the kiosk live' });
  step('display token made; the kiosk is live with it');

  // A contact writes into the new queue; the agent takes and answers it.
  const chat = await contactStartsChat(server, 'Pat Customer', 'Is anybody there?', queue.id);
  const agent = await openConsole(browser, server);
  await waitForState(agent, (st) => st.session === 'logged_out', { what: "Ann's login screen" });
  await typeInto(agent, 'login:user', 'ann');
  await typeInto(agent, 'login:password', 'ann-password-1');
  await click(agent, 'login:submit');
  await waitForState(agent, (st) => st.session === 'logged_in' && st.connection === 'live', { what: 'Ann logged in' });
  await acceptFromPending(agent, chat.id);
  await sendReply(agent, 'Yes, Ann here. How can I help?');
  await waitForState(agent, (st) => st.outbox.length === 0 && st.messages.some((m) => m.body === 'Yes, Ann here. How can I help?'),
    { what: 'the reply confirmed' });
  const seen = await contactMessages(server, chat);
  assert.ok(seen.some((m) => m.body === 'Yes, Ann here. How can I help?'), `the contact got the reply: ${JSON.stringify(seen.map((m) => m.body))}`);
  step(`#${chat.id}: Ann accepted it and the contact got her reply`);
  await screenshot(agent, 'admin-from-empty-agent');

  s = await waitForState(kiosk, (st) => st.stats?.agents?.some((a) => a.staff.id === ann.id && a.working === 1),
    { what: 'the kiosk counting Ann\'s chat' });
  step('the kiosk shows Ann working on 1 chat');
  await screenshot(kiosk, 'admin-from-empty-kiosk');

  for (const page of [admin, agent, kiosk])
    assert.deepEqual(page.problems.filter((p) => !/WebSocket/.test(p)), [], 'no page errors');
});
