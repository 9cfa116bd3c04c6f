/**
 * The base of every sidebar view model: turns failures into error rows (with retry) or a sign-in
 * row, applies the text filter over loaded rows, builds load-more rows, and tells listeners which
 * node changed so only that part of the tree is redrawn.
 */
import { catalog, emptyAnswerOf } from '../catalog/index';
import type { GongApi, GongRequest } from '../gong/types';
import { classify, failureDetails, failureLine, type Failure } from '../gong/failure';
import { arr, formatAge, formatCount, matchesFilter, str, type TreeNode } from './node';
import { OnceSource, SourceCache, type Clock, type Page, type PagedSource } from './sources';

/** What the trees need from the signed-in session. */
export interface TreeHost {
  api(): GongApi | undefined;
  /** The active profile's name: directory data is cached per profile. */
  profile(): string | undefined;
  authFailed(): boolean;
  /** Called when Gong refuses the credentials; views then show a sign-in row. */
  reportAuthFailure(): void;
  clock?: Clock;
}

export type ChangeListener = (node: TreeNode | undefined) => void;

/**
 * The GET answer's data, or the empty answer a documented nothing-found 404 stands for (declared
 * in the catalog: library folders, scorecards, calls...).
 */
export async function getData(api: GongApi, req: Omit<GongRequest, 'method'> & { method?: GongRequest['method'] }, signal?: AbortSignal): Promise<unknown> {
  const method = req.method ?? 'GET';
  const declared = catalog.actions.find(a => a.method === method && a.path === req.path);
  const empty = declared?.emptyOn404 ? { emptyOn404: true, emptyData: emptyAnswerOf(declared) } : {};
  const res = await api.request({ method, ...empty, ...req }, signal);
  return res.data;
}

/** One cursor page of a list answer: the items under `key` and the `records` block. */
export function pageOf(data: unknown, key: string, fallbackKey?: string): Page<unknown> {
  let items = arr(data, key);
  if (items.length === 0 && fallbackKey) items = arr(data, fallbackKey);
  const records = typeof data === 'object' && data !== null ? (data as Record<string, unknown>).records : undefined;
  const totalRaw = typeof records === 'object' && records !== null ? (records as Record<string, unknown>).totalRecords : undefined;
  const total = typeof totalRaw === 'number' ? totalRaw : typeof totalRaw === 'string' ? Number(totalRaw) : undefined;
  return { items, total: total !== undefined && Number.isFinite(total) ? total : undefined, cursor: str(records, 'cursor') };
}

export abstract class ViewModel {
  private filterText = '';
  /** The last roots shown per profile: a failed refresh shows them under its error row. */
  private readonly lastRoots = new Map<string, TreeNode[]>();
  private readonly listeners = new Set<ChangeListener>();

  constructor(
    /** The VS Code view id; also the prefix of every node id and cache key of this view. */
    readonly viewId: string,
    protected readonly host: TreeHost,
    protected readonly cache: SourceCache,
  ) {}

  /** Whether this view caches directory data (and shows its age). */
  protected readonly directory: boolean = true;

  protected get now(): number { return (this.host.clock ?? Date.now)(); }

  /**
   * The client at the moment of the request: cached sources outlive a sign-in again with new
   * credentials, so they must never hold on to the client they were created with.
   */
  protected client(): GongApi {
    const api = this.host.api();
    if (!api) throw new Error('Not signed in to Gong');
    return api;
  }

  /**
   * A directory list (`/v2/workspaces` under `workspaces`) fetched once per profile and cached under
   * the view's own id, so refreshing the view refetches it and the view description gives its age.
   */
  protected async viewList(profile: string, path: string, key: string, signal?: AbortSignal): Promise<unknown[]> {
    const source = this.cache.get(profile, this.viewId, () => new OnceSource(
      async s => arr(await getData(this.client(), { path }, s), key), this.host.clock));
    return source.get(signal);
  }

  /**
   * The account's workspaces, cached under the view's own id (so refreshing the view refetches
   * them): views whose items repeat per workspace group them under workspace rows.
   */
  protected async workspaceList(profile: string, signal?: AbortSignal): Promise<unknown[]> {
    const source = this.cache.get(profile, `${this.viewId}/workspaces`, () => new OnceSource(
      async s => arr(await getData(this.client(), { path: '/v2/workspaces' }, s), 'workspaces'), this.host.clock));
    return source.get(signal);
  }

  get filter(): string { return this.filterText; }

  onDidChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }

  protected fire(node?: TreeNode): void {
    for (const l of [...this.listeners]) l(node);
  }

  /** The view's top rows when signed in. */
  protected abstract roots(api: GongApi, profile: string, signal?: AbortSignal): Promise<TreeNode[]>;

  /** Loaded vs. shown item counts for the "Filtered by" row. */
  protected abstract filterCounts(rows: TreeNode[], shown: TreeNode[]): { shown: number; loaded: number };

  /** Rows when nobody is signed in. The workspaces view returns none so its welcome content shows. */
  protected signedOutRows(): TreeNode[] {
    return [this.signInRow('Not signed in')];
  }

  /** The rows under a node, or the view's roots. Never throws: failures become rows. */
  async getChildren(node?: TreeNode, signal?: AbortSignal): Promise<TreeNode[]> {
    const api = this.host.api();
    const profile = this.host.profile();
    if (!api || profile === undefined) return node ? [] : this.signedOutRows();
    if (this.host.authFailed()) return node ? [] : [this.signInRow('Gong refused the credentials')];
    try {
      const rows = node ? (node.children ? await node.children(signal) : []) : await this.roots(api, profile, signal);
      if (!node) this.lastRoots.set(profile, rows);
      // Under a row that matches by itself, everything shows: filtering "Discovery" shows that
      // scorecard's questions too.
      const parentMatches = !!node && (node.searchText ?? node.label.toLowerCase()).includes(this.filterText.toLowerCase());
      const shown = this.filterText && !parentMatches ? rows.filter(r => !r.item || matchesFilter(r, this.filterText)) : rows;
      if (!node && this.filterText) return [this.filterRow(this.filterCounts(rows, shown)), ...shown];
      return shown;
    } catch (e) {
      const failure = classify(e);
      if (failure.cancelled) return [];
      // Only credentials Gong no longer accepts sign every view out; a refused feature or a missing
      // scope stays on this view's row while the others keep working.
      if (failure.signInAgain) {
        this.host.reportAuthFailure();
        return node ? [] : [this.signInRow('Gong refused the credentials')];
      }
      const error = this.errorRow(node, failure);
      // Keep what was there before a failed refresh: the error row sits on top of it.
      const previous = node ? [] : (this.lastRoots.get(profile) ?? []).filter(r => r.contextValue !== 'errorRow' && r.contextValue !== 'loadMoreRow');
      return [error, ...(this.filterText ? previous.filter(r => !r.item || matchesFilter(r, this.filterText)) : previous)];
    }
  }

  /** The view description: how old the cached directory data is. */
  description(): string | undefined {
    const profile = this.host.profile();
    if (profile === undefined || !this.directory) return undefined;
    const at = this.cache.oldestFetch(profile, this.viewId);
    return at === undefined ? undefined : `updated ${formatAge(this.now - at)}`;
  }

  setFilter(text: string): void {
    this.filterText = text.trim();
    this.fire(undefined);
  }

  /** Refetches a node's data (or the whole view's) on the next read, keeping loaded page counts. */
  refresh(node?: TreeNode): void {
    const profile = this.host.profile();
    if (profile === undefined) { this.fire(undefined); return; }
    // A row without data of its own (a user, a tracker, a day of calls) comes from its view's
    // list: refreshing it refreshes that list.
    if (node && this.cache.sources(profile, node.id).length === 0) { this.refresh(); return; }
    this.cache.invalidate(profile, node ? node.id : this.viewId);
    this.fire(node);
  }

  /** Redraws without refetching (e.g. the session changed). */
  redraw(): void { this.fire(undefined); }

  /** Shown while a view's first rows (or its rows after a sign-in) are on their way. */
  loadingRow(): TreeNode {
    return {
      id: `${this.viewId}/loading`,
      label: 'Loading...',
      icon: 'loading~spin',
      contextValue: 'loadingRow',
      collapsible: 'none',
    };
  }

  protected signInRow(why: string): TreeNode {
    return {
      id: `${this.viewId}/signIn`,
      label: 'Sign in to Gong',
      description: why,
      tooltip: `${why}. Click to sign in.`,
      icon: 'sign-in',
      contextValue: 'signInRow',
      collapsible: 'none',
      action: { kind: 'signIn' },
    };
  }

  protected errorRow(parent: TreeNode | undefined, f: Failure): TreeNode {
    const parentId = parent?.id ?? this.viewId;
    // A refusal (feature off, scope missing) is not an error of the view: it says what is not open.
    const refused = f.kind === 'forbidden' || f.kind === 'missingScope';
    return {
      id: `${parentId}/error`,
      label: refused ? f.text : `Could not load: ${f.text}`,
      description: 'click to retry',
      tooltip: [failureLine(f), ...failureDetails(f)].join('\n'),
      icon: refused ? 'lock' : 'error',
      iconColor: refused ? 'disabledForeground' : 'errorForeground',
      contextValue: 'errorRow',
      collapsible: 'none',
      parent,
      action: {
        kind: 'retry',
        run: () => this.refresh(parent),
      },
    };
  }

  protected filterRow(counts: { shown: number; loaded: number }): TreeNode {
    return {
      id: `${this.viewId}/filter`,
      label: `Filtered by "${this.filterText}"`,
      description: `${formatCount(counts.shown)} of ${formatCount(counts.loaded)} loaded · click to clear`,
      tooltip: 'The filter applies to the rows loaded so far. Click to clear it.',
      icon: 'filter',
      contextValue: 'filterRow',
      collapsible: 'none',
      action: { kind: 'clearFilter', run: () => this.setFilter('') },
    };
  }

  /** "Load 100 more (300 of 2,314)": appends the next cursor page and redraws only the parent. */
  protected loadMoreRow<T>(parent: TreeNode | undefined, source: PagedSource<T>, pageSize = 100): TreeNode {
    const loaded = source.items.length;
    const total = source.total;
    const next = total !== undefined ? Math.max(1, Math.min(pageSize, total - loaded)) : pageSize;
    const label = total !== undefined
      ? `Load ${formatCount(next)} more (${formatCount(loaded)} of ${formatCount(total)})`
      : `Load more (${formatCount(loaded)} loaded)`;
    return {
      id: `${parent?.id ?? this.viewId}/loadMore`,
      label,
      icon: 'fold-down',
      contextValue: 'loadMoreRow',
      collapsible: 'none',
      parent,
      action: {
        kind: 'loadMore',
        run: async (signal?: AbortSignal) => {
          try {
            await source.loadMore(signal);
          } catch (e) {
            if (classify(e).signInAgain) this.host.reportAuthFailure();
            throw e;
          } finally {
            this.fire(parent);
          }
        },
      },
    };
  }
}
