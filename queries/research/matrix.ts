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
import { CLASS_TABLE, CLASS_INDEX, dimExpr, namesFor, sliceFilters, sliceWhere, monthIs, regionLevelSchema, industryLevelSchema, isPartner, MIN_PARTNER_CELL, smallCount, type RegionLevel, type IndustryLevel } from './source';
import { wilson } from './stats';
import { suppressTable, ZERO_COST } from './suppress';
import { parentKey } from './distribution';

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
  row: z.object({
    r: z.string(), i: z.string(), r_name: z.string(), i_name: z.string(), n: z.coerce.number(), cd: z.coerce.number(), mean_score: z.coerce.number(),
    a: z.coerce.number(), b: z.coerce.number(), c: z.coerce.number(), d: z.coerce.number(),
  }),
  // One aggregation; the top rows/columns are picked in TypeScript (a CTE referenced three times would run three times).
  build: ({ filters, rows, cols }, viewer) => {
    const where = sliceWhere(filters, viewer, monthIs(filters.month));
    return sql`
      SELECT c.r AS r, c.i AS i, ifNull(rn.name, '') AS r_name, ifNull(inm.name, '') AS i_name,
             c.n AS n, c.cd AS cd, c.score_sum / c.n AS mean_score, c.a AS a, c.b AS b, c.c AS c, c.d AS d
      FROM (
        SELECT r, i, toUInt32(sum(k)) AS n, toUInt32(sumIf(k, ci >= 2)) AS cd, sum(s) AS score_sum,
               toUInt32(sumIf(k, ci = 0)) AS a, toUInt32(sumIf(k, ci = 1)) AS b, toUInt32(sumIf(k, ci = 2)) AS c, toUInt32(sumIf(k, ci = 3)) AS d
        FROM (
          SELECT ${dimExpr(rows)} AS r, ${dimExpr(cols)} AS i, ${CLASS_INDEX} AS ci, count() AS k, sum(toFloat64(score)) AS s
          FROM ${CLASS_TABLE} WHERE ${where} GROUP BY r, i, ci
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
  const rSize = sizes('r'), iSize = sizes('i');
  const topR = top(rSize, parsed.maxRows);
  const topI = top(iSize, parsed.maxCols);
  const partner = isPartner(viewer);
  const hidden = partner ? matrixMask(all, parsed.rows, parsed.cols) : null;
  const rmap = new Map<string, { key: string; label: string; n: number }>();
  const cmap = new Map<string, { key: string; label: string; n: number }>();
  const cells: MatrixCell[] = [];
  all.forEach((x, k) => {
    if (!topR.has(x.r) || !topI.has(x.i)) return;
    // A row's (column's) size is the region's (industry's) whole count in the slice, as research.distribution gives
    // it — not the sum of the columns (rows) that made the top. Partners: the sum of the shown cells, as before.
    const rr = rmap.get(x.r) ?? { key: x.r, label: x.r_name || x.r || '（未细分）', n: partner ? 0 : rSize.get(x.r)! };
    if (partner) rr.n += x.n;
    rmap.set(x.r, rr);
    const cc = cmap.get(x.i) ?? { key: x.i, label: x.i_name || x.i || '（未细分）', n: partner ? 0 : iSize.get(x.i)! };
    if (partner) cc.n += x.n;
    cmap.set(x.i, cc);
    const h = hidden?.[k];
    if (h?.n) {
      cells.push({ r: x.r, i: x.i, n: null, cd: null, share: null, lo: null, hi: null, meanScore: null });
    } else if (h?.cd) {
      cells.push({ r: x.r, i: x.i, n: x.n, cd: null, share: null, lo: null, hi: null, meanScore: partner ? null : x.mean_score });
    } else {
      const w = wilson(x.cd, x.n);
      // Partners get no mean score: two published cells one enterprise apart would give that enterprise's score.
      cells.push({ r: x.r, i: x.i, n: x.n, cd: x.cd, share: x.n ? x.cd / x.n : 0, lo: w.lo, hi: w.hi, meanScore: partner ? null : x.mean_score });
    }
  });
  const byN = (a: { n: number; key: string }, b: { n: number; key: string }) => b.n - a.n || a.key.localeCompare(b.key);
  // The exact row/column totals are public anyway (research.distribution), and the masks assume so; rounding the
  // labels for partners only keeps the screen from inviting the subtraction.
  const round = (v: { key: string; label: string; n: number }) => (partner ? { ...v, n: Math.round(v.n / 10) * 10 } : v);
  return { rows: [...rmap.values()].sort(byN).map(round), cols: [...cmap.values()].sort(byN).map(round), cells };
}

type Cell = { r: string; i: string; n: number; cd: number; a: number; b: number; c: number; d: number };

/**
 * Which matrix cells partners may not see: per cell whether n is hidden (then everything is) and whether C+D is.
 * Computed over the whole fetched matrix, not the top rows/columns shown, so a larger maxRows/maxCols cannot show a
 * cell another request hid. Published sums treated as public (research.distribution gives them exactly):
 * per region, the sum over the industries of one parent (section → its divisions), and per industry the sum over
 * the regions of one parent (prefecture → its counties); both for n and for C+D.
 * C+D is primary when it or n − C+D (A+B) is 1..9 — the other half follows from n — and also when any of the
 * cell's own A/B/C/D is 1..9: the distribution of that same slice hides that class with a complement, and C+D
 * next to it splits the hidden pair (e.g. A 111, B hidden, C 0, D hidden, with C+D 8 gives D and then B).
 */
export function matrixMask(cells: readonly Cell[], rowsLevel: RegionLevel, colsLevel: IndustryLevel, min = MIN_PARTNER_CELL): Array<{ n: boolean; cd: boolean }> {
  const rk = [...new Set(cells.map((x) => x.r))];
  const ik = [...new Set(cells.map((x) => x.i))];
  const ri = new Map(rk.map((k, j) => [k, j]));
  const ii = new Map(ik.map((k, j) => [k, j]));
  const grid = <T>(f: () => T) => rk.map(() => ik.map(f));
  const n = grid(() => 0), cd = grid(() => 0), present = grid(() => false), classSmall = grid(() => false);
  for (const x of cells) {
    const r = ri.get(x.r)!, i = ii.get(x.i)!;
    n[r]![i] = x.n; cd[r]![i] = x.cd; present[r]![i] = true;
    classSmall[r]![i] = [x.a, x.b, x.c, x.d].some((v) => smallCount(v, min));
  }
  const groupsBy = (keys: string[], level: RegionLevel | IndustryLevel) => {
    const m = new Map<string, number[]>();
    let unknown = false;
    keys.forEach((k, j) => { const pk = parentKey(level, k); if (pk === null) unknown = true; else m.set(pk, [...(m.get(pk) ?? []), j]); });
    const gs = [...m.values()];
    if (unknown) gs.push(keys.map((_, j) => j));
    // A one-member group is the parent's own cell, published with the same primary rule: nothing to add.
    return gs.filter((g) => g.length > 1);
  };
  const colGroups = groupsBy(rk, rowsLevel);
  const rowGroups = groupsBy(ik, colsLevel);
  // An absent cell is a published zero (no row in the distribution), so it protects nothing as a complement.
  const structural = present.map((row) => row.map((p) => !p));
  const nMask = suppressTable(n, { min, rowTotalsPublic: true, colTotalsPublic: true, rowGroups, colGroups, structural });
  const cdMask = suppressTable(cd, {
    min, rowTotalsPublic: true, colTotalsPublic: true, rowGroups, colGroups, structural,
    primary: cd.map((row, r) => row.map((v, i) => nMask[r]![i]! || smallCount(v, min) || smallCount(n[r]![i]! - v, min) || classSmall[r]![i]!)),
    // C+D of 0 or equal to n is published anyway (the distribution shows the zero classes): last resort only.
    cost: cd.map((row, r) => row.map((v, i) => (v > 0 && v < n[r]![i]! ? v : ZERO_COST + v))),
  });
  return cells.map((x) => { const r = ri.get(x.r)!, i = ii.get(x.i)!; return { n: nMask[r]![i]!, cd: cdMask[r]![i]! }; });
}
