/**
 * Events by month and category for the enterprises in the viewer's region, over the last `months` months
 * that have data (counted back from the latest event month in scope), up to `asOf` (today, China date): an event
 * mistyped into the future (the import accepts dates to 2100) made its month the overview's 数据截至 month, its year
 * the 新登记 year, and the chart 36 months of nothing after it. A record an objection removed is not counted (the
 * models, the plans and the briefing read events with corrections applied).
 */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p } from '../../server/db/sql';
import { usccScope } from './scope';
import { REMOVED_EVENT_IDS } from '../objections/removed';

export const eventsByMonth = defineQuery({
  name: 'overview.eventsByMonth',
  cache: { tables: ['events', 'enterprises', 'event_corrections'] },
  input: z.object({ months: z.number().int().min(1).max(240), asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
  row: z.object({ month: z.string(), category: z.string(), n: z.coerce.number() }),
  build: ({ months, asOf }, viewer) => {
    const scope = sql`${usccScope(viewer)} AND event_date <= ${p.date(asOf)} AND event_id NOT IN ${REMOVED_EVENT_IDS}`;
    return sql`
      SELECT formatDateTime(toStartOfMonth(event_date), '%Y-%m') AS month, category, toUInt32(count()) AS n
      FROM events
      WHERE ${scope}
        AND event_date >= addMonths((SELECT toStartOfMonth(max(event_date)) FROM events WHERE ${scope}), -${p.int(months - 1)})
      GROUP BY month, category
      ORDER BY month, category`;
  },
});
