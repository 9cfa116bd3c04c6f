/**
 * The public contract of the Gong client. Everything that talks to Gong (catalog, trees, panels,
 * CLI, benchmarks) depends on these types only; `client.ts` implements them. No `vscode` here.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

/** How a connection authenticates: access key + secret (HTTP Basic) or an OAuth bearer token. */
export type GongAuth =
  | { kind: 'basic'; accessKey: string; accessKeySecret: string }
  | { kind: 'bearer'; token: string };

export interface GongConnection {
  /** Origin of the API, e.g. `https://api.gong.io` or `https://us-12345.api.gong.io`; no `/v2` suffix. */
  baseUrl: string;
  auth: GongAuth;
}

export type QueryValue = string | number | boolean | bigint | undefined | null | ReadonlyArray<string | number>;

/** A file sent as one part of a multipart/form-data body; streamed from disk, never read whole. */
export interface MultipartFile {
  path: string;
  filename?: string;
  contentType?: string;
}

export interface GongRequest {
  method: HttpMethod;
  /** Path below the base URL with path parameters already substituted, e.g. `/v2/calls/123`. */
  path: string;
  /** Query parameters; names are sent exactly as given (`workspace-id`), values percent-encoded (`+` becomes `%2B`). */
  query?: Record<string, QueryValue>;
  /** JSON body; allowed on every method, including GET and DELETE. Ids must already be strings. */
  body?: unknown;
  /** multipart/form-data body instead of JSON. */
  multipart?: { fields?: Record<string, string>; files?: Record<string, MultipartFile> };
  /**
   * True when repeating the request cannot change anything on Gong's side (reads, including reads
   * served over POST such as `/v2/calls/extensive`). Only such requests are retried on 429/5xx/network
   * errors. Defaults to true for GET, false for everything else.
   */
  retrySafe?: boolean;
  /**
   * True for the endpoints whose documented nothing-found 404 ("No calls found...", "No stats
   * found...", "Scorecards not found") means an empty result. Only those texts read as empty: a 404
   * naming one missing thing ("User 1 was not found") stays an error.
   */
  emptyOn404?: boolean;
  /** The answer a nothing-found 404 stands for (default: an empty page, `{ records: {0, 0, 0} }`). */
  emptyData?: unknown;
  /** Overrides the client's default timeout for this request (ms). */
  timeoutMs?: number;
  /** Where it queues; defaults to the priority of the work sending it (see `withPriority` in scheduler.ts). */
  priority?: RequestPriority;
}

/**
 * How much a person is waiting for a request: `interactive` (asked for it now: a panel, a clicked
 * or expanded row, a command), `visible` (a view on screen), `background` (a refresh nobody is
 * looking at), `prefetch` (might be wanted later).
 */
export type RequestPriority = 'interactive' | 'visible' | 'background' | 'prefetch';

export interface GongResponse<T = unknown> {
  status: number;
  /** Parsed losslessly: integers longer than 15 digits arrive as strings, never rounded numbers. */
  data: T;
  requestId: string | undefined;
  /** True when this is the synthetic empty answer for a documented nothing-found 404. */
  empty?: boolean;
  retries: number;
  /** Size of the answer's body in bytes, as read (absent on answers that were not read from the network). */
  bytes?: number;
}

/** The `records` block of a paged Gong answer. */
export interface GongRecords {
  totalRecords?: number;
  currentPageSize?: number;
  currentPageNumber?: number;
  cursor?: string;
}

/** What the log hook receives for every request. Never holds a header or a secret. */
export interface RequestLogEntry {
  method: HttpMethod;
  path: string;
  status: number | undefined;
  durationMs: number;
  requestId: string | undefined;
  retries: number;
  error?: string;
}

export interface SchedulerStats {
  /** Requests sent today (local calendar day), against the daily budget. */
  requestsToday: number;
  dailyBudget: number;
  inFlight: number;
  queued: number;
  /** Epoch ms until which Gong asked us to wait (429 Retry-After), or undefined. */
  rateLimitedUntil: number | undefined;
}

/** The client as everyone else sees it. */
export interface GongApi {
  request<T = unknown>(req: GongRequest, signal?: AbortSignal): Promise<GongResponse<T>>;
  /** Cursor paging: yields each page's response; stops when `records.cursor` is absent. */
  pages<T = unknown>(req: GongRequest, signal?: AbortSignal): AsyncIterableIterator<GongResponse<T>>;
}
