/**
 * Names of a region code's ancestors (province → prefecture → county → street) and an industry code's
 * (section → division → group → class), for the drill breadcrumbs. Reference data only.
 */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p } from '../../server/db/sql';

export function regionAncestors(code: string): string[] {
  if (!code) return [];
  const out = [`${code.slice(0, 2)}0000`];
  if (!code.slice(0, 6).endsWith('0000')) out.push(`${code.slice(0, 4)}00`);
  if (!code.slice(0, 6).endsWith('00')) out.push(code.slice(0, 6));
  if (code.length === 9) out.push(code);
  return [...new Set(out)];
}

export function industryAncestors(code: string): string[] {
  if (!code) return [];
  const out = [code.slice(0, 1)];
  if (code.length >= 3) out.push(code.slice(0, 3));
  if (code.length >= 4) out.push(code.slice(0, 4));
  if (code.length >= 5) out.push(code);
  return out;
}

export const codePath = defineQuery({
  name: 'reference.codePath',
  input: z.object({ region: z.string().regex(/^(\d{6}(\d{3})?)?$/), industry: z.string().regex(/^([A-T](\d{2}(\d{1,2})?)?)?$/) }),
  row: z.object({ kind: z.string(), code: z.string(), name: z.string() }),
  build: ({ region, industry }) => sql`
    SELECT 'region' AS kind, code, any(name) AS name FROM regions WHERE code IN ${p.strs(regionAncestors(region))} GROUP BY code
    UNION ALL
    SELECT 'industry' AS kind, code, any(name) AS name FROM industries WHERE code IN ${p.strs(industryAncestors(industry))} GROUP BY code`,
});
