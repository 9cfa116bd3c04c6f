/**
 * Test support for the secondary route modules: a small hand-made World, a RouteContext with Gong's
 * paging contract, and a `call()` that dispatches like the server (template match, scope kept,
 * LocalHttpError turned into the error envelope). When the server core is available the same
 * tests can run over HTTP through `httpApi()`.
 */

import { LocalHttpError } from '../../../src/localGong/contract';
import type { LocalRequest, RouteContext, RouteDef } from '../../../src/localGong/contract';
import type { LgCall, LgParty, LgUser, World } from '../../../src/localGong/model';
import type { HttpMethod } from '../../../src/gong/types';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gongId, mulberry32, streamRng } from '../../../src/localGong/ids';
import { routes as statsRoutes } from '../../../src/localGong/routes/stats';
import { routes as coachingRoutes } from '../../../src/localGong/routes/coaching';
import { routes as logsRoutes } from '../../../src/localGong/routes/logs';
import { routes as meetingsRoutes } from '../../../src/localGong/routes/meetings';
import { routes as flowsRoutes } from '../../../src/localGong/routes/flows';
import { routes as tasksRoutes } from '../../../src/localGong/routes/tasks';
import { routes as permissionsRoutes } from '../../../src/localGong/routes/permissions';
import { routes as dataPrivacyRoutes } from '../../../src/localGong/routes/dataPrivacy';
import { routes as crmRoutes } from '../../../src/localGong/routes/crm';
import { routes as engagementRoutes } from '../../../src/localGong/routes/engagement';
import { SAMPLE_RESPONSES_DIR } from '../reference';

export const NOW = new Date('2025-06-15T18:00:00Z');
const TZ = 'America/Los_Angeles';

/** A 19-digit id as the local Gong hands out for new objects. */
function id(r: () => number): string {
  return gongId(r, 19);
}

function pacific(ms: number): string {
  // June/May in Los Angeles: -07:00; the fixture stays inside daylight time.
  return new Date(ms - 7 * 3600000).toISOString().slice(0, 19) + '-07:00';
}

