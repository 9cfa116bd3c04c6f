/**
 * View models of the insights page, built in plain Node from Gong's stats answers: a person's
 * activity per day or week, their interaction stats against the median, answered scorecards over
 * time, a team table with its outliers, and a tracker's hits per week. Pure: no I/O, no clock (the
 * caller passes "today"), so every figure here is tested on known answers.
 *
 * Dates: Gong writes period bounds in the company's time zone with its offset
 * (`2025-05-05T00:00:00-07:00`). The calendar day is the date as written; converting to UTC first
 * would move every bucket that starts at local midnight west of Greenwich to the day before.
 */
import type {
  ChartModel, ChartSeries, DayRange, InsightsModel, Period, RangeId, TeamColumn, TeamRow, TeamTable,
} from '../shared/insights';
import { RANGE_CHOICES } from '../shared/insights';
import { visibleControls } from '../shared/safeText';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown, key: string): unknown[] => (isObj(v) && Array.isArray(v[key]) ? v[key] as unknown[] : []);
const text = (v: unknown, key: string): string | undefined => {
  const x = isObj(v) ? v[key] : undefined;
  return typeof x === 'string' ? x : typeof x === 'number' || typeof x === 'bigint' ? String(x) : undefined;
};
const num = (v: unknown): number | null => {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
};

const DAY_MS = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** `YYYY-MM-DD` plus n days (calendar arithmetic, no time zone involved). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** The calendar day a Gong timestamp names in the company's time zone: the date as written. */
export function localDay(stamp: string | undefined): string | undefined {
  if (!stamp) return undefined;
  const day = stamp.slice(0, 10);
  return ISO_DAY.test(day) ? day : undefined;
}

const mondays = new Map<string, string>();

/** Monday of the week holding `day` (remembered: a year of a thousand people asks for the same few hundred days). */
export function weekStart(day: string): string {
  let monday = mondays.get(day);
  if (monday === undefined) {
    const dow = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
    monday = addDays(day, -((dow + 6) % 7));
    if (mondays.size > 20_000) mondays.clear();
    mondays.set(day, monday);
  }
  return monday;
}

/** The range a picker choice stands for: the last N days before today (Gong's `toDate` is exclusive and may not pass today). */
export function rangeFor(rangeId: RangeId, today: string): DayRange {
  const choice = RANGE_CHOICES.find(c => c.id === rangeId) ?? RANGE_CHOICES[0];
  return { fromDate: addDays(today, -choice.days), toDate: today };
}

/** The period a range reads best in: days for up to five weeks, weeks beyond. */
export function defaultPeriod(range: DayRange): Period {
  return daysIn(range) <= 35 ? 'DAY' : 'WEEK';
}

export function daysIn(range: DayRange): number {
  return Math.round((Date.parse(`${range.toDate}T00:00:00Z`) - Date.parse(`${range.fromDate}T00:00:00Z`)) / DAY_MS);
}

/** The bucket starts covering the range: every day, or every Monday (the first week starts on its Monday, before the range if need be). */
export function buckets(range: DayRange, period: Period): string[] {
  const out: string[] = [];
  let day = period === 'WEEK' ? weekStart(range.fromDate) : range.fromDate;
  const step = period === 'WEEK' ? 7 : 1;
  for (let i = 0; i < 5000 && day < range.toDate; i++, day = addDays(day, step)) out.push(day);
  return out;
}

/** The bucket a day falls in, or undefined outside the range. */
function bucketOf(day: string, range: DayRange, period: Period): string | undefined {
  if (day < range.fromDate || day >= range.toDate) return undefined;
  return period === 'WEEK' ? weekStart(day) : day;
}

// ---------------------------------------------------------------------------------------------
// Statistics

