/**
 * Every one of the 68 actions runs through the catalog and the real client against the local Gong,
 * with inputs derived from the local Gong's world, and gets the documented status and answer shape.
 * Writes are checked by reading the state back. A final test fails when any action was not run.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GongClient, GongError, RequestScheduler } from '../../../src/gong/index';
import type { GongResponse } from '../../../src/gong/types';
import { startLocalGong } from '../../../src/localGong/index';
import type { LocalGongHandle } from '../../../src/localGong/index';
import { flowsStateOf } from '../../../src/localGong/routes/flows';
import { allRoutes } from '../../../src/localGong/routes/index';
import { providerDisconnected } from '../../../src/localGong/routes/meetings';
import { briefNamesOf } from '../../../src/localGong/routes/ai';
import { callCustomerIndex, worldExtras } from '../../../src/localGong/world';
import { allActions, catalog } from '../../../src/catalog/index';
import type { ActionDef } from '../../../src/catalog/types';
import { sampleInput } from './samples';
import type { SampleContext } from './samples';
import { LIVE_FIELDS, operationsOf, responseSchema, validate } from './openapi';
import type { OpenApiDoc } from './openapi';
import { REFERENCE_DIR } from '../reference';

type Data = Record<string, unknown>;

function isObj(v: unknown): v is Data {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Keys each record of an action's list must have (endpoints.md, per endpoint). */
const USER_KEYS = ['id', 'emailAddress', 'firstName', 'lastName', 'active', 'created', 'settings'];
const FLOW_INSTANCE_KEYS = ['flowId', 'flowName', 'crmProspectId', 'flowInstanceId', 'flowInstanceOwnerEmail', 'flowInstanceStatus'];
const ITEM_KEYS: Record<string, string[]> = {
  'calls.list': ['id', 'url', 'title', 'scheduled', 'started', 'duration', 'primaryUserId', 'direction', 'scope', 'media', 'language', 'workspaceId'],
  'calls.extensive': ['metaData'],
  'calls.transcript': ['callId', 'transcript'],
  'calls.manualCrmAssociations': ['callId', 'userId', 'created', 'associatedCrmObjects'],
  'calls.usersAccess.get': ['callId', 'users'],
  'users.list': USER_KEYS,
  'users.extensive': USER_KEYS,
  'users.settingsHistory': ['setting', 'value', 'time'],
  'workspaces.list': ['id', 'name'],
  'settings.trackers': ['trackerId', 'trackerName', 'workspaceId', 'languageKeywords', 'affiliation'],
  'settings.scorecards': ['scorecardId', 'scorecardName', 'enabled', 'questions'],
  'settings.callOutcomes': ['callOutcome', 'displayOrder', 'connectStatus', 'category'],
  'library.folders': ['id', 'name', 'parentFolderId', 'updated'],
  'library.folderContent': ['id', 'title', 'url', 'created'],
  'stats.activityAggregate': ['userId', 'userEmailAddress', 'userAggregateActivityStats'],
  'stats.activityByPeriod': ['userId', 'userEmailAddress', 'userAggregateActivity'],
  'stats.activityDayByDay': ['userId', 'userEmailAddress', 'userDailyActivityStats'],
  'stats.answeredScorecards': ['answeredScorecardId', 'scorecardId', 'callId', 'reviewedUserId', 'reviewMethod', 'answers'],
  'stats.interaction': ['userId', 'userEmailAddress', 'personInteractionStats'],
  'coaching.metrics': ['manager', 'directReportsMetrics'],
  'logs.list': ['eventTime', 'logRecord'],
  'meetings.integrationStatus': ['email', 'exists', 'valid'],
  'flows.list': ['id', 'name', 'folderId', 'visibility', 'creationDate', 'exclusive'],
  'flows.folders': ['id', 'name'],
  'flows.prospects': FLOW_INSTANCE_KEYS,
  'flows.assign': FLOW_INSTANCE_KEYS,
  'tasks.list': ['id', 'userId', 'created', 'status', 'type', 'actions'],
  'permissions.listProfiles': ['id', 'name', 'callsAccess'],
  'permissions.profileUsers': ['id', 'emailAddress'],
  'crm.getIntegrations': ['integrationId', 'ownerEmail', 'name'],
  'settings.briefs': ['briefId', 'briefName', 'workspaceId', 'status'],
  'flows.steps': ['id', 'name', 'steps'],
  'flows.assignCoolOffOverride': FLOW_INSTANCE_KEYS,
  'flows.bulkAssign': ['prospect', 'status'],
  'flows.bulkAssignment': ['prospect', 'status', 'crmId'],
  'tasks.update': ['id', 'userId', 'status', 'dueDate'],
};
/** Lists the generated company certainly fills. */
const NON_EMPTY = new Set([
  'calls.list', 'calls.extensive', 'calls.transcript', 'users.list', 'users.extensive', 'workspaces.list', 'settings.trackers',
  'settings.scorecards', 'settings.callOutcomes', 'library.folders', 'stats.activityAggregate', 'stats.activityByPeriod',
  'stats.activityDayByDay', 'stats.interaction', 'logs.list', 'coaching.metrics', 'meetings.integrationStatus', 'flows.list',
  'permissions.listProfiles', 'settings.briefs', 'flows.steps',
]);
/** Top-level keys of the answers that are not lists. */
const TOP_KEYS: Record<string, string[]> = {
  'calls.get': ['call'],
  'calls.create': ['callId'],
  'calls.addMedia': ['callId', 'url'],
  'users.get': ['user'],
  'library.folderContent': ['id', 'name'],
  'meetings.create': ['meetingId', 'meetingUrl', 'additionalInvitees'],
  'meetings.update': ['meetingId'],
  'flows.assign': ['prospectsNotAssigned'],
  'tasks.list': ['crmType'],
  'permissions.getProfile': ['profile'],
  'permissions.createProfile': ['profile'],
  'permissions.updateProfile': ['profile'],
  'dataPrivacy.forEmail': ['emails', 'calls', 'meetings', 'customerData', 'customerEngagement'],
  'dataPrivacy.forPhone': ['emails', 'calls', 'meetings', 'customerData', 'suppliedPhoneNumber', 'matchingPhoneNumbers'],
  'crm.registerIntegration': ['integrationId'],
  'crm.deleteIntegration': ['clientRequestId'],
  'crm.uploadEntities': ['clientRequestId'],
  'crm.requestStatus': ['status', 'errors', 'totalErrorCount', 'totalSuccessCount'],
  'crm.getEntities': ['crmObjectsMap'],
  'crm.entitySchema': ['objectTypeToSelectedFields'],
  'stats.activityAggregate': ['fromDateTime', 'toDateTime', 'timeZone'],
  'stats.interaction': ['fromDateTime', 'toDateTime', 'timeZone'],
  'entities.ask': ['numOfCallsSearched', 'numOfEmailsSearched', 'answer'],
  'entities.brief': ['numOfCallsSearched', 'numOfEmailsSearched', 'briefSections'],
  'settings.integrationOrigins': ['integrationId'],
  'flows.bulkAssign': ['id', 'status', 'totalCount', 'processedCount'],
  'flows.bulkAssignment': ['id', 'status', 'totalCount', 'processedCount', 'successCount', 'failedCount'],
  'flows.assignCoolOffOverride': ['prospectsNotAssigned'],
  'tasks.update': ['crmType'],
};

