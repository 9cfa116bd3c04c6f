import * as assert from 'node:assert/strict';
import { dateRole, formatDateTime, presetRange, presetValue, siblingPath } from '../../../src/input/dates';

// A fixed clock: Friday 2026-11-20 22:30 UTC, which is already Saturday 2026-11-21 in UTC+2.
const NOW = new Date('2026-11-20T22:30:00Z');

describe('date presets', () => {
  it('today, last 7 days, this month and this quarter as half-open date-time ranges in UTC', () => {
    assert.deepEqual(presetRange('today', NOW, 0, false), { from: '2026-11-20T00:00:00Z', to: '2026-11-21T00:00:00Z' });
    assert.deepEqual(presetRange('last7', NOW, 0, false), { from: '2026-11-14T00:00:00Z', to: '2026-11-21T00:00:00Z' });
    assert.deepEqual(presetRange('thisMonth', NOW, 0, false), { from: '2026-11-01T00:00:00Z', to: '2026-11-21T00:00:00Z' });
    assert.deepEqual(presetRange('thisQuarter', NOW, 0, false), { from: '2026-10-01T00:00:00Z', to: '2026-11-21T00:00:00Z' });
  });

  it('follow the local calendar day and write the offset', () => {
    assert.deepEqual(presetRange('today', NOW, 120, false), { from: '2026-11-21T00:00:00+02:00', to: '2026-11-22T00:00:00+02:00' });
    assert.deepEqual(presetRange('today', NOW, -330, false), { from: '2026-11-20T00:00:00-05:30', to: '2026-11-21T00:00:00-05:30' });
  });

  it('cross year boundaries for the quarter and last 7 days', () => {
    const jan = new Date('2027-01-03T12:00:00Z');
    assert.deepEqual(presetRange('last7', jan, 0, false), { from: '2026-12-28T00:00:00Z', to: '2027-01-04T00:00:00Z' });
    assert.equal(presetRange('thisQuarter', jan, 0, false).from, '2027-01-01T00:00:00Z');
  });

  it('date-only ranges end at today, never later (Gong refuses a later stats toDate)', () => {
    assert.deepEqual(presetRange('last7', NOW, 0, true), { from: '2026-11-13', to: '2026-11-20' });
    assert.deepEqual(presetRange('thisMonth', NOW, 0, true), { from: '2026-11-01', to: '2026-11-20' });
    assert.deepEqual(presetRange('thisQuarter', NOW, 120, true), { from: '2026-10-01', to: '2026-11-21' });
  });

  it('a field takes its end of the range from its name', () => {
    assert.equal(dateRole('filter.fromDateTime'), 'from');
    assert.equal(dateRole('filter.toDate'), 'to');
    assert.equal(dateRole('callFromDate'), 'from');
    assert.equal(dateRole('reviewToDate'), 'to');
    assert.equal(dateRole('startTime'), 'from');
    assert.equal(dateRole('endTime'), 'to');
    assert.equal(dateRole('eventTimestamp'), 'single');
    assert.equal(presetValue('today', 'filter.toDateTime', NOW, 0, false), '2026-11-21T00:00:00Z');
    assert.equal(presetValue('today', 'filter.fromDateTime', NOW, 0, false), '2026-11-20T00:00:00Z');
  });

  it('finds the other end of a range', () => {
    assert.equal(siblingPath('filter.fromDateTime'), 'filter.toDateTime');
    assert.equal(siblingPath('filter.toDate'), 'filter.fromDate');
    assert.equal(siblingPath('callFromDate'), 'callToDate');
    assert.equal(siblingPath('startTime'), 'endTime');
    assert.equal(siblingPath('eventTimestamp'), undefined);
  });

  it('formats date-times with seconds and an offset', () => {
    assert.equal(formatDateTime(Date.UTC(2026, 0, 5, 3, 4, 5), 0), '2026-01-05T03:04:05Z');
    assert.equal(formatDateTime(Date.UTC(2026, 0, 5, 3, 4, 5), 60), '2026-01-05T04:04:05+01:00');
  });
});
