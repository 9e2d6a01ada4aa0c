/**
 * Every disposal step of a case, oldest first (`ts` in China time). Scoped through the case's warning rows; a step's
 * targets (member USCCs) only those in the viewer's scope — a case's members may lie in other counties, and a step
 * recorded by an administrator or by another county (after the case moved there) may name them.
 */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p } from '../../server/db/sql';
import { cnTime } from '../../server/db/time';
import { warningIdSchema, warningScope } from './common';
import { regionScope } from '../../server/auth/viewer';

export const warningDisposals = defineQuery({
  name: 'warnings.disposals',
  input: z.object({ id: warningIdSchema }),
  row: z.object({
    disposal_id: z.string(), step: z.string(), actor: z.string(), ts: z.string(), month: z.string(), unit_code: z.string(), unit_name: z.string(),
    action: z.string(), result: z.string(), targets: z.array(z.string()), note: z.string(), event_ids: z.array(z.string()),
  }),
  build: ({ id }, viewer) => sql`
    WITH (SELECT groupArray(uscc) FROM enterprises
          WHERE uscc IN (SELECT arrayJoin(targets) FROM warning_disposals WHERE warning_id = ${p.str(id)}) AND ${regionScope(viewer)}) AS visible
    SELECT d.disposal_id AS disposal_id, toString(d.step) AS step, d.actor AS actor, ${cnTime('d.ts')} AS ts, formatDateTime(d.month, '%Y-%m') AS month,
      d.unit_code AS unit_code, ifNull(rn.name, '') AS unit_name, toString(d.action) AS action, toString(d.result) AS result, arrayFilter(u -> has(visible, u), d.targets) AS targets, d.note AS note, d.event_ids AS event_ids
    FROM warning_disposals AS d
    LEFT JOIN (SELECT code, any(name) AS name FROM regions GROUP BY code) AS rn ON rn.code = d.unit_code
    WHERE d.warning_id = ${p.str(id)} AND d.warning_id IN (SELECT id FROM warnings AS w WHERE w.id = ${p.str(id)} AND ${warningScope(viewer)})
    ORDER BY d.ts
    SETTINGS join_use_nulls = 0`,
});
