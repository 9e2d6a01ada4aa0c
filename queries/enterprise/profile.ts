/**
 * 企业画像: one enterprise's registration profile (analysts/admin; region scope applied). The counts of the legal
 * representative's enterprises and of enterprises at the same address are counted within the viewer's region too:
 * a region-scoped analyst learns nothing of enterprises outside it.
 */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p } from '../../server/db/sql';
import { regionScope } from '../../server/auth/viewer';

export const enterpriseProfile = defineQuery({
  name: 'enterprise.profile',
  input: z.object({ uscc: z.string().regex(/^[0-9A-Z]{15,18}$/) }),
  row: z.object({
    uscc: z.string(), name: z.string(), entity_type: z.string(), reg_date: z.string(), status: z.string(),
    industry_code: z.string(), industry_name: z.string(), region_code: z.string(), region_name: z.string(), address: z.string(),
    legal_rep_name: z.string(), reg_capital_wan: z.number().nullable(), tags: z.array(z.string()),
    rep_enterprises: z.coerce.number(), address_enterprises: z.coerce.number(),
  }),
  build: (i, viewer) => sql`
    SELECT e.uscc AS uscc, e.name AS name, e.entity_type AS entity_type, toString(e.reg_date) AS reg_date, e.status AS status,
      e.industry_code AS industry_code, ifNull(ind.name, '') AS industry_name, e.region_code AS region_code, ifNull(rg.name, '') AS region_name,
      e.address AS address, e.legal_rep_name AS legal_rep_name, e.reg_capital_wan AS reg_capital_wan, e.tags AS tags,
      toUInt32(if(e.legal_rep_id = '', 1, (SELECT count() FROM enterprises WHERE legal_rep_id = e.legal_rep_id AND ${regionScope(viewer)}))) AS rep_enterprises,
      toUInt32(if(e.address_key = '', 1, (SELECT count() FROM enterprises WHERE address_key = e.address_key AND ${regionScope(viewer)}))) AS address_enterprises
    FROM enterprises AS e
    LEFT JOIN (SELECT code, any(name) AS name FROM industries GROUP BY code) AS ind ON ind.code = e.industry_code
    LEFT JOIN (SELECT code, any(name) AS name FROM regions GROUP BY code) AS rg ON rg.code = e.region_code
    WHERE e.uscc = ${p.str(i.uscc)} AND ${regionScope(viewer, { prefecture: 'e.prefecture_code', county: 'e.county_code', province: 'e.province_code' })}
    LIMIT 1`,
});
