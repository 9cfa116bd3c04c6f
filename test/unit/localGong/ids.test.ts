import * as assert from 'node:assert/strict';
import { hash32 } from '../../../src/localGong/ids';
import { hash01, hashId, hashInt } from '../../../src/localGong/extra/util';

describe('localGong: entity hashes', () => {
  it('keep their values, so a seed still gives the same world', () => {
    // Reference values from the separate implementation hash01 had before it was built on hash32.
    assert.equal(hash01('a'), 0.11268863035365939);
    assert.equal(hash01('call', '123', 'user'), 0.8756752777844667);
    assert.equal(hash01(), 0.6689221884589642);
    assert.equal(hashId('x', 'y'), '1706632252669379495');
    assert.equal(hashInt(1, 100, 'q'), 58);
  });

  it('tell part boundaries apart and stay in [0, 1)', () => {
    assert.notEqual(hash01('ab', 'c'), hash01('a', 'bc'));
    assert.notEqual(hash01('a'), hash32('a') / 0x100000000, 'parts are separated, not hashed bare');
    for (let i = 0; i < 500; i++) {
      const v = hash01(String(i), 'x');
      assert.ok(v >= 0 && v < 1, String(v));
    }
  });
});
