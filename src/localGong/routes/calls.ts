/**
 * /v2/calls*: listing, one call, registering a call and its media, the extensive read with its
 * content selector, transcripts, manual CRM associations and per-call user access.
 */

import type { LocalRequest, RouteContext, RouteDef } from '../contract';
import { LocalHttpError } from '../contract';
import type { LgCall, LgParty, World } from '../model';
import { Rand } from '../ids';
import {
  bad, bodyObject, filterObject, idString, isRecord, optionalBoolean, optionalDateTime, optionalIdList, optionalString,
  parseDateTime, requiredString,
} from '../validate';
import { APP_HOST, callExtras, callFilterTime, formatInZone, isErasedEmail, isErasedPhone, scrubErased, worldExtras } from '../world';

const NO_CALLS = 'No calls found corresponding to the provided filters';
const DIRECTIONS = ['Inbound', 'Outbound', 'Conference', 'Unknown'] as const;

/** Gong's CallBasicData for a call. */
export function callBasic(call: LgCall, world?: World): Record<string, unknown> {
  const extras = callExtras(call);
  return {
    id: call.id,
    url: call.url,
    title: world === undefined ? call.title : scrubErased(world, call.title),
    scheduled: call.scheduled === '' ? null : call.scheduled,
    started: call.started,
    duration: call.duration,
    primaryUserId: call.primaryUserId,
    direction: call.direction,
    system: call.system,
    scope: call.scope,
    media: call.media,
    language: call.language,
    workspaceId: call.workspaceId,
    sdrDisposition: extras.sdrDisposition,
    clientUniqueId: call.clientUniqueId,
    customData: call.customData,
    purpose: call.purpose,
    meetingUrl: call.meetingUrl === '' ? null : call.meetingUrl,
    isPrivate: call.isPrivate,
    calendarEventId: extras.calendarEventId,
  };
}

/** Parties minus anyone whose email or phone number was erased through the data-privacy API. */
export function visibleParties(world: World, parties: readonly LgParty[]): LgParty[] {
  if (world.erasedEmails.size === 0 && world.erasedPhones.size === 0) return parties.slice();
  const out: LgParty[] = [];
  for (const p of parties) {
    if (isErasedEmail(world, p.emailAddress)) continue;
    if (isErasedPhone(world, p.phoneNumber)) {
      if (p.emailAddress === undefined) continue;
      const { phoneNumber: _dropped, ...rest } = p;
      out.push(rest);
      continue;
    }
    out.push(p);
  }
  return out;
}

interface CallFilter {
  from?: number;
  to?: number;
  workspaceId?: string;
  callIds?: string[];
  primaryUserIds?: string[];
}

function readFilter(f: Record<string, unknown>, allowPrimaryUsers: boolean): CallFilter {
  const out: CallFilter = {};
  const from = optionalDateTime(f.fromDateTime, 'filter.fromDateTime');
  const to = optionalDateTime(f.toDateTime, 'filter.toDateTime');
  if (from !== undefined) out.from = from;
  if (to !== undefined) out.to = to;
  if (from !== undefined && to !== undefined && from >= to) throw bad('filter.fromDateTime must be before filter.toDateTime');
  if (f.workspaceId !== undefined && f.workspaceId !== null) out.workspaceId = idString(f.workspaceId, 'filter.workspaceId');
  const callIds = optionalIdList(f.callIds, 'filter.callIds');
  if (callIds !== undefined) out.callIds = callIds;
  if (allowPrimaryUsers) {
    const primaryUserIds = optionalIdList(f.primaryUserIds, 'filter.primaryUserIds');
    if (primaryUserIds !== undefined) out.primaryUserIds = primaryUserIds;
  }
  return out;
}

/** Calls matching a filter, oldest first (the order Gong pages them in). */
function selectCalls(world: World, filter: CallFilter): LgCall[] {
  let source: LgCall[];
  if (filter.callIds !== undefined) {
    const seen = new Set<string>();
    source = [];
    for (const id of filter.callIds) {
      const c = world.callsById.get(id);
      if (c !== undefined && !seen.has(id)) {
        seen.add(id);
        source.push(c);
      }
    }
    source.sort((a, b) => callFilterTime(a) - callFilterTime(b));
  } else {
    source = world.calls.slice().reverse();
  }
  const users = filter.primaryUserIds === undefined ? undefined : new Set(filter.primaryUserIds);
  return source.filter(c => {
    const t = callFilterTime(c);
    if (filter.from !== undefined && t < filter.from) return false;
    if (filter.to !== undefined && t >= filter.to) return false;
    if (filter.workspaceId !== undefined && c.workspaceId !== filter.workspaceId) return false;
    if (users !== undefined && !users.has(c.primaryUserId)) return false;
    return true;
  });
}

