/**
 * Permission profiles: list per workspace, read one, create, partially update, and the users holding
 * one. The core model keeps only id/name/workspace/description; the full Gong-shaped profile (access
 * levels and the ~45 booleans) lives here, derived from the profile's name on first use, and created
 * profiles are added to `world.permissionProfiles` too so other routes see them.
 */

import type { RouteDef } from '../contract';
import type { World } from '../model';
import {
  badRequest, bodyObject, checkEnum, fullName, hash01, isRecord, optString, perWorld, reqQuery, reqString,
} from '../extra/util';
import { textOf } from '../../shared/textOf';

const LEVELS = ['all', 'managers-team', 'report-to-them', 'own', 'none'] as const;
const FOLDER_LEVELS = ['none', 'all', 'specific-folders'] as const;
const ACCESS_KEYS = ['callsAccess', 'dealsAccess', 'coachingAccess', 'insightsAccess', 'usageAccess', 'emailsAccess'] as const;
const FORECAST_KEYS = ['forecastAccess', 'forecastEditSubmissions', 'forecastEditTargets'] as const;
const FOLDER_BOOLEANS = ['managePublicFolder', 'manageStreams', 'manageFolderCalls', 'shareFoldersAndStreams'] as const;
const BOOLEANS = [
  'scoreCalls', 'overrideScore', 'downloadCallMedia', 'shareCallsWithCustomers', 'manuallyScheduleAndUploadCalls', 'privateCalls',
  'deleteCalls', 'trimCalls', 'listenInCalls', 'deleteEmails', 'callsAndSearch', 'library', 'deals', 'createEditAndDeleteDealsBoards',
  'dealsInlineEditing', 'account', 'coaching', 'usage', 'teamStats', 'initiatives', 'market', 'activity', 'forecast', 'forecastManage',
  'engageManageCompanyTemplates', 'engageManageCompanySequences', 'engageCreateAndManageRulesets', 'engageSnoozeFlowToDosForOthers',
  'engageAllowCrmFieldsViewChange', 'viewEngageAnalyticsActivity', 'viewEngageAnalyticsPerformance', 'viewEngageAnalyticsFlows',
  'manageGeneralBusinessSettings', 'manageScorecards', 'exportCallsAndCoachingDataToCSV', 'crmDataInlineEditing', 'crmDataImport',
  'viewRevenueAnalytics', 'manageRevenueAnalytics', 'engageReassignFlowToDosToOthers', 'engageAssignFlowToDosToOthers',
  'dealsDataExport', 'aiBuilder', 'orchestrateCreateAndManagePlays',
] as const;

type Profile = Record<string, unknown>;

interface PermissionsState { full: Map<string, Profile> }
const stateOf = perWorld<PermissionsState>(() => ({ full: new Map() }));

const access = (permissionLevel: string, teamLeadIds: string[] | null = null): Record<string, unknown> => ({ permissionLevel, teamLeadIds });

/** A plausible full profile for a core profile, by how senior its name sounds. */
function derive(world: World, base: World['permissionProfiles'][number]): Profile {
  const name = base.name.toLowerCase();
  const admin = /admin|vp|exec|ops/.test(name);
  const manager = admin || /manag|lead|director/.test(name);
  const level = admin ? 'all' : manager ? 'managers-team' : 'own';
  const leads = manager && !admin ? world.users.filter(u => u.permissionProfileId === base.id).map(u => u.id).slice(0, 3) : null;
  const p: Profile = { id: base.id, name: base.name, description: base.description };
  for (const k of ACCESS_KEYS) p[k] = access(k === 'usageAccess' && !manager ? 'none' : level, k === 'callsAccess' ? leads : null);
  p.forecastPermissions = {
    forecastAccess: access(level),
    forecastEditSubmissions: access(manager ? level : 'own'),
    forecastEditTargets: access(admin ? 'all' : 'none'),
  };
  p.libraryFolderAccess = {
    permissionLevel: admin ? 'all' : 'specific-folders',
    libraryFolderIds: admin ? null : world.libraryFolders.slice(0, 2).map(f => f.id),
    managePublicFolder: admin, manageStreams: manager, manageFolderCalls: manager, shareFoldersAndStreams: true,
  };
  for (const b of BOOLEANS) p[b] = admin ? true : hash01(base.id, b) < (manager ? 0.6 : 0.3);
  // Live answers carried null for the newest flag.
  p.orchestrateCreateAndManagePlays = null;
  return p;
}

