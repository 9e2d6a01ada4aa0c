/**
 * Inspected enterprises grouped by score (rounded) with their next inspection's outcome: the input of the AUC.
 * The next inspection is the first after the month's last day within the horizon (the last day of the
 * `horizonMonths`-th month after); its outcome is a problem when it found a problem or the enterprise unreachable
 * (several inspections on that first day: a problem when any of them was). Later inspections in the horizon do not
 * change the label (they count in the problem rate by class, outcomeByClass, not here). Records as corrected after
 * objections (events_corrected): one an objection removed does not count.
 */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p, type Sql } from '../../server/db/sql';
import { regionScope } from '../../server/auth/viewer';

/**
 * One row per enterprise inspected in (`me`, last day of the month `h` months later]: `bad` = 1 when its first
 * inspection there (any of that day's) found a problem or the enterprise unreachable. `me` and `h` are SQL
 * (a Date and an integer); shared with the logistic fit's labels (server/classify/evaluate.ts).
 */
export function nextInspectionSql(me: Sql, h: Sql): Sql {
  return sql`SELECT uscc, argMin(b, (event_date, 1 - b)) AS bad FROM (
        SELECT uscc, event_date, toUInt8(result IN ('problem', 'unreachable')) AS b FROM events_corrected
        WHERE category = 'inspection' AND event_date > ${me} AND event_date <= toLastDayOfMonth(addMonths(${me}, ${h})))
      GROUP BY uscc`;
}

export const scoreOutcome = defineQuery({
  name: 'classes.scoreOutcome',
  input: z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), model: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/), horizonMonths: z.number().int().min(1).max(24).default(6) }),
  row: z.object({ score: z.coerce.number(), pos: z.coerce.number(), neg: z.coerce.number() }),
  build: (i, viewer) => sql`
    SELECT round(c.score, 1) AS score, toUInt32(countIf(o.bad = 1)) AS pos, toUInt32(countIf(o.bad = 0)) AS neg
    FROM (SELECT uscc, score FROM class_results
          WHERE model_id = ${p.str(i.model)} AND month = ${p.date(`${i.month}-01`)} AND ${regionScope(viewer)}) AS c
    INNER JOIN (${nextInspectionSql(sql`toLastDayOfMonth(${p.date(`${i.month}-01`)})`, sql`${p.int(i.horizonMonths)}`)}) AS o ON o.uscc = c.uscc
    GROUP BY score ORDER BY score`,
});
