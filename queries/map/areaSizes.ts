/**
 * Classified enterprises per county (with its prefecture) for a month and model, over the viewer's scope only: the
 * denominator of "warnings per 1,000 enterprises" (with the general model, which classifies every enterprise; a
 * key-area model's rows are only the enterprises of its scope). Warning cases are not filtered by industry, type, tags or status
 * (queries/map/warningCounts.ts), so dividing them by a filtered count would mix two populations (every warning of a
 * county over its 有限责任公司 in C13 gave more than 1,000 per 1,000).
 */
import { z } from 'zod';
import { defineQuery } from '../define';
import { and, p, sql } from '../../server/db/sql';
import { regionScope } from '../../server/auth/viewer';
import { monthDate, monthSchema } from './source';

export const mapAreaSizes = defineQuery({
  name: 'map.areaSizes',
  cache: { tables: ['class_results'] },
  input: z.object({ model: z.string().regex(/^[a-z0-9-]{1,40}$/), month: monthSchema }),
  row: z.object({ prefecture_code: z.string(), county_code: z.string(), n: z.coerce.number() }),
  build: ({ model, month }, viewer) => sql`
    SELECT prefecture_code, county_code, toUInt32(count()) AS n
    FROM class_results
    WHERE ${and([sql`model_id = ${p.str(model)}`, sql`month = ${monthDate(month)}`, regionScope(viewer)])}
    GROUP BY prefecture_code, county_code
    SETTINGS max_threads = 2`,
});
