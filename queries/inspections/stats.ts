/** Per plan × class: drawn, inspected (with a result), problems, unreachable — for the problem rates (问题发现率). */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p } from '../../server/db/sql';
import { planIdSchema, resultsSql, scopeOn } from './common';

export const planStats = defineQuery({
  name: 'inspections.stats',
  input: z.object({ planIds: z.array(planIdSchema).max(500) }),
  row: z.object({
    plan_id: z.string(), class: z.enum(['A', 'B', 'C', 'D']), drawn: z.coerce.number(), inspected: z.coerce.number(),
    problem: z.coerce.number(), unreachable: z.coerce.number(),
  }),
  build: (inp, viewer) => sql`
    SELECT t.plan_id AS plan_id, toString(t.class) AS class, toUInt32(count()) AS drawn,
      toUInt32(countIf(ifNull(r.result, '') != '')) AS inspected, toUInt32(countIf(r.result = 'problem')) AS problem,
      toUInt32(countIf(r.result = 'unreachable')) AS unreachable
    FROM inspection_targets AS t
    LEFT JOIN (${resultsSql(inp.planIds)}) AS r ON r.plan_id = t.plan_id AND r.uscc = t.uscc
    WHERE t.plan_id IN ${p.strs(inp.planIds)} AND ${scopeOn(viewer, 't')}
    GROUP BY t.plan_id, t.class ORDER BY t.plan_id, t.class
    SETTINGS join_use_nulls = 0`,
});
