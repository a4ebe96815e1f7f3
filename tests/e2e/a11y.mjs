// The accessible console (issue 13): a keyboard-only agent with a screen reader's view of the
// page. Driven ONLY through roles, accessible names and keys (getByRole, locator.focus(),
// keyboard.press, ARIA snapshots): no canvas coordinates, no test ids. The outcome is checked on
// the server (the contact's API and the staff API).
//   - log in by keyboard (Login, Tab, Password, Enter);
//   - Pending by its tab, "Accept #N", a reply typed into "Reply" and sent with Enter: the
//     contact gets it;
//   - the "Conversation" log under a MutationObserver: a new contact message is one added node,
//     typing changes nothing, nothing is rewritten;
//   - transfer through the dialog's roles; Escape closes a dialog and focus comes back;
//     mark as unread, return, resolve; delete with the confirmation and Undo;
//   - CDP Accessibility.getFullAXTree: every button and tab has a name and none is ignored;
//   - zoom (devicePixelRatio 1 → 1.5): controls keep their CSS size, so layout and type scale;
//   - idle: no frames; the kiosk's figures as a labelled list.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { api, colorCounts, config, frames, login, openConsole, runTest, screenshot, startServer, waitFor } from './lib/harness.mjs';
import { contactMessages, contactSays, contactStartsChat } from './lib/console.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The accessible name of the focused element (aria-label or text), and its role.
const focused = (page) => page.evaluate(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  return { name: el.getAttribute('aria-label') || el.textContent, role: el.getAttribute('role') || el.tagName.toLowerCase() };
});

// Focuses a control by role and name and presses a key on it.
async function press(locator, key = 'Enter') {
  await locator.waitFor({ timeout: 15000 });
  await locator.focus();
  await locator.page().keyboard.press(key);
}

async function chatOnServer(server, token, id) {
  const r = await api(server, 'GET', `/chats/${id}`, { token });
  return r.json;
}

async function untilServer(server, token, id, predicate, what) {
  return waitFor(async () => {
    const c = await chatOnServer(server, token, id);
    return c && predicate(c) ? c : null;
  }, { timeout: 15000, what });
}

