/**
 * 双随机抽查计划 on the server: preview (expected counts per class after exemptions), save, the seeded stratified
 * draw with inspector pairing, verification of a stored draw, results recorded on the page (written to `events` as
 * `inspection` events so the next classification uses them), the roster, and problem rates compared across plans.
 *
 * Audit trail: a plan stores its settings (scope, ratios, exemptions), seed, and at the draw the per-class counts,
 * the instant of the draw and the enterprises left out because they had closed since the classified month
 * (inspection_exclusions: `enterprises` is replaced by every import, so the draw records what it read). The list is
 * a pure function of (settings, seed, class results of the month, those recorded exclusions, lists of plans drawn
 * earlier in the year): `verifyDraw` recomputes it and compares with the stored list. The inspectors are paired
 * from the roster of the plan's region, whoever draws.
 *
 * Several processes may draw against one ClickHouse server (the web server and the CLI): besides the in-process
 * lock, a draw first claims the plan (inspection_draw_claims) and only the earliest live claim goes on.
 */
import crypto from 'node:crypto';
import type { Db } from '../db/client';
import { sql, p } from '../db/sql';
import { inScope, type Viewer } from '../auth/viewer';
import { runQuery } from '../../queries/define';
import { planPreview } from '../../queries/inspections/preview';
import { planDraw } from '../../queries/inspections/draw';
import { inspectionPlans, type planRow } from '../../queries/inspections/plans';
import { planTargets } from '../../queries/inspections/targets';
import { planStats } from '../../queries/inspections/stats';
import { inspectorRoster, pairingRoster } from '../../queries/inspections/roster';
import { planClosedNow } from '../../queries/inspections/closed';
import { pairInspectors, overlaps, type Inspector } from './pairing';
import {
  CLASSES, planSettingsSchema, sampleSize, seedSchema, newSeed, PLANS_LISTED,
  type ClassCount, type PlanSettings, type PlanSettingsInput, type RiskClass,
} from './settings';
import type { z } from 'zod';
import { rowVersion } from '../db/version';
import { utcText } from '../db/time';
import { parseDay, todayCn } from '../calendar/workdays';
import { withEventWrites, type PageEventSource } from '../import/pageEvents';
import { INSPECTION_RESULTS, type InspectionResult } from '../domain/inspection';

export class PlanError extends Error {
  constructor(message: string, readonly code: 'NOT_FOUND' | 'BAD_REQUEST' | 'FORBIDDEN') { super(message); }
}

export { INSPECTION_RESULTS, type InspectionResult };
export const RESULT_LABEL: Record<string, string> = { pass: '未发现问题', problem: '发现问题', unreachable: '查无下落', '': '待检查' };
/** `source` of the events written for results recorded on the page. */
export const RESULT_SOURCE = '双随机抽查';

type PlanRow = z.infer<typeof planRow>;
export interface Plan extends Omit<PlanRow, 'settings' | 'counts'> { settings: PlanSettings; counts: ClassCount[] }

/** 'YYYY-MM-DD HH:MM:SS.mmm' (UTC) — how instants are stored and compared (server/db/time.ts utcText). */
export function instant(d = new Date()): string {
  return utcText(d);
}

/** Ancestor columns of a region code ('' = no region). */
export function regionColumns(code: string): { province_code: string; prefecture_code: string; county_code: string } {
  if (!code) return { province_code: '', prefecture_code: '', county_code: '' };
  const c = code.slice(0, 6);
  return {
    province_code: `${c.slice(0, 2)}0000`,
    prefecture_code: c.endsWith('0000') ? '' : `${c.slice(0, 4)}00`,
    county_code: c.endsWith('00') ? '' : c,
  };
}

/**
 * Validates settings against the viewer: a plan's region must lie inside the viewer's region (a county analyst plans
 * only in their county); without a region the plan takes the viewer's region.
 */
