/**
 * The objection register (异议登记): an enterprise's objection to a record or to its class for a month, with the
 * source department's answer due 3 working days after receipt (seed 003: 信息提供部门在3个工作日内将处理结果书面反馈).
 * Steps: received → forwarded (to the source department) → answered → corrected | upheld. Every step is a row in
 * objection_steps (who, when) and an audit-log entry. A correction is stored in event_corrections (history is never
 * deleted; the classification reads events through events_corrected) and re-classifies the enterprise's months from
 * the corrected record's month (reclass.ts).
 */
import crypto from 'node:crypto';
import type { Db } from '../db/client';
import { sql, p } from '../db/sql';
import type { Viewer } from '../auth/viewer';
import { audit } from '../auth/audit';
import { runQuery } from '../../queries/define';
import { objectionEnterprise } from '../../queries/objections/enterprise';
import { enterpriseRecords } from '../../queries/objections/records';
import { objectionList } from '../../queries/objections/list';
import type { ObjectionStatus } from '../../queries/objections/common';
import { addWorkdays, parseDay, todayCn, yearCovered } from '../calendar/workdays';
import { loadCalendar } from '../calendar/store';
import { reclassify, reclassSummary, type ReclassResult } from './reclass';
import { correctionFromMonths, holdToken, reclassToken } from '../classify/housekeeping';
import { rowVersion } from '../db/version';
import { serialized } from '../db/serialized';
import { utcText } from '../db/time';
import { modelLabel } from '../../components/palette';

/** 3 个工作日 (seed 003). */
export const ANSWER_WORKDAYS = 3;

export const STATUS_LABEL: Record<ObjectionStatus, string> = {
  received: '已受理', forwarded: '已转办', answered: '已答复', corrected: '异议成立·已更正', upheld: '异议不成立·维持',
};
export const STEP_ORDER: readonly ObjectionStatus[] = ['received', 'forwarded', 'answered', 'corrected'];

/** Allowed next steps from each status (the county credit office may answer without forwarding). */
export const NEXT_STEPS: Record<ObjectionStatus, readonly ObjectionStatus[]> = {
  received: ['forwarded', 'answered'],
  forwarded: ['answered'],
  answered: ['corrected', 'upheld'],
  corrected: [],
  upheld: [],
};

export class ObjectionError extends Error {
  constructor(message: string, readonly code: 'NOT_FOUND' | 'BAD_REQUEST' | 'FORBIDDEN') { super(message); }
}

export interface NewObjection {
  uscc: string;
  targetKind: 'event' | 'class';
  eventId?: string;
  /** YYYY-MM, for a class objection. */
  month?: string;
  modelId?: string;
  objector: string;
  what: string;
  grounds: string;
  receivedDate: string;
}

export interface CorrectionInput {
  eventId: string;
  action: 'remove' | 'change';
  severity?: 'general' | 'serious';
  amountYuan?: number;
  endDate?: string;
  detail?: string;
}

export interface StepInput {
  id: string;
  step: Exclude<ObjectionStatus, 'received'>;
  /** The step's date (forwarded / answered), default today. */
  date?: string;
  forwardedTo?: string;
  answer?: string;
  note?: string;
  /** corrected: the records corrected (omitted: an event objection removes the record objected to; [] corrects none). */
  corrections?: CorrectionInput[];
}

function checkDay(s: string, what: string): void {
  try { parseDay(s); } catch { throw new ObjectionError(`${what}格式应为 YYYY-MM-DD: ${s}`, 'BAD_REQUEST'); }
}

/** The due date of an objection received on `receivedDate`, and whether the calendar covers that year. */
export async function dueDate(db: Db, receivedDate: string): Promise<{ due: string; calendarCovered: boolean }> {
  checkDay(receivedDate, '受理日期');
  const cal = await loadCalendar(db);
  const due = addWorkdays(receivedDate, ANSWER_WORKDAYS, cal);
  return { due, calendarCovered: yearCovered(Number(receivedDate.slice(0, 4)), cal) && yearCovered(Number(due.slice(0, 4)), cal) };
}

