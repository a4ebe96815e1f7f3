// Log in (issue 4): a wrong password is refused with a message; the right one logs in; the session
// survives a reload (token in localStorage); Logout returns to the login screen for good.
import assert from 'node:assert/strict';
import { click, openConsole, runTest, screenshot, startServer, typeInto, waitForState } from './lib/harness.mjs';
import { loginViaCanvas } from './lib/console.mjs';

await runTest('login', async ({ browser, step }) => {
  const server = await startServer();

  const page = await openConsole(browser, server);
  await waitForState(page, (s) => s.session === 'logged_out', { what: 'the login screen' });
  await typeInto(page, 'login:user', 'alice');
  await typeInto(page, 'login:password', 'not-the-password');
  await page.keyboard.press('Enter');
  const refused = await waitForState(page, (s) => s.login_error !== '', { what: 'a login error' });
  assert.equal(refused.session, 'logged_out');
  step(`wrong password refused: "${refused.login_error}"`);
  await screenshot(page, 'login-error');
  await page.context().close();

  const alice = await loginViaCanvas(browser, server, 'alice');
  step('logged in through the canvas');
  const token = await alice.evaluate(() => Object.values(localStorage).join(' '));
  assert.match(token, /sbs_/, 'the session token is kept in localStorage');
  await screenshot(alice, 'login-console');

  await alice.reload();
  await alice.waitForFunction(() => window.switchboard && window.switchboard.ready);
  await waitForState(alice, (s) => s.session === 'logged_in' && s.me?.login === 'alice', { timeout: 15000, what: 'still logged in after a reload' });
  step('the session survived a reload');

  await click(alice, 'logout');
  await waitForState(alice, (s) => s.session === 'logged_out', { what: 'logged out' });
  await alice.reload();
  await alice.waitForFunction(() => window.switchboard && window.switchboard.ready);
  await waitForState(alice, (s) => s.session === 'logged_out', { what: 'still logged out after a reload' });
  step('logout is for good');
  assert.deepEqual(alice.problems, []);
});
