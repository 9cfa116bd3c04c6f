import * as vscode from 'vscode';
import { withPriority } from '../gong/scheduler';
import type { Logger } from './logger';

/** Every command id the extension contributes, in one place (package.json is checked against it by a unit test). */
export const Commands = {
  signIn: 'gongExplorer.auth.signIn',
  signOut: 'gongExplorer.auth.signOut',
  switchProfile: 'gongExplorer.auth.switchProfile',
  statusMenu: 'gongExplorer.auth.statusMenu',
  demoStart: 'gongExplorer.demo.start',
  runAction: 'gongExplorer.actions.run',
  /** Args: (uri?: Uri | string). Sends the input in an "Edit as JSON" editor (the active one by default). */
  runActionJson: 'gongExplorer.actions.runJson',
  /** Args: (prefill?: { actionId?: string; input?: Record<string, unknown> }). Opens the input as JSON to edit and send. */
  editActionJson: 'gongExplorer.actions.editJson',
  runRecentAction: 'gongExplorer.actions.runRecent',
  /** Args: (run?: { actionId: string; input: Record<string, unknown> }). Copies a run as curl (a recent run is picked when omitted). */
  copyActionCurl: 'gongExplorer.actions.copyCurl',
  /** Args: (resultUri?: string). Next page / every page of a paged result document. */
  nextResultPage: 'gongExplorer.actions.nextPage',
  fetchAllResults: 'gongExplorer.actions.fetchAll',
  showLog: 'gongExplorer.log.show',
  /** Drops the rows kept for every profile, in memory and on disk; the views fetch again. */
  clearCache: 'gongExplorer.cache.clear',
  /** Opens the Get Started walkthrough (contributes.walkthroughs). */
  openWalkthrough: 'gongExplorer.walkthrough.open',
  /** Args: (callId: string). Opens (or reveals) the call details panel. */
  showCallDetails: 'gongExplorer.call.showDetails',
  /** Args: (callId: string | string[]). Opens the transcript panel(s); many ids are fetched in batches of 100. */
  openTranscript: 'gongExplorer.call.openTranscript',
  // Sidebar trees. Row commands take the clicked TreeNode (src/tree/node.ts).
  /** Args: (node). Clicks a special row: load more, retry, sign in, clear filter, change range/owner. */
  activateRow: 'gongExplorer.views.activateRow',
  itemRefresh: 'gongExplorer.item.refresh',
  itemCopyId: 'gongExplorer.item.copyId',
  itemCopyJson: 'gongExplorer.item.copyJson',
  itemOpenInGong: 'gongExplorer.item.openInGong',
  itemShowDetails: 'gongExplorer.item.showDetails',
  itemRunAction: 'gongExplorer.item.runAction',
  callsSetRange: 'gongExplorer.calls.setRange',
  flowsSetOwner: 'gongExplorer.flows.setOwner',
  workspacesRefresh: 'gongExplorer.workspaces.refresh',
  workspacesFilter: 'gongExplorer.workspaces.filter',
  workspacesClearFilter: 'gongExplorer.workspaces.clearFilter',
  usersRefresh: 'gongExplorer.users.refresh',
  usersFilter: 'gongExplorer.users.filter',
  usersClearFilter: 'gongExplorer.users.clearFilter',
  libraryRefresh: 'gongExplorer.library.refresh',
  libraryFilter: 'gongExplorer.library.filter',
  libraryClearFilter: 'gongExplorer.library.clearFilter',
  callsRefresh: 'gongExplorer.calls.refresh',
  callsFilter: 'gongExplorer.calls.filter',
  callsClearFilter: 'gongExplorer.calls.clearFilter',
  flowsRefresh: 'gongExplorer.flows.refresh',
  flowsFilter: 'gongExplorer.flows.filter',
  flowsClearFilter: 'gongExplorer.flows.clearFilter',
  trackersRefresh: 'gongExplorer.trackers.refresh',
  trackersFilter: 'gongExplorer.trackers.filter',
  trackersClearFilter: 'gongExplorer.trackers.clearFilter',
  scorecardsRefresh: 'gongExplorer.scorecards.refresh',
  scorecardsFilter: 'gongExplorer.scorecards.filter',
  scorecardsClearFilter: 'gongExplorer.scorecards.clearFilter',
  /**
   * Args: (scope row or { scope, query }?, selected rows?). Searches the transcripts of a scope (a day
   * row, a Library folder, call rows, or a picked range/workspace), fetching what is not stored.
   */
  searchCalls: 'gongExplorer.search.calls',
  /** Args: (format?: 'csv' | 'markdown', path?: string). Exports the Search view's results. */
  searchExport: 'gongExplorer.search.export',
  /** Shows the transcript store of each profile and clears one. */
  searchStore: 'gongExplorer.search.store',
  /** Resumes a fetch that a window reload interrupted. */
  searchResume: 'gongExplorer.search.resume',
  /** Args: (Search view row). Shows 20 more calls of the current search. */
  searchMore: 'gongExplorer.search.more',
  /** Args: (hit row). Opens the transcript at the hit, the matched words in its search box. */
  searchOpenHit: 'gongExplorer.search.openHit',
  /** Args: (prefill?: { actionId?: string; input?: Record<string, unknown> }). */
  // runAction above takes the same prefill argument.
} as const;

/** Thrown (or rejected) when the user cancelled: commands end silently. */
export class UserCancelled extends Error {
  constructor() { super('Cancelled'); }
  static is(e: unknown): e is UserCancelled { return e instanceof UserCancelled || (e instanceof Error && e.name === 'AbortError'); }
}

/**
 * Registers a command and pushes its disposable into the extension's subscriptions. A user cancel
 * ends silently; any other error is logged and shown once. A command is something a person asked
 * for, so the Gong requests it causes go ahead of what views load by themselves.
 */
export function registerCommand(
  context: vscode.ExtensionContext,
  log: Logger,
  id: string,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each handler declares its own argument types
  handler: (...args: any[]) => unknown,
): void {
  context.subscriptions.push(vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await withPriority('interactive', () => handler(...args));
    } catch (e) {
      if (UserCancelled.is(e)) return undefined;
      const message = e instanceof Error ? e.message : String(e);
      log.error(`${id}: ${message}`);
      void vscode.window.showErrorMessage(message);
      return undefined;
    }
  }));
}