async function insertStep(db: Db, viewer: Viewer, id: string, step: ObjectionStatus, stepDate: string, note: string, detail: unknown, ip: string): Promise<void> {
  await db.insert('objection_steps', [{
    step_id: crypto.randomUUID(), objection_id: id, step, actor: viewer.name, ts: utcText(), step_date: stepDate, note: note.slice(0, 2000), detail: JSON.stringify(detail ?? {}),
  }]);
  audit(db, viewer, 'change', `objection.${step}`, { id, stepDate, note: note.slice(0, 200), detail }, ip);
}

export async function recordObjection(db: Db, viewer: Viewer, inp: NewObjection, ip = ''): Promise<{ id: string; dueDate: string; calendarCovered: boolean }> {
  const [ent] = await runQuery(db, objectionEnterprise, { uscc: inp.uscc }, viewer);
  if (!ent) throw new ObjectionError('企业不存在或不在您的数据范围内', 'NOT_FOUND');
  checkDay(inp.receivedDate, '受理日期');
  if (inp.receivedDate > todayCn()) throw new ObjectionError('受理日期不能晚于今天', 'BAD_REQUEST');
  if (!inp.objector.trim()) throw new ObjectionError('请填写异议申请人', 'BAD_REQUEST');
  if (!inp.grounds.trim()) throw new ObjectionError('请填写异议理由', 'BAD_REQUEST');
  let ev: { event_id: string; event_date: string; category: string; source: string } | undefined;
  if (inp.targetKind === 'event') {
    if (!inp.eventId) throw new ObjectionError('请选择异议的记录', 'BAD_REQUEST');
    const recs = await runQuery(db, enterpriseRecords, { uscc: inp.uscc, eventIds: [inp.eventId] }, viewer);
    ev = recs.find((r) => r.event_id === inp.eventId);
    if (!ev) throw new ObjectionError('该记录不属于此企业', 'BAD_REQUEST');
  } else if (!inp.month || !/^\d{4}-(0[1-9]|1[0-2])$/.test(inp.month)) {
    throw new ObjectionError('请填写异议的分类月份（YYYY-MM）', 'BAD_REQUEST');
  } else {
    // An objection to a class names a class the enterprise was given: that month and model must have its result.
    const model = inp.modelId ?? 'effective';
    const had = await db.one<{ n: number }>(sql`
      SELECT toUInt32(count()) AS n FROM class_results
      WHERE uscc = ${p.str(ent.uscc)} AND month = ${p.date(`${inp.month}-01`)} AND model_id = ${p.str(model)}`, 'objections.classOf');
    if (!Number(had?.n)) throw new ObjectionError(`该企业 ${inp.month} 没有“${modelLabel(model)}”分类结果，无法对该月分类提出异议`, 'BAD_REQUEST');
  }
  const { due, calendarCovered } = await dueDate(db, inp.receivedDate);
  const id = `YY${inp.receivedDate.replace(/-/g, '')}-${crypto.randomBytes(3).toString('hex').toUpperCase()}`;
  const ts = utcText();
  await db.insert('objections', [{
    objection_id: id, uscc: ent.uscc, enterprise_name: ent.name, province_code: ent.province_code, prefecture_code: ent.prefecture_code,
    county_code: ent.county_code, target_kind: inp.targetKind, event_id: ev?.event_id ?? '', event_date: ev?.event_date ?? null,
    event_category: ev?.category ?? '', event_source: ev?.source ?? '', month: inp.targetKind === 'class' ? `${inp.month}-01` : null,
    model_id: inp.targetKind === 'class' ? (inp.modelId ?? 'effective') : '', objector: inp.objector.slice(0, 200), what: inp.what.slice(0, 500),
    grounds: inp.grounds.slice(0, 4000), received_date: inp.receivedDate, due_date: due, status: 'received', forwarded_to: '', forwarded_date: null,
    answer: '', answered_date: null, outcome_note: '', reclass_status: '', reclass_message: '', created_by: viewer.name, created_at: ts,
    updated_by: viewer.name, updated_at: ts, version: rowVersion(),
  }]);
  await insertStep(db, viewer, id, 'received', inp.receivedDate, inp.grounds, { dueDate: due, target: inp.targetKind, eventId: inp.eventId ?? '', month: inp.month ?? '' }, ip);
  return { id, dueDate: due, calendarCovered };
}

