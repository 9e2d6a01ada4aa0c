/**
 * The warning desk (预警处置) on the server: a case's full detail (members, evidence, timeline, network, place) and
 * the disposal steps — assign to a county/street unit, act (提醒 / 警示 / 约谈 / 检查), record the result, close (after a
 * measure and its result, or with a written reason when verified as needing no action: steps.ts closeRefusal).
 * Every step is a row in warning_disposals with who and when. An inspection result recorded here is written as an
 * `inspection` event (event_id 'WD-…', source 预警处置) so the next classification uses it; the import keeps rows
 * it did not bring itself, so these events survive later imports.
 */
import crypto from 'node:crypto';
import type { Db } from '../db/client';
import type { Viewer } from '../auth/viewer';
import { inScope } from '../auth/viewer';
import { runQuery } from '../../queries/define';
import { warningDetail } from '../../queries/warnings/detail';
import { warningMembers, warningMemberUsccs } from '../../queries/warnings/members';
import { memberRoles } from '../../queries/warnings/roles';
import { memberEvents } from '../../queries/warnings/events';
import { warningDisposals } from '../../queries/warnings/disposals';
import { warningState } from '../../queries/warnings/state';
import { assignableUnits } from '../../queries/warnings/units';
import { monthBounds } from './engine';
import { parseDay, todayCn } from '../calendar/workdays';
import { addMonthsDay } from '../repair/eligibility';
import { utcText } from '../db/time';
import { sql, p } from '../db/sql';
import { closeRefusal, lastActSinceClose, NOTE_MAX } from './steps';
import { INSPECTION_RESULTS } from '../domain/inspection';
import { withEventWrites, type PageEventSource } from '../import/pageEvents';

const DESK_SOURCE: PageEventSource = 'warning-desk';

export const ACTIONS = ['提醒', '警示', '约谈', '检查'] as const;
export const RESULTS = [...INSPECTION_RESULTS, 'rectified', 'other'] as const;
export const STEPS = ['assign', 'act', 'result', 'close'] as const;

/** Members a case page lists (with their roles and events); the counts and the disposal steps cover all of them. */
export const MEMBERS_LISTED = 2000;

export class DeskError extends Error {
  constructor(message: string, readonly code: 'NOT_FOUND' | 'BAD_REQUEST' | 'FORBIDDEN') { super(message); }
}

export interface NetworkNode { id: string; kind: 'enterprise' | 'person' | 'address'; label: string; member: boolean }
export interface NetworkLink { source: string; target: string; kind: string }

