import * as assert from 'node:assert/strict';
import type { QuickPickItem } from 'vscode';
import type { FieldSpec } from '../../../src/catalog/types';
import type { InputOptions, PickOptions, Prompter } from '../../../src/platform/prompter';
import { BACK, type Back } from '../../../src/platform/back';
import { CUSTOM_DATE_LABEL, EDIT_JSON_LABEL, ENTER_OTHER_LABEL, isBack, runWizard, SKIP_LABEL, type KnownValues } from '../../../src/input/wizard';
import { field } from './helpers';


interface Asked { kind: string; step?: number; totalSteps?: number; canGoBack?: boolean; labels?: string[]; descriptions?: Array<string | undefined>; value?: string; prompt?: string; many?: boolean }
type Answer = string | string[] | symbol | undefined;

/** Answers from a queue like the integration tests' ScriptedPrompter; input answers must pass the box's validation. */
class FakePrompter implements Prompter {
  readonly asked: Asked[] = [];
  readonly refused: string[] = [];
  constructor(private readonly answers: Answer[]) {}
  private next(): Answer {
    if (this.answers.length === 0) throw new Error(`no answer left after ${JSON.stringify(this.asked.map(a => a.kind))}`);
    return this.answers.shift();
  }
  pick<T extends QuickPickItem>(items: readonly T[], options: PickOptions & { canPickMany: true }): Promise<T[] | Back | undefined>;
  pick<T extends QuickPickItem>(items: readonly T[], options?: PickOptions): Promise<T | Back | undefined>;
  async pick<T extends QuickPickItem>(items: readonly T[], options: PickOptions = {}): Promise<T | T[] | symbol | undefined> {
    this.asked.push({ kind: 'pick', step: options.step, totalSteps: options.totalSteps, canGoBack: options.canGoBack, labels: items.map(i => i.label), descriptions: items.map(i => i.description), many: !!options.canPickMany });
    const a = this.next();
    if (a === undefined || typeof a === 'symbol') return a;
    const find = (l: string) => {
      const hit = items.find(i => i.label === l) ?? items.find(i => i.label.includes(l) || (i.description ?? '').includes(l));
      if (!hit) throw new Error(`no item ${l} among ${items.map(i => i.label).join(' | ')}`);
      return hit;
    };
    if (Array.isArray(a)) return a.map(find);
    return options.canPickMany ? [find(a)] : find(a);
  }
  async input(options: InputOptions): Promise<string | Back | undefined> {
    this.asked.push({ kind: 'input', step: options.step, totalSteps: options.totalSteps, canGoBack: options.canGoBack, value: options.value, prompt: options.prompt });
    const a = this.next();
    if (a === undefined || typeof a === 'symbol') return a as Back | undefined;
    const text = String(a);
    const msg = options.validate ? await options.validate(text) : undefined;
    if (msg) { this.refused.push(msg); throw new Error(`refused: ${msg}`); }
    return text;
  }
  async confirm(): Promise<string | undefined> { throw new Error('not used'); }
  async pickFile(): Promise<string | undefined> { this.asked.push({ kind: 'pickFile' }); const a = this.next(); return typeof a === 'string' ? a : undefined; }
  async saveFile(): Promise<string | undefined> { throw new Error('not used'); }
}

const NOW = () => new Date('2026-11-20T10:00:00Z');
const opts = (prompter: Prompter, extra: Partial<Parameters<typeof runWizard>[2]> = {}) => ({ title: 'Test', prompter, now: NOW, offsetMinutes: 0, ...extra });

const meeting: FieldSpec[] = [
  field('startTime', 'dateTime', { required: true }),
  field('endTime', 'dateTime', { required: true }),
  field('organizerEmail', 'email', { required: true, rule: v => (String(v).endsWith('@example.com') ? undefined : 'must be a company address') }),
  field('title', 'string'),
];

