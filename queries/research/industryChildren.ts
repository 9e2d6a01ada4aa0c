/** GB/T 4754-2017 industries below a parent code ('' = the 20 sections) — for the cascade pickers. */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p } from '../../server/db/sql';

export const industryChildren = defineQuery({
  name: 'reference.industryChildren',
  input: z.object({ parent: z.string().regex(/^([A-T](\d{2,3})?)?$/) }),
  row: z.object({ code: z.string(), name: z.string(), lvl: z.coerce.number() }),
  // Public standard, no enterprise data: the same for every viewer.
  build: ({ parent }) => sql`
    SELECT code, any(name) AS name, toUInt8(any(level)) AS lvl
    FROM industries
    WHERE parent_code = ${p.str(parent)}
    GROUP BY code
    ORDER BY code`,
});
