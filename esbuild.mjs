// Builds every bundle the project ships or runs:
//   dist/extension.js        the extension host bundle (CJS, `vscode` external)
//   dist/vendor/*.js         undici and zod, loaded by the extension on first use (scripts/extensionBundle.mjs)
//   dist/localGong.js        the local Gong server as a library, loaded lazily by the demo command
//   dist/localGongCli.js     `npm run local-gong`
//   dist/localGongWorker.js  the demo's local Gong in a worker thread
//   dist/gongCli.js          `npm run gong` (and `gong mcp`)
//   dist/searchWorker.js     the call-search store in a worker thread
//   dist/webview/<page>.js   one browser bundle per webview page
// Flags: --production (minify, no source maps), --watch, --node-only (skip the extension and pages).
import * as esbuild from 'esbuild';
import { existsSync, readdirSync } from 'node:fs';
import { NODE_ENTRIES, extensionBuilds } from './scripts/extensionBundle.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const nodeOnly = process.argv.includes('--node-only');

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  legalComments: 'none',
};

const nodeEntries = NODE_ENTRIES.map(([entry, out]) => [entry, `dist/${out}`]).filter(([src]) => existsSync(src));

const builds = nodeEntries.map(([entry, outfile]) => ({
  ...common, entryPoints: [entry], outfile, platform: 'node', format: 'cjs', target: 'node20',
}));

if (!nodeOnly) {
  builds.push(...extensionBuilds({ outDir: 'dist', common }));
  const pages = existsSync('src/webview') ? readdirSync('src/webview').filter(f => /^[a-zA-Z]+\.ts$/.test(f) && f !== 'common.ts') : [];
  for (const page of pages) {
    builds.push({
      ...common,
      entryPoints: [`src/webview/${page}`],
      outfile: `dist/webview/${page.replace(/\.ts$/, '.js')}`,
      platform: 'browser',
      format: 'iife',
      target: 'es2022',
    });
  }
}

if (watch) {
  const contexts = await Promise.all(builds.map(b => esbuild.context(b)));
  await Promise.all(contexts.map(c => c.watch()));
  console.log(`watching ${contexts.length} bundles`);
} else {
  await Promise.all(builds.map(b => esbuild.build(b)));
}
