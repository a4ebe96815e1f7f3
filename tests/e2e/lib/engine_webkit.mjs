// WebKit for the browser tests (the engine of Safari): WebKitGTK's MiniBrowser driven through
// WebKitWebDriver (Debian's webkit2gtk-driver) by selenium-webdriver, under its own Xvfb with
// Mesa's software GL. The objects returned offer the part of Playwright's Browser /
// BrowserContext / Page API that the scenarios use (see engines.mjs).
//
// Each browser context is its own WebDriver session (its own MiniBrowser with its own storage),
// and each session its own WebKitWebDriver process, so that a context's deviceScaleFactor can be
// given to GTK as GDK_SCALE. Classic WebDriver has no init scripts, no page events and no
// exposed functions: here they are installed right after every navigation (and checked again
// before every evaluate), and what the page reports (errors, console.error, calls of exposed
// functions) waits in a queue in the page that every evaluate() and screenshot() empties. So a
// page error is seen, but only from the end of the page's load on, and only at the next call.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { createRequire } from 'node:module';
import { DomPage, callSource, poll, sleep, splitKeys, startXvfb } from './engine_common.mjs';

const require = createRequire(import.meta.url);
const { Builder, Key } = require('selenium-webdriver');
const { Origin } = require('selenium-webdriver/lib/input');

export const WEBKIT_DRIVER = '/usr/bin/WebKitWebDriver';
export const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

const KEYS = {
  Enter: Key.ENTER, Backspace: Key.BACK_SPACE, Tab: Key.TAB, Escape: Key.ESCAPE, Delete: Key.DELETE,
  Shift: Key.SHIFT, Control: Key.CONTROL, ControlOrMeta: Key.CONTROL, Alt: Key.ALT, Meta: Key.META,
  ArrowUp: Key.ARROW_UP, ArrowDown: Key.ARROW_DOWN, ArrowLeft: Key.ARROW_LEFT, ArrowRight: Key.ARROW_RIGHT,
  Home: Key.HOME, End: Key.END, PageUp: Key.PAGE_UP, PageDown: Key.PAGE_DOWN, Space: ' ', '\n': Key.ENTER,
};
const keyOf = (k) => {
  if (KEYS[k] !== undefined) return KEYS[k];
  if ([...k].length === 1) return k;
  throw new Error(`webkit engine: unknown key "${k}"`);
};

// Installed in the page after every navigation (idempotent): the report queue and its sources.
const HOOK = `if (!window.__sbHooked) {
  window.__sbHooked = true;
  const q = (window.__sbQueue = []);
  window.__sbDrain = () => q.splice(0);
  addEventListener('error', (e) => q.push({ kind: 'pageerror', message: e.message || String(e.error) }));
  addEventListener('unhandledrejection', (e) => q.push({ kind: 'pageerror', message: String((e.reason && e.reason.message) || e.reason) }));
  const original = console.error.bind(console);
  console.error = (...a) => { q.push({ kind: 'console', type: 'error', text: a.map(String).join(' ') }); original(...a); };
}`;

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

class Keyboard {
  constructor(page) {
    this.page = page;
  }
  actions() {
    return this.page.driver.actions({ async: true });
  }
  async type(text, { delay = 0 } = {}) {
    let a = this.actions();
    for (const ch of text) {
      const k = keyOf(ch);
      a = a.keyDown(k).keyUp(k);
      if (delay) a = a.pause(delay);
    }
    await a.perform();
  }
  async press(combo) {
    const { modifiers, key } = splitKeys(combo);
    let a = this.actions();
    for (const m of modifiers) a = a.keyDown(keyOf(m));
    a = a.keyDown(keyOf(key)).keyUp(keyOf(key));
    for (const m of [...modifiers].reverse()) a = a.keyUp(keyOf(m));
    await a.perform();
  }
  async down(key) {
    await this.actions().keyDown(keyOf(key)).perform();
  }
  async up(key) {
    await this.actions().keyUp(keyOf(key)).perform();
  }
  // Text without key events, as an input method or the on-screen keyboard gives it.
  async insertText(text) {
    await this.page.evaluate((t) => document.execCommand('insertText', false, t), text);
  }
}

class Mouse {
  constructor(page) {
    this.page = page;
    this.x = 0;
    this.y = 0;
  }
  actions() {
    return this.page.driver.actions({ async: true });
  }
  async move(x, y) {
    this.x = Math.round(x);
    this.y = Math.round(y);
    await this.actions().move({ x: this.x, y: this.y, origin: Origin.VIEWPORT }).perform();
  }
  async click(x, y, { clickCount = 1 } = {}) {
    this.x = Math.round(x);
    this.y = Math.round(y);
    let a = this.actions().move({ x: this.x, y: this.y, origin: Origin.VIEWPORT });
    for (let i = 0; i < clickCount; ++i) a = a.press().release();
    await a.perform();
  }
  async down() {
    await this.actions().move({ x: this.x, y: this.y, origin: Origin.VIEWPORT }).press().perform();
  }
  async up() {
    await this.actions().move({ x: this.x, y: this.y, origin: Origin.VIEWPORT }).release().perform();
  }
}

