/**
 * /v2/stats/*: activity aggregates, per period, day by day, answered scorecards and interaction
 * stats, all computed from the world's calls through the shared activity derivation (extra/activity.ts),
 * so the three activity views agree with each other for any range.
 */

import type { LocalRequest, RouteContext, RouteDef } from '../contract';
import { LocalHttpError } from '../contract';
import type { LgCall, LgUser, World } from '../model';
import {
  ACTIVITY_COUNTERS, activitiesBetween, answeredScorecardId, scorecardReview, usersInOrder,
} from '../extra/activity';
import type { Activity, ActivityCounter } from '../extra/activity';
import {
  addDays, badRequest, bodyObject, checkDate, hash01, hashId, isRecord, localDate, optEnum, optString, optStringArray,
  parseDateTime, reqEnum, reqObject, reqString, startOfLocalDay, zoned,
} from '../extra/util';
import { textOf } from '../../shared/textOf';

const NOT_FOUND = 'No stats found corresponding to the provided filters';

interface StatsFilter {
  fromDate: string;
  toDate: string;
  from: number;
  to: number;
  users: LgUser[] | undefined;
}

/** The common stats body: `filter.fromDate/toDate` (required, to exclusive and not after today), `userIds`, created range. */
function readFilter(req: LocalRequest, ctx: RouteContext): StatsFilter {
  const world = ctx.world;
  const filter = reqObject(bodyObject(req.body), 'filter');
  const fromDate = checkDate(reqString(filter, 'fromDate', 'filter.fromDate'), 'filter.fromDate');
  const toDate = checkDate(reqString(filter, 'toDate', 'filter.toDate'), 'filter.toDate');
  const today = localDate(ctx.now(), world.timeZone);
  if (toDate > today) badRequest(`filter.toDate must not be after today (${today})`);
  if (fromDate >= toDate) badRequest('filter.fromDate must be before filter.toDate');
  const userIds = optStringArray(filter, 'userIds', 'filter.userIds');
  let users: LgUser[] | undefined;
  if (userIds) {
    users = [];
    for (const id of userIds) {
      const user = world.usersById.get(id);
      if (!user) throw new LocalHttpError(404, [`User not found: ${id}`]);
      users.push(user);
    }
  }
  const createdFrom = optString(filter, 'createdFromDateTime', 'filter.createdFromDateTime');
  const createdTo = optString(filter, 'createdToDateTime', 'filter.createdToDateTime');
  if (createdFrom !== undefined || createdTo !== undefined) {
    const lo = createdFrom === undefined ? -Infinity : parseDateTime(createdFrom, 'filter.createdFromDateTime').getTime();
    const hi = createdTo === undefined ? Infinity : parseDateTime(createdTo, 'filter.createdToDateTime').getTime();
    users = (users ?? world.users).filter(u => Date.parse(u.created) >= lo && Date.parse(u.created) < hi);
  }
  return {
    fromDate, toDate,
    from: startOfLocalDay(fromDate, world.timeZone).getTime(),
    to: startOfLocalDay(toDate, world.timeZone).getTime(),
    users,
  };
}

/** Activities in the filter's range, grouped by user (only users with activity appear, in user order). */
function activitiesByUser(ctx: RouteContext, f: StatsFilter): Array<{ user: LgUser; activities: Activity[] }> {
  const allowed = f.users ? new Set(f.users.map(u => u.id)) : undefined;
  const byUser = new Map<string, Activity[]>();
  for (const a of activitiesBetween(ctx.world, f.from, f.to, ctx.now().getTime())) {
    if (allowed && !allowed.has(a.userId)) continue;
    let list = byUser.get(a.userId);
    if (!list) byUser.set(a.userId, (list = []));
    list.push(a);
  }
  return usersInOrder(ctx.world, new Set(byUser.keys())).map(user => ({ user, activities: byUser.get(user.id) ?? [] }));
}

function counts(activities: readonly Activity[]): Record<ActivityCounter, number> {
  const sets = callSets(activities);
  const out = {} as Record<ActivityCounter, number>;
  for (const c of ACTIVITY_COUNTERS) out[c] = sets[c].length;
  return out;
}

