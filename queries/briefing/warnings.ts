/**
 * Warnings of one month for the briefing (监测预警, table `warnings`): per rule the cases, the new ones, and the
 * disposal state now (latest step in `warning_disposals`). Warnings are cases, not enterprise rows: the region
 * filter and the viewer's scope apply, the industry filter does not.
 */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p } from '../../server/db/sql';
import { DISPOSAL_STATE, STATE_EXPR, listWhere, monthSchema, regionSchema } from '../warnings/common';

export const briefingWarnings = defineQuery({
  name: 'briefing.warnings',
  input: z.object({ month: monthSchema, region: regionSchema.optional() }),
  row: z.object({
    rule: z.string(), total: z.coerce.number(), new_n: z.coerce.number(), new_disposed: z.coerce.number(),
    open: z.coerce.number(), in_progress: z.coerce.number(), disposed: z.coerce.number(),
  }),
  build: (f, viewer) => sql`
    SELECT rule, toUInt32(count()) AS total, toUInt32(countIf(is_new)) AS new_n,
           toUInt32(countIf(is_new AND state IN ('resulted', 'closed'))) AS new_disposed,
           toUInt32(countIf(state = 'open')) AS open, toUInt32(countIf(state IN ('assigned', 'acting'))) AS in_progress,
           toUInt32(countIf(state IN ('resulted', 'closed'))) AS disposed
    FROM (
      SELECT toString(w.rule) AS rule, w.status = 'new' AS is_new, ${STATE_EXPR} AS state
      FROM warnings AS w LEFT JOIN ${DISPOSAL_STATE} AS d ON d.warning_id = w.id
      WHERE ${listWhere(f, viewer)}
      SETTINGS join_use_nulls = 0
    )
    GROUP BY rule
    ORDER BY total DESC, rule`,
});

/**
 * Whether warnings were computed for the month at all (any case, anywhere: run it as the whole province). Warnings are
 * computed after the classification (`warnings --month`), so a classified month may have none yet: its briefing must
 * say so, not show 0 warnings as if the month had been checked and found clean.
 */
export const briefingWarningsComputed = defineQuery({
  name: 'briefing.warningsComputed',
  input: z.object({ month: monthSchema }),
  row: z.object({ n: z.coerce.number() }),
  build: ({ month }) => sql`SELECT toUInt32(count()) AS n FROM (SELECT 1 FROM warnings WHERE month = ${p.date(`${month}-01`)} LIMIT 1)`,
});
