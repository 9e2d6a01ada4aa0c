/** The member enterprises of a warning (scoped like every enterprise read), with what the desk shows of each. */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p } from '../../server/db/sql';
import { regionScope } from '../../server/auth/viewer';

export const warningMembers = defineQuery({
  name: 'warnings.members',
  input: z.object({ usccs: z.array(z.string().max(40)).max(5000) }),
  row: z.object({
    uscc: z.string(), name: z.string(), status: z.string(), reg_date: z.string(), address: z.string(), address_key: z.string(),
    legal_rep_id: z.string(), legal_rep_name: z.string(), county_code: z.string(), street_code: z.string(),
    lng: z.number().nullable(), lat: z.number().nullable(),
  }),
  build: ({ usccs }, viewer) => sql`
    SELECT uscc, name, toString(status) AS status, toString(reg_date) AS reg_date, address, address_key, legal_rep_id, legal_rep_name,
      toString(county_code) AS county_code, toString(street_code) AS street_code, lng, lat
    FROM enterprises
    WHERE uscc IN ${p.strs(usccs)} AND ${regionScope(viewer)}
    ORDER BY reg_date DESC, uscc`,
});

/**
 * Which of the given enterprises the viewer may see (all of a case's members, however many: an address of a
 * cluster registration can hold thousands) — the desk's counts, disposal targets and inspection results use them.
 */
export const warningMemberUsccs = defineQuery({
  name: 'warnings.memberUsccs',
  input: z.object({ usccs: z.array(z.string().max(40)).max(1_000_000) }),
  row: z.object({ uscc: z.string() }),
  build: ({ usccs }, viewer) => sql`SELECT uscc FROM enterprises WHERE uscc IN ${p.strs(usccs)} AND ${regionScope(viewer)}`,
});
