/** Class distribution (A/B/C/D counts and shares, mean score) by one breakdown dimension, for one month. */
import { z } from 'zod';
import { defineQuery, runQuery } from '../define';
import { sql, p } from '../../server/db/sql';
import type { Db } from '../../server/db/client';
import type { Viewer } from '../../server/auth/viewer';
import { CLASS_TABLE, dimExpr, dimensionSchema, namesFor, sliceFilters, sliceWhere, monthIs, suppressCounts, isPartner } from './source';

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
      LIMIT ${p.uint(limit)}`;
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

export async function getClassDistribution(db: Db, viewer: Viewer, inp: z.input<typeof input>): Promise<DistributionRow[]> {
  const rows = await runQuery(db, classDistribution, inp, viewer);
  const partner = isPartner(viewer);
  return rows.map((r) => {
    const counts = [r.a, r.b, r.c, r.d];
    const shown = partner ? suppressCounts(counts, r.n) : counts;
    const hideAll = partner && shown.every((c) => c === null);
    return {
      key: r.key, label: r.name || r.key || '（未细分）',
      counts: shown as DistributionRow['counts'],
      n: hideAll ? null : r.n,
      meanScore: hideAll ? null : r.mean_score,
    };
  });
}
