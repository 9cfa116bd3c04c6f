/**
 * Gong's AI endpoints: the AI briefs configured per workspace (GET /v2/settings/briefs), a generated
 * brief for a CRM entity (GET /v2/entities/get-brief) and an answer to a question about one
 * (GET /v2/entities/ask-entity). Answers are built from the entity's generated calls (their key
 * points, next steps and briefs) and from emails derived from them, so they name real calls of the
 * company; the generated text is Markdown, as Gong's is. Entities are the CRM accounts, deals and
 * contacts the calls carry, and the leads of the Engage prospects.
 */

import type { LocalRequest, RouteContext, RouteDef } from '../contract';
import { LocalHttpError } from '../contract';
import type { LgCall, World } from '../model';
import { CUSTOMERS } from '../text';
import { APP_HOST, callCustomerIndex, callFilterTime, formatInZone, worldExtras } from '../world';
import { flowsStateOf } from './flows';
import { addDays, badRequest, checkEnum, hashId, hashInt, localDate, perWorld, reqQuery, startOfLocalDay } from '../extra/util';
import { parseDateTime } from '../validate';
import { textOf } from '../../shared/textOf';

const ENTITY_TYPES = ['ACCOUNT', 'CONTACT', 'DEAL', 'LEAD'] as const;
type EntityType = (typeof ENTITY_TYPES)[number];
const TIME_PERIODS = [
  'LAST_7DAYS', 'LAST_30DAYS', 'LAST_90DAYS', 'LAST_90_DAYS_SINCE_LAST_ACTIVITY', 'LAST_YEAR_SINCE_LAST_ACTIVITY', 'LAST_YEAR',
  'THIS_WEEK', 'THIS_MONTH', 'THIS_YEAR', 'THIS_QUARTER', 'CUSTOM_RANGE', 'ALL_CONVERSATIONS',
] as const;
type TimePeriod = (typeof TIME_PERIODS)[number];

/** Gong's documented ceilings for one answer. */
const MAX_CALLS = 60;
const MAX_EMAILS = 500;
const MAX_QUESTION = 2000;
const DAY = 86_400_000;

interface Entity { type: EntityType; crmId: string; name: string; customer: number | undefined }

interface BriefDef { briefId: string; briefName: string; workspaceId: string; description: string; published: boolean; creatorUserId: string; created: number; updated: number; sections: Array<{ title: string; type: 'Conversations' | 'Web' | 'CrmOrGongData' | 'McpConnection' }> }

const BRIEF_TEMPLATES: ReadonlyArray<Pick<BriefDef, 'briefName' | 'description' | 'sections'>> = [
  {
    briefName: 'Account overview', description: 'Where the account stands: pains, stakeholders, risks and recent news.',
    sections: [{ title: 'Summary', type: 'Conversations' }, { title: 'Stakeholders', type: 'CrmOrGongData' }, { title: 'Risks', type: 'Conversations' }, { title: 'In the news', type: 'Web' }],
  },
  {
    briefName: 'Deal review', description: 'Deal health for forecast calls: decision process, next steps and open tickets.',
    sections: [{ title: 'Decision process', type: 'Conversations' }, { title: 'Next steps', type: 'Conversations' }, { title: 'Open support tickets', type: 'McpConnection' }],
  },
  {
    briefName: 'Pre-call prep', description: 'What to know before the next call with this contact.',
    sections: [{ title: 'Last conversations', type: 'Conversations' }, { title: 'Talking points', type: 'Conversations' }],
  },
];

const briefsOf = perWorld<BriefDef[]>(world => world.workspaces.flatMap((ws, wi) => {
  const members = world.users.filter(u => u.workspaceIds.includes(ws.id));
  return BRIEF_TEMPLATES.slice(0, wi === 0 ? 3 : 2).map((t, ti) => {
    const creator = members[hashInt(0, Math.max(0, members.length - 1), ws.id, t.briefName, 'creator')] ?? world.users[0];
    const created = world.generatedAt.getTime() - hashInt(60, 400, ws.id, t.briefName, 'created') * DAY;
    return {
      ...t, briefId: hashId(ws.id, t.briefName, 'brief'), workspaceId: ws.id, published: ti !== 2,
      creatorUserId: creator?.id ?? '', created, updated: created + hashInt(0, 50, ws.id, t.briefName, 'updated') * DAY,
    };
  });
}));

function fullNameOf(world: World, id: string): string {
  const u = world.usersById.get(id);
  return u ? `${u.firstName} ${u.lastName}` : '';
}

