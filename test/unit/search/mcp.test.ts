/**
 * `gong mcp --search-store`: the MCP server (the tsc build of src/cli/gong.ts, a separate process) driven
 * by the MCP SDK's client over stdio against the local Gong, searching transcripts in a store file it
 * fills once; a second server on the same file (named by GONG_SEARCH_STORE) finds them without asking
 * Gong. Here, not in test/unit/mcp, because the store needs node:sqlite (this suite runs on Node 24).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { startLocalGong, type LocalGongHandle } from '../../../src/localGong/index';
import { callFilterTime } from '../../../src/localGong/world';

const CLI = join(__dirname, '..', '..', '..', 'src', 'cli', 'gong.js');

function envOf(gong: LocalGongHandle, extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '', GONG_BASE_URL: gong.baseUrl, GONG_ACCESS_KEY: gong.accessKey, GONG_ACCESS_KEY_SECRET: gong.accessKeySecret, GONG_REQUESTS_PER_SECOND: '200', ...extra };
}

async function connect(gong: LocalGongHandle, args: string[], extra: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: 'gong-explorer-test', version: '1.0.0' });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp', ...args], env: envOf(gong, extra), stderr: 'pipe' }));
  return client;
}

async function search(client: Client, args: Record<string, unknown>): Promise<{ text: string; isError: boolean }> {
  const r = await client.callTool({ name: 'gong_search_transcripts', arguments: args }) as { content: Array<{ text?: string }>; isError?: boolean };
  return { text: r.content.map(c => c.text ?? '').join('\n'), isError: r.isError === true };
}

describe('MCP server transcript search (gong mcp --search-store)', function () {
  this.timeout(120_000);
  let gong: LocalGongHandle;
  let dir: string;
  let range: { fromDateTime: string; toDateTime: string };

  before(async () => {
    gong = await startLocalGong({ rateLimit: false, seed: 9, calls: 120 });
    dir = mkdtempSync(join(tmpdir(), 'gong-mcp-search-'));
    // Gong matches meetings by their scheduled start and other calls by their actual start.
    const times = gong.world.calls.map(callFilterTime);
    range = { fromDateTime: new Date(Math.min(...times) - 1000).toISOString(), toDateTime: new Date(Math.max(...times) + 1000).toISOString() };
  });
  after(async () => {
    await gong?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fetches a range once into the store and answers hits; the same search again, and from a second server on the file, asks Gong nothing', async () => {
    const store = join(dir, 'store.db');
    const client = await connect(gong, ['--search-store', store]);
    let first: { text: string; isError: boolean };
    try {
      const before = gong.requestCount;
      first = await search(client, { query: 'pricing', ...range });
      assert.equal(first.isError, false, first.text);
      assert.ok(gong.requestCount > before, 'the first search fetched the range');
      assert.match(first.text, /^\d+ of 120 calls in .* match pricing/);
      assert.match(first.text, /call \d{15,20} · \d+ match/);
      assert.match(first.text, /\[\d\d:\d\d\] .+ \((company|external|unknown)\): .*\*\*[Pp]ricing\*\*/);
      const fetched = gong.requestCount;
      const again = await search(client, { query: 'pricing', ...range });
      assert.equal(again.text, first.text);
      assert.equal(gong.requestCount, fetched, 'the second identical search sent nothing to Gong');
    } finally { await client.close(); }

    // A second server on the same file, named by the environment (as VS Code starts it).
    const fetched = gong.requestCount;
    const second = await connect(gong, [], { GONG_SEARCH_STORE: store });
    try {
      const same = await search(second, { query: 'pricing', ...range });
      assert.equal(same.text, first.text);
      const other = await search(second, { query: '"security questionnaire" side:external', ...range });
      assert.equal(other.isError, false, other.text);
      assert.match(other.text, /\(external\): .*\*\*[Ss]ecurity questionnaire\*\*/);
      assert.equal(gong.requestCount, fetched, 'the stored range costs the second server nothing');
    } finally { await second.close(); }
  });

  it('refuses a store path that cannot be a store, saying why, before serving anything', () => {
    const run = (store: string) => spawnSync(process.execPath, [CLI, 'mcp', '--search-store', store], { env: envOf(gong), input: '', encoding: 'utf8', timeout: 30_000 });
    const missing = run(join(dir, 'no-such-folder', 'store.db'));
    assert.equal(missing.status, 2, missing.stderr);
    assert.match(missing.stderr, /--search-store: the folder .*no-such-folder does not exist/);
    const folder = run(dir);
    assert.equal(folder.status, 2, folder.stderr);
    assert.match(folder.stderr, /--search-store names a folder .* give the store file in it/);
    const notDb = join(dir, 'notes.txt');
    writeFileSync(notDb, 'not a database, just some text that is long enough to be read as a header...');
    const bad = run(notDb);
    assert.equal(bad.status, 2, bad.stderr);
    assert.match(bad.stderr, /cannot open the search store .*notes\.txt: .*not a database/);
    assert.equal(missing.stdout + folder.stdout + bad.stdout, '', 'no protocol output');
  });
});
