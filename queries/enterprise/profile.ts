/**
 * 企业画像: one enterprise's registration profile (analysts/admin; region scope applied). The counts of the legal
 * representative's enterprises and of enterprises at the same address are counted within the viewer's region too:
 * a region-scoped analyst learns nothing of enterprises outside it.
 *
 * They count as the classification does (server/classify/features.ts rep_other_count + 1, addr_cluster): the
 * enterprises not closed (注销/迁出) — the enterprise itself always — with the revoked (吊销) among them, which
 * the warnings' 一址多照 / 一人多企 leave out (they count 存续/在业 only); the closed ones apart (`*_closed`). (They
 * counted every enterprise ever registered there, closed ones included: a page said 同址企业 23 户 beside the
 * reason 同一住所登记企业数 21.)
 */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p, ident } from '../../server/db/sql';
import { regionScope } from '../../server/auth/viewer';

/** Statuses of enterprises that no longer exist at their registration (not classified: features.ts). */
const CLOSED = sql`('注销', '迁出')`;

export const enterpriseProfile = defineQuery({
  name: 'enterprise.profile',
  input: z.object({ uscc: z.string().regex(/^[0-9A-Z]{15,18}$/) }),
  row: z.object({
    uscc: z.string(), name: z.string(), entity_type: z.string(), reg_date: z.string(), status: z.string(),
    industry_code: z.string(), industry_name: z.string(), region_code: z.string(), region_name: z.string(), address: z.string(),
    legal_rep_name: z.string(), reg_capital_wan: z.number().nullable(), tags: z.array(z.string()),
    rep_enterprises: z.coerce.number(), rep_revoked: z.coerce.number(), rep_closed: z.coerce.number(),
    address_enterprises: z.coerce.number(), address_revoked: z.coerce.number(), address_closed: z.coerce.number(),
  }),
  build: (i, viewer) => {
    const u = p.str(i.uscc);
    // The enterprises sharing this one's legal_rep_id or address_key, counted over the viewer's region.
    const counts = (key: 'legal_rep_id' | 'address_key') => { const k = ident(key); return sql`
      SELECT ${k} AS k, countIf(status NOT IN ${CLOSED} OR uscc = ${u}) AS n, countIf(status = '吊销') AS revoked,
        countIf(status IN ${CLOSED} AND uscc != ${u}) AS closed
      FROM enterprises WHERE ${k} != '' AND ${k} IN (SELECT ${k} FROM enterprises WHERE uscc = ${u}) AND ${regionScope(viewer)}
      GROUP BY k`; };
    return sql`
    SELECT e.uscc AS uscc, e.name AS name, e.entity_type AS entity_type, toString(e.reg_date) AS reg_date, e.status AS status,
      e.industry_code AS industry_code, ifNull(ind.name, '') AS industry_name, e.region_code AS region_code, ifNull(rg.name, '') AS region_name,
      e.address AS address, e.legal_rep_name AS legal_rep_name, e.reg_capital_wan AS reg_capital_wan, e.tags AS tags,
      toUInt32(if(e.legal_rep_id = '', 1, rp.n)) AS rep_enterprises, toUInt32(if(e.legal_rep_id = '', e.status = '吊销', rp.revoked)) AS rep_revoked,
      toUInt32(if(e.legal_rep_id = '', 0, rp.closed)) AS rep_closed,
      toUInt32(if(e.address_key = '', 1, ad.n)) AS address_enterprises, toUInt32(if(e.address_key = '', e.status = '吊销', ad.revoked)) AS address_revoked,
      toUInt32(if(e.address_key = '', 0, ad.closed)) AS address_closed
    FROM enterprises AS e
    LEFT JOIN (SELECT code, any(name) AS name FROM industries GROUP BY code) AS ind ON ind.code = e.industry_code
    LEFT JOIN (SELECT code, any(name) AS name FROM regions GROUP BY code) AS rg ON rg.code = e.region_code
    LEFT JOIN (${counts('legal_rep_id')}) AS rp ON rp.k = e.legal_rep_id
    LEFT JOIN (${counts('address_key')}) AS ad ON ad.k = e.address_key
    WHERE e.uscc = ${u} AND ${regionScope(viewer, { prefecture: 'e.prefecture_code', county: 'e.county_code', province: 'e.province_code' })}
    LIMIT 1`;
  },
});
