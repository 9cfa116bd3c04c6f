/**
 * What every tool shares: the definition shape, reading Gong through the catalog with a request
 * count, resumable scans over Gong's cursor pages, and turning any failure into an answer a model
 * can act on. No `vscode` here.
 */
import type { SearchBackend } from '../search/fetch';
import { z } from 'zod';
import type { GongApi, GongResponse } from '../gong/types';
import { GongError, classify, recordsOf } from '../gong/index';
import { InputError, findAction, listOf, toRequest, validateInput } from '../catalog/index';
import type { InputIssue } from '../catalog/types';
import { clip, count, fitLines } from './budget';
import { textOf } from '../shared/textOf';

/** What a tool runs with: the signed-in profile's client and the caller's cancellation. */
export interface ToolContext {
  api: GongApi;
  /** The transcript store of the profile, for gong_search_transcripts (absent: that tool says search is unavailable). */
  search?: SearchBackend;
  /** Without `search`: why this surface has none and what to do (the tool answers it). */
  searchUnavailable?: string;
  signal?: AbortSignal;
  /** Clock for default date ranges (tests pin it). */
  now?: () => number;
}

/** A tool's answer: text for the model, whether it is an error, and what it cost. */
export interface ToolAnswer {
  text: string;
  isError: boolean;
  /** Requests sent to Gong for this answer (retries included). */
  requests: number;
}

/** What a write asks the person before it runs. */
export interface ToolConfirmation {
  title: string;
  /** Names what will change, in plain words. */
  message: string;
  /** For actions that destroy data: the value the person must retype (as Run Action asks). */
  retype?: { field: string; value: string };
}

/** One running tool call: the context plus the request counter. */
export class ToolRun {
  requests = 0;
  /** The context's client, counting every request (retries included) so answers can say what they cost. */
  readonly api: GongApi;

  constructor(readonly ctx: ToolContext) {
    const count = (res: GongResponse): void => { this.requests += 1 + res.retries; };
    const inner = ctx.api;
    this.api = {
      async request<T>(req: Parameters<GongApi['request']>[0], signal?: AbortSignal) {
        const res = await inner.request<T>(req, signal);
        count(res);
        return res;
      },
      async *pages<T>(req: Parameters<GongApi['pages']>[0], signal?: AbortSignal) {
        for await (const res of inner.pages<T>(req, signal)) {
          count(res);
          yield res;
        }
      },
    };
  }

  get signal(): AbortSignal | undefined {
    return this.ctx.signal;
  }

  now(): number {
    return this.ctx.now ? this.ctx.now() : Date.now();
  }

  /** Runs a catalog action (by id) with `input`; the catalog validates it and places it on the wire. */
  async action(id: string, input: Record<string, unknown>): Promise<GongResponse> {
    const action = findAction(id);
    if (!action) throw new Error(`the catalog has no action ${id}`);
    return this.api.request(toRequest(action, input), this.ctx.signal);
  }
}

/** The definition every surface (VS Code's tools, the MCP server) reads; see index.ts for the list. */
export interface ToolDef {
  /** Tool name, the same in VS Code and MCP, e.g. `gong_find_calls`. */
  name: string;
  /** Name for `#` references in VS Code chat (the tool name, so people and tool sets use one name). */
  referenceName: string;
  /** Title shown to people. */
  title: string;
  /** For the model: when to use it, what it returns, what it costs in requests. */
  description: string;
  /** For people, one line (tool pickers). */
  userDescription: string;
  input: z.ZodObject<z.ZodRawShape>;
  /** Changes nothing in Gong for every input. */
  readOnly: boolean;
  /** May destroy data for some input (MCP `destructiveHint`). */
  destructive: boolean;
  /** What the person must confirm before this input runs; undefined when it only reads. */
  confirmation(input: Record<string, unknown>): ToolConfirmation | undefined;
  run(input: Record<string, unknown>, run: ToolRun): Promise<string>;
}

