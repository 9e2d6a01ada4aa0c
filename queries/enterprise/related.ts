/**
 * 企业画像: the enterprises tied to this one — at the same registered address (address_key: 一址多照) or under the same
 * legal representative (legal_rep_id: 一人多企) — that the profile counts (queries/enterprise/profile.ts), listed:
 * within the viewer's region, the closed ones (注销/迁出) last, each with its latest class (通用+专业, else 通用型)
 * and month. At most `limit` per tie; `total` is how many there are.
 */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p } from '../../server/db/sql';
import { regionScope } from '../../server/auth/viewer';

export const enterpriseRelated = defineQuery({
  name: 'enterprise.related',
  input: z.object({ uscc: z.string().regex(/^[0-9A-Z]{15,18}$/), limit: z.number().int().min(1).max(500).default(100) }),
  row: z.object({
    tie: z.enum(['address', 'legal_rep']), uscc: z.string(), name: z.string(), status: z.string(), reg_date: z.string(),
    county_name: z.string(), class: z.string(), class_month: z.string(), total: z.coerce.number(),
  }),
  build: ({ uscc, limit }, viewer) => {
    const u = p.str(uscc);
    const scope = regionScope(viewer);
    // The enterprise itself must be in the viewer's region (like every enterprise read).
    const self = sql`(SELECT address_key, legal_rep_id FROM enterprises WHERE uscc = ${u} AND ${scope})`;
    return sql`
    SELECT r.tie AS tie, r.uscc AS uscc, r.name AS name, r.status AS status, toString(r.reg_date) AS reg_date, ifNull(rc.name, '') AS county_name,
      ifNull(c.cls, '') AS class, ifNull(c.m, '') AS class_month, toUInt32(count() OVER (PARTITION BY r.tie)) AS total
    FROM (
      SELECT 'address' AS tie, uscc, name, toString(status) AS status, reg_date, county_code FROM enterprises
      WHERE address_key != '' AND address_key IN (SELECT address_key FROM ${self}) AND uscc != ${u} AND ${scope}
      UNION ALL
      SELECT 'legal_rep' AS tie, uscc, name, toString(status) AS status, reg_date, county_code FROM enterprises
      WHERE legal_rep_id != '' AND legal_rep_id IN (SELECT legal_rep_id FROM ${self}) AND uscc != ${u} AND ${scope}
    ) AS r
    LEFT JOIN (SELECT code, any(name) AS name FROM regions WHERE level = 3 GROUP BY code) AS rc ON rc.code = r.county_code
    LEFT JOIN (
      -- The latest month's class of each: 通用+专业 where it was derived, else 通用型.
      SELECT uscc, argMax(toString(class), (month, model_id = 'effective')) AS cls, formatDateTime(max(month), '%Y-%m') AS m
      FROM class_results
      WHERE model_id IN ('effective', 'general') AND uscc IN (
        SELECT uscc FROM enterprises WHERE (address_key IN (SELECT address_key FROM ${self}) AND address_key != '')
          OR (legal_rep_id IN (SELECT legal_rep_id FROM ${self}) AND legal_rep_id != ''))
      GROUP BY uscc
    ) AS c ON c.uscc = r.uscc
    ORDER BY r.tie, r.status IN ('注销', '迁出'), r.reg_date DESC, r.uscc
    LIMIT ${p.uint(limit)} BY r.tie
    SETTINGS join_use_nulls = 1`;
  },
});
