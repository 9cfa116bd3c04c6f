/**
 * Helpers for the integration suites (`test/integration/<area>.test.ts`), which run with mocha (bdd:
 * `describe`/`it`, 60 s timeout) inside the real VS Code extension host started by
 * `node scripts/integration.mjs` (part of `npm test`).
 *
 * Typical suite:
 *
 *     import * as assert from 'node:assert/strict';
 *     import { getApi, useGong, signInScripted, signOutAll, waitFor } from './harness/index';
 *
 *     describe('calls tree', () => {
 *       const gong = useGong();                      // a local Gong for this describe (started in before, closed in after)
 *       before(async () => { await signInScripted(await getApi(), gong()); });
 *       after(async () => { await signOutAll(await getApi()); });
 *       it('lists calls', async () => {
 *         const api = await getApi();
 *         await waitFor(() => api.services.session.api() !== undefined, 5000, 'a client after sign-in');
 *         ...
 *       });
 *     });
 *
 * - `getApi()` activates the extension (id `gong-explorer.gong-explorer`) and returns its exports.
 * - `startGong(options)` starts a local Gong in this process (rate limit off unless asked); `useGong()`
 *   wraps it in before/after hooks. Every server still open when the run ends is closed by index.ts.
 * - `signInScripted(api, gong, profileName?)` runs the real sign-in command answering its questions
 *   with a ScriptedPrompter (answers from `signInAnswers`, the one place to change when the questions change).
 * - `withPrompter(api, answers, fn)` runs `fn` with a ScriptedPrompter answering any other command's questions.
 * - `waitFor(condition, timeoutMs)` polls until the condition returns something truthy.
 * Screenshots cannot be taken from inside the extension host; the Playwright checks in `ui/` take them.
 *
 * Quick runs: `node esbuild.mjs && npx tsc -p . && node scripts/integration.mjs --grep 'calls tree' --no-ui`
 * (the extension runs from dist/, the tests from out/; only the matching tests, no UI checks). The
 * extension host's console and VS Code's own logs land in `.artifacts/integration/` (console.log,
 * vscode-logs/); `--keep` keeps the run's temp folder.
 */
import * as vscode from 'vscode';
import type { GongExplorerApi } from '../../../src/extension';
import { startLocalGong, type LocalGongHandle, type LocalGongOptions } from '../../../src/localGong/index';
import { ScriptedPrompter, type ScriptedAnswer, type AskedPrompt } from '../../../src/platform/prompter';

export const EXTENSION_ID = 'gong-explorer.gong-explorer';
export const SIGN_IN_COMMAND = 'gongExplorer.auth.signIn';
export const SIGN_OUT_COMMAND = 'gongExplorer.auth.signOut';

