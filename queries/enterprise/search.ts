/**
 * 企业查询: find enterprises by name or code, as an analyst has them (an objector's company name, a code read out or
 * pasted): a name given in part (any case), or the code or its beginning, typed in lower case, in groups or with
 * full-width characters (typedUscc). Region scope applied: a scoped analyst finds, and counts, only enterprises of the
 * region. The exact code first, then the codes beginning with it (in code order), then names beginning with the text,
 * shorter names first. `total` is the number of matches (the list is cut at `limit`). The text is matched literally
 * (no pattern characters).
 */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p, empty } from '../../server/db/sql';
import { regionScope } from '../../server/auth/viewer';
import { typedUscc } from '../../server/domain/uscc';

/** A code or its beginning: 6 to 18 characters of the code alphabet (after typedUscc). */
const CODE_PREFIX = /^[0-9A-Z]{6,18}$/;

export const enterpriseSearch = defineQuery({
  name: 'enterprise.search',
  input: z.object({
    q: z.string().trim().min(2, '请输入至少2个字').max(100),
    limit: z.number().int().min(1).max(200).default(50),
  }),
  row: z.object({
    uscc: z.string(), name: z.string(), status: z.string(), reg_date: z.string(), region_code: z.string(), region_name: z.string(),
    address: z.string(), legal_rep_name: z.string(), total: z.coerce.number(),
  }),
  build: (i, viewer) => {
    const code = typedUscc(i.q);
    const byCode = CODE_PREFIX.test(code);
    return sql`
    SELECT e.uscc AS uscc, e.name AS name, e.status AS status, toString(e.reg_date) AS reg_date, e.region_code AS region_code,
      ifNull(rg.name, '') AS region_name, e.address AS address, e.legal_rep_name AS legal_rep_name, toUInt32(count() OVER ()) AS total
    FROM (
      SELECT uscc, name, status, reg_date, region_code, address, legal_rep_name FROM enterprises
      WHERE (${byCode ? sql`startsWith(uscc, ${p.str(code)}) OR ` : empty}positionCaseInsensitiveUTF8(name, ${p.str(i.q)}) > 0)
        AND ${regionScope(viewer)}
    ) AS e
    LEFT JOIN (SELECT code, any(name) AS name FROM regions GROUP BY code) AS rg ON rg.code = e.region_code
    ORDER BY e.uscc = ${p.str(code)} DESC, startsWith(e.uscc, ${p.str(code)}) DESC, startsWith(e.name, ${p.str(i.q)}) DESC,
      if(startsWith(e.uscc, ${p.str(code)}), 0, lengthUTF8(e.name)), e.uscc
    LIMIT ${p.uint(i.limit)}`;
  },
});
