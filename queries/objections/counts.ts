/**
 * The objection register's headline counts (异议总数 · 待答复 · 已逾期未答复 · 已办结) over every objection in the viewer's
 * region, optionally of one enterprise — the list itself stops at its limit (200 by default), so the counts are not
 * taken from it.
 */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p, and } from '../../server/db/sql';
import { regionScope } from '../../server/auth/viewer';
import { daySchema, usccSchema } from './common';

export const objectionCounts = defineQuery({
  name: 'objections.counts',
  input: z.object({ today: daySchema, uscc: usccSchema.optional() }),
  row: z.object({ total: z.coerce.number(), awaiting: z.coerce.number(), overdue: z.coerce.number(), closed: z.coerce.number() }),
  build: (i, viewer) => sql`
    SELECT toUInt32(count()) AS total, toUInt32(countIf(status IN ('received', 'forwarded'))) AS awaiting,
      toUInt32(countIf(status IN ('received', 'forwarded') AND due_date < ${p.date(i.today)})) AS overdue,
      toUInt32(countIf(status IN ('corrected', 'upheld'))) AS closed
    FROM objections FINAL
    WHERE ${and([regionScope(viewer), i.uscc ? sql`uscc = ${p.str(i.uscc)}` : null])}`,
});
