/**
 * Events by month and category for the enterprises in the viewer's region, over the last `months` months
 * that have data (counted back from the latest event month in scope).
 */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p } from '../../server/db/sql';
import { usccScope } from './scope';

export const eventsByMonth = defineQuery({
  name: 'overview.eventsByMonth',
  cache: { tables: ['events', 'enterprises'] },
  input: z.object({ months: z.number().int().min(1).max(240) }),
  row: z.object({ month: z.string(), category: z.string(), n: z.coerce.number() }),
  build: ({ months }, viewer) => {
    const scope = usccScope(viewer);
    return sql`
      SELECT formatDateTime(toStartOfMonth(event_date), '%Y-%m') AS month, category, toUInt32(count()) AS n
      FROM events
      WHERE ${scope}
        AND event_date >= addMonths((SELECT toStartOfMonth(max(event_date)) FROM events WHERE ${scope}), -${p.int(months - 1)})
      GROUP BY month, category
      ORDER BY month, category`;
  },
});