/** Gong's OpenAPI document (test/fixtures/reference/gong-api), which every answer below is checked against. */
const DOC = JSON.parse(readFileSync(join(REFERENCE_DIR, 'gong-api', 'gong-openapi.json'), 'utf8')) as OpenApiDoc;

/** What the contract checks saw per operation (`GET /v2/calls`): statuses answered and the schema violations found. */
interface Seen { statuses: Set<number>; successes: number; errors: string[] }
const contract = new Map<string, Seen>();

/** Checks one answer against the document's schema for its operation and status; an undocumented status is a violation too. */
function checkContract(action: ActionDef, status: number, body: unknown): void {
  const key = `${action.method} ${action.path}`;
  if (!DOC.paths[action.path]?.[action.method.toLowerCase()]) return; // not in the document (manual CRM associations)
  const seen = contract.get(key) ?? { statuses: new Set<number>(), successes: 0, errors: [] };
  contract.set(key, seen);
  seen.statuses.add(status);
  if (status < 300) seen.successes++;
  const schema = responseSchema(DOC, action.method, action.path, status);
  if (schema === undefined) { seen.errors.push(`status ${status} is not documented for ${key}`); return; }
  for (const e of validate(DOC, schema, body, '$', [], LIVE_FIELDS[key])) seen.errors.push(`${status} ${e}`);
}

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

