/**
 * Engage Flows: Gong lists flows per owner email (`flowOwnerEmail` is required), so the view starts
 * with the owner row, then the owner's flow folders, then the flows in each, plus "All flows".
 */
import type { GongApi } from '../gong/types';
import { getData, pageOf, ViewModel } from './model';
import { childId, contextValue, str, type TreeNode } from './node';
import { PagedSource } from './sources';

/** A plausible email: what the owner prompt accepts. */
export function emailProblem(value: string): string | undefined {
  const v = value.trim();
  if (!v) return 'Enter an email address';
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) ? undefined : `"${v}" is not an email address`;
}

export class FlowsModel extends ViewModel {
  private owner: string | undefined;

  get ownerEmail(): string | undefined { return this.owner; }

  /** Sets whose flows are listed (the adapter remembers it per profile). */
  setOwnerEmail(email: string | undefined): void {
    this.owner = email?.trim() || undefined;
    this.fire(undefined);
  }

  protected async roots(api: GongApi, profile: string, signal?: AbortSignal): Promise<TreeNode[]> {
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
    const folders = this.cache.get(profile, `${this.viewId}/folders:${owner}`, () => new PagedSource<unknown>(async (cursor, s) => {
      const data = await getData(this.client(), { path: '/v2/flows/folders', query: { flowFolderOwnerEmail: owner, cursor } }, s);
      // Gong's live answer uses `flowsFolders`; its spec says `flows`.
      return pageOf(data, 'flowsFolders', 'flows');
    }, this.host.clock));
    await folders.ensure(signal);
    const all = folders.items;
    const ids = new Set(all.map(f => str(f, 'id')));
    const top = all.filter(f => { const p = str(f, 'parentFolderId'); return !p || !ids.has(p); });
    const rows: TreeNode[] = [ownerRow, ...top.map(f => this.folderNode(api, profile, owner, undefined, f, all, 0))];
    if (folders.hasMore) rows.push(this.loadMoreRow(undefined, folders));
    rows.push(this.flowsContainer(api, profile, owner, undefined, undefined, 'All flows'));
    return rows;
  }

  private folderNode(api: GongApi, profile: string, owner: string, parent: TreeNode | undefined, f: unknown, all: readonly unknown[], depth: number): TreeNode {
    const id = str(f, 'id') ?? '';
    const name = str(f, 'name') ?? id;
    const subs = depth < 20 ? all.filter(c => str(c, 'parentFolderId') === id) : [];
    // Sub-folders first, then the folder's own flows; `self` is the very object the view holds,
    // so a load-more under it redraws just this folder.
    let self: TreeNode | undefined;
    self = this.flowsContainer(api, profile, owner, parent, id, name, f, () => subs.map(sf => this.folderNode(api, profile, owner, self, sf, all, depth + 1)));
    return self;
  }

  /** A folder (or "All flows") whose children are the owner's flows in it, paged. */
  private flowsContainer(api: GongApi, profile: string, owner: string, parent: TreeNode | undefined, folderId: string | undefined, name: string, json?: unknown, subfolders?: () => TreeNode[]): TreeNode {
    const nodeId = childId(parent?.id ?? this.viewId, folderId ? 'folder' : 'all', folderId ?? owner);
    const source = this.cache.get(profile, `${nodeId}/flows`, () => new PagedSource<unknown>(async (cursor, s) => {
      const data = await getData(this.client(), { path: '/v2/flows', query: { flowOwnerEmail: owner, folderId, cursor } }, s);
      return pageOf(data, 'flows');
    }, this.host.clock));
    const node: TreeNode = {
      id: nodeId,
      label: name,
      description: folderId ? str(json, 'visibility') : 'every folder',
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
