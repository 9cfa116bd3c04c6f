/**
 * The call details view model, built from one call of an extensive calls answer (fetched by
 * src/data). Pure: runs in plain Node tests and in the extension host alike.
 */
import type { CallDetailsModel, LabelValue, PartyModel, RichNode, TimeRef } from '../shared/models';
import { gongLink } from '../shared/safeText';
import { clock, dateTime, duration, percent } from './format';
import { escapeMarkdown } from './exporters';
import { renderRich, richToPlain } from './markdown';
import { arr, bool, num, obj, objs, str, type Obj } from './read';

/** Ids of the Gong users who commented on a call and are not among its parties (their names need a lookup). */
export function commenterIdsToResolve(call: Obj): string[] {
  const known = new Set(objs(call['parties']).map(p => str(p['userId'])).filter((x): x is string => !!x));
  const ids = objs(obj(call['collaboration'])?.['publicComments']).map(c => str(c['commenterUserId'])).filter((x): x is string => !!x && !known.has(x));
  return [...new Set(ids)];
}

export interface NameLookup {
  /** Display names of Gong users by user id (comment authors), when the caller knows them. */
  users?: ReadonlyMap<string, string>;
  /** Workspace names by id. */
  workspaces?: ReadonlyMap<string, string>;
}

/** A time reference from Gong's seconds. */
export function timeRef(seconds: number): TimeRef {
  const ms = Math.max(0, Math.round(seconds * 1000));
  return { label: clock(ms), ms };
}

const directions: Record<string, string> = { Inbound: 'Inbound', Outbound: 'Outbound', Conference: 'Conference', Unknown: 'Unknown' };

function affiliationOf(v: unknown): PartyModel['affiliation'] {
  return v === 'Internal' ? 'company' : v === 'External' ? 'external' : 'unknown';
}

/** Parties with talk shares; speaker names by Gong speakerId for trackers and transcripts. */
export function partiesOf(call: Obj): PartyModel[] {
  const speakers = objs(obj(call['interaction'])?.['speakers']);
  const talk = new Map<string, number>();
  for (const s of speakers) {
    const id = str(s['id']);
    const t = num(s['talkTime']);
    if (id && t !== undefined && t >= 0) talk.set(id, t);
  }
  const total = [...talk.values()].reduce((a, b) => a + b, 0);
  return objs(call['parties']).map(p => {
    const email = str(p['emailAddress']);
    const id = str(p['id']);
    const seconds = id ? talk.get(id) : undefined;
    const party: PartyModel = {
      name: str(p['name'])?.trim() || email || 'Unknown participant',
      affiliation: affiliationOf(p['affiliation']),
      methods: arr(p['methods']).filter((m): m is string => typeof m === 'string'),
    };
    const title = str(p['title']); if (title) party.title = title;
    if (email) party.email = email;
    const phone = str(p['phoneNumber']); if (phone) party.phone = phone;
    const speakerId = str(p['speakerId']); if (speakerId) party.speakerId = speakerId;
    if (seconds !== undefined) {
      party.talkSeconds = seconds;
      if (total > 0) party.talkShare = seconds / total;
    }
    return party;
  });
}

function formatStat(name: string, value: number): string {
  if (/ratio/i.test(name)) return percent(value);
  if (/longest/i.test(name)) return duration(value);
  if (/patience/i.test(name)) return `${value.toFixed(2)} s`;
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

function fieldValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  const s = str(v);
  if (s !== undefined) return s;
  try { return JSON.stringify(v); } catch { return ''; }
}

