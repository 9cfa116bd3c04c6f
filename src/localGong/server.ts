/**
 * The local Gong's HTTP front: faults, auth, limits, routing, body parsing and Gong's error
 * envelope. Route modules only see LocalRequest/RouteContext (contract.ts).
 */

import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpMethod } from '../gong/types';
import type { LocalRequest, RouteContext, RouteDef, RouteResult } from './contract';
import { LocalHttpError } from './contract';
import type { World } from './model';
import type { Faults, FaultSpec } from './faults';
import { newRequestId } from './ids';
import { MultipartError, multipartBoundary, multipartTextOf, readMultipart } from './multipart';
import type { Pager } from './paging';
import type { RateLimiter } from './rateLimit';
import { parseBody, stringifyBody } from './json';

export { rawNumber, RawNumber } from './json';

export const SERVICE_VERSION = 'PublicApiServer:17.main.local';
const SUCCESS_TYPE = 'application/json;charset=UTF-8';
const ERROR_TYPE = 'application/json; charset=utf-8';
const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];

/** Size limits; tests lower them to exercise the 400/413 answers without sending gigabytes. */
export interface BodyLimits {
  /** Largest JSON (or other non-multipart) body. */
  jsonBytes: number;
  /** Largest `mediaFile` part (Gong: 1.5 GB). */
  mediaBytes: number;
  /** Largest `dataFile` part (Gong: 200 MB). */
  dataBytes: number;
}

export const DEFAULT_LIMITS: BodyLimits = {
  jsonBytes: 10 * 1024 * 1024,
  mediaBytes: 1.5 * 1024 * 1024 * 1024,
  dataBytes: 200 * 1024 * 1024,
};

/** Features Gong turns on per company; the local Gong can run without them. */
export const LOCAL_GONG_FEATURES = ['engage', 'meetings'] as const;
export type LocalGongFeature = typeof LOCAL_GONG_FEATURES[number];

/**
 * How Gong refuses a feature the company does not have (OpenAPI: 403 "Forbidden" on the flows
 * endpoints when Engage is off, 403 "This API endpoint is in Limited release..." on meetings).
 */
const FEATURE_REFUSALS: ReadonlyArray<{ feature: LocalGongFeature; prefix: string; errors: string[] }> = [
  { feature: 'engage', prefix: '/v2/flows', errors: ['Forbidden'] },
  { feature: 'meetings', prefix: '/v2/meetings', errors: ['This API endpoint is in Limited release - contact your CSM for more information.'] },
];

/** Who may call: the Basic key pair, and bearer tokens with their scopes (`all` = every scope). */
export interface Credentials {
  accessKey: string;
  accessKeySecret: string;
  tokens: Map<string, ReadonlySet<string> | 'all'>;
  /** Epoch ms after which a bearer token is refused (OAuth access tokens expire). */
  tokenExpiries?: Map<string, number>;
}

export interface ServerDeps {
  world: World;
  routes: readonly RouteDef[];
  credentials: Credentials;
  limiter: RateLimiter | null;
  faults: Faults;
  pager: Pager;
  limits: BodyLimits;
  latencyMs: number;
  /** Features this company does not have (see FEATURE_REFUSALS). */
  disabled?: ReadonlySet<LocalGongFeature>;
  now(): Date;
  newId(): string;
  /** Gong's OAuth endpoints (/oauth2/*), answered before any API auth. */
  oauth?: { handle(req: IncomingMessage, res: ServerResponse, method: string, path: string, url: URL): Promise<boolean> };
}

interface CompiledRoute {
  def: RouteDef;
  segments: string[];
  paramCount: number;
}

function compile(routes: readonly RouteDef[]): CompiledRoute[] {
  return routes.map(def => {
    const segments = def.path.split('/');
    return { def, segments, paramCount: segments.filter(s => s.startsWith(':')).length };
  });
}

