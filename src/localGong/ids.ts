/**
 * Deterministic randomness and Gong-shaped identifiers for the local Gong.
 * Everything the world generator draws comes from `streamRng(seed, name)`, so the same seed gives
 * the same data no matter in which order the parts are generated.
 */

import { randomBytes } from 'node:crypto';

/** 32-bit FNV-1a over a string, mixed further so nearby strings land far apart. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** mulberry32: small, fast and good enough for test data. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A PRNG for one named stream of one seed. */
export function streamRng(seed: number, stream: string): () => number {
  return mulberry32(hash32(`${seed}\u0000${stream}`));
}

/** Helpers over a PRNG so generator code stays short. */
export class Rand {
  constructor(readonly next: () => number) {}
  int(min: number, maxInclusive: number): number {
    return min + Math.floor(this.next() * (maxInclusive - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** `count` distinct items (fewer when the list is shorter). */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = items.slice();
    const out: T[] = [];
    for (let i = 0; i < count && copy.length > 0; i++) {
      const j = Math.floor(this.next() * copy.length);
      out.push(copy[j] as T);
      copy[j] = copy[copy.length - 1] as T;
      copy.pop();
    }
    return out;
  }
}

/**
 * A digit string of the given length without a leading zero. Built digit by digit so values above
 * 2^53 come out exact (the point of Gong's ids is that they do not fit in a JS number).
 */
export function digits(rng: () => number, length: number): string {
  // Whole chunks of up to 9 digits: building ids digit by digit leaves long rope strings behind,
  // which at 500,000 ids costs hundreds of megabytes and seconds of garbage collection.
  let s = String(1 + Math.floor(rng() * 9));
  while (s.length < length) {
    const need = Math.min(9, length - s.length);
    s += String(Math.floor(rng() * 10 ** need)).padStart(need, '0');
  }
  return s;
}

/**
 * Gong-like id lengths: mostly 19 digits (like live ids), some shorter (15-18) and a few 20-digit
 * ones, which stress clients that assume int64.
 */
export function idLength(rng: () => number): number {
  const r = rng();
  if (r < 0.7) return 19;
  if (r < 0.8) return 18;
  if (r < 0.86) return 17;
  if (r < 0.9) return 16;
  if (r < 0.93) return 15;
  return 20;
}

/**
 * Hands out ids from one PRNG stream. Random 15-20 digit ids practically never collide, so the
 * optional `isTaken` check is only for ids that key a map (calls, users).
 */
export class IdSource {
  constructor(private readonly rng: () => number, private readonly isTaken: (id: string) => boolean = () => false) {}
  /** An id of mixed length (15-20 digits). */
  next(): string {
    return this.unique(() => gongId(this.rng, idLength(this.rng)));
  }
  /**
   * An id without the taken check, for ids nothing is keyed by (parties, speakers): at 15-20 random
   * digits a clash is practically impossible, and skipping the check halves generation time.
   */
  nextUnchecked(): string {
    return gongId(this.rng, idLength(this.rng));
  }
  /** An id of exactly 19 digits, as Gong hands out for new objects. */
  next19(): string {
    return this.unique(() => gongId(this.rng, 19));
  }
  private unique(make: () => string): string {
    for (let i = 0; i < 1000; i++) {
      const id = make();
      if (!this.isTaken(id)) return id;
    }
    throw new Error('could not find an unused id');
  }
}

/**
 * 19-digit ids stay below 2^63 (they start with 1-8) as Gong's int64 ids do; 20-digit ones stay
 * below 2^64 (they start with 10-17), which is what breaks clients that parse ids as numbers.
 */
export function gongId(rng: () => number, length: number): string {
  if (length === 19) return `${1 + Math.floor(rng() * 8)}${digits(rng, 18)}`;
  if (length === 20) return `1${Math.floor(rng() * 8)}${digits(rng, 18)}`;
  return digits(rng, length);
}

const REQUEST_ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A fresh request id: 18-19 lowercase alphanumerics like Gong's (`4al018gzaztcr8nbukw`). */
export function newRequestId(): string {
  const bytes = randomBytes(19);
  const length = 18 + ((bytes[0] ?? 0) & 1);
  let s = '';
  for (let i = 0; i < length; i++) s += REQUEST_ID_ALPHABET[(bytes[i] ?? 0) % REQUEST_ID_ALPHABET.length];
  return s;
}
