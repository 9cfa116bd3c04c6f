/**
 * /v2/meetings: create, update and delete Gong meetings, and check users' meeting integration.
 * Gong has no list endpoint, so `meetingsOf(world)` exposes the stored meetings to tests and the
 * data-privacy routes. A few users (chosen per world) have a disconnected conferencing provider:
 * their integration status is invalid and creating a meeting for them answers Gong's live 409.
 */

import type { RouteDef } from '../contract';
import { LocalHttpError } from '../contract';
import type { LgUser, World } from '../model';
import {
  badRequest, bodyObject, hash01, isEmail, isRecord, optString, parseDateTime, perWorld, reqString,
} from '../extra/util';

export interface MeetingInvitee { email: string; displayName?: string; firstName?: string; lastName?: string }

export interface LgMeeting {
  meetingId: string;
  organizerEmail: string;
  startTime: string;
  endTime: string;
  invitees: MeetingInvitee[];
  title: string | null;
  externalId: string | null;
  provider: string;
  meetingUrl: string;
  created: string;
  updated: string;
}

interface MeetingsState { meetings: Map<string, LgMeeting>; deleted: Set<string> }

const stateOf = perWorld<MeetingsState>(() => ({ meetings: new Map(), deleted: new Set() }));

/** The meetings created and not deleted, oldest first (Gong has no list endpoint; for tests and data privacy). */
export function meetingsOf(world: World): LgMeeting[] {
  return [...stateOf(world).meetings.values()];
}

/** Whether this user's conferencing provider is disconnected (stable per user; about one user in eight). */
export function providerDisconnected(user: LgUser): boolean {
  return hash01(user.id, 'meeting-provider') < 0.125;
}

const FIX_URL = 'https://app.gong.io/company/recording-consent/consent-page';
const HELP_URL = 'https://help.gong.io/';
const PROVIDER_ERROR = 'Gong could not create a meeting link because the organizer\'s conferencing provider is not connected.';

function userByEmail(world: World, email: string): LgUser | undefined {
  const lower = email.toLowerCase();
  return world.users.find(u => u.emailAddress.toLowerCase() === lower);
}

interface MeetingInput {
  startTime: string; endTime: string; organizer: LgUser; organizerEmail: string;
  invitees: MeetingInvitee[]; title: string | null; externalId: string | null; provider: string | undefined;
}

function readMeeting(body: unknown, world: World): MeetingInput {
  const b = bodyObject(body);
  const startTime = reqString(b, 'startTime');
  const endTime = reqString(b, 'endTime');
  const start = parseDateTime(startTime, 'startTime').getTime();
  const end = parseDateTime(endTime, 'endTime').getTime();
  if (end <= start) badRequest('endTime must be after startTime');
  const organizerEmail = reqString(b, 'organizerEmail');
  if (!isEmail(organizerEmail)) badRequest(`organizerEmail is not a valid email address: '${organizerEmail}'`);
  const raw = b.invitees;
  if (raw === undefined || raw === null) badRequest('invitees is required');
  if (!Array.isArray(raw)) badRequest('invitees must be an array of objects {email, displayName?, firstName?, lastName?}');
  const invitees = raw.map((item, i): MeetingInvitee => {
    if (!isRecord(item)) badRequest(`invitees[${i}] must be an object {email, displayName?, firstName?, lastName?}, not ${typeof item}`);
    const email = reqString(item, 'email', `invitees[${i}].email`);
    if (!isEmail(email)) badRequest(`invitees[${i}].email is not a valid email address: '${email}'`);
    const out: MeetingInvitee = { email };
    for (const key of ['displayName', 'firstName', 'lastName'] as const) {
      const v = optString(item, key, `invitees[${i}].${key}`);
      if (v !== undefined) out[key] = v;
    }
    return out;
  });
  const organizer = userByEmail(world, organizerEmail);
  if (!organizer) throw new LocalHttpError(404, [`No Gong user found with the email address ${organizerEmail}`]);
  return {
    startTime, endTime, organizer, organizerEmail, invitees,
    title: optString(b, 'title') ?? null,
    externalId: optString(b, 'externalId') ?? null,
    provider: optString(b, 'provider'),
  };
}

function checkProvider(organizer: LgUser): void {
  if (providerDisconnected(organizer)) {
    throw new LocalHttpError(409, ['Provider disconnected'], { userFacingError: PROVIDER_ERROR, fixUrl: FIX_URL, helpUrl: HELP_URL });
  }
}

