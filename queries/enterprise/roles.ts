/**
 * One enterprise's people and their roles, with how many enterprises each person is linked to — within the viewer's
 * region, like everything else on the page (region scope applied) — counted as the classification counts a person's
 * enterprises (features.ts person_max_ent): those not closed (注销/迁出), this one always. (Closed ones counted too.)
 */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p } from '../../server/db/sql';
import { regionScope } from '../../server/auth/viewer';

export const enterpriseRoles = defineQuery({
  name: 'enterprise.roles',
  input: z.object({ uscc: z.string().regex(/^[0-9A-Z]{15,18}$/) }),
  row: z.object({ person_id: z.string(), person_name: z.string(), roles: z.array(z.string()), share_pct: z.number().nullable(), enterprises: z.coerce.number() }),
  // The per-person count is a join, not a correlated subquery: the engine cannot decorrelate one holding the
  // region condition's IN (SELECT …).
  build: (i, viewer) => sql`
    SELECT r.person_id AS person_id, any(r.person_name) AS person_name, groupUniqArray(toString(r.role)) AS roles, max(r.share_pct) AS share_pct,
      toUInt32(any(ifNull(pc.n, 0))) AS enterprises
    FROM roles AS r
    LEFT JOIN (
      SELECT person_id, uniqExact(uscc) AS n FROM roles
      WHERE person_id IN (SELECT person_id FROM roles WHERE uscc = ${p.str(i.uscc)})
        AND uscc IN (
          SELECT uscc FROM enterprises
          WHERE uscc IN (SELECT uscc FROM roles WHERE person_id IN (SELECT person_id FROM roles WHERE uscc = ${p.str(i.uscc)}))
            AND (status NOT IN ('注销', '迁出') OR uscc = ${p.str(i.uscc)}) AND ${regionScope(viewer)})
      GROUP BY person_id
    ) AS pc ON pc.person_id = r.person_id
    WHERE r.uscc = ${p.str(i.uscc)}
      AND r.uscc IN (SELECT uscc FROM enterprises WHERE uscc = ${p.str(i.uscc)} AND ${regionScope(viewer)})
    GROUP BY r.person_id ORDER BY person_name LIMIT 200
    SETTINGS join_use_nulls = 1`,
});
