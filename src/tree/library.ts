/** Library: workspaces, then public folders and sub-folders, then the calls saved in each folder. */
import type { GongApi } from '../gong/types';
import { workspaceNode } from './directoryViews';
import { ViewModel } from './model';
import { arr, childId, contextValue, str, tooltipText, type RowTooltip, type TreeNode } from './node';
import { DataKeys, type OnceSource } from '../data/index';

interface Folder { id: string; name: string; parentFolderId: string | undefined; json: unknown }

export class LibraryModel extends ViewModel {
  protected override readonly sharedKeys: readonly string[] = [DataKeys.workspaces];

  protected async roots(api: GongApi, profile: string, signal?: AbortSignal): Promise<TreeNode[]> {
    const workspaces = await this.workspaceList(profile, signal);
    return workspaces.map(w => {
      const wsId = str(w, 'id') ?? '';
      const nodeId = childId(this.viewId, 'ws', wsId);
      const folders = () => this.data.once<Folder[]>(profile, nodeId, 'libraryFolders', { workspaceId: wsId },
        data => arr(data, 'folders').map(f => ({ id: str(f, 'id') ?? '', name: str(f, 'name') ?? '', parentFolderId: str(f, 'parentFolderId'), json: f })));
      const children = async (s?: AbortSignal) => {
        const list = await folders().get(s);
        const ids = new Set(list.map(f => f.id));
        // A folder whose parent is not listed (private or archived parent) is shown at the top.
        return list.filter(f => !f.parentFolderId || !ids.has(f.parentFolderId)).map(f => this.folderNode(api, profile, self, f, list));
      };
      const hasLoadedMatch = (filter: string) => {
        const all = folders().loaded ?? [];
        const ids = new Set(all.map(f => f.id));
        return all.filter(f => !f.parentFolderId || !ids.has(f.parentFolderId)).some(f => this.folderMatches(profile, nodeId, f, all, filter));
      };
      const self: TreeNode = workspaceNode(this.viewId, w, undefined, children, hasLoadedMatch);
      return self;
    });
  }

  private contentSource(api: GongApi, profile: string, nodeId: string, folderId: string): OnceSource<unknown> {
    return this.data.once<unknown>(profile, `${nodeId}/content`, 'folderContent', { folderId }, data => data);
  }

  /** Whether a folder, a loaded sub-folder, or a loaded call in them matches (no network). */
  private folderMatches(profile: string, parentId: string, f: Folder, all: Folder[], filter: string, depth = 0): boolean {
    if (depth > 50) return false;
    if (`${f.name} ${f.id}`.toLowerCase().includes(filter)) return true;
    const nodeId = childId(parentId, 'folder', f.id);
    const api = this.host.api();
    if (api) {
      const content = this.contentSource(api, profile, nodeId, f.id).loaded;
      if (arr(content, 'calls').some(c => `${str(c, 'title') ?? ''} ${str(c, 'id') ?? ''} ${str(c, 'note') ?? ''}`.toLowerCase().includes(filter))) return true;
    }
    return all.filter(c => c.parentFolderId === f.id).some(c => this.folderMatches(profile, nodeId, c, all, filter, depth + 1));
  }

  private folderNode(api: GongApi, profile: string, parent: TreeNode | undefined, f: Folder, all: Folder[]): TreeNode {
    const parentId = parent?.id ?? this.viewId;
    const nodeId = childId(parentId, 'folder', f.id);
    const subfolders = all.filter(c => c.parentFolderId === f.id);
    const content = this.contentSource(api, profile, nodeId, f.id);
    const node: TreeNode = {
      id: nodeId,
      label: f.name || f.id,
      description: content.loaded ? `${arr(content.loaded, 'calls').length} calls` : undefined,
      tooltip: `${f.name}\nFolder ${f.id}`,
      icon: 'folder-library',
      contextValue: contextValue('gongItem', 'folder'),
      collapsible: 'collapsed',
      parent,
      item: { kind: 'folder', gongId: f.id, json: f.json },
      searchText: `${f.name} ${f.id}`.toLowerCase(),
      hasLoadedMatch: filter => this.folderMatches(profile, parentId, f, all, filter),
      children: async s => {
        const data = await content.get(s);
        const calls = arr(data, 'calls').map(c => this.libraryCallNode(node, c));
        return [...subfolders.map(sf => this.folderNode(api, profile, node, sf, all)), ...calls];
      },
    };
    return node;
  }

  private libraryCallNode(parent: TreeNode, c: unknown): TreeNode {
    const id = str(c, 'id') ?? '';
    const title = str(c, 'title') ?? id;
    const note = str(c, 'note');
    const url = str(c, 'url');
    const snippet = (c as { snippet?: unknown }).snippet;
    const from = typeof snippet === 'object' && snippet !== null ? (snippet as Record<string, unknown>).fromSec : undefined;
    const to = typeof snippet === 'object' && snippet !== null ? (snippet as Record<string, unknown>).toSec : undefined;
    const clip = typeof from === 'number' && typeof to === 'number' ? `clip ${clock(from)}-${clock(to)}` : undefined;
    const tip: RowTooltip = {
      title,
      fields: [['Clip', clip && clip.slice(5)], ['Added to the folder', str(c, 'created')?.slice(0, 10)]],
      body: note,
      footer: `Library call ${id}`,
    };
    return {
      id: childId(parent.id, 'call', id),
      label: title,
      description: [clip, note].filter(Boolean).join(' · ') || undefined,
      tooltip: tooltipText(tip),
      tip,
      icon: 'play-circle',
      contextValue: contextValue('gongItem', 'call', 'libraryCall', url ? 'hasUrl' : undefined),
      collapsible: 'none',
      parent,
      item: { kind: 'libraryCall', gongId: id, json: c, url, callId: id },
      searchText: `${title} ${id} ${note ?? ''}`.toLowerCase(),
    };
  }

  protected filterCounts(rows: TreeNode[], shown: TreeNode[]) {
    return { shown: shown.filter(r => r.item).length, loaded: rows.filter(r => r.item).length };
  }
}

/** Seconds as m:ss. */
function clock(sec: number): string {
  const m = Math.floor(sec / 60);
  const s = Math.floor(sec % 60);
  return `${m}:${String(s).padStart(2, '0')}`;
}