class Page extends DomPage {
  constructor(context, driver) {
    super();
    this._context = context;
    this.driver = driver;
    this.keyboard = new Keyboard(this);
    this.mouse = new Mouse(this);
    this.handlers = { pageerror: [], console: [] };
    this.exposed = new Map();
    this.initScripts = [];
    this.engine = 'webkit';
  }
  // The hook, the exposed functions and the init scripts, each once per document.
  prelude() {
    const exposed = [...this.exposed.keys()].map((n) =>
      `if (!window[${JSON.stringify(n)}]) window[${JSON.stringify(n)}] = (...args) => { window.__sbQueue.push({ kind: 'expose', name: ${JSON.stringify(n)}, args }); };`);
    const init = this.initScripts.map((s, i) => `if (!window.__sbInit${i}) { window.__sbInit${i} = true; try { ${s} } catch (e) { window.__sbQueue.push({ kind: 'pageerror', message: String(e) }); } }`);
    return [HOOK, ...exposed, ...init].join('\n');
  }
  dispatch(queue) {
    for (const r of queue || []) {
      if (r.kind === 'expose') Promise.resolve(this.exposed.get(r.name)?.(...r.args)).catch(() => {});
      else if (r.kind === 'pageerror') for (const h of this.handlers.pageerror) h(new Error(r.message));
      else if (r.kind === 'console') for (const h of this.handlers.console) h({ type: () => r.type, text: () => r.text });
    }
  }
  async evaluate(fn, arg) {
    const script = `${this.prelude()}
const __f = ${callSource(fn)};
return Promise.resolve(__f(arguments[0])).then((v) => ({ v: v === undefined ? null : v, q: window.__sbDrain() }));`;
    const { v, q } = await this.driver.executeScript(script, arg ?? null);
    this.dispatch(q);
    return v;
  }
  async goto(url) {
    await this.driver.get(url);
    await this.evaluate(() => 0);
  }
  async reload() {
    await this.driver.navigate().refresh();
    await this.evaluate(() => 0);
  }
  title() {
    return this.driver.getTitle();
  }
  async waitForFunction(fn, arg, { timeout = 30000 } = {}) {
    return poll(() => this.evaluate(fn, arg), { timeout, what: `function ${String(fn).slice(0, 80)}` });
  }
  async screenshot({ path } = {}) {
    await this.evaluate(() => 0).catch(() => {});
    const png = Buffer.from(await this.driver.takeScreenshot(), 'base64');
    if (path) fs.writeFileSync(path, png);
    return png;
  }
  async setViewportSize(size) {
    await this._context.resize(size);
    this._context.viewport = size;
  }
  viewportSize() {
    return { ...this._context.viewport };
  }
  on(event, handler) {
    if (!this.handlers[event]) throw new Error(`webkit engine: page.on('${event}') is not offered`);
    this.handlers[event].push(handler);
  }
  async addInitScript(fn, arg) {
    this.initScripts.push(typeof fn === 'function' ? `(${fn.toString()})(${JSON.stringify(arg ?? null)});` : String(fn));
  }
  async exposeFunction(name, fn) {
    this.exposed.set(name, fn);
  }
  async close() {
    await this._context.close();
  }
}

class Context {
  constructor(browser, { viewport, scale }) {
    this.browser = browser;
    this.viewport = viewport;
    this.scale = scale;
    this.page = null;
  }
  async start() {
    const port = await freePort();
    const env = { ...this.browser.xvfb.env, GDK_SCALE: String(this.scale) };
    this.proc = spawn(WEBKIT_DRIVER, [`--port=${port}`, '--host=127.0.0.1'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    this.proc.stderr.on('data', (c) => (log += c.toString()));
    const url = `http://127.0.0.1:${port}`;
    await poll(async () => (await fetch(`${url}/status`)).ok, { timeout: 10000, interval: 50, what: `WebKitWebDriver on ${port}: ${log}` });
    this.driver = await new Builder()
      .usingServer(url)
      .withCapabilities({ browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] } })
      .build();
    await this.resize(this.viewport);
  }
  // The window is the viewport plus MiniBrowser's own chrome (toolbar), measured once.
  async resize({ width, height }) {
    if (!this.chrome) {
      const c = await this.driver.executeScript('return [outerWidth - innerWidth, outerHeight - innerHeight]');
      this.chrome = { w: c[0], h: c[1] };
    }
    await this.driver.manage().window().setRect({ width: width + this.chrome.w, height: height + this.chrome.h });
    await poll(async () => {
      const [w, h] = await this.driver.executeScript('return [innerWidth, innerHeight]');
      return w === width && h === height;
    }, { timeout: 3000, what: `the viewport to be ${width}x${height}` }).catch(async (e) => {
      // MiniBrowser's window will not shrink below about 447 CSS px wide (its toolbar): a phone
      // width gives that instead, said on stderr; any other mismatch is an error.
      const [w, h] = await this.driver.executeScript('return [innerWidth, innerHeight]');
      if (h !== height || w < width) throw new Error(`webkit engine: ${e.message} (it is ${w}x${h})`);
      console.warn(`[webkit] viewport ${w}x${h} instead of ${width}x${height}: MiniBrowser's narrowest window`);
    });
  }
  async newPage() {
    if (this.page) throw new Error('webkit engine: one page per context (each context is its own session)');
    await this.start();
    this.page = new Page(this, this.driver);
    return this.page;
  }
  pages() {
    return this.page ? [this.page] : [];
  }
  async close() {
    if (this.driver) await this.driver.quit().catch(() => {});
    if (this.proc) {
      this.proc.kill('SIGTERM');
      await sleep(50);
    }
    this.driver = null;
    this.page = null;
    this.browser._contexts.delete(this);
  }
}

class Browser {
  constructor(xvfb) {
    this.xvfb = xvfb;
    this._contexts = new Set();
    this.engine = 'webkit';
  }
  async newContext({ viewport = { width: 1280, height: 720 }, deviceScaleFactor = 1 } = {}) {
    const c = new Context(this, { viewport, scale: deviceScaleFactor });
    this._contexts.add(c);
    return c;
  }
  contexts() {
    return [...this._contexts];
  }
  async close() {
    for (const c of [...this._contexts]) await c.close();
    await this.xvfb.stop();
  }
}

export async function launchWebKit() {
  return new Browser(await startXvfb());
}
