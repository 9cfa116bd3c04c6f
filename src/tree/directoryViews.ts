/** Workspaces, Users, Trackers and Scorecards: directory lists cached per profile. */
import type { GongApi } from '../gong/types';
import { ViewModel } from './model';
import { arr, bool, childId, contextValue, str, tooltipText, type RowTooltip, type TreeNode } from './node';
import { DataKeys, OnceSource, type PagedSource } from '../data/index';

/** Counts item rows (the default for flat lists). */
function countItems(rows: TreeNode[], shown: TreeNode[]): { shown: number; loaded: number } {
  return { shown: shown.filter(r => r.item).length, loaded: rows.filter(r => r.item).length };
}

export class WorkspacesModel extends ViewModel {
  protected override readonly sharedKeys: readonly string[] = [DataKeys.workspaces];

  protected override signedOutRows(): TreeNode[] {
    // No rows: VS Code then shows the view's welcome content (Sign In / Try the Demo).
    return [];
  }

  protected async roots(api: GongApi, profile: string, signal?: AbortSignal): Promise<TreeNode[]> {
    const list = await this.workspaceList(profile, signal);
    return list.map(w => workspaceNode(this.viewId, w, undefined));
  }

  protected filterCounts(rows: TreeNode[], shown: TreeNode[]) { return countItems(rows, shown); }
}

/** A workspace row (also the top level of the Library view, with children there). */
export function workspaceNode(parentId: string, w: unknown, parent: TreeNode | undefined, children?: TreeNode['children'], hasLoadedMatch?: TreeNode['hasLoadedMatch']): TreeNode {
  const id = str(w, 'id') ?? '';
  const name = str(w, 'name') ?? id;
  const description = str(w, 'description');
  return {
    id: childId(parentId, 'ws', id),
    label: name,
    description: description || undefined,
    tooltip: `${name}\nWorkspace ${id}${description ? `\n${description}` : ''}`,
    icon: 'organization',
    contextValue: contextValue('gongItem', 'workspace'),
    collapsible: children ? 'collapsed' : 'none',
    parent,
    item: { kind: 'workspace', gongId: id, json: w },
    searchText: `${name} ${id} ${description ?? ''}`.toLowerCase(),
    children,
    hasLoadedMatch,
  };
}

/** A user's display name: first and last name, else the email. */
export function userName(u: unknown): string {
  const name = [str(u, 'firstName'), str(u, 'lastName')].filter(Boolean).join(' ').trim();
  return name || str(u, 'emailAddress') || str(u, 'id') || '(unnamed user)';
}

export class UsersModel extends ViewModel {
  protected override readonly sharedKeys: readonly string[] = [DataKeys.users];

  /** The paged users list of a profile (shared with other views that want names or emails). */
  usersSource(api: GongApi, profile: string): PagedSource<unknown> {
    return this.data.usersSource(profile);
  }

  /** The users loaded so far for the active profile (no network). */
  loadedUsers(): readonly unknown[] {
    const api = this.host.api();
    const profile = this.host.profile();
    return api && profile !== undefined ? this.usersSource(api, profile).items : [];
  }

  /**
   * Rows built for the loaded list: redraws and filters reuse them, and a new page builds only its
   * own rows (plus the earlier rows whose manager just arrived), not all 10,000 again.
   */
  private memo: {
    items: readonly unknown[];
    rows: TreeNode[];
    byId: Map<string, unknown>;
    /** Row indexes waiting for their manager (by manager id) to be loaded. */
    waiting: Map<string, number[]>;
  } | undefined;

  private buildRows(items: readonly unknown[]): TreeNode[] {
    const m = this.memo;
    const appended = m !== undefined && m.items.length <= items.length && m.items.length > 0
      && items[0] === m.items[0] && items[m.items.length - 1] === m.items[m.items.length - 1];
    const memo = appended && m ? m : { items, rows: [] as TreeNode[], byId: new Map<string, unknown>(), waiting: new Map<string, number[]>() };
    const start = memo.rows.length;
    const fresh: string[] = [];
    for (let i = start; i < items.length; i++) {
      const id = str(items[i], 'id');
      if (id) { memo.byId.set(id, items[i]); fresh.push(id); }
    }
    for (let i = start; i < items.length; i++) {
      const u = items[i];
      memo.rows.push(this.userNode(u, memo.byId));
      const managerId = str(u, 'managerId');
      if (managerId && !memo.byId.has(managerId)) {
        const list = memo.waiting.get(managerId);
        if (list) list.push(i); else memo.waiting.set(managerId, [i]);
      }
    }
    for (const id of fresh) {
      const list = memo.waiting.get(id);
      if (!list) continue;
      memo.waiting.delete(id);
      for (const i of list) if (i < start) memo.rows[i] = this.userNode(items[i], memo.byId);
    }
    memo.items = items;
    this.memo = memo;
    return memo.rows;
  }

