/** package.json's language-model tools, tool set and MCP provider are the ones the code defines. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { languageModelToolsManifest, toolSetsManifest } from '../../../src/tools/manifest';
import { gongTools } from '../../../src/tools/index';

const root = join(__dirname, '..', '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  contributes: { languageModelTools?: unknown[]; languageModelToolSets?: unknown[]; mcpServerDefinitionProviders?: Array<{ id: string }> };
  enabledApiProposals?: string[];
  engines: { vscode: string };
};

describe('language-model tools in package.json', () => {
  it('are exactly the tool list (npm run -s tools:manifest writes them)', () => {
    assert.deepEqual(pkg.contributes.languageModelTools, JSON.parse(JSON.stringify(languageModelToolsManifest())));
    assert.equal(pkg.contributes.languageModelTools?.length, gongTools.length);
  });

  it('offer every tool as the #gong tool set, which needs its API proposal', () => {
    assert.deepEqual(pkg.contributes.languageModelToolSets, JSON.parse(JSON.stringify(toolSetsManifest())));
    assert.ok(pkg.enabledApiProposals?.includes('contribLanguageModelToolSets'));
  });

  it('declare the MCP server definition provider the extension registers, on a VS Code that has the API', () => {
    assert.deepEqual(pkg.contributes.mcpServerDefinitionProviders?.map(p => p.id), ['gongExplorer.mcp']);
    const source = readFileSync(join(root, 'src', 'lmTools', 'index.ts'), 'utf8');
    assert.ok(source.includes(`'gongExplorer.mcp'`));
    const [, minor] = /^\^1\.(\d+)\.0$/.exec(pkg.engines.vscode) ?? [];
    assert.ok(Number(minor) >= 101, 'registerMcpServerDefinitionProvider needs VS Code 1.101');
  });
});
