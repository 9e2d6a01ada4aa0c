/** Months and models with finished classification runs (for the month/model pickers and the default month). */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql } from '../../server/db/sql';

export const classifiedMonths = defineQuery({
  name: 'research.classifiedMonths',
  input: z.object({}),
  row: z.object({ model: z.string(), month: z.string(), enterprises: z.coerce.number() }),
  // Run bookkeeping only (no enterprise data): the same for every viewer.
  build: () => sql`
    SELECT model_id AS model, formatDateTime(month, '%Y-%m') AS month, toUInt64(argMax(enterprises, finished_at)) AS enterprises
    FROM class_runs FINAL
    WHERE status = 'done'
    GROUP BY model, month
    ORDER BY model, month`,
});
