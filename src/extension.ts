// Must stay the first import: it configures zod before any schema is built.
import './shared/zodConfig';
import * as vscode from 'vscode';
import { Logger } from './platform/logger';
import { VsCodePrompter, type Prompter } from './platform/prompter';
import type { Services } from './platform/services';
import { Commands, registerCommand } from './platform/commands';
import { createSession, registerAuth } from './auth/index';
import { join } from 'node:path';
import { DiskSnapshotStore, GongData } from './data/index';
import { registerViews } from './views/index';
import { TEST_HOOKS_ENV, registerPanels } from './panels/index';
import { watchNetwork } from './platform/networkWatch';
import { registerRunAction } from './commands/runAction';
import { registerDemo } from './demo/index';
import { registerSearch } from './searchUi/index';
import { registerInsights } from './panels/insights';
import { registerLanguageModelTools, registerMcpProvider, type GongMcpProvider } from './lmTools/index';

/** What activate() returns: used by the integration tests inside the real extension host. */
export interface GongExplorerApi {
  services: Services;
  /** Replaces the prompter (ScriptedPrompter in tests); returns a function that restores the previous one. */
  setPrompter(p: Prompter): () => void;
  /** The MCP server definitions VS Code is offered (tests start the server they define). */
  mcp: GongMcpProvider;
  /** Test hooks only: connections and requests seen during activate() and the 300 ms after it. */
  activationNetwork?: Promise<string[]>;
}

/** Wiring only: nothing here awaits the network. */
export function activate(context: vscode.ExtensionContext): GongExplorerApi {
  const started = performance.now();
  const watching = process.env[TEST_HOOKS_ENV] === '1' ? watchNetwork() : undefined;
  const log = new Logger('Gong');
  context.subscriptions.push(log);
  let prompter: Prompter = new VsCodePrompter();
  const session = createSession(context, log);
  context.subscriptions.push(session);
  // The views' rows are kept on disk per profile, so a window reload paints them at once.
  const data = new GongData({ api: () => session.api(), profile: () => session.active?.name }, {
    store: new DiskSnapshotStore(join(context.globalStorageUri.fsPath, 'viewCache')),
    warn: m => log.warn(m),
  });
  const services: Services = {
    context, log, session, data, prompter: () => prompter,
    openExternal: url => Promise.resolve(vscode.env.openExternal(vscode.Uri.parse(url))),
  };
  // Best effort: rows fetched in the last second before a reload are written now.
  context.subscriptions.push({ dispose: () => { void data.flush(); } });

  registerCommand(context, log, Commands.showLog, () => log.show());
  registerCommand(context, log, Commands.openWalkthrough, () => vscode.commands.executeCommand(
    'workbench.action.openWalkthrough', `${context.extension.id}#gongExplorer.getStarted`, false));
  registerAuth(services);
  registerViews(services);
  registerPanels(services);
  services.search = registerSearch(services);
  services.insights = registerInsights(services);
  registerRunAction(services);
  registerDemo(services);
  registerLanguageModelTools(services);
  const mcp = registerMcpProvider(services);

  // Gong Explorer starts with the window (onStartupFinished, after VS Code's own start-up): the
  // status bar names the profile, and the views' saved rows are read now, so opening the Gong view
  // after a reload paints them at once.
  setTimeout(() => { const p = session.active?.name; if (p !== undefined) void data.ready(p); }, 0);

  const activationMs = performance.now() - started;
  log.info(`Gong Explorer activated in ${activationMs.toFixed(1)} ms`);
  void context.globalState.update('gongExplorer.lastActivationMs', activationMs);
  return {
    services,
    mcp,
    ...(watching ? { activationNetwork: new Promise<string[]>(resolve => setTimeout(() => resolve(watching()), 300)) } : {}),
    setPrompter(p: Prompter) {
      const previous = prompter;
      prompter = p;
      return () => { prompter = previous; };
    },
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
