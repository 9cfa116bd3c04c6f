/**
 * What one request may ask of the local Gong is bounded, as Gong bounds its own: a request that would
 * build an answer of hundreds of megabytes (measured before the bound: a day-by-day request from 2000
 * answered 259 MB in 17 s, one from 1900 ran the process out of memory) is refused with a 400 in
 * Gong's error envelope, and the server keeps answering.
 */
import * as assert from 'node:assert/strict';
import { startLocalGong } from '../../../src/localGong/index';
import type { LocalGongHandle } from '../../../src/localGong/index';
import { MAX_PERIODS } from '../../../src/localGong/routes/stats';

const NOW = new Date('2025-06-15T18:00:00Z');
const TODAY = '2025-06-15';

function daysBefore(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

describe('local Gong request bounds', function () {
  this.timeout(30_000);
  let gong: LocalGongHandle;
  let auth: string;

  before(async () => {
    gong = await startLocalGong({ rateLimit: false, now: NOW, seed: 3, users: 40, calls: 80 });
    auth = `Basic ${Buffer.from(`${gong.accessKey}:${gong.accessKeySecret}`).toString('base64')}`;
  });
  after(async () => { await gong?.close(); });

  async function post(path: string, body: unknown): Promise<{ status: number; bytes: number; body: Record<string, unknown> }> {
    const res = await fetch(`${gong.baseUrl}${path}`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, bytes: text.length, body: JSON.parse(text) as Record<string, unknown> };
  }

  it(`a day-by-day request over more than ${MAX_PERIODS} days is a 400 in Gong's envelope, from 2000 and from 1900 alike`, async () => {
    for (const fromDate of ['2000-01-01', '1900-01-01', daysBefore(TODAY, MAX_PERIODS + 1)]) {
      const t0 = Date.now();
      const r = await post('/v2/stats/activity/day-by-day', { filter: { fromDate, toDate: TODAY } });
      assert.equal(r.status, 400, fromDate);
      assert.equal(typeof r.body.requestId, 'string');
      const errors = r.body.errors as string[];
      assert.ok(Array.isArray(errors) && errors.length === 1);
      assert.match(errors[0] as string, new RegExp(`at most ${MAX_PERIODS} days \\(${fromDate} to ${TODAY} is \\d+\\); split the range`));
      assert.ok(r.bytes < 1000, 'the refusal is small');
      assert.ok(Date.now() - t0 < 5000, 'and refused before any work');
    }
  });

  it(`exactly ${MAX_PERIODS} days is answered`, async () => {
    const r = await post('/v2/stats/activity/day-by-day', { filter: { fromDate: daysBefore(TODAY, MAX_PERIODS), toDate: TODAY } });
    assert.equal(r.status, 200);
    const rows = r.body.usersDetailedActivities as Array<{ userDailyActivityStats: unknown[] }>;
    assert.equal(rows[0]?.userDailyActivityStats.length, MAX_PERIODS);
  });

  it('aggregate-by-period counts periods: days from 2000 are refused, weeks over the same years are not', async () => {
    const days = await post('/v2/stats/activity/aggregate-by-period', { aggregationPeriod: 'DAY', filter: { fromDate: '2020-01-01', toDate: TODAY } });
    assert.equal(days.status, 400);
    assert.match((days.body.errors as string[])[0] as string, /at most 366 days/);
    const weeks = await post('/v2/stats/activity/aggregate-by-period', { aggregationPeriod: 'WEEK', filter: { fromDate: '2020-01-01', toDate: TODAY } });
    assert.equal(weeks.status, 200, JSON.stringify(weeks.body.errors));
    const years = await post('/v2/stats/activity/aggregate-by-period', { aggregationPeriod: 'WEEK', filter: { fromDate: '1900-01-01', toDate: TODAY } });
    assert.equal(years.status, 400);
    assert.match((years.body.errors as string[])[0] as string, /at most 366 weeks/);
  });

  it('the one-number-per-user aggregate has no such bound: a range from 1900 is answered', async () => {
    const r = await post('/v2/stats/activity/aggregate', { filter: { fromDate: '1900-01-01', toDate: TODAY } });
    assert.equal(r.status, 200);
  });
});
