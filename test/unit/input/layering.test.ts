import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

// The input engine and result formatting are tested in plain Node: only the thin prompt layer
// (src/input/wizard.ts) may import vscode.
const root = join(__dirname, '..', '..', '..', '..');

describe('input and results stay pure', () => {
  for (const dir of ['src/input', 'src/results']) {
    it(`${dir} imports vscode only from the prompt layer`, () => {
      const files = readdirSync(join(root, dir)).filter(f => f.endsWith('.ts'));
      assert.ok(files.length >= 3, `${dir} has files`);
      const offenders = files.filter(f => f !== 'wizard.ts' && /from\s+['"]vscode['"]|require\(['"]vscode['"]\)/.test(readFileSync(join(root, dir, f), 'utf8')));
      assert.deepEqual(offenders, []);
    });
  }
});
