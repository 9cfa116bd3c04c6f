/**
 * `npm run local-gong -- --port 4010 [--seed N] [--users N] [--calls N] [--rate-limit off|N] [--disable engage,meetings]`
 * Starts a local Gong and prints one JSON line with its base URL and credentials, then runs until
 * SIGINT/SIGTERM.
 */

import { LOCAL_GONG_FEATURES, startLocalGong } from './index';
import type { LocalGongFeature, LocalGongOptions } from './index';

const USAGE = `usage: local-gong [--port N] [--seed N] [--users N] [--calls N] [--rate-limit off|N] [--disable ${LOCAL_GONG_FEATURES.join(',')}] [--unbroken-text]`;

/** The whole-number flags: the option each sets and the values it takes. */
const INT_FLAGS = new Map<string, { key: 'port' | 'seed' | 'users' | 'calls'; min: number; max: number }>([
  ['--port', { key: 'port', min: 0, max: 65535 }],
  ['--seed', { key: 'seed', min: 0, max: 2 ** 31 - 1 }],
  ['--users', { key: 'users', min: 1, max: 100_000 }],
  ['--calls', { key: 'calls', min: 0, max: 500_000 }],
]);

/** Parses the command line; returns an error message instead of options when it is wrong. */
export function parseCliArgs(argv: readonly string[]): LocalGongOptions | string {
  const options: LocalGongOptions = { port: 0 };
  const intArg = (name: string, value: string | undefined, min: number, max: number): number | string => {
    if (value === undefined || !/^\d+$/.test(value)) return `${name} needs a whole number (got ${value ?? 'nothing'})`;
    const n = Number(value);
    if (n < min || n > max) return `${name} must be between ${min} and ${max} (got ${n})`;
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    const int = INT_FLAGS.get(flag);
    if (int) {
      const n = intArg(flag, value(), int.min, int.max);
      if (typeof n === 'string') return n;
      options[int.key] = n;
      continue;
    }
    switch (flag) {
      case '--rate-limit': {
        const v = value();
        if (v === 'off') {
          options.rateLimit = false;
        } else {
          const perSecond = Number(v);
          if (v === undefined || !Number.isFinite(perSecond) || perSecond <= 0 || perSecond > 10_000) return `--rate-limit needs "off" or a positive number of requests per second (got ${v ?? 'nothing'})`;
          options.rateLimit = { perSecond, daily: 10_000 };
        }
        break;
      }
      case '--disable': {
        const v = value();
        const names = (v ?? '').split(',').map(x => x.trim()).filter(x => x !== '');
        if (names.length === 0) return `--disable needs features separated by commas: ${LOCAL_GONG_FEATURES.join(',')}`;
        const unknown = names.filter(n => !(LOCAL_GONG_FEATURES as readonly string[]).includes(n));
        if (unknown.length > 0) return `--disable: unknown feature ${unknown.join(', ')} (known: ${LOCAL_GONG_FEATURES.join(', ')})`;
        options.disable = [...new Set([...(options.disable ?? []), ...names as LocalGongFeature[]])];
        break;
      }
      case '--unbroken-text':
        options.unbrokenText = true;
        break;
      case '--help':
      case '-h':
        return USAGE;
      default:
        return `unknown argument ${arg}\n${USAGE}`;
    }
  }
  return options;
}

async function main(): Promise<void> {
  const parsed = parseCliArgs(process.argv.slice(2));
  if (typeof parsed === 'string') {
    process.stderr.write(`${parsed}\n`);
    process.exitCode = parsed === USAGE ? 0 : 2;
    return;
  }
  const handle = await startLocalGong(parsed);
  process.stdout.write(`${JSON.stringify({ baseUrl: handle.baseUrl, accessKey: handle.accessKey, accessKeySecret: handle.accessKeySecret, bearerToken: handle.bearerToken })}\n`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    handle.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  main().catch(err => {
    process.stderr.write(`local-gong: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
