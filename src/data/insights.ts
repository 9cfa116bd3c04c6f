/**
 * Reads what the insights page shows from Gong, through the data layer's named reads (the catalog's
 * declarations), and builds its view model with src/render/insights.ts. Each part of a page is fetched on its
 * own: a part Gong refuses (a missing scope, a feature not enabled) or has nothing for (its
 * nothing-found 404) says so in place of that part while the others still show. Only a refusal of
 * the credentials themselves fails the whole page. Pure: no `vscode`.
 */
import { GongError } from '../gong/errors';
import { classify } from '../gong/failure';
import type { GongApi, GongRequest, GongResponse } from '../gong/types';
import {
  activityChart, defaultPeriod, interactionChart, periodEntriesOf, rangeFor, scorecardChart, teamActivityChart, teamTable,
  trackerChart, userName, type TeamUser,
} from '../render/insights';
import type { ChartModel, InsightsModel, InsightsNotice, Period, RangeId } from '../shared/insights';
import { actionOf, listAt, readData, readPages, type ReadName } from './read';

export interface InsightsRequest {
  kind: InsightsModel['kind'];
  subjectId: string;
  /** The subject's name as the row showed it (the page title until the data says better). */
  subject: string;
  rangeId: RangeId;
  period?: Period;
  /** The company's calendar day today (`YYYY-MM-DD`); Gong's stats ranges end before it. */
  today: string;
}

/** Counts the requests a page takes (every page of every part). */
class Counting implements GongApi {
  count = 0;
  constructor(private readonly api: GongApi) {}
  request<T = unknown>(req: GongRequest, signal?: AbortSignal): Promise<GongResponse<T>> {
    this.count++;
    return this.api.request<T>(req, signal);
  }
  async *pages<T = unknown>(req: GongRequest, signal?: AbortSignal): AsyncIterableIterator<GongResponse<T>> {
    for await (const page of this.api.pages<T>(req, signal)) {
      this.count++;
      yield page;
    }
  }
}

/** Every record of a paged read (all of Gong's cursor pages). */
async function all(api: GongApi, read: ReadName, input: Record<string, unknown>, signal?: AbortSignal): Promise<unknown[]> {
  const key = actionOf(read).listKey ?? '';
  const out: unknown[] = [];
  for await (const data of readPages(api, read, input, signal)) out.push(...listAt(data, key));
  return out;
}

/** Whether a failure belongs to the whole page (credentials refused, cancelled) rather than one part. */
export function failsWholePage(e: unknown): boolean {
  const f = classify(e);
  return f.signInAgain || f.cancelled;
}

/** What a part says instead of its chart when Gong did not give it data (the one failure vocabulary's words). */
export function partNotice(part: string, e: unknown): InsightsNotice {
  const f = classify(e);
  if (f.kind === 'notFound') return { part, kind: 'empty', text: 'Gong found nothing for this range.' };
  const refused = f.kind === 'missingScope' || f.kind === 'forbidden';
  return { part, kind: refused ? 'refused' : 'error', text: f.hint && !refused ? `${f.text} ${f.hint}` : f.text };
}

/**
 * Runs one part: its records, or [] with a notice. Gong's nothing-found 404 is an empty answer
 * (its stats endpoints say "No stats found ..." for a range without data).
 */
async function part(name: string, notices: InsightsNotice[], run: () => Promise<unknown[]>): Promise<unknown[] | undefined> {
  try {
    return await run();
  } catch (e) {
    if (failsWholePage(e)) throw e;
    if (GongError.is(e, 'notFound')) return [];
    notices.push(partNotice(name, e));
    return undefined;
  }
}

const withNotice = (chart: ChartModel, notice: InsightsNotice | undefined): ChartModel =>
  notice ? { ...chart, series: chart.series.map(s => ({ ...s, values: s.values.map(() => null) })), empty: notice.text } : chart;

