/**
 * Turns a failed run into what a person needs: the status, Gong's own message, the request id to
 * quote to Gong support, and what to do next. Works on the client's typed error by its fields
 * (`kind`, `status`, `requestId`, `errors`, `scope`), never by message text. No `vscode` here.
 */

export interface ErrorReport {
  /** One line for the notification. */
  message: string;
  /** What to do about it. */
  hint: string | undefined;
  requestId: string | undefined;
  status: number | undefined;
}

interface GongErrorLike {
  kind?: unknown;
  status?: unknown;
  requestId?: unknown;
  errors?: unknown;
  scope?: unknown;
  retryAfterMs?: unknown;
  retryAfterSeconds?: unknown;
  message?: unknown;
}

function field<T>(e: GongErrorLike, key: keyof GongErrorLike, guard: (v: unknown) => v is T): T | undefined {
  const v = e[key];
  return guard(v) ? v : undefined;
}
const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Gong's `missing scope` message names the scope: `You don't have permission to use 'api:x' in your app.` */
export function scopeFromMessages(messages: readonly string[]): string | undefined {
  for (const m of messages) {
    const hit = /permission to use '([^']+)'/.exec(m);
    if (hit?.[1]) return hit[1];
  }
  return undefined;
}

export function describeError(e: unknown, actionTitle: string, actionScope?: string): ErrorReport {
  if (typeof e !== 'object' || e === null) return { message: `${actionTitle} failed: ${String(e)}`, hint: undefined, requestId: undefined, status: undefined };
  const err = e as GongErrorLike;
  const status = field(err, 'status', isNumber);
  const requestId = field(err, 'requestId', isString);
  const kind = field(err, 'kind', isString);
  const gongMessages = Array.isArray(err.errors) ? err.errors.filter(isString) : [];
  const base = gongMessages.length ? gongMessages.join('; ') : (field(err, 'message', isString) ?? 'unknown error');
  const scope = field(err, 'scope', isString) ?? scopeFromMessages(gongMessages);
  let hint: string | undefined;
  if (kind === 'scope' || kind === 'missingScope' || (scope && (status === 401 || status === 403))) {
    const s = scope ?? actionScope;
    hint = s ? `The OAuth token lacks the scope ${s}. Sign in with a token (or app) that is granted ${s}, or use an access key.` : 'The token lacks the scope this action needs.';
  } else if (kind === 'auth' || status === 401) {
    hint = 'Gong refused the credentials. Check the access key and secret (or sign in again) and that the base URL is your company\'s.';
  } else if (kind === 'forbidden' || status === 403) {
    hint = 'Gong denied access: the feature may not be enabled for your company, or the key lacks permission.';
  } else if (kind === 'rateLimited' || status === 429) {
    const wait = field(err, 'retryAfterSeconds', isNumber) ?? ((field(err, 'retryAfterMs', isNumber) ?? 0) / 1000);
    hint = `Gong's rate limit was hit${wait > 0 ? `; try again in ${Math.ceil(wait)} s` : ''}. Lower gongExplorer.requestsPerSecond if it keeps happening.`;
  } else if (kind === 'notFound' || status === 404) {
    hint = 'Check the ids you entered; nothing matched them.';
  } else if (status === 400) {
    hint = 'Gong rejected the input; the message above says which part.';
  } else if (status === 409) {
    hint = 'Gong reports a conflict with existing data (a duplicate, or something that already exists).';
  } else if (kind === 'timeout') {
    hint = 'The request timed out; raise gongExplorer.requestTimeoutSeconds or narrow the input.';
  } else if (kind === 'network') {
    hint = 'Gong could not be reached; check the network and the base URL.';
  } else if (status !== undefined && status >= 500) {
    hint = 'Gong had an internal error; try again later and quote the request id to Gong support if it persists.';
  }
  const head = status !== undefined ? `${actionTitle} failed: HTTP ${status}: ${base}` : `${actionTitle} failed: ${base}`;
  const message = requestId ? `${head} (request id ${requestId})` : head;
  return { message, hint, requestId, status };
}
