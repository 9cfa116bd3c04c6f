import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

// Static guards for the page code and its stylesheet: the properties that keep hostile text inert and
// the panels themed hold for every file, not only for the paths the browser test happens to run.
const root = join(__dirname, '..', '..', '..', '..');

function files(dir: string, ext: string): string[] {
  const out: string[] = [];
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) out.push(...files(p, ext));
    else if (p.endsWith(ext)) out.push(p);
  }
  return out;
}

describe('page code and styles', () => {
  const pages = files(join(root, 'src', 'webview'), '.ts');

  it('finds the page sources', () => {
    assert.ok(pages.some(p => p.endsWith('callDetails.ts')) && pages.some(p => p.endsWith('transcript.ts')));
  });

  it('never parses strings as HTML or code', () => {
    const forbidden = /\.innerHTML\b|\.outerHTML\b|insertAdjacentHTML|document\.write|\beval\(|new Function\(|createContextualFragment|DOMParser|srcdoc|setAttribute\(\s*['"]on|\.style\.|setAttribute\(\s*['"]style/;
    const offenders = pages.flatMap(p => readFileSync(p, 'utf8').split('\n').map((line, i) => ({ p, i, line })))
      .filter(({ line }) => forbidden.test(line) && !line.trim().startsWith('*') && !line.trim().startsWith('//'))
      .map(({ p, i, line }) => `${relative(root, p)}:${i + 1}: ${line.trim()}`);
    assert.deepEqual(offenders, []);
  });

  it('creates links only through the http(s) check', () => {
    const hrefs = pages.flatMap(p => readFileSync(p, 'utf8').split('\n').filter(l => /href/.test(l)).map(l => `${relative(root, p)}: ${l.trim()}`));
    assert.ok(hrefs.every(l => l.includes('lib/dom.ts') || !/\bhref\b/.test(l)), hrefs.join('\n'));
  });

  it('takes every colour from the VS Code theme', () => {
    const css = readFileSync(join(root, 'media', 'panels.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    const literal = css.split('\n').filter(l => /#[0-9a-f]{3,8}\b|\brgba?\(|\bhsla?\(|:\s*(white|black|red|blue|green|orange|gray|grey)\b/i.test(l));
    assert.deepEqual(literal, []);
    const colourProps = css.split('\n').filter(l => /^\s*(color|background|background-color|border-color|outline-color|accent-color)\s*:/.test(l));
    assert.ok(colourProps.length > 10);
    for (const l of colourProps) assert.match(l, /var\(--vscode-|var\(--(company|external|unknown)\)|inherit|transparent|none/, l);
  });
});
