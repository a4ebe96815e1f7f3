// bench/web_bundle: what a browser pays to open the console, measured in headless Chromium
// (SwiftShader WebGL) against the real switchboard-server on localhost; SWITCHBOARD_E2E_ENGINE=
// firefox or webkit measures those instead (tests/e2e/lib/engines.mjs: under Xvfb, software GL).
//   - compressed transfer size of the app (wasm + js + data, and the page), as the browser
//     received it (gzip from the server) — budget 450 KB for wasm + js + fonts;
//   - navigation start → end of the first frame (window.switchboard.firstFrameAt), median over
//     N fresh loads (a new browser context each: nothing cached) — target 400 ms; with the median
//     time of each step on the way (the page, each download, the app's own marks: see
//     src/platform/web/web_app.cpp);
//   - frames drawn per second while idle (target ≤ 1).
// Not a ctest test: numbers depend on the machine. Run:
//   SWITCHBOARD_SERVER=build/native/bin/switchboard-server SWITCHBOARD_WEB_DIST=build/web/dist \
//     node bench/web_bundle/run.mjs [loads=10]
import { ENGINE, launchBrowser, openConsole, startServer } from '../../tests/e2e/lib/harness.mjs';

const loads = Number(process.argv[2] || 10);
const APP_FILES = ['switchboard.wasm', 'switchboard.js', 'switchboard.data'];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

const server = await startServer();
const browser = await launchBrowser();
try {
  const firstFrame = [];
  const steps = {}; // milestone → [ms from navigation start, per load]
  let transfer = null;
  for (let i = 0; i < loads; i++) {
    const page = await openConsole(browser, server);
    const m = await page.evaluate(() => ({
      firstFrameAt: window.switchboard.firstFrameAt,
      resources: performance.getEntriesByType('resource').map((r) => ({
        name: new URL(r.name).pathname.slice(1), encoded: r.encodedBodySize, decoded: r.decodedBodySize,
      })),
      page: performance.getEntriesByType('navigation')[0].encodedBodySize,
      timeline: (() => {
        const t = {};
        const nav = performance.getEntriesByType('navigation')[0];
        t['index.html received'] = nav.responseEnd;
        for (const r of performance.getEntriesByType('resource')) {
          const name = new URL(r.name).pathname.slice(1);
          if (!/^switchboard\.(js|wasm|data)$/.test(name)) continue;
          t[`${name} requested`] = r.startTime;
          t[`${name} received`] = r.responseEnd;
        }
        t['DOMContentLoaded'] = nav.domContentLoadedEventEnd;
        for (const mk of performance.getEntriesByType('mark')) if (mk.name.startsWith('sb:')) t[mk.name] = mk.startTime;
        t['first frame drawn'] = window.switchboard.firstFrameAt;
        return t;
      })(),
    }));
    firstFrame.push(m.firstFrameAt);
    for (const [k, v] of Object.entries(m.timeline)) (steps[k] ||= []).push(v);
    if (!transfer) transfer = m;
    if (i === loads - 1) {
      // Idle cost on the last page: let start-up settle, then count frames for 5 s.
      await sleep(1000);
      const a = await page.evaluate(() => window.switchboard.frames());
      await sleep(5000);
      const b = await page.evaluate(() => window.switchboard.frames());
      transfer.idleFps = (b - a) / 5;
    }
    await page.context().close();
  }

  console.log(`Web bundle, as ${ENGINE} downloaded it from ${server.url} (gzip):`);
  let app = 0;
  for (const f of APP_FILES) {
    const r = transfer.resources.find((x) => x.name === f);
    if (!r) throw new Error(`${f} was not loaded`);
    app += r.encoded;
    console.log(`  ${f.padEnd(18)} ${kb(r.encoded).padStart(10)} (${kb(r.decoded)} raw)`);
  }
  console.log(`  ${'index.html'.padEnd(18)} ${kb(transfer.page).padStart(10)}`);
  console.log(`  wasm + js + fonts   ${kb(app).padStart(10)}   budget 450 KB: ${app <= 450 * 1024 ? 'within' : 'OVER'}`);
  console.log(`Navigation → first frame over ${loads} loads: median ${median(firstFrame).toFixed(0)} ms, ` +
    `min ${Math.min(...firstFrame).toFixed(0)} ms, max ${Math.max(...firstFrame).toFixed(0)} ms   (target 400 ms)`);
  console.log('Median time of each step, ms from navigation start:');
  for (const [k, v] of Object.entries(steps).sort((a, b) => median(a[1]) - median(b[1]))) {
    console.log(`  ${median(v).toFixed(0).padStart(5)}  ${k}`);
  }
  console.log(`Idle: ${transfer.idleFps.toFixed(2)} frames/s over 5 s   (target ≤ 1)`);
  console.log(JSON.stringify({ app_bytes_gzip: app, first_frame_ms: firstFrame.map((x) => Math.round(x)), idle_fps: transfer.idleFps }));
} finally {
  await browser.close();
  await server.stop();
}
