// JavaScript half of text_input.cpp (linked with --js-library): the hidden text field, paste and
// copy. What comes out goes back into C++ through the exported sb_web_text / sb_web_paste.
mergeInto(LibraryManager.library, {
  sb_text_install: function () {
    var field = document.createElement('textarea');
    field.id = 'sb-text-input';
    field.setAttribute('aria-hidden', 'true');
    field.setAttribute('autocomplete', 'off');
    field.setAttribute('autocorrect', 'off');
    field.setAttribute('autocapitalize', 'off');
    field.setAttribute('spellcheck', 'false');
    // Invisible but real: at the caret (so the IME's candidate window shows there), 16px so that
    // phones do not zoom when it gets focus, under the canvas and not hit by the mouse.
    field.style.cssText = 'position:fixed;left:0;top:0;width:2px;height:20px;padding:0;border:0;margin:0;' +
      'opacity:0;resize:none;overflow:hidden;font-size:16px;z-index:-1;pointer-events:none;caret-color:transparent';
    document.body.appendChild(field);

    field.tabIndex = -1; // reached through the app (or the a11y mirror's fields), not by Tab
    var send = function (text) {
      if (text) Module.ccall('sb_web_text', null, ['string'], [text]);
    };
    // The one text path: this field and the a11y mirror's text fields (a11y_mirror.js) replay
    // what the browser produced into ImGui's active field, then empty themselves. The IME's
    // composition in progress is shown at the caret by the app (the preedit); the committed text
    // replaces it.
    var preedit = function (text) { Module.ccall('sb_web_preedit', null, ['string'], [text || '']); };
    Module.sbTextBind = function (el) {
      el.addEventListener('input', function (e) {
        if (e.isComposing) return; // the IME is still composing: wait for compositionend
        send(el.value);
        el.value = '';
      });
      el.addEventListener('compositionstart', function (e) { preedit(e.data); });
      el.addEventListener('compositionupdate', function (e) { preedit(e.data); });
      el.addEventListener('compositionend', function (e) {
        preedit('');
        send(e.data);
        el.value = '';
      });
    };
    Module.sbTextBind(field);
    window.addEventListener('paste', function (e) {
      var text = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
      e.preventDefault();
      if (text) Module.ccall('sb_web_paste', null, ['string'], [text]);
    });
    var onCopy = function (e) {
      if (Module.sbCopyText == null || !e.clipboardData) return;
      e.clipboardData.setData('text/plain', Module.sbCopyText);
      e.preventDefault();
      Module.sbCopyText = null;
    };
    window.addEventListener('copy', onCopy);
    window.addEventListener('cut', onCopy);
  },

  sb_text_place: function (visible, x, y, lineHeight) {
    var field = document.getElementById('sb-text-input');
    if (!field) return;
    if (visible) {
      field.style.left = x + 'px';
      field.style.top = y + 'px';
      field.style.height = Math.max(lineHeight, 1) + 'px';
      // A mirrored text field (a11y_mirror.js) that has focus takes the text itself.
      var active = document.activeElement;
      if (active !== field && !(active && active.sbMirrorText)) field.focus({ preventScroll: true });
    } else if (document.activeElement === field) {
      field.value = '';
      document.getElementById('canvas').focus({ preventScroll: true });
    }
  },

  sb_text_clipboard_write: function (utf8) {
    var text = UTF8ToString(utf8);
    // For the `copy` event of the keydown being handled right now (see text_input.h); a copy made
    // any other way must not linger until some later Ctrl+C.
    Module.sbCopyText = text;
    setTimeout(function () { Module.sbCopyText = null; }, 0);
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).catch(function () {});
  },
});
