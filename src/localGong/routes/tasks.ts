/**
 * POST /v2/tasks: a user's Engage to-dos. Flow tasks come from the user's flow instances (the call
 * step each one is at), manual tasks are hashed per user, so assigning or unassigning prospects
 * through the flows routes changes what this route answers. Ids are int64 in Gong's spec and are
 * written through `bareId`; the opportunity's amount and probability are strings, as documented.
 * PATCH /v2/tasks/{taskId} changes a task's status, due date or priority: the changes are kept per
 * world and laid over the derived tasks, so the list reads them back.
 */

import type { LocalRequest, RouteContext, RouteDef } from '../contract';
import { LocalHttpError } from '../contract';
import type { LgUser, World } from '../model';
import { flowsStateOf } from './flows';
import type { FlowsState, LgFlowInstance, LgProspect } from './flows';
import {
  badRequest, bareId, bodyObject, checkEnum, hash01, hashId, hashInt, optString, perWorld, reqObject, reqString, reqStringArray, zoned,
} from '../extra/util';
import { parseDateTime } from '../validate';

const TYPES = ['FLOW', 'MANUAL'] as const;
const ACTIONS = ['CALL'] as const;
const STATUSES = ['OPEN', 'DONE', 'DISMISSED'] as const;
type TaskStatus = (typeof STATUSES)[number];

const DAY = 86400000;
const PRIORITIES = [{ id: 1, name: 'high', weight: 100 }, { id: 2, name: 'medium', weight: 50 }, { id: 3, name: 'low', weight: 10 }];
const CRM_BASE = 'https://crm.local-gong.example';

interface Task { id: string; due: number; workspaceId: string; status: TaskStatus; type: 'FLOW' | 'MANUAL'; body: Record<string, unknown> }

/** Changes made through PATCH /v2/tasks/{taskId}, by task id. */
interface TaskChange { status?: TaskStatus; due?: number; priority?: (typeof PRIORITIES)[number]; updated: number }
const changesOf = perWorld(() => new Map<string, TaskChange>());

function contact(p: LgProspect): Record<string, unknown> {
  return {
    crmId: p.crmId,
    type: p.type,
    data: {
      firstName: p.firstName, lastName: p.lastName, crmUrl: `${CRM_BASE}/${p.crmId}`, companyName: p.companyName, affiliation: 'Them',
      emails: [{ email: p.emailAddress }], title: p.title, timezone: p.timezone,
      phoneNumbers: [{ raw: p.phoneNumber, extension: null, countryCode: p.phoneNumber.startsWith('+1') ? 1 : 44, normalized: p.phoneNumber, label: 'work', isVerified: false }],
      city: p.city, country: p.country, state: p.state || null, zipcode: null, optOutChannels: [], linkedinProfile: null,
    },
  };
}

function account(p: LgProspect): Record<string, unknown> {
  return { crmId: p.accountCrmId, name: p.companyName, crmUrl: `${CRM_BASE}/${p.accountCrmId}` };
}

function flowTask(world: World, state: FlowsState, user: LgUser, x: LgFlowInstance): Task | undefined {
  const flow = state.flowsById.get(x.flowId);
  const prospect = state.prospects.get(x.crmProspectId);
  if (!flow || !prospect || x.status === 'Pending') return undefined;
  const step = flow.steps.find(s => s.kind === 'CALL' && s.stepNumber >= x.currentStep) ?? flow.steps.find(s => s.kind === 'CALL');
  if (!step) return undefined;
  const status: TaskStatus = x.status === 'Running' ? 'OPEN' : x.status === 'Paused' ? 'DISMISSED' : 'DONE';
  const created = x.created + (step.stepNumber - 1) * DAY;
  const due = created + DAY;
  const tz = world.timeZone;
  const id = hashId(x.id, 'task');
  return {
    id, due, workspaceId: flow.workspaceId, status, type: 'FLOW',
    body: {
      id: bareId(id), userId: bareId(user.id),
      created: zoned(new Date(created), tz, true), updated: zoned(new Date(status === 'OPEN' ? created : due), tz, true),
      status, type: 'FLOW', actions: ['CALL'], account: account(prospect), opportunity: null, dueDate: zoned(new Date(due), tz),
      flow: { id: bareId(flow.id), name: flow.name, step: { id: bareId(step.id), name: step.name, stepNumber: step.stepNumber } },
      contact: contact(prospect), additionalContacts: [], title: null,
      priority: PRIORITIES[hashInt(0, 2, x.id, 'priority')] ?? PRIORITIES[1],
    },
  };
}

