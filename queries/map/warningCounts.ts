/**
 * Early warnings (监测预警, table `warnings`) per county for a month, for the "warnings per 1,000 enterprises"
 * metric. Warnings are cases (an address, a person, an enterprise), not enterprise rows: the industry and tag
 * filters do not apply to them; the viewer's scope does.
 */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql } from '../../server/db/sql';
import { regionScope } from '../../server/auth/viewer';
import { monthDate, monthSchema } from './source';

export const mapWarningCounts = defineQuery({
  name: 'map.warningCounts',
  input: z.object({ month: monthSchema }),
  row: z.object({ prefecture_code: z.string(), county_code: z.string(), w: z.coerce.number() }),
  build: ({ month }, viewer) => sql`
    SELECT prefecture_code, county_code, toUInt32(count()) AS w
    FROM warnings
    WHERE month = ${monthDate(month)} AND ${regionScope(viewer)}
    GROUP BY prefecture_code, county_code
    SETTINGS max_threads = 2`,
});
