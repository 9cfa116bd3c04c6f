/** Search results as CSV and Markdown files. Pure. */
import { markdownLink, markdownText } from '../shared/safeText';
import type { CallResult, SearchResult } from './store';

export type ResultFormat = 'csv' | 'markdown';

/** mm:ss or h:mm:ss from ms. */
export function clockOf(ms: number): string {
  const t = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const s = t % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

export const dateOf = (ms: number | undefined): string => (ms === undefined ? '' : new Date(ms).toISOString().slice(0, 10));

/** RFC 4180 field; a leading = + - @ is prefixed with ' so a spreadsheet never runs it as a formula. */
function csvField(v: string | number): string {
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One row per hit (a call without listed hits gets one row with its count). */
export function resultsCsv(r: SearchResult): string {
  const rows: Array<Array<string | number>> = [['call_id', 'title', 'date', 'url', 'call_matches', 'time', 'time_ms', 'speaker', 'side', 'text']];
  for (const c of r.calls) {
    const base = [c.callId, c.title, dateOf(c.started), c.url ?? '', c.matches];
    if (c.hits.length === 0) rows.push([...base, '', '', '', '', '']);
    for (const h of c.hits) rows.push([...base, clockOf(h.at), h.at, h.speaker, h.side, h.text]);
  }
  return `${rows.map(r2 => r2.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** Gong text for Markdown: literal, bidi controls visible, addresses not links (the project's one rule). */
const md = markdownText;

function highlighted(text: string, ranges: ReadonlyArray<[number, number]>): string {
  let out = '';
  let at = 0;
  for (const [a, b] of ranges) {
    if (a < at) continue;
    // A piece that starts mid-sentence must not be read as a list marker: escape it like inline text.
    out += inline(text.slice(at, a)) + `**${inline(text.slice(a, b))}**`;
    at = b;
  }
  return out + inline(text.slice(at));
}

/** markdownText for a piece inside a line (its line-start escapes do not apply there). */
function inline(s: string): string {
  return s === '' ? '' : markdownText(`x${s}`).slice(1);
}

function callMarkdown(c: CallResult): string {
  const head = `## ${md(c.title)}\n\n${[dateOf(c.started), `${c.matches} ${c.matches === 1 ? 'match' : 'matches'}`, `call ${c.callId}`].filter(Boolean).join(' · ')}${c.url ? ` · ${markdownLink(c.url)}` : ''}\n`;
  const hits = c.hits.map(h => `- \`${clockOf(h.at)}\` ${md(h.speaker)}: ${highlighted(h.text, h.ranges)}`).join('\n');
  return `${head}\n${hits}${c.matches > c.hits.length ? `\n- … ${c.matches - c.hits.length} more in this call` : ''}\n`;
}

export function resultsMarkdown(r: SearchResult, scopeLabel: string): string {
  return `# Calls matching ${md(r.query)}\n\n${r.totalCalls} of ${r.searchedCalls} calls searched (${md(scopeLabel)}); ${r.calls.length} listed.\n\n${r.calls.map(callMarkdown).join('\n')}`;
}