function workspaceParam(req: LocalRequest, world: World, required: true): string;
function workspaceParam(req: LocalRequest, world: World, required: false): string | undefined;
function workspaceParam(req: LocalRequest, world: World, required: boolean): string | undefined {
  const raw = req.query.get('workspaceId');
  if (raw === null || raw === '') {
    if (required) badRequest('workspaceId is required');
    return undefined;
  }
  if (!/^\d{1,20}$/.test(raw)) badRequest(`workspaceId must be a numeric id (got ${JSON.stringify(raw)})`);
  if (!world.workspaces.some(w => w.id === raw)) throw new LocalHttpError(404, [`Workspace ${raw} not found`]);
  return raw;
}

function findEntity(world: World, type: EntityType, crmId: string): Entity {
  const extras = worldExtras(world);
  let customer: number | undefined;
  let name: string | undefined;
  if (type === 'ACCOUNT' || type === 'DEAL') {
    const ids = type === 'ACCOUNT' ? extras.accountCrmIds : extras.dealCrmIds;
    const i = ids.indexOf(crmId);
    if (i >= 0) {
      customer = i;
      name = type === 'ACCOUNT' ? CUSTOMERS[i]?.name : `${CUSTOMERS[i]?.name ?? 'Customer'} - new business`;
    }
  } else if (type === 'CONTACT') {
    const c = extras.contacts.find(x => x.crmId === crmId);
    if (c) { customer = c.customer; name = c.name; }
  }
  if (name === undefined) {
    // Leads (and contacts Engage knows) live among the flows' prospects; they have no calls yet.
    const p = flowsStateOf(world).prospects.get(crmId);
    if (p && (p.type === type || (type === 'CONTACT' && p.type === 'CONTACT'))) name = `${p.firstName} ${p.lastName} (${p.companyName})`;
  }
  if (name === undefined) throw new LocalHttpError(404, [`No ${type} with CRM id ${crmId} was found`]);
  return { type, crmId, name, customer };
}

/** The [from, to) instants a time period means, relative to now (and to the entity's last call for the *_SINCE_LAST_ACTIVITY periods). */
function periodRange(req: LocalRequest, world: World, period: TimePeriod, now: number, lastActivity: number | undefined): [number, number] {
  const fromRaw = req.query.get('fromDateTime');
  const toRaw = req.query.get('toDateTime');
  if (period === 'CUSTOM_RANGE') {
    if (fromRaw === null || fromRaw === '') badRequest('fromDateTime is required when timePeriod is CUSTOM_RANGE');
    const from = parseDateTime(fromRaw, 'fromDateTime');
    const to = toRaw === null || toRaw === '' ? now : parseDateTime(toRaw, 'toDateTime');
    if (to <= from) badRequest('toDateTime must be after fromDateTime');
    return [from, to];
  }
  if ((fromRaw !== null && fromRaw !== '') || (toRaw !== null && toRaw !== '')) badRequest('fromDateTime and toDateTime are relevant only when timePeriod is CUSTOM_RANGE');
  const today = localDate(new Date(now), world.timeZone);
  const [y, m] = today.split('-');
  const dow = new Date(`${today}T00:00:00Z`).getUTCDay();
  const since = (date: string): [number, number] => [startOfLocalDay(date, world.timeZone).getTime(), now];
  switch (period) {
    case 'LAST_7DAYS': return [now - 7 * DAY, now];
    case 'LAST_30DAYS': return [now - 30 * DAY, now];
    case 'LAST_90DAYS': return [now - 90 * DAY, now];
    case 'LAST_YEAR': return [now - 365 * DAY, now];
    case 'LAST_90_DAYS_SINCE_LAST_ACTIVITY': { const end = (lastActivity ?? now) + 1; return [end - 90 * DAY, end]; }
    case 'LAST_YEAR_SINCE_LAST_ACTIVITY': { const end = (lastActivity ?? now) + 1; return [end - 365 * DAY, end]; }
    case 'THIS_WEEK': return since(addDays(today, -dow));
    case 'THIS_MONTH': return since(`${y}-${m}-01`);
    case 'THIS_QUARTER': return since(`${y}-${String(Math.floor((Number(m) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`);
    case 'THIS_YEAR': return since(`${y}-01-01`);
    default: return [0, now];
  }
}

interface Conversations { calls: LgCall[]; emails: Array<{ id: string; title: string; sent: number }>; }

