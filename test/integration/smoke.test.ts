import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, getApi, getActivationRecord, signInScripted, signOutAll, useGong, waitFor } from './harness/index';

interface ContributedCommand { command: string }

describe('smoke: the extension in a real VS Code', () => {
  it('activates and returns its API', async () => {
    const record = getActivationRecord();
    assert.ok(record, 'index.ts activated the extension before the suites');
    assert.equal(record.error, undefined, `activation threw: ${record.error ?? ''}`);
    const api = await getApi();
    assert.equal(typeof api.setPrompter, 'function');
    assert.ok(api.services.session, 'services.session is wired');
    console.log(`    activate() ${record.activateCallMs.toFixed(1)} ms seen by the test, ${record.reportedMs?.toFixed(1) ?? '?'} ms measured by the extension`);
  });

  it('does no network I/O while activating', () => {
    const record = getActivationRecord();
    assert.ok(record);
    assert.ok(record.watchedBy, `activation was not watched (already active: ${record.wasActiveBefore})`);
    assert.deepEqual(record.networkDuringActivation, [], 'outgoing connections or requests during activate()');
  });

  it('records its activation time in globalState', () => {
    const record = getActivationRecord();
    assert.ok(record);
    assert.equal(typeof record.reportedMs, 'number', 'gongExplorer.lastActivationMs is stored');
    assert.ok((record.reportedMs ?? -1) >= 0 && (record.reportedMs ?? Infinity) < 5000, `implausible activation time ${String(record.reportedMs)}`);
  });

  it('logs through VS Code\'s LogOutputChannel, whose level VS Code sets, with no setting of its own', async () => {
    const api = await getApi();
    const channel = api.services.log.channel;
    assert.equal(channel.name, 'Gong');
    const shape = `a LogOutputChannel (createOutputChannel with { log: true }); has ${Object.keys(channel).join(', ')}`;
    assert.equal(typeof channel.logLevel, 'number', shape);
    assert.equal(typeof channel.trace, 'function', shape);
    assert.ok(channel.logLevel >= vscode.LogLevel.Off && channel.logLevel <= vscode.LogLevel.Error, `level ${channel.logLevel}`);
    assert.equal(api.services.log.level, channel.logLevel);
    assert.equal(vscode.workspace.getConfiguration('gongExplorer').inspect('logLevel')?.defaultValue, undefined, 'the old gongExplorer.logLevel setting is gone');
    assert.notEqual(vscode.workspace.getConfiguration('gongExplorer').inspect('requestsPerSecond')?.defaultValue, undefined, 'a contributed setting has its default');
  });

  it('registers every command package.json contributes', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    const contributed = ((ext.packageJSON as { contributes?: { commands?: ContributedCommand[] } }).contributes?.commands ?? []).map(c => c.command);
    assert.ok(contributed.length > 0, 'package.json contributes commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter(c => !registered.has(c));
    assert.deepEqual(missing, [], 'contributed commands without a handler');
  });
});

describe('harness: sign-in through the command with scripted answers', () => {
  const gong = useGong();
  after(async () => { await signOutAll(await getApi()); });

  it('signs in with an access key and the client reaches the local Gong', async () => {
    const api = await getApi();
    const prompter = await signInScripted(api, gong(), 'Harness');
    assert.equal(api.services.session.active?.name, 'Harness');
    assert.equal(api.services.session.active?.baseUrl, gong().baseUrl);
    assert.ok(prompter.asked.some(a => a.kind === 'input' && a.password), 'the secret was asked for as a password');
    const client = api.services.session.api();
    assert.ok(client);
    const res = await client.request<{ users?: unknown[] }>({ method: 'GET', path: '/v2/users' });
    assert.equal(res.data.users?.length, gong().world.users.length > 100 ? 100 : gong().world.users.length);
  });

  it('signs in again with a bearer token, replacing the profile of the same name', async () => {
    const api = await getApi();
    await signInScripted(api, gong(), 'Harness', 'bearer');
    assert.equal(api.services.session.active?.authKind, 'bearer');
    assert.equal(api.services.session.profiles().filter(p => p.name === 'Harness').length, 1);
  });

  it('waitFor fails with what it waited for', async () => {
    await assert.rejects(waitFor(() => false, 100, 'never'), /never not met within 100 ms/);
  });
});
