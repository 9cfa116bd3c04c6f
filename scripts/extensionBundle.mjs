// How dist/extension.js and its vendor bundles are built; shared by esbuild.mjs and bench/startup.mjs so
// the start-up bench measures exactly what ships.
//
// undici and zod are three quarters of the code and none of it is needed to activate (nor is markdown-it,
// the next largest, with its entity tables): each is built
// once as its own CommonJS file in dist/vendor/, and the extension reaches it only through a lazy
// `require` on first use. One file per library (not a copy inside each bundle) keeps a single instance
// per process: zod's global config and registries, undici's global dispatcher. Our own modules stay in
// dist/extension.js only (the vendor entries import nothing of ours but the zod config below), so the
// shared request scheduler is still one per process.
//   undici: `undici` resolves to dist/vendor/undici.js as an external; src/gong/client.ts requires it
//           inside the function that sends the first request (a top-level import would load it at
//           activation again, which test/unit/bundle/lazyVendor.test.ts catches).
//   markdown-it: `markdown-it` resolves to dist/vendor/markdownIt.js as an external; src/render/markdown.ts
//           requires it inside the function that parses the first rich text, for the same reason.
//   zod:    `zod` resolves to a small facade whose `z` is a Proxy that requires dist/vendor/zod.js on
//           the first property access (building or using any schema). The vendor entry applies
//           src/shared/zodConfig.ts itself, so jitless is set before anyone can build a schema;
//           the extension's own import of that module becomes empty (it would load zod at activation).
import { join } from 'node:path';

export const VENDOR_FILES = ['vendor/undici.js', 'vendor/zod.js', 'vendor/markdownIt.js'];

/** The Node bundles beside dist/extension.js: [source, file under dist/]. */
export const NODE_ENTRIES = [
  ['src/localGong/index.ts', 'localGong.js'],
  ['src/localGong/cli.ts', 'localGongCli.js'],
  // The demo's local Gong runs in this worker thread, off the extension host's thread (it loads dist/localGong.js).
  ['src/localGong/worker.ts', 'localGongWorker.js'],
  ['src/cli/gong.ts', 'gongCli.js'],
  ['src/gong/index.ts', 'gong.js'],
  // The call-search store (node:sqlite) runs in this worker thread, off the extension host's thread.
  ['src/search/worker.ts', 'searchWorker.js'],
];

const ZOD_FACADE = `
let zod;
const load = () => (zod ??= require('./vendor/zod.js').z);
// Only get/has are forwarded: the target stays an empty object, so proxy invariants never bite.
export const z = new Proxy({}, {
  get: (_target, key) => Reflect.get(load(), key),
  has: (_target, key) => Reflect.has(load(), key),
});
`;

const lazyVendor = {
  name: 'lazy-vendor',
  setup(build) {
    // The local Gong is loaded at run time from dist/localGong.js so it never weighs on activation.
    build.onResolve({ filter: /^\.\/localGong\.js$/ }, () => ({ path: './localGong.js', external: true }));
    build.onResolve({ filter: /^\.\/vendor\/(undici|zod|markdownIt)\.js$/ }, args => ({ path: args.path, external: true }));
    build.onResolve({ filter: /^undici$/ }, () => ({ path: './vendor/undici.js', external: true }));
    build.onResolve({ filter: /^markdown-it$/ }, () => ({ path: './vendor/markdownIt.js', external: true }));
    build.onResolve({ filter: /^zod$/ }, () => ({ path: 'zod', namespace: 'lazy-vendor' }));
    build.onResolve({ filter: /(^|\/)zodConfig$/ }, () => ({ path: 'zodConfig', namespace: 'lazy-vendor' }));
    build.onLoad({ filter: /^zod$/, namespace: 'lazy-vendor' }, () => ({ contents: ZOD_FACADE, loader: 'js' }));
    build.onLoad({ filter: /^zodConfig$/, namespace: 'lazy-vendor' }, () => ({
      contents: '// dist/vendor/zod.js applies src/shared/zodConfig.ts when it loads.\n', loader: 'js',
    }));
  },
};

/**
 * esbuild options for dist/extension.js and dist/vendor/*.js.
 * @param {{ outDir: string, common: object }} o outDir is the dist folder; common carries minify etc.
 */
export function extensionBuilds({ outDir, common }) {
  const node = { ...common, bundle: true, platform: 'node', format: 'cjs', target: 'node20' };
  return [
    { ...node, entryPoints: ['src/extension.ts'], outfile: join(outDir, 'extension.js'), external: ['vscode'], plugins: [lazyVendor] },
    {
      ...node, outfile: join(outDir, 'vendor', 'undici.js'),
      stdin: { contents: "module.exports = require('undici');", resolveDir: common.absWorkingDir ?? process.cwd(), sourcefile: 'vendor-undici.js', loader: 'js' },
    },
    {
      ...node, outfile: join(outDir, 'vendor', 'markdownIt.js'),
      stdin: { contents: "module.exports = require('markdown-it');", resolveDir: common.absWorkingDir ?? process.cwd(), sourcefile: 'vendor-markdown-it.js', loader: 'js' },
    },
    {
      ...node, outfile: join(outDir, 'vendor', 'zod.js'),
      stdin: {
        contents: "export * from 'zod';\nimport './src/shared/zodConfig';\n",
        resolveDir: common.absWorkingDir ?? process.cwd(), sourcefile: 'vendor-zod.js', loader: 'js',
      },
    },
  ];
}