await runTest('a11y', async ({ browser, step }) => {
  const server = await startServer();
  const { token } = await login(server, 'alice', 'demo');
  const bobId = (await login(server, 'bob', 'demo')).staff.id;
  const page = await openConsole(browser, server);

  // ---- Log in by keyboard ----
  const loginField = page.getByRole('textbox', { name: 'Login', exact: true });
  await loginField.waitFor({ timeout: 15000 });
  assert.equal(await page.getByRole('button', { name: 'Log in', exact: true }).count(), 1);
  await loginField.focus();
  await page.keyboard.type('alice'); // fast, then Tab: the focus move waits for the letters
  await page.keyboard.press('Tab');
  assert.deepEqual(await focused(page), { name: 'Password', role: 'input' }, 'Tab moves from Login to Password');
  await page.keyboard.type('demo');
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: 'Live updates: live' }).waitFor({ timeout: 15000 });
  step('logged in by keyboard, live');

  // ---- Pending by its tab, accept, reply with Enter ----
  const chat = await contactStartsChat(server, 'Olga Ivanova', 'My parcel arrived damaged.');
  const pendingTab = page.getByRole('tab', { name: /^Pending \(\d+\)$/ });
  await press(pendingTab);
  await waitFor(async () => (await pendingTab.getAttribute('aria-selected')) === 'true', { what: 'Pending selected' });
  const nav = await page.getByRole('navigation').ariaSnapshot();
  assert.match(nav, /tab "Pending \(\d+\)" \[selected\]/, `navigation snapshot:\n${nav}`);
  assert.match(nav, new RegExp(`listitem "#${chat.id} Olga Ivanova, Support, waiting less than a minute, unread"`), nav);
  // Arrow keys move within the tabs.
  await pendingTab.focus();
  await page.keyboard.press('ArrowLeft');
  assert.match((await focused(page)).name, /^Working On \(\d+\)$/, 'ArrowLeft: the tab before');
  await page.keyboard.press('ArrowRight');
  assert.match((await focused(page)).name, /^Pending \(\d+\)$/, 'ArrowRight: the tab after');
  await press(page.getByRole('button', { name: `Accept #${chat.id}`, exact: true }));
  await untilServer(server, token, chat.id, (c) => c.status === 'working', `#${chat.id} accepted`);
  const main = page.getByRole('main');
  await main.getByRole('heading', { name: new RegExp(`^#${chat.id} Olga Ivanova`) }).waitFor();
  const log = main.getByRole('log', { name: 'Conversation' });
  await log.getByText('Olga Ivanova: My parcel arrived damaged.').waitFor();
  const reply = main.getByRole('textbox', { name: 'Reply' });
  await reply.focus();
  await page.keyboard.type('Hello Olga, we will send a new one today.', { delay: 5 });
  await page.keyboard.press('Enter');
  await waitFor(async () => (await contactMessages(server, chat)).some((m) => m.body === 'Hello Olga, we will send a new one today.'),
    { what: 'the contact got the reply' }).catch(async (e) => {
    e.message += `\nmirror trail: ${JSON.stringify(await page.evaluate(() => Module.sbA11y.trail))}`;
    throw e;
  });
  await log.getByText('Alice Martin: Hello Olga, we will send a new one today.').waitFor();
  step(`#${chat.id}: accepted and answered by keyboard; the contact got the reply`);
  await screenshot(page, 'a11y-replied');

  // ---- The log: one node per new message, nothing on typing, nothing rewritten ----
  await log.evaluate((el) => {
    window.__logRecords = [];
    window.__logObserver = new MutationObserver((records) => {
      for (const r of records) {
        window.__logRecords.push({
          type: r.type,
          added: [...r.addedNodes].map((n) => n.textContent),
          removed: r.removedNodes.length,
          attribute: r.attributeName,
        });
      }
    });
    window.__logObserver.observe(el, { childList: true, subtree: true, characterData: true, attributes: true });
  });
  const before = await log.evaluate((el) => el.children.length);
  const domWork = () => page.evaluate(() => ({ ...Module.sbA11y.domWork }));
  const w0 = await domWork();
  await contactSays(server, chat, 'Thank you! Order 4411.');
  await log.getByText('Olga Ivanova: Thank you! Order 4411.').waitFor();
  await sleep(300);
  const w1 = await domWork();
  const perChange = (a, b) => `${b.updates - a.updates} updates, ${(b.ms - a.ms).toFixed(2)} ms, ` +
    `${b.created - a.created} created, ${b.removed - a.removed} removed, ${b.moved - a.moved} placed, ${b.attrs - a.attrs} attributes`;
  console.log(`[a11y] DOM work for one new contact message: ${perChange(w0, w1)}`);
  let records = await page.evaluate(() => window.__logRecords.splice(0));
  assert.deepEqual(records, [{ type: 'childList', added: ['Olga Ivanova: Thank you! Order 4411.'], removed: 0, attribute: null }],
    `a new message is exactly one appended node: ${JSON.stringify(records)}`);
  assert.equal(await log.evaluate((el) => el.children.length), before + 1);
  await reply.focus();
  await page.keyboard.type('typing, not sent', { delay: 5 });
  await sleep(500);
  records = await page.evaluate(() => window.__logRecords.splice(0));
  assert.deepEqual(records, [], 'typing changes nothing in the log');
  const w2 = await domWork();
  console.log(`[a11y] DOM work while typing 16 letters: ${perChange(w1, w2)}`);
  assert.equal(w2.updates, w1.updates, 'typing sends no tree to the mirror');
  for (let i = 0; i < 'typing, not sent'.length; ++i) await page.keyboard.press('Backspace');
  step('log: one node per message, nothing on typing');

  // ---- Transfer through the dialog; Escape closes it and focus comes back ----
  const transferButton = main.getByRole('button', { name: 'Transfer', exact: true });
  await press(transferButton);
  let dialog = page.getByRole('dialog', { name: `Transfer chat #${chat.id}` });
  await dialog.waitFor();
  assert.equal(await dialog.getAttribute('aria-modal'), 'true');
  await waitFor(async () => (await focused(page))?.name === 'Staff member', { what: 'focus in the dialog' });
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  await waitFor(async () => (await focused(page))?.name === 'Transfer', { what: 'focus back on Transfer' });
  step('Escape closed the dialog; focus came back to Transfer');
  await press(transferButton);
  dialog = page.getByRole('dialog', { name: `Transfer chat #${chat.id}` });
  await dialog.waitFor();
  await dialog.getByRole('textbox', { name: 'Staff member' }).focus();
  await page.keyboard.type('bob', { delay: 10 });
  await press(dialog.getByRole('option', { name: /^Bob Novak/ }));
  await waitFor(async () => (await dialog.getByRole('option', { name: /^Bob Novak/ }).getAttribute('aria-selected')) === 'true',
    { what: 'Bob selected' });
  assert.equal(await dialog.getByRole('combobox', { name: 'Queue' }).count(), 1, await dialog.ariaSnapshot());
  await screenshot(page, 'a11y-transfer-dialog');
  await press(dialog.getByRole('button', { name: 'Transfer', exact: true }));
  await untilServer(server, token, chat.id, (c) => c.assignee?.id === bobId, `#${chat.id} transferred to Bob`);
  await dialog.waitFor({ state: 'detached' });
  step('transferred to Bob through the dialog');

  // ---- Mark as unread, return, accept again, resolve ----
  const second = await contactStartsChat(server, 'Jonas Berg', 'Can I change my address?');
  await press(pendingTab);
  await press(page.getByRole('button', { name: `Accept #${second.id}`, exact: true }));
  await untilServer(server, token, second.id, (c) => c.status === 'working', `#${second.id} accepted`);
  await press(main.getByRole('button', { name: 'Mark as unread', exact: true }));
  await untilServer(server, token, second.id, (c) => c.unread === true, `#${second.id} unread`);
  // Marking unread closes the chat; its row (in the list under the Working On tab) opens it.
  await press(page.getByRole('tab', { name: /^Working On/ }));
  const jonasRow = page.getByRole('list', { name: 'Chats' }).getByRole('button', { name: new RegExp(`^#${second.id} Jonas Berg, Support, Alice Martin, unread$`) });
  await press(jonasRow);
  await press(main.getByRole('button', { name: 'Return', exact: true }));
  await untilServer(server, token, second.id, (c) => c.status === 'pending', `#${second.id} returned`);
  await press(pendingTab);
  await press(page.getByRole('button', { name: `Accept #${second.id}`, exact: true }));
  await untilServer(server, token, second.id, (c) => c.status === 'working', `#${second.id} accepted again`);
  await press(main.getByRole('button', { name: 'Resolve', exact: true }));
  await untilServer(server, token, second.id, (c) => c.status === 'resolved', `#${second.id} resolved`);
  step(`#${second.id}: marked unread, returned, accepted again, resolved`);

  // ---- Delete with the confirmation, then Undo ----
  const third = await contactStartsChat(server, 'Mei Chen', 'Please delete my data.');
  await press(pendingTab);
  await press(page.getByRole('button', { name: `Accept #${third.id}`, exact: true }));
  await untilServer(server, token, third.id, (c) => c.status === 'working', `#${third.id} accepted`);
  await press(main.getByRole('button', { name: 'Delete', exact: true }));
  const confirm = page.getByRole('dialog', { name: `Delete chat #${third.id}?` });
  await confirm.waitFor();
  assert.equal(await confirm.getAttribute('aria-modal'), 'true');
  // The rest is inert while the dialog is open.
  assert.equal(await page.getByRole('tab', { name: /^Pending/ }).evaluate((el) => el.closest('[inert]') !== null), true,
    'the tabs are inert behind the dialog');
  for (let i = 0; i < 4; ++i) {
    await page.keyboard.press('Tab');
    assert.equal(await confirm.evaluate((d) => d.contains(document.activeElement)), true,
      `Tab ${i + 1} stays in the dialog; focus on ${JSON.stringify(await focused(page))}, trail ${JSON.stringify(await page.evaluate(() => Module.sbA11y.trail.slice(-8)))}`);
  }
  await screenshot(page, 'a11y-delete-dialog');
  await press(confirm.getByRole('button', { name: 'Delete', exact: true }));
  await waitFor(async () => {
    const r = await api(server, 'GET', `/chats/${third.id}`, { token });
    return r.status === 404 || r.json?.deleted === true;
  }, { what: `#${third.id} deleted on the server` });
  await press(page.getByRole('button', { name: 'Undo', exact: true }));
  await untilServer(server, token, third.id, (c) => c.deleted === false, `#${third.id} restored by Undo`);
  step(`#${third.id}: deleted after the confirmation, restored by Undo`);

  // ---- The accessibility tree as Chromium gives it to assistive technology ----
  await press(page.getByRole('tab', { name: /^Working On/ }));
  // Arrow keys move within the list: Home is the first row, Down the next one.
  const rows = page.getByRole('list', { name: 'Chats' }).getByRole('button', { name: /^#\d+ / });
  await rows.first().focus();
  await page.keyboard.press('End');
  const last = (await focused(page)).name;
  await page.keyboard.press('Home');
  const firstRow = (await focused(page)).name;
  await page.keyboard.press('ArrowDown');
  const secondRow = (await focused(page)).name;
  assert.ok(firstRow !== secondRow && /^#\d+ /.test(secondRow) && /^#\d+ /.test(last), `rows by arrows: ${firstRow} / ${secondRow} / ${last}`);
  await press(page.getByRole('list', { name: 'Chats' }).getByRole('button', { name: new RegExp(`^#${third.id} Mei Chen`) }));
  await main.getByRole('button', { name: 'Send', exact: true }).waitFor();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Accessibility.enable');
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const controls = nodes.filter((n) => ['button', 'tab'].includes(n.role?.value) ||
    (n.ignored && ['button', 'tab'].includes(n.chromeRole?.value)));
  const bad = controls.filter((n) => n.ignored || !n.name?.value?.trim());
  assert.ok(controls.length >= 15, `buttons and tabs in the AX tree: ${controls.length}`);
  assert.deepEqual(bad.map((n) => `${n.role?.value} "${n.name?.value}" ignored=${n.ignored}`), [], 'every button and tab is named and exposed');
  step(`AX tree: ${controls.length} buttons and tabs, all named, none ignored`);

  // ---- Zoom: devicePixelRatio 1 → 1.5 keeps CSS sizes (layout and type scale with it) ----
  const send = main.getByRole('button', { name: 'Send', exact: true });
  await send.waitFor();
  const box1 = await send.boundingBox();
  const canvas1 = await page.evaluate(() => document.getElementById('canvas').width);
  await cdp.send('Emulation.setDeviceMetricsOverride', { width: 1280, height: 800, deviceScaleFactor: 1.5, mobile: false });
  await waitFor(async () => (await page.evaluate(() => document.getElementById('canvas').width)) !== canvas1, { what: 'the canvas re-sized for DPR 1.5' });
  await sleep(300);
  const box2 = await send.boundingBox();
  const canvas2 = await page.evaluate(() => document.getElementById('canvas').width);
  assert.equal(canvas2, Math.round(canvas1 * 1.5), 'the canvas has 1.5x the device pixels');
  for (const k of ['x', 'y', 'width', 'height']) assert.ok(Math.abs(box1[k] - box2[k]) <= 1, `Send keeps its CSS ${k}: ${box1[k]} → ${box2[k]}`);
  await screenshot(page, 'a11y-zoom-150');
  await cdp.send('Emulation.clearDeviceMetricsOverride');

  // ---- The system's contrast setting: the high-contrast theme (black background) ----
  const commonest = async () => (await colorCounts(page, { stride: 4 }))[0][0];
  const normalBg = await commonest();
  await page.emulateMedia({ forcedColors: 'active' });
  await waitFor(async () => (await commonest()) === 0x000000, { what: 'the high-contrast theme (black background)' });
  await screenshot(page, 'a11y-high-contrast');
  await page.emulateMedia({ forcedColors: 'none' });
  await waitFor(async () => (await commonest()) === normalBg, { what: 'the normal theme back' });
  step(`forced-colors: the high-contrast theme and back (background #${normalBg.toString(16).padStart(6, '0')})`);
  step(`zoom: Send stays ${box2.width}x${box2.height} CSS px at DPR 1.5 (canvas ${canvas1} → ${canvas2} px wide)`);

  // ---- Idle: the mirror causes no frames; DOM work per change ----
  // Once the "Chat #N is restored." notice has gone, nothing on screen changes by itself.
  await page.getByRole('region', { name: 'Notifications' }).waitFor({ state: 'detached', timeout: 20000 });
  await sleep(1000);
  const f0 = await frames(page);
  const t0 = await page.evaluate(() => Module.sbA11y.trail.length);
  const u0 = await page.evaluate(() => Module.sbA11y.domWork.updates);
  await sleep(2500);
  const idleFrames = (await frames(page)) - f0;
  const idleCommands = await page.evaluate((n) => Module.sbA11y.trail.slice(n), t0);
  const idleUpdates = (await page.evaluate(() => Module.sbA11y.domWork.updates)) - u0;
  console.log(`[a11y] idle 2.5 s: ${idleFrames} frames, ${idleUpdates} mirror updates, commands ${JSON.stringify(idleCommands)}`);
  const work = await page.evaluate(() => Module.sbA11y.domWork);
  console.log(`[a11y] DOM work: ${JSON.stringify(work)}; ${(work.ms / work.updates).toFixed(3)} ms per update`);
  assert.deepEqual(idleCommands, [], 'the mirror sends nothing while idle');
  assert.equal(idleUpdates, 0, 'no mirror update while idle');
  assert.ok(idleFrames <= 1, `idle frames over 2.5 s: ${idleFrames}`); // 1: a server ping's watchdog wake
  assert.deepEqual(page.problems, []);

  // ---- The kiosk reads out its figures ----
  const r = spawnSync(config().server, ['admin', 'make-display-token', '--label', 'a11y wall', ...server.databaseArgs], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const kiosk = await openConsole(browser, server, { route: `/kiosk?token=${encodeURIComponent(r.stdout.trim())}`, viewport: { width: 1920, height: 1080 } });
  const figures = kiosk.getByRole('list', { name: 'Figures' });
  await figures.getByRole('listitem').filter({ hasText: /^Pending: \d+/ }).waitFor({ timeout: 15000 });
  const figureTexts = await figures.getByRole('listitem').allTextContents();
  assert.ok(figureTexts.some((t) => /^Longest wait: /.test(t)), figureTexts.join(' | '));
  console.log(`[a11y] kiosk figures: ${figureTexts.join(' | ')}`);
  assert.ok((await kiosk.getByRole('list', { name: 'Queues' }).getByRole('listitem').count()) > 0);
  assert.deepEqual(kiosk.problems, []);
  step('kiosk: figures readable as a labelled list');
});
