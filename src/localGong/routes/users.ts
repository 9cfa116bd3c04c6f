/** /v2/users*: the user list, the filtered list, one user and a user's settings history. */

import type { LocalRequest, RouteContext, RouteDef } from '../contract';
import { LocalHttpError } from '../contract';
import type { LgUser, World } from '../model';
import { Rand } from '../ids';
import { bodyObject, filterObject, optionalBoolean, optionalDateTime, optionalIdList, queryBoolean, bad } from '../validate';
import { formatInZone, isErasedEmail, isErasedPhone, userDetails, worldExtras } from '../world';

/** False when the user's email was erased through the data-privacy API. */
function visible(world: World, u: LgUser): boolean {
  return !isErasedEmail(world, u.emailAddress);
}

/** Gong's UserMetadata for a user. */
export function userMetadata(world: World, u: LgUser): Record<string, unknown> {
  const d = userDetails(world, u);
  const phone = u.phoneNumber === '' || isErasedPhone(world, u.phoneNumber) ? null : u.phoneNumber;
  return {
    id: u.id,
    emailAddress: u.emailAddress,
    created: u.created,
    active: u.active,
    emailAliases: d.emailAliases,
    trustedEmailAddress: d.trustedEmailAddress,
    firstName: u.firstName,
    lastName: u.lastName,
    title: u.title === '' ? null : u.title,
    phoneNumber: phone,
    extension: d.extension,
    personalMeetingUrls: d.personalMeetingUrls,
    settings: d.settings,
    managerId: u.managerId,
    meetingConsentPageUrl: d.meetingConsentPageUrl,
    conferencingProviders: d.conferencingProviders,
    spokenLanguages: d.spokenLanguages,
  };
}

function allUsers(world: World, includeAvatars: boolean): LgUser[] {
  const list = includeAvatars ? [...world.users, ...worldExtras(world).avatarUsers] : world.users;
  return list.filter(u => visible(world, u));
}

function listUsers(req: LocalRequest, ctx: RouteContext): { body: Record<string, unknown> } {
  const includeAvatars = queryBoolean(req, 'includeAvatars') ?? false;
  const page = ctx.page(req, allUsers(ctx.world, includeAvatars));
  return { body: { records: page.records, users: page.items.map(u => userMetadata(ctx.world, u)) } };
}

function usersExtensive(req: LocalRequest, ctx: RouteContext): { body: Record<string, unknown> } {
  const filter = filterObject(bodyObject(req));
  const from = optionalDateTime(filter.createdFromDateTime, 'filter.createdFromDateTime');
  const to = optionalDateTime(filter.createdToDateTime, 'filter.createdToDateTime');
  if (from !== undefined && to !== undefined && from >= to) throw bad('filter.createdFromDateTime must be before filter.createdToDateTime');
  const includeAvatars = optionalBoolean(filter.includeAvatars, 'filter.includeAvatars') ?? false;
  const ids = optionalIdList(filter.userIds, 'filter.userIds');
  const wanted = ids === undefined ? undefined : new Set(ids);
  const users = allUsers(ctx.world, includeAvatars).filter(u => {
    if (wanted !== undefined && !wanted.has(u.id)) return false;
    if (from !== undefined || to !== undefined) {
      const t = Date.parse(u.created);
      if (from !== undefined && t < from) return false;
      if (to !== undefined && t >= to) return false;
    }
    return true;
  });
  if (users.length === 0) throw new LocalHttpError(404, ['No users found corresponding to the provided filters']);
  const page = ctx.page(req, users);
  return { body: { records: page.records, users: page.items.map(u => userMetadata(ctx.world, u)) } };
}

function findUser(ctx: RouteContext, id: string): LgUser {
  if (!/^\d{1,20}$/.test(id)) throw bad(`User id must be numeric (got ${JSON.stringify(id)})`);
  const u = ctx.world.usersById.get(id) ?? worldExtras(ctx.world).avatarUsers.find(a => a.id === id);
  if (u === undefined || !visible(ctx.world, u)) throw new LocalHttpError(404, [`User ${id} was not found`]);
  return u;
}

function getUser(req: LocalRequest, ctx: RouteContext): { body: Record<string, unknown> } {
  return { body: { user: userMetadata(ctx.world, findUser(ctx, req.params.id ?? '')) } };
}

const HISTORY_SETTINGS = ['webConferencesRecorded', 'preventWebConferenceRecording', 'emailsImported', 'preventEmailImport', 'nonRecordedMeetingsImported', 'gongConnectEnabled', 'callsImported'];

function settingsHistory(req: LocalRequest, ctx: RouteContext): { body: Record<string, unknown> } {
  const u = findUser(ctx, req.params.id ?? '');
  const r = new Rand(ctx.world.rng(`settings-history:${u.id}`));
  const created = Date.parse(u.created);
  const span = Math.max(1, ctx.world.generatedAt.getTime() - created);
  const fmt = (ms: number): string => formatInZone(ms, ctx.world.timeZone, 3);
  const history: Array<{ setting: string; value: boolean; time: string; ms: number }> = [
    { setting: 'active', value: true, time: fmt(created), ms: created },
  ];
  for (const s of r.sample(HISTORY_SETTINGS, r.int(1, 4))) {
    history.push({ setting: s, value: !s.startsWith('prevent'), time: fmt(created), ms: created });
    if (r.chance(0.4)) {
      const when = created + Math.floor(r.next() * span);
      history.push({ setting: s, value: s.startsWith('prevent'), time: fmt(when), ms: when });
    }
  }
  if (!u.active) {
    const when = created + Math.floor(span * (0.5 + r.next() * 0.5));
    history.push({ setting: 'active', value: false, time: fmt(when), ms: when });
  }
  history.sort((a, b) => a.ms - b.ms);
  return { body: { userSettingsHistory: history.map(({ setting, value, time }) => ({ setting, value, time })) } };
}

export const routes: RouteDef[] = [
  { method: 'GET', path: '/v2/users', scope: 'api:users:read', handler: listUsers },
  { method: 'POST', path: '/v2/users/extensive', scope: 'api:users:read', handler: usersExtensive },
  { method: 'GET', path: '/v2/users/:id', scope: 'api:users:read', handler: getUser },
  { method: 'GET', path: '/v2/users/:id/settings-history', scope: 'api:users:read', handler: settingsHistory },
];
