/** Months that have results for a model, newest first. */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p } from '../../server/db/sql';

export const classifiedMonths = defineQuery({
  name: 'classes.months',
  input: z.object({ model: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/).default('general') }),
  row: z.object({ month: z.string() }),
  build: (i) => sql`
    SELECT DISTINCT formatDateTime(month, '%Y-%m') AS month FROM class_results WHERE model_id = ${p.str(i.model)} ORDER BY month DESC`,
});
