/** Names of the briefing's codes: GB/T 2260 regions and a GB/T 4754 industry (reference tables only, no enterprise data). */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p } from '../../server/db/sql';

export const briefingNames = defineQuery({
  name: 'briefing.names',
  input: z.object({ regions: z.array(z.string().regex(/^\d{6}(\d{3})?$/)).max(10), industry: z.string().regex(/^([A-T](\d{2}(\d{1,2})?)?)?$/) }),
  row: z.object({ kind: z.string(), code: z.string(), name: z.string() }),
  build: ({ regions, industry }) => sql`
    SELECT 'region' AS kind, code, any(name) AS name FROM regions WHERE code IN ${p.strs(regions.length ? regions : [''])} GROUP BY code
    UNION ALL
    SELECT 'industry' AS kind, code, any(name) AS name FROM industries WHERE code = ${p.str(industry)} GROUP BY code`,
});
