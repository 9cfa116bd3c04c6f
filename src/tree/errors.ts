/**
 * Reads the Gong client's typed errors structurally (kind, status, errors[]), so the trees and the
 * sign-in flow decide on types, never on message text alone. The one exception is the scope name,
 * which Gong only gives inside the message: "You don't have permission to use '<scope>' in your app."
 */

export type FailureKind = 'auth' | 'scope' | 'network' | 'rateLimited' | 'notFound' | 'cancelled' | 'other';

export interface Failure {
  kind: FailureKind;
  /** One line for a row or a message box. */
  message: string;
  /** The OAuth scope Gong said is missing. */
  scope?: string;
  status?: number;
  requestId?: string;
}

function field(e: unknown, key: string): unknown {
  return typeof e === 'object' && e !== null ? (e as Record<string, unknown>)[key] : undefined;
}

const scopeRe = /permission to use '([^']+)'/;

/** Classifies anything thrown by a request. */
export function describeFailure(e: unknown): Failure {
  const kind = field(e, 'kind');
  const status = field(e, 'status');
  const requestId = typeof field(e, 'requestId') === 'string' ? field(e, 'requestId') as string : undefined;
  const errors = field(e, 'errors');
  const texts = Array.isArray(errors) ? errors.filter((x): x is string => typeof x === 'string') : [];
  const message = texts.length > 0 ? texts.join('; ') : e instanceof Error ? e.message : String(e);
  const st = typeof status === 'number' ? status : undefined;
  const base = { message, status: st, requestId };
  const scope = scopeRe.exec(texts.join(' ') || message)?.[1];
  if (e instanceof Error && e.name === 'AbortError') return { ...base, kind: 'cancelled' };
  if (kind === 'cancelled' || kind === 'aborted') return { ...base, kind: 'cancelled' };
  if (scope) return { ...base, kind: 'scope', scope, message: `Missing OAuth scope ${scope}` };
  if (kind === 'auth' || kind === 'forbidden' || st === 401 || st === 403) return { ...base, kind: 'auth' };
  if (kind === 'rateLimited' || kind === 'rate-limited' || st === 429) return { ...base, kind: 'rateLimited' };
  if (kind === 'notFound' || kind === 'not-found' || st === 404) return { ...base, kind: 'notFound' };
  if (kind === 'network' || kind === 'timeout') return { ...base, kind: 'network' };
  const code = field(e, 'code') ?? field(field(e, 'cause'), 'code');
  if (typeof code === 'string' && /^(ECONNREFUSED|ENOTFOUND|ECONNRESET|ETIMEDOUT|EAI_AGAIN|UND_ERR)/.test(code)) return { ...base, kind: 'network' };
  return { ...base, kind: 'other' };
}
