/**
 * GET /v2/logs: audit logs by type and time range. Entries are derived, not stored: call plays come
 * from the shared activity derivation (the same listens the stats count), external shares from the
 * externally shared calls, logins and settings changes from per-user-day hashes. Event times are UTC
 * with milliseconds, as Gong's logs are.
 */

import type { RouteDef } from '../contract';
import { LocalHttpError } from '../contract';
import type { World } from '../model';
import { activitiesBetween } from '../extra/activity';
import { badRequest, checkEnum, fullName, hash01, hashId, hashInt, parseDateTime, pick, reqQuery } from '../extra/util';

const LOG_TYPES = ['AccessLog', 'UserActivityLog', 'UserCallPlay', 'ExternallySharedCallAccess', 'ExternallySharedCallPlay'] as const;
type LogType = (typeof LOG_TYPES)[number];

const DAY = 86400000;
/** Logs reach back as far as the generated data does. */
const HISTORY_DAYS = 130;

interface LogEntry { at: number; entry: Record<string, unknown> }

const SETTINGS = [
  ['settings.keyword_tracker', '/settings/trackers/save', 'trackers'],
  ['settings.scorecard', '/settings/scorecards/save', 'scorecards'],
  ['users.user_settings', '/company/users/update', 'company/users'],
  ['library.folder', '/library/folders/save', 'library'],
] as const;

function clientIp(userId: string): string {
  return `198.51.100.${hashInt(2, 250, userId, 'ip')}`;
}

function userFields(world: World, userId: string): Record<string, unknown> {
  const u = world.usersById.get(userId);
  return u ? { userId: u.id, userEmailAddress: u.emailAddress, userFullName: fullName(u) } : { userId };
}

function entriesOf(world: World, type: LogType, from: number, to: number, now: number): LogEntry[] {
  const out: LogEntry[] = [];
  const iso = (ms: number): string => new Date(ms).toISOString();
  if (type === 'UserCallPlay' || type === 'ExternallySharedCallAccess' || type === 'ExternallySharedCallPlay') {
    for (const a of activitiesBetween(world, from, to, now)) {
      if (type === 'UserCallPlay' && (a.counter === 'ownCallsListenedTo' || a.counter === 'othersCallsListenedTo')) {
        out.push({ at: a.at, entry: { ...userFields(world, a.userId), eventTime: iso(a.at), logRecord: { callId: a.callId, playbackSource: 'CallPage', clientIp: clientIp(a.userId) } } });
      }
      if (a.counter === 'callsSharedExternally' && type !== 'UserCallPlay') {
        const call = world.callsById.get(a.callId);
        const guest = call?.parties.find(p => p.affiliation === 'External' && p.emailAddress);
        const at = type === 'ExternallySharedCallAccess' ? a.at + hashInt(1, 5, a.callId, 'ext-open') * 3600000 : a.at + hashInt(6, 9, a.callId, 'ext-play') * 3600000;
        if (at >= to || at > now) continue;
        out.push({
          at,
          entry: {
            ...userFields(world, a.userId), eventTime: iso(at),
            logRecord: { callId: a.callId, sharedByUserId: a.userId, accessedByEmailAddress: guest?.emailAddress ?? null, shareId: hashId(a.callId, 'share') },
          },
        });
      }
    }
  } else {
    const first = Math.max(from, world.generatedAt.getTime() - HISTORY_DAYS * DAY);
    const last = Math.min(to, now);
    for (let day = Math.floor(first / DAY) * DAY; day < last; day += DAY) {
      const dayKey = String(day / DAY);
      for (const u of world.users) {
        if (!u.active) continue;
        if (type === 'AccessLog') {
          if (hash01(u.id, dayKey, 'login') >= 0.6) continue;
          const at = day + hashInt(13, 23, u.id, dayKey, 'login-h') * 3600000 + hashInt(0, 3599999, u.id, dayKey, 'login-ms');
          if (at < from || at >= last) continue;
          out.push({ at, entry: { ...userFields(world, u.id), eventTime: iso(at), logRecord: { action: 'LOGIN', clientIp: clientIp(u.id), userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)' } } });
        } else {
          if (hash01(u.id, dayKey, 'settings') >= 0.08) continue;
          const at = day + hashInt(14, 23, u.id, dayKey, 'set-h') * 3600000 + hashInt(0, 3599999, u.id, dayKey, 'set-ms');
          if (at < from || at >= last) continue;
          const [table, endpoint, page] = pick(SETTINGS, hash01(u.id, dayKey, 'set-kind'));
          out.push({
            at,
            entry: {
              ...userFields(world, u.id), eventTime: iso(at),
              logRecord: {
                auditId: hashId(u.id, dayKey, 'audit'),
                tableChanges: [{ preSnapshotTimestamp: iso(at - 49), postSnapshotTimestamp: iso(at - 2), rowChanges: [], tableName: table }],
                customData: [{ key: 'user-title', values: [u.title] }],
                remoteCallsAuditData: [],
                action: null,
                httpRequest: { referrerUri: `https://app.gong.io/settings/${page}`, clientIp: clientIp(u.id), verb: 'POST', endpointUri: endpoint, body: null, parameters: [] },
                workspaceId: u.workspaceIds[0] ?? null,
              },
            },
          });
        }
      }
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

export const routes: RouteDef[] = [
  {
    method: 'GET', path: '/v2/logs', scope: 'api:logs:read',
    handler: (req, ctx) => {
      const type = checkEnum(reqQuery(req.query, 'logType'), LOG_TYPES, 'logType');
      const from = parseDateTime(reqQuery(req.query, 'fromDateTime'), 'fromDateTime').getTime();
      const toRaw = req.query.get('toDateTime');
      const now = ctx.now().getTime();
      const to = toRaw ? parseDateTime(toRaw, 'toDateTime').getTime() : now;
      if (from >= to) badRequest('fromDateTime must be before toDateTime');
      const entries = entriesOf(ctx.world, type, from, to, now).map(e => e.entry);
      if (entries.length === 0) throw new LocalHttpError(404, ['No logs found for the specified period']);
      const page = ctx.page(req, entries);
      return { body: { records: page.records, logEntries: page.items } };
    },
  },
];
