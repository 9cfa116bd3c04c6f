/**
 * /v2/flows*: Gong Engage flows, flow folders, prospects' flow instances, assigning and unassigning.
 * The Engage state (folders, flows, CRM prospects, flow instances) is generated once per world from
 * `world.rng('flows')` and the world's users, then changed by the write routes. The tasks route
 * reads the same state (`flowsStateOf`).
 */

import type { LocalRequest, RouteContext, RouteDef, RouteResult } from '../contract';
import { LocalHttpError } from '../contract';
import type { LgUser, World } from '../model';
import {
  badRequest, bodyObject, fullName, isEmail, isRecord, optBoolean, optObject, optString, optStringArray,
  perWorld, reqQuery, reqString, reqStringArray, zoned,
} from '../extra/util';
import { textOf } from '../../shared/textOf';

export type FlowVisibility = 'Company' | 'Personal' | 'Shared';
export type InstanceStatus = 'Pending' | 'Running' | 'Paused' | 'FinishedNoReply' | 'FinishedResponse' | 'Finished';
const OPEN: readonly InstanceStatus[] = ['Pending', 'Running', 'Paused'];

export interface LgFlowFolder { id: string; name: string; parentFolderId: string | null; createdById: string | null; visibility: FlowVisibility; workspaceId: string; ownerId: string | null }
export interface LgFlowStep { id: string; name: string; stepNumber: number; kind: 'EMAIL' | 'CALL' | 'LINKEDIN' }
export interface LgFlow {
  id: string; name: string; folderId: string; visibility: FlowVisibility; creationDate: string; exclusive: boolean;
  workspaceId: string; ownerId: string | null; sharedWith: string[]; steps: LgFlowStep[];
}
export interface LgProspect {
  crmId: string; type: 'CONTACT' | 'LEAD'; firstName: string; lastName: string; emailAddress: string; title: string;
  companyName: string; accountCrmId: string; phoneNumber: string; city: string; state: string; country: string; timezone: string;
}
export interface LgFlowInstance {
  id: string; flowId: string; crmProspectId: string; ownerId: string; created: number; status: InstanceStatus;
  currentStep: number; description: string | null;
}
export interface FlowsState {
  folders: LgFlowFolder[];
  flows: LgFlow[];
  flowsById: Map<string, LgFlow>;
  prospects: Map<string, LgProspect>;
  instances: LgFlowInstance[];
}

const FIRST = ['Priya', 'Jonas', 'Amara', 'Luis', 'Mei', 'Oren', 'Fatima', 'Greg', 'Sofia', 'Kwame', 'Elena', 'Ravi', 'Nina', 'Theo', 'Hana', 'Marco'];
const LAST = ['Nair', 'Weber', 'Diallo', 'Ortega', 'Chen', 'Levi', 'Haddad', 'Olsen', 'Rossi', 'Mensah', 'Novak', 'Iyer', 'Berg', 'Laurent', 'Sato', 'Bianchi'];
const COMPANIES = ['Contoso Freight', 'Fabrikam Health', 'Tailspin Toys', 'Wingtip Energy', 'Litware Labs', 'Adatum Bank', 'Proseware', 'Fourth Coffee'];
const TITLES = ['VP Operations', 'Head of IT', 'CFO', 'Procurement Lead', 'Director of Sales', 'CTO', 'Operations Manager'];
const CITIES: Array<[string, string, string, string]> = [
  ['Seattle', 'Washington', 'US', 'US/Pacific'], ['Austin', 'Texas', 'US', 'US/Central'], ['Boston', 'Massachusetts', 'US', 'US/Eastern'],
  ['London', '', 'GB', 'Europe/London'], ['Berlin', '', 'DE', 'Europe/Berlin'],
];
const FLOW_NAMES = ['Inbound demo request - 5 touches', 'Outbound cold - VP Ops', 'Renewal nudge', 'Webinar follow-up', 'Closed-lost revival', 'Trial onboarding'];
const STEP_KINDS = ['EMAIL', 'CALL', 'LINKEDIN'] as const;

const DAY = 86400000;

function crmId(prefix: string, r: () => number): string {
  const chars = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789';
  let s = `${prefix}7Q00000`;
  while (s.length < 18) s += chars[Math.floor(r() * chars.length)] ?? 'A';
  return s;
}

