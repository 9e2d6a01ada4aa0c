/**
 * Class counts per county (with its prefecture) for a month and the month before, over the viewer's
 * scope and the workbench filters (without the region filter: the map needs every area and the
 * province rate; drill-down selects areas afterwards).
 */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql } from '../../server/db/sql';
import { classWhere, mapFilters, monthDate, prevMonth } from './source';

export const mapAreaCounts = defineQuery({
  name: 'map.areaCounts',
  cache: { tables: ['class_results', 'regions'] },
  input: z.object({ filters: mapFilters }),
  row: z.object({
    ym: z.string(), prefecture_code: z.string(), county_code: z.string(), prefecture_name: z.string(), county_name: z.string(),
    n: z.coerce.number(), c: z.coerce.number(), d: z.coerce.number(), sum_score: z.coerce.number(),
  }),
  build: ({ filters }, viewer) => sql`
    SELECT g.*, ifNull(pn.name, '') AS prefecture_name, ifNull(cn.name, '') AS county_name
    FROM (
      SELECT formatDateTime(month, '%Y-%m') AS ym, prefecture_code, county_code,
             toUInt32(count()) AS n, toUInt32(countIf(class = 'C')) AS c, toUInt32(countIf(class = 'D')) AS d,
             toFloat64(sum(score)) AS sum_score
      FROM class_results
      WHERE month IN (${monthDate(filters.month)}, ${monthDate(prevMonth(filters.month))})
        AND ${classWhere(filters, viewer, { withRegion: false })}
      GROUP BY ym, prefecture_code, county_code
    ) AS g
    LEFT JOIN (SELECT code, any(name) AS name FROM regions WHERE level = 2 GROUP BY code) AS pn ON pn.code = g.prefecture_code
    LEFT JOIN (SELECT code, any(name) AS name FROM regions WHERE level = 3 GROUP BY code) AS cn ON cn.code = g.county_code
    ORDER BY g.ym, g.prefecture_code, g.county_code
    SETTINGS join_use_nulls = 1, max_threads = 2`,
});
