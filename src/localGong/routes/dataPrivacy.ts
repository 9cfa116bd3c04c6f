/**
 * Data privacy: what Gong holds about an email address or phone number, and erasing it. Answers are
 * gathered from the world's call parties, the Engage prospects, uploaded CRM objects, meetings and
 * engagement events. Erasing records the address in `world.erasedEmails/erasedPhones` and removes
 * the person from all of those, so later answers (here and in the call routes) no longer contain them.
 */

import type { RouteDef } from '../contract';
import type { LgCall, LgParty, World } from '../model';
import { badRequest, hashId, isEmail, reqQuery, zoned } from '../extra/util';
import { flowsStateOf } from './flows';
import { crmObjectsOf, eraseCrmFor } from './crm';
import { engagementEventsOf, eraseEngagementFor } from './engagement';
import { meetingsOf } from './meetings';

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A 32-char lowercase alphanumeric id (Gong's email-message id format), stable per parts. */
function id32(...parts: string[]): string {
  const digits = hashId(...parts) + hashId(...parts, 'b');
  let out = '';
  for (let i = 0; i < 32; i++) out += ALNUM[(Number(digits.slice(i, i + 2)) || i) % ALNUM.length];
  return out;
}

/** `+` and digits only: Gong ignores other characters in phone numbers. */
export function normalizePhone(raw: string): string {
  return `+${raw.replace(/\D/g, '')}`;
}

function emailParam(raw: string): string {
  const email = raw.trim();
  if (!isEmail(email)) badRequest(`emailAddress is not a valid email address: '${raw}'`);
  return email.toLowerCase();
}

function phoneParam(raw: string): string {
  // An unencoded `+` reaches the server as a space: say so rather than matching nothing.
  if (!raw.startsWith('+')) badRequest(`phoneNumber must start with + and the country code (URL-encode + as %2B); got '${raw}'`);
  const normalized = normalizePhone(raw);
  if (normalized.length < 8 || normalized.length > 16) badRequest(`phoneNumber is not a valid phone number: '${raw}'`);
  return normalized;
}

interface Person { emails: Set<string>; phones: Set<string> }

function callsOf(world: World, who: Person): LgCall[] {
  return world.calls.filter(c => c.parties.some(p =>
    (p.emailAddress !== undefined && who.emails.has(p.emailAddress.toLowerCase())) ||
    (p.phoneNumber !== undefined && who.phones.has(normalizePhone(p.phoneNumber)))));
}

function report(world: World, who: Person): Record<string, unknown> {
  const calls = callsOf(world, who);
  const tz = world.timeZone;
  const emails: Array<Record<string, unknown>> = [];
  const meetings: Array<Record<string, unknown>> = [];
  for (const c of calls) {
    const person = c.parties.find(p => p.emailAddress !== undefined && who.emails.has(p.emailAddress.toLowerCase()));
    const host = world.usersById.get(c.primaryUserId);
    if (person?.emailAddress && host) {
      emails.push({
        from: person.emailAddress, id: id32(c.id, person.emailAddress, 'mail'),
        sentTime: zoned(new Date(Date.parse(c.started) - 26 * 3600000), tz), mailbox: host.emailAddress,
        messageHash: id32(c.id, person.emailAddress, 'hash'),
      });
    }
    if (c.meetingUrl) meetings.push({ id: `${c.id}.${id32(c.id, 'event').slice(0, 20)}@google.com_${new Date(Date.parse(c.scheduled)).toISOString().slice(0, 19)}Z` });
  }
  for (const m of meetingsOf(world)) {
    if (m.invitees.some(i => who.emails.has(i.email.toLowerCase()))) {
      meetings.push({ id: `${m.meetingId}.${id32(m.meetingId, 'event').slice(0, 20)}@google.com_${new Date(Date.parse(m.startTime)).toISOString().slice(0, 19)}Z` });
    }
  }
  const salesforce: Array<Record<string, unknown>> = [];
  for (const p of flowsStateOf(world).prospects.values()) {
    if (!who.emails.has(p.emailAddress.toLowerCase()) && !who.phones.has(normalizePhone(p.phoneNumber))) continue;
    salesforce.push({
      id: hashId(p.crmId, 'mirror-object'), objectType: p.type === 'CONTACT' ? 'Contact' : 'Lead', externalId: p.crmId, mirrorId: null,
      fields: [{ name: 'Email', value: p.emailAddress }, { name: 'Phone', value: p.phoneNumber }],
    });
  }
  const generic: Array<Record<string, unknown>> = [];
  for (const type of ['CONTACT', 'LEAD'] as const) {
    for (const [crmId, o] of crmObjectsOf(world, type)) {
      const email = typeof o.emailAddress === 'string' ? o.emailAddress.toLowerCase() : undefined;
      const phone = typeof o.phoneNumber === 'string' ? normalizePhone(o.phoneNumber) : undefined;
      if (!(email && who.emails.has(email)) && !(phone && who.phones.has(phone))) continue;
      generic.push({
        id: hashId(crmId, 'generic-object'), objectType: type === 'CONTACT' ? 'Contact' : 'Lead', externalId: crmId, mirrorId: null,
        fields: Object.entries(o).filter(([, v]) => typeof v === 'string').map(([name, value]) => ({ name, value })),
      });
    }
  }
  const customerData = [
    ...(salesforce.length ? [{ system: 'Salesforce', objects: salesforce }] : []),
    ...(generic.length ? [{ system: 'Generic', objects: generic }] : []),
  ];
  return {
    emails,
    calls: calls.map(c => ({
      id: c.id,
      status: 'COMPLETED',
      externalSystems: [{ system: 'Salesforce', objects: [{ objectType: 'Task', externalId: `00T${hashId(c.id, 'task').slice(0, 15)}` }] }],
    })),
    meetings,
    customerData,
    customerEngagement: engagementEventsOf(world)
      .filter(e => e.emails.some(x => who.emails.has(x)))
      .map(e => ({
        eventType: e.eventType, timestamp: e.timestamp, contentId: e.contentId, contentUrl: e.contentUrl,
        reportingSystem: e.reportingSystem, eventName: e.eventName, sourceEventId: e.sourceEventId,
      })),
  };
}

/** Removes every trace of a person: call parties, prospects (and their flow instances), CRM objects, invitees, events. */
function erase(world: World, who: Person): void {
  const matches = (email?: string, phone?: string): boolean =>
    (email !== undefined && who.emails.has(email.toLowerCase())) || (phone !== undefined && who.phones.has(normalizePhone(phone)));
  for (const c of world.calls) {
    const kept: LgParty[] = [];
    for (const p of c.parties) {
      if (p.emailAddress !== undefined && who.emails.has(p.emailAddress.toLowerCase())) continue;
      if (p.phoneNumber !== undefined && who.phones.has(normalizePhone(p.phoneNumber))) {
        // As the call routes do: a number alone identifies nobody else, so only the number goes when there is an email.
        if (p.emailAddress === undefined) continue;
        const { phoneNumber: _erased, ...rest } = p;
        kept.push(rest);
        continue;
      }
      kept.push(p);
    }
    c.parties = kept;
  }
  const flows = flowsStateOf(world);
  for (const [crmId, p] of flows.prospects) {
    if (!matches(p.emailAddress, p.phoneNumber)) continue;
    flows.prospects.delete(crmId);
    flows.instances = flows.instances.filter(x => x.crmProspectId !== crmId);
  }
  for (const m of meetingsOf(world)) m.invitees = m.invitees.filter(i => !matches(i.email));
  for (const email of who.emails) {
    eraseCrmFor(world, email);
    eraseEngagementFor(world, email);
  }
  for (const type of ['CONTACT', 'LEAD']) {
    const m = crmObjectsOf(world, type);
    for (const [id, o] of m) if (typeof o.phoneNumber === 'string' && who.phones.has(normalizePhone(o.phoneNumber))) m.delete(id);
  }
}

export const routes: RouteDef[] = [
  {
    method: 'GET', path: '/v2/data-privacy/data-for-email-address', scope: 'api:data-privacy:read',
    handler: (req, ctx) => {
      const email = emailParam(reqQuery(req.query, 'emailAddress'));
      return { body: report(ctx.world, { emails: new Set([email]), phones: new Set() }) };
    },
  },
  {
    method: 'GET', path: '/v2/data-privacy/data-for-phone-number', scope: 'api:data-privacy:read',
    handler: (req, ctx) => {
      const world = ctx.world;
      const supplied = req.query.get('phoneNumber') ?? '';
      if (supplied.trim() === '') badRequest('phoneNumber is required');
      const phone = phoneParam(supplied);
      const matching = new Set<string>();
      const emails = new Set<string>();
      for (const c of world.calls) {
        for (const p of c.parties) {
          if (p.phoneNumber === undefined || normalizePhone(p.phoneNumber) !== phone) continue;
          matching.add(p.phoneNumber);
          if (p.emailAddress) emails.add(p.emailAddress.toLowerCase());
        }
      }
      for (const p of flowsStateOf(world).prospects.values()) {
        if (normalizePhone(p.phoneNumber) !== phone) continue;
        matching.add(p.phoneNumber);
        emails.add(p.emailAddress.toLowerCase());
      }
      const body = report(world, { emails, phones: new Set([phone]) });
      delete body.customerEngagement;
      return { body: { ...body, suppliedPhoneNumber: supplied, matchingPhoneNumbers: [...matching], emailAddresses: [...emails] } };
    },
  },
  {
    method: 'POST', path: '/v2/data-privacy/erase-data-for-email-address', scope: 'api:data-privacy:delete',
    handler: (req, ctx) => {
      const email = emailParam(reqQuery(req.query, 'emailAddress'));
      ctx.world.erasedEmails.add(email);
      erase(ctx.world, { emails: new Set([email]), phones: new Set() });
      return { body: {} };
    },
  },
  {
    method: 'POST', path: '/v2/data-privacy/erase-data-for-phone-number', scope: 'api:data-privacy:delete',
    handler: (req, ctx) => {
      const phone = phoneParam(reqQuery(req.query, 'phoneNumber'));
      ctx.world.erasedPhones.add(phone);
      // The call routes match erased numbers as written on the party, so record those spellings too.
      for (const c of ctx.world.calls) {
        for (const p of c.parties) if (p.phoneNumber !== undefined && normalizePhone(p.phoneNumber) === phone) ctx.world.erasedPhones.add(p.phoneNumber);
      }
      erase(ctx.world, { emails: new Set(), phones: new Set([phone]) });
      return { body: {} };
    },
  },
];
