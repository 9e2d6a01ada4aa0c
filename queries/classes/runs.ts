/**
 * Classification runs, newest first, optionally of one month and/or one status (an administrator looking for the
 * failed or interrupted ones). Times in China time (server/db/time.ts). A run's enterprise and class counts are the
 * whole province's: a region-scoped viewer gets them as null / empty (a scoped viewer sees only their region's figures).
 */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p } from '../../server/db/sql';
import { cnTime } from '../../server/db/time';

export const classRuns = defineQuery({
  name: 'classes.runs',
  input: z.object({
    limit: z.number().int().min(1).max(500).default(100),
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).optional(),
    status: z.enum(['running', 'done', 'failed']).optional(),
  }),
  row: z.object({
    run_id: z.string(), month: z.string(), model_id: z.string(), model_version: z.coerce.number(), started_at: z.string(),
    finished_at: z.string().nullable(), status: z.string(), enterprises: z.coerce.number().nullable(), counts: z.record(z.string(), z.coerce.number()),
    actor: z.string(), message: z.string(),
  }),
  build: (i, viewer) => sql`
    SELECT run_id, formatDateTime(month, '%Y-%m') AS month, model_id, model_version, ${cnTime('started_at')} AS started_at,
      if(isNull(finished_at), NULL, ${cnTime('finished_at')}) AS finished_at, status,
      ${viewer.regionCode ? sql`CAST(NULL AS Nullable(UInt32)) AS enterprises, CAST(map(), 'Map(String, UInt32)') AS counts`
        : sql`toUInt32(enterprises) AS enterprises, mapApply((k, v) -> (k, toUInt32(v)), counts) AS counts`}, actor, message
    FROM class_runs FINAL
    WHERE ${i.month ? sql`month = ${p.str(i.month)} /* the 'YYYY-MM' alias above */` : sql`1`} AND ${i.status ? sql`status = ${p.str(i.status)}` : sql`1`}
    ORDER BY class_runs.started_at DESC, model_id LIMIT ${p.uint(i.limit)}`,
});
