import type { ActionDef } from '../types';
import { defineAction } from './define';
import { enumOf, gongId, group, idList, isoDate, isoDateTime } from '../fields';

/** The shared stats body: dates are calendar days in the company's time zone, from inclusive, to exclusive. */
function statsFilter() {
  return group({
    fromDate: isoDate('First day, inclusive (company time zone)'),
    toDate: isoDate('Last day, exclusive; not after today'),
    userIds: idList('user', 'Only these users').optional(),
    createdFromDateTime: isoDateTime('Only users created at or after this time').optional(),
    createdToDateTime: isoDateTime('Only users created before this time').optional(),
  }, 'Date range and users');
}

export const statsActions: ActionDef[] = [
  defineAction({
    id: 'stats.activityAggregate',
    aliases: ['GONG_AGGREGATE_USER_ACTIVITY_STATISTICS'],
    title: 'Aggregate user activity',
    description: 'One set of activity counters (calls hosted, feedback, listening, sharing ...) per user over a date range.',
    category: 'Stats', method: 'POST', path: '/v2/stats/activity/aggregate', scope: 'api:stats:user-actions',
    paging: 'body-cursor', readOnly: true, emptyOn404: true, listKey: 'usersAggregateActivityStats',
    shape: () => ({ filter: statsFilter() }),
  }),
  defineAction({
    id: 'stats.activityByPeriod',
    aliases: ['GONG_AGGREGATE_ACTIVITY_BY_PERIOD_VIA_API'],
    title: 'Aggregate user activity by period',
    description: 'Activity counters per user for each day, week, month, quarter or year of a date range.',
    category: 'Stats', method: 'POST', path: '/v2/stats/activity/aggregate-by-period', scope: 'api:stats:user-actions',
    paging: 'body-cursor', readOnly: true, emptyOn404: true, listKey: 'usersAggregateActivity',
    shape: () => ({
      filter: statsFilter(),
      aggregationPeriod: enumOf(['DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR'] as const, 'Length of each period (weeks start on Monday)'),
    }),
  }),
  defineAction({
    id: 'stats.activityDayByDay',
    aliases: ['GONG_POST_DAY_BY_DAY_ACTIVITY_STATS'],
    title: 'Day-by-day user activity',
    description: 'For each user and day, the ids of the calls behind each activity counter.',
    category: 'Stats', method: 'POST', path: '/v2/stats/activity/day-by-day', scope: 'api:stats:user-actions:detailed',
    paging: 'body-cursor', readOnly: true, emptyOn404: true, listKey: 'usersDetailedActivities',
    shape: () => ({ filter: statsFilter() }),
  }),
  defineAction({
    id: 'stats.answeredScorecards',
    aliases: ['GONG_CREATE_ACTIVITY_SCORECARDS_REPORT'],
    title: 'List answered scorecards',
    description: 'Scorecards filled in for calls, with their answers (a read, sent as POST).',
    category: 'Stats', method: 'POST', path: '/v2/stats/activity/scorecards', scope: 'api:stats:scorecards',
    paging: 'body-cursor', readOnly: true, emptyOn404: true, listKey: 'answeredScorecards',
    shape: () => ({
      filter: group({
        callFromDate: isoDate('Calls on or after this day').optional(),
        callToDate: isoDate('Calls before this day').optional(),
        reviewFromDate: isoDate('Reviews on or after this day').optional(),
        reviewToDate: isoDate('Reviews before this day').optional(),
        reviewMethod: enumOf(['AUTOMATIC', 'MANUAL', 'BOTH'] as const, 'Review method (default MANUAL)').optional(),
        reviewedUserIds: idList('user', 'Only scorecards of these reviewed users').optional(),
        scorecardIds: idList('scorecard', 'Only these scorecards').optional(),
      }, 'Which answered scorecards').prefault({}),
    }),
  }),
  defineAction({
    id: 'stats.interaction',
    aliases: ['GONG_GET_INTERACTION_STATISTICS', 'GONG_POST_INTERACTION_FILTER_STATS'],
    title: 'Interaction stats',
    description: 'Per-user interaction statistics (longest monologue, interactivity, patience, question rate) over a date range.',
    category: 'Stats', method: 'POST', path: '/v2/stats/interaction', scope: 'api:stats:interaction',
    paging: 'body-cursor', readOnly: true, emptyOn404: true, listKey: 'peopleInteractionStats',
    shape: () => ({ filter: statsFilter() }),
  }),
];

export const coachingActions: ActionDef[] = [
  defineAction({
    id: 'coaching.metrics',
    aliases: ['GONG_LIST_ALL_COACHING_METRICS_V2_COACHING'],
    title: 'Coaching metrics of a manager',
    description: 'Coaching metrics of a manager\'s direct reports in a time range.',
    category: 'Coaching', method: 'GET', path: '/v2/coaching', scope: 'api:coaching:read', readOnly: true,
    listKey: 'coachingData',
    shape: () => ({
      workspaceId: gongId('workspace', 'Workspace id'),
      managerId: gongId('user', 'User id of the manager'),
      from: isoDateTime('Start of the range'),
      to: isoDateTime('End of the range'),
    }),
    placement: {
      workspaceId: { in: 'query', wireName: 'workspace-id' },
      managerId: { in: 'query', wireName: 'manager-id' },
      from: { in: 'query' },
      to: { in: 'query' },
    },
    inputAliases: { workspace__id: 'workspaceId', manager__id: 'managerId', 'workspace-id': 'workspaceId', 'manager-id': 'managerId' },
  }),
];

export const logActions: ActionDef[] = [
  defineAction({
    id: 'logs.list',
    aliases: ['GONG_RETRIEVE_LOGS_DATA_BY_TYPE_AND_TIME_RANGE_V2_LOGS'],
    title: 'Retrieve audit logs',
    description: 'Log entries of one type (access, user activity, call plays, external shares) in a time range.',
    category: 'Logs', method: 'GET', path: '/v2/logs', scope: 'api:logs:read',
    paging: 'query-cursor', readOnly: true, emptyOn404: true, listKey: 'logEntries',
    shape: () => ({
      logType: enumOf(['AccessLog', 'UserActivityLog', 'UserCallPlay', 'ExternallySharedCallAccess', 'ExternallySharedCallPlay'] as const, 'Type of log'),
      fromDateTime: isoDateTime('Entries at or after this time'),
      toDateTime: isoDateTime('Entries before this time (now when omitted)').optional(),
    }),
    placement: { logType: { in: 'query' }, fromDateTime: { in: 'query' }, toDateTime: { in: 'query' } },
  }),
];
