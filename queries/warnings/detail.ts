/** One warning case (by id) in one month — the latest month it appears in when no month is given. */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p, and } from '../../server/db/sql';
import { monthSchema, warningIdSchema, warningScope } from './common';

export const warningDetail = defineQuery({
  name: 'warnings.detail',
  input: z.object({ id: warningIdSchema, month: monthSchema.optional() }),
  row: z.object({
    id: z.string(), month: z.string(), rule: z.string(), rules_version: z.coerce.number(), key: z.string(), label: z.string(),
    province_code: z.string(), prefecture_code: z.string(), county_code: z.string(), street_code: z.string(), county_name: z.string(), street_name: z.string(),
    members: z.array(z.string()), new_members: z.array(z.string()), evidence: z.string(), severity: z.string(), first_month: z.string(), status: z.string(),
    months: z.array(z.tuple([z.string(), z.coerce.number()])),
  }),
  build: ({ id, month }, viewer) => sql`
    SELECT w.id AS id, formatDateTime(w.month, '%Y-%m') AS month, toString(w.rule) AS rule, w.rules_version AS rules_version, w.key AS key, w.label AS label,
      toString(w.province_code) AS province_code, toString(w.prefecture_code) AS prefecture_code, toString(w.county_code) AS county_code, toString(w.street_code) AS street_code,
      rc.name AS county_name, rs.name AS street_name,
      w.members AS members, w.new_members AS new_members, w.evidence AS evidence, toString(w.severity) AS severity, formatDateTime(w.first_month, '%Y-%m') AS first_month, toString(w.status) AS status,
      (SELECT arraySort(groupArray((formatDateTime(month, '%Y-%m'), toUInt32(length(members))))) FROM warnings WHERE id = ${p.str(id)}) AS months
    FROM warnings AS w
    LEFT JOIN (SELECT code, any(name) AS name FROM regions WHERE level = 3 GROUP BY code) AS rc ON rc.code = w.county_code
    LEFT JOIN (SELECT code, any(name) AS name FROM regions WHERE level = 4 GROUP BY code) AS rs ON rs.code = w.street_code
    WHERE ${and([sql`w.id = ${p.str(id)}`, month ? sql`w.month = ${p.date(`${month}-01`)}` : null, warningScope(viewer)])}
    ORDER BY w.month DESC LIMIT 1
    SETTINGS join_use_nulls = 0`,
});
