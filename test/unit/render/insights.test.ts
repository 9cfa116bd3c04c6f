import * as assert from 'node:assert/strict';
import {
  activityChart, buckets, chartCsv, csvCell, fences, interactionChart, localDay, median, overallScore, rangeFor,
  scorecardChart, teamActivityChart, teamCsv, teamTable, trackerChart, weekStart,
} from '../../../src/render/insights';
import type { DayRange } from '../../../src/shared/insights';

const entry = (fromDate: string, counts: Record<string, number>) => ({ fromDate, toDate: fromDate, ...counts });

describe('insights view models', () => {
  describe('dates and buckets', () => {
    it('reads the calendar day as Gong wrote it, not as UTC', () => {
      // Local midnight west of Greenwich is the previous day in UTC; the bucket must stay on the local day.
      assert.equal(localDay('2025-05-05T00:00:00-07:00'), '2025-05-05');
      assert.equal(new Date('2025-05-05T00:00:00+09:00').toISOString().slice(0, 10), '2025-05-04');
      assert.equal(localDay('2025-05-05T00:00:00+09:00'), '2025-05-05');
      assert.equal(localDay('not a date'), undefined);
      assert.equal(localDay(undefined), undefined);
    });

    it('starts weeks on Monday and covers the range with whole days or Mondays', () => {
      assert.equal(weekStart('2026-11-22'), '2026-11-16'); // a Sunday
      assert.equal(weekStart('2026-11-16'), '2026-11-16'); // a Monday
      const r: DayRange = { fromDate: '2026-11-04', toDate: '2026-11-20' };
      assert.deepEqual(buckets(r, 'WEEK'), ['2026-11-02', '2026-11-09', '2026-11-16']);
      assert.equal(buckets(r, 'DAY').length, 16);
      assert.equal(buckets(r, 'DAY')[0], '2026-11-04');
      assert.equal(buckets(r, 'DAY').at(-1), '2026-11-19');
    });

    it('ends a picked range before today, as Gong requires', () => {
      assert.deepEqual(rangeFor('4w', '2026-11-20'), { fromDate: '2026-10-23', toDate: '2026-11-20' });
      assert.deepEqual(rangeFor('12m', '2026-03-01'), { fromDate: '2025-03-02', toDate: '2026-03-01' });
    });

    it('keeps buckets across a daylight-saving change on their local days', () => {
      const r: DayRange = { fromDate: '2026-10-31', toDate: '2026-11-03' };
      const chart = activityChart([
        entry('2026-10-31T00:00:00-07:00', { callsAsHost: 1 }),
        entry('2026-11-01T00:00:00-07:00', { callsAsHost: 2 }),
        entry('2026-11-02T00:00:00-08:00', { callsAsHost: 3 }),
      ], r, 'DAY');
      assert.deepEqual(chart.x, ['2026-10-31', '2026-11-01', '2026-11-02']);
      assert.deepEqual(chart.series.find(s => s.key === 'callsAsHost')?.values, [1, 2, 3]);
    });
  });

  describe('statistics', () => {
    it('takes medians of odd and even counts and ignores missing values', () => {
      assert.equal(median([3, 1, 2]), 2);
      assert.equal(median([4, 1, 3, 2]), 2.5);
      assert.equal(median([null, 5, null]), 5);
      assert.equal(median([]), null);
    });

    it('puts Tukey fences 1.5 IQR beyond the quartiles and needs four values', () => {
      assert.deepEqual(fences([1, 2, 3, 4, 5, 6, 7, 8]), { low: -2.5, high: 11.5 });
      assert.equal(fences([1, 2, 3]), undefined);
    });
  });

  describe('activity', () => {
    it('sums periods into buckets, fills the gaps Gong leaves out with 0 and counts call-id lists', () => {
      const r: DayRange = { fromDate: '2026-11-02', toDate: '2026-11-23' };
      const chart = activityChart([
        entry('2026-11-02T00:00:00-08:00', { callsAsHost: 2, callsAttended: 1 }),
        // The day-by-day endpoint lists call ids instead of counting them.
        { fromDate: '2026-11-04T00:00:00-08:00', callsAsHost: ['1', '2', '3'], ownCallsListenedTo: ['1'] },
        // Week of the 9th: nothing at all (Gong omits it). Week of the 16th:
        entry('2026-11-17T00:00:00-08:00', { callsAsHost: 4 }),
        // Outside the range: ignored.
        entry('2026-11-23T00:00:00-08:00', { callsAsHost: 99 }),
      ], r, 'WEEK');
      assert.deepEqual(chart.x, ['2026-11-02', '2026-11-09', '2026-11-16']);
      assert.deepEqual(chart.series.find(s => s.key === 'callsAsHost')?.values, [5, 0, 4]);
      assert.deepEqual(chart.series.find(s => s.key === 'ownCallsListenedTo')?.values, [1, 0, 0]);
      // Counters without any activity are left out, except the first two.
      assert.equal(chart.series.some(s => s.key === 'callsSharedExternally'), false);
      assert.ok(chart.series.some(s => s.key === 'callsAttended'));
      assert.equal(chart.empty, undefined);
    });

    it('says so when the range holds no activity', () => {
      const chart = activityChart([], { fromDate: '2026-11-02', toDate: '2026-11-09' }, 'DAY');
      assert.match(chart.empty ?? '', /No activity/);
      assert.equal(chart.x.length, 7);
    });
  });

  describe('interaction stats', () => {
    const person = (userId: string, stats: Record<string, number>) => ({
      userId, userEmailAddress: `${userId}@x.test`,
      personInteractionStats: Object.entries(stats).map(([name, value]) => ({ name, value })),
    });
    const people = [
      person('a', { 'Longest Monologue': 100, Interactivity: 5, Patience: 1 }),
      person('b', { 'Longest Monologue': 50, Interactivity: 10, Patience: 1 }),
      person('c', { 'Longest Monologue': 200, Interactivity: 2.5, Patience: 2 }),
    ];

    it('draws a person as a share of the median and tables the raw values', () => {
      const chart = interactionChart(people, 'c');
      assert.deepEqual(chart.x, ['Longest monologue', 'Interactivity', 'Patience']);
      assert.deepEqual(chart.series[0]?.values, [200, 50, 200]);
      assert.deepEqual(chart.series[1]?.values, [100, 100, 100]);
      assert.deepEqual(chart.table?.rows[0], ['Longest monologue', 200, 100, 200]);
    });

    it('says so when the person has no interaction stats', () => {
      const chart = interactionChart(people, 'nobody');
      assert.match(chart.empty ?? '', /No interaction stats/);
      assert.ok(chart.series.every(s => s.values.every(v => v === null)));
    });
  });

  describe('answered scorecards', () => {
    const card = (reviewTime: string, answers: Array<{ score: number | null; isOverall?: boolean; notApplicable?: boolean }>, scorecardId = '1', reviewedUserId = 'u') => ({
      scorecardId, scorecardName: scorecardId === '1' ? 'Discovery' : 'Demo', reviewedUserId, reviewTime,
      answers: answers.map(a => ({ isOverall: false, notApplicable: false, ...a })),
    });

    it('takes the overall answer, else the mean of scored answers that apply', () => {
      assert.equal(overallScore(card('2026-11-02T10:00:00-08:00', [{ score: 2 }, { score: 4, isOverall: true }])), 4);
      assert.equal(overallScore(card('2026-11-02T10:00:00-08:00', [{ score: 2 }, { score: 3 }, { score: 5, notApplicable: true }])), 2.5);
      assert.equal(overallScore(card('2026-11-02T10:00:00-08:00', [{ score: null }])), null);
    });

    it('averages per bucket and scorecard, for the reviewed person only, with gaps as null', () => {
      const r: DayRange = { fromDate: '2026-11-02', toDate: '2026-11-23' };
      const chart = scorecardChart([
        card('2026-11-03T10:00:00-08:00', [{ score: 2 }]),
        card('2026-11-05T10:00:00-08:00', [{ score: 4 }]),
        card('2026-11-18T10:00:00-08:00', [{ score: 5 }], '2'),
        card('2026-11-18T10:00:00-08:00', [{ score: 1 }], '1', 'someone else'),
      ], 'u', r, 'WEEK');
      assert.deepEqual(chart.series.map(s => s.label), ['Demo', 'Discovery']);
      assert.deepEqual(chart.series[1]?.values, [3, null, null]);
      assert.deepEqual(chart.series[0]?.values, [null, null, 5]);
      assert.match(scorecardChart([], 'u', r, 'WEEK').empty ?? '', /No answered scorecards/);
    });
  });

  describe('team', () => {
    const row = (userId: string, hosted: number[]) => ({
      userId,
      userAggregateActivity: hosted.map((n, i) => entry(`2026-11-${String(2 + 7 * i).padStart(2, '0')}T00:00:00-08:00`, { callsAsHost: n })),
    });
    const r: DayRange = { fromDate: '2026-11-02', toDate: '2026-11-16' };
    const users = [row('1', [1, 1]), row('2', [2, 1]), row('3', [1, 2]), row('4', [2, 2]), row('5', [20, 20])];
    const directory = new Map(['1', '2', '3', '4', '5'].map(id => [id, { id, name: `Person ${id}`, email: `p${id}@x.test` }]));

    it('totals each person, gives the medians and marks the outliers', () => {
      const team = teamTable(users, [], directory);
      assert.equal(team.rows.length, 5);
      const five = team.rows.find(x => x.userId === '5')!;
      assert.equal(five.values.callsAsHost, 40);
      assert.deepEqual(five.high, ['callsAsHost']);
      assert.equal(team.medians.callsAsHost, 3);
      assert.ok(team.rows.filter(x => x.userId !== '5').every(x => x.high.length === 0 && x.low.length === 0));
    });

    it('charts the team total and the median of those who hosted calls', () => {
      const chart = teamActivityChart([...users, row('6', [0, 0]), row('7', [0, 0]), row('8', [0, 0]), row('9', [0, 0])], r, 'WEEK');
      assert.deepEqual(chart.series[0]?.values, [26, 26]);
      // Four people who hosted nothing would pull the median of nine to 1; the hosts' median is 2.
      assert.deepEqual(chart.series[1]?.values, [2, 2]);
    });

    it('exports the table as CSV with the medians and formula-looking names made inert', () => {
      const hostile = new Map(directory);
      hostile.set('1', { id: '1', name: '=HYPERLINK("x")', email: 'p1@x.test' });
      const csv = teamCsv(teamTable(users, [], hostile));
      const lines = csv.trimEnd().split('\r\n');
      assert.match(lines[0]!, /^Name,Email,Calls hosted,/);
      assert.ok(lines.some(l => l.startsWith(`"'=HYPERLINK(""x"")",p1@x.test,2,`)), lines.join('\n'));
      assert.match(lines.at(-1)!, /^Median,,3,/);
    });
  });

  describe('trackers', () => {
    it('counts mentions and calls with a mention per bucket from the calls\' trackers', () => {
      const call = (started: string, count: number) => ({ metaData: { started }, content: { trackers: [{ id: 't1', name: 'Pricing', count }, { id: 't2', name: 'Other', count: 9 }] } });
      const r: DayRange = { fromDate: '2026-11-02', toDate: '2026-11-16' };
      const chart = trackerChart([call('2026-11-03T09:00:00-08:00', 2), call('2026-11-04T09:00:00-08:00', 0), call('2026-11-10T09:00:00-08:00', 3)], 't1', 'Pricing', r, 'WEEK');
      assert.deepEqual(chart.series.map(s => s.values), [[2, 3], [1, 1], [2, 1]]);
      assert.match(trackerChart([], 't1', 'Pricing', r, 'WEEK').empty ?? '', /No calls/);
    });
  });

  describe('CSV', () => {
    it('quotes separators, doubles quotes and shows direction overrides as markers', () => {
      assert.equal(csvCell('a,b'), '"a,b"');
      assert.equal(csvCell('say "hi"'), '"say ""hi"""');
      assert.equal(csvCell('\u202eevil'), '[RLO]evil');
      assert.equal(csvCell('-1+1'), "'-1+1");
      assert.equal(csvCell(-1), '-1');
      assert.equal(csvCell(null), '');
    });

    it('writes a chart as x then one column per series', () => {
      const csv = chartCsv(activityChart([entry('2026-11-02T00:00:00-08:00', { callsAsHost: 2 })], { fromDate: '2026-11-02', toDate: '2026-11-04' }, 'DAY'));
      assert.equal(csv, 'Day,Calls hosted,Calls attended\r\n2026-11-02,2,0\r\n2026-11-03,0,0\r\n');
    });
  });
});
