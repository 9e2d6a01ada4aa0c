/** Month-over-month migration: enterprises by (class in the previous month, class in `month`). */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p } from '../../server/db/sql';
import { regionScope } from '../../server/auth/viewer';

export const classMigration = defineQuery({
  name: 'classes.migration',
  input: z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), model: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/) }),
  row: z.object({ from: z.string(), to: z.string(), n: z.coerce.number() }),
  build: (i, viewer) => sql`
    SELECT if(a.uscc = '', '新增', a.class) AS from, if(b.uscc = '', '退出', b.class) AS to, toUInt32(count()) AS n
    FROM (SELECT uscc, class FROM class_results WHERE model_id = ${p.str(i.model)}
            AND month = addMonths(${p.date(`${i.month}-01`)}, -1) AND ${regionScope(viewer)}) AS a
    FULL OUTER JOIN (SELECT uscc, class FROM class_results WHERE model_id = ${p.str(i.model)}
            AND month = ${p.date(`${i.month}-01`)} AND ${regionScope(viewer)}) AS b ON a.uscc = b.uscc
    GROUP BY from, to ORDER BY from, to`,
});
