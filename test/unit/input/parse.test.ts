import * as assert from 'node:assert/strict';
import { formatAnswer, parseAnswer, parseJsonExact, splitList } from '../../../src/input/parse';
import { field } from './helpers';

function ok(r: ReturnType<typeof parseAnswer>): unknown {
  assert.ok(r.ok, `expected ok, got ${'message' in r ? r.message : ''}`);
  assert.ok('value' in r, 'expected a value, not an omission');
  return r.value;
}
function err(r: ReturnType<typeof parseAnswer>): string {
  assert.equal(r.ok, false);
  return (r as { message: string }).message;
}

describe('answer parsing', () => {
  it('ids stay exact digit strings; other text is refused with the rule', () => {
    const f = field('callId', 'id', { idKind: 'call', required: true });
    assert.equal(ok(parseAnswer(f, ' 7782342274025937895 ')), '7782342274025937895');
    assert.equal(ok(parseAnswer(f, '99999999999999999999')), '99999999999999999999', '20 digits');
    assert.match(err(parseAnswer(f, '123abc')), /1 to 20 digits/);
    assert.match(err(parseAnswer(f, '123456789012345678901')), /1 to 20 digits/);
  });

  it('non-numeric id kinds accept text', () => {
    assert.equal(ok(parseAnswer(field('crmId', 'id', { idKind: 'other' }), '0013000000abcDE')), '0013000000abcDE');
  });

  it('emails and phones', () => {
    const e = field('email', 'email', { required: true });
    assert.equal(ok(parseAnswer(e, 'ana@example.com')), 'ana@example.com');
    assert.match(err(parseAnswer(e, 'ana@example')), /email/);
    const p = field('phone', 'phone', { required: true });
    assert.equal(ok(parseAnswer(p, '+1 (415) 555-0100')), '+14155550100');
    assert.match(err(parseAnswer(p, '+1 555 CALL')), /phone/);
  });

  it('dates and date-times', () => {
    const d = field('filter.fromDate', 'date', { required: true });
    assert.equal(ok(parseAnswer(d, '2026-02-28')), '2026-02-28');
    assert.match(err(parseAnswer(d, '2026-02-30')), /YYYY-MM-DD/);
    const t = field('fromDateTime', 'dateTime', { required: true });
    assert.equal(ok(parseAnswer(t, '2026-02-28T08:00:00+02:00')), '2026-02-28T08:00:00+02:00');
    assert.equal(ok(parseAnswer(t, '2026-02-28T08:00:00.123Z')), '2026-02-28T08:00:00.123Z');
    assert.equal(ok(parseAnswer(t, '2026-02-28')), '2026-02-28T00:00:00Z', 'a bare date means midnight UTC');
    assert.match(err(parseAnswer(t, '2026-02-28T08:00:00')), /Z or an offset/);
    assert.match(err(parseAnswer(t, '2026-13-01T00:00:00Z')), /Not a real date/);
  });

  it('enums accept the exact value or a case-insensitive match, and name the allowed values', () => {
    const f = field('direction', 'enum', { enumValues: ['Inbound', 'Outbound'], required: true });
    assert.equal(ok(parseAnswer(f, 'outbound')), 'Outbound');
    assert.equal(err(parseAnswer(f, 'sideways')), 'Must be one of: Inbound, Outbound');
  });

  it('booleans, numbers and integers', () => {
    const b = field('flag', 'boolean', { required: true });
    assert.equal(ok(parseAnswer(b, 'yes')), true);
    assert.equal(ok(parseAnswer(b, 'False')), false);
    assert.match(err(parseAnswer(b, 'maybe')), /true or false/);
    const n = field('n', 'number', { required: true });
    assert.equal(ok(parseAnswer(n, '2.5')), 2.5);
    assert.match(err(parseAnswer(n, 'two')), /Not a number/);
    const i = field('i', 'integer', { required: true });
    assert.equal(ok(parseAnswer(i, '-42')), -42);
    assert.match(err(parseAnswer(i, '4.2')), /whole number/);
    assert.match(err(parseAnswer(i, '7782342274025937895')), /Too large/);
  });

  it('arrays are comma/newline lists of their item kind, within their limits', () => {
    const f = field('callIds', 'array', { itemKind: 'id', idKind: 'call', minItems: 1, maxItems: 3, required: true });
    assert.deepEqual(ok(parseAnswer(f, '7782342274025937895, 1234567890123456789\n42')), ['7782342274025937895', '1234567890123456789', '42']);
    assert.equal(err(parseAnswer(f, '1,2,3,4')), 'At most 3 items (got 4)');
    assert.match(err(parseAnswer(f, '1, x2')), /^Item 2: /);
    assert.deepEqual(ok(parseAnswer(f, '["7782342274025937895"]')), ['7782342274025937895'], 'a JSON list works too');
    assert.deepEqual(ok(parseAnswer(field('emails', 'array', { itemKind: 'email' }), 'a@x.io; b@y.io')), ['a@x.io', 'b@y.io']);
  });

  it('lists of objects are JSON; one object is a list of one', () => {
    const f = field('invitees', 'array', { itemKind: 'object', required: true });
    assert.deepEqual(ok(parseAnswer(f, '{"email":"ana@example.com"}')), [{ email: 'ana@example.com' }]);
    assert.deepEqual(ok(parseAnswer(f, '[{"email":"a@x.io"},{"email":"b@x.io"}]')), [{ email: 'a@x.io' }, { email: 'b@x.io' }]);
    assert.match(err(parseAnswer(f, 'ana@example.com')), /JSON list of objects/);
  });

  it('JSON keeps big integers as exact digit strings', () => {
    const v = parseJsonExact('{"id": 7782342274025937895, "n": 12}') as Record<string, unknown>;
    assert.equal(v.id, '7782342274025937895');
    assert.equal(v.n, 12);
    const f = field('context', 'json', { required: true });
    assert.deepEqual(ok(parseAnswer(f, '{"a":[1,2]}')), { a: [1, 2] });
    assert.match(err(parseAnswer(f, '{"a":')), /Not valid JSON/);
  });

  it('an empty answer omits an optional field and is refused for a required one', () => {
    const r = parseAnswer(field('title', 'string'), '   ');
    assert.deepEqual(r, { ok: true, omit: true });
    assert.match(err(parseAnswer(field('title', 'string', { required: true }), '')), /is required/);
  });

  it("the field's own rule runs after parsing and its message is shown", () => {
    const f = field('title', 'string', { required: true, label: 'Title', rule: v => (String(v).length > 5 ? 'must be at most 5 characters' : undefined) });
    assert.equal(err(parseAnswer(f, 'too long')), 'Title must be at most 5 characters');
    assert.equal(ok(parseAnswer(f, 'short')), 'short');
  });

  it('lists split on commas, semicolons and newlines and drop blanks', () => {
    assert.deepEqual(splitList(' a ,, b;\nc\r\n'), ['a', 'b', 'c']);
  });

  it('formats answers back for the input box after Back', () => {
    assert.equal(formatAnswer(field('ids', 'array'), ['1', '2']), '1, 2');
    assert.equal(formatAnswer(field('o', 'json'), { a: 1 }), '{"a":1}');
    assert.equal(formatAnswer(field('b', 'boolean'), false), 'false');
  });
});
