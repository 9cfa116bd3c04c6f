/**
 * The thin VS Code adapter over the pure tree models in src/tree: TreeDataProviders, the view and
 * row commands (refresh, filter, load more, copy, open, details, run action), and the read-only
 * JSON documents for Show Details.
 */
import * as vscode from 'vscode';
import { stringifyJson } from '../gong/json';
import { classify, failureLine } from '../gong/failure';
import { sharedScheduler, withPriority, type RequestPriority } from '../gong/scheduler';
import { Commands, UserCancelled, registerCommand } from '../platform/commands';
import type { Services } from '../platform/services';
import { StateKeys } from '../auth/profiles';
import { DESCRIPTION_MAX, LABEL_MAX, boundedTooltip, gongLink, oneLine } from '../shared/safeText';
import {
  ViewIds, actionsFor, createTreeModels, customRange, emailProblem, presetRange, str, tooltipMarkdown, userName,
  type RowTooltip, type TreeAccess, type TreeHost, type TreeModels, type TreeNode, type ViewKey, type ViewModel,
} from '../tree/index';

const DETAILS_SCHEME = 'gong-item';

/** Roots that take longer than this show a "Loading..." row first (cached rows come well within it). */
const LOADING_AFTER_MS = 150;

/** A hover card as a MarkdownString that runs no command links and renders no HTML; Gong text is escaped. */
function markdownTooltip(tip: RowTooltip): vscode.MarkdownString {
  const md = new vscode.MarkdownString(tooltipMarkdown(tip), false);
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}

/** A plain tooltip from Gong text: bounded, direction controls as markers, long runs breakable. */
const plainTooltip = (text: string | undefined): string | undefined => (text === undefined ? undefined : boundedTooltip(text));

