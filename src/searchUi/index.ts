/**
 * Call search in VS Code: *Gong: Search Calls...*, the Search view (results grouped by call, hits with
 * speaker, time and highlighted snippet), export of results, and the store per profile. The search
 * itself is src/search (pure; the store runs in a worker thread): this file only asks, shows and wires.
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { Commands, UserCancelled, registerCommand } from '../platform/commands';
import type { Services } from '../platform/services';
import { callIdsOf, dayRangeOf, libraryFolderOf } from '../render/callIds';
import { WorkerBackend } from '../search/backend';
import { STORE_FILE, prepareStoreFolder, searchRootOf, storeFolderOf } from '../search/storePath';
import { clockOf, dateOf, resultsCsv, resultsMarkdown, type ResultFormat } from '../search/export';
import { GONG_REQUESTS_PER_SECOND, planFetch, runFetch, type FetchPlan, type SearchBackend, type SearchScope } from '../search/fetch';
import { parseQuery, QueryError, snippet, type ParsedQuery } from '../search/query';
import { bidiControlPattern, boundedTooltip, oneLine } from '../shared/safeText';
import { DEFAULT_LIMIT, type CallResult, type SearchHit, type SearchResult } from '../search/store';
import { textOf } from '../shared/textOf';

export const SEARCH_VIEW = 'gongExplorer.search';
const PENDING_KEY = 'gongExplorer.search.pending';
/** A fetch above this many requests asks first (about 10 seconds at Gong's rate). */
export const ASK_OVER_REQUESTS = 30;

/** One search as shown: the scope, the query and its results. */
export interface ShownSearch {
  scope: SearchScope;
  query: string;
  result: SearchResult;
  /** The scope's call ids (undefined: every stored call). */
  callIds: string[] | undefined;
  /** Requests this search sent (estimate, listing and fetching). */
  requests: number;
}

interface Pending { profile: string; scope: SearchScope; query: string }

/** What tests and the language-model tool reach: the last search and one search function. */
export interface SearchAccess {
  last(): ShownSearch | undefined;
  /** Searches a scope (fetching what is missing, without asking) and shows the results. */
  search(scope: SearchScope | 'stored', query: string, opts?: { signal?: AbortSignal; limit?: number }): Promise<ShownSearch>;
  storeFolder(): string | undefined;
  /** The signed-in profile's transcript store, for gong_search_transcripts in agent mode; undefined when signed out. */
  backend(): SearchBackend | undefined;
}

type Row =
  | { kind: 'header'; id: string }
  | { kind: 'resume'; id: string; pending: Pending }
  | { kind: 'call'; id: string; call: CallResult; callId: string }
  | { kind: 'hit'; id: string; call: CallResult; hit: SearchHit; callId: string }
  | { kind: 'more'; id: string }
  | { kind: 'empty'; id: string };

const dayMs = 86_400_000;
const startOfDay = (d: Date): Date => new Date(d.getFullYear(), d.getMonth(), d.getDate());

/** A range of whole local days ending with today (so the same choice today is the same scope). */
export function lastDays(n: number, now = new Date()): SearchScope {
  const to = new Date(startOfDay(now).getTime() + dayMs);
  const from = new Date(to.getTime() - n * dayMs);
  return { kind: 'range', from: from.toISOString(), to: to.toISOString(), label: `last ${n} days` };
}

