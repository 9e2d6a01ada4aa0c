/**
 * Dates on the warning desk: the case timeline covers exactly the twelve months shown as “近一年”, an inspection
 * result's default date is today in China (not the UTC date), and a non-existent date is rejected before anything
 * is written (the engine would otherwise shift 2026-02-30 to 2026-03-02).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDb, closeDb, type Db } from '../../server/db/client';
import { sql, p } from '../../server/db/sql';
import { makeUscc } from '../../server/domain/uscc';
import { runWarnings } from '../../server/warnings/engine';
import { getWarningCase, recordDisposal, DeskError } from '../../server/warnings/desk';
import { loadReferenceData } from '../../server/reference/load';
import type { Viewer } from '../../server/auth/viewer';
import { caseEnterprises } from './warning-fixtures';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xy-dates-'));
let db: Db;
const analyst: Viewer = { name: 'ana', role: 'analyst', regionCode: '' };
const members = Array.from({ length: 5 }, (_, i) => makeUscc('91', '220104', String(30_000_000 + i)));
let id = '';

const ev = (n: number, uscc: string, date: string) => ({
  event_id: `DT-${n}`, uscc, event_date: date, category: 'complaint', severity: 'general', end_date: null, result: '', source: 'test', amount_yuan: null, detail: `投诉${n}`, import_id: 't',
});

before(async () => {
  db = await getDb({ dataDir });
  await loadReferenceData(db);
  await db.insert('enterprises', caseEnterprises(members, { label: '日期测试', street: '日期街', rep: 'PD', repName: '李某' }));
  // Around the edges of the June 2026 case's twelve months (2025-07-01 … 2026-06-30).
  await db.insert('events', [
    ev(1, members[0]!, '2025-05-31'), ev(2, members[0]!, '2025-06-30'), ev(3, members[1]!, '2025-07-01'),
    ev(4, members[1]!, '2026-06-30'), ev(5, members[2]!, '2026-07-01'),
  ]);
  await runWarnings(db, '2026-06', { rules: ['multi-enterprise-person'] });
  const w = await db.one<{ id: string }>(sql`SELECT id FROM warnings WHERE rule = 'multi-enterprise-person' AND key = 'PD'`);
  id = w!.id;
});
after(async () => { await closeDb(); fs.rmSync(dataDir, { recursive: true, force: true }); });

const count = async (q: string) => Number((await db.one<{ n: number }>({ text: q, params: {} }))!.n);

test('case timeline “近一年”: the month and the eleven before it, whole (2025-07-01 … 2026-06-30)', async () => {
  const c = await getWarningCase(db, analyst, id, '2026-06');
  assert.deepEqual(c.events.map((e) => [e.event_date, e.event_id]), [['2026-06-30', 'DT-4'], ['2025-07-01', 'DT-3']]);
});

test('an inspection result with a non-existent date is rejected with the date named; nothing is written', async () => {
  await recordDisposal(db, analyst, { id, step: 'act', action: '检查' }, new Date('2026-06-30T23:00:00Z'));
  const events = () => count(`SELECT toUInt32(count()) AS n FROM events WHERE startsWith(event_id, 'WD-')`);
  const steps = () => count(`SELECT toUInt32(count()) AS n FROM warning_disposals`);
  const [e0, s0] = [await events(), await steps()];
  for (const date of ['2026-02-30', '2026-02-29', '2026-04-31', '2026-13-01', '2026-00-10']) {
    await assert.rejects(recordDisposal(db, analyst, { id, step: 'result', result: 'pass', targets: [members[0]!], date }),
      (e: unknown) => e instanceof DeskError && e.code === 'BAD_REQUEST' && e.message === `检查日期无效：${date}`, date);
  }
  await assert.rejects(recordDisposal(db, analyst, { id, step: 'result', result: 'pass', date: '2026-7-1' }), /检查日期格式应为 YYYY-MM-DD/);
  assert.equal(await events(), e0);
  assert.equal(await steps(), s0);
  const march = await db.rows<{ n: number }>(sql`SELECT toUInt32(count()) AS n FROM events WHERE event_date = ${p.date('2026-03-02')}`);
  assert.equal(Number(march[0]!.n), 0, 'no shifted 2026-03-02 event');
});

test('an inspection result without a date is dated today in China: 2026-07-01 07:30 Beijing (23:30 UTC the day before)', async () => {
  const now = new Date('2026-06-30T23:30:00Z');
  const r = await recordDisposal(db, analyst, { id, step: 'result', result: 'pass', targets: [members[3]!] }, now);
  assert.equal(r.eventIds.length, 1);
  const rows = await db.rows<{ uscc: string; event_date: string; result: string }>(sql`
    SELECT uscc, toString(event_date) AS event_date, toString(result) AS result FROM events WHERE event_id IN ${p.strs(r.eventIds)}`);
  assert.deepEqual(rows, [{ uscc: members[3], event_date: '2026-07-01', result: 'pass' }]);
  // the step itself is stamped with the same clock, and shown in China time like the date
  const c = await getWarningCase(db, analyst, id, '2026-06');
  assert.deepEqual(c.disposals.map((d) => d.step), ['act', 'result']);
  assert.equal(c.disposals[1]!.ts, '2026-07-01 07:30:00');
});

test('an inspection result dated after today (in China) is refused: the inspection has not happened; nothing is written', async () => {
  const events = () => count(`SELECT toUInt32(count()) AS n FROM events WHERE startsWith(event_id, 'WD-')`);
  const steps = () => count(`SELECT toUInt32(count()) AS n FROM warning_disposals`);
  const [e0, s0] = [await events(), await steps()];
  const now = new Date('2026-07-01T16:30:00Z'); // 2026-07-02 00:30 in Beijing
  for (const date of ['2030-01-01', '2026-07-03']) {
    await assert.rejects(recordDisposal(db, analyst, { id, step: 'result', result: 'problem', targets: [members[0]!], date }, now),
      (e: unknown) => e instanceof DeskError && e.code === 'BAD_REQUEST' && e.message === `检查日期 ${date} 晚于今天（2026-07-02），检查尚未进行`, date);
  }
  assert.equal(await events(), e0);
  assert.equal(await steps(), s0);
  // today in China is accepted
  const r = await recordDisposal(db, analyst, { id, step: 'result', result: 'pass', targets: [members[0]!], date: '2026-07-02' }, now);
  assert.equal(r.eventIds.length, 1);
});
