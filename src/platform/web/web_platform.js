// JavaScript half of web_platform.cpp (linked with --js-library). Strings returned to C++ are
// malloc'ed here (stringToNewUTF8) and freed there.
mergeInto(LibraryManager.library, {
  sb_platform_websocket_url__deps: ['$stringToNewUTF8'],
  sb_platform_websocket_url: function (path) {
    var scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    return stringToNewUTF8(scheme + location.host + UTF8ToString(path));
  },

  sb_platform_location__deps: ['$stringToNewUTF8'],
  sb_platform_location: function () {
    return stringToNewUTF8(location.pathname + location.search);
  },

  sb_platform_origin__deps: ['$stringToNewUTF8'],
  sb_platform_origin: function () {
    return stringToNewUTF8(location.origin);
  },

  sb_platform_date_now: function () {
    return Date.now();
  },

  // localStorage throws when storage is disabled (some private modes): then nothing is kept.
  sb_platform_storage_get__deps: ['$stringToNewUTF8'],
  sb_platform_storage_get: function (key) {
    try {
      var v = localStorage.getItem(UTF8ToString(key));
      return v === null ? 0 : stringToNewUTF8(v);
    } catch (e) {
      return 0;
    }
  },

  sb_platform_storage_set: function (key, value) {
    try {
      localStorage.setItem(UTF8ToString(key), UTF8ToString(value));
    } catch (e) { /* storage disabled or full */ }
  },

  sb_platform_storage_remove: function (key) {
    try {
      localStorage.removeItem(UTF8ToString(key));
    } catch (e) { /* storage disabled */ }
  },

  sb_platform_set_title: function (title) {
    document.title = UTF8ToString(title);
  },

  // Browsers start audio only after a user gesture: the context is made (or resumed) on the first
  // pointer or key press, and a beep before that is skipped rather than queued.
  sb_platform_prepare_audio: function () {
    var unlock = function () {
      try {
        if (!Module.sbAudio) Module.sbAudio = new (window.AudioContext || window.webkitAudioContext)();
        if (Module.sbAudio.state === 'suspended') Module.sbAudio.resume();
      } catch (e) { /* no audio on this machine */ }
    };
    window.addEventListener('pointerdown', unlock, true);
    window.addEventListener('keydown', unlock, true);
  },

  sb_platform_beep: function () {
    var ctx = Module.sbAudio;
    if (!ctx || ctx.state !== 'running') return;
    Module.sbBeeps = (Module.sbBeeps || 0) + 1;
    var t = ctx.currentTime;
    var gain = ctx.createGain();
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.2, t + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.25);
    gain.connect(ctx.destination);
    [880, 1320].forEach(function (freq, i) {
      var osc = ctx.createOscillator();
      osc.type = 'sine';
      osc.frequency.setValueAtTime(freq, t + i * 0.09);
      osc.connect(gain);
      osc.start(t + i * 0.09);
      osc.stop(t + 0.25);
    });
  },

  // Only http(s) links are opened, in a new tab that gets no handle on this page.
  sb_platform_open_url: function (url) {
    var u = UTF8ToString(url);
    if (!/^https?:\/\//i.test(u)) return;
    window.open(u, '_blank', 'noopener,noreferrer');
  },
});
