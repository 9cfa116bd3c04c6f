/** Entry point of `npm run gong -- ...` (bundled to dist/gongCli.js). */
import { runCli } from './run';

runCli(process.argv.slice(2), {
  out: text => process.stdout.write(`${text}\n`),
  err: text => process.stderr.write(`${text}\n`),
  env: process.env,
}).then(
  code => { process.exitCode = code; },
  (e: unknown) => { process.stderr.write(`gong: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`); process.exitCode = 1; },
);