function genId(r: () => number): string {
  let s = String(1 + Math.floor(r() * 8));
  while (s.length < 19) s += String(Math.floor(r() * 10));
  return s;
}

function at<T>(items: readonly T[], r: () => number): T {
  const v = items[Math.floor(r() * items.length)];
  if (v === undefined) throw new Error('empty list');
  return v;
}

function generate(world: World): FlowsState {
  const r = world.rng('flows');
  const now = world.generatedAt.getTime();
  const folders: LgFlowFolder[] = [];
  const flows: LgFlow[] = [];
  const managers = world.users.filter(u => world.users.some(o => o.managerId === u.id));
  const steps = (): LgFlowStep[] => {
    const n = 3 + Math.floor(r() * 4);
    return Array.from({ length: n }, (_, i) => {
      const kind = i === 1 ? 'CALL' : at(STEP_KINDS, r);
      return { id: genId(r), name: kind === 'CALL' ? `Call ${i + 1}` : kind === 'EMAIL' ? `Email ${i + 1}` : `LinkedIn touch ${i + 1}`, stepNumber: i + 1, kind };
    });
  };
  const created = (maxDays: number): string => zoned(new Date(now - Math.floor(r() * maxDays * DAY)), world.timeZone);
  for (const ws of world.workspaces) {
    const members = world.users.filter(u => u.workspaceIds.includes(ws.id));
    if (members.length === 0) continue;
    const admin = managers.find(m => m.workspaceIds.includes(ws.id)) ?? members[0]!;
    const company: LgFlowFolder = { id: genId(r), name: 'Company flows', parentFolderId: null, createdById: admin.id, visibility: 'Company', workspaceId: ws.id, ownerId: null };
    const inbound: LgFlowFolder = { id: genId(r), name: 'Inbound', parentFolderId: company.id, createdById: admin.id, visibility: 'Company', workspaceId: ws.id, ownerId: null };
    const shared: LgFlowFolder = { id: genId(r), name: 'Shared with you', parentFolderId: null, createdById: null, visibility: 'Shared', workspaceId: ws.id, ownerId: null };
    folders.push(company, inbound, shared);
    for (let i = 0; i < 4; i++) {
      flows.push({
        id: genId(r), name: `${FLOW_NAMES[i % FLOW_NAMES.length]}${i >= FLOW_NAMES.length ? ' II' : ''}`, folderId: i === 0 ? inbound.id : company.id,
        visibility: 'Company', creationDate: created(400), exclusive: i < 2, workspaceId: ws.id, ownerId: admin.id, sharedWith: [], steps: steps(),
      });
    }
    for (const u of members) {
      const mine: LgFlowFolder = { id: genId(r), name: 'My flows', parentFolderId: null, createdById: u.id, visibility: 'Personal', workspaceId: ws.id, ownerId: u.id };
      folders.push(mine);
      const n = Math.floor(r() * 3);
      for (let i = 0; i < n; i++) {
        flows.push({
          id: genId(r), name: `${u.firstName} - ${at(FLOW_NAMES, r).toLowerCase()}`, folderId: mine.id, visibility: 'Personal',
          creationDate: created(200), exclusive: false, workspaceId: ws.id, ownerId: u.id, sharedWith: [], steps: steps(),
        });
      }
    }
    const sharer = at(members, r);
    flows.push({
      id: genId(r), name: 'Renewal nudge (shared)', folderId: shared.id, visibility: 'Shared', creationDate: created(300), exclusive: false,
      workspaceId: ws.id, ownerId: sharer.id, sharedWith: members.filter(() => r() < 0.6).map(u => u.id), steps: steps(),
    });
  }
  const prospects = new Map<string, LgProspect>();
  const accounts = COMPANIES.map(name => ({ name, crmId: crmId('001', r) }));
  for (let i = 0; i < 80; i++) {
    const first = at(FIRST, r);
    const last = at(LAST, r);
    const account = at(accounts, r);
    const [city, state, country, timezone] = at(CITIES, r);
    const type = r() < 0.7 ? 'CONTACT' : 'LEAD';
    const p: LgProspect = {
      crmId: crmId(type === 'CONTACT' ? '003' : '00Q', r), type, firstName: first, lastName: last,
      emailAddress: `${first}.${last}${i}@${account.name.toLowerCase().replace(/[^a-z]/g, '')}.example`.toLowerCase(),
      title: at(TITLES, r), companyName: account.name, accountCrmId: account.crmId,
      phoneNumber: `+1206555${String(1000 + i).padStart(4, '0')}`, city, state, country, timezone,
    };
    prospects.set(p.crmId, p);
  }
  const instances: LgFlowInstance[] = [];
  const statuses: InstanceStatus[] = ['Running', 'Running', 'Running', 'Pending', 'Paused', 'FinishedNoReply', 'FinishedResponse', 'Finished'];
  for (const p of prospects.values()) {
    if (r() >= 0.55) continue;
    const flow = at(flows, r);
    const owners = world.users.filter(u => u.active && u.workspaceIds.includes(flow.workspaceId));
    if (owners.length === 0) continue;
    const status = at(statuses, r);
    // Exclusive flows hold a prospect alone: skip a second open exclusive instance.
    if (flow.exclusive && OPEN.includes(status) && instances.some(x => x.crmProspectId === p.crmId && OPEN.includes(x.status))) continue;
    instances.push({
      id: genId(r), flowId: flow.id, crmProspectId: p.crmId, ownerId: at(owners, r).id, created: now - Math.floor(r() * 90 * DAY),
      status, currentStep: 1 + Math.floor(r() * flow.steps.length), description: null,
    });
  }
  return { folders, flows, flowsById: new Map(flows.map(f => [f.id, f])), prospects, instances };
}

