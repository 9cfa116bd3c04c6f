// `npm run bench:tools`: the Gong tools as an MCP client sees them. Starts the local Gong (1,000 users,
// 300 calls, its 3 requests/s limit on), runs `node dist/gongCli.js mcp` and drives it with the MCP
// SDK's own client over stdio: for each common tool call, the answer's size in characters (and a
// rough token estimate, characters / 4), the requests it sent to Gong and the time it took, including
// the two-hour transcript cut to its default budget and read whole through the resource.
// The last line printed is one JSON object with every figure.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const require = createRequire(import.meta.url);
const { startLocalGong } = require('../dist/localGong.js');
const cli = fileURLToPath(new URL('../dist/gongCli.js', import.meta.url));

const gong = await startLocalGong({ seed: 7, users: 1000, calls: 300 });
const transport = new StdioClientTransport({
  command: process.execPath,
  args: [cli, 'mcp'],
  env: { PATH: process.env.PATH ?? '', GONG_BASE_URL: gong.baseUrl, GONG_ACCESS_KEY: gong.accessKey, GONG_ACCESS_KEY_SECRET: gong.accessKeySecret },
  stderr: 'ignore',
});
const client = new Client({ name: 'bench-tools', version: '1.0.0' });
const rows = {};
try {
  await client.connect(transport);
  const long = gong.world.calls.find(c => c.title.endsWith('(2h workshop)'));
  const some = gong.world.calls.find(c => !c.title.includes('('));
  const user = gong.world.usersById.get(some.primaryUserId);
  const week = { fromDateTime: new Date(Date.now() - 7 * 86_400_000).toISOString() };
  const cases = [
    ['find_calls_week', 'gong_find_calls', week],
    ['find_calls_title', 'gong_find_calls', { fromDateTime: '2020-01-01T00:00:00Z', title: 'workshop' }],
    ['call_brief', 'gong_call', { callId: some.id }],
    ['transcript_2h_default_budget', 'gong_transcript', { callId: long.id }],
    ['transcript_2h_next_part', 'gong_transcript', { callId: long.id, fromSeconds: 3600 }],
    ['transcript_normal_call', 'gong_transcript', { callId: some.id }],
    ['users_first_page', 'gong_users', {}],
    ['users_query', 'gong_users', { query: user.emailAddress }],
    ['scorecards', 'gong_scorecards', {}],
    ['user_stats', 'gong_user_stats', { userIds: [user.id], fromDate: '2020-01-01' }],
    ['describe_all_actions', 'gong_describe_action', {}],
    ['run_action_users_list', 'gong_run_action', { action: 'users.list', input: {} }],
  ];
  for (const [label, name, args] of cases) {
    const before = gong.requestCount;
    const t0 = performance.now();
    const r = await client.callTool({ name, arguments: args });
    const ms = performance.now() - t0;
    const text = r.content.map(c => c.text ?? '').join('\n');
    if (r.isError) throw new Error(`${label}: ${text}`);
    rows[label] = { tool: name, chars: text.length, approxTokens: Math.round(text.length / 4), requests: gong.requestCount - before, ms: Math.round(ms), cut: /\[Cut to the budget|More may follow|Left out/.test(text) };
  }
  const before = gong.requestCount;
  const t0 = performance.now();
  const res = await client.readResource({ uri: `gong://calls/${long.id}/transcript` });
  const whole = res.contents[0]?.text ?? '';
  rows.resource_transcript_2h = { tool: 'resource', chars: whole.length, approxTokens: Math.round(whole.length / 4), requests: gong.requestCount - before, ms: Math.round(performance.now() - t0), cut: /\[Cut to the budget/.test(whole) };
  const tools = await client.listTools();
  rows.list_tools = { tool: 'tools/list', chars: JSON.stringify(tools).length, approxTokens: Math.round(JSON.stringify(tools).length / 4), requests: 0, ms: 0, cut: false };
} finally {
  await client.close().catch(() => undefined);
  await gong.close();
}
for (const [label, r] of Object.entries(rows)) {
  console.log(`${label.padEnd(30)} ${String(r.chars).padStart(8)} chars  ~${String(r.approxTokens).padStart(6)} tokens  ${String(r.requests).padStart(2)} requests  ${String(r.ms).padStart(5)} ms${r.cut ? '  (cut, with a note)' : ''}`);
}
console.log(JSON.stringify({ users: 1000, calls: 300, rateLimitPerSecond: 3, results: rows }));