export async function getWarningCase(db: Db, viewer: Viewer, id: string, month?: string) {
  const [w] = await runQuery(db, warningDetail, { id, month }, viewer);
  if (!w) throw new DeskError('预警不存在或不在您的数据范围内', 'NOT_FOUND');
  // All the members in the viewer's scope; the page lists (and looks up roles and events of) the first MEMBERS_LISTED.
  // Taking the first 2,000 members before scoping counted the rest of a bigger case as outside the viewer's scope
  // (“另有 N 户不在您的数据范围内” for an administrator) and left them out of an inspection result on all members.
  const visibleSet = new Set((await runQuery(db, warningMemberUsccs, { usccs: w.members }, viewer)).map((r) => r.uscc));
  const inScope = w.members.filter((u) => visibleSet.has(u));
  const usccs = inScope.slice(0, MEMBERS_LISTED);
  const b = monthBounds(w.month);
  // The timeline (“近一年”): the case's month and the eleven before it, whole — twelve months (2026-06: 2025-07-01 … 2026-06-30).
  const from = addMonthsDay(b.start, -11);
  const [members, roles, events, disposals, stateRows] = await Promise.all([
    runQuery(db, warningMembers, { usccs }, viewer),
    runQuery(db, memberRoles, { usccs }, viewer),
    runQuery(db, memberEvents, { usccs, from, to: b.end }, viewer),
    runQuery(db, warningDisposals, { id }, viewer),
    runQuery(db, warningState, { id, month: w.month }, viewer),
  ]);
  const isNew = new Set(w.new_members);

  // Network: enterprises ↔ people (legal representative + roles) ↔ addresses.
  const nodes = new Map<string, NetworkNode>();
  const links: NetworkLink[] = [];
  const linkSeen = new Set<string>();
  const link = (source: string, target: string, kind: string) => {
    const k = `${source}>${target}>${kind}`;
    if (!linkSeen.has(k)) { linkSeen.add(k); links.push({ source, target, kind }); }
  };
  for (const m of members) {
    nodes.set(`e:${m.uscc}`, { id: `e:${m.uscc}`, kind: 'enterprise', label: m.name, member: true });
    if (m.address_key) {
      const a = `a:${m.address_key}`;
      if (!nodes.has(a)) nodes.set(a, { id: a, kind: 'address', label: m.address, member: false });
      link(`e:${m.uscc}`, a, '住所');
    }
    if (m.legal_rep_id) {
      const pid = `p:${m.legal_rep_id}`;
      if (!nodes.has(pid)) nodes.set(pid, { id: pid, kind: 'person', label: m.legal_rep_name || '（未具名）', member: false });
      link(pid, `e:${m.uscc}`, '法定代表人');
    }
  }
  for (const r of roles) {
    if (!nodes.has(`e:${r.uscc}`)) continue;
    const pid = `p:${r.person_id}`;
    if (!nodes.has(pid)) nodes.set(pid, { id: pid, kind: 'person', label: r.person_name || '（未具名）', member: false });
    link(pid, `e:${r.uscc}`, r.role);
  }

  // Month-aware (queries/warnings/common.ts STATE_EXPR): a closed case reopens when it continues into a later month
  // with a new member or a higher severity; recordDisposal takes steps on it again (recorded for that month).
  const state = stateRows[0]?.state ?? 'open';
  // Only the members in the viewer's scope leave the server (a region-scoped analyst sees how many others there are).
  return {
    warning: {
      ...w, members: inScope, new_members: w.new_members.filter((u) => visibleSet.has(u)),
      memberCount: w.members.length, evidence: JSON.parse(w.evidence) as Record<string, unknown>,
    },
    members: members.map((m) => ({ ...m, isNew: isNew.has(m.uscc) })),
    hiddenMembers: w.members.length - inScope.length,
    /** Members in scope not listed (beyond MEMBERS_LISTED). */
    unlistedMembers: inScope.length - members.length,
    events,
    disposals,
    state,
    network: { nodes: [...nodes.values()], links },
  };
}

export interface DisposalInput {
  id: string;
  step: (typeof STEPS)[number];
  unitCode?: string;
  action?: (typeof ACTIONS)[number];
  result?: (typeof RESULTS)[number];
  targets?: string[];
  note?: string;
  /** For an inspection result: the date inspected (default today). */
  date?: string;
}

/**
 * Records one disposal step (and, for an inspection result, the inspection events). Returns the stored step.
 * `now` is the clock: the step's time, and an inspection result's default date (today in China, Asia/Shanghai).
 */
