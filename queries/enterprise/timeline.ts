/**
 * One enterprise's recorded events, newest first (region scope through the enterprise), as the classification reads
 * them: a record an objection corrected shows its corrected values (events_corrected's rule: the latest correction's
 * non-null fields) and a record an objection removed stays listed, marked; `correction` ('' | 'change' | 'remove')
 * and `corrected_by` (the objection) say which. `total` is the enterprise's number of records (the list may be cut
 * at `limit`).
 *
 * Credit repairs as the classification reads them (server/classify/features.ts buildRepairedSet), over the records
 * not removed: a `credit_repair` record names the record it repairs by its event_id (detail), a record of this
 * enterprise; one naming none is a blanket repair of every penalty / dishonest record dated on or before it.
 * `repaired_on` is the date a penalty, dishonest, abnormal-list or serious-list record was first repaired (null when
 * it is not), `repair_of` on a credit_repair record the event id it repairs ('*' for a blanket repair; '' on every
 * other record and on a removed repair). (The page showed a repair's detail, a bare event id shown nowhere else, and
 * the repaired record unmarked.)
 */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p } from '../../server/db/sql';
import { regionScope } from '../../server/auth/viewer';

export const enterpriseTimeline = defineQuery({
  name: 'enterprise.timeline',
  input: z.object({ uscc: z.string().regex(/^[0-9A-Z]{15,18}$/), limit: z.number().int().min(1).max(2000).default(500) }),
  row: z.object({
    event_id: z.string(), event_date: z.string(), category: z.string(), severity: z.string(), end_date: z.string().nullable(),
    result: z.string(), source: z.string(), amount_yuan: z.number().nullable(), detail: z.string(),
    correction: z.string(), corrected_by: z.string(), total: z.coerce.number(),
    repaired_on: z.string().nullable(), repair_of: z.string(),
  }),
  build: (i, viewer) => sql`
    SELECT event_id, event_date, category, severity, end_date, result, source, amount_yuan, detail, correction, corrected_by, total,
      if(correction != 'remove' AND category IN ('penalty', 'dishonest', 'abnormal_list', 'serious_dishonest_list'),
        nullIf(arrayMin(arrayConcat(
          arrayMap(r -> r.1, arrayFilter(r -> r.2 = event_id, reps)),
          if(category IN ('penalty', 'dishonest'), arrayMap(r -> r.1, arrayFilter(r -> NOT has(own, r.2) AND r.1 >= event_date, reps)), []),
          ['9999-12-31'])), '9999-12-31'),
        NULL) AS repaired_on,
      if(category = 'credit_repair' AND correction != 'remove', if(has(own, detail), detail, '*'), '') AS repair_of
    FROM (
      SELECT *,
        groupArrayIf(event_id, correction != 'remove') OVER () AS own,
        groupArrayIf((event_date, detail), category = 'credit_repair' AND correction != 'remove') OVER () AS reps
      FROM (
        SELECT e.event_id AS event_id, toString(e.event_date) AS event_date, toString(e.category) AS category,
          if(c.action = 'change' AND c.severity IS NOT NULL, assumeNotNull(c.severity), toString(e.severity)) AS severity,
          if(c.action = 'change' AND c.end_date IS NOT NULL, toString(c.end_date), if(isNull(e.end_date), NULL, toString(e.end_date))) AS end_date,
          toString(e.result) AS result, toString(e.source) AS source,
          if(c.action = 'change' AND c.amount_yuan IS NOT NULL, c.amount_yuan, e.amount_yuan) AS amount_yuan,
          if(c.action = 'change' AND c.detail IS NOT NULL, assumeNotNull(c.detail), e.detail) AS detail,
          ifNull(c.action, '') AS correction, ifNull(c.objection_id, '') AS corrected_by,
          toUInt32(count() OVER ()) AS total
        FROM events AS e
        LEFT JOIN (SELECT event_id, toString(argMax(action, ts)) AS action, argMax(objection_id, ts) AS objection_id, argMax(severity, ts) AS severity,
                     argMax(end_date, ts) AS end_date, argMax(amount_yuan, ts) AS amount_yuan, argMax(detail, ts) AS detail
                   FROM event_corrections WHERE uscc = ${p.str(i.uscc)} GROUP BY event_id) AS c ON c.event_id = e.event_id
        WHERE e.uscc = ${p.str(i.uscc)}
          AND e.uscc IN (SELECT uscc FROM enterprises WHERE uscc = ${p.str(i.uscc)} AND ${regionScope(viewer)})
      )
    )
    ORDER BY event_date DESC, event_id LIMIT ${p.uint(i.limit)}
    SETTINGS join_use_nulls = 1`,
});