export function resolveSettings(viewer: Viewer, input: PlanSettingsInput): PlanSettings {
  const parsed = planSettingsSchema.safeParse(input);
  if (!parsed.success) throw new PlanError(`计划设置无效：${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}`, 'BAD_REQUEST');
  const s = parsed.data;
  if (s.scope.region && !inScope(viewer, s.scope.region)) throw new PlanError('抽查范围超出您的数据权限（只能在本辖区内制定计划）', 'FORBIDDEN');
  if (!s.scope.region && viewer.regionCode) s.scope.region = viewer.regionCode;
  return s;
}

/** The latest month with class results of a model (YYYY-MM), or undefined. */
export async function latestMonth(db: Db, model = 'effective'): Promise<string | undefined> {
  const r = await db.one<{ m: string }>(sql`SELECT formatDateTime(max(month), '%Y-%m') AS m, count() AS n FROM class_results WHERE model_id = ${p.str(model)} HAVING n > 0`, 'inspections.latestMonth');
  return r?.m;
}

/** Classified months of a model, newest first. */
export async function classifiedMonths(db: Db, model = 'effective'): Promise<string[]> {
  const rows = await db.rows<{ m: string }>(sql`SELECT DISTINCT formatDateTime(month, '%Y-%m') AS m FROM class_results WHERE model_id = ${p.str(model)} ORDER BY m DESC`, 'inspections.months');
  return rows.map((r) => r.m);
}

/** Expected counts per class (population, each exemption, eligible, ratio, sample size). */
export async function previewCounts(
  db: Db, viewer: Viewer, settings: PlanSettings, opts: { planId?: string; cutoff?: string; closed?: 'now' | 'plan' } = {},
): Promise<ClassCount[]> {
  const rows = await runQuery(db, planPreview, { settings, planId: opts.planId ?? '', cutoff: opts.cutoff ?? instant(), closed: opts.closed ?? 'now' }, viewer);
  return CLASSES.map((c) => {
    const r = rows.find((x) => x.class === c);
    const eligible = r?.eligible ?? 0;
    return {
      class: c, population: r?.population ?? 0, status: r?.status ?? 0, drawn: r?.drawn ?? 0, inclusion: r?.inclusion ?? 0,
      observation: r?.observation ?? 0, eligible, ratio: settings.ratios[c], expected: sampleSize(eligible, settings.ratios[c]),
    };
  });
}

export async function previewPlan(db: Db, viewer: Viewer, input: PlanSettingsInput): Promise<{ settings: PlanSettings; counts: ClassCount[] }> {
  const settings = resolveSettings(viewer, input);
  return { settings, counts: await previewCounts(db, viewer, settings) };
}

function parsePlan(r: PlanRow): Plan {
  return { ...r, settings: planSettingsSchema.parse(JSON.parse(r.settings)), counts: r.counts ? (JSON.parse(r.counts) as ClassCount[]) : [] };
}

export async function getPlan(db: Db, viewer: Viewer, planId: string): Promise<Plan> {
  if (!/^[0-9a-f]{8}$/.test(planId)) throw new PlanError(`计划编号无效：${planId}`, 'BAD_REQUEST');
  const [r] = await runQuery(db, inspectionPlans, { planId }, viewer);
  if (!r) throw new PlanError('抽查计划不存在或不在您的数据范围内', 'NOT_FOUND');
  return parsePlan(r);
}

/** Plans the viewer sees, newest first: the latest `limit` (the page's list) or, with `ALL_PLANS`, every one. */
export async function listPlans(db: Db, viewer: Viewer, limit = PLANS_LISTED): Promise<Plan[]> {
  return (await runQuery(db, inspectionPlans, { limit }, viewer)).map(parsePlan);
}
export const ALL_PLANS = 1_000_000;

async function writePlan(db: Db, plan: Omit<Plan, 'region_name' | 'targets' | 'created_at' | 'drawn_at'>): Promise<void> {
  await db.insert('inspection_plans', [{
    plan_id: plan.plan_id, name: plan.name, year: plan.year, month: `${plan.month}-01`, model_id: plan.model_id, region_code: plan.region_code,
    ...regionColumns(plan.region_code), settings: JSON.stringify(plan.settings), seed: plan.seed, status: plan.status,
    created_by: plan.created_by, created_at: plan.created_instant, drawn_by: plan.drawn_by, drawn_at: plan.drawn_instant || null,
    counts: JSON.stringify(plan.counts), exclusions_recorded: plan.exclusions_recorded, version: rowVersion(),
  }]);
}

