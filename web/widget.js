// The contact's chat widget (issue 5; docs/api.md "Contact side"). Start a chat with a name (and
// an email), pick a queue when there are several, write and see replies live, with staff names
// on signed replies and staff typing. It survives a reload (token, chat id, last seq and unsent
// messages in localStorage) and a dropped connection (reconnect with backoff, resume by seq,
// resend unsent messages with the same client_id, which the server stores once). Text only:
// every string from a person or the server goes in with textContent.
(() => {
  'use strict';

  const API = '/api/v1/contact';
  const STORE_KEY = 'switchboard.widget.v1';
  const TYPING_EVERY_MS = 3000;  // contact typing: at most one POST per this
  const TYPING_SHOWN_MS = 6000;  // staff typing: shown this long after the last event
  const SILENCE_MS = 60000;      // the server pings every 30 s; silence this long = dead line
  const MAX_BACKOFF_MS = 30000;

  const $ = (id) => document.querySelector(`[data-testid="${id}"]`);
  const ui = {
    connection: $('widget-connection'),
    subtitle: $('widget-subtitle'),
    offline: $('widget-offline'),
    offlineDetail: $('widget-offline-detail'),
    start: $('widget-start-form'),
    name: $('widget-name'),
    email: $('widget-email'),
    queue: $('widget-queue'),
    firstMessage: $('widget-first-message'),
    startButton: $('widget-start'),
    startError: $('widget-start-error'),
    chat: $('widget-chat'),
    messages: $('widget-messages'),
    typing: $('widget-typing'),
    notice: $('widget-notice'),
    composer: $('widget-composer'),
    input: $('widget-input'),
  };

  // chatId, token, seq and outbox are what survives a reload.
  const state = {
    startAttempt: null,    // {key, client_id} of a start not yet answered: a retry reuses the id
    chatId: 0,
    token: '',
    seq: 0,
    outbox: [],            // [{client_id, body}] not yet acknowledged by the server
    shown: new Map(),      // message id → element
    sending: new Map(),    // client_id → element, until the server's message replaces it
    ws: null,
    connection: 'idle',    // idle | connecting | online | offline
    attempts: 0,
    retryAt: 0,
    retryTimer: 0,
    lastHeard: 0,
    lastTypingSent: 0,
    typingTimer: 0,
    needHistory: false,
    flushing: false,
  };

  // ---------------------------------------------------------------- storage

  function restore() {
    try {
      const v = JSON.parse(localStorage.getItem(STORE_KEY) || 'null');
      if (!v || !Number.isInteger(v.chat_id) || typeof v.token !== 'string') return false;
      state.chatId = v.chat_id;
      state.token = v.token;
      state.seq = Number.isInteger(v.seq) ? v.seq : 0;
      state.outbox = Array.isArray(v.outbox) ? v.outbox.filter((m) => typeof m.body === 'string' && typeof m.client_id === 'string') : [];
      return true;
    } catch {
      return false;
    }
  }

  function persist() {
    try {
      localStorage.setItem(STORE_KEY, JSON.stringify({ chat_id: state.chatId, token: state.token, seq: state.seq, outbox: state.outbox }));
    } catch {
      /* private mode or full: the widget still works until a reload */
    }
  }

  function forget() {
    try {
      localStorage.removeItem(STORE_KEY);
    } catch {
      /* nothing stored */
    }
    Object.assign(state, { chatId: 0, token: '', seq: 0, outbox: [] });
  }

  // ---------------------------------------------------------------- REST

  class ApiError extends Error {
    constructor(status, message, retryAfter = 0) {
      super(message);
      this.status = status;  // 0: the network, not the server
      this.retryAfter = retryAfter;  // seconds, from Retry-After (429 rate_limited, 503)
    }
  }

  // A 429 in words a visitor understands, and when to try again.
  function waitSeconds(e) {
    return Math.max(1, Math.min(600, e.retryAfter || 10));
  }

  async function call(method, path, body) {
    const headers = { Accept: 'application/json' };
    if (state.token) headers.Authorization = `Bearer ${state.token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let res;
    try {
      res = await fetch(API + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw new ApiError(0, 'We cannot reach the server. Check your connection.');
    }
    const text = await res.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    if (!res.ok) {
      const message = json && json.error && typeof json.error.message === 'string' ? json.error.message : `The server answered ${res.status}.`;
      throw new ApiError(res.status, message, Number(res.headers.get('Retry-After')) || 0);
    }
    return json;
  }

  function newClientId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  // ---------------------------------------------------------------- drawing (textContent only)

  function el(tag, props, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (k === 'className') e.className = v;
      else if (k === 'text') e.textContent = v;
      else e.setAttribute(k, v);
    }
    for (const c of children) e.append(c);
    return e;
  }

  function timeOf(iso) {
    const d = iso ? new Date(iso) : new Date();
    return Number.isNaN(d.getTime()) ? '' : d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  }

  function authorLabel(m) {
    if (m.author.type === 'contact') return 'You';
    return m.author.name || 'Support team';  // staff names only on signed replies
  }

  function messageElement(m, mine) {
    return el('li', { className: `msg ${mine ? 'mine' : 'staff'}`, 'data-testid': 'widget-message', 'data-author-type': mine ? 'contact' : 'staff' },
      el('span', { className: 'who', 'data-testid': 'widget-author', text: mine ? 'You' : authorLabel(m) }),
      el('div', { className: 'body', 'data-testid': 'widget-body', text: m.body }),
      el('span', { className: 'when', 'data-testid': 'widget-when', text: timeOf(m.created_at) }));
  }

  function keepScrolledDown(fn) {
    const list = ui.messages;
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    fn();
    if (atBottom) list.scrollTop = list.scrollHeight;
  }

  // Shows a server message once, in id order; replaces its "sending" placeholder if any.
  function showMessage(m) {
    if (!m || m.kind !== 'text' || state.shown.has(m.id)) return;
    keepScrolledDown(() => {
      const mine = m.author.type === 'contact';
      let e = m.client_id && mine ? state.sending.get(m.client_id) : null;
      if (e) {
        state.sending.delete(m.client_id);
        e.querySelector('.when').textContent = timeOf(m.created_at);
        e.removeAttribute('data-state');
        e.remove();
      } else {
        e = messageElement(m, mine);
      }
      e.dataset.id = String(m.id);
      const later = Array.from(ui.messages.querySelectorAll('li[data-id]')).find((x) => Number(x.dataset.id) > m.id);
      ui.messages.insertBefore(e, later || ui.messages.querySelector('li:not([data-id])'));
      state.shown.set(m.id, e);
    });
    if (m.author.type === 'staff') hideTyping();
  }

  function showSending(item) {
    if (state.sending.has(item.client_id)) return;
    keepScrolledDown(() => {
      const e = messageElement({ author: { type: 'contact' }, body: item.body }, true);
      e.dataset.state = 'sending';
      e.querySelector('.when').textContent = 'Sending…';
      ui.messages.append(e);
      state.sending.set(item.client_id, e);
    });
  }

  function markSending(clientId, status, text) {
    const e = state.sending.get(clientId);
    if (!e) return;
    e.dataset.state = status;
    e.querySelector('.when').textContent = text;
  }

  function showNotice(text) {
    ui.notice.textContent = text || '';
    ui.notice.hidden = !text;
  }

  function showChatStatus(chat) {
    if (!chat) return;
    if (chat.queue && chat.queue.name) ui.subtitle.textContent = chat.queue.name;
    if (chat.deleted) showNotice('This conversation has been closed by our team.');
    else if (chat.status === 'resolved') showNotice('This conversation is marked as resolved. Write again if you need more help.');
    else showNotice('');
  }

  function showTyping(t) {
    if (!t || !t.author || t.author.type !== 'staff') return;
    ui.typing.textContent = `${t.author.name || 'Someone from our team'} is typing…`;
    ui.typing.hidden = false;
    clearTimeout(state.typingTimer);
    state.typingTimer = setTimeout(hideTyping, TYPING_SHOWN_MS);
  }

  function hideTyping() {
    clearTimeout(state.typingTimer);
    ui.typing.hidden = true;
  }

  // ---------------------------------------------------------------- connection state on screen

  function setConnection(s) {
    state.connection = s;
    ui.connection.dataset.state = s;
    ui.connection.textContent = { idle: '', connecting: 'Connecting…', online: 'Online', offline: 'Offline' }[s];
    drawOffline();
  }

  function drawOffline() {
    const offline = state.connection === 'offline' || !navigator.onLine;
    ui.offline.hidden = !offline || !state.chatId;
    if (ui.offline.hidden) return;
    const secs = Math.max(0, Math.ceil((state.retryAt - Date.now()) / 1000));
    ui.offlineDetail.textContent = !navigator.onLine
      ? 'Messages you write are kept and sent when you are back.'
      : secs > 0
        ? `Reconnecting in ${secs} s… Messages you write are kept and sent when you are back.`
        : 'Reconnecting…';
  }
  setInterval(drawOffline, 1000);

  // ---------------------------------------------------------------- the start form

  async function showStart() {
    ui.start.hidden = false;
    ui.chat.hidden = true;
    setConnection('idle');
    try {
      const { queues } = await call('GET', '/queues');
      ui.queue.replaceChildren(...queues.map((q) => el('option', { value: String(q.id), text: q.name })));
      ui.queue.closest('label').hidden = queues.length < 2;
    } catch {
      ui.queue.closest('label').hidden = true;  // the server picks its first queue
    }
    ui.name.focus();
  }

  function startError(text) {
    ui.startError.textContent = text;
    ui.startError.hidden = !text;
  }

  ui.start.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const name = ui.name.value.trim();
    const email = ui.email.value.trim();
    const body = ui.firstMessage.value.trim();
    if (!name) return startError('Please tell us your name.'), ui.name.focus();
    if (!body) return startError('Please write your message.'), ui.firstMessage.focus();
    if (email && !ui.email.checkValidity()) return startError('That email address does not look right.'), ui.email.focus();
    startError('');
    ui.startButton.disabled = true;
    const request = { name, body };
    if (email) request.email = email;
    if (!ui.queue.closest('label').hidden && ui.queue.value) request.queue_id = Number(ui.queue.value);
    // Sending the same start again (its answer was lost) reuses the client_id, so the server
    // returns the chat the first try made instead of starting a second one.
    const key = JSON.stringify(request);
    if (!state.startAttempt || state.startAttempt.key !== key) state.startAttempt = { key, client_id: newClientId() };
    request.client_id = state.startAttempt.client_id;
    try {
      const r = await call('POST', '/chats', request);
      state.startAttempt = null;
      state.chatId = r.chat_id;
      state.token = r.contact_token;
      state.seq = 0;
      persist();
      enterChat(r.chat, [r.message]);
    } catch (e) {
      if (e.status === 409) state.startAttempt = null;  // that id is spent: the next try is new
      if (e.status === 429) {
        // Too many chats from this network just now: say so, and try again by itself when the
        // server allows (the same client_id, so a start is never made twice).
        const secs = waitSeconds(e);
        startError(`Many conversations were started from your network just now. We will try again in ${secs} s — please keep this window open.`);
        setTimeout(() => ui.start.requestSubmit(), secs * 1000);
        return;  // the button stays disabled until the retry
      }
      startError(e.message);
    }
    ui.startButton.disabled = false;
  });

  // ---------------------------------------------------------------- the chat

  function enterChat(chat, messages) {
    ui.start.hidden = true;
    ui.chat.hidden = false;
    showChatStatus(chat);
    for (const m of messages || []) showMessage(m);
    for (const item of state.outbox) showSending(item);
    ui.input.focus();
    connect();
    flush();
  }

  async function loadHistory() {
    try {
      const [chat, page] = await Promise.all([call('GET', `/chats/${state.chatId}`), call('GET', `/chats/${state.chatId}/messages?limit=200`)]);
      state.needHistory = false;
      showChatStatus(chat);
      for (const m of page.messages) showMessage(m);
    } catch (e) {
      if (e.status === 401 || e.status === 403 || e.status === 404) return restart();
      state.needHistory = true;  // loaded once the line is back
    }
  }

  // The stored chat is gone (token unknown): start over.
  function restart() {
    if (state.ws) state.ws.close();
    forget();
    state.shown.clear();
    state.sending.clear();
    ui.messages.replaceChildren();
    showStart();
  }

  ui.composer.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const body = ui.input.value.trim();
    if (!body) return;
    ui.input.value = '';
    autoGrow();
    const item = { client_id: newClientId(), body };
    state.outbox.push(item);
    persist();
    showSending(item);
    flush();
  });

  ui.input.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing) {
      ev.preventDefault();
      ui.composer.requestSubmit();
    }
  });

  function autoGrow() {
    ui.input.style.height = 'auto';
    ui.input.style.height = `${Math.min(ui.input.scrollHeight + 2, 120)}px`;
  }

  ui.input.addEventListener('input', () => {
    autoGrow();
    const now = Date.now();
    if (!ui.input.value || now - state.lastTypingSent < TYPING_EVERY_MS || state.connection !== 'online') return;
    state.lastTypingSent = now;
    call('POST', `/chats/${state.chatId}/typing`).catch(() => {});
  });

  // Sends the outbox in order. A network failure leaves the rest for the next connection; the
  // same client_id is sent again then, and the server keeps the message once.
  async function flush() {
    if (state.flushing || !state.chatId) return;
    state.flushing = true;
    try {
      while (state.outbox.length) {
        const item = state.outbox[0];
        markSending(item.client_id, 'sending', 'Sending…');
        try {
          const m = await call('POST', `/chats/${state.chatId}/messages`, { body: item.body, client_id: item.client_id });
          showMessage(m);
        } catch (e) {
          if (e.status === 429) {
            // Too many messages in a short time: the rest wait and go by themselves.
            const secs = waitSeconds(e);
            markSending(item.client_id, 'sending', `You are writing faster than we can take it; sending in ${secs} s…`);
            setTimeout(flush, secs * 1000);
            return;
          }
          if (e.status === 0 || e.status >= 500) {
            markSending(item.client_id, 'sending', 'Waiting for connection…');
            return;
          }
          if (e.status === 401) return restart();
          markSending(item.client_id, 'failed', `Not sent: ${e.message}`);
        }
        state.outbox.shift();
        persist();
      }
    } finally {
      state.flushing = false;
    }
  }

  // ---------------------------------------------------------------- the live stream

  function connect() {
    if (state.ws || !state.chatId) return;
    clearTimeout(state.retryTimer);
    setConnection('connecting');
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(`${scheme}//${location.host}${API}/events`);
    state.ws = ws;
    ws.onopen = () => {
      state.lastHeard = Date.now();
      // No position yet (a new chat): ask from "the future", which the server answers with
      // resync + its current seq, instead of replaying its whole event table to find this chat.
      const since = state.seq > 0 ? state.seq : Number.MAX_SAFE_INTEGER;
      ws.send(JSON.stringify({ type: 'hello', token: state.token, since }));
    };
    ws.onmessage = (ev) => {
      state.lastHeard = Date.now();
      let frame;
      try {
        frame = JSON.parse(ev.data);
      } catch {
        return;
      }
      onFrame(frame);
    };
    ws.onclose = () => {
      if (state.ws !== ws) return;
      state.ws = null;
      if (!state.chatId) return;
      setConnection('offline');
      scheduleReconnect();
    };
  }

  function scheduleReconnect() {
    const base = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** state.attempts);
    const delay = base / 2 + Math.random() * (base / 2);
    state.attempts += 1;
    state.retryAt = Date.now() + delay;
    clearTimeout(state.retryTimer);
    state.retryTimer = setTimeout(connect, delay);
    drawOffline();
  }

  function advance(seq) {
    if (Number.isInteger(seq) && seq > state.seq) {
      state.seq = seq;
      persist();
    }
  }

  function onFrame(f) {
    switch (f.type) {
      case 'ready':
        advance(f.seq);
        state.attempts = 0;
        setConnection('online');
        if (state.needHistory) loadHistory();
        flush();
        return;
      case 'resync':  // too far behind: reload what is shown, then go on from here
        state.seq = 0;
        advance(f.seq);
        loadHistory();
        return;
      case 'ping':
        return;
      case 'error':
        if (f.error && f.error.code === 'unauthorized') restart();
        return;
      case 'message.created':
        showMessage(f.message);
        showChatStatus(f.chat);
        break;
      case 'typing':
        showTyping(f.typing);
        break;
      case 'chat.created':
      case 'chat.updated':
      case 'chat.deleted':
      case 'chat.restored':
        showChatStatus(f.chat);
        break;
      default:
        break;
    }
    advance(f.seq);
  }

  // A line that says nothing for 60 s is dead even if the browser has not noticed.
  setInterval(() => {
    if (state.ws && state.connection === 'online' && Date.now() - state.lastHeard > SILENCE_MS) state.ws.close();
  }, 5000);

  window.addEventListener('online', () => {
    state.attempts = 0;
    if (!state.ws) connect();
    drawOffline();
  });
  window.addEventListener('offline', drawOffline);

  // For tests and the embedding page: what the widget knows, read-only.
  window.switchboardWidget = {
    state: () => ({ chatId: state.chatId, seq: state.seq, connection: state.connection, outbox: state.outbox.length, shown: state.shown.size }),
  };

  // ---------------------------------------------------------------- start

  // In embed.js's panel: the panel's close button sits at the header's right end.
  if (window.self !== window.top) document.documentElement.classList.add('embedded');
  if (restore()) {
    enterChat(null, []);
    loadHistory();
  } else {
    showStart();
  }
})();
