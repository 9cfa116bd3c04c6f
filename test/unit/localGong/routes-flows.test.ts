import * as assert from 'node:assert/strict';
import { flowsStateOf } from '../../../src/localGong/routes/flows';
import { firstError, sameShape, sample, setup } from './routes-support';

const OPEN = ['Pending', 'Running', 'Paused'];

describe('local Gong Engage flows routes', () => {
  it('GET /v2/flows lists the flows a user sees, sample shape; unknown owner is an empty 200', async () => {
    const { api, world } = setup();
    const user = world.users[3]!;
    const res = await api('GET', `/v2/flows?flowOwnerEmail=${encodeURIComponent(user.emailAddress)}`);
    assert.equal(res.status, 200);
    assert.equal(res.route.scope, 'api:flows:read');
    const s = sample('flows.GET_v2_flows.json');
    if (s) assert.deepEqual(sameShape(res.body, s), []);
    const flows = res.body.flows as Array<{ id: string; visibility: string }>;
    const state = flowsStateOf(world);
    for (const f of flows) {
      const full = state.flowsById.get(f.id)!;
      if (full.visibility === 'Personal') assert.equal(full.ownerId, user.id, 'only own personal flows');
    }
    assert.ok(flows.some(f => f.visibility === 'Company'));
    const other = state.flows.find(f => f.visibility === 'Personal' && f.ownerId !== user.id);
    if (other) assert.ok(!flows.some(f => f.id === other.id));
    const nobody = await api('GET', '/v2/flows?flowOwnerEmail=nobody%40elsewhere.example');
    assert.equal(nobody.status, 200);
    assert.deepEqual(nobody.body.flows, []);
    assert.deepEqual(nobody.body.records, { totalRecords: 0, currentPageSize: 0, currentPageNumber: 0 });
    const missing = await api('GET', '/v2/flows');
    assert.equal(missing.status, 400);
    assert.match(firstError(missing.body), /flowOwnerEmail is required/);
    const ws = await api('GET', `/v2/flows?flowOwnerEmail=${encodeURIComponent(user.emailAddress)}&workspaceId=1`);
    assert.equal(ws.status, 400);
  });

  it('GET /v2/flows pages with the query cursor', async () => {
    const { api, world } = setup();
    const state = flowsStateOf(world);
    const template = state.flows.find(f => f.visibility === 'Company')!;
    for (let i = 0; i < 150; i++) {
      const f = { ...template, id: `77${String(i).padStart(17, '0')}`, name: `Bulk ${i}` };
      state.flows.push(f);
      state.flowsById.set(f.id, f);
    }
    const url = `/v2/flows?flowOwnerEmail=${encodeURIComponent(world.users[3]!.emailAddress)}`;
    const first = await api('GET', url);
    const rec = first.body.records as { totalRecords: number; cursor?: string };
    assert.ok(rec.totalRecords > 150);
    assert.equal((first.body.flows as unknown[]).length, 100);
    const second = await api('GET', `${url}&cursor=${encodeURIComponent(rec.cursor!)}`);
    assert.equal((second.body.flows as unknown[]).length, rec.totalRecords - 100);
    const foreign = await api('GET', `/v2/flows?flowOwnerEmail=${encodeURIComponent(world.users[4]!.emailAddress)}&cursor=${encodeURIComponent(rec.cursor!)}`);
    assert.equal(foreign.status, 400, 'a cursor is bound to its request');
  });

  it('GET /v2/flows/folders answers flowsFolders with the live "null" strings; parentId narrows', async () => {
    const { api, world } = setup();
    const user = world.users[3]!;
    const res = await api('GET', `/v2/flows/folders?flowFolderOwnerEmail=${encodeURIComponent(user.emailAddress)}`);
    assert.equal(res.status, 200);
    assert.equal(res.body.flows, undefined);
    const s = sample('flow-folders.GET_v2_flows_folders.json');
    if (s) assert.deepEqual(sameShape(res.body, s), []);
    const folders = res.body.flowsFolders as Array<{ id: string; name: string; parentFolderId: string; createdById: string; visibility: string }>;
    assert.ok(folders.some(f => f.parentFolderId === 'null'));
    assert.ok(folders.some(f => f.createdById === 'null'));
    assert.ok(folders.every(f => f.parentFolderId !== null));
    const company = folders.find(f => f.name === 'Company flows')!;
    const sub = await api('GET', `/v2/flows/folders?flowFolderOwnerEmail=${encodeURIComponent(user.emailAddress)}&parentId=${company.id}`);
    const subs = sub.body.flowsFolders as Array<{ id: string; parentFolderId: string }>;
    assert.ok(subs.length >= 2);
    assert.ok(subs.every(f => f.id === company.id || f.parentFolderId === company.id));
    const missing = await api('GET', '/v2/flows/folders');
    assert.equal(missing.status, 400);
    assert.match(firstError(missing.body), /flowFolderOwnerEmail is required/);
  });

  it('assign: creates Pending instances read back by prospects; reports bad ids and duplicates', async () => {
    const { api, world } = setup();
    const state = flowsStateOf(world);
    const owner = world.users[3]!;
    const flow = state.flows.find(f => f.visibility === 'Company' && !f.exclusive && f.workspaceId === owner.workspaceIds[0])!;
    const free = [...state.prospects.keys()].filter(id => !state.instances.some(x => x.crmProspectId === id && OPEN.includes(x.status))).slice(0, 2);
    assert.equal(free.length, 2);
    const res = await api('POST', '/v2/flows/prospects/assign', { body: { crmProspectsIds: [...free, 'not-a-real-id'], flowId: flow.id, flowInstanceOwnerEmail: owner.emailAddress } });
    assert.equal(res.status, 200);
    assert.equal(res.route.scope, 'api:flows:write');
    const s = sample('flows-assign.POST_v2_flows_prospects_assign.json');
    if (s) assert.deepEqual(sameShape(res.body, s), []);
    const assigned = res.body.prospectsAssigned as Array<Record<string, unknown>>;
    assert.deepEqual(assigned.map(a => a.crmProspectId), free);
    assert.ok(assigned.every(a => a.flowInstanceStatus === 'Pending' && a.flowInstanceOwnerEmail === owner.emailAddress && a.flowId === flow.id));
    assert.deepEqual(res.body.prospectsNotAssigned, [{ flowId: flow.id, crmProspectId: 'not-a-real-id', errorCode: 'InvalidArgument', errorMessage: 'Invalid crmId not-a-real-id' }]);

    const read = await api('POST', '/v2/flows/prospects', { body: { crmProspectsIds: free } });
    assert.equal(read.status, 200);
    const sp = sample('flows-prospects.POST_v2_flows_prospects.json');
    if (sp) assert.deepEqual(sameShape(read.body, sp), []);
    const ids = (read.body.prospectsAssigned as Array<{ flowInstanceId: string }>).map(x => x.flowInstanceId);
    for (const a of assigned) assert.ok(ids.includes(a.flowInstanceId as string));

    const again = await api('POST', '/v2/flows/prospects/assign', { body: { crmProspectsIds: [free[0]], flowId: flow.id, flowInstanceOwnerEmail: owner.emailAddress } });
    assert.equal((again.body.prospectsNotAssigned as Array<{ errorCode: string }>)[0]!.errorCode, 'InvalidState');

    const un = await api('POST', '/v2/flows/prospects/unassign-flows-by-crm-id', { body: { crmProspectId: free[0], flowId: flow.id } });
    assert.equal(un.status, 200);
    assert.equal(un.route.scope, 'api:flows:write');
    assert.deepEqual(un.body.unassignedFlowInstanceIds, [assigned[0]!.flowInstanceId]);
    const after = await api('POST', '/v2/flows/prospects', { body: { crmProspectsIds: [free[0]] } });
    assert.ok(!(after.body.prospectsAssigned as Array<{ flowInstanceId: string }>).some(x => x.flowInstanceId === assigned[0]!.flowInstanceId), 'no longer open');
    const byInstance = await api('POST', '/v2/flows/prospects', { body: { flowInstanceIds: [assigned[0]!.flowInstanceId] } });
    assert.equal((byInstance.body.prospectsAssigned as Array<{ flowInstanceStatus: string }>)[0]!.flowInstanceStatus, 'Finished');
    const unknown = await api('POST', '/v2/flows/prospects/unassign-flows-by-crm-id', { body: { crmProspectId: 'nobody' } });
    assert.deepEqual(unknown.body.unassignedFlowInstanceIds, []);
  });

  it('assign validation: at most 100 prospects, required fields, unknown flow 404', async () => {
    const { api, world } = setup();
    const state = flowsStateOf(world);
    const flow = state.flows[0]!;
    const owner = world.users[3]!.emailAddress;
    const many = Array.from({ length: 101 }, (_, i) => `id${i}`);
    const tooMany = await api('POST', '/v2/flows/prospects/assign', { body: { crmProspectsIds: many, flowId: flow.id, flowInstanceOwnerEmail: owner } });
    assert.equal(tooMany.status, 400);
    assert.match(firstError(tooMany.body), /at most 100/);
    const hundred = await api('POST', '/v2/flows/prospects/assign', { body: { crmProspectsIds: many.slice(0, 100), flowId: flow.id, flowInstanceOwnerEmail: owner } });
    assert.equal(hundred.status, 200);
    assert.equal((hundred.body.prospectsNotAssigned as unknown[]).length, 100);
    const noFlow = await api('POST', '/v2/flows/prospects/assign', { body: { crmProspectsIds: ['a'], flowId: '1', flowInstanceOwnerEmail: owner } });
    assert.equal(noFlow.status, 404);
    assert.equal(firstError(noFlow.body), 'Flow not found');
    for (const [b, re] of [
      [{ flowId: flow.id, flowInstanceOwnerEmail: owner }, /crmProspectsIds is required/],
      [{ crmProspectsIds: [], flowId: flow.id, flowInstanceOwnerEmail: owner }, /crmProspectsIds must not be empty/],
      [{ crmProspectsIds: ['a'], flowInstanceOwnerEmail: owner }, /flowId is required/],
      [{ crmProspectsIds: ['a'], flowId: flow.id }, /flowInstanceOwnerEmail is required/],
    ] as Array<[Record<string, unknown>, RegExp]>) {
      const res = await api('POST', '/v2/flows/prospects/assign', { body: b });
      assert.equal(res.status, 400);
      assert.match(firstError(res.body), re);
    }
    const none = await api('POST', '/v2/flows/prospects', { body: {} });
    assert.equal(none.status, 400);
    const noProspect = await api('POST', '/v2/flows/prospects/unassign-flows-by-crm-id', { body: {} });
    assert.equal(noProspect.status, 400);
    assert.match(firstError(noProspect.body), /crmProspectId is required/);
  });
});

