import * as assert from 'node:assert/strict';
import { catalog } from '../../../src/catalog/index';
import { actionItems, effectIcon } from '../../../src/commands/runAction/pickAction';

describe('the Run Action list', () => {
  const items = actionItems(catalog.actions);
  const rows = items.filter(i => i.action);
  // QuickPickItemKind.Separator is -1; the vscode enum cannot be loaded in plain Node.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-comparison
  const separators = items.filter(i => i.kind === -1);

  it('lists every action once, grouped under one heading per category', () => {
    assert.equal(rows.length, catalog.actions.length);
    assert.equal(new Set(rows.map(r => r.action?.id)).size, rows.length);
    const categories = new Set(catalog.actions.map(a => a.category));
    assert.deepEqual(separators.map(s => s.label).sort(), [...categories].sort());
    // Every row sits under its own category's heading.
    let heading = '';
    for (const i of items) {
      // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-comparison -- QuickPickItemKind.Separator
      if (i.kind === -1) heading = i.label;
      else assert.equal(i.action?.category, heading, `${i.label} under ${heading}`);
    }
  });

  it('every seed slug is searchable (68), and method and path are shown', () => {
    const slugs = new Set(catalog.actions.flatMap(a => a.aliases));
    assert.equal(slugs.size, 68);
    for (const slug of slugs) assert.ok(rows.some(r => r.detail?.includes(slug)), slug);
    for (const r of rows) assert.ok(r.description?.startsWith(`${r.action?.method} ${r.action?.path}`), r.description);
  });

  it('marks what an action does to the data', () => {
    for (const r of rows) {
      const a = r.action;
      assert.ok(a);
      assert.ok(r.label.startsWith(effectIcon(a)));
      if (a.destructive) assert.ok(r.label.startsWith('$(warning)') && r.description?.includes('destroys data'), a.id);
      else if (!a.readOnly) assert.ok(r.label.startsWith('$(edit)') && r.description?.includes('writes'), a.id);
      else assert.ok(r.description?.includes('read'), a.id);
    }
    assert.ok(rows.filter(r => r.label.startsWith('$(warning)')).length >= 5);
  });

  it('puts preferred actions first under their own heading, without repeating them', () => {
    const withFirst = actionItems(catalog.actions, { heading: 'For this call', ids: new Set(['calls.get', 'calls.transcript']) });
    assert.equal(withFirst[0]?.label, 'For this call');
    assert.deepEqual(withFirst.slice(1, 3).map(i => i.action?.id).sort(), ['calls.get', 'calls.transcript']);
    assert.equal(withFirst.filter(i => i.action).length, catalog.actions.length);
  });
});
