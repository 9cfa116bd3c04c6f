/**
 * Engage Flows: Gong lists flows per owner email (`flowOwnerEmail` is required), so the view starts
 * with the owner row, then the owner's flow folders, then the flows in each, plus "All flows".
 */
import type { GongApi } from '../gong/types';
import { ViewModel } from './model';
import { childId, contextValue, str, type TreeNode } from './node';
import { DataKeys, PagedSource } from '../data/index';
import { workspaceNode } from './directoryViews';

/** A plausible email: what the owner prompt accepts. */
export function emailProblem(value: string): string | undefined {
  const v = value.trim();
  if (!v) return 'Enter an email address';
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) ? undefined : `"${v}" is not an email address`;
}

export class FlowsModel extends ViewModel {
  protected override readonly sharedKeys: readonly string[] = [DataKeys.workspaces];

  private owner: string | undefined;

  get ownerEmail(): string | undefined { return this.owner; }

  /** Sets whose flows are listed (the adapter remembers it per profile). */
  setOwnerEmail(email: string | undefined): void {
    this.owner = email?.trim() || undefined;
    this.fire(undefined);
  }

  protected async roots(_api: GongApi, profile: string, signal?: AbortSignal): Promise<TreeNode[]> {
    const ownerRow: TreeNode = {
      id: `${this.viewId}/owner`,
      label: this.owner ? `Owner: ${this.owner}` : 'Choose the flow owner...',
      description: this.owner ? 'click to change' : 'Gong lists Engage flows per owner email',
      tooltip: 'Gong lists Engage flows and flow folders for one owner (flowOwnerEmail). Click to choose whose flows to show.',
      icon: 'account',
      contextValue: 'ownerRow',
      collapsible: 'none',
      action: { kind: 'prompt', what: 'flowOwner' },
    };
    const owner = this.owner;
    if (!owner) return [ownerRow];
    // An owner in several workspaces has flows (often the same ones) in each: Gong lists them all
    // with nothing saying which workspace holds which, so with more than one workspace each
    // workspace gets its own row and its own requests (workspaceId).
    const workspaces = await this.groupingWorkspaces(profile, signal);
    if (workspaces.length <= 1) return [ownerRow, ...await this.ownerRows(profile, owner, undefined, undefined, signal)];
    return [ownerRow, ...workspaces.map(w => {
      const wsId = str(w, 'id') ?? '';
      const base = workspaceNode(this.viewId, w, undefined,
        async s => this.ownerRows(profile, owner, wsId, wsNode, s),
        f => this.cache.sources(profile, childId(this.viewId, 'ws', wsId)).some(src => src instanceof PagedSource
          && src.items.some(x => `${str(x, 'name') ?? ''} ${str(x, 'id') ?? ''}`.toLowerCase().includes(f))));
      const wsNode: TreeNode = { ...base, collapsible: 'expanded' };
      return wsNode;
    })];
  }

  /** The owner's folders (as a tree) and "All flows", in one workspace or in all of them. */
  private async ownerRows(profile: string, owner: string, workspaceId: string | undefined, parent: TreeNode | undefined, signal?: AbortSignal): Promise<TreeNode[]> {
    const baseId = parent?.id ?? this.viewId;
    // Gong's live answer uses `flowsFolders`; its spec says `flows`.
    const folders = this.data.paged(profile, `${baseId}/folders:${owner}`, 'flowFolders', { flowFolderOwnerEmail: owner, workspaceId }, 'flows');
    await folders.ensure(signal);
    const all = folders.items;
    const ids = new Set(all.map(f => str(f, 'id')));
    const top = all.filter(f => { const p = str(f, 'parentFolderId'); return !p || !ids.has(p); });
    const rows: TreeNode[] = top.map(f => this.folderNode(profile, owner, workspaceId, parent, f, all, 0));
    if (folders.hasMore) rows.push(this.loadMoreRow(parent, folders));
    rows.push(this.flowsContainer(profile, owner, workspaceId, parent, undefined, 'All flows'));
    return rows;
  }

  private folderNode(profile: string, owner: string, workspaceId: string | undefined, parent: TreeNode | undefined, f: unknown, all: readonly unknown[], depth: number): TreeNode {
    const id = str(f, 'id') ?? '';
    const name = str(f, 'name') ?? id;
    const subs = depth < 20 ? all.filter(c => str(c, 'parentFolderId') === id) : [];
    // Sub-folders first, then the folder's own flows; `self` is the very object the view holds,
    // so a load-more under it redraws just this folder.
    const self: TreeNode = this.flowsContainer(profile, owner, workspaceId, parent, id, name, f, () => subs.map(sf => this.folderNode(profile, owner, workspaceId, self, sf, all, depth + 1)));
    return self;
  }

  /** A folder (or "All flows") whose children are the owner's flows in it, paged. */
  private flowsContainer(profile: string, owner: string, workspaceId: string | undefined, parent: TreeNode | undefined, folderId: string | undefined, name: string, json?: unknown, subfolders?: () => TreeNode[]): TreeNode {
    const nodeId = childId(parent?.id ?? this.viewId, folderId ? 'folder' : 'all', folderId ?? owner);
    const source = this.data.paged(profile, `${nodeId}/flows`, 'flows', { flowOwnerEmail: owner, workspaceId, folderId });
    const node: TreeNode = {
      id: nodeId,
      label: name,
      description: folderId ? str(json, 'visibility') : workspaceId ? 'every folder of this workspace' : 'every folder',
      tooltip: folderId ? `${name}\nFlow folder ${folderId}` : `Every flow of ${owner}`,
      icon: folderId ? 'folder' : 'list-flat',
      contextValue: folderId ? contextValue('gongItem', 'flowFolder') : 'allFlows',
      collapsible: 'collapsed',
      parent,
      item: folderId ? { kind: 'flowFolder', gongId: folderId, json } : undefined,
      searchText: `${name} ${folderId ?? ''}`.toLowerCase(),
      hasLoadedMatch: f => source.items.some(fl => `${str(fl, 'name') ?? ''} ${str(fl, 'id') ?? ''}`.toLowerCase().includes(f)),
      children: async s => {
        await source.ensure(s);
        // Some servers ignore folderId; keep only the folder's own flows.
        const items = folderId ? source.items.filter(fl => { const fid = str(fl, 'folderId'); return !fid || fid === folderId; }) : source.items;
        const rows = [...(subfolders?.() ?? []), ...items.map(fl => this.flowNode(node, fl))];
        if (source.hasMore) rows.push(this.loadMoreRow(node, source));
        return rows;
      },
    };
    return node;
  }

  private flowNode(parent: TreeNode, fl: unknown): TreeNode {
    const id = str(fl, 'id') ?? '';
    const name = str(fl, 'name') ?? id;
    const visibility = str(fl, 'visibility');
    const folderName = str(fl, 'folderName');
    return {
      id: childId(parent.id, 'flow', id),
      label: name,
      description: [visibility, parent.item ? undefined : folderName].filter(Boolean).join(' · ') || undefined,
      tooltip: [name, `Flow ${id}`, folderName ? `Folder: ${folderName}` : undefined, visibility, str(fl, 'creationDate')].filter(Boolean).join('\n'),
      icon: 'type-hierarchy-sub',
      contextValue: contextValue('gongItem', 'flow'),
      collapsible: 'none',
      parent,
      item: { kind: 'flow', gongId: id, json: fl },
      searchText: `${name} ${id}`.toLowerCase(),
    };
  }

  protected filterCounts(rows: TreeNode[], shown: TreeNode[]) {
    return { shown: shown.filter(r => r.item).length, loaded: rows.filter(r => r.item).length };
  }
}
