/** Inspected enterprises grouped by score (rounded) with their next-inspection outcome: the input of the AUC. */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p } from '../../server/db/sql';
import { regionScope } from '../../server/auth/viewer';

export const scoreOutcome = defineQuery({
  name: 'classes.scoreOutcome',
  input: z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), model: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/), horizonMonths: z.number().int().min(1).max(24).default(6) }),
  row: z.object({ score: z.coerce.number(), pos: z.coerce.number(), neg: z.coerce.number() }),
  build: (i, viewer) => sql`
    SELECT round(c.score, 1) AS score, toUInt32(countIf(o.bad > 0)) AS pos, toUInt32(countIf(o.bad = 0)) AS neg
    FROM (SELECT uscc, score FROM class_results
          WHERE model_id = ${p.str(i.model)} AND month = ${p.date(`${i.month}-01`)} AND ${regionScope(viewer)}) AS c
    INNER JOIN (
      SELECT uscc, countIf(result IN ('problem', 'unreachable')) AS bad FROM events
      WHERE category = 'inspection' AND event_date > toLastDayOfMonth(${p.date(`${i.month}-01`)})
        AND event_date <= toLastDayOfMonth(addMonths(${p.date(`${i.month}-01`)}, ${p.int(i.horizonMonths)}))
      GROUP BY uscc) AS o ON o.uscc = c.uscc
    GROUP BY score ORDER BY score`,
});
