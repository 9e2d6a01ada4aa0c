/** People tied to the given enterprises (roles table), for the network view. Personal data: analysts/admin only. */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p } from '../../server/db/sql';
import { regionScope } from '../../server/auth/viewer';

export const memberRoles = defineQuery({
  name: 'warnings.memberRoles',
  input: z.object({ usccs: z.array(z.string().max(40)).max(5000) }),
  row: z.object({ uscc: z.string(), person_id: z.string(), person_name: z.string(), role: z.string() }),
  build: ({ usccs }, viewer) => sql`
    SELECT r.uscc AS uscc, r.person_id AS person_id, r.person_name AS person_name, toString(r.role) AS role
    FROM roles AS r
    WHERE r.uscc IN ${p.strs(usccs)} AND r.person_id != ''
      AND r.uscc IN (SELECT uscc FROM enterprises WHERE uscc IN ${p.strs(usccs)} AND ${regionScope(viewer)})
    LIMIT 2000`,
});
