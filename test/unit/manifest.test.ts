import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

// package.json and the code must agree: every contributed command is registered somewhere in src/,
// every menu entry names a contributed command, and every view has a name.
const root = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  contributes: {
    commands: Array<{ command: string; title: string }>;
    menus?: Record<string, Array<{ command: string; when?: string }>>;
    views: Record<string, Array<{ id: string; name: string }>>;
    configuration?: { properties?: Record<string, unknown> };
  };
  engines: { vscode: string };
  main: string;
};

function allSource(dir: string): string {
  let text = '';
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) text += allSource(p);
    else if (p.endsWith('.ts')) text += readFileSync(p, 'utf8');
  }
  return text;
}

describe('package.json manifest', () => {
  const source = allSource(join(root, 'src'));
  const commandIds = new Set(manifest.contributes.commands.map(c => c.command));

  it('uses one id prefix for commands and views', () => {
    for (const id of commandIds) assert.match(id, /^gongExplorer\.[a-zA-Z]+\.[a-zA-Z]+$/, id);
    for (const views of Object.values(manifest.contributes.views)) for (const v of views) assert.match(v.id, /^gongExplorer\.[a-zA-Z]+$/);
  });

  it('every contributed command is referenced by the code', () => {
    const missing = [...commandIds].filter(id => !source.includes(`'${id}'`) && !source.includes(`"${id}"`));
    assert.deepEqual(missing, []);
  });

  it('every menu entry names a contributed command', () => {
    const unknown: string[] = [];
    for (const [menu, entries] of Object.entries(manifest.contributes.menus ?? {})) {
      for (const e of entries) if (!commandIds.has(e.command)) unknown.push(`${menu}: ${e.command}`);
    }
    assert.deepEqual(unknown, []);
  });

  it('every contributed setting is read by the code', () => {
    const settings = Object.keys(manifest.contributes.configuration?.properties ?? {});
    assert.ok(settings.length > 0);
    const unread = settings.filter(k => !source.includes(`'${k.replace(/^gongExplorer\./, '')}'`) && !source.includes(`'${k}'`));
    assert.deepEqual(unread, [], 'settings nothing reads (the log level is VS Code\'s own, "Set Log Level...")');
  });

  it('command titles are unique within their category', () => {
    const titles = manifest.contributes.commands.map(c => c.title);
    assert.equal(new Set(titles).size, titles.length);
  });

  it('targets a VS Code this project can run in and points at the bundle', () => {
    assert.match(manifest.engines.vscode, /^\^1\.\d+\.0$/);
    assert.equal(manifest.main, './dist/extension.js');
  });
});
