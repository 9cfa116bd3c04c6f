/**
 * Engagement events: content shared / viewed, custom engagement actions (the legacy API) and digital
 * interactions. Events are validated the way Gong documents them, kept per world (the data-privacy
 * routes report and erase them by email), and a repeated eventId answers 409.
 */

import type { LocalRequest, RouteDef, RouteContext } from '../contract';
import { LocalHttpError } from '../contract';
import type { World } from '../model';
import {
  badRequest, bodyObject, checkEnum, isRecord, optEnum, optObject, optString, parseDateTime, perWorld, reqObject, reqString,
} from '../extra/util';

export type EngagementType = 'contentShared' | 'contentViewed' | 'customEvent' | 'digitalInteraction';

export interface LgEngagementEvent {
  eventType: EngagementType;
  /** Lower-cased email addresses of the people the event is about (viewer, recipients, actor, person...). */
  emails: string[];
  timestamp: string;
  contentId: string | null;
  contentUrl: string | null;
  reportingSystem: string | null;
  eventName: string | null;
  sourceEventId: string | null;
  body: Record<string, unknown>;
}

interface EngagementState { events: LgEngagementEvent[]; seen: Set<string> }
const stateOf = perWorld<EngagementState>(() => ({ events: [], seen: new Set() }));

/** Every accepted event, oldest first (for tests and the data-privacy routes). */
export function engagementEventsOf(world: World): LgEngagementEvent[] {
  return stateOf(world).events;
}

/** Drops the events about an erased email address; returns how many went. */
export function eraseEngagementFor(world: World, email: string): number {
  const state = stateOf(world);
  const lower = email.toLowerCase();
  const before = state.events.length;
  state.events = state.events.filter(e => !e.emails.includes(lower));
  return before - state.events.length;
}

const CRM_SYSTEMS = ['Salesforce', 'HubSpot', 'MicrosoftDynamic', 'Generic'] as const;
const PROPERTY_TYPES = ['number', 'string', 'url', 'date'] as const;
const CUSTOM_FIELD_TYPES = ['STRING', 'NUMBER', 'DATE', 'URL', 'BOOLEAN', 'DURATION'] as const;

function arrayOf(obj: Record<string, unknown>, key: string, path: string): Array<Record<string, unknown>> | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) badRequest(`${path} must be an array`);
  return v.map((item, i) => {
    if (!isRecord(item)) badRequest(`${path}[${i}] must be an object`);
    return item;
  });
}

/** Reads an Actor (`{email?, name?, title?, context?}`) and collects its email. */
function actor(obj: Record<string, unknown>, path: string, emails: string[], emailRequired = false): void {
  const email = emailRequired ? reqString(obj, 'email', `${path}.email`) : optString(obj, 'email', `${path}.email`);
  optString(obj, 'name', `${path}.name`);
  optString(obj, 'title', `${path}.title`);
  if (email) emails.push(email.toLowerCase());
}

function properties(obj: Record<string, unknown>, key: string): void {
  arrayOf(obj, key, key)?.forEach((p, i) => {
    reqString(p, 'name', `${key}[${i}].name`);
    if (p.value === undefined || p.value === null) badRequest(`${key}[${i}].value is required`);
    checkEnum(reqString(p, 'dataType', `${key}[${i}].dataType`), PROPERTY_TYPES, `${key}[${i}].dataType`);
  });
}

function crmContext(obj: Record<string, unknown>): void {
  arrayOf(obj, 'crmContext', 'crmContext')?.forEach((c, i) => {
    checkEnum(reqString(c, 'system', `crmContext[${i}].system`), CRM_SYSTEMS, `crmContext[${i}].system`);
    arrayOf(c, 'objects', `crmContext[${i}].objects`)?.forEach((o, j) => {
      reqString(o, 'objectType', `crmContext[${i}].objects[${j}].objectType`);
      reqString(o, 'objectId', `crmContext[${i}].objects[${j}].objectId`);
    });
  });
}