/** Saves a plan (draft) with its settings and seed (a fresh random seed when none is given). */
export async function createPlan(db: Db, viewer: Viewer, input: PlanSettingsInput, seed?: string): Promise<Plan> {
  const settings = resolveSettings(viewer, input);
  const s = seed ?? newSeed();
  if (!seedSchema.safeParse(s).success) throw new PlanError('随机种子只能包含字母、数字、- 和 _（最多 40 个字符）', 'BAD_REQUEST');
  const planId = crypto.randomBytes(4).toString('hex');
  const plan = {
    plan_id: planId, name: settings.name, year: settings.year, month: settings.month, model_id: settings.model, region_code: settings.scope.region ?? '',
    settings, seed: s, status: 'draft' as const, created_by: viewer.name, created_instant: instant(), drawn_by: '', drawn_instant: '', exclusions_recorded: 0,
    counts: await previewCounts(db, viewer, settings),
  };
  await writePlan(db, plan);
  return getPlan(db, viewer, planId);
}

export interface DrawnTarget {
  uscc: string; class: RiskClass; score: number; rank: number; province_code: string; prefecture_code: string; county_code: string;
  street_code: string; industry_code: string;
}

/**
 * The list the plan's settings and seed give, with only plans drawn before `cutoff` exempting. `closed`: 'plan' takes
 * the enterprises closed since the snapshot from the exclusions recorded by the plan's draw, 'now' from the current
 * `enterprises` (a preview; a plan drawn before the draw recorded them).
 */
export async function computeDraw(
  db: Db, viewer: Viewer, plan: Pick<Plan, 'plan_id' | 'settings' | 'seed'>, cutoff: string, closed: 'now' | 'plan' = 'now',
): Promise<{ counts: ClassCount[]; targets: DrawnTarget[] }> {
  const counts = await previewCounts(db, viewer, plan.settings, { planId: plan.plan_id, cutoff, closed });
  const sizes = Object.fromEntries(counts.map((c) => [c.class, c.expected])) as Record<RiskClass, number>;
  const targets = await runQuery(db, planDraw, { settings: plan.settings, planId: plan.plan_id, cutoff, closed, seed: plan.seed, sizes }, viewer);
  return { counts, targets };
}

// Draws are serialised in this process so two plans drawn at once cannot both take an enterprise.
const lockHolder = globalThis as unknown as { __xinyanDrawLock?: Promise<unknown> };

/** Draws a saved plan: the list with paired inspectors is stored and the plan marked drawn (once). */
export async function drawPlan(db: Db, viewer: Viewer, planId: string): Promise<Plan> {
  const prev = lockHolder.__xinyanDrawLock ?? Promise.resolve();
  const mine = prev.catch(() => undefined).then(() => drawLocked(db, viewer, planId));
  lockHolder.__xinyanDrawLock = mine;
  return mine;
}

/** How long a claim on drawing a plan holds: a draw takes seconds; a claim left by a process that died lapses. */
const CLAIM_SECONDS = 900;

/**
 * Claims drawing `planId` for this attempt and returns the claim's token, or throws when another attempt (another
 * process against the same server) claimed it first. The claim's time is the server's clock at the insert, so of
 * two attempts the later one always sees the earlier one's claim: either it inserted before the earlier one read
 * (then both see both and only the earliest goes on) or after (then the earlier one already went on alone).
 */
export async function claimDraw(db: Db, planId: string): Promise<string> {
  const token = crypto.randomBytes(8).toString('hex');
  await db.command(sql`INSERT INTO inspection_draw_claims (plan_id, token) VALUES (${p.str(planId)}, ${p.str(token)})`, 'inspections.claim');
  const first = await db.one<{ token: string }>(sql`
    SELECT token FROM inspection_draw_claims
    WHERE plan_id = ${p.str(planId)} AND claimed_at > now64(6) - toIntervalSecond(${p.uint(CLAIM_SECONDS)})
    ORDER BY claimed_at, token LIMIT 1`, 'inspections.claimFirst');
  if (first?.token !== token) {
    await releaseClaim(db, token);
    throw new PlanError('该计划正在由另一处抽取（其他用户或命令行），请稍后刷新查看结果', 'BAD_REQUEST');
  }
  return token;
}