/**
 * Re-derives every objection's due date from the calendar as it now stands, after an administrator changed a day
 * (or the year's official holidays were entered): a due date is computed when the objection is received, and one
 * computed before its year's holidays were known, or before a day was corrected, would stay wrong (falsely overdue,
 * or late answers not seen). Returns the ids whose due date changed; each change is a new row version and an audit entry.
 */
export async function refreshDueDates(db: Db, actor: Viewer | { name: string; role: '' }, ip = ''): Promise<string[]> {
  const cal = await loadCalendar(db);
  const rows = await db.rows<RawObjection & { received_date: string; due_date: string }>(
    sql`SELECT * EXCEPT version FROM objections FINAL`, 'objections.refreshDue');
  const changed: Array<{ id: string; from: string; to: string }> = [];
  const ts = utcText();
  const out: Array<Record<string, unknown>> = [];
  for (const r of rows) {
    const due = addWorkdays(String(r.received_date), ANSWER_WORKDAYS, cal);
    if (due === String(r.due_date)) continue;
    changed.push({ id: r.objection_id, from: String(r.due_date), to: due });
    out.push({ ...r, due_date: due, updated_by: actor.name, updated_at: ts, version: rowVersion() });
  }
  if (out.length) {
    await db.insert('objections', out);
    audit(db, actor, 'change', 'objection.dueDates', { changed: changed.slice(0, 50), n: changed.length }, ip);
  }
  return changed.map((c) => c.id);
}

type RawObjection = Record<string, unknown> & { objection_id: string; uscc: string; status: ObjectionStatus; event_id: string; target_kind: string; month: string | null; event_source: string };

async function rawObjection(db: Db, viewer: Viewer, id: string): Promise<RawObjection> {
  // Scope check through the register query, then the stored row to re-insert.
  const [row] = await runQuery(db, objectionList, { today: todayCn(), id, limit: 1 }, viewer);
  if (!row) throw new ObjectionError('异议不存在或不在您的数据范围内', 'NOT_FOUND');
  const raw = await db.one<RawObjection>(sql`SELECT * EXCEPT version FROM objections FINAL WHERE objection_id = ${p.str(id)}`, 'objections.raw');
  if (!raw) throw new ObjectionError('异议不存在', 'NOT_FOUND');
  return raw;
}

async function update(db: Db, viewer: Viewer, raw: RawObjection, patch: Record<string, unknown>): Promise<void> {
  await db.insert('objections', [{ ...raw, ...patch, updated_by: viewer.name, updated_at: utcText(), version: rowVersion() }]);
}

export interface StepResult {
  id: string;
  status: ObjectionStatus;
  /** Set when the step corrected records: run `runObjectionReclass(db, id, actor)` (a job in the server). */
  reclass: { uscc: string; fromMonth: string } | null;
}

/**
 * Moves an objection on by one step. Steps are taken one at a time in the process: two sent together (a double click,
 * or a correction and an upholding from two desks) both passed the status check before either was written, so an
 * objection got two decisions, or stood 维持 with its correction applied.
 */
export function advanceObjection(db: Db, viewer: Viewer, inp: StepInput, ip = ''): Promise<StepResult> {
  return serialized('objection-step', () => advance(db, viewer, inp, ip));
}

