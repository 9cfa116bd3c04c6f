import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { AskedPrompt } from '../../src/platform/prompter';
import { getApi, signInScripted, signOutAll, useGong, waitFor, withPrompter } from './harness/index';
import { prepareGongTool } from '../../src/lmTools/index';

// The Gong tools in the real VS Code: each language-model tool through vscode.lm.invokeTool (the call
// agent mode makes, without a model) against a local Gong, writes confirmed or declined through the
// prompter, the signed-out answer, and the MCP server VS Code is offered, started with the
// credentials the provider hands it.

const TOOLS = ['gong_find_calls', 'gong_call', 'gong_transcript', 'gong_search_transcripts', 'gong_users', 'gong_scorecards', 'gong_user_stats', 'gong_ask_account', 'gong_describe_action', 'gong_run_action'];

async function invoke(name: string, input: Record<string, unknown>): Promise<string> {
  const source = new vscode.CancellationTokenSource();
  try {
    const result = await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined }, source.token);
    return result.content.map(p => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('');
  } finally {
    source.dispose();
  }
}

describe('language-model tools', function () {
  this.timeout(60_000);
  const gong = useGong({ seed: 5, users: 80, calls: 60 });
  before(async () => {
    const api = await getApi();
    await signInScripted(api, gong(), 'Tools');
    await waitFor(() => api.services.session.api(), 10_000, 'a client after sign-in');
  });
  after(async () => { await signOutAll(await getApi()); });

  it('registers every Gong tool with VS Code, with its schema from the catalog', () => {
    const ours = vscode.lm.tools.filter(t => t.name.startsWith('gong_'));
    assert.deepEqual(ours.map(t => t.name).sort(), [...TOOLS].sort());
    const call = ours.find(t => t.name === 'gong_call');
    assert.deepEqual((call?.inputSchema as { required?: string[] } | undefined)?.required, ['callId']);
    for (const t of ours) assert.match(t.description, /Cost: /, t.name);
  });

  it('finds calls and reads one call\'s brief by its exact id', async () => {
    const c = gong().world.calls.find(x => x.id.length === 19 && !x.title.includes('('));
    assert.ok(c);
    const found = await invoke('gong_find_calls', { fromDateTime: '2020-01-01T00:00:00Z', title: c.title, limit: 5 });
    assert.match(found, new RegExp(`· id ${c.id}( ·|$)`, 'm'), found);
    const brief = await invoke('gong_call', { callId: c.id });
    assert.ok(brief.includes(`Call id: ${c.id}`), brief);
    assert.match(brief, /Company participants:/);
  });

  it('cuts the two-hour transcript to its budget with the range left out and how to read on', async () => {
    const long = gong().world.calls.find(x => x.title.endsWith('(2h workshop)'));
    assert.ok(long);
    const text = await invoke('gong_transcript', { callId: long.id });
    assert.ok(text.length <= 20_000, `${text.length} characters within the default budget of 20,000`);
    assert.match(text, /\[Cut to the budget of 20,000 characters: shown 0:00 to \d+:\d\d; left out \d+:\d\d to 1:59:\d\d/);
    const from = /fromSeconds (\d+(?:\.\d+)?)/.exec(text);
    assert.ok(from);
    const next = await invoke('gong_transcript', { callId: long.id, fromSeconds: Number(from[1]), maxChars: 3000 });
    assert.ok(next.length <= 3000);
    assert.match(next, /From \d+:\d\d:/);
  });

  it('answers the other read tools: users, scorecards, stats, ask about an account, describe and run actions', async () => {
    const world = gong().world;
    const user = world.users.find(u => u.id.length === 19);
    assert.ok(user);
    assert.ok((await invoke('gong_users', { query: user.emailAddress })).includes(`id ${user.id}`));
    assert.match(await invoke('gong_scorecards', { callFromDate: '2020-01-01' }), /answered scorecards shown/);
    assert.ok((await invoke('gong_user_stats', { fromDate: '2020-01-01', userIds: [user.id] })).includes(`user ${user.id}`));
    const withCrm = world.calls.find(c => c.title.includes('<>') && !c.title.includes('('));
    assert.ok(withCrm);
    const brief = await invoke('gong_call', { callId: withCrm.id });
    const account = /- \S+ Account ([^\s:]+)/.exec(brief)?.[1];
    assert.ok(account, `the brief names the CRM account: ${brief.slice(-400)}`);
    const answer = await invoke('gong_ask_account', { workspaceId: withCrm.workspaceId, crmEntityType: 'ACCOUNT', crmEntityId: account, timePeriod: 'ALL_CONVERSATIONS', question: 'What are the next steps?' });
    assert.match(answer, /call/i, answer);
    assert.doesNotMatch(answer, /^Gong error/);
    const found = await invoke('gong_search_transcripts', { query: 'security', fromDateTime: '2020-01-01T00:00:00Z', maxRequests: 100 });
    assert.match(found, /calls in .* match/, found);
    assert.match(found, /\*\*security\*\*/i);
    assert.match(await invoke('gong_describe_action', { action: 'users.get' }), /GET \/v2\/users\/\{id\}/);
    assert.ok((await invoke('gong_run_action', { action: 'users.get', input: { id: user.id } })).includes(`"id": "${user.id}"`));
    const bad = await invoke('gong_run_action', { action: 'users.get', input: { id: 'nope' } });
    assert.match(bad, /input\.id: must be a Gong id/);
  });

  it('asks VS Code to confirm writes, naming what changes, and nothing for reads', async () => {
    const api = await getApi();
    const read = await prepareGongTool(api.services, 'gong_run_action', { action: 'users.list', input: {} });
    assert.equal(read.confirmationMessages, undefined);
    const owner = gong().world.users[0];
    assert.ok(owner);
    const write = await prepareGongTool(api.services, 'gong_run_action', { action: 'crm.registerIntegration', input: { name: 'Agent CRM', ownerEmail: owner.emailAddress } });
    assert.equal(write.confirmationMessages?.title, 'Change Gong: Register the generic CRM integration');
    const message = write.confirmationMessages?.message;
    assert.match(typeof message === 'string' ? message : message?.value ?? '', /Profile Tools: .*Agent CRM/s);
    const destroy = await prepareGongTool(api.services, 'gong_run_action', { action: 'dataPrivacy.eraseEmail', input: { emailAddress: owner.emailAddress } });
    const destroyMessage = destroy.confirmationMessages?.message;
    assert.match(destroy.confirmationMessages?.title ?? '', /^Destroy data in Gong/);
    assert.match(typeof destroyMessage === 'string' ? destroyMessage : destroyMessage?.value ?? '', /cannot be undone[\s\S]*retype/);
  });

  it('runs a write once VS Code\'s confirmation is accepted', async () => {
    // Outside a chat VS Code asks with a modal dialog, which the test build of the workbench accepts.
    const owner = gong().world.users[0];
    assert.ok(owner);
    const before = gong().requestCount;
    const confirmed = await invoke('gong_run_action', { action: 'crm.registerIntegration', input: { name: 'Agent CRM', ownerEmail: owner.emailAddress } });
    assert.match(confirmed, /"integrationId": "\d+"/, confirmed);
    assert.equal(gong().requestCount, before + 1);
  });

  it('sends nothing when the person declines to retype the target of a write that destroys data, or mistypes it', async () => {
    const api = await getApi();
    const email = gong().world.users[5]?.emailAddress;
    assert.ok(email);
    const input = { action: 'dataPrivacy.eraseEmail', input: { emailAddress: email } };
    const before = gong().requestCount;
    const asked: AskedPrompt[] = [];
    const declined = await withPrompter(api, [(a: AskedPrompt) => { asked.push(a); return undefined; }], () => invoke('gong_run_action', input));
    assert.match(declined, /cancelled the confirmation: nothing was sent/);
    assert.equal(asked[0]?.kind, 'input');
    assert.match(asked[0]?.prompt ?? '', new RegExp(`Type ${email.replace(/[.+]/g, '\\$&')} to confirm`));
    const mismatch = await withPrompter(api, ['someone@else.example'], () => invoke('gong_run_action', input));
    assert.match(mismatch, /did not match emailAddress/);
    assert.equal(gong().requestCount, before, 'nothing reached Gong');
    const done = await withPrompter(api, [email.toUpperCase()], () => invoke('gong_run_action', input));
    assert.doesNotMatch(done, /nothing was sent|^Gong error/, done);
    assert.equal(gong().requestCount, before + 1);
  });

  it('hands the MCP server the profile\'s credentials only when it starts and the Search view\'s store, and the server answers and searches that store', async () => {
    const api = await getApi();
    const defs = api.mcp.provideMcpServerDefinitions();
    assert.equal(defs.length, 1);
    const def = defs[0] as vscode.McpStdioServerDefinition;
    assert.equal(def.label, 'Gong (Tools)');
    assert.deepEqual(def.args.slice(-1), ['mcp']);
    assert.equal(def.env.GONG_ACCESS_KEY_SECRET, undefined, 'no secret in the definition VS Code keeps');
    // The server searches the profile's store: the file the Search view opens.
    const folder = api.services.search?.storeFolder();
    assert.ok(folder);
    const store = join(folder, 'store.db');
    assert.equal(def.env.GONG_SEARCH_STORE, store);
    // The extension fetches a range into that store first (agent mode's tool, which opens no view, so
    // no view fetches anything meanwhile): the server then finds it there.
    const range = { fromDateTime: '2020-01-01T00:00:00.000Z', toDateTime: new Date(Date.now() + 86_400_000).toISOString() };
    const inVsCode = await invoke('gong_search_transcripts', { query: 'security', ...range, maxRequests: 100 });
    assert.match(inVsCode, /^[1-9]\d* of \d+ calls in .* match security/, inVsCode);
    const started = await api.mcp.resolveMcpServerDefinition(def);
    assert.ok(started);
    assert.equal(started.env.GONG_ACCESS_KEY, gong().accessKey);
    assert.equal(started.env.GONG_SEARCH_STORE, store);
    const env: Record<string, string> = { PATH: process.env.PATH ?? '' };
    for (const [k, v] of Object.entries(started.env)) if (v !== null) env[k] = String(v);
    const client = new Client({ name: 'integration', version: '1.0.0' });
    await client.connect(new StdioClientTransport({ command: started.command, args: started.args, env, stderr: 'ignore' }));
    try {
      const { tools } = await client.listTools();
      assert.deepEqual(tools.map(t => t.name), TOOLS);
      const r = await client.callTool({ name: 'gong_users', arguments: { limit: 3 } }) as { content: Array<{ text?: string }>; isError?: boolean };
      assert.notEqual(r.isError, true);
      assert.match(r.content[0]?.text ?? '', / · id \d+/);
      const before = gong().requestCount;
      const found = await client.callTool({ name: 'gong_search_transcripts', arguments: { query: 'security', ...range } }) as { content: Array<{ text?: string }>; isError?: boolean };
      const text = found.content[0]?.text ?? '';
      assert.notEqual(found.isError, true, text);
      assert.equal(text, inVsCode, 'the same answer from the same store');
      assert.equal(gong().requestCount, before, 'the range the extension stored costs the MCP server no request');
    } finally {
      await client.close();
    }
  });

  it('answers with how to sign in when no profile is signed in', async () => {
    const api = await getApi();
    await signOutAll(api);
    await waitFor(() => api.services.session.api() === undefined, 10_000, 'signed out');
    const text = await invoke('gong_find_calls', {});
    assert.match(text, /Not signed in to Gong/);
    assert.match(text, /Gong: Sign In/);
    assert.deepEqual(api.mcp.provideMcpServerDefinitions(), []);
  });
});
