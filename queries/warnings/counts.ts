/** Counts for the desk header: by rule × severity × disposal state for one month and region. */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql } from '../../server/db/sql';
import { DISPOSAL_STATE, STATE_EXPR, listWhere, monthSchema, regionSchema } from './common';

export const warningCounts = defineQuery({
  name: 'warnings.counts',
  input: z.object({ month: monthSchema, region: regionSchema.optional() }),
  row: z.object({ rule: z.string(), severity: z.string(), state: z.string(), n: z.coerce.number() }),
  build: (f, viewer) => sql`
    SELECT toString(w.rule) AS rule, toString(w.severity) AS severity, ${STATE_EXPR} AS state, toUInt32(count()) AS n
    FROM warnings AS w LEFT JOIN ${DISPOSAL_STATE} AS d ON d.warning_id = w.id
    WHERE ${listWhere(f, viewer)}
    GROUP BY rule, severity, state
    SETTINGS join_use_nulls = 0`,
});
