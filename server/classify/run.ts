/**
 * Classification runs: one month, one or all models. Features are built once per month; each model is one
 * INSERT … SELECT into a staging table, published with REPLACE PARTITION (atomic; a re-run replaces the month).
 * Model 'effective' (通用+专业) is re-derived whenever general or a key-area model of the month was run.
 * Order matters across months only for one indicator (the legal representative's other enterprises' class last
 * month): `classifyAll` runs months in ascending order, building the month-independent work tables (closures,
 * persons with several enterprises, shareholder counts: features.ts buildShared) once for all of them.
 */
import crypto from 'node:crypto';
import type { Db } from '../db/client';
import type { Sql } from '../db/sql';
import { buildFeatures, buildShared, inputVersion, inputsKeptChanging, INPUT_ATTEMPTS, joinSettingsOf, type FeatureTables, type SharedTables } from './features';
import { classifySql, effectiveSql } from './compile';
import { EFFECTIVE, getModel, loadModels, type Model } from './model';
import { clearStale, holdToken, workTable } from './housekeeping';
import { rowVersion } from '../db/version';
import { utcText } from '../db/time';

export interface ClassifyOptions {
  actor?: string;
  /** The run's month-independent work tables (classifyAll builds them once for every month). */
  shared?: SharedTables;
  /** Progress text and fraction 0..1 of this month's work. */
  progress?: (text: string, fraction: number) => void;
  /** Called after a month's features are built, before their inputs are checked (tests: a real import in between). */
  afterFeatures?: (month: string, attempt: number) => Promise<void>;
}

/**
 * An import swapped enterprises / roles / events in while a month's features were read from the run's month-independent
 * tables (classifyAll rebuilds them and runs the month again).
 */
export class InputsChangedError extends Error { constructor() { super('分类期间导入替换了数据'); } }

export interface ModelRunSummary {
  runId: string;
  modelId: string;
  version: number;
  enterprises: number;
  counts: Record<'A' | 'B' | 'C' | 'D', number>;
  seconds: number;
}

export interface MonthSummary { month: string; models: ModelRunSummary[]; seconds: number }

/**
 * The first month that can be classified. The windows are computed in ClickHouse from the month's last day, a
 * `Date` parameter (1970-01-01 … 2149-06-06): a month before 1970 is clamped to 1970-01-01 (its rows would be
 * staged in partition 197001 while the month's own partition is replaced), and for 1970-01 … 1972-12 the
 * 36-month window's edge (addMonths(me, −36)) cannot go below 1970-01-01 and is cut off at 1970-01-31. From
 * 1973-01 every window starts after 1970 and is exact. Older events still count where a feature reaches back
 * indefinitely (listings, revocations, licences): they are stored as Date32.
 */
export const FIRST_MONTH = '1973-01';

/** The refusal of a month before FIRST_MONTH (CLI: usage error; API: BAD_REQUEST). */
export function monthTooEarly(month: string): string {
  return `${month} 早于可分类的最早月份 ${FIRST_MONTH}（36个月的统计窗口须在1970年以后），不能分类`;
}