/** A World with 2 workspaces, 8 users (1 VP, 2 managers, 5 reps), 80 calls over the 60 days before NOW. */
export function makeWorld(seed = 7): World {
  const r = mulberry32(seed);
  const ws = [
    { id: id(r), name: 'Sales', description: 'Sales team' },
    { id: id(r), name: 'Success', description: 'Customer success' },
  ];
  const profiles = [
    { id: id(r), name: 'Sales Rep', workspaceId: ws[0]!.id, description: 'Reps' },
    { id: id(r), name: 'Manager', workspaceId: ws[0]!.id, description: 'Managers' },
    { id: id(r), name: 'Admin', workspaceId: ws[0]!.id, description: 'Admins' },
    { id: id(r), name: 'CSM', workspaceId: ws[1]!.id, description: 'Success' },
  ];
  const names = [
    ['Vera', 'Lind', 'VP Sales'], ['Daniel', 'Reyes', 'Sales Manager'], ['Ana', 'Kim', 'Sales Manager'],
    ['Maya', 'Okafor', 'Account Executive'], ['Tom', 'Berg', 'Account Executive'], ['Lea', 'Moss', 'SDR'],
    ['Ivo', 'Petrov', 'Account Executive'], ['Sam', 'Hale', 'SDR'],
  ] as const;
  const users: LgUser[] = names.map(([first, last, title], i) => ({
    id: id(r),
    emailAddress: `${first.toLowerCase()}.${last.toLowerCase()}@northwind.example`,
    firstName: first, lastName: last, title,
    phoneNumber: `+1 206-555-01${String(10 + i)}`,
    managerId: null,
    active: i !== 7,
    created: pacific(NOW.getTime() - 400 * 86400000),
    workspaceIds: [ws[0]!.id],
    permissionProfileId: i === 0 ? profiles[2]!.id : i < 3 ? profiles[1]!.id : profiles[0]!.id,
  }));
  users[1]!.managerId = users[0]!.id;
  users[2]!.managerId = users[0]!.id;
  for (const i of [3, 4, 5]) users[i]!.managerId = users[1]!.id;
  for (const i of [6, 7]) users[i]!.managerId = users[2]!.id;
  const externals = Array.from({ length: 12 }, (_, i) => ({
    name: `Guest ${i}`, email: `guest${i}@contoso.example`, phone: `+44 20 7946 0${String(100 + i)}`,
  }));
  const calls: LgCall[] = [];
  for (let i = 0; i < 80; i++) {
    const host = users[3 + (i % 5)]!;
    const startMs = NOW.getTime() - Math.floor(r() * 60 * 86400000) - 3600000;
    const ext = externals[i % externals.length]!;
    const parties: LgParty[] = [
      { id: id(r), emailAddress: host.emailAddress, name: `${host.firstName} ${host.lastName}`, userId: host.id, speakerId: id(r), affiliation: 'Internal', methods: ['Invitee'] },
      { id: id(r), emailAddress: ext.email, name: ext.name, speakerId: id(r), affiliation: 'External', phoneNumber: ext.phone, methods: ['Invitee'] },
    ];
    const mgr = users.find(u => u.id === host.managerId);
    if (mgr && i % 3 === 0) parties.push({ id: id(r), emailAddress: mgr.emailAddress, name: `${mgr.firstName} ${mgr.lastName}`, userId: mgr.id, speakerId: id(r), affiliation: 'Internal', methods: ['Invitee'] });
    const callId = id(r);
    calls.push({
      id: callId, workspaceId: ws[0]!.id, primaryUserId: host.id, title: `Call ${i}`,
      scheduled: pacific(startMs), started: pacific(startMs), duration: 600 + Math.floor(r() * 3000),
      direction: 'Conference', scope: 'External', system: 'Zoom', media: 'Video', language: 'eng', isPrivate: false,
      url: `https://app.gong.io/call?id=${callId}`, meetingUrl: 'https://zoom.us/j/1', purpose: null, clientUniqueId: null, customData: null,
      parties, accessUserIds: [], extensive: {}, transcript: () => [],
    });
  }
  calls.sort((a, b) => Date.parse(b.started) - Date.parse(a.started));
  const scorecards = [{
    scorecardId: id(r), scorecardName: 'Discovery review', workspaceId: ws[0]!.id, enabled: true, reviewMethod: 'MANUAL',
    questions: [
      { questionId: id(r), questionRevisionId: id(r), questionText: 'Buying process?', isOverall: false, questionType: 'RANGE', minRange: '1', maxRange: '5', answerOptions: [] },
      { questionId: id(r), questionRevisionId: id(r), questionText: 'Topics?', isOverall: false, questionType: 'MULTIPLE_CHOICE', minRange: null, maxRange: null, answerOptions: [{ id: '1', text: 'Budget' }, { id: '2', text: 'Timeline' }] },
      { questionId: id(r), questionRevisionId: id(r), questionText: 'Overall', isOverall: true, questionType: 'RANGE', minRange: '1', maxRange: '5', answerOptions: [] },
    ],
  }];
  return {
    seed, timeZone: TZ, generatedAt: NOW, workspaces: ws, users, usersById: new Map(users.map(u => [u.id, u])),
    calls, callsById: new Map(calls.map(c => [c.id, c])), trackers: [], scorecards, callOutcomes: [], libraryFolders: [],
    permissionProfiles: profiles, erasedEmails: new Set(), erasedPhones: new Set(),
    rng: (stream: string) => streamRng(seed, `route:${stream}`),
  };
}

/** A RouteContext with the paging contract (100 a page, cursor bound to the request) for direct handler calls. */
export function makeCtx(world: World, now = NOW): RouteContext {
  const r = mulberry32(world.seed + 99);
  return {
    world,
    now: () => new Date(now.getTime()),
    newId: () => id(r),
    page<T>(req: LocalRequest, items: readonly T[]) {
      const key = requestKey(req);
      const cursor = req.method === 'GET' ? req.query.get('cursor') : (req.body as Record<string, unknown> | undefined)?.cursor;
      let pageNo = 0;
      if (typeof cursor === 'string' && cursor !== '') {
        const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
        if (parts[1] !== key) throw new LocalHttpError(400, ['cursor does not match the request']);
        pageNo = Number(parts[0]);
      }
      const slice = items.slice(pageNo * 100, pageNo * 100 + 100);
      const more = items.length > (pageNo + 1) * 100;
      return {
        items: slice,
        records: {
          totalRecords: items.length, currentPageSize: slice.length, currentPageNumber: pageNo,
          ...(more ? { cursor: Buffer.from(`${pageNo + 1}|${key}`).toString('base64url') } : {}),
        },
      };
    },
  };
}

function requestKey(req: LocalRequest): string {
  const q = new URLSearchParams(req.query);
  q.delete('cursor');
  let body = req.body;
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const { cursor: _c, ...rest } = body as Record<string, unknown>;
    body = rest;
  }
  return `${req.method} ${req.path} ${q.toString()} ${JSON.stringify(body ?? null)}`;
}

export interface ApiResponse { status: number; body: Record<string, unknown> }

