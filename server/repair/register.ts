/**
 * Credit repair (信用修复) on the server: the eligibility check of an enterprise's records, and the repair register.
 * A registered repair writes a `credit_repair` event (event_id 'CR-…', source 信用修复, detail = the repaired record's
 * event_id), which the classification honours from the repair date — exactly as an imported credit_repair event.
 * Imports keep the rows they did not bring (like the warning desk's inspection events); `syncRepairEvents` re-writes
 * any repair event missing from `events` (e.g. lost to an import published at the same moment).
 */
import crypto from 'node:crypto';
import type { Db } from '../db/client';
import { p, sql } from '../db/sql';
import { serialized } from '../db/serialized';
import type { Viewer } from '../auth/viewer';
import { audit } from '../auth/audit';
import { runQuery } from '../../queries/define';
import { objectionEnterprise } from '../../queries/objections/enterprise';
import { enterpriseRecords } from '../../queries/objections/records';
import { repairList } from '../../queries/objections/repairs';
import { parseDay, todayCn } from '../calendar/workdays';
import { repairEligibility, type Eligibility } from './eligibility';
import { classifiedMonthsFrom, reclassify, reclassSummary } from '../objections/reclass';
import { holdToken, reclassToken } from '../classify/housekeeping';
import { rowVersion } from '../db/version';
import { utcText } from '../db/time';
import { withEventWrites, type PageEventSource } from '../import/pageEvents';

const REPAIR_SOURCE: PageEventSource = 'credit-repair';

export class RepairError extends Error {
  constructor(message: string, readonly code: 'NOT_FOUND' | 'BAD_REQUEST') { super(message); }
}

export interface CheckedRecord {
  event_id: string; event_date: string; category: string; severity: string; end_date: string | null; source: string;
  amount_yuan: number | null; detail: string; correction: string; eligibility: Eligibility;
}

/** Every credit record of an enterprise (penalties, dishonesty, lists, revocation) with its eligibility as of `asOf`. */
export async function checkEnterprise(db: Db, viewer: Viewer, uscc: string, asOf = todayCn()) {
  try { parseDay(asOf); } catch { throw new RepairError(`日期格式应为 YYYY-MM-DD: ${asOf}`, 'BAD_REQUEST'); }
  const [ent] = await runQuery(db, objectionEnterprise, { uscc }, viewer);
  if (!ent) throw new RepairError('企业不存在或不在您的数据范围内', 'NOT_FOUND');
  const recs = await runQuery(db, enterpriseRecords, { uscc }, viewer);
  // A record corrected away is not a record any more; a changed one is checked with its corrected values (cur_*),
  // as the models read it through events_corrected.
  const live = recs.filter((r) => r.correction !== 'remove' && r.event_date <= asOf)
    .map((r) => ({ ...r, severity: r.cur_severity, end_date: r.cur_end_date, amount_yuan: r.cur_amount_yuan, detail: r.cur_detail }));
  const others = live.map((r) => ({ event_id: r.event_id, category: r.category, event_date: r.event_date, result: r.result, detail: r.detail }));
  const credit = live.filter((r) => ['penalty', 'dishonest', 'abnormal_list', 'serious_dishonest_list', 'license_revoked'].includes(r.category));
  const records: CheckedRecord[] = credit.map((r) => ({
    event_id: r.event_id, event_date: r.event_date, category: r.category, severity: r.severity, end_date: r.end_date, source: r.source,
    amount_yuan: r.amount_yuan, detail: r.detail, correction: r.correction,
    eligibility: repairEligibility(r, { tags: ent.tags, industry_code: ent.industry_code }, others.filter((o) => o.event_id !== r.event_id), asOf),
  }));
  return { enterprise: ent, asOf, records: records.reverse() };
}

export interface RepairInput {
  uscc: string;
  eventId: string;
  /** Date the repair takes effect (决定日期), default today; the record stops counting in months ending on or after it. */
  repairDate?: string;
  /** 修复依据: application number, documents; for an abnormal listing not seen cured, the cure evidence (required). */
  basis: string;
}

export interface RepairResult {
  repairId: string;
  repairEventId: string;
  eligibility: Eligibility;
  /** Classified months the repair falls in or before (from the repair month on): re-classify them. */
  reclass: { uscc: string; fromMonth: string } | null;
}

