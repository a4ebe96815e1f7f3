// The browser engine a browser test runs in, picked by SWITCHBOARD_E2E_ENGINE:
//   chromium (default)  Debian's /usr/bin/chromium, headless with SwiftShader, via playwright-core
//   firefox             /usr/bin/firefox-esr via puppeteer-core over WebDriver BiDi (engine_firefox.mjs)
//   webkit              WebKitGTK's MiniBrowser via WebKitWebDriver + selenium-webdriver (engine_webkit.mjs)
// Firefox and WebKit run headed, each in its own Xvfb with software GL (engine_common.mjs).
//
// The scenarios are written against Playwright's API and run unchanged in every engine: the
// Firefox and WebKit objects offer the part of it they use. That part is the contract —
//   browser:  newContext({ viewport, deviceScaleFactor }), contexts(), close()
//   context:  newPage(), pages(), close()
//   page:     goto(url), reload(), title(), evaluate(fn, arg), waitForFunction(fn, arg, { timeout }),
//             mouse.move/click/down/up, keyboard.type(text, { delay }) / press('Control+A') /
//             down / up / insertText, screenshot({ path }), setViewportSize(size), context(),
//             on('pageerror' | 'console'), addInitScript(fn), exposeFunction(name, fn), close()
//   page.engine, browser.engine: 'chromium' | 'firefox' | 'webkit'
// Anything else (routes, locators, touch, CDP) is Chromium's alone; a scenario that needs it runs
// only in Chromium (tests/e2e/CMakeLists.txt says which run where).
import { chromium } from 'playwright-core';

export const ENGINE = process.env.SWITCHBOARD_E2E_ENGINE || 'chromium';
export const ENGINES = ['chromium', 'firefox', 'webkit'];
if (!ENGINES.includes(ENGINE)) throw new Error(`SWITCHBOARD_E2E_ENGINE=${ENGINE}: one of ${ENGINES.join(', ')}`);

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-sandbox',
];

export async function launchBrowser() {
  if (ENGINE === 'firefox') return (await import('./engine_firefox.mjs')).launchFirefox();
  if (ENGINE === 'webkit') return (await import('./engine_webkit.mjs')).launchWebKit();
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  browser.engine = 'chromium';
  return browser;
}
