/**
 * The insights page's contract: the view models the host builds from Gong's stats answers and the
 * messages between the host and the page. The page imports only these types; the host validates
 * every inbound message with `parseInsightsMessage` (insightsSchemas.ts) before acting on it.
 */

/** Bucket length of a time chart. Weeks start on Monday, as Gong's own periods do. */
export type Period = 'DAY' | 'WEEK';

/** The ranges the picker offers: the last N days up to and including today. */
export const RANGE_CHOICES = [
  { id: '4w', label: 'Last 4 weeks', days: 28 },
  { id: '3m', label: 'Last 3 months', days: 91 },
  { id: '6m', label: 'Last 6 months', days: 182 },
  { id: '12m', label: 'Last 12 months', days: 364 },
] as const;
export type RangeId = (typeof RANGE_CHOICES)[number]['id'];

/** A calendar range in the company's time zone: `fromDate` inclusive, `toDate` exclusive (as Gong's stats filters). */
export interface DayRange { fromDate: string; toDate: string }

export interface ChartSeries {
  key: string;
  label: string;
  /** One value per x; null where there is no value (drawn as a gap, listed as empty in the table). */
  values: Array<number | null>;
  /** Which theme chart colour the page draws it in (index into its palette). */
  colour: number;
  /** Drawn differently from the chart's style (a reference line over bars). */
  style?: 'line' | 'bars' | 'points';
}

/** A chart and its table: the page draws the chart and lists the same numbers as a table. */
export interface ChartModel {
  id: string;
  title: string;
  /** What the y values count, said beside the axis. */
  unit: string;
  /** `time`: x are `YYYY-MM-DD` bucket starts; `category`: x are labels. */
  xKind: 'time' | 'category';
  x: string[];
  /** For time charts, how long each x bucket is. */
  period?: Period;
  style: 'line' | 'bars' | 'points';
  series: ChartSeries[];
  /** When there is nothing to draw: why, in a sentence (an empty range, a refused feature). */
  empty?: string;
  /** The table (and CSV) when it differs from x and the series (e.g. raw values beside shares). */
  table?: { columns: string[]; rows: Array<Array<string | number | null>> };
}

/** A table of one row per person (team insights), sortable on the page. */
export interface TeamColumn {
  key: string;
  label: string;
  /** Whether a high value is good (true), bad (false) or neither (undefined): outliers are marked either way. */
  higherIsBetter?: boolean;
}

export interface TeamRow {
  userId: string;
  name: string;
  email: string;
  values: Record<string, number | null>;
  /** Column keys whose value lies far outside the team's spread (Tukey's fences: 1.5 IQR beyond the quartiles). */
  high: string[];
  low: string[];
}

export interface TeamTable {
  columns: TeamColumn[];
  rows: TeamRow[];
  /** Team median per column. */
  medians: Record<string, number | null>;
}

/** A part of the page Gong refused or had nothing for, said in place of that part only. */
export interface InsightsNotice { part: string; text: string; kind: 'empty' | 'refused' | 'error' }

export interface InsightsModel {
  kind: 'user' | 'team' | 'tracker';
  /** Who or what the page is about (a person's name, a workspace, a tracker). */
  subject: string;
  /** The Gong id of the subject (user, workspace or tracker). */
  subjectId: string;
  rangeId: RangeId;
  range: DayRange;
  period: Period;
  charts: ChartModel[];
  team?: TeamTable;
  notices: InsightsNotice[];
  /** Requests this page's data took. */
  requests: number;
  /** A sentence about what the numbers cover (e.g. how the team was chosen). */
  note?: string;
}

/** Host to page. */
export type InsightsHostMessage =
  | { type: 'loading'; subject: string; rangeId: RangeId; period: Period }
  | { type: 'error'; message: string; signIn?: boolean }
  | { type: 'model'; model: InsightsModel };

/** Page to host. */
export type InsightsPageMessage =
  | { type: 'ready' }
  | { type: 'retry' }
  | { type: 'signIn' }
  | { type: 'setRange'; rangeId: RangeId; period: Period }
  | { type: 'exportCsv'; chartId: string }
  | { type: 'copyCsv'; chartId: string }
  /** A chart drawn to PNG by the page (`data:image/png;base64,...`). */
  | { type: 'exportPng'; chartId: string; dataUrl: string }
  | { type: 'status'; status: InsightsStatus };

/** What the page reports after drawing (tests and the benchmark read it). */
export interface InsightsStatus {
  charts: number;
  /** Milliseconds from receiving the model to the first chart on screen. */
  firstChartMs?: number;
  view: 'chart' | 'table';
  /** The values under the cursor when the person last hovered a chart: `label: value` lines. */
  hover?: string[];
  sortedBy?: string;
  /** Rows of the team table once it is complete. */
  tableRows?: number;
}

/** State the page keeps with `setState`, so a reload brings the same insights back. */
export interface InsightsState {
  kind: InsightsModel['kind'];
  subjectId: string;
  subject: string;
  rangeId: RangeId;
  period: Period;
}

export const TEAM_ID = 'team';
