import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

// Every read of Gong goes through the catalog's declarations (src/data names an action, the catalog
// places it on the wire): a Gong path written by hand anywhere else is a second copy that drifts.
const root = join(__dirname, '..', '..', '..');
const allowed = ['src/catalog', 'src/localGong'];
// Not reads: the failure vocabulary names the feature behind a refused path by its prefix.
const prefixTables = ['src/gong/failure.ts'];

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

/** The code without comments (block comments and `//` comments after whitespace or at line start). */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').split('\n').map(l => l.replace(/(^|\s)\/\/.*$/, '$1')).join('\n');
}

/** String literals that start a Gong path (`'/v2/users'`, `` `/v2/calls/${id}` ``, `"/v2"`), with their line. */
export function handWrittenPaths(text: string): string[] {
  const out: string[] = [];
  withoutComments(text).split('\n').forEach((line, i) => {
    for (const m of line.matchAll(/(['"`])\/v2(?:\/[^'"`]*)?\1?/g)) out.push(`${i + 1}: ${m[0]}`);
  });
  return out;
}

describe('no Gong path outside the catalog', () => {
  it('the detector finds hand-written paths and ignores comments and prose', () => {
    assert.deepEqual(handWrittenPaths(`const a = api.request({ method: 'GET', path: '/v2/workspaces' });`).length, 1);
    assert.deepEqual(handWrittenPaths('const p = `/v2/calls/${id}`;').length, 1);
    assert.deepEqual(handWrittenPaths(`const base = "/v2" + '/users';`).length, 1);
    assert.deepEqual(handWrittenPaths(`// GET '/v2/users' lists users\n/** reads '/v2/calls' */\nconst x = 1;`), []);
    assert.deepEqual(handWrittenPaths(`placeholder: 'Search by path (/v2/calls)',`), []);
  });

  it('src reads Gong only through the catalog (src/catalog and src/localGong excepted)', () => {
    const offenders: string[] = [];
    for (const f of tsFiles(join(root, 'src'))) {
      const rel = relative(root, f).split('\\').join('/');
      if (allowed.some(a => rel.startsWith(`${a}/`)) || prefixTables.includes(rel)) continue;
      for (const hit of handWrittenPaths(readFileSync(f, 'utf8'))) offenders.push(`${rel}:${hit}`);
    }
    assert.deepEqual(offenders, [], 'name a catalog action through src/data instead');
  });
});
