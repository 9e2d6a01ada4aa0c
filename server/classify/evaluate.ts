/**
 * Validation of a model for a month: class shares beside the observed shares (Dandong 2023), the next six
 * months' inspection problem rate by class and the lift D/A, the AUC of the score against the next inspection
 * outcome, the month-over-month migration matrix, and (optionally) a data-fitted variant: a logistic regression
 * of the next inspection outcome on the indicators' scored fractions, trained on earlier months and measured on
 * the evaluated month — shown beside the expert points as a suggestion, never used to classify.
 */
import type { Db } from '../db/client';
import { regionScope, type Viewer } from '../auth/viewer';
import { runQuery } from '../../queries/define';
import { classShares } from '../../queries/classes/classShares';
import { outcomeByClass } from '../../queries/classes/outcomeByClass';
import { nextInspectionSql, scoreOutcome } from '../../queries/classes/scoreOutcome';
import { sql, p } from '../db/sql';
import { classMigration } from '../../queries/classes/migration';
import { buildFeatures, buildShared, type SharedTables } from './features';
import { indicatorSelect } from './compile';
import { getModel, type ScoreModel } from './model';
import { monthEnd } from './run';
import { addMonths } from '../calendar/months';

export const OBSERVED_SHARES = { A: 0.654, B: 0.253, C: 0.077, D: 0.015 } as const;
const CLS = ['A', 'B', 'C', 'D'] as const;

export const SYSTEM_VIEWER: Viewer = { name: 'system', role: 'admin', regionCode: '' };

/** Area under the ROC curve from (score, positives, negatives) groups; ties count one half. */
export function aucFromGroups(groups: Array<{ score: number; pos: number; neg: number }>): number | null {
  const sorted = [...groups].sort((a, b) => a.score - b.score);
  const P = sorted.reduce((s, g) => s + g.pos, 0);
  const N = sorted.reduce((s, g) => s + g.neg, 0);
  if (!P || !N) return null;
  let negBelow = 0;
  let sum = 0;
  for (const g of sorted) {
    sum += g.pos * (negBelow + g.neg / 2);
    negBelow += g.neg;
  }
  return sum / (P * N);
}

/** Logistic regression by batch gradient descent on standardised inputs with a little L2. */
export function fitLogistic(X: number[][], y: number[], opts: { iterations?: number; rate?: number; l2?: number } = {}): { weights: number[]; bias: number; mean: number[]; sd: number[]; predict(x: number[]): number } {
  const n = X.length;
  const d = X[0]?.length ?? 0;
  const mean = Array.from({ length: d }, (_, j) => X.reduce((s, r) => s + r[j]!, 0) / Math.max(n, 1));
  const sd = Array.from({ length: d }, (_, j) => Math.sqrt(X.reduce((s, r) => s + (r[j]! - mean[j]!) ** 2, 0) / Math.max(n, 1)) || 1);
  // Standardised inputs in one flat array (row k at k·d): the loop below runs iterations × n × d times.
  const Z = new Float64Array(n * d);
  for (let k = 0; k < n; k++) for (let j = 0; j < d; j++) Z[k * d + j] = (X[k]![j]! - mean[j]!) / sd[j]!;
  const w = new Float64Array(d);
  const ybar = y.reduce((s, v) => s + v, 0) / Math.max(n, 1);
  let b = Math.log(Math.max(ybar, 1e-6) / Math.max(1 - ybar, 1e-6));
  const iters = opts.iterations ?? 300;
  const rate = opts.rate ?? 0.5;
  const l2 = opts.l2 ?? 1e-3;
  const g = new Float64Array(d);
  for (let it = 0; it < iters; it++) {
    g.fill(0);
    let gb = 0;
    for (let k = 0; k < n; k++) {
      const o = k * d;
      let s = b;
      for (let j = 0; j < d; j++) s += w[j]! * Z[o + j]!;
      const e = 1 / (1 + Math.exp(-s)) - y[k]!;
      gb += e;
      for (let j = 0; j < d; j++) g[j] = g[j]! + e * Z[o + j]!;
    }
    b -= (rate * gb) / n;
    for (let j = 0; j < d; j++) w[j] = w[j]! - rate * (g[j]! / n + l2 * w[j]!);
  }
  const predict = (x: number[]) => {
    let s = b;
    for (let j = 0; j < d; j++) s += w[j]! * ((x[j]! - mean[j]!) / sd[j]!);
    return 1 / (1 + Math.exp(-s));
  };
  return { weights: Array.from(w), bias: b, mean, sd, predict };
}