/** Activates the extension (once) and returns what activate() returned. */
export async function getApi(): Promise<GongExplorerApi> {
  const ext = vscode.extensions.getExtension<GongExplorerApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded (is extensionDevelopmentPath the repository?)`);
  const api = ext.isActive ? ext.exports : await ext.activate();
  if (!api || typeof api.setPrompter !== 'function') throw new Error('activate() did not return the GongExplorerApi');
  return api;
}

/** The extension's folder (the repository when run from source). */
export function extensionPath(): string {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  return ext.extensionPath;
}

/** A running local Gong (src/localGong/index.ts): baseUrl, credentials, world, faults, close(). */
export type LocalGong = LocalGongHandle;

/** Options passed through to startLocalGong; `rateLimit` is off unless given. */
export type GongOptions = LocalGongOptions;

const openGongs = new Set<LocalGong>();

/** Starts a local Gong on 127.0.0.1 in this process. Close it with `close()` (or leave it to the end of the run). */
export async function startGong(options: GongOptions = {}): Promise<LocalGong> {
  const gong = await startLocalGong({ rateLimit: false, ...options });
  const close = gong.close.bind(gong);
  let closed = false;
  const tracked: LocalGong = Object.assign(gong, {
    close: async () => {
      if (closed) return;
      closed = true;
      openGongs.delete(tracked);
      await close();
    },
  });
  openGongs.add(tracked);
  return tracked;
}

/** A local Gong for the enclosing describe: started in `before`, closed in `after`. Call the returned getter inside tests. */
export function useGong(options: GongOptions = {}): () => LocalGong {
  let gong: LocalGong | undefined;
  before(async () => { gong = await startGong(options); });
  after(async () => { await gong?.close(); gong = undefined; });
  return () => {
    if (!gong) throw new Error('useGong(): the local Gong is not running (used outside a test of its describe?)');
    return gong;
  };
}

/** Closes every local Gong still open (index.ts calls it when the run ends). */
export async function closeAllGongs(): Promise<void> {
  await Promise.allSettled([...openGongs].map(g => g.close()));
}

/**
 * The answers the sign-in command's questions get (src/auth/signIn.ts asks: how to connect, which
 * profile when some exist, profile name, base URL, then key and secret or a token). This is the one
 * place to change when the sign-in flow changes. Each question is matched by its text, first rule
 * wins, so a reordered or skipped step still gets the right answer and a new one fails loudly.
 */
export function signInAnswers(gong: LocalGong, profileName: string, auth: 'basic' | 'bearer' = 'basic'): ScriptedAnswer[] {
  const inputRules: Array<[RegExp, string]> = [
    [/secret/i, gong.accessKeySecret],
    [/token/i, gong.bearerToken],
    [/url|address/i, gong.baseUrl],
    [/profile name|name/i, profileName],
    [/access key/i, gong.accessKey],
  ];
  const pickRules: Array<(labels: string[]) => string | undefined> = [
    labels => labels.find(l => (auth === 'basic' ? /access key|basic/i : /token|bearer|oauth/i).test(l)),
    labels => labels.find(l => l === profileName),                   // replace an existing profile of that name
    labels => labels.find(l => /new profile|add/i.test(l)),
  ];
  const answer = (asked: AskedPrompt): unknown => {
    if (asked.kind === 'pick') {
      const labels = asked.labels ?? [];
      for (const rule of pickRules) { const l = rule(labels); if (l !== undefined) return l; }
      throw new Error(`signInAnswers: no rule answers the pick "${asked.title ?? ''}" (${labels.join(' | ')})`);
    }
    if (asked.kind === 'input') {
      const text = asked.prompt ?? asked.title ?? '';
      const rule = inputRules.find(([re]) => re.test(text));
      if (!rule) throw new Error(`signInAnswers: no rule answers the input "${text}"`);
      return rule[1];
    }
    if (asked.kind === 'confirm') return asked.labels?.[0];
    throw new Error(`signInAnswers: unexpected ${asked.kind} prompt`);
  };
  // Up to 8 questions; ScriptedPrompter fails if more are asked.
  return Array.from({ length: 8 }, () => answer);
}

/** Runs `fn` with a ScriptedPrompter answering the questions; restores the previous prompter afterwards. */
export async function withPrompter<T>(api: GongExplorerApi, answers: ScriptedAnswer[], fn: (prompter: ScriptedPrompter) => Promise<T>): Promise<T> {
  const prompter = new ScriptedPrompter(answers);
  const restore = api.setPrompter(prompter);
  try {
    return await fn(prompter);
  } finally {
    restore();
  }
}

/**
 * Signs in to the local Gong through the sign-in command (the real command, SecretStorage and
 * session), answering its questions with a script. Resolves once the profile is active.
 */
export async function signInScripted(api: GongExplorerApi, gong: LocalGong, profileName = 'Test', auth: 'basic' | 'bearer' = 'basic'): Promise<ScriptedPrompter> {
  return withPrompter(api, signInAnswers(gong, profileName, auth), async prompter => {
    await vscode.commands.executeCommand(SIGN_IN_COMMAND);
    const active = api.services.session.active;
    if (active?.name !== profileName) {
      const asked = prompter.asked.map(a => `${a.kind}: ${a.title ?? a.prompt ?? a.message ?? ''}`).join('\n  ');
      throw new Error(`sign-in did not make "${profileName}" active (active: ${active?.name ?? 'none'}). Questions asked:\n  ${asked || '(none)'}`);
    }
    return prompter;
  });
}

/** Signs out of every stored profile (a clean state between suites). */
export async function signOutAll(api: GongExplorerApi): Promise<void> {
  for (const p of api.services.session.profiles()) await api.services.session.signOut(p.name);
}

/** Polls `condition` (every 50 ms) until it returns something truthy, and returns it; fails after `timeoutMs`. */
export async function waitFor<T>(condition: () => T | Promise<T>, timeoutMs = 10_000, what = 'condition'): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await condition();
      if (v) return v;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`waitFor: ${what} not met within ${timeoutMs} ms${why}`);
    }
    await new Promise(r => setTimeout(r, 50));
  }
}

/** What index.ts measured while activating the extension before any suite ran. */
export interface ActivationRecord {
  wasActiveBefore: boolean;
  /** Who watched the network during activate(): the suite, or the extension itself (active before the suite). */
  watchedBy?: 'suite' | 'extension';
  /** Wall time of `extension.activate()` seen from the test (includes loading the bundle). */
  activateCallMs: number;
  /** What the extension itself measured and stored under `gongExplorer.lastActivationMs`. */
  reportedMs: number | undefined;
  /** Outgoing connections/requests started while activating (should be none). */
  networkDuringActivation: string[];
  error?: string;
}

let activationRecord: ActivationRecord | undefined;
export function setActivationRecord(r: ActivationRecord): void { activationRecord = r; }
export function getActivationRecord(): ActivationRecord | undefined { return activationRecord; }
