/**
 * The MCP server (`gong mcp`, the tsc build of src/cli/gong.ts) as a separate process, driven by the
 * MCP SDK's own client over stdio against the local Gong: the tool list, every read tool, exact ids,
 * writes only with --allow-writes, bad input and Gong errors as error results, paging, resources.
 */
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { startLocalGong, type LocalGongHandle } from '../../../src/localGong/index';
import { catalog } from '../../../src/catalog/index';
import { callFilterTime } from '../../../src/localGong/world';
import { gongTools, jsonSchemaOf } from '../../../src/tools/index';
import { mcpSearch } from '../../../src/cli/run';

const CLI = join(__dirname, '..', '..', '..', 'src', 'cli', 'gong.js');
const READ_TOOLS = ['gong_find_calls', 'gong_call', 'gong_transcript', 'gong_search_transcripts', 'gong_users', 'gong_scorecards', 'gong_user_stats', 'gong_ask_account', 'gong_describe_action', 'gong_run_action'];

interface Text { type: string; text?: string }
interface Result { content: Text[]; isError?: boolean }

async function connect(gong: LocalGongHandle, args: string[] = []): Promise<Client> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, 'mcp', ...args],
    env: { PATH: process.env.PATH ?? '', GONG_BASE_URL: gong.baseUrl, GONG_ACCESS_KEY: gong.accessKey, GONG_ACCESS_KEY_SECRET: gong.accessKeySecret, GONG_REQUESTS_PER_SECOND: '200' },
    stderr: 'pipe',
  });
  const client = new Client({ name: 'gong-explorer-test', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

async function call(client: Client, name: string, args: Record<string, unknown>): Promise<{ text: string; isError: boolean }> {
  const r = await client.callTool({ name, arguments: args }) as Result;
  return { text: r.content.map(c => c.text ?? '').join('\n'), isError: r.isError === true };
}

describe('gong mcp search store option', () => {
  it('without node:sqlite, keeps serving and says the search needs Node 22.13+, opening nothing', async () => {
    const r = await mcpSearch('/tmp/somewhere/store.db', {}, false, '/nonexistent/worker.js');
    assert.ok('unavailable' in r, JSON.stringify(r));
    assert.match(r.unavailable, /needs node:sqlite \(Node 22\.13 or newer\), and it runs on Node \d+/);
    assert.match(r.unavailable, /store.db/);
  });

  it('takes GONG_SEARCH_STORE when the option is absent, and an empty option is a usage problem', async () => {
    const fromEnv = await mcpSearch(undefined, { GONG_SEARCH_STORE: '/tmp/x/store.db' }, false);
    assert.ok('unavailable' in fromEnv && fromEnv.unavailable.includes(join('/tmp/x', 'store.db')), JSON.stringify(fromEnv));
    const none = await mcpSearch(undefined, { GONG_SEARCH_STORE: ' ' }, false);
    assert.ok('unavailable' in none && /started without a transcript store/.test(none.unavailable), JSON.stringify(none));
    const empty = await mcpSearch('', {}, true);
    assert.deepEqual(empty, { problem: '--search-store needs the path of a store file (store.db)' });
  });
});

describe('MCP server (gong mcp)', function () {
  this.timeout(60_000);
  let gong: LocalGongHandle;
  let client: Client;

  before(async () => {
    assert.ok(existsSync(CLI), `${CLI} is missing (run tsc first)`);
    gong = await startLocalGong({ rateLimit: false, seed: 11, users: 150, calls: 60 });
    client = await connect(gong);
  });
  after(async () => {
    await client?.close();
    await gong?.close();
  });

  it('lists the read tools only, each read-only, with schemas from the catalog\'s zod schemas', async () => {
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map(t => t.name), READ_TOOLS);
    for (const t of tools) {
      assert.equal(t.annotations?.readOnlyHint, true, t.name);
      assert.equal(t.annotations?.destructiveHint, false, t.name);
      assert.ok((t.description ?? '').includes('Cost:'), `${t.name} says what it costs`);
    }
    const callTool = tools.find(t => t.name === 'gong_call');
    const def = gongTools.find(t => t.name === 'gong_call');
    assert.ok(callTool && def);
    assert.deepEqual(callTool.inputSchema, jsonSchemaOf(def.input));
    assert.deepEqual((callTool.inputSchema.properties as Record<string, { pattern?: string }>).callId?.pattern, '^\\d{1,20}$');
  });

  it('finds a call with a 19-digit id beyond 2^53 and reads it by that exact id', async () => {
    const big = gong.world.calls.find(c => BigInt(c.id) > BigInt(Number.MAX_SAFE_INTEGER) && c.id.length === 19);
    assert.ok(big, 'the local Gong has a call id beyond 2^53');
    // Gong matches meetings by their scheduled start and other calls by their actual start.
    const from = new Date(callFilterTime(big) - 1000).toISOString();
    const to = new Date(callFilterTime(big) + 1000).toISOString();
    const found = await call(client, 'gong_find_calls', { fromDateTime: from, toDateTime: to });
    assert.equal(found.isError, false, found.text);
    assert.match(found.text, new RegExp(`· id ${big.id}( ·|$)`, 'm'));
    const brief = await call(client, 'gong_call', { callId: big.id });
    assert.equal(brief.isError, false, brief.text);
    assert.ok(brief.text.includes(`Call id: ${big.id}`), brief.text);
    assert.ok(brief.text.includes(big.title.trim()), 'the title');
  });

  it('cuts the two-hour transcript to its budget and says how to get the next part', async () => {
    const long = gong.world.calls.find(c => c.title.endsWith('(2h workshop)'));
    assert.ok(long);
    const first = await call(client, 'gong_transcript', { callId: long.id, maxChars: 5000 });
    assert.equal(first.isError, false, first.text);
    assert.ok(first.text.length <= 5000, `answer of ${first.text.length} characters within 5,000`);
    const m = /fromSeconds (\d+(?:\.\d+)?)/.exec(first.text);
    assert.ok(m, `the note names the next fromSeconds: ${first.text.slice(-400)}`);
    assert.match(first.text, /left out \d+:\d\d to 1:59:\d\d/);
    const next = await call(client, 'gong_transcript', { callId: long.id, fromSeconds: Number(m[1]), maxChars: 5000 });
    assert.equal(next.isError, false, next.text);
    const firstLine = next.text.split('\n').find(l => l.startsWith('['));
    assert.ok(firstLine && !first.text.includes(firstLine), 'the next part starts after the first one');
  });

  it('answers every other read tool with exact ids', async () => {
    const user = gong.world.users.find(u => u.id.length === 19);
    assert.ok(user);
    const users = await call(client, 'gong_users', { query: user.emailAddress });
    assert.equal(users.isError, false, users.text);
    assert.ok(users.text.includes(`id ${user.id}`), users.text);
    const stats = await call(client, 'gong_user_stats', { userIds: [user.id], fromDate: '2020-01-01' });
    assert.equal(stats.isError, false, stats.text);
    assert.ok(stats.text.includes(`user ${user.id}`), stats.text);
    const cards = await call(client, 'gong_scorecards', { callFromDate: '2020-01-01' });
    assert.equal(cards.isError, false, cards.text);
    assert.match(cards.text, /answered scorecards shown/);
    const withCrm = gong.world.calls.find(c => c.title.includes('<>') && !c.title.includes('('));
    assert.ok(withCrm);
    const brief = await call(client, 'gong_call', { callId: withCrm.id });
    const account = /- \S+ Account ([^\s:]+)/.exec(brief.text)?.[1];
    assert.ok(account, brief.text);
    const asked = await call(client, 'gong_ask_account', { workspaceId: withCrm.workspaceId, crmEntityType: 'ACCOUNT', crmEntityId: account, timePeriod: 'ALL_CONVERSATIONS', question: 'What are the risks?' });
    assert.equal(asked.isError, false, asked.text);
    assert.match(asked.text, /risks/i);
    const described = await call(client, 'gong_describe_action', {});
    assert.equal(described.isError, false);
    for (const a of catalog.actions) assert.ok(described.text.includes(`- ${a.id}:`), a.id);
    const one = await call(client, 'gong_run_action', { action: 'users.get', input: { id: user.id } });
    assert.equal(one.isError, false, one.text);
    assert.ok(one.text.includes(`"id": "${user.id}"`), 'the id as a string with every digit');
  });

  it('pages through a long list with the cursor, losing and repeating nothing', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 20; i++) {
      const r = await call(client, 'gong_users', { limit: 40, ...(cursor ? { cursor } : {}) });
      assert.equal(r.isError, false, r.text);
      for (const m of r.text.matchAll(/ · id (\d+)/g)) seen.push(m[1] as string);
      cursor = /cursor "([^"]+)"/.exec(r.text)?.[1];
      if (!cursor) break;
    }
    assert.equal(cursor, undefined, 'the last answer has no cursor');
    assert.equal(new Set(seen).size, seen.length, 'no user twice');
    assert.deepEqual([...seen].sort(), gong.world.users.map(u => u.id).sort());
  });

  it('answers bad input with an error result naming the field, sending nothing', async () => {
    const before = gong.requestCount;
    const bad = await call(client, 'gong_call', { callId: 'abc' });
    assert.equal(bad.isError, true);
    assert.match(bad.text, /callId: must be a Gong id/);
    const nested = await call(client, 'gong_run_action', { action: 'calls.list', input: { fromDateTime: 'yesterday', toDateTime: '2024-01-01T00:00:00Z' } });
    assert.equal(nested.isError, true);
    assert.match(nested.text, /input\.fromDateTime: must be an ISO-8601/);
    const unknown = await call(client, 'gong_users', { nme: 'x' });
    assert.equal(unknown.isError, true);
    assert.match(unknown.text, /nme: is not an input/);
    const cursor = await call(client, 'gong_users', { cursor: 'not-ours' });
    assert.equal(cursor.isError, true);
    assert.match(cursor.text, /cursor: is not a cursor/);
    assert.equal(gong.requestCount, before, 'nothing reached Gong');
  });

  it('returns Gong errors as error results with Gong\'s message and request id', async () => {
    gong.faults.add({ method: 'GET', path: '/v2/users', status: 403, body: { errors: ['Access to users is restricted for this key'] } });
    const r = await call(client, 'gong_users', {});
    assert.equal(r.isError, true);
    assert.match(r.text, /Gong error 403/);
    assert.match(r.text, /Access to users is restricted for this key/);
    assert.match(r.text, /Gong request id: \S+/);
    const missing = await call(client, 'gong_call', { callId: '1111111111111111111' });
    assert.equal(missing.isError, true);
    assert.match(missing.text, /no call with id 1111111111111111111/);
  });

  it('refuses writes without --allow-writes and sends nothing', async () => {
    const before = gong.requestCount;
    const r = await call(client, 'gong_run_action', { action: 'meetings.delete', input: { meetingId: '123' } });
    assert.equal(r.isError, true);
    assert.match(r.text, /without --allow-writes/);
    const direct = await call(client, 'gong_action_meetings_delete', { meetingId: '123' });
    assert.equal(direct.isError, true);
    assert.match(direct.text, /without --allow-writes/);
    assert.equal(gong.requestCount, before);
  });

  it('says transcript search is unavailable without a store and what to pass, sending nothing', async () => {
    const before = gong.requestCount;
    const r = await call(client, 'gong_search_transcripts', { query: 'pricing' });
    assert.equal(r.isError, true);
    assert.match(r.text, /started without a transcript store/);
    assert.match(r.text, /gong mcp --search-store <path to store\.db>/);
    assert.match(r.text, /GONG_SEARCH_STORE/);
    assert.equal(gong.requestCount, before);
  });

  it('offers calls and transcripts as resources', async () => {
    const { resourceTemplates } = await client.listResourceTemplates();
    assert.deepEqual(resourceTemplates.map(t => t.uriTemplate), ['gong://calls/{id}', 'gong://calls/{id}/transcript']);
    const c = gong.world.calls.find(x => x.id.length === 19);
    assert.ok(c);
    const brief = await client.readResource({ uri: `gong://calls/${c.id}` });
    assert.ok(String((brief.contents[0] as { text?: string } | undefined)?.text).includes(`Call id: ${c.id}`));
    const t = await client.readResource({ uri: `gong://calls/${c.id}/transcript` });
    assert.ok(String((t.contents[0] as { text?: string } | undefined)?.text).includes(`call id ${c.id}`));
    await assert.rejects(client.readResource({ uri: 'gong://calls/abc' }), /Unknown resource/);
  });

  describe('with --allow-writes', () => {
    let writer: Client;
    before(async () => { writer = await connect(gong, ['--allow-writes']); });
    after(async () => { await writer?.close(); });

    it('adds each write as its own tool, annotated', async () => {
      const { tools } = await writer.listTools();
      const writes = catalog.actions.filter(a => !a.readOnly);
      assert.equal(tools.length, READ_TOOLS.length + writes.length);
      const del = tools.find(t => t.name === 'gong_action_meetings_delete');
      assert.equal(del?.annotations?.readOnlyHint, false);
      assert.equal(del?.annotations?.destructiveHint, true);
      const create = tools.find(t => t.name === 'gong_action_crm_registerIntegration');
      assert.equal(create?.annotations?.readOnlyHint, false);
      assert.equal(create?.annotations?.destructiveHint, false);
      assert.deepEqual(create?.inputSchema, jsonSchemaOf(catalog.find('crm.registerIntegration')!.input));
    });

    it('runs a write and answers with Gong\'s result', async () => {
      const owner = gong.world.users[0];
      assert.ok(owner);
      const r = await call(writer, 'gong_action_crm_registerIntegration', { name: 'MCP CRM', ownerEmail: owner.emailAddress });
      assert.equal(r.isError, false, r.text);
      assert.match(r.text, /"integrationId": "\d+"/);
      const bad = await call(writer, 'gong_action_crm_registerIntegration', { name: 'MCP CRM' });
      assert.equal(bad.isError, true);
      assert.match(bad.text, /ownerEmail/);
    });
  });
});
