/**
 * The base of every sidebar view model: turns failures into error rows (with retry) or a sign-in
 * row, applies the text filter over loaded rows, builds load-more rows, and tells listeners which
 * node changed so only that part of the tree is redrawn.
 */
import type { GongApi } from '../gong/types';
import { classify, failureDetails, failureLine, type Failure } from '../gong/failure';
import { type DataHost, type GongData, type PagedSource, type SourceCache } from '../data/index';
import { formatAge, formatCount, matchesFilter, type TreeNode } from './node';

/** What the trees need from the signed-in session. */
export interface TreeHost extends DataHost {
  authFailed(): boolean;
  /** Called when Gong refuses the credentials; views then show a sign-in row. */
  reportAuthFailure(): void;
}

export type ChangeListener = (node: TreeNode | undefined) => void;

export abstract class ViewModel {
  private filterText = '';
  /** The last roots shown per profile: a failed refresh shows them under its error row. */
  private readonly lastRoots = new Map<string, TreeNode[]>();
  private readonly listeners = new Set<ChangeListener>();

  constructor(
    /** The VS Code view id; also the prefix of every node id and cache key of this view. */
    readonly viewId: string,
    protected readonly host: TreeHost,
    /** The one data layer: every read of Gong goes through it, cached per profile. */
    protected readonly data: GongData,
  ) {
    // Rows restored from disk were fetched again behind them: show the fresh rows (or, when Gong
    // no longer takes the credentials, the sign-in row).
    data.onDidRevalidate((profile, key, error) => {
      if (profile !== this.host.profile() || !this.shows(key)) return;
      if (error !== undefined && classify(error).signInAgain) this.host.reportAuthFailure();
      this.fire(undefined);
    });
  }

  /** Whether a cache key holds data this view shows. */
  private shows(key: string): boolean {
    return key === this.viewId || key.startsWith(`${this.viewId}/`) || this.sharedKeys.includes(key);
  }

  /** The per-profile cache; the view's own entries sit under its id. */
  protected get cache(): SourceCache { return this.data.cache; }

  /**
   * Shared entries of the data layer this view shows (the workspaces list): refreshing the view
   * refetches them too, and the view's age counts them.
   */
  protected readonly sharedKeys: readonly string[] = [];

  /** Whether this view caches directory data (and shows its age). */
  protected readonly directory: boolean = true;

  protected get now(): number { return (this.host.clock ?? Date.now)(); }

  /** The account's workspaces, shared with every surface through the data layer. */
  protected workspaceList(profile: string, signal?: AbortSignal): Promise<unknown[]> {
    return this.data.workspacesSource(profile).get(signal);
  }

  /**
   * The workspaces for views that only group their rows by them (Engage Flows, Trackers):
   * credentials that may not list workspaces still see the rows, ungrouped.
   */
  protected async groupingWorkspaces(profile: string, signal?: AbortSignal): Promise<unknown[]> {
    try {
      return await this.workspaceList(profile, signal);
    } catch (e) {
      const f = classify(e);
      if (f.kind === 'missingScope' || f.kind === 'forbidden') return [];
      throw e;
    }
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
      // The first read after a window reload waits for the rows saved on disk (a small local file).
      if (!node) await this.data.ready(profile);
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
    const at = this.oldestFetch(profile);
    if (at === undefined) return undefined;
    // Rows from the disk cache say so until their fetch behind them is in.
    const restored = [this.viewId, ...this.sharedKeys].some(k => this.cache.restored(profile, k));
    return `updated ${formatAge(this.now - at)}${restored ? ' · refreshing' : ''}`;
  }

  /** Oldest fetch among the view's own entries and the shared ones it shows. */
  protected oldestFetch(profile: string): number | undefined {
    let oldest = this.cache.oldestFetch(profile, this.viewId);
    for (const key of this.sharedKeys) {
      const at = this.cache.oldestFetch(profile, key);
      if (at !== undefined && (oldest === undefined || at < oldest)) oldest = at;
    }
    return oldest;
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
    if (!node) for (const key of this.sharedKeys) this.cache.invalidate(profile, key);
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