describe('every action against the local Gong', function () {
  this.timeout(60_000);
  let gong: LocalGongHandle;
  let client: GongClient;
  let ctx: SampleContext;
  let dir: string;
  const ran = new Set<string>();

  async function run(id: string, input: unknown, status = 200): Promise<Data> {
    const action = catalog.find(id) as ActionDef;
    assert.ok(action, id);
    ran.add(action.id);
    let res: GongResponse;
    try {
      res = await client.request(catalog.toRequest(action, input));
    } catch (e) {
      if (GongError.is(e)) assert.fail(`${id}: Gong answered ${e.status ?? ''} ${e.errors.join('; ') || e.message}`);
      throw e;
    }
    assert.equal(res.status, status, `${id} status`);
    assert.ok(isObj(res.data), `${id} answers a JSON object`);
    if (!res.empty) checkContract(action, res.status, res.data);
    if (!res.empty) assert.equal(typeof res.data.requestId, 'string', `${id} carries a requestId`);
    if (res.empty) return res.data;
    if (action.paging !== 'none') assert.ok(isObj(res.data.records), `${id} answers a records block`);
    for (const k of TOP_KEYS[action.id] ?? []) assert.ok(k in res.data, `${id} answers ${k}`);
    if (action.listKey) {
      const items = res.data[action.listKey];
      assert.ok(Array.isArray(items), `${id} answers a ${action.listKey} list`);
      if (NON_EMPTY.has(action.id)) assert.ok(items.length > 0, `${id} lists something`);
      for (const item of items.slice(0, 3)) {
        for (const k of ITEM_KEYS[action.id] ?? []) assert.ok(isObj(item) && k in item, `${id}: ${action.listKey}[] has ${k}`);
      }
    }
    return res.data;
  }

  async function runError(id: string, input: unknown): Promise<GongError> {
    const action = catalog.find(id) as ActionDef;
    try {
      await client.request(catalog.toRequest(action, input));
    } catch (e) {
      if (GongError.is(e)) {
        // Gong's error envelope, as the client read it.
        if (e.status !== undefined) checkContract(action, e.status, { ...e.extra, requestId: e.requestId, errors: e.errors });
        return e;
      }
      throw e;
    }
    return assert.fail(`${id} succeeded`);
  }

  const sample = (id: string, patch: Data = {}): Data => ({ ...sampleInput(id, ctx), ...patch });

  const list = (d: Data, key: string): Data[] => {
    const v = d[key];
    assert.ok(Array.isArray(v), `${key} is a list`);
    return v as Data[];
  };

  before(async () => {
    gong = await startLocalGong({ rateLimit: false, seed: 7, users: 40, calls: 80 });
    client = new GongClient({ baseUrl: gong.baseUrl, auth: { kind: 'basic', accessKey: gong.accessKey, accessKeySecret: gong.accessKeySecret } }, {
      scheduler: new RequestScheduler({ requestsPerSecond: 1000, maxInFlight: 4 }), maxRetries: 0, timeoutMs: 20_000,
    });
    dir = mkdtempSync(join(tmpdir(), 'catalog-e2e-'));
    const w = gong.world;
    const now = w.generatedAt.getTime();
    const manager = w.users.find(u => w.users.some(o => o.managerId === u.id)) ?? w.users[0];
    assert.ok(manager);
    const organizer = w.users.find(u => u.active && !providerDisconnected(u) && u.id !== manager.id);
    assert.ok(organizer, 'a user whose meeting provider is connected');
    const call = w.calls[0];
    assert.ok(call);
    const other = w.users.find(u => u.id !== call.primaryUserId && !call.accessUserIds.includes(u.id));
    assert.ok(other);
    const state = flowsStateOf(w);
    const flow = state.flows.find(f => f.visibility === 'Company' && !f.exclusive) ?? state.flows.find(f => f.visibility === 'Company');
    assert.ok(flow, 'a company flow');
    const flowOwner = w.users.find(u => u.workspaceIds.includes(flow.workspaceId));
    assert.ok(flowOwner);
    const openStatuses = new Set(['Pending', 'Running', 'Paused']);
    const free = [...state.prospects.keys()].find(id => !state.instances.some(x => x.crmProspectId === id && openStatuses.has(x.status)));
    assert.ok(free, 'a prospect in no open flow');
    const phoneParty = w.calls.flatMap(c => c.parties).find(p => p.affiliation === 'External' && p.phoneNumber);
    const media = join(dir, 'call.mp3');
    writeFileSync(media, Buffer.alloc(4096, 7));
    const folder = w.libraryFolders.find(f => f.callIds.length > 0) ?? w.libraryFolders[0];
    const workspaceId = manager.workspaceIds[0] ?? w.workspaces[0]?.id ?? '1';
    const customerCall = w.calls.find(c => c.workspaceId === workspaceId && c.scope === 'External' && callCustomerIndex(c) !== undefined);
    assert.ok(customerCall, 'an external call in the workspace');
    const accountCrmId = worldExtras(w).accountCrmIds[callCustomerIndex(customerCall) as number];
    assert.ok(accountCrmId);
    const briefName = briefNamesOf(w, workspaceId)[0];
    assert.ok(briefName, 'a brief in the workspace');
    ctx = {
      userId: organizer.id,
      userEmail: organizer.emailAddress,
      managerId: manager.id,
      workspaceId,
      callId: call.id,
      otherUserId: other.id,
      folderId: folder?.id ?? '1',
      flowId: flow.id,
      flowOwnerEmail: flowOwner.emailAddress,
      crmProspectId: free,
      profileId: w.permissionProfiles[0]?.id ?? '1',
      integrationId: '1',
      meetingId: '1',
      scorecardId: '1',
      fromDateTime: new Date(now - 120 * 86400000).toISOString(),
      toDateTime: new Date(now + 86400000).toISOString(),
      fromDate: day(now - 60 * 86400000),
      toDate: day(now - 86400000),
      phone: phoneParty?.phoneNumber ?? '+14155550100',
      filePath: media,
      clientRequestId: 'catalog-e2e',
      accountCrmId,
      briefName,
      taskId: '1',
      flowInstanceId: '1',
      bulkAssignmentId: '1',
    };
  });

  after(async () => {
    await gong?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe('scopes', () => {
    it('each action asks for the scope the local Gong enforces on its route', () => {
      for (const a of allActions) {
        const template = a.path.replace(/\{(\w+)\}/g, ':$1');
        const route = allRoutes.find(r => r.method === a.method && r.path === template);
        assert.ok(route, `the local Gong has no route for ${a.method} ${a.path}`);
        assert.equal(a.scope, route.scope, `${a.id}`);
      }
    });
    it('a bearer token holding only the declared scope may run the action; one without it gets missingScope', async () => {
      for (const id of ['users.list', 'calls.transcript', 'coaching.metrics']) {
        const a = catalog.find(id) as ActionDef;
        const only = new GongClient({ baseUrl: gong.baseUrl, auth: { kind: 'bearer', token: gong.addToken([a.scope]) } }, { scheduler: new RequestScheduler({ requestsPerSecond: 1000 }), maxRetries: 0 });
        const res = await only.request(catalog.toRequest(a, sample(id)));
        assert.equal(res.status, 200, id);
        const none = new GongClient({ baseUrl: gong.baseUrl, auth: { kind: 'bearer', token: gong.addToken(['api:workspaces:read']) } }, { scheduler: new RequestScheduler({ requestsPerSecond: 1000 }), maxRetries: 0 });
        await assert.rejects(none.request(catalog.toRequest(a, sample(id))), (e: unknown) => GongError.is(e, 'missingScope') && e.scope === a.scope);
      }
    });
  });

  describe('calls', () => {
    it('calls.list, calls.get: basic call data', async () => {
      const d = await run('calls.list', sample('calls.list'));
      const calls = list(d, 'calls');
      assert.ok(calls.length > 0);
      assert.ok(isObj(d.records));
      assert.match(String(calls[0]?.id), /^\d{15,20}$/);
      const one = await run('calls.get', { id: ctx.callId });
      assert.ok(isObj(one.call) && one.call.id === ctx.callId);
    });
    it('calls.list without dates lists every call, as Gong does; with only a start, the calls from then on', async () => {
      const all = await run('calls.list', {});
      assert.equal((all.records as Data).totalRecords, gong.world.calls.length);
      const newest = gong.world.calls[0];
      assert.ok(newest);
      const since = await run('calls.list', { fromDateTime: new Date(Date.parse(newest.started) - 10 * 86400000).toISOString() });
      assert.ok(list(since, 'calls').some(c => c.id === newest.id));
      assert.ok(Number((since.records as Data).totalRecords) < gong.world.calls.length);
    });
    it('calls.create accepts the documented flowContext', async () => {
      const created = await run('calls.create', sample('calls.create', { clientUniqueId: 'flow-context-call', flowContext: { taskId: '7781' } }));
      assert.match(String(created.callId), /^\d{15,20}$/);
    });
    it('calls.list: no call in the range is an empty answer, not an error', async () => {
      const action = catalog.find('calls.list') as ActionDef;
      const res = await client.request(catalog.toRequest(action, { fromDateTime: '2001-01-01T00:00:00Z', toDateTime: '2001-01-02T00:00:00Z' }));
      assert.equal(res.empty, true, 'the documented "No calls found" 404 became an empty answer');
      assert.equal((res.data as Data).calls === undefined || ((res.data as Data).calls as unknown[]).length === 0, true);
    });
    it('calls.extensive, calls.transcript: content and sentences', async () => {
      const ext = await run('calls.extensive', sample('calls.extensive'));
      const c = list(ext, 'calls')[0];
      assert.ok(isObj(c) && isObj(c.metaData) && c.metaData.id === ctx.callId);
      assert.ok(Array.isArray(c.parties));
      const tr = await run('calls.transcript', sample('calls.transcript'));
      const t = list(tr, 'callTranscripts')[0];
      assert.ok(isObj(t) && t.callId === ctx.callId && Array.isArray(t.transcript));
    });
    it('calls.manualCrmAssociations', async () => {
      const d = await run('calls.manualCrmAssociations', sample('calls.manualCrmAssociations'));
      list(d, 'associations');
    });
    it('calls.usersAccess.set, .get, .remove: access given, read back, then removed', async () => {
      await run('calls.usersAccess.set', sample('calls.usersAccess.set'));
      const users = async (): Promise<string[]> => {
        const d = await run('calls.usersAccess.get', sample('calls.usersAccess.get'));
        const entry = list(d, 'callAccessList').find(e => e.callId === ctx.callId);
        assert.ok(entry, 'the call is listed');
        return (entry.users as Data[]).map(u => String(u.userId));
      };
      assert.ok((await users()).includes(ctx.otherUserId));
      await run('calls.usersAccess.remove', sample('calls.usersAccess.remove'));
      assert.ok(!(await users()).includes(ctx.otherUserId));
    });
    it('calls.create then calls.addMedia (201) on the new call', async () => {
      const created = await run('calls.create', sample('calls.create'));
      assert.match(String(created.callId), /^\d{15,20}$/);
      const media = await run('calls.addMedia', { id: created.callId, mediaFile: ctx.filePath }, 201);
      assert.equal(media.callId, created.callId);
      assert.equal(typeof media.url, 'string');
    });
  });

  describe('users, workspaces, settings, library', () => {
    it('users.list, users.extensive, users.get, users.settingsHistory', async () => {
      const all = list(await run('users.list', {}), 'users');
      assert.ok(all.some(u => u.id === ctx.userId));
      const ext = list(await run('users.extensive', sample('users.extensive')), 'users');
      assert.deepEqual(ext.map(u => u.id), [ctx.userId]);
      const one = await run('users.get', { id: ctx.userId });
      assert.ok(isObj(one.user) && one.user.emailAddress === ctx.userEmail);
      await run('users.settingsHistory', { id: ctx.userId });
    });
    it('workspaces.list, settings.trackers, settings.scorecards, settings.callOutcomes', async () => {
      const ws = list(await run('workspaces.list', {}), 'workspaces');
      assert.ok(ws.some(w => w.id === ctx.workspaceId));
      const trackers = list(await run('settings.trackers', sample('settings.trackers')), 'keywordTrackers');
      for (const t of trackers) assert.equal(t.workspaceId, ctx.workspaceId);
      const cards = list(await run('settings.scorecards', {}), 'scorecards');
      assert.ok(cards.length === 0 || typeof cards[0]?.scorecardId === 'string');
      list(await run('settings.callOutcomes', {}), 'outcomes');
    });
    it('library.folders, library.folderContent', async () => {
      const folders = list(await run('library.folders', {}), 'folders');
      assert.ok(folders.some(f => f.id === ctx.folderId));
      const content = await run('library.folderContent', sample('library.folderContent'));
      assert.equal(content.id, ctx.folderId);
      list(content, 'calls');
    });
  });

  describe('stats, coaching, logs', () => {
    it('the five stats actions', async () => {
      list(await run('stats.activityAggregate', sample('stats.activityAggregate')), 'usersAggregateActivityStats');
      list(await run('stats.activityByPeriod', sample('stats.activityByPeriod')), 'usersAggregateActivity');
      list(await run('stats.activityDayByDay', sample('stats.activityDayByDay')), 'usersDetailedActivities');
      list(await run('stats.answeredScorecards', sample('stats.answeredScorecards')), 'answeredScorecards');
      list(await run('stats.interaction', sample('stats.interaction')), 'peopleInteractionStats');
    });
    it('nothing found is an empty list on stats, logs and users extensive; an unknown user stays an error', async () => {
      const empty: Array<[string, unknown, string]> = [
        ['stats.activityAggregate', { filter: { fromDate: '2001-01-01', toDate: '2001-01-08' } }, 'usersAggregateActivityStats'],
        ['stats.activityByPeriod', { filter: { fromDate: '2001-01-01', toDate: '2001-01-08' }, aggregationPeriod: 'DAY' }, 'usersAggregateActivity'],
        ['stats.activityDayByDay', { filter: { fromDate: '2001-01-01', toDate: '2001-01-08' } }, 'usersDetailedActivities'],
        ['stats.interaction', { filter: { fromDate: '2001-01-01', toDate: '2001-01-08' } }, 'peopleInteractionStats'],
        ['stats.answeredScorecards', { filter: { callFromDate: '2001-01-01', callToDate: '2001-01-08' } }, 'answeredScorecards'],
        ['logs.list', { logType: 'AccessLog', fromDateTime: '2001-01-01T00:00:00Z', toDateTime: '2001-01-02T00:00:00Z' }, 'logEntries'],
        ['users.extensive', { filter: { createdFromDateTime: '2001-01-01T00:00:00Z', createdToDateTime: '2001-01-02T00:00:00Z' } }, 'users'],
      ];
      for (const [id, input, key] of empty) {
        const action = catalog.find(id) as ActionDef;
        const res = await client.request(catalog.toRequest(action, input));
        assert.equal(res.status, 404, `${id}: Gong answered its nothing-found 404`);
        assert.equal(res.empty, true, id);
        assert.deepEqual((res.data as Data)[key], [], `${id}: an empty ${key} list`);
        assert.deepEqual((res.data as Data).records, { totalRecords: 0, currentPageSize: 0, currentPageNumber: 0 }, id);
      }
      const unknownUser = '1234567890123456789';
      await assert.rejects(
        client.request(catalog.toRequest(catalog.find('stats.interaction') as ActionDef, { filter: { fromDate: '2001-01-01', toDate: '2001-01-08', userIds: [unknownUser] } })),
        (e: unknown) => GongError.is(e, 'notFound') && e.errors.some(m => m.includes(unknownUser)),
      );
    });
    it('coaching.metrics with the hyphenated query names', async () => {
      const d = await run('coaching.metrics', sample('coaching.metrics'));
      const first = list(d, 'coachingData')[0];
      assert.ok(isObj(first) && isObj(first.manager) && first.manager.id === ctx.managerId);
    });
    it('logs.list', async () => {
      list(await run('logs.list', sample('logs.list')), 'logEntries');
    });
  });

  describe('meetings', () => {
    it('meetings.create, update, delete; the deleted meeting is gone', async () => {
      const created = await run('meetings.create', sample('meetings.create'));
      const meetingId = String(created.meetingId);
      assert.match(meetingId, /^\d{1,20}$/);
      assert.equal(typeof created.meetingUrl, 'string');
      const updated = await run('meetings.update', sample('meetings.update', { meetingId }));
      assert.equal(String(updated.meetingId), meetingId);
      await run('meetings.delete', { meetingId, organizerEmail: ctx.userEmail });
      const again = await runError('meetings.update', sample('meetings.update', { meetingId }));
      assert.equal(again.status, 404);
    });
    it('meetings.integrationStatus', async () => {
      const users = list(await run('meetings.integrationStatus', sample('meetings.integrationStatus')), 'users');
      assert.ok(isObj(users[0]) && users[0].exists === true && typeof users[0].valid === 'boolean');
    });
  });

  describe('Engage', () => {
    it('flows.list, flows.folders', async () => {
      const flows = list(await run('flows.list', sample('flows.list')), 'flows');
      assert.ok(flows.some(f => f.id === ctx.flowId), 'the company flow is visible to a user of its workspace');
      const d = await run('flows.folders', sample('flows.folders'));
      assert.ok(Array.isArray(d.flowsFolders) || Array.isArray(d.flows));
    });
    it('flows.assign, flows.prospects, flows.unassignByCrmId: assigned, listed, then unassigned', async () => {
      const a = await run('flows.assign', sample('flows.assign'));
      assert.equal(list(a, 'prospectsAssigned').length, 1, JSON.stringify(a.prospectsNotAssigned));
      const listed = list(await run('flows.prospects', sample('flows.prospects')), 'prospectsAssigned');
      assert.ok(listed.some(x => x.flowId === ctx.flowId && x.crmProspectId === ctx.crmProspectId));
      const u = await run('flows.unassignByCrmId', sample('flows.unassignByCrmId'));
      assert.equal(list(u, 'unassignedFlowInstanceIds').length, 1);
      const after = list(await run('flows.prospects', sample('flows.prospects')), 'prospectsAssigned');
      assert.ok(!after.some(x => x.flowId === ctx.flowId));
    });
    it('tasks.list', async () => {
      const d = await run('tasks.list', sample('tasks.list'));
      list(d, 'tasks');
    });
    it('flows.steps: each flow with its numbered steps; more than 20 flows or an unknown flow is refused', async () => {
      const flows = list(await run('flows.steps', sample('flows.steps')), 'flows');
      assert.equal(flows[0]?.id, ctx.flowId);
      const steps = flows[0]?.steps as Data[];
      assert.deepEqual(steps.map(s => s.stepOrder), steps.map((_, i) => i + 1));
      const unknown = await runError('flows.steps', { flowIds: ['1'] });
      assert.equal(unknown.status, 404);
    });
    it('flows.assignCoolOffOverride (deprecated) assigns; flows.unassignByInstanceId removes that instance, and only open ones', async () => {
      assert.equal(catalog.find('flows.assignCoolOffOverride')?.deprecated, true);
      const state = flowsStateOf(gong.world);
      const openStatuses = new Set(['Pending', 'Running', 'Paused']);
      const free = [...state.prospects.keys()].find(id => id !== ctx.crmProspectId && !state.instances.some(x => x.crmProspectId === id && openStatuses.has(x.status)));
      assert.ok(free);
      const a = await run('flows.assignCoolOffOverride', sample('flows.assignCoolOffOverride', { crmProspectsIds: [free] }));
      const instanceId = String(list(a, 'prospectsAssigned')[0]?.flowInstanceId);
      const closed = state.instances.find(x => !openStatuses.has(x.status));
      assert.ok(closed, 'a finished instance');
      const u = await run('flows.unassignByInstanceId', { flowInstanceIds: [instanceId, closed.id] });
      assert.deepEqual(u.unassignedFlowInstanceIds, [instanceId], 'the finished instance is not listed');
      const again = await run('flows.unassignByInstanceId', { flowInstanceIds: [instanceId] });
      assert.deepEqual(again.unassignedFlowInstanceIds, []);
    });
    it('flows.bulkAssign (202, PENDING) then flows.bulkAssignment: in progress, then completed with a result per prospect', async () => {
      const state = flowsStateOf(gong.world);
      const openStatuses = new Set(['Pending', 'Running', 'Paused']);
      const free = [...state.prospects.keys()].filter(id => !state.instances.some(x => x.crmProspectId === id && openStatuses.has(x.status)));
      const submitted = await run('flows.bulkAssign', sample('flows.bulkAssign', { prospects: [{ crmId: free[free.length - 1] }, { crmId: '003NOPE' }, { firstName: 'Ana', lastName: 'Ruiz', companyName: 'Contoso' }] }), 202);
      assert.equal(submitted.status, 'PENDING');
      const id = String(submitted.id);
      const first = await run('flows.bulkAssignment', { id });
      assert.equal(first.status, 'IN_PROGRESS');
      const done = await run('flows.bulkAssignment', { id });
      assert.equal(done.status, 'COMPLETED');
      const results = list(done, 'results');
      assert.deepEqual(results.map(r => r.status), ['ASSIGNED', 'CRM_OPERATION_FAILED', 'ASSIGNED']);
      assert.equal(done.successCount, 2);
      assert.equal(done.failedCount, 1);
      assert.match(String(results[2]?.flowInstanceId), /^\d+$/, 'the prospect given by name became a lead in the flow');
      const missing = await runError('flows.bulkAssignment', { id: '42' });
      assert.equal(missing.status, 404);
    });
    it('tasks.update: a task marked DONE is listed as DONE, with its new due date and priority', async () => {
      const w = gong.world;
      let owner: string | undefined;
      let task: Data | undefined;
      for (const u of w.users) {
        const d = await run('tasks.list', { filter: { userId: u.id, types: ['FLOW', 'MANUAL'], taskAction: ['CALL'], status: ['OPEN'] } });
        task = list(d, 'tasks')[0];
        if (task) { owner = u.id; break; }
      }
      assert.ok(task && owner, 'some user has an open task');
      const taskId = String(task.id);
      const due = '2030-01-02T09:00:00Z';
      const upd = await run('tasks.update', { taskId, userId: owner, status: 'DONE', dueDate: due, priority: 'high' });
      const t = list(upd, 'tasks')[0];
      assert.ok(t && t.status === 'DONE' && String(t.id) === taskId);
      assert.equal(Date.parse(String(t.dueDate)), Date.parse(due));
      assert.equal((t.priority as Data).name, 'high');
      const done = list(await run('tasks.list', { filter: { userId: owner, types: ['FLOW', 'MANUAL'], taskAction: ['CALL'], status: ['DONE'] } }), 'tasks');
      assert.ok(done.some(x => String(x.id) === taskId));
      const open = list(await run('tasks.list', { filter: { userId: owner, types: ['FLOW', 'MANUAL'], taskAction: ['CALL'], status: ['OPEN'] } }), 'tasks');
      assert.ok(!open.some(x => String(x.id) === taskId));
      const missing = await runError('tasks.update', { taskId: '42', userId: owner, status: 'DONE' });
      assert.equal(missing.status, 404);
    });
    it('tasks: the opportunity amount and probability are strings, as documented', async () => {
      const w = gong.world;
      let seen = 0;
      for (const u of w.users.slice(0, 20)) {
        const d = await run('tasks.list', { filter: { userId: u.id, types: ['MANUAL'], taskAction: ['CALL'], status: ['OPEN', 'DONE', 'DISMISSED'] } });
        for (const t of list(d, 'tasks')) {
          const o = t.opportunity as Data | null;
          if (!o) continue;
          assert.equal(typeof o.amount, 'string');
          assert.equal(typeof o.probability, 'string');
          seen++;
        }
      }
      assert.ok(seen > 0, 'some manual task has an opportunity');
    });
  });

  describe('AI briefs and answers, integration settings', () => {
    it('settings.briefs lists the briefs of the workspace', async () => {
      const briefs = list(await run('settings.briefs', sample('settings.briefs')), 'briefs');
      assert.ok(briefs.some(b => b.briefName === ctx.briefName));
      for (const b of briefs) assert.equal(b.workspaceId, ctx.workspaceId);
    });
    it('entities.ask answers from the account\'s calls, and its Markdown names the question and those calls', async () => {
      const input = sample('entities.ask');
      const d = await run('entities.ask', input);
      assert.ok(Number(d.numOfCallsSearched) > 0, 'calls of the account were searched');
      const sections = list(d, 'answer');
      const calls = (sections[0]?.callFindings as Data[]).map(f => (f.call as Data).id);
      for (const id of calls) assert.equal(gong.world.callsById.get(String(id))?.workspaceId, ctx.workspaceId);
      const md = catalog.find('entities.ask')?.richAnswer?.(d, input) ?? '';
      assert.match(md, /^# What are the main risks in this deal\?/);
      assert.match(md, /\*\*From calls\*\*/);
      const none = await runError('entities.ask', { ...input, crmEntityId: '001NOTACCOUNT' });
      assert.equal(none.status, 404);
      const bad = catalog.validate(catalog.find('entities.ask') as ActionDef, { ...input, timePeriod: 'CUSTOM_RANGE' });
      assert.ok(!bad.ok && bad.issues.some(i => i.path === 'fromDateTime'), 'CUSTOM_RANGE needs fromDateTime');
      const raw = await client.request({ method: 'GET', path: '/v2/entities/ask-entity', query: { ...input, timePeriod: 'CUSTOM_RANGE' }, retrySafe: false }).catch((e: unknown) => e);
      assert.ok(GongError.is(raw) && raw.status === 400, 'and the local Gong refuses it too');
    });
    it('entities.brief builds the named brief\'s sections; an unknown brief is a 404', async () => {
      const d = await run('entities.brief', sample('entities.brief'));
      const sections = list(d, 'briefSections');
      assert.ok(sections.length >= 2);
      assert.ok(sections.every(s => typeof s.briefSectionType === 'string'));
      const md = catalog.find('entities.brief')?.richAnswer?.(d, sample('entities.brief')) ?? '';
      assert.match(md, new RegExp(`^# ${ctx.briefName}`));
      const none = await runError('entities.brief', sample('entities.brief', { briefName: 'No such brief' }));
      assert.equal(none.status, 404);
    });
    it('settings.integrationOrigins accepts origins and refuses a URL with a path', async () => {
      const d = await run('settings.integrationOrigins', sample('settings.integrationOrigins'));
      assert.match(String(d.integrationId), /^\d+$/);
      const bad = await runError('settings.integrationOrigins', { integrationTypeSettings: [{ integrationType: 'DIALER', allowedOrigin: 'https://acme.example.com/path' }] });
      assert.equal(bad.status, 400);
    });
  });

  describe('permission profiles', () => {
    it('list, get, users; create then read back; update then read back', async () => {
      const profiles = list(await run('permissions.listProfiles', sample('permissions.listProfiles')), 'profiles');
      assert.ok(profiles.length > 0);
      const pid = String(profiles[0]?.id);
      const got = await run('permissions.getProfile', { profileId: pid });
      assert.ok(isObj(got.profile) && got.profile.id === pid);
      list(await run('permissions.profileUsers', { profileId: pid }), 'users');
      const created = await run('permissions.createProfile', sample('permissions.createProfile'));
      assert.ok(isObj(created.profile));
      const newId = String(created.profile.id);
      const read = await run('permissions.getProfile', { profileId: newId });
      assert.ok(isObj(read.profile) && read.profile.name === 'Catalog profile catalog-e2e' && read.profile.scoreCalls === true);
      await run('permissions.updateProfile', { profileId: newId, description: 'Changed by the catalog tests' });
      const reread = await run('permissions.getProfile', { profileId: newId });
      assert.ok(isObj(reread.profile) && reread.profile.description === 'Changed by the catalog tests' && reread.profile.name === 'Catalog profile catalog-e2e');
    });
  });

  describe('CRM', () => {
    it('register, read back, a second register answers 409, upload -> DONE, read objects and schema, delete', async () => {
      const reg = await run('crm.registerIntegration', sample('crm.registerIntegration'));
      const integrationId = String(reg.integrationId);
      assert.match(integrationId, /^\d{19}$/, 'the bare 19-digit number arrives with every digit');
      const ints = list(await run('crm.getIntegrations', {}), 'integrations');
      assert.equal(String(ints[0]?.integrationId), integrationId);
      const dup = await runError('crm.registerIntegration', sample('crm.registerIntegration'));
      assert.equal(dup.status, 409);
      const file = join(dir, 'accounts.ldjson');
      writeFileSync(file, [
        JSON.stringify({ objectId: 'acc-1', modifiedDate: '2024-05-01T10:00:00Z', name: 'Contoso' }),
        JSON.stringify({ objectId: 'acc-2', modifiedDate: '2024-05-01T10:00:00Z', name: 'Fabrikam' }),
      ].join('\n'));
      const c = { ...ctx, integrationId, filePath: file };
      const up = await run('crm.uploadEntities', sampleInput('crm.uploadEntities', c), 201);
      assert.equal(up.clientRequestId, c.clientRequestId);
      let status = '';
      for (let i = 0; i < 40 && status !== 'DONE' && status !== 'FAILED'; i++) {
        const s = await run('crm.requestStatus', sampleInput('crm.requestStatus', c));
        status = String(s.status);
        if (status !== 'DONE') await new Promise(r => setTimeout(r, 100));
      }
      assert.equal(status, 'DONE');
      const objects = await run('crm.getEntities', sampleInput('crm.getEntities', c));
      assert.ok(isObj(objects.crmObjectsMap) && 'acc-1' in objects.crmObjectsMap);
      await run('crm.setSchema', sampleInput('crm.setSchema', c));
      const schema = await run('crm.entitySchema', sampleInput('crm.entitySchema', c));
      assert.ok(isObj(schema.objectTypeToSelectedFields));
      const accountFields = schema.objectTypeToSelectedFields.ACCOUNT as Data[];
      assert.ok(accountFields.some(f => f.uniqueName === 'tier__c' && f.type === 'PICKLIST'), 'the field set through crm.setSchema is read back');
      const del = await run('crm.deleteIntegration', sampleInput('crm.deleteIntegration', c), 201);
      assert.equal(del.clientRequestId, `${c.clientRequestId}-delete`);
      assert.equal(list(await run('crm.getIntegrations', {}), 'integrations').length, 0);
    });
  });

  describe('engagement events', () => {
    it('content shared, content viewed, custom action, digital interaction', async () => {
      await run('engagement.contentShared', sample('engagement.contentShared'));
      await run('engagement.contentViewed', sample('engagement.contentViewed'));
      await run('engagement.customAction', sample('engagement.customAction'));
      await run('engagement.digitalInteraction', sample('engagement.digitalInteraction'));
      const d = await run('dataPrivacy.forEmail', { emailAddress: 'guest@example.com' });
      assert.ok(list(d, 'customerEngagement').length >= 1, 'the reported events are on record for the guest');
    });
  });

  describe('data privacy (last: it erases data)', () => {
    it('lookups by email and phone, then erasing removes the person', async () => {
      const w = gong.world;
      const party = w.calls.flatMap(c => c.parties).find(p => p.affiliation === 'External' && p.emailAddress);
      assert.ok(party?.emailAddress, 'an external party with an email');
      const email = party.emailAddress;
      const before = await run('dataPrivacy.forEmail', { emailAddress: email });
      assert.ok(list(before, 'calls').length > 0, 'the party is found in calls');
      const byPhone = await run('dataPrivacy.forPhone', { phoneNumber: ctx.phone });
      assert.ok(Array.isArray(byPhone.matchingPhoneNumbers) || Array.isArray(byPhone.calls));
      await run('dataPrivacy.eraseEmail', { emailAddress: email });
      const after = await run('dataPrivacy.forEmail', { emailAddress: email });
      assert.equal(list(after, 'calls').length, 0, 'the erased email is gone');
      await run('dataPrivacy.erasePhone', { phoneNumber: ctx.phone });
      const afterPhone = await run('dataPrivacy.forPhone', { phoneNumber: ctx.phone });
      assert.equal(list(afterPhone, 'calls').length, 0, 'the erased phone is gone');
    });
  });

  // One test per operation of the document: each answered at least once with success, and every
  // answer seen (successes and documented errors) matches the document's schema with its corrections.
  describe('contract: every answer matches Gong\'s OpenAPI document', () => {
    for (const op of operationsOf(DOC)) {
      it(op.key, () => {
        const seen = contract.get(op.key);
        assert.ok(seen && seen.successes > 0, `${op.key} was never answered with success`);
        assert.deepEqual(seen.errors, [], `${op.key}: ${seen.errors.length} violation(s)`);
      });
    }
  });

  // Mocha runs a describe's own tests before its nested describes, so this check sits in a describe of its own, last.
  describe('coverage', () => {
    it('ran all 68 actions', () => {
      const missing = allActions.map(a => a.id).filter(id => !ran.has(id));
      assert.deepEqual(missing, [], `not run: ${missing.join(', ')}`);
    });
    it('checked the record keys of every list of objects', () => {
      const unchecked = allActions.filter(a => a.listKey && a.id !== 'flows.unassignByCrmId' && a.id !== 'flows.unassignByInstanceId' && !ITEM_KEYS[a.id]).map(a => a.id);
      assert.deepEqual(unchecked, []);
    });
  });
});