describe('local Gong tasks route', () => {
  it('lists a user\'s flow and manual tasks, sample shape, filtered by type and status', async () => {
    const { api, world } = setup();
    const state = flowsStateOf(world);
    const owner = world.users.find(u => state.instances.some(x => x.ownerId === u.id && x.status === 'Running'))!;
    const all = { userId: owner.id, types: ['FLOW', 'MANUAL'], taskAction: ['CALL'], status: ['OPEN', 'DONE', 'DISMISSED'] };
    const res = await api('POST', '/v2/tasks', { body: { filter: all } });
    assert.equal(res.status, 200);
    assert.equal(res.route.scope, 'api:tasks:read');
    const s = sample('tasks.POST_v2_tasks.json');
    const tasks = res.body.tasks as Array<Record<string, unknown>>;
    const flowTask = tasks.find(t => t.type === 'FLOW');
    assert.ok(flowTask, 'a Running instance yields a flow task');
    if (s) assert.deepEqual(sameShape({ ...res.body, tasks: [flowTask] }, s), []);
    assert.equal(String(flowTask.userId), owner.id);
    assert.deepEqual(flowTask.actions, ['CALL']);
    const open = await api('POST', '/v2/tasks', { body: { filter: { ...all, types: ['FLOW'], status: ['OPEN'] } } });
    const openTasks = open.body.tasks as Array<Record<string, unknown>>;
    assert.ok(openTasks.length > 0);
    assert.ok(openTasks.every(t => t.type === 'FLOW' && t.status === 'OPEN'));
    assert.equal(openTasks.length, state.instances.filter(x => x.ownerId === owner.id && x.status === 'Running' && state.flowsById.get(x.flowId)!.steps.some(st => st.kind === 'CALL')).length);
  });

  it('validates the filter', async () => {
    const { api, world } = setup();
    const base = { userId: world.users[3]!.id, types: ['FLOW'], taskAction: ['CALL'], status: ['OPEN'] };
    const cases: Array<[unknown, number, RegExp]> = [
      [{}, 400, /filter is required/],
      [{ filter: { ...base, userId: undefined } }, 400, /filter\.userId is required/],
      [{ filter: { ...base, types: ['EMAIL'] } }, 400, /filter\.types must be one of FLOW, MANUAL/],
      [{ filter: { ...base, taskAction: undefined } }, 400, /filter\.taskAction is required/],
      [{ filter: { ...base, status: ['LATE'] } }, 400, /filter\.status must be one of/],
      [{ filter: { ...base, userId: '1' } }, 400, /filter\.userId 1 is not a user/],
    ];
    for (const [b, status, re] of cases) {
      const res = await api('POST', '/v2/tasks', { body: b });
      assert.equal(res.status, status, JSON.stringify(b));
      assert.match(firstError(res.body), re);
    }
  });
});
