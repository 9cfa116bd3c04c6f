/**
 * The catalog against its sources: the slug index of endpoints.md and the two seed action lists (read
 * from test/fixtures/reference, or GONG_SHARED_DIR), plus the internal consistency of every declaration.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { allActions, catalog, fieldsOf, getPath, normalizeInput } from '../../../src/catalog/index';
import { fieldMeta, unwrapAll } from '../../../src/catalog/fields';
import { isNothingFound } from '../../../src/gong/client';
import { FIXED, sampleInput } from './samples';
import { REFERENCE_DIR } from '../reference';

const SHARED = REFERENCE_DIR;

function readShared(rel: string): string {
  const p = join(SHARED, rel);
  assert.ok(existsSync(p), `reference file missing: ${p} (set GONG_SHARED_DIR to the folder holding gong-api/ and seeds/)`);
  return readFileSync(p, 'utf8');
}

interface IndexRow { slug: string; method: string; path: string }

function slugIndex(): IndexRow[] {
  const md = readShared('gong-api/endpoints.md');
  const start = md.indexOf('## Slug → endpoint index');
  assert.ok(start >= 0, 'endpoints.md has no slug index section');
  const section = md.slice(start, md.indexOf('\n## ', start + 5));
  const rows: IndexRow[] = [];
  for (const line of section.split('\n')) {
    const m = /^\|\s*(GONG_[A-Z0-9_]+)\s*\|[^|]*\|\s*(GET|POST|PUT|DELETE|PATCH)\s+(\/\S+)/.exec(line);
    if (m) rows.push({ slug: m[1] as string, method: m[2] as string, path: m[3] as string });
  }
  return rows;
}

function seedSlugs(): Set<string> {
  const seed0 = readShared('seeds/000_bf07c4db0eab966a.txt');
  const seed2 = readShared('seeds/002_ac92c027da33bc2a.txt');
  const out = new Set<string>();
  // seed0 is flattened page text: each slug runs straight into the word "Acción".
  for (const m of seed0.matchAll(/(GONG_[A-Z0-9_]+?)Acci[óo]n/g)) out.add(m[1] as string);
  const n0 = out.size;
  for (const m of seed2.matchAll(/\*\*Slug:\*\*\s*`(GONG_[A-Z0-9_]+)`/g)) out.add(m[1] as string);
  assert.equal(n0, 53, 'seed0 lists 53 actions');
  return out;
}

interface Operation { method: string; path: string; deprecated: boolean; scopes: string[] }
interface DocSchema { $ref?: string; type?: string; properties?: Record<string, DocSchema>; items?: DocSchema }
interface DocOp { parameters?: Array<{ name: string; in: string }>; requestBody?: { content?: Record<string, { schema?: DocSchema }> } }

function openApi(): Record<string, unknown> {
  return JSON.parse(readShared('gong-api/gong-openapi.json')) as Record<string, unknown>;
}

/** Every operation of the OpenAPI document, with the scopes its description names ('api:...'). */
function operations(doc: Record<string, unknown>): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, { deprecated?: boolean; description?: string }>>)) {
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const scopes = [...(op.description ?? '').matchAll(/'(api:[a-z:-]+)'/g)].map(m => m[1] as string);
      out.push({ method: method.toUpperCase(), path, deprecated: op.deprecated === true, scopes });
    }
  }
  return out;
}

