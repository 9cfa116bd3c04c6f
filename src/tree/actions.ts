/** What "Run Action..." on a row pre-fills: catalog action ids with the row's ids already in place. */
import type { NodeItem } from './node';

export interface ActionPrefill {
  /** What the choice reads like when a row offers several actions. */
  label: string;
  actionId: string;
  input: Record<string, unknown>;
}

/** The actions a row offers, most likely first. */
export function actionsFor(item: NodeItem): ActionPrefill[] {
  const id = item.gongId;
  switch (item.kind) {
    case 'user':
      return [
        { label: 'Settings history of this user', actionId: 'users.settingsHistory', input: { id } },
        { label: 'This user\'s details', actionId: 'users.get', input: { id } },
      ];
    case 'call':
    case 'libraryCall': {
      const callId = item.callId ?? id;
      return [
        { label: 'Transcript of this call', actionId: 'calls.transcript', input: { filter: { callIds: [callId] } } },
        { label: 'Who was given access to this call', actionId: 'calls.usersAccess.get', input: { filter: { callIds: [callId] } } },
        { label: 'Full details of this call', actionId: 'calls.extensive', input: { filter: { callIds: [callId] } } },
      ];
    }
    case 'folder':
      return [{ label: 'Calls in this folder', actionId: 'library.folderContent', input: { folderId: id } }];
    case 'workspace':
      return [
        { label: 'Library folders of this workspace', actionId: 'library.folders', input: { workspaceId: id } },
        { label: 'Trackers of this workspace', actionId: 'settings.trackers', input: { workspaceId: id } },
      ];
    case 'flow':
      return [
        { label: 'Prospects in flows (by CRM or instance ids)', actionId: 'flows.prospects', input: {} },
        { label: 'Assign prospects to this flow', actionId: 'flows.assign', input: { flowId: id } },
      ];
    case 'tracker':
      return [{ label: 'Tracker definitions', actionId: 'settings.trackers', input: {} }];
    case 'scorecard':
    case 'question':
      return [{ label: 'Scorecard definitions', actionId: 'settings.scorecards', input: {} }];
    case 'day': {
      const json = item.json as { callIds?: unknown };
      const callIds = Array.isArray(json.callIds) ? json.callIds.filter((x): x is string => typeof x === 'string').slice(0, 100) : [];
      return callIds.length > 0 ? [{ label: 'Transcripts of this day\'s loaded calls', actionId: 'calls.transcript', input: { filter: { callIds } } }] : [];
    }
    default:
      return [];
  }
}
