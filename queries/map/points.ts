/**
 * Enterprise points in a bounding box for the map, as Arrow (app/api/points/route.ts): one row per address
 * (一址多照: same address_key, or identical coordinates when the key is empty) with the count and the worst
 * class there. Columns: lng, lat (Float32), n (UInt32), cls (UInt8: 0 A … 3 D), gid and gid2 (UInt32: two independent
 * 32-bit hashes of the address group, together the id for listing the enterprises of a marker — one 32-bit hash alone
 * collides hundreds of times over a province's two million addresses, and the listing then mixed two addresses).
 */
import { z } from 'zod';
import { p, sql, trusted, type Sql } from '../../server/db/sql';
import type { Viewer } from '../../server/auth/viewer';
import { classWhere, mapFilters, monthDate } from './source';

/** The address group of an enterprise row (trusted SQL over the enterprises table). */
export const POINT_GROUP_KEY = trusted(`if(address_key != '', address_key, concat(toString(round(assumeNotNull(lng), 6)), ',', toString(round(assumeNotNull(lat), 6))))`);

export const pointsInput = z.object({
  filters: mapFilters,
  bbox: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90), z.number().min(-180).max(180), z.number().min(-90).max(90)])
    .refine(([x0, y0, x1, y1]) => x0 < x1 && y0 < y1, '范围无效'),
  limit: z.number().int().min(1).max(2_000_000).default(1_000_000),
});
export type PointsInput = z.infer<typeof pointsInput>;

export const POINTS_QUERY_NAME = 'map.points';

/** SQL for the points; the caller appends the output format (Arrow or JSON). */
export function pointsSql(inp: PointsInput, viewer: Viewer): Sql {
  const [x0, y0, x1, y1] = inp.bbox;
  return sql`
    SELECT toFloat32(any(e.lng)) AS lng, toFloat32(any(e.lat)) AS lat, toUInt32(count()) AS n,
           toUInt8(max(r.cls)) AS cls, xxHash32(e.grp) AS gid, murmurHash3_32(e.grp) AS gid2
    FROM (
      SELECT uscc, toUInt8(multiIf(class = 'A', 0, class = 'B', 1, class = 'C', 2, 3)) AS cls FROM class_results
      WHERE month = ${monthDate(inp.filters.month)} AND ${classWhere(inp.filters, viewer, { withRegion: true })}
    ) AS r
    INNER JOIN (
      SELECT uscc, assumeNotNull(lng) AS lng, assumeNotNull(lat) AS lat, ${POINT_GROUP_KEY} AS grp FROM enterprises
      WHERE lng IS NOT NULL AND lat IS NOT NULL
        AND lng BETWEEN ${p.float(x0)} AND ${p.float(x1)} AND lat BETWEEN ${p.float(y0)} AND ${p.float(y1)}
    ) AS e ON e.uscc = r.uscc
    GROUP BY e.grp
    LIMIT ${p.uint(inp.limit)}`;
}
