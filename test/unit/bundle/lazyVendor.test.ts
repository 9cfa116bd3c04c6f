import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// dist/extension.js leaves undici, zod and markdown-it to dist/vendor/*.js and loads them on first use
// (scripts/extensionBundle.mjs). These checks run the built bundle, so they catch what a code review
// would miss: a top-level `import { x } from 'undici'`, a markdown-it parser built at import time or a
// schema built at import time anywhere on the activation path loads a vendor file during activate() again.
const root = join(__dirname, '..', '..', '..', '..');
const dist = join(root, 'dist');
const extensionJs = join(dist, 'extension.js');

/**
 * Loads the bundle in a fresh Node process with a stand-in `vscode` (every export answers every call
 * with itself), calls activate(), and reports what was loaded. A fresh process, because the test
 * process itself may have undici and zod loaded from node_modules already.
 */
function activateInChild(): { error?: string; vendorLoaded: string[]; nodeModulesLoaded: string[]; subscriptions: number } {
  const script = `
const Module = require('node:module');
const { readFileSync } = require('node:fs');
const dts = readFileSync(require.resolve('@types/vscode/index.d.ts', { paths: [${JSON.stringify(root)}] }), 'utf8');
// The bundle copies the module's own property names (esbuild's namespace import), so list them all.
const names = [...new Set([...dts.matchAll(/^\\s*export (?:namespace|class|enum|const|function|let) (\\w+)/gm)].map(m => m[1]))];
const stub = new Proxy(function () {}, {
  get: (t, p) => (p === 'prototype' ? t.prototype : p === 'then' ? undefined : p === Symbol.toPrimitive ? () => '' : stub),
  apply: () => stub, construct: () => stub, set: () => true, defineProperty: () => true,
});
const vscode = new Proxy({}, {
  get: (_t, p) => (p === 'then' || p === '__esModule' ? undefined : stub),
  ownKeys: () => names,
  getOwnPropertyDescriptor: (_t, p) => (names.includes(p) ? { configurable: true, enumerable: true, value: stub } : undefined),
});
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'vscode' ? vscode : load.call(this, request, ...rest); };
const ext = require(${JSON.stringify(extensionJs)});
const context = { subscriptions: [], globalState: stub, workspaceState: stub, secrets: stub, extensionUri: stub,
  extensionPath: ${JSON.stringify(root)}, extension: stub, globalStorageUri: { fsPath: require("node:path").join(require("node:os").tmpdir(), "gong-explorer-activate-test") }, storageUri: stub, logUri: stub,
  extensionMode: 3, asAbsolutePath: p => p };
let error;
try { ext.activate(context); } catch (e) { error = String(e && e.stack || e); }
// A moment for anything activate() started without awaiting (restoring a session, refreshing views).
setTimeout(() => {
  const loaded = Object.keys(require.cache);
  console.log(JSON.stringify({ error, subscriptions: context.subscriptions.length,
    vendorLoaded: loaded.filter(f => /[\\\\/]dist[\\\\/]vendor[\\\\/]/.test(f)),
    nodeModulesLoaded: loaded.filter(f => /[\\\\/]node_modules[\\\\/]/.test(f)) }));
  process.exit(0);
}, 300);`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 30_000, cwd: root });
  assert.equal(r.status, 0, `the child process failed: ${r.stderr}`);
  const last = r.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as { error?: string; vendorLoaded: string[]; nodeModulesLoaded: string[]; subscriptions: number };
}

describe('extension bundle: undici, zod and markdown-it load on first use', function () {
  this.timeout(60_000);

  before(function () {
    assert.ok(existsSync(extensionJs), 'dist/extension.js is missing: run `node esbuild.mjs` first');
  });

  it('activate() runs without loading a vendor bundle or anything from node_modules', () => {
    const r = activateInChild();
    assert.equal(r.error, undefined, r.error);
    // activate() really ran: it registers commands, views and panels.
    assert.ok(r.subscriptions > 10, `only ${r.subscriptions} subscriptions: activate() stopped early`);
    assert.equal(r.vendorLoaded.some(f => /markdownIt\.js$/.test(f)) || r.nodeModulesLoaded.some(f => /[\\/]markdown-it[\\/]/.test(f)), false,
      'markdown-it was loaded during activate(): it belongs to the first rich text rendered');
    assert.deepEqual(r.vendorLoaded, []);
    assert.deepEqual(r.nodeModulesLoaded, []);
  });

  it('the bundle reaches undici, zod and markdown-it only through dist/vendor (one copy of each)', () => {
    const text = readFileSync(extensionJs, 'utf8');
    // node_modules does not ship in the VSIX, so a bare require would fail at run time.
    assert.doesNotMatch(text, /require\(["'](undici|zod|markdown-it)["']\)/);
    assert.match(text, /require\(["']\.\/vendor\/undici\.js["']\)/);
    assert.match(text, /require\(["']\.\/vendor\/zod\.js["']\)/);
    assert.match(text, /require\(["']\.\/vendor\/markdownIt\.js["']\)/);
    // The libraries' own code is not inlined (a second copy would have its own config and dispatcher).
    assert.doesNotMatch(text, /ZodRealError|UND_ERR_RESPONSE_STATUS_CODE|Parser rule not found/);
  });

  it('dist/vendor/zod.js applies the jitless setting as it loads; dist/vendor/undici.js exports request', () => {
    const r = spawnSync(process.execPath, ['-e', `
const { z } = require(${JSON.stringify(join(dist, 'vendor', 'zod.js'))});
const undici = require(${JSON.stringify(join(dist, 'vendor', 'undici.js'))});
console.log(JSON.stringify({ jitless: z.config().jitless, parsed: z.object({ a: z.string() }).safeParse({ a: 1 }).success, request: typeof undici.request }));`],
    { encoding: 'utf8', timeout: 30_000, cwd: root });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout.trim()), { jitless: true, parsed: false, request: 'function' });
  });

  it('dist/vendor/markdownIt.js exports the markdown-it constructor', () => {
    const r = spawnSync(process.execPath, ['-e', `
const MarkdownIt = require(${JSON.stringify(join(dist, 'vendor', 'markdownIt.js'))});
console.log(JSON.stringify(new MarkdownIt().parse('**a**', {}).map(t => t.type)));`],
    { encoding: 'utf8', timeout: 30_000, cwd: root });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout.trim()), ['paragraph_open', 'inline', 'paragraph_close']);
  });
});