/** Distinct call ids per counter: a repeated action on one call counts once per period. */
function callSets(activities: readonly Activity[]): Record<ActivityCounter, string[]> {
  const out = {} as Record<ActivityCounter, string[]>;
  for (const c of ACTIVITY_COUNTERS) out[c] = [];
  const seen = new Set<string>();
  for (const a of activities) {
    const key = `${a.counter}|${a.callId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out[a.counter].push(a.callId);
  }
  return out;
}

function rangeEcho(world: World, f: StatsFilter): Record<string, unknown> {
  return {
    fromDateTime: zoned(new Date(f.from), world.timeZone),
    toDateTime: zoned(new Date(f.to), world.timeZone),
    timeZone: world.timeZone,
  };
}

function pageOr404<T>(req: LocalRequest, ctx: RouteContext, items: readonly T[]): { items: T[]; records: Record<string, unknown> } {
  if (items.length === 0) throw new LocalHttpError(404, [NOT_FOUND]);
  return ctx.page(req, items);
}

/** Activities split by contiguous, ordered ranges (binary search per activity, not a scan per range). */
function bucketed(activities: readonly Activity[], ranges: ReadonlyArray<{ from: number; to: number }>): Activity[][] {
  const out: Activity[][] = ranges.map(() => []);
  for (const a of activities) {
    let lo = 0;
    let hi = ranges.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = ranges[mid]!;
      if (a.at < r.from) hi = mid - 1;
      else if (a.at >= r.to) lo = mid + 1;
      else { out[mid]!.push(a); break; }
    }
  }
  return out;
}

/**
 * The page of users with their activity split into company-local periods: per user, one summary a
 * period with that period's dates under `rowKey` (aggregate-by-period and day-by-day differ only in
 * the period, the summary and the names).
 */
function periodRows(
  req: LocalRequest, ctx: RouteContext, f: StatsFilter, period: Period, rowKey: string,
  summarise: (activities: readonly Activity[]) => Record<string, unknown>,
): { records: Record<string, unknown>; rows: Array<Record<string, unknown>> } {
  const tz = ctx.world.timeZone;
  const spans = periods(f.fromDate, f.toDate, period);
  // One row per user and period: without a bound, a day-by-day request from 2000 answered 259 MB
  // and one from 1900 ran the process out of memory. Refused before anything is built.
  if (spans.length > MAX_PERIODS) {
    badRequest(`filter: one request may cover at most ${MAX_PERIODS} ${period === 'DAY' ? 'days' : `${period.toLowerCase()}s`} (${f.fromDate} to ${f.toDate} is ${spans.length}); split the range into several requests`);
  }
  const ranges = spans.map(p => ({
    from: startOfLocalDay(p.from, tz).getTime(), to: startOfLocalDay(p.to, tz).getTime(),
  }));
  const page = pageOr404(req, ctx, activitiesByUser(ctx, f));
  const labels = ranges.map(r => ({ fromDate: zoned(new Date(r.from), tz), toDate: zoned(new Date(r.to), tz) }));
  const rows = page.items.map(({ user, activities }) => {
    const buckets = bucketed(activities, ranges);
    return {
      userId: user.id,
      userEmailAddress: user.emailAddress,
      [rowKey]: ranges.map((_, k) => ({ ...summarise(buckets[k] ?? []), ...labels[k] })),
    };
  });
  return { records: page.records, rows };
}

const PERIODS = ['DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR'] as const;

/** Most periods (a year of days) one day-by-day or aggregate-by-period answer may hold per user. */
export const MAX_PERIODS = 366;
type Period = (typeof PERIODS)[number];

/** Start of the period containing `date` (weeks start Monday), as `YYYY-MM-DD`. */
function periodStart(date: string, period: Period): string {
  const y = date.slice(0, 4);
  const m = Number(date.slice(5, 7));
  switch (period) {
    case 'DAY': return date;
    case 'WEEK': {
      const dow = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
      return addDays(date, -((dow + 6) % 7));
    }
    case 'MONTH': return `${y}-${String(m).padStart(2, '0')}-01`;
    case 'QUARTER': return `${y}-${String(m - ((m - 1) % 3)).padStart(2, '0')}-01`;
    case 'YEAR': return `${y}-01-01`;
  }
}

function nextPeriod(start: string, period: Period): string {
  const y = Number(start.slice(0, 4));
  const m = Number(start.slice(5, 7));
  const month = (months: number): string => {
    const total = y * 12 + (m - 1) + months;
    return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-01`;
  };
  switch (period) {
    case 'DAY': return addDays(start, 1);
    case 'WEEK': return addDays(start, 7);
    case 'MONTH': return month(1);
    case 'QUARTER': return month(3);
    case 'YEAR': return `${y + 1}-01-01`;
  }
}

