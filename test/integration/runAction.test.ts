import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AskedPrompt, ScriptedAnswer } from '../../src/platform/prompter';
import { BACK } from '../../src/platform/prompter';
import { getApi, signInScripted, signOutAll, useGong, waitFor, withPrompter, type LocalGong } from './harness/index';

// Run Action end to end in the real VS Code: the command, the input steps answered by a script,
// the real client against a local Gong, and the read-only result document.

const RUN = 'gongExplorer.actions.run';
const COPY_CURL = 'gongExplorer.actions.copyCurl';
const RUN_RECENT = 'gongExplorer.actions.runRecent';
const FETCH_ALL = 'gongExplorer.actions.fetchAll';
const EDIT_JSON = 'gongExplorer.actions.editJson';
const RUN_JSON = 'gongExplorer.actions.runJson';

type Outcome =
  | { kind: 'result'; uri: string; status: number; requestId: string | undefined; text: string; richUri?: string }
  | { kind: 'error'; message: string }
  | { kind: 'invalid'; message: string }
  | { kind: 'notConfirmed' };

interface LgMeetingLike { meetingId: string; title: string | null; organizerEmail: string }
interface MeetingsModule {
  meetingsOf(world: LocalGong['world']): LgMeetingLike[];
  providerDisconnected(user: LocalGong['world']['users'][number]): boolean;
}

function meetingsModule(): MeetingsModule {
  // The same compiled module the harness's local Gong uses, so its per-world state is shared.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.resolve(__dirname, '../../src/localGong/routes/meetings')) as MeetingsModule;
}

interface WorldModule {
  worldExtras(world: LocalGong['world']): { accountCrmIds: string[] };
  callCustomerIndex(call: LocalGong['world']['calls'][number]): number | undefined;
}

function worldModule(): WorldModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.resolve(__dirname, '../../src/localGong/world')) as WorldModule;
}

/** Answers a pick with the item whose label contains `text`, an input with `text`. */
const either = (pickLabel: string, inputText: string) => (asked: AskedPrompt): unknown => (asked.kind === 'pick' ? pickLabel : inputText);

/** Answers a "known ids" step: picks "Enter another id…" when a list is offered, else types the id. */
const typeId = (id: string): ScriptedAnswer[] => {
  let typed = false;
  return [
    (asked: AskedPrompt) => {
      if (asked.kind === 'pick') return asked.labels?.find(l => l.includes('Enter another id')) ?? id;
      typed = true;
      return id;
    },
    // Only consumed when the first answer opened the list.
    (asked: AskedPrompt) => {
      assert.equal(typed, false, 'the id was already typed');
      assert.equal(asked.kind, 'input');
      return id;
    },
  ];
};

