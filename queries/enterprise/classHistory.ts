/** One enterprise's class, score and reasons by month for every model (region scope applied). */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p } from '../../server/db/sql';
import { regionScope } from '../../server/auth/viewer';

const reason = z.union([
  z.tuple([z.string(), z.string(), z.coerce.number(), z.coerce.number()]).transform(([indicator, name, value, points]) => ({ indicator, name, value, points })),
  z.object({ indicator: z.string(), name: z.string(), value: z.coerce.number(), points: z.coerce.number() }),
]);

export const enterpriseClassHistory = defineQuery({
  name: 'enterprise.classHistory',
  input: z.object({ uscc: z.string().regex(/^[0-9A-Z]{15,18}$/) }),
  row: z.object({
    month: z.string(), model_id: z.string(), model_version: z.coerce.number(), class: z.string(), score: z.coerce.number(),
    raw_score: z.coerce.number(), basis: z.string(), hard_rule: z.string(), subscores: z.record(z.string(), z.coerce.number()),
    reasons: z.array(reason), other_points: z.coerce.number(),
  }),
  build: (i, viewer) => sql`
    SELECT formatDateTime(month, '%Y-%m') AS month, model_id, model_version, class, round(score, 1) AS score, round(raw_score, 1) AS raw_score,
      basis, hard_rule, subscores, reasons, round(other_points, 1) AS other_points
    FROM class_results
    WHERE uscc = ${p.str(i.uscc)} AND ${regionScope(viewer)}
    ORDER BY month, model_id`,
});
