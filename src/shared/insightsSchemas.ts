/**
 * zod schemas for what the insights page may send. The page draws Gong's text, so its messages are
 * untrusted: unknown types, extra keys, oversized strings and anything but a PNG data URL are refused.
 */
import { z } from 'zod';
import { RANGE_CHOICES, type InsightsPageMessage, type InsightsState } from './insights';

/** Largest PNG a page may hand over (a chart on a very wide, high-density screen stays far below). */
export const MAX_PNG_DATA_URL = 16_000_000;

let built: { message: z.ZodType; state: z.ZodType } | undefined;

function schemas(): NonNullable<typeof built> {
  if (built) return built;
  const rangeId = z.enum(RANGE_CHOICES.map(c => c.id) as [string, ...string[]]);
  const period = z.enum(['DAY', 'WEEK']);
  const chartId = z.string().regex(/^[a-zA-Z]{1,40}$/);
  const simple = <T extends string>(type: T) => z.strictObject({ type: z.literal(type) });
  const status = z.strictObject({
    charts: z.number().int().min(0).max(100),
    firstChartMs: z.number().min(0).max(1e7).optional(),
    view: z.enum(['chart', 'table']),
    hover: z.array(z.string().max(2000)).max(50).optional(),
    sortedBy: z.string().max(100).optional(),
    tableRows: z.number().int().min(0).max(1_000_000).optional(),
  });
  const message = z.discriminatedUnion('type', [
    simple('ready'),
    simple('retry'),
    simple('signIn'),
    z.strictObject({ type: z.literal('setRange'), rangeId, period }),
    z.strictObject({ type: z.literal('exportCsv'), chartId }),
    z.strictObject({ type: z.literal('copyCsv'), chartId }),
    z.strictObject({ type: z.literal('exportPng'), chartId, dataUrl: z.string().max(MAX_PNG_DATA_URL).regex(/^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/) }),
    z.strictObject({ type: z.literal('status'), status }),
  ]);
  const state = z.strictObject({
    kind: z.enum(['user', 'team', 'tracker']),
    subjectId: z.string().regex(/^(\d{1,30}|team)$/),
    subject: z.string().max(500),
    rangeId,
    period,
  });
  built = { message, state };
  return built;
}

export function parseInsightsMessage(raw: unknown): InsightsPageMessage | undefined {
  const r = schemas().message.safeParse(raw);
  return r.success ? (r.data as InsightsPageMessage) : undefined;
}

export function parseInsightsState(raw: unknown): InsightsState | undefined {
  const r = schemas().state.safeParse(raw);
  return r.success ? (r.data as InsightsState) : undefined;
}
