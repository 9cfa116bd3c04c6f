import * as assert from 'node:assert/strict';
import { catalog } from '../../../src/catalog/index';
import { parseAnswer } from '../../../src/input/parse';
import { answer, chooseOptional, nextStep, startWizard, usesOptionalChooser } from '../../../src/input/plan';

// Every action of the catalog must be runnable through the input steps: every field gets a step of
// a kind the parser knows, and the steps end.
const KNOWN_KINDS = new Set(['string', 'id', 'email', 'phone', 'dateTime', 'date', 'enum', 'boolean', 'number', 'integer', 'array', 'object', 'file', 'json']);

describe('input steps for every catalog action', () => {
  it('the catalog holds the 67 operations of the OpenAPI document and the manual CRM associations', () => {
    assert.equal(catalog.actions.length, 68);
  });

  it('every field has a kind the parser handles, and enums list their values', () => {
    const bad: string[] = [];
    for (const a of catalog.actions) {
      for (const f of catalog.fields(a)) {
        if (!KNOWN_KINDS.has(f.kind)) bad.push(`${a.id} ${f.path}: ${f.kind}`);
        if (f.kind === 'enum' && !(f.enumValues?.length)) bad.push(`${a.id} ${f.path}: enum without values`);
        // An empty answer must never throw: it omits or names the rule.
        const r = parseAnswer(f, '');
        if (r.ok !== !f.required) bad.push(`${a.id} ${f.path}: empty answer ${r.ok ? 'accepted' : 'refused'} although ${f.required ? 'required' : 'optional'}`);
      }
    }
    assert.deepEqual(bad, []);
  });

  it('every action asks each field at most once and finishes', () => {
    for (const a of catalog.actions) {
      const fields = catalog.fields(a).filter(f => f.path !== 'cursor');
      const chooser = usesOptionalChooser(fields, undefined);
      const s = startWizard(fields);
      const asked = new Set<string>();
      let steps = 0;
      for (; steps < 200; steps++) {
        const step = nextStep(fields, s, chooser);
        if (!step) break;
        if (step.kind === 'chooseOptional') { chooseOptional(s, step.fields, []); continue; }
        assert.ok(!asked.has(step.field.path), `${a.id}: ${step.field.path} asked twice`);
        asked.add(step.field.path);
        answer(s, step.field.path, step.field.required ? 'x' : undefined);
      }
      assert.ok(steps < 200, `${a.id}: the steps did not end`);
      const required = fields.filter(f => f.required).map(f => f.path);
      for (const p of required) assert.ok(asked.has(p), `${a.id}: required ${p} was not asked`);
    }
  });

  it('destructive actions name a confirm field that is one of their inputs', () => {
    const destructive = catalog.actions.filter(a => a.destructive);
    assert.ok(destructive.length >= 5, `found ${destructive.length}`);
    for (const a of destructive) {
      assert.ok(a.confirmField, `${a.id} has a confirmField`);
      const paths = catalog.fields(a).map(f => f.path);
      const cf = a.confirmField;
      assert.ok(paths.some(p => p === cf || p.startsWith(`${cf}.`) || cf.startsWith(`${p}.`)), `${a.id}: ${cf} among ${paths.join(', ')}`);
    }
  });
});