function matchPath(route: CompiledRoute, segs: readonly string[]): Record<string, string> | undefined {
  if (route.segments.length !== segs.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segs.length; i++) {
    const want = route.segments[i] ?? '';
    const got = segs[i] ?? '';
    if (want.startsWith(':')) {
      if (got === '') return undefined;
      try {
        params[want.slice(1)] = decodeURIComponent(got);
      } catch {
        params[want.slice(1)] = got;
      }
    } else if (want !== got) {
      return undefined;
    }
  }
  return params;
}

/** A running local Gong HTTP server and the bookkeeping `close()` needs. */
/** A 2xx fault with neither a body nor a dropped connection only delays the usual answer. */
function isSlowAnswer(fault: FaultSpec): boolean {
  return fault.status >= 200 && fault.status < 300 && fault.body === undefined && fault.destroySocket !== true;
}

export class LocalGongServer {
  readonly server: Server;
  private readonly compiled: CompiledRoute[];
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;
  requestCount = 0;

  constructor(private readonly deps: ServerDeps) {
    this.compiled = compile(deps.routes);
    this.server = createServer({ maxHeaderSize: 32 * 1024, requestTimeout: 600_000, headersTimeout: 60_000, keepAliveTimeout: 5_000 }, (req, res) => {
      this.handle(req, res).catch(err => {
        // handle() answers its own errors; this only catches failures while writing the answer.
        if (!res.headersSent) this.sendError(res, newRequestId(), 500, ['Internal server error occurred']);
        else res.destroy(err instanceof Error ? err : undefined);
      });
    });
  }

