/**
 * The `gong` CLI as a separate process (the tsc build of src/cli/gong.ts) against the local Gong:
 * the catalog as JSON, exact 19-digit ids in the output, refusals before any request, merged pages.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalGong } from '../../../src/localGong/index';
import type { LocalGongHandle } from '../../../src/localGong/index';
import { crmIntegrationOf } from '../../../src/localGong/routes/crm';

const CLI = join(__dirname, '..', '..', '..', 'src', 'cli', 'gong.js');

interface Ran { code: number; stdout: string; stderr: string }

function gongCli(args: string[], env: Record<string, string> = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [CLI, ...args], {
      timeout: 30_000,
      maxBuffer: 64 << 20,
      env: { PATH: process.env.PATH ?? '', ...env },
    }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') { reject(new Error(error.message, { cause: error })); return; }
      resolve({ code: child.exitCode ?? (error ? Number(error.code) : 0), stdout, stderr });
    });
  });
}

describe('gong CLI', function () {
  this.timeout(60_000);
  let gong: LocalGongHandle;
  let env: Record<string, string>;

  before(async () => {
    assert.ok(existsSync(CLI), `${CLI} is missing (run tsc first)`);
    gong = await startLocalGong({ rateLimit: false, seed: 11, users: 150, calls: 40 });
    env = { GONG_BASE_URL: gong.baseUrl, GONG_ACCESS_KEY: gong.accessKey, GONG_ACCESS_KEY_SECRET: gong.accessKeySecret, GONG_REQUESTS_PER_SECOND: '200' };
  });
  after(async () => { await gong?.close(); });

  it('actions --json prints the whole catalog: 68 entries with their fields', async () => {
    const r = await gongCli(['actions', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const list = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    assert.equal(list.length, 68);
    const coaching = list.find(a => a.id === 'coaching.metrics');
    assert.ok(coaching);
    assert.deepEqual([coaching.method, coaching.path, coaching.scope, coaching.paging], ['GET', '/v2/coaching', 'api:coaching:read', 'none']);
    const fields = coaching.fields as Array<Record<string, unknown>>;
    assert.deepEqual(fields.find(f => f.path === 'workspaceId'), { path: 'workspaceId', location: 'query', wireName: 'workspace-id', kind: 'id', required: true, idKind: 'workspace', description: 'Workspace id' });
    const logs = list.find(a => a.id === 'logs.list');
    assert.deepEqual((logs?.fields as Array<Record<string, unknown>>).find(f => f.path === 'logType')?.enumValues, ['AccessLog', 'UserActivityLog', 'UserCallPlay', 'ExternallySharedCallAccess', 'ExternallySharedCallPlay']);
    for (const a of list) assert.ok(Array.isArray(a.aliases) && typeof a.readOnly === 'boolean' && typeof a.destructive === 'boolean');
  });

  it('actions without --json prints a readable table', async () => {
    const r = await gongCli(['actions']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /calls\.list\s+GET\s+\/v2\/calls\s/);
    assert.match(r.stdout, /68 actions/);
  });

  it('run prints exact 19-digit ids, also for ids Gong sends as bare numbers', async () => {
    const call = gong.world.calls[0];
    assert.ok(call);
    const r = await gongCli(['run', 'GONG_GET_CALL_BY_ID', '--input', JSON.stringify({ call_id: call.id })], env);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.includes(`"id": "${call.id}"`), 'the call id is printed exactly');
    assert.equal((JSON.parse(r.stdout) as { call: { id: string } }).call.id, call.id);
    const user = gong.world.users[0];
    assert.ok(user);
    const reg = await gongCli(['run', 'crm.registerIntegration', '--input', JSON.stringify({ name: 'CLI CRM', ownerEmail: user.emailAddress })], env);
    assert.equal(reg.code, 0, reg.stderr);
    const id = crmIntegrationOf(gong.world)?.integrationId;
    assert.match(String(id), /^\d{19}$/);
    assert.ok(reg.stdout.includes(String(id)), `the bare-number integrationId ${id} keeps every digit: ${reg.stdout}`);
  });

  it('a bad input exits 2 with the issues and sends nothing', async () => {
    const before = gong.requestCount;
    const r = await gongCli(['run', 'calls.list', '--input', '{"fromDateTime":"2024-01-01","toDateTime":"2024-02-01T00:00:00Z","workspaceId":"123456789012345678901"}'], env);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /fromDateTime: must be an ISO-8601 date-time/);
    assert.match(r.stderr, /workspaceId: must be a Gong id/);
    const bad = await gongCli(['run', 'users.get', '--input', '{not json'], env);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /not valid JSON/);
    assert.equal(gong.requestCount, before, 'no request reached the local Gong');
  });

  it('unknown actions suggest close matches; missing credentials are named', async () => {
    const r = await gongCli(['run', 'users.lst'], env);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown action "users\.lst".*Did you mean: users\.list/);
    const noEnv = await gongCli(['run', 'users.list']);
    assert.equal(noEnv.code, 3);
    assert.match(noEnv.stderr, /GONG_ACCESS_KEY/);
    const half = await gongCli(['run', 'users.list'], { GONG_ACCESS_KEY: 'x' });
    assert.equal(half.code, 3);
    assert.match(half.stderr, /GONG_ACCESS_KEY_SECRET is not set/);
  });

  it('Gong errors go to stderr with status, message and requestId, exiting 1', async () => {
    const r = await gongCli(['run', 'users.get', '--input', '{"id":"1111111111111111111"}'], env);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Gong error 404/);
    assert.match(r.stderr, /requestId: \w+/);
    assert.equal(r.stdout, '');
  });

  it('nothing found is an empty list, exiting 0, with a note on stderr', async () => {
    const runs: Array<[string, unknown, string]> = [
      ['stats.interaction', { filter: { fromDate: '2001-01-01', toDate: '2001-01-08' } }, 'peopleInteractionStats'],
      ['stats.activityDayByDay', { filter: { fromDate: '2001-01-01', toDate: '2001-01-08' } }, 'usersDetailedActivities'],
      ['logs.list', { logType: 'AccessLog', fromDateTime: '2001-01-01T00:00:00Z', toDateTime: '2001-01-02T00:00:00Z' }, 'logEntries'],
      ['users.extensive', { filter: { createdFromDateTime: '2001-01-01T00:00:00Z', createdToDateTime: '2001-01-02T00:00:00Z' } }, 'users'],
      ['calls.list', { fromDateTime: '2001-01-01T00:00:00Z', toDateTime: '2001-01-02T00:00:00Z' }, 'calls'],
    ];
    for (const [id, input, key] of runs) {
      for (const extra of [[], ['--all-pages']]) {
        const r = await gongCli(['run', id, '--input', JSON.stringify(input), ...extra], env);
        assert.equal(r.code, 0, `${id} ${extra.join(' ')}: ${r.stderr}`);
        assert.deepEqual((JSON.parse(r.stdout) as Record<string, unknown>)[key], [], id);
        if (extra.length === 0) assert.match(r.stderr, /nothing found/, id);
      }
    }
  });

  it('a top-level key the catalog does not declare is sent as given, with a note on stderr', async () => {
    const r = await gongCli(['run', 'users.list', '--input', '{"fieldGongAddsLater":"x"}'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /note: fieldGongAddsLater is not among the documented inputs of users\.list: sent as given; Gong may ignore it/);
    assert.ok(Array.isArray((JSON.parse(r.stdout) as { users: unknown[] }).users));
    const curl = await gongCli(['run', 'users.list', '--curl', '--input', '{"fieldGongAddsLater":"x"}'], env);
    assert.match(curl.stdout, /fieldGongAddsLater=x/);
  });

  it('--all-pages merges the list across pages', async () => {
    const r = await gongCli(['run', 'users.list', '--all-pages'], env);
    assert.equal(r.code, 0, r.stderr);
    const d = JSON.parse(r.stdout) as { users: Array<{ id: string }>; records: Record<string, unknown> };
    assert.equal(d.users.length, gong.world.users.length);
    assert.ok(d.users.length > 100, 'more than one page');
    assert.equal(new Set(d.users.map(u => u.id)).size, d.users.length);
    assert.equal(d.records.cursor, undefined);
    const one = await gongCli(['run', 'users.list'], env);
    assert.equal((JSON.parse(one.stdout) as { users: unknown[] }).users.length, 100);
  });

  it('--curl prints the request with the secret left in variables', async () => {
    const r = await gongCli(['run', 'dataPrivacy.forPhone', '--input', '{"phoneNumber":"+14155550100"}', '--curl'], env);
    assert.equal(r.code, 0);
    assert.ok(r.stdout.includes('phoneNumber=%2B14155550100'));
    assert.ok(r.stdout.includes('$GONG_ACCESS_KEY_SECRET'));
    assert.ok(!r.stdout.includes(gong.accessKeySecret));
  });

  it('checks GONG_BASE_URL for --curl too: a bad or key-like value exits 3, is never echoed, and sends nothing', async () => {
    const secret = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
    const bad: Array<[string, RegExp]> = [
      ['http://api.gong.io', /https/],
      [secret, /looks like a key/],
      ['Q7XK4M2P9RZ8T1V6W3Y5A0B2C4D6', /looks like a key/],
      ['gongapi', /single word/],
      ['ftp://api.gong.io', /https/],
    ];
    for (const [value, why] of bad) {
      for (const extra of [['--curl'], []]) {
        const r = await gongCli(['run', 'users.list', ...extra], { ...env, GONG_BASE_URL: value });
        assert.equal(r.code, 3, `${value} ${extra.join(' ')}: ${r.stderr}`);
        assert.match(r.stderr, why);
        assert.equal(r.stdout, '', 'no curl printed');
        if (value !== 'http://api.gong.io' && value !== 'ftp://api.gong.io') assert.ok(!r.stderr.includes(value), 'the value is not echoed');
      }
    }
    const before = gong.requestCount;
    const other = await gongCli(['run', 'users.list', '--curl'], { ...env, GONG_BASE_URL: 'https://api.gong.io.evil.example' });
    assert.equal(other.code, 3);
    assert.match(other.stderr, /api\.gong\.io\.evil\.example, which is not one of Gong's hosts; add --allow-host/);
    const allowed = await gongCli(['run', 'users.list', '--curl', '--allow-host', 'api.gong.io.evil.example'], { ...env, GONG_BASE_URL: 'https://api.gong.io.evil.example' });
    assert.equal(allowed.code, 0, allowed.stderr);
    assert.match(allowed.stdout, /https:\/\/api\.gong\.io\.evil\.example\/v2\/users/);
    assert.equal(gong.requestCount, before, 'nothing reached Gong');
  });

  it('--input-file reads a file, and - reads stdin', async () => {
    const user = gong.world.users[1];
    assert.ok(user);
    const r = await new Promise<Ran>((resolve, reject) => {
      const child = execFile(process.execPath, [CLI, 'run', 'users.get', '--input-file', '-'], { timeout: 30_000, env: { PATH: process.env.PATH ?? '', ...env } }, (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') { reject(new Error(error.message, { cause: error })); return; }
        resolve({ code: child.exitCode ?? 0, stdout, stderr });
      });
      child.stdin?.end(JSON.stringify({ user_id: user.id }));
    });
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { user: { id: string } }).user.id, user.id);
    const missing = await gongCli(['run', 'users.get', '--input-file', '/nonexistent/input.json'], env);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read \/nonexistent\/input\.json/);
  });

  it('help explains the commands and the environment', async () => {
    const r = await gongCli(['help']);
    assert.equal(r.code, 0);
    for (const word of ['actions', 'run', '--all-pages', 'GONG_BASE_URL', 'GONG_BEARER_TOKEN', '--search-store', 'GONG_SEARCH_STORE']) assert.ok(r.stdout.includes(word), word);
  });
});
