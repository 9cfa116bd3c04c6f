import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

// The input engine (the step rendering included) and result formatting are tested in plain Node:
// they may import vscode types, never the module.
const root = join(__dirname, '..', '..', '..', '..');

describe('input and results stay pure', () => {
  for (const dir of ['src/input', 'src/results']) {
    it(`${dir} never loads vscode`, () => {
      const files = readdirSync(join(root, dir)).filter(f => f.endsWith('.ts'));
      assert.ok(files.length >= 2, `${dir} has files`);
      const loads = /^\s*import\s+(?!type\b)[^;]*from\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\)|^\s*import\s+['"]vscode['"]/m;
      const offenders = files.filter(f => loads.test(readFileSync(join(root, dir, f), 'utf8')));
      assert.deepEqual(offenders, []);
    });
  }
});
