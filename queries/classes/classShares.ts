/** Class counts of one model and month (within the viewer's region). */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p } from '../../server/db/sql';
import { regionScope } from '../../server/auth/viewer';

export const classShares = defineQuery({
  name: 'classes.classShares',
  input: z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), model: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/) }),
  row: z.object({ class: z.enum(['A', 'B', 'C', 'D']), n: z.coerce.number(), mean_score: z.coerce.number() }),
  build: (i, viewer) => sql`
    SELECT class, toUInt32(count()) AS n, round(avg(score), 1) AS mean_score FROM class_results
    WHERE model_id = ${p.str(i.model)} AND month = ${p.date(`${i.month}-01`)} AND ${regionScope(viewer)}
    GROUP BY class ORDER BY class`,
});
