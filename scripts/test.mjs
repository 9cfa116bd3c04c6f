// `npm test`: builds, type-checks, runs the unit suites in plain Node and the integration suite in
// a real VS Code, then prints one plain line `N passed, N failed, N skipped` counting all of them.
// --unit-only skips the integration suite (and says so in the counts).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
process.chdir(root);
const unitOnly = process.argv.includes('--unit-only');
const totals = { passed: 0, failed: 0, skipped: 0 };
const node = process.execPath;

function step(name, cmd, args, timeoutMs) {
  console.log(`\n=== ${name} ===`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', timeout: timeoutMs, env: process.env });
  if (r.error) console.error(`${name}: ${r.error.message}`);
  return r.status === 0 && !r.error;
}

function suite(name, script, args, timeoutMs, nodeBin = node) {
  const statsFile = join('out', `${name}-stats.json`);
  rmSync(statsFile, { force: true });
  const ok = step(name, nodeBin, [script, '--stats', statsFile, ...args], timeoutMs);
  if (existsSync(statsFile)) {
    const s = JSON.parse(readFileSync(statsFile, 'utf8'));
    totals.passed += s.passed; totals.failed += s.failed; totals.skipped += s.skipped ?? 0;
    if (!ok && s.failed === 0) { console.error(`${name}: exited with an error although no test failed`); totals.failed += 1; }
  } else {
    console.error(`${name}: the suite did not report its results (counted as one failure)`);
    totals.failed += 1;
  }
}

mkdirSync('out', { recursive: true });
// The bundles first (the integration suite and the CLIs run them), then tsc for tests and types.
if (!step('build', node, ['esbuild.mjs'], 300_000)) totals.failed += 1;
if (step('typecheck and compile tests', node, ['node_modules/typescript/bin/tsc', '-p', '.'], 600_000)) totals.passed += 1;
else { console.error('type errors (counted as one failure)'); totals.failed += 1; }

suite('unit', 'scripts/run-mocha.mjs', ['out/test/unit', '--exclude', 'out/test/unit/search'], 20 * 60_000);
// Call search stores its index with node:sqlite (Node 22.13+, as in VS Code's extension host): its
// unit tests run on the Node 24 that the VS Code runtime installs.
try {
  const { ensureRuntime } = await import('./vscode/install.mjs');
  const { node: node24 } = await ensureRuntime();
  suite('unit-search', 'scripts/run-mocha.mjs', ['out/test/unit/search'], 10 * 60_000, node24);
} catch (e) {
  console.error(`unit-search: no Node 24 to run on (${e instanceof Error ? e.message : String(e)}) (counted as one failure)`);
  totals.failed += 1;
}
if (unitOnly) {
  console.log('\nintegration suite not run (--unit-only)');
} else if (existsSync('scripts/integration.mjs')) {
  suite('integration', 'scripts/integration.mjs', [], 40 * 60_000);
} else {
  console.error('integration runner missing (counted as one failure)');
  totals.failed += 1;
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
