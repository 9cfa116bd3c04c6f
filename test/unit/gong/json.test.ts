import * as assert from 'node:assert/strict';
import { jsonPathFor, parseJson, parseJsonCarefully } from '../../../src/gong/json';

/** parseJson must give exactly what the careful parser gives, whichever way it takes. */
function same(text: string): unknown {
  const fast = parseJson(text);
  assert.deepEqual(fast, parseJsonCarefully(text), `differs from the careful parser for ${text.slice(0, 200)}`);
  return fast;
}

describe('gong: fast lossless JSON', () => {
  it('parses natively when no bare integer has 16+ digits, even when strings hold long digit runs', () => {
    const text = '{"callId":"7782342274025937895","n":123456789012345,"t":"ids: 12345678901234567, [1234567890123456789]"}';
    assert.equal(jsonPathFor(text), 'native');
    assert.deepEqual(same(text), { callId: '7782342274025937895', n: 123456789012345, t: 'ids: 12345678901234567, [1234567890123456789]' });
  });

  it('keeps bare integers of 16+ digits exact as strings, anywhere a number can stand', () => {
    const text = '{"a":98765432109876543210,"b":[ 1234567890123456,\n-12345678901234567 ],"c":{"d" :\t9007199254740993}}';
    assert.equal(jsonPathFor(text), 'quoted');
    assert.deepEqual(same(text), { a: '98765432109876543210', b: ['1234567890123456', '-12345678901234567'], c: { d: '9007199254740993' } });
    assert.equal(jsonPathFor('12345678901234567890'), 'quoted');
    assert.equal(same(' 12345678901234567890 '), '12345678901234567890');
  });

  it('leaves long non-integers to Number() as the careful parser does', () => {
    const text = '[12345678901234567.5, 1234567890123456789e2, 1234567890123456E-3, 0.12345678901234567]';
    // eslint-disable-next-line no-loss-of-precision -- the same rounding JSON.parse does is what this expects
    assert.deepEqual(same(text), [12345678901234567.5, 1234567890123456789e2, 1234567890123456e-3, 0.12345678901234567]);
  });

  it('is not fooled by escaped quotes, backslashes and separators inside strings', () => {
    const cases = [
      '{"s":"a \\" , 12345678901234567","n":12345678901234567}',
      '{"s":"ends with a backslash \\\\","n":[12345678901234567]}',
      '{"s":"\\\\\\", 12345678901234567 \\\\","n":1}',
      '["x:", 1234567890123456789, "y,", "[9876543210987654321"]',
      '{"\\u0022:1234567890123456":1234567890123456}',
    ];
    for (const text of cases) same(text);
    assert.deepEqual(parseJson(cases[2] as string), { s: '\\", 12345678901234567 \\', n: 1 });
    assert.deepEqual(parseJson(cases[3] as string), ['x:', '1234567890123456789', 'y,', '[9876543210987654321']);
  });

  it('rejects invalid JSON on every path', () => {
    for (const text of ['{"a":', '{"a":01234567890123456}', '{"a":12345678901234567,}', '[1234567890123456789 1]', '{\\"a":12345678901234567}', '{"a":"open 12345678901234567}']) {
      assert.throws(() => parseJson(text), SyntaxError, text);
    }
  });

  it('agrees with the careful parser on generated documents', () => {
    // A small deterministic generator: nested values with long ids both bare and quoted, escapes and separators in strings.
    let seed = 7;
    const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % n; };
    const digits = (n: number) => { let s = String(1 + rnd(9)); while (s.length < n) s += String(rnd(10)); return s; };
    const str = () => JSON.stringify(['a', '"', '\\', ':', ',', '[', ' ', digits(17), '\\"', '\u202e'].slice(0, 1 + rnd(10)).map(x => x + (rnd(2) ? digits(1 + rnd(20)) : '')).join(rnd(2) ? ', ' : ':'));
    const val = (depth: number): string => {
      switch (depth > 3 ? rnd(4) : rnd(6)) {
        case 0: return (rnd(3) === 0 ? '-' : '') + digits(1 + rnd(22));
        case 1: return str();
        case 2: return rnd(2) ? 'true' : 'null';
        case 3: return `${digits(1 + rnd(18))}.${digits(1 + rnd(3))}`;
        case 4: return `[${Array.from({ length: rnd(5) }, () => val(depth + 1)).join(rnd(2) ? ',' : ' ,\n ')}]`;
        default: return `{${Array.from({ length: rnd(5) }, (_, i) => `${str().slice(0, -1)}${i}":${rnd(2) ? ' ' : ''}${val(depth + 1)}`).join(',')}}`;
      }
    };
    const paths = new Set<string>();
    for (let i = 0; i < 400; i++) {
      const text = val(0);
      paths.add(jsonPathFor(text));
      same(text);
    }
    assert.ok(paths.has('native') && paths.has('quoted'), `both fast paths exercised (${[...paths].join(', ')})`);
  });
});

describe('gong: JSON parsed in slices', () => {
  it('gives the same value as parseJson for long answers, and yields while it works', async () => {
    const { parseJsonInSlices, SLICED_PARSE_CHARS } = await import('../../../src/gong/json');
    const sentence = (i: number) => ({ start: i, end: i + 1, text: `word "${i}" \\ , [ ] { } ${'x'.repeat(i % 50)}` });
    const calls = Array.from({ length: 60 }, (_, c) => ({ callId: `${7_000_000_000_000_000_000n + BigInt(c)}`, transcript: [{ speakerId: '1', sentences: Array.from({ length: 300 }, (_, i) => sentence(i + c)) }] }));
    // Bare ids in the big array and in the skeleton, an empty array and a small one, whitespace between elements.
    let text = JSON.stringify({ requestId: 'r', records: { totalRecords: 60, cursor: 'c' }, empty: [], small: [1, 2], callTranscripts: calls, after: { n: 1 } }, null, 1);
    text = text.replace(/"callId": "(\d+)"/g, '"callId": $1').replace('"totalRecords": 60', '"totalRecords": 12345678901234567890');
    assert.ok(text.length > SLICED_PARSE_CHARS, `${text.length} chars`);
    let ticks = 0;
    const ticker = setInterval(() => { ticks++; }, 0);
    const sliced = await parseJsonInSlices(text);
    clearInterval(ticker);
    assert.deepEqual(sliced, parseJsonCarefully(text));
    const v = sliced as { callTranscripts: Array<{ callId: unknown }>; records: { totalRecords: unknown } };
    assert.equal(v.callTranscripts[59]?.callId, '7000000000000000059');
    assert.equal(v.records.totalRecords, '12345678901234567890');
    assert.ok(ticks > 0, 'other work ran while it parsed');
    // Other shapes and invalid text behave as parseJson does.
    const list = JSON.stringify(calls);
    assert.deepEqual(await parseJsonInSlices(list), JSON.parse(list));
    await assert.rejects(parseJsonInSlices(text.replace(/\]\s*,\s*"after"/, '],, "after"')), SyntaxError);
    await assert.rejects(parseJsonInSlices(`${text.slice(0, text.lastIndexOf('}'))},]}`), SyntaxError);
  });
});
