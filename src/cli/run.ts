/**
 * The `gong` command-line tool: lists the action catalog and runs any action against a Gong account
 * (or the local Gong). Kept apart from gong.ts so tests can drive it in-process with their own streams.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { GongClient, GongError, RequestScheduler, classify, parseJson, stringifyJson } from '../gong/index';
import { baseUrlHost, normalizeBaseUrl } from '../gong/baseUrl';
import type { GongAuth } from '../gong/types';
import { clampSetting } from '../gong/settings';
import { checkBudget } from '../gong/budget';
import { recordsOf } from '../gong/paging';
import { planProxy, proxyDispatcher } from '../gong/proxy';
import type { Dispatcher } from 'undici';
import { catalog, curlFor, undeclaredKeys, undeclaredNote, fieldsOf, mergePages, suggestActions, InputError } from '../catalog/index';
import type { ActionDef, FieldSpec } from '../catalog/types';
import { serveStdio } from '../mcp/server';
import { WorkerBackend } from '../search/backend';
import { sqliteAvailable } from '../search/store';
import { version as VERSION } from '../../package.json';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
}

/** Exit codes: 0 done, 1 Gong or network refused the request, 2 bad usage or invalid input (nothing sent), 3 missing or invalid connection settings. */
export const EXIT = { ok: 0, failed: 1, usage: 2, config: 3 } as const;

const HELP = `gong: run any Gong API action from the command line

Usage:
  gong actions [--json] [--category <name>]   list every action (--json: the whole catalog as JSON)
  gong describe <action>                      the inputs of one action
  gong run <action> [--input '<json>' | --input-file <file.json>|-] [--all-pages] [--max-pages <n>] [--curl]
  gong mcp [--allow-writes] [--search-store <path to store.db>]
                                              serve the Gong tools to an MCP client over stdio
  gong help

<action> is an action id (calls.list) or a seed slug (GONG_RETRIEVE_CALL_DATA_BY_DATE_RANGE_V2_CALLS),
in any letter case. Inputs are one JSON object; nested fields nest (filter.fromDate is
{"filter":{"fromDate":"2024-05-01"}}) and the seeds' flattened names (filter__fromDate) are accepted.

  --all-pages   follow the cursor and merge the list of every page into one answer
  --max-pages   with --all-pages, stop after this many pages
  --over-budget with --all-pages, go on when the pages take more requests than the daily budget
  --curl        print the equivalent curl command instead of sending (secrets stay in variables)
  --allow-writes  with mcp, also offer every action that changes Gong (each its own annotated tool)
  --search-store  with mcp, the transcript store file (store.db) gong_search_transcripts searches and
                  fills: SQLite, safe to share with VS Code's Search view; a new file in an existing
                  folder starts empty. Needs Node 22.13+; without it, or without a store, the tool
                  answers why it cannot search.
  --allow-host  <host> confirms a GONG_BASE_URL host outside Gong's domains (e.g. a trusted gateway)

Connection (environment):
  GONG_BASE_URL             e.g. https://us-12345.api.gong.io (default https://api.gong.io)
  GONG_ACCESS_KEY and GONG_ACCESS_KEY_SECRET    access key authentication, or
  GONG_BEARER_TOKEN         an OAuth access token
  GONG_REQUESTS_PER_SECOND  pacing (default 3, Gong's company limit)
  GONG_DAILY_REQUEST_BUDGET requests per day --all-pages may take without --over-budget (default 10000)
  HTTPS_PROXY, HTTP_PROXY, NO_PROXY  a proxy for the requests, as curl reads them
  GONG_SEARCH_STORE         the store file for mcp when --search-store is not given

Exit codes: 0 success, 1 Gong answered with an error, 2 invalid usage or input (nothing sent; for --all-pages past
the budget, only the first page), 3 missing or invalid
connection settings (nothing sent).`;

interface ParsedArgs {
  positional: string[];
  flags: Map<string, string | true>;
}

const VALUE_FLAGS = new Set(['--input', '--input-file', '--category', '--max-pages', '--allow-host', '--search-store']);

function parseArgs(args: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) { flags.set(a.slice(0, eq), a.slice(eq + 1)); continue; }
      if (VALUE_FLAGS.has(a)) {
        const v = args[i + 1];
        if (v === undefined) throw new UsageError(`${a} needs a value`);
        flags.set(a, v);
        i++;
      } else flags.set(a, true);
    } else positional.push(a);
  }
  return { positional, flags };
}

class UsageError extends Error {}