  listen(port: number, host: string): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      const onError = (err: Error): void => reject(err);
      this.server.once('error', onError);
      this.server.listen(port, host, () => {
        this.server.off('error', onError);
        resolve(this.server.address() as AddressInfo);
      });
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await new Promise<void>(resolve => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise(resolve => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
  }

  private send(res: ServerResponse, requestId: string, status: number, body: Record<string, unknown>, headers: Record<string, string> = {}, contentType = SUCCESS_TYPE): void {
    if (res.headersSent || res.destroyed) return;
    const text = stringifyBody({ requestId, ...body });
    res.writeHead(status, {
      'content-type': contentType,
      'content-length': Buffer.byteLength(text),
      'x-traceid': requestId,
      'x-gong-service-version': SERVICE_VERSION,
      ...headers,
    });
    res.end(text);
  }

  private sendError(res: ServerResponse, requestId: string, status: number, errors: string[], extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): void {
    this.send(res, requestId, status, { ...extra, errors }, headers, ERROR_TYPE);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.requestCount++;
    const requestId = newRequestId();
    const method = (req.method ?? 'GET').toUpperCase();
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://127.0.0.1');
    } catch {
      this.sendError(res, requestId, 400, ['Malformed request URL']);
      return;
    }
    const path = url.pathname.length > 1 && url.pathname.endsWith('/') ? url.pathname.slice(0, -1) : url.pathname;

    const fault = this.deps.faults.take(method, path);
    if (fault !== undefined && isSlowAnswer(fault)) {
      // A slow Gong: the request waits, then is answered as usual.
      await this.sleep(fault.delayMs ?? 0);
      if (this.closed) return;
    } else if (fault !== undefined) {
      await this.answerFault(req, res, requestId, fault);
      return;
    }
    if (this.deps.latencyMs > 0) await this.sleep(this.deps.latencyMs);
    if (this.closed) return;
    if (this.deps.oauth && path.startsWith('/oauth2/') && await this.deps.oauth.handle(req, res, method, path, url)) return;

    const scopes = this.authenticate(req.headers.authorization);
    if (scopes === undefined) {
      req.resume();
      this.sendError(res, requestId, 401, ['Unauthorized: the access key, secret or token is not valid'], {}, { 'www-authenticate': 'Basic realm="Gong API"' });
      return;
    }

    if (this.deps.limiter !== null) {
      const decision = this.deps.limiter.take();
      if (!decision.ok) {
        req.resume();
        const message = decision.reason === 'daily' ? 'API daily request limit exceeded' : 'API request limit exceeded';
        this.sendError(res, requestId, 429, [message], {}, { 'retry-after': String(decision.retryAfterSeconds) });
        return;
      }
    }

    const segs = path.split('/');
    let route: CompiledRoute | undefined;
    let params: Record<string, string> | undefined;
    // A literal segment beats a `:param` one: /v2/calls/extensive is never call "extensive".
    const candidates: Array<{ r: CompiledRoute; p: Record<string, string>; n: number }> = [];
    for (const r of this.compiled) {
      const p = matchPath(r, segs);
      if (p !== undefined) candidates.push({ r, p, n: r.paramCount });
    }
    const best = candidates.length === 0 ? 0 : Math.min(...candidates.map(c => c.n));
    const allowed: string[] = [];
    for (const c of candidates) {
      if (c.n !== best) continue;
      allowed.push(c.r.def.method);
      if (c.r.def.method === method && route === undefined) {
        route = c.r;
        params = c.p;
      }
    }
    if (route === undefined || params === undefined) {
      req.resume();
      if (allowed.length > 0) this.sendError(res, requestId, 405, ['Method Not Allowed'], {}, { allow: [...new Set(allowed)].join(', ') });
      else this.sendError(res, requestId, 404, [`No API endpoint matches ${method} ${path}`]);
      return;
    }

    const scope = route.def.scope;
    const hasScope = (s: string): boolean => scopes === 'all' || scopes.has(s);
    if (!hasScope(scope)) {
      req.resume();
      this.sendError(res, requestId, 401, [`You don't have permission to use '${scope}' in your app.`]);
      return;
    }

    const refusal = FEATURE_REFUSALS.find(r => this.deps.disabled?.has(r.feature) && (path === r.prefix || path.startsWith(`${r.prefix}/`)));
    if (refusal !== undefined) {
      req.resume();
      this.sendError(res, requestId, 403, refusal.errors);
      return;
    }

    let local: LocalRequest;
    try {
      local = await this.readRequest(req, method as HttpMethod, path, params, url.searchParams, route.def);
    } catch (err) {
      if (err instanceof LocalHttpError) {
        this.sendError(res, requestId, err.status, err.errors, err.extra, { connection: 'close' });
      } else if (err instanceof MultipartError) {
        this.sendError(res, requestId, err.status, [err.message], {}, { connection: 'close' });
      } else {
        this.sendError(res, requestId, 400, ['The request body could not be read']);
      }
      return;
    }

    const ctx: RouteContext = {
      world: this.deps.world,
      now: () => this.deps.now(),
      newId: () => this.deps.newId(),
      page: (r, items) => this.deps.pager.page(r, items),
      hasScope,
      requestId,
    };
    let result: RouteResult;
    try {
      result = await route.def.handler(local, ctx);
    } catch (err) {
      if (err instanceof LocalHttpError) {
        this.sendError(res, requestId, err.status, err.errors, err.extra);
      } else {
        this.sendError(res, requestId, 500, ['Internal server error occurred']);
      }
      return;
    }
    if (this.closed) return;
    const status = result.status ?? 200;
    this.send(res, requestId, status, result.body ?? {}, result.headers ?? {}, status >= 400 ? ERROR_TYPE : SUCCESS_TYPE);
  }

  private async answerFault(req: IncomingMessage, res: ServerResponse, requestId: string, fault: FaultSpec): Promise<void> {
    req.resume();
    if (fault.delayMs !== undefined && fault.delayMs > 0) await this.sleep(fault.delayMs);
    if (this.closed) return;
    if (fault.destroySocket === true) {
      req.socket.destroy();
      return;
    }
    const headers: Record<string, string> = {};
    if (fault.retryAfter !== undefined) headers['retry-after'] = String(Math.max(0, Math.round(fault.retryAfter)));
    if (typeof fault.body === 'string') {
      if (res.headersSent) return;
      res.writeHead(fault.status, { 'content-type': ERROR_TYPE, 'x-traceid': requestId, 'x-gong-service-version': SERVICE_VERSION, ...headers });
      res.end(fault.body);
      return;
    }
    if (fault.body !== undefined) {
      this.send(res, requestId, fault.status, fault.body, headers, fault.status >= 400 ? ERROR_TYPE : SUCCESS_TYPE);
      return;
    }
    // Gong's own words for the statuses tests script most (OpenAPI: 401 and 403 "Access denied").
    const message = fault.status === 429 ? 'API request limit exceeded'
      : fault.status >= 500 ? 'Internal server error occurred'
        : fault.status === 403 || fault.status === 401 ? 'Access denied'
          : `Injected failure ${fault.status}`;
    this.sendError(res, requestId, fault.status, [message], {}, headers);
  }

