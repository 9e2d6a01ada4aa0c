/**
 * One analytical query per file (queries/<domain>/<name>.ts): a name (sent as a tag with the SQL),
 * a zod input, a builder producing SQL with typed placeholders (dimensions/metrics only from allowlists),
 * and a zod row schema checked on the way out.
 */
import type { z } from 'zod';
import type { Db } from '../server/db/client';
import type { Sql } from '../server/db/sql';
import type { Viewer } from '../server/auth/viewer';
import { cached, type CacheableTable } from './cache';

export interface QueryDef<I extends z.ZodType, R extends z.ZodType> {
  name: string;
  input: I;
  row: R;
  build(input: z.infer<I>, viewer: Viewer): Sql;
  /** Keep results until one of these tables changes (queries/cache.ts). Every table the SQL reads must be listed. */
  cache?: { tables: readonly CacheableTable[] };
}

export function defineQuery<I extends z.ZodType, R extends z.ZodType>(def: QueryDef<I, R>): QueryDef<I, R> {
  return def;
}

/** Validates the input, builds the SQL with the viewer's scope, runs it, validates the rows. */
export async function runQuery<I extends z.ZodType, R extends z.ZodType>(
  db: Db, q: QueryDef<I, R>, input: z.input<I>, viewer: Viewer,
): Promise<Array<z.infer<R>>> {
  const parsed = q.input.parse(input) as z.infer<I>;
  const run = async () => (await db.rows<unknown>(q.build(parsed, viewer), q.name)).map((r) => q.row.parse(r) as z.infer<R>);
  return q.cache ? cached(db, q.name, q.cache.tables, parsed, viewer, run) : run();
}
