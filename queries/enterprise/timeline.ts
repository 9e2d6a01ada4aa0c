/** One enterprise's recorded events, newest first (region scope through the enterprise). */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p } from '../../server/db/sql';
import { regionScope } from '../../server/auth/viewer';

export const enterpriseTimeline = defineQuery({
  name: 'enterprise.timeline',
  input: z.object({ uscc: z.string().regex(/^[0-9A-Z]{15,18}$/), limit: z.number().int().min(1).max(2000).default(500) }),
  row: z.object({
    event_id: z.string(), event_date: z.string(), category: z.string(), severity: z.string(), end_date: z.string().nullable(),
    result: z.string(), source: z.string(), amount_yuan: z.number().nullable(), detail: z.string(),
  }),
  build: (i, viewer) => sql`
    SELECT event_id, toString(event_date) AS event_date, category, severity, if(isNull(end_date), NULL, toString(end_date)) AS end_date,
      result, source, amount_yuan, detail
    FROM events
    WHERE uscc = ${p.str(i.uscc)}
      AND uscc IN (SELECT uscc FROM enterprises WHERE uscc = ${p.str(i.uscc)} AND ${regionScope(viewer)})
    ORDER BY event_date DESC, event_id LIMIT ${p.uint(i.limit)}`,
});
