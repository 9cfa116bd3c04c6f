/**
 * The MCP server: the same tools as VS Code's language-model tools (src/tools), over the official MCP
 * TypeScript SDK. Reads only by default; `allowWrites` adds each catalog write as its own tool,
 * annotated. Calls and transcripts are also resources (`gong://calls/{id}`, `gong://calls/{id}/transcript`).
 * Every failure is an answer (error result or JSON-RPC error), never a crash. No `vscode` here.
 */
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import {
  CallToolRequestSchema, ErrorCode, ListResourceTemplatesRequestSchema, ListResourcesRequestSchema, ListToolsRequestSchema,
  McpError, ReadResourceRequestSchema, type CallToolResult, type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import type { Readable, Writable } from 'node:stream';
import { GongError } from '../gong/index';
import { catalog } from '../catalog/index';
import {
  MAX_BUDGET, ToolError, ToolRun, actionTool, callText, fetchCall, fetchTranscript, findTool, gongErrorText, gongTools, jsonSchemaOf, runTool, transcriptText,
  type ToolContext, type ToolDef,
} from '../tools/index';
import { textOf } from '../shared/textOf';

export interface GongMcpOptions extends ToolContext {
  /** Adds every catalog write as a tool (`--allow-writes`). */
  allowWrites?: boolean;
  version?: string;
}

/** `gong_run_action` for a server without writes: the same tool, refusing writes with what to do instead. */
function readOnlyRunAction(base: ToolDef, allowWrites: boolean): ToolDef {
  return {
    ...base,
    readOnly: true,
    destructive: false,
    description: `${base.description.split(' Writes (')[0] ?? base.description} Runs read actions only; ${allowWrites ? 'writes are their own gong_action_* tools on this server.' : 'this server was started without --allow-writes, so writes are refused.'} Cost: one Gong request (one per page of a paged action).`,
    async run(input, r) {
      const a = catalog.find(textOf(input.action));
      if (a && !a.readOnly) {
        throw new ToolError(allowWrites
          ? `${a.id} changes Gong; use the tool ${actionTool(a).name} for it.`
          : `${a.id} changes Gong, and this server only reads (it was started without --allow-writes). Nothing was sent.`);
      }
      return base.run(input, r);
    },
  };
}

/** The tools this server offers. */
export function mcpTools(allowWrites: boolean): ToolDef[] {
  const tools = gongTools.map(t => (t.name === 'gong_run_action' ? readOnlyRunAction(t, allowWrites) : t)).filter(t => t.readOnly);
  if (allowWrites) tools.push(...catalog.actions.filter(a => !a.readOnly).map(actionTool));
  return tools;
}

function toolListing(t: ToolDef): Tool {
  return {
    name: t.name,
    title: t.title,
    description: t.description,
    inputSchema: jsonSchemaOf(t.input) as Tool['inputSchema'],
    annotations: { title: t.title, readOnlyHint: t.readOnly, destructiveHint: t.destructive, idempotentHint: t.readOnly, openWorldHint: true },
  };
}

const CALL_URI = /^gong:\/\/calls\/(\d{1,20})(\/transcript)?$/;

/** Builds the server (not yet connected). */
export function createGongMcpServer(options: GongMcpOptions): Server {
  const allowWrites = options.allowWrites ?? false;
  const tools = mcpTools(allowWrites);
  const byName = new Map(tools.map(t => [t.name, t]));
  const server = new Server(
    { name: 'gong-explorer', title: 'Gong', version: options.version ?? '0.0.0' },
    {
      capabilities: { tools: {}, resources: {} },
      instructions: 'Gong (call recording and revenue intelligence) tools. Start with gong_find_calls or gong_users; ids are exact digit strings; long answers say how to get the next part.',
    },
  );
  const ctx = (signal: AbortSignal): ToolContext => ({ api: options.api, signal, ...(options.now ? { now: options.now } : {}), ...(options.search ? { search: options.search } : {}), ...(options.searchUnavailable ? { searchUnavailable: options.searchUnavailable } : {}) });

  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: tools.map(toolListing) }));

  server.setRequestHandler(CallToolRequestSchema, async (req, extra): Promise<CallToolResult> => {
    const tool = byName.get(req.params.name);
    if (!tool) {
      const write = findTool(req.params.name) ?? catalog.actions.map(actionTool).find(t => t.name === req.params.name);
      const why = write && !allowWrites ? ' It changes Gong, and this server was started without --allow-writes.' : '';
      return { content: [{ type: 'text', text: `No tool named ${req.params.name} on this server.${why} Tools: ${tools.map(t => t.name).join(', ')}.` }], isError: true };
    }
    const answer = await runTool(tool, req.params.arguments ?? {}, ctx(extra.signal));
    return { content: [{ type: 'text', text: answer.text }], isError: answer.isError };
  });

  server.setRequestHandler(ListResourcesRequestSchema, async () => ({ resources: [] }));
  server.setRequestHandler(ListResourceTemplatesRequestSchema, async () => ({
    resourceTemplates: [
      { uriTemplate: 'gong://calls/{id}', name: 'Gong call', title: 'Gong call brief', description: 'A call\'s facts, participants, brief, key points, next steps, outcome, topics and CRM links (one Gong request).', mimeType: 'text/markdown' },
      { uriTemplate: 'gong://calls/{id}/transcript', name: 'Gong call transcript', title: 'Gong call transcript', description: `The call's whole transcript with speaker names and times, up to ${MAX_BUDGET.toLocaleString('en-US')} characters (two Gong requests).`, mimeType: 'text/plain' },
    ],
  }));

  server.setRequestHandler(ReadResourceRequestSchema, async (req, extra) => {
    const m = CALL_URI.exec(req.params.uri);
    if (!m) throw new McpError(ErrorCode.InvalidParams, `Unknown resource ${req.params.uri}: use gong://calls/{id} or gong://calls/{id}/transcript with a call id of digits.`);
    const id = m[1] as string;
    const r = new ToolRun(ctx(extra.signal));
    try {
      if (m[2]) {
        const t = await fetchTranscript(r, id);
        const call = await fetchCall(r, id).catch((e: unknown) => { if (ToolError.is(e)) return undefined; throw e; });
        return { contents: [{ uri: req.params.uri, mimeType: 'text/plain', text: transcriptText(t, call, 0, MAX_BUDGET) }] };
      }
      return { contents: [{ uri: req.params.uri, mimeType: 'text/markdown', text: callText(await fetchCall(r, id)) }] };
    } catch (e) {
      if (e instanceof McpError) throw e;
      if (ToolError.is(e)) throw new McpError(ErrorCode.InvalidParams, e.message);
      if (GongError.is(e)) throw new McpError(ErrorCode.InternalError, gongErrorText(e), { status: e.status, requestId: e.requestId });
      throw new McpError(ErrorCode.InternalError, e instanceof Error ? e.message : String(e));
    }
  });
  return server;
}

/**
 * Serves MCP over stdio (or the given streams) until the client closes its end; resolves then.
 * Nothing but protocol messages is written to `output`.
 */
export async function serveStdio(options: GongMcpOptions, streams: { input?: Readable; output?: Writable } = {}): Promise<void> {
  const server = createGongMcpServer(options);
  const transport = new StdioServerTransport(streams.input, streams.output);
  const closed = new Promise<void>(resolve => { server.onclose = () => resolve(); });
  const input = streams.input ?? process.stdin;
  input.once('end', () => { void server.close(); });
  await server.connect(transport);
  await closed;
}
