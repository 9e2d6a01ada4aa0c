/**
 * Ranked risk concentrations (风险集聚): region × industry cells with the highest C+D share, among cells of at least
 * `minSize` enterprises, each with its Wilson 95% interval. Ranked by the share or by the interval's lower bound
 * (the latter prefers a large cell at 30% over a small one at 35% whose interval is wide). Partners see only cells
 * whose counts can be published.
 */
import { z } from 'zod';
import { defineQuery, runQuery } from '../define';
import { sql, p } from '../../server/db/sql';
import type { Db } from '../../server/db/client';
import type { Viewer } from '../../server/auth/viewer';
import { CLASS_TABLE, CLASS_INDEX, dimExpr, namesFor, sliceFilters, sliceWhere, monthIs, regionLevelSchema, industryLevelSchema, isPartner, MIN_PARTNER_CELL, smallCount } from './source';
import { wilson } from './stats';
import { sliceRow, prepareSliceRows, newMaskMemo } from './distribution';

export const input = z.object({
  filters: sliceFilters,
  rows: regionLevelSchema,
  cols: industryLevelSchema,
  minSize: z.number().int().min(1).max(100_000).default(30),
  rankBy: z.enum(['share', 'lower']).default('share'),
  limit: z.number().int().min(1).max(200).default(20),
});

export const riskConcentrations = defineQuery({
  name: 'research.riskConcentrations',
  cache: { tables: ['class_results', 'regions', 'industries'] },
  input,
  row: z.object({ r: z.string(), i: z.string(), r_name: z.string(), i_name: z.string(), n: z.coerce.number(), cd: z.coerce.number(), d: z.coerce.number() }),
  build: ({ filters, rows, cols, minSize }, viewer) => sql`
    SELECT c.r AS r, c.i AS i, ifNull(rn.name, '') AS r_name, ifNull(inm.name, '') AS i_name, c.n AS n, c.cd AS cd, c.d AS d
    FROM (
      SELECT r, i, toUInt32(sum(k)) AS n, toUInt32(sumIf(k, ci >= 2)) AS cd, toUInt32(sumIf(k, ci = 3)) AS d
      FROM (
        SELECT ${dimExpr(rows)} AS r, ${dimExpr(cols)} AS i, ${CLASS_INDEX} AS ci, count() AS k
        FROM ${CLASS_TABLE}
        WHERE ${sliceWhere(filters, viewer, monthIs(filters.month))}
        GROUP BY r, i, ci
      )
      GROUP BY r, i
      HAVING n >= ${p.uint(Math.max(minSize, isPartner(viewer) ? MIN_PARTNER_CELL : 1))}
    ) AS c
    LEFT JOIN ${namesFor(rows)!} AS rn ON rn.code = c.r
    LEFT JOIN ${namesFor(cols)!} AS inm ON inm.code = c.i
    SETTINGS join_use_nulls = 1`,
});

export interface Concentration {
  region: string; regionLabel: string; industry: string; industryLabel: string;
  n: number; cd: number; d: number; share: number; lo: number; hi: number;
}

export async function getRiskConcentrations(db: Db, viewer: Viewer, inp: z.input<typeof input>): Promise<Concentration[]> {
  const parsed = input.parse(inp);
  const rows = await runQuery(db, riskConcentrations, parsed, viewer);
  // Partners: a cell whose C+D or D count (or what is left of n without them, or C = C+D − D) is 1–9 is left out
  // altogether. Nulling its figures would not do: its place in a ranking by share still bounds the share, and so
  // the count. (research.distribution suppresses the same cells.)
  const shown = isPartner(viewer)
    ? rows.filter((r) => ![r.cd, r.n - r.cd, r.d, r.n - r.d, r.cd - r.d].some((x) => smallCount(x)))
    : rows;
  const list = shown.map((r) => {
    const w = wilson(r.cd, r.n);
    return { region: r.r, regionLabel: r.r_name || r.r || '（未细分）', industry: r.i, industryLabel: r.i_name || r.i || '（未细分）', n: r.n, cd: r.cd, d: r.d, share: r.cd / r.n, lo: w.lo, hi: w.hi };
  });
  const key = parsed.rankBy === 'lower' ? (c: Concentration) => c.lo : (c: Concentration) => c.share;
  list.sort((a, b) => key(b) - key(a) || b.n - a.n || a.region.localeCompare(b.region) || a.industry.localeCompare(b.industry));
  if (!isPartner(viewer)) return list.slice(0, parsed.limit);
  // Partners: a cell is also a row of research.distribution (its region among its siblings, with the industry filter;
  // its industry among its siblings, with the region filter), where n, C or D may be withheld as a complement — shown
  // here, the parent's figure minus the siblings would give the cell it protects. So a cell is listed only when the
  // distribution shows its n, C and D; cells not subdivided ('') are no row there and are left out.
  const out: Concentration[] = [];
  const memo = newMaskMemo(); // (cells of one region or one industry share the tables their rows are in)
  const cells = list.flatMap((c) => {
    const cell = sliceFilters.safeParse({ ...parsed.filters, region: c.region, industry: c.industry });
    return c.region && c.industry && cell.success ? [{ c, filters: cell.data }] : [];
  });
  // The cells' tables in a few batched queries, a chunk at a time (most lists fill up within the first chunk).
  const chunk = Math.max(4 * parsed.limit, 50);
  for (let from = 0; from < cells.length && out.length < parsed.limit; from += chunk) {
    const part = cells.slice(from, from + chunk);
    await prepareSliceRows(db, viewer, part.map((x) => x.filters), memo);
    for (const { c, filters } of part) {
      if (out.length >= parsed.limit) break;
      const row = await sliceRow(db, viewer, filters, memo);
      if (row && row.n !== null && row.counts[2] !== null && row.counts[3] !== null) out.push(c);
    }
  }
  return out;
}
