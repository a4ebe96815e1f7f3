// Typing into the console must never lose or double input, in any engine (issue 15): text typed
// at human speed (25-40 ms a key) and at full speed (no delay at all) reaches the contact exactly
// as typed; characters a US keyboard has no key for (é à ü ß, AltGr's € and @, as dead keys and
// AltGr give them) arrive, and so does text from an input method; Shift+Enter breaks the line and
// Enter sends; copy and paste through the system clipboard work (Ctrl+A, Ctrl+C, Ctrl+V).
// Each message is checked through the contact API: what the customer really got, once.
// SWITCHBOARD_E2E_BUSY=N runs N busy loops beside the browser (the load under which WebKit's
// animation frames came every 0.5-1.3 s and typed text arrived seconds late).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { ENGINE, runTest, screenshot, startServer, waitForState } from './lib/harness.mjs';
import { acceptFromPending, click, contactMessages, contactStartsChat, loginViaCanvas } from './lib/console.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const busy = [];
for (let i = 0; i < Number(process.env.SWITCHBOARD_E2E_BUSY || 0); ++i) {
  busy.push(spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
}
process.on('exit', () => busy.forEach((p) => p.kill('SIGKILL')));

await runTest('typing', async ({ browser, step }) => {
  if (busy.length) step(`${busy.length} busy loops running beside the browser`);
  const server = await startServer();
  const alice = await loginViaCanvas(browser, server, 'alice');
  const chat = await contactStartsChat(server, 'Typing Test', 'Please type carefully.');
  await acceptFromPending(alice, chat.id);
  await click(alice, 'chat:composer');

  // Sends what is in the composer with Enter and waits for the contact to have exactly `text`
  // once, and the composer to be empty again.
  const expectDelivered = async (text, how) => {
    await alice.keyboard.press('Enter');
    let seen = [];
    await waitForState(alice, (s) => s.outbox.length === 0 && s.messages.some((m) => m.body === text), {
      timeout: 20000, what: `"${text}" (${how}) confirmed by the server`,
    }).catch(async (e) => {
      seen = (await contactMessages(server, chat)).map((m) => m.body);
      e.message += `\nthe contact has: ${JSON.stringify(seen.slice(-4))}`;
      throw e;
    });
    seen = (await contactMessages(server, chat)).map((m) => m.body);
    assert.equal(seen.filter((b) => b === text).length, 1, `"${text}" (${how}) reached the contact once: ${JSON.stringify(seen.slice(-4))}`);
    const last = seen[seen.length - 1];
    assert.equal(last, text, `the last message is exactly what was typed (${how})`);
    step(`${how}: "${text.replace(/\n/g, '\\n')}" arrived once, exactly`);
  };

  // Human speed: 25-40 ms between keys, each key on its own.
  const human = `Human speed in ${ENGINE}: order 4471, tracking AB-123.`;
  for (const ch of human) {
    await alice.keyboard.type(ch);
    await sleep(25 + Math.floor(Math.random() * 16));
  }
  await expectDelivered(human, 'human speed');

  // Full speed: every key at once, no delay; then Enter at once.
  for (let round = 1; round <= 3; ++round) {
    const fast = `Quick reply from ${ENGINE} with more words #${round}, sent at full speed.`;
    await alice.keyboard.type(fast);
    await expectDelivered(fast, `full speed #${round}`);
  }

  // Characters without a key of their own: dead keys and AltGr give them as key events with
  // the character (keyboard.type), an input method or a phone keyboard as text alone (insertText).
  await alice.keyboard.type('Accents é à ü ß, AltGr € @, ');
  await alice.keyboard.insertText('input method: ñ œ ĳ 日本');
  await expectDelivered('Accents é à ü ß, AltGr € @, input method: ñ œ ĳ 日本', 'dead keys, AltGr, input method');

  // Shift+Enter breaks the line; Enter sends.
  await alice.keyboard.type('First line');
  await alice.keyboard.press('Shift+Enter');
  await alice.keyboard.type('second line');
  await expectDelivered('First line\nsecond line', 'Shift+Enter');

  // Copy and paste through the system clipboard: select all, copy, paste it twice.
  await alice.keyboard.type('Paste me 42. ');
  await alice.keyboard.press('Control+A');
  await alice.keyboard.press('Control+C');
  await alice.keyboard.press('End');
  await alice.keyboard.press('Control+V');
  await screenshot(alice, 'typing-paste');
  await expectDelivered('Paste me 42. Paste me 42. ', 'copy and paste');

  await screenshot(alice, 'typing');
  assert.deepEqual(alice.problems, []);
});
