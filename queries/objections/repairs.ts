/** The credit repair register, newest first; region scope on the snapshot codes. */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p, and } from '../../server/db/sql';
import { cnTime } from '../../server/db/time';
import { regionScope } from '../../server/auth/viewer';
import { usccSchema } from './common';

export const repairList = defineQuery({
  name: 'objections.repairs',
  input: z.object({ uscc: usccSchema.optional(), id: z.string().min(1).max(64).optional(), limit: z.number().int().min(1).max(1000).default(200) }),
  row: z.object({
    repair_id: z.string(), uscc: z.string(), enterprise_name: z.string(), event_id: z.string(), event_category: z.string(), event_date: z.string(),
    repair_date: z.string(), rule: z.string(), reason: z.string(), basis: z.string(), repair_event_id: z.string(), actor: z.string(), ts: z.string(),
    /** '' (none needed, or registered before it was recorded) | running | done | failed; reclass_from: its first month (YYYY-MM, or ''). */
    reclass_status: z.string(), reclass_message: z.string(), reclass_from: z.string(),
  }),
  build: (i, viewer) => sql`
    SELECT repair_id, uscc, enterprise_name, event_id, toString(event_category) AS event_category, toString(event_date) AS event_date,
      toString(repair_date) AS repair_date, toString(rule) AS rule, reason, basis, repair_event_id, actor, ${cnTime('ts')} AS ts,
      toString(rr.status) AS reclass_status, rr.message AS reclass_message, rr.from_month AS reclass_from
    FROM credit_repairs AS cr
    LEFT JOIN (SELECT repair_id, status, message, from_month FROM repair_reclass FINAL) AS rr ON rr.repair_id = cr.repair_id -- none: '' (join default)
    WHERE ${and([regionScope(viewer), i.uscc ? sql`uscc = ${p.str(i.uscc)}` : null, i.id ? sql`cr.repair_id = ${p.str(i.id)}` : null])}
    ORDER BY cr.ts DESC LIMIT ${p.uint(i.limit)}`,
});
