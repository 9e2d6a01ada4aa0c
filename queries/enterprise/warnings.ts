/**
 * The warning cases an enterprise is a member of (企业画像), each as of the latest month it was a member: the rule,
 * what ties it (the address, the person), the county that disposes of it, its size, severity and disposal state.
 *
 * A case belongs to the county holding most of its members (server/warnings/engine.ts), so the analyst of a county
 * holding a minority of a cross-county case's members does not have it on their desk: here they see that their
 * enterprise is in it, and who handles it (`in_scope` = 0: no link to the case page, which shows the members of
 * the viewer's scope only to the handling county). Nothing of the other members but their number. The enterprise
 * itself must be in the viewer's scope (like every enterprise read).
 */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p } from '../../server/db/sql';
import { regionScope } from '../../server/auth/viewer';
import { DISPOSAL_STATE, STATE_EXPR, warningScope } from '../warnings/common';

export const enterpriseWarnings = defineQuery({
  name: 'enterprise.warnings',
  input: z.object({ uscc: z.string().regex(/^[0-9A-Z]{15,18}$/) }),
  row: z.object({
    id: z.string(), rule: z.string(), label: z.string(), month: z.string(), first_month: z.string(), latest_month: z.string(),
    county_code: z.string(), county_name: z.string(), members: z.coerce.number(), severity: z.string(), state: z.string(),
    in_scope: z.coerce.number(),
  }),
  build: ({ uscc }, viewer) => sql`
    SELECT w.id AS id, toString(w.rule) AS rule, w.label AS label, formatDateTime(w.month, '%Y-%m') AS month,
      formatDateTime(w.first_month, '%Y-%m') AS first_month, formatDateTime(lm.latest, '%Y-%m') AS latest_month,
      toString(w.county_code) AS county_code, ifNull(rc.name, '') AS county_name, toUInt32(length(w.members)) AS members,
      toString(w.severity) AS severity, ${STATE_EXPR} AS state, toUInt8(${warningScope(viewer)}) AS in_scope
    FROM (
      SELECT * FROM warnings
      WHERE has(members, ${p.str(uscc)}) AND ${p.str(uscc)} IN (SELECT uscc FROM enterprises WHERE uscc = ${p.str(uscc)} AND ${regionScope(viewer)})
      ORDER BY month DESC
      LIMIT 1 BY id
    ) AS w
    LEFT JOIN (SELECT id, max(month) AS latest FROM warnings WHERE id IN (SELECT id FROM warnings WHERE has(members, ${p.str(uscc)})) GROUP BY id) AS lm ON lm.id = w.id
    LEFT JOIN ${DISPOSAL_STATE} AS d ON d.warning_id = w.id
    LEFT JOIN (SELECT code, any(name) AS name FROM regions WHERE level = 3 GROUP BY code) AS rc ON rc.code = w.county_code
    ORDER BY w.month DESC, w.id
    SETTINGS join_use_nulls = 0`,
});
