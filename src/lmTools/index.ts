/**
 * The Gong tools in VS Code's agent mode: each tool of src/tools registered with `vscode.lm.registerTool`
 * on the signed-in profile, writes confirmed before they run, and the MCP server offered to VS Code
 * through `vscode.lm.registerMcpServerDefinitionProvider` with the profile's credentials handed over in
 * the server's environment at start (read from SecretStorage then, never written anywhere).
 */
import * as vscode from 'vscode';
import { dirname, join } from 'node:path';
import type { ToolAnswer, ToolConfirmation, ToolDef } from '../tools/index';
import { confirmMatches } from '../input/confirm';
import { isBack } from '../platform/back';
import { Commands } from '../platform/commands';
import type { Services } from '../platform/services';
import { SECRET_PARTS, authFrom, secretKey } from '../auth/profiles';
import { textOf } from '../shared/textOf';
import { prepareStoreFolder, storeFileOf } from '../search/storePath';

export const MCP_PROVIDER_ID = 'gongExplorer.mcp';

/** The answer for every tool when no profile is signed in. */
export function signedOutText(): string {
  return 'Not signed in to Gong, so nothing was read or changed. Ask the person to run the command "Gong: Sign In" '
    + `(${Commands.signIn}) with an access key or a bearer token, or "Gong: Try the Demo Workspace" for sample data; then call this tool again.`;
}

function text(s: string): vscode.LanguageModelToolResult {
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(s)]);
}

function abortSignalOf(token: vscode.CancellationToken): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const sub = token.onCancellationRequested(() => controller.abort());
  if (token.isCancellationRequested) controller.abort();
  return { signal: controller.signal, dispose: () => { sub.dispose(); } };
}

/**
 * The step of a write after VS Code's own confirmation: VS Code shows `prepareInvocation`'s
 * confirmation before it calls `invoke` (in the chat, or as a modal dialog for any other caller of
 * `vscode.lm.invokeTool`), and declining it means `invoke` never runs. Destroying data also needs the
 * retyped target, as Run Action asks. Returns why nothing was sent, or undefined to go ahead.
 */
async function confirmRetype(services: Services, conf: ToolConfirmation): Promise<string | undefined> {
  if (!conf.retype) return undefined;
  const typed = await services.prompter().input({ title: `Confirm: ${conf.title}`, prompt: `Type ${conf.retype.value} to confirm`, placeholder: conf.retype.value });
  if (typed === undefined || isBack(typed)) return 'The person cancelled the confirmation: nothing was sent to Gong. Do not retry unless they ask.';
  if (!confirmMatches(conf.retype.value, typed)) {
    void vscode.window.showWarningMessage(`"${typed}" does not match ${conf.retype.value}: nothing was sent to Gong.`);
    return `The retyped target did not match ${conf.retype.field} (${conf.retype.value}): nothing was sent to Gong.`;
  }
  return undefined;
}

/** What VS Code shows before a tool runs: a progress message, and for a write the confirmation naming what changes. */
export async function prepareGongTool(services: Services, name: string, input: unknown): Promise<vscode.PreparedToolInvocation> {
  const tool = await toolNamed(name);
  const parsed = tool.input.safeParse(input ?? {});
  const conf = parsed.success ? tool.confirmation(parsed.data) : undefined;
  const profile = services.session.active?.name;
  const prepared: vscode.PreparedToolInvocation = { invocationMessage: `${tool.title}${profile ? ` (${profile})` : ''}` };
  if (conf) {
    // Plain text: Gong's descriptions and the input are shown as they are, never as Markdown.
    const message = `${profile ? `Profile ${profile}: ` : ''}${conf.message}${conf.retype ? `\n\nThis destroys data: after Continue you will be asked to retype ${conf.retype.value}.` : ''}`;
    prepared.confirmationMessages = { title: conf.title, message };
  }
  return prepared;
}

/** Runs one tool for VS Code: signed-out answer, confirmation of writes, cancellation, logging. */
export async function invokeGongTool(services: Services, tool: ToolDef, input: unknown, token: vscode.CancellationToken): Promise<ToolAnswer> {
  const api = services.session.api();
  if (!api) return { text: signedOutText(), isError: true, requests: 0 };
  const parsed = tool.input.safeParse(input ?? {});
  const conf = parsed.success ? tool.confirmation(parsed.data) : undefined;
  if (conf) {
    const refused = await confirmRetype(services, conf);
    if (refused) {
      services.log.info(`${tool.name}: ${refused}`);
      return { text: refused, isError: true, requests: 0 };
    }
  }
  const abort = abortSignalOf(token);
  try {
    const { runTool } = await import('../tools/index');
    const search = tool.name === 'gong_search_transcripts' ? services.search?.backend() : undefined;
    const answer = await runTool(tool, input, { api, signal: abort.signal, ...(search ? { search } : {}) });
    services.log.info(`${tool.name}: ${answer.isError ? 'error answer' : 'answered'}, ${answer.text.length} characters, ${answer.requests} request(s)`);
    return answer;
  } finally {
    abort.dispose();
  }
}

