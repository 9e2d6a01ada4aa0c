/** 执法检查人员名录: active inspectors visible to the viewer (those covering a region inside the viewer's scope). */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql } from '../../server/db/sql';
import { scopeOn } from './common';

export const inspectorRow = z.object({
  inspector_id: z.string(), name: z.string(), unit: z.string(), region_code: z.string(), region_name: z.string(),
});

export const inspectorRoster = defineQuery({
  name: 'inspections.roster',
  input: z.object({}),
  row: inspectorRow,
  build: (_inp, viewer) => sql`
    SELECT i.inspector_id AS inspector_id, i.name AS name, i.unit AS unit, i.region_code AS region_code, ifNull(rg.name, '') AS region_name
    FROM (SELECT * FROM inspectors FINAL) AS i
    LEFT JOIN (SELECT code, any(name) AS name FROM regions GROUP BY code) AS rg ON rg.code = i.region_code
    WHERE i.active = 1 AND ${scopeOn(viewer, 'i')}
    ORDER BY i.region_code, i.unit, i.name
    SETTINGS join_use_nulls = 0`,
});

/**
 * Every active inspector, for a draw's pairing: the draw keeps those whose region contains the plan's region or lies
 * inside it (pairing.ts `overlaps`). Deliberately NOT under the viewer's regionScope: the pairing is part of the
 * plan's reproducible outcome and must not depend on who draws (a county analyst's scope would hide the
 * prefecture's inspectors, whose county_code is ''). Who may draw the plan at all is checked on the plan itself.
 */
export const pairingRoster = defineQuery({
  name: 'inspections.pairingRoster',
  input: z.object({}),
  row: z.object({ inspector_id: z.string(), name: z.string(), unit: z.string(), region_code: z.string() }),
  build: () => sql`SELECT inspector_id, name, unit, region_code FROM inspectors FINAL WHERE active = 1 ORDER BY inspector_id`,
});
