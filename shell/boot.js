// The page's script (shell/index.html), in a file so that the Content-Security-Policy allows no
// inline script: the Emscripten module's hooks (progress while the wasm and font data download,
// a clear message when the app cannot start; the app itself hides #loading after its first
// frame), then the app's script, and the WebGL context (2, else 1; with neither, a page that says
// what to do). Loaded with defer: the elements below exist when it runs.
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
  // The WebGL context is made now, while the app downloads: with software GL it takes a good
  // part of the start-up. The app's emscripten_webgl_create_context gets this same context back,
  // so these attributes are the ones in force (src/platform/web/canvas_surface.cpp asks the same).
  // WebGL 2, or WebGL 1 where there is none (the app draws with either).
  var attributes = {
    alpha: false, depth: false, stencil: false, antialias: false,
    premultipliedAlpha: true, preserveDrawingBuffer: false, powerPreference: 'low-power'
  };
  var canvas = document.getElementById('canvas');
  var gl = canvas.getContext('webgl2', attributes) || canvas.getContext('webgl', attributes);
  if (!gl) {
    // No WebGL at all: the app cannot draw. It is not started; the page says what to do.
    window.Module.noInitialRun = true;
    noWebGL();
  }

  // What an agent can do when the browser gives no WebGL: said plainly, with a reload link.
  function noWebGL() {
    loading.className = 'failed no-webgl';
    loading.setAttribute('data-testid', 'no-webgl');
    statusLine.textContent = '';
    var add = function (parent, tag, text) {
      var e = document.createElement(tag);
      if (text) e.textContent = text;
      parent.appendChild(e);
      return e;
    };
    add(statusLine, 'h1', 'Switchboard cannot draw in this browser');
    add(statusLine, 'p', 'Switchboard draws with WebGL, and this browser does not offer it: it is switched off, ' +
      'or the computer\'s graphics are not available (this happens in some remote desktops).');
    var list = add(statusLine, 'ul');
    add(list, 'li', 'Turn on hardware acceleration: in Chrome or Edge, Settings → System → “Use graphics ' +
      'acceleration when available”; in Firefox, Settings → General → Performance. Then restart the browser.');
    add(list, 'li', 'Or open Switchboard in another browser: a current Chrome, Edge, Firefox or Safari.');
    var again = add(add(statusLine, 'p'), 'a', 'Reload the page');
    again.href = location.href;
    again.setAttribute('data-testid', 'no-webgl-reload');
  }
})();
