/**
 * The Gong HTTP client: auth, pacing through the shared scheduler, retries of safe requests,
 * lossless JSON, typed errors, cursor paging, multipart uploads. No `vscode` here.
 */
import type * as Undici from 'undici';
import type { Dispatcher } from 'undici';
import type { Readable } from 'node:stream';
import type {
  GongApi, GongConnection, GongRequest, GongResponse, QueryValue, RequestLogEntry,
} from './types';
import { normalizeBaseUrl } from './baseUrl';
import { GongError, errorFromResponse } from './errors';
import { SLICED_PARSE_CHARS, parseJson, parseJsonInSlices, stringifyJson } from './json';
import { buildMultipart } from './multipart';
import { paginate } from './paging';
import { RequestScheduler, sharedScheduler } from './scheduler';

export interface GongClientOptions {
  /** Defaults to the process-wide `sharedScheduler()`. */
  scheduler?: RequestScheduler;
  /** Per attempt, from the moment the scheduler lets the request go (default 60 s). */
  timeoutMs?: number;
  /** Receives one entry per request (after its retries); never headers or secrets. */
  log?: (e: RequestLogEntry) => void;
  dispatcher?: Dispatcher;
  /** Retries of retry-safe requests on 429/5xx/transient network errors (default 3). */
  maxRetries?: number;
  userAgent?: string;
  /** First backoff delay for 5xx/network retries, doubled each time (default 500 ms). */
  retryBaseDelayMs?: number;
  /**
   * Largest answer body read, in bytes (default 64 MB); a longer answer is dropped unread with a
   * 'tooLarge' error instead of costing seconds of parsing and gigabytes of memory.
   */
  maxResponseBytes?: number;
}

/** The default cap on one answer's body. */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

const DEFAULT_TIMEOUT_MS = 60_000;
const MAX_BACKOFF_MS = 8_000;
/** Connection failures after which the request certainly or very likely did nothing on Gong's side. */
const TRANSIENT_CODES = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_CLOSED',
]);

let undici: typeof Undici | undefined;

/**
 * undici is loaded by the first request, never at import: it is over half a megabyte, and the
 * extension imports this module at activation (its bundle maps `undici` to a file of its own).
 */
function loadUndici(): typeof Undici {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at activation
  undici ??= require('undici') as typeof Undici;
  return undici;
}

/** Encodes query parameters: names and values through encodeURIComponent (so `+` is `%2B`, space `%20`), arrays repeated. */
export function buildQuery(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const parts: string[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    const values = Array.isArray(value) ? value : [value];
    for (const v of values as ReadonlyArray<string | number | boolean | bigint>) {
      parts.push(`${encodeURIComponent(name)}=${encodeURIComponent(String(v))}`);
    }
  }
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function errorCode(e: unknown): string | undefined {
  // undici and net put the code on the error, its cause, or (happy eyeballs) on each of an AggregateError's errors.
  for (let cur: unknown = e, depth = 0; cur && depth < 4; depth++) {
    const obj = cur as { code?: unknown; cause?: unknown; errors?: unknown[] };
    if (typeof obj.code === 'string' && obj.code !== 'UND_ERR_ABORTED') return obj.code;
    if (Array.isArray(obj.errors) && obj.errors.length > 0) { cur = obj.errors[0]; continue; }
    cur = obj.cause;
  }
  return undefined;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) { reject(new GongError('cancelled', 'Request cancelled', { cause: signal.reason })); return; }
    const onAbort = () => { clearTimeout(t); reject(new GongError('cancelled', 'Request cancelled', { cause: signal?.reason })); };
    const t = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(); }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function isRetryable(e: GongError): boolean {
  if (e.kind === 'rateLimited') return e.status === 429;
  if (e.kind === 'server') return e.status !== undefined && e.status !== 501;
  if (e.kind === 'network') return e.code !== undefined && TRANSIENT_CODES.has(e.code);
  return false;
}

function tooLarge(where: { method: string; path: string }, status: number, bytes: string, cap: number): GongError {
  const mb = (n: number) => `${Math.round(n / 1024 / 102.4) / 10} MB`;
  return new GongError('tooLarge', `${where.method} ${where.path}: Gong's answer (${bytes}) is larger than the ${mb(cap)} this client reads`, { ...where, status });
}

/**
 * Reads an answer's body as text, giving up (and dropping the connection's rest) as soon as it
 * passes `cap` bytes, or at once when its Content-Length says it will.
 */