export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(last).padStart(2, '0')}`;
}

const raw = (text: string, params: Record<string, unknown> = {}): Sql => ({ text, params });

/** Writes a run's state (re-inserted on every change, read with FINAL); instants as the UTC wall clock (server/db/time.ts). */
export async function recordRun(db: Db, r: {
  runId: string; month: string; modelId: string; version: number; startedAt: Date; finishedAt: Date | null;
  status: 'running' | 'done' | 'failed'; enterprises: number; counts: Record<string, number>; actor: string; message: string;
}): Promise<void> {
  await db.insert('class_runs', [{
    run_id: r.runId, month: `${r.month}-01`, model_id: r.modelId, model_version: r.version, started_at: utcText(r.startedAt, 's'),
    finished_at: r.finishedAt ? utcText(r.finishedAt, 's') : null, status: r.status, enterprises: r.enterprises, counts: r.counts,
    actor: r.actor, message: r.message.slice(0, 2000), version: rowVersion(),
  }]);
}

async function classCounts(db: Db, month: string, modelId: string): Promise<{ n: number; counts: Record<'A' | 'B' | 'C' | 'D', number> }> {
  const rows = await db.rows<{ class: string; n: number }>(raw(
    `SELECT class, toUInt32(count()) AS n FROM class_results WHERE month = {m:Date} AND model_id = {id:String} GROUP BY class`,
    { m: `${month}-01`, id: modelId }), 'classify.counts');
  const counts = { A: 0, B: 0, C: 0, D: 0 };
  for (const r of rows) if (r.class in counts) counts[r.class as keyof typeof counts] = Number(r.n);
  return { n: counts.A + counts.B + counts.C + counts.D, counts };
}

async function publish(db: Db, month: string, modelId: string, runId: string, fill: (stage: string) => Promise<void>): Promise<void> {
  const stage = workTable('results_stage', runId);
  await db.command(raw(`DROP TABLE IF EXISTS ${stage}`));
  await db.command(raw(`CREATE TABLE ${stage} AS class_results`));
  try {
    await fill(stage);
    const yyyymm = Number(month.replace('-', ''));
    if (!/^[a-z][a-z0-9-]*$/.test(modelId)) throw new Error(`bad model id ${modelId}`);
    const staged = await db.one<{ n: number }>(raw(`SELECT toUInt32(count()) AS n FROM ${stage}`));
    // An empty result (no enterprise in the model's scope) empties the month: REPLACE refuses an empty source.
    if (Number(staged?.n ?? 0) === 0) await db.command(raw(`ALTER TABLE class_results DROP PARTITION (${yyyymm}, '${modelId}')`), 'classify.publish');
    else await db.command(raw(`ALTER TABLE class_results REPLACE PARTITION (${yyyymm}, '${modelId}') FROM ${stage}`), 'classify.publish');
  } finally {
    await db.command(raw(`DROP TABLE IF EXISTS ${stage}`));
  }
}

/**
 * The SETTINGS clause for an INSERT … SELECT of result rows. It writes with one thread unless told otherwise: the
 * rows (sorted, compressed) are written with as many threads as the engine reads with (2M × 36, 2 cores: general
 * 5.1 → 3.8 s, effective 5.4 → 4.2 s). Also the classification benchmark's floor (bench/classify.ts).
 */
export async function resultWriteSettings(db: Db): Promise<string> {
  const threads = Number((await db.one<{ n: number }>(raw(`SELECT toUInt32(getSetting('max_threads')) AS n`)))?.n ?? 1);
  return ` SETTINGS max_insert_threads = ${Math.max(1, threads)}`;
}

/**
 * Classifies every enterprise for `month` (YYYY-MM) with one model (`modelId`, latest version unless
 * `version`) or, with modelId undefined, every model; re-derives 'effective'. Replaces earlier results.
 */
export async function classifyMonth(db: Db, month: string, modelId?: string, opts: ClassifyOptions & { version?: number } = {}): Promise<MonthSummary> {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new Error(`月份应为 YYYY-MM: ${month}`);
  if (month < FIRST_MONTH) throw new Error(monthTooEarly(month));
  // This run's tables and run ids carry `batch`; the runs and tables of runs whose process died are closed and
  // dropped first (housekeeping.ts).
  const batch = crypto.randomBytes(6).toString('hex');
  const release = holdToken(batch);
  try {
    await clearStale(db);
    return await classifyBatch(db, month, modelId, opts, batch);
  } finally {
    release();
  }
}

async function classifyBatch(db: Db, month: string, modelId: string | undefined, opts: ClassifyOptions & { version?: number }, batch: string): Promise<MonthSummary> {
  const t0 = Date.now();
  const all = loadModels();
  let models: Model[];
  if (modelId === undefined) models = all;
  else if (modelId === EFFECTIVE) models = [];
  else models = [getModel(modelId, opts.version)];
  const deriveEffective = modelId === undefined || modelId === EFFECTIVE || models.some((m) => m.id === 'general' || m.combine);
  const actor = opts.actor ?? 'cli';
  const progress = opts.progress ?? (() => {});
  const steps = models.length + 1 + (deriveEffective ? 1 : 0);
  const summaries: ModelRunSummary[] = [];

  const writeSettings = await resultWriteSettings(db);
  progress(`${month} 计算特征…`, 0);
  const feats = models.length ? await consistentFeatures(db, month, batch, opts, progress) : null;
  try {
    const runOne = async (id: string, version: number, fill: (stage: string, runId: string) => Promise<void>) => {
      const runId = `${batch}_${id.replace(/-/g, '_')}`;
      const startedAt = new Date();
      const t = Date.now();
      await recordRun(db, { runId, month, modelId: id, version, startedAt, finishedAt: null, status: 'running', enterprises: 0, counts: {}, actor, message: '' });
      try {
        await publish(db, month, id, runId, (stage) => fill(stage, runId));
      } catch (e) {
        await recordRun(db, { runId, month, modelId: id, version, startedAt, finishedAt: new Date(), status: 'failed', enterprises: 0, counts: {}, actor, message: (e as Error).message });
        throw e;
      }
      const { n, counts } = await classCounts(db, month, id);
      await recordRun(db, { runId, month, modelId: id, version, startedAt, finishedAt: new Date(), status: 'done', enterprises: n, counts, actor, message: '' });
      summaries.push({ runId, modelId: id, version, enterprises: n, counts, seconds: (Date.now() - t) / 1000 });
    };
    for (const [k, m] of models.entries()) {
      progress(`${month} 模型 ${m.id} v${m.version}…`, (k + 1) / steps);
      await runOne(m.id, m.version, (stage, runId) =>
        db.command(raw(classifySql(m, feats!.features, stage) + writeSettings, { month: `${month}-01`, run: runId }), `classify.${m.id}`));
    }
    if (deriveEffective) {
      progress(`${month} 通用+专业组合…`, (steps - 1) / steps);
      const keyArea = all.filter((m) => m.combine);
      await runOne(EFFECTIVE, 1, async (stage, runId) => {
        const wins = workTable('wins', runId);
        try {
          const statements = effectiveSql(keyArea, stage, wins, opts.shared?.joinSettings ?? await joinSettingsOf(db));
          for (const [k, s] of statements.entries()) {
            await db.command(raw(s + (k === statements.length - 1 ? writeSettings : ''), { month: `${month}-01`, run: runId }), 'classify.effective');
          }
        } finally {
          await db.command(raw(`DROP TABLE IF EXISTS ${wins}`));
        }
      });
    }
  } finally {
    await feats?.drop();
  }
  progress(`${month} 完成`, 1);
  return { month, models: summaries, seconds: (Date.now() - t0) / 1000 };
}

/**
 * The month's features read from one snapshot of the imported tables: an import that swaps enterprises, roles or
 * events in while they are read (the run reads them in several statements) would leave some features computed from
 * the old copy and some from the new. The tables' UUIDs are compared before and after (inputVersion); on a change the
 * features are built again (INPUT_ATTEMPTS), or — when they read the run's month-independent tables, built from the
 * old copy — InputsChangedError tells classifyAll to rebuild those first. Publishing later is fine: the results are
 * those of the snapshot read, as for any run that began before an import.
 */
async function consistentFeatures(db: Db, month: string, batch: string, opts: ClassifyOptions, progress: (text: string, f: number) => void): Promise<FeatureTables> {
  for (let attempt = 1; ; attempt++) {
    const before = opts.shared?.inputs ?? await inputVersion(db);
    const feats = await buildFeatures(db, monthEnd(month), batch, opts.shared);
    await opts.afterFeatures?.(month, attempt);
    if (await inputVersion(db) === before) return feats;
    await feats.drop();
    if (opts.shared) throw new InputsChangedError();
    if (attempt >= INPUT_ATTEMPTS) throw inputsKeptChanging('分类', month);
    progress(`${month} 计算中数据已被导入替换，重新计算特征…`, 0);
  }
}

/**
 * Months that have events (YYYY-MM, ascending), at most the latest `maxMonths`, not before `since` nor before
 * FIRST_MONTH. `skipped` receives the months with events (from `since`) before FIRST_MONTH, which are not
 * classified, if any.
 */
export async function monthsWithEvents(db: Db, opts: { since?: string; maxMonths?: number; skipped?: (months: string[]) => void } = {}): Promise<string[]> {
  const rows = await db.rows<{ m: string }>(raw(
    // (Not toStartOfMonth: it returns a Date, which clamps an event of 1965 to 1970-01.)
    `SELECT DISTINCT formatDateTime(event_date, '%Y-%m') AS m FROM events ORDER BY m`), 'classify.months');
  const all = rows.map((r) => r.m).filter((m) => !opts.since || m >= opts.since);
  const early = all.filter((m) => m < FIRST_MONTH);
  if (early.length) opts.skipped?.(early);
  let months = all.filter((m) => m >= FIRST_MONTH);
  const max = opts.maxMonths ?? 60;
  if (months.length > max) months = months.slice(-max);
  return months;
}

/** Every month with events from FIRST_MONTH on (monthsWithEvents); `skipped` hears of the earlier ones. */
export async function classifyAll(db: Db, opts: ClassifyOptions & { since?: string; maxMonths?: number; modelId?: string; skipped?: (months: string[]) => void } = {}): Promise<MonthSummary[]> {
  const months = await monthsWithEvents(db, opts);
  const out: MonthSummary[] = [];
  const build = () => buildShared(db, `all_${crypto.randomBytes(6).toString('hex')}`);
  let shared = months.length && opts.modelId !== EFFECTIVE ? await build() : undefined;
  try {
    for (const [k, month] of months.entries()) {
      const progress = (text: string, f: number) => opts.progress?.(`[${k + 1}/${months.length}] ${text}`, (k + f) / months.length);
      for (let attempt = 1; ; attempt++) {
        try {
          out.push(await classifyMonth(db, month, opts.modelId, { ...opts, shared, progress }));
          break;
        } catch (e) {
          // An import swapped the tables in since the month-independent tables were built: rebuild them, run the month again.
          if (!(e instanceof InputsChangedError) || !shared) throw e;
          if (attempt >= INPUT_ATTEMPTS) throw inputsKeptChanging('分类', month);
          progress(`${month} 计算中数据已被导入替换，重新计算…`, 0);
          await shared.drop();
          shared = undefined;
          shared = await build();
        }
      }
    }
  } finally {
    await shared?.drop();
  }
  return out;
}
