/** What the map can show for the viewer: classified months and models, and the main province of the data. */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql } from '../../server/db/sql';
import { regionScope } from '../../server/auth/viewer';

export const mapOptions = defineQuery({
  name: 'map.options',
  input: z.object({}),
  row: z.object({ model_id: z.string(), ym: z.string(), province_code: z.string(), n: z.coerce.number() }),
  build: (_i, viewer) => sql`
    SELECT model_id, formatDateTime(month, '%Y-%m') AS ym, province_code, toUInt32(count()) AS n
    FROM class_results
    WHERE ${regionScope(viewer)}
    GROUP BY model_id, ym, province_code
    ORDER BY model_id, ym, n DESC
    SETTINGS max_threads = 2`,
});
