// The browser tests' harness: a real switchboard-server on a free loopback port with a fresh
// SQLite file and demo data, a browser (Chromium, Firefox or WebKit: lib/engines.mjs), and helpers that act on
// the canvas only through what the app itself publishes (window.switchboard, see
// docs/testing.md): find an item by test id, click its centre with the real mouse, type with the
// real keyboard, wait for the client store to say something, take screenshots.
//
// Environment (set by tests/e2e/CMakeLists.txt):
//   SWITCHBOARD_E2E_ENGINE     chromium (default), firefox or webkit (lib/engines.mjs)
//   SWITCHBOARD_SERVER         path of the switchboard-server executable
//   SWITCHBOARD_WEB_DIST       the web build's dist/ folder (required: missing = the test fails)
//   SWITCHBOARD_E2E_ARTIFACTS  where screenshots go
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, CHROMIUM_ARGS, ENGINE, launchBrowser } from './engines.mjs';

export { CHROMIUM, CHROMIUM_ARGS, ENGINE, launchBrowser };

// ---------------------------------------------------------------- configuration

function requiredEnv(name, hint) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: ${hint}`);
  return value;
}

export function config() {
  const server = requiredEnv('SWITCHBOARD_SERVER', 'the path of switchboard-server');
  const dist = requiredEnv(
    'SWITCHBOARD_WEB_DIST',
    'build the web preset and configure the native build with -DSWITCHBOARD_WEB_DIST=<build/web/dist>',
  );
  if (!fs.existsSync(server)) throw new Error(`switchboard-server not found at ${server}`);
  for (const f of ['index.html', 'switchboard.js', 'switchboard.wasm', 'switchboard.data']) {
    if (!fs.existsSync(path.join(dist, f))) {
      throw new Error(`${path.join(dist, f)} is missing: build the web preset (target switchboard-app) first`);
    }
  }
  const artifacts = process.env.SWITCHBOARD_E2E_ARTIFACTS || path.join(os.tmpdir(), 'switchboard-e2e');
  fs.mkdirSync(artifacts, { recursive: true });
  return { server, dist, artifacts };
}

// ---------------------------------------------------------------- the server

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Starts switchboard-server; resolves once /healthz answers. port 0 = a free one (read back from
// the server's first line). Reuse `db` and `port` to restart "the same" server.
// With SWITCHBOARD_E2E_CLUSTER=N the same test runs against a cluster instead (startCluster):
// PostgreSQL, N instances and haproxy; `db` is then the cluster's PostgreSQL folder.
// The browser tests start many chats from one loopback address on purpose (several scenarios on
// one server, retries): they lift the contact side's rate limits by name. The limits themselves
// are tested in tests/server/abuse_test.cpp.
export const UNLIMITED_CONTACT_SIDE = ['--limit-chat-starts-per-address', 'off', '--limit-chat-starts', 'off',
  '--limit-messages-per-token', 'off'];

export async function startServer({ db, port = 0, demo = true, extraArgs = [] } = {}) {
  const instances = Number(process.env.SWITCHBOARD_E2E_CLUSTER || 0);
  if (instances > 0) return startCluster({ instances, pgDir: db, port, demo, extraArgs });
  const { server, dist } = config();
  if (!db) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-e2e-'));
    db = path.join(dir, 'switchboard.db');
  }
  const args = ['--port', String(port), '--db', db, '--web', dist, '--quiet', ...UNLIMITED_CONTACT_SIDE, ...extraArgs];
  if (demo) args.push('--demo');
  const proc = spawn(server, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  const listening = new Promise((resolve, reject) => {
    const onData = (chunk) => {
      log += chunk.toString();
      const m = /listening on (http:\/\/[^/\s]+)\//.exec(log);
      if (m) resolve(m[1]);
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', (chunk) => (log += chunk.toString()));
    exited.then(({ code, signal }) => reject(new Error(`switchboard-server exited (${code ?? signal}) before listening:\n${log}`)));
    setTimeout(() => reject(new Error(`switchboard-server did not start within 20 s:\n${log}`)), 20000);
  });
  let url;
  try {
    url = await listening;
    await waitFor(async () => (await fetch(`${url}/healthz`)).ok, { timeout: 10000, what: '/healthz' });
  } catch (e) {
    proc.kill('SIGKILL');
    throw e;
  }
  const handle = {
    url,
    port: Number(new URL(url).port),
    db,
    databaseArgs: ['--db', db],  // for `switchboard-server admin …` on the same data
    proc,
    log: () => log,
    // SIGTERM, then SIGKILL if it lingers. Resolves when the process is gone.
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGTERM');
      const t = setTimeout(() => proc.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(t);
    },
    // The hard way: the connection is cut without goodbye.
    async kill() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGKILL');
      await exited;
    },
  };
  liveServers.add(handle);
  return handle;
}

// A free port P such that P … P+count-1 are all free (for a cluster's balancer and instances).
async function freePorts(count) {
  const free = (p) => new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(p, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
  for (let tries = 0; tries < 200; ++tries) {
    // Below the kernel's ephemeral range (32768…): no outgoing connection takes one meanwhile.
    const base = 10000 + Math.floor(Math.random() * 20000);
    let ok = true;
    for (let i = 0; i < count && ok; ++i) ok = await free(base + i);
    if (ok) return base;
  }
  throw new Error(`no ${count} consecutive free ports`);
}

// The cluster the README's scripts/run --instances N starts (scripts/cluster), on a throwaway
// PostgreSQL in its own folder (fsync off), ports P (haproxy) and P+1 … P+N. The handle is the
// same as startServer's; kill() is the hard way for all of it (SIGKILL to every instance and the
// balancer; PostgreSQL is then stopped cleanly so that the folder can be started again), and
// killInstance(i) kills one instance the hard way while the rest go on.
export async function startCluster({ instances = 2, pgDir, port = 0, demo = true, extraArgs = [] } = {}) {
  const { dist } = config();
  const top = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
  const dir = pgDir ? path.dirname(pgDir) : fs.mkdtempSync(path.join(os.tmpdir(), 'sb-e2e-cluster-'));
  fs.chmodSync(dir, 0o755);  // PostgreSQL runs as the postgres user
  pgDir = pgDir || path.join(dir, 'pg');
  const runDir = path.join(dir, 'run');
  if (!port) port = await freePorts(instances + 1);
  const args = [path.join(top, 'scripts/cluster'), '--instances', String(instances), '--port', String(port),
    '--pg-dir', pgDir, '--pg-fast', '--run-dir', runDir, '--web', dist, '--server', config().server, '--quiet'];
  if (demo) args.push('--demo');
  args.push('--', ...UNLIMITED_CONTACT_SIDE, ...extraArgs);
  const proc = spawn('bash', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  const url = await new Promise((resolve, reject) => {
    proc.stdout.on('data', (chunk) => {
      log += chunk.toString();
      const m = /cluster is listening on (http:\/\/[^/\s]+)\//.exec(log);
      if (m) resolve(m[1]);
    });
    proc.stderr.on('data', (chunk) => (log += chunk.toString()));
    exited.then(({ code, signal }) => reject(new Error(`scripts/cluster exited (${code ?? signal}) before listening:\n${log}`)));
    setTimeout(() => reject(new Error(`scripts/cluster did not start within 60 s:\n${log}`)), 60000);
  });
  const pidOf = (name) => Number(fs.readFileSync(path.join(runDir, `${name}.pid`), 'utf8'));
  const hardKill = (pid) => {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  };
  const handle = {
    url,
    port,
    db: pgDir,
    databaseArgs: ['--database', fs.readFileSync(path.join(runDir, 'database'), 'utf8').trim()],
    proc,
    instances,
    log: () => log,
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGTERM');
      const t = setTimeout(() => proc.kill('SIGKILL'), 20000);
      await exited;
      clearTimeout(t);
    },
    async kill() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      for (let i = 1; i <= instances; ++i) hardKill(pidOf(`instance-${i}`));
      hardKill(pidOf('haproxy'));
      await exited;  // scripts/cluster stops PostgreSQL and ends
    },
    killInstance(i) {
      hardKill(pidOf(`instance-${i}`));
    },
  };
  liveServers.add(handle);
  return handle;
}

const liveServers = new Set();
function killAllServers() {
  for (const s of liveServers) {
    try {
      if (s.instances) {
        // A cluster: its script must stop PostgreSQL (SIGTERM); the instances go with it.
        s.proc.kill('SIGTERM');
        continue;
      }
      s.proc.kill('SIGKILL');
    } catch {
      /* already gone */
    }
  }
}
process.on('exit', killAllServers);

// ---------------------------------------------------------------- REST helpers (the test's own
// view of the server, independent of the console)

export async function api(server, method, apiPath, { token, body } = {}) {
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${server.url}/api/v1${apiPath}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  return { status: res.status, json, text };
}

export async function login(server, loginName, password) {
  const r = await api(server, 'POST', '/auth/login', { body: { login: loginName, password } });
  if (r.status !== 200) throw new Error(`login ${loginName}: ${r.status} ${r.text}`);
  return r.json;
}

// ---------------------------------------------------------------- the browser

// Reports every Content-Security-Policy violation of a page (and its frames) into `problems`, as
// "csp: <directive> <blocked>": the server's policy (docs/api.md, "Security") must fit the app.
// Registered before any of the page's own script runs; Playwright's init scripts are not
// themselves subject to the page's policy.
export async function watchCsp(page, problems) {
  await page.exposeFunction('__sbCspViolation', (v) => problems.push(`csp: ${v}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__sbCspViolation(`${e.violatedDirective} ${e.blockedURI || '(inline)'} at ${e.sourceFile || location.href}:${e.lineNumber}`);
    });
  });
}