function requireWorkspace(world: World, workspaceId: string | undefined): void {
  if (workspaceId !== undefined && !world.workspaces.some(w => w.id === workspaceId)) {
    throw new LocalHttpError(404, [`Workspace ${workspaceId} was not found`]);
  }
}

// ----------------------------------------------------------------------------------------------

function listCalls(req: LocalRequest, ctx: RouteContext): { body: Record<string, unknown> } {
  // Both dates are optional: without them Gong lists every call (recorded live).
  const from = optionalDateTime(req.query.get('fromDateTime'), 'fromDateTime') ?? Number.NEGATIVE_INFINITY;
  const to = optionalDateTime(req.query.get('toDateTime'), 'toDateTime') ?? Number.POSITIVE_INFINITY;
  if (from >= to) throw bad('fromDateTime must be before toDateTime');
  const ws = req.query.get('workspaceId');
  const filter: CallFilter = { from, to };
  if (ws !== null && ws !== '') filter.workspaceId = idString(ws, 'workspaceId');
  const calls = selectCalls(ctx.world, filter);
  if (calls.length === 0) throw new LocalHttpError(404, [NO_CALLS]);
  const page = ctx.page(req, calls);
  return { body: { records: page.records, calls: page.items.map(c => callBasic(c, ctx.world)) } };
}

function getCall(req: LocalRequest, ctx: RouteContext): { body: Record<string, unknown> } {
  const id = req.params.id ?? '';
  const call = /^\d{1,20}$/.test(id) ? ctx.world.callsById.get(id) : undefined;
  if (call === undefined) throw new LocalHttpError(404, [`Call ID ${id} was not found`]);
  return { body: { call: callBasic(call, ctx.world) } };
}