/** The Engage state of a world (generated on first use). */
export const flowsStateOf = perWorld(generate);

function userByEmail(world: World, email: string): LgUser | undefined {
  const lower = email.toLowerCase();
  return world.users.find(u => u.emailAddress.toLowerCase() === lower);
}

function visibleTo(flow: LgFlow, user: LgUser): boolean {
  if (!user.workspaceIds.includes(flow.workspaceId)) return false;
  if (flow.visibility === 'Company') return true;
  if (flow.visibility === 'Personal') return flow.ownerId === user.id;
  return flow.ownerId === user.id || flow.sharedWith.includes(user.id);
}

function folderName(state: FlowsState, id: string): string {
  return state.folders.find(f => f.id === id)?.name ?? '';
}

function assignedFlow(world: World, state: FlowsState, x: LgFlowInstance): Record<string, unknown> {
  const flow = state.flowsById.get(x.flowId);
  const owner = world.usersById.get(x.ownerId);
  return {
    flowId: x.flowId,
    flowName: flow?.name ?? '',
    crmProspectId: x.crmProspectId,
    flowInstanceId: x.id,
    flowInstanceOwnerEmail: owner?.emailAddress ?? '',
    flowInstanceOwnerFullName: owner ? fullName(owner) : '',
    flowInstanceCreateDate: zoned(new Date(x.created), world.timeZone, true),
    flowInstanceStatus: x.status,
    workspaceId: flow?.workspaceId ?? '',
    exclusive: flow?.exclusive ?? false,
  };
}

/** Gong's live flows-folders answer wrote absent ids as the string "null"; clients must cope, so the fake does it too. */
const liveNull = (id: string | null): string => id ?? 'null';

function optWorkspace(world: World, raw: string | null): string | undefined {
  if (raw === null || raw === '') return undefined;
  if (!world.workspaces.some(w => w.id === raw)) badRequest(`workspaceId ${raw} is not a workspace of this company`);
  return raw;
}

/** Assigns one prospect to a flow by Gong's rules (one open instance per flow, exclusive flows hold a prospect alone). */
function assignOne(state: FlowsState, flow: LgFlow, owner: LgUser, crmId: string, ctx: RouteContext, description: string | null): LgFlowInstance | { errorCode: 'InvalidArgument' | 'InvalidState'; errorMessage: string } {
  if (!state.prospects.has(crmId)) return { errorCode: 'InvalidArgument', errorMessage: `Invalid crmId ${crmId}` };
  const open = state.instances.filter(x => x.crmProspectId === crmId && OPEN.includes(x.status));
  if (open.some(x => x.flowId === flow.id)) return { errorCode: 'InvalidState', errorMessage: `Prospect ${crmId} is already active in this flow` };
  const exclusiveOther = open.find(x => state.flowsById.get(x.flowId)?.exclusive);
  if (exclusiveOther || (flow.exclusive && open.length > 0)) {
    return { errorCode: 'InvalidState', errorMessage: `Prospect ${crmId} is already active in ${exclusiveOther ? 'an exclusive flow' : 'another flow'}` };
  }
  const x: LgFlowInstance = {
    id: ctx.newId(), flowId: flow.id, crmProspectId: crmId, ownerId: owner.id, created: ctx.now().getTime(), status: 'Pending', currentStep: 1, description,
  };
  state.instances.push(x);
  return x;
}

