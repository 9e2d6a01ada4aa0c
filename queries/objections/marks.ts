/**
 * Marks for an enterprise's timeline (企业档案): records under objection, corrected records, repaired records, and
 * months whose class is under objection. A record under objection is marked, never dropped from the models.
 * Use `objectionMarks(db, viewer, usccs)`.
 *
 * A correction's `ts` is an instant (DateTime64(3, 'UTC'), migration 015): the date shown is its date in China
 * (Asia/Shanghai), like every other date here — whatever the engine's time zone (server/db/time.ts).
 */
import { z } from 'zod';
import { defineQuery, runQuery } from '../define';
import { sql, p, trusted } from '../../server/db/sql';
import { cnTime } from '../../server/db/time';
import { regionScope, type Viewer } from '../../server/auth/viewer';
import type { Db } from '../../server/db/client';
import { daySchema, usccSchema } from './common';
import { todayCn } from '../../server/calendar/workdays';

export const markRow = z.object({
  uscc: z.string(),
  /** objection: an objection on the record (event_id) or on the class of a month (event_id '', month set);
   *  correction: the record was corrected (removed / changed); repair: the record was repaired (信用修复). */
  kind: z.enum(['objection', 'correction', 'repair']),
  event_id: z.string(),
  month: z.string(),
  ref_id: z.string(),
  /** objection: its status; correction: remove | change; repair: the rule. */
  status: z.string(),
  date: z.string(),
  due_date: z.string(),
  overdue: z.coerce.number().transform((n) => n === 1),
  label: z.string(),
});
export type ObjectionMark = z.infer<typeof markRow>;

export const objectionMarksQuery = defineQuery({
  name: 'objections.marks',
  input: z.object({ usccs: z.array(usccSchema).min(1).max(5000), today: daySchema }),
  row: markRow,
  build: (i, viewer) => sql`
    SELECT uscc, 'objection' AS kind, event_id, if(isNull(month), '', formatDateTime(assumeNotNull(month), '%Y-%m')) AS month, objection_id AS ref_id,
      toString(status) AS status, toString(received_date) AS date, toString(due_date) AS due_date,
      toUInt8(o.status IN ('received', 'forwarded') AND o.due_date < ${p.date(i.today)}) AS overdue,
      multiIf(o.status = 'received', '异议已受理', o.status = 'forwarded', '异议已转办', o.status = 'answered', '异议已答复', o.status = 'corrected', '异议成立·已更正', '异议不成立·维持') AS label
    FROM objections AS o FINAL WHERE uscc IN ${p.strs(i.usccs)} AND ${regionScope(viewer)}
    UNION ALL
    SELECT c.uscc AS uscc, 'correction' AS kind, c.event_id AS event_id, '' AS month, argMax(c.objection_id, c.ts) AS ref_id, toString(argMax(c.action, c.ts)) AS status,
      ${cnTime(trusted('max(c.ts)'), '%Y-%m-%d')} AS date, '' AS due_date, toUInt8(0) AS overdue,
      if(argMax(c.action, c.ts) = 'remove', '已更正：记录撤销', '已更正：记录变更') AS label
    FROM event_corrections AS c WHERE c.uscc IN ${p.strs(i.usccs)} AND c.uscc IN (SELECT uscc FROM enterprises WHERE uscc IN ${p.strs(i.usccs)} AND ${regionScope(viewer)})
    GROUP BY c.uscc, c.event_id
    UNION ALL
    SELECT uscc, 'repair' AS kind, event_id, '' AS month, repair_id AS ref_id, toString(rule) AS status, toString(repair_date) AS date, '' AS due_date,
      toUInt8(0) AS overdue, '已信用修复' AS label
    FROM credit_repairs WHERE uscc IN ${p.strs(i.usccs)} AND ${regionScope(viewer)}`,
});

export async function objectionMarks(db: Db, viewer: Viewer, usccs: readonly string[]): Promise<ObjectionMark[]> {
  if (usccs.length === 0) return [];
  return runQuery(db, objectionMarksQuery, { usccs: [...usccs], today: todayCn() }, viewer);
}
