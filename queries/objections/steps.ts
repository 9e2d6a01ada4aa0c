/** Every step of one objection (who, when — in China time), oldest first; scoped through the objection's region snapshot. */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p } from '../../server/db/sql';
import { cnTime } from '../../server/db/time';
import { regionScope } from '../../server/auth/viewer';

export const objectionSteps = defineQuery({
  name: 'objections.steps',
  input: z.object({ id: z.string().max(64) }),
  row: z.object({ step_id: z.string(), step: z.string(), actor: z.string(), ts: z.string(), step_date: z.string(), note: z.string(), detail: z.string() }),
  build: (i, viewer) => sql`
    SELECT st.step_id AS step_id, toString(st.step) AS step, st.actor AS actor, ${cnTime('st.ts')} AS ts,
      toString(st.step_date) AS step_date, st.note AS note, st.detail AS detail
    FROM objection_steps AS st
    WHERE st.objection_id = ${p.str(i.id)}
      AND objection_id IN (SELECT objection_id FROM objections WHERE objection_id = ${p.str(i.id)} AND ${regionScope(viewer)})
    ORDER BY st.ts, st.step_id`,
});
