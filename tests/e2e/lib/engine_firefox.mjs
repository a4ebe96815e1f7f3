// Firefox for the browser tests: Debian's firefox-esr driven by puppeteer-core over WebDriver BiDi,
// headed under its own Xvfb with Mesa's software GL (headless Firefox has no WebGL 2). The objects
// returned offer the part of Playwright's Browser / BrowserContext / Page API that the scenarios
// use (see engines.mjs), so that the same scenario files run here unchanged.
import fs from 'node:fs';
import puppeteer from 'puppeteer-core';
import { DomPage, callSource, poll, splitKeys, startXvfb } from './engine_common.mjs';

export const FIREFOX = '/usr/bin/firefox-esr';

// Playwright key names that puppeteer spells differently.
const KEY = { Control: 'Control', Meta: 'Meta', Alt: 'Alt', Shift: 'Shift', ControlOrMeta: 'Control' };

class Keyboard {
  constructor(page) {
    this.p = page;
  }
  async type(text, { delay = 0 } = {}) {
    await this.p.keyboard.type(text, { delay });
  }
  async press(combo, { delay = 0 } = {}) {
    const { modifiers, key } = splitKeys(combo);
    for (const m of modifiers) await this.p.keyboard.down(KEY[m] || m);
    await this.p.keyboard.press(key.length === 1 && modifiers.length ? key.toLowerCase() : key, { delay });
    for (const m of modifiers.reverse()) await this.p.keyboard.up(KEY[m] || m);
  }
  down(key) {
    return this.p.keyboard.down(KEY[key] || key);
  }
  up(key) {
    return this.p.keyboard.up(KEY[key] || key);
  }
  // Text without key events, as an input method or a phone keyboard gives it (puppeteer's
  // sendCharacter takes one character at a time over BiDi).
  async insertText(text) {
    await this.p.evaluate((t) => document.execCommand('insertText', false, t), text);
  }
}

const isSocketRefusal = (e) => /can.t establish a connection to the server at wss?:\/\//.test(String(e?.message ?? e));

class Page extends DomPage {
  constructor(context, page) {
    super();
    this._context = context;
    this.p = page;
    this.keyboard = new Keyboard(page);
    this.mouse = page.mouse;
    this.engine = 'firefox';
  }
  async goto(url) {
    await this.p.goto(url, { waitUntil: 'load' });
  }
  async reload() {
    await this.p.reload({ waitUntil: 'load' });
  }
  title() {
    return this.p.title();
  }
  evaluate(fn, arg) {
    return typeof fn === 'function' ? this.p.evaluate(fn, arg) : this.p.evaluate(fn);
  }
  async waitForFunction(fn, arg, { timeout = 30000 } = {}) {
    const src = callSource(fn);
    return poll(() => this.p.evaluate(`${src}(${JSON.stringify(arg ?? null)})`), { timeout, what: `function ${String(fn).slice(0, 80)}` });
  }
  async screenshot({ path } = {}) {
    const png = Buffer.from(await this.p.screenshot({ encoding: 'binary' }));
    if (path) fs.writeFileSync(path, png);
    return png;
  }
  async setViewportSize({ width, height }) {
    await this.p.setViewport({ width, height, deviceScaleFactor: this._context.scale });
  }
  viewportSize() {
    const v = this.p.viewport();
    return { width: v.width, height: v.height };
  }
  on(event, handler) {
    // Firefox logs a refused WebSocket as a script error ("Firefox can't establish a connection to
    // the server at ws://…"), which puppeteer reports as a page error; it is the network's news,
    // as Chromium's console line "WebSocket connection to … failed" is, and goes to 'console'.
    if (event === 'pageerror') {
      this.p.on('pageerror', (e) => {
        if (!isSocketRefusal(e)) handler(e instanceof Error ? e : new Error(String(e)));
      });
    } else if (event === 'console') {
      this.p.on('console', (m) => handler({ type: () => m.type(), text: () => m.text() }));
      this.p.on('pageerror', (e) => {
        if (isSocketRefusal(e)) handler({ type: () => 'error', text: () => `WebSocket connection failed: ${e.message}` });
      });
    }
    else throw new Error(`firefox engine: page.on('${event}') is not offered`);
  }
  async addInitScript(fn, arg) {
    await this.p.evaluateOnNewDocument(fn, arg);
  }
  exposeFunction(name, fn) {
    return this.p.exposeFunction(name, fn);
  }
  async close() {
    await this.p.close();
    this._context._pages.delete(this);
  }
}

class Context {
  constructor(browser, ctx, { viewport, scale }) {
    this.browser = browser;
    this.ctx = ctx;
    this.viewport = viewport;
    this.scale = scale;
    this._pages = new Set();
  }
  async newPage() {
    const p = await this.ctx.newPage();
    await p.setViewport({ ...this.viewport, deviceScaleFactor: this.scale });
    const page = new Page(this, p);
    this._pages.add(page);
    return page;
  }
  pages() {
    return [...this._pages];
  }
  async close() {
    await this.ctx.close().catch(() => {});
    this.browser._contexts.delete(this);
  }
}

class Browser {
  constructor(b, xvfb) {
    this.b = b;
    this.xvfb = xvfb;
    this._contexts = new Set();
    this.engine = 'firefox';
  }
  async newContext({ viewport = { width: 1280, height: 720 }, deviceScaleFactor = 1 } = {}) {
    const c = new Context(this, await this.b.createBrowserContext(), { viewport, scale: deviceScaleFactor });
    this._contexts.add(c);
    return c;
  }
  contexts() {
    return [...this._contexts];
  }
  version() {
    return this.b.version();
  }
  async close() {
    await this.b.close().catch(() => {});
    await this.xvfb.stop();
  }
}

export async function launchFirefox() {
  const xvfb = await startXvfb();
  try {
    const b = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: false,
      env: xvfb.env,
      defaultViewport: null,
      extraPrefsFirefox: {
        // No first-run pages, updates or telemetry; audio may autoplay (the new-chat sound).
        'media.autoplay.default': 0,
        'media.autoplay.blocking_policy': 0,
        'browser.shell.checkDefaultBrowser': false,
        'datareporting.policy.dataSubmissionEnabled': false,
        'app.update.enabled': false,
      },
    });
    return new Browser(b, xvfb);
  } catch (e) {
    await xvfb.stop();
    throw e;
  }
}
