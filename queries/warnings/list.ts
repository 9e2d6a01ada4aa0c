/** The desk's list: warnings of a month filtered by region, rule, severity and disposal state, riskiest first. */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p, and } from '../../server/db/sql';
import { DISPOSAL_STATE, STATE_EXPR, DISPOSAL_STATES, listWhere, severityRank, monthSchema, regionSchema, ruleSchema } from './common';

export const listInput = z.object({
  month: monthSchema,
  region: regionSchema.optional(),
  rule: ruleSchema.optional(),
  severity: z.enum(['high', 'medium', 'low']).optional(),
  state: z.enum(DISPOSAL_STATES).optional(),
  limit: z.number().int().min(1).max(5000).default(100),
  offset: z.number().int().min(0).default(0),
});

export const warningList = defineQuery({
  name: 'warnings.list',
  input: listInput,
  row: z.object({
    id: z.string(), rule: z.string(), key: z.string(), label: z.string(), county_code: z.string(), street_code: z.string(),
    county_name: z.string(), street_name: z.string(), members: z.coerce.number(), new_members: z.coerce.number(),
    severity: z.string(), first_month: z.string(), status: z.string(), state: z.string(), unit_code: z.string(), action: z.string(), result: z.string(), evidence: z.string(),
    total: z.coerce.number(),
  }),
  build: (f, viewer) => sql`
    SELECT w.id AS id, toString(w.rule) AS rule, w.key AS key, w.label AS label, toString(w.county_code) AS county_code, toString(w.street_code) AS street_code,
      ifNull(rc.name, '') AS county_name, ifNull(rs.name, '') AS street_name, toUInt32(length(w.members)) AS members, toUInt32(length(w.new_members)) AS new_members,
      toString(w.severity) AS severity, formatDateTime(w.first_month, '%Y-%m') AS first_month, toString(w.status) AS status, ${STATE_EXPR} AS state,
      ifNull(d.unit_code, '') AS unit_code, ifNull(d.action, '') AS action, ifNull(d.result, '') AS result, w.evidence AS evidence,
      toUInt32(count() OVER ()) AS total
    FROM warnings AS w
    LEFT JOIN ${DISPOSAL_STATE} AS d ON d.warning_id = w.id
    LEFT JOIN (SELECT code, any(name) AS name FROM regions WHERE level = 3 GROUP BY code) AS rc ON rc.code = w.county_code
    LEFT JOIN (SELECT code, any(name) AS name FROM regions WHERE level = 4 GROUP BY code) AS rs ON rs.code = w.street_code
    WHERE ${and([listWhere(f, viewer), f.state ? sql`${STATE_EXPR} = ${p.str(f.state)}` : null])}
    ORDER BY ${severityRank('w.severity')} DESC, w.score DESC, w.id
    LIMIT ${p.uint(f.limit)} OFFSET ${p.uint(f.offset)}
    SETTINGS join_use_nulls = 0`,
});