/** The tool definitions, loaded on the first tool call: building their schemas loads zod, which activation must not. */
async function toolNamed(name: string): Promise<ToolDef> {
  const { findTool } = await import('../tools/index');
  const tool = findTool(name);
  if (!tool) throw new Error(`package.json declares the tool ${name}, which src/tools does not define (run npm run -s tools:manifest)`);
  return tool;
}

/** Registers every Gong tool package.json declares (written from src/tools by `npm run -s tools:manifest`). */
export function registerLanguageModelTools(services: Services): void {
  const declared: unknown = (services.context.extension.packageJSON as { contributes?: { languageModelTools?: unknown } } | undefined)?.contributes?.languageModelTools;
  const names = Array.isArray(declared) ? declared.map(d => (d as { name?: unknown }).name).filter((n): n is string => typeof n === 'string') : [];
  for (const name of names) {
    const impl: vscode.LanguageModelTool<Record<string, unknown>> = {
      prepareInvocation: options => prepareGongTool(services, name, options.input),
      async invoke(options, token) {
        const answer = await invokeGongTool(services, await toolNamed(name), options.input, token);
        return text(answer.text);
      },
    };
    services.context.subscriptions.push(vscode.lm.registerTool(name, impl));
  }
}

/**
 * The MCP server definition VS Code starts: `node dist/gongCli.js mcp`, read tools only, for the active
 * profile, searching the profile's transcript store (the Search view's, GONG_SEARCH_STORE).
 */
export class GongMcpProvider implements vscode.McpServerDefinitionProvider<vscode.McpStdioServerDefinition> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeMcpServerDefinitions = this.changed.event;

  constructor(private readonly services: Services) {
    services.context.subscriptions.push(this.changed, services.session.onDidChange(() => this.changed.fire()));
  }

  provideMcpServerDefinitions(): vscode.McpStdioServerDefinition[] {
    const profile = this.services.session.active;
    if (!profile) return [];
    const cli = join(this.services.context.extensionPath, 'dist', 'gongCli.js');
    // No secret here: VS Code may keep definitions; the credentials are added when it starts the server.
    const env: Record<string, string> = { GONG_BASE_URL: profile.baseUrl, ELECTRON_RUN_AS_NODE: '1', GONG_SEARCH_STORE: this.storeFile(profile) };
    const rps = vscode.workspace.getConfiguration('gongExplorer').get<number>('requestsPerSecond');
    if (rps !== undefined) env.GONG_REQUESTS_PER_SECOND = String(rps);
    const version = textOf((this.services.context.extension.packageJSON as { version?: unknown }).version, '0.0.0');
    return [new vscode.McpStdioServerDefinition(`Gong (${profile.name})`, process.execPath, [cli, 'mcp'], env, version)];
  }

  /** The profile's transcript store: the file the Search view opens (a path from name and base URL, nothing secret). */
  private storeFile(profile: { name: string; baseUrl: string }): string {
    return storeFileOf(this.services.context.globalStorageUri.fsPath, profile.name, profile.baseUrl);
  }

  /** Called when VS Code starts the server: the profile's credentials go into its environment now. */
  async resolveMcpServerDefinition(server: vscode.McpStdioServerDefinition): Promise<vscode.McpStdioServerDefinition | undefined> {
    const profile = this.services.session.active;
    if (!profile) {
      void vscode.window.showWarningMessage('Sign in to Gong before starting the Gong MCP server.', 'Sign In').then(c => { if (c) void vscode.commands.executeCommand(Commands.signIn); });
      return undefined;
    }
    const secrets = new Map<string, string | undefined>();
    for (const part of SECRET_PARTS) secrets.set(part, await this.services.context.secrets.get(secretKey(profile.name, part)));
    const auth = authFrom(profile.authKind, part => secrets.get(part));
    if (!auth) return undefined;
    // The store's folder exists before the server opens the store (the server creates no folders).
    const store = this.storeFile(profile);
    prepareStoreFolder(dirname(store), profile.name, profile.baseUrl);
    const env: Record<string, string | number | null> = { ...server.env, GONG_BASE_URL: profile.baseUrl, GONG_SEARCH_STORE: store };
    if (auth.kind === 'basic') {
      env.GONG_ACCESS_KEY = auth.accessKey;
      env.GONG_ACCESS_KEY_SECRET = auth.accessKeySecret;
    } else env.GONG_BEARER_TOKEN = auth.token;
    server.env = env;
    return server;
  }
}

/** Registers the MCP server definition provider; returns it so tests can start the server it defines. */
export function registerMcpProvider(services: Services): GongMcpProvider {
  const provider = new GongMcpProvider(services);
  services.context.subscriptions.push(vscode.lm.registerMcpServerDefinitionProvider(MCP_PROVIDER_ID, provider));
  return provider;
}
