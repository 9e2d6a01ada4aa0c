/** Units a case can be assigned to: the county and its streets/towns (within the viewer's scope). */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p } from '../../server/db/sql';
import { regionScope } from '../../server/auth/viewer';

export const assignableUnits = defineQuery({
  name: 'warnings.units',
  input: z.object({ county: z.string().regex(/^\d{6}$/) }),
  row: z.object({ code: z.string(), name: z.string(), level: z.coerce.number() }),
  build: ({ county }, viewer) => sql`
    SELECT r.code AS code, any(r.name) AS name, any(r.level) AS level FROM regions AS r
    WHERE r.county_code = ${p.str(county)} AND r.level IN (3, 4)
      AND ${regionScope(viewer, { prefecture: 'r.prefecture_code', county: 'r.county_code', province: 'r.province_code' })}
    GROUP BY r.code ORDER BY level, code`,
});