/** The L2 strengths tried by `chooseL2`, weakest first (beyond 3 the gradient steps of fitLogistic, rate 0.5, diverge). */
export const L2_GRID = [0.001, 0.03, 0.3, 1, 3] as const;

/** Rows of the training months used to choose the strength (every k-th row beyond it; the final fit uses them all). */
const CHOOSE_ROWS = 6_000;
const FOLDS = 3;

/** A stable fold of an enterprise (FNV-1a of its USCC). */
function foldOf(id: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < id.length; k++) h = Math.imul(h ^ id.charCodeAt(k), 0x01000193);
  return (h >>> 0) % FOLDS;
}

/**
 * The L2 strength of the fit, chosen on the training rows alone by cross-validation over enterprises: the rows are cut
 * into three folds by enterprise (all months of one enterprise in one fold — its consecutive months share features
 * and often the same next inspection, so folds by month let a fit recognise the enterprise and favoured the weakest
 * strength), each strength of L2_GRID is fitted on two folds and scored (AUC) on the third, and the strength with the
 * best mean AUC wins (the stronger on a tie). The test month is never looked at. Sixty indicators fitted on a
 * thousand inspected enterprises over-fit at the weakest strength. Without two outcomes in every fold, the weakest.
 */
export function chooseL2(rows: { ids: string[]; X: number[][]; y: number[] }): number {
  const step = Math.max(1, Math.ceil(rows.X.length / CHOOSE_ROWS));
  const keep = rows.X.map((_, k) => k).filter((k) => k % step === 0);
  const fold = keep.map((k) => foldOf(rows.ids[k] ?? String(k)));
  const part = (f: number, inFold: boolean) => {
    const ks = keep.filter((_, i) => (fold[i] === f) === inFold);
    return { X: ks.map((k) => rows.X[k]!), y: ks.map((k) => rows.y[k]!) };
  };
  const usable = (y: number[]) => y.some((v) => v) && y.some((v) => !v);
  const folds = Array.from({ length: FOLDS }, (_, f) => ({ train: part(f, false), test: part(f, true) }));
  if (folds.some((f) => !usable(f.train.y) || !usable(f.test.y))) return L2_GRID[0];
  let best: number = L2_GRID[0];
  let bestAuc = -1;
  for (const l2 of L2_GRID) {
    let sum = 0;
    for (const f of folds) {
      const fit = fitLogistic(f.train.X, f.train.y, { l2 });
      sum += aucOf(f.test.X.map((x) => fit.predict(x)), f.test.y) ?? 0.5;
    }
    if (sum / FOLDS >= bestAuc) { best = l2; bestAuc = sum / FOLDS; }
  }
  return best;
}

/** AUC of raw predictions against labels. */
export function aucOf(pred: number[], y: number[]): number | null {
  const m = new Map<number, { pos: number; neg: number }>();
  pred.forEach((s, k) => {
    const g = m.get(s) ?? { pos: 0, neg: 0 };
    if (y[k]) g.pos++; else g.neg++;
    m.set(s, g);
  });
  return aucFromGroups([...m.entries()].map(([score, g]) => ({ score, ...g })));
}

interface LabelledRows { ids: string[]; X: number[][]; y: number[]; expert: number[] }

/**
 * Indicator fractions (p/points), the expert score and the label (the outcome of the next inspection within the
 * horizon), for a sample of inspected enterprises in the viewer's region (a region-scoped analyst must not get a
 * model fitted on the whole province: its coefficients, AUC and sample sizes describe the enterprises it was fitted
 * on).
 */
