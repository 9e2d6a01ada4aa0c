/** The latest classified month of a model in the results table ('' when none): the default month of every slice. */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p } from '../../server/db/sql';
import { CLASS_TABLE } from './source';

export const latestMonth = defineQuery({
  name: 'research.latestMonth',
  input: z.object({ model: z.string() }),
  row: z.object({ month: z.string() }),
  // Only the month (partition key): no enterprise data, so no scope needed.
  build: ({ model }) => sql`
    SELECT if(count() = 0, '', formatDateTime(max(month), '%Y-%m')) AS month
    FROM ${CLASS_TABLE} WHERE model_id = ${p.str(model)}`,
});
