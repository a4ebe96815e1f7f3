// Without WebGL 2 (issue 15): some corporate desktops, remote sessions and old devices have only
// WebGL 1, or no WebGL at all. In Chromium with getContext('webgl2') taken away, the console
// draws with WebGL 1 (ImGui's renderer built for GLSL ES 1.00): a real picture, a login through
// the canvas, a reply that reaches the contact. With 'webgl' taken away too, the page says what
// the agent can do (hardware acceleration, another browser) and its link reloads the page.
import assert from 'node:assert/strict';
import { distinctColors, openConsole, runTest, screenshot, startServer, typeInto, click, waitForState } from './lib/harness.mjs';
import { acceptFromPending, contactMessages, contactStartsChat, sendReply } from './lib/console.mjs';

// Run in the page before its scripts: the named context types are not offered.
function withoutWebGL(kinds) {
  const original = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
    if (kinds.includes(type)) return null;
    return original.call(this, type, ...rest);
  };
}

await runTest('webgl_fallback', async ({ browser, step }) => {
  const server = await startServer();

  // ---- WebGL 1 only
  const page = await openConsole(browser, server, { init: `(${withoutWebGL})(['webgl2', 'experimental-webgl2'])` });
  assert.equal(await page.evaluate(() => window.switchboard.webgl), 1, 'the console did not fall back to WebGL 1');
  assert.equal(await page.evaluate(() => document.createElement('canvas').getContext('webgl2')), null, 'WebGL 2 is still offered');
  const colors = await distinctColors(page);
  assert.ok(colors >= 16, `the WebGL 1 canvas looks blank: ${colors} colours`);
  step(`WebGL 1: first frame drawn, ${colors} colours`);
  await waitForState(page, (s) => s.session === 'logged_out', { what: 'the login screen' });
  await screenshot(page, 'webgl1-login');
  await typeInto(page, 'login:user', 'alice');
  await typeInto(page, 'login:password', 'demo');
  await click(page, 'login:submit');
  await waitForState(page, (s) => s.session === 'logged_in' && s.connection === 'live', { what: 'alice logged in on WebGL 1' });
  const chat = await contactStartsChat(server, 'Remote Desktop User', 'Hello from an old machine');
  await acceptFromPending(page, chat.id);
  const reply = 'Drawn with WebGL 1, typed on the canvas.';
  await sendReply(page, reply);
  await waitForState(page, (s) => s.outbox.length === 0 && s.messages.some((m) => m.body === reply), { what: 'the reply confirmed' });
  assert.equal((await contactMessages(server, chat)).filter((m) => m.body === reply).length, 1);
  await screenshot(page, 'webgl1-chat');
  step('WebGL 1: logged in, accepted, replied; the contact has the reply once');
  assert.deepEqual(page.problems, []);
  await page.context().close();

  // ---- no WebGL at all
  const none = await openConsole(browser, server, { init: `(${withoutWebGL})(['webgl2', 'experimental-webgl2', 'webgl', 'experimental-webgl'])`, waitReady: false });
  const text = await none.evaluate(async () => {
    for (let i = 0; i < 200 && !document.querySelector('[data-testid="no-webgl"]'); ++i) await new Promise((r) => setTimeout(r, 50));
    return document.querySelector('[data-testid="no-webgl"]')?.innerText ?? '';
  });
  assert.match(text, /cannot draw in this browser/);
  assert.match(text, /hardware acceleration/i);
  assert.match(text, /another browser/i);
  await screenshot(none, 'no-webgl');
  // The app was not started: no frame, no bridge, no error.
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal(await none.evaluate(() => !!(window.switchboard && window.switchboard.ready)), false, 'the app started without WebGL');
  step('no WebGL: the page says what to do');
  const link = await none.evaluate(() => {
    const a = document.querySelector('[data-testid="no-webgl-reload"]');
    const r = a.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2, href: a.href };
  });
  assert.equal(link.href, `${server.url}/`);
  await none.evaluate(() => (window.__beforeReload = true));
  await none.mouse.click(link.x, link.y);
  await none.waitForFunction(() => !window.__beforeReload && document.readyState === 'complete', null, { timeout: 10000 });
  assert.ok(await none.evaluate(() => !!document.querySelector('[data-testid="no-webgl"]')), 'after the reload the page says it again');
  step('its link reloads the page');
  assert.deepEqual(none.problems, []);
});