  /** Basic key pair or bearer token -> its scopes; undefined when the credentials are not valid. */
  private authenticate(header: string | undefined): ReadonlySet<string> | 'all' | undefined {
    if (header === undefined) return undefined;
    const m = /^(\w+)\s+(.+)$/.exec(header.trim());
    if (m === null) return undefined;
    const scheme = (m[1] ?? '').toLowerCase();
    const value = (m[2] ?? '').trim();
    const { credentials } = this.deps;
    if (scheme === 'basic') {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      return decoded === `${credentials.accessKey}:${credentials.accessKeySecret}` ? 'all' : undefined;
    }
    if (scheme === 'bearer') {
      const expires = credentials.tokenExpiries?.get(value);
      if (expires !== undefined && expires <= this.deps.now().getTime()) return undefined;
      return credentials.tokens.get(value);
    }
    return undefined;
  }

  private async readRequest(req: IncomingMessage, method: HttpMethod, path: string, params: Record<string, string>, query: URLSearchParams, def: RouteDef): Promise<LocalRequest> {
    const contentType = req.headers['content-type'];
    const length = req.headers['content-length'];
    const chunked = /\bchunked\b/i.test(req.headers['transfer-encoding'] ?? '');
    const hasBody = chunked || (length !== undefined && Number(length) > 0);
    const base = { method, path, params, query, contentType, hasBody };
    if (!hasBody) {
      req.resume();
      return { ...base, body: undefined };
    }
    const boundary = multipartBoundary(contentType);
    if (boundary !== undefined) {
      const { mediaBytes, dataBytes } = this.deps.limits;
      // Only parts the route declared keep their text; everything else (media) is counted and dropped.
      const keepText = multipartTextOf(def);
      const multipart = await readMultipart(req, boundary, {
        fileBytes: { default: mediaBytes, mediaFile: mediaBytes, dataFile: dataBytes },
        fieldBytes: 1024 * 1024,
        headerBytes: 16 * 1024,
        parts: 100,
        ...(keepText === undefined ? {} : { keepText }),
      });
      return { ...base, body: undefined, multipart };
    }
    if (contentType !== undefined && /^multipart\//i.test(contentType)) {
      req.resume();
      throw new LocalHttpError(400, ['multipart body without a valid boundary']);
    }
    const limit = this.deps.limits.jsonBytes;
    if (length !== undefined && Number(length) > limit) {
      req.resume();
      throw new LocalHttpError(413, [`Request body is larger than ${limit} bytes`]);
    }
    const text = await new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let failed = false;
      req.on('data', (chunk: Buffer) => {
        if (failed) return;
        size += chunk.length;
        if (size > limit) {
          failed = true;
          chunks.length = 0;
          reject(new LocalHttpError(413, [`Request body is larger than ${limit} bytes`]));
          return;
        }
        chunks.push(chunk);
      });
      req.on('end', () => {
        if (!failed) resolve(Buffer.concat(chunks).toString('utf8'));
      });
      req.on('error', err => {
        if (!failed) {
          failed = true;
          reject(err);
        }
      });
    });
    const looksJson = contentType === undefined || /json/i.test(contentType);
    if (text.trim() === '') return { ...base, body: undefined };
    if (!looksJson) return { ...base, body: text };
    let body: unknown;
    try {
      body = parseBody(text);
    } catch (err) {
      throw new LocalHttpError(400, [`Malformed JSON in the request body: ${err instanceof Error ? err.message : String(err)}`]);
    }
    return { ...base, body };
  }
}

/** The methods the router knows (others answer 405 on known paths, 404 elsewhere). */
export function isHttpMethod(m: string): m is HttpMethod {
  return (METHODS as readonly string[]).includes(m);
}