/** Builds the insights of a user, a team (workspace) or a tracker for a range. */
export async function loadInsights(gong: GongApi, req: InsightsRequest, signal?: AbortSignal): Promise<InsightsModel> {
  const api = new Counting(gong);
  const range = rangeFor(req.rangeId, req.today);
  const period = req.period ?? defaultPeriod(range);
  const notices: InsightsNotice[] = [];
  const filter = { fromDate: range.fromDate, toDate: range.toDate };
  const base = { kind: req.kind, subjectId: req.subjectId, subject: req.subject, rangeId: req.rangeId, range, period, notices };
  const noticeOf = (p: string): InsightsNotice | undefined => notices.find(n => n.part === p);

  if (req.kind === 'user') {
    const [activity, people, cards, who] = await Promise.all([
      part('activity', notices, () => all(api, 'activityByPeriod', { filter: { ...filter, userIds: [req.subjectId] }, aggregationPeriod: period }, signal)),
      part('interaction', notices, () => all(api, 'interactionStats', { filter }, signal)),
      part('scorecards', notices, () => all(api, 'answeredScorecards', { filter: { reviewFromDate: range.fromDate, reviewToDate: range.toDate, reviewMethod: 'BOTH', reviewedUserIds: [req.subjectId] } }, signal)),
      part('user', [], () => all(api, 'usersById', { filter: { userIds: [req.subjectId] } }, signal)),
    ]);
    const named = who?.map(userName).find(u => u?.id === req.subjectId);
    return {
      ...base,
      subject: named?.name ?? req.subject,
      charts: [
        withNotice(activityChart(periodEntriesOf(activity ?? [], req.subjectId), range, period), noticeOf('activity')),
        withNotice(interactionChart(people ?? [], req.subjectId), noticeOf('interaction')),
        withNotice(scorecardChart(cards ?? [], req.subjectId, range, period), noticeOf('scorecards')),
      ],
      requests: api.count,
      note: 'The median is of everyone Gong reports interaction stats for in this range.',
    };
  }

  if (req.kind === 'team') {
    const [periodUsers, people, users] = await Promise.all([
      part('activity', notices, () => all(api, 'activityByPeriod', { filter, aggregationPeriod: period }, signal)),
      part('interaction', notices, () => all(api, 'interactionStats', { filter }, signal)),
      part('users', notices, () => all(api, 'users', {}, signal)),
    ]);
    const directory = new Map<string, TeamUser>();
    for (const u of users ?? []) {
      const who = userName(u);
      if (who) directory.set(who.id, who);
    }
    const team = teamTable(periodUsers ?? [], people ?? [], directory);
    return {
      ...base,
      charts: [withNotice(teamActivityChart(periodUsers ?? [], range, period), noticeOf('activity'))],
      team,
      requests: api.count,
      note: `${team.rows.length} people with activity or interaction stats in this range. Gong's API does not say who belongs to a workspace, so the team is everyone it reports.`,
    };
  }

  // A tracker: its hits in the calls of the range, from the calls' extensive data (100 calls a request).
  const calls = await part('tracker', notices, () => all(api, 'callsExtensive', {
    filter: { fromDateTime: `${range.fromDate}T00:00:00Z`, toDateTime: `${range.toDate}T00:00:00Z` },
    contentSelector: { exposedFields: { content: { trackers: true } } },
  }, signal));
  return {
    ...base,
    charts: [withNotice(trackerChart(calls ?? [], req.subjectId, req.subject, range, period), noticeOf('tracker'))],
    requests: api.count,
    note: 'Counted from the trackers Gong found in each call of the range.',
  };
}

/** Requests a tracker's insights take: one per 100 calls in the range (from the calls list's first page). */
export async function trackerCost(gong: GongApi, rangeId: RangeId, today: string, signal?: AbortSignal): Promise<{ calls: number; requests: number }> {
  const range = rangeFor(rangeId, today);
  try {
    const data = await readData(gong, 'calls', { fromDateTime: `${range.fromDate}T00:00:00Z`, toDateTime: `${range.toDate}T00:00:00Z` }, signal);
    const records = (data as { records?: { totalRecords?: unknown } } | undefined)?.records;
    const calls = Number(records?.totalRecords ?? 0) || 0;
    return { calls, requests: Math.max(1, Math.ceil(calls / 100)) };
  } catch (e) {
    if (GongError.is(e, 'notFound')) return { calls: 0, requests: 0 };
    throw e;
  }
}