function manualTasks(world: World, state: FlowsState, user: LgUser): Task[] {
  const prospects = [...state.prospects.values()];
  const out: Task[] = [];
  const n = hashInt(0, 3, user.id, 'manual-tasks');
  const tz = world.timeZone;
  for (let i = 0; i < n && prospects.length > 0; i++) {
    const key = [user.id, 'manual', String(i)];
    const p = prospects[Math.floor(hash01(...key, 'prospect') * prospects.length)]!;
    const created = world.generatedAt.getTime() - hashInt(1, 30, ...key, 'created') * DAY;
    const due = created + hashInt(1, 10, ...key, 'due') * DAY;
    const status: TaskStatus = due > world.generatedAt.getTime() ? 'OPEN' : hash01(...key, 'done') < 0.7 ? 'DONE' : 'DISMISSED';
    const amount = hashInt(5, 200, ...key, 'amount') * 1000;
    const id = hashId(...key, 'id');
    out.push({
      id, due, workspaceId: user.workspaceIds[0] ?? '', status, type: 'MANUAL',
      body: {
        id: bareId(id), userId: bareId(user.id),
        created: zoned(new Date(created), tz, true), updated: zoned(new Date(created), tz, true),
        status, type: 'MANUAL', actions: ['CALL'], account: account(p),
        opportunity: {
          crmId: hashId(...key, 'opp').slice(0, 15), name: `${p.companyName} - expansion`, crmUrl: `${CRM_BASE}/opportunity/${i}`,
          status: 'OPEN', stage: 'Discovery', amount: String(amount), probability: '20', closeDate: zoned(new Date(due + 30 * DAY), tz).slice(0, 10),
        },
        dueDate: zoned(new Date(due), tz), contact: contact(p), additionalContacts: [],
        title: `Call ${p.firstName} about the ${p.companyName} proposal`,
        priority: PRIORITIES[hashInt(0, 2, ...key, 'priority')] ?? PRIORITIES[1],
      },
    });
  }
  return out;
}

/** Every task of a user, flow and manual, with the changes made through PATCH laid over them. */
function tasksOf(world: World, user: LgUser): Task[] {
  const state = flowsStateOf(world);
  const tasks: Task[] = [];
  for (const x of state.instances) {
    if (x.ownerId !== user.id) continue;
    const t = flowTask(world, state, user, x);
    if (t) tasks.push(t);
  }
  tasks.push(...manualTasks(world, state, user));
  const changes = changesOf(world);
  for (const t of tasks) {
    const c = changes.get(t.id);
    if (!c) continue;
    if (c.status !== undefined) { t.status = c.status; t.body.status = c.status; }
    if (c.due !== undefined) { t.due = c.due; t.body.dueDate = zoned(new Date(c.due), world.timeZone); }
    if (c.priority !== undefined) t.body.priority = c.priority;
    t.body.updated = zoned(new Date(c.updated), world.timeZone, true);
  }
  return tasks;
}

function updateTask(req: LocalRequest, ctx: RouteContext): { body: Record<string, unknown> } {
  const world = ctx.world;
  const taskId = req.params.taskId ?? '';
  if (!/^\d{1,20}$/.test(taskId)) badRequest(`taskId must be a numeric id (got ${JSON.stringify(taskId)})`);
  const b = bodyObject(req.body);
  const userId = reqString(b, 'userId');
  const statusRaw = optString(b, 'status');
  const status = statusRaw === undefined ? undefined : checkEnum(statusRaw, STATUSES, 'status');
  const dueRaw = optString(b, 'dueDate');
  const due = dueRaw === undefined ? undefined : parseDateTime(dueRaw, 'dueDate');
  const priorityRaw = optString(b, 'priority');
  const priority = priorityRaw === undefined ? undefined : PRIORITIES.find(p => p.name === priorityRaw.toLowerCase());
  if (priorityRaw !== undefined && priority === undefined) badRequest(`priority must be one of ${PRIORITIES.map(p => p.name).join(', ')} (got ${JSON.stringify(priorityRaw)})`);
  if (status === undefined && due === undefined && priority === undefined) badRequest('Nothing to update: give status, dueDate or priority');
  const user = world.usersById.get(userId);
  if (!user) badRequest(`userId ${userId} is not a user of this company`);
  const task = tasksOf(world, user).find(t => t.id === taskId);
  if (!task) throw new LocalHttpError(404, [`TaskId ${taskId} not found for user ${userId}`]);
  const changes = changesOf(world);
  const prev = changes.get(taskId) ?? { updated: 0 };
  changes.set(taskId, {
    ...prev, updated: ctx.now().getTime(),
    ...(status === undefined ? {} : { status }), ...(due === undefined ? {} : { due }), ...(priority === undefined ? {} : { priority }),
  });
  const updated = tasksOf(world, user).find(t => t.id === taskId) as Task;
  return { body: { tasks: [updated.body], crmType: 'SALESFORCE' } };
}

export const routes: RouteDef[] = [
  {
    method: 'POST', path: '/v2/tasks', scope: 'api:tasks:read',
    handler: (req, ctx) => {
      const world = ctx.world;
      const filter = reqObject(bodyObject(req.body), 'filter');
      const userId = reqString(filter, 'userId', 'filter.userId');
      const workspaceId = optString(filter, 'workspaceId', 'filter.workspaceId');
      const types = reqStringArray(filter, 'types', 'filter.types').map(t => checkEnum(t, TYPES, 'filter.types'));
      reqStringArray(filter, 'taskAction', 'filter.taskAction').forEach(a => checkEnum(a, ACTIONS, 'filter.taskAction'));
      const statuses = reqStringArray(filter, 'status', 'filter.status').map(s => checkEnum(s, STATUSES, 'filter.status'));
      const user = world.usersById.get(userId);
      if (!user) badRequest(`filter.userId ${userId} is not a user of this company`);
      if (workspaceId !== undefined && !world.workspaces.some(w => w.id === workspaceId)) badRequest(`filter.workspaceId ${workspaceId} is not a workspace of this company`);
      const out = tasksOf(world, user)
        .filter(t => types.includes(t.type) && statuses.includes(t.status) && (workspaceId === undefined || t.workspaceId === workspaceId))
        .sort((a, b) => a.due - b.due)
        .map(t => t.body);
      return { body: { tasks: out, crmType: 'SALESFORCE' } };
    },
  },
  { method: 'PATCH', path: '/v2/tasks/:taskId', scope: 'api:tasks:write', handler: updateTask },
];
