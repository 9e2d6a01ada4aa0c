/**
 * Credit repair on the embedded engine: eligibility per record from stored data, the register refusing records
 * that are not repairable, and a registered repair (a credit_repair event naming the record) that stops the record
 * counting from the repair date — the county model's class (B with one general penalty, A without) shows it.
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../../server/db/client';
import { closeDb } from '../../server/db/client';
import { classifyMonth } from '../../server/classify/run';
import { checkEnterprise, registerRepair, retryRepairReclass, runRepairReclass, syncRepairEvents, RepairError } from '../../server/repair/register';
import { runQuery } from '../../queries/define';
import { repairList } from '../../queries/objections/repairs';
import { reclassChanges } from '../../queries/objections/changes';
import { objectionMarks } from '../../queries/objections/marks';
import { flushAudit } from '../../server/auth/audit';
import { recordObjection, advanceObjection } from '../../server/objections/register';
import { clearStale, holdToken, reclassToken } from '../../server/classify/housekeeping';
import { pastLease, useShortLease } from './leases';
import type { Viewer } from '../../server/auth/viewer';
import { freshDb, ent, ev, id, reports, results } from './classify-fixtures';

useShortLease();

let db: Db;
const analyst: Viewer = { name: '赵修复', role: 'analyst', regionCode: '' };
let u = '';
let food = '';
let imported = '';

before(async () => {
  db = await freshDb();
  u = id(); food = id(); imported = id();
  await db.insert('enterprises', [ent(u), ent(food, { tags: ['食品生产'] }), ent(imported)]);
  await db.insert('events', [
    ...reports(u, 2016, 2025), ...reports(food, 2016, 2025), ...reports(imported, 2016, 2025),
    ev(u, '2025-01-10', 'penalty', { event_id: 'P-BIG', amount_yuan: 20000, detail: '罚款' }),
    ev(u, '2025-01-12', 'penalty', { event_id: 'P-WARN', amount_yuan: null, detail: '警告' }),
    ev(u, '2025-01-15', 'penalty', { event_id: 'P-SMALL', amount_yuan: 800, detail: '罚款' }),
    ev(u, '2025-03-01', 'abnormal_list', { event_id: 'A-1', detail: '未按规定报送年度报告', end_date: '2025-04-20' }),
    ev(food, '2025-01-10', 'penalty', { event_id: 'F-1', amount_yuan: 30000, detail: '罚款' }),
    ev(imported, '2025-01-10', 'penalty', { event_id: 'I-1', amount_yuan: 30000 }),
    ev(imported, '2025-08-01', 'credit_repair', { event_id: 'I-CR', detail: 'I-1' }),
  ]);
  for (const m of ['2025-06', '2025-07', '2025-08']) await classifyMonth(db, m, 'county-public-credit');
});
after(async () => { await flushAudit(db); await closeDb(); });

const status = async (uscc: string, asOf: string) =>
  Object.fromEntries((await checkEnterprise(db, analyst, uscc, asOf)).records.map((r) => [r.event_id, r.eligibility.status]));

test('eligibility from stored records: 5 vs 6 months, warning, small fine, removed abnormal listing', async () => {
  assert.deepEqual(await status(u, '2025-06-10'), { 'P-BIG': 'not_yet', 'P-WARN': 'not_repairable', 'P-SMALL': 'not_repairable', 'A-1': 'repaired' });
  assert.equal((await status(u, '2025-07-10'))['P-BIG'], 'eligible');
});

test('food enterprise: 11 months not yet, 12 months eligible', async () => {
  assert.equal((await status(food, '2025-12-10'))['F-1'], 'not_yet');
  assert.equal((await status(food, '2026-01-10'))['F-1'], 'eligible');
});

test('an imported credit_repair event marks its record repaired and the model already honours it', async () => {
  const r = (await checkEnterprise(db, analyst, imported, '2025-09-01')).records.find((x) => x.event_id === 'I-1')!;
  assert.equal(r.eligibility.status, 'repaired');
  assert.equal(r.eligibility.repairedOn, '2025-08-01');
  assert.equal((await results(db, '2025-07', 'county-public-credit')).get(imported)?.class, 'B');
  assert.equal((await results(db, '2025-08', 'county-public-credit')).get(imported)?.class, 'A');
});

test('the register refuses records that are not repairable or not yet repairable', async () => {
  await assert.rejects(registerRepair(db, analyst, { uscc: u, eventId: 'P-WARN', repairDate: '2025-09-01', basis: '申请' }), (e: unknown) => e instanceof RepairError && /警告/.test(e.message));
  await assert.rejects(registerRepair(db, analyst, { uscc: u, eventId: 'P-SMALL', repairDate: '2025-09-01', basis: '申请' }), /较低数额罚款/);
  await assert.rejects(registerRepair(db, analyst, { uscc: u, eventId: 'P-BIG', repairDate: '2025-06-30', basis: '申请' }), /6个月/);
  await assert.rejects(registerRepair(db, analyst, { uscc: u, eventId: 'P-BIG', repairDate: '2025-07-20', basis: ' ' }), /修复依据/);
  // A repair dated before its record is told so (it was told the record was not this enterprise's).
  await assert.rejects(registerRepair(db, analyst, { uscc: u, eventId: 'P-BIG', repairDate: '2024-12-31', basis: '申请' }),
    (e: unknown) => e instanceof RepairError && e.message === '修复日期 2024-12-31 不能早于记录日期 2025-01-10');
  await assert.rejects(registerRepair(db, analyst, { uscc: u, eventId: 'NO-SUCH', repairDate: '2025-09-01', basis: '申请' }), /该记录不属于此企业/);
});

test('a registered repair stops the record counting from the repair date and re-classifies, keeping before/after', async () => {
  // before: the general penalties (P-BIG, P-WARN, P-SMALL) → B in every month
  for (const m of ['2025-06', '2025-07', '2025-08']) assert.equal((await results(db, m, 'county-public-credit')).get(u)?.class, 'B');
  const r = await registerRepair(db, analyst, { uscc: u, eventId: 'P-BIG', repairDate: '2025-07-20', basis: '信用修复申请书（编号 XY-2025-001）' });
  assert.deepEqual(r.reclass, { uscc: u, fromMonth: '2025-07' });
  const ev1 = await db.one<{ category: string; detail: string; event_date: string }>({ text: 'SELECT toString(category) AS category, detail, toString(event_date) AS event_date FROM events WHERE event_id = {id:String}', params: { id: r.repairEventId } });
  assert.deepEqual(ev1, { category: 'credit_repair', detail: 'P-BIG', event_date: '2025-07-20' });
  // the warning and the small fine still count (not repaired), so the county class stays B: check the feature count
  // (Counting the statements that build the month-independent work tables: once for both months, not once a month.)
  let sharedBuilds = 0;
  const counting: Db = { ...db, command: async (q, tag) => { if (tag === 'classify.shared') sharedBuilds++; await db.command(q, tag); } };
  const res = await runRepairReclass(counting, analyst, r.repairId, r.reclass!);
  assert.deepEqual(res.months, ['2025-07', '2025-08']);
  assert.equal(sharedBuilds, 3, 'closures, persons with several enterprises and shareholder counts: built once');
  const rows = await db.rows<{ m: string; n: number }>({ text: `SELECT formatDateTime(month, '%Y-%m') AS m, toUInt32(reasons[1].value) AS n FROM class_results WHERE uscc = {u:String} AND model_id = 'county-public-credit' ORDER BY m`, params: { u } });
  assert.deepEqual(rows.map((x) => [x.m, Number(x.n)]), [['2025-06', 4], ['2025-07', 3], ['2025-08', 3]]); // 3 penalties + the abnormal listing; P-BIG repaired from July
  const changes = await runQuery(db, reclassChanges, { refId: r.repairId, model: 'county-public-credit' }, analyst);
  assert.deepEqual(changes.map((c) => c.month), ['2025-07', '2025-08']);
  const [reg] = await runQuery(db, repairList, { uscc: u }, analyst);
  assert.equal(reg?.event_id, 'P-BIG');
  assert.equal(reg?.reclass_status, 'done');
  assert.match(reg?.reclass_message ?? '', /已重新分类 2025-07–2025-08/);
  assert.equal(reg?.actor, '赵修复');
  assert.equal(reg?.rule, 'penalty_period');
  assert.equal((await status(u, '2025-09-01'))['P-BIG'], 'repaired');
  assert.ok((await objectionMarks(db, analyst, [u])).some((m) => m.kind === 'repair' && m.event_id === 'P-BIG'));
  // a second repair of the same record is refused
  await assert.rejects(registerRepair(db, analyst, { uscc: u, eventId: 'P-BIG', repairDate: '2025-09-01', basis: 'x' }), /已于/);
});

test('a repair whose event was lost (e.g. to a concurrent import) is re-written by syncRepairEvents', async () => {
  await db.command({ text: `DELETE FROM events WHERE category = 'credit_repair' AND import_id = 'credit-repair'`, params: {} });
  assert.equal(await syncRepairEvents(db), 1);
  assert.equal(await syncRepairEvents(db), 0);
});

test('a repair re-classification that died with its process is marked failed with the months to run again; a live one is not', async () => {
  const v = id();
  await db.insert('enterprises', [ent(v)]);
  await db.insert('events', [...reports(v, 2016, 2025), ev(v, '2025-01-05', 'penalty', { event_id: 'V-1', amount_yuan: 20000, detail: '罚款' })]);
  // Registered (state 'running'); its re-classification is never run here, as if the process had died.
  const r = await registerRepair(db, analyst, { uscc: v, eventId: 'V-1', repairDate: '2025-07-25', basis: '申请' });
  assert.deepEqual(r.reclass, { uscc: v, fromMonth: '2025-07' });
  assert.equal((await runQuery(db, repairList, { uscc: v }, analyst))[0]?.reclass_status, 'running');
  await pastLease(db);
  const release = holdToken(reclassToken('repair', r.repairId));
  assert.deepEqual((await clearStale(db)).reclass, [], 'a live re-classification stays running');
  release();
  assert.deepEqual((await clearStale(db)).reclass, [r.repairId]);
  const [reg] = await runQuery(db, repairList, { uscc: v }, analyst);
  assert.equal(reg?.reclass_status, 'failed');
  assert.match(reg?.reclass_message ?? '', /进程中断.*2025-07 起.*classify --all --since 2025-07/);
  // Run again from the register: only in scope, only when failed, once at a time; it records done.
  await assert.rejects(retryRepairReclass(db, { name: '外县', role: 'analyst', regionCode: '220104' }, r.repairId), /不在您的数据范围内/);
  const again = await retryRepairReclass(db, analyst, r.repairId);
  assert.deepEqual(again, { uscc: v, fromMonth: '2025-07' });
  assert.equal((await runQuery(db, repairList, { uscc: v }, analyst))[0]?.reclass_status, 'running');
  await assert.rejects(retryRepairReclass(db, analyst, r.repairId), /正在进行/);
  await runRepairReclass(db, analyst, r.repairId, again);
  assert.equal((await runQuery(db, repairList, { uscc: v }, analyst))[0]?.reclass_status, 'done');
  await assert.rejects(retryRepairReclass(db, analyst, r.repairId), /没有未完成的重新分类/);
});

test('a record changed by an objection is judged with its corrected values, as the models read it', async () => {
  const c = id();
  await db.insert('enterprises', [ent(c)]);
  await db.insert('events', [
    ...reports(c, 2016, 2025),
    ev(c, '2025-01-10', 'penalty', { event_id: 'P-AMT', amount_yuan: 20000, detail: '罚款' }),
    ev(c, '2025-01-11', 'penalty', { event_id: 'P-END', amount_yuan: 20000, detail: '罚款' }),
  ]);
  for (const [eventId, change] of [['P-AMT', { amountYuan: 600 }], ['P-END', { endDate: '2025-05-01' }]] as const) {
    const o = await recordObjection(db, analyst, { uscc: c, targetKind: 'event', eventId, objector: 'x', what: '处罚', grounds: 'g', receivedDate: '2026-11-02' });
    await advanceObjection(db, analyst, { id: o.id, step: 'answered', answer: '更正' });
    await advanceObjection(db, analyst, { id: o.id, step: 'corrected', corrections: [{ eventId, action: 'change', ...change }] });
  }
  const recs = Object.fromEntries((await checkEnterprise(db, analyst, c, '2025-09-01')).records.map((r) => [r.event_id, r]));
  // The fine corrected to 600 yuan is a small fine (not repaired); the penalty corrected to end on 05-01 has ended.
  assert.deepEqual([recs['P-AMT']!.eligibility.status, recs['P-AMT']!.eligibility.rule, recs['P-AMT']!.amount_yuan], ['not_repairable', 'small_fine', 600]);
  assert.deepEqual([recs['P-END']!.eligibility.status, recs['P-END']!.eligibility.repairedOn], ['repaired', '2025-05-01']);
  await assert.rejects(registerRepair(db, analyst, { uscc: c, eventId: 'P-AMT', repairDate: '2025-09-01', basis: '申请' }), /较低数额罚款/);
});

test('a record is repaired once: a second repair dated before the first, or sent at the same moment, is refused', async () => {
  const w = id();
  await db.insert('enterprises', [ent(w)]);
  await db.insert('events', [...reports(w, 2016, 2025), ev(w, '2025-01-05', 'penalty', { event_id: 'W-1', amount_yuan: 20000, detail: '罚款' }),
    ev(w, '2025-01-06', 'penalty', { event_id: 'W-2', amount_yuan: 20000, detail: '罚款' })]);
  await registerRepair(db, analyst, { uscc: w, eventId: 'W-1', repairDate: '2025-08-20', basis: '申请' });
  // Dated before the first: the check as of that date did not see the later repair.
  await assert.rejects(registerRepair(db, analyst, { uscc: w, eventId: 'W-1', repairDate: '2025-07-15', basis: '申请' }),
    (e: unknown) => e instanceof RepairError && /已于 2025-08-20 登记信用修复/.test(e.message));
  // Two registrations of one record sent together (a double click): one stands.
  const both = await Promise.allSettled([1, 2].map(() => registerRepair(db, analyst, { uscc: w, eventId: 'W-2', repairDate: '2025-08-01', basis: '申请' })));
  assert.deepEqual(both.map((b) => b.status).sort(), ['fulfilled', 'rejected']);
  const n = await db.rows<{ event_id: string; n: number }>({ text: `SELECT event_id, toUInt32(count()) AS n FROM credit_repairs WHERE uscc = {w:String} GROUP BY event_id ORDER BY event_id`, params: { w } });
  assert.deepEqual(n.map((r) => [r.event_id, Number(r.n)]), [['W-1', 1], ['W-2', 1]]);
  const evs = await db.one<{ n: number }>({ text: `SELECT toUInt32(count()) AS n FROM events WHERE uscc = {w:String} AND category = 'credit_repair'`, params: { w } });
  assert.equal(Number(evs?.n), 2);
});