async function readCapped(res: Dispatcher.ResponseData, cap: number, where: { method: string; path: string }): Promise<{ text: string; bytes: number }> {
  const declared = Number(headerValue(res.headers['content-length']));
  if (Number.isFinite(declared) && declared > cap) {
    res.body.destroy();
    throw tooLarge(where, res.statusCode, `${Math.round(declared / 1024 / 102.4) / 10} MB`, cap);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of res.body as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > cap) {
      res.body.destroy();
      throw tooLarge(where, res.statusCode, `over ${Math.round(cap / 1024 / 102.4) / 10} MB`, cap);
    }
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks, total).toString('utf8');
  // A byte order mark is not JSON; undici's text() drops it too.
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, bytes: total };
}

/**
 * Gong's documented nothing-found texts: "No calls found for the specified period", "No stats found
 * ...", "No logs found ...", "No folders found ...", "No users found ...", "Scorecards not found",
 * "Answered scorecards not found": a plural that found nothing. A 404 naming one missing thing
 * ("User 1 was not found", "No meeting found corresponding to the provided meeting ID") does not match.
 */
const NOTHING_FOUND = /^\s*(no \w+s found\b|(answered )?scorecards not found\b)/i;

/** True when a 404's messages are a documented "nothing matched" answer. */
export function isNothingFound(errors: readonly string[]): boolean {
  return errors.length > 0 && errors.every(e => NOTHING_FOUND.test(e));
}

/** The synthetic answer for a documented nothing-found 404, unless the request names its own. */
export function emptyResponseData(): { records: { totalRecords: number; currentPageSize: number; currentPageNumber: number } } {
  return { records: { totalRecords: 0, currentPageSize: 0, currentPageNumber: 0 } };
}

/** Talks to one Gong connection; see the module comment. */
export class GongClient implements GongApi {
  readonly baseUrl: string;
  readonly scheduler: RequestScheduler;
  /** A private field so the secret never shows up when the client is logged or inspected. */
  readonly #authorization: string;
  readonly #timeoutMs: number;
  readonly #log: ((e: RequestLogEntry) => void) | undefined;
  readonly #dispatcher: Dispatcher | undefined;
  readonly #maxRetries: number;
  readonly #userAgent: string;
  readonly #retryBaseDelayMs: number;
  readonly #maxResponseBytes: number;

  constructor(connection: GongConnection, options: GongClientOptions = {}) {
    this.baseUrl = normalizeBaseUrl(connection.baseUrl);
    const auth = connection.auth;
    this.#authorization = auth.kind === 'basic'
      ? `Basic ${Buffer.from(`${auth.accessKey}:${auth.accessKeySecret}`, 'utf8').toString('base64')}`
      : `Bearer ${auth.token}`;
    this.scheduler = options.scheduler ?? sharedScheduler();
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#log = options.log;
    this.#dispatcher = options.dispatcher;
    this.#maxRetries = Math.max(0, Math.min(10, options.maxRetries ?? 3));
    this.#userAgent = options.userAgent ?? 'gong-explorer';
    this.#retryBaseDelayMs = options.retryBaseDelayMs ?? 500;
    const cap = options.maxResponseBytes;
    this.#maxResponseBytes = typeof cap === 'number' && cap > 0 ? Math.floor(cap) : DEFAULT_MAX_RESPONSE_BYTES;
  }

