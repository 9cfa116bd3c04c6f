import * as assert from 'node:assert/strict';
import { LosslessNumber } from 'lossless-json';
import { textOf } from '../../../src/shared/textOf';

describe('textOf', () => {
  it('writes values out as a person reads them, never as [object Object]', () => {
    assert.equal(textOf('a'), 'a');
    assert.equal(textOf(12), '12');
    assert.equal(textOf(12345678901234567890n), '12345678901234567890');
    assert.equal(textOf(false), 'false');
    assert.equal(textOf(undefined), '');
    assert.equal(textOf(null, 'none'), 'none');
    assert.equal(textOf({ a: 1 }), '{"a":1}');
    assert.equal(textOf([1, 'x']), '[1,"x"]');
    assert.equal(textOf({ big: 5n }), '{"big":"5"}');
    assert.equal(textOf(new LosslessNumber('9007199254740993')), '9007199254740993');
    assert.equal(textOf(() => 1, 'fn'), 'fn');
  });
});