function meetingIdParam(raw: string | undefined): string {
  if (!raw || !/^\d{1,20}$/.test(raw)) badRequest(`meetingId must be a numeric id (got '${raw ?? ''}')`);
  return raw;
}

function notFound(): never {
  throw new LocalHttpError(404, ['The given meeting ID was not found.']);
}

export const routes: RouteDef[] = [
  {
    method: 'POST', path: '/v2/meetings', scope: 'api:meetings:user:create',
    handler: (req, ctx) => {
      const input = readMeeting(req.body, ctx.world);
      checkProvider(input.organizer);
      const meetingId = ctx.newId();
      const local = input.organizer.emailAddress.split('@')[0] ?? 'user';
      const now = ctx.now().toISOString();
      const meeting: LgMeeting = {
        meetingId,
        organizerEmail: input.organizer.emailAddress,
        startTime: input.startTime, endTime: input.endTime, invitees: input.invitees,
        title: input.title, externalId: input.externalId,
        provider: input.provider ?? 'zoom',
        meetingUrl: `https://join.gong.io/local-gong/${encodeURIComponent(local)}?tkn=${meetingId.slice(-10)}`,
        created: now, updated: now,
      };
      stateOf(ctx.world).meetings.set(meetingId, meeting);
      return {
        body: {
          meetingId,
          meetingUrl: meeting.meetingUrl,
          // Gong asks for its recorder to be on the calendar invite.
          additionalInvitees: [{ email: 'assistant@gong.io', displayName: 'Gong Assistant', firstName: null, lastName: null }],
        },
      };
    },
  },
  {
    method: 'PUT', path: '/v2/meetings/:meetingId', scope: 'api:meetings:user:update',
    handler: (req, ctx) => {
      const id = meetingIdParam(req.params.meetingId);
      const state = stateOf(ctx.world);
      const meeting = state.meetings.get(id);
      if (!meeting) notFound();
      const input = readMeeting(req.body, ctx.world);
      checkProvider(input.organizer);
      Object.assign(meeting, {
        organizerEmail: input.organizer.emailAddress,
        startTime: input.startTime, endTime: input.endTime, invitees: input.invitees,
        title: input.title ?? meeting.title,
        externalId: input.externalId ?? meeting.externalId,
        provider: input.provider ?? meeting.provider,
        updated: ctx.now().toISOString(),
      });
      return { body: { meetingId: id } };
    },
  },
  {
    method: 'DELETE', path: '/v2/meetings/:meetingId', scope: 'api:meetings:user:delete',
    handler: (req, ctx) => {
      const id = meetingIdParam(req.params.meetingId);
      const organizerEmail = reqString(bodyObject(req.body), 'organizerEmail');
      const state = stateOf(ctx.world);
      const meeting = state.meetings.get(id);
      if (!meeting) notFound();
      if (meeting.organizerEmail.toLowerCase() !== organizerEmail.toLowerCase()) {
        badRequest(`organizerEmail ${organizerEmail} is not the organizer of meeting ${id}`);
      }
      state.meetings.delete(id);
      state.deleted.add(id);
      return { body: { organizerEmail: meeting.organizerEmail } };
    },
  },
  {
    method: 'POST', path: '/v2/meetings/integration/status', scope: 'api:meetings:integration:status',
    handler: (req, ctx) => {
      const b = bodyObject(req.body);
      const raw = b.emails;
      if (raw === undefined || raw === null) badRequest('emails is required');
      if (!Array.isArray(raw)) badRequest('emails must be an array of email addresses');
      if (raw.length === 0) badRequest('emails must not be empty');
      if (raw.length > 100) badRequest(`emails accepts at most 100 addresses (got ${raw.length})`);
      const users = raw.map((email, i) => {
        if (typeof email !== 'string' || !isEmail(email)) badRequest(`emails[${i}] is not a valid email address`);
        const user = userByEmail(ctx.world, email);
        if (!user) return { email, exists: false, valid: false };
        if (!user.active) {
          return { email, exists: true, valid: false, userFacingError: 'This Gong user is deactivated and cannot host Gong meetings.', fixUrl: '', helpUrl: HELP_URL };
        }
        if (providerDisconnected(user)) {
          return { email, exists: true, valid: false, userFacingError: PROVIDER_ERROR, fixUrl: FIX_URL, helpUrl: HELP_URL };
        }
        return { email, exists: true, valid: true };
      });
      return { body: { users } };
    },
  },
];