export async function recordDisposal(db: Db, viewer: Viewer, inp: DisposalInput, now: Date = new Date()): Promise<{ disposalId: string; eventIds: string[] }> {
  // Steps are taken on the case as it stands (its latest month), and only by who may see that month's row: a case
  // placed in another county since (members moved, new ones registered there) is no longer the former county's —
  // its latest month in their scope is an old one, and a step recorded there would act on the new county's case.
  const latest = await db.one<{ m: string }>(sql`SELECT formatDateTime(max(month), '%Y-%m') AS m FROM warnings WHERE id = ${p.str(inp.id)} HAVING count() > 0`);
  if (!latest) throw new DeskError('预警不存在或不在您的数据范围内', 'NOT_FOUND');
  const c = await getWarningCase(db, viewer, inp.id, latest.m).catch(async (e: unknown) => {
    // Seen in an earlier month, in the viewer's scope then: say where it went rather than that it does not exist.
    if (e instanceof DeskError && e.code === 'NOT_FOUND' && (await runQuery(db, warningDetail, { id: inp.id }, viewer)).length) {
      throw new DeskError(`该预警现已归入其他辖区（最近月份 ${latest.m}），由其所在辖区处置；您仍可查看以前月份的记录`, 'FORBIDDEN');
    }
    throw e;
  });
  if (c.state === 'closed') throw new DeskError('该预警已办结，不能再添加处置步骤', 'BAD_REQUEST');
  const note = inp.note ?? '';
  if (note.length > NOTE_MAX) throw new DeskError(`备注不能超过 ${NOTE_MAX} 字（现为 ${note.length} 字）`, 'BAD_REQUEST');
  const memberSet = new Set(c.warning.members);
  // Each target once: a repeated one wrote the inspection result twice (two events, two inspections counted).
  const asked = [...new Set(inp.targets ?? [])];
  const targets = asked.filter((t) => memberSet.has(t));
  if (asked.length !== targets.length) throw new DeskError('处置对象须为本预警的成员企业', 'BAD_REQUEST');
  const disposalId = crypto.randomUUID();
  const eventIds: string[] = [];

  if (inp.step === 'assign') {
    const unit = inp.unitCode ?? '';
    if (!/^\d{6}(\d{3})?$/.test(unit) || !unit.startsWith(c.warning.county_code) || !inScope(viewer, unit)) throw new DeskError('承办单位须为预警所在县区或其街道（乡镇）', 'BAD_REQUEST');
    // A well-formed code of no unit (220104999) was stored and shown as a bare code: only the units the page offers.
    const units = await runQuery(db, assignableUnits, { county: c.warning.county_code }, viewer);
    if (!units.some((u) => u.code === unit)) throw new DeskError(`承办单位代码 ${unit} 不是预警所在县区或其街道（乡镇）`, 'BAD_REQUEST');
  }
  if (inp.step === 'act' && !inp.action) throw new DeskError('请选择处置方式', 'BAD_REQUEST');
  // 办结 means the case was handled: a measure and its result since the last close, or a written reason (no action needed).
  if (inp.step === 'close') {
    const refused = closeRefusal(c.disposals, inp.note);
    if (refused) throw new DeskError(refused, 'BAD_REQUEST');
  }
  if (inp.step === 'result') {
    if (!inp.result) throw new DeskError('请选择处置结果', 'BAD_REQUEST');
    const lastAct = lastActSinceClose(c.disposals);
    if (!lastAct) throw new DeskError(c.disposals.some((d) => d.step === 'close') ? '该预警办结后重新出现（新增成员企业或等级升高），请先记录本次处置措施，再记录结果' : '请先记录处置措施，再记录结果', 'BAD_REQUEST');
    if ((INSPECTION_RESULTS as readonly string[]).includes(inp.result)) {
      if (lastAct.action !== '检查') throw new DeskError('检查结果（通过/发现问题/查无下落）只能在“检查”措施之后记录', 'BAD_REQUEST');
      const date = inp.date ?? todayCn(now);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new DeskError('检查日期格式应为 YYYY-MM-DD', 'BAD_REQUEST');
      // A day that does not exist (2026-02-30) would be shifted by the engine (to 2026-03-02): refuse it.
      try { parseDay(date); } catch { throw new DeskError(`检查日期无效：${date}`, 'BAD_REQUEST'); }
      // An inspection not yet made has no result (as inspections' recordResult): a future date would write events
      // dated ahead, and `warnings --all` would then compute every month up to that date.
      const today = todayCn(now);
      if (date > today) throw new DeskError(`检查日期 ${date} 晚于今天（${today}），检查尚未进行`, 'BAD_REQUEST');
      const on = targets.length ? targets : c.warning.members;
      const rows = on.map((uscc, i) => {
        const eventId = `WD-${disposalId.slice(0, 8)}-${i + 1}`;
        eventIds.push(eventId);
        return {
          event_id: eventId, uscc, event_date: date, category: 'inspection', severity: 'general', end_date: null, result: inp.result,
          source: '预警处置', amount_yuan: null, detail: `预警 ${c.warning.id}（${c.warning.rule}）处置检查${inp.note ? `：${inp.note}` : ''}`.slice(0, 500), import_id: DESK_SOURCE,
        };
      });
      await withEventWrites(() => db.insert('events', rows));
    }
  }
  await db.insert('warning_disposals', [{
    disposal_id: disposalId, warning_id: c.warning.id, month: `${c.warning.month}-01`, step: inp.step, actor: viewer.name,
    ts: utcText(now), unit_code: inp.step === 'assign' ? inp.unitCode : '',
    action: inp.step === 'act' ? inp.action : '', result: inp.step === 'result' ? inp.result : '', targets, note, event_ids: eventIds,
  }]);
  return { disposalId, eventIds };
}