  protected async roots(api: GongApi, profile: string, signal?: AbortSignal): Promise<TreeNode[]> {
    const source = this.usersSource(api, profile);
    await source.ensure(signal);
    const built = this.memo?.items === source.items ? this.memo.rows : this.buildRows(source.items);
    const rows = [...built];
    if (source.hasMore) rows.push(this.loadMoreRow(undefined, source));
    return rows;
  }

  private userNode(u: unknown, byId: Map<string, unknown>): TreeNode {
    const id = str(u, 'id') ?? '';
    const name = userName(u);
    const email = str(u, 'emailAddress');
    const title = str(u, 'title');
    const active = bool(u, 'active') !== false;
    const managerId = str(u, 'managerId');
    const manager = managerId ? byId.get(managerId) : undefined;
    const managerText = managerId ? (manager ? userName(manager) : `user ${managerId}`) : undefined;
    const managerTitle = manager ? str(manager, 'title') : undefined;
    const tip: RowTooltip = {
      title: name,
      fields: [
        ['Title', title],
        ['Manager', managerText && (managerTitle ? `${managerText}, ${managerTitle}` : managerText)],
        ['Email', email],
        ['Status', active ? 'Active' : 'Inactive'],
      ],
      footer: `User ${id}`,
    };
    return {
      id: childId(this.viewId, 'user', id),
      label: name,
      description: [email, title].filter(Boolean).join(' · ') || undefined,
      tooltip: tooltipText(tip),
      tip,
      icon: active ? 'person' : 'circle-slash',
      iconColor: active ? undefined : 'disabledForeground',
      contextValue: contextValue('gongItem', 'user', active ? 'active' : 'inactive'),
      collapsible: 'none',
      item: { kind: 'user', gongId: id, json: u },
      searchText: `${name} ${email ?? ''} ${title ?? ''} ${id} ${manager ? userName(manager) : ''}`.toLowerCase(),
    };
  }

  protected filterCounts(_rows: TreeNode[], shown: TreeNode[]) {
    return { shown: shown.filter(r => r.item).length, loaded: this.loadedUsers().length };
  }
}

export class TrackersModel extends ViewModel {
  protected override readonly sharedKeys: readonly string[] = [DataKeys.workspaces];

  protected async roots(api: GongApi, profile: string, signal?: AbortSignal): Promise<TreeNode[]> {
    const list = await this.data.list(profile, this.viewId, 'trackers').get(signal);
    // Gong lists every workspace's trackers, and workspaces often hold the same ones: with more
    // than one workspace the trackers sit under their workspace so identical rows can be told apart.
    const wsIds = [...new Set(list.map(t => str(t, 'workspaceId') ?? ''))];
    if (wsIds.length <= 1) return list.map(t => this.trackerNode(t));
    const workspaces = await this.groupingWorkspaces(profile, signal);
    const named = new Map(workspaces.map(w => [str(w, 'id') ?? '', w] as const));
    return wsIds.map(wsId => {
      const mine = list.filter(t => (str(t, 'workspaceId') ?? '') === wsId);
      const w = named.get(wsId) ?? { id: wsId, name: wsId ? `Workspace ${wsId}` : 'No workspace' };
      const base = workspaceNode(this.viewId, w, undefined,
        async () => mine.map(t => this.trackerNode(t, wsNode)),
        f => mine.some(t => this.trackerNode(t).searchText?.includes(f) ?? false));
      const wsNode: TreeNode = { ...base, description: `${mine.length} tracker${mine.length === 1 ? '' : 's'}`, collapsible: 'expanded' };
      return wsNode;
    });
  }

