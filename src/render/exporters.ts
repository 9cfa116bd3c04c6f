/**
 * Transcript exporters: pure functions from the view model to file text. Every format ends with a
 * single newline. Timestamps are call-relative (Gong's milliseconds from the start of the call).
 */
import type { ExportFormat } from '../shared/messages';
import type { TranscriptModel } from '../shared/models';
import { gongLink, markdownText, visibleControls } from '../shared/safeText';
import { clock, srtTime, vttTime } from './format';

/** File extension and save-dialog filter name per format. */
export const EXPORT_FILES: Record<ExportFormat, { ext: string; label: string }> = {
  markdown: { ext: 'md', label: 'Markdown' },
  text: { ext: 'txt', label: 'Plain text' },
  srt: { ext: 'srt', label: 'SubRip subtitles' },
  vtt: { ext: 'vtt', label: 'WebVTT subtitles' },
  json: { ext: 'json', label: 'JSON' },
};

const speakerName = (m: TranscriptModel, i: number): string => m.speakers[i]?.name ?? `Speaker ${i + 1}`;
/** One line of export text: line breaks as spaces, direction controls as visible markers ([RLO]). */
const oneLine = (s: string): string => visibleControls(s).replace(/[\r\n\u2028\u2029]+/g, ' ');

/**
 * Backslash-escapes what Markdown would otherwise read as markup, raw HTML or an entity (`&` too), with
 * direction controls as visible markers, so the text stays text.
 */
export function escapeMarkdown(s: string): string {
  return markdownText(s);
}

/** The call's link for an export: only an https link to Gong, as `<...>` in Markdown. */
const exportLink = (url: string | undefined): string | undefined => gongLink(url);

export function toMarkdown(m: TranscriptModel): string {
  const out: string[] = [`# ${escapeMarkdown(m.title)}`, ''];
  if (m.started) out.push(`Started: ${m.started}`, '');
  const link = exportLink(m.url);
  if (link) out.push(`<${link}>`, '');
  let topic: string | undefined;
  for (const mono of m.monologues) {
    if (mono.topic && mono.topic !== topic) out.push(`## ${escapeMarkdown(mono.topic)}`, '');
    if (mono.topic) topic = mono.topic;
    out.push(`**${escapeMarkdown(speakerName(m, mono.speaker))}** [${clock(mono.start)}]`);
    out.push(mono.sentences.map(s => escapeMarkdown(s.text)).join(' '), '');
  }
  return out.join('\n').trimEnd() + '\n';
}

export function toPlainText(m: TranscriptModel): string {
  const out: string[] = [oneLine(m.title)];
  if (m.started) out.push(`Started: ${m.started}`);
  const link = exportLink(m.url);
  if (link) out.push(link);
  out.push('');
  let topic: string | undefined;
  for (const mono of m.monologues) {
    if (mono.topic && mono.topic !== topic) out.push('', `--- ${oneLine(mono.topic)} ---`, '');
    if (mono.topic) topic = mono.topic;
    out.push(`[${clock(mono.start)}] ${oneLine(speakerName(m, mono.speaker))}: ${mono.sentences.map(s => oneLine(s.text)).join(' ')}`);
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}

/** One SRT cue per sentence, prefixed with its speaker. "-->" in text would be read as timing, so it is broken. */
export function toSrt(m: TranscriptModel): string {
  const cues: string[] = [];
  let n = 0;
  for (const mono of m.monologues) {
    const who = oneLine(speakerName(m, mono.speaker));
    for (const s of mono.sentences) {
      cues.push(`${++n}\n${srtTime(s.start)} --> ${srtTime(s.end)}\n${who}: ${oneLine(s.text).replace(/-->/g, '->')}\n`);
    }
  }
  return cues.join('\n');
}

const vttEscape = (s: string): string => oneLine(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** WebVTT with a voice span per cue; `&`, `<` and `>` are escaped as the format requires. */
export function toVtt(m: TranscriptModel): string {
  const cues: string[] = ['WEBVTT\n'];
  let n = 0;
  for (const mono of m.monologues) {
    const who = vttEscape(speakerName(m, mono.speaker));
    for (const s of mono.sentences) {
      cues.push(`${++n}\n${vttTime(s.start)} --> ${vttTime(s.end)}\n<v ${who}>${vttEscape(s.text)}\n`);
    }
  }
  return cues.join('\n');
}

/** A stable JSON shape: speakers by name (never by Gong's internal speaker id), times in ms. */
function jsonDoc(m: TranscriptModel): Record<string, unknown> {
  return {
    callId: m.callId,
    title: m.title,
    ...(exportLink(m.url) ? { url: exportLink(m.url) } : {}),
    ...(m.started ? { started: m.started } : {}),
    speakers: m.speakers.map(s => ({ name: s.name, affiliation: s.affiliation, ...(s.title ? { title: s.title } : {}) })),
    monologues: m.monologues.map(mono => ({
      speaker: speakerName(m, mono.speaker),
      ...(mono.topic ? { topic: mono.topic } : {}),
      start: mono.start,
      end: mono.end,
      sentences: mono.sentences.map(s => ({ start: s.start, end: s.end, text: s.text })),
    })),
  };
}

export function toJson(m: TranscriptModel): string {
  return JSON.stringify(jsonDoc(m), null, 2) + '\n';
}

/** Formats that can hold several calls in one file (subtitles cannot: their times would collide). */
export type MultiExportFormat = 'markdown' | 'text' | 'json';
export const MULTI_EXPORT_FORMATS: readonly MultiExportFormat[] = ['markdown', 'text', 'json'];

/** Several transcripts in one file: Markdown and text separated by a rule, JSON as an array. */
export function exportTranscripts(models: readonly TranscriptModel[], format: MultiExportFormat): string {
  if (format === 'json') return JSON.stringify(models.map(jsonDoc), null, 2) + '\n';
  const rule = format === 'markdown' ? '\n---\n\n' : `\n${'='.repeat(72)}\n\n`;
  return models.map(m => exportTranscript(m, format)).join(rule);
}

export function exportTranscript(m: TranscriptModel, format: ExportFormat): string {
  switch (format) {
    case 'markdown': return toMarkdown(m);
    case 'text': return toPlainText(m);
    case 'srt': return toSrt(m);
    case 'vtt': return toVtt(m);
    case 'json': return toJson(m);
  }
}

/** A file name from the call title, safe on every OS. */
export function exportFileName(m: TranscriptModel, format: ExportFormat): string {
  // eslint-disable-next-line no-control-regex -- control characters cannot go into a file name
  const base = m.title.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069<>:"/\\|?*]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80) || `call-${m.callId}`;
  return `${base}.${EXPORT_FILES[format].ext}`;
}
