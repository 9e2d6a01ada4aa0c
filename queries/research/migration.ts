/**
 * Class migration between two months (迁移矩阵): for enterprises of the slice, class in `from` × class in `to`.
 * '-' stands for "not classified in that month" (new entrants / exits), so rows and columns add up to each month.
 * The slice filters apply to each month's own snapshot. Enterprises are matched on a 64-bit hash of the USCC
 * (a fixed-width key groups several times faster than the string; a collision among millions is ~1e-7 likely).
 */
import { z } from 'zod';
import { defineQuery, runQuery } from '../define';
import { sql, p } from '../../server/db/sql';
import type { Db } from '../../server/db/client';
import type { Viewer } from '../../server/auth/viewer';
import { CLASS_TABLE, month, sliceFilters, sliceWhere, monthIs, isPartner, MIN_PARTNER_CELL, smallCount } from './source';
import { suppressTable } from './suppress';
import { getClassTrend } from './trend';

export const input = z.object({ filters: sliceFilters, from: month });

export const classMigration = defineQuery({
  name: 'research.classMigration',
  cache: { tables: ['class_results', 'regions', 'industries'] },
  input,
  row: z.object({ f: z.string(), t: z.string(), n: z.coerce.number() }),
  // Each enterprise contributes code = class index in `from` (1..4, 0 = absent) + 5 × class index in `to`, summed over
  // its (at most two) rows and grouped on a 64-bit hash of the USCC: fixed-width keys and integer sums only.
  build: ({ filters, from }, viewer) => sql`
    SELECT ['-', 'A', 'B', 'C', 'D'][1 + code % 5] AS f, ['-', 'A', 'B', 'C', 'D'][1 + intDiv(code, 5)] AS t, toUInt32(count()) AS n FROM (
      SELECT sipHash64(uscc) AS k,
             sum(transform(toString(class), ['A', 'B', 'C', 'D'], [1, 2, 3, 4], 0) * if(month = toDate(concat(${p.str(from)}, '-01')), 1, 5)) AS code
      FROM ${CLASS_TABLE}
      WHERE ${sliceWhere(filters, viewer, sql`(${monthIs(from)} OR ${monthIs(filters.month)})`)}
      GROUP BY k
    )
    GROUP BY code
    ORDER BY f, t`,
});

export const MIGRATION_KEYS = ['A', 'B', 'C', 'D', '-'] as const;

export interface MigrationMatrix {
  from: string;
  to: string;
  /** counts[f][t] over MIGRATION_KEYS; null = suppressed (partners, 1..9). */
  counts: Array<Array<number | null>>;
  rowTotals: Array<number | null>;
}

export async function getClassMigration(db: Db, viewer: Viewer, inp: z.input<typeof input>): Promise<MigrationMatrix> {
  const parsed = input.parse(inp);
  const rows = await runQuery(db, classMigration, parsed, viewer);
  const idx = (k: string) => MIGRATION_KEYS.indexOf(k as (typeof MIGRATION_KEYS)[number]);
  const counts: number[][] = MIGRATION_KEYS.map(() => MIGRATION_KEYS.map(() => 0));
  for (const r of rows) { const i = idx(r.f), j = idx(r.t); if (i >= 0 && j >= 0) counts[i]![j]! += r.n; }
  const totals = counts.map((row) => row.reduce((a, b) => a + b, 0));
  if (!isPartner(viewer)) return { from: parsed.from, to: parsed.filters.month, counts, rowTotals: totals };
  // Partners: both margins are public — row f is the slice's class-f count in the from month, column t its
  // class-t count in the to month (research.distribution / trend) — so cells of 1..9 get complements in their row
  // and their column until no hidden cell follows from the sums. '-' → '-' cannot occur, so hiding it protects
  // nothing.
  // But not every margin: the trend (and the distribution) withhold a class count of a month as a complement too. Such
  // a row total is withheld here as well, and a row or column whose total is withheld keeps a hidden cell (its largest
  // as a primary, complements follow), or its cells shown would add up to it.
  const point = async (m: string) => (await getClassTrend(db, viewer, { filters: { ...parsed.filters, month: m }, from: m }))[0];
  const [fromPoint, toPoint] = await Promise.all([point(parsed.from), point(parsed.filters.month)]);
  const fromHidden = MIGRATION_KEYS.map((_, k) => k < 4 && fromPoint?.counts[k] === null);
  const toHidden = MIGRATION_KEYS.map((_, k) => k < 4 && toPoint?.counts[k] === null);
  const primary = counts.map((row) => row.map((v) => smallCount(v)));
  const largest = (cells: Array<[number, number]>) => cells.reduce<[number, number] | null>((b, c) => (counts[c[0]]![c[1]]! > (b ? counts[b[0]]![b[1]]! : 0) ? c : b), null);
  MIGRATION_KEYS.forEach((_, k) => {
    const row = MIGRATION_KEYS.map((__, j) => [k, j] as [number, number]);
    const col = MIGRATION_KEYS.map((__, i) => [i, k] as [number, number]);
    for (const [hidden, cells] of [[fromHidden[k], row], [toHidden[k], col]] as const) {
      if (!hidden || cells.some(([i, j]) => primary[i]![j])) continue;
      const c = largest([...cells]);
      if (c) primary[c[0]]![c[1]] = true;
    }
  });
  const structural = MIGRATION_KEYS.map((f) => MIGRATION_KEYS.map((t) => f === '-' && t === '-'));
  const mask = suppressTable(counts, { min: MIN_PARTNER_CELL, rowTotalsPublic: true, colTotalsPublic: true, structural, primary });
  const sup = counts.map((row, i) => row.map((c, j) => (mask[i]![j] ? null : c)));
  // The totals are public as said, except a total of 1..9, a small count in its own right (e.g. 5 new entrants), and
  // a class count the trend withholds.
  const rowTotals = totals.map((t, k) => (smallCount(t) || fromHidden[k] ? null : t));
  return { from: parsed.from, to: parsed.filters.month, counts: sup, rowTotals };
}