/**
 * Registers a repair. One at a time in the process: two registrations of one record sent together (a double click)
 * would both pass the check before either wrote its repair.
 */
export function registerRepair(db: Db, viewer: Viewer, inp: RepairInput, ip = ''): Promise<RepairResult> {
  return serialized('credit-repair', () => register(db, viewer, inp, ip));
}

/** The earliest date a repair naming the record is on file (its credit_repair event, or a registered one whose event is missing). */
async function repairedOn(db: Db, uscc: string, eventId: string): Promise<string | null> {
  const r = await db.one<{ n: number; d: string }>(sql`
    SELECT toUInt32(count()) AS n, toString(min(d)) AS d FROM (
      SELECT event_date AS d FROM events_corrected WHERE uscc = ${p.str(uscc)} AND category = 'credit_repair' AND detail = ${p.str(eventId)}
      UNION ALL
      SELECT repair_date AS d FROM credit_repairs WHERE uscc = ${p.str(uscc)} AND event_id = ${p.str(eventId)}
        AND repair_event_id NOT IN (SELECT event_id FROM events WHERE uscc = ${p.str(uscc)}))`, 'repair.repairedOn');
  return Number(r?.n ?? 0) > 0 ? String(r!.d) : null;
}

async function register(db: Db, viewer: Viewer, inp: RepairInput, ip: string): Promise<RepairResult> {
  const repairDate = inp.repairDate ?? todayCn();
  try { parseDay(repairDate); } catch { throw new RepairError(`修复日期格式应为 YYYY-MM-DD: ${repairDate}`, 'BAD_REQUEST'); }
  if (repairDate > todayCn()) throw new RepairError('修复日期不能晚于今天', 'BAD_REQUEST');
  const basis = inp.basis.trim();
  if (!basis) throw new RepairError('请填写修复依据（申请材料、纠正情况等）', 'BAD_REQUEST');
  const { enterprise: ent, records } = await checkEnterprise(db, viewer, inp.uscc, repairDate);
  const rec = records.find((r) => r.event_id === inp.eventId);
  if (!rec) {
    // The check as of the repair date leaves out later records: a repair dated before its record lands here.
    const later = (await checkEnterprise(db, viewer, inp.uscc, todayCn())).records.find((r) => r.event_id === inp.eventId);
    if (later) throw new RepairError(`修复日期 ${repairDate} 不能早于记录日期 ${later.event_date}`, 'BAD_REQUEST');
    throw new RepairError('该记录不属于此企业，或不是失信记录', 'BAD_REQUEST');
  }
  const el = rec.eligibility;
  // An abnormal listing whose cure is not on file may be repaired on the analyst's recorded evidence of the cure.
  const ok = el.status === 'eligible' || (el.status === 'needs_cure' && rec.category === 'abnormal_list');
  if (!ok) throw new RepairError(`不能修复：${el.reason}`, 'BAD_REQUEST');
  // The check as of the repair date does not see a repair dated after it: a record already repaired on a later date
  // would be repaired twice (two registrations, two credit_repair events counted by the models).
  const already = await repairedOn(db, ent.uscc, rec.event_id);
  if (already) throw new RepairError(`该记录已于 ${already} 登记信用修复，不能再次修复（修复日期有误请通过异议更正）`, 'BAD_REQUEST');

  const repairId = crypto.randomUUID();
  const repairEventId = `CR-${repairId.slice(0, 8).toUpperCase()}`;
  const ts = utcText();
  const reason = el.status === 'needs_cure' ? `列入事由已纠正（登记人确认）：${basis.slice(0, 200)}` : el.reason;
  await withEventWrites(() => db.insert('events', [{
    event_id: repairEventId, uscc: ent.uscc, event_date: repairDate, category: 'credit_repair', severity: 'general', end_date: null, result: '',
    source: '信用修复', amount_yuan: null, detail: rec.event_id, import_id: REPAIR_SOURCE,
  }]));
  await db.insert('credit_repairs', [{
    repair_id: repairId, uscc: ent.uscc, enterprise_name: ent.name, province_code: ent.province_code, prefecture_code: ent.prefecture_code,
    county_code: ent.county_code, event_id: rec.event_id, event_category: rec.category, event_date: rec.event_date, repair_date: repairDate,
    rule: el.status === 'needs_cure' ? 'abnormal_cured' : el.rule, reason, basis: basis.slice(0, 2000), repair_event_id: repairEventId, actor: viewer.name, ts,
  }]);
  audit(db, viewer, 'change', 'repair.register', { repairId, uscc: ent.uscc, eventId: rec.event_id, repairDate, rule: el.rule }, ip);
  const fromMonth = repairDate.slice(0, 7);
  const months = await classifiedMonthsFrom(db, fromMonth);
  if (months.length) await recordReclass(db, repairId, fromMonth, 'running', '');
  return { repairId, repairEventId, eligibility: el, reclass: months.length ? { uscc: ent.uscc, fromMonth } : null };
}

