/** Months with computed warnings, newest first, and how many warnings each has (in the viewer's scope). */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql } from '../../server/db/sql';
import { warningScope } from './common';

export const warningMonths = defineQuery({
  name: 'warnings.months',
  input: z.object({}),
  row: z.object({ month: z.string(), n: z.coerce.number() }),
  build: (_i, viewer) => sql`
    SELECT formatDateTime(w.month, '%Y-%m') AS month, toUInt32(count()) AS n FROM warnings AS w
    WHERE ${warningScope(viewer)} GROUP BY w.month ORDER BY w.month DESC LIMIT 120`,
});
