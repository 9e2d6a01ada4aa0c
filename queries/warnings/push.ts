/** The monthly push list (预警推送清单) for a county or street unit: one line per warning with its place and state. */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql } from '../../server/db/sql';
import { DISPOSAL_STATE, STATE_EXPR, listWhere, severityRank, monthSchema, regionSchema, ruleSchema } from './common';

export const pushList = defineQuery({
  name: 'warnings.pushList',
  input: z.object({ month: monthSchema, region: regionSchema.optional(), rule: ruleSchema.optional() }),
  row: z.object({
    id: z.string(), rule: z.string(), label: z.string(), key: z.string(), county_code: z.string(), county_name: z.string(), street_code: z.string(), street_name: z.string(),
    members: z.array(z.string()), new_members: z.coerce.number(), severity: z.string(), first_month: z.string(), state: z.string(), unit_code: z.string(),
  }),
  build: (f, viewer) => sql`
    SELECT w.id AS id, toString(w.rule) AS rule, w.label AS label, w.key AS key, toString(w.county_code) AS county_code, rc.name AS county_name,
      toString(w.street_code) AS street_code, rs.name AS street_name, w.members AS members,
      toUInt32(length(w.new_members)) AS new_members, toString(w.severity) AS severity, formatDateTime(w.first_month, '%Y-%m') AS first_month,
      ${STATE_EXPR} AS state, d.unit_code AS unit_code
    FROM warnings AS w
    LEFT JOIN ${DISPOSAL_STATE} AS d ON d.warning_id = w.id
    LEFT JOIN (SELECT code, any(name) AS name FROM regions WHERE level = 3 GROUP BY code) AS rc ON rc.code = w.county_code
    LEFT JOIN (SELECT code, any(name) AS name FROM regions WHERE level = 4 GROUP BY code) AS rs ON rs.code = w.street_code
    WHERE ${listWhere(f, viewer)}
    ORDER BY w.county_code, w.street_code, ${severityRank('w.severity')} DESC, w.rule, w.score DESC
    LIMIT 20000
    SETTINGS join_use_nulls = 0`,
});
