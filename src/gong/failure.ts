/**
 * The one failure vocabulary: any error thrown while talking to Gong (or while a surface waits on
 * it) classified once into a `Failure`. Tree rows, panel messages, Run Action notifications and the
 * CLI format from its fields and never look at an error themselves. No `vscode` here.
 *
 * The rules (conventions.md §2): only a 401 that is not a missing-scope answer means the session
 * needs signing in again. A missing scope and every 403 stay where they happened: that view, panel
 * or action says what is not open to these credentials while everything else keeps working.
 * A 429 says when to retry; 5xx, network failures and timeouts offer Retry.
 */
import { GongError, type GongErrorKind } from './errors';

export type FailureKind = GongErrorKind | 'unexpected';

export interface Failure {
  kind: FailureKind;
  status: number | undefined;
  /** Gong's request id, to quote to Gong support. */
  requestId: string | undefined;
  /** The OAuth scope Gong said is missing (kind 'missingScope'). */
  scope: string | undefined;
  /** Seconds Gong asked us to wait (kind 'rateLimited'). */
  retryAfterSeconds: number | undefined;
  /** What is not open to these credentials (kind 'forbidden'), e.g. "Engage". */
  feature: string | undefined;
  /** Gong's own words (`userFacingError` or the envelope's errors), when it gave any. */
  gongMessage: string | undefined;
  /** `GET /v2/flows`, when known. */
  request: string | undefined;
  /** One line a person reads: what happened. */
  text: string;
  /** What to do about it, when there is something to do. */
  hint: string | undefined;
  /** True only for a 401 that is not a missing scope: the credentials no longer work. */
  signInAgain: boolean;
  /** Trying again may work (rate limit, 5xx, network, timeout): surfaces offer Retry. */
  retry: boolean;
  /** The user (or the code on their behalf) cancelled: surfaces show nothing. */
  cancelled: boolean;
}

/** Features Gong turns on per company: a 403 on these paths means the feature is off, not the key. */
const FEATURES: ReadonlyArray<{ prefix: string; name: string }> = [
  { prefix: '/v2/flows', name: 'Engage' },
  { prefix: '/v2/meetings', name: 'The meetings API' },
  { prefix: '/v2/entities', name: 'Account and deal briefs' },
  { prefix: '/v2/settings/briefs', name: 'Account and deal briefs' },
];

/** What a path reads, for "access to ..." when no feature name fits. */
const SUBJECTS: ReadonlyArray<{ prefix: string; name: string }> = [
  { prefix: '/v2/users', name: 'users' },
  { prefix: '/v2/workspaces', name: 'workspaces' },
  { prefix: '/v2/call-outcomes', name: 'call outcomes' },
  { prefix: '/v2/coaching', name: 'coaching' },
  { prefix: '/v2/tasks', name: 'tasks' },
  { prefix: '/v2/calls', name: 'calls' },
  { prefix: '/v2/library', name: 'the call library' },
  { prefix: '/v2/stats', name: 'stats' },
  { prefix: '/v2/settings', name: 'settings' },
  { prefix: '/v2/logs', name: 'audit logs' },
  { prefix: '/v2/crm', name: 'the CRM integration' },
  { prefix: '/v2/data-privacy', name: 'data privacy' },
  { prefix: '/v2/permission-profile', name: 'permission profiles' },
  { prefix: '/v2/all-permission-profiles', name: 'permission profiles' },
];

function byPrefix(list: ReadonlyArray<{ prefix: string; name: string }>, path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  const p = path.split('?')[0] ?? path;
  return list.find(f => p === f.prefix || p.startsWith(`${f.prefix}/`))?.name;
}

/** The feature a request belongs to, when Gong switches it on per company (`/v2/flows` -> Engage). */
export function featureOf(path: string | undefined): string | undefined {
  return byPrefix(FEATURES, path);
}

const EVERYTHING_ELSE = 'everything else keeps working';

function blank(kind: FailureKind, text: string): Failure {
  return {
    kind, status: undefined, requestId: undefined, scope: undefined, retryAfterSeconds: undefined, feature: undefined,
    gongMessage: undefined, request: undefined, text, hint: undefined, signInAgain: false, retry: false, cancelled: false,
  };
}

function isAbort(e: unknown): boolean {
  return e instanceof Error && (e.name === 'AbortError' || (e as { code?: unknown }).code === 'ABORT_ERR');
}

/**
 * Classifies anything thrown by a Gong request (or while waiting for one). Reads the client's typed
 * error by its fields; any other error is `unexpected` with its message.
 */
