/** The disposal state of one case in one month (the same month-aware rule as the list and the push list). */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p } from '../../server/db/sql';
import { DISPOSAL_STATE, STATE_EXPR, monthSchema, warningIdSchema, warningScope } from './common';

export const warningState = defineQuery({
  name: 'warnings.state',
  input: z.object({ id: warningIdSchema, month: monthSchema }),
  row: z.object({ state: z.string() }),
  build: ({ id, month }, viewer) => sql`
    SELECT ${STATE_EXPR} AS state
    FROM warnings AS w LEFT JOIN ${DISPOSAL_STATE} AS d ON d.warning_id = w.id
    WHERE w.id = ${p.str(id)} AND w.month = ${p.date(`${month}-01`)} AND ${warningScope(viewer)}
    SETTINGS join_use_nulls = 0`,
});