/** A bulk assignment (POST /v2/flows/prospects/bulk-assignments): worked on across the reads that follow it, as Gong does in the background. */
interface BulkAssignment {
  id: string; flowId: string; ownerId: string; prospects: Array<Record<string, unknown>>;
  reads: number; results: Array<Record<string, unknown>> | undefined;
}
const bulkOf = perWorld(() => new Map<string, BulkAssignment>());

const BULK_FIELDS = ['firstName', 'lastName', 'email', 'jobTitle', 'linkedInUrl', 'crmId', 'accountCrmId', 'companyName'] as const;

function bulkBody(b: BulkAssignment): Record<string, unknown> {
  const total = b.prospects.length;
  const results = b.results ?? [];
  const status = b.results !== undefined ? 'COMPLETED' : b.reads === 0 ? 'PENDING' : 'IN_PROGRESS';
  const processed = b.results !== undefined ? total : b.reads === 0 ? 0 : Math.floor(total / 2);
  const success = results.filter(r => r.status === 'ASSIGNED').length;
  return {
    id: b.id, status, totalCount: total, processedCount: processed, successCount: success,
    failedCount: b.results !== undefined ? total - success : 0, results,
  };
}

/** Runs a bulk assignment: known CRM ids are assigned, prospects given by name become new leads first. */
function completeBulk(world: World, b: BulkAssignment, ctx: RouteContext): void {
  const state = flowsStateOf(world);
  const flow = state.flowsById.get(b.flowId);
  const owner = world.usersById.get(b.ownerId);
  b.results = b.prospects.map(p => {
    let crmId = typeof p.crmId === 'string' && p.crmId !== '' ? p.crmId : undefined;
    if (crmId === undefined) {
      crmId = `00Q7Q${ctx.newId().slice(0, 13)}`;
      const first = textOf(p.firstName);
      const last = textOf(p.lastName);
      state.prospects.set(crmId, {
        crmId, type: 'LEAD', firstName: first, lastName: last, emailAddress: typeof p.email === 'string' ? p.email : `${first}.${last}@unknown.example`.toLowerCase(),
        title: typeof p.jobTitle === 'string' ? p.jobTitle : '', companyName: typeof p.companyName === 'string' ? p.companyName : '',
        accountCrmId: typeof p.accountCrmId === 'string' ? p.accountCrmId : '', phoneNumber: '', city: '', state: '', country: '', timezone: world.timeZone,
      });
    } else if (!state.prospects.has(crmId)) {
      return { prospect: p, status: 'CRM_OPERATION_FAILED', crmId, errorCode: 'CRM_RECORD_NOT_FOUND', errorMessage: `No contact or lead with CRM id ${crmId}` };
    }
    if (!flow || !owner) return { prospect: p, status: 'FLOW_ASSIGNMENT_FAILED', crmId, errorCode: 'FLOW_NOT_FOUND', errorMessage: `Flow ${b.flowId} no longer exists` };
    const r = assignOne(state, flow, owner, crmId, ctx, null);
    if ('errorCode' in r) return { prospect: p, status: 'FLOW_ASSIGNMENT_FAILED', crmId, errorCode: r.errorCode, errorMessage: r.errorMessage };
    return { prospect: p, status: 'ASSIGNED', crmId, flowInstanceId: r.id };
  });
}

const STEP_ACTIONS = { EMAIL: 'AUTO_SEND_EMAIL', CALL: 'CALL', LINKEDIN: 'LINKEDIN_CONNECT' } as const;

