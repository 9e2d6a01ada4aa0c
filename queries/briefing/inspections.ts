/**
 * Inspection problem rates by class for the briefing: inspections (`events`, category 'inspection') dated in the
 * month, by the class the enterprise held in `basisMonth` (the classification it was inspected under: the previous
 * month when classified, else the month itself). A problem is result 'problem' or 'unreachable' (查无下落).
 * The class side carries the viewer's scope and the workbench filters.
 */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql } from '../../server/db/sql';
import { sliceFilters, sliceWhere, monthIs } from '../research/source';
import { monthDate } from '../map/source';

export const briefingInspections = defineQuery({
  name: 'briefing.inspections',
  input: z.object({ filters: sliceFilters, basisMonth: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/) }),
  row: z.object({ class: z.enum(['A', 'B', 'C', 'D']), inspections: z.coerce.number(), enterprises: z.coerce.number(), problems: z.coerce.number() }),
  build: ({ filters, basisMonth }, viewer) => sql`
    SELECT c.class AS class, toUInt32(count()) AS inspections, toUInt32(uniqExact(e.uscc)) AS enterprises,
           toUInt32(countIf(e.result IN ('problem', 'unreachable'))) AS problems
    FROM (
      SELECT uscc, result FROM events
      WHERE category = 'inspection'
        AND event_date BETWEEN ${monthDate(filters.month)} AND toLastDayOfMonth(${monthDate(filters.month)})
    ) AS e
    INNER JOIN (
      SELECT uscc, toString(class) AS class FROM class_results
      WHERE ${sliceWhere(filters, viewer, monthIs(basisMonth))}
    ) AS c ON c.uscc = e.uscc
    GROUP BY class
    ORDER BY class`,
});
