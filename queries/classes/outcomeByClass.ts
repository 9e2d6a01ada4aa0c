/**
 * The next six months' inspection outcome by class: of the enterprises classified in `month`, how many were
 * inspected in (month end, month end + 6 months] and how many of those had a problem or were unreachable. Inspection
 * records are read as corrected after objections (events_corrected, as the classification reads them): a record an
 * objection removed does not count.
 */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p } from '../../server/db/sql';
import { regionScope } from '../../server/auth/viewer';

export const outcomeByClass = defineQuery({
  name: 'classes.outcomeByClass',
  input: z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), model: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/), horizonMonths: z.number().int().min(1).max(24).default(6) }),
  row: z.object({ class: z.enum(['A', 'B', 'C', 'D']), enterprises: z.coerce.number(), inspected: z.coerce.number(), problems: z.coerce.number() }),
  build: (i, viewer) => sql`
    SELECT c.class AS class, toUInt32(count()) AS enterprises, toUInt32(countIf(o.n > 0)) AS inspected, toUInt32(countIf(o.bad > 0)) AS problems
    FROM (SELECT uscc, class FROM class_results
          WHERE model_id = ${p.str(i.model)} AND month = ${p.date(`${i.month}-01`)} AND ${regionScope(viewer)}) AS c
    LEFT JOIN (
      SELECT uscc, count() AS n, countIf(result IN ('problem', 'unreachable')) AS bad FROM events_corrected
      WHERE category = 'inspection' AND event_date > toLastDayOfMonth(${p.date(`${i.month}-01`)})
        AND event_date <= toLastDayOfMonth(addMonths(${p.date(`${i.month}-01`)}, ${p.int(i.horizonMonths)}))
      GROUP BY uscc) AS o ON o.uscc = c.uscc
    GROUP BY class ORDER BY class`,
});
