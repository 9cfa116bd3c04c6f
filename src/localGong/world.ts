/**
 * Generates the local Gong's company deterministically from a seed: workspaces, a user hierarchy,
 * calls over the 120 days before `generatedAt`, settings, library folders and permission profiles.
 * Cheap parts are built up front; per-call content (`extensive`) and transcripts are built on first
 * use, so 10,000 users and 50,000 calls take a few seconds at most.
 */

import type { LgCall, LgMonologue, LgParty, LgSentence, LgUser, LgWorkspace, World } from './model';
import { IdSource, Rand, digits, hash32, streamRng } from './ids';
import {
  BRIEFS, CALL_KINDS, COMMENTS, COMPANY_DOMAIN, COMPANY_NAME, CONTACT_TITLES, CUSTOMERS, EXEC_TITLES, FIRST_NAMES,
  HOSTILE_LIST, HOSTILE_MARK, HOSTILE_SAMPLES, KEY_POINTS, LAST_NAMES, LANGUAGE_TAGS, LONG_SENTENCE_MARK, MANAGER_TITLES,
  NEXT_STEPS, REP_TITLES, SENTENCES, STRUCTURE_SECTIONS, SYSTEMS_CONFERENCE, SYSTEMS_PHONE, TOPICS, WORKSHOP_MARK,
  COMPETITORS, CRMS, MONTHS, REGIONS, SEATS, TALK_FILLERS, TOPIC_SENTENCES, WEEKDAYS,
} from './text';
import { textOf } from '../shared/textOf';

export interface WorldOptions {
  seed?: number;
  users?: number;
  calls?: number;
  /** The generation "now"; defaults to the current time. */
  now?: Date;
  /**
   * The "(very long sentence)" call also carries a megabyte without a space in its title and brief
   * (Gong does not bound them), for the checks that no text can stall a page or the window.
   */
  unbrokenText?: boolean;
}

/** The megabyte without a space that `unbrokenText` puts in a call's title and brief. */
export const UNBROKEN_TEXT = `${'Requirements'.repeat(87_382)}END`;

export const DEFAULT_TIME_ZONE = 'America/Los_Angeles';
/** Gong's web app host for this company; call and library urls point there. */
export const APP_HOST = 'https://us-48211.app.gong.io';
const DAY = 86_400_000;

// ---------------------------------------------------------------------------------------------
// Time formatting in the company zone, with the offset Gong puts on its timestamps.

