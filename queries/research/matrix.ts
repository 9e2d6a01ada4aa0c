/**
 * Region × industry heat matrix for one month: per cell the enterprise count, the C+D count and the mean score.
 * Rows and columns are the levels one below the current region / industry filters unless given.
 * The top `maxRows` regions and `maxCols` industries by size are kept (the rest would not be readable).
 */
import { z } from 'zod';
import { defineQuery, runQuery } from '../define';
import { sql, p } from '../../server/db/sql';
import type { Db } from '../../server/db/client';
import type { Viewer } from '../../server/auth/viewer';
import { CLASS_TABLE, IS_CD, dimExpr, namesFor, sliceFilters, sliceWhere, monthIs, regionLevelSchema, industryLevelSchema, isPartner, MIN_PARTNER_CELL } from './source';
import { wilson } from './stats';

export const input = z.object({
  filters: sliceFilters,
  rows: regionLevelSchema,
  cols: industryLevelSchema,
  maxRows: z.number().int().min(1).max(200).default(30),
  maxCols: z.number().int().min(1).max(100).default(24),
});

export const riskMatrix = defineQuery({
  name: 'research.riskMatrix',
  cache: { tables: ['class_results', 'regions', 'industries'] },
  input,
  row: z.object({ r: z.string(), i: z.string(), r_name: z.string(), i_name: z.string(), n: z.coerce.number(), cd: z.coerce.number(), mean_score: z.coerce.number() }),
  // One aggregation; the top rows/columns are picked in TypeScript (a CTE referenced three times would run three times).
  build: ({ filters, rows, cols }, viewer) => {
    const where = sliceWhere(filters, viewer, monthIs(filters.month));
    return sql`
      SELECT c.r AS r, c.i AS i, ifNull(rn.name, '') AS r_name, ifNull(inm.name, '') AS i_name,
             c.n AS n, c.cd AS cd, c.score_sum / c.n AS mean_score
      FROM (
        SELECT r, i, toUInt32(sum(k)) AS n, toUInt32(sumIf(k, cdf = 1)) AS cd, sum(s) AS score_sum
        FROM (
          SELECT ${dimExpr(rows)} AS r, ${dimExpr(cols)} AS i, ${IS_CD} AS cdf, count() AS k, sum(toFloat64(score)) AS s
          FROM ${CLASS_TABLE} WHERE ${where} GROUP BY r, i, cdf
        )
        GROUP BY r, i
        ORDER BY n DESC
        LIMIT ${p.uint(MAX_CELLS)}
      ) AS c
      LEFT JOIN ${namesFor(rows)!} AS rn ON rn.code = c.r
      LEFT JOIN ${namesFor(cols)!} AS inm ON inm.code = c.i
      SETTINGS join_use_nulls = 1`;
  },
});

/** Cells fetched at most (street × group matrices can be large); the biggest cells decide the top rows/columns. */
const MAX_CELLS = 50_000;

export interface MatrixCell { r: string; i: string; n: number | null; cd: number | null; share: number | null; lo: number | null; hi: number | null; meanScore: number | null }
export interface Matrix {
  rows: Array<{ key: string; label: string; n: number }>;
  cols: Array<{ key: string; label: string; n: number }>;
  cells: MatrixCell[];
}

export async function getRiskMatrix(db: Db, viewer: Viewer, inp: z.input<typeof input>): Promise<Matrix> {
  const parsed = input.parse(inp);
  const all = await runQuery(db, riskMatrix, parsed, viewer);
  const sizes = (key: 'r' | 'i') => {
    const m = new Map<string, number>();
    for (const x of all) m.set(x[key], (m.get(x[key]) ?? 0) + x.n);
    return m;
  };
  const top = (m: Map<string, number>, k: number) => new Set([...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, k).map((e) => e[0]));
  const topR = top(sizes('r'), parsed.maxRows);
  const topI = top(sizes('i'), parsed.maxCols);
  const rows = all.filter((x) => topR.has(x.r) && topI.has(x.i));
  const partner = isPartner(viewer);
  const rmap = new Map<string, { key: string; label: string; n: number }>();
  const cmap = new Map<string, { key: string; label: string; n: number }>();
  const cells: MatrixCell[] = [];
  for (const x of rows) {
    const rr = rmap.get(x.r) ?? { key: x.r, label: x.r_name || x.r || '（未细分）', n: 0 };
    rr.n += x.n; rmap.set(x.r, rr);
    const cc = cmap.get(x.i) ?? { key: x.i, label: x.i_name || x.i || '（未细分）', n: 0 };
    cc.n += x.n; cmap.set(x.i, cc);
    if (partner && x.n < MIN_PARTNER_CELL) {
      cells.push({ r: x.r, i: x.i, n: null, cd: null, share: null, lo: null, hi: null, meanScore: null });
    } else {
      const w = wilson(x.cd, x.n);
      cells.push({ r: x.r, i: x.i, n: x.n, cd: x.cd, share: x.n ? x.cd / x.n : 0, lo: w.lo, hi: w.hi, meanScore: x.mean_score });
    }
  }
  const byN = (a: { n: number; key: string }, b: { n: number; key: string }) => b.n - a.n || a.key.localeCompare(b.key);
  // Row/column totals can reveal a suppressed cell by subtraction only together with the other cells, which are
  // all ≥ the threshold: totals are shown rounded to tens for partners.
  const round = (v: { key: string; label: string; n: number }) => (partner ? { ...v, n: Math.round(v.n / 10) * 10 } : v);
  return { rows: [...rmap.values()].sort(byN).map(round), cols: [...cmap.values()].sort(byN).map(round), cells };
}
