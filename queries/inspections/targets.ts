/** A plan's drawn list with inspectors and results (under the viewer's regionScope). */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p } from '../../server/db/sql';
import { planIdSchema, resultsSql, scopeOn } from './common';

export const planTargets = defineQuery({
  name: 'inspections.targets',
  input: z.object({ planId: planIdSchema }),
  row: z.object({
    seq: z.coerce.number(), uscc: z.string(), name: z.string(), class: z.enum(['A', 'B', 'C', 'D']), score: z.coerce.number(), rank: z.coerce.number(),
    county_code: z.string(), county_name: z.string(), street_code: z.string(), street_name: z.string(), industry_code: z.string(), address: z.string(),
    inspector1: z.string(), inspector1_unit: z.string(), inspector2: z.string(), inspector2_unit: z.string(),
    result: z.string(), result_date: z.string(), result_source: z.string(), result_event_id: z.string(), result_note: z.string(),
  }),
  build: (inp, viewer) => sql`
    SELECT t.seq AS seq, t.uscc AS uscc, t.name AS name, toString(t.class) AS class, t.score AS score, t.rank AS rank,
      toString(t.county_code) AS county_code, ifNull(rc.name, '') AS county_name, toString(t.street_code) AS street_code, ifNull(rs.name, '') AS street_name,
      toString(t.industry_code) AS industry_code, t.address AS address,
      t.inspector1 AS inspector1, t.inspector1_unit AS inspector1_unit, t.inspector2 AS inspector2, t.inspector2_unit AS inspector2_unit,
      ifNull(r.result, '') AS result, if(ifNull(r.result, '') = '', '', r.result_date) AS result_date, ifNull(r.result_source, '') AS result_source,
      ifNull(r.result_event_id, '') AS result_event_id, ifNull(r.result_note, '') AS result_note
    FROM inspection_targets AS t
    LEFT JOIN (${resultsSql([inp.planId])}) AS r ON r.plan_id = t.plan_id AND r.uscc = t.uscc
    LEFT JOIN (SELECT code, any(name) AS name FROM regions WHERE level = 3 GROUP BY code) AS rc ON rc.code = t.county_code
    LEFT JOIN (SELECT code, any(name) AS name FROM regions WHERE level = 4 GROUP BY code) AS rs ON rs.code = t.street_code
    WHERE t.plan_id = ${p.str(inp.planId)} AND ${scopeOn(viewer, 't')}
    ORDER BY t.seq
    SETTINGS join_use_nulls = 0`,
});
