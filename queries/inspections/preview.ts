/** Expected counts of a plan before the draw: per class, the population in scope, each exemption, the eligible. */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql } from '../../server/db/sql';
import { populationInput, populationSql } from './common';

export const planPreview = defineQuery({
  name: 'inspections.preview',
  input: populationInput,
  row: z.object({
    class: z.enum(['A', 'B', 'C', 'D']),
    population: z.coerce.number(), status: z.coerce.number(), drawn: z.coerce.number(),
    inclusion: z.coerce.number(), observation: z.coerce.number(), eligible: z.coerce.number(),
  }),
  build: (inp, viewer) => sql`
    SELECT class, toUInt32(count()) AS population, toUInt32(countIf(exempt = 'status')) AS status, toUInt32(countIf(exempt = 'drawn')) AS drawn,
      toUInt32(countIf(exempt = 'inclusion')) AS inclusion, toUInt32(countIf(exempt = 'observation')) AS observation,
      toUInt32(countIf(exempt = '')) AS eligible
    FROM (${populationSql(inp, viewer)})
    WHERE class IN ('A', 'B', 'C', 'D')
    GROUP BY class ORDER BY class`,
});
