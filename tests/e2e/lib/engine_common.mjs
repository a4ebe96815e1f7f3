// What the Firefox and WebKit engines share (tests/e2e/lib/engines.mjs): an X server of their own
// per test (Xvfb, the display number read back through -displayfd, so parallel tests never pick
// the same one) with Mesa's software GL, a key-name table for Playwright-style key strings
// ("Control+A", "Shift+Enter"), and polling helpers. Chromium needs none of it (headless with
// SwiftShader).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Starts `Xvfb -displayfd 3`; resolves { display: ':N', env, stop() }. env is process.env plus
// DISPLAY and LIBGL_ALWAYS_SOFTWARE=1 (llvmpipe: the same pixels on every machine, no GPU).
export async function startXvfb({ width = 2560, height = 1600 } = {}) {
  const runtime = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-e2e-x-'));
  const proc = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', `${width}x${height}x24`, '-nolisten', 'tcp', '-noreset'],
    { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  let err = '';
  proc.stderr.on('data', (c) => (err += c.toString()));
  const display = await new Promise((resolve, reject) => {
    let out = '';
    proc.stdio[3].on('data', (c) => {
      out += c.toString();
      if (out.includes('\n')) resolve(`:${out.trim()}`);
    });
    proc.on('exit', (code) => reject(new Error(`Xvfb exited (${code}) before it was ready: ${err}`)));
    setTimeout(() => reject(new Error(`Xvfb did not start within 10 s: ${err}`)), 10000);
  });
  const env = {
    ...process.env,
    DISPLAY: display,
    LIBGL_ALWAYS_SOFTWARE: '1',
    XDG_RUNTIME_DIR: runtime,
    NO_AT_BRIDGE: '1',
    WAYLAND_DISPLAY: '',
  };
  delete env.WAYLAND_DISPLAY;
  const xvfb = {
    display,
    env,
    proc,
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const gone = new Promise((r) => proc.on('exit', r));
      proc.kill('SIGTERM');
      await Promise.race([gone, sleep(3000)]);
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      fs.rmSync(runtime, { recursive: true, force: true });
    },
  };
  liveXservers.add(xvfb);
  return xvfb;
}

const liveXservers = new Set();
process.on('exit', () => {
  for (const x of liveXservers) {
    try {
      x.proc.kill('SIGKILL');
    } catch {
      /* gone */
    }
  }
});

// "Control+Shift+A" → { modifiers: ['Control', 'Shift'], key: 'A' }.
export function splitKeys(combo) {
  const parts = combo === '+' ? ['+'] : combo.split('+').map((p, i, all) => (p === '' && i === all.length - 1 ? '+' : p)).filter((p) => p !== '');
  const key = parts.pop();
  return { modifiers: parts, key };
}

// Polls fn (async) until truthy; throws after timeout ms.
export async function poll(fn, { timeout = 30000, interval = 50, what = 'condition' } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? `: ${last.message}` : ''}`);
    await sleep(interval);
  }
}

// A function or a string → source text of an expression that, called with one argument, gives the
// value (the shape evaluate() and waitForFunction() accept in Playwright).
export function callSource(fn) {
  return typeof fn === 'function' ? `(${fn.toString()})` : `(() => (${fn}))`;
}

// Playwright's locators, the part the widget scenario uses, for engines that have none: a chain
// of CSS selectors resolved in the page (each step under every element of the one before), the
// clicks made with the real mouse at the element's centre, text typed with the real keyboard
// (fill() puts the text in with an input event, as Playwright's fill does).
// What the Firefox and WebKit pages share: their context and Playwright-style DOM locators
// (each page sets this._context).
export class DomPage {
  context() {
    return this._context;
  }
  locator(selector) {
    return new DomLocator(this, [selector]);
  }
  getByTestId(id) {
    return new DomLocator(this, [`[data-testid="${id}"]`]);
  }
}

export class DomLocator {
  constructor(page, steps, pick = null) {
    this.page = page;
    this.steps = steps;
    this.pick = pick;  // null = all (first for single-element calls), 'last'
  }
  locator(selector) {
    return new DomLocator(this.page, [...this.steps, selector], this.pick);
  }
  getByTestId(id) {
    return this.locator(`[data-testid="${id}"]`);
  }
  last() {
    return new DomLocator(this.page, this.steps, 'last');
  }
  first() {
    return new DomLocator(this.page, this.steps, 'first');
  }
  // Runs fn(elements, arg) in the page, elements resolved from the steps. Sent as one expression
  // (the page's CSP forbids eval, so no new Function in the page).
  run(fn, arg) {
    const resolve = (steps, pick) => {
      let els = [document];
      for (const s of steps) els = els.flatMap((e) => [...e.querySelectorAll(s)]).filter((e, i, all) => all.indexOf(e) === i);
      if (pick === 'last') els = els.slice(-1);
      if (pick === 'first') els = els.slice(0, 1);
      return els;
    };
    const j = (v) => JSON.stringify(v ?? null);
    return this.page.evaluate(`(${fn.toString()})((${resolve.toString()})(${j(this.steps)}, ${j(this.pick)}), ${j(arg)})`);
  }
  count() {
    return this.run((els) => els.length);
  }
  textContent() {
    return this.run((els) => (els[0] ? els[0].textContent : null));
  }
  allTextContents() {
    return this.run((els) => els.map((e) => e.textContent));
  }
  isVisible() {
    return this.run((els) => !!els[0] && els[0].getClientRects().length > 0 && getComputedStyle(els[0]).visibility !== 'hidden');
  }
  async isHidden() {
    return !(await this.isVisible());
  }
  async waitFor({ state = 'visible', timeout = 30000 } = {}) {
    await poll(async () => ((await this.isVisible()) ? state === 'visible' : state === 'hidden'),
      { timeout, what: `${this.steps.join(' ')} to be ${state}` });
  }
  async click() {
    await this.waitFor();
    const r = await this.run((els) => {
      els[0].scrollIntoView({ block: 'center', inline: 'center' });
      const b = els[0].getBoundingClientRect();
      return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
    });
    await this.page.mouse.click(r.x, r.y);
  }
  async fill(value) {
    await this.waitFor();
    await this.run((els, v) => {
      const e = els[0];
      e.focus();
      e.select?.();
      if (!document.execCommand('insertText', false, v) || e.value !== v) {
        e.value = v;
        e.dispatchEvent(new Event('input', { bubbles: true }));
      }
      e.dispatchEvent(new Event('change', { bubbles: true }));
    }, value);
  }
  async press(key) {
    await this.run((els) => els[0].focus());
    await this.page.keyboard.press(key);
  }
  async selectOption({ label, value }) {
    await this.waitFor();
    const ok = await this.run((els, want) => {
      const s = els[0];
      const o = [...s.options].find((x) => (want.label != null ? x.label === want.label : x.value === want.value));
      if (!o) return false;
      s.value = o.value;
      s.dispatchEvent(new Event('input', { bubbles: true }));
      s.dispatchEvent(new Event('change', { bubbles: true }));
      return true;
    }, { label, value });
    if (!ok) throw new Error(`no option ${label ?? value} in ${this.steps.join(' ')}`);
  }
}