describe('Run Action', function () {
  this.timeout(60_000);
  // Enough calls that this quarter's list takes several pages.
  const gong = useGong({ calls: 600 });

  before(async () => {
    const api = await getApi();
    await signInScripted(api, gong(), 'RunAction');
  });
  after(async () => {
    await signOutAll(await getApi());
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('an answer about an account opens as rich text beside its JSON (Markdown preview), with its calls as links', async () => {
    const api = await getApi();
    const world = gong().world;
    const call = world.calls.find(c => c.scope === 'External' && worldModule().callCustomerIndex(c) !== undefined);
    assert.ok(call, 'an external call');
    const account = worldModule().worldExtras(world).accountCrmIds[worldModule().callCustomerIndex(call) as number];
    const input = { workspaceId: call.workspaceId, crmEntityType: 'ACCOUNT', crmEntityId: account, timePeriod: 'ALL_CONVERSATIONS', question: 'What are the main risks?' };
    // The optional custom-range dates are skipped, however the steps offer them.
    const skip = (asked: AskedPrompt): unknown => (asked.kind === 'input' ? '' : asked.labels?.find(l => /skip/i.test(l)) ?? []);
    const out = await withPrompter(api, [skip, skip, skip], async () => vscode.commands.executeCommand<Outcome>(RUN, { actionId: 'entities.ask', input }));
    assert.ok(out && out.kind === 'result', JSON.stringify(out));
    assert.ok(out.richUri?.endsWith('.md'), `a Markdown document: ${out.richUri}`);
    const md = await vscode.workspace.openTextDocument(vscode.Uri.parse(out.richUri as string));
    assert.match(md.getText(), /^# What are the main risks\?/);
    assert.match(md.getText(), /\*\*From calls\*\*/);
    await waitFor(() => vscode.window.tabGroups.all.flatMap(g => g.tabs).some(t => t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType)), 10_000, 'the Markdown preview is shown');
    const json = vscode.workspace.textDocuments.find(d => d.uri.toString() === out.uri);
    assert.ok(json && /"numOfCallsSearched"/.test(json.getText()), 'the JSON is there too');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('runs a read action from the list and shows the result with exact ids', async () => {
    const api = await getApi();
    const call = gong().world.calls[0];
    assert.ok(call, 'the local Gong has calls');
    assert.ok(call.id.length >= 16, `a long id (${call.id})`);
    const answers: ScriptedAnswer[] = ['Get a call', ...typeId(call.id)];
    const out = await withPrompter(api, answers, async p => {
      const t0 = performance.now();
      const r = await vscode.commands.executeCommand<Outcome>(RUN);
      console.log(`    command to open result document: ${(performance.now() - t0).toFixed(0)} ms (scripted answers, known calls fetched once)`);
      const picks = p.asked.filter(a => a.kind === 'pick');
      assert.ok((picks[0]?.labels?.length ?? 0) >= 68, 'the list holds every action');
      return r;
    });
    assert.ok(out && out.kind === 'result', `a result, got ${JSON.stringify(out)}`);
    assert.equal(out.status, 200);
    assert.ok(out.uri.startsWith('gong-result:'), out.uri);
    const doc = vscode.workspace.textDocuments.find(d => d.uri.toString() === out.uri);
    assert.ok(doc, 'the result document is open');
    assert.equal(doc.languageId, 'json');
    const text = doc.getText();
    assert.ok(text.includes(`"id": "${call.id}"`), 'the call id, digit for digit, as a string');
    assert.ok(text.includes(`"workspaceId": "${call.workspaceId}"`) || text.includes(call.primaryUserId), 'other ids exact too');
    const parsed = JSON.parse(text) as { call?: { id?: unknown }; calls?: Array<{ id?: unknown }> };
    const id = parsed.call?.id ?? parsed.calls?.[0]?.id;
    assert.equal(id, call.id);
  });

  it('lists calls with a date preset filling both ends of the range, and fetches all pages after saying how many requests', async () => {
    const api = await getApi();
    const answers: ScriptedAnswer[] = [
      'List calls by date range',
      'This quarter',                 // fromDateTime; toDateTime comes from the same preset
      either('Skip', ''),             // optional workspace: Skip on a list, empty Enter on a box
    ];
    const out = await withPrompter(api, answers, async p => {
      const r = await vscode.commands.executeCommand<Outcome>(RUN);
      const steps = p.asked.slice(1).map(a => `${a.step}/${a.totalSteps}`);
      assert.deepEqual(steps, ['1/3', '2/2'], 'the preset answered the second date, so the count shrank');
      return r;
    });
    assert.ok(out && out.kind === 'result', JSON.stringify(out));
    const first = JSON.parse(out.text) as { records: { totalRecords: number; cursor?: string }; calls: Array<{ id: string }> };
    assert.ok(first.calls.length > 0, 'calls this quarter');
    for (const c of first.calls.slice(0, 5)) assert.ok(gong().world.callsById.has(c.id), `id ${c.id} is exact`);
    assert.equal(!!first.records.cursor, first.records.totalRecords > first.calls.length, 'a cursor exactly when more records remain');
    console.log(`    this quarter: ${first.records.totalRecords} calls, first page ${first.calls.length}`);
    assert.ok(first.records.cursor, 'several pages this quarter');
    const second = await vscode.commands.executeCommand<Outcome>('gongExplorer.actions.nextPage', out.uri);
    assert.ok(second && second.kind === 'result', JSON.stringify(second));
    const page2 = JSON.parse(second.text) as { records: { currentPageNumber: number }; calls: Array<{ id: string }> };
    assert.equal(page2.records.currentPageNumber, 1);
    assert.ok(!page2.calls.some(c => first.calls.some(f => f.id === c.id)), 'the next page holds other calls');
    if (first.records.cursor) {
      const t0 = performance.now();
      const all = await withPrompter(api, [(asked: AskedPrompt) => {
        assert.equal(asked.kind, 'confirm');
        assert.match(asked.message ?? '', new RegExp(`${first.records.totalRecords.toLocaleString('en-US')} records`));
        const more = Math.ceil(first.records.totalRecords / 100) - 1;
        assert.match(asked.message ?? '', new RegExp(`takes ${more} more request`), 'the request count comes first');
        return 'Fetch All';
      }], async () => await vscode.commands.executeCommand<Outcome>(FETCH_ALL, out.uri));
      assert.ok(all && all.kind === 'result', JSON.stringify(all));
      console.log(`    fetch all: ${Math.ceil(first.records.totalRecords / 100) - 1} more requests in ${(performance.now() - t0).toFixed(0)} ms`);
      const merged = JSON.parse(all.text) as { calls: Array<{ id: string }> };
      assert.equal(merged.calls.length, first.records.totalRecords, 'every record in one document');
      assert.equal(new Set(merged.calls.map(c => c.id)).size, merged.calls.length, 'no page twice');
    }
  });

  it('runs a write action and the local Gong holds what was sent; Back returns to the previous step', async () => {
    const api = await getApi();
    // eslint-disable-next-line @typescript-eslint/unbound-method -- plain module functions
    const { meetingsOf, providerDisconnected } = meetingsModule();
    const organizer = gong().world.users.find(u => u.active && !providerDisconnected(u));
    assert.ok(organizer, 'a user with a connected provider');
    const before = meetingsOf(gong().world).length;
    const answers: ScriptedAnswer[] = [
      'Create a Gong meeting',
      'Today',                                    // startTime (and endTime from the same preset)
      'wrong@example.com',                        // organizerEmail ...
      BACK,                                       // ... Back from invitees to the organizer
      organizer.emailAddress,                     // organizer again
      '[{"email":"ana@example.com","displayName":"Ana"}]',
      'Pipeline review',                          // title
      '',                                         // externalId: empty Enter skips
      '',                                         // provider: skipped
    ];
    const out = await withPrompter(api, answers, async p => {
      const r = await vscode.commands.executeCommand<Outcome>(RUN);
      const steps = p.asked.slice(1).map(a => a.step);
      assert.deepEqual(steps, [1, 2, 3, 2, 3, 4, 5, 6], 'Back went one step back, then forward again');
      const organizerPrompt = p.asked[4];
      assert.equal(organizerPrompt?.value, 'wrong@example.com', 'the box shows the earlier answer after Back');
      assert.equal(p.remaining, 0);
      return r;
    });
    assert.ok(out && out.kind === 'result', JSON.stringify(out));
    const body = JSON.parse(out.text) as { meetingId: string };
    assert.match(body.meetingId, /^\d{15,20}$/);
    const meetings = meetingsOf(gong().world);
    assert.equal(meetings.length, before + 1);
    const made = meetings.find(m => m.meetingId === body.meetingId);
    assert.ok(made, `the local Gong stored meeting ${body.meetingId} (ids exact)`);
    assert.equal(made.title, 'Pipeline review');
    assert.equal(made.organizerEmail.toLowerCase(), organizer.emailAddress.toLowerCase());
  });

  it('a destructive action with a wrong retype sends nothing; the right one deletes', async () => {
    const api = await getApi();
    // eslint-disable-next-line @typescript-eslint/unbound-method -- plain module functions
    const { meetingsOf } = meetingsModule();
    const target = meetingsOf(gong().world)[0];
    assert.ok(target, 'a meeting from the previous test');
    // Named the way the seed lists do (slug and parameter names); the catalog maps them.
    const prefill = { actionId: 'GONG_DELETE_MEETING', input: { meeting_id: target.meetingId, organizer_email: target.organizerEmail } };
    const wrong = await withPrompter(api, ['Continue', target.meetingId.slice(0, -1)], async p => {
      const r = await vscode.commands.executeCommand<Outcome>(RUN, prefill);
      assert.equal(p.asked[0]?.kind, 'confirm', 'no input steps: every field was prefilled');
      assert.match(p.asked[1]?.prompt ?? '', new RegExp(target.meetingId));
      return r;
    });
    assert.deepEqual(wrong, { kind: 'notConfirmed' });
    assert.ok(meetingsOf(gong().world).some(m => m.meetingId === target.meetingId), 'still there: nothing was sent');

    const cancelled = await withPrompter(api, [undefined], async () => await vscode.commands.executeCommand<Outcome>(RUN, prefill));
    assert.equal(cancelled, undefined, 'dismissing the modal cancels silently');
    assert.ok(meetingsOf(gong().world).some(m => m.meetingId === target.meetingId));

    const right = await withPrompter(api, ['Continue', target.meetingId], async () => await vscode.commands.executeCommand<Outcome>(RUN, prefill));
    assert.ok(right && right.kind === 'result', JSON.stringify(right));
    assert.ok(!meetingsOf(gong().world).some(m => m.meetingId === target.meetingId), 'deleted');
  });

  it('shows the rule when an answer is not valid, and sends nothing', async () => {
    const api = await getApi();
    // eslint-disable-next-line @typescript-eslint/unbound-method -- plain module functions
    const { meetingsOf } = meetingsModule();
    const count = meetingsOf(gong().world).length;
    const prompter = await withPrompter(api, ['Create a Gong meeting', 'Today', 'not-an-email'], async p => {
      await vscode.commands.executeCommand(RUN);
      return p;
    });
    assert.equal(prompter.validationMessages.length, 1);
    assert.match(prompter.validationMessages[0] ?? '', /email/i);
    assert.equal(meetingsOf(gong().world).length, count);
  });

  it('Back on the first step returns to the action list', async () => {
    const api = await getApi();
    const p = await withPrompter(api, ['Get a call', BACK, undefined], async prompter => {
      const r = await vscode.commands.executeCommand(RUN);
      assert.equal(r, undefined);
      return prompter;
    });
    assert.equal(p.asked.length, 3);
    assert.ok((p.asked[2]?.labels?.length ?? 0) >= 68, 'the action list again');
  });

  it('copies a run as curl without the secret, and runs a recent run again', async () => {
    const api = await getApi();
    const call = gong().world.calls[1];
    assert.ok(call);
    const text = await vscode.commands.executeCommand<string>(COPY_CURL, { actionId: 'calls.get', input: { id: call.id } });
    assert.ok(text, 'the curl text');
    assert.ok(text.includes(`/v2/calls/${call.id}`));
    assert.ok(text.includes('$GONG_ACCESS_KEY_SECRET'));
    assert.ok(!text.includes(gong().accessKeySecret), 'no secret');
    const profile = api.services.session.active?.name ?? '';
    const stored = JSON.stringify(api.services.context.globalState.get('gongExplorer.recentRuns') ?? {});
    assert.ok(stored.includes(profile), 'recent runs are kept per profile');
    assert.ok(!stored.includes('"meetingUrl"'), 'no response bodies among recent runs');
    const again = await withPrompter(api, ['Get a call'], async p => {
      const r = await vscode.commands.executeCommand<Outcome>(RUN_RECENT);
      assert.equal(p.asked[0]?.kind, 'pick');
      return r;
    });
    assert.ok(again && again.kind === 'result', JSON.stringify(again));
    assert.ok(again.text.includes(gong().world.calls[0]?.id ?? '-'), 'the first read, run again with its stored input');
  });
  it('shows status, Gong\'s message, the request id and what to do when Gong refuses', async () => {
    const missing = '1234567890123456789';
    assert.ok(!gong().world.callsById.has(missing));
    const out = await vscode.commands.executeCommand<Outcome & { status?: number; requestId?: string; hint?: string }>(RUN, { actionId: 'calls.get', input: { id: missing } });
    assert.ok(out && out.kind === 'error', JSON.stringify(out));
    assert.equal(out.status, 404);
    assert.ok(out.requestId, 'the request id is reported');
    assert.ok(out.message.includes('HTTP 404') && out.message.includes(out.requestId), out.message);
    assert.ok(out.hint, 'says what to do');
  });

  it('edits the whole input as JSON with diagnostics, then runs it from the editor', async () => {
    const call = gong().world.calls[2];
    assert.ok(call);
    const uri = await vscode.commands.executeCommand<string>(EDIT_JSON, { actionId: 'calls.get', input: {} });
    assert.ok(uri, 'the editor uri');
    const doc = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri);
    assert.ok(doc);
    assert.equal(doc.languageId, 'json');
    assert.ok(doc.getText().includes('"id": ""'), 'a placeholder for the required id');
    const diags = await waitFor(() => { const d = vscode.languages.getDiagnostics(doc.uri); return d.length > 0 ? d : undefined; }, 5000, 'diagnostics for the empty id');
    assert.ok(diags.some(d => d.message.startsWith('id')), diags.map(d => d.message).join(' | '));
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
    assert.ok(lenses.some(l => l.command?.command === RUN_JSON && /Run: Get a call/.test(l.command.title)), 'a Run lens');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), `{ "id": "${call.id}" }\n`);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor(() => vscode.languages.getDiagnostics(doc.uri).length === 0, 5000, 'diagnostics cleared');
    const out = await vscode.commands.executeCommand<Outcome>(RUN_JSON, uri);
    assert.ok(out && out.kind === 'result', JSON.stringify(out));
    assert.ok(out.text.includes(`"${call.id}"`));
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
  it('uploads call media through the file picker (multipart)', async () => {
    const api = await getApi();
    const host = gong().world.users.find(u => u.active);
    assert.ok(host);
    // Every required field comes with the command; the optional ones are offered in one list, and none is
    // chosen; a prefilled write is shown once before it is sent.
    const created = await withPrompter(api, [[], 'Send'], async () => await vscode.commands.executeCommand<Outcome>(RUN, { actionId: 'calls.create', input: {
      clientUniqueId: `run-action-${Date.now()}`,
      actualStart: new Date(Date.now() - 3_600_000).toISOString(),
      direction: 'Outbound',
      primaryUser: host.id,
      parties: [{ userId: host.id, emailAddress: host.emailAddress, name: `${host.firstName} ${host.lastName}` }],
    } }));
    assert.ok(created && created.kind === 'result', JSON.stringify(created));
    const callId = (JSON.parse(created.text) as { callId: string }).callId;
    assert.equal(gong().world.callsById.get(callId)?.mediaStatus, 'WAITING');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gong-media-'));
    const file = path.join(dir, 'call.mp3');
    fs.writeFileSync(file, Buffer.alloc(4096, 7));
    try {
      // Dismissing the summary sends nothing.
      const dismissed = await withPrompter(api, [file, undefined], async () => await vscode.commands.executeCommand<Outcome>(RUN, { actionId: 'calls.addMedia', input: { id: callId } }));
      assert.equal(dismissed, undefined);
      assert.equal(gong().world.callsById.get(callId)?.mediaStatus, 'WAITING', 'nothing uploaded without the confirmation');
      const out = await withPrompter(api, [file, 'Send'], async p => {
        const r = await vscode.commands.executeCommand<Outcome>(RUN, { actionId: 'calls.addMedia', input: { id: callId } });
        assert.deepEqual(p.asked.map(a => a.kind), ['pickFile', 'confirm'], 'only the file is asked (the id came with the command), then the summary');
        assert.match(p.asked[1]?.message ?? '', /Send .* to Gong/);
        assert.ok((p.asked[1]?.detail ?? '').includes(`upload the file ${file}`), p.asked[1]?.detail);
        assert.ok((p.asked[1]?.detail ?? '').includes(callId));
        return r;
      });
      assert.ok(out && out.kind === 'result', JSON.stringify(out));
      assert.equal(gong().world.callsById.get(callId)?.mediaStatus, 'UPLOADED');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the missing OAuth scope when a token lacks it', async () => {
    const api = await getApi();
    const previous = api.services.session.active?.name;
    const limited = (gong() as LocalGong & { addToken(scopes: string[]): string }).addToken(['api:users:read', 'api:workspaces:read', 'api:calls:read:basic']);
    await signInScripted(api, { ...gong(), bearerToken: limited }, 'Limited', 'bearer');
    try {
      // The optional workspace is skipped (a list when workspaces could be read, else an empty box).
      const out = await withPrompter(api, [either('Skip', '')], async () =>
        await vscode.commands.executeCommand<Outcome & { status?: number; hint?: string }>(RUN, { actionId: 'settings.trackers', input: {} }));
      assert.ok(out && out.kind === 'error', JSON.stringify(out));
      assert.equal(out.status, 401);
      assert.ok(out.hint?.includes('api:settings:trackers:read'), out.hint);
    } finally {
      await api.services.session.signOut('Limited');
      if (previous) await api.services.session.switchTo(previous);
    }
  });
  it('started from a call without an action: call actions come first and the call id is filled in', async () => {
    const api = await getApi();
    const call = gong().world.calls[3];
    assert.ok(call);
    const out = await withPrompter(api, ['Get a call'], async p => {
      const r = await vscode.commands.executeCommand<Outcome>(RUN, { input: { id: call.id } });
      const labels = p.asked[0]?.labels ?? [];
      assert.equal(labels.length, 68);
      assert.ok(labels.slice(0, 4).some(l => l.includes('Get a call')), `call actions first: ${labels.slice(0, 6).join(' | ')}`);
      assert.equal(p.asked.length, 1, 'no input step: the id came from the call');
      return r;
    });
    assert.ok(out && out.kind === 'result', JSON.stringify(out));
    assert.ok(out.text.includes(`"id": "${call.id}"`));
  });
  it('signed out, it asks nothing and offers to sign in (runs last: it signs out)', async () => {
    const api = await getApi();
    await signOutAll(api);
    const p = await withPrompter(api, [], async prompter => {
      const r = await vscode.commands.executeCommand(RUN, { actionId: 'calls.get', input: { id: gong().world.calls[0]?.id } });
      assert.equal(r, undefined);
      return prompter;
    });
    assert.equal(p.asked.length, 0);
  });
});
