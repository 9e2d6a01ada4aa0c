/**
 * The stratified draw (分层随机抽取): within each class, eligible enterprises ordered by cityHash64(seed, uscc)
 * (uscc breaks ties), the first n of the class taken. Deterministic: the same plan, seed and data give the same list.
 */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p } from '../../server/db/sql';
import { seedSchema } from '../../server/inspections/settings';
import { populationInput, populationSql } from './common';

const n = z.number().int().min(0);

export const planDraw = defineQuery({
  name: 'inspections.draw',
  input: populationInput.extend({ seed: seedSchema, sizes: z.object({ A: n, B: n, C: n, D: n }) }),
  row: z.object({
    uscc: z.string(), class: z.enum(['A', 'B', 'C', 'D']), score: z.coerce.number(), rank: z.coerce.number(),
    province_code: z.string(), prefecture_code: z.string(), county_code: z.string(), street_code: z.string(), industry_code: z.string(),
  }),
  build: (inp, viewer) => sql`
    SELECT uscc, class, score, toUInt32(rank) AS rank, province_code, prefecture_code, county_code, street_code, industry_code
    FROM (
      SELECT *, row_number() OVER (PARTITION BY class ORDER BY cityHash64(${p.str(inp.seed)}, uscc), uscc) AS rank
      FROM (${populationSql(inp, viewer)})
      WHERE exempt = '' AND class IN ('A', 'B', 'C', 'D')
    )
    WHERE rank <= multiIf(class = 'A', ${p.uint(inp.sizes.A)}, class = 'B', ${p.uint(inp.sizes.B)}, class = 'C', ${p.uint(inp.sizes.C)}, ${p.uint(inp.sizes.D)})
    ORDER BY indexOf(['A', 'B', 'C', 'D'], class), rank`,
});
