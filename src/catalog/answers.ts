/**
 * Readable documents for the answers that carry generated rich text: an answer to a question about
 * a CRM entity (GET /v2/entities/ask-entity) and an AI brief (GET /v2/entities/get-brief). Gong's
 * generated text is Markdown and stays Markdown, made inert (`safeMarkdown`); everything else (call
 * and email titles, dates, urls) is data and is escaped, so a call titled `[x](javascript:...)` stays
 * text. No `vscode` here.
 */

type Data = Record<string, unknown>;

function isObj(v: unknown): v is Data {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function listOf(v: unknown): Data[] {
  return Array.isArray(v) ? v.filter(isObj) : [];
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string' && s.trim() !== '') : [];
}

/** Data as Markdown text: every character Markdown gives meaning to is backslash-escaped, line breaks become spaces. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[\\`*_{}[\]()<>#+\-.!|~&"]/g, c => `\\${c}`);
}

/**
 * Gong's generated Markdown, kept as Markdown but made inert: raw HTML shows as text, an image
 * becomes its alt text (nothing loads), and a link to anything but http(s) becomes its text.
 */
export function safeMarkdown(text: string): string {
  // A link target may hold one level of parentheses, as `javascript:alert(1)` does.
  const target = String.raw`\((?:[^()\n]|\([^()\n]*\))*\)`;
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(new RegExp(String.raw`!\[([^\]\n]*)\]` + target, 'g'), '$1')
    .replace(/!\[([^\]\n]*)\]\[[^\]\n]*\]/g, '$1')
    .replace(new RegExp(String.raw`\[([^\]\n]*)\]` + target, 'g'), (whole: string, label: string) => {
      const href = whole.slice(whole.indexOf('](') + 2, -1).trim().replace(/^<|>$/g, '').split(/\s/)[0];
      return httpUrl(href) === undefined ? label : whole;
    });
}

function httpUrl(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  try {
    const u = new URL(v);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : undefined;
  } catch {
    return undefined;
  }
}

function text(v: unknown, fallback = ''): string {
  return typeof v === 'string' && v !== '' ? escapeMarkdown(v) : fallback;
}

function count(v: unknown): string {
  return typeof v === 'number' && Number.isFinite(v) ? String(v) : typeof v === 'string' && /^\d+$/.test(v) ? v : '0';
}

function callLine(call: unknown): string | undefined {
  if (!isObj(call)) return undefined;
  const title = text(call.title, '(untitled call)');
  const href = httpUrl(call.url);
  const when = typeof call.started === 'string' ? ` (${escapeMarkdown(call.started)})` : '';
  // The url goes between <> so no character of it can end the link early.
  return `- ${href === undefined ? title : `[${title}](<${href.replace(/[<>\s]/g, encodeURIComponent)}>)`}${when}`;
}

function emailLines(findings: unknown): string[] {
  const out: string[] = [];
  for (const f of listOf(findings)) {
    for (const e of listOf(f.emails)) {
      const when = typeof e.sentDateTime === 'string' ? ` (${escapeMarkdown(e.sentDateTime)})` : '';
      out.push(`- ${text(e.title, '(no subject)')}${when}`);
    }
  }
  return out;
}

function evidence(callFindings: unknown, emailFindings: unknown): string[] {
  const calls = listOf(callFindings).map(f => callLine(f.call)).filter((l): l is string => l !== undefined);
  const emails = emailLines(emailFindings);
  const out: string[] = [];
  if (calls.length > 0) out.push('', '**From calls**', '', ...calls);
  if (emails.length > 0) out.push('', '**From emails**', '', ...emails);
  return out;
}

function searched(data: Data): string {
  return `_Searched ${count(data.numOfCallsSearched)} calls and ${count(data.numOfEmailsSearched)} emails._`;
}

/** The answer of GET /v2/entities/ask-entity as Markdown: the question, the answer, then the calls and emails it came from. */
export function askEntityMarkdown(data: unknown, input: Record<string, unknown> = {}): string | undefined {
  if (!isObj(data)) return undefined;
  const sections = listOf(data.answer);
  const about = [input.crmEntityType, input.crmEntityId].filter(v => typeof v === 'string').map(v => escapeMarkdown(v)).join(' ');
  const lines = [`# ${typeof input.question === 'string' && input.question !== '' ? escapeMarkdown(input.question) : 'Answer'}`, ''];
  if (about !== '') lines.push(`About ${about}. ${searched(data)}`, '');
  else lines.push(searched(data), '');
  if (sections.length === 0) lines.push('Gong found no answer in the conversations of this period.');
  for (const s of sections) {
    const items = strings(s.answerItems);
    // Each item is Gong's generated Markdown: kept as it is, one paragraph each.
    for (const item of items) lines.push(safeMarkdown(item), '');
    lines.push(...evidence(s.callFindings, s.emailFindings), '');
  }
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

/** A brief from GET /v2/entities/get-brief as Markdown: one heading per section, its summary, then its evidence. */
export function briefMarkdown(data: unknown, input: Record<string, unknown> = {}): string | undefined {
  if (!isObj(data)) return undefined;
  const name = typeof input.briefName === 'string' && input.briefName !== '' ? escapeMarkdown(input.briefName) : 'Brief';
  const lines = [`# ${name}`, '', searched(data), ''];
  const sections = listOf(data.briefSections);
  if (sections.length === 0) lines.push('The brief has no sections for this period.');
  for (const s of sections) {
    lines.push(`## ${text(s.title, 'Section')}`, '');
    for (const item of strings(s.sectionSummary)) lines.push(safeMarkdown(item), '');
    const conv = isObj(s.conversationFindings) ? s.conversationFindings : {};
    lines.push(...evidence(conv.callFindings, conv.emailFindings));
    const web = listOf(s.webFindings).map(w => {
      const href = httpUrl(w.url);
      const title = text(w.title, text(w.domain, '(web page)'));
      return `- ${href === undefined ? title : `[${title}](<${href.replace(/[<>\s]/g, encodeURIComponent)}>)`}`;
    });
    if (web.length > 0) lines.push('', '**From the web**', '', ...web);
    lines.push('');
  }
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}
