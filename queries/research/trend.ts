/** Class counts (and shares) per month over a range, for the filtered slice. */
import { z } from 'zod';
import { defineQuery, runQuery } from '../define';
import { sql } from '../../server/db/sql';
import type { Db } from '../../server/db/client';
import type { Viewer } from '../../server/auth/viewer';
import { CLASS_TABLE, CLASS_INDEX, month, sliceFilters, sliceWhere, monthBetween, suppressCounts, isPartner } from './source';
import { sliceRow, prepareSliceRows, newMaskMemo } from './distribution';

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
  const parsed = input.parse(inp);
  const rows = await runQuery(db, classTrend, parsed, viewer);
  const partner = isPartner(viewer);
  // Partners: every month's tables in a few batched queries.
  const memo = newMaskMemo();
  await prepareSliceRows(db, viewer, rows.map((r) => ({ ...parsed.filters, month: r.ym })), memo);
  return Promise.all(rows.map(async (r) => {
    if (!partner) return { month: r.ym, counts: [r.a, r.b, r.c, r.d], n: r.n };
    // A filtered slice is also a row of research.distribution, where it is suppressed among its siblings (with
    // complements the row alone would not need): show it with that same mask, or the two views add up.
    const row = await sliceRow(db, viewer, { ...parsed.filters, month: r.ym }, memo);
    if (row) return { month: r.ym, counts: [...row.counts], n: row.n };
    const counts = suppressCounts([r.a, r.b, r.c, r.d], r.n);
    const hide = counts.every((c) => c === null);
    return { month: r.ym, counts, n: hide ? null : r.n };
  }));
}