function createCall(req: LocalRequest, ctx: RouteContext): { body: Record<string, unknown> } {
  const body = bodyObject(req);
  const world = ctx.world;
  const clientUniqueId = requiredString(body.clientUniqueId, 'clientUniqueId', 2048);
  const actualStartMs = parseDateTime(body.actualStart, 'actualStart');
  const direction = body.direction;
  if (typeof direction !== 'string' || !(DIRECTIONS as readonly string[]).includes(direction)) {
    throw bad(`direction must be one of ${DIRECTIONS.join(', ')}`);
  }
  const primaryUser = idString(body.primaryUser, 'primaryUser');
  const user = world.usersById.get(primaryUser);
  if (user === undefined) throw bad(`primaryUser ${primaryUser} is not a user of this company`);
  if (!Array.isArray(body.parties) || body.parties.length === 0) throw bad('parties must list at least one party');
  const title = optionalString(body.title, 'title', 1024);
  const purpose = optionalString(body.purpose, 'purpose', 255);
  optionalString(body.disposition, 'disposition', 255);
  const customData = optionalString(body.customData, 'customData');
  const meetingUrl = optionalString(body.meetingUrl, 'meetingUrl', 2048);
  const downloadMediaUrl = optionalString(body.downloadMediaUrl, 'downloadMediaUrl', 2048);
  if (body.flowContext !== undefined && body.flowContext !== null) {
    if (!isRecord(body.flowContext)) throw bad('flowContext must be an object');
    optionalString(body.flowContext.taskId, 'flowContext.taskId', 64);
  }
  const scheduledStart = optionalDateTime(body.scheduledStart, 'scheduledStart');
  optionalDateTime(body.scheduledEnd, 'scheduledEnd');
  let duration = 0;
  if (body.duration !== undefined && body.duration !== null) {
    if (typeof body.duration !== 'number' || !(body.duration >= 0)) throw bad('duration must be a non-negative number of seconds');
    duration = Math.round(body.duration);
  }
  let workspaceId = user.workspaceIds[0] ?? world.workspaces[0]?.id ?? '';
  if (body.workspaceId !== undefined && body.workspaceId !== null) {
    workspaceId = idString(body.workspaceId, 'workspaceId');
    if (!world.workspaces.some(w => w.id === workspaceId)) throw bad(`workspaceId ${workspaceId} was not found`);
  }
  const parties: LgParty[] = body.parties.map((p: unknown, i: number) => {
    if (!isRecord(p)) throw bad(`parties[${i}] must be an object`);
    const userId = p.userId === undefined || p.userId === null ? undefined : idString(p.userId, `parties[${i}].userId`);
    const email = optionalString(p.emailAddress, `parties[${i}].emailAddress`, 320);
    const phoneNumber = optionalString(p.phoneNumber, `parties[${i}].phoneNumber`, 64);
    const name = optionalString(p.name, `parties[${i}].name`, 512);
    const u = userId === undefined ? undefined : world.usersById.get(userId);
    const party: LgParty = {
      id: ctx.newId(),
      name: name ?? (u === undefined ? (email ?? phoneNumber ?? 'Unknown') : `${u.firstName} ${u.lastName}`),
      speakerId: ctx.newId(),
      affiliation: u !== undefined ? 'Internal' : 'External',
      methods: ['Attendee'],
    };
    const emailAddress = email ?? u?.emailAddress;
    if (emailAddress !== undefined) party.emailAddress = emailAddress;
    if (phoneNumber !== undefined) party.phoneNumber = phoneNumber;
    if (userId !== undefined) party.userId = userId;
    if (u !== undefined) party.title = u.title;
    return party;
  });
  if (!parties.some(p => p.userId === primaryUser)) throw bad('parties must include a party for the primaryUser (set its userId)');
  if (world.calls.some(c => c.clientUniqueId === clientUniqueId)) {
    throw new LocalHttpError(409, [`A call with clientUniqueId ${clientUniqueId} already exists`]);
  }
  const id = ctx.newId();
  const started = formatInZone(actualStartMs, world.timeZone, 3);
  const call: LgCall = {
    id,
    workspaceId,
    primaryUserId: primaryUser,
    title: title ?? (direction === 'Conference' ? 'Untitled meeting' : `${direction} call`),
    scheduled: scheduledStart === undefined ? '' : formatInZone(scheduledStart, world.timeZone, 0),
    started,
    duration,
    direction: direction as LgCall['direction'],
    scope: parties.some(p => p.affiliation === 'External') ? 'External' : 'Internal',
    system: typeof body.callProviderCode === 'string' ? body.callProviderCode : 'API',
    media: 'Audio',
    language: typeof body.languageCode === 'string' && body.languageCode.toLowerCase().startsWith('es') ? 'spa' : 'eng',
    isPrivate: false,
    url: `${APP_HOST}/call?id=${id}`,
    meetingUrl: meetingUrl ?? '',
    purpose: purpose ?? null,
    clientUniqueId,
    customData: customData ?? null,
    parties,
    accessUserIds: [],
    extensive: {},
    transcript: () => [],
    mediaStatus: downloadMediaUrl === undefined ? 'WAITING' : 'UPLOADED',
  };
  // Newest first: insert at the position of its start time.
  const t = callFilterTime(call);
  let at = world.calls.findIndex(c => callFilterTime(c) <= t);
  if (at < 0) at = world.calls.length;
  world.calls.splice(at, 0, call);
  world.callsById.set(id, call);
  return { body: { callId: id } };
}

function uploadMedia(req: LocalRequest, ctx: RouteContext): { status: number; body: Record<string, unknown> } {
  const id = req.params.id ?? '';
  const call = ctx.world.callsById.get(id);
  if (call === undefined) throw new LocalHttpError(404, [`Call ID ${id} was not found`]);
  if (req.multipart === undefined) throw bad('The body must be multipart/form-data with a mediaFile part');
  const file = req.multipart.files.mediaFile;
  if (file === undefined) throw bad('mediaFile is required');
  if (file.size === 0) throw bad('mediaFile is empty');
  if (call.mediaStatus !== 'WAITING') throw bad(`Call ${id} is not waiting for media`);
  call.mediaStatus = 'UPLOADED';
  return { status: 201, body: { callId: id, url: call.url } };
}

// ----------------------------------------------------------------------------------------------
// /v2/calls/extensive

interface Selector {
  context: 'None' | 'Basic' | 'Extended';
  timing: string[];
  parties: boolean;
  media: boolean;
  content: Record<string, boolean>;
  interaction: Record<string, boolean>;
  publicComments: boolean;
}

const CONTENT_FIELDS = ['structure', 'topics', 'trackers', 'trackerOccurrences', 'pointsOfInterest', 'brief', 'outline', 'highlights', 'callOutcome', 'keyPoints'];
const INTERACTION_FIELDS = ['speakers', 'video', 'personInteractionStats', 'questions'];