function flowWithSteps(state: FlowsState, f: LgFlow): Record<string, unknown> {
  let emails = 0;
  return {
    id: f.id, name: f.name, folderId: f.folderId, visibility: f.visibility, creationDate: f.creationDate, exclusive: f.exclusive,
    description: `${f.steps.length} steps over ${f.steps.length * 2} days${f.exclusive ? '; prospects in this flow join no other' : ''}`,
    steps: f.steps.map(st => {
      const isEmail = st.kind === 'EMAIL';
      const reply = isEmail && emails++ > 0;
      return {
        id: st.id, stepOrder: st.stepNumber, action: isEmail && st.stepNumber === 1 ? 'SEND_EMAIL' : STEP_ACTIONS[st.kind],
        subject: isEmail ? (reply ? 'Re: {{account.name}} and {{sender.company}}' : 'Quick idea for {{account.name}}') : '',
        body: isEmail ? `Hi {{first_name}},\n\n${reply ? 'Following up on my note below.' : 'Teams like yours cut manual CRM updates by half.'} Worth a 20-minute call?\n\n{{sender.first_name}}`
          : st.kind === 'CALL' ? 'Call script: reference the last email, ask about current process, book a demo.' : 'Connect with a short personal note.',
        isReply: reply,
      };
    }),
  };
}

/** POST /v2/flows/prospects/assign and its deprecated cool-off override (the local Gong keeps no cool-off periods, so both assign alike). */
function assignProspects(req: LocalRequest, ctx: RouteContext): RouteResult {
  const world = ctx.world;
  const b = bodyObject(req.body);
  const ids = reqStringArray(b, 'crmProspectsIds');
  if (ids.length > 100) badRequest(`crmProspectsIds accepts at most 100 prospects per request (got ${ids.length})`);
  const flowId = reqString(b, 'flowId');
  const ownerEmail = reqString(b, 'flowInstanceOwnerEmail');
  const description = optString(b, 'flowInstanceDescription') ?? null;
  const overrides = optObject(b, 'overrides');
  const state = flowsStateOf(world);
  const flow = state.flowsById.get(flowId);
  if (!flow) throw new LocalHttpError(404, ['Flow not found']);
  if (overrides) {
    optBoolean(overrides, 'coolOffOverride', 'overrides.coolOffOverride');
    const stepsRaw = overrides.steps;
    if (stepsRaw !== undefined && stepsRaw !== null) {
      if (!Array.isArray(stepsRaw)) badRequest('overrides.steps must be an array');
      stepsRaw.forEach((s, i) => {
        if (!isRecord(s) || typeof s.number !== 'number' || !Number.isInteger(s.number)) badRequest(`overrides.steps[${i}].number is required (1-based step number)`);
        if (s.number < 1 || s.number > flow.steps.length) badRequest(`overrides.steps[${i}].number must be between 1 and ${flow.steps.length}`);
      });
    }
  }
  const owner = userByEmail(world, ownerEmail);
  if (!owner) badRequest(`flowInstanceOwnerEmail ${ownerEmail} is not a Gong user`);
  if (!visibleTo(flow, owner)) throw new LocalHttpError(403, [`The flow ${flowId} is not visible to ${ownerEmail}`]);
  const assigned: Array<Record<string, unknown>> = [];
  const notAssigned: Array<Record<string, unknown>> = [];
  const fail = (crmProspectId: string, errorCode: string, errorMessage: string): void => {
    notAssigned.push({ flowId, crmProspectId, errorCode, errorMessage });
  };
  for (const id of ids) {
    const r = assignOne(state, flow, owner, id, ctx, description);
    if ('errorCode' in r) fail(id, r.errorCode, r.errorMessage);
    else assigned.push(assignedFlow(world, state, r));
  }
  return { body: { prospectsAssigned: assigned, prospectsNotAssigned: notAssigned } };
}