async function releaseClaim(db: Db, token: string): Promise<void> {
  await db.command(sql`DELETE FROM inspection_draw_claims WHERE token = ${p.str(token)}`, 'inspections.releaseClaim');
}

async function drawLocked(db: Db, viewer: Viewer, planId: string): Promise<Plan> {
  if ((await getPlan(db, viewer, planId)).status === 'drawn') throw new PlanError('该计划已抽取，名单不可重抽（可核验）', 'BAD_REQUEST');
  const token = await claimDraw(db, planId);
  try {
    return await drawClaimed(db, viewer, planId);
  } catch (e) {
    // Let a retry go on at once (what this attempt wrote is cleared by the retry before it writes).
    await releaseClaim(db, token).catch(() => undefined);
    throw e;
  }
}

async function drawClaimed(db: Db, viewer: Viewer, planId: string): Promise<Plan> {
  // Read again under the claim: another process may have drawn the plan between the first read and the claim.
  const plan = await getPlan(db, viewer, planId);
  if (plan.status === 'drawn') throw new PlanError('该计划已抽取，名单不可重抽（可核验）', 'BAD_REQUEST');
  const cutoff = instant();
  // Rows an earlier attempt that died mid-way left behind (the plan is still a draft, so none of them is a list).
  const left = await db.one<{ t: number; x: number }>(sql`
    SELECT (SELECT toUInt32(count()) FROM inspection_targets WHERE plan_id = ${p.str(planId)}) AS t,
      (SELECT toUInt32(count()) FROM inspection_exclusions WHERE plan_id = ${p.str(planId)}) AS x`, 'inspections.leftovers');
  if (Number(left?.t ?? 0) > 0) await db.command(sql`DELETE FROM inspection_targets WHERE plan_id = ${p.str(planId)}`, 'inspections.clearTargets');
  if (Number(left?.x ?? 0) > 0) await db.command(sql`DELETE FROM inspection_exclusions WHERE plan_id = ${p.str(planId)}`, 'inspections.clearExclusions');
  // Record what "closed since the snapshot" is right now, then draw from the record: verification replays it.
  const closed = await runQuery(db, planClosedNow, { settings: plan.settings, planId: plan.plan_id, cutoff }, viewer);
  for (let i = 0; i < closed.length; i += 50_000) {
    await db.insert('inspection_exclusions', closed.slice(i, i + 50_000).map((c) => ({ plan_id: plan.plan_id, uscc: c.uscc, status: c.closed_status, drawn_at: cutoff })));
  }
  const { counts, targets } = await computeDraw(db, viewer, plan, cutoff, 'plan');
  const names = new Map<string, { name: string; address: string }>();
  for (let i = 0; i < targets.length; i += 20_000) {
    const part = targets.slice(i, i + 20_000).map((t) => t.uscc);
    const got = await db.rows<{ uscc: string; name: string; address: string }>(sql`SELECT uscc, any(name) AS name, any(address) AS address FROM enterprises WHERE uscc IN ${p.strs(part)} GROUP BY uscc`, 'inspections.names');
    for (const g of got) names.set(g.uscc, g);
  }
  // The roster of the plan's region, not the viewer's: the same plan and seed pair the same inspectors whoever draws.
  const planRoster: Inspector[] = (await runQuery(db, pairingRoster, {}, viewer)).filter((i) => overlaps(i.region_code, plan.region_code));
  const rows = targets.map((t, i) => {
    const pair = pairInspectors(plan.seed, t.uscc, t.county_code, planRoster);
    const n = names.get(t.uscc);
    return {
      plan_id: plan.plan_id, year: plan.year, drawn_at: cutoff, seq: i + 1, uscc: t.uscc, name: n?.name ?? '', class: t.class, score: t.score, rank: t.rank,
      province_code: t.province_code, prefecture_code: t.prefecture_code, county_code: t.county_code, street_code: t.street_code,
      industry_code: t.industry_code, address: n?.address ?? '',
      inspector1_id: pair.first?.inspector_id ?? '', inspector1: pair.first?.name ?? '', inspector1_unit: pair.first?.unit ?? '',
      inspector2_id: pair.second?.inspector_id ?? '', inspector2: pair.second?.name ?? '', inspector2_unit: pair.second?.unit ?? '',
    };
  });
  for (let i = 0; i < rows.length; i += 50_000) await db.insert('inspection_targets', rows.slice(i, i + 50_000));
  const drawnCounts = counts.map((c) => ({ ...c, drawn_n: targets.filter((t) => t.class === c.class).length }));
  await writePlan(db, { ...plan, status: 'drawn', drawn_by: viewer.name, drawn_instant: cutoff, counts: drawnCounts, exclusions_recorded: 1 });
  return getPlan(db, viewer, planId);
}

