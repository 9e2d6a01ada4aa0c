/** Headline enterprise counts in the viewer's region: in existence (存续/在业), all, registered in a year. */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p } from '../../server/db/sql';
import { regionScope } from '../../server/auth/viewer';
import { ACTIVE_STATUSES } from './scope';

export const enterpriseTotals = defineQuery({
  name: 'overview.enterpriseTotals',
  cache: { tables: ['enterprises'] },
  input: z.object({ year: z.number().int().min(1900).max(2200) }),
  row: z.object({ active: z.coerce.number(), total: z.coerce.number(), registered: z.coerce.number() }),
  build: ({ year }, viewer) => sql`
    SELECT toUInt32(countIf(status IN ${p.strs(ACTIVE_STATUSES)})) AS active,
           toUInt32(count()) AS total,
           toUInt32(countIf(toYear(reg_date) = ${p.uint(year)})) AS registered
    FROM enterprises
    WHERE ${regionScope(viewer)}`,
});
