// JavaScript half of automation_bridge.cpp (linked with --js-library): window.switchboard.
mergeInto(LibraryManager.library, {
  sb_bridge_install: function () {
    var call = function (name, type) { return Module.ccall(name, type, [], []); };
    window.switchboard = {
      ready: false,
      items: function () { return JSON.parse(call('sb_bridge_items', 'string')); },
      state: function () { return JSON.parse(call('sb_bridge_state', 'string')); },
      frames: function () { return call('sb_bridge_frames', 'number'); },
      // Characters drawn as a missing-glyph box since start: ImGui's fallback glyph in a frame,
      // or a character no system font has (text_runs.js). Must stay 0 (tests/e2e/every_script).
      missingGlyphs: function () { return call('sb_bridge_missing_glyphs', 'number'); },
      // Bytes of wasm linear memory now (it only grows): for the kiosk soak (bench/kiosk_soak).
      wasmMemory: function () { return HEAP8.length; },
    };
  },

  // After the first frame: tests may start, the loading screen goes away.
  sb_bridge_mark_ready: function () {
    window.switchboard.ready = true;
    // Milliseconds from navigation start to the end of the first frame (for bench/web_bundle).
    window.switchboard.firstFrameAt = performance.now();
    var loading = document.getElementById('loading');
    if (loading) loading.classList.add('done');
  },
});
