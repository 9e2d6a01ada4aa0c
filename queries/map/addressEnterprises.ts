/**
 * The enterprises behind one point marker (one address: same address_key, or identical coordinates when the
 * key is empty), with their class in the month. Analysts and administrators only (the router enforces it).
 */
import { z } from 'zod';
import { defineQuery } from '../define';
import { p, sql } from '../../server/db/sql';
import { classWhere, mapFilters, monthDate } from './source';
import { POINT_GROUP_KEY } from './points';

export const addressEnterprises = defineQuery({
  name: 'map.addressEnterprises',
  input: z.object({ filters: mapFilters, gid: z.number().int().min(0).max(4294967295), gid2: z.number().int().min(0).max(4294967295), limit: z.number().int().min(1).max(500).default(200) }),
  row: z.object({
    uscc: z.string(), name: z.string(), address: z.string(), class: z.string(), score: z.coerce.number(),
    county_code: z.string(), lng: z.coerce.number(), lat: z.coerce.number(),
  }),
  build: ({ filters, gid, gid2, limit }, viewer) => sql`
    SELECT e.uscc AS uscc, e.name AS name, e.address AS address, r.class AS class, toFloat64(r.score) AS score,
           e.county_code AS county_code, toFloat64(e.lng) AS lng, toFloat64(e.lat) AS lat
    FROM (
      SELECT uscc, class, score FROM class_results
      WHERE month = ${monthDate(filters.month)} AND ${classWhere(filters, viewer, { withRegion: true })}
    ) AS r
    INNER JOIN (
      SELECT uscc, name, address, county_code, assumeNotNull(lng) AS lng, assumeNotNull(lat) AS lat FROM enterprises
      WHERE lng IS NOT NULL AND lat IS NOT NULL AND xxHash32(${POINT_GROUP_KEY}) = ${p.uint(gid)}
        AND murmurHash3_32(${POINT_GROUP_KEY}) = ${p.uint(gid2)}
    ) AS e ON e.uscc = r.uscc
    ORDER BY r.score DESC, e.uscc
    LIMIT ${p.uint(limit)}`,
});
