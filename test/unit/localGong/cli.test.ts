// `npm run local-gong`: one JSON line once listening, a working server behind it, a clean stop on
// SIGTERM/SIGINT, and clear refusals of bad arguments.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseCliArgs } from '../../../src/localGong/cli';
import { textOf } from '../../../src/shared/textOf';

const ROOT = join(__dirname, '..', '..', '..', '..');
const CLI = join(ROOT, 'dist', 'localGongCli.js');

function run(args: string[]): { child: ChildProcess; firstLine: Promise<string>; exit: Promise<{ code: number | null; stderr: string }> } {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const firstLine = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no line within 20s; stderr: ${err}`)), 20_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve(out.slice(0, nl));
      }
    });
    child.on('exit', () => { clearTimeout(timer); if (!out.includes('\n')) reject(new Error(`exited without a line; stderr: ${err}`)); });
  });
  child.stderr?.on('data', (d: Buffer) => { err += d.toString('utf8'); });
  const exit = new Promise<{ code: number | null; stderr: string }>(resolve => child.on('exit', code => resolve({ code, stderr: err })));
  return { child, firstLine, exit };
}

describe('localGong: command line', function () {
  this.timeout(40_000);
  before(function () {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run node esbuild.mjs first`);
  });

  it('parses and validates arguments', () => {
    assert.deepEqual(parseCliArgs(['--port', '4010', '--seed', '9', '--users', '12', '--calls', '30', '--rate-limit', 'off']), { port: 4010, seed: 9, users: 12, calls: 30, rateLimit: false });
    assert.deepEqual(parseCliArgs(['--port=0', '--rate-limit=5']), { port: 0, rateLimit: { perSecond: 5, daily: 10_000 } });
    assert.deepEqual(parseCliArgs(['--unbroken-text']), { port: 0, unbrokenText: true });
    assert.match(textOf(parseCliArgs(['--port', '70000'])), /--port must be between 0 and 65535/);
    assert.match(textOf(parseCliArgs(['--users', 'many'])), /--users needs a whole number/);
    assert.match(textOf(parseCliArgs(['--rate-limit', 'fast'])), /--rate-limit needs "off" or a positive number/);
    assert.match(textOf(parseCliArgs(['--bogus'])), /unknown argument --bogus/);
    assert.match(textOf(parseCliArgs(['--seed'])), /--seed needs a whole number/);
    assert.match(textOf(parseCliArgs(['--users', '0'])), /--users must be between 1 and 100000/);
    assert.match(textOf(parseCliArgs(['--calls=500001'])), /--calls must be between 0 and 500000/);
    assert.match(textOf(parseCliArgs(['constructor'])), /unknown argument constructor/);
    assert.deepEqual(parseCliArgs(['--disable', 'engage,meetings']), { port: 0, disable: ['engage', 'meetings'] });
    assert.deepEqual(parseCliArgs(['--disable=meetings']), { port: 0, disable: ['meetings'] });
    assert.match(textOf(parseCliArgs(['--disable', 'engage,crm'])), /--disable: unknown feature crm/);
    assert.match(textOf(parseCliArgs(['--disable'])), /--disable needs features/);
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`prints one JSON line with a working base URL and credentials, and stops on ${signal}`, async () => {
      const p = run(['--port', '0', '--seed', '4', '--users', '15', '--calls', '20', '--rate-limit', 'off']);
      try {
        const info = JSON.parse(await p.firstLine) as Record<string, string>;
        assert.deepEqual(Object.keys(info), ['baseUrl', 'accessKey', 'accessKeySecret', 'bearerToken']);
        assert.match(info.baseUrl!, /^http:\/\/127\.0\.0\.1:\d+$/);
        const res = await fetch(`${info.baseUrl}/v2/users`, { headers: { authorization: `Bearer ${info.bearerToken}` } });
        const body = await res.json() as { records: { totalRecords: number } };
        assert.equal(body.records.totalRecords, 15);
        p.child.kill(signal);
        const { code } = await p.exit;
        assert.equal(code, 0);
        await assert.rejects(fetch(`${info.baseUrl}/v2/users`));
      } finally {
        if (p.child.exitCode === null) p.child.kill('SIGKILL');
      }
    });
  }

  it('exits with status 2 and a message for a bad argument', async () => {
    const p = run(['--calls', '-5']);
    p.firstLine.catch(() => undefined);
    const { code, stderr } = await p.exit;
    assert.equal(code, 2);
    assert.match(stderr, /--calls needs a whole number/);
  });
});
