/** Recent events of the member enterprises (the warning's timeline), newest first. */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p } from '../../server/db/sql';
import { regionScope } from '../../server/auth/viewer';

export const memberEvents = defineQuery({
  name: 'warnings.memberEvents',
  input: z.object({ usccs: z.array(z.string().max(40)).max(5000), from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
  row: z.object({ event_id: z.string(), uscc: z.string(), event_date: z.string(), category: z.string(), severity: z.string(), result: z.string(), source: z.string(), detail: z.string() }),
  build: ({ usccs, from, to }, viewer) => sql`
    SELECT event_id, uscc, toString(event_date) AS event_date, toString(category) AS category, toString(severity) AS severity,
      toString(result) AS result, toString(source) AS source, detail
    FROM events AS ev
    WHERE ev.uscc IN ${p.strs(usccs)} AND ev.event_date >= ${p.date(from)} AND ev.event_date <= ${p.date(to)}
      AND ev.category NOT IN ('annual_report', 'license')
      AND ev.uscc IN (SELECT uscc FROM enterprises WHERE uscc IN ${p.strs(usccs)} AND ${regionScope(viewer)})
    ORDER BY event_date DESC, event_id LIMIT 300`,
});
