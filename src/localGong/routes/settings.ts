/**
 * Company settings: workspaces, keyword trackers, scorecards, dialer call outcomes and the origins
 * integrations may be framed from (POST /v2/integration-settings).
 */

import type { LocalRequest, RouteContext, RouteDef } from '../contract';
import { LocalHttpError } from '../contract';
import { idString, isRecord } from '../validate';
import { bareId, perWorld } from '../extra/util';
import { worldExtras } from '../world';

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

const INTEGRATION_TYPES = ['EMAIL_COMPOSER', 'ACCOUNT_PAGES', 'DIALER'] as const;

/** Allowed iFrame origins per integration type, and the id Gong gives the company's settings. */
const originsOf = perWorld(world => ({ integrationId: worldExtras(world).idSource.next19(), origins: new Map<string, Set<string>>() }));

/** An origin is scheme, host and optional port: no path, query or fragment. */
function isOrigin(text: string): boolean {
  try {
    const u = new URL(text);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === text.replace(/\/$/, '');
  } catch {
    return false;
  }
}

function integrationSettings(req: LocalRequest, ctx: RouteContext): { body: Record<string, unknown> } {
  const body = req.body;
  if (!isRecord(body)) throw new LocalHttpError(400, ['Request body must be a JSON object']);
  const list = body.integrationTypeSettings;
  if (!Array.isArray(list) || list.length === 0) throw new LocalHttpError(400, ['integrationTypeSettings is required']);
  const parsed = list.map((item, i) => {
    if (!isRecord(item)) throw new LocalHttpError(400, [`integrationTypeSettings[${i}] must be an object`]);
    const type = item.integrationType;
    if (typeof type !== 'string' || !(INTEGRATION_TYPES as readonly string[]).includes(type)) {
      throw new LocalHttpError(400, [`integrationTypeSettings[${i}].integrationType must be one of ${INTEGRATION_TYPES.join(', ')}`]);
    }
    const origin = item.allowedOrigin;
    if (typeof origin !== 'string' || !isOrigin(origin)) throw new LocalHttpError(400, [`integrationTypeSettings[${i}].allowedOrigin must be an origin such as https://acme.example.com (got ${JSON.stringify(origin)})`]);
    return { type, origin: origin.replace(/\/$/, '') };
  });
  const state = originsOf(ctx.world);
  for (const p of parsed) {
    const set = state.origins.get(p.type) ?? new Set<string>();
    set.add(p.origin);
    state.origins.set(p.type, set);
  }
  return { body: { integrationId: bareId(state.integrationId) } };
}

/** The origins set so far per integration type (for tests). */
export function integrationOriginsOf(ctx: { world: RouteContext['world'] }): Map<string, Set<string>> {
  return originsOf(ctx.world).origins;
}

export const routes: RouteDef[] = [
  { method: 'GET', path: '/v2/workspaces', scope: 'api:workspaces:read', handler: workspaces },
  { method: 'GET', path: '/v2/settings/trackers', scope: 'api:settings:trackers:read', handler: trackers },
  { method: 'GET', path: '/v2/settings/scorecards', scope: 'api:settings:scorecards:read', handler: scorecards },
  { method: 'GET', path: '/v2/call-outcomes', scope: 'api:call-outcomes:read', handler: callOutcomes },
  { method: 'POST', path: '/v2/integration-settings', scope: 'api:integration-settings:write', handler: integrationSettings },
];