/** The entity's calls in the workspace and period (newest first, at most 60) and the emails around them (at most 500). */
function conversations(req: LocalRequest, ctx: RouteContext, workspaceId: string, entity: Entity): Conversations {
  const world = ctx.world;
  const period = checkEnum(reqQuery(req.query, 'timePeriod'), TIME_PERIODS, 'timePeriod');
  const all = entity.customer === undefined ? [] : world.calls.filter(c => c.workspaceId === workspaceId && c.scope === 'External' && callCustomerIndex(c) === entity.customer);
  const last = all.length > 0 ? Math.max(...all.map(callFilterTime)) : undefined;
  const [from, to] = periodRange(req, world, period, ctx.now().getTime(), last);
  const calls = all.filter(c => { const t = callFilterTime(c); return t >= from && t < to; }).slice(0, MAX_CALLS);
  const customer = entity.customer === undefined ? undefined : CUSTOMERS[entity.customer];
  const emails: Conversations['emails'] = [];
  if (customer) {
    // About three emails around each call, one thread per call.
    for (const c of calls) {
      const n = hashInt(1, 4, c.id, 'emails');
      for (let k = 0; k < n && emails.length < MAX_EMAILS; k++) {
        const sent = callFilterTime(c) + (k + 1) * hashInt(2, 30, c.id, String(k), 'sent') * 3_600_000;
        if (sent >= to) continue;
        emails.push({ id: hashId(c.id, String(k), 'email'), title: `${k === 0 ? '' : 'Re: '}${customer.name}: ${k === 0 ? 'follow-up from our call' : 'next steps'}`, sent });
      }
    }
  }
  return { calls, emails };
}

function callInfo(world: World, c: LgCall): Record<string, unknown> {
  return { id: c.id, title: c.title, started: c.started, url: c.url || `${APP_HOST}/call?id=${c.id}` };
}

function emailInfo(world: World, e: Conversations['emails'][number]): Record<string, unknown> {
  return { id: e.id, title: e.title, sentDateTime: formatInZone(e.sent, world.timeZone, 0) };
}

function contentOf(c: LgCall): { brief: string; keyPoints: string[]; nextSteps: string[] } {
  const content = (c.extensive.content ?? {}) as Record<string, unknown>;
  const keyPoints = Array.isArray(content.keyPoints) ? (content.keyPoints as Array<{ text?: unknown }>).map(k => textOf(k.text)).filter(Boolean) : [];
  const highlights = Array.isArray(content.highlights) ? content.highlights as Array<{ title?: unknown; items?: Array<{ text?: unknown }> }> : [];
  const nextSteps = highlights.filter(h => h.title === 'Next steps').flatMap(h => (h.items ?? []).map(i => textOf(i.text))).filter(Boolean);
  return { brief: typeof content.brief === 'string' ? content.brief : '', keyPoints, nextSteps };
}

