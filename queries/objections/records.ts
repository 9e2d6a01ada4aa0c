/**
 * One enterprise's records as imported (not corrected), oldest first, with the latest correction of each: the
 * objection targets and the input of the repair eligibility check. `cur_*` hold the values the models read
 * (events_corrected, migration 009: a 'change' correction's non-NULL fields replace the imported ones), so the
 * repair check judges a corrected record as the classification does. Region scope through the enterprise.
 */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p, trusted } from '../../server/db/sql';
import { regionScope } from '../../server/auth/viewer';
import { usccSchema } from './common';

/** The corrected value of a column as events_corrected reads it (`col`, `imported`: trusted column names). */
const changed = (col: string, imported: string) => `if(ifNull(c.action, '') = 'change' AND c.${col} IS NOT NULL, c.${col}, ${imported})`;
const CURRENT = trusted(`${changed('severity', 'toString(e.severity)')} AS cur_severity,
      if(isNull(${changed('end_date', 'e.end_date')}), NULL, toString(${changed('end_date', 'e.end_date')})) AS cur_end_date,
      ${changed('amount_yuan', 'e.amount_yuan')} AS cur_amount_yuan, ${changed('detail', 'e.detail')} AS cur_detail`);

export const enterpriseRecords = defineQuery({
  name: 'objections.records',
  /**
   * `limit`: the newest records when the enterprise has more (it kept the oldest, so the recent penalties of an
   * enterprise with thousands of complaints could be neither objected to nor repaired); `eventIds`: these records only.
   */
  input: z.object({ uscc: usccSchema, limit: z.number().int().min(1).max(5000).default(3000), eventIds: z.array(z.string().max(200)).max(100).optional() }),
  row: z.object({
    event_id: z.string(), event_date: z.string(), category: z.string(), severity: z.string(), end_date: z.string().nullable(),
    result: z.string(), source: z.string(), amount_yuan: z.number().nullable(), detail: z.string(),
    correction: z.string(), corrected_by: z.string(),
    /** The values the models read (corrected); the columns above are as imported. */
    cur_severity: z.string(), cur_end_date: z.string().nullable(), cur_amount_yuan: z.number().nullable(), cur_detail: z.string(),
  }),
  build: (i, viewer) => sql`
    SELECT * FROM (
    SELECT e.event_id AS event_id, toString(e.event_date) AS event_date, toString(e.category) AS category, toString(e.severity) AS severity,
      if(isNull(e.end_date), NULL, toString(e.end_date)) AS end_date, toString(e.result) AS result, toString(e.source) AS source,
      e.amount_yuan AS amount_yuan, e.detail AS detail, ifNull(c.action, '') AS correction, ifNull(c.objection_id, '') AS corrected_by,
      ${CURRENT}
    FROM events AS e
    LEFT JOIN (SELECT event_id, toString(argMax(action, ts)) AS action, argMax(objection_id, ts) AS objection_id,
                 argMax(severity, ts) AS severity, argMax(end_date, ts) AS end_date, argMax(amount_yuan, ts) AS amount_yuan, argMax(detail, ts) AS detail
               FROM event_corrections WHERE uscc = ${p.str(i.uscc)} GROUP BY event_id) AS c ON c.event_id = e.event_id
    WHERE e.uscc = ${p.str(i.uscc)}${i.eventIds ? sql` AND e.event_id IN ${p.strs(i.eventIds.length ? i.eventIds : [''])}` : sql``}
      AND e.uscc IN (SELECT uscc FROM enterprises WHERE uscc = ${p.str(i.uscc)} AND ${regionScope(viewer)})
    ORDER BY e.event_date DESC, e.event_id DESC LIMIT ${p.uint(i.limit)})
    ORDER BY event_date, event_id
    SETTINGS join_use_nulls = 1`,
});
