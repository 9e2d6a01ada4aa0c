import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p, and } from '../../server/db/sql';
import { cnTimeMs } from '../../server/db/time';

/** The audit log, newest first (administrators only — the router enforces the role); `ts` in China time with ms. */
export const auditLog = defineQuery({
  name: 'admin.auditLog',
  input: z.object({
    user: z.string().max(64).optional(),
    action: z.enum(['view', 'export', 'change', 'login', 'login_failed', 'logout', 'job', 'denied']).optional(),
    limit: z.number().int().min(1).max(500).default(100),
    offset: z.number().int().min(0).default(0),
  }),
  row: z.object({
    ts: z.string(), user: z.string(), role: z.string(), action: z.string(), target: z.string(), detail: z.string(), ip: z.string(),
    /** The user's data scope when they acted ('' = no limit) and its name. */
    region_code: z.string(), region_name: z.string(),
  }),
  build: (i) => sql`
    SELECT ${cnTimeMs('a.ts')} AS ts, a.user AS user, toString(a.role) AS role, toString(a.action) AS action, a.target AS target, a.detail AS detail,
      a.ip AS ip, toString(a.region_code) AS region_code, ifNull(rg.name, '') AS region_name
    FROM audit_log AS a
    LEFT JOIN (SELECT code, any(name) AS name FROM regions GROUP BY code) AS rg ON rg.code = toString(a.region_code)
    WHERE ${and([i.user ? sql`a.user = ${p.str(i.user)}` : null, i.action ? sql`a.action = ${p.str(i.action)}` : null])}
    ORDER BY a.ts DESC
    LIMIT ${p.int(i.limit)} OFFSET ${p.int(i.offset)}`,
});
