// Kiosk soak (issue 6, K4): the kiosk in headless Chromium for a long run (30 minutes by default)
// while traffic flows, to show that memory stays flat and the CPU cost stays low.
//
// Traffic: `switchboard-sim` when it is built beside the server (SWITCHBOARD_SIM or <bin>/switchboard-sim),
// otherwise this script makes it through the API: contacts start chats (POST /contact/chats) and
// write again, agents log in and accept, reply, resolve, and change presence. Every change is an
// event the kiosk hears and answers with a /stats refresh.
//
// Measured at the start (after a settle period) and at the end, each after a forced garbage
// collection: the JS heap (CDP Performance.getMetrics JSHeapUsedSize), the wasm memory
// (window.switchboard.wasmMemory() = HEAP8.length), the CPU time of the renderer and GPU
// processes (CDP SystemInfo.getProcessInfo), frames drawn, /stats requests made; a sample every
// minute in between. The result is printed and written as JSON to the artifacts folder.
//
// Run (after building the native server and the web app):
//   SWITCHBOARD_SERVER=build/<dir>/bin/switchboard-server SWITCHBOARD_WEB_DIST=build/<web>/dist \
//     node bench/kiosk_soak/soak.mjs [--minutes 30] [--out <file.json>]
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { api, config, launchBrowser, login, openConsole, startServer, waitForState } from '../../tests/e2e/lib/harness.mjs';

const args = process.argv.slice(2);
const arg = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const minutes = Number(arg('minutes', '30'));
const settleSeconds = Math.min(60, minutes * 60 * 0.1);
const out = arg('out', path.join(config().artifacts, 'kiosk-soak.json'));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...m) => console.log(`[kiosk-soak] ${new Date().toISOString().slice(11, 19)}`, ...m);

// ---------------------------------------------------------------- traffic through the API

function apiTraffic(server) {
  let stop = false;
  const counts = { chats: 0, contact_messages: 0, accepts: 0, replies: 0, resolves: 0, presence: 0, errors: 0 };
  const contacts = []; // {chat_id, token}
  const run = async () => {
    const agents = [];
    for (const l of ['alice', 'bob', 'carol']) agents.push({ login: l, token: (await login(server, l, 'demo')).token });
    let n = 0;
    while (!stop) {
      n++;
      try {
        // A new chat every ~2 s on average.
        const started = await api(server, 'POST', '/contact/chats', { body: { name: `Soak Contact ${n}`, body: `Question number ${n}` } });
        if (started.status === 201) {
          counts.chats++;
          contacts.push({ chat_id: started.json.chat_id, token: started.json.contact_token });
          if (contacts.length > 50) contacts.shift();
        } else counts.errors++;
        // Somebody writes again in an older chat.
        if (contacts.length > 3 && n % 2 === 0) {
          const c = contacts[Math.floor(Math.random() * contacts.length)];
          const r = await api(server, 'POST', `/contact/chats/${c.chat_id}/messages`, {
            token: c.token, body: { body: `Any news? (${n})`, client_id: `soak-${n}` },
          });
          if (r.status < 300) counts.contact_messages++;
        }
        // Agents take the oldest pending chats, keeping a handful waiting.
        const a = agents[n % agents.length];
        const pending = await api(server, 'GET', '/chats?view=pending&limit=20', { token: a.token });
        const list = pending.json?.chats ?? [];
        // (A contact writing to a resolved chat reopens it, so up to two are taken at a time.)
        for (const chat of list.slice(0, Math.min(2, Math.max(0, list.length - 5)))) {
          if ((await api(server, 'POST', `/chats/${chat.id}/accept`, { token: a.token })).status === 200) {
            counts.accepts++;
            await api(server, 'POST', `/chats/${chat.id}/messages`, { token: a.token, body: { body: 'Hello, looking into it.', client_id: `soak-r-${n}-${chat.id}`, kind: 'text' } });
            counts.replies++;
          }
        }
        const working = await api(server, 'GET', '/chats?view=working&limit=20', { token: a.token });
        const mine = working.json?.chats ?? [];
        for (const chat of mine.slice(3, 5)) {
          if ((await api(server, 'POST', `/chats/${chat.id}/resolve`, { token: a.token })).status < 300) counts.resolves++;
        }
        if (n % 15 === 0) {
          const presence = ['online', 'away', 'online'][Math.floor(n / 15) % 3];
          if ((await api(server, 'PATCH', '/me', { token: a.token, body: { presence } })).status === 200) counts.presence++;
        }
      } catch (e) {
        counts.errors++;
      }
      await sleep(1000 + Math.random() * 2000);
    }
  };
  const done = run();
  return { kind: 'api', counts, stop: async () => { stop = true; await done; } };
}

