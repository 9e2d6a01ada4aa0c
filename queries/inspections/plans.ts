/**
 * Saved plans visible to the viewer (plans of a region inside the viewer's scope), newest first.
 * created_at / drawn_at: China time 'YYYY-MM-DD HH:MM:SS' for people (pages, exports, CLI); created_instant /
 * drawn_instant: the stored UTC instants ('YYYY-MM-DD hh:mm:ss.sss', as server/inspections/plans.ts `instant` writes
 * them) that the draw is recomputed and ordered by — never shown.
 */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p, and } from '../../server/db/sql';
import { cnTime } from '../../server/db/time';
import { planIdSchema, scopeOn } from './common';

export const planRow = z.object({
  plan_id: z.string(), name: z.string(), year: z.coerce.number(), month: z.string(), model_id: z.string(), region_code: z.string(), region_name: z.string(),
  settings: z.string(), seed: z.string(), status: z.enum(['draft', 'drawn']), created_by: z.string(), created_at: z.string(),
  drawn_by: z.string(), drawn_at: z.string(), created_instant: z.string(), drawn_instant: z.string(), counts: z.string(), targets: z.coerce.number(),
  /** 1 when the draw recorded the enterprises it left out for their current status (inspection_exclusions). */
  exclusions_recorded: z.coerce.number(),
});

export const inspectionPlans = defineQuery({
  name: 'inspections.plans',
  input: z.object({ planId: planIdSchema.optional(), limit: z.number().int().min(1).max(1_000_000).default(100) }),
  row: planRow,
  build: (inp, viewer) => sql`
    SELECT pl.plan_id AS plan_id, pl.name AS name, pl.year AS year, formatDateTime(pl.month, '%Y-%m') AS month, toString(pl.model_id) AS model_id,
      pl.region_code AS region_code, ifNull(rg.name, '') AS region_name, pl.settings AS settings, pl.seed AS seed, toString(pl.status) AS status,
      pl.created_by AS created_by, ${cnTime('pl.created_at')} AS created_at, pl.drawn_by AS drawn_by, ifNull(${cnTime('pl.drawn_at')}, '') AS drawn_at,
      toString(pl.created_at) AS created_instant, ifNull(toString(pl.drawn_at), '') AS drawn_instant,
      pl.counts AS counts, toUInt32(if(pl.status = 'drawn', ifNull(tc.n, 0), 0)) AS targets, toUInt8(pl.exclusions_recorded) AS exclusions_recorded
    FROM (SELECT * FROM inspection_plans FINAL) AS pl
    LEFT JOIN (SELECT plan_id, count() AS n FROM inspection_targets GROUP BY plan_id) AS tc ON tc.plan_id = pl.plan_id
    LEFT JOIN (SELECT code, any(name) AS name FROM regions GROUP BY code) AS rg ON rg.code = pl.region_code
    WHERE ${and([scopeOn(viewer, 'pl'), inp.planId ? sql`pl.plan_id = ${p.str(inp.planId)}` : null])}
    ORDER BY pl.created_at DESC, pl.plan_id
    LIMIT ${p.uint(inp.limit)}
    SETTINGS join_use_nulls = 0`,
});
