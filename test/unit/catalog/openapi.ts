/**
 * A small validator of answers against Gong's OpenAPI 3.0 document, with the corrections its README
 * lists (where the document disagrees with what live Gong answers, live Gong wins):
 * - no field is marked nullable, but live answers carry `null` for empty fields: `null` is accepted
 *   for any property or list item (never for the whole answer);
 * - many ids are typed `integer`, but live answers carry Gong's 64-bit ids as digit strings: an
 *   `integer` also accepts a string of digits (the client parses 16+ digit numbers to strings too);
 * - `/v2/flows/folders` answers `flowsFolders`, not `flows`;
 * - a bare `type: object` (no properties, no additionalProperties) holds any JSON value;
 * - fields endpoints.md records in live answers but the document lacks (LIVE_FIELDS) are allowed
 *   where they were seen.
 *
 * The document uses only type, properties, required, items, enum, additionalProperties, format and
 * a few length limits (no allOf/oneOf), so a hundred lines cover it; a general JSON Schema library
 * would still need every correction above written as a schema rewrite.
 * Properties the document does not declare are reported too: the local Gong may only answer what
 * Gong documents (or what a correction above allows).
 */

export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  additionalProperties?: Schema | boolean;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
}

export interface OpenApiDoc {
  paths: Record<string, Record<string, { deprecated?: boolean; responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> }>>;
  components: { schemas: Record<string, Schema> };
}

export interface Operation { method: string; path: string; key: string; deprecated: boolean }

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/**
 * Fields live Gong answers carry that the document does not declare, per operation and place
 * (list indices written `[]`), each with where endpoints.md records it.
 */
export const LIVE_FIELDS: Record<string, Record<string, string[]>> = {
  // endpoints.md §16: questions[].updaterUserId/created/updated exist live but not in the spec.
  'GET /v2/settings/scorecards': { '$.scorecards[].questions[]': ['updaterUserId', 'created', 'updated'] },
  // endpoints.md §33: the live tenant returned flowsFolders: [{ id, name, parentFolderId, createdById, visibility }].
  'GET /v2/flows/folders': { '$.flowsFolders[]': ['parentFolderId', 'createdById'] },
};

/** Every operation of the document, e.g. `GET /v2/calls/{id}`. */
export function operationsOf(doc: OpenApiDoc): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [m, op] of Object.entries(item)) {
      if (!METHODS.includes(m)) continue;
      const method = m.toUpperCase();
      out.push({ method, path, key: `${method} ${path}`, deprecated: op.deprecated === true });
    }
  }
  return out;
}

/** The document's response schema of one operation and status; undefined when that status is not documented. */
export function responseSchema(doc: OpenApiDoc, method: string, path: string, status: number): Schema | undefined {
  const op = doc.paths[path]?.[method.toLowerCase()];
  const res = op?.responses?.[String(status)];
  if (!res) return undefined;
  const schema = res.content?.['application/json']?.schema ?? {};
  // Correction: Gong's live /v2/flows/folders answer names its list flowsFolders.
  if (method === 'GET' && path === '/v2/flows/folders') {
    const resolved = resolve(doc, schema);
    const { flows, ...rest } = resolved.properties ?? {};
    return flows === undefined ? resolved : { ...resolved, properties: { ...rest, flowsFolders: flows } };
  }
  return schema;
}

function resolve(doc: OpenApiDoc, s: Schema): Schema {
  let cur = s;
  for (let i = 0; cur.$ref !== undefined && i < 20; i++) {
    const name = cur.$ref.replace('#/components/schemas/', '');
    const next = doc.components.schemas[name];
    if (!next) throw new Error(`unresolved $ref ${cur.$ref}`);
    cur = next;
  }
  return cur;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

/** Every way `value` breaks `schema`, as `path: problem` lines (empty when it conforms). */
export function validate(doc: OpenApiDoc, schema: Schema, value: unknown, path = '$', errors: string[] = [], live: Record<string, string[]> = {}): string[] {
  if (errors.length >= 50) return errors;
  const s = resolve(doc, schema);
  // Correction: a bare object is the generator's Object, any JSON value.
  if (s.type === 'object' && s.properties === undefined && (s.additionalProperties === undefined || s.additionalProperties === true)) return errors;
  if (value === null) {
    if (path === '$') errors.push(`${path}: the answer is null`);
    return errors; // correction: empty fields are null in live answers
  }
  const t = s.type ?? (s.properties ? 'object' : undefined);
  switch (t) {
    case 'object': {
      if (typeName(value) !== 'object') { errors.push(`${path}: expected an object, got ${typeName(value)}`); break; }
      const obj = value as Record<string, unknown>;
      const props = s.properties;
      const extra = s.additionalProperties;
      const seenLive = live[path.replace(/\[\d+\]/g, '[]')] ?? [];
      for (const r of s.required ?? []) if (!(r in obj)) errors.push(`${path}: missing required ${r}`);
      for (const [k, v] of Object.entries(obj)) {
        const p = props?.[k];
        if (p !== undefined) validate(doc, p, v, `${path}.${k}`, errors, live);
        else if (typeof extra === 'object') validate(doc, extra, v, `${path}.${k}`, errors, live);
        else if (!(path === '$' && k === 'requestId') && !seenLive.includes(k)) errors.push(`${path}: ${k} is not in the document`);
      }
      break;
    }
    case 'array': {
      if (!Array.isArray(value)) { errors.push(`${path}: expected an array, got ${typeName(value)}`); break; }
      if (s.maxItems !== undefined && value.length > s.maxItems) errors.push(`${path}: more than ${s.maxItems} items`);
      value.forEach((v, i) => { if (s.items) validate(doc, s.items, v, `${path}[${i}]`, errors, live); });
      break;
    }
    case 'integer':
      // Correction: 64-bit ids arrive as digit strings.
      if (!(typeof value === 'number' && Number.isInteger(value)) && !(typeof value === 'string' && /^-?\d{1,20}$/.test(value))) {
        errors.push(`${path}: expected an integer, got ${JSON.stringify(value)}`);
      }
      break;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) errors.push(`${path}: expected a number, got ${JSON.stringify(value)}`);
      break;
    case 'boolean':
      if (typeof value !== 'boolean') errors.push(`${path}: expected a boolean, got ${JSON.stringify(value)}`);
      break;
    case 'string':
      if (typeof value !== 'string') { errors.push(`${path}: expected a string, got ${typeName(value)} ${JSON.stringify(value)}`); break; }
      if (s.format === 'date-time' && !DATE_TIME.test(value)) errors.push(`${path}: not an ISO-8601 date-time: ${JSON.stringify(value)}`);
      if (s.maxLength !== undefined && value.length > s.maxLength) errors.push(`${path}: longer than ${s.maxLength}`);
      break;
    default:
      break; // no type: anything
  }
  if (s.enum !== undefined && !s.enum.includes(value)) errors.push(`${path}: ${JSON.stringify(value)} is not one of ${s.enum.map(e => JSON.stringify(e)).join(', ')}`);
  return errors;
}