function boolMap(value: unknown, field: string, allowed: readonly string[]): Record<string, boolean> {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) throw bad(`${field} must be an object`);
  const out: Record<string, boolean> = {};
  for (const [k, v] of Object.entries(value)) {
    if (!allowed.includes(k)) continue; // Gong ignores unknown selector keys
    const b = optionalBoolean(v, `${field}.${k}`);
    if (b === true) out[k] = true;
  }
  return out;
}

function readSelector(value: unknown): Selector {
  const sel: Selector = { context: 'None', timing: ['Now'], parties: false, media: false, content: {}, interaction: {}, publicComments: false };
  if (value === undefined || value === null) return sel;
  if (!isRecord(value)) throw bad('contentSelector must be an object');
  if (value.context !== undefined && value.context !== null) {
    if (value.context !== 'None' && value.context !== 'Basic' && value.context !== 'Extended') throw bad('contentSelector.context must be None, Basic or Extended');
    sel.context = value.context;
  }
  if (value.contextTiming !== undefined && value.contextTiming !== null) {
    if (!Array.isArray(value.contextTiming) || !value.contextTiming.every(t => t === 'Now' || t === 'TimeOfCall')) {
      throw bad('contentSelector.contextTiming must be a list of Now and TimeOfCall');
    }
    sel.timing = value.contextTiming.length > 0 ? (value.contextTiming as string[]) : ['Now'];
  }
  const ef = value.exposedFields;
  if (ef !== undefined && ef !== null) {
    if (!isRecord(ef)) throw bad('contentSelector.exposedFields must be an object');
    sel.parties = optionalBoolean(ef.parties, 'contentSelector.exposedFields.parties') ?? false;
    sel.media = optionalBoolean(ef.media, 'contentSelector.exposedFields.media') ?? false;
    sel.content = boolMap(ef.content, 'contentSelector.exposedFields.content', CONTENT_FIELDS);
    sel.interaction = boolMap(ef.interaction, 'contentSelector.exposedFields.interaction', INTERACTION_FIELDS);
    const collab = boolMap(ef.collaboration, 'contentSelector.exposedFields.collaboration', ['publicComments']);
    sel.publicComments = collab.publicComments === true;
  }
  return sel;
}

function partyContext(world: World, party: LgParty): unknown[] {
  if (party.affiliation !== 'External' || party.emailAddress === undefined) return [];
  const contact = worldExtras(world).contacts.find(c => c.emailAddress === party.emailAddress);
  if (contact === undefined) return [];
  return [{ system: 'Salesforce', objects: [{ objectType: 'Contact', objectId: contact.crmId, fields: [{ name: 'Title', value: contact.title }], timing: 'Now' }] }];
}

function partyOut(world: World, p: LgParty, withContext: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { id: p.id };
  if (p.emailAddress !== undefined) out.emailAddress = p.emailAddress;
  out.name = p.name;
  if (p.title !== undefined) out.title = p.title;
  if (p.userId !== undefined) out.userId = p.userId;
  if (p.methods.includes('Attendee')) out.speakerId = p.speakerId;
  out.context = withContext ? partyContext(world, p) : [];
  out.affiliation = p.affiliation;
  if (p.phoneNumber !== undefined) out.phoneNumber = p.phoneNumber;
  out.methods = p.methods;
  return out;
}

