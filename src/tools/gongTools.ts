/**
 * The tools: task-shaped reads a model picks well, plus the catalog itself (describe any action, run
 * any action). Both VS Code's language-model tools and the MCP server take this one list, so a new
 * tool is one `defineTool` entry here. No `vscode` here.
 */
import { z } from 'zod';
import { GongError, stringifyJson } from '../gong/index';
import { catalog, fieldsOf, findAction, getPath, listOf, suggestActions } from '../catalog/index';
import type { ActionDef } from '../catalog/types';
import { gongId, idList, int, isoDate, isoDateTime, num, str } from '../catalog/fields';
import { buildCallDetails, partiesOf } from '../render/callDetails';
import { fetchExtensive, fetchTranscripts } from '../data/index';
import { buildTranscript } from '../render/transcript';
import { richToPlain } from '../render/markdown';
import { clock, duration } from '../render/format';
import { arr, num as readNum, obj, objs, str as readStr, type Obj } from '../render/read';
import { LIST_BUDGET, TRANSCRIPT_BUDGET, MAX_BUDGET, MIN_BUDGET, budgetOf, clip, count, fitLines } from './budget';
import { jsonSchemaOf } from './schema';
import { planFetch, runFetch } from '../search/fetch';
import { clockOf, dateOf } from '../search/export';
import { parseQuery, QueryError } from '../search/query';
import { ToolError, ToolRun, defineTool, scan, scanNote, short, validateActionInput, type ScanResult, type ToolConfirmation, type ToolDef } from './run';
import { textOf } from '../shared/textOf';

const DAY = 86_400_000;

/** A scan whose range Gong answers with its "nothing found" 404 is an empty answer, not an error. */
async function emptyOn404(p: Promise<ScanResult>): Promise<ScanResult> {
  try {
    return await p;
  } catch (e) {
    if (GongError.is(e, 'notFound')) return { text: '', shown: 0, next: undefined, scanned: 0, total: 0 };
    throw e;
  }
}

const maxChars = (fallback: number) =>
  int(`Most characters in the answer (default ${count(fallback)}, ${count(MIN_BUDGET)} to ${count(MAX_BUDGET)}); anything cut is named with how to get it`, { min: MIN_BUDGET, max: MAX_BUDGET }).optional();
const cursorField = () => str('Cursor from the previous answer of this tool, to continue where it stopped; leave out to start').optional();

