// The one-line snippet (issue 5): a shop's page on another origin pastes
//   <script src="http://<server>/embed.js" async></script>
// and gets a launcher button; a click opens the widget in a panel (an iframe of /widget) where a
// contact starts a chat that reaches the server. Pasted twice, it still adds one launcher. On a
// phone the panel fills the screen. Screenshots of the shop page, closed and open.
import assert from 'node:assert/strict';
import http from 'node:http';
import { api, login, runTest, screenshot, startServer, waitFor, watchCsp } from './lib/harness.mjs';

// The shop is another origin than the server (another port), served by a little node HTTP
// server of the test's own. It is on loopback too, because Chromium's Local Network Access keeps
// public pages from loading loopback resources (a real shop and a real server are both public).
async function startShop(serverUrl) {
  const shop = http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(shopPage(serverUrl));
  });
  await new Promise((resolve) => shop.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${shop.address().port}/`, close: () => shop.close() };
}

function shopPage(serverUrl) {
  const snippet = `<script src="${serverUrl}/embed.js" async></script>`;
  return `<!doctype html><html><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>A shop</title>
<style>body{font:16px sans-serif;margin:0;padding:24px;background:#fafaf7}h1{margin-top:0}</style></head>
<body><h1>Tea &amp; Kettles</h1><p>Our finest kettles, delivered in two days.</p>
${snippet}
${snippet}
</body></html>`;
}

async function openShop(browser, shopUrl, viewport) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/.test(m.text())) page.problems.push(`console: ${m.text()}`);
  });
  // The widget's policy lets any site frame it when no --widget-embed-origins are given; a
  // violation inside the frame (or a refused frame) shows here.
  await watchCsp(page, page.problems);
  await page.goto(shopUrl);
  await page.getByTestId('switchboard-launcher').waitFor({ state: 'visible' });
  return page;
}

await runTest('widget_embed', async ({ browser, step }) => {
  const server = await startServer();
  const shopServer = await startShop(server.url);
  step(`server at ${server.url}, shop at ${shopServer.url}`);

  // ---- desktop: launcher, panel, a chat started inside the iframe
  const shop = await openShop(browser, shopServer.url, { width: 1280, height: 800 });
  assert.equal(await shop.getByTestId('switchboard-launcher').count(), 1, 'the snippet pasted twice added two launchers');
  assert.equal(await shop.locator('iframe').count(), 0, 'the widget loaded before anyone asked for it');
  await screenshot(shop, 'widget_embed-1-shop-closed');
  step('one launcher on the shop page, no iframe yet');

  await shop.getByTestId('switchboard-launcher').click();
  const frame = shop.frameLocator('[data-testid="switchboard-frame"]');
  await frame.getByTestId('widget-name').waitFor({ state: 'visible', timeout: 10000 });
  const box = await shop.getByTestId('switchboard-panel').boundingBox();
  assert.ok(box.width >= 300 && box.width <= 420 && box.height >= 400, `panel is ${box.width}x${box.height}`);
  await frame.getByTestId('widget-name').fill('Embedded Emma');
  await frame.getByTestId('widget-first-message').fill('Does the blue kettle come in 1.5 l?');
  await frame.getByTestId('widget-start').click();
  await frame.getByTestId('widget-connection').filter({ hasText: 'Online' }).waitFor({ timeout: 10000 });
  await screenshot(shop, 'widget_embed-2-shop-open');
  step('chat started from inside the embedded panel');

  const alice = await login(server, 'alice', 'demo');
  const found = await waitFor(async () => {
    const r = await api(server, 'GET', '/chats/search?q=Emma', { token: alice.token });
    return r.json?.chats?.find((c) => c.contact.name === 'Embedded Emma');
  }, { what: "Emma's chat on the server" });
  assert.equal(found.status, 'pending');
  assert.equal(found.last_message_preview, 'Does the blue kettle come in 1.5 l?');
  step(`the server has chat #${found.id}, pending`);

  await shop.getByTestId('switchboard-close').click();
  assert.ok(await shop.getByTestId('switchboard-panel').isHidden());
  await shop.getByTestId('switchboard-launcher').click();
  await frame.getByTestId('widget-body').first().waitFor({ state: 'visible' });  // same chat, still there
  assert.deepEqual(shop.problems, []);

  // ---- phone: the panel fills the screen and the launcher steps aside
  const phone = await openShop(browser, shopServer.url, { width: 360, height: 640 });
  await phone.getByTestId('switchboard-launcher').click();
  await phone.frameLocator('[data-testid="switchboard-frame"]').getByTestId('widget-name').waitFor({ state: 'visible', timeout: 10000 });
  const full = await phone.getByTestId('switchboard-panel').boundingBox();
  assert.deepEqual([full.x, full.y, full.width, full.height], [0, 0, 360, 640]);
  assert.ok(await phone.getByTestId('switchboard-launcher').isHidden());
  await screenshot(phone, 'widget_embed-3-phone-open');
  await phone.getByTestId('switchboard-close').click();
  await phone.getByTestId('switchboard-launcher').waitFor({ state: 'visible' });
  step('phone: full-screen panel, launcher back after closing');
  shopServer.close();
});
