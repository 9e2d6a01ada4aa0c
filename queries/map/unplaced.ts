/**
 * How many enterprises of the selection (the workbench filters, region included, and the viewer's scope) have no
 * location (lng/lat missing) and so no point on the map: the points say how many they leave out. Analysts and
 * administrators only, like the points (the router enforces it).
 */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql } from '../../server/db/sql';
import { classWhere, mapFilters, monthDate } from './source';

export const mapUnplaced = defineQuery({
  name: 'map.unplaced',
  cache: { tables: ['class_results', 'enterprises'] },
  input: z.object({ filters: mapFilters }),
  row: z.object({ n: z.coerce.number(), unplaced: z.coerce.number() }),
  build: ({ filters }, viewer) => sql`
    SELECT toUInt32(count()) AS n,
           toUInt32(countIf(uscc IN (SELECT uscc FROM enterprises WHERE lng IS NULL OR lat IS NULL))) AS unplaced
    FROM class_results
    WHERE month = ${monthDate(filters.month)} AND ${classWhere(filters, viewer, { withRegion: true })}`,
});