/**
 * Recomputes a drawn plan's list from its stored settings, seed, draw instant and recorded exclusions, and compares
 * it with the stored list. Plans drawn before the draw recorded its exclusions are recomputed against the current
 * statuses (an enterprise closed since may then show as a difference).
 */
export async function verifyDraw(db: Db, viewer: Viewer, planId: string): Promise<{ same: boolean; stored: number; recomputed: number; missing: string[]; extra: string[] }> {
  const plan = await getPlan(db, viewer, planId);
  if (plan.status !== 'drawn') throw new PlanError('该计划尚未抽取', 'BAD_REQUEST');
  const { targets } = await computeDraw(db, viewer, plan, plan.drawn_instant, plan.exclusions_recorded ? 'plan' : 'now');
  const stored = await db.rows<{ uscc: string }>(sql`SELECT uscc FROM inspection_targets WHERE plan_id = ${p.str(planId)} ORDER BY seq`, 'inspections.storedList');
  const a = stored.map((r) => r.uscc);
  const b = targets.map((t) => t.uscc);
  const sa = new Set(a);
  const sb = new Set(b);
  return { same: a.length === b.length && a.every((u, i) => u === b[i]), stored: a.length, recomputed: b.length, missing: b.filter((u) => !sa.has(u)), extra: a.filter((u) => !sb.has(u)) };
}

/** A drawn plan's list; a draft has none (rows a draw that died left behind are no list: drawClaimed clears them). */
export async function getTargets(db: Db, viewer: Viewer, planId: string) {
  if ((await getPlan(db, viewer, planId)).status !== 'drawn') return [];
  return runQuery(db, planTargets, { planId }, viewer);
}

export interface ResultInput { planId: string; uscc: string; result: InspectionResult; date: string; note?: string }

/**
 * Records the result of one drawn enterprise as an `inspection` event (event_id 'INSP-<plan>-<seq>', source
 * 双随机抽查). Recording again replaces the plan's event for that enterprise. Returns the event id. A result is
 * dated within the plan's year, not before the day of the draw and not after today in China (`opts.today`,
 * YYYY-MM-DD: the clock of a test; the API and the CLI never pass it).
 */
