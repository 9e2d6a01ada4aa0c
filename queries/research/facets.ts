/** The entity types and tags present in a month's results (options for the filter bar), in the viewer's scope. */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p, and } from '../../server/db/sql';
import { regionScope } from '../../server/auth/viewer';
import { CLASS_TABLE, month, monthIs } from './source';

export const facetValues = defineQuery({
  name: 'research.facetValues',
  input: z.object({ model: z.string(), month }),
  row: z.object({ entity_types: z.array(z.string()), tags: z.array(z.string()) }),
  build: ({ model, month: m }, viewer) => sql`
    SELECT arraySort(groupUniqArray(100)(toString(entity_type))) AS entity_types,
           arraySort(groupUniqArrayArray(100)(arrayMap(t -> toString(t), tags))) AS tags
    FROM ${CLASS_TABLE}
    WHERE ${and([sql`model_id = ${p.str(model)}`, monthIs(m), regionScope(viewer)])}`,
});
