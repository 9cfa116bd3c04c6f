/**
 * The transcript view model: Gong's monologues with speaker ids resolved to the call's parties, and
 * src/data fetches the transcripts. Pure.
 */
import type { MonologueModel, SentenceModel, SpeakerModel, TrackerHitModel, TranscriptModel } from '../shared/models';
import { partiesOf } from './callDetails';
import { gongLink } from '../shared/safeText';
import { dateTime } from './format';
import { arr, num, obj, objs, str, type Obj } from './read';

/**
 * Builds the transcript model from one `callTranscripts[]` element and (optionally) the same call from
 * /v2/calls/extensive, which names the speakers and holds the tracker hits. Speakers Gong could not
 * match to a party are called "Speaker 1", "Speaker 2"... in order of first appearance; a bare
 * speaker id is never shown.
 */
export function buildTranscript(callTranscript: Obj, call?: Obj): TranscriptModel {
  const meta = obj(call?.['metaData']) ?? {};
  const callId = str(callTranscript['callId']) ?? str(meta['id']) ?? '';
  const parties = call ? partiesOf(call) : [];
  const bySpeakerId = new Map(parties.filter(p => p.speakerId).map(p => [p.speakerId as string, p]));

  const speakers: SpeakerModel[] = [];
  const speakerIndex = new Map<string, number>();
  let unnamed = 0;
  const indexOf = (id: string): number => {
    let i = speakerIndex.get(id);
    if (i !== undefined) return i;
    const party = bySpeakerId.get(id);
    const s: SpeakerModel = party
      ? { id, name: party.name, affiliation: party.affiliation, monologues: 0 }
      : { id, name: `Speaker ${++unnamed}`, affiliation: 'unknown', monologues: 0 };
    if (party?.title) s.title = party.title;
    i = speakers.length;
    speakers.push(s);
    speakerIndex.set(id, i);
    return i;
  };

  const monologues: MonologueModel[] = [];
  let sentenceCount = 0;
  for (const m of objs(callTranscript['transcript'])) {
    const sentences: SentenceModel[] = [];
    // The hot loop of a two-hour call (20,000 sentences): plain numbers take the fast path.
    for (const raw of arr(m['sentences'])) {
      const s = obj(raw);
      if (!s) continue;
      const text = s['text'];
      if (typeof text !== 'string' || text === '') continue;
      const a = s['start'];
      const b = s['end'];
      const start = typeof a === 'number' && Number.isFinite(a) ? a : num(a) ?? 0;
      const end = typeof b === 'number' && Number.isFinite(b) ? b : num(b) ?? start;
      sentences.push({ start, end: end > start ? end : start, text });
    }
    if (sentences.length === 0) continue;
    const speaker = indexOf(str(m['speakerId']) ?? 'unknown');
    (speakers[speaker] as SpeakerModel).monologues++;
    const mono: MonologueModel = {
      speaker,
      start: (sentences[0] as SentenceModel).start,
      end: (sentences[sentences.length - 1] as SentenceModel).end,
      sentences,
    };
    const topic = str(m['topic'])?.trim();
    if (topic) mono.topic = topic;
    monologues.push(mono);
    sentenceCount += sentences.length;
  }

  const trackerHits: TrackerHitModel[] = [];
  for (const t of objs(obj(call?.['content'])?.['trackers'])) {
    const tracker = str(t['name']) ?? 'Tracker';
    const phraseAt = new Map<number, string>();
    for (const p of objs(t['phrases'])) {
      const phrase = str(p['phrase']);
      if (!phrase) continue;
      for (const o of objs(p['occurrences'])) {
        const at = num(o['startTime']);
        if (at !== undefined) phraseAt.set(at, phrase);
      }
    }
    for (const o of objs(t['occurrences'])) {
      const at = num(o['startTime']);
      if (at === undefined) continue;
      const hit: TrackerHitModel = { tracker, start: Math.round(at * 1000) };
      const sp = str(o['speakerId']);
      const party = sp ? bySpeakerId.get(sp) : undefined;
      const spIndex = sp ? speakerIndex.get(sp) : undefined;
      const speakerName = party?.name ?? (spIndex !== undefined ? speakers[spIndex]?.name : undefined);
      if (speakerName) hit.speaker = speakerName;
      const phrase = phraseAt.get(at);
      if (phrase) hit.phrase = phrase;
      trackerHits.push(hit);
    }
  }
  trackerHits.sort((a, b) => a.start - b.start);

  const model: TranscriptModel = {
    kind: 'transcript',
    callId,
    title: str(meta['title'])?.trim() || 'Call transcript',
    speakers,
    monologues,
    trackerHits,
    sentenceCount,
  };
  const url = str(meta['url']);
  const link = gongLink(url);
  if (link !== undefined) model.url = link;
  const started = dateTime(str(meta['started']));
  if (started) model.started = started;
  return model;
}