function simTraffic(sim, server) {
  const proc = spawn(sim, ['--url', server.url], { stdio: 'inherit' });
  return { kind: `sim ${sim}`, counts: {}, stop: async () => { proc.kill('SIGTERM'); } };
}

// ---------------------------------------------------------------- measurements

async function measure(page, cdp, browserCdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await sleep(200);
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
  const info = await browserCdp.send('SystemInfo.getProcessInfo');
  const cpu = (type) => info.processInfo.filter((p) => p.type === type).reduce((s, p) => s + p.cpuTime, 0);
  const bridge = await page.evaluate(() => {
    const s = window.switchboard.state();
    return { wasm: window.switchboard.wasmMemory(), frames: window.switchboard.frames(), stats_requests: s.stats_requests, connection: s.connection, pending: s.stats?.pending_total };
  });
  return {
    at: Date.now(),
    js_heap_used: m.JSHeapUsedSize,
    js_heap_total: m.JSHeapTotalSize,
    dom_nodes: m.Nodes,
    wasm_memory: bridge.wasm,
    renderer_cpu_s: cpu('renderer'),
    gpu_cpu_s: cpu('GPU'),
    main_thread_task_s: m.TaskDuration,
    frames: bridge.frames,
    stats_requests: bridge.stats_requests,
    connection: bridge.connection,
    pending: bridge.pending,
  };
}

// ---------------------------------------------------------------- the run

const server = await startServer();
const tok = spawnSync(config().server, ['admin', 'make-display-token', '--label', 'soak', '--db', server.db], { encoding: 'utf8' });
if (tok.status !== 0) throw new Error(`make-display-token: ${tok.stderr}`);
const token = tok.stdout.trim();
const browser = await launchBrowser();
let traffic;
try {
  const page = await openConsole(browser, server, { route: `/kiosk?token=${token}`, viewport: { width: 1920, height: 1080 } });
  await waitForState(page, (s) => s.connection === 'live' && s.stats, { what: 'live kiosk' });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const browserCdp = await browser.newBrowserCDPSession();

  const simPath = process.env.SWITCHBOARD_SIM || path.join(path.dirname(config().server), 'switchboard-sim');
  traffic = fs.existsSync(simPath) ? simTraffic(simPath, server) : apiTraffic(server);
  log(`kiosk live; traffic: ${traffic.kind}; ${minutes} min run, settling ${settleSeconds} s`);
  await sleep(settleSeconds * 1000);

  const start = await measure(page, cdp, browserCdp);
  log('start', JSON.stringify(start));
  const samples = [start];
  const end_at = start.at + minutes * 60 * 1000;
  while (Date.now() < end_at) {
    await sleep(Math.min(60000, Math.max(0, end_at - Date.now())));
    const s = await measure(page, cdp, browserCdp);
    samples.push(s);
    log(`${((s.at - start.at) / 60000).toFixed(1)} min: heap ${(s.js_heap_used / 1e6).toFixed(2)} MB, wasm ${(s.wasm_memory / 1e6).toFixed(1)} MB, renderer CPU ${(s.renderer_cpu_s - start.renderer_cpu_s).toFixed(1)} s, frames +${s.frames - start.frames}, stats +${s.stats_requests - start.stats_requests}, pending ${s.pending}, ${s.connection}`);
  }
  await traffic.stop();
  const end = samples[samples.length - 1];
  const wall = (end.at - start.at) / 1000;
  const result = {
    minutes: wall / 60,
    traffic: { kind: traffic.kind, ...traffic.counts },
    js_heap_used_mb: { start: start.js_heap_used / 1e6, end: end.js_heap_used / 1e6, max: Math.max(...samples.map((s) => s.js_heap_used)) / 1e6 },
    wasm_memory_mb: { start: start.wasm_memory / 1e6, end: end.wasm_memory / 1e6 },
    renderer_cpu_s: end.renderer_cpu_s - start.renderer_cpu_s,
    renderer_cpu_percent: (100 * (end.renderer_cpu_s - start.renderer_cpu_s)) / wall,
    gpu_cpu_s: end.gpu_cpu_s - start.gpu_cpu_s,
    main_thread_task_s: end.main_thread_task_s - start.main_thread_task_s,
    frames: end.frames - start.frames,
    frames_per_second: (end.frames - start.frames) / wall,
    stats_requests: end.stats_requests - start.stats_requests,
    samples,
  };
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(result, null, 2));
  const { samples: _, ...summary } = result;
  log('result', JSON.stringify(summary, null, 2));
  log(`written to ${out}`);
} finally {
  if (traffic) await traffic.stop().catch(() => {});
  await browser.close().catch(() => {});
  await server.stop().catch(() => {});
}