export async function recordResult(db: Db, viewer: Viewer, inp: ResultInput, opts: { today?: string } = {}): Promise<{ eventId: string }> {
  const plan = await getPlan(db, viewer, inp.planId);
  if (plan.status !== 'drawn') throw new PlanError('计划尚未抽取，不能记录结果', 'BAD_REQUEST');
  if (!(INSPECTION_RESULTS as readonly string[]).includes(inp.result)) throw new PlanError('检查结果应为 pass、problem 或 unreachable', 'BAD_REQUEST');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(inp.date)) throw new PlanError('检查日期格式应为 YYYY-MM-DD', 'BAD_REQUEST');
  // A day that does not exist (2026-02-30) would be shifted by the engine (to 2026-03-02): refuse it.
  try { parseDay(inp.date); } catch { throw new PlanError(`检查日期无效：${inp.date}`, 'BAD_REQUEST'); }
  if (Number(inp.date.slice(0, 4)) !== plan.year) throw new PlanError(`检查日期应在计划年度 ${plan.year} 年内`, 'BAD_REQUEST');
  // An inspection not yet made has no result: a future date (a typo, or a result written ahead) is refused.
  const today = opts.today ?? todayCn();
  if (inp.date > today) throw new PlanError(`检查日期 ${inp.date} 晚于今天（${today}），检查尚未进行`, 'BAD_REQUEST');
  // Nor a day before the draw (China time): the enterprise was not on the list yet, so that inspection is not this
  // plan's (resultsSql applies the same rule to imported inspections); written anyway it would also be an inspection
  // event back-dated into months already classified.
  const drawDay = plan.drawn_at.slice(0, 10);
  if (inp.date < drawDay) throw new PlanError(`检查日期 ${inp.date} 早于本计划的抽取日期（${drawDay}），不是本计划的检查`, 'BAD_REQUEST');
  const t = await db.one<{ seq: number; county_code: string }>(sql`SELECT seq, toString(county_code) AS county_code FROM inspection_targets WHERE plan_id = ${p.str(plan.plan_id)} AND uscc = ${p.str(inp.uscc)} LIMIT 1`, 'inspections.target');
  if (!t || !inScope(viewer, t.county_code)) throw new PlanError('该企业不在本计划的抽查名单中', 'NOT_FOUND');
  const eventId = `INSP-${plan.plan_id}-${String(t.seq).padStart(5, '0')}`;
  // An objection that removed this result (event_corrections) removes any record under its id: a new one written
  // here would be hidden from the plan and from the classification alike (events_corrected) while the page said saved.
  const removed = await db.one<{ action: string }>(sql`
    SELECT toString(argMax(action, ts)) AS action FROM event_corrections WHERE event_id = ${p.str(eventId)} HAVING count() > 0`, 'inspections.resultCorrected');
  if (removed?.action === 'remove') throw new PlanError('该企业在本计划的检查结果已因异议更正被删除，不能再次记录（如需更正，请通过异议处理）', 'BAD_REQUEST');
  const source: PageEventSource = 'inspections';
  await withEventWrites(async () => {
    await db.command(sql`DELETE FROM events WHERE event_id = ${p.str(eventId)}`, 'inspections.replaceResult');
    await db.insert('events', [{
      event_id: eventId, uscc: inp.uscc, event_date: inp.date, category: 'inspection', severity: 'general', end_date: null, result: inp.result,
      source: RESULT_SOURCE, amount_yuan: null, detail: `双随机抽查计划「${plan.name}」（${plan.plan_id}）${inp.note ? `：${inp.note}` : ''}`.slice(0, 500), import_id: source,
    }]);
  });
  return { eventId };
}

// ---- roster (执法检查人员名录) ----

export async function listRoster(db: Db, viewer: Viewer) {
  return runQuery(db, inspectorRoster, {}, viewer);
}

export async function addInspector(db: Db, viewer: Viewer, inp: { name: string; unit: string; region: string }): Promise<{ inspectorId: string }> {
  const name = inp.name.trim();
  const unit = inp.unit.trim();
  if (!name || name.length > 40 || !unit || unit.length > 60) throw new PlanError('请填写姓名（≤40 字）和执法单位（≤60 字）', 'BAD_REQUEST');
  if (!/^\d{6}$/.test(inp.region)) throw new PlanError('所属区域应为 6 位行政区划代码', 'BAD_REQUEST');
  if (!inScope(viewer, inp.region)) throw new PlanError('所属区域超出您的数据权限', 'FORBIDDEN');
  const inspectorId = crypto.randomBytes(6).toString('hex');
  await db.insert('inspectors', [{ inspector_id: inspectorId, name, unit, region_code: inp.region, ...regionColumns(inp.region), active: 1, added_by: viewer.name, version: Date.now() }]);
  return { inspectorId };
}

