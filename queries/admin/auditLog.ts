import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p, and } from '../../server/db/sql';
import { cnTimeMs } from '../../server/db/time';

/** The audit log, newest first (administrators only — the router enforces the role); `ts` in China time with ms. */
export const auditLog = defineQuery({
  name: 'admin.auditLog',
  input: z.object({
    user: z.string().max(64).optional(),
    action: z.enum(['view', 'export', 'change', 'login', 'login_failed', 'job', 'denied']).optional(),
    limit: z.number().int().min(1).max(500).default(100),
    offset: z.number().int().min(0).default(0),
  }),
  row: z.object({ ts: z.string(), user: z.string(), role: z.string(), action: z.string(), target: z.string(), detail: z.string(), ip: z.string() }),
  build: (i) => sql`
    SELECT ${cnTimeMs('ts')} AS ts, user, role, action, target, detail, ip
    FROM audit_log
    WHERE ${and([i.user ? sql`user = ${p.str(i.user)}` : null, i.action ? sql`action = ${p.str(i.action)}` : null])}
    ORDER BY audit_log.ts DESC
    LIMIT ${p.int(i.limit)} OFFSET ${p.int(i.offset)}`,
});