  async request<T = unknown>(req: GongRequest, signal?: AbortSignal): Promise<GongResponse<T>> {
    const started = performance.now();
    const retrySafe = req.retrySafe ?? req.method === 'GET';
    let retries = 0;
    try {
      // Bounded by maxRetries: every failing pass either throws or counts one retry.
      for (;;) {
        try {
          const res = await this.attempt<T>(req, signal);
          const out: GongResponse<T> = { ...res, retries };
          this.emitLog(req, started, out.status, out.requestId, retries, undefined);
          return out;
        } catch (e) {
          const err = GongError.is(e) ? e : new GongError('network', e instanceof Error ? e.message : String(e), { cause: e });
          // Gong's limit is per company: a 429 holds every request to this base URL, safe or not.
          if (GongError.is(err, 'rateLimited') && err.status === 429) this.scheduler.pauseFor(err.retryAfterSeconds, this.baseUrl);
          if (!retrySafe || retries >= this.#maxRetries || !isRetryable(err)) throw err;
          retries++;
          // After a 429 the scheduler itself waits out Retry-After; other failures back off exponentially.
          if (err.kind !== 'rateLimited') {
            const delay = Math.min(MAX_BACKOFF_MS, this.#retryBaseDelayMs * 2 ** (retries - 1));
            await sleep(delay * (0.75 + Math.random() * 0.5), signal);
          }
        }
      }
    } catch (e) {
      const err = e as GongError;
      this.emitLog(req, started, err.status, err.requestId, retries, err.message);
      throw e;
    }
  }

  pages<T = unknown>(req: GongRequest, signal?: AbortSignal): AsyncIterableIterator<GongResponse<T>> {
    return paginate<T>(this, req, signal);
  }

  private emitLog(req: GongRequest, started: number, status: number | undefined, requestId: string | undefined, retries: number, error: string | undefined): void {
    if (!this.#log) return;
    const entry: RequestLogEntry = { method: req.method, path: req.path, status, durationMs: Math.round(performance.now() - started), requestId, retries };
    if (error !== undefined) entry.error = error;
    try { this.#log(entry); } catch { /* logging must never fail a request */ }
  }

  private async attempt<T>(req: GongRequest, signal: AbortSignal | undefined): Promise<Omit<GongResponse<T>, 'retries'>> {
    const path = req.path.startsWith('/') ? req.path : `/${req.path}`;
    const url = `${this.baseUrl}${path}${buildQuery(req.query)}`;
    const headers: Record<string, string> = {
      authorization: this.#authorization,
      accept: 'application/json',
      'user-agent': this.#userAgent,
    };
    let body: string | Readable | undefined;
    if (req.multipart) {
      let mp: Awaited<ReturnType<typeof buildMultipart>>;
      try {
        mp = await buildMultipart(req.multipart.fields, req.multipart.files);
      } catch (e) {
        // A missing or unreadable file is the caller's input, not a network failure (and is never retried).
        throw new GongError('invalidRequest', `${req.method} ${path}: cannot read the file to upload (${e instanceof Error ? e.message : String(e)})`, { method: req.method, path, cause: e });
      }
      headers['content-type'] = mp.contentType;
      headers['content-length'] = String(mp.contentLength);
      body = mp.stream();
    } else if (req.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = stringifyJson(req.body);
    }

    let release: (() => void) | undefined;
    try {
      release = await this.scheduler.acquire(signal, req.priority, this.baseUrl);
    } catch (e) {
      if (body && typeof body !== 'string') body.destroy();
      throw e;
    }
    const controller = new AbortController();
    let timedOut = false;
    const timeoutMs = req.timeoutMs ?? this.#timeoutMs;
    const timer = setTimeout(() => { timedOut = true; controller.abort(); }, timeoutMs);
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const where = { method: req.method, path };
    try {
      if (signal?.aborted) throw new GongError('cancelled', 'Request cancelled', { ...where, cause: signal.reason });
      const res = await loadUndici().request(url, {
        method: req.method, headers, body, signal: controller.signal,
        ...(this.#dispatcher ? { dispatcher: this.#dispatcher } : {}),
      });
      const { text, bytes } = await readCapped(res, this.#maxResponseBytes, where);
      const traceId = headerValue(res.headers['x-traceid']);
      let data: unknown;
      let parsed = true;
      // Long answers parse in slices between other work: the extension host's thread is everyone's.
      try { data = text.trim() === '' ? undefined : text.length > SLICED_PARSE_CHARS ? await parseJsonInSlices(text) : parseJson(text); } catch { parsed = false; }
      const bodyRequestId = typeof data === 'object' && data !== null && typeof (data as Record<string, unknown>)['requestId'] === 'string'
        ? (data as Record<string, unknown>)['requestId'] as string : undefined;
      const requestId = bodyRequestId ?? traceId;
      const status = res.statusCode;
      if (status >= 200 && status < 300) {
        if (!parsed) throw new GongError('server', `${req.method} ${path}: Gong answered ${status} with a body that is not JSON`, { ...where, status, requestId });
        return { status, data: (data ?? {}) as T, requestId, bytes };
      }
      const error = errorFromResponse({
        status, method: req.method, path, body: parsed ? data : undefined, text, requestId,
        retryAfter: headerValue(res.headers['retry-after']),
      });
      if (status === 404 && req.emptyOn404 && isNothingFound(error.errors)) {
        return { status: 404, data: (req.emptyData ?? emptyResponseData()) as T, requestId, empty: true, bytes };
      }
      throw error;
    } catch (e) {
      if (GongError.is(e)) throw e;
      if (timedOut) throw new GongError('timeout', `${req.method} ${path}: no answer from Gong within ${Math.round(timeoutMs / 1000)} s`, { ...where, cause: e });
      if (signal?.aborted) throw new GongError('cancelled', 'Request cancelled', { ...where, cause: signal.reason });
      const code = errorCode(e);
      const msg = e instanceof Error ? e.message : String(e);
      throw new GongError('network', `${req.method} ${path}: could not reach Gong at ${this.baseUrl} (${code ?? msg})`, { ...where, code, cause: e });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      release();
    }
  }
}
