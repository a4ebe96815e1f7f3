// Kiosk dashboard (issue 6, K1-K4) in Chromium against the real server with demo data: opened at
// /kiosk?token=<display token made with the admin CLI>, no login; the figures change when a
// contact starts a chat; it ticks about once a second while chats wait (not 60 fps); it says how
// old its figures are when the server goes away and recovers by itself when it is back; a bad
// token is explained on screen; with nothing changing it draws no frames at all. Screenshots at 1920x1080 and 1280x720 go to the artifacts.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { api, config, distinctColors, frames, openConsole, runTest, screenshot, startServer, state, waitForState } from './lib/harness.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function makeDisplayToken(server) {
  const r = spawnSync(config().server, ['admin', 'make-display-token', '--label', 'e2e wall', ...server.databaseArgs], { encoding: 'utf8' });
  assert.equal(r.status, 0, `admin make-display-token failed: ${r.stderr}${r.stdout}`);
  const token = r.stdout.trim();
  assert.match(token, /^sbd_/, `unexpected token ${token}`);
  return token;
}

await runTest('kiosk', async ({ browser, step }) => {
  const server = await startServer();
  const token = makeDisplayToken(server);
  step(`server at ${server.url}, display token made with the admin CLI`);

  const page = await openConsole(browser, server, { route: `/kiosk?token=${encodeURIComponent(token)}`, viewport: { width: 1920, height: 1080 } });
  let s = await waitForState(page, (st) => st.mode === 'kiosk' && st.connection === 'live' && st.stats, { what: 'live figures' });
  step(`live: ${s.stats.pending_total} pending, ${s.stats.incoming_today} incoming today, ${s.stats.agents.length} agents`);
  assert.equal(s.stats.incoming_per_hour.length, 24);
  assert.equal(s.tiles.pending.value, String(s.stats.pending_total));

  // A contact starts a chat: the figures follow within a few seconds.
  const before = s.stats;
  const started = await api(server, 'POST', '/contact/chats', { body: { name: 'Wall Test Contact', body: 'Is anybody watching the wall?' } });
  assert.equal(started.status, 201, started.text);
  s = await waitForState(page, (st) => st.stats && st.stats.pending_total === before.pending_total + 1, { what: 'pending to grow by one', timeout: 10000 });
  assert.equal(s.tiles.pending.value, String(before.pending_total + 1));
  assert.equal(s.stats.incoming_today, before.incoming_today + 1);
  assert.equal(s.stats.incoming_per_hour[23].count, before.incoming_per_hour[23].count + 1);
  const waiting = s.stats.longest_waiting.map((w) => w.chat_id);
  assert.ok(waiting.includes(started.json.chat_id) || waiting.length === 10, `chat ${started.json.chat_id} not among the longest waiting ${waiting}`);
  step(`a contact started chat #${started.json.chat_id}: pending ${before.pending_total} → ${s.stats.pending_total}`);

  // Ticking, not spinning: with chats waiting it draws about once a second.
  await sleep(1500);
  const f0 = await frames(page);
  await sleep(4000);
  const drawn = (await frames(page)) - f0;
  assert.ok(drawn >= 2 && drawn <= 8, `${drawn} frames in 4 s (expected about one a second)`);
  step(`${drawn} frames in 4 s while chats wait`);

  const colors = await distinctColors(page);
  assert.ok(colors >= 32, `the dashboard looks blank: ${colors} colours`);
  step(`screenshot ${await screenshot(page, 'kiosk-1920x1080')} (${colors} colours)`);

  await page.setViewportSize({ width: 1280, height: 720 });
  await sleep(500);
  step(`screenshot ${await screenshot(page, 'kiosk-1280x720')}`);
  await page.setViewportSize({ width: 1920, height: 1080 });

  // The server goes away: the screen says how old its figures are, then recovers by itself.
  const { db, port } = server;
  await server.kill();
  s = await waitForState(page, (st) => st.connection !== 'live' && st.banner, { what: 'the lost-connection banner', timeout: 15000 });
  assert.match(s.banner, /seconds? old|minutes? old/);
  await sleep(2500);
  s = await state(page);
  assert.ok(s.stats_age_seconds >= 2, `figures age ${s.stats_age_seconds}`);
  step(`offline: "${s.banner}"`);
  step(`screenshot ${await screenshot(page, 'kiosk-offline')}`);
  const again = await startServer({ db, port, demo: false });
  const another = await api(again, 'POST', '/contact/chats', { body: { name: 'After The Outage', body: 'hello again' } });
  assert.equal(another.status, 201, another.text);
  s = await waitForState(page, (st) => st.connection === 'live' && !st.banner && st.stats.pending_total === before.pending_total + 2, { what: 'reconnect and resync', timeout: 45000 });
  step(`back: live, ${s.stats.pending_total} pending, no banner`);

  // A bad token is explained, not a blank screen.
  const bad = await openConsole(browser, again, { route: '/kiosk?token=sbd_not_a_token', viewport: { width: 1280, height: 720 } });
  s = await waitForState(bad, (st) => st.problem === 'refused', { what: 'the refused token message' });
  assert.match(s.problem_text, /make-display-token/);
  step(`screenshot ${await screenshot(bad, 'kiosk-bad-token')}`);

  // Nothing waiting, nothing happening: no frames at all (until the 30 s refresh).
  const empty = await startServer({ demo: false });
  const quiet = await openConsole(browser, empty, { route: `/kiosk?token=${makeDisplayToken(empty)}`, viewport: { width: 1920, height: 1080 } });
  await waitForState(quiet, (st) => st.connection === 'live' && st.stats && st.stats_requests >= 2, { what: 'the quiet kiosk' });
  await sleep(1500);
  const q0 = await frames(quiet);
  await sleep(3000);
  const idle = (await frames(quiet)) - q0;
  assert.equal(idle, 0, `${idle} frames in 3 s with nothing to show changing`);
  step(`idle: 0 frames in 3 s; screenshot ${await screenshot(quiet, 'kiosk-empty')}`);

  assert.deepEqual(page.problems.filter((p) => !/WebSocket|ERR_CONNECTION_REFUSED|Failed to load resource/.test(p)), [], 'the page reported errors');
});