function record(ctx: RouteContext, type: EngagementType, eventId: string | undefined, event: Omit<LgEngagementEvent, 'eventType' | 'sourceEventId'>): void {
  const state = stateOf(ctx.world);
  if (eventId !== undefined) {
    const key = `${type}|${eventId}`;
    if (state.seen.has(key)) throw new LocalHttpError(409, [`The event ${eventId} was already reported`]);
    state.seen.add(key);
  }
  state.events.push({ ...event, eventType: type, sourceEventId: eventId ?? null });
}

/** The legacy customer-engagement events (§54-56) share most of their body. */
function legacyEvent(type: 'contentShared' | 'contentViewed' | 'customEvent') {
  return (req: LocalRequest, ctx: RouteContext) => {
    const b = bodyObject(req.body);
    const reportingSystem = reqString(b, 'reportingSystem');
    const timestamp = reqString(b, 'eventTimestamp');
    parseDateTime(timestamp, 'eventTimestamp');
    const contentRequired = type !== 'customEvent';
    const contentId = contentRequired ? reqString(b, 'contentId') : optString(b, 'contentId');
    const contentUrl = contentRequired ? reqString(b, 'contentUrl') : optString(b, 'contentUrl');
    if (contentRequired) reqString(b, 'contentTitle'); else optString(b, 'contentTitle');
    const eventId = optString(b, 'eventId');
    const emails: string[] = [];
    const sharer = optObject(b, 'sharer');
    if (sharer) actor(sharer, 'sharer', emails);
    arrayOf(b, 'recipients', 'recipients')?.forEach((r, i) => actor(r, `recipients[${i}]`, emails, type === 'contentShared'));
    arrayOf(b, 'nonCompanyParticipants', 'nonCompanyParticipants')?.forEach((r, i) => actor(r, `nonCompanyParticipants[${i}]`, emails));
    const viewer = optObject(b, 'viewer');
    if (viewer) actor(viewer, 'viewer', emails);
    const who = optObject(b, 'actor');
    if (who) actor(who, 'actor', emails);
    if (type === 'contentViewed' && viewer && b.trackingId !== undefined && b.trackingId !== null) {
      badRequest('trackingId must be null when a viewer is sent');
    }
    crmContext(b);
    properties(b, 'contentProperties');
    properties(b, 'eventProperties');
    const workspaceId = optString(b, 'workspaceId');
    if (workspaceId !== undefined && !ctx.world.workspaces.some(w => w.id === workspaceId)) badRequest(`workspaceId ${workspaceId} is not a workspace of this company`);
    record(ctx, type, eventId, {
      emails, timestamp, contentId: contentId ?? null, contentUrl: contentUrl ?? null, reportingSystem,
      eventName: optString(b, 'actionName') ?? optString(b, 'viewActionTitle') ?? null, body: b,
    });
    return { body: {} };
  };
}

function customFields(obj: Record<string, unknown>, key: string, path: string): void {
  arrayOf(obj, key, path)?.forEach((f, i) => {
    reqString(f, 'name', `${path}[${i}].name`);
    if (typeof f.value !== 'string') badRequest(`${path}[${i}].value is required and must be a string`);
    optEnum(f, 'dataType', CUSTOM_FIELD_TYPES, `${path}[${i}].dataType`);
  });
}

function intField(obj: Record<string, unknown>, key: string, path: string, required: boolean): void {
  const v = obj[key];
  if (v === undefined || v === null) {
    if (required) badRequest(`${path} is required`);
    return;
  }
  if (typeof v !== 'number' || !Number.isInteger(v)) badRequest(`${path} must be an integer`);
}

