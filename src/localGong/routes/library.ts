/** The public call library: the folder tree of a workspace and the calls saved in a folder. */

import type { LocalRequest, RouteContext, RouteDef } from '../contract';
import { LocalHttpError } from '../contract';
import { Rand } from '../ids';
import { bad, idString } from '../validate';
import { formatInZone, usersOfWorkspace } from '../world';

function folders(req: LocalRequest, ctx: RouteContext): { body: Record<string, unknown> } {
  const raw = req.query.get('workspaceId');
  let list = ctx.world.libraryFolders;
  if (raw !== null && raw !== '') {
    const ws = idString(raw, 'workspaceId');
    if (!ctx.world.workspaces.some(w => w.id === ws)) throw new LocalHttpError(404, [`Workspace ${ws} was not found`]);
    list = list.filter(f => f.workspaceId === ws);
  }
  // Gong documents a 404 for "nothing found" here rather than an empty list.
  if (list.length === 0) throw new LocalHttpError(404, ['No folders found for the specified period']);
  return { body: { folders: list.map(f => ({ id: f.id, name: f.name, parentFolderId: f.parentFolderId, createdBy: f.createdBy, updated: f.updated })) } };
}

const NOTES = ['Great example of uncovering the decision process.', 'Listen from the pricing question on.', 'Textbook objection handling.', 'Use in onboarding week 2.'];

function folderContent(req: LocalRequest, ctx: RouteContext): { body: Record<string, unknown> } {
  const raw = req.query.get('folderId');
  if (raw === null || raw === '') throw bad('folderId is required');
  const id = idString(raw, 'folderId');
  const folder = ctx.world.libraryFolders.find(f => f.id === id);
  if (folder === undefined) throw new LocalHttpError(404, [`Folder ${id} was not found`]);
  const calls = folder.callIds.flatMap(callId => {
    const call = ctx.world.callsById.get(callId);
    if (call === undefined) return [];
    const r = new Rand(ctx.world.rng(`library:${folder.id}:${callId}`));
    const adders = usersOfWorkspace(ctx.world, folder.workspaceId);
    const addedBy = folder.createdBy ?? (adders.length > 0 ? r.pick(adders).id : call.primaryUserId);
    const savedAt = Date.parse(call.started) + (call.duration + r.int(3600, 10 * 86_400)) * 1000;
    const item: Record<string, unknown> = {
      id: call.id,
      title: call.title,
      note: r.chance(0.6) ? r.pick(NOTES) : null,
      addedBy,
      created: formatInZone(Math.min(savedAt, ctx.world.generatedAt.getTime()), ctx.world.timeZone, 3),
      url: call.url,
    };
    if (r.chance(0.5) && call.duration > 60) {
      const fromSec = r.int(0, call.duration - 60);
      item.snippet = { fromSec, toSec: Math.min(call.duration, fromSec + r.int(30, 600)) };
    }
    return [item];
  });
  return { body: { id: folder.id, name: folder.name, createdBy: folder.createdBy, updated: folder.updated, calls } };
}

export const routes: RouteDef[] = [
  { method: 'GET', path: '/v2/library/folders', scope: 'api:library:read', handler: folders },
  { method: 'GET', path: '/v2/library/folder-content', scope: 'api:library:read', handler: folderContent },
];
