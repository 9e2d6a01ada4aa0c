/** Class counts (and shares) per month over a range, for the filtered slice. */
import { z } from 'zod';
import { defineQuery, runQuery } from '../define';
import { sql } from '../../server/db/sql';
import type { Db } from '../../server/db/client';
import type { Viewer } from '../../server/auth/viewer';
import { CLASS_TABLE, CLASS_INDEX, month, sliceFilters, sliceWhere, monthBetween, suppressCounts, isPartner } from './source';

export const input = z.object({ filters: sliceFilters, from: month });

export const classTrend = defineQuery({
  name: 'research.classTrend',
  cache: { tables: ['class_results', 'regions', 'industries'] },
  input,
  row: z.object({ ym: z.string(), a: z.coerce.number(), b: z.coerce.number(), c: z.coerce.number(), d: z.coerce.number(), n: z.coerce.number() }),
  // Group by the Date column and the class index (cheap fixed-width keys), format the month once per group.
  build: ({ filters, from }, viewer) => sql`
    SELECT formatDateTime(m, '%Y-%m') AS ym,
           toUInt32(sumIf(k, ci = 0)) AS a, toUInt32(sumIf(k, ci = 1)) AS b,
           toUInt32(sumIf(k, ci = 2)) AS c, toUInt32(sumIf(k, ci = 3)) AS d,
           toUInt32(sum(k)) AS n
    FROM (
      SELECT month AS m, ${CLASS_INDEX} AS ci, count() AS k
      FROM ${CLASS_TABLE}
      WHERE ${sliceWhere(filters, viewer, monthBetween(from, filters.month))}
      GROUP BY m, ci
    )
    GROUP BY m
    ORDER BY ym`,
});

export interface TrendPoint { month: string; counts: Array<number | null>; n: number | null }

export async function getClassTrend(db: Db, viewer: Viewer, inp: z.input<typeof input>): Promise<TrendPoint[]> {
  const rows = await runQuery(db, classTrend, inp, viewer);
  const partner = isPartner(viewer);
  return rows.map((r) => {
    const counts = partner ? suppressCounts([r.a, r.b, r.c, r.d], r.n) : [r.a, r.b, r.c, r.d];
    const hide = partner && counts.every((c) => c === null);
    return { month: r.ym, counts, n: hide ? null : r.n };
  });
}
