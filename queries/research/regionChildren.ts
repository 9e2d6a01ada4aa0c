/** GB/T 2260 regions below a parent (provinces at the top), limited to the viewer's scope — for the cascade pickers. */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p } from '../../server/db/sql';
import { regionScope } from '../../server/auth/viewer';

export const regionChildren = defineQuery({
  name: 'reference.regionChildren',
  input: z.object({ parent: z.string().regex(/^(\d{6})?$/) }),
  row: z.object({ code: z.string(), name: z.string(), lvl: z.coerce.number() }),
  build: ({ parent }, viewer) => {
    // A region is listed when it lies inside the viewer's scope, or contains it (so a county analyst can still
    // walk province → prefecture → county down to their own county).
    const scope = regionScope(viewer);
    const own = viewer.regionCode;
    const contains = own ? sql`OR (level <= 3 AND startsWith(${p.str(own)}, if(level = 1, substring(code, 1, 2), if(level = 2, substring(code, 1, 4), code))))` : sql``;
    return sql`
      SELECT code, any(name) AS name, toUInt8(any(level)) AS lvl
      FROM regions
      WHERE parent_code = ${p.str(parent)} AND ((${scope}) ${contains})
      GROUP BY code
      ORDER BY code`;
  },
});
