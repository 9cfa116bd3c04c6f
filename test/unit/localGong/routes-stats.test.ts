import * as assert from 'node:assert/strict';
import { ACTIVITY_COUNTERS } from '../../../src/localGong/extra/activity';
import { firstError, sameShape, sample, setup } from './routes-support';

const FROM = '2025-05-01';
const TO = '2025-06-15'; // NOW is 2025-06-15 in the company zone: today is allowed as the exclusive end.

describe('local Gong stats routes', () => {
  it('aggregate: one row per active user, sample shape, range echo in the company zone', async () => {
    const { api, world } = setup();
    const res = await api('POST', '/v2/stats/activity/aggregate', { body: { filter: { fromDate: FROM, toDate: TO } } });
    assert.equal(res.status, 200);
    const s = sample('stats-activity-aggregate.POST_v2_stats_activity_aggregate.json');
    if (s) assert.deepEqual(sameShape(res.body, s), []);
    assert.equal(res.body.fromDateTime, '2025-05-01T00:00:00-07:00');
    assert.equal(res.body.toDateTime, '2025-06-15T00:00:00-07:00');
    assert.equal(res.body.timeZone, world.timeZone);
    const rows = res.body.usersAggregateActivityStats as Array<{ userId: string; userAggregateActivityStats: Record<string, number> }>;
    assert.ok(rows.length >= 5, 'every rep hosted calls in the range');
    // callsAsHost equals the number of calls each user hosted in the range.
    const from = Date.parse('2025-05-01T07:00:00Z');
    const to = Date.parse('2025-06-15T07:00:00Z');
    for (const row of rows) {
      const hosted = world.calls.filter(c => c.primaryUserId === row.userId && Date.parse(c.started) >= from && Date.parse(c.started) < to).length;
      assert.equal(row.userAggregateActivityStats.callsAsHost, hosted, `callsAsHost of ${row.userId}`);
      assert.deepEqual(Object.keys(row.userAggregateActivityStats).sort(), [...ACTIVITY_COUNTERS].sort());
    }
  });

  it('aggregate equals the sum of day-by-day lists and of weekly periods', async () => {
    const { api } = setup();
    const filter = { fromDate: FROM, toDate: TO };
    const agg = await api('POST', '/v2/stats/activity/aggregate', { body: { filter } });
    const daily = await api('POST', '/v2/stats/activity/day-by-day', { body: { filter } });
    const weekly = await api('POST', '/v2/stats/activity/aggregate-by-period', { body: { filter, aggregationPeriod: 'WEEK' } });
    assert.equal(daily.status, 200);
    assert.equal(weekly.status, 200);
    const s1 = sample('stats-activity-day-by-day.POST_v2_stats_activity_day-by-day.json');
    if (s1) assert.deepEqual(sameShape(daily.body, s1), []);
    const s2 = sample('stats-activity-aggregate-by-period.POST_v2_stats_activity_aggregate-by-period.json');
    if (s2) assert.deepEqual(sameShape(weekly.body, s2), []);
    const aggRows = agg.body.usersAggregateActivityStats as Array<{ userId: string; userAggregateActivityStats: Record<string, number> }>;
    const dayRows = daily.body.usersDetailedActivities as Array<{ userId: string; userDailyActivityStats: Array<Record<string, unknown>> }>;
    const weekRows = weekly.body.usersAggregateActivity as Array<{ userId: string; userAggregateActivity: Array<Record<string, unknown>> }>;
    assert.equal(dayRows.length, aggRows.length);
    let nonZero = 0;
    for (const row of aggRows) {
      const days = dayRows.find(d => d.userId === row.userId)!.userDailyActivityStats;
      const weeks = weekRows.find(d => d.userId === row.userId)!.userAggregateActivity;
      assert.equal(days.length, 45, 'one entry per day of the range');
      assert.equal(days[0]!.fromDate, '2025-05-01T00:00:00-07:00');
      assert.equal(days[44]!.toDate, '2025-06-15T00:00:00-07:00');
      // Weeks start Monday: 2025-05-01 is a Thursday, so the first period is clipped to 4 days.
      assert.equal(weeks[0]!.fromDate, '2025-05-01T00:00:00-07:00');
      assert.equal(weeks[0]!.toDate, '2025-05-05T00:00:00-07:00');
      for (const c of ACTIVITY_COUNTERS) {
        const total = row.userAggregateActivityStats[c]!;
        if (total > 0) nonZero++;
        assert.equal(days.reduce((n, d) => n + (d[c] as string[]).length, 0), total, `${c} day sum`);
        assert.equal(weeks.reduce((n, w) => n + (w[c] as number), 0), total, `${c} week sum`);
      }
    }
    assert.ok(nonZero > 20, 'counters are not all zero');
  });

  it('aggregate-by-period requires a valid aggregationPeriod; MONTH gives clipped months', async () => {
    const { api } = setup();
    const filter = { fromDate: '2025-04-20', toDate: TO };
    const missing = await api('POST', '/v2/stats/activity/aggregate-by-period', { body: { filter } });
    assert.equal(missing.status, 400);
    assert.match(firstError(missing.body), /aggregationPeriod/);
    const bad = await api('POST', '/v2/stats/activity/aggregate-by-period', { body: { filter, aggregationPeriod: 'FORTNIGHT' } });
    assert.equal(bad.status, 400);
    const month = await api('POST', '/v2/stats/activity/aggregate-by-period', { body: { filter, aggregationPeriod: 'MONTH' } });
    const periods = (month.body.usersAggregateActivity as Array<{ userAggregateActivity: Array<{ fromDate: string; toDate: string }> }>)[0]!.userAggregateActivity;
    assert.deepEqual(periods.map(p => p.fromDate.slice(0, 10)), ['2025-04-20', '2025-05-01', '2025-06-01']);
    assert.equal(periods[2]!.toDate, '2025-06-15T00:00:00-07:00');
  });

  it('validates the filter: required dates, format, order, not after today', async () => {
    const { api } = setup();
    const cases: Array<[unknown, RegExp]> = [
      [{}, /filter is required/],
      [{ filter: { toDate: TO } }, /filter\.fromDate is required/],
      [{ filter: { fromDate: FROM } }, /filter\.toDate is required/],
      [{ filter: { fromDate: '2025-5-1', toDate: TO } }, /filter\.fromDate must be a date in the form YYYY-MM-DD/],
      [{ filter: { fromDate: '2025-02-30', toDate: TO } }, /filter\.fromDate/],
      [{ filter: { fromDate: FROM, toDate: '2025-06-16' } }, /not be after today \(2025-06-15\)/],
      [{ filter: { fromDate: TO, toDate: FROM } }, /before filter\.toDate/],
      [{ filter: { fromDate: FROM, toDate: TO, userIds: 'x' } }, /filter\.userIds must be an array/],
    ];
    for (const [body, re] of cases) {
      for (const path of ['/v2/stats/activity/aggregate', '/v2/stats/activity/day-by-day', '/v2/stats/interaction']) {
        const res = await api('POST', path, { body });
        assert.equal(res.status, 400, `${path} ${JSON.stringify(body)}`);
        assert.match(firstError(res.body), re);
      }
    }
  });

  it('userIds filter narrows the answer; an unknown user is 404; an empty range is 404', async () => {
    const { api, world } = setup();
    const rep = world.users[3]!;
    const one = await api('POST', '/v2/stats/activity/aggregate', { body: { filter: { fromDate: FROM, toDate: TO, userIds: [rep.id] } } });
    assert.equal(one.status, 200);
    const rows = one.body.usersAggregateActivityStats as Array<{ userId: string; userEmailAddress: string }>;
    assert.deepEqual(rows.map(r => r.userId), [rep.id]);
    assert.equal(rows[0]!.userEmailAddress, rep.emailAddress);
    const unknown = await api('POST', '/v2/stats/activity/aggregate', { body: { filter: { fromDate: FROM, toDate: TO, userIds: ['1234567890123456789'] } } });
    assert.equal(unknown.status, 404);
    assert.match(firstError(unknown.body), /User not found/);
    const empty = await api('POST', '/v2/stats/activity/aggregate', { body: { filter: { fromDate: '2024-01-01', toDate: '2024-02-01' } } });
    assert.equal(empty.status, 404);
  });

  it('pages with a body cursor when more than 100 users are active', async () => {
    const { api, world } = setup();
    // Clone reps so the answer spans two pages.
    const template = world.users[3]!;
    for (let i = 0; i < 130; i++) {
      const id = `55${String(i).padStart(17, '0')}`;
      const u = { ...template, id, emailAddress: `clone${i}@northwind.example` };
      world.users.push(u);
      world.usersById.set(id, u);
      const call = { ...world.calls[10]!, id: `66${String(i).padStart(17, '0')}`, primaryUserId: id, parties: [] };
      world.calls.push(call);
      world.callsById.set(call.id, call);
    }
    const body = { filter: { fromDate: '2025-04-01', toDate: TO } };
    const first = await api('POST', '/v2/stats/activity/aggregate', { body });
    const records = first.body.records as { totalRecords: number; currentPageSize: number; cursor?: string };
    assert.equal(records.currentPageSize, 100);
    assert.ok(records.totalRecords > 130);
    assert.ok(records.cursor);
    const second = await api('POST', '/v2/stats/activity/aggregate', { body: { ...body, cursor: records.cursor } });
    const r2 = second.body.records as { currentPageNumber: number; currentPageSize: number; cursor?: string };
    assert.equal(r2.currentPageNumber, 1);
    assert.equal(r2.currentPageSize, records.totalRecords - 100);
    assert.equal(r2.cursor, undefined);
    const ids = new Set([...(first.body.usersAggregateActivityStats as Array<{ userId: string }>), ...(second.body.usersAggregateActivityStats as Array<{ userId: string }>)].map(r => r.userId));
    assert.equal(ids.size, records.totalRecords, 'no row on both pages');
  });

  it('answered scorecards: sample shape, MANUAL by default, BOTH adds automatic reviews, filters', async () => {
    const { api, world } = setup();
    const manual = await api('POST', '/v2/stats/activity/scorecards', { body: { filter: {} } });
    assert.equal(manual.status, 200);
    const s = sample('stats-answered-scorecards.POST_v2_stats_activity_scorecards.json');
    if (s) assert.deepEqual(sameShape(manual.body, s), []);
    const rows = manual.body.answeredScorecards as Array<Record<string, unknown>>;
    assert.ok(rows.length > 0);
    assert.ok(rows.every(r => r.reviewMethod === 'MANUAL' && typeof r.reviewerUserId === 'string'));
    const both = await api('POST', '/v2/stats/activity/scorecards', { body: { filter: { reviewMethod: 'BOTH' } } });
    const all = both.body.answeredScorecards as Array<Record<string, unknown>>;
    assert.ok(all.length >= rows.length);
    for (const r of all) if (r.reviewMethod === 'AUTOMATIC') assert.equal(r.reviewerUserId, null);
    const rep = rows[0]!.reviewedUserId as string;
    const mine = await api('POST', '/v2/stats/activity/scorecards', { body: { filter: { reviewedUserIds: [rep] } } });
    assert.ok((mine.body.answeredScorecards as Array<Record<string, unknown>>).every(r => r.reviewedUserId === rep));
    const answers = rows[0]!.answers as Array<Record<string, unknown>>;
    const questions = (world.scorecards[0]!.questions as unknown[]).length;
    assert.equal(answers.length, questions);
    const none = await api('POST', '/v2/stats/activity/scorecards', { body: { filter: { scorecardIds: ['1'] } } });
    assert.equal(none.status, 404);
    const bad = await api('POST', '/v2/stats/activity/scorecards', { body: { filter: { reviewMethod: 'SOMETIMES' } } });
    assert.equal(bad.status, 400);
    assert.match(firstError(bad.body), /filter\.reviewMethod must be one of AUTOMATIC, MANUAL, BOTH/);
    const noFilter = await api('POST', '/v2/stats/activity/scorecards', { body: {} });
    assert.equal(noFilter.status, 400);
  });

  it('scorecards filled/received counters match the answered scorecards', async () => {
    const { api } = setup();
    const filter = { fromDate: '2025-04-01', toDate: TO };
    const agg = await api('POST', '/v2/stats/activity/aggregate', { body: { filter } });
    const cards = await api('POST', '/v2/stats/activity/scorecards', { body: { filter: { reviewFromDate: '2025-04-01', reviewToDate: TO } } });
    const received = new Map<string, number>();
    for (const c of cards.body.answeredScorecards as Array<{ reviewedUserId: string }>) received.set(c.reviewedUserId, (received.get(c.reviewedUserId) ?? 0) + 1);
    for (const row of agg.body.usersAggregateActivityStats as Array<{ userId: string; userAggregateActivityStats: Record<string, number> }>) {
      assert.equal(row.userAggregateActivityStats.callsScorecardsReceived, received.get(row.userId) ?? 0);
    }
  });

  it('interaction stats: the five Whisper metrics per user, sample shape', async () => {
    const { api } = setup();
    const res = await api('POST', '/v2/stats/interaction', { body: { filter: { fromDate: FROM, toDate: TO } } });
    assert.equal(res.status, 200);
    const s = sample('stats-interaction.POST_v2_stats_interaction.json');
    if (s) assert.deepEqual(sameShape(res.body, s), []);
    const rows = res.body.peopleInteractionStats as Array<{ personInteractionStats: Array<{ name: string; value: number }> }>;
    assert.ok(rows.length > 0);
    for (const r of rows) {
      assert.deepEqual(r.personInteractionStats.map(p => p.name), ['Longest Monologue', 'Longest Customer Story', 'Interactivity', 'Patience', 'Question Rate']);
      assert.ok(r.personInteractionStats.every(p => Number.isFinite(p.value) && p.value > 0));
    }
  });

  it('declares the scopes of conventions §9', () => {
    const expected: Record<string, string> = {
      '/v2/stats/activity/aggregate': 'api:stats:user-actions',
      '/v2/stats/activity/aggregate-by-period': 'api:stats:user-actions',
      '/v2/stats/activity/day-by-day': 'api:stats:user-actions:detailed',
      '/v2/stats/activity/scorecards': 'api:stats:scorecards',
      '/v2/stats/interaction': 'api:stats:interaction',
    };
    return Promise.all(Object.entries(expected).map(async ([path, scope]) => {
      const { api } = setup();
      const res = await api('POST', path, { body: {} });
      assert.equal(res.route.scope, scope, path);
    }));
  });
});

