/** Company settings: workspaces, keyword trackers, scorecards and dialer call outcomes. */

import type { LocalRequest, RouteContext, RouteDef } from '../contract';
import { LocalHttpError } from '../contract';
import { idString } from '../validate';

function workspaces(_req: LocalRequest, ctx: RouteContext): { body: Record<string, unknown> } {
  return { body: { workspaces: ctx.world.workspaces.map(w => ({ id: w.id, name: w.name, description: w.description })) } };
}

function trackers(req: LocalRequest, ctx: RouteContext): { body: Record<string, unknown> } {
  const raw = req.query.get('workspaceId');
  if (raw === null || raw === '') return { body: { keywordTrackers: ctx.world.trackers } };
  const ws = idString(raw, 'workspaceId');
  if (!ctx.world.workspaces.some(w => w.id === ws)) throw new LocalHttpError(404, [`Workspace ${ws} was not found`]);
  return { body: { keywordTrackers: ctx.world.trackers.filter(t => t.workspaceId === ws) } };
}

function scorecards(_req: LocalRequest, ctx: RouteContext): { body: Record<string, unknown> } {
  if (ctx.world.scorecards.length === 0) throw new LocalHttpError(404, ['No scorecards found']);
  return { body: { scorecards: ctx.world.scorecards } };
}

function callOutcomes(_req: LocalRequest, ctx: RouteContext): { body: Record<string, unknown> } {
  return { body: { outcomes: ctx.world.callOutcomes } };
}

export const routes: RouteDef[] = [
  { method: 'GET', path: '/v2/workspaces', scope: 'api:workspaces:read', handler: workspaces },
  { method: 'GET', path: '/v2/settings/trackers', scope: 'api:settings:trackers:read', handler: trackers },
  { method: 'GET', path: '/v2/settings/scorecards', scope: 'api:settings:scorecards:read', handler: scorecards },
  { method: 'GET', path: '/v2/call-outcomes', scope: 'api:call-outcomes:read', handler: callOutcomes },
];