function fullProfile(world: World, id: string): Profile | undefined {
  const state = stateOf(world);
  const known = state.full.get(id);
  if (known) return known;
  const base = world.permissionProfiles.find(p => p.id === id);
  if (!base) return undefined;
  const p = derive(world, base);
  state.full.set(id, p);
  return p;
}

function readAccess(value: unknown, path: string, previous: unknown): Record<string, unknown> {
  if (!isRecord(value)) badRequest(`${path} must be an object {permissionLevel, teamLeadIds}`);
  const prev = isRecord(previous) ? previous : access('none');
  const level = value.permissionLevel === undefined ? textOf(prev.permissionLevel, 'none') : checkEnum(textOf(value.permissionLevel), LEVELS, `${path}.permissionLevel`);
  let leads: unknown = value.teamLeadIds === undefined ? prev.teamLeadIds ?? null : value.teamLeadIds;
  if (leads !== null && (!Array.isArray(leads) || leads.some(x => typeof x !== 'string'))) badRequest(`${path}.teamLeadIds must be an array of user ids or null`);
  if (Array.isArray(leads)) leads = [...(leads as unknown[])];
  return { permissionLevel: level, teamLeadIds: leads };
}

/**
 * Applies a request body to a profile: create starts from "nothing granted" (omitted booleans false,
 * omitted access `none`, as Gong answered live), update merges into the current values.
 */
function apply(body: Record<string, unknown>, base: Profile | undefined, id: string): Profile {
  const p: Profile = base ? { ...base } : { id, name: '', description: '' };
  p.id = id; // Gong ignores an id sent in the body.
  const name = optString(body, 'name');
  if (name !== undefined) p.name = name;
  if (typeof p.name !== 'string' || p.name.trim() === '') badRequest('name is required');
  const description = optString(body, 'description');
  if (description !== undefined) p.description = description;
  for (const k of ACCESS_KEYS) {
    p[k] = body[k] === undefined || body[k] === null ? (base ? p[k] : access('none')) : readAccess(body[k], k, base?.[k]);
  }
  const fpIn = body.forecastPermissions;
  const fpPrev = isRecord(p.forecastPermissions) ? p.forecastPermissions : {};
  if (fpIn !== undefined && fpIn !== null && !isRecord(fpIn)) badRequest('forecastPermissions must be an object');
  const fp: Record<string, unknown> = {};
  for (const k of FORECAST_KEYS) {
    const v = isRecord(fpIn) ? fpIn[k] : undefined;
    fp[k] = v === undefined || v === null ? (base ? fpPrev[k] ?? access('none') : access('none')) : readAccess(v, `forecastPermissions.${k}`, fpPrev[k]);
  }
  p.forecastPermissions = fp;
  const lfIn = body.libraryFolderAccess;
  const lfPrev = base && isRecord(p.libraryFolderAccess) ? p.libraryFolderAccess : {
    permissionLevel: 'none', libraryFolderIds: null, managePublicFolder: false, manageStreams: false, manageFolderCalls: false, shareFoldersAndStreams: false,
  };
  if (lfIn !== undefined && lfIn !== null) {
    if (!isRecord(lfIn)) badRequest('libraryFolderAccess must be an object');
    const lf: Record<string, unknown> = { ...lfPrev };
    if (lfIn.permissionLevel === undefined) badRequest('libraryFolderAccess.permissionLevel is required');
    lf.permissionLevel = checkEnum(textOf(lfIn.permissionLevel), FOLDER_LEVELS, 'libraryFolderAccess.permissionLevel');
    if (lfIn.libraryFolderIds !== undefined) {
      const ids = lfIn.libraryFolderIds;
      if (ids !== null && (!Array.isArray(ids) || ids.some(x => typeof x !== 'string'))) badRequest('libraryFolderAccess.libraryFolderIds must be an array of folder ids or null');
      lf.libraryFolderIds = ids;
    }
    for (const b of FOLDER_BOOLEANS) {
      if (lfIn[b] === undefined) continue;
      if (typeof lfIn[b] !== 'boolean') badRequest(`libraryFolderAccess.${b} must be a boolean`);
      lf[b] = lfIn[b];
    }
    p.libraryFolderAccess = lf;
  } else {
    p.libraryFolderAccess = lfPrev;
  }
  for (const b of BOOLEANS) {
    const v = body[b];
    if (v === undefined || v === null) {
      if (!base) p[b] = false;
      continue;
    }
    if (typeof v !== 'boolean') badRequest(`${b} must be a boolean`);
    p[b] = v;
  }
  return p;
}