async function advance(db: Db, viewer: Viewer, inp: StepInput, ip: string): Promise<StepResult> {
  const o = await rawObjection(db, viewer, inp.id);
  if (!NEXT_STEPS[o.status].includes(inp.step)) {
    throw new ObjectionError(`当前状态“${STATUS_LABEL[o.status]}”不能进行“${STATUS_LABEL[inp.step]}”`, 'BAD_REQUEST');
  }
  const date = inp.date ?? todayCn();
  checkDay(date, '日期');
  if (date > todayCn()) throw new ObjectionError('日期不能晚于今天', 'BAD_REQUEST');
  if (date < String(o.received_date)) throw new ObjectionError('日期不能早于受理日期', 'BAD_REQUEST');
  // Steps follow one another in time too: an answer is not dated before the forwarding, a decision before the answer.
  const prior = o.answered_date ? { label: '答复', day: String(o.answered_date) } : o.forwarded_date ? { label: '转办', day: String(o.forwarded_date) } : null;
  if (prior && date < prior.day) throw new ObjectionError(`日期不能早于${prior.label}日期（${prior.day}）`, 'BAD_REQUEST');
  const note = (inp.note ?? '').slice(0, 2000);

  if (inp.step === 'forwarded') {
    const to = (inp.forwardedTo ?? '').trim() || o.event_source;
    if (!to) throw new ObjectionError('请填写转办的信息提供部门', 'BAD_REQUEST');
    await update(db, viewer, o, { status: 'forwarded', forwarded_to: to.slice(0, 200), forwarded_date: date });
    await insertStep(db, viewer, o.objection_id, 'forwarded', date, note, { forwardedTo: to }, ip);
    return { id: o.objection_id, status: 'forwarded', reclass: null };
  }
  if (inp.step === 'answered') {
    const answer = (inp.answer ?? '').trim();
    if (!answer) throw new ObjectionError('请填写信息提供部门的处理结果', 'BAD_REQUEST');
    await update(db, viewer, o, { status: 'answered', answer: answer.slice(0, 4000), answered_date: date });
    await insertStep(db, viewer, o.objection_id, 'answered', date, note, { answer: answer.slice(0, 500), late: date > String(o.due_date) }, ip);
    return { id: o.objection_id, status: 'answered', reclass: null };
  }
  if (inp.step === 'upheld') {
    await update(db, viewer, o, { status: 'upheld', outcome_note: note });
    await insertStep(db, viewer, o.objection_id, 'upheld', date, note, {}, ip);
    return { id: o.objection_id, status: 'upheld', reclass: null };
  }

  // corrected. No `corrections` on an event objection: the record objected to is removed; an empty list corrects no
  // record (异议成立 but the record stands as it is: "不更正记录，仅重新分类") and only re-classifies.
  const corrections = inp.corrections ?? (o.target_kind === 'event' ? [{ eventId: o.event_id, action: 'remove' as const }] : []);
  const recs = await runQuery(db, enterpriseRecords, { uscc: o.uscc, eventIds: corrections.map((c) => c.eventId) }, viewer);
  const byId = new Map(recs.map((r) => [r.event_id, r]));
  for (const c of corrections) {
    const r = byId.get(c.eventId);
    if (!r) throw new ObjectionError(`记录 ${c.eventId} 不属于此企业`, 'BAD_REQUEST');
    if (c.action === 'change' && c.severity === undefined && c.amountYuan === undefined && c.endDate === undefined && c.detail === undefined) {
      throw new ObjectionError('变更记录须至少更正一项（严重程度、金额、结束日期或内容）', 'BAD_REQUEST');
    }
    if (c.endDate) {
      checkDay(c.endDate, '结束日期');
      if (c.endDate < r.event_date) throw new ObjectionError(`结束日期 ${c.endDate} 不能早于记录日期 ${r.event_date}`, 'BAD_REQUEST');
    }
  }
  const ts = utcText();
  if (corrections.length) {
    await db.insert('event_corrections', corrections.map((c) => ({
      correction_id: crypto.randomUUID(), objection_id: o.objection_id, event_id: c.eventId, uscc: o.uscc, action: c.action,
      severity: c.action === 'change' ? (c.severity ?? null) : null, amount_yuan: c.action === 'change' ? (c.amountYuan ?? null) : null,
      end_date: c.action === 'change' ? (c.endDate ?? null) : null, detail: c.action === 'change' ? (c.detail ?? null) : null,
      note, actor: viewer.name, ts,
    })));
  }
  const months = corrections.map((c) => byId.get(c.eventId)!.event_date.slice(0, 7));
  if (o.target_kind === 'class' && o.month) months.push(String(o.month).slice(0, 7));
  if (o.target_kind === 'event' && o.event_date) months.push(String(o.event_date).slice(0, 7));
  const fromMonth = months.sort()[0] ?? null;
  await update(db, viewer, o, { status: 'corrected', outcome_note: note, reclass_status: fromMonth ? 'running' : '', reclass_message: '' });
  await insertStep(db, viewer, o.objection_id, 'corrected', date, note, { corrections, fromMonth }, ip);
  return { id: o.objection_id, status: 'corrected', reclass: fromMonth ? { uscc: o.uscc, fromMonth } : null };
}