function extensiveCall(world: World, call: LgCall, sel: Selector): Record<string, unknown> {
  const out: Record<string, unknown> = { metaData: callBasic(call, world) };
  const ext = call.extensive;
  if (sel.context !== 'None') {
    const ctxList = Array.isArray(ext.context) ? (ext.context as Array<{ system: string; objects: Array<Record<string, unknown>> }>) : [];
    out.context = ctxList.map(c => ({
      system: c.system,
      objects: c.objects.flatMap(o => sel.timing.map(timing => ({
        ...o,
        // Basic context carries ids only; Extended adds the field values.
        fields: sel.context === 'Extended' ? o.fields : [],
        timing,
      }))),
    }));
  }
  if (sel.parties) out.parties = visibleParties(world, call.parties).map(p => partyOut(world, p, sel.context !== 'None'));
  const content = isRecord(ext.content) ? ext.content : {};
  const wantedContent = Object.keys(sel.content).filter(k => k !== 'trackerOccurrences' && k !== 'pointsOfInterest');
  if (wantedContent.length > 0 || sel.content.pointsOfInterest === true) {
    const c: Record<string, unknown> = {};
    for (const k of wantedContent) {
      if (k === 'trackers') {
        const trackers = Array.isArray(content.trackers) ? (content.trackers as Array<Record<string, unknown>>) : [];
        c.trackers = sel.content.trackerOccurrences === true ? trackers : trackers.map(t => {
          const { occurrences: _o, ...rest } = t;
          const phrases = Array.isArray(t.phrases) ? (t.phrases as Array<Record<string, unknown>>).map(p => {
            const { occurrences: _po, ...prest } = p;
            return prest;
          }) : [];
          return { ...rest, phrases };
        });
      } else if (content[k] !== undefined) {
        c[k] = content[k];
      }
    }
    if (sel.content.pointsOfInterest === true) c.pointsOfInterest = { actionItems: [] };
    out.content = c;
  }
  const interaction = isRecord(ext.interaction) ? ext.interaction : {};
  if (Object.keys(sel.interaction).length > 0) {
    const i: Record<string, unknown> = {};
    if (sel.interaction.speakers === true && interaction.speakers !== undefined) i.speakers = interaction.speakers;
    if (sel.interaction.personInteractionStats === true && interaction.interactionStats !== undefined) i.interactionStats = interaction.interactionStats;
    if (sel.interaction.video === true && interaction.video !== undefined) i.video = interaction.video;
    if (sel.interaction.questions === true && interaction.questions !== undefined) i.questions = interaction.questions;
    out.interaction = i;
  }
  if (sel.publicComments) {
    const collab = isRecord(ext.collaboration) ? ext.collaboration : {};
    out.collaboration = { publicComments: Array.isArray(collab.publicComments) ? collab.publicComments : [] };
  }
  if (sel.media) out.media = isRecord(ext.media) ? ext.media : {};
  return out;
}

function extensive(req: LocalRequest, ctx: RouteContext): { body: Record<string, unknown> } {
  const body = bodyObject(req);
  const filter = readFilter(filterObject(body), true);
  const sel = readSelector(body.contentSelector);
  if (sel.media && ctx.hasScope !== undefined && !ctx.hasScope('api:calls:read:media-url')) {
    throw new LocalHttpError(401, ["You don't have permission to use 'api:calls:read:media-url' in your app."]);
  }
  requireWorkspace(ctx.world, filter.workspaceId);
  const calls = selectCalls(ctx.world, filter);
  if (calls.length === 0) throw new LocalHttpError(404, [NO_CALLS]);
  const page = ctx.page(req, calls);
  return { body: { records: page.records, calls: page.items.map(c => extensiveCall(ctx.world, c, sel)) } };
}

function transcripts(req: LocalRequest, ctx: RouteContext): { body: Record<string, unknown> } {
  const body = bodyObject(req);
  const filter = readFilter(filterObject(body), false);
  requireWorkspace(ctx.world, filter.workspaceId);
  const calls = selectCalls(ctx.world, filter);
  if (calls.length === 0) throw new LocalHttpError(404, [NO_CALLS]);
  const page = ctx.page(req, calls);
  return {
    body: {
      records: page.records,
      callTranscripts: page.items.map(c => ({ callId: c.id, transcript: c.transcript() })),
    },
  };
}

// ----------------------------------------------------------------------------------------------

interface Association { callId: string; userId: string; createdMs: number; accountCrmId: string; dealCrmId?: string }

const associationsByWorld = new WeakMap<World, Association[]>();

function associations(world: World): Association[] {
  const hit = associationsByWorld.get(world);
  if (hit !== undefined) return hit;
  const r = new Rand(world.rng('manual-crm-associations'));
  const extras = worldExtras(world);
  const list: Association[] = [];
  for (let i = 0; i < world.calls.length && list.length < 2000; i += 7) {
    const call = world.calls[i];
    if (call === undefined || call.scope !== 'External') continue;
    const k = r.int(0, extras.accountCrmIds.length - 1);
    const a: Association = {
      callId: call.id,
      userId: call.primaryUserId,
      createdMs: Date.parse(call.started) + (call.duration + r.int(300, 86_400)) * 1000,
      accountCrmId: extras.accountCrmIds[k] ?? '',
    };
    if (r.chance(0.7)) a.dealCrmId = extras.dealCrmIds[k] ?? '';
    list.push(a);
  }
  list.sort((a, b) => a.createdMs - b.createdMs);
  associationsByWorld.set(world, list);
  return list;
}

