/**
 * Helpers for the local Gong core tests: start a server, call it over real HTTP with node's fetch,
 * and compare answers with the documented sample responses key by key.
 */

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalGong } from '../../../src/localGong/index';
import type { LocalGongHandle, LocalGongOptions } from '../../../src/localGong/index';
import { SAMPLE_RESPONSES_DIR } from '../reference';

export const FIXED_NOW = new Date('2026-03-02T17:30:00Z');
export const SAMPLES_DIR = SAMPLE_RESPONSES_DIR;

export async function start(options: LocalGongOptions = {}): Promise<LocalGongHandle> {
  return startLocalGong({ seed: 3, users: 40, calls: 260, rateLimit: false, now: FIXED_NOW, ...options });
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed with JSON.parse (ids are strings in every answer tested here). */
  json: Record<string, unknown>;
}

export function basicAuth(g: LocalGongHandle): string {
  return `Basic ${Buffer.from(`${g.accessKey}:${g.accessKeySecret}`).toString('base64')}`;
}

/** One request; `body` objects are sent as JSON. */
export async function api(g: LocalGongHandle, method: string, path: string, body?: unknown, init: { auth?: string | null; headers?: Record<string, string> } = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...init.headers };
  const auth = init.auth === undefined ? basicAuth(g) : init.auth;
  if (auth !== null) headers.authorization = auth;
  let payload: string | undefined;
  if (body !== undefined) {
    payload = typeof body === 'string' ? body : JSON.stringify(body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(`${g.baseUrl}${path}`, { method, headers, body: payload, signal: AbortSignal.timeout(30_000) });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // left empty; tests that care assert on text
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Asserts Gong's error envelope: status, errors[], requestId == x-traceid. Returns the messages. */
export function assertEnvelope(a: Answer, status: number): string[] {
  assert.equal(a.status, status, `status ${a.status}: ${a.text.slice(0, 300)}`);
  assert.ok(Array.isArray(a.json.errors), `errors array in ${a.text.slice(0, 300)}`);
  assert.match(String(a.json.requestId), /^[a-z0-9]{18,19}$/);
  assert.equal(a.headers.get('x-traceid'), a.json.requestId);
  assert.ok(a.headers.get('x-gong-service-version'));
  assert.equal(a.headers.get('content-type'), 'application/json; charset=utf-8');
  return a.json.errors as string[];
}

export function sample(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(SAMPLES_DIR, file), 'utf8')) as Record<string, unknown>;
}

type Kind = 'null' | 'string' | 'number' | 'boolean' | 'array' | 'object';

function kindOf(v: unknown): Kind {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v as Kind;
}

/**
 * Checks that `actual` has the sample's shape: every key present in all sample objects at a place
 * is present, and values have a type the sample shows there (null allowed where the sample has a
 * null, or where `nullable` lists the dotted path, which also makes the key optional). Extra keys
 * are fine: Gong adds fields freely.
 */
export function assertShape(samples: unknown[], actual: unknown, path = '$', nullable: ReadonlySet<string> = new Set()): void {
  const kinds = new Set(samples.map(kindOf));
  const k = kindOf(actual);
  if (k === 'null') {
    assert.ok(kinds.has('null') || nullable.has(path) || kinds.size === 0, `${path}: null where the sample has ${[...kinds].join('|')}`);
    return;
  }
  const typed = [...kinds].filter(x => x !== 'null');
  if (typed.length === 0) return; // sample only shows null: any type is fine
  assert.ok(kinds.has(k), `${path}: ${k} where the sample has ${[...kinds].join('|')}`);
  if (k === 'array') {
    const elems = samples.filter(Array.isArray).flat();
    for (const [i, item] of (actual as unknown[]).entries()) {
      if (i > 50) break; // the first 50 elements show the shape
      assertShape(elems, item, `${path}[]`, nullable);
    }
  } else if (k === 'object') {
    const objs = samples.filter((s): s is Record<string, unknown> => kindOf(s) === 'object');
    const keys = new Set(objs.flatMap(o => Object.keys(o)));
    const a = actual as Record<string, unknown>;
    for (const key of keys) {
      if (key === 'requestId' && path === '$') continue;
      const present = objs.filter(o => key in o);
      const required = present.length === objs.length && !(path === '$.records' && key === 'cursor') && !nullable.has(`${path}.${key}`);
      if (!(key in a)) {
        assert.ok(!required, `${path}.${key} is missing`);
        continue;
      }
      assertShape(present.map(o => o[key]), a[key], `${path}.${key}`, nullable);
    }
  }
}
