/** One enterprise's identity and key-area attributes, inside the viewer's region (objections, repair). */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p } from '../../server/db/sql';
import { regionScope } from '../../server/auth/viewer';
import { usccSchema } from './common';

export const objectionEnterprise = defineQuery({
  name: 'objections.enterprise',
  input: z.object({ uscc: usccSchema }),
  row: z.object({
    uscc: z.string(), name: z.string(), status: z.string(), industry_code: z.string(), tags: z.array(z.string()),
    province_code: z.string(), prefecture_code: z.string(), county_code: z.string(), region_code: z.string(),
  }),
  build: (i, viewer) => sql`
    SELECT uscc, name, toString(status) AS status, toString(industry_code) AS industry_code, CAST(tags AS Array(String)) AS tags,
      toString(province_code) AS province_code, toString(prefecture_code) AS prefecture_code, toString(county_code) AS county_code,
      toString(region_code) AS region_code
    FROM enterprises WHERE uscc = ${p.str(i.uscc)} AND ${regionScope(viewer)} LIMIT 1`,
});