describe('local Gong coaching route', () => {
  const q = (p: Record<string, string>): string => `/v2/coaching?${new URLSearchParams(p).toString()}`;

  it('lists the manager and every direct report with metrics naming their calls', async () => {
    const { api, world } = setup();
    const manager = world.users[1]!;
    const res = await api('GET', q({ 'workspace-id': world.workspaces[0]!.id, 'manager-id': manager.id, from: '2025-04-01T00:00:00Z', to: '2025-06-15T00:00:00Z' }));
    assert.equal(res.status, 200);
    assert.equal(res.route.scope, 'api:coaching:read');
    const s = sample('coaching.GET_v2_coaching.json');
    if (s) assert.deepEqual(sameShape(res.body, s), []);
    const data = (res.body.coachingData as Array<{ manager: { id: string }; directReportsMetrics: Array<{ report: { id: string }; metrics: Record<string, string[]> }> }>)[0]!;
    assert.equal(data.manager.id, manager.id);
    const reportIds = world.users.filter(u => u.managerId === manager.id).map(u => u.id);
    assert.deepEqual(data.directReportsMetrics.map(r => r.report.id), reportIds);
    let listened = 0;
    for (const r of data.directReportsMetrics) {
      for (const callId of r.metrics.callsListened ?? []) {
        assert.equal(world.callsById.get(callId)?.primaryUserId, r.report.id, 'a listened call belongs to that report');
        listened++;
      }
    }
    assert.ok(listened > 0);
  });

  it('requires the hyphenated parameters and known ids', async () => {
    const { api, world } = setup();
    const base = { 'workspace-id': world.workspaces[0]!.id, 'manager-id': world.users[1]!.id, from: '2025-04-01T00:00:00Z', to: '2025-06-15T00:00:00Z' };
    for (const k of Object.keys(base)) {
      const p: Record<string, string> = { ...base };
      delete p[k];
      const res = await api('GET', q(p));
      assert.equal(res.status, 400);
      assert.match(firstError(res.body), new RegExp(`${k} is required`));
    }
    const underscored = await api('GET', q({ workspace__id: base['workspace-id'], manager__id: base['manager-id'], from: base.from, to: base.to }));
    assert.equal(underscored.status, 400);
    assert.equal((await api('GET', q({ ...base, 'manager-id': '1' }))).status, 400);
    assert.equal((await api('GET', q({ ...base, 'workspace-id': '1' }))).status, 400);
    const badDate = await api('GET', q({ ...base, from: '2025-04-01' }));
    assert.equal(badDate.status, 400);
    assert.match(firstError(badDate.body), /from must be an ISO-8601 date-time/);
  });
});

