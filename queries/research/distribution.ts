/** Class distribution (A/B/C/D counts and shares, mean score) by one breakdown dimension, for one month. */
import { z } from 'zod';
import { defineQuery, runQuery } from '../define';
import { sql, p, empty } from '../../server/db/sql';
import type { Db } from '../../server/db/client';
import type { Viewer } from '../../server/auth/viewer';
import { CLASS_TABLE, dimExpr, dimensionSchema, namesFor, sliceFilters, sliceWhere, monthIs, isPartner, MIN_PARTNER_CELL, smallCount, regionLevelOf, industryLevelOf, type Dimension, type SliceFilters } from './source';
import { suppressLines, ZERO_COST, type Line } from './suppress';

export const input = z.object({ filters: sliceFilters, by: dimensionSchema, limit: z.number().int().min(1).max(500).default(60) });

export const classDistribution = defineQuery({
  name: 'research.classDistribution',
  cache: { tables: ['class_results', 'regions', 'industries'] },
  input,
  row: z.object({
    key: z.string(), name: z.string(), a: z.coerce.number(), b: z.coerce.number(), c: z.coerce.number(), d: z.coerce.number(),
    n: z.coerce.number(), mean_score: z.coerce.number(),
  }),
  build: ({ filters, by, limit }, viewer) => {
    const names = namesFor(by);
    // Group by (key, class) first: a LowCardinality key pair hashes far faster than four countIf string tests per row.
    const agg = sql`
      SELECT key,
             toUInt32(sumIf(k, class = 'A')) AS a, toUInt32(sumIf(k, class = 'B')) AS b,
             toUInt32(sumIf(k, class = 'C')) AS c, toUInt32(sumIf(k, class = 'D')) AS d,
             toUInt32(sum(k)) AS n, sum(s) / sum(k) AS mean_score
      FROM (
        SELECT ${dimExpr(by)} AS key, class, count() AS k, sum(toFloat64(score)) AS s
        FROM ${CLASS_TABLE}
        WHERE ${sliceWhere(filters, viewer, monthIs(filters.month))}
        GROUP BY key, class
      )
      GROUP BY key
      ORDER BY n DESC, key
      ${isPartner(viewer) ? empty : sql`LIMIT ${p.uint(limit)}`}`;
    // Partners get every row: suppression is decided over whole sibling groups (a row past the limit still takes part
    // in its parent's column sums), and the limit is applied afterwards.
    return names
      ? sql`SELECT g.*, ifNull(nm.name, '') AS name FROM (${agg}) AS g LEFT JOIN ${names} AS nm ON nm.code = g.key ORDER BY g.n DESC, g.key SETTINGS join_use_nulls = 1`
      : sql`SELECT g.*, '' AS name FROM (${agg}) AS g`;
  },
});

export interface DistributionRow {
  key: string;
  label: string;
  /** A, B, C, D counts; null = suppressed for partners (<10). */
  counts: [number | null, number | null, number | null, number | null];
  n: number | null;
  meanScore: number | null;
}

type Raw = { key: string; name: string; a: number; b: number; c: number; d: number; n: number; mean_score: number };

const REGION_LEVELS = ['province', 'prefecture', 'county', 'street'] as const;
const INDUSTRY_LEVELS = ['section', 'division', 'group'] as const;

/** The code one level up in its hierarchy ('' = the top level, whose parent is the whole slice); null = unknown. */
export function parentKey(by: Dimension, key: string): string | null {
  switch (by) {
    case 'province': return /^\d{6}$/.test(key) ? '' : null;
    case 'prefecture': return /^\d{6}$/.test(key) ? `${key.slice(0, 2)}0000` : null;
    case 'county': return /^\d{6}$/.test(key) ? `${key.slice(0, 4)}00` : null;
    case 'street': return /^\d{9}$/.test(key) ? key.slice(0, 6) : null;
    case 'section': return /^[A-T]$/.test(key) ? '' : null;
    case 'division': return /^[A-T]\d{2}$/.test(key) ? key.slice(0, 1) : null;
    case 'group': return /^[A-T]\d{3}$/.test(key) ? key.slice(0, 3) : null;
    default: return '';
  }
}

/**
 * Which cells of a distribution table partners may see. Published sums, all treated as public:
 * - each row: A + B + C + D = n (n is shown, and is itself a count: n < 10 is suppressed like any cell);
 * - each column (A, B, C, D and n) over the children of one parent region / industry: that is the parent's row,
 *   published by the same procedure one level up (for dimensions without a hierarchy: over all rows, which is the
 *   slice total the trend shows). Rows whose parent cannot be told from the key (e.g. '' = not subdivided) join one
 *   extra group spanning the whole table.
 * Returns per row a mask over [A, B, C, D, n].
 */