async function labelledRows(db: Db, model: ScoreModel, month: string, sampleMod: number, horizon: number, shared: SharedTables, viewer: Viewer): Promise<LabelledRows> {
  const me = monthEnd(month);
  const feats = await buildFeatures(db, me, `eval_${month.replace('-', '')}_${Math.floor(Math.random() * 1e9)}`, shared);
  try {
    const inner = indicatorSelect(model, feats.features, `cityHash64(uscc) % ${Math.max(1, Math.floor(sampleMod))} = 0`);
    const fr = model.indicators.map((i) => (i.points !== 0 ? `p__${i.id} / ${i.points}` : '0')).join(', ');
    const sum = model.indicators.map((i) => `p__${i.id}`).join(' + ');
    const scope = regionScope(viewer);
    // The label: the next inspection's outcome (the first within the horizon), as for the AUC of the stored score.
    const next = nextInspectionSql(sql`${p.date(me)}`, sql`${p.int(horizon)}`);
    const rows = await db.rows<{ uscc: string; x: number[]; s: number; y: number }>({
      text: `SELECT f.uscc AS uscc, [${fr.split(', ').map((e) => `toFloat64(${e})`).join(', ')}] AS x, least(greatest(${sum}, 0), 1000) AS s, o.bad AS y
        FROM (${inner}) AS f
        INNER JOIN (${next.text}) AS o
        ON o.uscc = f.uscc
        WHERE ${viewer.regionCode ? `f.uscc IN (SELECT uscc FROM enterprises WHERE ${scope.text})` : '1'}`,
      params: { ...scope.params, ...next.params },
    }, 'classify.evaluate.rows');
    return { ids: rows.map((r) => r.uscc), X: rows.map((r) => r.x.map(Number)), y: rows.map((r) => Number(r.y)), expert: rows.map((r) => Number(r.s)) };
  } finally {
    await feats.drop();
  }
}

export interface Evaluation {
  month: string;
  model: string;
  enterprises: number;
  shares: Array<{ class: string; n: number; share: number; observed: number; meanScore: number }>;
  outcome: { horizonMonths: number; complete: boolean; byClass: Array<{ class: string; enterprises: number; inspected: number; problems: number; rate: number | null }>; liftDA: number | null };
  auc: { value: number | null; positives: number; negatives: number };
  /** `previousClassified`: the previous month has results of the model (in the viewer's region); else every row is 新增. */
  migration: { from: string; previousClassified: boolean; matrix: Array<{ from: string; to: string; n: number }> };
  fitted: FittedVariant | null;
}

export interface FittedVariant {
  trainMonths: string[];
  testMonth: string;
  nTrain: number;
  nTest: number;
  aucFitted: number | null;
  aucExpert: number | null;
  /** The L2 strength of the fit (chooseL2, on the training rows); null without a fit. */
  l2: number | null;
  coefficients: Array<{ id: string; name: string; expertPoints: number; coef: number; suggestedPoints: number }>;
  note: string;
}

