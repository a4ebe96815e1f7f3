// Console moves shared by the browser tests, each made the way a person would make it: the real
// mouse on items found through window.switchboard.items(), the real keyboard, and waiting on
// window.switchboard.state() for the outcome. Also the contact's side through the public API,
// which the tests use to create chats and to check what a customer really sees.
import assert from 'node:assert/strict';
import { api, click, findItem, items, openConsole, state, typeInto, waitFor, waitForState } from './harness.mjs';

export const PASSWORD = 'demo'; // every demo account's password (switchboard-server --demo)

// Opens a console in a fresh browser context and logs in through the login screen.
export async function loginViaCanvas(browser, server, loginName, options = {}) {
  const page = await openConsole(browser, server, options);
  await waitForState(page, (s) => s.session === 'logged_out', { what: 'the login screen' });
  await typeInto(page, 'login:user', loginName);
  await typeInto(page, 'login:password', PASSWORD);
  await click(page, 'login:submit');
  await waitForState(page, (s) => s.session === 'logged_in' && s.me?.login === loginName && s.connection === 'live',
    { timeout: 15000, what: `${loginName} logged in and live` });
  return page;
}

export async function openTab(page, tab) {
  await click(page, `tab:${tab}`);
  await waitForState(page, (s) => s.ui.tab === tab && s.lists[tab].loaded, { what: `tab ${tab}` });
}

// A contact starts a chat from the widget's API; returns {id, token}.
export async function contactStartsChat(server, name, body, queueId) {
  const r = await api(server, 'POST', '/contact/chats', { body: { name, body, ...(queueId ? { queue_id: queueId } : {}) } });
  assert.ok(r.status === 200 || r.status === 201, `POST /contact/chats: ${r.status} ${r.text}`);
  return { id: r.json.chat_id, token: r.json.contact_token };
}

export async function contactSays(server, chat, body) {
  const r = await api(server, 'POST', `/contact/chats/${chat.id}/messages`, {
    token: chat.token,
    body: { body, client_id: `e2e-${Date.now()}-${Math.random()}` },
  });
  assert.ok(r.status === 200 || r.status === 201, `contact message: ${r.status} ${r.text}`);
  return r.json;
}

// What the contact sees of the chat (no notes; staff names only on signed replies).
export async function contactMessages(server, chat) {
  const r = await api(server, 'GET', `/contact/chats/${chat.id}/messages`, { token: chat.token });
  assert.equal(r.status, 200, `GET contact messages: ${r.status} ${r.text}`);
  return r.json.messages;
}

// Accepts a pending chat from the Pending tab with its green Accept button.
export async function acceptFromPending(page, chatId) {
  await openTab(page, 'pending');
  await waitForState(page, (s) => s.lists.pending.ids.includes(chatId), { what: `#${chatId} in Pending` });
  await click(page, `accept#${chatId}`);
  await waitForState(page, (s) => s.open_chat === chatId && s.chats[chatId]?.status === 'working',
    { what: `#${chatId} accepted and open` });
}

// Types a reply in the open chat's composer and sends it with Enter.
export async function sendReply(page, text) {
  await click(page, 'chat:composer');
  await page.keyboard.type(text, { delay: 5 });
  await page.keyboard.press('Enter');
}

export { click, findItem, items, state, waitFor, waitForState };