/** Most frequent strings first (ties by first appearance). */
function ranked(items: string[]): string[] {
  const counts = new Map<string, number>();
  for (const i of items) counts.set(i, (counts.get(i) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k);
}

function askEntity(req: LocalRequest, ctx: RouteContext): { body: Record<string, unknown> } {
  const world = ctx.world;
  const workspaceId = workspaceParam(req, world, true);
  const type = checkEnum(reqQuery(req.query, 'crmEntityType'), ENTITY_TYPES, 'crmEntityType');
  const crmId = reqQuery(req.query, 'crmEntityId');
  const question = reqQuery(req.query, 'question');
  if (question.length > MAX_QUESTION) badRequest(`question must be at most ${MAX_QUESTION} characters`);
  const entity = findEntity(world, type, crmId);
  const conv = conversations(req, ctx, workspaceId, entity);
  if (conv.calls.length === 0 && conv.emails.length === 0) {
    return { body: { numOfCallsSearched: 0, numOfEmailsSearched: 0, answer: [{ answerItems: [`No calls or emails with **${entity.name}** in this period, so there is nothing to answer from.`], emailFindings: [], callFindings: [] }] } };
  }
  const contents = conv.calls.map(contentOf);
  const points = ranked(contents.flatMap(c => c.keyPoints)).slice(0, 3);
  const steps = ranked(contents.flatMap(c => c.nextSteps)).slice(0, 2);
  const q = question.toLowerCase();
  const lead = /risk|concern|block|objection/.test(q) ? 'The main risks raised'
    : /next|step|plan/.test(q) ? 'What was agreed next'
      : /price|pricing|budget|cost/.test(q) ? 'What was said about budget and pricing'
        : 'In short';
  const sections: Array<Record<string, unknown>> = [];
  const evidenceCalls = conv.calls.slice(0, 3);
  sections.push({
    answerItems: [
      `${lead}: across ${conv.calls.length} call${conv.calls.length === 1 ? '' : 's'} with **${entity.name}**, ${points.length > 0 ? points.map(p => p.replace(/\.$/, '').replace(/^./, c => c.toLowerCase())).join('; ') : 'no single theme stands out'}.`,
      ...points.map(p => `- ${p}`),
    ],
    callFindings: evidenceCalls.map(c => ({ call: callInfo(world, c) })),
    emailFindings: conv.emails.length > 0 ? [{ emails: conv.emails.slice(0, 3).map(e => emailInfo(world, e)) }] : [],
  });
  if (steps.length > 0) {
    sections.push({
      answerItems: ['**Next steps** the team committed to:', ...steps.map(s => `1. ${s}`)],
      callFindings: conv.calls.slice(0, 1).map(c => ({ call: callInfo(world, c) })),
      emailFindings: [],
    });
  }
  return { body: { numOfCallsSearched: conv.calls.length, numOfEmailsSearched: conv.emails.length, answer: sections } };
}

function getBrief(req: LocalRequest, ctx: RouteContext): { body: Record<string, unknown> } {
  const world = ctx.world;
  const workspaceId = workspaceParam(req, world, true);
  const briefName = reqQuery(req.query, 'briefName');
  const type = checkEnum(reqQuery(req.query, 'crmEntityType'), ENTITY_TYPES, 'crmEntityType');
  const crmId = reqQuery(req.query, 'crmEntityId');
  const brief = briefsOf(world).find(b => b.workspaceId === workspaceId && b.briefName.toLowerCase() === briefName.toLowerCase());
  if (!brief) throw new LocalHttpError(404, [`No brief named "${briefName}" in workspace ${workspaceId}`]);
  const entity = findEntity(world, type, crmId);
  const conv = conversations(req, ctx, workspaceId, entity);
  const contents = conv.calls.map(contentOf);
  const customer = entity.customer === undefined ? undefined : CUSTOMERS[entity.customer];
  const sections = brief.sections.map((s, si): Record<string, unknown> => {
    const base: Record<string, unknown> = { title: s.title, briefSectionType: s.type };
    if (s.type === 'Conversations') {
      const source = si % 2 === 0 ? contents.map(c => c.brief).filter(Boolean).slice(0, 2) : ranked(contents.flatMap(c => [...c.keyPoints, ...c.nextSteps])).slice(0, 4).map(t => `- ${t}`);
      base.sectionSummary = source.length > 0 ? source : [`No conversations with **${entity.name}** in this period.`];
      base.conversationFindings = {
        callFindings: conv.calls.slice(si, si + 2).map(c => ({ call: callInfo(world, c) })),
        emailFindings: conv.emails.length > si ? [{ emails: conv.emails.slice(si, si + 2).map(e => emailInfo(world, e)) }] : [],
      };
    } else if (s.type === 'CrmOrGongData') {
      const people = customer ? worldExtras(world).contacts.filter(c => c.customer === entity.customer).slice(0, 3) : [];
      base.sectionSummary = people.length > 0 ? people.map(p => `- **${p.name}**${p.title ? `, ${p.title}` : ''}`) : ['No stakeholders recorded in the CRM.'];
    } else if (s.type === 'Web') {
      base.sectionSummary = customer ? [`${customer.name} (${customer.industry}) announced a regional expansion this quarter.`] : ['Nothing found on the web.'];
      base.webFindings = customer ? [{ domain: customer.domain, title: `${customer.name} expands into two new regions`, url: `https://www.${customer.domain}/news/expansion` }] : [];
    } else {
      base.sectionSummary = ['The ticketing system is not connected for this user, so open tickets could not be read.'];
      base.mcpResult = { connections: [{ name: 'Support desk', status: 'NOT_CONNECTED' }], servers: [], mcpStatus: 'CONNECTION_ERROR', errorMessage: 'No connection is set up for the requesting user' };
    }
    return base;
  });
  return { body: { numOfCallsSearched: conv.calls.length, numOfEmailsSearched: conv.emails.length, briefSections: sections } };
}

function listBriefs(req: LocalRequest, ctx: RouteContext): { body: Record<string, unknown> } {
  const world = ctx.world;
  const workspaceId = workspaceParam(req, world, false);
  const briefs = briefsOf(world).filter(b => workspaceId === undefined || b.workspaceId === workspaceId).map(b => ({
    briefId: b.briefId, briefName: b.briefName, workspaceId: b.workspaceId, description: b.description,
    status: b.published ? 'Published' : 'Not published', creator: fullNameOf(world, b.creatorUserId), creatorUserId: b.creatorUserId,
    created: formatInZone(b.created, world.timeZone, 0), updated: formatInZone(b.updated, world.timeZone, 0),
  }));
  return { body: { briefs } };
}

/** Briefs of a world (for tests that pick a real brief name). */
export function briefNamesOf(world: World, workspaceId: string): string[] {
  return briefsOf(world).filter(b => b.workspaceId === workspaceId).map(b => b.briefName);
}

export const routes: RouteDef[] = [
  { method: 'GET', path: '/v2/entities/ask-entity', scope: 'api:ai-ask:read', handler: askEntity },
  { method: 'GET', path: '/v2/entities/get-brief', scope: 'api:ai-briefer:read', handler: getBrief },
  { method: 'GET', path: '/v2/settings/briefs', scope: 'api:ai-briefer:read', handler: listBriefs },
];
