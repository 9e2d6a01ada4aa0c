/** Name of a GB/T 2260 region code (province, prefecture, county or street). */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p } from '../../server/db/sql';

export const regionName = defineQuery({
  name: 'overview.regionName',
  input: z.object({ code: z.string().regex(/^\d{6}(\d{3})?$/) }),
  row: z.object({ name: z.string() }),
  build: ({ code }) => sql`SELECT any(name) AS name FROM regions WHERE code = ${p.str(code)} HAVING count() > 0`,
});
