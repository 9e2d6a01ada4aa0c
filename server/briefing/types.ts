/** The monthly leadership briefing (研判简报): the figures one briefing is made of. Plain data, JSON-safe. */
import type { Note } from '../../queries/research/notes';

export const CLASS_KEYS = ['A', 'B', 'C', 'D'] as const;
export type ClassKey = (typeof CLASS_KEYS)[number];
export type ClassCounts = Record<ClassKey, number>;

/** Class counts of one month ('YYYY-MM'). */
export interface MonthCounts { month: string; total: number; counts: ClassCounts }

export interface BriefingArea {
  code: string;
  name: string;
  n: number;
  cd: number;
  d: number;
  /** (C + D) / n */
  cdShare: number;
  /** C+D share change from the previous month (fraction), null when the area had no data then. */
  delta: number | null;
}

export interface BriefingIndustry { code: string; name: string; n: number; cd: number; d: number; cdShare: number }

/** One warning rule's month: cases this month, new cases, disposal state (as of generation time). */
export interface WarningRuleFigures {
  rule: string;
  label: string;
  total: number;
  new: number;
  /** New cases this month that already have a disposal result (结果已反馈 or 已办结). */
  newDisposed: number;
  open: number;
  inProgress: number;
  disposed: number;
}

/**
 * Inspections (抽查检查) done in the month, by the class the enterprise held going into it. `withResult`: those with a
 * result recorded — the problem rate is problems ÷ withResult (an inspection without a result has found nothing yet).
 */
export interface InspectionClassFigures { class: ClassKey; inspections: number; enterprises: number; problems: number; withResult: number }

export interface MapShape { code: string; name: string; d: string; label: [number, number] }
export interface MapShapes { width: number; height: number; shapes: MapShape[] }

export interface BriefingFilters {
  month: string;
  model: string;
  region?: string;
  industry?: string;
}

export interface Briefing {
  month: string;
  model: string;
  modelLabel: string;
  /** The viewer's own data scope (the user's region) — printed on the briefing. */
  scope: { code: string; name: string };
  /** What the briefing is about: the region filter, else the scope, else the province of the data. */
  /** name: as the sentences say it (全省 for the whole province); title: as the title says it (吉林省). */
  subject: { code: string; name: string; title: string };
  filters: { region: string; regionName: string; industry: string; industryName: string };
  /** China time 'YYYY-MM-DD HH:MM' (server/db/time.ts); the notes' created_at likewise. */
  generatedAt: string;
  generatedBy: string;
  current: MonthCounts;
  prev: MonthCounts | null;
  lastYear: MonthCounts | null;
  /**
   * Model versions that differ between this month's results and the previous month's / the same month last year's
   * ('通用型 v2→v3'): those changes are partly the model's. Empty when the versions are the same (or unknown).
   */
  modelChanges: { prev: string[]; lastYear: string[] };
  /** Up to 13 consecutive months ending with the briefing month; a month without results has total 0 (a gap, not 0%). */
  trend: MonthCounts[];
  map: { level: 'prefecture' | 'county'; levelLabel: string; areas: BriefingArea[]; shapes: MapShapes | null; noPolygon: string[] };
  industries: { level: string; minSize: number; byShare: BriefingIndustry[]; byCount: BriefingIndustry[] };
  /** `computed`: the month has warnings anywhere (false: not computed yet — the figures are not zeros, there are none). */
  warnings: { computed: boolean; rules: WarningRuleFigures[]; total: number; new: number; newDisposed: number; open: number; inProgress: number; disposed: number };
  /**
   * `rows`: A–D by the class held in `basisMonth`; `unclassified`: enterprises without a class that month (registered
   * since). Together they are every inspection of the month in the briefing's slice.
   */
  inspections: { basisMonth: string; rows: InspectionClassFigures[]; unclassified: Omit<InspectionClassFigures, 'class'> };
  notes: Note[];
  sentences: string[];
}
