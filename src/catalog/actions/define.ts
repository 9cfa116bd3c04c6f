import { z } from 'zod';
import type { ActionDef, Category, InputPlacement, PagingStyle } from '../types';
import type { HttpMethod } from '../../gong/types';
import { str } from '../fields';

/** What an action file writes; the defaults below fill in the rest. */
export interface ActionSpec {
  id: string;
  aliases: string[];
  title: string;
  description: string;
  category: Category;
  method: HttpMethod;
  path: string;
  scope: string;
  paging?: PagingStyle;
  readOnly: boolean;
  /** Defaults to readOnly: every read may be repeated, whatever its HTTP method. */
  retrySafe?: boolean;
  destructive?: boolean;
  confirmField?: string;
  emptyOn404?: boolean;
  shape: z.ZodRawShape;
  placement?: Record<string, InputPlacement>;
  listKey?: string;
  inputAliases?: Record<string, string>;
}

/**
 * Builds one ActionDef. The top-level input object is strict so a mistyped key is reported instead of
 * silently dropped; paged actions get an optional `cursor` input placed where their paging style says.
 */
export function defineAction(spec: ActionSpec): ActionDef {
  const paging = spec.paging ?? 'none';
  const shape: Record<string, z.core.$ZodType> = { ...spec.shape };
  const placement: Record<string, InputPlacement> = { ...(spec.placement ?? {}) };
  if (paging !== 'none') {
    shape.cursor = str('Cursor of the next page, from the previous answer\'s records.cursor').optional();
    placement.cursor = { in: paging === 'query-cursor' ? 'query' : 'body' };
  }
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
    input: z.strictObject(shape) as unknown as z.ZodObject<z.ZodRawShape>,
    placement,
  };
  if (spec.confirmField !== undefined) def.confirmField = spec.confirmField;
  if (spec.emptyOn404) def.emptyOn404 = true;
  if (spec.listKey !== undefined) def.listKey = spec.listKey;
  if (spec.inputAliases !== undefined) def.inputAliases = spec.inputAliases;
  return def;
}
