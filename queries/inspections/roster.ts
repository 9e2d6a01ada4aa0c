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
