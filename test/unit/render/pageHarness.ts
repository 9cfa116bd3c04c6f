/**
 * Loads a built webview page in headless chromium behind the same kind of CSP the panels use, with
 * `acquireVsCodeApi` stubbed so the test sees everything the page posts. Shared by the DOM test and
 * the transcript benchmark.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import type { Browser, Page } from 'playwright-core';

export const CHROMIUM = process.env['GONG_CHROMIUM'] ?? '/usr/bin/chromium';
export const ORIGIN = 'https://panel.test';
const root = join(__dirname, '..', '..', '..', '..');

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

/** Builds the pages from source into a temporary folder (so the test never runs a stale bundle). */
export function buildPages(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'gong-pages-'));
  buildSync({
    entryPoints: [join(root, 'src/webview/callDetails.ts'), join(root, 'src/webview/transcript.ts'), join(root, 'src/webview/insights.ts')],
    outdir: dir, bundle: true, platform: 'browser', format: 'iife', target: 'es2022', logLevel: 'silent',
  });
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

// Records what the page posts, counts CSP violations, and turns alert/prompt/confirm into a flag.
const STUB = `
window.__posted = [];
window.__violations = [];
window.__pwned = undefined;
for (const k of ['alert', 'confirm', 'prompt']) window[k] = (...a) => { window.__pwned = String(a[0] ?? k); };
document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
let state;
window.__setState = s => { state = s; };
window.__getState = () => state;
window.acquireVsCodeApi = () => ({ postMessage: m => window.__posted.push(JSON.parse(JSON.stringify(m))), setState: s => { state = s; }, getState: () => state });
`;

const NONCE = 'dGVzdC1ub25jZS0xMjM0NTY3OA==';
const HTML = (page: string) => `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${NONCE}'; style-src ${ORIGIN} 'nonce-${NONCE}'; img-src ${ORIGIN}; base-uri 'none'; form-action 'none'">
<link rel="stylesheet" nonce="${NONCE}" href="${ORIGIN}/panels.css"></head>
<body><main id="root"></main>
<script nonce="${NONCE}" src="${ORIGIN}/stub.js"></script>
<script nonce="${NONCE}" src="${ORIGIN}/${page}.js"></script></body></html>`;

export async function launch(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'], timeout: 30_000 });
}

/** Opens a page with the built bundle; every request outside the harness origin is aborted and recorded. */
export async function openPage(browser: Browser, pagesDir: string, page: 'callDetails' | 'transcript' | 'insights'): Promise<{ page: Page; outside: string[] }> {
  const p = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const outside: string[] = [];
  await p.route('**/*', async route => {
    const url = route.request().url();
    if (!url.startsWith(`${ORIGIN}/`)) { outside.push(url); await route.abort(); return; }
    const name = url.slice(ORIGIN.length + 1).split('?')[0] ?? '';
    if (name === 'index.html') await route.fulfill({ contentType: 'text/html', body: HTML(page) });
    else if (name === 'stub.js') await route.fulfill({ contentType: 'text/javascript', body: STUB });
    else if (name === 'panels.css') await route.fulfill({ contentType: 'text/css', body: readFileSync(join(root, 'media', 'panels.css'), 'utf8') });
    else if (name === `${page}.js`) await route.fulfill({ contentType: 'text/javascript', body: readFileSync(join(pagesDir, `${page}.js`), 'utf8') });
    else { outside.push(url); await route.fulfill({ status: 404, body: '' }); }
  });
  await p.goto(`${ORIGIN}/index.html`);
  await p.waitForFunction(() => (window as unknown as { __posted: Array<{ type: string }> }).__posted.some(m => m.type === 'ready'), undefined, { timeout: 10_000 });
  return { page: p, outside };
}

/** Posts a host message to the page as VS Code would. */
export async function postToPage(page: Page, message: unknown): Promise<void> {
  await page.evaluate(m => { window.postMessage(m, '*'); }, message as object);
}

/** Status messages the page posted so far, oldest first. */
export async function statuses(page: Page): Promise<Array<Record<string, unknown>>> {
  return page.evaluate(() => (window as unknown as { __posted: Array<{ type: string; status?: Record<string, unknown> }> }).__posted
    .filter(m => m.type === 'status').map(m => m.status as Record<string, unknown>));
}

/**
 * Waits (polling from Node, since the page's CSP forbids evaluating strings in it) for the newest status
 * message the predicate accepts, and returns it.
 */
export async function waitForStatus(page: Page, predicate: (st: Record<string, unknown>) => boolean, timeoutMs = 20_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await statuses(page)).reverse().find(predicate);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no status message matched within ${timeoutMs} ms; last: ${JSON.stringify((await statuses(page)).slice(-1))}`);
    await new Promise(r => setTimeout(r, 20));
  }
}
