/** The Sign In, Sign Out and Switch Profile commands: questions go through the Prompter. */
import * as vscode from 'vscode';
import { DEFAULT_BASE_URL, baseUrlHost, normalizeBaseUrl } from '../gong/baseUrl';
import type { GongAuth } from '../gong/types';
import { UserCancelled } from '../platform/commands';
import { isBack, type Prompter } from '../platform/prompter';
import type { Services } from '../platform/services';
import { DEFAULT_OAUTH_BASE_URL } from '../gong/oauth';
import { consentInBrowser } from './oauthFlow';
import { CONNECTION_CHECK, authKindLabel, explainSignInFailure, profileNameProblem } from './profiles';

const TITLE = 'Sign In to Gong';
const NEW_PROFILE = 'New profile...';
const BASIC = 'Access key and secret';
const BEARER = 'OAuth bearer token';
const OAUTH = 'Company Gong OAuth app (sign in in the browser)';

function urlProblem(v: string): string | undefined {
  try {
    normalizeBaseUrl(v);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}


export const USE_HOST = 'Use This Host';

/** True for Gong's hosts and this machine; for any other host, a modal that names it must be accepted. */
export async function hostConfirmed(p: Prompter, baseUrl: string): Promise<boolean> {
  const { host, kind } = baseUrlHost(baseUrl);
  if (kind !== 'other') return true;
  const answer = await p.confirm(`${host} is not one of Gong's hosts. Send your Gong credentials to ${host}?`, {
    modal: true,
    detail: `Gong's API lives on api.gong.io or a regional host such as us-12345.api.gong.io. Only continue if ${host} is a proxy or gateway you trust.`,
  }, USE_HOST);
  return answer === USE_HOST;
}

const notEmpty = (what: string) => (v: string) => (v.trim() ? undefined : `Enter the ${what}`);

interface Answers {
  kind?: 'basic' | 'bearer' | 'oauth';
  oauthBaseUrl?: string;
  clientId?: string;
  clientSecret?: string;
  name?: string;
  existing?: boolean;
  baseUrl?: string;
  key?: string;
  secret?: string;
  token?: string;
}

/**
 * Asks for the connection step by step (Back goes one step back, Escape cancels), checks it with
 * one read of GET /v2/workspaces (scope api:workspaces:read) and stores it only when that worked.
 */
export async function runSignIn(services: Services, presetProfile?: string): Promise<boolean> {
  const p: Prompter = services.prompter();
  const session = services.session;
  const profiles = session.profiles();
  const a: Answers = {};
  if (presetProfile) { a.name = presetProfile; a.existing = true; }
  type Step = 'kind' | 'profile' | 'name' | 'url' | 'key' | 'secret' | 'token' | 'oauthUrl' | 'clientId' | 'clientSecret';
  const stepsFor = (): Step[] => {
    const s: Step[] = ['kind'];
    if (!presetProfile) {
      if (profiles.length > 0) s.push('profile');
      if (!a.existing) s.push('name');
    }
    // An OAuth app learns the API host from Gong's token answer (api_base_url_for_customer).
    if (a.kind === 'oauth') { s.push('oauthUrl', 'clientId', 'clientSecret'); return s; }
    s.push('url');
    if (a.kind === 'bearer') s.push('token'); else s.push('key', 'secret');
    return s;
  };
  // Bounded: every pass either advances, goes back, or returns.
  for (let i = 0, guard = 0; guard < 100; guard++) {
    const steps = stepsFor();
    if (i >= steps.length) break;
    const step = steps[i] as Step;
    const info = { title: TITLE, step: i + 1, totalSteps: steps.length, canGoBack: i > 0 };
    let answer: unknown;
    switch (step) {
      case 'kind': {
        const picked = await p.pick([
          { label: BASIC, description: 'Basic auth: the key pair a Gong technical admin creates under Company settings > API' },
          { label: BEARER, description: 'Bearer: an access token of a Gong OAuth app' },
          { label: OAUTH, description: 'Your company\'s Gong app: its client id and secret, then allow access in the browser' },
        ], { ...info, placeholder: 'How do you connect to Gong?' });
        const label = isBack(picked) || picked === undefined ? undefined : (picked as { label: string }).label;
        answer = label === undefined ? picked : (a.kind = label === BEARER ? 'bearer' : label === OAUTH ? 'oauth' : 'basic');
        break;
      }
      case 'profile': {
        const picked = await p.pick([
          ...profiles.map(x => ({ label: x.name, description: `${x.baseUrl} · ${authKindLabel(x.authKind)}`, detail: 'Replace this profile\'s credentials' })),
          { label: NEW_PROFILE, description: 'Keep the existing profiles and add one' },
        ], { ...info, placeholder: 'Which profile? (several Gong accounts can be kept)' });
        if (!isBack(picked) && picked !== undefined && typeof picked === 'object') {
          a.existing = picked.label !== NEW_PROFILE;
          if (a.existing) {
            a.name = picked.label;
            a.baseUrl ??= profiles.find(x => x.name === picked.label)?.baseUrl;
          }
        }
        answer = picked;
        break;
      }
      case 'name': {
        const taken = new Set(profiles.map(x => x.name));
        answer = await p.input({
          ...info,
          prompt: 'Profile name (shown in the status bar)',
          value: a.name ?? (taken.has('default') ? '' : 'default'),
          // An existing name is allowed: signing in again under it replaces that profile's credentials.
          validate: profileNameProblem,
        });
        if (typeof answer === 'string') a.name = answer.trim();
        break;
      }
      case 'url':
        answer = await p.input({
          ...info,
          prompt: 'Gong API base URL (as shown on Gong\'s API settings page; a regional host like us-12345.api.gong.io works)',
          value: a.baseUrl ?? DEFAULT_BASE_URL,
          validate: urlProblem,
        });
        if (typeof answer === 'string') {
          const baseUrl = normalizeBaseUrl(answer);
          // A host outside Gong's domains gets the credentials only once the person has seen its name.
          if (!(await hostConfirmed(p, baseUrl))) continue;
          a.baseUrl = baseUrl;
        }
        break;
      case 'key':
        answer = await p.input({ ...info, prompt: 'Access key', password: true, validate: notEmpty('access key') });
        if (typeof answer === 'string') a.key = answer.trim();
        break;
      case 'secret':
        answer = await p.input({ ...info, prompt: 'Access key secret', password: true, validate: notEmpty('access key secret') });
        if (typeof answer === 'string') a.secret = answer.trim();
        break;
      case 'oauthUrl':
        answer = await p.input({
          ...info,
          prompt: 'Gong sign-in address (where Gong shows the consent page; Enter keeps Gong\'s own)',
          value: a.oauthBaseUrl ?? DEFAULT_OAUTH_BASE_URL,
          validate: urlProblem,
        });
        if (typeof answer === 'string') a.oauthBaseUrl = normalizeBaseUrl(answer);
        break;
      case 'clientId':
        answer = await p.input({ ...info, prompt: 'OAuth app client ID (from the app in Gong\'s API settings)', value: a.clientId ?? '', validate: notEmpty('client ID') });
        if (typeof answer === 'string') a.clientId = answer.trim();
        break;
      case 'clientSecret':
        answer = await p.input({ ...info, prompt: 'OAuth app client secret', password: true, validate: notEmpty('client secret') });
        if (typeof answer === 'string') a.clientSecret = answer.trim();
        break;
      case 'token':
        answer = await p.input({ ...info, prompt: 'Bearer token (OAuth access token)', password: true, validate: notEmpty('token') });
        if (typeof answer === 'string') a.token = answer.trim();
        break;
    }
    if (answer === undefined) throw new UserCancelled();
    if (isBack(answer)) { i = Math.max(0, i - 1); continue; }
    i++;
  }
  const name = a.name ?? 'default';
  if (a.kind === 'oauth') {
    const app = { oauthBaseUrl: a.oauthBaseUrl ?? DEFAULT_OAUTH_BASE_URL, clientId: a.clientId ?? '', clientSecret: a.clientSecret ?? '' };
    let tokens;
    try {
      tokens = await consentInBrowser(services, app);
    } catch (e) {
      if (UserCancelled.is(e)) throw e;
      const why = e instanceof Error ? e.message : String(e);
      services.log.warn(`OAuth sign-in at ${app.oauthBaseUrl} failed: ${why}`);
      throw new Error(/Nothing was stored/.test(why) ? why : `${why} Nothing was stored.`);
    }
    try {
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Checking the connection to ${tokens.apiBaseUrl}...` },
        () => session.signInOAuth(name, app, tokens),
      );
    } catch (e) {
      const why = explainSignInFailure(e, tokens.apiBaseUrl);
      services.log.warn(`Sign-in to ${tokens.apiBaseUrl} failed: ${why}`);
      throw new Error(why);
    }
    void vscode.window.showInformationMessage(`Signed in to Gong with your OAuth app: profile "${name}" (${tokens.apiBaseUrl}).`);
    return true;
  }
  const baseUrl = a.baseUrl ?? DEFAULT_BASE_URL;
  const auth: GongAuth = a.kind === 'bearer'
    ? { kind: 'bearer', token: a.token ?? '' }
    : { kind: 'basic', accessKey: a.key ?? '', accessKeySecret: a.secret ?? '' };
  let note: string | undefined;
  try {
    note = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Checking the connection to ${baseUrl} (${CONNECTION_CHECK.method} ${CONNECTION_CHECK.path})...` },
      () => session.signIn(name, { baseUrl, auth }),
    );
  } catch (e) {
    const why = explainSignInFailure(e, baseUrl);
    services.log.warn(`Sign-in to ${baseUrl} failed: ${why}`);
    throw new Error(why);
  }
  if (note) void vscode.window.showWarningMessage(`Signed in to Gong: profile "${name}" (${baseUrl}). ${note}`);
  else void vscode.window.showInformationMessage(`Signed in to Gong: profile "${name}" (${baseUrl}).`);
  return true;
}

