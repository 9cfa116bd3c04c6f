/** The sidebar's pure tree models: one per view, sharing a per-profile cache of directory data. */
import { CallsModel } from './calls';
import { ScorecardsModel, TrackersModel, UsersModel, WorkspacesModel } from './directoryViews';
import { FlowsModel } from './flows';
import { LibraryModel } from './library';
import type { TreeHost, ViewModel } from './model';
import type { TreeNode } from './node';
import { GongData } from '../data/index';

export { CallsModel, customRange, presetRange, rangeLabel, rangeDays, dayOf, MAX_DAYS } from './calls';
export type { CallsRange, RangePreset, RangeDay } from './calls';
export { ScorecardsModel, TrackersModel, UsersModel, WorkspacesModel, userName } from './directoryViews';
export { FlowsModel, emailProblem } from './flows';
export { LibraryModel } from './library';
export { ViewModel } from './model';
export { pageOf } from '../data/index';
export type { ChangeListener, TreeHost } from './model';
export * from './node';
export { OnceSource, PagedSource, SourceCache } from '../data/index';
export type { Page, Source } from '../data/index';
export type { Failure, FailureKind } from '../gong/failure';
export { actionsFor } from './actions';
export type { ActionPrefill } from './actions';

/** The view ids, as declared in package.json. */
export const ViewIds = {
  workspaces: 'gongExplorer.workspaces',
  users: 'gongExplorer.users',
  library: 'gongExplorer.library',
  calls: 'gongExplorer.calls',
  flows: 'gongExplorer.flows',
  trackers: 'gongExplorer.trackers',
  scorecards: 'gongExplorer.scorecards',
} as const;

export type ViewKey = keyof typeof ViewIds;

export interface TreeModels {
  workspaces: WorkspacesModel;
  users: UsersModel;
  library: LibraryModel;
  calls: CallsModel;
  flows: FlowsModel;
  trackers: TrackersModel;
  scorecards: ScorecardsModel;
}

/** Builds every view model over one host and the one data layer (its own when none is given). */
export function createTreeModels(host: TreeHost, data = new GongData(host)): { models: TreeModels; data: GongData; all: ViewModel[] } {
  const models: TreeModels = {
    workspaces: new WorkspacesModel(ViewIds.workspaces, host, data),
    users: new UsersModel(ViewIds.users, host, data),
    library: new LibraryModel(ViewIds.library, host, data),
    calls: new CallsModel(ViewIds.calls, host, data),
    flows: new FlowsModel(ViewIds.flows, host, data),
    trackers: new TrackersModel(ViewIds.trackers, host, data),
    scorecards: new ScorecardsModel(ViewIds.scorecards, host, data),
  };
  return { models, data, all: Object.values(models) as ViewModel[] };
}

/**
 * What the extension exposes of its trees (through `services.views`) so integration tests read the
 * same rows VS Code shows, without scraping the page.
 */
export interface TreeAccess {
  readonly models: TreeModels;
  /** The rows of a node (or the roots) of a view once loaded. */
  getChildren(view: ViewKey, node?: TreeNode): Promise<TreeNode[]>;
  /** What VS Code gets when it asks now: a "Loading..." row when the roots take a while. */
  shownChildren(view: ViewKey, node?: TreeNode): Promise<TreeNode[]>;
  /** Runs a row's click action (load more, retry, clear filter...) as a click in the view would. */
  activate(view: ViewKey, node: TreeNode): Promise<void>;
}
