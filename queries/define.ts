/**
 * One analytical query per file (queries/<domain>/<name>.ts): a name (sent as a tag with the SQL),
 * a zod input, a builder producing SQL with typed placeholders (dimensions/metrics only from allowlists),
 * and a zod row schema checked on the way out.
 */
import type { z } from 'zod';
import type { Db } from '../server/db/client';
import type { Sql } from '../server/db/sql';
import type { Viewer } from '../server/auth/viewer';

export interface QueryDef<I extends z.ZodType, R extends z.ZodType> {
  name: string;
  input: I;
  row: R;
  build(input: z.infer<I>, viewer: Viewer): Sql;
}

export function defineQuery<I extends z.ZodType, R extends z.ZodType>(def: QueryDef<I, R>): QueryDef<I, R> {
  return def;
}

/** Validates the input, builds the SQL with the viewer's scope, runs it, validates the rows. */
export async function runQuery<I extends z.ZodType, R extends z.ZodType>(
  db: Db, q: QueryDef<I, R>, input: z.input<I>, viewer: Viewer,
): Promise<Array<z.infer<R>>> {
  const parsed = q.input.parse(input) as z.infer<I>;
  const rows = await db.rows<unknown>(q.build(parsed, viewer), q.name);
  return rows.map((r) => q.row.parse(r) as z.infer<R>);
}
