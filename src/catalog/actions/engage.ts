import { z } from 'zod';
import type { ActionDef } from '../types';
import { defineAction } from './define';
import { bool, email, enumList, enumOf, gongId, group, idList, int, isoDateTime, objectList, str, stringList } from '../fields';

/** The body of POST /v2/flows/prospects/assign (and of its deprecated cool-off override). */
const assignShape = () => ({
  flowId: gongId('flow', 'Flow id'),
  crmProspectsIds: stringList('CRM ids of the prospects (at most 100)', { min: 1, max: 100 }),
  flowInstanceOwnerEmail: email('Email of the user who owns the flow instances'),
  overrides: group({
    steps: objectList(z.looseObject({
      number: int('Step number, from 1', { min: 1 }),
      subject: str('Email subject').optional(),
      body: str('Email body').optional(),
    }), 'Per-step overrides').optional(),
    flowInstanceVariables: objectList(z.looseObject({ name: str('Variable name', { min: 1 }), value: str('Value') }), 'Flow variables').optional(),
    coolOffOverride: bool('Ignore the cool-off period').optional(),
  }, 'Overrides (Beta)').optional(),
  flowInstanceDescription: str('Description of the flow instances (Beta)').optional(),
});

export const engageActions: ActionDef[] = [
  defineAction({
    id: 'flows.list',
    aliases: ['GONG_LIST_GONG_ENGAGE_FLOWS_V2_FLOWS'],
    title: 'List Engage flows',
    description: 'Flows visible to a user (company, personal and shared).',
    category: 'Engage', method: 'GET', path: '/v2/flows', scope: 'api:flows:read',
    paging: 'query-cursor', readOnly: true, listKey: 'flows',
    shape: () => ({
      flowOwnerEmail: email('Email of the user whose visible flows are listed'),
      workspaceId: gongId('workspace', 'Only flows of this workspace').optional(),
      folderId: gongId('folder', 'Only flows in this flow folder').optional(),
      mostRecentlyAssigned: bool('Only the 20 flows most recently assigned by the user').optional(),
    }),
    placement: { flowOwnerEmail: { in: 'query' }, workspaceId: { in: 'query' }, folderId: { in: 'query' }, mostRecentlyAssigned: { in: 'query' } },
  }),
  defineAction({
    id: 'flows.folders',
    aliases: ['GONG_LIST_FLOW_FOLDERS'],
    title: 'List Engage flow folders',
    description: 'Flow folders visible to a user.',
    category: 'Engage', method: 'GET', path: '/v2/flows/folders', scope: 'api:flows:read',
    paging: 'query-cursor', readOnly: true, listKey: 'flowsFolders',
    shape: () => ({
      flowFolderOwnerEmail: email('Email of the user whose visible folders are listed'),
      parentId: gongId('folder', 'Only this folder and its children').optional(),
      workspaceId: gongId('workspace', 'Only folders of this workspace').optional(),
    }),
    placement: { flowFolderOwnerEmail: { in: 'query' }, parentId: { in: 'query' }, workspaceId: { in: 'query' } },
  }),
  defineAction({
    id: 'flows.prospects',
    aliases: ['GONG_GET_FLOW_PROSPECTS', 'GONG_LIST_FLOWS_FOR_CRM_PROSPECTS'],
    title: 'List flows of prospects',
    description: 'Flows assigned to CRM prospects (open ones) or flow instances (all), a read sent as POST.',
    category: 'Engage', method: 'POST', path: '/v2/flows/prospects', scope: 'api:flows:read',
    readOnly: true, listKey: 'prospectsAssigned',
    shape: () => ({
      crmProspectsIds: stringList('CRM ids of the prospects (contacts or leads)').optional(),
      flowInstanceIds: stringList('Flow instance ids').optional(),
    }),
    refine: v => (Array.isArray(v.crmProspectsIds) && v.crmProspectsIds.length > 0) || (Array.isArray(v.flowInstanceIds) && v.flowInstanceIds.length > 0)
      ? [] : [{ path: 'crmProspectsIds', message: 'give crmProspectsIds or flowInstanceIds' }],
  }),
  defineAction({
    id: 'flows.assign',
    aliases: ['GONG_ASSIGN_PROSPECTS_TO_FLOW'],
    title: 'Assign prospects to a flow',
    description: 'Assigns up to 100 CRM prospects to a flow, owned by a user.',
    category: 'Engage', method: 'POST', path: '/v2/flows/prospects/assign', scope: 'api:flows:write', readOnly: false,
    listKey: 'prospectsAssigned',
    shape: assignShape,
  }),
  defineAction({
    id: 'flows.unassignByCrmId',
    aliases: ['GONG_UNASSIGN_FLOWS_BY_CRM_ID'],
    title: 'Unassign flows from a prospect',
    description: 'Removes a CRM prospect from one flow, or from all its flows when no flow is given.',
    category: 'Engage', method: 'POST', path: '/v2/flows/prospects/unassign-flows-by-crm-id', scope: 'api:flows:write',
    readOnly: false, destructive: true, confirmField: 'crmProspectId',
    listKey: 'unassignedFlowInstanceIds',
    shape: () => ({
      crmProspectId: str('CRM id of the prospect', { min: 1 }),
      flowId: gongId('flow', 'Only this flow (all flows when omitted)').optional(),
      unassignedByUserEmail: email('Email of the user recorded as doing the unassignment').optional(),
    }),
  }),
  defineAction({
    id: 'flows.assignCoolOffOverride',
    aliases: [],
    title: 'Assign prospects to a flow, ignoring cool-off',
    description: 'Deprecated by Gong: use "Assign prospects to a flow" with overrides.coolOffOverride. Assigns up to 100 CRM prospects whatever their cool-off status.',
    category: 'Engage', method: 'POST', path: '/v2/flows/prospects/assign/cool-off-override', scope: 'api:flows:write', readOnly: false,
    deprecated: true, listKey: 'prospectsAssigned',
    shape: assignShape,
  }),
  defineAction({
    id: 'flows.unassignByInstanceId',
    aliases: [],
    title: 'Unassign flow instances',
    description: 'Removes prospects from up to 200 flow instances (ids from "List flows of prospects"); only the instances removed are listed back.',
    category: 'Engage', method: 'POST', path: '/v2/flows/prospects/unassign-flows-by-instance-id', scope: 'api:flows:write',
    readOnly: false, destructive: true, confirmField: 'flowInstanceIds.0',
    listKey: 'unassignedFlowInstanceIds',
    shape: () => ({
      flowInstanceIds: stringList('Flow instance ids (at most 200)', { min: 1, max: 200 }),
      unassignedByUserEmail: email('Email of the user recorded as doing the unassignment').optional(),
    }),
  }),
  defineAction({
    id: 'flows.bulkAssign',
    aliases: [],
    title: 'Bulk-assign prospects to a flow',
    description: 'Submits up to 50 prospects, by CRM id or by name, for assignment to a flow; Gong works on it in the background (follow it with "Get a bulk flow assignment").',
    category: 'Engage', method: 'POST', path: '/v2/flows/prospects/bulk-assignments', scope: 'api:flows:write', readOnly: false,
    listKey: 'results',
    shape: () => ({
      flowId: gongId('flow', 'Flow id'),
      flowInstanceOwnerEmail: email('Email of the user who will own the flow instances'),
      prospects: objectList(z.looseObject({
        crmId: str('CRM id of the prospect (or give firstName and lastName)').optional(),
        firstName: str('First name (when there is no crmId)').optional(),
        lastName: str('Last name (when there is no crmId)').optional(),
        email: email('Email of the prospect').optional(),
        jobTitle: str('Job title').optional(),
        linkedInUrl: str('LinkedIn profile URL').optional(),
        accountCrmId: str('CRM id of the prospect\'s account').optional(),
        companyName: str('Company name').optional(),
      }), 'The prospects, e.g. [{"crmId":"003..."}] or [{"firstName":"Ana","lastName":"Ruiz","email":"ana@example.com"}]', { min: 1, max: 50 }),
    }),
    refine: v => (Array.isArray(v.prospects) ? v.prospects as Array<Record<string, unknown>> : []).flatMap((p, i) =>
      typeof p.crmId === 'string' && p.crmId !== '' ? [] : typeof p.firstName === 'string' && p.firstName !== '' && typeof p.lastName === 'string' && p.lastName !== ''
        ? [] : [{ path: `prospects.${i}`, message: 'needs crmId, or firstName and lastName' }]),
  }),
  defineAction({
    id: 'flows.bulkAssignment',
    aliases: [],
    title: 'Get a bulk flow assignment',
    description: 'Progress and per-prospect results of a bulk assignment submitted with "Bulk-assign prospects to a flow".',
    category: 'Engage', method: 'GET', path: '/v2/flows/prospects/bulk-assignments/{id}', scope: 'api:flows:read', readOnly: true,
    listKey: 'results',
    shape: () => ({ id: str('Bulk assignment id, from the submit answer', { min: 1, max: 128 }) }),
    placement: { id: { in: 'path' } },
  }),
  defineAction({
    id: 'flows.steps',
    aliases: [],
    title: 'Get flow steps',
    description: 'Details and steps (order, action, subject, body) of up to 20 flows, a read sent as POST.',
    category: 'Engage', method: 'POST', path: '/v2/flows/steps', scope: 'api:flows:read', readOnly: true,
    listKey: 'flows',
    shape: () => ({ flowIds: idList('flow', 'Flow ids (at most 20)', { min: 1, max: 20 }) }),
  }),
  defineAction({
    id: 'tasks.list',
    aliases: ['GONG_LIST_TASKS'],
    title: 'List Engage tasks of a user',
    description: 'A user\'s Engage call tasks by type and status (a read, sent as POST).',
    category: 'Engage', method: 'POST', path: '/v2/tasks', scope: 'api:tasks:read', readOnly: true,
    listKey: 'tasks',
    shape: () => ({
      filter: group({
        userId: gongId('user', 'User id'),
        workspaceId: gongId('workspace', 'Only tasks of this workspace').optional(),
        types: enumList(['FLOW', 'MANUAL'] as const, 'Task types', { min: 1 }),
        taskAction: enumList(['CALL'] as const, 'Task actions', { min: 1 }),
        status: enumList(['OPEN', 'DONE', 'DISMISSED'] as const, 'Task statuses', { min: 1 }),
      }, 'Which tasks'),
    }),
  }),
  defineAction({
    id: 'tasks.update',
    aliases: [],
    title: 'Update an Engage task',
    description: 'Changes a task\'s status (OPEN, DONE, DISMISSED), due date or priority; answers the updated task.',
    category: 'Engage', method: 'PATCH', path: '/v2/tasks/{taskId}', scope: 'api:tasks:write', readOnly: false,
    listKey: 'tasks',
    shape: () => ({
      taskId: gongId('other', 'Task id (from "List Engage tasks of a user")'),
      userId: gongId('user', 'Id of the user who owns the task'),
      status: enumOf(['OPEN', 'DONE', 'DISMISSED'] as const, 'New status').optional(),
      dueDate: isoDateTime('New due date and time').optional(),
      priority: str('New priority, e.g. high, medium or low').optional(),
    }),
    placement: { taskId: { in: 'path' } },
    refine: v => (v.status !== undefined || v.dueDate !== undefined || v.priority !== undefined
      ? [] : [{ path: 'status', message: 'give status, dueDate or priority to change' }]),
  }),
];
