// Headless chromium through playwright-core, and the workbench URL that loads the extension from
// source (code-server takes extensionDevelopmentPath/extensionTestsPath only as a URL payload, and
// only when started with `--vscode-option enable-smoke-test-driver`).
import { createRequire } from 'node:module';
import { format } from 'node:util';
import { join } from 'node:path';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export function loadPlaywright(runtime) {
  return createRequire(runtime.playwrightCore)('playwright-core');
}

export async function launchBrowser(runtime, runDir) {
  const { chromium } = loadPlaywright(runtime);
  return chromium.launch({
    executablePath: runtime.chromium,
    args: CHROMIUM_ARGS,
    env: { ...process.env, HOME: join(runDir, 'home'), XDG_CONFIG_HOME: join(runDir, 'xdg-config'), XDG_CACHE_HOME: join(runDir, 'xdg-cache') },
    timeout: 60_000,
  });
}

/** The workbench URL for `folder`, loading the extension at `devPath` (and running the tests at `testsPath`). */
export function workbenchUrl(server, { folder, devPath, testsPath }) {
  const remote = p => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = [['skipWelcome', 'true']];
  if (devPath) payload.push(['extensionDevelopmentPath', remote(devPath)]);
  if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
  return `${server.origin}/?folder=${encodeURIComponent(folder ?? server.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

const NOISE = [/vsda/i, /authentication provider 'github'/i, /unexpected operator/, /Failed to load resource.*404/i, /favicon/i];
export const isNoise = text => NOISE.some(re => re.test(text));

/**
 * Opens a page on the workbench with console capture. Returns { page, errors, logs, exit }: `errors`
 * collects console errors and page errors, `exit` resolves with the code the test run reported
 * (`codeAutomationExit`), and `onLog` receives the extension host's console (`codeAutomationLog`).
 */
export async function openWorkbench(browser, url, { onLog, onConsole } = {}) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errors = [];
  const logs = [];
  let settle;
  const exit = new Promise(r => { settle = r; });
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    // The extension host forwards console calls as their arguments (mocha's reporter uses printf-style %s/%d).
    const text = format(...(Array.isArray(args) ? args : [args]));
    logs.push({ type, text });
    onLog?.(type, text);
  });
  await page.exposeFunction('codeAutomationExit', code => settle(code));
  page.on('console', m => {
    const text = m.text();
    logs.push({ type: `browser.${m.type()}`, text });
    if (m.type() === 'error' && !isNoise(text)) errors.push(text);
    onConsole?.(m.type(), text);
  });
  page.on('pageerror', e => { errors.push(`pageerror: ${e.message}`); logs.push({ type: 'pageerror', text: e.message }); });
  // A crashed or closed page never reports an exit code: end the wait instead of timing out.
  page.on('crash', () => settle('page crashed'));
  page.on('close', () => settle('page closed'));
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  return { page, errors, logs, exit };
}