function lower(s: unknown): string {
  return typeof s === 'string' ? s.toLowerCase() : '';
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function startedText(meta: Obj): string {
  const s = readStr(meta['started']);
  return s ? s.replace('T', ' ').replace(/:\d\d(\.\d+)?(?=[Z+-]|$)/, '') : 'start unknown';
}

// ---------------------------------------------------------------------------------------------

const findCalls = defineTool({
  name: 'gong_find_calls',
  referenceName: 'gong_find_calls',
  title: 'Find Gong calls',
  userDescription: 'Finds Gong calls by date, host, participant, title or account.',
  description: [
    'Finds recorded Gong calls by start time (meetings by their scheduled start, as Gong filters them), host, participant (name or email), title text or account (CRM account/deal name or id, or a company email domain).',
    'Use it first when the user mentions calls, meetings or a customer without a call id; then use gong_call or gong_transcript with an id from here.',
    'Returns one line per call: start, duration, title, call id (exact, 19 digits), host and the external participants, plus a cursor when more may match.',
    'Cost: one Gong request per 100 calls read in the date range (up to 3 per answer); without dates it searches the last 7 days.',
  ].join(' '),
  readOnly: true,
  input: {
    fromDateTime: isoDateTime('Calls that started at or after this time (default: 7 days before toDateTime)').optional(),
    toDateTime: isoDateTime('Calls that started before this time (default: now)').optional(),
    hostUserIds: idList('user', 'Only calls hosted by these Gong users (ids from gong_users)').optional(),
    participant: str('Text a participant\'s name or email contains, e.g. "priya" or "@contoso.com"', { min: 1 }).optional(),
    title: str('Text the call title contains (any letter case)', { min: 1 }).optional(),
    account: str('CRM account or deal (name or id) the call is linked to, or the company name in participants\' email domains', { min: 1 }).optional(),
    limit: int('Most calls in the answer (default 20)', { min: 1, max: 100 }).optional(),
    cursor: cursorField(),
    maxChars: maxChars(LIST_BUDGET),
  },
  async run(input, r) {
    const to = input.toDateTime ?? new Date(r.now()).toISOString();
    const from = input.fromDateTime ?? new Date(Date.parse(to) - 7 * DAY).toISOString();
    if (Date.parse(from) >= Date.parse(to)) throw new ToolError('fromDateTime must be before toDateTime.');
    const budget = budgetOf(input.maxChars, LIST_BUDGET);
    const limit = input.limit ?? 20;
    const filter: Record<string, unknown> = { fromDateTime: from, toDateTime: to };
    if (input.hostUserIds?.length) filter.primaryUserIds = input.hostUserIds;
    const res = await scan(r, {
      actionId: 'calls.extensive',
      input: { filter, contentSelector: { context: input.account ? 'Extended' : 'None', exposedFields: { parties: true } } },
      cursor: input.cursor,
      limit, maxPages: 3, budget, unit: 'calls',
      match: call => callMatches(call, input),
      line: callLine,
    });
    const wanted = [input.title && `title contains "${input.title}"`, input.participant && `participant "${input.participant}"`, input.account && `account "${input.account}"`, input.hostUserIds?.length && `hosted by ${input.hostUserIds.join(', ')}`].filter(Boolean);
    const header = `Calls that started from ${from} to ${to}${wanted.length ? ` where ${wanted.join(' and ')}` : ''}:`;
    return [header, res.text || '(none)', '', scanNote(res, 'calls', budget, limit)].join('\n');
  },
});

function callMatches(call: Obj, q: { participant?: string | undefined; title?: string | undefined; account?: string | undefined }): boolean {
  const meta = obj(call['metaData']) ?? {};
  if (q.title && !lower(meta['title']).includes(q.title.toLowerCase())) return false;
  const parties = objs(call['parties']);
  if (q.participant) {
    const p = q.participant.toLowerCase();
    if (!parties.some(x => lower(x['name']).includes(p) || lower(x['emailAddress']).includes(p))) return false;
  }
  if (q.account) {
    const a = q.account.toLowerCase();
    const crm = objs(call['context']).flatMap(c => objs(c['objects'])).some(o =>
      lower(o['objectId']) === a || objs(o['fields']).some(f => typeof f['value'] === 'string' && lower(f['value']).includes(a)));
    const domain = parties.some(x => x['affiliation'] !== 'Internal' && lower(x['emailAddress']).split('@')[1]?.includes(a.replace(/^@/, '')) === true);
    if (!crm && !domain) return false;
  }
  return true;
}

function callLine(call: Obj): string {
  const meta = obj(call['metaData']) ?? {};
  const parties = partiesOf(call);
  const host = readStr(meta['primaryUserId']);
  const hostName = objs(call['parties']).find(p => readStr(p['userId']) === host)?.['name'];
  const external = parties.filter(p => p.affiliation !== 'company').map(p => p.name);
  return `- ${startedText(meta)} · ${duration(readNum(meta['duration']) ?? 0)} · "${short(meta['title'] ?? 'Untitled call', 100)}" · id ${readStr(meta['id']) ?? '?'}`
    + `${typeof hostName === 'string' ? ` · host ${short(hostName, 40)}` : host ? ` · host user ${host}` : ''}`
    + `${external.length ? ` · with ${short(external.slice(0, 5).join(', ') + (external.length > 5 ? ` and ${external.length - 5} more` : ''), 160)}` : ''}`;
}

// ---------------------------------------------------------------------------------------------

/** A call's extensive data through the data layer (one request, every part the call pages show). */
export async function fetchCall(r: ToolRun, callId: string): Promise<Obj> {
  const call = (await fetchExtensive(r.api, [callId], r.signal)).get(callId);
  if (!call) throw new ToolError(`Gong has no call with id ${callId} (or this profile may not see it). Find calls with gong_find_calls.`);
  return call;
}

/** A call's transcript element through the data layer, or a ToolError saying there is none. */
export async function fetchTranscript(r: ToolRun, callId: string): Promise<Obj> {
  const t = (await fetchTranscripts(r.api, [callId], r.signal)).get(callId);
  if (!t || arr(t['transcript']).length === 0) throw new ToolError(`Gong has no transcript for call ${callId} (the call may not exist, be visible to this profile, or be transcribed yet).`);
  return t;
}

/** The call as a model reads it: facts, parties, brief, key points, next steps, outcome, topics, trackers, CRM. */
export function callText(call: Obj): string {
  const m = buildCallDetails(call);
  const plain = (nodes: Parameters<typeof richToPlain>[0]) => richToPlain(nodes).replace(/\s+/g, ' ').trim();
  const out: string[] = [`# ${m.title}`, `Call id: ${m.callId}`];
  if (m.url) out.push(`Gong link: ${m.url}`);
  for (const f of m.facts) out.push(`${f.label}: ${f.value}`);
  const party = (p: (typeof m.companyParties)[number]) => `- ${p.name}${p.title ? `, ${p.title}` : ''}${p.email ? ` <${p.email}>` : ''}${p.talkShare !== undefined ? ` (talked ${Math.round(p.talkShare * 100)}%)` : ''}`;
  if (m.companyParties.length) out.push('', 'Company participants:', ...m.companyParties.map(party));
  if (m.externalParties.length) out.push('', 'Other participants:', ...m.externalParties.map(party));
  if (m.brief) out.push('', 'Brief:', plain(m.brief));
  if (m.keyPoints.length) out.push('', 'Key points:', ...m.keyPoints.map(k => `- ${plain(k)}`));
  if (m.nextSteps.length) out.push('', 'Next steps:', ...m.nextSteps.map(n => `- ${plain(n.text)}`));
  if (m.outcome) out.push('', `Outcome: ${m.outcome}`);
  if (m.topics.length) out.push('', `Topics: ${m.topics.map(t => `${t.name} (${t.duration})`).join(', ')}`);
  if (m.trackers.length) out.push('', `Trackers: ${m.trackers.filter(t => t.count > 0).map(t => `${t.name} ×${t.count}`).join(', ') || 'none hit'}`);
  if (m.crm.length) out.push('', 'CRM:', ...m.crm.map(c => `- ${c.system} ${c.objectType} ${c.objectId}${c.fields.length ? `: ${c.fields.map(f => `${f.label} ${f.value}`).join(', ')}` : ''}`));
  return out.join('\n');
}

const getCall = defineTool({
  name: 'gong_call',
  referenceName: 'gong_call',
  title: 'Gong call brief',
  userDescription: 'A Gong call\'s brief, participants, key points, next steps and outcome.',
  description: [
    'One Gong call in words: title, start, duration, participants (company and others, with titles and talk share), Gong\'s brief, key points, next steps, outcome, topics, trackers hit and the CRM account/deal it is linked to.',
    'Use it to answer what a call was about or what was agreed; use gong_transcript for what exactly was said.',
    'Needs the call id (from gong_find_calls). Cost: one Gong request.',
  ].join(' '),
  readOnly: true,
  input: { callId: gongId('call', 'The call id (digits, as gong_find_calls gives it)'), maxChars: maxChars(LIST_BUDGET) },
  async run(input, r) {
    const call = await fetchCall(r, input.callId);
    const budget = budgetOf(input.maxChars, LIST_BUDGET);
    const lines = callText(call).split('\n');
    const fit = fitLines(lines, budget);
    if (fit.kept >= lines.length) return fit.text;
    return `${fit.text}\n\n[Cut to the budget of ${count(budget)} characters: ${count(lines.length - fit.kept)} of ${count(lines.length)} lines left out. Call again with a larger maxChars (up to ${count(MAX_BUDGET)}) for the rest.]`;
  },
});

// ---------------------------------------------------------------------------------------------

/** The transcript from `fromSeconds` on, cut at whole lines to `budget`, with the note of what is left. */
export function transcriptText(callTranscript: Obj, call: Obj | undefined, fromSeconds: number, budget: number): string {
  const m = buildTranscript(callTranscript, call);
  const speaker = m.speakers;
  const fromMs = Math.round(fromSeconds * 1000);
  const lines: Array<{ text: string; ms: number }> = [];
  let topic: string | undefined;
  let lastMs = 0;
  for (const mono of m.monologues) {
    const s = speaker[mono.speaker];
    const who = s ? `${s.name}${s.affiliation === 'company' ? ' (company)' : s.affiliation === 'external' ? ' (external)' : ''}` : 'Unidentified speaker';
    // A long monologue is split into chunks of sentences so a cut can fall inside it and resume exactly.
    let chunk: string[] = [];
    let chunkStart: number | undefined;
    const flush = () => {
      if (chunk.length && chunkStart !== undefined) lines.push({ text: `[${clock(chunkStart)}] ${who}: ${chunk.join(' ')}`, ms: chunkStart });
      chunk = [];
      chunkStart = undefined;
    };
    for (const sentence of mono.sentences) {
      lastMs = Math.max(lastMs, sentence.end, sentence.start);
      if (sentence.start < fromMs) continue;
      if (mono.topic && mono.topic !== topic) { flush(); topic = mono.topic; lines.push({ text: `## ${mono.topic}`, ms: sentence.start }); }
      chunkStart ??= sentence.start;
      chunk.push(sentence.text.replace(/\s+/g, ' ').trim());
      if (chunk.join(' ').length > 1_500) flush();
    }
    flush();
  }
  const head = [`Transcript of "${m.title}" (call id ${m.callId}${m.started ? `, started ${m.started}` : ''}), ${count(m.sentenceCount)} sentences, about ${clock(lastMs)} long.`,
    `Speakers: ${m.speakers.map(s => `${s.name}${s.title ? ` (${s.title})` : ''}`).join(', ') || 'unknown'}.`,
    fromMs > 0 ? `From ${clock(fromMs)}:` : ''].filter(Boolean).join('\n');
  if (lines.length === 0) return `${head}\n(No sentences${fromMs > 0 ? ` from ${clock(fromMs)} on` : ''}.)`;
  const fit = fitLines(lines.map(l => l.text), Math.max(200, budget - head.length - 400));
  if (fit.kept >= lines.length) return `${head}\n${fit.text}\n[End of transcript.]`;
  const nextAt = lines[fit.kept] as { ms: number };
  const lastShown = lines[fit.kept - 1] as { ms: number };
  return `${head}\n${fit.text}\n[Cut to the budget of ${count(budget)} characters: shown ${clock(fromMs || (lines[0] as { ms: number }).ms)} to ${clock(lastShown.ms)}; left out ${clock(nextAt.ms)} to ${clock(lastMs)} (${count(lines.length - fit.kept)} of ${count(lines.length)} passages). For the next part call gong_transcript again with callId "${m.callId}" and fromSeconds ${nextAt.ms / 1000}.]`;
}

const transcript = defineTool({
  name: 'gong_transcript',
  referenceName: 'gong_transcript',
  title: 'Gong call transcript',
  userDescription: 'A Gong call\'s transcript with speaker names and times, cut to a budget.',
  description: [
    'What was said on a Gong call: lines "[m:ss] Speaker (company|external): text" with topic headings, speakers named from the call\'s participants.',
    `A long call is cut to the budget (default ${count(TRANSCRIPT_BUDGET)} characters, about an hour of talk per 50,000); the answer then says the time range left out and the fromSeconds value for the next part.`,
    'Use it for quotes, objections, exact wording; use gong_call for a summary.',
    'Needs the call id (from gong_find_calls). Cost: two Gong requests (the transcript and the participants), whatever the length.',
  ].join(' '),
  readOnly: true,
  input: {
    callId: gongId('call', 'The call id (digits, as gong_find_calls gives it)'),
    fromSeconds: num('Start at this many seconds into the call (from the previous answer\'s note); default 0').optional(),
    maxChars: maxChars(TRANSCRIPT_BUDGET),
  },
  async run(input, r) {
    const t = await fetchTranscript(r, input.callId);
    // Speaker names come from the call's parties; a transcript without them still reads, with ids unnamed.
    const call = await fetchCall(r, input.callId).catch((e: unknown) => { if (ToolError.is(e)) return undefined; throw e; });
    return transcriptText(t, call, Math.max(0, input.fromSeconds ?? 0), budgetOf(input.maxChars, TRANSCRIPT_BUDGET));
  },
});

// ---------------------------------------------------------------------------------------------

function userName(u: Obj): string {
  return [readStr(u['firstName']), readStr(u['lastName'])].filter(Boolean).join(' ') || readStr(u['emailAddress']) || 'Unnamed user';
}

const users = defineTool({
  name: 'gong_users',
  referenceName: 'gong_users',
  title: 'Gong users',
  userDescription: 'Gong users (name, email, title, id), optionally matching a text.',
  description: [
    'The company\'s Gong users: name, email, title, user id (exact), manager id and whether active.',
    'Use it to turn a person\'s name or email into the user id other tools take (hostUserIds, userIds).',
    'Cost: one Gong request per 100 users read; with query it reads up to 5 pages per answer and gives a cursor to read on.',
  ].join(' '),
  readOnly: true,
  input: {
    query: str('Text the user\'s name, email or title contains (any letter case)', { min: 1 }).optional(),
    limit: int('Most users in the answer (default 50)', { min: 1, max: 100 }).optional(),
    cursor: cursorField(),
    maxChars: maxChars(LIST_BUDGET),
  },
  async run(input, r) {
    const budget = budgetOf(input.maxChars, LIST_BUDGET);
    const limit = input.limit ?? 50;
    const q = input.query?.toLowerCase();
    const res = await scan(r, {
      actionId: 'users.list', input: {}, cursor: input.cursor, limit, maxPages: q ? 5 : 1, budget, unit: 'users',
      match: q ? u => [userName(u), readStr(u['emailAddress']), readStr(u['title'])].some(s => lower(s).includes(q)) : undefined,
      line: u => `- ${short(userName(u), 60)} · ${short(u['emailAddress'] ?? '', 80)}${u['title'] ? ` · ${short(u['title'], 60)}` : ''} · id ${readStr(u['id']) ?? '?'}${u['managerId'] ? ` · manager ${readStr(u['managerId'])}` : ''}${u['active'] === false ? ' · inactive' : ''}`,
    });
    return [`Gong users${q ? ` matching "${input.query}"` : ''}:`, res.text || '(none)', '', scanNote(res, 'users', budget, limit)].join('\n');
  },
});

// ---------------------------------------------------------------------------------------------

const scorecards = defineTool({
  name: 'gong_scorecards',
  referenceName: 'gong_scorecards',
  title: 'Gong answered scorecards',
  userDescription: 'Scorecards filled in for calls, with each question and answer.',
  description: [
    'Scorecards reviewers filled in for calls: scorecard name, call id, reviewed user, reviewer, review time, and each question with its score or answer text.',
    'Use it for coaching and quality questions ("how did Ana score on discovery calls last month").',
    'Cost: two Gong requests for the first 100 answered scorecards (the answers and the question texts), one more per further 100.',
  ].join(' '),
  readOnly: true,
  input: {
    callFromDate: isoDate('Calls on or after this day (YYYY-MM-DD; default 30 days ago)').optional(),
    callToDate: isoDate('Calls before this day (YYYY-MM-DD; default tomorrow)').optional(),
    reviewedUserIds: idList('user', 'Only scorecards of these reviewed users (ids from gong_users)').optional(),
    scorecardIds: idList('scorecard', 'Only these scorecards').optional(),
    limit: int('Most answered scorecards in the answer (default 20)', { min: 1, max: 100 }).optional(),
    cursor: cursorField(),
    maxChars: maxChars(LIST_BUDGET),
  },
  async run(input, r) {
    const budget = budgetOf(input.maxChars, LIST_BUDGET);
    const limit = input.limit ?? 20;
    const from = input.callFromDate ?? isoDay(r.now() - 30 * DAY);
    const to = input.callToDate ?? isoDay(r.now() + DAY);
    const settings = await r.action('settings.scorecards', {});
    const questions = new Map<string, string>();
    for (const s of objs(obj(settings.data)?.['scorecards'])) for (const q of objs(s['questions'])) {
      const id = readStr(q['questionId']);
      if (id) questions.set(id, readStr(q['questionText']) ?? id);
    }
    const filter: Record<string, unknown> = { callFromDate: from, callToDate: to, reviewMethod: 'BOTH' };
    if (input.reviewedUserIds?.length) filter.reviewedUserIds = input.reviewedUserIds;
    if (input.scorecardIds?.length) filter.scorecardIds = input.scorecardIds;
    const res = await emptyOn404(scan(r, {
      actionId: 'stats.answeredScorecards', input: { filter }, cursor: input.cursor, limit, maxPages: 1, budget, unit: 'answered scorecards',
      line: a => {
        const answers = objs(a['answers']).map(x => {
          const q = short(questions.get(readStr(x['questionId']) ?? '') ?? readStr(x['questionId']) ?? 'question', 90);
          const value = x['notApplicable'] === true ? 'n/a' : [x['score'] !== null && x['score'] !== undefined ? `score ${textOf(x['score'])}` : '', readStr(x['answerText']) ? `"${short(x['answerText'], 200)}"` : '', arr(x['selectedOptions']).length ? `options ${arr(x['selectedOptions']).join(', ')}` : ''].filter(Boolean).join(', ') || 'no answer';
          return `${x['isOverall'] === true ? 'Overall' : q}: ${value}`;
        });
        return `- ${short(a['scorecardName'] ?? 'Scorecard', 60)} · call ${readStr(a['callId']) ?? '?'} (${short(a['callStartTime'], 30)}) · reviewed user ${readStr(a['reviewedUserId']) ?? '?'} · reviewer ${readStr(a['reviewerUserId']) ?? 'automatic'} · ${short(a['reviewMethod'], 12)} ${short(a['reviewTime'], 30)}\n  ${answers.join('\n  ')}`;
      },
   }));
    return [`Answered scorecards for calls from ${from} to ${to} (before ${to}):`, res.text || '(none)', '', scanNote(res, 'answered scorecards', budget, limit)].join('\n');
  },
});

// ---------------------------------------------------------------------------------------------

const STAT_LABELS: Record<string, string> = {
  callsAsHost: 'calls hosted', callsAttended: 'calls attended', callsGaveFeedback: 'gave feedback', callsRequestedFeedback: 'requested feedback',
  callsReceivedFeedback: 'received feedback', ownCallsListenedTo: 'own calls listened to', othersCallsListenedTo: 'others\' calls listened to',
  callsSharedInternally: 'shared internally', callsSharedExternally: 'shared externally', callsScorecardsFilled: 'scorecards filled',
  callsScorecardsReceived: 'scorecards received', callsCommentsGiven: 'comments given', callsCommentsReceived: 'comments received',
  callsMarkedAsFeedbackGiven: 'marked feedback given', callsMarkedAsFeedbackReceived: 'marked feedback received',
};

const userStats = defineTool({
  name: 'gong_user_stats',
  referenceName: 'gong_user_stats',
  title: 'Gong activity stats',
  userDescription: 'Activity counts per user over a date range (calls hosted, attended, feedback, listening...).',
  description: [
    'Activity counters per Gong user over a range of days: calls hosted and attended, feedback given and received, calls listened to, shared, scorecards and comments.',
    'Use it for "how many calls did X have last month" or to compare people. Days are in the company\'s time zone; toDate is exclusive and not after today.',
    'Cost: one Gong request per 100 users (name userIds to keep it to one).',
  ].join(' '),
  readOnly: true,
  input: {
    fromDate: isoDate('First day, inclusive (YYYY-MM-DD; default 30 days ago)').optional(),
    toDate: isoDate('Last day, exclusive (YYYY-MM-DD; default today)').optional(),
    userIds: idList('user', 'Only these users (ids from gong_users); all users when left out').optional(),
    limit: int('Most users in the answer (default 50)', { min: 1, max: 100 }).optional(),
    cursor: cursorField(),
    maxChars: maxChars(LIST_BUDGET),
  },
  async run(input, r) {
    const budget = budgetOf(input.maxChars, LIST_BUDGET);
    const limit = input.limit ?? 50;
    const from = input.fromDate ?? isoDay(r.now() - 30 * DAY);
    const to = input.toDate ?? isoDay(r.now());
    const filter: Record<string, unknown> = { fromDate: from, toDate: to };
    if (input.userIds?.length) filter.userIds = input.userIds;
    // Gong answers a range without any activity with 404 "No stats found"; for a model that is an empty answer.
    const res = await emptyOn404(scan(r, {
      actionId: 'stats.activityAggregate', input: { filter }, cursor: input.cursor, limit, maxPages: 1, budget, unit: 'users',
      line: u => {
        const stats = obj(u['userAggregateActivityStats']) ?? {};
        const parts = Object.entries(stats).filter(([, v]) => typeof v === 'number').map(([k, v]) => `${STAT_LABELS[k] ?? k} ${String(v)}`);
        return `- user ${readStr(u['userId']) ?? '?'} <${short(u['userEmailAddress'] ?? '', 80)}>: ${parts.join(', ') || 'no activity'}`;
      },
    }));
    return [`Activity from ${from} to ${to} (exclusive):`, res.text || '(none)', '', scanNote(res, 'users', budget, limit)].join('\n');
  },
});

// ---------------------------------------------------------------------------------------------
// The catalog itself

function actionLine(a: ActionDef): string {
  return `- ${a.id}: ${a.title} (${a.readOnly ? 'read' : a.destructive ? 'write, destroys data' : 'write'}${a.paging !== 'none' ? ', paged' : ''})`;
}

const describeAction = defineTool({
  name: 'gong_describe_action',
  referenceName: 'gong_describe_action',
  title: 'Describe Gong API actions',
  userDescription: 'Lists the Gong API actions, or the inputs of one, for gong_run_action.',
  description: [
    `Without an action: the ${catalog.actions.length} Gong API actions gong_run_action can run (id, title, read or write). With an action id: its description, endpoint, required scope, paging and the JSON Schema of its input.`,
    'Use it before gong_run_action when no task-shaped tool fits. Cost: no Gong request.',
  ].join(' '),
  readOnly: true,
  input: { action: str('An action id (e.g. calls.list) or seed slug; leave out to list every action').optional() },
  async run(input) {
    if (!input.action) {
      const byCategory = new Map<string, ActionDef[]>();
      for (const a of catalog.actions) byCategory.set(a.category, [...(byCategory.get(a.category) ?? []), a]);
      const out = [`${catalog.actions.length} Gong API actions (run with gong_run_action; describe one for its input):`];
      for (const [cat, list] of byCategory) out.push('', `${cat}:`, ...list.map(actionLine));
      return out.join('\n');
    }
    const a = findAction(input.action);
    if (!a) {
      const close = suggestActions(input.action);
      throw new ToolError(`No action "${input.action}".${close.length ? ` Did you mean ${close.join(', ')}?` : ''} Call gong_describe_action without an action for the list.`);
    }
    return [
      `${a.id}: ${a.title}`, a.description,
      `${a.method} ${a.path} · scope ${a.scope} · ${a.readOnly ? 'read only' : a.destructive ? 'WRITE that destroys data (the person retypes a target to confirm)' : 'WRITE (the person confirms first)'}${a.paging !== 'none' ? ` · paged: pass the previous answer's records.cursor as input.cursor` : ''}`,
      'Input (JSON Schema):', JSON.stringify(jsonSchemaOf(a.input)),
    ].join('\n');
  },
});

/** The confirmation a write asks for: the action in words, its input, and the retyped target when it destroys data. */
export function actionConfirmation(a: ActionDef, input: Record<string, unknown>): ToolConfirmation | undefined {
  if (a.readOnly) return undefined;
  const target = a.confirmField ? getPath(input, a.confirmField) : undefined;
  const conf: ToolConfirmation = {
    title: `${a.destructive ? 'Destroy data in Gong' : 'Change Gong'}: ${a.title}`,
    message: `${a.title} (${a.method} ${a.path}) will change your Gong account${a.destructive ? ' and cannot be undone' : ''}. ${a.description}\nInput: ${clip(stringifyJson(input), 1_500)}`,
  };
  if (a.destructive && a.confirmField && (typeof target === 'string' || typeof target === 'number')) conf.retype = { field: a.confirmField, value: String(target) };
  return conf;
}

/**
 * A Gong answer sized for a model: JSON with exact ids; when it holds a list longer than the budget, the
 * records from `skip` on that fit, with a note of the ones left out, the page's cursor and Gong's total.
 */
export function actionAnswerText(a: ActionDef, data: unknown, skip: number, budget: number): string {
  const list = listOf(data, a.listKey);
  const whole = stringifyJson(data ?? {}, 1);
  if (!list || (whole.length <= budget && skip === 0)) {
    if (whole.length <= budget) return whole;
    return `${whole.slice(0, budget)}\n[Cut to the budget of ${count(budget)} characters: ${count(whole.length - budget)} characters left out. Call again with a larger maxChars (up to ${count(MAX_BUDGET)}).]`;
  }
  const key = a.listKey ?? Object.entries(data as Obj).find(([, v]) => v === list)?.[0] ?? 'items';
  const rest = { ...(data as Obj) };
  delete rest[key];
  const frame = stringifyJson(rest, 1);
  const items = list.slice(skip).map(x => stringifyJson(x));
  const fit = fitLines(items, Math.max(200, budget - frame.length - 600));
  const cursor = readStr(obj(obj(data)?.['records'])?.['cursor']);
  const shownTo = skip + fit.kept;
  const notes = [`${key}: records ${count(skip + 1)} to ${count(shownTo)} of the ${count(list.length)} in this page, one per line.`];
  if (shownTo < list.length) notes.push(`Left out: records ${count(shownTo + 1)} to ${count(list.length)} of this page (budget ${count(budget)} characters); call again with the same input and skip ${shownTo}.`);
  if (cursor) notes.push(`Next page: the same input with cursor "${cursor}".`);
  else notes.push('This is the last page.');
  return [`${frame}`, `${key}:`, fit.text, `[${notes.join(' ')}]`].join('\n');
}

const runAction = defineTool({
  name: 'gong_run_action',
  referenceName: 'gong_run_action',
  title: 'Run a Gong API action',
  userDescription: 'Runs any Gong API action by id with its input checked against the catalog.',
  description: [
    `Runs any of the ${catalog.actions.length} Gong API actions by id (list them and their inputs with gong_describe_action) with its input checked against the action's schema before anything is sent; bad input comes back naming the field.`,
    'Returns Gong\'s answer as JSON with exact ids; a long list is cut to the budget with the records left out, the skip value for the rest of the page and the cursor of the next page.',
    'Writes (creating, updating, deleting) ask the person to confirm first, and actions that destroy data ask them to retype the target; prefer the task-shaped gong_* tools for reading calls, transcripts, users, scorecards and stats.',
    'Cost: one Gong request (one per page of a paged action).',
  ].join(' '),
  readOnly: false,
  destructive: true,
  input: {
    action: str('Action id (e.g. calls.list) or seed slug', { min: 1 }),
    input: z.record(z.string(), z.unknown(), { error: 'must be a JSON object' }).optional().describe('The action\'s input as one JSON object, as gong_describe_action describes it (paged actions take cursor here)'),
    skip: int('Records of the answer\'s list to leave out (to read the rest of a page that was cut)', { min: 0 }).optional(),
    maxChars: maxChars(LIST_BUDGET),
  },
  confirmation(input) {
    const a = findAction(input.action);
    if (!a) return undefined;
    const v = validateActionInput(a.id, input.input ?? {}, 'input');
    return v.ok ? actionConfirmation(a, v.value) : undefined;
  },
  async run(input, r) {
    const a = findAction(input.action);
    if (!a) {
      const close = suggestActions(input.action);
      throw new ToolError(`Invalid input for gong_run_action; nothing was sent to Gong.\n- action: no action "${input.action}".${close.length ? ` Did you mean ${close.join(', ')}?` : ''} gong_describe_action lists them.`);
    }
    const v = validateActionInput(a.id, input.input ?? {}, 'input');
    if (!v.ok) throw new ToolError(`Invalid input for gong_run_action (${a.id}); nothing was sent to Gong.\n${v.issues.map(i => `- ${i.path}: ${i.message}`).join('\n')}\nFix the named field (gong_describe_action ${a.id} gives the schema) and call again.`);
    const res = await r.action(a.id, v.value);
    return actionAnswerText(a, res.data, input.skip ?? 0, budgetOf(input.maxChars, LIST_BUDGET));
  },
});

/** Asking Gong's AI about a CRM account or deal: the catalog action's own input, described for a model. */
function askAccountTool(): ToolDef {
  const a = findAction('entities.ask');
  if (!a) throw new Error('the catalog has no entities.ask');
  return {
    name: 'gong_ask_account',
    referenceName: 'gong_ask_account',
    title: 'Ask Gong about an account or deal',
    userDescription: 'Asks Gong\'s AI a question about a CRM account, deal, contact or lead from its calls and emails.',
    description: [
      'Asks Gong\'s AI a question about one CRM account, deal, contact or lead, answered from its calls and emails in a period (for example "what are the open risks?", "who is the champion?").',
      'Needs the workspace id (gong_run_action with workspaces.list) and the CRM id of the entity (the CRM lines of gong_call, or gong_find_calls with account).',
      'Returns Gong\'s answer as text with the calls and emails it cites. Cost: one Gong request that also spends Gong AI credits; it is never repeated automatically, so ask once and reuse the answer.',
    ].join(' '),
    input: a.input,
    readOnly: true,
    destructive: false,
    confirmation: () => undefined,
    async run(input, r) {
      const res = await r.action(a.id, input);
      const rich = a.richAnswer?.(res.data, input);
      const budget = budgetOf(undefined, LIST_BUDGET * 2);
      if (rich === undefined) return actionAnswerText(a, res.data, 0, budget);
      return rich.length <= budget ? rich : `${rich.slice(0, budget)}\n[Cut to the budget of ${count(budget)} characters: ${count(rich.length - budget)} characters left out; gong_run_action with entities.ask and maxChars up to ${count(MAX_BUDGET)} gives the whole answer as JSON.]`;
    },
  };
}

// ---------------------------------------------------------------------------------------------

/** Above this many requests the tool does not fetch: it says what the range needs instead. */
const SEARCH_MAX_REQUESTS = 60;

const searchTranscripts = defineTool({
  name: 'gong_search_transcripts',
  referenceName: 'gong_search_transcripts',
  title: 'Search Gong call transcripts',
  userDescription: 'Full-text search of what was said across Gong calls in a date range.',
  description: [
    'Searches the words spoken on Gong calls that started in a date range (default: the last 30 days) and returns the best matching calls, each with its id, date, title and match count, then one line per hit: "[m:ss] Speaker (company|external): sentence" with the matched words in **bold**.',
    'Query language: words (all must appear in the call), "exact phrase", a OR b, -word or NOT word (the call must not contain it), prefix*, speaker:name, side:external or side:company, workspace:id.',
    'Use it for "which calls mentioned X", objections, competitors, who said what; then gong_transcript with a call id and fromSeconds for the context.',
    `Cost: transcripts are fetched once into the profile's local store and kept: the first search of a range costs one request per 100 calls to list it plus one per 100 calls not yet stored; a range searched before costs nothing. A search that would need more than maxRequests (default ${SEARCH_MAX_REQUESTS}) fetches nothing and says how many requests it needs.`,
  ].join(' '),
  readOnly: true,
  input: {
    query: str('What to search for, in the query language above, e.g. "security questionnaire" side:external', { min: 1 }),
    fromDateTime: isoDateTime('Calls that started at or after this time (default: 30 days before toDateTime)').optional(),
    toDateTime: isoDateTime('Calls that started before this time (default: now)').optional(),
    limit: int('Most calls in the answer (default 10)', { min: 1, max: 50 }).optional(),
    maxRequests: int(`Most Gong requests this search may send to fetch missing transcripts (default ${SEARCH_MAX_REQUESTS})`, { min: 0, max: 2000 }).optional(),
    maxChars: maxChars(LIST_BUDGET),
  },
  async run(input, r) {
    const backend = r.ctx.search;
    if (!backend) throw new ToolError(r.ctx.searchUnavailable ?? 'Transcript search is not available here: it needs the transcript store of a signed-in profile (VS Code with Gong Explorer).');
    let q;
    try { q = parseQuery(input.query); } catch (e) { if (QueryError.is(e)) throw new ToolError(e.message); throw e; }
    const to = input.toDateTime ?? new Date(r.now()).toISOString();
    const from = input.fromDateTime ?? new Date(Date.parse(to) - 30 * DAY).toISOString();
    if (Date.parse(from) >= Date.parse(to)) throw new ToolError('fromDateTime must be before toDateTime.');
    const scope = { kind: 'range' as const, from, to, label: `${from.slice(0, 10)} to ${to.slice(0, 10)}` };
    const plan = await planFetch(r.ctx.api, backend, scope, r.now(), r.ctx.signal);
    r.requests += plan.spent;
    const cap = input.maxRequests ?? SEARCH_MAX_REQUESTS;
    if (plan.requests > cap) {
      throw new ToolError(`Searching ${scope.label} needs ${count(plan.requests)} more Gong requests (${count(plan.total)} calls, ${count(plan.stored)} stored), more than maxRequests ${cap}. Narrow the dates, or pass a larger maxRequests if the user agrees to the cost (about ${Math.ceil(plan.seconds)} s at 3 requests/s).`);
    }
    const outcome = await runFetch(r.ctx.api, backend, plan, { now: () => r.now(), ...(r.ctx.signal ? { signal: r.ctx.signal } : {}) });
    r.requests += outcome.requests - plan.spent;
    const result = await backend.search(q, { callIds: outcome.callIds, limit: input.limit ?? 10, hitsPerCall: 10 });
    const bold = (text: string, ranges: ReadonlyArray<[number, number]>): string => {
      let out = '';
      let at = 0;
      for (const [a, b] of ranges) { if (a < at) continue; out += `${text.slice(at, a)}**${text.slice(a, b)}**`; at = b; }
      return out + text.slice(at);
    };
    const lines = [`${count(result.totalCalls)} of ${count(result.searchedCalls)} calls in ${scope.label} match ${q.text}${result.totalCalls > result.calls.length ? ` (the best ${result.calls.length} below)` : ''}.`];
    for (const c of result.calls) {
      lines.push(`\n${dateOf(c.started)} · ${clip(c.title, 120)} · call ${c.callId} · ${count(c.matches)} ${c.matches === 1 ? 'match' : 'matches'}`);
      for (const h of c.hits) lines.push(`[${clockOf(h.at)}] ${h.speaker} (${h.side}): ${clip(bold(h.text, h.ranges), 300)}`);
      if (c.matches > c.hits.length) lines.push(`(${count(c.matches - c.hits.length)} more hits in this call)`);
    }
    const fitted = fitLines(lines, budgetOf(input.maxChars, LIST_BUDGET));
    return fitted.kept < lines.length ? `${fitted.text}\n[cut to the budget: ${count(lines.length - fitted.kept)} lines left out; raise maxChars or lower limit]` : fitted.text;
  },
});

/** Every tool, in the order people and models see them. */
export const gongTools: readonly ToolDef[] = [findCalls, getCall, transcript, searchTranscripts, users, scorecards, userStats, askAccountTool(), describeAction, runAction];

export function findTool(name: string): ToolDef | undefined {
  return gongTools.find(t => t.name === name);
}

/** The input fields of a catalog action as a tool takes them (for the MCP per-write tools). */
export function actionFieldsSummary(a: ActionDef): string {
  return fieldsOf(a).filter(f => f.required).map(f => f.path).join(', ');
}

/**
 * One catalog write as its own tool (the MCP server's `--allow-writes`), its input schema the catalog
 * action's own, so clients see each write with its annotations.
 */
export function actionTool(a: ActionDef): ToolDef {
  return {
    name: `gong_action_${a.id.replace(/[^A-Za-z0-9]+/g, '_')}`,
    referenceName: `gong_action_${a.id.replace(/[^A-Za-z0-9]+/g, '_')}`,
    title: a.title,
    userDescription: a.description,
    description: `${a.title}: ${a.description} ${a.readOnly ? 'Reads only.' : a.destructive ? 'WRITE that destroys data in Gong; it cannot be undone.' : 'WRITE: changes the Gong account.'} ${a.method} ${a.path}, scope ${a.scope}. Required inputs: ${actionFieldsSummary(a) || 'none'}. Cost: one Gong request.`,
    input: a.input,
    readOnly: a.readOnly,
    destructive: a.destructive,
    confirmation: input => actionConfirmation(a, input),
    async run(input, r) {
      const res = await r.action(a.id, input);
      return actionAnswerText(a, res.data, 0, LIST_BUDGET);
    },
  };
}
