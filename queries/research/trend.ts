/** Class counts (and shares) per month over a range, for the filtered slice. */
import { z } from 'zod';
import { defineQuery, runQuery } from '../define';
import { sql } from '../../server/db/sql';
import type { Db } from '../../server/db/client';
import type { Viewer } from '../../server/auth/viewer';
import { CLASS_TABLE, MONTH_KEY, month, sliceFilters, sliceWhere, monthBetween, suppressCounts, isPartner } from './source';

export const input = z.object({ filters: sliceFilters, from: month });

export const classTrend = defineQuery({
  name: 'research.classTrend',
  input,
  row: z.object({ ym: z.string(), a: z.coerce.number(), b: z.coerce.number(), c: z.coerce.number(), d: z.coerce.number(), n: z.coerce.number(), mean_score: z.coerce.number() }),
  build: ({ filters, from }, viewer) => sql`
    SELECT ${MONTH_KEY} AS ym,
           toUInt32(countIf(class = 'A')) AS a, toUInt32(countIf(class = 'B')) AS b,
           toUInt32(countIf(class = 'C')) AS c, toUInt32(countIf(class = 'D')) AS d,
           toUInt32(count()) AS n, toFloat64(avg(score)) AS mean_score
    FROM ${CLASS_TABLE}
    WHERE ${sliceWhere(filters, viewer, monthBetween(from, filters.month))}
    GROUP BY ym
    ORDER BY ym`,
});

export interface TrendPoint { month: string; counts: Array<number | null>; n: number | null; meanScore: number | null }

export async function getClassTrend(db: Db, viewer: Viewer, inp: z.input<typeof input>): Promise<TrendPoint[]> {
  const rows = await runQuery(db, classTrend, inp, viewer);
  const partner = isPartner(viewer);
  return rows.map((r) => {
    const counts = partner ? suppressCounts([r.a, r.b, r.c, r.d], r.n) : [r.a, r.b, r.c, r.d];
    const hide = partner && counts.every((c) => c === null);
    return { month: r.ym, counts, n: hide ? null : r.n, meanScore: hide ? null : r.mean_score };
  });
}
