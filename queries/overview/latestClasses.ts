/**
 * A/B/C/D shares of the latest classified month in the viewer's region, if classification results exist.
 * The results table is created by another part of the workbench (migration 004); this query looks the
 * table up first and returns null when it is absent or empty, so the overview works before any run.
 */
import { z } from 'zod';
import type { Db } from '../../server/db/client';
import { sql, p, ident, trusted, type Sql } from '../../server/db/sql';
import { regionScope, type Viewer } from '../../server/auth/viewer';

export const CLASS_TABLE = 'class_results';

const Row = z.object({ month: z.string(), cls: z.string(), n: z.coerce.number() });

export interface LatestClasses { month: string; model: string | null; counts: Record<'A' | 'B' | 'C' | 'D', number> }

interface Shape { monthCol: string; classCol: string; modelCol: string | null; final: boolean; hasScope: boolean }

async function shape(db: Db): Promise<Shape | null> {
  const t = await db.one<{ engine: string }>(sql`SELECT engine FROM system.tables WHERE database = currentDatabase() AND name = ${p.str(CLASS_TABLE)}`);
  if (!t) return null;
  const cols = new Set((await db.rows<{ name: string }>(sql`SELECT name FROM system.columns WHERE database = currentDatabase() AND table = ${p.str(CLASS_TABLE)}`)).map((c) => c.name));
  const monthCol = ['month', 'period', 'as_of'].find((c) => cols.has(c));
  const classCol = ['class', 'risk_class', 'cls'].find((c) => cols.has(c));
  if (!monthCol || !classCol) return null;
  return {
    monthCol, classCol,
    modelCol: ['model_id', 'model'].find((c) => cols.has(c)) ?? null,
    final: /Replacing|Collapsing/.test(t.engine),
    hasScope: cols.has('prefecture_code') && cols.has('county_code'),
  };
}

/** Builds the share query for a known table shape (exported for EXPLAIN checks in tests). */
export function latestClassesSql(s: Shape, viewer: Viewer, model: string): Sql {
  const month = sql`substring(toString(${ident(s.monthCol)}), 1, 7)`;
  const scope = s.hasScope ? regionScope(viewer) : viewer.regionCode ? sql`uscc IN (SELECT uscc FROM enterprises WHERE ${regionScope(viewer)})` : sql`1`;
  const modelCond = s.modelCol ? sql`${ident(s.modelCol)} = ${p.str(model)}` : sql`1`;
  const from = sql`${ident(CLASS_TABLE)}${trusted(s.final ? ' FINAL' : '')}`;
  return sql`
    SELECT ${month} AS month, toString(${ident(s.classCol)}) AS cls, toUInt32(count()) AS n
    FROM ${from}
    WHERE ${modelCond} AND ${scope}
      AND ${month} = (SELECT max(${month}) FROM ${from} WHERE ${modelCond})
    GROUP BY month, cls`;
}

export async function latestClasses(db: Db, viewer: Viewer, model = 'general'): Promise<LatestClasses | null> {
  const s = await shape(db);
  if (!s) return null;
  const rows = (await db.rows<unknown>(latestClassesSql(s, viewer, model), 'overview.latestClasses')).map((r) => Row.parse(r));
  if (rows.length === 0) return null;
  const counts = { A: 0, B: 0, C: 0, D: 0 };
  for (const r of rows) if (r.cls in counts) counts[r.cls as keyof typeof counts] += r.n;
  return { month: rows[0]!.month, model: s.modelCol ? model : null, counts };
}