/** The periods covering [fromDate, toDate), first and last clipped to the range. */
function periods(fromDate: string, toDate: string, period: Period): Array<{ from: string; to: string }> {
  const out: Array<{ from: string; to: string }> = [];
  let start = periodStart(fromDate, period);
  for (let i = 0; i < 100000 && start < toDate; i++) {
    const end = nextPeriod(start, period);
    out.push({ from: start < fromDate ? fromDate : start, to: end > toDate ? toDate : end });
    start = end;
  }
  return out;
}

const INTERACTION_NAMES = ['Longest Monologue', 'Longest Customer Story', 'Interactivity', 'Patience', 'Question Rate'] as const;

/** Whisper-style interaction values of one call for its host (stable per call). */
function callInteraction(call: LgCall): number[] {
  return [
    30 + Math.floor(hash01(call.id, 'mono') * Math.min(300, call.duration / 4)),
    20 + Math.floor(hash01(call.id, 'story') * Math.min(260, call.duration / 5)),
    2 + hash01(call.id, 'inter') * 8,
    0.3 + hash01(call.id, 'patience') * 1.7,
    3 + hash01(call.id, 'questions') * 17,
  ];
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

function answers(call: LgCall, scorecard: Record<string, unknown>): Array<Record<string, unknown>> {
  const questions = Array.isArray(scorecard.questions) ? scorecard.questions.filter(isRecord) : [];
  return questions.map((q, i) => {
    const qid = typeof q.questionId === 'string' ? q.questionId : hashId(call.id, 'q', String(i));
    const type = q.questionType;
    const options = Array.isArray(q.answerOptions) ? q.answerOptions.filter(isRecord) : [];
    const salt = [call.id, qid];
    const na = !q.isOverall && hash01(...salt, 'na') < 0.05;
    let score: number | null = null;
    let answerText: string | null = null;
    let selectedOptions: string[] | null = null;
    if (!na) {
      if (type === 'RANGE' || q.isOverall === true) {
        const lo = Number(q.minRange ?? 1) || 1;
        const hi = Number(q.maxRange ?? 5) || 5;
        score = lo + Math.floor(hash01(...salt, 'score') * (hi - lo + 1));
      } else if (options.length > 0) {
        selectedOptions = options.filter((_, j) => hash01(...salt, 'opt', String(j)) < 0.5).map(o => String(o.id));
      } else {
        answerText = pickText(hash01(...salt, 'text'));
      }
    }
    return {
      questionId: qid,
      questionRevisionId: typeof q.questionRevisionId === 'string' ? q.questionRevisionId : hashId(call.id, 'qr', String(i)),
      isOverall: q.isOverall === true,
      score, answerText, notApplicable: na, selectedOptions,
    };
  });
}

const TEXTS = [
  'Confirmed timeline and economic buyer; criteria still vague.',
  'Good discovery, next step agreed with a date.',
  'Talked too much in the first ten minutes.',
  'Strong close; pricing objection handled well.',
];
const pickText = (r: number): string => TEXTS[Math.floor(r * TEXTS.length)] ?? TEXTS[0]!;

export const routes: RouteDef[] = [
  {
    method: 'POST', path: '/v2/stats/activity/aggregate', scope: 'api:stats:user-actions',
    handler: (req, ctx) => {
      const f = readFilter(req, ctx);
      const page = pageOr404(req, ctx, activitiesByUser(ctx, f));
      const rows = page.items.map(({ user, activities }) => ({
        userId: user.id, userEmailAddress: user.emailAddress, userAggregateActivityStats: counts(activities),
      }));
      return { body: { records: page.records, usersAggregateActivityStats: rows, ...rangeEcho(ctx.world, f) } };
    },
  },
  {
    method: 'POST', path: '/v2/stats/activity/aggregate-by-period', scope: 'api:stats:user-actions',
    handler: (req, ctx) => {
      const period = reqEnum(bodyObject(req.body), 'aggregationPeriod', PERIODS);
      const f = readFilter(req, ctx);
      const { records, rows } = periodRows(req, ctx, f, period, 'userAggregateActivity', counts);
      return { body: { records, usersAggregateActivity: rows } };
    },
  },
  {
    method: 'POST', path: '/v2/stats/activity/day-by-day', scope: 'api:stats:user-actions:detailed',
    handler: (req, ctx) => {
      const f = readFilter(req, ctx);
      const { records, rows } = periodRows(req, ctx, f, 'DAY', 'userDailyActivityStats', callSets);
      return { body: { records, usersDetailedActivities: rows } };
    },
  },
  {
    method: 'POST', path: '/v2/stats/activity/scorecards', scope: 'api:stats:scorecards',
    handler: (req, ctx) => {
      const world = ctx.world;
      const tz = world.timeZone;
      const filter = reqObject(bodyObject(req.body), 'filter');
      const date = (key: string): string | undefined => {
        const v = optString(filter, key, `filter.${key}`);
        return v === undefined ? undefined : checkDate(v, `filter.${key}`);
      };
      const callFrom = date('callFromDate');
      const callTo = date('callToDate');
      const reviewFrom = date('reviewFromDate');
      const reviewTo = date('reviewToDate');
      const method = optEnum(filter, 'reviewMethod', ['AUTOMATIC', 'MANUAL', 'BOTH'] as const, 'filter.reviewMethod') ?? 'MANUAL';
      const reviewed = optStringArray(filter, 'reviewedUserIds', 'filter.reviewedUserIds');
      const scorecardIds = optStringArray(filter, 'scorecardIds', 'filter.scorecardIds');
      const now = ctx.now().getTime();
      const out: Array<Record<string, unknown>> = [];
      // Oldest first, as a report reads.
      for (let i = world.calls.length - 1; i >= 0; i--) {
        const call = world.calls[i]!;
        const review = scorecardReview(world, call);
        if (!review || review.reviewTime > now) continue;
        if (method !== 'BOTH' && review.reviewMethod !== method) continue;
        if (reviewed && !reviewed.includes(call.primaryUserId)) continue;
        const scorecardId = textOf(review.scorecard.scorecardId);
        if (scorecardIds && !scorecardIds.includes(scorecardId)) continue;
        const callDay = call.started.slice(0, 10);
        if (callFrom && callDay < callFrom) continue;
        if (callTo && callDay >= callTo) continue;
        const reviewDay = localDate(new Date(review.reviewTime), tz);
        if (reviewFrom && reviewDay < reviewFrom) continue;
        if (reviewTo && reviewDay >= reviewTo) continue;
        out.push({
          answeredScorecardId: answeredScorecardId(call),
          scorecardId,
          scorecardName: textOf(review.scorecard.scorecardName),
          callId: call.id,
          callStartTime: call.started,
          reviewedUserId: call.primaryUserId,
          reviewerUserId: review.reviewerUserId,
          reviewMethod: review.reviewMethod,
          editorUserId: null,
          reviewTime: zoned(new Date(review.reviewTime), tz, true),
          visibilityType: 'PUBLIC',
          answers: answers(call, review.scorecard),
        });
      }
      const page = pageOr404(req, ctx, out);
      return { body: { records: page.records, answeredScorecards: page.items } };
    },
  },
  {
    method: 'POST', path: '/v2/stats/interaction', scope: 'api:stats:interaction',
    handler: (req, ctx) => {
      const f = readFilter(req, ctx);
      const allowed = f.users ? new Set(f.users.map(u => u.id)) : undefined;
      const now = ctx.now().getTime();
      const byUser = new Map<string, LgCall[]>();
      for (const call of ctx.world.calls) {
        const start = Date.parse(call.started);
        if (start < f.from || start >= f.to || start > now) continue;
        if (allowed && !allowed.has(call.primaryUserId)) continue;
        // Only calls recorded with Whisper on count; most are.
        if (hash01(call.id, 'whisper') >= 0.85) continue;
        let list = byUser.get(call.primaryUserId);
        if (!list) byUser.set(call.primaryUserId, (list = []));
        list.push(call);
      }
      const rows = usersInOrder(ctx.world, new Set(byUser.keys())).map(user => {
        const values = (byUser.get(user.id) ?? []).map(callInteraction);
        const avg = (i: number): number => values.reduce((s, v) => s + (v[i] ?? 0), 0) / values.length;
        const max = (i: number): number => Math.max(...values.map(v => v[i] ?? 0));
        return {
          userId: user.id,
          userEmailAddress: user.emailAddress,
          personInteractionStats: INTERACTION_NAMES.map((name, i) => ({ name, value: round2(i < 2 ? max(i) : avg(i)) })),
        };
      });
      const page = pageOr404(req, ctx, rows);
      return { body: { records: page.records, peopleInteractionStats: page.items, ...rangeEcho(ctx.world, f) } };
    },
  },
];
