/**
 * Full indicator breakdown (value and points of every indicator) for chosen enterprises and a month: recomputes
 * the month's features, so it is for checks and tests, not for pages over many enterprises.
 */
import type { Db } from '../db/client';
import { buildFeatures } from './features';
import { indicatorSelect } from './compile';
import { getModel } from './model';
import { monthEnd } from './run';

export interface Breakdown { uscc: string; values: Record<string, number>; points: Record<string, number> }

export async function indicatorBreakdown(db: Db, month: string, usccs: string[], modelId = 'general'): Promise<Breakdown[]> {
  const model = getModel(modelId);
  if (model.kind !== 'score') throw new Error(`模型 ${modelId} 不是评分模型`);
  const feats = await buildFeatures(db, monthEnd(month), `explain_${Math.floor(Math.random() * 1e9)}`);
  try {
    const cols = model.indicators.flatMap((i) => [`v__${i.id}`, `p__${i.id}`]).join(', ');
    const rows = await db.rows<Record<string, number | string>>({
      text: `SELECT uscc, ${cols} FROM (${indicatorSelect(model, feats.features, 'uscc IN {u:Array(String)}')}) ORDER BY uscc`,
      params: { u: usccs },
    }, 'classify.explain');
    return rows.map((r) => ({
      uscc: String(r.uscc),
      values: Object.fromEntries(model.indicators.map((i) => [i.id, Number(r[`v__${i.id}`])])),
      points: Object.fromEntries(model.indicators.map((i) => [i.id, Number(r[`p__${i.id}`])])),
    }));
  } finally {
    await feats.drop();
  }
}
