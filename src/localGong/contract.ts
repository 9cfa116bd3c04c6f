/**
 * The contract between the local Gong's server core (server.ts, world.ts) and the route modules.
 * Route modules export `routes: RouteDef[]` (or a function returning them) and never touch node:http.
 * No `vscode` here: the local Gong runs in plain Node, in tests, in benchmarks and inside the
 * extension host for the demo workspace.
 */

import type { HttpMethod } from '../gong/types';
import type { World } from './model';

/** What a route handler sees of a request. */
export interface LocalRequest {
  method: HttpMethod;
  /** Path without query, e.g. `/v2/calls/123`. */
  path: string;
  /** Path parameters from the route template (`/v2/calls/:id` gives `{ id }`). */
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body (integers longer than 15 digits kept as strings), or undefined when none was sent. */
  body: unknown;
  /** Whether a body was sent at all (for 415 on GET /v2/crm/entities). */
  hasBody: boolean;
  contentType: string | undefined;
  /** multipart/form-data parts, when the request was multipart. File parts report their size only. */
  multipart?: { fields: Record<string, string>; files: Record<string, { filename: string; size: number; contentType: string }> };
}

export interface RouteResult {
  status?: number; // default 200
  /** Response body; `requestId` is added by the server. Bare-number ids are written with `rawNumber()`. */
  body?: Record<string, unknown>;
  headers?: Record<string, string>;
}

export interface RouteDef {
  method: HttpMethod;
  /** Template with `:name` segments, e.g. `/v2/meetings/:meetingId`. */
  path: string;
  /** OAuth scope a bearer token needs; checked by the server before the handler runs. */
  scope: string;
  handler: (req: LocalRequest, ctx: RouteContext) => RouteResult | Promise<RouteResult>;
}

/** Thrown by handlers to answer with Gong's error envelope. */
export class LocalHttpError extends Error {
  constructor(
    readonly status: number,
    readonly errors: string[],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(errors.join('; '));
  }
}

/** Services the server gives every handler. */
export interface RouteContext {
  /** The generated data, mutable by write routes. */
  world: World;
  /** Current time (fixed in tests when the server was started with `now`). */
  now(): Date;
  /** A fresh 19-digit id string, deterministic per server seed. */
  newId(): string;
  /**
   * Cursor paging exactly as Gong does it: 100 records a page, an opaque cursor bound to the
   * original request (method, path, query/body without `cursor`), and the `records` block.
   * Throws LocalHttpError(400) for a cursor that does not belong to this request.
   */
  page<T>(req: LocalRequest, items: readonly T[]): { items: T[]; records: { totalRecords: number; currentPageSize: number; currentPageNumber: number; cursor?: string } };
  /**
   * Whether the caller may use an extra scope beyond the route's own (e.g. `api:calls:read:media-url`
   * for media in /v2/calls/extensive). Basic keys have every scope. Absent means "yes".
   */
  hasScope?(scope: string): boolean;
  /** The id this answer will carry (body `requestId` and header `x-traceid`). */
  requestId?: string;
}