describe('local Gong logs route', () => {
  const q = (p: Record<string, string>): string => `/v2/logs?${new URLSearchParams(p).toString()}`;

  it('answers each log type with sample-shaped, time-ordered entries inside the range', async () => {
    const { api } = setup();
    const from = '2025-05-01T00:00:00Z';
    const to = '2025-06-01T00:00:00Z';
    for (const logType of ['AccessLog', 'UserActivityLog', 'UserCallPlay']) {
      const res = await api('GET', q({ logType, fromDateTime: from, toDateTime: to }));
      assert.equal(res.status, 200, logType);
      assert.equal(res.route.scope, 'api:logs:read');
      const entries = res.body.logEntries as Array<{ eventTime: string; logRecord: Record<string, unknown> }>;
      assert.ok(entries.length > 0, logType);
      const times = entries.map(e => Date.parse(e.eventTime));
      assert.ok(times.every((t, i) => t >= Date.parse(from) && t < Date.parse(to) && (i === 0 || t >= times[i - 1]!)));
      assert.ok(entries.every(e => e.eventTime.endsWith('Z')));
      if (logType === 'UserActivityLog') {
        const s = sample('logs.GET_v2_logs.json');
        if (s) assert.deepEqual(sameShape(res.body, s), []);
        assert.deepEqual(sameShape(entries[0]!.logRecord, (s?.logEntries as Array<{ logRecord: unknown }> | undefined)?.[0]?.logRecord ?? {}), []);
      }
    }
  });

  it('pages with the query cursor', async () => {
    const { api } = setup();
    const params = { logType: 'AccessLog', fromDateTime: '2025-03-01T00:00:00Z', toDateTime: '2025-06-15T00:00:00Z' };
    const first = await api('GET', q(params));
    const rec = first.body.records as { totalRecords: number; cursor?: string };
    assert.ok(rec.totalRecords > 100, `enough logins for two pages (${rec.totalRecords})`);
    assert.ok(rec.cursor);
    const second = await api('GET', q({ ...params, cursor: rec.cursor }));
    assert.equal((second.body.records as { currentPageNumber: number }).currentPageNumber, 1);
    const a = (first.body.logEntries as Array<{ eventTime: string }>).at(-1)!.eventTime;
    const b = (second.body.logEntries as Array<{ eventTime: string }>)[0]!.eventTime;
    assert.ok(Date.parse(b) >= Date.parse(a));
  });

  it('validates logType and dates; 404 when nothing was logged', async () => {
    const { api } = setup();
    const noType = await api('GET', q({ fromDateTime: '2025-05-01T00:00:00Z' }));
    assert.equal(noType.status, 400);
    assert.match(firstError(noType.body), /logType is required/);
    const badType = await api('GET', q({ logType: 'Everything', fromDateTime: '2025-05-01T00:00:00Z' }));
    assert.equal(badType.status, 400);
    assert.match(firstError(badType.body), /logType must be one of AccessLog/);
    const noFrom = await api('GET', q({ logType: 'AccessLog' }));
    assert.equal(noFrom.status, 400);
    assert.match(firstError(noFrom.body), /fromDateTime is required/);
    const old = await api('GET', q({ logType: 'AccessLog', fromDateTime: '2020-01-01T00:00:00Z', toDateTime: '2020-02-01T00:00:00Z' }));
    assert.equal(old.status, 404);
    assert.equal(firstError(old.body), 'No logs found for the specified period');
  });
});