export async function removeInspector(db: Db, viewer: Viewer, inspectorId: string): Promise<void> {
  const roster = await listRoster(db, viewer);
  const i = roster.find((r) => r.inspector_id === inspectorId);
  if (!i) throw new PlanError('人员不存在或不在您的数据范围内', 'NOT_FOUND');
  await db.insert('inspectors', [{ inspector_id: i.inspector_id, name: i.name, unit: i.unit, region_code: i.region_code, ...regionColumns(i.region_code), active: 0, added_by: viewer.name, version: Date.now() }]);
}

// ---- problem rates (问题发现率) ----

export interface ClassRate { class: RiskClass; drawn: number; inspected: number; problem: number; unreachable: number; rate: number | null }
/** drawn_at: China time (shown); drawn_instant: the stored UTC instant (ordering). */
export interface PlanRates { plan_id: string; name: string; drawn_at: string; drawn_instant: string; classes: ClassRate[]; total: ClassRate }

function rates(planId: string, rows: Array<{ plan_id: string; class: RiskClass; drawn: number; inspected: number; problem: number; unreachable: number }>): { classes: ClassRate[]; total: ClassRate } {
  const classes = CLASSES.map((c) => {
    const r = rows.find((x) => x.plan_id === planId && x.class === c);
    const x = { class: c, drawn: r?.drawn ?? 0, inspected: r?.inspected ?? 0, problem: r?.problem ?? 0, unreachable: r?.unreachable ?? 0 };
    return { ...x, rate: x.inspected ? x.problem / x.inspected : null };
  });
  const sum = (k: 'drawn' | 'inspected' | 'problem' | 'unreachable') => classes.reduce((a, b) => a + b[k], 0);
  const t = { drawn: sum('drawn'), inspected: sum('inspected'), problem: sum('problem'), unreachable: sum('unreachable') };
  return { classes, total: { class: 'A', ...t, rate: t.inspected ? t.problem / t.inspected : null } };
}

/** Problem rate (problems ÷ enterprises with a result) by class for every drawn plan the viewer sees, newest first. */
export async function planRates(db: Db, viewer: Viewer): Promise<PlanRates[]> {
  const plans = (await listPlans(db, viewer)).filter((pl) => pl.status === 'drawn').sort((a, b) => b.drawn_instant.localeCompare(a.drawn_instant));
  if (!plans.length) return [];
  const rows = await runQuery(db, planStats, { planIds: plans.map((pl) => pl.plan_id) }, viewer);
  return plans.map((pl) => ({ plan_id: pl.plan_id, name: pl.name, drawn_at: pl.drawn_at, drawn_instant: pl.drawn_instant, ...rates(pl.plan_id, rows) }));
}

/**
 * This plan's rates and the previous drawn plan's (same region preferred), for the comparison bars. Looked up among
 * every plan the viewer sees, not only the latest ones the list shows: an older plan has its own rates too.
 */
export async function compareWithPrevious(db: Db, viewer: Viewer, planId: string): Promise<{ current: PlanRates; previous: PlanRates | null }> {
  const plan = await getPlan(db, viewer, planId);
  const none = { plan_id: plan.plan_id, name: plan.name, drawn_at: '', drawn_instant: '', ...rates(plan.plan_id, []) };
  if (plan.status !== 'drawn') return { current: none, previous: null };
  const earlier = (await listPlans(db, viewer, ALL_PLANS))
    .filter((pl) => pl.status === 'drawn' && pl.drawn_instant < plan.drawn_instant)
    .sort((a, b) => b.drawn_instant.localeCompare(a.drawn_instant));
  const prev = earlier.find((pl) => pl.region_code === plan.region_code) ?? earlier[0];
  const rows = await runQuery(db, planStats, { planIds: prev ? [plan.plan_id, prev.plan_id] : [plan.plan_id] }, viewer);
  const ratesOf = (pl: Plan): PlanRates => ({ plan_id: pl.plan_id, name: pl.name, drawn_at: pl.drawn_at, drawn_instant: pl.drawn_instant, ...rates(pl.plan_id, rows) });
  return { current: ratesOf(plan), previous: prev ? ratesOf(prev) : null };
}
