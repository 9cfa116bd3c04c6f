// `npm run -s tools:manifest`: writes package.json's `contributes.languageModelTools` and
// `contributes.languageModelToolSets` from the tool list (src/tools/manifest.ts, compiled by tsc).
// test/unit/manifest.test.ts fails when package.json and the tool list disagree.
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const require = createRequire(import.meta.url);
const { languageModelToolsManifest, toolSetsManifest } = require(join(root, 'out', 'src', 'tools', 'manifest.js'));
const file = join(root, 'package.json');
const pkg = JSON.parse(readFileSync(file, 'utf8'));
pkg.contributes.languageModelTools = languageModelToolsManifest();
pkg.contributes.languageModelToolSets = toolSetsManifest();
writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
console.log(`package.json: ${pkg.contributes.languageModelTools.length} language-model tools, tool set #${pkg.contributes.languageModelToolSets[0].name}`);
