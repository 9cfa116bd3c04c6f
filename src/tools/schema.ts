/**
 * Tool input schemas as JSON Schema, made by zod's own export from the same zod schemas the catalog
 * validates with, so a tool's schema is never written twice. No `vscode` here.
 */
import { z } from 'zod';

export type JsonSchema = Record<string, unknown>;

/** Catalog metadata keys (src/catalog/fields.ts) that mean nothing to a JSON Schema reader. */
const CATALOG_META = ['gongKind', 'idKind', 'itemKind'];

function clean(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(clean);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    if (CATALOG_META.includes(k)) continue;
    out[k] = clean(v);
  }
  // zod spells ISO dates as both a format and a 400-character pattern; the format says it to a model.
  if ((out.format === 'date-time' || out.format === 'date') && typeof out.pattern === 'string') delete out.pattern;
  return out;
}

/**
 * The JSON Schema of an input object as a client sends it (`io: 'input'`: optional fields with
 * defaults stay optional). Catalog metadata is dropped and the `$schema` key left out, since VS Code's
 * manifest and MCP's `inputSchema` both want a bare object schema.
 */
export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  const raw = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  const out = clean(raw) as JsonSchema;
  delete out.$schema;
  return out;
}
