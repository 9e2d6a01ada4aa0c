/** Warning counts by county and street for a month (the desk's region filter, with counts). */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p, and } from '../../server/db/sql';
import { monthSchema, ruleSchema, warningScope } from './common';

export const warningRegions = defineQuery({
  name: 'warnings.regions',
  input: z.object({ month: monthSchema, rule: ruleSchema.optional() }),
  row: z.object({ county_code: z.string(), county_name: z.string(), street_code: z.string(), street_name: z.string(), n: z.coerce.number(), high: z.coerce.number() }),
  build: (f, viewer) => sql`
    SELECT c.county_code AS county_code, rc.name AS county_name, c.street_code AS street_code, rs.name AS street_name, c.n AS n, c.high AS high
    FROM (
      SELECT toString(w.county_code) AS county_code, toString(w.street_code) AS street_code, toUInt32(count()) AS n, toUInt32(countIf(w.severity = 'high')) AS high
      FROM warnings AS w
      WHERE ${and([sql`w.month = ${p.date(`${f.month}-01`)}`, f.rule ? sql`w.rule = ${p.str(f.rule)}` : null, warningScope(viewer)])}
      GROUP BY county_code, street_code
    ) AS c
    LEFT JOIN (SELECT code, any(name) AS name FROM regions WHERE level = 3 GROUP BY code) AS rc ON rc.code = c.county_code
    LEFT JOIN (SELECT code, any(name) AS name FROM regions WHERE level = 4 GROUP BY code) AS rs ON rs.code = c.street_code
    ORDER BY c.county_code, c.street_code
    SETTINGS join_use_nulls = 0`,
});