// A fresh browser context (its own localStorage) with the console open and its first frame drawn.
// touch: a touch screen (Playwright's hasTouch), for touch input through CDP.
// init: a function run in the page before its own scripts (page.addInitScript), e.g. to take
// WebGL 2 away; waitReady false: do not wait for the first frame (a page that cannot start).
export async function openConsole(browser, server, { route = '/', viewport = { width: 1280, height: 800 }, scale = 1, touch = false, init = null, waitReady = true } = {}) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: scale, hasTouch: touch });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // The browser logs every 4xx answer as an error; those are the API speaking, not the app failing.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`);
  });
  page.problems = problems;
  await watchCsp(page, problems);
  if (init) await page.addInitScript(init);
  await page.goto(server.url + route);
  if (waitReady) await page.waitForFunction(() => window.switchboard && window.switchboard.ready === true, null, { timeout: 30000 });
  return page;
}

// ---------------------------------------------------------------- the bridge

export const items = (page) => page.evaluate(() => window.switchboard.items());
export const state = (page) => page.evaluate(() => window.switchboard.state());
export const frames = (page) => page.evaluate(() => window.switchboard.frames());

// Polls fn until it returns a truthy value (which is returned). fn may be async.
export async function waitFor(fn, { timeout = 10000, interval = 50, what = 'condition' } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
      last = v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what}` + (last instanceof Error ? `: ${last.message}` : ''));
    }
    await sleep(interval);
  }
}

// Waits until predicate(state) is truthy; returns that state.
export async function waitForState(page, predicate, { timeout = 20000, what = 'state' } = {}) {
  let seen;
  try {
    return await waitFor(async () => {
      seen = await state(page);
      return predicate(seen) ? seen : null;
    }, { timeout, what });
  } catch (e) {
    e.message += `\nlast state: ${JSON.stringify(seen)?.slice(0, 2000)}`;
    throw e;
  }
}

// The item with this test id, once it is on screen.
export async function findItem(page, id, { timeout = 20000 } = {}) {
  let seen = [];
  try {
    return await waitFor(async () => {
      seen = await items(page);
      return seen.find((it) => it.id === id);
    }, { timeout, what: `item "${id}"` });
  } catch (e) {
    e.message += `\nitems on screen: ${seen.map((it) => it.id).join(', ')}`;
    throw e;
  }
}

// Moves the real mouse to the item's centre and clicks.
export async function click(page, id, options) {
  const it = await findItem(page, id, options);
  await page.mouse.move(it.x + it.w / 2, it.y + it.h / 2);
  await page.mouse.click(it.x + it.w / 2, it.y + it.h / 2);
  return it;
}

// Clicks a text field and types into it with the real keyboard.
export async function typeInto(page, id, text, { clear = true } = {}) {
  await click(page, id);
  if (clear) {
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
  }
  await page.keyboard.type(text, { delay: 5 });
}

export async function screenshot(page, name) {
  const { artifacts } = config();
  const file = path.join(artifacts, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

// The colours of a screenshot of the page, decoded by the browser itself (no PNG library):
// [[0xRRGGBB, pixels], ...], commonest first. stride > 1 samples every stride-th pixel.
export async function colorCounts(page, { stride = 1 } = {}) {
  const png = (await page.screenshot()).toString('base64');
  return page.evaluate(async ([b64, step]) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const c = new OffscreenCanvas(bitmap.width, bitmap.height);
    const g = c.getContext('2d');
    g.drawImage(bitmap, 0, 0);
    const data = g.getImageData(0, 0, bitmap.width, bitmap.height).data;
    const count = new Map();
    for (let i = 0; i < data.length; i += 4 * step) {
      const k = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
      count.set(k, (count.get(k) || 0) + 1);
    }
    return [...count.entries()].sort((x, y) => y[1] - x[1]);
  }, [png, stride]);
}

// How many distinct colours a screenshot of the page has.
export async function distinctColors(page) {
  return (await colorCounts(page)).length;
}

// ---------------------------------------------------------------- running a test

// Runs one test: body({ browser, step }) with a launched browser; on failure saves a screenshot of
// every open page, prints the error and exits 1. Servers and the browser are always stopped.
export async function runTest(name, body) {
  const started = Date.now();
  let browser;
  let failed = false;
  try {
    config();
    browser = await launchBrowser();
    const step = (what) => console.log(`[${name}] ${((Date.now() - started) / 1000).toFixed(1)}s ${what}`);
    await body({ browser, step });
    console.log(`[${name}] (${ENGINE}) passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (e) {
    failed = true;
    console.error(`[${name}] FAILED: ${e.stack || e}`);
    if (browser) {
      let n = 0;
      for (const context of browser.contexts()) {
        for (const page of context.pages()) {
          try {
            const file = await screenshot(page, `${name}-failure-${n++}`);
            console.error(`[${name}] screenshot: ${file}`);
            if (page.problems?.length) console.error(`[${name}] page problems:\n  ${page.problems.join('\n  ')}`);
          } catch {
            /* page already gone */
          }
        }
      }
    }
  } finally {
    if (browser) await browser.close().catch(() => {});
    for (const s of liveServers) await s.stop().catch(() => {});
    killAllServers();
  }
  process.exit(failed ? 1 : 0);
}
