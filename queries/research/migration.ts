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
import { CLASS_TABLE, month, sliceFilters, sliceWhere, monthIs, isPartner, MIN_PARTNER_CELL } from './source';

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
  // Partners: each matrix cell of 1..9 is suppressed; a row under the threshold is suppressed whole.
  const sup = counts.map((row, i) => (totals[i]! < MIN_PARTNER_CELL ? row.map((c) => (c === 0 ? 0 : null)) : row.map((c) => (c > 0 && c < MIN_PARTNER_CELL ? null : c))));
  // A row with exactly one suppressed cell would give it away by subtraction from the total: hide the total too.
  const rowTotals = sup.map((row, i) => (row.some((c) => c === null) ? null : totals[i]!));
  return { from: parsed.from, to: parsed.filters.month, counts: sup, rowTotals };
}