  private trackerNode(t: unknown, parent?: TreeNode): TreeNode {
    const id = str(t, 'trackerId') ?? str(t, 'id') ?? '';
    const name = str(t, 'trackerName') ?? str(t, 'name') ?? id;
    const keywords: Array<{ keyword: string; language: string }> = [];
    for (const lk of arr(t, 'languageKeywords')) {
      const language = str(lk, 'language') ?? '';
      for (const k of arr(lk, 'keywords')) if (typeof k === 'string') keywords.push({ keyword: k, language });
    }
    const nodeId = childId(this.viewId, 'tracker', id);
    const node: TreeNode = {
      id: nodeId,
      label: name,
      description: `${keywords.length} keyword${keywords.length === 1 ? '' : 's'}`,
      tooltip: `${name}\nTracker ${id}\nWorkspace ${str(t, 'workspaceId') ?? '-'}\nAffiliation: ${str(t, 'affiliation') ?? '-'}`,
      icon: 'telescope',
      contextValue: contextValue('gongItem', 'tracker'),
      collapsible: keywords.length > 0 ? 'collapsed' : 'none',
      parent,
      item: { kind: 'tracker', gongId: id, json: t },
      searchText: `${name} ${id} ${keywords.map(k => k.keyword).join(' ')}`.toLowerCase(),
      children: async () => keywords.map((k, i) => ({
        id: childId(nodeId, 'kw', `${k.language}:${i}`),
        label: k.keyword,
        description: k.language || undefined,
        icon: 'symbol-string',
        contextValue: 'keyword',
        collapsible: 'none' as const,
        parent: node,
      })),
    };
    return node;
  }

  protected filterCounts(rows: TreeNode[], shown: TreeNode[]) {
    if (!rows.some(r => r.item?.kind === 'workspace')) return countItems(rows, shown);
    // Grouped: count trackers, the rows the filter is about.
    const profile = this.host.profile();
    const list = profile !== undefined ? this.cache.get(profile, this.viewId, () => new OnceSource<unknown[]>(async () => [])).loaded ?? [] : [];
    const f = this.filter.toLowerCase();
    return { shown: list.filter(t => this.trackerNode(t).searchText?.includes(f)).length, loaded: list.length };
  }
}

export class ScorecardsModel extends ViewModel {
  protected async roots(api: GongApi, profile: string, signal?: AbortSignal): Promise<TreeNode[]> {
    const list = await this.data.list(profile, this.viewId, 'scorecards').get(signal);
    return list.map(c => this.scorecardNode(c));
  }

  private scorecardNode(c: unknown): TreeNode {
    const id = str(c, 'scorecardId') ?? str(c, 'id') ?? '';
    const name = str(c, 'scorecardName') ?? str(c, 'name') ?? id;
    const questions = arr(c, 'questions');
    const enabled = bool(c, 'enabled') !== false;
    const nodeId = childId(this.viewId, 'scorecard', id);
    const node: TreeNode = {
      id: nodeId,
      label: name,
      description: `${questions.length} question${questions.length === 1 ? '' : 's'}${enabled ? '' : ' · disabled'}`,
      tooltip: `${name}\nScorecard ${id}\nWorkspace ${str(c, 'workspaceId') ?? '-'}\n${enabled ? 'Enabled' : 'Disabled'}`,
      icon: 'checklist',
      iconColor: enabled ? undefined : 'disabledForeground',
      contextValue: contextValue('gongItem', 'scorecard', enabled ? 'enabled' : 'disabled'),
      collapsible: questions.length > 0 ? 'collapsed' : 'none',
      item: { kind: 'scorecard', gongId: id, json: c },
      searchText: `${name} ${id} ${questions.map(q => str(q, 'questionText') ?? '').join(' ')}`.toLowerCase(),
      children: async () => questions.map((q, i) => {
        const qid = str(q, 'questionId') ?? String(i);
        const text = str(q, 'questionText') ?? qid;
        return {
          id: childId(nodeId, 'question', qid),
          label: text,
          description: [str(q, 'questionType'), bool(q, 'isOverall') ? 'overall' : undefined].filter(Boolean).join(' · ') || undefined,
          tooltip: `${text}\nQuestion ${qid}`,
          icon: 'question',
          contextValue: contextValue('gongItem', 'question'),
          collapsible: 'none' as const,
          parent: node,
          item: { kind: 'question' as const, gongId: qid, json: q },
          searchText: text.toLowerCase(),
        };
      }),
    };
    return node;
  }

  protected filterCounts(rows: TreeNode[], shown: TreeNode[]) { return countItems(rows, shown); }
}
