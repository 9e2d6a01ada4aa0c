/** Enterprises in existence (and all) by GB/T 4754-2017 section (门类), with names, in the viewer's region. */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p } from '../../server/db/sql';
import { regionScope } from '../../server/auth/viewer';
import { ACTIVE_STATUSES } from './scope';

export const enterprisesByIndustry = defineQuery({
  name: 'overview.enterprisesByIndustry',
  cache: { tables: ['enterprises', 'industries'] },
  input: z.object({}),
  row: z.object({ code: z.string(), name: z.string(), active: z.coerce.number(), total: z.coerce.number() }),
  build: (_input, viewer) => sql`
    SELECT e.code AS code, i.name AS name, e.active AS active, e.total AS total
    FROM (
      SELECT industry_section AS code,
             toUInt32(countIf(status IN ${p.strs(ACTIVE_STATUSES)})) AS active,
             toUInt32(count()) AS total
      FROM enterprises
      WHERE ${regionScope(viewer)}
      GROUP BY code
    ) AS e
    LEFT JOIN (SELECT code, any(name) AS name FROM industries WHERE level = 1 GROUP BY code) AS i ON i.code = e.code
    ORDER BY active DESC, code`,
});
