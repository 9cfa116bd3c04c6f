// Runs one mocha suite in this process and writes its counts as JSON to the file given by --stats.
// usage: node scripts/run-mocha.mjs --stats out/stats.json [--grep re] file-or-dir...
import Mocha from 'mocha';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const args = process.argv.slice(2);
let statsFile;
let grep;
const roots = [];
const excluded = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--stats') statsFile = args[++i];
  else if (args[i] === '--grep') grep = args[++i];
  else if (args[i] === '--exclude') excluded.push(resolve(args[++i]));
  else roots.push(args[i]);
}
// The call-search tests need node:sqlite (Node 22.13+); scripts/test.mjs runs them on the Node 24 of
// the VS Code runtime. Run directly on an older Node, they are left out and this says so.
let hasSqlite = false;
try { hasSqlite = !!process.getBuiltinModule?.('node:sqlite'); } catch { /* older Node */ }
if (!hasSqlite) {
  const searchDir = resolve('out/test/unit/search');
  if (!excluded.includes(searchDir)) {
    excluded.push(searchDir);
    console.log(`Node ${process.versions.node} has no node:sqlite: out/test/unit/search not run here (npm test runs it on Node 24)`);
  }
}
const files = [];
const walk = p => {
  if (excluded.includes(resolve(p))) return;
  if (statSync(p).isDirectory()) for (const f of readdirSync(p).sort()) walk(join(p, f));
  else if (p.endsWith('.test.js')) files.push(resolve(p));
};
roots.forEach(walk);
const mocha = new Mocha({ reporter: 'spec', timeout: 30000, slow: 2000, color: false });
if (grep) mocha.grep(grep);
files.forEach(f => mocha.addFile(f));
// Skipped tests by full title, so `npm test` can hold each against its allow-list.
const skippedTitles = [];
const runner = mocha.run(() => {
  const s = runner.stats ?? { passes: 0, failures: 0, pending: 0 };
  const out = { passed: s.passes, failed: s.failures, skipped: s.pending, skippedTitles, files: files.length };
  if (statsFile) writeFileSync(statsFile, JSON.stringify(out));
  process.exit(s.failures > 0 ? 1 : 0);
});
runner.on('pending', test => { skippedTitles.push(test.fullTitle()); });
