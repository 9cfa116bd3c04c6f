import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

// gongExplorer.panels.inspect hands the data of open calls to any caller, so it must exist only in the
// extension host the integration runner starts (GONG_EXPLORER_TEST_HOOKS=1). This activates the built
// bundle with a stand-in `vscode` that records every command id registered, once without the flag and
// once with it.
const root = join(__dirname, '..', '..', '..', '..');
const extensionJs = join(root, 'dist', 'extension.js');
const INSPECT = 'gongExplorer.panels.inspect';
/** Hands any URI to the OAuth URI handler, as VS Code does after a browser opened it. */
const DELIVER_URI = 'gongExplorer.auth.deliverOAuthUri';

function registeredCommands(env: Record<string, string>): string[] {
  const script = `
const Module = require('node:module');
const ids = [];
const stub = new Proxy(function () {}, {
  get: (t, p) => (p === 'prototype' ? t.prototype : p === 'then' ? undefined : p === Symbol.toPrimitive ? () => '' : stub),
  apply: () => stub, construct: () => stub, set: () => true, defineProperty: () => true,
});
const commands = new Proxy({}, { get: (_t, p) => (p === 'registerCommand' || p === 'registerTextEditorCommand' ? (id => { ids.push(id); return stub; }) : stub) });
const { readFileSync } = require('node:fs');
const dts = readFileSync(require.resolve('@types/vscode/index.d.ts', { paths: [${JSON.stringify(root)}] }), 'utf8');
// The bundle copies the module's own property names (esbuild's namespace import), so list them all.
const names = [...new Set([...dts.matchAll(/^\\s*export (?:namespace|class|enum|const|function|let) (\\w+)/gm)].map(m => m[1]))];
const value = p => (p === 'commands' ? commands : stub);
const vscode = new Proxy({}, {
  get: (_t, p) => (p === 'then' || p === '__esModule' ? undefined : value(p)),
  ownKeys: () => names,
  getOwnPropertyDescriptor: (_t, p) => (names.includes(p) ? { configurable: true, enumerable: true, value: value(p) } : undefined),
});
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'vscode' ? vscode : load.call(this, request, ...rest); };
const ext = require(${JSON.stringify(extensionJs)});
const context = { subscriptions: [], globalState: stub, workspaceState: stub, secrets: stub, extensionUri: stub,
  extensionPath: ${JSON.stringify(root)}, extension: stub, globalStorageUri: { fsPath: require("node:path").join(require("node:os").tmpdir(), "gong-explorer-activate-test") }, storageUri: stub, logUri: stub,
  extensionMode: 3, asAbsolutePath: p => p };
let error;
try { ext.activate(context); } catch (e) { error = String(e && e.stack || e); }
setTimeout(() => { console.log(JSON.stringify({ error, ids })); process.exit(0); }, 300);`;
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'GONG_EXPLORER_TEST_HOOKS') clean[k] = v;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 30_000, cwd: root, env: { ...clean, ...env } });
  assert.equal(r.status, 0, `the child process failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { error?: string; ids: string[] };
  assert.equal(out.error, undefined, out.error);
  return out.ids;
}

describe('extension bundle: test-only hooks', function () {
  this.timeout(60_000);
  before(() => { assert.ok(existsSync(extensionJs), 'dist/extension.js is missing: run `node esbuild.mjs` first'); });

  it('registers gongExplorer.panels.inspect only when the integration runner asks for test hooks', () => {
    const normal = registeredCommands({});
    assert.ok(normal.includes('gongExplorer.actions.run') && normal.length > 20, `activate() registered its commands (${normal.length})`);
    assert.ok(!normal.includes(INSPECT), 'no inspect hook in a normal run');
    assert.ok(!registeredCommands({ GONG_EXPLORER_TEST_HOOKS: 'yes' }).includes(INSPECT), 'only the exact flag turns it on');
    assert.ok(registeredCommands({ GONG_EXPLORER_TEST_HOOKS: '1' }).includes(INSPECT), 'present in test runs');
  });

  it('registers the OAuth URI delivery hook only in test runs', () => {
    assert.ok(!registeredCommands({}).includes(DELIVER_URI));
    assert.ok(!registeredCommands({ GONG_EXPLORER_TEST_HOOKS: 'true' }).includes(DELIVER_URI));
    assert.ok(registeredCommands({ GONG_EXPLORER_TEST_HOOKS: '1' }).includes(DELIVER_URI));
  });
});
