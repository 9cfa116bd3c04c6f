import * as assert from 'node:assert/strict';
import { confirmMatches, confirmTarget } from '../../../src/input/confirm';

describe('destructive confirmation', () => {
  it('takes the target from the confirm field, nested and list values included', () => {
    assert.equal(confirmTarget({ meetingId: '7782342274025937895' }, 'meetingId'), '7782342274025937895');
    assert.equal(confirmTarget({ filter: { emailAddress: 'ana@example.com' } }, 'filter.emailAddress'), 'ana@example.com');
    assert.equal(confirmTarget({ userIds: ['1', '2'] }, 'userIds'), '1, 2');
    assert.equal(confirmTarget({ callAccessList: [{ callId: '7782342274025937895', userIds: ['1'] }] }, 'callAccessList.0.callId'), '7782342274025937895');
    assert.equal(confirmTarget({}, 'meetingId'), undefined);
    assert.equal(confirmTarget({ a: 1 }, undefined), undefined);
  });

  it('matches exactly for ids and refuses anything else', () => {
    assert.equal(confirmMatches('7782342274025937895', ' 7782342274025937895 '), true);
    assert.equal(confirmMatches('7782342274025937895', '7782342274025937896'), false);
    assert.equal(confirmMatches('7782342274025937895', '778234227402593789'), false);
    assert.equal(confirmMatches('7782342274025937895', ''), false);
  });

  it('compares emails without case and phones without punctuation', () => {
    assert.equal(confirmMatches('Ana@Example.com', 'ana@example.COM'), true);
    assert.equal(confirmMatches('ana@example.com', 'ana@example.co'), false);
    assert.equal(confirmMatches('+14155550100', '+1 (415) 555-0100'), true);
    assert.equal(confirmMatches('+14155550100', '+1 415 555 0101'), false);
  });

  it('lists match regardless of spacing after commas', () => {
    assert.equal(confirmMatches('1, 2', '1,2'), true);
    assert.equal(confirmMatches('1, 2', '2, 1'), false);
  });

  it('an empty target never matches', () => {
    assert.equal(confirmMatches('', ''), false);
  });
});