/** A state of the repair's re-classification (repair_reclass, read with FINAL). */
async function recordReclass(db: Db, repairId: string, fromMonth: string, status: 'running' | 'done' | 'failed', message: string): Promise<void> {
  await db.insert('repair_reclass', [{
    repair_id: repairId, from_month: fromMonth, status, message: message.slice(0, 500),
    updated_at: utcText(), version: rowVersion(),
  }]);
}

/** Re-writes registered repairs' credit_repair events that are missing from `events`. Returns how many. */
export async function syncRepairEvents(db: Db): Promise<number> {
  const missing = await db.rows<{ repair_event_id: string; uscc: string; repair_date: string; event_id: string }>(sql`
    SELECT repair_event_id, uscc, toString(repair_date) AS repair_date, event_id FROM credit_repairs
    WHERE repair_event_id NOT IN (SELECT event_id FROM events WHERE category = 'credit_repair')`, 'repair.sync');
  if (missing.length) {
    await withEventWrites(() => db.insert('events', missing.map((m) => ({
      event_id: m.repair_event_id, uscc: m.uscc, event_date: m.repair_date, category: 'credit_repair', severity: 'general', end_date: null,
      result: '', source: '信用修复', amount_yuan: null, detail: m.event_id, import_id: REPAIR_SOURCE,
    }))));
  }
  return missing.length;
}

/**
 * Prepares a failed re-classification after a repair to run again (it failed, or its process died): the repair must
 * be in the viewer's scope and its re-classification failed; marks it running and returns what `runRepairReclass`
 * needs (a job in the server).
 */
export async function retryRepairReclass(db: Db, viewer: Viewer, repairId: string): Promise<{ uscc: string; fromMonth: string }> {
  const [r] = await runQuery(db, repairList, { id: repairId, limit: 1 }, viewer);
  if (!r) throw new RepairError('修复登记不存在或不在您的数据范围内', 'NOT_FOUND');
  if (r.reclass_status !== 'failed') {
    throw new RepairError(r.reclass_status === 'running' ? '该修复的重新分类正在进行' : '该修复没有未完成的重新分类', 'BAD_REQUEST');
  }
  const fromMonth = r.reclass_from;
  if (!/^\d{4}-\d{2}$/.test(fromMonth)) throw new RepairError('未找到重新分类的起始月份', 'BAD_REQUEST');
  await recordReclass(db, repairId, fromMonth, 'running', '');
  return { uscc: r.uscc, fromMonth };
}

/** Re-classifies the enterprise's classified months from the repair month on, keeping the class before/after. */
export async function runRepairReclass(db: Db, viewer: Viewer, repairId: string, r: { uscc: string; fromMonth: string }, progress?: (t: string, f: number) => void) {
  // While this holds the token, the stale-run check (classify/housekeeping.ts) leaves the 'running' state alone.
  const release = holdToken(reclassToken('repair', repairId));
  try {
    await syncRepairEvents(db);
    const res = await reclassify(db, { refKind: 'repair', refId: repairId, uscc: r.uscc, fromMonth: r.fromMonth, actor: viewer.name, progress });
    await recordReclass(db, repairId, r.fromMonth, 'done', reclassSummary(res));
    return res;
  } catch (e) {
    await recordReclass(db, repairId, r.fromMonth, 'failed', (e as Error).message);
    throw e;
  } finally {
    release();
  }
}
