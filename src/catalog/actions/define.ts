import { z } from 'zod';
import type { ActionDef, InputPlacement, PagingStyle } from '../types';
import { str } from '../fields';
import { getPath } from '../paths';

/**
 * What an action file writes: an ActionDef (its members documented there) where the defaults below
 * fill in paging, retrySafe, destructive and placement, and the input is a shape built on first use.
 */
export interface ActionSpec extends Omit<ActionDef, 'paging' | 'retrySafe' | 'destructive' | 'input' | 'placement'> {
  paging?: PagingStyle;
  /** Defaults to readOnly: every read may be repeated, whatever its HTTP method. */
  retrySafe?: boolean;
  destructive?: boolean;
  /** Built on first use: zod schemas cost time, and the extension lists actions long before it runs one. */
  shape: () => z.ZodRawShape;
  placement?: Record<string, InputPlacement>;
  /** Rules across fields (one of two, end after start); each issue names the dotted field it is about. */
  refine?: (value: Record<string, unknown>) => Array<{ path: string; message: string }>;
}

/** `a` strictly before `b` when both are given (ISO-8601 text compared as instants). */
export function ordered(value: Record<string, unknown>, a: string, b: string, path = b): Array<{ path: string; message: string }> {
  const x = getPath(value, a);
  const y = getPath(value, b);
  if (typeof x !== 'string' || typeof y !== 'string') return [];
  const tx = Date.parse(x);
  const ty = Date.parse(y);
  if (Number.isNaN(tx) || Number.isNaN(ty) || tx < ty) return [];
  return [{ path, message: `must be after ${a}` }];
}

/**
 * Builds one ActionDef. The top-level input object is strict so a mistyped key is reported instead of
 * silently dropped; paged actions get an optional `cursor` input placed where their paging style says.
 */
export function defineAction(spec: ActionSpec): ActionDef {
  const paging = spec.paging ?? 'none';
  const placement: Record<string, InputPlacement> = { ...(spec.placement ?? {}) };
  if (paging !== 'none') placement.cursor = { in: paging === 'query-cursor' ? 'query' : 'body' };
  let input: z.ZodObject<z.ZodRawShape> | undefined;
  const buildInput = (): z.ZodObject<z.ZodRawShape> => {
    const shape: Record<string, z.core.$ZodType> = { ...spec.shape() };
    if (paging !== 'none') shape.cursor = str('Cursor of the next page, from the previous answer\'s records.cursor').optional();
    return withRefinement(z.strictObject(shape), spec.refine);
  };
  const def: ActionDef = {
    id: spec.id,
    aliases: spec.aliases,
    title: spec.title,
    description: spec.description,
    category: spec.category,
    method: spec.method,
    path: spec.path,
    scope: spec.scope,
    paging,
    readOnly: spec.readOnly,
    retrySafe: spec.retrySafe ?? spec.readOnly,
    destructive: spec.destructive ?? false,
    get input() {
      input ??= buildInput();
      return input;
    },
    placement,
  };
  if (spec.confirmField !== undefined) def.confirmField = spec.confirmField;
  if (spec.emptyOn404) def.emptyOn404 = true;
  if (spec.deprecated) def.deprecated = true;
  if (spec.richAnswer !== undefined) def.richAnswer = spec.richAnswer;
  if (spec.listKey !== undefined) def.listKey = spec.listKey;
  if (spec.inputAliases !== undefined) def.inputAliases = spec.inputAliases;
  return def;
}

function withRefinement<T extends z.ZodObject>(schema: T, refine: ActionSpec['refine']): T {
  if (!refine) return schema;
  // superRefine keeps the ZodObject (and its shape), which the field list walks.
  return schema.superRefine((value, ctx) => {
    for (const issue of refine(value)) ctx.addIssue({ code: 'custom', path: issue.path.split('.'), message: issue.message });
  });
}