export function classify(e: unknown): Failure {
  if (isAbort(e)) return { ...blank('cancelled', 'Cancelled.'), cancelled: true };
  if (!GongError.is(e)) {
    const msg = e instanceof Error ? e.message : String(e);
    return blank('unexpected', msg || 'Unexpected error.');
  }
  const gongMessage = e.userFacingError ?? (e.errors.length > 0 ? e.errors.join('; ') : undefined);
  const base: Failure = {
    ...blank(e.kind, ''),
    status: e.status,
    requestId: e.requestId,
    gongMessage,
    request: e.method && e.path ? `${e.method} ${e.path}` : undefined,
  };
  const withGong = (s: string) => (gongMessage !== undefined ? `${s}: ${gongMessage}` : `${s}.`);
  switch (e.kind) {
    case 'auth':
      return {
        ...base, signInAgain: true,
        text: withGong('Gong did not accept the credentials'),
        hint: 'Sign in again; check the access key and secret (or token) and that the base URL is your company\'s region (us-NNNNN.api.gong.io).',
      };
    case 'missingScope': {
      const scope = GongError.is(e, 'missingScope') ? e.scope : undefined;
      return {
        ...base, scope,
        text: `These credentials lack the scope ${scope ?? '(unnamed)'}.`,
        hint: `Grant ${scope ?? 'the scope'} to your Gong app and sign in with a new token, or use an access key; ${EVERYTHING_ELSE}.`,
      };
    }
    case 'forbidden': {
      const feature = featureOf(e.path);
      const limited = /limited release/i.test(gongMessage ?? '');
      if (limited) {
        const what = feature ?? 'This API';
        return {
          ...base, feature: what,
          text: `${what} is in limited release and not enabled for this company.`,
          hint: `Ask your Gong CSM to enable it; ${EVERYTHING_ELSE}.`,
        };
      }
      if (feature !== undefined) {
        return {
          ...base, feature,
          text: `${feature} is not enabled for this company or these credentials.`,
          hint: `A Gong administrator can turn it on or open it to these credentials; ${EVERYTHING_ELSE}.`,
        };
      }
      const subject = byPrefix(SUBJECTS, e.path);
      return {
        ...base, feature: subject,
        text: `Gong denied these credentials access to ${subject ?? (base.request ?? 'this request')}${gongMessage !== undefined ? ` (${gongMessage})` : ''}.`,
        hint: `Ask a Gong technical administrator for access; ${EVERYTHING_ELSE}.`,
      };
    }
    case 'notFound':
      return { ...base, text: withGong('Not found in Gong'), hint: 'Check the ids; the item may have been deleted or be outside what these credentials see.' };
    case 'conflict':
      return { ...base, text: withGong('Gong reported a conflict'), hint: e.fixUrl ?? e.helpUrl ?? 'The item may already exist, or a request id was reused.' };
    case 'invalidRequest':
      return { ...base, text: withGong('Gong rejected the request'), hint: 'Check the inputs; Gong\'s message says which part.' };
    case 'rateLimited': {
      const wait = GongError.is(e, 'rateLimited') ? Math.max(0, Math.ceil(e.retryAfterSeconds)) : undefined;
      const when = wait === undefined ? 'in a moment' : wait >= 7200 ? `in ${Math.ceil(wait / 360) / 10} h` : wait >= 120 ? `in ${Math.ceil(wait / 60)} min` : `in ${wait} s`;
      return {
        ...base, retry: true, retryAfterSeconds: wait,
        text: `Gong's rate limit was reached; retry ${when}.`,
        hint: wait !== undefined && wait > 600 ? 'The company\'s daily request budget may be used up.' : 'Lower gongExplorer.requestsPerSecond if it keeps happening.',
      };
    }
    case 'server':
      return {
        ...base, retry: true,
        text: withGong(`Gong had a server error${e.status !== undefined ? ` (HTTP ${e.status})` : ''}`),
        hint: 'Retry in a moment; quote the request id to Gong support if it keeps happening.',
      };
    case 'network':
      return {
        ...base, retry: true,
        text: `Could not reach Gong${e.code ? ` (${e.code})` : ''}.`,
        hint: e.code === 'ENOTFOUND' ? 'Check the base URL (your region\'s host, such as us-12345.api.gong.io).' : 'Check the network connection and the base URL, then retry.',
      };
    case 'timeout':
      return { ...base, retry: true, text: 'Gong did not answer in time.', hint: 'Retry, or raise gongExplorer.requestTimeoutSeconds.' };
    case 'tooLarge':
      return { ...base, text: 'Gong\'s answer was too large to read safely.', hint: 'Ask for less at once: fewer calls, a shorter date range or a smaller page.' };
    case 'cancelled':
      return { ...base, cancelled: true, text: 'Cancelled.' };
  }
}

/** The text and hint as one sentence pair, for a message box or a log line. */
export function failureLine(f: Failure): string {
  return f.hint ? `${f.text} ${f.hint}` : f.text;
}

/** The facts behind a failure, one per line (status, request, Gong's words, request id), for tooltips and stderr. */
export function failureDetails(f: Failure): string[] {
  const lines: string[] = [];
  if (f.status !== undefined) lines.push(`HTTP ${f.status}`);
  if (f.request) lines.push(f.request);
  if (f.gongMessage && !f.text.includes(f.gongMessage)) lines.push(`Gong: ${f.gongMessage}`);
  if (f.scope) lines.push(`missing scope: ${f.scope}`);
  if (f.requestId) lines.push(`request id: ${f.requestId}`);
  return lines;
}

/** "Get a call: Not found in Gong: ... (HTTP 404, request id 4al0...)": a headline naming what failed. */
export function failureHeadline(subject: string, f: Failure): string {
  const facts = [f.status !== undefined ? `HTTP ${f.status}` : undefined, f.requestId ? `request id ${f.requestId}` : undefined]
    .filter((x): x is string => x !== undefined);
  return `${subject}: ${f.text}${facts.length > 0 ? ` (${facts.join(', ')})` : ''}`;
}