/** Typed definition helper: `run` and `confirmation` see the parsed input of `input`. */
export function defineTool<S extends z.ZodRawShape>(spec: {
  name: string; referenceName: string; title: string; description: string; userDescription: string;
  input: S; readOnly: boolean; destructive?: boolean;
  confirmation?: (input: z.output<z.ZodObject<S>>) => ToolConfirmation | undefined;
  run(input: z.output<z.ZodObject<S>>, run: ToolRun): Promise<string>;
}): ToolDef {
  const schema = z.strictObject(spec.input) as unknown as z.ZodObject<z.ZodRawShape>;
  return {
    name: spec.name, referenceName: spec.referenceName, title: spec.title, description: spec.description,
    userDescription: spec.userDescription, input: schema, readOnly: spec.readOnly, destructive: spec.destructive ?? false,
    confirmation: input => spec.confirmation?.(input as z.output<z.ZodObject<S>>),
    run: (input, r) => spec.run(input as z.output<z.ZodObject<S>>, r),
  };
}

/** An answer that is an error, from a tool's own check (wrong id, nothing found...). */
export class ToolError extends Error {
  override readonly name = 'ToolError';
  static is(e: unknown): e is ToolError {
    return e instanceof ToolError;
  }
}

/** Issues of a zod parse, as the catalog names them (`filter.fromDateTime: must be ...`). */
export function issuesOf(error: z.ZodError): InputIssue[] {
  return error.issues.flatMap(issue => {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') return issue.keys.map(k => ({ path: base ? `${base}.${k}` : k, message: 'is not an input of this tool' }));
    return [{ path: base, message: issue.message }];
  });
}

export function invalidInputText(toolName: string, issues: readonly InputIssue[]): string {
  return `Invalid input for ${toolName}; nothing was sent to Gong.\n${issues.map(i => `- ${i.path || '(input)'}: ${i.message}`).join('\n')}\nFix the named field and call the tool again.`;
}

/** A Gong failure as a model can act on it, from the one failure vocabulary: what happened, Gong's own message, the request id, what to do. */
export function gongErrorText(e: GongError): string {
  const f = classify(e);
  const lines = [`Gong error${f.status !== undefined ? ` ${f.status}` : ''} (${f.kind}): ${f.text}`];
  if (f.gongMessage && !f.text.includes(f.gongMessage)) lines.push(`Gong's message: ${f.gongMessage}`);
  if (f.scope) lines.push(`Missing scope: ${f.scope}`);
  if (f.requestId) lines.push(`Gong request id: ${f.requestId}`);
  if (f.request) lines.push(`Request: ${f.request}`);
  if (f.hint) lines.push(`What to do: ${f.hint}`);
  if (f.retryAfterSeconds !== undefined) lines.push(`Retry after: ${f.retryAfterSeconds} s`);
  return lines.join('\n');
}

/** Validates `raw` against the tool's schema and runs it; every failure becomes an error answer, never a throw. */
export async function runTool(tool: ToolDef, raw: unknown, ctx: ToolContext): Promise<ToolAnswer> {
  const r = new ToolRun(ctx);
  const parsed = tool.input.safeParse(raw ?? {});
  if (!parsed.success) return { text: invalidInputText(tool.name, issuesOf(parsed.error)), isError: true, requests: 0 };
  try {
    const text = await tool.run(parsed.data, r);
    return { text, isError: false, requests: r.requests };
  } catch (e) {
    if (InputError.is(e)) return { text: invalidInputText(tool.name, e.issues), isError: true, requests: r.requests };
    if (GongError.is(e)) return { text: gongErrorText(e), isError: true, requests: r.requests };
    if (ToolError.is(e)) return { text: e.message, isError: true, requests: r.requests };
    return { text: `${tool.name} failed: ${e instanceof Error ? e.message : String(e)}`, isError: true, requests: r.requests };
  }
}

// ---------------------------------------------------------------------------------------------
// Resumable scans

/** Where a scan stands: Gong's cursor of the page being read (none for the first) and items of it already given. */
interface ScanPosition {
  page: string | undefined;
  skip: number;
}

/** The opaque cursor our answers hand out: a scan position, so a page cut short loses nothing. */
export function encodeCursor(p: ScanPosition): string {
  return Buffer.from(JSON.stringify({ p: p.page ?? null, s: p.skip }), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): ScanPosition {
  if (cursor === undefined || cursor === '') return { page: undefined, skip: 0 };
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { p?: unknown; s?: unknown };
    const page = typeof v.p === 'string' ? v.p : undefined;
    const skip = typeof v.s === 'number' && Number.isInteger(v.s) && v.s >= 0 ? v.s : 0;
    if (v.p !== null && page === undefined) throw new Error('bad page');
    return { page, skip };
  } catch {
    throw new InputError('tool', [{ path: 'cursor', message: 'is not a cursor from a previous answer of this tool; leave it out to start from the beginning' }]);
  }
}

