/**
 * GET /v2/coaching: a manager's coaching of their direct reports, read from the same activity
 * derivation as the stats routes (listening, comments, feedback, scorecards on the reports' calls).
 */

import type { RouteDef } from '../contract';
import type { LgUser } from '../model';
import { activitiesBetween } from '../extra/activity';
import type { ActivityCounter } from '../extra/activity';
import { badRequest, parseDateTime, reqQuery } from '../extra/util';

/** Metric names are free-form in Gong's spec; these name the manager's coaching actions. */
const METRICS: Array<[string, ActivityCounter]> = [
  ['callsListened', 'othersCallsListenedTo'],
  ['callsCommentedOn', 'callsCommentsGiven'],
  ['callsGaveFeedback', 'callsGaveFeedback'],
  ['callsScored', 'callsScorecardsFilled'],
  ['callsAttended', 'callsAttended'],
];

function coachingUser(u: LgUser): Record<string, unknown> {
  return { id: u.id, emailAddress: u.emailAddress, firstName: u.firstName, lastName: u.lastName, title: u.title };
}

export const routes: RouteDef[] = [
  {
    method: 'GET', path: '/v2/coaching', scope: 'api:coaching:read',
    handler: (req, ctx) => {
      const world = ctx.world;
      const workspaceId = reqQuery(req.query, 'workspace-id');
      const managerId = reqQuery(req.query, 'manager-id');
      const from = parseDateTime(reqQuery(req.query, 'from'), 'from').getTime();
      const to = parseDateTime(reqQuery(req.query, 'to'), 'to').getTime();
      if (from >= to) badRequest('from must be before to');
      if (!world.workspaces.some(w => w.id === workspaceId)) badRequest(`workspace-id ${workspaceId} is not a workspace of this company`);
      const manager = world.usersById.get(managerId);
      if (!manager) badRequest(`manager-id ${managerId} is not a user of this company`);
      const reports = world.users.filter(u => u.managerId === manager.id && u.workspaceIds.includes(workspaceId));
      const reportIds = new Set(reports.map(r => r.id));
      // Which report a call belongs to: its host.
      const hostOf = new Map<string, string>();
      for (const c of world.calls) if (reportIds.has(c.primaryUserId)) hostOf.set(c.id, c.primaryUserId);
      const metrics = new Map<string, Map<string, Set<string>>>();
      for (const a of activitiesBetween(world, from, to, ctx.now().getTime())) {
        if (a.userId !== manager.id) continue;
        const reportId = hostOf.get(a.callId);
        if (!reportId) continue;
        const metric = METRICS.find(([, counter]) => counter === a.counter)?.[0];
        if (!metric) continue;
        let byMetric = metrics.get(reportId);
        if (!byMetric) metrics.set(reportId, (byMetric = new Map<string, Set<string>>()));
        let calls = byMetric.get(metric);
        if (!calls) byMetric.set(metric, (calls = new Set()));
        calls.add(a.callId);
      }
      return {
        body: {
          coachingData: [{
            manager: coachingUser(manager),
            directReportsMetrics: reports.map(report => ({
              report: coachingUser(report),
              metrics: Object.fromEntries(METRICS.map(([name]) => [name, [...(metrics.get(report.id)?.get(name) ?? [])]])),
            })),
          }],
        },
      };
    },
  },
];