/** Maps one view model onto VS Code's tree API. */
class ModelProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  /** The element objects VS Code holds, by id: refreshes must name those very objects. */
  private readonly byId = new Map<string, TreeNode>();
  private readonly unsubscribe: () => void;

  /** Told once, when the view first answers VS Code with rows that are not "Loading...". */
  firstRows?: (rows: readonly TreeNode[], askedAt: number) => void;
  /** performance.now() when VS Code first asked for the roots. */
  private firstAsked: number | undefined;

  constructor(readonly model: ViewModel, private readonly onChanged: () => void) {
    this.unsubscribe = model.onDidChange(node => {
      // The roots changed (a refresh, a filter, a sign-in, fresh data): rows that arrived for an
      // earlier load and were never asked for (the view was hidden) are out of date; load again.
      if (!node) this.arrived = undefined;
      const known = node ? this.byId.get(node.id) : undefined;
      this.emitter.fire(known ?? (node && this.byId.has(node.id) ? node : undefined));
      this.onChanged();
    });
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const state = node.collapsible === 'none' ? vscode.TreeItemCollapsibleState.None
      : node.collapsible === 'expanded' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
    // Text from Gong is bounded and its direction controls shown as markers ([RLO]) in every row.
    const item = new vscode.TreeItem(oneLine(node.label, LABEL_MAX), state);
    item.id = node.id;
    item.description = node.description === undefined ? undefined : oneLine(node.description, DESCRIPTION_MAX);
    // VS Code asks resolveTreeItem on hover only for a tooltip left undefined here.
    if (!node.resolveTip) item.tooltip = node.tip ? markdownTooltip(node.tip) : plainTooltip(node.tooltip);
    item.contextValue = node.contextValue;
    if (node.icon) item.iconPath = new vscode.ThemeIcon(node.icon, node.iconColor ? new vscode.ThemeColor(node.iconColor) : undefined);
    if (node.action) item.command = { command: Commands.activateRow, title: oneLine(node.label, LABEL_MAX), arguments: [node] };
    else if (node.item?.callId) item.command = { command: Commands.itemShowDetails, title: 'Show Details', arguments: [node] };
    return item;
  }

  /** Set by a session change: the next root load shows the view's progress bar. */
  showProgress: string | undefined;
  /** The view on screen (VS Code asks for roots of visible views only, but a refresh can come while hidden). */
  visible = false;
  /** Set when the person opened this view while others were on screen: its next root load goes first. */
  openedByPerson = false;

  /** Roots that arrived after a "Loading..." row was shown, for VS Code's next ask; with the load's number. */
  private arrived: { rows: TreeNode[]; load: number } | undefined;
  private rootLoads = 0;

  /**
   * What VS Code shows: roots that take longer than LOADING_AFTER_MS show a "Loading..." row at
   * once (never the rows of the previous session or state), and the view redraws when they come.
   */
  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node) return this.rows(node);
    this.firstAsked ??= performance.now();
    const roots = await this.roots();
    if (this.firstRows && roots[0]?.contextValue !== 'loadingRow') { this.firstRows(roots, this.firstAsked); this.firstRows = undefined; }
    return roots;
  }

  private async roots(): Promise<TreeNode[]> {
    if (this.arrived) {
      const { rows } = this.arrived;
      this.arrived = undefined;
      this.byId.clear();
      for (const r of rows) this.byId.set(r.id, r);
      return rows;
    }
    const load = ++this.rootLoads;
    const pending = this.rows();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const quick = await Promise.race([pending, new Promise<undefined>(r => { timer = setTimeout(() => r(undefined), LOADING_AFTER_MS); })]);
    clearTimeout(timer);
    if (quick) return quick;
    void pending.then(rows => {
      // A newer load of the roots has started since: its own answer will redraw.
      if (load !== this.rootLoads) return;
      this.arrived = { rows, load };
      this.emitter.fire(undefined);
    });
    this.byId.clear();
    return [this.model.loadingRow()];
  }

  /** The rows of a node (or the roots) once loaded: what tests read and what getChildren waits for. */
  async rows(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) this.byId.clear();
    const viewId = !node ? this.showProgress : undefined;
    if (!node) this.showProgress = undefined;
    // Expanding a row is a click; roots of a view on screen come next; a hidden view's refresh waits.
    const priority: RequestPriority = node || this.openedByPerson ? 'interactive' : this.visible ? 'visible' : 'background';
    if (!node) this.openedByPerson = false;
    const load = () => withPriority(priority, () => this.model.getChildren(node), this.model.viewId);
    // After a session change the view's progress bar runs too, under the "Loading..." row.
    const rows = viewId
      ? await vscode.window.withProgress({ location: { viewId } }, load)
      : await load();
    for (const r of rows) this.byId.set(r.id, r);
    // A first load sets the data's age ("updated just now") in the view's title bar.
    this.onChanged();
    return rows;
  }

  getParent(node: TreeNode): TreeNode | undefined { return node.parent; }

  /** On hover: the fuller card (a call's parties and brief), one request for up to 100 calls of its day. */
  async resolveTreeItem(item: vscode.TreeItem, node: TreeNode, token: vscode.CancellationToken): Promise<vscode.TreeItem> {
    if (!node.resolveTip) return item;
    const controller = new AbortController();
    const sub = token.onCancellationRequested(() => controller.abort());
    const known = node.tip ? markdownTooltip(node.tip) : plainTooltip(node.tooltip);
    try {
      const tip = await withPriority('interactive', () => node.resolveTip?.(controller.signal), this.model.viewId);
      item.tooltip = tip ? markdownTooltip(tip) : known;
    } catch {
      // No scope for call details, offline, cancelled: the card the list row knew.
      item.tooltip = known;
    } finally {
      sub.dispose();
    }
    return item;
  }

  dispose(): void {
    this.unsubscribe();
    this.emitter.dispose();
  }
}

/** Read-only documents for Show Details: the object exactly as Gong returned it. */
class DetailsDocuments implements vscode.TextDocumentContentProvider {
  private readonly docs = new Map<string, string>();
  private readonly order: string[] = [];

  open(kind: string, id: string, json: unknown): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: DETAILS_SCHEME, path: `/${kind}/${id}.json` });
    const key = uri.toString();
    if (!this.docs.has(key)) this.order.push(key);
    this.docs.set(key, stringifyJson(json, 2));
    // Keep memory bounded: the oldest documents are dropped after 200.
    while (this.order.length > 200) this.docs.delete(this.order.shift() as string);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.docs.get(uri.toString()) ?? '// This document is no longer available; use Show Details again.';
  }
}

const perView: Array<{ key: ViewKey; refresh: string; filter: string; clear: string; noun: string }> = [
  { key: 'workspaces', refresh: Commands.workspacesRefresh, filter: Commands.workspacesFilter, clear: Commands.workspacesClearFilter, noun: 'workspaces' },
  { key: 'users', refresh: Commands.usersRefresh, filter: Commands.usersFilter, clear: Commands.usersClearFilter, noun: 'users (name, email, title)' },
  { key: 'library', refresh: Commands.libraryRefresh, filter: Commands.libraryFilter, clear: Commands.libraryClearFilter, noun: 'folders and calls' },
  { key: 'calls', refresh: Commands.callsRefresh, filter: Commands.callsFilter, clear: Commands.callsClearFilter, noun: 'calls (title or id)' },
  { key: 'flows', refresh: Commands.flowsRefresh, filter: Commands.flowsFilter, clear: Commands.flowsClearFilter, noun: 'flow folders and flows' },
  { key: 'trackers', refresh: Commands.trackersRefresh, filter: Commands.trackersFilter, clear: Commands.trackersClearFilter, noun: 'trackers and keywords' },
  { key: 'scorecards', refresh: Commands.scorecardsRefresh, filter: Commands.scorecardsFilter, clear: Commands.scorecardsClearFilter, noun: 'scorecards and questions' },
];

