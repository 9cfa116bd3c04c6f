/**
 * User activity derived from the world's calls: who hosted, attended, listened to, commented on,
 * gave feedback on, scored and shared which call, and when. The stats routes, coaching and the
 * logs all read this one derivation, so an aggregate always equals the sum of the day-by-day lists
 * and coaching metrics name the same calls. Decisions are hashed per call, so they stay stable when
 * calls are added or parties erased.
 */

import type { LgCall, LgUser, World } from '../model';
import { hash01, hashId, hashInt, pick } from './util';

/** The 15 counters of /v2/stats/activity/*, in Gong's order. */
export const ACTIVITY_COUNTERS = [
  'callsAsHost', 'callsGaveFeedback', 'callsRequestedFeedback', 'callsReceivedFeedback',
  'ownCallsListenedTo', 'othersCallsListenedTo', 'callsSharedInternally', 'callsSharedExternally',
  'callsScorecardsFilled', 'callsScorecardsReceived', 'callsAttended', 'callsCommentsGiven',
  'callsCommentsReceived', 'callsMarkedAsFeedbackGiven', 'callsMarkedAsFeedbackReceived',
] as const;
export type ActivityCounter = (typeof ACTIVITY_COUNTERS)[number];

export interface Activity {
  userId: string;
  counter: ActivityCounter;
  callId: string;
  /** Epoch ms of the action. */
  at: number;
}

const HOUR = 3600000;

/** When and by whom a call was reviewed with a scorecard, or undefined when it was not. */
export interface ScorecardReview {
  scorecard: Record<string, unknown>;
  reviewerUserId: string | null;
  reviewMethod: 'MANUAL' | 'AUTOMATIC';
  reviewTime: number;
}

export function scorecardReview(world: World, call: LgCall): ScorecardReview | undefined {
  if (world.scorecards.length === 0 || hash01(call.id, 'scorecard') >= 0.14) return undefined;
  const host = world.usersById.get(call.primaryUserId);
  const managerId = host?.managerId ?? null;
  const manual = managerId !== null && world.usersById.has(managerId) && hash01(call.id, 'scorecard-method') < 0.8;
  return {
    scorecard: pick(world.scorecards, hash01(call.id, 'scorecard-pick')),
    reviewerUserId: manual ? managerId : null,
    reviewMethod: manual ? 'MANUAL' : 'AUTOMATIC',
    reviewTime: Date.parse(call.started) + hashInt(1, 60, call.id, 'review-time') * HOUR + hashInt(0, 59999, call.id, 'rt-ms'),
  };
}

export function answeredScorecardId(call: LgCall): string {
  return hashId(call.id, 'answered-scorecard');
}

/** Every activity on one call (unbounded in time: callers filter by range and by "not after now"). */
export function callActivities(world: World, call: LgCall): Activity[] {
  const out: Activity[] = [];
  const start = Date.parse(call.started);
  const host = call.primaryUserId;
  const add = (userId: string, counter: ActivityCounter, at: number): void => {
    out.push({ userId, counter, callId: call.id, at });
  };
  add(host, 'callsAsHost', start);
  for (const party of call.parties) {
    if (party.userId && party.userId !== host && world.usersById.has(party.userId)) add(party.userId, 'callsAttended', start);
  }
  const after = (salt: string, maxHours: number): number => start + call.duration * 1000 + hashInt(1, maxHours, call.id, salt) * HOUR;
  if (hash01(call.id, 'own-listen') < 0.35) add(host, 'ownCallsListenedTo', after('own-listen-t', 30));
  if (hash01(call.id, 'request-feedback') < 0.08) add(host, 'callsRequestedFeedback', after('request-feedback-t', 6));
  if (hash01(call.id, 'share-int') < 0.07) add(host, 'callsSharedInternally', after('share-int-t', 48));
  if (hash01(call.id, 'share-ext') < 0.04) add(host, 'callsSharedExternally', after('share-ext-t', 48));
  const managerId = world.usersById.get(host)?.managerId;
  if (managerId && world.usersById.has(managerId)) {
    if (hash01(call.id, 'mgr-listen') < 0.45) add(managerId, 'othersCallsListenedTo', after('mgr-listen-t', 72));
    if (hash01(call.id, 'comment') < 0.25) {
      const at = after('comment-t', 72);
      add(managerId, 'callsCommentsGiven', at);
      add(host, 'callsCommentsReceived', at);
    }
    if (hash01(call.id, 'feedback') < 0.15) {
      const at = after('feedback-t', 72);
      add(managerId, 'callsGaveFeedback', at);
      add(host, 'callsReceivedFeedback', at);
      if (hash01(call.id, 'feedback-marked') < 0.5) {
        add(managerId, 'callsMarkedAsFeedbackGiven', at);
        add(host, 'callsMarkedAsFeedbackReceived', at);
      }
    }
  }
  const review = scorecardReview(world, call);
  if (review?.reviewerUserId) {
    add(review.reviewerUserId, 'callsScorecardsFilled', review.reviewTime);
    add(host, 'callsScorecardsReceived', review.reviewTime);
  }
  return out;
}

/**
 * All activities with `from <= at < to` that already happened at `now`. Calls are scanned with a
 * margin because listening and reviews happen up to a few days after the call.
 */
export function activitiesBetween(world: World, from: number, to: number, now: number): Activity[] {
  const out: Activity[] = [];
  const margin = 8 * 24 * HOUR;
  for (const call of world.calls) {
    const start = Date.parse(call.started);
    if (start >= to || start < from - margin) continue;
    for (const a of callActivities(world, call)) if (a.at >= from && a.at < to && a.at <= now) out.push(a);
  }
  return out;
}

/** Users in a stable order (as GET /v2/users lists them) for per-user answers. */
export function usersInOrder(world: World, ids: ReadonlySet<string>): LgUser[] {
  return world.users.filter(u => ids.has(u.id));
}
