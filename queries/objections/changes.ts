/** Class before/after per month and model for a correction or a repair (reclass_changes); scoped through the enterprise. */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p } from '../../server/db/sql';
import { cnTime } from '../../server/db/time';
import { regionScope } from '../../server/auth/viewer';

export const reclassChanges = defineQuery({
  name: 'objections.changes',
  input: z.object({ refId: z.string().max(64), model: z.string().max(40).optional() }),
  row: z.object({
    ref_kind: z.string(), uscc: z.string(), month: z.string(), model_id: z.string(), class_before: z.string(), score_before: z.number().nullable(),
    class_after: z.string(), score_after: z.number().nullable(), computed_at: z.string(),
  }),
  build: (i, viewer) => sql`
    SELECT toString(ref_kind) AS ref_kind, uscc, formatDateTime(month, '%Y-%m') AS month, toString(model_id) AS model_id,
      toString(class_before) AS class_before, if(isNull(score_before), NULL, round(toFloat64(assumeNotNull(score_before)), 1)) AS score_before,
      toString(class_after) AS class_after, if(isNull(score_after), NULL, round(toFloat64(assumeNotNull(score_after)), 1)) AS score_after,
      ${cnTime('computed_at')} AS computed_at
    FROM reclass_changes
    WHERE ref_id = ${p.str(i.refId)} AND (${p.str(i.model ?? '')} = '' OR model_id = ${p.str(i.model ?? '')})
      AND uscc IN (SELECT uscc FROM enterprises WHERE ${regionScope(viewer)})
    ORDER BY month, model_id`,
});