function viewKeyOf(node: TreeNode): ViewKey | undefined {
  for (const [k, id] of Object.entries(ViewIds)) if (node.id === id || node.id.startsWith(`${id}/`)) return k as ViewKey;
  return undefined;
}

export function registerViews(services: Services): void {
  const { context, session, log } = services;
  const host: TreeHost = {
    api: () => session.api(),
    profile: () => session.active?.name,
    authFailed: () => session.authFailed,
    reportAuthFailure: () => session.reportAuthFailure(),
  };
  const registeredAt = performance.now();
  const { models, data } = createTreeModels(host, services.data);
  const details = new DetailsDocuments();
  context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(DETAILS_SCHEME, details));

  const providers = new Map<ViewKey, ModelProvider>();
  const treeViews = new Map<ViewKey, vscode.TreeView<TreeNode>>();
  const filtered = new Set<string>();
  const updateDescriptions = () => {
    for (const [key, view] of treeViews) view.description = models[key].description();
  };
  const updateFilterContext = () => {
    filtered.clear();
    for (const key of Object.keys(ViewIds) as ViewKey[]) if (models[key].filter) filtered.add(ViewIds[key]);
    void vscode.commands.executeCommand('setContext', 'gongExplorer:filteredViews', [...filtered]);
  };
  for (const key of Object.keys(ViewIds) as ViewKey[]) {
    const provider = new ModelProvider(models[key], () => { updateDescriptions(); });
    const view = vscode.window.createTreeView(ViewIds[key], {
      treeDataProvider: provider,
      showCollapseAll: key === 'library' || key === 'calls' || key === 'flows' || key === 'trackers' || key === 'scorecards',
    });
    providers.set(key, provider);
    // One line per view and activation: how long its first rows took, and whether the view cache gave them.
    provider.firstRows = (rows, askedAt) => log.info(`${key}: first ${rows.length} rows ${(performance.now() - askedAt).toFixed(0)} ms after VS Code asked (${(askedAt - registeredAt).toFixed(0)} ms after activation)${models[key].description()?.includes('refreshing') ? ', from the view cache, refreshing behind them' : ''} [${Date.now()}]`);
    treeViews.set(key, view);
    provider.visible = view.visible;
    context.subscriptions.push(provider, view);
    context.subscriptions.push(view.onDidChangeVisibility(e => {
      provider.visible = e.visible;
      if (!e.visible) return;
      // Expanded by the person while other Gong views were already showing (not the whole sidebar
      // opening at once): what it already queued, and its first rows, go ahead of the others.
      const othersShowing = [...treeViews].some(([k, v]) => k !== key && v.visible);
      if (othersShowing) provider.openedByPerson = true;
      sharedScheduler().promote(ViewIds[key], othersShowing ? 'interactive' : 'visible');
    }));
    // A click in a view that is still loading raises what it waits for.
    context.subscriptions.push(view.onDidChangeSelection(() => { sharedScheduler().promote(ViewIds[key], 'interactive'); }));
  }
  // The age label ("updated 5 min ago") ages by itself; this only rewrites local text, never fetches.
  const ageTimer = setInterval(updateDescriptions, 30_000);
  context.subscriptions.push({ dispose: () => clearInterval(ageTimer) });

  // The flow owner email is remembered per profile.
  const owners = () => context.globalState.get<Record<string, string>>(StateKeys.flowOwners) ?? {};
  let lastProfile: string | undefined;
  const onSession = () => {
    const profile = session.active?.name;
    if (profile !== lastProfile) {
      // Signing out drops that profile's cached data; switching keeps it for switching back.
      if (lastProfile !== undefined && !session.profiles().some(p => p.name === lastProfile)) void data.forget(lastProfile);
      lastProfile = profile;
      models.flows.setOwnerEmail(profile !== undefined ? owners()[profile] : undefined);
    }
    for (const [key, provider] of providers) provider.showProgress = ViewIds[key];
    for (const m of Object.values(models) as ViewModel[]) m.redraw();
    updateDescriptions();
  };
  context.subscriptions.push(session.onDidChange(onSession));
  lastProfile = session.active?.name;
  if (lastProfile !== undefined) models.flows.setOwnerEmail(owners()[lastProfile]);

  const setFlowOwner = async (email: string) => {
    models.flows.setOwnerEmail(email);
    const profile = session.active?.name;
    if (profile !== undefined) await context.globalState.update(StateKeys.flowOwners, { ...owners(), [profile]: email });
  };

  const chooseRange = async () => {
    const p = services.prompter();
    const picked = await p.pick([
      { label: 'Last 7 days', id: 'last7' as const },
      { label: 'Last 30 days', id: 'last30' as const },
      { label: 'Custom range...', id: 'custom' as const },
    ], { title: 'Calls: date range', placeholder: `Now: ${models.calls.description() ?? ''}` });
    if (picked === undefined || typeof picked === 'symbol') throw new UserCancelled();
    if (picked.id !== 'custom') { models.calls.setRange(presetRange(picked.id, Date.now())); return; }
    const day = (v: string) => (/^\d{4}-\d{2}-\d{2}$/.test(v.trim()) && !Number.isNaN(Date.parse(v.trim())) ? undefined : 'Enter a date like 2026-01-31');
    const from = await p.input({ title: 'Calls: custom range', step: 1, totalSteps: 2, prompt: 'First day (YYYY-MM-DD)', value: models.calls.range.from.slice(0, 10), validate: day });
    if (from === undefined || typeof from === 'symbol') throw new UserCancelled();
    const to = await p.input({
      title: 'Calls: custom range', step: 2, totalSteps: 2, prompt: 'Last day (YYYY-MM-DD), included',
      value: new Date().toISOString().slice(0, 10),
      validate: v => day(v) ?? (typeof customRange(from.trim(), v.trim()) === 'string' ? customRange(from.trim(), v.trim()) as string : undefined),
    });
    if (to === undefined || typeof to === 'symbol') throw new UserCancelled();
    const r = customRange(from.trim(), to.trim());
    if (typeof r === 'string') throw new Error(r);
    models.calls.setRange(r);
  };

  const chooseOwner = async () => {
    const p = services.prompter();
    const typeIt = 'Type an email address...';
    const emails = models.users.loadedUsers()
      .filter(u => str(u, 'emailAddress'))
      .slice(0, 500)
      .map(u => ({ label: str(u, 'emailAddress') as string, description: userName(u) }));
    let email: string | undefined;
    if (emails.length > 0) {
      const picked = await p.pick([{ label: typeIt }, ...emails], { title: 'Engage flows: owner', placeholder: 'Whose flows? (Gong lists flows per owner email)' });
      if (picked === undefined || typeof picked === 'symbol') throw new UserCancelled();
      if (picked.label !== typeIt) email = picked.label;
    }
    if (email === undefined) {
      const typed = await p.input({ title: 'Engage flows: owner', prompt: 'Flow owner email (your own Gong email shows your flows)', value: models.flows.ownerEmail ?? '', validate: emailProblem });
      if (typed === undefined || typeof typed === 'symbol') throw new UserCancelled();
      email = typed.trim();
    }
    await setFlowOwner(email);
  };

  const activate = async (node: TreeNode): Promise<void> => {
    const action = node.action;
    if (!action) return;
    switch (action.kind) {
      case 'loadMore': {
        const key = viewKeyOf(node);
        const run = () => action.run();
        try {
          if (key) await vscode.window.withProgress({ location: { viewId: ViewIds[key] } }, run);
          else await run();
        } catch (e) {
          const f = classify(e);
          if (f.cancelled) throw new UserCancelled();
          throw new Error(`Could not load more: ${failureLine(f)}`);
        }
        return;
      }
      case 'retry':
      case 'clearFilter':
        action.run();
        updateFilterContext();
        return;
      case 'signIn':
        await vscode.commands.executeCommand(Commands.signIn);
        return;
      case 'prompt':
        if (action.what === 'callsRange') await chooseRange();
        else await chooseOwner();
        return;
    }
  };

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each handler declares its own argument types
  const reg = (id: string, fn: (...args: any[]) => unknown) => registerCommand(context, log, id, fn);
  reg(Commands.clearCache, async () => {
    await data.clear();
    for (const m of Object.values(models) as ViewModel[]) m.redraw();
    updateDescriptions();
    void vscode.window.showInformationMessage('Gong Explorer: cached rows cleared; the views fetch them again.');
  });
  const nodeArg = (n: unknown): TreeNode => {
    if (typeof n !== 'object' || n === null || typeof (n as TreeNode).id !== 'string') throw new Error('Run this command from a row of a Gong view.');
    return n as TreeNode;
  };
  const itemOf = (n: unknown) => {
    const node = nodeArg(n);
    if (!node.item) throw new Error(`"${oneLine(node.label, 80)}" is not a Gong object.`);
    return node.item;
  };

  reg(Commands.activateRow, (n: unknown) => activate(nodeArg(n)));
  reg(Commands.callsSetRange, chooseRange);
  reg(Commands.flowsSetOwner, chooseOwner);
  for (const v of perView) {
    reg(v.refresh, () => models[v.key].refresh());
    reg(v.filter, async () => {
      const text = await services.prompter().input({
        title: `Filter ${v.noun}`,
        prompt: 'Text to match in the rows loaded so far (empty clears the filter)',
        value: models[v.key].filter,
      });
      if (text === undefined || typeof text === 'symbol') throw new UserCancelled();
      models[v.key].setFilter(text);
      updateFilterContext();
    });
    reg(v.clear, () => { models[v.key].setFilter(''); updateFilterContext(); });
  }
  reg(Commands.itemRefresh, (n: unknown) => {
    const node = nodeArg(n);
    const key = viewKeyOf(node);
    if (key) models[key].refresh(node);
  });
  reg(Commands.itemCopyId, async (n: unknown) => {
    const item = itemOf(n);
    await vscode.env.clipboard.writeText(item.gongId);
    vscode.window.setStatusBarMessage(`Copied ${item.kind} id ${item.gongId}`, 3000);
  });
  reg(Commands.itemCopyJson, async (n: unknown) => {
    const item = itemOf(n);
    await vscode.env.clipboard.writeText(stringifyJson(item.json, 2));
    vscode.window.setStatusBarMessage(`Copied ${item.kind} ${item.gongId} as JSON`, 3000);
  });
  reg(Commands.itemOpenInGong, async (n: unknown) => {
    const item = itemOf(n);
    if (!item.url) throw new Error(`Gong gives no web link for this ${item.kind}.`);
    // Only an https link to Gong's own hosts is opened; anything else Gong sent is shown, not followed.
    const link = gongLink(item.url);
    if (link === undefined) throw new Error(`This ${item.kind}'s web link is not an https link to Gong, so it is not opened: ${oneLine(item.url, 120)}`);
    await vscode.env.openExternal(vscode.Uri.parse(link, true));
  });
  reg(Commands.itemShowDetails, async (n: unknown) => {
    const item = itemOf(n);
    if (item.callId) {
      await vscode.commands.executeCommand(Commands.showCallDetails, item.callId);
      return;
    }
    const uri = details.open(item.kind, item.gongId, item.json);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(doc, 'json');
    await vscode.window.showTextDocument(doc, { preview: true });
  });
  reg(Commands.itemRunAction, async (n: unknown) => {
    const choices = actionsFor(itemOf(n));
    if (choices.length === 0) throw new Error('No action takes this row as input.');
    let choice = choices[0];
    if (choices.length > 1) {
      const picked = await services.prompter().pick(choices.map(c => ({ label: c.label, description: c.actionId, choice: c })), { title: 'Run Action with this item' });
      if (picked === undefined || typeof picked === 'symbol') throw new UserCancelled();
      choice = picked.choice;
    }
    if (!choice) return;
    return vscode.commands.executeCommand(Commands.runAction, { actionId: choice.actionId, input: choice.input });
  });

  // Signed out, Workspaces is the only Gong view (the others hide by their `when` clauses) and
  // holds the welcome: its title says so.
  const updateWelcomeTitle = () => {
    const view = treeViews.get('workspaces');
    if (view) view.title = session.active ? 'Workspaces' : 'Get Started';
  };
  updateWelcomeTitle();
  context.subscriptions.push(session.onDidChange(updateWelcomeTitle));

  const access: TreeAccess = {
    models,
    getChildren: (view, node) => {
      const provider = providers.get(view);
      return provider ? provider.rows(node) : Promise.resolve([]);
    },
    shownChildren: (view, node) => {
      const provider = providers.get(view);
      return provider ? provider.getChildren(node) : Promise.resolve([]);
    },
    activate: (_view, node) => activate(node),
  };
  services.views = access;
  updateDescriptions();
  updateFilterContext();
}

export type { TreeModels };