/** Builds the details view model from one `calls[]` element of /v2/calls/extensive. */
export function buildCallDetails(call: Obj, names: NameLookup = {}): CallDetailsModel {
  const meta = obj(call['metaData']) ?? {};
  const content = obj(call['content']) ?? {};
  const interaction = obj(call['interaction']) ?? {};
  const callId = str(meta['id']) ?? '';
  const parties = partiesOf(call);
  const speakerName = new Map(parties.filter(p => p.speakerId).map(p => [p.speakerId as string, p.name]));

  const facts: LabelValue[] = [];
  const fact = (label: string, value: string | undefined) => { if (value) facts.push({ label, value }); };
  fact('Started', dateTime(str(meta['started'])));
  if (!meta['started']) fact('Scheduled', dateTime(str(meta['scheduled'])));
  const secs = num(meta['duration']);
  if (secs !== undefined) fact('Duration', duration(secs));
  const dir = str(meta['direction']);
  fact('Direction', dir ? directions[dir] ?? dir : undefined);
  fact('Scope', str(meta['scope']));
  fact('System', str(meta['system']));
  fact('Media', str(meta['media']));
  const ws = str(meta['workspaceId']);
  fact('Workspace', ws ? names.workspaces?.get(ws) ?? ws : undefined);
  fact('Language', str(meta['language']));
  if (bool(meta['isPrivate'])) fact('Private', 'Yes');
  fact('Purpose', str(meta['purpose']));

  const highlightsAll = objs(content['highlights']).map(h => ({
    title: str(h['title']) ?? 'Highlights',
    items: objs(h['items']).map(i => ({
      text: renderRich(str(i['text'])),
      starts: arr(i['startTimes']).map(num).filter((n): n is number => n !== undefined).map(timeRef),
    })).filter(i => i.text.length > 0),
  })).filter(h => h.items.length > 0);
  const isNext = (t: string) => /^next\s*steps?$/i.test(t.trim());

  const interactionRows: LabelValue[] = [];
  for (const s of objs(interaction['interactionStats'] ?? interaction['personInteractionStats'])) {
    const name = str(s['name']);
    const value = num(s['value']);
    if (name && value !== undefined) interactionRows.push({ label: name, value: formatStat(name, value) });
  }
  const questions = obj(interaction['questions']);
  if (questions) {
    const c = num(questions['companyCount']);
    const n = num(questions['nonCompanyCount']);
    if (c !== undefined) interactionRows.push({ label: 'Questions asked by the company', value: String(c) });
    if (n !== undefined) interactionRows.push({ label: 'Questions asked by others', value: String(n) });
  }
  for (const v of objs(interaction['video'])) {
    const name = str(v['name']);
    const d = num(v['duration']);
    if (name && d !== undefined) interactionRows.push({ label: `Video: ${name}`, value: duration(d) });
  }

  const outcomeObj = obj(content['callOutcome']);
  const outcome = outcomeObj ? [str(outcomeObj['name']), str(outcomeObj['category'])].filter(Boolean).join(' · ') : undefined;

  // Comment authors are Gong users; the call's own parties name most of them.
  const partyUsers = new Map<string, string>();
  for (const p of objs(call['parties'])) {
    const uid = str(p['userId']);
    const name = str(p['name'])?.trim();
    if (uid && name) partyUsers.set(uid, name);
  }
  const userName = (id: string | undefined): string => (id && (names.users?.get(id) ?? partyUsers.get(id))) || 'A Gong user';

  const brief = renderRich(str(content['brief']));
  const url = str(meta['url']);
  const model: CallDetailsModel = {
    kind: 'callDetails',
    callId,
    title: str(meta['title'])?.trim() || 'Untitled call',
    facts,
    companyParties: parties.filter(p => p.affiliation === 'company'),
    externalParties: parties.filter(p => p.affiliation !== 'company'),
    keyPoints: objs(content['keyPoints']).map(k => renderRich(str(k['text']))).filter(k => k.length > 0),
    outline: objs(content['outline']).map(o => {
      const start = num(o['startTime']) ?? 0;
      return {
        section: str(o['section']) ?? 'Section',
        start: timeRef(start),
        duration: duration(num(o['duration']) ?? 0),
        items: objs(o['items']).map(i => ({ text: renderRich(str(i['text'])), start: timeRef(num(i['startTime']) ?? 0) })).filter(i => i.text.length > 0),
      };
    }),
    highlights: highlightsAll.filter(h => !isNext(h.title)),
    nextSteps: highlightsAll.filter(h => isNext(h.title)).flatMap(h => h.items),
    topics: objs(content['topics']).map(t => ({ name: str(t['name']) ?? '', seconds: num(t['duration']) ?? 0 }))
      .filter(t => t.name !== '' && t.seconds > 0).map(t => ({ ...t, duration: duration(t.seconds) })),
    trackers: objs(content['trackers']).map(t => ({
      name: str(t['name']) ?? 'Tracker',
      type: str(t['type']) ?? '',
      count: num(t['count']) ?? 0,
      hits: objs(t['occurrences']).map(o => {
        const seconds = num(o['startTime']) ?? 0;
        const sp = str(o['speakerId']);
        return { seconds, time: clock(seconds * 1000), speaker: (sp && speakerName.get(sp)) || 'Unidentified speaker' };
      }).sort((a, b) => a.seconds - b.seconds),
      phrases: objs(t['phrases']).map(p => ({ phrase: str(p['phrase']) ?? '', count: num(p['count']) ?? 0 })).filter(p => p.phrase !== ''),
    })).filter(t => t.count > 0 || t.hits.length > 0),
    interaction: interactionRows,
    crm: objs(call['context']).flatMap(c => objs(c['objects']).map(o => {
      const entry: CallDetailsModel['crm'][number] = {
        system: str(c['system']) ?? 'CRM',
        objectType: str(o['objectType']) ?? 'Object',
        objectId: str(o['objectId']) ?? '',
        fields: objs(o['fields']).map(f => ({ label: str(f['name']) ?? '', value: fieldValue(f['value']) })).filter(f => f.label !== ''),
      };
      const timing = str(o['timing']); if (timing) entry.timing = timing;
      return entry;
    })),
    comments: objs(obj(call['collaboration'])?.['publicComments']).map(c => {
      const at = num(c['audioStartTime']);
      const comment: CallDetailsModel['comments'][number] = {
        author: userName(str(c['commenterUserId'])),
        posted: dateTime(str(c['posted'])) ?? '',
        text: renderRich(str(c['comment'])),
        duringCall: bool(c['duringCall']) ?? false,
      };
      if (at !== undefined) comment.at = timeRef(at);
      return comment;
    }).filter(c => c.text.length > 0),
  };
  const link = gongLink(url);
  if (link !== undefined) model.url = link;
  if (brief.length > 0) model.brief = brief;
  if (outcome) model.outcome = outcome;
  return model;
}

