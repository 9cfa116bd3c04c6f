import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { findAction } from '../../src/catalog/index';
import type { AskedPrompt } from '../../src/platform/prompter';
import { getApi, signInScripted, signOutAll, useGong, withPrompter, type LocalGong } from './harness/index';

// Run Action in the real VS Code while the local Gong misbehaves: a Fetch all that fails part way
// keeps its pages and says where to resume, a write answered 503 is sent once only (writes are not
// retry-safe), and a read answered 429 waits out Retry-After and succeeds.

const RUN = 'gongExplorer.actions.run';
const FETCH_ALL = 'gongExplorer.actions.fetchAll';

type Outcome =
  | { kind: 'result'; uri: string; status: number; text: string }
  | { kind: 'error'; message: string; hint?: string; status?: number; failure: string; retry: boolean; partialUri?: string }
  | { kind: 'invalid'; message: string }
  | { kind: 'notConfirmed' };

interface MeetingsModule {
  meetingsOf(world: LocalGong['world']): Array<{ meetingId: string }>;
  providerDisconnected(user: LocalGong['world']['users'][number]): boolean;
}

function meetingsModule(): MeetingsModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module the harness's local Gong uses (shared per-world state)
  return require(path.resolve(__dirname, '../../src/localGong/routes/meetings')) as MeetingsModule;
}

/** Skips every optional step (empty Enter, or Skip on a list) and sends a write when asked. */
const skipAndSend = (asked: AskedPrompt): unknown =>
  asked.kind === 'confirm' ? 'Send' : asked.kind === 'input' ? '' : asked.labels?.find(l => /skip/i.test(l)) ?? [];
const answers = Array.from({ length: 6 }, () => skipAndSend);

/** Runs an action by id with its input; optional steps not in the input are skipped. */
async function run(actionId: string, input: Record<string, unknown>): Promise<Outcome | undefined> {
  return withPrompter(await getApi(), answers, async () => vscode.commands.executeCommand<Outcome>(RUN, { actionId, input }));
}

const docText = (uri: string) => vscode.workspace.textDocuments.find(d => d.uri.toString() === uri)?.getText();

describe('Run Action under faults', function () {
  this.timeout(60_000);
  const USERS = 450;
  const gong = useGong({ users: USERS });

  before(async () => { await signInScripted(await getApi(), gong(), 'RunActionFaults'); });
  afterEach(() => { gong().faults.clear(); });
  after(async () => {
    await signOutAll(await getApi());
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a Fetch all failing on page 3 keeps pages 1-2 in a document, names the page, and resumes from it', async () => {
    const api = await getApi();
    const first = await run('users.list', {});
    assert.ok(first && first.kind === 'result', JSON.stringify(first));
    // Page 2 comes; page 3 fails through every retry.
    gong().faults.add({ method: 'GET', path: '/v2/users', status: 503, after: 1, times: 4 });
    const t0 = performance.now();
    const failed = await withPrompter(api, ['Fetch All'], async () => vscode.commands.executeCommand<Outcome>(FETCH_ALL, first.uri));
    assert.ok(performance.now() - t0 < 15_000, 'the failure came within the retries\' backoff');
    assert.equal(gong().faults.pending, 0, 'page 3 was tried four times (three retries of a read)');
    assert.ok(failed && failed.kind === 'error', JSON.stringify(failed));
    assert.equal(failed.failure, 'server');
    assert.equal(failed.status, 503);
    assert.ok(failed.retry, 'offers Retry');
    assert.match(failed.message, /Page 3 failed/);
    assert.match(failed.message, /pages 1-2 are kept in .*, whose Fetch all resumes from page 3/);
    assert.ok(failed.partialUri, 'a document holds the pages fetched');
    const partial = JSON.parse(docText(failed.partialUri) ?? 'null') as { users: Array<{ id: string }> } | null;
    assert.ok(partial, 'the partial document is open');
    assert.equal(partial.users.length, 200, 'pages 1 and 2');
    assert.deepEqual(partial.users.map(u => u.id), gong().world.users.slice(0, 200).map(u => u.id));

    // Resuming from the partial document asks Gong only for the pages still missing.
    const resumed = await withPrompter(api, [(asked: AskedPrompt) => {
      assert.equal(asked.kind, 'confirm');
      assert.match(asked.message ?? '', /takes 3 more requests/);
      return 'Fetch All';
    }], async () => vscode.commands.executeCommand<Outcome>(FETCH_ALL, failed.partialUri));
    assert.ok(resumed && resumed.kind === 'result', JSON.stringify(resumed));
    const all = JSON.parse(resumed.text) as { users: Array<{ id: string }> };
    assert.deepEqual(all.users.map(u => u.id), gong().world.users.map(u => u.id), 'every user once, in order');
  });

  it('a 503 on a write is not retried: one request, nothing created, and the error says so', async () => {
    const create = findAction('meetings.create');
    assert.ok(create && !create.retrySafe, 'the catalog marks meetings.create as not retry-safe');
    assert.ok(findAction('users.list')?.retrySafe, 'reads are retry-safe');
    // eslint-disable-next-line @typescript-eslint/unbound-method -- plain module functions
    const { meetingsOf, providerDisconnected } = meetingsModule();
    const organizer = gong().world.users.find(u => u.active && !providerDisconnected(u));
    assert.ok(organizer);
    const before = meetingsOf(gong().world).length;
    const start = new Date(Date.now() + 86_400_000);
    const input = {
      startTime: start.toISOString(), endTime: new Date(start.getTime() + 1_800_000).toISOString(),
      organizerEmail: organizer.emailAddress, invitees: [{ email: 'ana@example.com' }], title: 'Fault test',
    };
    gong().faults.add({ method: 'POST', path: '/v2/meetings', status: 503, times: 2 });
    const out = await run('meetings.create', input);
    assert.ok(out && out.kind === 'error', JSON.stringify(out));
    assert.equal(out.status, 503);
    assert.equal(out.failure, 'server');
    assert.match(out.message, /Gong had a server error \(HTTP 503\)/);
    assert.equal(gong().faults.pending, 1, 'exactly one request reached Gong');
    assert.equal(meetingsOf(gong().world).length, before, 'nothing was created');
  });

  it('a 429 on a read waits for Retry-After and succeeds', async () => {
    gong().faults.add({ method: 'GET', path: '/v2/users', status: 429, retryAfter: 2 });
    const t0 = performance.now();
    const out = await run('users.list', {});
    const ms = performance.now() - t0;
    assert.ok(out && out.kind === 'result', JSON.stringify(out));
    assert.equal(out.status, 200);
    assert.equal(gong().faults.pending, 0, 'the 429 was answered');
    assert.ok(ms >= 1_900 && ms < 10_000, `waited about 2 s (${Math.round(ms)} ms)`);
    const page = JSON.parse(out.text) as { users: unknown[] };
    assert.equal(page.users.length, 100);
  });
});
