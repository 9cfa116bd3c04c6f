/**
 * The package.json entries VS Code reads for the tools (`contributes.languageModelTools` and the `gong`
 * tool set), built from the one tool list. `npm run -s tools:manifest` writes them; the manifest test
 * fails when package.json differs, so they are never edited by hand. No `vscode` here.
 */
import { gongTools } from './gongTools';
import { jsonSchemaOf, type JsonSchema } from './schema';

export interface LanguageModelToolContribution {
  name: string;
  toolReferenceName: string;
  displayName: string;
  modelDescription: string;
  userDescription: string;
  canBeReferencedInPrompt: boolean;
  icon: string;
  tags: string[];
  inputSchema: JsonSchema;
}

export interface ToolSetContribution {
  name: string;
  referenceName: string;
  description: string;
  icon: string;
  tools: string[];
}

export function languageModelToolsManifest(): LanguageModelToolContribution[] {
  return gongTools.map(t => ({
    name: t.name,
    toolReferenceName: t.referenceName,
    displayName: t.title,
    modelDescription: t.description,
    userDescription: t.userDescription,
    canBeReferencedInPrompt: true,
    icon: t.readOnly ? '$(search)' : '$(play)',
    tags: ['gong', t.readOnly ? 'read' : 'write'],
    inputSchema: jsonSchemaOf(t.input),
  }));
}

/** `#gong` in chat: every Gong tool at once. */
export function toolSetsManifest(): ToolSetContribution[] {
  return [{
    name: 'gong',
    referenceName: 'gong',
    description: 'Gong: find calls, read briefs and transcripts, users, scorecards, activity stats, ask about an account, and run any Gong API action',
    icon: '$(record)',
    tools: gongTools.map(t => t.referenceName),
  }];
}