export async function fitVariant(db: Db, modelId: string, testMonth: string, opts: { trainMonths?: number; sampleMod?: number; horizon?: number; viewer?: Viewer; l2?: number } = {}): Promise<FittedVariant | null> {
  const viewer = opts.viewer ?? SYSTEM_VIEWER;
  const model = getModel(modelId);
  if (model.kind !== 'score') return null;
  const horizon = opts.horizon ?? 6;
  const nTrainMonths = opts.trainMonths ?? 3;
  const sampleMod = opts.sampleMod ?? 1;
  // Training months end `horizon` months before the test month, so no training label looks past it.
  const trainMonths = Array.from({ length: nTrainMonths }, (_, k) => addMonths(testMonth, -horizon - nTrainMonths + k));
  const train: LabelledRows = { ids: [], X: [], y: [], expert: [] };
  // The month-independent work tables once for the training and test months.
  const shared = await buildShared(db, `eval_${Math.floor(Math.random() * 1e9)}`);
  let test: LabelledRows;
  try {
    for (const m of trainMonths) {
      const r = await labelledRows(db, model, m, sampleMod, horizon, shared, viewer);
      train.ids.push(...r.ids); train.X.push(...r.X); train.y.push(...r.y);
    }
    test = await labelledRows(db, model, testMonth, sampleMod, horizon, shared, viewer);
  } finally {
    await shared.drop();
  }
  const base = { trainMonths, testMonth, nTrain: train.X.length, nTest: test.X.length };
  if (train.X.length < 20 || !train.y.some((v) => v) || !train.y.some((v) => !v)) {
    return { ...base, aucFitted: null, aucExpert: aucOf(test.expert, test.y), l2: null, coefficients: [], note: '训练样本不足（需要此前月份的分类特征与随后6个月的检查结果）' };
  }
  const l2 = opts.l2 ?? chooseL2(train);
  const fit = fitLogistic(train.X, train.y, { l2 });
  const pred = test.X.map((x) => fit.predict(x));
  // Coefficient per unit of the indicator's fraction (de-standardised), rescaled so Σ|suggested| = Σ|expert points|.
  const raw = fit.weights.map((w, j) => w / fit.sd[j]!);
  const totalExpert = model.indicators.reduce((s, i) => s + Math.abs(i.points), 0);
  const totalRaw = raw.reduce((s, v) => s + Math.abs(v), 0) || 1;
  return {
    ...base,
    aucFitted: aucOf(pred, test.y),
    aucExpert: aucOf(test.expert, test.y),
    l2,
    coefficients: model.indicators.map((i, j) => ({ id: i.id, name: i.name, expertPoints: i.points, coef: raw[j]!, suggestedPoints: Math.round((raw[j]! / totalRaw) * totalExpert) })),
    note: '数据拟合（逻辑回归）仅供参考，专家权重不会被自动替换；修改权重须发布新的模型版本。',
  };
}

export async function evaluate(db: Db, month: string, modelId: string, opts: { viewer?: Viewer; fit?: boolean; sampleMod?: number } = {}): Promise<Evaluation> {
  const viewer = opts.viewer ?? SYSTEM_VIEWER;
  const horizon = 6;
  const shares = await runQuery(db, classShares, { month, model: modelId }, viewer);
  const total = shares.reduce((s, r) => s + r.n, 0);
  const outcome = await runQuery(db, outcomeByClass, { month, model: modelId, horizonMonths: horizon }, viewer);
  const groups = await runQuery(db, scoreOutcome, { month, model: modelId, horizonMonths: horizon }, viewer);
  const migration = await runQuery(db, classMigration, { month, model: modelId }, viewer);
  const last = await db.one<{ d: string }>({ text: `SELECT toString(max(event_date)) AS d FROM events`, params: {} });
  const complete = !!last && last.d >= monthEnd(addMonths(month, horizon));
  const byClass = CLS.map((c) => {
    const r = outcome.find((o) => o.class === c);
    return { class: c, enterprises: r?.enterprises ?? 0, inspected: r?.inspected ?? 0, problems: r?.problems ?? 0, rate: r && r.inspected ? r.problems / r.inspected : null };
  });
  const rA = byClass[0]!.rate;
  const rD = byClass[3]!.rate;
  return {
    month, model: modelId, enterprises: total,
    shares: CLS.map((c) => {
      const r = shares.find((s) => s.class === c);
      return { class: c, n: r?.n ?? 0, share: total ? (r?.n ?? 0) / total : 0, observed: OBSERVED_SHARES[c], meanScore: r?.mean_score ?? 0 };
    }),
    outcome: { horizonMonths: horizon, complete, byClass, liftDA: rA && rD !== null ? rD / rA : null },
    auc: { value: aucFromGroups(groups), positives: groups.reduce((s, g) => s + g.pos, 0), negatives: groups.reduce((s, g) => s + g.neg, 0) },
    migration: { from: addMonths(month, -1), previousClassified: migration.some((m) => m.from !== '新增'), matrix: migration },
    fitted: opts.fit ? await fitVariant(db, modelId === 'effective' ? 'general' : modelId, month, { sampleMod: opts.sampleMod, viewer }) : null,
  };
}