export async function runSignOut(services: Services, profileName?: string): Promise<void> {
  const session = services.session;
  let name = typeof profileName === 'string' ? profileName : undefined;
  if (name === undefined) {
    const profiles = session.profiles();
    if (profiles.length === 0) {
      void vscode.window.showInformationMessage('No Gong profile is signed in.');
      return;
    }
    if (profiles.length === 1 && session.active) {
      name = session.active.name;
    } else {
      const active = session.active?.name;
      const picked = await services.prompter().pick(
        [...profiles].sort((x, y) => Number(y.name === active) - Number(x.name === active)).map(x => ({ label: x.name, description: `${x.baseUrl}${x.name === active ? ' · active' : ''}` })),
        { title: 'Sign Out of Gong', placeholder: 'Which profile? Its stored secrets are removed.' },
      );
      if (picked === undefined || typeof picked === 'symbol') throw new UserCancelled();
      name = picked.label;
    }
  }
  await session.signOut(name);
  void vscode.window.showInformationMessage(`Signed out of Gong profile "${name}"; its secrets were removed.`);
}

export async function runSwitchProfile(services: Services, profileName?: string): Promise<void> {
  const session = services.session;
  if (typeof profileName === 'string') return session.switchTo(profileName);
  const active = session.active?.name;
  const addNew = 'Sign in with another profile...';
  const picked = await services.prompter().pick([
    ...session.profiles().map(x => ({ label: x.name, description: `${x.baseUrl} · ${authKindLabel(x.authKind)}${x.name === active ? ' · active' : ''}` })),
    { label: addNew },
  ], { title: 'Switch Gong Profile', placeholder: 'Which Gong account should the views show?' });
  if (picked === undefined || typeof picked === 'symbol') throw new UserCancelled();
  if (picked.label === addNew) { await runSignIn(services); return; }
  await session.switchTo(picked.label);
}
