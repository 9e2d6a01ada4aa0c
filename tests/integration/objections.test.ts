/**
 * Objections end to end on the embedded engine: register with a working-day due date, steps, overdue, marks, region
 * scope, and a correction that re-classifies (the enterprise's only serious record corrected away changes its class;
 * the before/after is stored). Expected classes follow the model files' rules (serious list → D in general, C in the
 * county model; a clean enterprise is A in the county model).
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../../server/db/client';
import { closeDb } from '../../server/db/client';
import { classifyMonth } from '../../server/classify/run';
import { recordObjection, advanceObjection, runObjectionReclass, retryObjectionReclass, ObjectionError } from '../../server/objections/register';
import { setCalendarDay, resetCalendarDay } from '../../server/calendar/store';
import { runQuery } from '../../queries/define';
import { objectionList } from '../../queries/objections/list';
import { objectionSteps } from '../../queries/objections/steps';
import { reclassChanges } from '../../queries/objections/changes';
import { objectionMarks } from '../../queries/objections/marks';
import { flushAudit } from '../../server/auth/audit';
import { clearStale, holdToken, reclassToken } from '../../server/classify/housekeeping';
import { pastLease, useShortLease } from './leases';
import type { Viewer } from '../../server/auth/viewer';
import { freshDb, ent, ev, id, reports, results } from './classify-fixtures';

useShortLease();

let db: Db;
const analyst: Viewer = { name: '王分析', role: 'analyst', regionCode: '' };
const otherCounty: Viewer = { name: '外县', role: 'analyst', regionCode: '220104' };
const MONTHS = ['2025-03', '2025-04', '2025-05'];
let listed = '';
let clean = '';

before(async () => {
  db = await freshDb();
  listed = id();
  clean = id();
  await db.insert('enterprises', [ent(listed), ent(clean)]);
  await db.insert('events', [
    ...reports(listed, 2016, 2025), ...reports(clean, 2016, 2025),
    ev(listed, '2025-03-10', 'serious_dishonest_list', { event_id: 'SL-1', source: '长春市南关区市场监督管理局', detail: '列入严重违法失信名单' }),
    ev(listed, '2025-02-01', 'inspection', { event_id: 'IN-1', result: 'pass' }),
  ]);
  for (const m of MONTHS) await classifyMonth(db, m);
});
after(async () => { await flushAudit(db); await closeDb(); });

test('before the correction: the serious listing forces D (general) and C (county model)', async () => {
  for (const m of MONTHS) {
    assert.equal((await results(db, m)).get(listed)?.class, 'D');
    assert.equal((await results(db, m, 'county-public-credit')).get(listed)?.class, 'C');
    assert.equal((await results(db, m, 'county-public-credit')).get(clean)?.class, 'A');
  }
});

test('recording an objection computes the due date across a weekend and the 中秋 holiday', async () => {
  const r = await recordObjection(db, analyst, {
    uscc: listed, targetKind: 'event', eventId: 'SL-1', objector: '某某公司（委托代理人 李四）', what: '严重违法失信名单列入记录',
    grounds: '已在列入前整改完毕', receivedDate: '2026-09-24',
  });
  assert.equal(r.dueDate, '2026-09-30');
  assert.equal(r.calendarCovered, true);
  // an administrator makes Mon 2026-09-28 a holiday: a new objection received the same day is due a working day later
  await setCalendarDay(db, 'admin', { date: '2026-09-28', kind: 'holiday', name: '测试' });
  const r2 = await recordObjection(db, analyst, { uscc: clean, targetKind: 'class', month: '2025-04', objector: '甲', what: '分类', grounds: '无失信记录', receivedDate: '2026-09-24' });
  assert.equal(r2.dueDate, '2026-10-08'); // Tue 29 (1), Wed 30 (2), 10-01..07 国庆, Thu 10-08 (3)
  await resetCalendarDay(db, '2026-09-28');
  const r3 = await recordObjection(db, analyst, { uscc: clean, targetKind: 'class', month: '2025-04', objector: '甲', what: '分类', grounds: '无失信记录', receivedDate: '2026-09-18' });
  assert.equal(r3.dueDate, '2026-09-22'); // Sun 09-20 make-up working day counts
});

test('overdue: past the due date and not answered; an answered one is not overdue', async () => {
  const [o] = await runQuery(db, objectionList, { today: '2026-09-23', uscc: clean, status: 'received' }, analyst);
  assert.ok(o);
  const onDue = await runQuery(db, objectionList, { today: '2026-09-22', uscc: clean }, analyst);
  assert.equal(onDue.find((x) => x.received_date === '2026-09-18')?.overdue, false);
  const late = await runQuery(db, objectionList, { today: '2026-09-23', uscc: clean }, analyst);
  const x = late.find((y) => y.received_date === '2026-09-18')!;
  assert.equal(x.overdue, true);
  const only = await runQuery(db, objectionList, { today: '2026-09-23', overdueOnly: true }, analyst);
  assert.deepEqual(only.map((y) => y.objection_id), [x.objection_id]);
  await advanceObjection(db, analyst, { id: x.objection_id, step: 'answered', date: '2026-09-25', answer: '分类正确' });
  const afterAnswer = (await runQuery(db, objectionList, { today: '2026-10-30', id: x.objection_id }, analyst))[0]!;
  assert.equal(afterAnswer.overdue, false);
  assert.equal(afterAnswer.answered_late, true);
  await assert.rejects(advanceObjection(db, analyst, { id: x.objection_id, step: 'forwarded', forwardedTo: 'x' }), ObjectionError);
});

test('region scope: another county sees neither the objections nor may record one', async () => {
  assert.equal((await runQuery(db, objectionList, { today: '2026-10-01' }, otherCounty)).length, 0);
  await assert.rejects(recordObjection(db, otherCounty, { uscc: listed, targetKind: 'event', eventId: 'SL-1', objector: 'x', what: 'x', grounds: 'x', receivedDate: '2026-09-24' }), /数据范围/);
  assert.equal((await objectionMarks(db, otherCounty, [listed])).length, 0);
});

test('the record under objection is marked, and still counts in the models until corrected', async () => {
  const marks = await objectionMarks(db, analyst, [listed]);
  assert.deepEqual(marks.map((m) => [m.kind, m.event_id, m.status]), [['objection', 'SL-1', 'received']]);
  await classifyMonth(db, '2025-05');
  assert.equal((await results(db, '2025-05')).get(listed)?.class, 'D');
});

test('a correction re-classifies the enterprise from the record month on, keeping the class before and after', async () => {
  const [o] = await runQuery(db, objectionList, { today: '2026-10-01', uscc: listed }, analyst);
  assert.ok(o);
  await advanceObjection(db, analyst, { id: o.objection_id, step: 'forwarded', date: '2026-09-25', forwardedTo: '' });
  await advanceObjection(db, analyst, { id: o.objection_id, step: 'answered', date: '2026-09-29', answer: '经核查列入有误，予以撤销' });
  const step = await advanceObjection(db, analyst, { id: o.objection_id, step: 'corrected', date: '2026-09-30', note: '撤销列入' });
  assert.deepEqual(step.reclass, { uscc: listed, fromMonth: '2025-03' });
  const res = await runObjectionReclass(db, analyst, o.objection_id, step.reclass!.fromMonth);
  assert.deepEqual(res.months, MONTHS);

  for (const m of MONTHS) {
    const g = (await results(db, m)).get(listed);
    assert.notEqual(g?.class, 'D', m);
    assert.equal(g?.hard_rule, '', m);
    assert.equal((await results(db, m, 'county-public-credit')).get(listed)?.class, 'A', m);
  }
  const changes = await runQuery(db, reclassChanges, { refId: o.objection_id }, analyst);
  const county = changes.filter((c) => c.model_id === 'county-public-credit');
  assert.deepEqual(county.map((c) => [c.month, c.class_before, c.class_after]), MONTHS.map((m) => [m, 'C', 'A']));
  const general = changes.filter((c) => c.model_id === 'general');
  assert.deepEqual(general.map((c) => c.class_before), ['D', 'D', 'D']);
  assert.ok(general.every((c) => c.class_after !== 'D'));

  const [done] = await runQuery(db, objectionList, { today: '2026-10-01', id: o.objection_id }, analyst);
  assert.equal(done?.status, 'corrected');
  assert.equal(done?.reclass_status, 'done');
  assert.equal(done?.forwarded_to, '长春市南关区市场监督管理局'); // defaulted to the record's source
  const steps = await runQuery(db, objectionSteps, { id: o.objection_id }, analyst);
  assert.deepEqual(steps.map((s) => [s.step, s.actor]), [['received', '王分析'], ['forwarded', '王分析'], ['answered', '王分析'], ['corrected', '王分析']]);
  // history is kept: the record is still in events, marked as corrected
  const still = await db.one<{ n: number }>({ text: `SELECT toUInt32(count()) AS n FROM events WHERE event_id = 'SL-1'`, params: {} });
  assert.equal(Number(still?.n), 1);
  const marks = await objectionMarks(db, analyst, [listed]);
  assert.ok(marks.some((m) => m.kind === 'correction' && m.event_id === 'SL-1' && m.status === 'remove'));
  // the other enterprise did not change
  assert.equal((await results(db, '2025-05', 'county-public-credit')).get(clean)?.class, 'A');
});

test('a change correction (serious → general) is read by the models', async () => {
  const u = id();
  await db.insert('enterprises', [ent(u)]);
  await db.insert('events', [...reports(u, 2016, 2025), ev(u, '2025-04-02', 'penalty', { event_id: 'PS-1', severity: 'serious', amount_yuan: 50000, detail: '吊销许可证件' })]);
  await classifyMonth(db, '2025-05');
  assert.equal((await results(db, '2025-05', 'county-public-credit')).get(u)?.class, 'C');
  const r = await recordObjection(db, analyst, { uscc: u, targetKind: 'event', eventId: 'PS-1', objector: 'x', what: '处罚', grounds: '未吊销许可证件', receivedDate: '2026-11-02' });
  await advanceObjection(db, analyst, { id: r.id, step: 'answered', answer: '更正为一般处罚' });
  const s = await advanceObjection(db, analyst, { id: r.id, step: 'corrected', corrections: [{ eventId: 'PS-1', action: 'change', severity: 'general' }] });
  await runObjectionReclass(db, analyst, r.id, s.reclass!.fromMonth);
  assert.equal((await results(db, '2025-05', 'county-public-credit')).get(u)?.class, 'B');
  assert.equal((await results(db, '2025-04', 'county-public-credit')).get(u)?.class, 'B');
});

test('a re-classification interrupted with its process is marked failed with the months to run again; a live one is not', async () => {
  const mk = async (eventId: string) => {
    const u = id();
    await db.insert('enterprises', [ent(u)]);
    await db.insert('events', [...reports(u, 2016, 2025), ev(u, '2025-04-02', 'penalty', { event_id: eventId, severity: 'serious', detail: '吊销许可证件' })]);
    const r = await recordObjection(db, analyst, { uscc: u, targetKind: 'event', eventId, objector: 'x', what: '处罚', grounds: 'g', receivedDate: '2026-11-02' });
    await advanceObjection(db, analyst, { id: r.id, step: 'answered', answer: '更正' });
    const s = await advanceObjection(db, analyst, { id: r.id, step: 'corrected', corrections: [{ eventId, action: 'change', severity: 'general' }] });
    assert.equal(s.reclass?.fromMonth, '2025-04');
    return r.id;
  };
  // Both corrected and 'running'; neither re-classification is ever started here, as if the process had died —
  // but the second one's is live in this process.
  const dead = await mk('PS-DEAD');
  const live = await mk('PS-LIVE');
  await pastLease(db);
  const release = holdToken(reclassToken('objection', live));
  const cleared = await clearStale(db);
  assert.deepEqual(cleared.reclass, [dead]);
  const [d] = await runQuery(db, objectionList, { today: '2026-11-30', id: dead }, analyst);
  assert.equal(d?.reclass_status, 'failed');
  assert.match(d?.reclass_message ?? '', /进程中断.*2025-04 起.*classify --all --since 2025-04/);
  assert.equal(d?.status, 'corrected', 'the correction itself stands');
  const [l] = await runQuery(db, objectionList, { today: '2026-11-30', id: live }, analyst);
  assert.equal(l?.reclass_status, 'running');
  release();
  await runObjectionReclass(db, analyst, live, '2025-04');
  const [l2] = await runQuery(db, objectionList, { today: '2026-11-30', id: live }, analyst);
  assert.equal(l2?.reclass_status, 'done');
  assert.deepEqual((await clearStale(db)).reclass, []);

  // The dead one is run again from the register: only in scope, only when failed, once at a time.
  await assert.rejects(retryObjectionReclass(db, otherCounty, dead), /不在您的数据范围内/);
  await assert.rejects(retryObjectionReclass(db, analyst, live), /没有未完成的重新分类/);
  assert.deepEqual(await runQuery(db, reclassChanges, { refId: dead }, analyst), [], 'the dead one never re-classified');
  const again = await retryObjectionReclass(db, analyst, dead);
  assert.equal(again.fromMonth, '2025-04', 'the months from the correction step');
  const [d2] = await runQuery(db, objectionList, { today: '2026-11-30', id: dead }, analyst);
  assert.deepEqual([d2?.reclass_status, d2?.reclass_message], ['running', '']);
  await assert.rejects(retryObjectionReclass(db, analyst, dead), /正在进行/);
  await runObjectionReclass(db, analyst, dead, again.fromMonth);
  const [d3] = await runQuery(db, objectionList, { today: '2026-11-30', id: dead }, analyst);
  assert.equal(d3?.reclass_status, 'done');
  const changes = await runQuery(db, reclassChanges, { refId: dead }, analyst);
  assert.ok(changes.length > 0 && changes.every((c) => c.uscc === again.uscc && c.month >= '2025-04'), 'the run again recorded its months');
  assert.equal((await results(db, '2025-05', 'county-public-credit')).get(again.uscc)?.class, 'B', 'the correction counts: no longer a serious penalty');
});

test('a correction shows its date in China: 07:30 Beijing on 07-01 is 07-01, not the UTC 06-30', async () => {
  // The register writes ts as the UTC wall clock (server/objections/register.ts nowTs); the code takes no clock, so
  // the rows are written here the same way, at pinned instants.
  const utcTs = (iso: string) => new Date(iso).toISOString().replace('T', ' ').replace('Z', '');
  const u = id();
  await db.insert('enterprises', [ent(u)]);
  const row = (eventId: string, iso: string) => ({
    correction_id: `C-${eventId}`, objection_id: 'O-TZ', event_id: eventId, uscc: u, action: 'remove', severity: null, amount_yuan: null,
    end_date: null, detail: null, note: '', actor: '王分析', ts: utcTs(iso),
  });
  await db.insert('event_corrections', [
    row('TZ-1', '2026-07-01T07:30:00+08:00'), // 2026-06-30 23:30 UTC
    row('TZ-2', '2026-07-01T23:59:59.999+08:00'), // the last instant of 07-01 in Beijing
    row('TZ-3', '2026-07-02T00:00:00+08:00'), // the first instant of 07-02 in Beijing
  ]);
  const marks = await objectionMarks(db, analyst, [u]);
  assert.deepEqual(marks.filter((m) => m.kind === 'correction').map((m) => [m.event_id, m.date]).sort(),
    [['TZ-1', '2026-07-01'], ['TZ-2', '2026-07-01'], ['TZ-3', '2026-07-02']]);
});

test('异议成立 with "不更正记录，仅重新分类" (an empty correction list) keeps the record and re-classifies from its month', async () => {
  const u = id();
  await db.insert('enterprises', [ent(u)]);
  await db.insert('events', [...reports(u, 2016, 2025), ev(u, '2025-04-02', 'penalty', { event_id: 'PS-KEEP', severity: 'serious', detail: '吊销许可证件' })]);
  await classifyMonth(db, '2025-05');
  assert.equal((await results(db, '2025-05', 'county-public-credit')).get(u)?.class, 'C');
  const r = await recordObjection(db, analyst, { uscc: u, targetKind: 'event', eventId: 'PS-KEEP', objector: 'x', what: '处罚', grounds: 'g', receivedDate: '2026-11-02' });
  await advanceObjection(db, analyst, { id: r.id, step: 'answered', answer: '记录无误，重新核算分类' });
  // What the desk sends for 不更正记录，仅重新分类.
  const s = await advanceObjection(db, analyst, { id: r.id, step: 'corrected', corrections: [] });
  assert.deepEqual(s.reclass, { uscc: u, fromMonth: '2025-04' });
  const stored = await db.one<{ n: number }>({ text: `SELECT toUInt32(count()) AS n FROM event_corrections WHERE event_id = 'PS-KEEP'`, params: {} });
  assert.equal(Number(stored?.n), 0, 'no correction recorded');
  assert.ok(!(await objectionMarks(db, analyst, [u])).some((m) => m.kind === 'correction'));
  await runObjectionReclass(db, analyst, r.id, s.reclass!.fromMonth);
  assert.equal((await results(db, '2025-05', 'county-public-credit')).get(u)?.class, 'C', 'the serious penalty still counts');
});

test('a step is not dated before the step it follows: no answer before the forwarding, no decision before the answer', async () => {
  const r = await recordObjection(db, analyst, { uscc: clean, targetKind: 'class', month: '2025-04', objector: '甲', what: '分类', grounds: 'g', receivedDate: '2026-11-02' });
  await advanceObjection(db, analyst, { id: r.id, step: 'forwarded', date: '2026-11-05', forwardedTo: '县信用办' });
  await assert.rejects(advanceObjection(db, analyst, { id: r.id, step: 'answered', date: '2026-11-04', answer: '维持' }),
    (e: unknown) => e instanceof ObjectionError && e.code === 'BAD_REQUEST' && e.message === '日期不能早于转办日期（2026-11-05）');
  await advanceObjection(db, analyst, { id: r.id, step: 'answered', date: '2026-11-05', answer: '维持' });
  await assert.rejects(advanceObjection(db, analyst, { id: r.id, step: 'upheld', date: '2026-11-04' }), /日期不能早于答复日期（2026-11-05）/);
  const done = await advanceObjection(db, analyst, { id: r.id, step: 'upheld', date: '2026-11-06' });
  assert.equal(done.status, 'upheld');
});

test('an objection to a class names a month the enterprise was classified in', async () => {
  await assert.rejects(recordObjection(db, analyst, { uscc: clean, targetKind: 'class', month: '2030-01', objector: '甲', what: '分类', grounds: 'g', receivedDate: '2026-11-02' }),
    (e: unknown) => e instanceof ObjectionError && e.code === 'BAD_REQUEST' && /该企业 2030-01 没有“通用\+专业（综合）”分类结果/.test(e.message));
  await assert.rejects(recordObjection(db, analyst, { uscc: clean, targetKind: 'class', month: '2025-04', modelId: 'food', objector: '甲', what: '分类', grounds: 'g', receivedDate: '2026-11-02' }),
    /没有.*分类结果/);
  const ok = await recordObjection(db, analyst, { uscc: clean, targetKind: 'class', month: '2025-04', modelId: 'general', objector: '甲', what: '分类', grounds: 'g', receivedDate: '2026-11-02' });
  assert.match(ok.id, /^YY20261102-/);
});

test('a correction cannot end a record before it began', async () => {
  const u = id();
  await db.insert('enterprises', [ent(u)]);
  await db.insert('events', [...reports(u, 2016, 2025), ev(u, '2025-04-02', 'abnormal_list', { event_id: 'AB-END', detail: '未按规定报送年度报告' })]);
  const r = await recordObjection(db, analyst, { uscc: u, targetKind: 'event', eventId: 'AB-END', objector: 'x', what: '列入', grounds: 'g', receivedDate: '2026-11-02' });
  await advanceObjection(db, analyst, { id: r.id, step: 'answered', answer: '更正移出日期' });
  await assert.rejects(advanceObjection(db, analyst, { id: r.id, step: 'corrected', corrections: [{ eventId: 'AB-END', action: 'change', endDate: '2025-03-01' }] }),
    (e: unknown) => e instanceof ObjectionError && e.code === 'BAD_REQUEST' && e.message === '结束日期 2025-03-01 不能早于记录日期 2025-04-02');
  const stored = await db.one<{ n: number }>({ text: `SELECT toUInt32(count()) AS n FROM event_corrections WHERE event_id = 'AB-END'`, params: {} });
  assert.equal(Number(stored?.n), 0);
  const [o] = await runQuery(db, objectionList, { today: '2026-11-30', id: r.id }, analyst);
  assert.equal(o?.status, 'answered');
});

test('the register\'s headline counts cover every objection in scope, not the 200 the list shows', async () => {
  const { appRouter } = await import('../../server/trpc/root');
  const { createCallerFactory } = await import('../../server/trpc/init');
  const county: Viewer = { name: '多件', role: 'analyst', regionCode: '220106' };
  const row = (i: number, status: string, due: string) => ({
    objection_id: `YY-MANY-${String(i).padStart(3, '0')}`, uscc: `91220106MA${String(i).padStart(8, '0')}`, enterprise_name: `企业${i}`,
    province_code: '220000', prefecture_code: '220100', county_code: '220106', target_kind: 'class', event_id: '', event_date: null, event_category: '',
    event_source: '', month: '2025-04-01', model_id: 'effective', objector: 'x', what: 'x', grounds: 'x', received_date: '2026-09-01', due_date: due,
    status, forwarded_to: '', forwarded_date: null, answer: '', answered_date: null, outcome_note: '', reclass_status: '', reclass_message: '',
    created_by: 'x', created_at: '2026-09-01 00:00:00', updated_by: 'x', updated_at: '2026-09-01 00:00:00', version: 1,
  });
  // 230 objections: 150 closed (upheld), 50 awaiting and not yet due, 30 awaiting and past due.
  await db.insert('objections', [
    ...Array.from({ length: 150 }, (_, i) => row(i, 'upheld', '2026-09-04')),
    ...Array.from({ length: 50 }, (_, i) => row(150 + i, 'received', '2099-01-01')),
    ...Array.from({ length: 30 }, (_, i) => row(200 + i, 'forwarded', '2026-09-04')),
  ]);
  const caller = createCallerFactory(appRouter)({ db: async () => db, viewer: county, ip: '' });
  assert.equal((await caller.objections.list({})).length, 200);
  assert.deepEqual(await caller.objections.counts({}), { total: 230, awaiting: 80, overdue: 30, closed: 150 });
  assert.deepEqual(await caller.objections.counts({ uscc: '91220106MA00000201' }), { total: 1, awaiting: 1, overdue: 1, closed: 0 });
});

test('an objection\'s due date follows a later change of the calendar (a holiday set, then reset)', async () => {
  const { appRouter } = await import('../../server/trpc/root');
  const { createCallerFactory } = await import('../../server/trpc/init');
  const admin = createCallerFactory(appRouter)({ db: async () => db, viewer: { name: '管理员', role: 'admin', regionCode: '' }, ip: '' });
  // Thu 2026-11-26: Fri 27 (1), Mon 30 (2), Tue 12-01 (3).
  const r = await recordObjection(db, analyst, { uscc: clean, targetKind: 'class', month: '2025-04', objector: '甲', what: '分类', grounds: 'g', receivedDate: '2026-11-26' });
  assert.equal(r.dueDate, '2026-12-01');
  const due = async () => (await runQuery(db, objectionList, { today: '2026-11-30', id: r.id }, analyst))[0]!.due_date;
  const set = await admin.objections.setDay({ date: '2026-11-30', kind: 'holiday', name: '测试' });
  assert.ok(set.dueDatesChanged >= 1);
  assert.equal(await due(), '2026-12-02', 'Mon 11-30 is no longer a working day');
  await admin.objections.resetDay({ date: '2026-11-30' });
  assert.equal(await due(), '2026-12-01');
});

test('an objection is decided once: a correction and an upholding sent together, or one correction sent twice, leave one decision', async () => {
  const u = id();
  await db.insert('enterprises', [ent(u)]);
  await db.insert('events', [...reports(u, 2016, 2025), ev(u, '2025-04-03', 'penalty', { event_id: 'PS-RACE', amount_yuan: 20000, detail: '罚款' })]);
  const decide = async (steps: Array<'corrected' | 'upheld'>) => {
    const r = await recordObjection(db, analyst, { uscc: u, targetKind: 'event', eventId: 'PS-RACE', objector: 'x', what: '处罚', grounds: 'g', receivedDate: '2026-11-02' });
    await advanceObjection(db, analyst, { id: r.id, step: 'answered', answer: '答复' });
    const out = await Promise.allSettled(steps.map((step) => advanceObjection(db, analyst, { id: r.id, step, ...(step === 'corrected' ? { corrections: [{ eventId: 'PS-RACE', action: 'change' as const, amountYuan: 5000 }] } : {}) })));
    const stepRows = await runQuery(db, objectionSteps, { id: r.id }, analyst);
    const corr = await db.one<{ n: number }>({ text: `SELECT toUInt32(count()) AS n FROM event_corrections WHERE objection_id = {id:String}`, params: { id: r.id } });
    const [o] = await runQuery(db, objectionList, { today: '2026-11-30', id: r.id }, analyst);
    return { settled: out.map((x) => x.status).sort(), decisions: stepRows.filter((s) => s.step === 'corrected' || s.step === 'upheld').length, corrections: Number(corr?.n), status: o?.status };
  };
  const mixed = await decide(['corrected', 'upheld']);
  assert.deepEqual(mixed.settled, ['fulfilled', 'rejected']);
  assert.equal(mixed.decisions, 1);
  assert.equal(mixed.corrections, mixed.status === 'corrected' ? 1 : 0, `the objection says ${mixed.status}: its correction is there exactly when it was corrected`);
  const twice = await decide(['corrected', 'corrected']);
  assert.deepEqual(twice, { settled: ['fulfilled', 'rejected'], decisions: 1, corrections: 1, status: 'corrected' });
});

test('an enterprise with thousands of records: its newest and its oldest can be objected to, corrected and checked for repair', async () => {
  const u = id();
  await db.insert('enterprises', [ent(u)]);
  const many = Array.from({ length: 3200 }, (_, k) => ev(u, `2020-${String(1 + (k % 12)).padStart(2, '0')}-10`, 'complaint', { event_id: `CMP-${k}` }));
  await db.insert('events', [...many, ev(u, '2019-12-01', 'penalty', { event_id: 'OLD-PEN', amount_yuan: 20000, detail: '罚款' }),
    ev(u, '2025-01-10', 'penalty', { event_id: 'NEW-PEN', amount_yuan: 20000, detail: '罚款' })]);
  const { checkEnterprise } = await import('../../server/repair/register');
  const checked = await checkEnterprise(db, analyst, u, '2025-09-01');
  assert.ok(checked.records.some((r) => r.event_id === 'NEW-PEN' && r.eligibility.status === 'eligible'), 'the newest penalty is checked');
  for (const eventId of ['NEW-PEN', 'OLD-PEN']) {
    const r = await recordObjection(db, analyst, { uscc: u, targetKind: 'event', eventId, objector: 'x', what: '处罚', grounds: 'g', receivedDate: '2026-11-02' });
    await advanceObjection(db, analyst, { id: r.id, step: 'answered', answer: '更正' });
    await advanceObjection(db, analyst, { id: r.id, step: 'corrected', corrections: [{ eventId, action: 'change', amountYuan: 3000 }] });
  }
  const n = await db.one<{ n: number }>({ text: `SELECT toUInt32(count()) AS n FROM event_corrections WHERE uscc = {u:String}`, params: { u } });
  assert.equal(Number(n?.n), 2);
});