export interface ScanSpec<T> {
  /** Catalog action id and its input without cursor. */
  actionId: string;
  input: Record<string, unknown>;
  cursor: string | undefined;
  /** Keeps the items that match (all when undefined). */
  match?: (item: Record<string, unknown>) => boolean;
  /** One line per kept item. */
  line: (item: Record<string, unknown>) => string;
  limit: number;
  /** Most pages read in one answer. */
  maxPages: number;
  /** Characters for the lines. */
  budget: number;
  /** Gong-wide totals are reported when the answer has them. */
  unit: string;
  /** Filled in by the scan for the caller's header. */
  _?: T;
}

export interface ScanResult {
  text: string;
  shown: number;
  /** Cursor to continue, when more may follow. */
  next: string | undefined;
  scanned: number;
  total: number | undefined;
}

/**
 * Reads Gong's pages from the cursor's position, keeps matching items up to `limit` and the character
 * budget, and returns a cursor at the first item not shown, so the next answer starts exactly there.
 */
export async function scan<T>(r: ToolRun, spec: ScanSpec<T>): Promise<ScanResult> {
  const start = decodeCursor(spec.cursor);
  let page = start.page;
  let skip = start.skip;
  const kept: Array<{ line: string; at: ScanPosition }> = [];
  let scanned = 0;
  let total: number | undefined;
  let end: ScanPosition | undefined;
  const action = findAction(spec.actionId);
  for (let n = 0; n < spec.maxPages; n++) {
    const res = await r.action(spec.actionId, page === undefined ? spec.input : { ...spec.input, cursor: page });
    const records = recordsOf(res.data);
    total = records?.totalRecords ?? total;
    const items = (listOf(res.data, action?.listKey) ?? []).filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x));
    let i = skip;
    for (; i < items.length && kept.length < spec.limit; i++) {
      scanned++;
      const item = items[i] as Record<string, unknown>;
      if (!spec.match || spec.match(item)) kept.push({ line: spec.line(item), at: { page, skip: i } });
    }
    if (kept.length >= spec.limit) {
      end = i < items.length ? { page, skip: i } : records?.cursor ? { page: records.cursor, skip: 0 } : undefined;
      break;
    }
    if (!records?.cursor) { end = undefined; break; }
    page = records.cursor;
    skip = 0;
    end = { page, skip: 0 };
  }
  const fit = fitLines(kept.map(k => k.line), spec.budget);
  let next: ScanPosition | undefined = end;
  if (fit.kept < kept.length) next = (kept[fit.kept] as { at: ScanPosition }).at;
  return { text: fit.text, shown: fit.kept, next: next ? encodeCursor(next) : undefined, scanned, total };
}

/** The closing note of a list answer: what was shown, what was left out and how to get it. */
export function scanNote(res: ScanResult, unit: string, budget: number, limit: number): string {
  const parts = [`${count(res.shown)} ${unit} shown (${count(res.scanned)} read from Gong${res.total !== undefined ? ` of ${count(res.total)} in the range` : ''}).`];
  if (res.next) {
    parts.push(`More may follow: the answer stopped at ${res.shown >= limit ? `the limit of ${count(limit)}` : `the budget of ${count(budget)} characters`} or at the pages one answer reads. For the next part call again with the same inputs and cursor "${res.next}".`);
  } else parts.push('Nothing more matches.');
  return parts.join(' ');
}

/** `text` clipped for one line of a list. */
export const short = (text: unknown, max = 120): string => clip(textOf(text), max);

/** The validation the catalog gives any action's input, with issue paths under `prefix`. */
export function validateActionInput(actionId: string, input: unknown, prefix: string): { ok: true; value: Record<string, unknown> } | { ok: false; issues: InputIssue[] } {
  const action = findAction(actionId);
  if (!action) return { ok: false, issues: [{ path: prefix, message: 'is not a catalog action' }] };
  const v = validateInput(action, input);
  if (v.ok) return v;
  return { ok: false, issues: v.issues.map(i => ({ path: i.path ? `${prefix}.${i.path}` : prefix, message: i.message })) };
}
