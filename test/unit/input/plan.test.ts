import * as assert from 'node:assert/strict';
import { answer, back, chooseOptional, nextStep, OPTIONAL_STEP_KEY, position, previous, startWizard, usesOptionalChooser } from '../../../src/input/plan';
import { field } from './helpers';

const fields = [
  field('id', 'id', { required: true, location: 'path', idKind: 'meeting' }),
  field('filter.fromDateTime', 'dateTime', { required: true }),
  field('filter.toDateTime', 'dateTime', { required: true }),
  field('title', 'string'),
];

describe('input planning', () => {
  it('asks every field in order and counts the steps', () => {
    const s = startWizard(fields);
    const seen: string[] = [];
    const positions: string[] = [];
    for (let i = 0; i < 10; i++) {
      const step = nextStep(fields, s, false);
      if (!step) break;
      assert.equal(step.kind, 'field');
      if (step.kind !== 'field') break;
      const p = position(fields, s, false);
      positions.push(`${p.step}/${p.total}`);
      seen.push(step.field.path);
      answer(s, step.field.path, step.field.required ? 'x' : undefined);
    }
    assert.deepEqual(seen, ['id', 'filter.fromDateTime', 'filter.toDateTime', 'title']);
    assert.deepEqual(positions, ['1/4', '2/4', '3/4', '4/4']);
    assert.deepEqual(s.values, { id: 'x', filter: { fromDateTime: 'x', toDateTime: 'x' } }, 'the skipped optional field is left out');
  });

  it('never asks prefilled fields, nested ones included, and counts without them', () => {
    const s = startWizard(fields, { id: '7782342274025937895', filter: { toDateTime: '2026-01-02T00:00:00Z' } });
    const step = nextStep(fields, s, false);
    assert.ok(step && step.kind === 'field');
    assert.equal(step.field.path, 'filter.fromDateTime');
    assert.deepEqual(position(fields, s, false), { step: 1, total: 2 });
    answer(s, 'filter.fromDateTime', '2026-01-01T00:00:00Z');
    answer(s, 'title', undefined);
    assert.equal(nextStep(fields, s, false), undefined);
    assert.equal(s.values.id, '7782342274025937895', 'the prefilled id is kept exactly');
  });

  it('does not change the prefill object it was given', () => {
    const prefill = { filter: { toDateTime: 'a' } };
    const s = startWizard(fields, prefill);
    answer(s, 'filter.fromDateTime', 'b');
    assert.deepEqual(prefill, { filter: { toDateTime: 'a' } });
  });

  it('Back undoes the last step, including values a preset set for the other end of a range', () => {
    const s = startWizard(fields);
    answer(s, 'id', '1');
    answer(s, 'filter.fromDateTime', 'F', { 'filter.toDateTime': 'T' });
    let step = nextStep(fields, s, false);
    assert.ok(step && step.kind === 'field');
    assert.equal(step.field.path, 'title', 'the preset filled the other end, so it is not asked');
    assert.deepEqual(position(fields, s, false), { step: 3, total: 3 });
    assert.equal(back(s), true);
    step = nextStep(fields, s, false);
    assert.ok(step && step.kind === 'field');
    assert.equal(step.field.path, 'filter.fromDateTime');
    assert.equal(s.values.filter, undefined, 'both ends were removed');
    assert.equal(previous(s, 'filter.fromDateTime'), 'F', 'the old answer is remembered for the box');
    assert.equal(back(s), true);
    assert.equal(back(s), false, 'nothing before the first step');
  });

  it('an extra value never overwrites one the person gave', () => {
    const s = startWizard(fields, { filter: { toDateTime: 'given' } });
    answer(s, 'filter.fromDateTime', 'F', { 'filter.toDateTime': 'T' });
    assert.equal((s.values.filter as Record<string, unknown>).toDateTime, 'given');
    back(s);
    assert.equal((s.values.filter as Record<string, unknown>).toDateTime, 'given', 'Back keeps the prefill');
  });

  it('groups many optional fields into one chooser step after the required ones', () => {
    const many = [field('a', 'string', { required: true }), ...Array.from({ length: 8 }, (_, i) => field(`opt${i}`, 'boolean'))];
    assert.equal(usesOptionalChooser(many, undefined), true);
    assert.equal(usesOptionalChooser(many.slice(0, 5), undefined), false);
    const s = startWizard(many);
    assert.deepEqual(position(many, s, true), { step: 1, total: 2 });
    answer(s, 'a', 'x');
    const step = nextStep(many, s, true);
    assert.ok(step && step.kind === 'chooseOptional');
    assert.equal(step.fields.length, 8);
    chooseOptional(s, step.fields, ['opt3', 'opt5']);
    assert.deepEqual(position(many, s, true), { step: 3, total: 4 });
    const asked: string[] = [];
    for (let i = 0; i < 10; i++) {
      const st = nextStep(many, s, true);
      if (!st || st.kind !== 'field') break;
      asked.push(st.field.path);
      answer(s, st.field.path, true);
    }
    assert.deepEqual(asked, ['opt3', 'opt5']);
    back(s); back(s); back(s);
    assert.equal(s.done.has(OPTIONAL_STEP_KEY), false, 'Back past the chooser asks it again');
    const again = nextStep(many, s, true);
    assert.ok(again && again.kind === 'chooseOptional');
  });

  it('a prefilled optional field does not count towards the chooser', () => {
    const many = Array.from({ length: 7 }, (_, i) => field(`opt${i}`, 'string'));
    assert.equal(usesOptionalChooser(many, undefined), true);
    assert.equal(usesOptionalChooser(many, { opt0: 'x' }), false);
  });

  it('an action without fields needs no step', () => {
    const s = startWizard([]);
    assert.equal(nextStep([], s, false), undefined);
  });
});