const offsetCache = new Map<string, Map<number, number>>();
const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** Minutes east of UTC for a zone at an instant (cached per hour: offsets only change on the hour). */
export function zoneOffsetMinutes(timeZone: string, ms: number): number {
  const hour = Math.floor(ms / 3_600_000);
  let byHour = offsetCache.get(timeZone);
  if (byHour === undefined) {
    byHour = new Map();
    offsetCache.set(timeZone, byHour);
  }
  const hit = byHour.get(hour);
  if (hit !== undefined) return hit;
  let fmt = offsetFormatters.get(timeZone);
  if (fmt === undefined) {
    fmt = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormatters.set(timeZone, fmt);
  }
  const name = fmt.formatToParts(new Date(hour * 3_600_000)).find(p => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  const minutes = m === null ? 0 : (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? '0'));
  if (byHour.size > 200_000) byHour.clear();
  byHour.set(hour, minutes);
  return minutes;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** ISO-8601 in the zone's offset, e.g. `2025-05-06T10:01:38.204-07:00`; `fraction` 0 drops millis. */
export function formatInZone(ms: number, timeZone: string, fraction: 0 | 3 = 3): string {
  const off = zoneOffsetMinutes(timeZone, ms);
  const d = new Date(ms + off * 60_000);
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  const frac = fraction === 3 ? `.${pad(d.getUTCMilliseconds(), 3)}` : '';
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${frac}${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

// ---------------------------------------------------------------------------------------------
// Extra per-world data the model does not name, kept beside the World object.

export interface Contact {
  name: string;
  emailAddress: string;
  phoneNumber: string;
  title: string | null;
  customer: number;
  crmId: string;
}

export interface WorldExtras {
  /** Gong staff "avatars", returned only with includeAvatars. */
  avatarUsers: LgUser[];
  contacts: Contact[];
  /** Smart (AI) trackers, which appear in call content but not in /v2/settings/trackers. */
  smartTrackers: Array<{ id: string; name: string; workspaceId: string }>;
  /** Customer account CRM ids, by customer index. */
  accountCrmIds: string[];
  dealCrmIds: string[];
  /** Set with WorldOptions.unbrokenText: the text added to the long-sentence call's brief. */
  unbrokenBrief?: string;
  idSource: IdSource;
}

const extrasByWorld = new WeakMap<World, WorldExtras>();

export function worldExtras(world: World): WorldExtras {
  const e = extrasByWorld.get(world);
  if (e === undefined) throw new Error('world was not made by generateWorld');
  return e;
}

interface CallSecret {
  customer: number;
  kind: 'normal' | 'workshop' | 'longSentence' | 'hostile';
  hostileBrief: boolean;
  startedMs: number;
}
const callSecrets = new WeakMap<LgCall, CallSecret>();

/** The customer (index into CUSTOMERS) an external call was with; undefined for calls made through the API. */
export function callCustomerIndex(call: LgCall): number | undefined {
  return callSecrets.get(call)?.customer;
}

/** Start time used for date filters: scheduled start for web conferences, actual start otherwise. */
const callTimeCache = new WeakMap<LgCall, number>();
export function callFilterTime(call: LgCall): number {
  const hit = callTimeCache.get(call);
  if (hit !== undefined) return hit;
  const basis = call.direction === 'Conference' && call.scheduled !== '' ? call.scheduled : call.started;
  const t = Date.parse(basis);
  callTimeCache.set(call, t);
  return t;
}

// ---------------------------------------------------------------------------------------------

function asciiSlug(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '');
}

function salesforceId(rng: () => number, prefix: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let s = prefix;
  while (s.length < 18) s += alphabet[Math.floor(rng() * alphabet.length)];
  return s;
}

function phone(r: Rand): string {
  const areas = ['415', '206', '212', '312', '617', '512', '303'];
  return `+1 ${r.pick(areas)}-555-${pad(r.int(100, 199), 4)}`;
}

const WORKSPACE_DEFS: ReadonlyArray<Omit<LgWorkspace, 'id'>> = [
  { name: 'North America Sales', description: 'Default workspace for NA field and inside sales' },
  { name: 'EMEA Sales', description: 'Sales teams in Europe, the Middle East and Africa' },
  { name: 'Customer Success', description: '' },
];

const TRACKER_DEFS: ReadonlyArray<{ name: string; keywords: Record<string, string[]>; affiliation: string; saidAt: string; topics: string[] }> = [
  { name: 'Competitors', keywords: { eng: ['Fabrikam', 'Tailspin', 'Wide World Importers'], spa: ['Fabrikam'] }, affiliation: 'Anyone', saidAt: 'Anytime', topics: [] },
  { name: 'Pricing', keywords: { eng: ['price', 'pricing', 'discount', 'budget'], ger: ['Preis', 'Rabatt'] }, affiliation: 'Anyone', saidAt: 'Anytime', topics: ['Pricing'] },
  { name: 'Security', keywords: { mul: ['SOC 2', 'SSO', 'GDPR', 'penetration test'], jpn: ['セキュリティ'] }, affiliation: 'NonCompany', saidAt: 'Anytime', topics: ['Security'] },
  { name: 'Next steps (early)', keywords: { mul: ['next step', 'follow up', 'send over'] }, affiliation: 'Company', saidAt: 'First', topics: ['Next Steps'] },
  { name: 'Timeline', keywords: { eng: ['quarter', 'deadline', 'go-live'], heb: ['לוח זמנים'] }, affiliation: 'Anyone', saidAt: 'Anytime', topics: ['Timeline'] },
  { name: 'Legal & procurement', keywords: { eng: ['DPA', 'procurement', 'legal review'] }, affiliation: 'NonCompany', saidAt: 'Last', topics: [] },
];

const SMART_TRACKERS = ['Budget concerns', 'Champion identified', 'Churn risk'];

const FOLDER_NAMES = ['Best discovery calls', 'Objection handling', 'Pricing conversations', 'Onboarding: new hires', 'Competitive wins', 'Demos that worked', 'Customer stories', 'ベストプラクティス', 'שיחות מצטיינות', 'Mejores demos'];

const OUTCOMES: ReadonlyArray<{ callOutcome: string; connectStatus: string; sentiment: string; todoAction: string; automation: string | null; category: string }> = [
  { callOutcome: 'No answer', connectStatus: 'NOT_CONNECTED', sentiment: 'NEUTRAL', todoAction: 'COMPLETE', automation: null, category: 'NOT_ANSWERED' },
  { callOutcome: 'Left voicemail', connectStatus: 'NOT_CONNECTED', sentiment: 'NEUTRAL', todoAction: 'COMPLETE', automation: null, category: 'NOT_ANSWERED' },
  { callOutcome: 'Busy', connectStatus: 'NOT_CONNECTED', sentiment: 'NEUTRAL', todoAction: 'COMPLETE', automation: null, category: 'NOT_ANSWERED' },
  { callOutcome: 'Meeting scheduled', connectStatus: 'CONNECTED', sentiment: 'POSITIVE', todoAction: 'COMPLETE_AND_REMOVE', automation: null, category: 'ANSWERED' },
  { callOutcome: 'Interested, call back', connectStatus: 'CONNECTED', sentiment: 'POSITIVE', todoAction: 'COMPLETE', automation: null, category: 'ANSWERED' },
  { callOutcome: 'Not interested', connectStatus: 'CONNECTED', sentiment: 'NEGATIVE', todoAction: 'COMPLETE_AND_REMOVE', automation: null, category: 'ANSWERED' },
  { callOutcome: 'Wrong person', connectStatus: 'CONNECTED', sentiment: 'NEUTRAL', todoAction: 'COMPLETE', automation: null, category: 'ANSWERED' },
  { callOutcome: 'Do not contact', connectStatus: 'CONNECTED', sentiment: 'NEGATIVE', todoAction: 'COMPLETE_AND_REMOVE', automation: 'MARK_AS_OPT_OUT', category: 'ANSWERED' },
];

/** Builds the whole world. Same options (seed, sizes, now) give the same world. */
export function generateWorld(options: WorldOptions = {}): World {
  const seed = options.seed ?? 1;
  const userCount = Math.max(1, Math.floor(options.users ?? 60));
  const callCount = Math.max(0, Math.floor(options.calls ?? 150));
  const generatedAt = new Date(options.now ?? new Date());
  const nowMs = generatedAt.getTime();
  const timeZone = DEFAULT_TIME_ZONE;
  const takenIds = new Set<string>();
  const ids = new IdSource(streamRng(seed, 'ids'), id => takenIds.has(id));
  const fmt = (ms: number, fraction: 0 | 3 = 3): string => formatInZone(ms, timeZone, fraction);

  // Workspaces: one for tiny companies, three otherwise.
  const workspaces: LgWorkspace[] = WORKSPACE_DEFS.slice(0, userCount < 6 ? 1 : 3).map(w => ({ id: ids.next(), ...w }));

  // Permission profiles per workspace.
  const profileNames = [
    ['Admin', 'Full access to every call, setting and user'],
    ['Manager', 'Access to the calls of their team'],
    ['Individual contributor', 'Own calls and shared calls'],
  ] as const;
  const permissionProfiles = workspaces.flatMap(w => profileNames.map(([name, description]) => ({ id: ids.next(), name, workspaceId: w.id, description })));
  const profileFor = (workspaceId: string, level: number): string => {
    const list = permissionProfiles.filter(p => p.workspaceId === workspaceId);
    return (list[Math.min(level, list.length - 1)] ?? list[0] ?? { id: '' }).id;
  };

  // Users: an executive tier, managers, then reps, so managerId forms a tree.
  const ur = new Rand(streamRng(seed, 'users'));
  const users: LgUser[] = [];
  const usedEmails = new Set<string>();
  const byIdSoFar = new Map<string, LgUser>();
  const execCount = Math.max(1, Math.round(userCount * 0.02));
  const managerCount = Math.min(userCount - execCount, Math.max(userCount > execCount ? 1 : 0, Math.round(userCount * 0.12)));
  for (let i = 0; i < userCount; i++) {
    const level = i < execCount ? 0 : i < execCount + managerCount ? 1 : 2;
    let firstName = ur.pick(FIRST_NAMES);
    let lastName = ur.pick(LAST_NAMES);
    if (i === 4) { firstName = 'さくら'; lastName = '山田'; }
    if (i === 5) { firstName = 'נועה'; lastName = 'לוי'; }
    const base = `${asciiSlug(firstName) || 'user'}.${asciiSlug(lastName) || String(i)}`;
    let email = `${base}@${COMPANY_DOMAIN}`;
    for (let n = 2; usedEmails.has(email); n++) email = `${base}${n}@${COMPANY_DOMAIN}`;
    usedEmails.add(email);
    let managerId: string | null = null;
    if (i > 0 && level === 0) managerId = (users[0] as LgUser).id;
    else if (level === 1) managerId = (users[ur.int(0, execCount - 1)] as LgUser).id;
    else if (level === 2) managerId = (users[execCount + ur.int(0, Math.max(0, managerCount - 1))] ?? users[0]!).id;
    const manager = managerId === null ? undefined : byIdSoFar.get(managerId);
    const workspaceIds = level === 0 ? workspaces.map(w => w.id)
      : level === 1 ? [ur.pick(workspaces).id]
      : [...(manager?.workspaceIds.slice(0, 1) ?? [ur.pick(workspaces).id])];
    if (level === 2 && workspaces.length > 1 && ur.chance(0.1)) {
      const other = ur.pick(workspaces).id;
      if (!workspaceIds.includes(other)) workspaceIds.push(other);
    }
    const primaryWs = workspaceIds[0] ?? (workspaces[0] as LgWorkspace).id;
    let title = level === 0 ? (i === 0 ? 'Chief Revenue Officer' : ur.pick(EXEC_TITLES)) : level === 1 ? ur.pick(MANAGER_TITLES) : ur.pick(REP_TITLES);
    if (i === 7) title = `${title} ${HOSTILE_SAMPLES.imgOnerror}`;
    const userId = ids.next();
    takenIds.add(userId);
    users.push({
      id: userId,
      emailAddress: email,
      firstName,
      lastName,
      title,
      phoneNumber: phone(ur),
      managerId,
      active: i < execCount + managerCount ? true : ur.chance(0.93),
      created: fmt(nowMs - ur.int(2, 4 * 365) * DAY - ur.int(0, DAY - 1)),
      workspaceIds,
      permissionProfileId: profileFor(primaryWs, level),
    });
    const added = users[users.length - 1] as LgUser;
    byIdSoFar.set(added.id, added);
  }
  const usersById = new Map(users.map(u => [u.id, u]));
  const managersByWs = new Map<string, LgUser[]>();
  for (const u of users) for (const w of u.workspaceIds) {
    const list = managersByWs.get(w) ?? [];
    list.push(u);
    managersByWs.set(w, list);
  }

  const avatarUsers: LgUser[] = [1, 2].map(n => ({
    id: ids.next(),
    emailAddress: `gong-avatar-${n}@gong.io`,
    firstName: 'Gong',
    lastName: `Avatar ${n}`,
    title: 'Gong support',
    phoneNumber: '',
    managerId: null,
    active: true,
    created: fmt(nowMs - 900 * DAY),
    workspaceIds: workspaces.map(w => w.id),
    permissionProfileId: profileFor((workspaces[0] as LgWorkspace).id, 0),
  }));

  // External contacts, a pool per customer so the same person shows up on several calls.
  const cr = new Rand(streamRng(seed, 'contacts'));
  const contacts: Contact[] = [];
  CUSTOMERS.forEach((c, ci) => {
    for (let k = 0; k < 6; k++) {
      const first = cr.pick(FIRST_NAMES);
      const last = cr.pick(LAST_NAMES);
      contacts.push({
        name: `${first} ${last}`,
        emailAddress: `${asciiSlug(first)}.${asciiSlug(last)}${k}@${c.domain}`,
        phoneNumber: phone(cr),
        title: cr.pick(CONTACT_TITLES),
        customer: ci,
        crmId: salesforceId(cr.next, '003'),
      });
    }
  });
  const contactsByCustomer = CUSTOMERS.map((_, ci) => contacts.filter(c => c.customer === ci));
  const accountCrmIds = CUSTOMERS.map(() => salesforceId(cr.next, '001'));
  const dealCrmIds = CUSTOMERS.map(() => salesforceId(cr.next, '006'));

  // Settings: keyword trackers, smart trackers, scorecards, call outcomes.
  const sr = new Rand(streamRng(seed, 'settings'));
  const trackers: Record<string, unknown>[] = [];
  workspaces.forEach((w, wi) => {
    TRACKER_DEFS.forEach((t, ti) => {
      const builtIn = ti === 0;
      const creator = builtIn ? null : sr.pick(managersByWs.get(w.id) ?? users).id;
      const created = nowMs - sr.int(200, 900) * DAY;
      const updated = created + sr.int(0, 150) * DAY;
      trackers.push({
        trackerId: ids.next(),
        trackerName: wi === 0 && ti === TRACKER_DEFS.length - 1 ? `${t.name} ${HOSTILE_SAMPLES.svgOnload}` : t.name,
        workspaceId: w.id,
        languageKeywords: Object.entries(t.keywords).map(([language, keywords]) => ({ language, keywords, includeRelatedForms: language === 'mul' })),
        affiliation: t.affiliation,
        partOfQuestion: ti === 1,
        saidAt: t.saidAt,
        saidAtInterval: t.saidAt === 'Anytime' ? null : 10,
        saidAtUnit: t.saidAt === 'Anytime' ? null : 'minutes',
        saidInTopics: t.topics,
        filterQuery: ti === 3 ? '{"type":"And","filters":[{"type":"CallDirection","terms":["OUTBOUND"]}]}' : '{}',
        created: fmt(created),
        creatorUserId: creator,
        updated: fmt(updated),
        updaterUserId: creator,
      });
    });
  });
  const smartTrackers = workspaces.flatMap(w => SMART_TRACKERS.map(name => ({ id: ids.next(), name, workspaceId: w.id })));

  const scorecards: Record<string, unknown>[] = workspaces.flatMap((w, wi) => {
    const names = wi === 0 ? ['Discovery call review', 'Demo excellence'] : ['Call quality'];
    return names.map(name => {
      const updater = sr.pick(managersByWs.get(w.id) ?? users).id;
      const created = fmt(nowMs - sr.int(300, 700) * DAY, 0);
      const updated = fmt(nowMs - sr.int(10, 290) * DAY, 0);
      const q = (text: string, type: 'RANGE' | 'MULTIPLE_CHOICE', isOverall: boolean, guide: string | null): Record<string, unknown> => ({
        questionId: ids.next(),
        questionRevisionId: ids.next(),
        questionText: text,
        isOverall,
        updaterUserId: isOverall ? '-1' : updater,
        questionType: type,
        answerGuide: guide,
        minRange: type === 'RANGE' ? '1' : null,
        maxRange: type === 'RANGE' ? '5' : null,
        answerOptions: type === 'MULTIPLE_CHOICE' ? ['Budget', 'Authority', 'Need', 'Timeline'].map((text2, k) => ({ id: String(k + 1), text: text2 })) : [],
        created,
        updated,
      });
      return {
        scorecardId: ids.next(),
        scorecardName: name,
        workspaceId: w.id,
        enabled: name !== 'Call quality' || wi % 2 === 0,
        updaterUserId: updater,
        created,
        updated,
        reviewMethod: name === 'Demo excellence' ? 'AUTOMATIC' : 'MANUAL',
        questions: [
          q('How well did the rep uncover the buying process?', 'RANGE', false, '5 = economic buyer, timeline and criteria all confirmed.'),
          q('Which qualification topics were covered?', 'MULTIPLE_CHOICE', false, null),
          q(wi === 0 && name === 'Demo excellence' ? `Tailored the demo? ${HOSTILE_SAMPLES.markdownLink}` : 'Did the rep agree on next steps?', 'RANGE', false, null),
          q('Overall score', 'RANGE', true, null),
        ],
      };
    });
  });

  const callOutcomes: Record<string, unknown>[] = OUTCOMES.map((o, k) => ({
    callOutcome: o.callOutcome,
    displayOrder: o.connectStatus === 'CONNECTED' ? k - 2 : k + 1,
    connectStatus: o.connectStatus,
    sentiment: o.sentiment,
    todoAction: o.todoAction,
    automation: o.automation,
    category: o.category,
  }));

  // Calls: times first (newest first), then everything else in that order.
  const callRand = new Rand(streamRng(seed, 'calls'));
  const starts: number[] = [];
  for (let i = 0; i < callCount; i++) starts.push(nowMs - 60_000 - Math.floor(callRand.next() * 120 * DAY));
  starts.sort((a, b) => b - a);
  const hosts = users.filter((u, i) => u.active && (i >= execCount || userCount <= 2));
  const hostPool = hosts.length > 0 ? hosts : users;
  const hostOrder = callRand.sample(hostPool, hostPool.length);
  const world: World = {
    seed,
    timeZone,
    generatedAt,
    workspaces,
    users,
    usersById,
    calls: [],
    callsById: new Map(),
    trackers,
    scorecards,
    callOutcomes,
    libraryFolders: [],
    permissionProfiles,
    erasedEmails: new Set(),
    erasedPhones: new Set(),
    rng: (stream: string) => streamRng(seed, `route:${stream}`),
  };
  const extras: WorldExtras = { avatarUsers, contacts, smartTrackers, accountCrmIds, dealCrmIds, idSource: new IdSource(streamRng(seed, 'newIds')), ...(options.unbrokenText ? { unbrokenBrief: UNBROKEN_TEXT } : {}) };
  extrasByWorld.set(world, extras);

  const specialKinds: Array<CallSecret['kind'] | 'spa' | 'ger' | 'jpn' | 'heb'> = ['normal', 'workshop', 'longSentence', 'hostile', 'spa', 'ger', 'jpn', 'heb'];
  for (let i = 0; i < callCount; i++) {
    const special = i < specialKinds.length && callCount >= 4 ? specialKinds[i] ?? 'normal' : 'normal';
    const started = starts[i] ?? nowMs;
    // Round-robin over a shuffled pool with some randomness: every rep hosts calls in any stretch
    // of time, as in a real sales team, instead of a lucky few hosting most of them.
    const host = callRand.chance(0.25) ? callRand.pick(hostPool) : (hostOrder[i % hostOrder.length] as LgUser);
    const workspaceId = host.workspaceIds[0] ?? (workspaces[0] as LgWorkspace).id;
    const customer = callRand.int(0, CUSTOMERS.length - 1);
    const cust: (typeof CUSTOMERS)[number] = CUSTOMERS[customer] ?? CUSTOMERS[0]!;
    const conference = special !== 'normal' || callRand.chance(0.7);
    const internalOnly = special === 'normal' && conference && callRand.chance(0.06);
    let language = 'eng';
    if (special === 'spa' || special === 'ger' || special === 'jpn' || special === 'heb') language = special;
    else if (special === 'normal') {
      const r = callRand.next();
      language = r < 0.04 ? 'spa' : r < 0.06 ? 'ger' : r < 0.075 ? 'jpn' : r < 0.085 ? 'heb' : 'eng';
    }
    let duration = conference ? callRand.int(900, 3600) : callRand.int(25, 900);
    if (conference && special === 'normal' && callRand.chance(0.02)) duration = callRand.int(5400, 7200);
    if (special === 'workshop') duration = 7200;
    const kindName = callRand.pick(CALL_KINDS);
    let title = internalOnly ? `${COMPANY_NAME} | Pipeline review`
      : conference ? `${COMPANY_NAME} <> ${cust.name} | ${kindName}` : '';
    const kind: CallSecret['kind'] = special === 'workshop' || special === 'longSentence' || special === 'hostile' ? special : 'normal';
    if (kind === 'workshop') title = `${COMPANY_NAME} <> ${cust.name} | Implementation ${WORKSHOP_MARK}`;
    if (kind === 'longSentence') title = `${COMPANY_NAME} <> ${cust.name} | Requirements dump ${options.unbrokenText ? `${UNBROKEN_TEXT} ` : ''}${LONG_SENTENCE_MARK}`;
    if (kind === 'hostile') title = `${cust.name} renewal ${HOSTILE_SAMPLES.scriptTag} ${HOSTILE_MARK}`;

    // Parties.
    const parties: LgParty[] = [];
    const hostParty = (u: LgUser, attend: boolean): LgParty => ({
      id: ids.nextUnchecked(), emailAddress: u.emailAddress, name: `${u.firstName} ${u.lastName}`, title: u.title, userId: u.id,
      speakerId: ids.nextUnchecked(), affiliation: 'Internal', methods: attend ? INVITEE_ATTENDEE : INVITEE_ONLY,
    });
    parties.push(hostParty(host, true));
    const colleagues = managersByWs.get(workspaceId) ?? users;
    const extraInternal = internalOnly ? callRand.int(2, 4) : kind === 'workshop' ? 2 : callRand.chance(conference ? 0.4 : 0) ? 1 : 0;
    for (let k = 0; k < extraInternal; k++) {
      const u = callRand.pick(colleagues);
      if (parties.some(p => p.userId === u.id)) continue;
      parties.push(hostParty(u, callRand.chance(0.9)));
    }
    let firstContact: Contact | undefined;
    if (!internalOnly) {
      const externals = conference ? (kind === 'workshop' ? 4 : callRand.int(1, 3)) : 1;
      const pool = contactsByCustomer[customer] ?? contacts;
      for (const c of callRand.sample(pool, externals)) {
        firstContact ??= c;
        const attend = parties.length < 2 || callRand.chance(0.85);
        const p: LgParty = {
          id: ids.nextUnchecked(), emailAddress: c.emailAddress, name: c.name, speakerId: ids.nextUnchecked(),
          affiliation: 'External', methods: conference ? (attend ? INVITEE_ATTENDEE : INVITEE_ONLY) : ATTENDEE_ONLY,
        };
        if (c.title !== null) p.title = c.title;
        if (!conference || callRand.chance(0.3)) p.phoneNumber = c.phoneNumber;
        parties.push(p);
      }
    }
    if (!conference) title = callRand.chance(0.8) ? `Outbound call to ${firstContact?.phoneNumber ?? 'unknown number'}` : `Inbound call from ${firstContact?.name ?? 'unknown caller'}`;
    const direction: LgCall['direction'] = conference ? 'Conference' : title.startsWith('Inbound') ? 'Inbound' : 'Outbound';
    const scheduledMs = conference ? Math.round((started - 90_000) / 1_800_000) * 1_800_000 : 0;
    const id = ids.next();
    takenIds.add(id);
    const call = new GeneratedCall(world, {
      id,
      workspaceId,
      primaryUserId: host.id,
      title,
      scheduled: conference ? fmt(scheduledMs, 0) : '',
      started: fmt(started),
      duration,
      direction,
      scope: internalOnly ? 'Internal' : 'External',
      system: conference ? callRand.pick(SYSTEMS_CONFERENCE) : callRand.pick(SYSTEMS_PHONE),
      media: conference ? 'Video' : 'Audio',
      language,
      isPrivate: special === 'normal' && callRand.chance(0.03),
      url: `${APP_HOST}/call?id=${id}`,
      meetingUrl: conference ? `https://zoom.us/j/${digits(callRand.next, 10)}` : '',
      purpose: conference ? null : callRand.chance(0.5) ? 'Follow-up' : 'Prospecting',
      clientUniqueId: conference ? null : `dialer-${digits(callRand.next, 12)}`,
      customData: null,
      parties,
    });
    const secret: CallSecret = { customer, kind, hostileBrief: kind === 'hostile' || callRand.chance(0.02), startedMs: started };
    callSecrets.set(call, secret);
    world.calls.push(call);
    world.callsById.set(id, call);
  }

  world.libraryFolders = buildLibrary(world, ids, fmt, nowMs);
  return world;
}

// ---------------------------------------------------------------------------------------------
// Lazy per-call parts.

const transcriptCaches = new WeakMap<World, Map<string, LgMonologue[]>>();
// Shared by all parties: nothing mutates a party's methods, and 200,000 small arrays add up.
const INVITEE_ATTENDEE = Object.freeze(['Invitee', 'Attendee']) as string[];
const INVITEE_ONLY = Object.freeze(['Invitee']) as string[];
const ATTENDEE_ONLY = Object.freeze(['Attendee']) as string[];
const TRANSCRIPT_CACHE_SIZE = 6;

type CallFields = Omit<LgCall, 'extensive' | 'transcript' | 'accessUserIds' | 'mediaStatus'>;

/**
 * A generated call. `extensive` and `transcript()` are built on first use through the prototype,
 * which keeps 50,000 calls cheap (no per-object closures or accessors).
 */
class GeneratedCall implements LgCall {
  id: string;
  workspaceId: string;
  primaryUserId: string;
  title: string;
  scheduled: string;
  started: string;
  duration: number;
  direction: LgCall['direction'];
  scope: LgCall['scope'];
  system: string;
  media: LgCall['media'];
  language: string;
  isPrivate: boolean;
  url: string;
  meetingUrl: string;
  purpose: string | null;
  clientUniqueId: string | null;
  customData: string | null;
  parties: LgParty[];
  accessUserIds: string[] = [];
  mediaStatus?: 'WAITING' | 'UPLOADED';
  readonly #world: World;
  #extensive: Record<string, unknown> | undefined;

  constructor(world: World, f: CallFields) {
    this.#world = world;
    this.id = f.id;
    this.workspaceId = f.workspaceId;
    this.primaryUserId = f.primaryUserId;
    this.title = f.title;
    this.scheduled = f.scheduled;
    this.started = f.started;
    this.duration = f.duration;
    this.direction = f.direction;
    this.scope = f.scope;
    this.system = f.system;
    this.media = f.media;
    this.language = f.language;
    this.isPrivate = f.isPrivate;
    this.url = f.url;
    this.meetingUrl = f.meetingUrl;
    this.purpose = f.purpose;
    this.clientUniqueId = f.clientUniqueId;
    this.customData = f.customData;
    this.parties = f.parties;
  }

  get extensive(): Record<string, unknown> {
    return (this.#extensive ??= buildExtensive(this.#world, this));
  }

  set extensive(value: Record<string, unknown>) {
    this.#extensive = value;
  }

  transcript(): LgMonologue[] {
    // A few recent transcripts per world are kept: the two-hour one takes a moment to build and
    // clients often ask for the same call twice (details, then transcript).
    let cache = transcriptCaches.get(this.#world);
    if (cache === undefined) {
      cache = new Map();
      transcriptCaches.set(this.#world, cache);
    }
    const hit = cache.get(this.id);
    if (hit !== undefined) return hit;
    const t = buildTranscript(this.#world, this);
    cache.set(this.id, t);
    if (cache.size > TRANSCRIPT_CACHE_SIZE) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    return t;
  }
}

/** The call's topics with durations; shared by content.topics and transcript monologue topics. */
export function callTopics(world: World, call: LgCall): Array<{ name: string; duration: number }> {
  const r = new Rand(streamRng(world.seed, `topics:${call.id}`));
  const names = [TOPICS[0] as string, ...r.sample(TOPICS.slice(1, -1), r.int(2, 5)), TOPICS[TOPICS.length - 1] as string];
  let left = Math.floor(call.duration * 0.85);
  return names.map((name, i) => {
    const d = i === names.length - 1 ? Math.max(1, left) : Math.max(1, Math.floor(left * (0.15 + r.next() * 0.3)));
    left = Math.max(1, left - d);
    return { name, duration: d };
  });
}

function attendees(call: LgCall): LgParty[] {
  const list = call.parties.filter(p => p.methods.includes('Attendee'));
  return list.length > 0 ? list : call.parties.slice(0, 1);
}

const usersByWorkspace = new WeakMap<World, { count: number; map: Map<string, LgUser[]> }>();

/** Users of a workspace, cached per world (rebuilt when users are added or removed). */
export function usersOfWorkspace(world: World, workspaceId: string): LgUser[] {
  let entry = usersByWorkspace.get(world);
  if (entry === undefined || entry.count !== world.users.length) {
    const map = new Map<string, LgUser[]>();
    for (const u of world.users) for (const w of u.workspaceIds) {
      const list = map.get(w);
      if (list === undefined) map.set(w, [u]);
      else list.push(u);
    }
    entry = { count: world.users.length, map };
    usersByWorkspace.set(world, entry);
  }
  return entry.map.get(workspaceId) ?? [];
}

function buildExtensive(world: World, call: LgCall): Record<string, unknown> {
  const secret = callSecrets.get(call);
  const extras = worldExtras(world);
  const r = new Rand(streamRng(world.seed, `extensive:${call.id}`));
  const fmt = (ms: number): string => formatInZone(ms, world.timeZone, 3);
  const customerIndex = secret?.customer ?? 0;
  const cust: (typeof CUSTOMERS)[number] = CUSTOMERS[customerIndex] ?? CUSTOMERS[0]!;
  const speakers = attendees(call);
  const external = call.parties.find(p => p.affiliation === 'External');
  const d = Math.max(1, call.duration);
  const at = (): number => Math.round(r.next() * d * 100) / 100;
  const hostile = secret?.hostileBrief === true;

  const context = call.scope === 'External' ? [{
    system: 'Salesforce',
    objects: [
      { objectType: 'Account', objectId: extras.accountCrmIds[customerIndex] ?? '', fields: [{ name: 'Name', value: cust.name }, { name: 'Industry', value: cust.industry }], timing: 'Now' },
      { objectType: 'Opportunity', objectId: extras.dealCrmIds[customerIndex] ?? '', fields: [{ name: 'StageName', value: r.pick(['Discovery', 'Evaluation', 'Proposal', 'Negotiation', 'Closed Won']) }, { name: 'Amount', value: r.int(8, 400) * 1000 }, { name: 'CloseDate', value: formatInZone(world.generatedAt.getTime() + r.int(5, 120) * DAY, world.timeZone, 0).slice(0, 10) }], timing: 'Now' },
    ],
  }] : [];

  const sections = r.sample(STRUCTURE_SECTIONS, r.int(3, 5));
  let left = d;
  const structure = sections.map((name, i) => {
    const dur = i === sections.length - 1 ? left : Math.max(1, Math.floor(left * (0.2 + r.next() * 0.3)));
    left = Math.max(0, left - dur);
    return { name, duration: dur };
  });

  const wsTrackers = world.trackers.filter(t => t.workspaceId === call.workspaceId);
  const trackers: Record<string, unknown>[] = r.sample(wsTrackers, r.int(1, Math.min(4, wsTrackers.length))).map(t => {
    const lk = (t.languageKeywords as Array<{ keywords: string[] }>)[0]?.keywords ?? [];
    const phrases = r.sample(lk, r.int(1, Math.min(2, lk.length))).map(phrase => {
      const occurrences = Array.from({ length: r.int(1, 3) }, () => ({ startTime: at(), speakerId: r.pick(speakers).speakerId })).sort((a, b) => a.startTime - b.startTime);
      return { count: occurrences.length, occurrences, phrase };
    });
    const occurrences = phrases.flatMap(p => p.occurrences).sort((a, b) => a.startTime - b.startTime);
    return { id: t.trackerId, name: t.trackerName, count: occurrences.length, type: 'KEYWORD', occurrences, phrases };
  });
  const smart = extras.smartTrackers.filter(t => t.workspaceId === call.workspaceId);
  if (smart.length > 0 && r.chance(0.5)) {
    const t = r.pick(smart);
    const occurrences = [{ startTime: at(), speakerId: r.pick(speakers).speakerId }];
    trackers.push({ id: t.id, name: t.name, count: 1, type: 'SMART', occurrences, phrases: [] });
  }

  const contactName = external?.name ?? 'the team';
  let brief = r.pick(BRIEFS).replace('{customer}', cust.name).replace('{contact}', contactName);
  if (hostile) brief = `${brief} ${secret?.kind === 'hostile' ? HOSTILE_LIST.join(' ') : r.pick(HOSTILE_LIST)}`;
  if (secret?.kind === 'longSentence' && extras.unbrokenBrief !== undefined) brief = `${brief} ${extras.unbrokenBrief}`;
  const outline = r.sample(TOPICS.slice(1), r.int(2, 4)).map((section, i, arr) => {
    const startTime = Math.round((d / arr.length) * i * 10) / 10;
    const duration = Math.round((d / arr.length) * 10) / 10;
    return {
      section,
      startTime,
      duration,
      items: r.sample(KEY_POINTS, r.int(1, 3)).map((text, k) => ({ text, startTime: Math.round((startTime + (duration / 4) * k) * 10) / 10 })),
    };
  });
  const highlights = [
    { title: 'Next steps', items: r.sample(NEXT_STEPS, r.int(1, 3)).map(text => ({ text, startTimes: [at()] })) },
    { title: 'Pain points', items: [{ text: hostile ? `Manual work ${HOSTILE_SAMPLES.markdownImage}` : 'Too much manual work keeping records current.', startTimes: [at(), at()].sort((a, b) => a - b) }] },
  ];
  const outcome = r.pick(world.callOutcomes);
  const outcomeName = textOf(outcome.callOutcome, 'Unknown');
  const callOutcome = { id: outcomeName.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_|_$/g, ''), category: outcome.category === 'ANSWERED' ? 'Answered' : 'Not answered', name: outcomeName };
  const keyPoints = r.sample(KEY_POINTS, r.int(2, 4)).map(text => ({ text }));
  if (secret?.kind === 'hostile') for (const h of HOSTILE_LIST) keyPoints.push({ text: h });

  let remaining = d * 0.92;
  const speakerStats = speakers.map((p, i) => {
    const talk = i === speakers.length - 1 ? remaining : remaining * (0.3 + r.next() * 0.4);
    remaining = Math.max(0, remaining - talk);
    const s: Record<string, unknown> = { id: p.id };
    if (p.userId !== undefined) s.userId = p.userId;
    s.talkTime = Math.round(talk * 10) / 10;
    return s;
  });
  const interaction: Record<string, unknown> = {
    speakers: speakerStats,
    interactionStats: [
      { name: 'Talk Ratio', value: Math.round((0.3 + r.next() * 0.4) * 100) / 100 },
      { name: 'Longest Monologue', value: r.int(20, 240) },
      { name: 'Longest Customer Story', value: r.int(10, 200) },
      { name: 'Interactivity', value: Math.round((2 + r.next() * 8) * 10) / 10 },
      { name: 'Patience', value: Math.round((0.4 + r.next() * 1.2) * 100) / 100 },
    ],
    video: call.media === 'Video' ? [{ name: 'Presentation', duration: Math.floor(d * 0.2) }, { name: 'WebcamPrimaryUser', duration: Math.floor(d * 0.8) }] : [],
    questions: { companyCount: r.int(2, 25), nonCompanyCount: r.int(0, 15) },
  };

  const internalUsers = usersOfWorkspace(world, call.workspaceId);
  const comments: Record<string, unknown>[] = [];
  const commentCount = hostile ? 3 : r.chance(0.4) ? r.int(1, 3) : 0;
  const startedMs = secret?.startedMs ?? Date.parse(call.started);
  for (let k = 0; k < commentCount && internalUsers.length > 0; k++) {
    const commenter = r.pick(internalUsers);
    const start = Math.floor(at());
    const host = world.usersById.get(call.primaryUserId);
    const mention = host === undefined ? '' : ` @[${host.firstName} ${host.lastName}](${host.id})`;
    const text = hostile && k === 0 ? `${HOSTILE_SAMPLES.javascriptLink} ${HOSTILE_SAMPLES.htmlEntities}` : `${r.pick(COMMENTS)}${mention}`;
    comments.push({
      id: extras.idSource.next19(),
      audioStartTime: start,
      audioEndTime: start + r.int(5, 60),
      commenterUserId: commenter.id,
      comment: text,
      posted: fmt(startedMs + (d + r.int(60, 3 * 86_400)) * 1000),
      inReplyTo: k > 0 && r.chance(0.4) ? String((comments[k - 1] as { id: string }).id) : null,
      duringCall: r.chance(0.2),
    });
  }

  const expires = Math.floor(world.generatedAt.getTime() / 1000) + 8 * 3600;
  const media: Record<string, unknown> = { audioUrl: `https://media.local-gong.invalid/calls/${call.id}/audio.mp3?expires=${expires}&sig=${hash32(`a${call.id}`).toString(16)}` };
  if (call.media === 'Video') media.videoUrl = `https://media.local-gong.invalid/calls/${call.id}/video.mp4?expires=${expires}&sig=${hash32(`v${call.id}`).toString(16)}`;

  return {
    context,
    content: { structure, trackers, topics: callTopics(world, call), brief, outline, highlights, callOutcome, keyPoints },
    interaction,
    collaboration: { publicComments: comments },
    media,
  };
}

function buildTranscript(world: World, call: LgCall): LgMonologue[] {
  const secret = callSecrets.get(call);
  const r = new Rand(streamRng(world.seed, `transcript:${call.id}`));
  const pool = SENTENCES[call.language] ?? SENTENCES.eng ?? [];
  // English calls say what their topics are about (TOPIC_SENTENCES), with this call's own names and numbers.
  const byTopic = call.language === 'eng' || !SENTENCES[call.language];
  const [competitor, competitor2] = r.sample(COMPETITORS, 2);
  const slots: Record<string, string> = {
    competitor: competitor ?? 'Fabrikam', competitor2: competitor2 ?? 'Tailspin', seats: r.pick(SEATS), day: r.pick(WEEKDAYS),
    month: r.pick(MONTHS), crm: r.pick(CRMS), percent: String(r.int(2, 12)), weeks: String(r.int(2, 10)), region: r.pick(REGIONS),
    customer: CUSTOMERS[secret?.customer ?? 0]?.name ?? 'your team',
  };
  const say = (topic: string | null): string => {
    const topicPool = topic === null ? undefined : TOPIC_SENTENCES[topic];
    if (!byTopic || !topicPool) return r.pick(pool);
    return (r.chance(0.7) ? r.pick(topicPool) : r.pick(TALK_FILLERS)).replace(/\{(\w+)\}/g, (m, k: string) => slots[k] ?? m);
  };
  const speakers = attendees(call).map(p => p.speakerId);
  const topics = callTopics(world, call);
  const durationMs = Math.max(1, call.duration) * 1000;
  const workshop = secret?.kind === 'workshop';
  const total = workshop ? 20_000 : Math.min(4000, Math.max(4, Math.round(call.duration / 3.2)));
  const spacing = durationMs / (total + 1);
  const topicAt = (ms: number): string | null => {
    let acc = 0;
    const s = ms / 1000;
    for (const t of topics) {
      acc += t.duration;
      if (s < acc) return t.name;
    }
    return topics[topics.length - 1]?.name ?? null;
  };
  const monologues: LgMonologue[] = [];
  let speaker = speakers[0] ?? '0';
  let i = 0;
  const hostile = secret?.kind === 'hostile';
  let hostileIndex = 0;
  for (let guard = 0; i < total && guard < 100_000; guard++) {
    const size = workshop ? r.int(4, 14) : r.int(1, 7);
    const sentences: LgSentence[] = [];
    const topic = topicAt(Math.round(i * spacing));
    for (let k = 0; k < size && i < total; k++, i++) {
      const start = Math.round(i * spacing + r.next() * spacing * 0.1);
      const end = Math.min(durationMs, start + Math.max(1, Math.round(spacing * 0.85)));
      let text = say(topic);
      if (hostile && i % 5 === 2) text = HOSTILE_LIST[hostileIndex++ % HOSTILE_LIST.length] ?? text;
      sentences.push({ start, end, text });
    }
    const first = sentences[0];
    if (first === undefined) break;
    monologues.push({ speakerId: speaker, topic: r.chance(0.25) ? null : topic, sentences });
    if (speakers.length > 1) {
      const others = speakers.filter(s => s !== speaker);
      speaker = r.chance(0.7) && speakers[0] !== speaker ? (speakers[0] as string) : r.pick(others);
    }
  }
  if (secret?.kind === 'longSentence' && monologues.length > 0) {
    // One run-on sentence of about a megabyte: the kind of input that breaks naive renderers.
    const words = ['and', 'then', 'we', 'also', 'need', 'the', 'export', 'to', 'handle', 'every', 'region', 'plus', 'audit', 'logs'];
    const parts: string[] = [];
    let size = 0;
    for (let k = 0; size < 1_000_000 && k < 300_000; k++) {
      const w = words[k % words.length] as string;
      parts.push(w);
      size += w.length + 1;
    }
    const target = monologues[Math.min(1, monologues.length - 1)] as LgMonologue;
    const anchor = target.sentences[0] as LgSentence;
    target.sentences.splice(1, 0, { start: anchor.end, end: anchor.end, text: `So the requirements are ${parts.join(' ')}.` });
  }
  return monologues;
}

// ---------------------------------------------------------------------------------------------

function buildLibrary(world: World, ids: IdSource, fmt: (ms: number, f?: 0 | 3) => string, nowMs: number): World['libraryFolders'] {
  const r = new Rand(streamRng(world.seed, 'library'));
  const folders: World['libraryFolders'] = [];
  const callsByWs = new Map<string, string[]>();
  for (const c of world.calls) {
    const list = callsByWs.get(c.workspaceId) ?? [];
    if (list.length < 400) list.push(c.id);
    callsByWs.set(c.workspaceId, list);
  }
  world.workspaces.forEach((w, wi) => {
    const wsCalls = callsByWs.get(w.id) ?? [];
    const creators = world.users.filter(u => u.workspaceIds.includes(w.id));
    const root = { id: ids.next(), name: 'Public Folders', parentFolderId: null, createdBy: null, updated: fmt(nowMs - 800 * DAY), workspaceId: w.id, callIds: [] as string[] };
    folders.push(root);
    const names = r.sample(FOLDER_NAMES, Math.min(FOLDER_NAMES.length, 4 + (wi === 0 ? 2 : 0)));
    if (wi === 0) names.push(`Reviewed ${HOSTILE_SAMPLES.imgOnerror}`);
    names.forEach((name, k) => {
      const parent = k > 0 && k % 3 === 0 ? (folders[folders.length - 1] ?? root).id : root.id;
      folders.push({
        id: ids.next(),
        name,
        parentFolderId: parent,
        createdBy: creators.length > 0 ? r.pick(creators).id : null,
        updated: fmt(nowMs - r.int(1, 300) * DAY - r.int(0, DAY)),
        workspaceId: w.id,
        callIds: r.sample(wsCalls, r.int(k === 0 ? 1 : 0, 9)),
      });
    });
  });
  return folders;
}

/** Extra per-call facts Gong returns that the model does not carry. */
export function callExtras(call: LgCall): { sdrDisposition: string | null; calendarEventId: string | null } {
  const h = hash32(call.id);
  const dispositions = ['Left voicemail', 'Connected', 'No answer', 'Meeting booked'];
  return {
    sdrDisposition: call.direction === 'Outbound' ? (dispositions[h % dispositions.length] ?? null) : null,
    calendarEventId: call.direction === 'Conference' ? `${h.toString(36)}${hash32(`e${call.id}`).toString(36)}@google.com` : null,
  };
}

/** Per-user facts of Gong's UserMetadata that the model does not carry, derived from the id. */
export function userDetails(world: World, user: LgUser): Record<string, unknown> {
  const r = new Rand(streamRng(world.seed, `user:${user.id}`));
  const local = user.emailAddress.split('@')[0] ?? 'user';
  const domain = user.emailAddress.split('@')[1] ?? COMPANY_DOMAIN;
  const hasAlias = r.chance(0.3);
  const withZoom = r.chance(0.7);
  const secondLanguage = r.chance(0.25) ? r.pick(Object.values(LANGUAGE_TAGS).filter(t => t !== 'en-US')) : undefined;
  return {
    emailAliases: hasAlias ? [`${local.replace('.', '')}@${domain}`] : [],
    trustedEmailAddress: r.chance(0.5) ? user.emailAddress : null,
    extension: r.chance(0.4) ? String(r.int(100, 999)) : null,
    personalMeetingUrls: withZoom ? [`https://zoom.us/j/${digits(r.next, 10)}`] : [],
    settings: {
      webConferencesRecorded: r.chance(0.9),
      preventWebConferenceRecording: r.chance(0.05),
      telephonyCallsImported: r.chance(0.6),
      emailsImported: r.chance(0.8),
      preventEmailImport: r.chance(0.05),
      nonRecordedMeetingsImported: r.chance(0.6),
      gongConnectEnabled: r.chance(0.5),
    },
    meetingConsentPageUrl: r.chance(0.4) ? `https://us-48211.join.gong.io/northwind-demo/${local}` : null,
    conferencingProviders: withZoom ? [{ provider: 'zoom', isDefault: true }, ...(r.chance(0.5) ? [{ provider: 'google-meet', isDefault: false }] : [])] : null,
    spokenLanguages: [{ language: 'en-US', primary: true }, ...(secondLanguage === undefined ? [] : [{ language: secondLanguage, primary: false }])],
  };
}

// ---------------------------------------------------------------------------------------------
// Erased data: the data-privacy routes record erased emails and numbers; answers leave them out.

const digitsOnly = (s: string): string => s.replace(/\D/g, '');

/** Whether an email address was erased (compared case-insensitively). */
export function isErasedEmail(world: World, email: string | undefined): boolean {
  if (email === undefined || world.erasedEmails.size === 0) return false;
  return world.erasedEmails.has(email) || world.erasedEmails.has(email.toLowerCase());
}

/** Whether a phone number was erased, however it was spelled (digits compared). */
export function isErasedPhone(world: World, phone: string | undefined): boolean {
  if (phone === undefined || phone === '' || world.erasedPhones.size === 0) return false;
  const d = digitsOnly(phone);
  if (d.length === 0) return false;
  for (const e of world.erasedPhones) if (digitsOnly(e) === d) return true;
  return false;
}

/** Free text (call titles) with erased phone numbers and emails blanked out. */
export function scrubErased(world: World, text: string): string {
  if (world.erasedEmails.size === 0 && world.erasedPhones.size === 0) return text;
  return text
    .replace(/\+?\d[\d\s().-]{6,}\d/g, m => (isErasedPhone(world, m) ? '[erased]' : m))
    .replace(/[^\s<>()"']+@[^\s<>()"']+/g, m => (isErasedEmail(world, m) ? '[erased]' : m));
}