function manualAssociations(req: LocalRequest, ctx: RouteContext): { body: Record<string, unknown> } {
  const fromRaw = req.query.get('fromDateTime');
  const from = fromRaw === null || fromRaw === '' ? undefined : parseDateTime(fromRaw, 'fromDateTime');
  const list = associations(ctx.world).filter(a => from === undefined || a.createdMs >= from);
  const page = ctx.page(req, list);
  return {
    body: {
      records: page.records,
      associations: page.items.map(a => ({
        callId: a.callId,
        userId: a.userId,
        created: formatInZone(a.createdMs, ctx.world.timeZone, 3),
        associatedCrmObjects: [a.dealCrmId === undefined ? { accountCrmId: a.accountCrmId } : { accountCrmId: a.accountCrmId, dealCrmId: a.dealCrmId }],
      })),
    },
  };
}

// ----------------------------------------------------------------------------------------------

function readAccessList(req: LocalRequest, world: World): Array<{ call: LgCall; userIds: string[] }> {
  const body = bodyObject(req);
  const list = body.callAccessList;
  if (!Array.isArray(list) || list.length === 0) throw bad('callAccessList must list at least one call');
  const out: Array<{ call: LgCall; userIds: string[] }> = [];
  let missing = false;
  list.forEach((item: unknown, i: number) => {
    if (!isRecord(item)) throw bad(`callAccessList[${i}] must be an object`);
    const callId = idString(item.callId, `callAccessList[${i}].callId`);
    const userIds = optionalIdList(item.userIds, `callAccessList[${i}].userIds`);
    if (userIds === undefined) throw bad(`callAccessList[${i}].userIds is required`);
    const call = world.callsById.get(callId);
    if (call === undefined) missing = true;
    else out.push({ call, userIds });
  });
  if (missing) throw bad('Some calls not found');
  return out;
}

function readAccess(req: LocalRequest, ctx: RouteContext): { body: Record<string, unknown> } {
  const filter = filterObject(bodyObject(req));
  const callIds = optionalIdList(filter.callIds, 'filter.callIds');
  if (callIds === undefined || callIds.length === 0) throw bad('filter.callIds is required');
  const calls = callIds.map(id => ctx.world.callsById.get(id));
  if (calls.some(c => c === undefined)) throw bad('Some calls not found');
  return {
    body: {
      callAccessList: (calls as LgCall[]).map(c => ({ callId: c.id, users: c.accessUserIds.map(userId => ({ userId })) })),
    },
  };
}

function grantAccess(req: LocalRequest, ctx: RouteContext): { body: Record<string, unknown> } {
  const items = readAccessList(req, ctx.world);
  for (const { userIds } of items) {
    const unknown = userIds.filter(u => !ctx.world.usersById.has(u));
    if (unknown.length > 0) throw bad(`Some users not found: ${unknown.join(', ')}`);
  }
  for (const { call, userIds } of items) {
    for (const u of userIds) if (!call.accessUserIds.includes(u)) call.accessUserIds.push(u);
  }
  return { body: {} };
}

function revokeAccess(req: LocalRequest, ctx: RouteContext): { body: Record<string, unknown> } {
  const items = readAccessList(req, ctx.world);
  for (const { call, userIds } of items) {
    const drop = new Set(userIds);
    call.accessUserIds = call.accessUserIds.filter(u => !drop.has(u));
  }
  return { body: {} };
}

export const routes: RouteDef[] = [
  { method: 'GET', path: '/v2/calls', scope: 'api:calls:read:basic', handler: listCalls },
  { method: 'POST', path: '/v2/calls', scope: 'api:calls:create', handler: createCall },
  { method: 'POST', path: '/v2/calls/extensive', scope: 'api:calls:read:extensive', handler: extensive },
  { method: 'POST', path: '/v2/calls/transcript', scope: 'api:calls:read:transcript', handler: transcripts },
  { method: 'GET', path: '/v2/calls/manual-crm-associations', scope: 'api:crm-calls:manual-association:read', handler: manualAssociations },
  { method: 'POST', path: '/v2/calls/users-access', scope: 'api:call-user-access:read', handler: readAccess },
  { method: 'PUT', path: '/v2/calls/users-access', scope: 'api:call-user-access:write', handler: grantAccess },
  { method: 'DELETE', path: '/v2/calls/users-access', scope: 'api:call-user-access:write', handler: revokeAccess },
  { method: 'GET', path: '/v2/calls/:id', scope: 'api:calls:read:basic', handler: getCall },
  { method: 'PUT', path: '/v2/calls/:id/media', scope: 'api:calls:create', handler: uploadMedia },
];