/** The catalog entry as `actions --json` prints it. */
export function describeAction(a: ActionDef): Record<string, unknown> {
  return {
    id: a.id,
    aliases: a.aliases,
    title: a.title,
    description: a.description,
    category: a.category,
    method: a.method,
    path: a.path,
    scope: a.scope,
    paging: a.paging,
    readOnly: a.readOnly,
    retrySafe: a.retrySafe,
    destructive: a.destructive,
    ...(a.confirmField ? { confirmField: a.confirmField } : {}),
    ...(a.emptyOn404 ? { emptyOn404: true } : {}),
    ...(a.deprecated ? { deprecated: true } : {}),
    ...(a.listKey ? { listKey: a.listKey } : {}),
    fields: fieldsOf(a).map(f => describeField(f, a.placement[f.path]?.wireName)),
  };
}

function describeField(f: FieldSpec, wireName: string | undefined): Record<string, unknown> {
  return {
    path: f.path,
    location: f.location,
    ...(wireName ? { wireName } : {}),
    kind: f.kind,
    required: f.required,
    ...(f.enumValues ? { enumValues: f.enumValues } : {}),
    ...(f.itemKind ? { itemKind: f.itemKind } : {}),
    ...(f.minItems !== undefined ? { minItems: f.minItems } : {}),
    ...(f.maxItems !== undefined ? { maxItems: f.maxItems } : {}),
    ...(f.idKind ? { idKind: f.idKind } : {}),
    ...(f.description ? { description: f.description } : {}),
  };
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function actionsTable(actions: readonly ActionDef[]): string {
  const rows = actions.map(a => [a.id, a.method, a.path, [a.readOnly ? 'read' : 'write', a.destructive ? 'destructive' : '', a.paging !== 'none' ? 'paged' : '', a.deprecated ? 'deprecated' : ''].filter(Boolean).join(','), a.title]);
  const widths = [0, 1, 2, 3].map(i => Math.max(...rows.map(r => (r[i] as string).length)));
  const lines: string[] = [];
  let category = '';
  actions.forEach((a, i) => {
    if (a.category !== category) { category = a.category; lines.push(`\n${category}`); }
    const r = rows[i] as string[];
    lines.push(`  ${pad(r[0] as string, widths[0] as number)}  ${pad(r[1] as string, widths[1] as number)}  ${pad(r[2] as string, widths[2] as number)}  ${pad(r[3] as string, widths[3] as number)}  ${r[4]}`);
  });
  return `${lines.join('\n').trimStart()}\n\n${actions.length} actions. "gong describe <action>" shows the inputs.`;
}

function fieldsTable(a: ActionDef): string {
  const lines = [`${a.id}: ${a.title}`, `${a.method} ${a.path}   scope ${a.scope}   paging ${a.paging}`, a.description, ''];
  if (a.aliases.length) lines.push(`Seed slugs: ${a.aliases.join(', ')}`, '');
  const fields = fieldsOf(a);
  if (fields.length === 0) lines.push('No inputs.');
  for (const f of fields) {
    const extra = f.enumValues ? ` one of ${f.enumValues.join('|')}` : '';
    lines.push(`  ${pad(f.path, 34)} ${pad(f.kind + (f.itemKind ? `<${f.itemKind}>` : ''), 14)} ${pad(f.location, 9)} ${f.required ? 'required' : 'optional'}${extra}${f.description ? `  ${f.description}` : ''}`);
  }
  if (a.destructive) lines.push('', `Destructive: erases or removes data (confirm with ${a.confirmField ?? 'care'}).`);
  if (a.deprecated) lines.push('', 'Deprecated by Gong: still answered, but may be removed.');
  return lines.join('\n');
}

function findOrExplain(name: string | undefined): ActionDef {
  if (!name) throw new UsageError('name an action, e.g. "gong run calls.list" ("gong actions" lists them)');
  const action = catalog.find(name);
  if (action) return action;
  const close = suggestActions(name);
  throw new UsageError(`unknown action "${name}".${close.length ? ` Did you mean: ${close.join(', ')}?` : ''} "gong actions" lists every action.`);
}

function readInput(flags: Map<string, string | true>): unknown {
  const inline = flags.get('--input');
  const file = flags.get('--input-file');
  if (inline !== undefined && file !== undefined) throw new UsageError('give --input or --input-file, not both');
  let text: string;
  let source: string;
  if (typeof file === 'string') {
    // `-` reads the input from stdin, so another program can pipe it in.
    try { text = readFileSync(file === '-' ? 0 : file, 'utf8'); } catch (e) { throw new UsageError(`cannot read ${file}: ${(e as Error).message}`); }
    source = file === '-' ? 'stdin' : file;
  } else if (typeof inline === 'string') {
    text = inline;
    source = '--input';
  } else return {};
  try {
    // Lossless, so a 19-digit id typed as a bare number keeps its digits (as a string).
    return parseJson(text);
  } catch (e) {
    throw new UsageError(`${source} is not valid JSON: ${(e as Error).message}`);
  }
}

function authFromEnv(env: CliIo['env']): GongAuth | string {
  const key = env.GONG_ACCESS_KEY;
  const secret = env.GONG_ACCESS_KEY_SECRET;
  const token = env.GONG_BEARER_TOKEN;
  if (key && secret) return { kind: 'basic', accessKey: key, accessKeySecret: secret };
  if (token) return { kind: 'bearer', token };
  if (key || secret) return `${key ? 'GONG_ACCESS_KEY_SECRET' : 'GONG_ACCESS_KEY'} is not set (access key authentication needs both GONG_ACCESS_KEY and GONG_ACCESS_KEY_SECRET).`;
  return 'no Gong credentials: set GONG_ACCESS_KEY and GONG_ACCESS_KEY_SECRET, or GONG_BEARER_TOKEN (and GONG_BASE_URL for a regional host).';
}

/**
 * GONG_BASE_URL checked as the extension checks it (https, no credentials or key-like text, a full host
 * name); a host outside Gong's domains must be named again with --allow-host. Problems never repeat the value.
 */
function baseUrlFromEnv(env: CliIo['env'], allowHost: string | true | undefined): { url: string; problem?: undefined } | { url?: undefined; problem: string } {
  let url: string;
  try {
    url = normalizeBaseUrl(env.GONG_BASE_URL || 'https://api.gong.io');
  } catch (e) {
    return { problem: `GONG_BASE_URL: ${(e as Error).message}` };
  }
  const { host, kind } = baseUrlHost(url);
  if (kind === 'other' && (typeof allowHost !== 'string' || allowHost.trim().toLowerCase() !== host)) {
    return { problem: `GONG_BASE_URL points at ${host}, which is not one of Gong's hosts; add --allow-host ${host} to send your credentials there.` };
  }
  return { url };
}

/** stderr for a failed request, from the one failure vocabulary: what happened, what to do, the facts. */
function errorReport(e: GongError): string {
  const f = classify(e);
  const lines = [`Gong error${f.status !== undefined ? ` ${f.status}` : ''} (${f.kind}): ${f.text}`];
  if (f.hint) lines.push(`  ${f.hint}`);
  if (e.fixUrl) lines.push(`  fix: ${e.fixUrl}`);
  if (f.gongMessage && !f.text.includes(f.gongMessage)) lines.push(`  Gong: ${f.gongMessage}`);
  if (f.requestId) lines.push(`  requestId: ${f.requestId}`);
  if (f.request) lines.push(`  request: ${f.request}`);
  return lines.join('\n');
}

/** The client of the environment's connection, paced as GONG_REQUESTS_PER_SECOND says; a string says what is missing. */
/** The proxy from HTTPS_PROXY / HTTP_PROXY / NO_PROXY (as curl reads them), or the message naming a bad one. */
function proxyFromEnv(io: CliIo): { dispatcher?: Dispatcher } | string {
  try {
    const dispatcher = proxyDispatcher(planProxy({ env: io.env }));
    return dispatcher ? { dispatcher } : {};
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

function clientFromEnv(io: CliIo): GongClient | string {
  const auth = authFromEnv(io.env);
  if (typeof auth === 'string') return auth;
  const rps = Number(io.env.GONG_REQUESTS_PER_SECOND ?? '3');
  if (!Number.isFinite(rps) || rps <= 0) return 'GONG_REQUESTS_PER_SECOND must be a positive number';
  const proxy = proxyFromEnv(io);
  if (typeof proxy === 'string') return proxy;
  return new GongClient({ baseUrl: io.env.GONG_BASE_URL || 'https://api.gong.io', auth }, { scheduler: new RequestScheduler({ requestsPerSecond: rps }), ...proxy });
}

/** The search worker built beside the CLI: dist/searchWorker.js next to dist/gongCli.js, or the tsc output (out/src/search/worker.js) in tests. */
export function searchWorkerFile(): string {
  const bundled = join(__dirname, 'searchWorker.js');
  return existsSync(bundled) ? bundled : join(__dirname, '..', 'search', 'worker.js');
}

/** What `gong mcp` searches: a store in a worker thread, why there is none (the tool answers it), or a bad path (nothing is served). */
export type McpSearch = { backend: WorkerBackend; path: string } | { unavailable: string; why: string } | { problem: string };

const NO_STORE = 'Transcript search is not available on this MCP server: it was started without a transcript store. '
  + 'Start it as "gong mcp --search-store <path to store.db>" (or set GONG_SEARCH_STORE to that path); a new file in an existing folder becomes an empty store that this tool fills as it searches. '
  + 'In VS Code, the Gong MCP server Gong Explorer offers already has the signed-in profile\'s store. Nothing was sent to Gong.';

/**
 * The transcript store for `gong mcp`: the file --search-store (or GONG_SEARCH_STORE) names, opened in
 * a worker thread and checked before anything is served. Without a path, or on a Node without
 * node:sqlite, the search tool answers why it cannot search.
 */
export async function mcpSearch(flag: string | true | undefined, env: CliIo['env'], hasSqlite = sqliteAvailable(), workerFile = searchWorkerFile()): Promise<McpSearch> {
  const source = typeof flag === 'string' ? '--search-store' : 'GONG_SEARCH_STORE';
  const given = typeof flag === 'string' ? flag : env.GONG_SEARCH_STORE;
  if (given === undefined || given.trim() === '') {
    if (typeof flag === 'string') return { problem: '--search-store needs the path of a store file (store.db)' };
    return { unavailable: NO_STORE, why: 'no --search-store or GONG_SEARCH_STORE' };
  }
  const path = resolve(given);
  if (!hasSqlite) {
    return {
      unavailable: `Transcript search is not available on this MCP server: it needs node:sqlite (Node 22.13 or newer), and it runs on Node ${process.versions.node}, so it cannot open the store ${path}. Start gong mcp with Node 22.13 or newer. Nothing was sent to Gong.`,
      why: `node:sqlite needs Node 22.13 or newer, and this is Node ${process.versions.node}`,
    };
  }
  let isDir = false;
  try { isDir = statSync(path).isDirectory(); } catch {
    if (!existsSync(dirname(path))) return { problem: `${source}: the folder ${dirname(path)} does not exist (a new store is created only in an existing folder)` };
  }
  if (isDir) return { problem: `${source} names a folder (${path}); give the store file in it, e.g. ${join(path, 'store.db')}` };
  let backend: WorkerBackend | undefined;
  try {
    backend = new WorkerBackend(workerFile, path);
    await backend.stats();
    return { backend, path };
  } catch (e) {
    await backend?.close();
    return { problem: `${source}: cannot open the search store ${path}: ${e instanceof Error ? e.message : String(e)}` };
  }
}

async function runMcp(p: ParsedArgs, io: CliIo): Promise<number> {
  const client = clientFromEnv(io);
  if (typeof client === 'string') { io.err(`gong mcp: ${client}`); return EXIT.config; }
  const search = await mcpSearch(p.flags.get('--search-store'), io.env);
  if ('problem' in search) { io.err(`gong mcp: ${search.problem}`); return EXIT.usage; }
  // stdout carries the protocol only; anything for people goes to stderr.
  const searching = 'backend' in search ? `transcript search on ${search.path}` : `no transcript search (${search.why})`;
  io.err(`gong mcp: serving ${p.flags.has('--allow-writes') ? 'read and write' : 'read-only'} Gong tools on stdio; ${searching}`);
  try {
    await serveStdio({
      api: client, allowWrites: p.flags.has('--allow-writes'), version: VERSION,
      ...('backend' in search ? { search: search.backend } : { searchUnavailable: search.unavailable }),
    });
  } finally {
    if ('backend' in search) await search.backend.close();
  }
  return EXIT.ok;
}

async function runAction(p: ParsedArgs, io: CliIo): Promise<number> {
  const action = findOrExplain(p.positional[1]);
  const input = readInput(p.flags);
  const result = catalog.validate(action, input);
  if (!result.ok) {
    io.err(`Invalid input for ${action.id} (nothing was sent):\n${result.issues.map(i => `  ${i.path || '(input)'}: ${i.message}`).join('\n')}`);
    return EXIT.usage;
  }
  const note = undeclaredNote(action, undeclaredKeys(action, input));
  if (note) io.err(`gong: note: ${note}`);
  // Checked for --curl too: a curl for plain http or a mistyped host would send the key there.
  const baseUrl = baseUrlFromEnv(io.env, p.flags.get('--allow-host'));
  if (baseUrl.problem !== undefined) { io.err(`gong: ${baseUrl.problem}`); return EXIT.config; }
  if (p.flags.has('--curl')) {
    const authKind = io.env.GONG_BEARER_TOKEN && !io.env.GONG_ACCESS_KEY ? 'bearer' : 'basic';
    io.out(curlFor(action, input, baseUrl.url, authKind));
    return EXIT.ok;
  }
  const auth = authFromEnv(io.env);
  if (typeof auth === 'string') { io.err(`gong: ${auth}`); return EXIT.config; }
  const rpsText = io.env.GONG_REQUESTS_PER_SECOND;
  if (rpsText !== undefined && !(Number(rpsText) > 0)) { io.err('gong: GONG_REQUESTS_PER_SECOND must be a positive number'); return EXIT.config; }
  const rps = clampSetting('requestsPerSecond', rpsText ?? 3);
  const proxy = proxyFromEnv(io);
  if (typeof proxy === 'string') { io.err(`gong: ${proxy}`); return EXIT.config; }
  const client = new GongClient({ baseUrl: baseUrl.url, auth }, { scheduler: new RequestScheduler({ requestsPerSecond: rps }), ...proxy });
  const req = catalog.toRequest(action, input);
  try {
    if (p.flags.has('--all-pages') && action.paging !== 'none') {
      const maxRaw = p.flags.get('--max-pages');
      const maxPages = typeof maxRaw === 'string' ? Number(maxRaw) : Number.POSITIVE_INFINITY;
      if (!(maxPages >= 1)) { io.err('gong: --max-pages must be a number of at least 1'); return EXIT.usage; }
      const budget = clampSetting('dailyRequestBudget', io.env.GONG_DAILY_REQUEST_BUDGET ?? 10_000);
      const pages: unknown[] = [];
      for await (const res of client.pages(req)) {
        pages.push(res.data);
        if (pages.length >= maxPages) break;
        if (pages.length === 1) {
          // The first page says how many there are: the rest must fit the budget unless --over-budget says go on.
          const r = recordsOf(res.data);
          const size = r?.currentPageSize && r.currentPageSize > 0 ? r.currentPageSize : 100;
          const rest = r?.totalRecords !== undefined ? Math.max(0, Math.ceil(r.totalRecords / size) - 1) : 0;
          const check = checkBudget({ requestsToday: 1, dailyBudget: budget }, Math.min(rest, maxPages - 1));
          if (check.over && !p.flags.has('--over-budget')) {
            io.err(`gong: --all-pages stopped after the first page: the other pages take ${check.cost} requests, more than the ${check.left} left of the daily request budget of ${budget} (GONG_DAILY_REQUEST_BUDGET). Add --over-budget to fetch them anyway, or --max-pages to fetch fewer.`);
            return EXIT.usage;
          }
        }
      }
      io.out(stringifyJson(mergePages(action, pages), 2));
    } else {
      const res = await client.request(req);
      if (res.empty) io.err(`gong: nothing found (Gong answered ${res.status}; shown as an empty list)`);
      io.out(stringifyJson(res.data ?? {}, 2));
    }
    return EXIT.ok;
  } catch (e) {
    if (GongError.is(e)) { io.err(errorReport(e)); return EXIT.failed; }
    throw e;
  }
}

/** Runs one command line; returns the exit code. */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  let p: ParsedArgs;
  try {
    p = parseArgs(args);
    const command = p.positional[0];
    if (!command || command === 'help' || p.flags.has('--help') || p.flags.has('-h')) {
      io.out(HELP);
      return EXIT.ok;
    }
    switch (command) {
      case 'actions': {
        const cat = p.flags.get('--category');
        const list = typeof cat === 'string' ? catalog.actions.filter(a => a.category.toLowerCase() === cat.toLowerCase()) : catalog.actions;
        if (typeof cat === 'string' && list.length === 0) throw new UsageError(`no category "${cat}"; categories: ${[...new Set(catalog.actions.map(a => a.category))].join(', ')}`);
        io.out(p.flags.has('--json') ? stringifyJson(list.map(describeAction), 2) : actionsTable(list));
        return EXIT.ok;
      }
      case 'describe':
        io.out(fieldsTable(findOrExplain(p.positional[1])));
        return EXIT.ok;
      case 'run':
        return await runAction(p, io);
      case 'mcp':
        return await runMcp(p, io);
      default:
        throw new UsageError(`unknown command "${command}"; commands: actions, describe, run, mcp, help`);
    }
  } catch (e) {
    if (e instanceof UsageError) { io.err(`gong: ${e.message}`); return EXIT.usage; }
    if (InputError.is(e)) { io.err(e.message); return EXIT.usage; }
    io.err(`gong: ${e instanceof Error ? e.message : String(e)}`);
    return EXIT.failed;
  }
}
