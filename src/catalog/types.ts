/**
 * The shape of the action catalog: one declaration per Gong endpoint. Everything that runs actions
 * (Run Action..., the `gong` CLI, the tests that run every endpoint) reads these types only.
 * No `vscode` here.
 */
import type { z } from 'zod';
import type { GongRequest, HttpMethod } from '../gong/types';

export type Category =
  | 'Calls' | 'Users' | 'Workspaces' | 'Library' | 'Stats' | 'Settings' | 'Engage' | 'Meetings'
  | 'CRM' | 'Data privacy' | 'Permissions' | 'Engagement events' | 'Logs' | 'Coaching' | 'AI';

/** Where a top-level input goes on the wire. */
export type InputLocation = 'path' | 'query' | 'body' | 'multipart';

/** Cursor paging style: in the query string (GET) or the JSON body (POST). */
export type PagingStyle = 'none' | 'query-cursor' | 'body-cursor';

/** Kinds of ids a field may hold, so the UI can offer known values (users, workspaces, calls...). */
export type IdKind = 'user' | 'workspace' | 'call' | 'folder' | 'flow' | 'meeting' | 'profile' | 'scorecard' | 'tracker' | 'integration' | 'other';

export interface InputPlacement {
  in: InputLocation;
  /** Name on the wire when it differs from the input key (e.g. `workspace-id`). */
  wireName?: string;
  /** With `in: 'body'`: the value is the whole JSON body (GET /v2/crm/entities takes a bare array of ids). */
  bodyRoot?: boolean;
}

export interface ActionDef {
  /** Stable id, e.g. `calls.list`, `meetings.delete`. */
  id: string;
  /** The seed slugs that name this endpoint (e.g. `GONG_LIST_ALL_USERS_V2_USERS`). */
  aliases: string[];
  title: string;
  description: string;
  category: Category;
  method: HttpMethod;
  /** Path template with `{name}` segments, e.g. `/v2/calls/{id}`. */
  path: string;
  /** OAuth scope a bearer token needs. */
  scope: string;
  paging: PagingStyle;
  /** Changes nothing on Gong's side. */
  readOnly: boolean;
  /** Safe to repeat automatically (reads, including reads served over POST). */
  retrySafe: boolean;
  /** Erases or removes data: the UI asks for a modal confirmation in which the user retypes `confirmField`'s value. */
  destructive: boolean;
  /** Dotted path of the input the user must retype to confirm a destructive action. */
  confirmField?: string;
  /** Gong's document marks the endpoint deprecated: still runnable, listed with a warning. */
  deprecated?: boolean;
  /**
   * The answer holds generated rich text (Markdown): this builds the document a person reads, shown
   * beside the JSON. Pure: it only reads the parsed body.
   */
  richAnswer?: (data: unknown, input: Record<string, unknown>) => string | undefined;
  /**
   * Gong documents a nothing-found 404 for this endpoint ("No stats found...", "Scorecards not
   * found"): it reads as an empty list everywhere (Run Action, the CLI, the views).
   */
  emptyOn404?: boolean;
  /** Zod object schema of the whole input; nested objects mirror the JSON body (`filter.fromDate`). */
  input: z.ZodObject<z.ZodRawShape>;
  /** Placement of each top-level input key; keys not listed go in the JSON body. */
  placement: Record<string, InputPlacement>;
  /** The key under which the response holds the list of records (for paged display), e.g. `calls`. */
  listKey?: string;
  /**
   * Input names the seed action lists use for this endpoint (e.g. `call_id`, `workspace__id`), mapped to
   * the dotted input path they mean. Applied before validation, so people who know the seeds' names can use them.
   */
  inputAliases?: Record<string, string>;
}

/** One field of the input steps, in the order they are asked. */
export interface FieldSpec {
  /** Dotted path into the input object, e.g. `filter.fromDateTime`. */
  path: string;
  label: string;
  description?: string;
  kind: 'string' | 'id' | 'email' | 'phone' | 'dateTime' | 'date' | 'enum' | 'boolean' | 'number' | 'integer' | 'array' | 'object' | 'file' | 'json';
  required: boolean;
  location: InputLocation;
  enumValues?: string[];
  /** For arrays: the kind of each item, and the limits. */
  itemKind?: FieldSpec['kind'];
  minItems?: number;
  maxItems?: number;
  idKind?: IdKind;
  /** Validates one answer for this field alone; returns a message naming the rule, or undefined. */
  validate(value: unknown): string | undefined;
}

export interface InputIssue {
  /** Dotted path of the field, e.g. `filter.callIds.0`. */
  path: string;
  message: string;
}

export type ValidationResult<T = Record<string, unknown>> =
  | { ok: true; value: T }
  | { ok: false; issues: InputIssue[] };

/** The catalog's functions (implemented in src/catalog/index.ts). */
export interface CatalogApi {
  readonly actions: readonly ActionDef[];
  /** By id or seed slug (case-insensitive). */
  find(idOrSlug: string): ActionDef | undefined;
  /** The ordered input steps of an action. */
  fields(action: ActionDef): FieldSpec[];
  validate(action: ActionDef, input: unknown): ValidationResult;
  /** Validates, then places every input on the wire. Throws InputError (with issues) when invalid. */
  toRequest(action: ActionDef, input: unknown): GongRequest;
}
