/**
 * Typed errors of the Gong client. Callers branch on `kind` (via `GongError.is`), never on message
 * text. The brand symbol makes the guard work across bundles (the extension and dist/gong.js each
 * carry their own copy of this class).
 */

export type GongErrorKind =
  | 'auth'
  | 'missingScope'
  | 'forbidden'
  | 'notFound'
  | 'conflict'
  | 'invalidRequest'
  | 'rateLimited'
  | 'server'
  | 'network'
  | 'timeout'
  | 'tooLarge'
  | 'cancelled';

const BRAND = Symbol.for('gongExplorer.GongError');

export interface GongErrorInit {
  status?: number;
  requestId?: string;
  errors?: string[];
  /** Envelope keys besides requestId/errors (e.g. userFacingError, fixUrl, helpUrl). */
  extra?: Record<string, unknown>;
  /** The missing OAuth scope (kind 'missingScope'). */
  scope?: string;
  /** Seconds Gong asked us to wait (kind 'rateLimited'). */
  retryAfterSeconds?: number;
  /** Low-level error code for network failures (ECONNREFUSED, ENOTFOUND, UND_ERR_SOCKET...). */
  code?: string;
  method?: string;
  path?: string;
  cause?: unknown;
}

/** Any failure of a Gong request. */
export class GongError extends Error {
  readonly [BRAND] = true;
  readonly kind: GongErrorKind;
  readonly status: number | undefined;
  readonly requestId: string | undefined;
  readonly errors: string[];
  readonly extra: Record<string, unknown>;
  readonly userFacingError: string | undefined;
  readonly fixUrl: string | undefined;
  readonly helpUrl: string | undefined;
  readonly code: string | undefined;
  readonly method: string | undefined;
  readonly path: string | undefined;

  constructor(kind: GongErrorKind, message: string, init: GongErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'GongError';
    this.kind = kind;
    this.status = init.status;
    this.requestId = init.requestId;
    this.errors = init.errors ?? [];
    this.extra = init.extra ?? {};
    this.userFacingError = nonEmptyString(this.extra['userFacingError']);
    this.fixUrl = nonEmptyString(this.extra['fixUrl']);
    this.helpUrl = nonEmptyString(this.extra['helpUrl']);
    this.code = init.code;
    this.method = init.method;
    this.path = init.path;
  }

  /** True when `e` is a GongError (of `kind`, when given). Works across bundles. */
  static is<K extends GongErrorKind>(e: unknown, kind: K): e is GongErrorOfKind<K>;
  static is(e: unknown): e is GongError;
  static is(e: unknown, kind?: GongErrorKind): boolean {
    if (typeof e !== 'object' || e === null || (e as Record<symbol, unknown>)[BRAND] !== true) return false;
    return kind === undefined || (e as GongError).kind === kind;
  }
}

/** Gong answered 429. */
export class GongRateLimitedError extends GongError {
  readonly retryAfterSeconds: number;
  constructor(message: string, init: GongErrorInit & { retryAfterSeconds: number }) {
    super('rateLimited', message, init);
    this.name = 'GongRateLimitedError';
    this.retryAfterSeconds = init.retryAfterSeconds;
  }
}

/** Gong answered "You don't have permission to use '<scope>' in your app." */
export class GongMissingScopeError extends GongError {
  readonly scope: string;
  constructor(message: string, init: GongErrorInit & { scope: string }) {
    super('missingScope', message, init);
    this.name = 'GongMissingScopeError';
    this.scope = init.scope;
  }
}

export type GongErrorOfKind<K extends GongErrorKind> =
  K extends 'rateLimited' ? GongRateLimitedError : K extends 'missingScope' ? GongMissingScopeError : GongError;

function nonEmptyString(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

const SCOPE_RE = /permission to use '([^']+)'/i;

/**
 * The longest wait a Retry-After may ask for: a day. Gong's daily limit resets within one; anything
 * longer (`999999999`, a date in 9999) is a broken or hostile answer and must not stop work for years.
 */
export const MAX_RETRY_AFTER_SECONDS = 86_400;

/** An HTTP date's leading day name (IMF-fixdate, RFC 850 and asctime all start with one). */
const HTTP_DATE_RE = /^(mon|tue|wed|thu|fri|sat|sun)[a-z]*,? /i;

/**
 * Parses a Retry-After header (delay seconds or an HTTP date) into seconds within
 * 0..MAX_RETRY_AFTER_SECONDS, or undefined when it is neither (garbage, a negative number, a date
 * Date.parse would only guess at). A date in the past is 0.
 */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.min(MAX_RETRY_AFTER_SECONDS, Number(v));
  if (v.length > 64 || !HTTP_DATE_RE.test(v)) return undefined;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(0, Math.ceil((at - now) / 1000)));
}

export interface ErrorResponseInfo {
  status: number;
  method: string;
  path: string;
  /** Parsed body (the error envelope), or undefined when it was not JSON. */
  body: unknown;
  /** Raw text, used when the body is not an envelope. */
  text: string;
  requestId: string | undefined;
  retryAfter: string | undefined;
}

/** Builds the typed error for a non-2xx answer. */
export function errorFromResponse(info: ErrorResponseInfo): GongError {
  const envelope = typeof info.body === 'object' && info.body !== null && !Array.isArray(info.body)
    ? info.body as Record<string, unknown>
    : undefined;
  const errors = Array.isArray(envelope?.['errors'])
    ? (envelope['errors'] as unknown[]).map(x => typeof x === 'string' ? x : JSON.stringify(x))
    : [];
  if (errors.length === 0 && envelope === undefined && info.text.trim() !== '') errors.push(info.text.trim().slice(0, 300));
  const extra: Record<string, unknown> = {};
  if (envelope) for (const [k, v] of Object.entries(envelope)) if (k !== 'errors' && k !== 'requestId') extra[k] = v;
  const bodyRequestId = typeof envelope?.['requestId'] === 'string' ? envelope['requestId'] : undefined;
  const init: GongErrorInit = {
    status: info.status, requestId: bodyRequestId ?? info.requestId, errors, extra, method: info.method, path: info.path,
  };
  const detail = errors.length > 0 ? errors.join('; ') : `HTTP ${info.status}`;
  const prefix = `${info.method} ${info.path} failed (${info.status})`;
  const s = info.status;

  if (s === 401 || s === 403) {
    const scope = errors.map(e => SCOPE_RE.exec(e)?.[1]).find(x => x !== undefined);
    if (scope !== undefined) return new GongMissingScopeError(`${prefix}: missing OAuth scope ${scope}`, { ...init, scope });
    return new GongError(s === 401 ? 'auth' : 'forbidden', `${prefix}: ${detail}`, init);
  }
  if (s === 429) {
    const retryAfterSeconds = parseRetryAfter(info.retryAfter) ?? 1;
    return new GongRateLimitedError(`${prefix}: rate limited, retry after ${retryAfterSeconds} s`, { ...init, retryAfterSeconds });
  }
  if (s === 404) return new GongError('notFound', `${prefix}: ${detail}`, init);
  if (s === 409) return new GongError('conflict', `${prefix}: ${detail}`, init);
  if (s >= 500) return new GongError('server', `${prefix}: ${detail}`, init);
  return new GongError('invalidRequest', `${prefix}: ${detail}`, init);
}