describe('catalog integrity', () => {
  it('declares 68 actions with unique ids and 68 distinct method+path pairs', () => {
    assert.equal(allActions.length, 68);
    assert.equal(new Set(allActions.map(a => a.id)).size, 68);
    assert.equal(new Set(allActions.map(a => `${a.method} ${a.path}`)).size, 68);
  });

  it('covers every operation of Gong\'s OpenAPI document (67), plus the manual CRM associations it lacks', () => {
    const doc = openApi();
    const ops = operations(doc);
    assert.equal(ops.length, 67, 'the document has 67 operations');
    const declared = new Map(allActions.map(a => [`${a.method} ${a.path}`, a]));
    const missing = ops.filter(o => !declared.has(`${o.method} ${o.path}`)).map(o => `${o.method} ${o.path}`);
    assert.deepEqual(missing, []);
    const extra = allActions.filter(a => !ops.some(o => o.method === a.method && o.path === a.path)).map(a => a.id);
    assert.deepEqual(extra, ['calls.manualCrmAssociations']);
    for (const o of ops) {
      const a = declared.get(`${o.method} ${o.path}`);
      assert.equal(a?.deprecated === true, o.deprecated, `${o.method} ${o.path}: deprecated as the document says`);
    }
  });

  it('covers exactly the 68 slugs of the endpoints.md index, each on the endpoint the index names', () => {
    const rows = slugIndex();
    assert.equal(rows.length, 68, 'the index table has 68 rows');
    const aliases = allActions.flatMap(a => a.aliases);
    assert.equal(aliases.length, 68, 'every slug is an alias exactly once');
    assert.equal(new Set(aliases).size, 68);
    for (const row of rows) {
      const a = catalog.find(row.slug);
      assert.ok(a, `${row.slug} is not in the catalog`);
      assert.equal(`${a.method} ${a.path}`, `${row.method} ${row.path}`, `${row.slug} maps to the wrong endpoint`);
      assert.equal(catalog.find(row.slug.toLowerCase()), a, 'slug lookup is case-insensitive');
    }
    assert.deepEqual(new Set(rows.map(r => `${r.method} ${r.path}`)).size, 57);
  });

  it('agrees with the two seed lists (68 distinct slugs between them)', () => {
    const seeds = seedSlugs();
    assert.equal(seeds.size, 68);
    const index = new Set(slugIndex().map(r => r.slug));
    for (const s of seeds) assert.ok(index.has(s), `${s} from the seeds is missing from the index`);
    for (const s of seeds) assert.ok(catalog.find(s), `${s} from the seeds is not in the catalog`);
  });

  it('gives every input parameter of the English seed list a field (seed names and flattened a__b names accepted)', () => {
    const md = readShared('seeds/002_ac92c027da33bc2a.txt');
    const sections = md.split(/\*\*Slug:\*\*\s*`/).slice(1).filter(s => s.startsWith('GONG_'));
    assert.equal(sections.length, 58);
    let params = 0;
    for (const section of sections) {
      const slug = section.slice(0, section.indexOf('`'));
      const action = catalog.find(slug);
      assert.ok(action, slug);
      const inputs = section.slice(section.indexOf('#### Input Parameters'), section.indexOf('#### Output'));
      const paths = fieldsOf(action).map(f => f.path);
      for (const m of inputs.matchAll(/^\| `([^`]+)` \|/gm)) {
        const name = m[1] as string;
        // Where the seed name lands after the action's aliases and a__b flattening.
        let path = '';
        let cur: unknown = normalizeInput(action, { [name]: true });
        while (cur !== null && typeof cur === 'object') {
          const k = Object.keys(cur)[0] as string;
          path = path ? `${path}.${k}` : k;
          cur = (cur as Record<string, unknown>)[k];
        }
        assert.ok(paths.includes(path) || paths.some(p => p.startsWith(`${path}.`)), `${slug}: seed parameter ${name} (${path}) has no field`);
        params++;
      }
    }
    assert.ok(params > 200, `parsed ${params} seed parameters`);
  });

  it('finds actions by id case-insensitively and answers undefined for unknown names', () => {
    assert.equal(catalog.find('CALLS.LIST')?.path, '/v2/calls');
    assert.equal(catalog.find('  users.get ')?.path, '/v2/users/{id}');
    assert.equal(catalog.find('calls.nope'), undefined);
  });

  for (const a of allActions) {
    describe(a.id, () => {
      it('places only keys that exist, and every path parameter in the path, required', () => {
        const shape = a.input.shape;
        for (const key of Object.keys(a.placement)) assert.ok(key in shape, `placement of unknown key ${key}`);
        const params = [...a.path.matchAll(/\{(\w+)\}/g)].map(m => m[1] as string);
        for (const p of params) {
          const key = Object.keys(a.placement).find(k => a.placement[k]?.in === 'path' && (a.placement[k]?.wireName ?? k) === p);
          assert.ok(key, `path parameter {${p}} has no input`);
          assert.ok(!(shape[key] as z.ZodType).safeParse(undefined).success, `{${p}} must be required`);
        }
        for (const [k, p] of Object.entries(a.placement)) {
          if (p.in === 'path') assert.ok(params.includes(p.wireName ?? k), `${k} is placed in the path but ${a.path} has no {${k}}`);
        }
      });

      it('has a field list with a kind read from metadata for every input', () => {
        const fields = fieldsOf(a);
        if (Object.keys(a.input.shape).length > 0) assert.ok(fields.length > 0);
        assert.equal(new Set(fields.map(f => f.path)).size, fields.length, 'field paths are unique');
        for (const f of fields) {
          assert.notEqual(f.kind, 'json', `${f.path} has no kind metadata`);
          assert.equal(typeof f.validate, 'function');
          assert.ok(f.description && f.description.length > 2, `${f.path} has a description`);
          if (f.kind === 'enum') assert.ok(f.enumValues && f.enumValues.length > 0, `${f.path} lists its values`);
          if (f.kind === 'id') assert.ok(f.idKind, `${f.path} names its id kind`);
        }
        // Path params first, then the required fields, the cursor last.
        const rank = fields.map(f => (f.location === 'path' ? 0 : f.path === 'cursor' ? 3 : f.required ? 1 : 2));
        assert.deepEqual(rank, [...rank].sort((x, y) => x - y));
        for (const key of Object.keys(a.input.shape)) {
          const inner = unwrapAll(a.input.shape[key] as z.ZodType);
          assert.ok(fieldMeta(inner) || (inner.def as { type: string }).type === 'object', `${key} carries field metadata`);
        }
      });

      it('accepts its sample input and builds a request for it', () => {
        const input = sampleInput(a.id, FIXED);
        const r = catalog.validate(a, input);
        assert.ok(r.ok, `sample refused: ${JSON.stringify(!r.ok && r.issues)}`);
        const req = catalog.toRequest(a, input);
        assert.equal(req.method, a.method);
        assert.ok(!req.path.includes('{'), `unsubstituted path ${req.path}`);
        assert.equal(req.retrySafe, a.retrySafe);
        if (a.destructive) {
          assert.ok(a.confirmField, 'destructive actions name the field to retype');
          assert.equal(typeof getPath(input, a.confirmField), 'string', `confirmField ${a.confirmField} resolves in the input`);
        }
        if (a.paging !== 'none') assert.ok(a.listKey, 'paged actions name their list key');
      });
    });
  }

  it('flags exactly the documented destructive, retry-safe and empty-on-404 actions', () => {
    const destructive = allActions.filter(a => a.destructive).map(a => a.id).sort();
    assert.deepEqual(destructive, ['calls.usersAccess.remove', 'crm.deleteIntegration', 'dataPrivacy.eraseEmail', 'dataPrivacy.erasePhone', 'flows.unassignByCrmId', 'flows.unassignByInstanceId', 'meetings.delete']);
    // Every endpoint whose documented 404 is a nothing-found text reads it as empty; the activity
    // stats document only "User not found", but Gong's stats family answers "No stats found" for an
    // empty range (the client reads only nothing-found texts as empty, so an unknown user stays an error).
    const openapi = JSON.parse(readShared('gong-api/gong-openapi.json')) as { paths: Record<string, Record<string, { responses?: Record<string, { description?: string }> }>> };
    const documented = Object.entries(openapi.paths).flatMap(([path, ops]) => Object.entries(ops)
      .filter(([, op]) => isNothingFound([op.responses?.['404']?.description ?? '']))
      .map(([method]) => `${method.toUpperCase()} ${path}`)).sort();
    assert.deepEqual(documented, [
      'GET /v2/calls', 'GET /v2/library/folder-content', 'GET /v2/library/folders', 'GET /v2/logs', 'GET /v2/settings/scorecards',
      'POST /v2/calls/extensive', 'POST /v2/calls/transcript', 'POST /v2/stats/activity/scorecards', 'POST /v2/stats/interaction', 'POST /v2/users/extensive',
    ]);
    const flagged = allActions.filter(a => a.emptyOn404).map(a => `${a.method} ${a.path}`).sort();
    assert.deepEqual(flagged.filter(x => !documented.includes(x)), [
      'POST /v2/stats/activity/aggregate', 'POST /v2/stats/activity/aggregate-by-period', 'POST /v2/stats/activity/day-by-day',
    ]);
    assert.deepEqual(documented.filter(x => !flagged.includes(x)), []);
    for (const id of ['calls.extensive', 'calls.transcript', 'users.extensive', 'stats.activityAggregate', 'stats.interaction', 'calls.usersAccess.get', 'flows.prospects', 'tasks.list', 'stats.answeredScorecards']) {
      const a = catalog.find(id);
      assert.ok(a && a.method === 'POST' && a.retrySafe && a.readOnly, `${id} is a retry-safe read over POST`);
    }
    for (const a of allActions) {
      if (!a.readOnly) assert.equal(a.retrySafe, false, `${a.id} writes, so it is not retried`);
      if (a.destructive) assert.equal(a.readOnly, false);
    }
  });

  it('has an input for every request field the OpenAPI document gives (parameters, body, nested objects and list items)', () => {
    const doc = openApi() as { paths: Record<string, Record<string, DocOp>>; components: { schemas: Record<string, DocSchema> } };
    const resolve = (s: DocSchema | undefined): DocSchema | undefined => {
      let cur = s;
      for (let i = 0; cur?.$ref !== undefined && i < 20; i++) cur = doc.components.schemas[cur.$ref.replace('#/components/schemas/', '')];
      return cur;
    };
    const missing: string[] = [];
    const compare = (docSchema: DocSchema | undefined, zod: z.ZodType, path: string): void => {
      const d = resolve(docSchema);
      const inner = unwrapAll(zod);
      const def = inner.def as { type: string; element?: z.ZodType; shape?: Record<string, z.ZodType> };
      if (d?.type === 'array' && d.items) {
        if (def.type === 'array' && def.element) compare(d.items, def.element, `${path}[]`);
        return;
      }
      if (!d?.properties || def.type !== 'object') return;
      const shape = (inner as z.ZodObject).shape as Record<string, z.ZodType>;
      for (const [k, v] of Object.entries(d.properties)) {
        const field = shape[k];
        if (field === undefined) missing.push(`${path}.${k}`);
        else compare(v, field, `${path}.${k}`);
      }
    };
    let compared = 0;
    for (const a of allActions) {
      const op = doc.paths[a.path]?.[a.method.toLowerCase()];
      if (!op) continue;
      compared++;
      for (const p of op.parameters ?? []) {
        if (p.in === 'header' || p.name === 'cursor') continue;
        // endpoints.md: the document lists objectsCrmIds as a query parameter whose own description says it goes in the body.
        const inBody = a.id === 'crm.getEntities' && p.name === 'objectsCrmIds' && a.placement.objectsCrmIds?.bodyRoot === true;
        const placed = inBody || Object.entries(a.placement).some(([k, pl]) => pl.in === p.in && (pl.wireName ?? k) === p.name);
        if (!placed) missing.push(`${a.id}: ${p.in} parameter ${p.name}`);
      }
      const body = op.requestBody?.content?.['application/json']?.schema;
      if (body === undefined) continue;
      const root = Object.entries(a.placement).find(([, pl]) => pl.bodyRoot);
      const before = missing.length;
      compare(body, root ? a.input.shape[root[0]] as z.ZodType : a.input, `${a.id}: $`);
      assert.ok(missing.length >= before);
    }
    assert.equal(compared, 67);
    assert.deepEqual(missing, []);
  });

  it('uses the OAuth scopes of conventions.md §9, or for the operations it leaves out the scope the OpenAPI document names', () => {
    const conv = readShared('gong-api/conventions.md');
    const section = conv.slice(conv.indexOf('## 9.'), conv.indexOf('## 10.'));
    const scopes = new Set([...section.matchAll(/\|\s*(api:[a-z:-]+(?:\s*\/\s*:[a-z-]+)*)\s*\|/g)].flatMap(m => {
      // "api:meetings:user:create / :update / :delete" names three scopes.
      const [head, ...rest] = (m[1] as string).split(/\s*\/\s*/);
      const base = (head as string).slice(0, (head as string).lastIndexOf(':'));
      return [head as string, ...rest.map(r => base + r)];
    }));
    const named = new Map(operations(openApi()).map(o => [`${o.method} ${o.path}`, o.scopes]));
    for (const a of allActions) {
      const fromDoc = named.get(`${a.method} ${a.path}`) ?? [];
      assert.ok(scopes.has(a.scope) || fromDoc.includes(a.scope), `${a.id}: scope ${a.scope} is neither in conventions.md §9 nor named by the document (${fromDoc.join(', ')})`);
      if (!scopes.has(a.scope)) assert.ok(fromDoc.length > 0, `${a.id}: the document names a scope`);
    }
    assert.equal(catalog.find('calls.transcript')?.scope, 'api:calls:read:transcript');
    assert.equal(catalog.find('meetings.delete')?.scope, 'api:meetings:user:delete');
    assert.equal(catalog.find('permissions.profileUsers')?.scope, 'api:users:read');
  });
});
