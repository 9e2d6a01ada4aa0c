/** Enterprises in existence (and all) by prefecture, county or street, with GB/T 2260 names, in the viewer's region. */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p, ident } from '../../server/db/sql';
import { regionScope } from '../../server/auth/viewer';
import { ACTIVE_STATUSES } from './scope';

const LEVELS = { prefecture: { col: 'prefecture_code', level: 2 }, county: { col: 'county_code', level: 3 }, street: { col: 'street_code', level: 4 } } as const;

export const enterprisesByRegion = defineQuery({
  name: 'overview.enterprisesByRegion',
  cache: { tables: ['enterprises', 'regions'] },
  input: z.object({ level: z.enum(['prefecture', 'county', 'street']) }),
  row: z.object({ code: z.string(), name: z.string(), active: z.coerce.number(), total: z.coerce.number() }),
  build: ({ level }, viewer) => {
    const l = LEVELS[level];
    return sql`
      SELECT e.code AS code, r.name AS name, e.active AS active, e.total AS total
      FROM (
        SELECT ${ident(l.col)} AS code,
               toUInt32(countIf(status IN ${p.strs(ACTIVE_STATUSES)})) AS active,
               toUInt32(count()) AS total
        FROM enterprises
        WHERE ${regionScope(viewer)}
        GROUP BY code
      ) AS e
      LEFT JOIN (SELECT code, any(name) AS name FROM regions WHERE level = ${p.uint(l.level)} GROUP BY code) AS r ON r.code = e.code
      ORDER BY active DESC, code`;
  },
});
