/**
 * Inspection problem rates by class for the briefing: inspections (`events`, category 'inspection') dated in the
 * month, by the class the enterprise held in `basisMonth` (the classification it was inspected under: the previous
 * month when classified, else the month itself). A problem is result 'problem' or 'unreachable' (查无下落);
 * `with_result` counts those with a result recorded (the contract's `result` is optional), the problem rate's
 * denominator as in the plans' rates. A record an objection removed is no inspection (the classification and the
 * plans' rates read events with corrections applied).
 * An enterprise with no class in `basisMonth` (registered since: first classified in the month itself) is counted
 * under class '' (未分类), so the month's inspections add up to what was done (the overview's 抽查检查 count).
 * The class side carries the viewer's scope and the workbench filters: an enterprise is in the slice when its row of
 * `basisMonth` or of the month itself is.
 */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql } from '../../server/db/sql';
import { sliceFilters, sliceWhere, monthIs } from '../research/source';
import { monthDate } from '../map/source';
import { REMOVED_EVENT_IDS } from '../objections/removed';

export const briefingInspections = defineQuery({
  name: 'briefing.inspections',
  input: z.object({ filters: sliceFilters, basisMonth: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/) }),
  row: z.object({
    class: z.enum(['A', 'B', 'C', 'D', '']), inspections: z.coerce.number(), enterprises: z.coerce.number(), problems: z.coerce.number(),
    with_result: z.coerce.number(),
  }),
  build: ({ filters, basisMonth }, viewer) => {
    const inMonth = sql`category = 'inspection'
        AND event_date BETWEEN ${monthDate(filters.month)} AND toLastDayOfMonth(${monthDate(filters.month)})
        AND event_id NOT IN ${REMOVED_EVENT_IDS}`;
    return sql`
    SELECT c.class AS class, toUInt32(count()) AS inspections, toUInt32(uniqExact(e.uscc)) AS enterprises,
           toUInt32(countIf(e.result IN ('problem', 'unreachable'))) AS problems, toUInt32(countIf(e.result != '')) AS with_result
    FROM (SELECT uscc, result FROM events WHERE ${inMonth}) AS e
    INNER JOIN (
      SELECT uscc, anyIf(toString(class), ${monthIs(basisMonth)}) AS class FROM class_results
      WHERE ${sliceWhere(filters, viewer, sql`(${monthIs(basisMonth)} OR ${monthIs(filters.month)})`)}
        AND uscc IN (SELECT uscc FROM events WHERE ${inMonth})
      GROUP BY uscc
    ) AS c ON c.uscc = e.uscc
    GROUP BY class
    ORDER BY class`;
  },
});