/**
 * The details as Markdown (Copy as Markdown). Gong's text is backslash-escaped like the transcript
 * export, so pasting it into a Markdown renderer shows the text and never creates markup or links.
 */
export function callDetailsMarkdown(m: CallDetailsModel): string {
  const esc = escapeMarkdown;
  const block = (nodes: readonly RichNode[]) => richToPlain(nodes).trim().split('\n').map(esc).join('\n');
  const lines: string[] = [`# ${esc(m.title)}`, ''];
  const link = gongLink(m.url);
  if (link) lines.push(`<${link}>`, '');
  for (const f of m.facts) lines.push(`- **${f.label}:** ${esc(f.value)}`);
  lines.push('');
  const party = (p: PartyModel) => `- ${esc(p.name)}${p.title ? `, ${esc(p.title)}` : ''}${p.email ? ` (${esc(p.email)})` : ''}${p.talkShare !== undefined ? `, talk ${percent(p.talkShare)}` : ''}`;
  const section = (title: string, body: string[]) => { if (body.length) lines.push(`## ${title}`, '', ...body, ''); };
  const times = (ts: readonly TimeRef[]) => (ts.length ? ` [${ts.map(t => t.label).join(', ')}]` : '');
  section('Company', m.companyParties.map(party));
  section('External', m.externalParties.map(party));
  section('Brief', m.brief ? [block(m.brief)] : []);
  section('Key points', m.keyPoints.map(k => `- ${block(k)}`));
  section('Outline', m.outline.flatMap(o => [`### ${esc(o.section)} (${o.start.label}, ${o.duration})`, '', ...o.items.map(i => `- [${i.start.label}] ${block(i.text)}`), '']));
  section('Highlights', m.highlights.flatMap(h => [`### ${esc(h.title)}`, '', ...h.items.map(i => `- ${block(i.text)}${times(i.starts)}`), '']));
  section('Next steps', m.nextSteps.map(i => `- ${block(i.text)}${times(i.starts)}`));
  section('Topics', m.topics.map(t => `- ${esc(t.name)}: ${t.duration}`));
  section('Trackers', m.trackers.map(t => `- ${esc(t.name)} (${t.count})${t.hits.length ? `: ${t.hits.map(h => `${h.time} ${esc(h.speaker)}`).join('; ')}` : ''}`));
  section('Interaction', m.interaction.map(r => `- ${esc(r.label)}: ${esc(r.value)}`));
  section('Outcome', m.outcome ? [esc(m.outcome)] : []);
  section('CRM', m.crm.map(c => `- ${esc(c.system)} ${esc(c.objectType)} ${esc(c.objectId)}${c.fields.length ? `: ${c.fields.map(f => `${esc(f.label)}: ${esc(f.value)}`).join(', ')}` : ''}`));
  section('Comments', m.comments.map(c => `- ${esc(c.author)}${c.at ? ` at ${c.at.label}` : ''}: ${block(c.text)}`));
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}