export const routes: RouteDef[] = [
  { method: 'PUT', path: '/v2/customer-engagement/content/shared', scope: 'api:engagement-data:write', handler: legacyEvent('contentShared') },
  { method: 'PUT', path: '/v2/customer-engagement/content/viewed', scope: 'api:engagement-data:write', handler: legacyEvent('contentViewed') },
  { method: 'PUT', path: '/v2/customer-engagement/action', scope: 'api:engagement-data:write', handler: legacyEvent('customEvent') },
  {
    method: 'POST', path: '/v2/digital-interaction', scope: 'api:digital-interactions:write',
    handler: (req, ctx) => {
      const b = bodyObject(req.body);
      const eventId = reqString(b, 'eventId');
      const timestamp = reqString(b, 'timestamp');
      parseDateTime(timestamp, 'timestamp');
      const eventType = reqString(b, 'eventType');
      optEnum(b, 'device', ['MOBILE', 'PC'] as const);
      const content = reqObject(b, 'content');
      reqString(content, 'contentTitle', 'content.contentTitle');
      const numeric = optObject(content, 'numericContentDetails', 'content.numericContentDetails');
      if (numeric) {
        intField(numeric, 'value', 'content.numericContentDetails.value', false);
        intField(numeric, 'rangeFrom', 'content.numericContentDetails.rangeFrom', true);
        intField(numeric, 'rangeTo', 'content.numericContentDetails.rangeTo', true);
        optEnum(numeric, 'numericType', ['PERCENTAGE', 'NPS', 'RATING', 'OTHER'] as const, 'content.numericContentDetails.numericType');
      }
      const step = optObject(content, 'stepContentDetails', 'content.stepContentDetails');
      if (step) {
        reqString(step, 'value', 'content.stepContentDetails.value');
        if (!Array.isArray(step.availableSteps)) badRequest('content.stepContentDetails.availableSteps is required');
      }
      const search = optObject(content, 'searchObjectDetails', 'content.searchObjectDetails');
      if (search) {
        reqString(search, 'name', 'content.searchObjectDetails.name');
        checkEnum(reqString(search, 'objectType', 'content.searchObjectDetails.objectType'), ['VENDOR', 'PRODUCT', 'CATEGORY'] as const, 'content.searchObjectDetails.objectType');
        reqString(search, 'domain', 'content.searchObjectDetails.domain');
      }
      customFields(content, 'contentCustomFields', 'content.contentCustomFields');
      customFields(b, 'customFields', 'customFields');
      const person = optObject(b, 'person');
      const trackingId = optString(b, 'trackingId');
      if (person && trackingId !== undefined) badRequest('Send either person or trackingId, not both');
      if (!person && trackingId === undefined) badRequest('Either person or trackingId is required');
      const emails: string[] = [];
      if (person) {
        const email = optString(person, 'email', 'person.email');
        if (email) emails.push(email.toLowerCase());
        const pbc = optObject(person, 'personBusinessContext', 'person.personBusinessContext');
        if (pbc) {
          checkEnum(reqString(pbc, 'objectType', 'person.personBusinessContext.objectType'), ['CONTACT', 'LEAD'] as const, 'person.personBusinessContext.objectType');
          reqString(pbc, 'objectId', 'person.personBusinessContext.objectId');
        }
        const company = optObject(person, 'company', 'person.company');
        if (company) {
          arrayOf(company, 'companyBusinessContexts', 'person.company.companyBusinessContexts')?.forEach((c, i) => {
            const path = `person.company.companyBusinessContexts[${i}]`;
            checkEnum(reqString(c, 'objectType', `${path}.objectType`), ['ACCOUNT', 'OPPORTUNITY'] as const, `${path}.objectType`);
            reqString(c, 'objectId', `${path}.objectId`);
          });
        }
        customFields(person, 'personCustomFields', 'person.personCustomFields');
      }
      record(ctx, 'digitalInteraction', eventId, {
        emails, timestamp, contentId: optString(content, 'contentId') ?? null, contentUrl: optString(content, 'contentUrl') ?? null,
        reportingSystem: optString(b, 'sourceSystemName') ?? null, eventName: eventType, body: b,
      });
      return { body: {} };
    },
  },
];