/** The median of the numbers given (nulls ignored), or null for none. */
export function median(values: ReadonlyArray<number | null>): number | null {
  const v = values.filter((x): x is number => x !== null).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

/** Quartile by linear interpolation between closest ranks (the common "type 7"). */
function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/**
 * Tukey's fences: values more than 1.5 interquartile ranges below the first quartile or above the
 * third. Needs four values at least; a column where everyone is equal has no outliers.
 */
export function fences(values: ReadonlyArray<number | null>): { low: number; high: number } | undefined {
  const v = values.filter((x): x is number => x !== null).sort((a, b) => a - b);
  if (v.length < 4) return undefined;
  const q1 = quantile(v, 0.25);
  const q3 = quantile(v, 0.75);
  const iqr = q3 - q1;
  return { low: q1 - 1.5 * iqr, high: q3 + 1.5 * iqr };
}

const round = (v: number, digits = 2): number => Math.round(v * 10 ** digits) / 10 ** digits;

// ---------------------------------------------------------------------------------------------
// Activity

/** The activity counters Gong keeps, with the words a person reads. The first four are drawn by default. */
export const ACTIVITY = [
  { key: 'callsAsHost', label: 'Calls hosted' },
  { key: 'callsAttended', label: 'Calls attended' },
  { key: 'ownCallsListenedTo', label: 'Own calls listened to' },
  { key: 'othersCallsListenedTo', label: "Others' calls listened to" },
  { key: 'callsCommentsGiven', label: 'Comments given' },
  { key: 'callsCommentsReceived', label: 'Comments received' },
  { key: 'callsGaveFeedback', label: 'Feedback given' },
  { key: 'callsReceivedFeedback', label: 'Feedback received' },
  { key: 'callsRequestedFeedback', label: 'Feedback requested' },
  { key: 'callsSharedInternally', label: 'Shared internally' },
  { key: 'callsSharedExternally', label: 'Shared externally' },
  { key: 'callsScorecardsFilled', label: 'Scorecards filled' },
  { key: 'callsScorecardsReceived', label: 'Scorecards received' },
  { key: 'callsMarkedAsFeedbackGiven', label: 'Marked as feedback given' },
  { key: 'callsMarkedAsFeedbackReceived', label: 'Marked as feedback received' },
] as const;

/** A counter's value in one period entry: a number (aggregates) or a list of call ids (day by day). */
function counterValue(entry: unknown, key: string): number {
  const v = isObj(entry) ? entry[key] : undefined;
  if (Array.isArray(v)) return v.length;
  return num(v) ?? 0;
}

/**
 * Per-bucket sums of each activity counter for the given users' period entries
 * (`userAggregateActivity` of aggregate-by-period, or `userDailyActivityStats` of day-by-day).
 * A bucket Gong sent nothing for counts 0: Gong leaves out periods without activity.
 */
export function activitySums(entries: readonly unknown[], range: DayRange, period: Period): Map<string, number[]> {
  const xs = buckets(range, period);
  const index = new Map(xs.map((x, i) => [x, i]));
  const sums = new Map<string, number[]>(ACTIVITY.map(a => [a.key, xs.map(() => 0)]));
  for (const entry of entries) {
    const day = localDay(text(entry, 'fromDate'));
    const b = day === undefined ? undefined : bucketOf(day, range, period);
    const i = b === undefined ? undefined : index.get(b);
    if (i === undefined) continue;
    for (const a of ACTIVITY) sums.get(a.key)![i]! += counterValue(entry, a.key);
  }
  return sums;
}

/** The period entries of one user in an aggregate-by-period or day-by-day answer (all pages merged). */
export function periodEntriesOf(users: readonly unknown[], userId: string): unknown[] {
  const row = users.find(u => text(u, 'userId') === userId);
  if (!row) return [];
  return [...list(row, 'userAggregateActivity'), ...list(row, 'userDailyActivityStats')];
}

/** The activity chart: one series per counter with any activity in the range (calls hosted and attended always). */
export function activityChart(entries: readonly unknown[], range: DayRange, period: Period, title = 'Activity'): ChartModel {
  const x = buckets(range, period);
  const sums = activitySums(entries, range, period);
  const series: ChartSeries[] = [];
  ACTIVITY.forEach((a, i) => {
    const values = sums.get(a.key)!;
    if (i < 2 || values.some(v => v > 0)) series.push({ key: a.key, label: a.label, values, colour: series.length });
  });
  const any = series.some(s => s.values.some(v => (v ?? 0) > 0));
  return {
    id: 'activity', title, unit: period === 'DAY' ? 'per day' : 'per week', xKind: 'time', x, period, style: 'line', series,
    ...(any ? {} : { empty: 'No activity in this range.' }),
  };
}

// ---------------------------------------------------------------------------------------------
// Interaction stats

/** The interaction stats Gong reports, and whether more is better (for marking outliers). */
export const INTERACTION: ReadonlyArray<{ name: string; key: string; label: string; unit: string; higherIsBetter?: boolean }> = [
  { name: 'Talk Ratio', key: 'talkRatio', label: 'Talk ratio', unit: 'share' },
  { name: 'Longest Monologue', key: 'longestMonologue', label: 'Longest monologue', unit: 's', higherIsBetter: false },
  { name: 'Longest Customer Story', key: 'longestCustomerStory', label: 'Longest customer story', unit: 's', higherIsBetter: true },
  { name: 'Interactivity', key: 'interactivity', label: 'Interactivity', unit: '', higherIsBetter: true },
  { name: 'Patience', key: 'patience', label: 'Patience', unit: 's', higherIsBetter: true },
  { name: 'Question Rate', key: 'questionRate', label: 'Question rate', unit: 'per hour', higherIsBetter: true },
];

/** userId -> metric key -> value, from `peopleInteractionStats` (all pages merged). */
export function interactionByUser(people: readonly unknown[]): Map<string, Record<string, number | null>> {
  const out = new Map<string, Record<string, number | null>>();
  for (const p of people) {
    const id = text(p, 'userId');
    if (!id) continue;
    const values: Record<string, number | null> = {};
    for (const stat of list(p, 'personInteractionStats')) {
      const m = INTERACTION.find(i => i.name.toLowerCase() === (text(stat, 'name') ?? '').toLowerCase());
      if (m) values[m.key] = num(isObj(stat) ? stat.value : undefined);
    }
    out.set(id, values);
  }
  return out;
}

/**
 * A person's interaction stats against the median of everyone Gong reported for the range. Drawn
 * as a share of the median (100 = the median), since the metrics have different units; the table
 * gives the values themselves.
 */
export function interactionChart(people: readonly unknown[], userId: string): ChartModel {
  const byUser = interactionByUser(people);
  const mine = byUser.get(userId);
  const metrics = INTERACTION.filter(m => [...byUser.values()].some(v => v[m.key] !== undefined));
  const medians = metrics.map(m => median([...byUser.values()].map(v => v[m.key] ?? null)));
  const base: ChartModel = {
    id: 'interaction', title: 'Interaction stats', unit: '% of the median', xKind: 'category',
    x: metrics.map(m => m.label), style: 'bars',
    series: [
      { key: 'person', label: 'This person', values: metrics.map((m, i) => pct(mine?.[m.key] ?? null, medians[i] ?? null)), colour: 0 },
      { key: 'median', label: 'Median', values: metrics.map((_, i) => (medians[i] === null ? null : 100)), colour: 1, style: 'line' },
    ],
  };
  if (!mine) return { ...base, series: base.series.map(s => ({ ...s, values: s.values.map(() => null) })), empty: 'No interaction stats for this person in this range (Gong counts calls recorded with its analysis on).' };
  return {
    ...base,
    table: {
      columns: ['Metric', 'This person', 'Median', '% of the median'],
      rows: metrics.map((m, i) => [m.label, mine[m.key] ?? null, medians[i] === null ? null : round(medians[i]!), pct(mine[m.key] ?? null, medians[i] ?? null)]),
    },
  };
}

function pct(value: number | null, med: number | null): number | null {
  if (value === null || med === null || med === 0) return null;
  return Math.round((value / med) * 100);
}

// ---------------------------------------------------------------------------------------------
// Answered scorecards

/** A scorecard's overall score: the answer marked overall, else the mean of the scored answers. */
export function overallScore(card: unknown): number | null {
  const answers = list(card, 'answers');
  const overall = answers.find(a => isObj(a) && a.isOverall === true && num(a.score) !== null);
  if (overall) return num((overall as Obj).score);
  const scores = answers.filter(a => isObj(a) && a.notApplicable !== true).map(a => num((a as Obj).score)).filter((s): s is number => s !== null);
  return scores.length ? round(scores.reduce((s, v) => s + v, 0) / scores.length) : null;
}

/** Mean overall score per bucket (by review day), one series per scorecard; null where none was reviewed. */
export function scorecardChart(cards: readonly unknown[], userId: string, range: DayRange, period: Period): ChartModel {
  const x = buckets(range, period);
  const index = new Map(x.map((d, i) => [d, i]));
  const byCard = new Map<string, { label: string; sum: number[]; n: number[] }>();
  for (const card of cards) {
    if (text(card, 'reviewedUserId') !== userId) continue;
    const day = localDay(text(card, 'reviewTime') ?? text(card, 'callStartTime'));
    const b = day === undefined ? undefined : bucketOf(day, range, period);
    const i = b === undefined ? undefined : index.get(b);
    const score = overallScore(card);
    if (i === undefined || score === null) continue;
    const id = text(card, 'scorecardId') ?? '';
    let s = byCard.get(id);
    if (!s) byCard.set(id, (s = { label: text(card, 'scorecardName') || 'Scorecard', sum: x.map(() => 0), n: x.map(() => 0) }));
    s.sum[i]! += score;
    s.n[i]! += 1;
  }
  const series = [...byCard.entries()].sort((a, b) => a[1].label.localeCompare(b[1].label)).map(([id, s], k) => ({
    key: `scorecard-${id}`, label: s.label, values: s.sum.map((v, i) => (s.n[i] ? round(v / s.n[i]) : null)), colour: k,
  }));
  return {
    id: 'scorecards', title: 'Answered scorecards', unit: 'overall score', xKind: 'time', x, period, style: 'points', series,
    ...(series.length ? {} : { empty: 'No answered scorecards for this person in this range.' }),
  };
}

// ---------------------------------------------------------------------------------------------
// Team

/** The team table's activity columns (totals over the range). */
const TEAM_ACTIVITY = ['callsAsHost', 'callsAttended', 'ownCallsListenedTo', 'othersCallsListenedTo', 'callsCommentsGiven', 'callsScorecardsReceived'] as const;

export interface TeamUser { id: string; name: string; email: string }

/** The name a person reads for a Gong user object. */
export function userName(u: unknown): TeamUser | undefined {
  const id = text(u, 'id') ?? text(u, 'userId');
  if (!id) return undefined;
  const name = [text(u, 'firstName'), text(u, 'lastName')].filter(Boolean).join(' ').trim();
  const email = text(u, 'emailAddress') ?? text(u, 'userEmailAddress') ?? '';
  return { id, name: name || email || id, email };
}

/**
 * One row per person with activity or interaction stats in the range: activity totals (from the
 * by-period answer) and interaction stats, each cell marked when it lies outside the team's fences.
 */
export function teamTable(periodUsers: readonly unknown[], people: readonly unknown[], directory: ReadonlyMap<string, TeamUser>): TeamTable {
  const interaction = interactionByUser(people);
  const metrics = INTERACTION.filter(m => [...interaction.values()].some(v => v[m.key] !== undefined));
  const columns: TeamColumn[] = [
    ...TEAM_ACTIVITY.map(k => ({ key: k, label: ACTIVITY.find(a => a.key === k)!.label })),
    ...metrics.map(m => ({ key: m.key, label: m.unit && m.unit !== 'share' ? `${m.label} (${m.unit})` : m.label, ...(m.higherIsBetter === undefined ? {} : { higherIsBetter: m.higherIsBetter }) })),
  ];
  const rows = new Map<string, TeamRow>();
  const rowOf = (id: string, fallback: unknown): TeamRow => {
    let r = rows.get(id);
    if (!r) {
      const who = directory.get(id) ?? userName(fallback) ?? { id, name: id, email: '' };
      r = { userId: id, name: who.name, email: who.email, values: Object.fromEntries(columns.map(c => [c.key, null])), high: [], low: [] };
      rows.set(id, r);
    }
    return r;
  };
  for (const u of periodUsers) {
    const id = text(u, 'userId');
    if (!id) continue;
    const r = rowOf(id, u);
    const entries = [...list(u, 'userAggregateActivity'), ...list(u, 'userDailyActivityStats')];
    const agg = isObj(u) && isObj(u.userAggregateActivityStats) ? [u.userAggregateActivityStats] : [];
    for (const k of TEAM_ACTIVITY) r.values[k] = [...entries, ...agg].reduce<number>((s, e) => s + counterValue(e, k), 0);
  }
  const personById = new Map(people.map(p => [text(p, 'userId'), p]));
  for (const [id, values] of interaction) {
    const r = rowOf(id, personById.get(id));
    for (const m of metrics) r.values[m.key] = values[m.key] ?? null;
  }
  const all = [...rows.values()].sort((a, b) => a.name.localeCompare(b.name));
  const medians: Record<string, number | null> = {};
  for (const c of columns) {
    const col = all.map(r => r.values[c.key] ?? null);
    const med = median(col);
    medians[c.key] = med === null ? null : round(med);
    const f = fences(col);
    if (!f || f.high === f.low) continue;
    for (const r of all) {
      const v = r.values[c.key];
      if (v === null || v === undefined) continue;
      if (v > f.high) r.high.push(c.key);
      else if (v < f.low) r.low.push(c.key);
    }
  }
  return { columns, rows: all, medians };
}

/**
 * The team's calls hosted per bucket: the total, and the median of the people who hosted any call in
 * the range (most of a company never hosts one, which would put the median at 0).
 */
export function teamActivityChart(periodUsers: readonly unknown[], range: DayRange, period: Period): ChartModel {
  const x = buckets(range, period);
  const index = new Map(x.map((d, i) => [d, i]));
  // Only the one counter, with the buckets indexed once: this runs over every period of a thousand people.
  const perUser = periodUsers.map(u => {
    const values = x.map(() => 0);
    for (const entry of [...list(u, 'userAggregateActivity'), ...list(u, 'userDailyActivityStats')]) {
      const day = localDay(text(entry, 'fromDate'));
      const b = day === undefined ? undefined : bucketOf(day, range, period);
      const i = b === undefined ? undefined : index.get(b);
      if (i !== undefined) values[i]! += counterValue(entry, 'callsAsHost');
    }
    return values;
  });
  const total = x.map((_, i) => perUser.reduce((s, v) => s + (v[i] ?? 0), 0));
  const hosts = perUser.filter(v => v.some(n => n > 0));
  const med = x.map((_, i) => median(hosts.map(v => v[i] ?? 0)));
  return {
    id: 'teamActivity', title: 'Calls hosted by the team', unit: period === 'DAY' ? 'per day' : 'per week', xKind: 'time', x, period, style: 'line',
    series: [
      { key: 'total', label: 'Team total', values: total, colour: 0 },
      { key: 'median', label: 'Median host', values: med, colour: 1 },
    ],
    ...(total.some(v => v > 0) ? {} : { empty: 'No calls hosted in this range.' }),
  };
}

// ---------------------------------------------------------------------------------------------
// Trackers

/**
 * A tracker's hits per bucket from calls' extensive data (`content.trackers`): the hits counted and
 * the calls with at least one. Calls whose start falls outside the range are ignored.
 */
export function trackerChart(calls: readonly unknown[], trackerId: string, trackerName: string, range: DayRange, period: Period): ChartModel {
  const x = buckets(range, period);
  const index = new Map(x.map((d, i) => [d, i]));
  const hits = x.map(() => 0);
  const withHit = x.map(() => 0);
  const callsPer = x.map(() => 0);
  for (const call of calls) {
    const meta = isObj(call) ? call.metaData : undefined;
    const day = localDay(text(meta, 'started') ?? text(meta, 'scheduled'));
    const b = day === undefined ? undefined : bucketOf(day, range, period);
    const i = b === undefined ? undefined : index.get(b);
    if (i === undefined) continue;
    callsPer[i]! += 1;
    const content = isObj(call) ? call.content : undefined;
    const tracker = list(content, 'trackers').find(t => text(t, 'id') === trackerId || (!text(t, 'id') && text(t, 'name') === trackerName));
    const count = tracker ? num(isObj(tracker) ? tracker.count : undefined) ?? list(tracker, 'occurrences').length : 0;
    hits[i]! += count;
    if (count > 0) withHit[i]! += 1;
  }
  const any = hits.some(h => h > 0);
  return {
    id: 'tracker', title: `"${trackerName}" mentions`, unit: period === 'DAY' ? 'per day' : 'per week', xKind: 'time', x, period, style: 'line',
    series: [
      { key: 'hits', label: 'Mentions', values: hits, colour: 0 },
      { key: 'calls', label: 'Calls with a mention', values: withHit, colour: 1 },
      { key: 'allCalls', label: 'Calls', values: callsPer, colour: 2 },
    ],
    ...(any ? {} : { empty: calls.length ? 'This tracker was not heard on any call in this range.' : 'No calls in this range.' }),
  };
}

// ---------------------------------------------------------------------------------------------
// CSV

/** A CSV cell: quoted when needed, direction controls shown as markers (as every export does), and text a spreadsheet would run as a formula made inert. */
export function csvCell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  let s = visibleControls(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const csvLine = (cells: ReadonlyArray<string | number | null | undefined>): string => cells.map(csvCell).join(',');

/** The rows a chart's table shows (and its CSV holds): its own table, else x then one column per series. */
export function chartRows(chart: ChartModel): { columns: string[]; rows: Array<Array<string | number | null>> } {
  if (chart.table) return chart.table;
  const first = chart.xKind === 'time' ? (chart.period === 'WEEK' ? 'Week starting' : 'Day') : 'Item';
  return {
    columns: [first, ...chart.series.map(s => s.label)],
    rows: chart.x.map((x, i) => [x, ...chart.series.map(s => s.values[i] ?? null)]),
  };
}

export function chartCsv(chart: ChartModel): string {
  const { columns, rows } = chartRows(chart);
  return `${[csvLine(columns), ...rows.map(csvLine)].join('\r\n')}\r\n`;
}

export function teamCsv(team: TeamTable): string {
  const head = csvLine(['Name', 'Email', ...team.columns.map(c => c.label)]);
  const rows = team.rows.map(r => csvLine([r.name, r.email, ...team.columns.map(c => r.values[c.key] ?? null)]));
  const med = csvLine(['Median', '', ...team.columns.map(c => team.medians[c.key] ?? null)]);
  return `${[head, ...rows, med].join('\r\n')}\r\n`;
}

/** The CSV of one part of a model by chart id (`team` for the team table). */
export function insightsCsv(model: InsightsModel, chartId: string): string | undefined {
  if (chartId === 'team') return model.team ? teamCsv(model.team) : undefined;
  const chart = model.charts.find(c => c.id === chartId);
  return chart ? chartCsv(chart) : undefined;
}