export function distributionMask(rows: ReadonlyArray<Pick<Raw, 'key' | 'a' | 'b' | 'c' | 'd' | 'n'>>, by: Dimension, min = MIN_PARTNER_CELL): boolean[][] {
  const W = 5;
  const vals = rows.flatMap((r) => [r.a, r.b, r.c, r.d, r.n]);
  const lines: Line[] = rows.map((_, i) => ({ cells: [0, 1, 2, 3, 4].map((c) => i * W + c), coef: [1, 1, 1, 1, -1] }));
  const groups = new Map<string, number[]>();
  let unknown = false;
  rows.forEach((r, i) => {
    const pk = parentKey(by, r.key);
    if (pk === null) { unknown = true; return; }
    const g = groups.get(pk);
    if (g) g.push(i); else groups.set(pk, [i]);
  });
  const colGroups = [...groups.values()];
  if (unknown) colGroups.push(rows.map((_, i) => i));
  // A group of one row is the parent's row itself: its column sums add nothing beyond the row.
  for (const g of colGroups) if (g.length > 1) for (let c = 0; c < W; c++) lines.push({ cells: g.map((i) => i * W + c) });
  const primary = vals.map((v) => smallCount(v, min));
  // A row under the threshold is hidden whole (zeros too: "0 of 3" says as much as the counts).
  rows.forEach((r, i) => { if (r.n < min) for (let c = 0; c < W; c++) primary[i * W + c] = true; });
  const mask = suppressLines(vals.length, lines, { primary, candidate: vals.map(() => true), cost: vals.map((v) => (v > 0 ? v : ZERO_COST)) });
  return rows.map((_, i) => mask.slice(i * W, i * W + W));
}

/**
 * When the region (industry) filter is at the breakdown's level or below, the table has a single row that is the
 * filter's own slice, with no siblings to suppress against — yet the same slice appears among its siblings one
 * level up, suppressed there with complements. Showing it here with a different mask would hand those complements
 * out. So such a row is suppressed as part of its siblings: the query widened to the filter's parent, broken down
 * by the filter's own level.
 */
function widening(f: SliceFilters, by: Dimension): { filters: SliceFilters; by: Dimension; key: string } | null {
  const rl = REGION_LEVELS.indexOf(by as (typeof REGION_LEVELS)[number]);
  if (rl >= 0 && f.region) {
    const level = regionLevelOf(f.region);
    if (REGION_LEVELS.indexOf(level) < rl) return null;
    return { filters: { ...f, region: parentKey(level, f.region) || undefined }, by: level, key: f.region };
  }
  const il = INDUSTRY_LEVELS.indexOf(by as (typeof INDUSTRY_LEVELS)[number]);
  const level = f.industry ? industryLevelOf(f.industry) : null;
  if (il >= 0 && f.industry && level) {
    if (INDUSTRY_LEVELS.indexOf(level) < il) return null;
    return { filters: { ...f, industry: parentKey(level, f.industry) || undefined }, by: level, key: f.industry };
  }
  return null;
}

export async function getClassDistribution(db: Db, viewer: Viewer, inp: z.input<typeof input>): Promise<DistributionRow[]> {
  const parsed = input.parse(inp);
  const rows = await runQuery(db, classDistribution, parsed, viewer);
  const label = (r: Raw) => r.name || r.key || '（未细分）';
  if (!isPartner(viewer)) {
    return rows.map((r) => ({ key: r.key, label: label(r), counts: [r.a, r.b, r.c, r.d], n: r.n, meanScore: r.mean_score }));
  }
  let masks = distributionMask(rows, parsed.by);
  const wide = widening(parsed.filters, parsed.by);
  if (wide && rows.length) {
    // Every row here is the filter's slice (one row): take its mask from among its siblings.
    const sib = await runQuery(db, classDistribution, { filters: wide.filters, by: wide.by, limit: parsed.limit }, viewer);
    const k = sib.findIndex((r) => r.key === wide.key);
    const m = k >= 0 ? distributionMask(sib, wide.by)[k]! : null;
    masks = masks.map((own) => (m ? own.map((h, c) => h || m[c]!) : own.map(() => true)));
  }
  return rows.slice(0, parsed.limit).map((r, i) => {
    const m = masks[i]!;
    // Without n the shares mean nothing: a row whose n is hidden is hidden whole (hiding more never discloses more).
    const hideAll = m[4]!;
    const counts = [r.a, r.b, r.c, r.d].map((v, c) => (hideAll || m[c] ? null : v));
    return {
      key: r.key, label: label(r),
      counts: counts as DistributionRow['counts'],
      n: hideAll ? null : r.n,
      meanScore: hideAll ? null : r.mean_score,
    };
  });
}

/**
 * The whole filtered slice as one row, suppressed exactly as research.distribution shows it among its siblings
 * (by the region filter's own level, else the industry filter's), so other views of the same slice (the trend)
 * cannot show a cell the distribution hid as a complement. null = no region/industry filter: the slice is the
 * viewer's whole scope, a top-level total with no siblings.
 */
export async function sliceRow(db: Db, viewer: Viewer, filters: SliceFilters): Promise<DistributionRow | null> {
  const by: Dimension | null = filters.region ? regionLevelOf(filters.region) : filters.industry ? industryLevelOf(filters.industry) : null;
  if (!by) return null;
  const rows = await getClassDistribution(db, viewer, { filters, by, limit: 500 });
  return rows[0] ?? { key: '', label: '', counts: [0, 0, 0, 0], n: 0, meanScore: null };
}
