/**
 * zod schemas for everything a page may send to the host. A page runs Gong's text, so the host
 * treats its messages as untrusted input: unknown types, extra keys and oversized strings are
 * refused rather than acted on.
 */
import { z } from 'zod';
import type { PageMessage, PanelState } from './messages';

/** Longest passage a page may ask to copy (a whole two-hour transcript is far below this). */
export const MAX_COPY_CHARS = 5_000_000;

/**
 * Built on first use and kept: the extension imports this module at activation, and building a schema
 * there would load zod (most of the extension's code) before any page has sent a message.
 */
let built: { pageMessage: z.ZodType; panelState: z.ZodType } | undefined;

function schemas(): NonNullable<typeof built> {
  if (built) return built;
  const count = z.number().int().min(0).max(10_000_000);
  const ms = z.number().min(0).max(1e9);

  const pageStatus = z.strictObject({
    rendered: count,
    total: count,
    firstPaintMs: ms.optional(),
    fullRenderMs: ms.optional(),
    query: z.string().max(10_000).optional(),
    matches: count.optional(),
    currentMatch: count.optional(),
    speakers: z.array(z.number().int().min(0).max(100_000)).max(100_000).optional(),
    visibleMonologues: count.optional(),
  });

  const simple = <T extends string>(type: T) => z.strictObject({ type: z.literal(type) });

  const pageMessage = z.discriminatedUnion('type', [
    simple('ready'),
    simple('retry'),
    simple('signIn'),
    simple('openInGong'),
    z.strictObject({ type: z.literal('openTranscript'), at: ms.optional() }),
    simple('openDetails'),
    simple('copyId'),
    simple('copyMarkdown'),
    simple('copyRequestId'),
    simple('runAction'),
    z.strictObject({ type: z.literal('copyText'), text: z.string().min(1).max(MAX_COPY_CHARS) }),
    z.strictObject({ type: z.literal('export'), format: z.enum(['markdown', 'text', 'srt', 'vtt', 'json']) }),
    z.strictObject({ type: z.literal('status'), status: pageStatus }),
  ]);

  const panelState = z.strictObject({
    callId: z.string().regex(/^\d{1,30}$/),
    query: z.string().max(1000).optional(),
    speakers: z.array(z.number().int().min(0).max(10_000)).max(10_000).optional(),
  });
  built = { pageMessage, panelState };
  return built;
}

/** Validates a message from a page; undefined when it is not one the host understands. */
export function parsePageMessage(raw: unknown): PageMessage | undefined {
  const r = schemas().pageMessage.safeParse(raw);
  return r.success ? (r.data as PageMessage) : undefined;
}

/** Validates the state VS Code hands back when restoring a panel after a reload. */
export function parsePanelState(raw: unknown): PanelState | undefined {
  const r = schemas().panelState.safeParse(raw);
  return r.success ? (r.data as PanelState) : undefined;
}