describe('input steps (rendered through a prompter)', () => {
  it('a preset fills both ends, optional text is skipped with empty Enter, and steps are numbered', async () => {
    const p = new FakePrompter(['Today', 'ana@example.com', '']);
    const r = await runWizard(meeting, undefined, opts(p));
    assert.deepEqual(r, { kind: 'done', input: { startTime: '2026-11-20T00:00:00Z', endTime: '2026-11-21T00:00:00Z', organizerEmail: 'ana@example.com' } });
    assert.deepEqual(p.asked.map(a => `${a.kind} ${a.step}/${a.totalSteps}`), ['pick 1/4', 'input 2/3', 'input 3/3']);
    assert.equal(p.asked[0]?.canGoBack, false);
    assert.equal(p.asked[1]?.canGoBack, true);
    assert.ok(p.asked[0]?.labels?.includes(CUSTOM_DATE_LABEL));
    assert.ok(!p.asked[0]?.labels?.includes(SKIP_LABEL), 'a required date cannot be skipped');
    assert.match(p.asked[2]?.prompt ?? '', /optional/);
  });

  it('Back returns to the previous step and shows the earlier answer; Back on the first step is reported', async () => {
    const p = new FakePrompter(['Today', 'old@example.com', BACK, 'new@example.com', 'Weekly']);
    const r = await runWizard(meeting, undefined, opts(p));
    assert.ok(r && r.kind === 'done');
    assert.equal(r.input.organizerEmail, 'new@example.com');
    assert.equal(r.input.title, 'Weekly');
    assert.equal(p.asked[3]?.value, 'old@example.com');
    assert.deepEqual(p.asked.map(a => a.step), [1, 2, 3, 2, 3]);
    const first = await runWizard(meeting, undefined, opts(new FakePrompter([BACK]), { backFromFirst: true }));
    assert.deepEqual(first, { kind: 'back' });
  });

  it("the live validation names the field's rule", async () => {
    const p = new FakePrompter(['Today', 'ana@elsewhere.org']);
    await assert.rejects(runWizard(meeting, undefined, opts(p)), /refused/);
    assert.deepEqual(p.refused, ['organizerEmail must be a company address']);
    const q = new FakePrompter(['Today', 'not-an-email']);
    await assert.rejects(runWizard(meeting, undefined, opts(q)));
    assert.match(q.refused[0] ?? '', /Not an email address/);
  });

  it('Escape cancels (undefined), unlike an empty optional answer', async () => {
    assert.equal(await runWizard(meeting, undefined, opts(new FakePrompter(['Today', undefined]))), undefined);
  });

  it('prefilled fields are not asked', async () => {
    const p = new FakePrompter(['']);
    const r = await runWizard(meeting, { startTime: '2026-01-01T00:00:00Z', endTime: '2026-01-01T01:00:00Z', organizerEmail: 'o@example.com' }, opts(p));
    assert.ok(r && r.kind === 'done');
    assert.equal(p.asked.length, 1);
    assert.deepEqual(p.asked.map(a => `${a.step}/${a.totalSteps}`), ['1/1']);
  });

  it('enums and booleans are picks with Skip for optional ones; custom dates go to a box', async () => {
    const fields = [
      field('direction', 'enum', { enumValues: ['Inbound', 'Outbound'], required: true }),
      field('private', 'boolean'),
      field('toDate', 'date', { required: true }),
    ];
    const p = new FakePrompter(['Outbound', SKIP_LABEL, CUSTOM_DATE_LABEL, '2026-02-28']);
    const r = await runWizard(fields, undefined, opts(p));
    assert.deepEqual(r, { kind: 'done', input: { direction: 'Outbound', toDate: '2026-02-28' } });
    assert.deepEqual(p.asked[0]?.labels, ['Inbound', 'Outbound']);
    assert.deepEqual(p.asked[1]?.labels, [SKIP_LABEL, 'true', 'false']);
    assert.deepEqual(p.asked.map(a => a.kind), ['pick', 'pick', 'pick', 'input']);
  });

  it('known ids are offered with "enter another id", and a typed id is exact', async () => {
    let calls = 0;
    const known: KnownValues = { list: async kind => { calls++; return kind === 'user' ? [{ id: '7782342274025937895', label: 'Ana Silva', description: 'ana@example.com' }] : []; } };
    const fields = [field('userId', 'id', { idKind: 'user', required: true }), field('managerId', 'id', { idKind: 'user', required: true }), field('callId', 'id', { idKind: 'call' })];
    const p = new FakePrompter(['Ana Silva', ENTER_OTHER_LABEL, '1234567890123456789', '']);
    const r = await runWizard(fields, undefined, opts(p, { known }));
    assert.deepEqual(r, { kind: 'done', input: { userId: '7782342274025937895', managerId: '1234567890123456789' } });
    assert.deepEqual(p.asked[0]?.descriptions, ['7782342274025937895', undefined], 'the id is shown (and searchable) next to the name');
    assert.equal(p.asked[3]?.kind, 'input', 'no known calls: a box');
    assert.equal(calls, 3);
  });

  it('lists of known ids are a multi-select; selecting none skips an optional list', async () => {
    const known: KnownValues = { list: async () => [{ id: '11', label: 'A' }, { id: '22', label: 'B' }] };
    const fields = [field('userIds', 'array', { itemKind: 'id', idKind: 'user', maxItems: 5 }), field('workspaceIds', 'array', { itemKind: 'id', idKind: 'workspace' })];
    const r = await runWizard(fields, undefined, opts(new FakePrompter([['A', 'B'], []]), { known }));
    assert.deepEqual(r, { kind: 'done', input: { userIds: ['11', '22'] } });
  });

  it('many optional fields are chosen in one step, and "edit as JSON" hands over what was answered', async () => {
    const fields = [field('a', 'string', { required: true }), ...Array.from({ length: 8 }, (_, i) => field(`o${i}`, 'boolean'))];
    const p = new FakePrompter(['x', ['o2'], 'true']);
    const r = await runWizard(fields, undefined, opts(p));
    assert.deepEqual(r, { kind: 'done', input: { a: 'x', o2: true } });
    assert.equal(p.asked[1]?.many, true);
    assert.ok(p.asked[1]?.labels?.includes(EDIT_JSON_LABEL));
    assert.deepEqual(p.asked.map(a => `${a.step}/${a.totalSteps}`), ['1/2', '2/2', '3/3']);
    const j = await runWizard(fields, undefined, opts(new FakePrompter(['x', [EDIT_JSON_LABEL]])));
    assert.deepEqual(j, { kind: 'json', input: { a: 'x' } });
  });

  it('a file field uses the file picker', async () => {
    const p = new FakePrompter(['/recordings/call.mp3']);
    const r = await runWizard([field('mediaFile', 'file', { required: true })], undefined, opts(p));
    assert.deepEqual(r, { kind: 'done', input: { mediaFile: '/recordings/call.mp3' } });
    assert.deepEqual(p.asked.map(a => a.kind), ['pickFile']);
  });

  it('a picked value that breaks a rule is shown and the same step is asked again', async () => {
    const warnings: string[] = [];
    const f = field('kind', 'enum', { enumValues: ['A', 'B'], required: true, rule: v => (v === 'A' ? 'must not be A here' : undefined) });
    const p = new FakePrompter(['A', 'B']);
    const r = await runWizard([f], undefined, opts(p, { warn: m => warnings.push(m) }));
    assert.deepEqual(r, { kind: 'done', input: { kind: 'B' } });
    assert.deepEqual(warnings, ['kind must not be A here']);
    assert.deepEqual(p.asked.map(a => a.step), [1, 1]);
  });

  it('recognises Back from a prompter in another bundle', () => {
    assert.equal(isBack(Symbol.for('gongExplorer.back')), true);
    assert.equal(isBack(Symbol('back')), false);
    assert.equal(isBack(Symbol('other')), false);
    assert.equal(isBack('back'), false);
  });
});
