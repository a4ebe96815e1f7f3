// bench/web_bundle/compare.mjs: navigation → first frame of two web builds, measured in turns
// (A, B, A, B, … each a fresh browser context) so that both see the same machine load, which on a
// shared machine moves more than most start-up changes do. Prints the median of each step for
// both (the page's timeline: downloads and the app's marks, as run.mjs) and the median of the
// per-pair differences of the first frame. Run:
//   SWITCHBOARD_SERVER=build/native/bin/switchboard-server \
//     node bench/web_bundle/compare.mjs <distA> <distB> [pairs=15]
import { launchBrowser, openConsole, startServer } from '../../tests/e2e/lib/harness.mjs';

const [distA, distB] = process.argv.slice(2, 4);
const pairs = Number(process.argv[4] || 15);
if (!distA || !distB) {
  console.error('usage: node bench/web_bundle/compare.mjs <distA> <distB> [pairs]');
  process.exit(2);
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// One fresh load: the page's timeline in ms from navigation start.
async function load(browser, server) {
  const page = await openConsole(browser, server);
  const t = await page.evaluate(() => {
    const out = {};
    const nav = performance.getEntriesByType('navigation')[0];
    out['index.html received'] = nav.responseEnd;
    for (const r of performance.getEntriesByType('resource')) {
      const name = new URL(r.name).pathname.slice(1);
      if (/^switchboard\.(js|wasm|data)$/.test(name)) out[`${name} received`] = r.responseEnd;
    }
    out.DOMContentLoaded = nav.domContentLoadedEventEnd;
    for (const mk of performance.getEntriesByType('mark')) if (mk.name.startsWith('sb:')) out[mk.name] = mk.startTime;
    out['first frame drawn'] = window.switchboard.firstFrameAt;
    return out;
  });
  await page.context().close();
  return t;
}

const servers = [];
for (const dist of [distA, distB]) {
  process.env.SWITCHBOARD_WEB_DIST = dist;
  servers.push(await startServer());
}
const browser = await launchBrowser();
const runs = [[], []];
const load0 = (await import('node:os')).loadavg()[0];
try {
  for (let i = 0; i < pairs; ++i) {
    const order = i % 2 ? [1, 0] : [0, 1]; // who goes first alternates too
    for (const k of order) runs[k].push(await load(browser, servers[k]));
  }
} finally {
  await browser.close();
  for (const s of servers) await s.stop();
}
const load1 = (await import('node:os')).loadavg()[0];

const steps = [...new Set(runs.flatMap((r) => r.flatMap((t) => Object.keys(t))))];
const at = (k, step) => runs[k].map((t) => t[step]).filter((v) => v !== undefined);
steps.sort((a, b) => median(at(0, a).concat(at(1, a))) - median(at(0, b).concat(at(1, b))));
console.log(`${pairs} pairs of fresh loads, load average ${load0.toFixed(1)} → ${load1.toFixed(1)}`);
console.log(`  ${'A'.padStart(5)} ${'B'.padStart(5)}  median ms from navigation start`);
for (const s of steps) {
  const a = at(0, s), b = at(1, s);
  const fmt = (xs) => (xs.length ? median(xs).toFixed(0) : '-').padStart(5);
  console.log(`  ${fmt(a)} ${fmt(b)}  ${s}`);
}
const diffs = runs[0].map((t, i) => runs[1][i]['first frame drawn'] - t['first frame drawn']);
console.log(`first frame: A median ${median(at(0, 'first frame drawn')).toFixed(0)} ms, ` +
  `B median ${median(at(1, 'first frame drawn')).toFixed(0)} ms, B − A per pair: median ${median(diffs).toFixed(0)} ms`);
console.log(`  A = ${distA}\n  B = ${distB}`);
