/**
 * What the research slices read: the classification results table (migration 004, server/classify), one row per
 * enterprise × month × model with a snapshot of the slicing columns. Everything that depends on its exact
 * shape is here, so the slice queries stay small.
 *
 * Also: the breakdown dimensions (an allowlist — unknown ones are rejected by zod before any SQL is built),
 * the common WHERE clause (model, month, viewer scope, filters) and small-cell suppression for partners.
 */
import { z } from 'zod';
import { sql, p, trusted, and, type Sql } from '../../server/db/sql';
import { regionScope, MIN_PARTNER_CELL, smallCount, type Viewer } from '../../server/auth/viewer';
import { filtersSchema, filterSql, checkPartnerFilters, type Filters } from '../filters';

export const CLASS_TABLE = trusted('class_results');

/** `month` column condition for one 'YYYY-MM'. */
export function monthIs(m: string): Sql {
  return sql`month = toDate(concat(${p.str(m)}, '-01'))`;
}
/** Months from..to inclusive. */
export function monthBetween(from: string, to: string): Sql {
  return sql`month BETWEEN toDate(concat(${p.str(from)}, '-01')) AND toDate(concat(${p.str(to)}, '-01'))`;
}
/** The month column as 'YYYY-MM'. */
export const MONTH_KEY = trusted(`formatDateTime(month, '%Y-%m')`);

export const CLASSES = ['A', 'B', 'C', 'D'] as const;

/**
 * Class as a small integer (A 0, B 1, C 2, D 3) computed with plain comparisons: grouping on it is about twice as
 * fast as grouping on the LowCardinality string column over tens of millions of rows (measured in bench/slices.ts).
 */
export const CLASS_INDEX = trusted(`toUInt8(class = 'B') + 2 * toUInt8(class = 'C') + 3 * toUInt8(class = 'D')`);
/** 1 for C and D, 0 for A and B. */
export const IS_CD = trusted(`toUInt8(class IN ('C', 'D'))`);
export type Cls = (typeof CLASSES)[number];

export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

/** Breakdown dimensions (allowlist). `expr` is trusted SQL written here; `names` says where labels come from. */
export const DIMENSIONS = {
  province: { label: '省', expr: 'province_code', names: 'region', level: 1 },
  prefecture: { label: '地市', expr: 'prefecture_code', names: 'region', level: 2 },
  county: { label: '区县', expr: 'county_code', names: 'region', level: 3 },
  street: { label: '街道/乡镇', expr: 'street_code', names: 'region', level: 4 },
  section: { label: '行业门类', expr: 'industry_section', names: 'industry', level: 1 },
  division: { label: '行业大类', expr: 'industry_division', names: 'industry', level: 2 },
  group: { label: '行业中类', expr: "if(length(industry_code) >= 4, substring(industry_code, 1, 4), '')", names: 'industry', level: 3 },
  entity_type: { label: '企业类型', expr: 'entity_type', names: 'none', level: 0 },
  tag: { label: '重点领域标签', expr: 'arrayJoin(tags)', names: 'none', level: 0 },
  status: { label: '登记状态', expr: 'status', names: 'none', level: 0 },
} as const;
export type Dimension = keyof typeof DIMENSIONS;
export const dimensionSchema = z.enum(Object.keys(DIMENSIONS) as [Dimension, ...Dimension[]]);
export const regionLevelSchema = z.enum(['province', 'prefecture', 'county', 'street']);
export const industryLevelSchema = z.enum(['section', 'division', 'group']);
export type RegionLevel = z.infer<typeof regionLevelSchema>;
export type IndustryLevel = z.infer<typeof industryLevelSchema>;

export function dimExpr(d: Dimension): Sql { return trusted(DIMENSIONS[d].expr); }

/** The filters every slice takes, with the month required (the router fills the latest month in). */
export const sliceFilters = filtersSchema.extend({ month });
export type SliceFilters = Filters & { month: string };

/** model = …, month = …, viewer scope, filters. */
export function sliceWhere(f: Filters, viewer: Viewer, monthCond: Sql): Sql {
  checkPartnerFilters(f, viewer);
  return and([sql`model_id = ${p.str(f.model)}`, monthCond, regionScope(viewer), filterSql(f)]);
}

/** The hierarchy level of a region filter's own code (220000 province, 220100 prefecture, 220102 county, 9 digits street). */
export function regionLevelOf(region: string): RegionLevel {
  if (region.length === 9) return 'street';
  if (region.endsWith('0000')) return 'province';
  if (region.endsWith('00')) return 'prefecture';
  return 'county';
}
/** The hierarchy level of an industry filter's own code (C section, C13 division, C131 group); null for a class code. */
export function industryLevelOf(industry: string): IndustryLevel | null {
  return industry.length === 1 ? 'section' : industry.length === 3 ? 'division' : industry.length === 4 ? 'group' : null;
}

/** The hierarchy level one below the current region filter (what a drill-down shows next). */
export function childRegionLevel(region: string | undefined): RegionLevel {
  if (!region) return 'prefecture';
  if (region.length === 9) return 'street';
  if (region.endsWith('0000')) return 'prefecture';
  if (region.endsWith('00')) return 'county';
  return 'street';
}
export function childIndustryLevel(industry: string | undefined): IndustryLevel {
  if (!industry) return 'section';
  if (industry.length === 1) return 'division';
  return 'group';
}

/** Name lookup subqueries joined onto aggregated keys. */
export function namesFor(d: Dimension): Sql | null {
  const def = DIMENSIONS[d];
  if (def.names === 'region') return sql`(SELECT code, any(name) AS name FROM regions WHERE level = ${p.uint(def.level)} GROUP BY code)`;
  if (def.names === 'industry') return sql`(SELECT code, any(name) AS name FROM industries WHERE level = ${p.uint(def.level)} GROUP BY code)`;
  return null;
}

export const isPartner = (v: Viewer) => v.role === 'partner';
export { MIN_PARTNER_CELL, smallCount };

/**
 * When exactly one of `out` is hidden (null), hides the smallest non-zero shown one too: a published total minus the
 * shown counts would give the lone one back. In place; returns `out`.
 */
export function hideLoneWithNextSmallest(out: Array<number | null>): Array<number | null> {
  if (out.filter((c) => c === null).length !== 1) return out;
  let best = -1;
  out.forEach((c, i) => { if (c !== null && c > 0 && (best < 0 || c < (out[best] as number))) best = i; });
  if (best >= 0) out[best] = null;
  return out;
}

/**
 * Small-cell suppression for one table row of counts (e.g. A/B/C/D of a region): counts 1..9 become null, and
 * when exactly one count in the row is suppressed the next smallest non-zero count is suppressed too, so it cannot
 * be recovered from the row total. If the row total itself is under the threshold, everything is suppressed.
 */
export function suppressCounts(counts: readonly number[], total: number, min = MIN_PARTNER_CELL): Array<number | null> {
  if (total < min) return counts.map(() => null);
  return hideLoneWithNextSmallest(counts.map((c) => (smallCount(c, min) ? null : c)));
}