function workspaceParam(world: World, raw: string): string {
  if (!world.workspaces.some(w => w.id === raw)) badRequest(`workspaceId ${raw} is not a workspace of this company`);
  return raw;
}

function profileParam(world: World, raw: string): Profile {
  const p = fullProfile(world, raw);
  // Live: an unknown profile id answered 400 "Bad request".
  if (!p) badRequest('Bad request');
  return p;
}

export const routes: RouteDef[] = [
  {
    method: 'GET', path: '/v2/all-permission-profiles', scope: 'api:permission-profile:read',
    handler: (req, ctx) => {
      const world = ctx.world;
      const ws = workspaceParam(world, reqQuery(req.query, 'workspaceId'));
      const profiles = world.permissionProfiles
        .filter(p => p.workspaceId === ws)
        .map(p => fullProfile(world, p.id))
        .filter((p): p is Profile => p !== undefined)
        .sort((a, b) => String(a.name).localeCompare(String(b.name)));
      return { body: { profiles } };
    },
  },
  {
    method: 'GET', path: '/v2/permission-profile', scope: 'api:permission-profile:read',
    handler: (req, ctx) => ({ body: { profile: profileParam(ctx.world, reqQuery(req.query, 'profileId')) } }),
  },
  {
    method: 'POST', path: '/v2/permission-profile', scope: 'api:permission-profile:write',
    handler: (req, ctx) => {
      const world = ctx.world;
      const ws = workspaceParam(world, reqQuery(req.query, 'workspaceId'));
      const body = bodyObject(req.body);
      const name = reqString(body, 'name');
      if (world.permissionProfiles.some(p => p.workspaceId === ws && p.name.toLowerCase() === name.toLowerCase())) {
        badRequest(`A permission profile named '${name}' already exists in workspace ${ws}`);
      }
      const id = ctx.newId();
      const profile = apply(body, undefined, id);
      world.permissionProfiles.push({ id, name: String(profile.name), workspaceId: ws, description: textOf(profile.description) });
      stateOf(world).full.set(id, profile);
      return { body: { profile } };
    },
  },
  {
    method: 'PUT', path: '/v2/permission-profile', scope: 'api:permission-profile:write',
    handler: (req, ctx) => {
      const world = ctx.world;
      const id = reqQuery(req.query, 'profileId');
      const current = profileParam(world, id);
      const profile = apply(bodyObject(req.body), current, id);
      stateOf(world).full.set(id, profile);
      const base = world.permissionProfiles.find(p => p.id === id);
      if (base) {
        base.name = String(profile.name);
        base.description = textOf(profile.description);
      }
      return { body: { profile } };
    },
  },
  {
    method: 'GET', path: '/v2/permission-profile/users', scope: 'api:users:read',
    handler: (req, ctx) => {
      const world = ctx.world;
      const id = reqQuery(req.query, 'profileId');
      profileParam(world, id);
      const users = world.users.filter(u => u.permissionProfileId === id).map(u => ({ id: u.id, fullName: fullName(u), emailAddress: u.emailAddress }));
      return { body: { users } };
    },
  },
];
