// JavaScript half of web_app.cpp (linked with --js-library).
mergeInto(LibraryManager.library, {
  // A start-up milestone on the page's timeline (performance.mark), for bench/web_bundle.
  sb_app_mark: function (name) {
    if (window.performance && performance.mark) performance.mark(UTF8ToString(name));
  },

  // The WebGL version the canvas draws with (2, or 1 as the fallback): window.switchboard.webgl.
  sb_app_set_webgl: function (version) {
    if (window.switchboard) window.switchboard.webgl = version;
  },

  // The app cannot start: say why on the loading screen.
  sb_app_fail: function (message) {
    var loading = document.getElementById('loading');
    var status = document.getElementById('status');
    if (loading) loading.className = 'failed';
    if (status) status.textContent = UTF8ToString(message);
  },
});