export interface CallOptions {
  body?: unknown;
  multipart?: LocalRequest['multipart'];
  /** Send no body at all (GET /v2/crm/entities 415). */
  noBody?: boolean;
}

/** Dispatches `METHOD /path?query` to the matching route like the server does, without HTTP. */
export function directApi(routes: readonly RouteDef[], ctx: RouteContext) {
  return async (method: HttpMethod, url: string, opts: CallOptions = {}): Promise<ApiResponse & { route: RouteDef }> => {
    const u = new URL(url, 'http://127.0.0.1');
    for (const route of routes) {
      if (route.method !== method) continue;
      const params = matchPath(route.path, u.pathname);
      if (!params) continue;
      const hasBody = opts.body !== undefined && !opts.noBody;
      const req: LocalRequest = {
        method, path: u.pathname, params, query: u.searchParams, body: hasBody ? JSON.parse(JSON.stringify(opts.body)) : undefined,
        hasBody: hasBody || opts.multipart !== undefined, contentType: opts.multipart ? 'multipart/form-data' : hasBody ? 'application/json' : undefined,
        ...(opts.multipart ? { multipart: opts.multipart } : {}),
      };
      try {
        const res = await route.handler(req, ctx);
        return { status: res.status ?? 200, body: { requestId: 'test', ...(res.body ?? {}) }, route };
      } catch (e) {
        if (e instanceof LocalHttpError) return { status: e.status, body: { requestId: 'test', errors: e.errors, ...e.extra }, route };
        throw e;
      }
    }
    throw new Error(`no route for ${method} ${u.pathname}`);
  };
}

function matchPath(template: string, path: string): Record<string, string> | undefined {
  const t = template.split('/');
  const p = path.split('/');
  if (t.length !== p.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < t.length; i++) {
    const seg = t[i]!;
    if (seg.startsWith(':')) params[seg.slice(1)] = decodeURIComponent(p[i]!);
    else if (seg !== p[i]) return undefined;
  }
  return params;
}

/** First error message of an error envelope. */
export function firstError(body: Record<string, unknown>): string {
  const errors = body.errors;
  return Array.isArray(errors) && typeof errors[0] === 'string' ? errors[0] : '';
}

/** Top-level keys of a sample response (minus requestId), for shape checks. */
export function keysOf(value: unknown): string[] {
  return value && typeof value === 'object' ? Object.keys(value).filter(k => k !== 'requestId').sort() : [];
}

export const SAMPLES = SAMPLE_RESPONSES_DIR;


/** The route modules these tests cover. */
export const secondaryRoutes: RouteDef[] = [
  ...statsRoutes, ...coachingRoutes, ...logsRoutes, ...meetingsRoutes, ...flowsRoutes, ...tasksRoutes,
  ...permissionsRoutes, ...dataPrivacyRoutes, ...crmRoutes, ...engagementRoutes,
];

/** A fresh world, context and dispatcher. */
export function setup(seed = 7, now = NOW) {
  const world = makeWorld(seed);
  const ctx = makeCtx(world, now);
  return { world, ctx, api: directApi(secondaryRoutes, ctx) };
}

/** A sample response from the shared reference, or undefined when the reference is not on this machine. */
export function sample(name: string): Record<string, unknown> | undefined {
  const dir = process.env.GONG_SAMPLES ?? SAMPLES;
  const file = join(dir, name);
  if (!existsSync(file)) return undefined;
  // Samples contain bare 19-digit numbers (integrationId, task ids); only key sets are compared.
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

/** Asserts that `actual` has every key `expected` has, recursively through the first element of arrays. */
export function sameShape(actual: unknown, expected: unknown, path = '$'): string[] {
  const problems: string[] = [];
  if (expected === null || actual === null || typeof expected !== 'object') return problems;
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path} should be an array`];
    if (expected.length > 0 && actual.length > 0) problems.push(...sameShape(actual[0], expected[0], `${path}[0]`));
    return problems;
  }
  if (typeof actual !== 'object' || Array.isArray(actual)) return [`${path} should be an object`];
  for (const [k, v] of Object.entries(expected as Record<string, unknown>)) {
    if (k === 'requestId') continue;
    // Free-form maps keyed by data (metric names, CRM ids, object types) are not part of the shape.
    if (['metrics', 'crmObjectsMap', 'objectTypeToSelectedFields', 'logRecord'].includes(k)) {
      if (!(k in (actual as Record<string, unknown>))) problems.push(`${path}.${k} missing`);
      continue;
    }
    if (!(k in (actual as Record<string, unknown>))) { problems.push(`${path}.${k} missing`); continue; }
    problems.push(...sameShape((actual as Record<string, unknown>)[k], v, `${path}.${k}`));
  }
  return problems;
}
