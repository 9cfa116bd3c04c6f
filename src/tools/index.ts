/**
 * Gong as tools for language models, reading Gong through the data layer (src/data) and the catalog: the one list both VS Code's language-model tools
 * (src/lmTools) and the MCP server (src/mcp) serve. To add a tool, add one `defineTool` entry to
 * `gongTools` in gongTools.ts; both surfaces pick it up (VS Code also needs `npm run -s tools:manifest`
 * to write its package.json entry, which the manifest test checks). No `vscode` here.
 */
export { gongTools, findTool, actionTool, actionConfirmation, actionAnswerText, callText, transcriptText, fetchCall, fetchTranscript } from './gongTools';
export { runTool, defineTool, gongErrorText, ToolRun, ToolError, encodeCursor, decodeCursor } from './run';
export type { ToolAnswer, ToolContext, ToolConfirmation, ToolDef } from './run';
export { jsonSchemaOf } from './schema';
export type { JsonSchema } from './schema';
export { LIST_BUDGET, TRANSCRIPT_BUDGET, MAX_BUDGET, MIN_BUDGET, budgetOf, fitLines, clip, count } from './budget';
