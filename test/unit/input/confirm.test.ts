import * as assert from 'node:assert/strict';
import { catalog } from '../../../src/catalog/index';
import type { ActionDef } from '../../../src/catalog/types';
import { confirmMatches, confirmTarget, needsWriteConfirmation, writeSummary } from '../../../src/input/confirm';

const action = (id: string): ActionDef => { const a = catalog.find(id); assert.ok(a, id); return a; };

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

describe('write summary confirmation', () => {
  it('is needed for a write nobody went through, never for reads or reviewed input; destructive ones have their own', () => {
    assert.equal(needsWriteConfirmation(action('calls.addMedia'), false), true);
    assert.equal(needsWriteConfirmation(action('meetings.create'), false), true);
    assert.equal(needsWriteConfirmation(action('calls.addMedia'), true), false);
    assert.equal(needsWriteConfirmation(action('calls.get'), false), false);
    assert.equal(needsWriteConfirmation(action('meetings.delete'), false), false, 'the destructive retype is the one confirmation');
  });

  it('lists the request and every value, names file uploads and bounds hostile values', () => {
    const text = writeSummary(action('calls.addMedia'), { id: '7000000000000000001', mediaFile: 'recordings/call.mp3' });
    assert.match(text, /^PUT \/v2\/calls\/\{id\}\/media\n/);
    assert.match(text, /id: 7000000000000000001/);
    assert.match(text, /: upload the file recordings\/call\.mp3/);
    const long = writeSummary(action('meetings.create'), { title: `\u202e${'x'.repeat(1_000_000)}`, organizerEmail: 'a@b.example' });
    assert.ok(long.length < 2000, `bounded (${long.length})`);
    assert.ok(long.includes('[RLO]') && !long.includes('\u202e'), 'direction controls as markers');
  });
});
