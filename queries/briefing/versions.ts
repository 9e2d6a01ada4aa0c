/**
 * The model version each month's results were made with: per month and model, the version of the latest finished run
 * (`class_runs`; a re-run replaces the month's results, so the latest finished run is what `class_results` holds).
 * Run-level facts of the whole province (no enterprise data): run as an administrator.
 */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p } from '../../server/db/sql';

export const briefingModelVersions = defineQuery({
  name: 'briefing.modelVersions',
  input: z.object({ months: z.array(z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/)).min(1).max(12), models: z.array(z.string().regex(/^[a-z][a-z0-9-]{1,40}$/)).min(1).max(50) }),
  row: z.object({ ym: z.string(), model: z.string(), version: z.coerce.number() }),
  build: ({ months, models }) => sql`
    SELECT formatDateTime(r.month, '%Y-%m') AS ym, toString(r.model_id) AS model, argMax(r.model_version, r.finished_at) AS version
    FROM class_runs AS r FINAL
    WHERE r.status = 'done' AND formatDateTime(r.month, '%Y-%m') IN ${p.strs(months)} AND r.model_id IN ${p.strs(models)}
    GROUP BY ym, model`,
});
