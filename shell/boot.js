// The page's script (shell/index.html), in a file so that the Content-Security-Policy allows no
// inline script: the Emscripten module's hooks (progress while the wasm and font data download,
// a clear message when the app cannot start; the app itself hides #loading after its first
// frame), then the app's script. Loaded with defer: the elements below exist when it runs.
(function () {
  var loading = document.getElementById('loading');
  var statusLine = document.getElementById('status');
  var progress = document.getElementById('progress');
  function fail(message) {
    loading.className = 'failed';
    statusLine.textContent = message;
  }
  window.Module = {
    canvas: document.getElementById('canvas'),
    // switchboard.wasm and switchboard.data live at the root whatever the page's path.
    locateFile: function (path) { return '/' + path; },
    setStatus: function (text) {
      var m = /\((\d+(?:\.\d+)?)\/(\d+)\)/.exec(text || '');
      if (m) progress.style.width = (100 * m[1] / m[2]).toFixed(0) + '%';
    },
    onAbort: function (what) {
      fail('Switchboard stopped: ' + what + '. Reload the page to start again.');
    },
    print: function (text) { console.log(text); },
    printErr: function (text) { console.warn(text); }
  };
  var script = document.createElement('script');
  script.src = '/switchboard.js';
  script.async = true;
  script.onerror = function () { fail('Could not load /switchboard.js. Is the server running?'); };
  document.body.appendChild(script);
  // The WebGL2 context is made now, while the app downloads: with software GL it takes a good
  // part of the start-up. The app's emscripten_webgl_create_context gets this same context back,
  // so these attributes are the ones in force (src/platform/web/canvas_surface.cpp asks the same).
  var gl = document.getElementById('canvas').getContext('webgl2', {
    alpha: false, depth: false, stencil: false, antialias: false,
    premultipliedAlpha: true, preserveDrawingBuffer: false, powerPreference: 'low-power'
  });
  if (!gl) fail('Switchboard needs WebGL 2, which this browser does not offer.');
})();