function formatDuration(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** The sentence a person reads before fetching starts. */
export function costText(plan: FetchPlan, requestsToday: number, dailyBudget: number): string {
  const missing = Math.max(0, plan.total - plan.stored);
  const left = Math.max(0, dailyBudget - requestsToday);
  const share = dailyBudget > 0 ? (plan.requests / dailyBudget) * 100 : 0;
  return `${plan.total.toLocaleString('en-US')} calls in ${plan.scope.label}, ${plan.stored.toLocaleString('en-US')} already stored. `
    + `Fetching the other ${missing.toLocaleString('en-US')} transcripts takes ${plan.requests.toLocaleString('en-US')} requests, about ${formatDuration(plan.seconds)} at ${GONG_REQUESTS_PER_SECOND} requests/s, `
    + `${share < 1 && share > 0 ? '<1' : Math.round(share)}% of today's budget (${left.toLocaleString('en-US')} of ${dailyBudget.toLocaleString('en-US')} left).`;
}

class SearchTree implements vscode.TreeDataProvider<Row> {
  private readonly emitter = new vscode.EventEmitter<Row | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  shown: ShownSearch | undefined;
  pending: Pending | undefined;

  refresh(): void { this.emitter.fire(undefined); }

  getTreeItem(row: Row): vscode.TreeItem {
    switch (row.kind) {
      case 'header': {
        const s = this.shown as ShownSearch;
        const item = new vscode.TreeItem(oneLine(`"${s.query}"`), vscode.TreeItemCollapsibleState.None);
        item.description = oneLine(`${s.result.totalCalls.toLocaleString('en-US')} of ${s.result.searchedCalls.toLocaleString('en-US')} calls · ${s.scope.label}`);
        item.tooltip = boundedTooltip(`${s.result.totalCalls} calls match, of ${s.result.searchedCalls} searched in ${s.scope.label}; ${s.requests} requests sent; ${Math.round(s.result.tookMs)} ms. Click to search again.`);
        item.iconPath = new vscode.ThemeIcon('search');
        item.command = { command: Commands.searchCalls, title: 'Search again', arguments: [{ scope: s.scope, edit: s.query }] };
        item.contextValue = 'searchHeader';
        return item;
      }
      case 'resume': {
        const item = new vscode.TreeItem(oneLine(`Resume fetching ${row.pending.scope.label}`), vscode.TreeItemCollapsibleState.None);
        item.description = oneLine(`then search "${row.pending.query}"`);
        item.tooltip = 'A fetch of transcripts stopped when the window closed; what was fetched is stored. Click to fetch the rest.';
        item.iconPath = new vscode.ThemeIcon('debug-continue');
        item.command = { command: Commands.searchResume, title: 'Resume' };
        return item;
      }
      case 'call': {
        const c = row.call;
        const item = new vscode.TreeItem(oneLine(c.title), c.hits.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
        item.id = row.id;
        item.description = `${dateOf(c.started)} · ${c.matches} ${c.matches === 1 ? 'match' : 'matches'}`;
        item.tooltip = boundedTooltip(`${c.title}\n${dateOf(c.started)} · call ${c.callId}`);
        item.iconPath = new vscode.ThemeIcon('comment-discussion');
        item.contextValue = 'call searchCall';
        return item;
      }
      case 'hit': {
        const h = row.hit;
        // A side bar is narrow: the label is the time and a short cut of the sentence around the match
        // (so the highlight is in sight), the speaker follows as the description.
        const lead = clockOf(h.at);
        const cut = snippet(h.text, h.ranges, 64);
        // Text with direction controls is shown with visible markers, which moves the matches: no highlight then.
        const plain = !bidiControlPattern().test(cut.text) && !/[\r\n]/.test(cut.text);
        const item = new vscode.TreeItem(plain
          ? { label: `${lead} ${cut.text}`, highlights: cut.ranges.map(([a, b]) => [a + lead.length + 1, b + lead.length + 1] as [number, number]) }
          : oneLine(`${lead} ${cut.text}`, 400), vscode.TreeItemCollapsibleState.None);
        item.description = oneLine(h.speaker, 60);
        item.id = row.id;
        item.tooltip = boundedTooltip(`${clockOf(h.at)} ${h.speaker} (${h.side}): ${h.text}`);
        item.iconPath = new vscode.ThemeIcon(h.side === 'external' ? 'account' : 'person');
        item.command = { command: Commands.searchOpenHit, title: 'Open at this moment', arguments: [row] };
        item.contextValue = 'searchHit';
        return item;
      }
      case 'more': {
        const s = this.shown as ShownSearch;
        const item = new vscode.TreeItem(`Show ${DEFAULT_LIMIT} more calls (${s.result.calls.length} of ${s.result.totalCalls})`, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon('more');
        item.command = { command: Commands.searchMore, title: 'More' };
        return item;
      }
      case 'empty': {
        const item = new vscode.TreeItem('No call matches', vscode.TreeItemCollapsibleState.None);
        item.description = 'try fewer words, OR, or a prefix*';
        item.iconPath = new vscode.ThemeIcon('circle-slash');
        return item;
      }
    }
  }

  getChildren(row?: Row): Row[] {
    if (row?.kind === 'call') return row.call.hits.map((hit, i) => ({ kind: 'hit', id: `${row.id}/${i}`, call: row.call, hit, callId: row.callId }));
    if (row) return [];
    const out: Row[] = [];
    if (this.pending) out.push({ kind: 'resume', id: 'resume', pending: this.pending });
    const s = this.shown;
    if (!s) return out;
    out.push({ kind: 'header', id: 'header' });
    if (s.result.calls.length === 0) out.push({ kind: 'empty', id: 'empty' });
    for (const c of s.result.calls) out.push({ kind: 'call', id: `call/${c.callId}`, call: c, callId: c.callId });
    if (s.result.totalCalls > s.result.calls.length) out.push({ kind: 'more', id: 'more' });
    return out;
  }
}

/** The scope a command argument stands for: a day row, a Library folder, or call rows / ids. */
function scopeFromArg(arg: unknown, selected: unknown): SearchScope | undefined {
  const many = Array.isArray(selected) && selected.length > 1 ? selected : undefined;
  const day = many ? undefined : dayRangeOf(arg);
  if (day) return { kind: 'range', from: day.from, to: day.to, label: `the day ${day.from.slice(0, 10)}` };
  const folder = many ? undefined : libraryFolderOf(arg);
  if (folder) {
    const name = (arg as { label?: unknown }).label;
    return { kind: 'folder', folderId: folder, label: typeof name === 'string' ? `folder ${name}` : `folder ${folder}` };
  }
  const ids = callIdsOf(many ?? arg);
  if (ids.length) return { kind: 'calls', callIds: ids, label: ids.length === 1 ? 'the selected call' : `${ids.length} selected calls` };
  return undefined;
}

export function registerSearch(services: Services): SearchAccess {
  const { context, log, session } = services;
  const tree = new SearchTree();
  const view = vscode.window.createTreeView(SEARCH_VIEW, { treeDataProvider: tree, showCollapseAll: true });
  context.subscriptions.push(view);

  let backend: { profile: string; folder: string; b: SearchBackend } | undefined;
  let running: Promise<unknown> | undefined;

  const root = () => searchRootOf(context.globalStorageUri.fsPath);
  const folderOf = (name: string, baseUrl: string) => storeFolderOf(root(), name, baseUrl);
  const storeOf = (): { profile: string; folder: string; b: SearchBackend } => {
    const p = session.active;
    if (!p) throw new Error('Sign in to Gong first: each profile has its own transcript store.');
    const folder = folderOf(p.name, p.baseUrl);
    if (backend?.folder === folder) return backend;
    if (backend) void backend.b.close();
    prepareStoreFolder(folder, p.name, p.baseUrl);
    backend = { profile: p.name, folder, b: new WorkerBackend(join(context.extensionUri.fsPath, 'dist', 'searchWorker.js'), join(folder, STORE_FILE)) };
    return backend;
  };
  context.subscriptions.push({ dispose: () => { void backend?.b.close(); backend = undefined; } });

  const readPending = (): Pending | undefined => {
    const p = context.globalState.get<Pending>(PENDING_KEY);
    return p && p.profile === session.active?.name ? p : undefined;
  };
  const setPending = async (p: Pending | undefined) => {
    await context.globalState.update(PENDING_KEY, p);
    tree.pending = readPending();
    tree.refresh();
  };
  const updateDescription = async () => {
    if (!backend) { view.description = undefined; return; }
    try {
      const s = await backend.b.stats();
      view.description = `${s.calls.toLocaleString('en-US')} calls stored`;
    } catch { view.description = undefined; }
  };
  const onSession = () => {
    tree.shown = undefined;
    tree.pending = readPending();
    if (backend && backend.profile !== session.active?.name) { void backend.b.close(); backend = undefined; view.description = undefined; }
    void vscode.commands.executeCommand('setContext', 'gongExplorer:searchHasResults', false);
    tree.refresh();
  };
  context.subscriptions.push(session.onDidChange(onSession));
  tree.pending = readPending();

  // The workspaces list every surface shares (src/data), cached per profile there.
  const workspaceList = async (): Promise<Array<{ id: string; name: string }>> => {
    if (!session.api()) return [];
    return [...await services.data.workspaceNames()].map(([id, name]) => ({ id, name }));
  };

  const show = (s: ShownSearch) => {
    tree.shown = s;
    void vscode.commands.executeCommand('setContext', 'gongExplorer:searchHasResults', true);
    tree.refresh();
    void updateDescription();
    void vscode.commands.executeCommand(`${SEARCH_VIEW}.focus`).then(undefined, () => undefined);
  };

  const searchStored = async (b: SearchBackend, q: ParsedQuery, callIds: string[] | undefined, limit: number, hitsPerCall?: number): Promise<SearchResult> => {
    const named = q.workspaces.some(w => !/^\d{1,30}$/.test(w)) ? await workspaceList() : [];
    return b.search(q, { ...(callIds ? { callIds } : {}), workspaces: named, limit, ...(hitsPerCall !== undefined ? { hitsPerCall } : {}) });
  };

  /** Fetch what the scope lacks (asking first when `ask` and the scope is large), then search. */
  const run = async (scope: SearchScope | 'stored', query: string, opts: { ask: boolean; signal?: AbortSignal; limit?: number }): Promise<ShownSearch> => {
    const q = parseQuery(query);
    const store = storeOf();
    if (scope === 'stored') {
      const result = await searchStored(store.b, q, undefined, opts.limit ?? DEFAULT_LIMIT);
      const shown: ShownSearch = { scope: { kind: 'calls', callIds: [], label: 'every stored call' }, query: q.text, result, callIds: undefined, requests: 0 };
      show(shown);
      return shown;
    }
    const api = session.api();
    if (!api) throw new Error('Sign in to Gong first.');
    const plan = await vscode.window.withProgress({ location: { viewId: SEARCH_VIEW } }, () => planFetch(api, store.b, scope, Date.now(), opts.signal));
    let callIds = plan.callIds;
    let requests = plan.spent;
    let fetchIt = plan.requests > 0;
    if (fetchIt) {
      const stats = session.stats();
      const text = costText(plan, stats.requestsToday, stats.dailyBudget);
      log.info(`search: ${text}`);
      if (opts.ask && (plan.requests > ASK_OVER_REQUESTS || plan.requests > stats.dailyBudget - stats.requestsToday)) {
        const go = await services.prompter().confirm(`Fetch ${(plan.total - plan.stored).toLocaleString('en-US')} transcripts to search ${scope.label}?`, { modal: true, detail: text }, 'Fetch and Search', 'Search Stored Only');
        if (go === 'Search Stored Only') fetchIt = false;
        else if (go !== 'Fetch and Search') throw new UserCancelled();
      } else if (opts.ask) {
        void vscode.window.setStatusBarMessage(`$(cloud-download) ${text}`, 8000);
      }
    }
    if (fetchIt || !callIds) {
      await setPending({ profile: store.profile, scope, query: q.text });
      const outcome = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Gong search: ${scope.label}`, cancellable: true },
        async (progress, token) => {
          const ac = new AbortController();
          const sub = token.onCancellationRequested(() => ac.abort());
          opts.signal?.addEventListener('abort', () => ac.abort());
          let last = 0;
          try {
            return await runFetch(api, store.b, plan, {
              signal: ac.signal, now: Date.now,
              onProgress: p => {
                const pctDone = p.total ? Math.floor((p.done / p.total) * 100) : 0;
                progress.report({ message: `${p.phase === 'listing' ? 'listing calls' : 'transcripts'} ${p.done.toLocaleString('en-US')} of ${p.total.toLocaleString('en-US')} (${p.requests} requests)`, increment: Math.max(0, pctDone - last) });
                last = pctDone;
              },
              listOnly: !fetchIt,
            });
          } finally { sub.dispose(); }
        });
      callIds = outcome.callIds;
      requests = outcome.requests;
      // A cancel ends the fetch, not the search: what was stored is searched, and nothing is resumed.
      await setPending(undefined);
      if (outcome.cancelled) void vscode.window.showInformationMessage(`Fetching stopped; ${outcome.fetched} transcripts were stored and are kept. Searching what is stored.`);
    }
    const result = await searchStored(store.b, q, callIds, opts.limit ?? DEFAULT_LIMIT);
    const shown: ShownSearch = { scope, query: q.text, result, callIds, requests };
    log.info(`search "${q.text}" in ${scope.label}: ${result.totalCalls} calls of ${result.searchedCalls}, ${requests} requests, ${Math.round(result.tookMs)} ms`);
    show(shown);
    return shown;
  };

  const exclusive = <T>(f: () => Promise<T>): Promise<T> => {
    if (running) throw new Error('A call search is already running; wait for it or cancel it.');
    const p = f();
    running = p;
    return p.finally(() => { running = undefined; });
  };

  const askScope = async (): Promise<SearchScope | 'stored'> => {
    type Item = vscode.QuickPickItem & { make: () => Promise<SearchScope | 'stored'> };
    const presets: Item[] = [7, 30, 90].map(n => ({ label: `Last ${n} days`, make: async () => lastDays(n) }));
    const items: Item[] = [
      ...presets,
      { label: 'Custom range...', description: 'from and to dates', make: async () => askRange() },
      { label: 'A workspace...', description: 'its calls of the last 90 days', make: async () => askWorkspace() },
      { label: 'Every stored call', description: 'no request to Gong', make: async () => 'stored' as const },
    ];
    const picked = await services.prompter().pick(items, { title: 'Search calls: where' });
    if (!picked || typeof picked !== 'object' || !('make' in picked)) throw new UserCancelled();
    return picked.make();
  };
  const askDate = async (title: string, value: string): Promise<string> => {
    const v = await services.prompter().input({ title, prompt: 'YYYY-MM-DD', value, validate: s => (/^\d{4}-\d{2}-\d{2}$/.test(s.trim()) && Number.isFinite(Date.parse(s.trim())) ? undefined : 'A date as YYYY-MM-DD, for example 2026-10-01.') });
    if (typeof v !== 'string') throw new UserCancelled();
    return v.trim();
  };
  const askRange = async (): Promise<SearchScope> => {
    const today = new Date();
    const iso = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    const from = await askDate('Search calls from', iso(new Date(today.getTime() - 30 * dayMs)));
    const to = await askDate('Search calls to (inclusive)', iso(today));
    const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
    const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
    const f = new Date(fy, fm - 1, fd);
    const t = new Date(ty, tm - 1, td + 1);
    if (t <= f) throw new Error('The end date is before the start date.');
    return { kind: 'range', from: f.toISOString(), to: t.toISOString(), label: `${from} to ${to}` };
  };
  const askWorkspace = async (): Promise<SearchScope> => {
    const list = await workspaceList();
    if (list.length === 0) throw new Error('Gong lists no workspace for this profile.');
    const picked = await services.prompter().pick(list.map(w => ({ label: w.name, description: w.id, w })), { title: 'Search calls in workspace' });
    if (!picked || typeof picked !== 'object' || !('w' in picked)) throw new UserCancelled();
    const range = lastDays(90);
    return { ...(range as Extract<SearchScope, { kind: 'range' }>), workspaceId: picked.w.id, label: `${picked.w.name}, last 90 days` };
  };
  const askQuery = async (value?: string): Promise<string> => {
    const v = await services.prompter().input({
      title: 'Search calls',
      prompt: 'Words, "exact phrase", a OR b, -word, prefix*, speaker:name, side:external|company, from:/to:YYYY-MM-DD, workspace:name',
      ...(value ? { value } : {}),
      validate: s => { try { parseQuery(s); return undefined; } catch (e) { return QueryError.is(e) ? e.message : String(e); } },
    });
    if (typeof v !== 'string') throw new UserCancelled();
    return v;
  };

  registerCommand(context, log, Commands.searchCalls, async (arg?: unknown, selected?: unknown) => {
    // Programmatic form: { scope, query } (tests, the language-model tool); { scope, edit } from the header row.
    const o = (typeof arg === 'object' && arg !== null && !Array.isArray(arg) ? arg : {}) as { scope?: SearchScope | 'stored'; query?: unknown; edit?: unknown };
    const scope = o.scope ?? scopeFromArg(arg, selected) ?? await askScope();
    const query = typeof o.query === 'string' ? o.query : await askQuery(typeof o.edit === 'string' ? o.edit : tree.shown?.query);
    return exclusive(() => run(scope, query, { ask: true }));
  });

  registerCommand(context, log, Commands.searchResume, async () => {
    const p = readPending();
    if (!p) { tree.pending = undefined; tree.refresh(); return; }
    await exclusive(() => run(p.scope, p.query, { ask: true }));
  });

  registerCommand(context, log, Commands.searchMore, async () => {
    const s = tree.shown;
    if (!s) return;
    const result = await searchStored(storeOf().b, parseQuery(s.query), s.callIds, s.result.calls.length + DEFAULT_LIMIT);
    show({ ...s, result });
  });

  registerCommand(context, log, Commands.searchOpenHit, async (row?: unknown) => {
    const r = row as { callId?: unknown; hit?: SearchHit } | undefined;
    if (!r || typeof r.callId !== 'string' || !r.hit) throw new Error('Open a search result from the Search view.');
    // The transcript's own search box finds literal text: give it the words this hit matched.
    const [a, b] = r.hit.ranges[0] ?? [0, 0];
    const find = r.hit.text.slice(a, b) || tree.shown?.query || '';
    await vscode.commands.executeCommand(Commands.openTranscript, r.callId, { at: r.hit.at, find });
  });

  registerCommand(context, log, Commands.searchExport, async (format?: unknown, target?: unknown) => {
    const s = tree.shown;
    if (!s) throw new Error('Search calls first; the results are what is exported.');
    let fmt: ResultFormat | undefined = format === 'csv' || format === 'markdown' ? format : undefined;
    if (!fmt) {
      const picked = await services.prompter().pick([{ label: 'CSV', description: '.csv, one row per hit', f: 'csv' as const }, { label: 'Markdown', description: '.md, grouped by call', f: 'markdown' as const }], { title: 'Export search results as' });
      if (!picked || typeof picked !== 'object' || !('f' in picked)) throw new UserCancelled();
      fmt = picked.f;
    }
    const ext = fmt === 'csv' ? 'csv' : 'md';
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? homedir();
    const path = typeof target === 'string' ? target : await services.prompter().saveFile({ title: 'Export search results', defaultName: join(folder, `gong-search.${ext}`), filters: { [fmt === 'csv' ? 'CSV' : 'Markdown']: [ext] } });
    if (!path) throw new UserCancelled();
    // Every matching call and up to 500 hits each, read again from the store (no request).
    const full = await searchStored(storeOf().b, parseQuery(s.query), s.callIds, 1000, 500);
    writeFileSync(path, fmt === 'csv' ? resultsCsv(full) : resultsMarkdown(full, s.scope.label), 'utf8');
    void vscode.window.showInformationMessage(`${full.calls.length} calls exported to ${path}`);
    return path;
  });

  registerCommand(context, log, Commands.searchStore, async () => {
    const dir = root();
    const stores = existsSync(dir) ? readdirSync(dir).filter(f => existsSync(join(dir, f, STORE_FILE))) : [];
    if (stores.length === 0) { void vscode.window.showInformationMessage('No transcripts are stored for search yet.'); return; }
    const known = new Set(session.profiles().map(p => folderOf(p.name, p.baseUrl)));
    const sizeOf = (folder: string) => [STORE_FILE, `${STORE_FILE}-wal`].reduce((n, x) => { try { return n + statSync(join(folder, x)).size; } catch { return n; } }, 0);
    const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
    const items = await Promise.all(stores.map(async f => {
      const folder = join(dir, f);
      let profile = f;
      try { profile = textOf((JSON.parse(readFileSync(join(folder, 'profile.json'), 'utf8')) as { profile?: unknown }).profile, f); } catch { /* name from the folder */ }
      const gone = !known.has(folder);
      let detail = '';
      if (backend?.folder === folder) { try { const s = await backend.b.stats(); detail = `${s.calls.toLocaleString('en-US')} calls, ${s.sentences.toLocaleString('en-US')} sentences`; } catch { /* size only */ } }
      return { label: profile, description: `${mb(sizeOf(folder))}${detail ? ` · ${detail}` : ''}${gone ? ' · signed out' : ''}`, detail: folder, folder, profile, gone };
    }));
    const picked = await services.prompter().pick(items, { title: 'Transcript stores for search: pick one to clear' });
    if (!picked || typeof picked !== 'object' || !('folder' in picked)) throw new UserCancelled();
    const active = backend?.folder === picked.folder ? backend : undefined;
    if (active && running) throw new Error('A call search is running on this store; wait for it or cancel it first.');
    // Cleared through SQLite, not by deleting the file: the MCP server may have the same file open, and
    // would go on writing to a deleted file (Linux) or keep the delete from happening (Windows).
    const b = active?.b ?? new WorkerBackend(join(context.extensionUri.fsPath, 'dist', 'searchWorker.js'), join(picked.folder, STORE_FILE));
    let cleared: number;
    let removal = '';
    try {
      const s = await b.stats();
      if (s.calls === 0 && s.scopes === 0 && !picked.gone) {
        void vscode.window.showInformationMessage(`No transcripts are stored for ${picked.label}.`);
        return;
      }
      const what = `${s.calls.toLocaleString('en-US')} calls (${s.withTranscript.toLocaleString('en-US')} with a transcript, ${s.sentences.toLocaleString('en-US')} sentences), ${mb(s.bytes)}`;
      const go = await services.prompter().confirm(`Clear the ${s.calls.toLocaleString('en-US')} stored ${s.calls === 1 ? 'call' : 'calls'} of ${picked.label}?`,
        { modal: true, detail: `${what}. Searching again fetches them from Gong.${picked.gone ? ' The profile is signed out: its store folder is removed too.' : ''}` }, 'Clear');
      if (go !== 'Clear') throw new UserCancelled();
      if (active && running) throw new Error('A call search started on this store; wait for it or cancel it, then clear.');
      cleared = await b.clear();
    } finally {
      if (!active) await b.close();
    }
    if (picked.gone) {
      // Nothing tells whether another process still has the file open: it was emptied above either way.
      try { rmSync(picked.folder, { recursive: true, force: true }); } catch (e) {
        removal = ` Its folder ${picked.folder} could not be removed (${e instanceof Error ? e.message : String(e)}); the store in it is empty.`;
        log.warn(`search: removing ${picked.folder}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    if (active && tree.shown) { tree.shown = undefined; void vscode.commands.executeCommand('setContext', 'gongExplorer:searchHasResults', false); }
    // A fetch to resume would fill the emptied store again: it is dropped with it.
    if (context.globalState.get<Pending>(PENDING_KEY)?.profile === picked.profile) await setPending(undefined);
    await updateDescription();
    tree.refresh();
    const message = `Cleared the stored transcripts of ${picked.label} (${cleared.toLocaleString('en-US')} ${cleared === 1 ? 'call' : 'calls'}).${removal}`;
    if (removal) void vscode.window.showWarningMessage(message); else void vscode.window.showInformationMessage(message);
  });

  return {
    last: () => tree.shown,
    search: (scope, query, opts = {}) => exclusive(() => run(scope, query, { ask: false, ...opts })),
    storeFolder: () => backend?.folder ?? (session.active ? folderOf(session.active.name, session.active.baseUrl) : undefined),
    backend: () => (session.active ? storeOf().b : undefined),
  };
}