/** Re-classifies after a correction and records the outcome on the objection (reclass_status done / failed). */
export async function runObjectionReclass(db: Db, viewer: Viewer, id: string, fromMonth: string, progress?: (t: string, f: number) => void): Promise<ReclassResult> {
  // While this holds the token, the stale-run check (classify/housekeeping.ts) leaves reclass_status 'running' alone.
  const release = holdToken(reclassToken('objection', id));
  try {
    return await reclassObjection(db, viewer, id, fromMonth, progress);
  } finally {
    release();
  }
}

/**
 * Prepares a failed re-classification to run again (it failed, or its process died and housekeeping closed it as
 * failed): the objection must be in the viewer's scope and its re-classification failed; marks it running and
 * returns the months to run (from the correction step). The caller runs `runObjectionReclass` (a job in the server).
 */
export function retryObjectionReclass(db: Db, viewer: Viewer, id: string): Promise<{ uscc: string; fromMonth: string }> {
  return serialized('objection-step', () => retryReclass(db, viewer, id));
}

async function retryReclass(db: Db, viewer: Viewer, id: string): Promise<{ uscc: string; fromMonth: string }> {
  const o = await rawObjection(db, viewer, id);
  if (o.reclass_status !== 'failed') {
    throw new ObjectionError(o.reclass_status === 'running' ? '该异议的重新分类正在进行' : '该异议没有未完成的重新分类', 'BAD_REQUEST');
  }
  const r = await db.one<{ from_month: string }>(correctionFromMonths(id), 'objections.retry');
  const fromMonth = r?.from_month ?? '';
  if (!/^\d{4}-\d{2}$/.test(fromMonth)) throw new ObjectionError('未找到更正记录的起始月份，无法重新分类', 'BAD_REQUEST');
  await update(db, viewer, o, { reclass_status: 'running', reclass_message: '' });
  return { uscc: o.uscc, fromMonth };
}

async function reclassObjection(db: Db, viewer: Viewer, id: string, fromMonth: string, progress?: (t: string, f: number) => void): Promise<ReclassResult> {
  const o = await rawObjection(db, viewer, id);
  try {
    const res = await reclassify(db, { refKind: 'objection', refId: id, uscc: o.uscc, fromMonth, actor: viewer.name, progress });
    const fresh = await rawObjection(db, viewer, id);
    await update(db, viewer, fresh, { reclass_status: 'done', reclass_message: reclassSummary(res) });
    return res;
  } catch (e) {
    const fresh = await rawObjection(db, viewer, id);
    await update(db, viewer, fresh, { reclass_status: 'failed', reclass_message: (e as Error).message.slice(0, 500) });
    throw e;
  }
}
