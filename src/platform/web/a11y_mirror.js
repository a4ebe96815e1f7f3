// JavaScript half of a11y_mirror.cpp (linked with --js-library): the DOM mirror of the semantic
// tree (src/ui/semantics.h) for screen readers and keyboard-only use.
//  - sb_a11y_update(json) diffs the new tree against the DOM, node by node by key: removes what
//    is gone, creates what is new, moves what is out of place and sets only changed attributes
//    (a new message in the "Conversation" log is one appended node; nothing else is touched).
//  - Nodes are real <button>, <input>, <textarea> and ARIA containers. They lie over their
//    items' rectangles, transparent and click-through (#sb-a11y in shell.css): never
//    display:none or visibility:hidden, which would take them out of the accessibility tree.
//  - Focus and clicks go back to C++ (sb_a11y_command: 0 focus, 1 activate, 2 blur). Text typed
//    into a mirrored field takes the same path as the hidden field's (Module.sbTextBind,
//    text_input.js).
//  - Dialogs (aria-modal) make the rest inert, take focus when they open and give it back when
//    they close; a removed focused control hands focus to the most recent one still there.
mergeInto(LibraryManager.library, {
  sb_a11y_install: function () {
    var root = document.createElement('div');
    root.id = 'sb-a11y';
    var canvas = document.getElementById('canvas');
    if (canvas) {
      // The canvas is a picture of the controls below: out of the Tab order and the AX tree.
      canvas.setAttribute('aria-hidden', 'true');
      canvas.tabIndex = -1;
      canvas.after(root);
    } else {
      document.body.appendChild(root);
    }
    var m = {
      root: root,
      els: new Map(),     // key -> element
      history: [],        // keys focused recently, newest last
      modalKey: '',       // the open dialog
      returnKey: '',      // where focus goes back when it closes
      activeText: '',     // ImGui's active text field at the last update
      updating: false,
      domWork: { updates: 0, ms: 0, created: 0, removed: 0, moved: 0, attrs: 0 },
    };
    Module.sbA11y = m;

    m.trail = []; // the last commands sent, for tests that fail: [kind, key, ms]
    var command = function (kind, key) {
      m.trail.push([kind, key, Math.round(performance.now())]);
      if (m.trail.length > 64) m.trail.shift();
      Module.ccall('sb_a11y_command', null, ['number', 'string'], [kind, key]);
    };
    root.addEventListener('focusin', function (e) {
      var key = e.target.sbKey;
      if (!key) return;
      var h = m.history;
      var at = h.indexOf(key);
      if (at >= 0) h.splice(at, 1);
      h.push(key);
      if (h.length > 32) h.shift();
      command(0, key);
    });
    root.addEventListener('focusout', function (e) {
      if (!e.relatedTarget || !root.contains(e.relatedTarget)) command(2, '');
    });
    root.addEventListener('click', function (e) {
      var el = e.target.closest ? e.target.closest('button') : null;
      if (!el || !el.sbKey || el.getAttribute('aria-disabled') === 'true') return;
      e.preventDefault();
      command(1, el.sbKey);
    });
    // Arrow keys within the tabs and within a list (and Home/End).
    root.addEventListener('keydown', function (e) {
      var el = e.target;
      // Tab cycles within an open dialog (the rest is inert; the page has nothing else).
      if (e.key === 'Tab' && m.modalKey) {
        var dialog = m.els.get(m.modalKey);
        var all = dialog ? Array.prototype.slice.call(dialog.querySelectorAll('button,input,textarea')) : [];
        if (all.length) {
          var at = all.indexOf(el);
          var to = e.shiftKey ? (at <= 0 ? all.length - 1 : -1) : (at === all.length - 1 || at < 0 ? 0 : -1);
          if (to >= 0) {
            all[to].focus({ preventScroll: true });
            e.preventDefault();
          }
        }
        return;
      }
      var group = el.sbNav;
      if (!group) return;
      var next = { ArrowLeft: -1, ArrowUp: -1, ArrowRight: 1, ArrowDown: 1, Home: -2, End: 2 }[e.key];
      if (next === undefined) return;
      if (group === 'tab' && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) return;
      if (group !== 'tab' && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) return;
      var scope = el.closest('[role=tablist],[role=list],[role=listbox],[role=dialog]') || root;
      var all = Array.prototype.filter.call(scope.querySelectorAll('button'),
                                            function (b) { return b.sbNav === group; });
      var i = all.indexOf(el);
      var to = next === -2 ? 0 : next === 2 ? all.length - 1 : i + next;
      if (to >= 0 && to < all.length && all[to] !== el) all[to].focus({ preventScroll: true });
      e.preventDefault();
    });
  },

  // The system's settings the theme follows: bit 0 high contrast (prefers-contrast: more or
  // forced-colors: active), bit 1 reduced motion. Changes are reported as they happen.
  sb_a11y_preferences: function () {
    var q = function (s) { return window.matchMedia ? window.matchMedia(s) : null; };
    var queries = [q('(prefers-contrast: more)'), q('(forced-colors: active)'), q('(prefers-reduced-motion: reduce)')];
    if (!Module.sbA11yPrefsWatched) {
      Module.sbA11yPrefsWatched = true;
      queries.forEach(function (mq) {
        if (mq && mq.addEventListener)
          mq.addEventListener('change', function () { Module.ccall('sb_a11y_preferences_changed', null, [], []); });
      });
    }
    var on = function (mq) { return mq && mq.matches ? 1 : 0; };
    return (on(queries[0]) || on(queries[1])) | (on(queries[2]) << 1);
  },

  // Which keys the DOM handles while focus is on a mirror control (see a11y_mirror.h).
  sb_a11y_owns_key: function (keyPtr) {
    var m = Module.sbA11y;
    if (!m) return 0;
    var key = UTF8ToString(keyPtr);
    var el = document.activeElement;
    var inMirror = el && m.root.contains(el) && el !== m.root;
    if (key === 'Tab') {
      // From the mirror, the canvas or the page: the DOM's Tab order. From the hidden text field
      // (a field the mouse made active), ImGui's as before.
      return inMirror || !el || el === document.body || el.id === 'canvas' ? 1 : 0;
    }
    if (!inMirror) return 0;
    if (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') return 0;
    if (key === 'Enter' || key === ' ' || key === 'Spacebar' || key === 'Home' || key === 'End' ||
        key.indexOf('Arrow') === 0)
      return 1;
    return 0;
  },

  sb_a11y_update: function (jsonPtr) {
    var m = Module.sbA11y;
    if (!m) return;
    var t0 = performance.now();
    var nodes = JSON.parse(UTF8ToString(jsonPtr));
    var work = m.domWork;
    var root = m.root;
    var focusedBefore = document.activeElement;
    var hadFocus = focusedBefore && root.contains(focusedBefore) && focusedBefore !== root;
    var tags = ['div', 'div', 'button', 'input', 'input', 'input', 'textarea'];
    var inputTypes = { 3: 'text', 4: 'password', 5: 'search' };

    // Keys of the new tree (a repeated key gets a suffix so that it stays one node).
    var keys = new Array(nodes.length);
    var wanted = new Map(); // key -> index
    for (var i = 0; i < nodes.length; ++i) {
      var k = nodes[i].k;
      while (wanted.has(k)) k += '~';
      keys[i] = k;
      wanted.set(k, i);
    }
    // 1. Remove what is gone (or changed kind: recreated below).
    m.els.forEach(function (el, key) {
      var idx = wanted.get(key);
      if (idx === undefined || el.sbKind !== nodes[idx].t) {
        if (el === document.activeElement || el.contains(document.activeElement)) m.trail.push(['lost', key, Math.round(performance.now())]);
        el.remove();
        m.els.delete(key);
        ++work.removed;
      }
    });
    // 2. Create, place and update, in reading order.
    var lastChild = new Map(); // parent element -> the child placed last
    var modal = null, activeText = null;
    var setAttr = function (el, name, value) {
      if (value === null || value === undefined) {
        if (el.hasAttribute(name)) { el.removeAttribute(name); ++work.attrs; }
      } else if (el.getAttribute(name) !== String(value)) {
        el.setAttribute(name, value);
        ++work.attrs;
      }
    };
    for (var i = 0; i < nodes.length; ++i) {
      var n = nodes[i], key = keys[i];
      var el = m.els.get(key);
      if (!el) {
        el = document.createElement(tags[n.t]);
        el.sbKey = key;
        el.sbKind = n.t;
        if (n.t === 2) el.type = 'button';
        if (inputTypes[n.t]) el.type = inputTypes[n.t];
        if (n.t >= 3) {
          el.autocomplete = 'off';
          el.spellcheck = false;
          el.sbMirrorText = true;
          if (Module.sbTextBind) Module.sbTextBind(el);
        }
        m.els.set(key, el);
        ++work.created;
      }
      // Role: only where it differs from the element's own.
      var implicit = n.t === 2 ? 'button' : n.t === 5 ? 'searchbox' : n.t >= 3 ? 'textbox' : '';
      setAttr(el, 'role', n.r && n.r !== implicit ? n.r : null);
      if (n.r === 'heading') setAttr(el, 'aria-level', 2);
      // Name: text content for text nodes and buttons, aria-label for the rest.
      if (n.r === 'combobox') {
        setAttr(el, 'aria-label', n.n);
        if (el.textContent !== (n.v || '')) { el.textContent = n.v || ''; ++work.attrs; }
      } else if (n.t === 1 || n.t === 2) {
        if (el.textContent !== n.n) { el.textContent = n.n; ++work.attrs; }
      } else {
        setAttr(el, 'aria-label', n.n || null);
      }
      var selectable = n.r === 'tab' || n.r === 'option';
      setAttr(el, 'aria-selected', selectable && n.sel !== undefined ? (n.sel ? 'true' : 'false') : null);
      setAttr(el, 'aria-current', !selectable && n.sel ? 'true' : null);
      setAttr(el, 'aria-checked', n.chk !== undefined ? (n.chk ? 'true' : 'false') : null);
      setAttr(el, 'aria-expanded', n.exp !== undefined ? (n.exp ? 'true' : 'false') : null);
      if (n.r === 'combobox') setAttr(el, 'aria-haspopup', 'listbox');
      setAttr(el, 'aria-disabled', n.dis ? 'true' : null);
      setAttr(el, 'aria-modal', n.modal ? 'true' : null);
      setAttr(el, 'aria-setsize', n.ss || null);
      setAttr(el, 'aria-posinset', n.ss ? n.pos : null);
      setAttr(el, 'aria-live', n.live || (n.r === 'log' ? 'polite' : null));
      // Arrow-key groups: the tabs, the chat rows, the options of a listbox or a combo.
      el.sbNav = n.r === 'tab' ? 'tab' : n.r === 'option' ? 'option' :
        key.indexOf('chatrow#') === 0 ? 'row' : '';
      // Over the item's rectangle (CSS pixels), when it has one.
      if (n.w !== undefined) {
        if (!el.classList.contains('at')) el.classList.add('at');
        var s = el.style;
        var px = function (v) { return v + 'px'; };
        if (s.left !== px(n.x)) s.left = px(n.x);
        if (s.top !== px(n.y)) s.top = px(n.y);
        if (s.width !== px(n.w)) s.width = px(n.w);
        if (s.height !== px(n.h)) s.height = px(n.h);
      }
      // Placed last: a new node is complete before it enters the page (one mutation).
      var parent = n.p >= 0 ? m.els.get(keys[n.p]) : root;
      if (!parent) parent = root;
      var prev = lastChild.get(parent);
      var expected = prev ? prev.nextSibling : parent.firstChild;
      if (el !== expected) {
        parent.insertBefore(el, expected);
        ++work.moved;
      }
      lastChild.set(parent, el);
      if (n.modal) modal = { key: key, el: el };
      if (n.act) activeText = key;
    }
    // 3. Dialogs: the rest inert; focus in on open, back on close.
    var modalKey = modal ? modal.key : '';
    Array.prototype.forEach.call(root.children, function (child) {
      var inert = modal !== null && child !== modal.el && !child.contains(modal.el);
      if (child.inert !== inert) child.inert = inert;
    });
    var focusKey = function (k) {
      var el = k && m.els.get(k);
      if (!el || !root.contains(el) || el.closest('[inert]')) return false;
      el.focus({ preventScroll: true });
      return document.activeElement === el;
    };
    if (modalKey !== m.modalKey) {
      if (modal) {
        if (!m.modalKey) m.returnKey = hadFocus ? focusedBefore.sbKey : (m.history[m.history.length - 1] || '');
        if (!(activeText && modal.el.contains(m.els.get(activeText)) && focusKey(activeText))) {
          var first = modal.el.querySelector('button,input,textarea');
          if (first) first.focus({ preventScroll: true });
        }
      } else if (!focusKey(m.returnKey)) {
        hadFocus = true; // fall back below
      }
      m.modalKey = modalKey;
    } else if (activeText && activeText !== m.activeText) {
      // ImGui made a text field active by itself (after Send, a shortcut): DOM focus follows.
      focusKey(activeText);
    }
    m.activeText = activeText || '';
    // A dialog is open but focus is outside it (its controls were not drawn yet when it
    // appeared, or it was lost): into the dialog.
    if (modal && !modal.el.contains(document.activeElement)) {
      var inDialog = modal.el.querySelector('button,input,textarea');
      if (inDialog) inDialog.focus({ preventScroll: true });
    }
    // 4. The focused control went away: the most recent one still there takes focus.
    var now = document.activeElement;
    if (hadFocus && (!now || !root.contains(now) || now === root)) {
      for (var h = m.history.length - 1; h >= 0; --h)
        if (focusKey(m.history[h])) break;
    }
    work.updates += 1;
    work.ms += performance.now() - t0;
  },
});
