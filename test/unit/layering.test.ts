import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';

// The folders that talk to Gong, hold the catalog, build view models or define webview messages must
// run in plain Node: they may never import `vscode`. The webview pages may import only src/shared.
const root = join(__dirname, '..', '..', '..');
const pure = ['src/gong', 'src/catalog', 'src/data', 'src/render', 'src/shared', 'src/localGong', 'src/tree', 'src/tools', 'src/mcp', 'src/search'];

function tsFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) out.push(...tsFiles(p));
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

function specifiers(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  const re = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) found.push((m[1] ?? m[2] ?? m[3]) as string);
  return found;
}

describe('layering', () => {
  it('finds the source tree', () => {
    assert.ok(tsFiles(join(root, 'src/gong')).length > 0, 'src/gong has TypeScript files');
  });

  for (const dir of pure) {
    it(`${dir} never imports vscode`, () => {
      const offenders = tsFiles(join(root, dir)).filter(f => specifiers(f).includes('vscode')).map(f => relative(root, f));
      assert.deepEqual(offenders, []);
    });
  }

  it('src/shared imports neither vscode nor node built-ins', () => {
    const offenders = tsFiles(join(root, 'src/shared')).filter(f => specifiers(f).some(s => s === 'vscode' || s.startsWith('node:'))).map(f => relative(root, f));
    assert.deepEqual(offenders, []);
  });

  it('webview pages import only src/shared and their own files', () => {
    const offenders: string[] = [];
    for (const f of tsFiles(join(root, 'src/webview'))) {
      for (const s of specifiers(f)) {
        const bad = s === 'vscode' || s.startsWith('node:') || (s.startsWith('.') && /\.\.\/(gong|catalog|localGong|views|panels|auth|platform|commands|tree)\b/.test(s));
        if (bad) offenders.push(`${relative(root, f)} -> ${s}`);
      }
    }
    assert.deepEqual(offenders, []);
  });

  it('nothing imports extension.ts', () => {
    const offenders = tsFiles(join(root, 'src')).filter(f => specifiers(f).some(s => /(^|\/)extension$/.test(s))).map(f => relative(root, f));
    assert.deepEqual(offenders, []);
  });
});