export const routes: RouteDef[] = [
  {
    method: 'GET', path: '/v2/flows', scope: 'api:flows:read',
    handler: (req, ctx) => {
      const world = ctx.world;
      const email = reqQuery(req.query, 'flowOwnerEmail');
      if (!isEmail(email)) badRequest(`flowOwnerEmail is not a valid email address: '${email}'`);
      const workspaceId = optWorkspace(world, req.query.get('workspaceId'));
      const folderId = req.query.get('folderId');
      const recentRaw = req.query.get('mostRecentlyAssigned');
      if (recentRaw !== null && recentRaw !== 'true' && recentRaw !== 'false') badRequest('mostRecentlyAssigned must be true or false');
      const state = flowsStateOf(world);
      const user = userByEmail(world, email);
      // A user who sees no flows (or is unknown) gets Gong's empty 200, not a 404.
      let flows = user ? state.flows.filter(f => visibleTo(f, user)) : [];
      if (workspaceId) flows = flows.filter(f => f.workspaceId === workspaceId);
      if (folderId) flows = flows.filter(f => f.folderId === folderId);
      if (recentRaw === 'true' && user) {
        const last = new Map<string, number>();
        for (const x of state.instances) if (x.ownerId === user.id) last.set(x.flowId, Math.max(last.get(x.flowId) ?? 0, x.created));
        flows = flows.filter(f => last.has(f.id)).sort((a, b) => (last.get(b.id) ?? 0) - (last.get(a.id) ?? 0)).slice(0, 20);
      }
      const page = ctx.page(req, flows.map(f => ({
        id: f.id, name: f.name, folderId: f.folderId, folderName: folderName(state, f.folderId), visibility: f.visibility,
        creationDate: f.creationDate, exclusive: f.exclusive,
      })));
      return { body: { records: page.records, flows: page.items } };
    },
  },
  {
    method: 'GET', path: '/v2/flows/folders', scope: 'api:flows:read',
    handler: (req, ctx) => {
      const world = ctx.world;
      const email = reqQuery(req.query, 'flowFolderOwnerEmail');
      if (!isEmail(email)) badRequest(`flowFolderOwnerEmail is not a valid email address: '${email}'`);
      const workspaceId = optWorkspace(world, req.query.get('workspaceId'));
      const parentId = req.query.get('parentId');
      const state = flowsStateOf(world);
      const user = userByEmail(world, email);
      let folders = user
        ? state.folders.filter(f => user.workspaceIds.includes(f.workspaceId) && (f.visibility !== 'Personal' || f.ownerId === user.id))
        : [];
      if (workspaceId) folders = folders.filter(f => f.workspaceId === workspaceId);
      if (parentId) {
        if (!state.folders.some(f => f.id === parentId)) badRequest(`parentId ${parentId} is not a flow folder`);
        folders = folders.filter(f => f.id === parentId || f.parentFolderId === parentId);
      }
      const page = ctx.page(req, folders.map(f => ({
        id: f.id, name: f.name, parentFolderId: liveNull(f.parentFolderId), createdById: liveNull(f.createdById), visibility: f.visibility,
      })));
      return { body: { records: page.records, flowsFolders: page.items } };
    },
  },
  {
    method: 'POST', path: '/v2/flows/prospects', scope: 'api:flows:read',
    handler: (req, ctx) => {
      const b = bodyObject(req.body);
      const crmIds = optStringArray(b, 'crmProspectsIds');
      const instanceIds = optStringArray(b, 'flowInstanceIds');
      if (!crmIds?.length && !instanceIds?.length) badRequest('Either crmProspectsIds or flowInstanceIds is required');
      const state = flowsStateOf(ctx.world);
      const out = state.instances.filter(x =>
        (crmIds?.includes(x.crmProspectId) && OPEN.includes(x.status)) || instanceIds?.includes(x.id));
      return { body: { prospectsAssigned: out.map(x => assignedFlow(ctx.world, state, x)) } };
    },
  },
  { method: 'POST', path: '/v2/flows/prospects/assign', scope: 'api:flows:write', handler: assignProspects },
  // Deprecated in Gong's document, still answered.
  { method: 'POST', path: '/v2/flows/prospects/assign/cool-off-override', scope: 'api:flows:write', handler: assignProspects },
  {
    method: 'POST', path: '/v2/flows/prospects/unassign-flows-by-crm-id', scope: 'api:flows:write',
    handler: (req, ctx) => {
      const b = bodyObject(req.body);
      const crmProspectId = reqString(b, 'crmProspectId');
      const flowId = optString(b, 'flowId');
      const by = optString(b, 'unassignedByUserEmail');
      if (by !== undefined && !userByEmail(ctx.world, by)) badRequest(`unassignedByUserEmail ${by} is not a Gong user`);
      const state = flowsStateOf(ctx.world);
      if (flowId !== undefined && !state.flowsById.has(flowId)) badRequest(`flowId ${flowId} is not a flow`);
      const ids: string[] = [];
      for (const x of state.instances) {
        if (x.crmProspectId !== crmProspectId || !OPEN.includes(x.status)) continue;
        if (flowId !== undefined && x.flowId !== flowId) continue;
        x.status = 'Finished';
        ids.push(x.id);
      }
      return { body: { unassignedFlowInstanceIds: ids } };
    },
  },
  {
    method: 'POST', path: '/v2/flows/steps', scope: 'api:flows:read',
    handler: (req, ctx) => {
      const b = bodyObject(req.body);
      const ids = optStringArray(b, 'flowIds') ?? [];
      if (ids.length === 0) badRequest('flowIds is required');
      if (ids.length > 20) badRequest(`flowIds accepts at most 20 flows per request (got ${ids.length})`);
      const state = flowsStateOf(ctx.world);
      const missing = ids.filter(id => !state.flowsById.has(id));
      if (missing.length > 0) throw new LocalHttpError(404, [`Flows not found: ${missing.join(', ')}`]);
      return { body: { flows: ids.map(id => flowWithSteps(state, state.flowsById.get(id) as LgFlow)) } };
    },
  },
  {
    method: 'POST', path: '/v2/flows/prospects/bulk-assignments', scope: 'api:flows:write',
    handler: (req, ctx) => {
      const world = ctx.world;
      const b = bodyObject(req.body);
      const flowId = reqString(b, 'flowId');
      const ownerEmail = reqString(b, 'flowInstanceOwnerEmail');
      const raw = b.prospects;
      if (!Array.isArray(raw) || raw.length === 0) badRequest('prospects is required');
      if (raw.length > 50) badRequest(`prospects accepts at most 50 prospects per request (got ${raw.length})`);
      const prospects = raw.map((p, i) => {
        if (!isRecord(p)) badRequest(`prospects[${i}] must be an object`);
        const out: Record<string, unknown> = {};
        for (const k of BULK_FIELDS) { const v = optString(p, k, `prospects[${i}].${k}`); if (v !== undefined) out[k] = v; }
        if (out.crmId === undefined && (out.firstName === undefined || out.lastName === undefined)) badRequest(`prospects[${i}] needs crmId, or firstName and lastName`);
        return out;
      });
      const state = flowsStateOf(world);
      const flow = state.flowsById.get(flowId);
      if (!flow) throw new LocalHttpError(404, [`Flow ${flowId} not found`]);
      const owner = userByEmail(world, ownerEmail);
      if (!owner) badRequest(`flowInstanceOwnerEmail ${ownerEmail} is not a Gong user`);
      if (!visibleTo(flow, owner)) throw new LocalHttpError(403, [`The flow ${flowId} is not visible to ${ownerEmail}`]);
      const bulk: BulkAssignment = { id: ctx.newId(), flowId, ownerId: owner.id, prospects, reads: 0, results: undefined };
      bulkOf(world).set(bulk.id, bulk);
      return { status: 202, body: bulkBody(bulk) };
    },
  },
  {
    method: 'GET', path: '/v2/flows/prospects/bulk-assignments/:id', scope: 'api:flows:read',
    handler: (req, ctx) => {
      const bulk = bulkOf(ctx.world).get(req.params.id ?? '');
      if (!bulk) throw new LocalHttpError(404, [`Bulk assignment ${req.params.id ?? ''} not found`]);
      // The first read finds it in progress, the next one done.
      if (bulk.results === undefined && bulk.reads >= 1) completeBulk(ctx.world, bulk, ctx);
      bulk.reads++;
      return { body: bulkBody(bulk) };
    },
  },
  {
    method: 'POST', path: '/v2/flows/prospects/unassign-flows-by-instance-id', scope: 'api:flows:write',
    handler: (req, ctx) => {
      const b = bodyObject(req.body);
      const ids = reqStringArray(b, 'flowInstanceIds');
      if (ids.length === 0) badRequest('flowInstanceIds is required');
      if (ids.length > 200) badRequest(`flowInstanceIds accepts at most 200 flow instances per request (got ${ids.length})`);
      const by = optString(b, 'unassignedByUserEmail');
      if (by !== undefined && !userByEmail(ctx.world, by)) badRequest(`unassignedByUserEmail ${by} is not a Gong user`);
      const wanted = new Set(ids);
      const removed: string[] = [];
      // Only instances still open are removed; the others are left out of the answer, as Gong documents.
      for (const x of flowsStateOf(ctx.world).instances) {
        if (!wanted.has(x.id) || !OPEN.includes(x.status)) continue;
        x.status = 'Finished';
        removed.push(x.id);
      }
      return { body: { unassignedFlowInstanceIds: removed } };
    },
  },
];
