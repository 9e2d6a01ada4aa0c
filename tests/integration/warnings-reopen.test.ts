/**
 * A closed case and the months after it: the close covers the month it was recorded for and the months before; a
 * later month with the same members and severity stays closed, one with a new member or a higher severity reopens
 * the case (list, push list, case state), and the desk takes steps on it again.
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
import { getWarningCase, recordDisposal } from '../../server/warnings/desk';
import { buildPushList } from '../../server/warnings/push';
import { loadReferenceData } from '../../server/reference/load';
import { runQuery } from '../../queries/define';
import { warningList } from '../../queries/warnings/list';
import type { Viewer } from '../../server/auth/viewer';
import { caseEnterprises } from './warning-fixtures';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xy-reopen-'));
let db: Db;
const analyst: Viewer = { name: 'ana', role: 'analyst', regionCode: '' };
const only = { rules: ['multi-enterprise-person' as const] };
/** PR: five enterprises since 2022, a sixth registered in July 2026. PS: five, one listed abnormal in July. PT: five, unchanged. */
const pr = Array.from({ length: 6 }, (_, i) => makeUscc('91', '220104', String(34_000_000 + i)));
const ps = Array.from({ length: 5 }, (_, i) => makeUscc('91', '220104', String(34_000_100 + i)));
const pt = Array.from({ length: 5 }, (_, i) => makeUscc('91', '220104', String(34_000_200 + i)));
const idOf = async (key: string) => (await db.one<{ id: string }>(sql`SELECT any(id) AS id FROM warnings WHERE key = ${p.str(key)}`))!.id;
const stateOf = async (key: string, month: string) => (await runQuery(db, warningList, { month, rule: 'multi-enterprise-person' }, analyst)).find((r) => r.key === key)?.state;
const closeCase = async (id: string) => {
  await recordDisposal(db, analyst, { id, step: 'act', action: '提醒' });
  await recordDisposal(db, analyst, { id, step: 'result', result: 'rectified' });
  await recordDisposal(db, analyst, { id, step: 'close', note: '已整改' });
};

before(async () => {
  db = await getDb({ dataDir });
  await loadReferenceData(db);
  await db.insert('enterprises', [
    ...caseEnterprises(pr, { label: '重开', street: '重开街', rep: 'PR', repName: '王某' }).map((e, i) => (i === 5 ? { ...e, reg_date: '2026-07-10' } : e)),
    ...caseEnterprises(ps, { label: '升级', street: '升级街', rep: 'PS', repName: '赵某' }),
    ...caseEnterprises(pt, { label: '不变', street: '不变街', rep: 'PT', repName: '钱某' }),
  ]);
  await db.insert('events', [{ event_id: 'RO-1', uscc: ps[0], event_date: '2026-07-05', category: 'abnormal_list', severity: 'general', end_date: null, result: '', source: 'test', amount_yuan: null, detail: '通过登记的住所无法联系', import_id: 't' }]);
  await runWarnings(db, '2026-05', only);
  await closeCase(await idOf('PR'));   // closed for May
  await closeCase(await idOf('PT'));
  await runWarnings(db, '2026-06', only);
  await closeCase(await idOf('PS'));   // closed for June
  await runWarnings(db, '2026-07', only);
});
after(async () => { await closeDb(); fs.rmSync(dataDir, { recursive: true, force: true }); });

test('a case that continues unchanged after its close stays closed and takes no steps', async () => {
  assert.equal(await stateOf('PR', '2026-06'), 'closed', 'June: the same five members, same severity');
  assert.equal(await stateOf('PT', '2026-07'), 'closed');
  const id = await idOf('PT');
  assert.equal((await getWarningCase(db, analyst, id)).state, 'closed');
  await assert.rejects(recordDisposal(db, analyst, { id, step: 'act', action: '约谈' }), /已办结/);
});

test('a new member after the close reopens the case in that month; the closed months stay closed', async () => {
  const id = await idOf('PR');
  const july = await db.one<{ n: number; nn: number }>(sql`SELECT toUInt32(length(members)) AS n, toUInt32(length(new_members)) AS nn FROM warnings WHERE id = ${p.str(id)} AND month = '2026-07-01'`);
  assert.deepEqual([Number(july!.n), Number(july!.nn)], [6, 1], 'the case continues into July with the sixth enterprise');
  assert.equal(await stateOf('PR', '2026-05'), 'closed');
  assert.equal(await stateOf('PR', '2026-06'), 'closed');
  assert.equal(await stateOf('PR', '2026-07'), 'open');
  assert.equal((await getWarningCase(db, analyst, id)).state, 'open');
  assert.equal((await getWarningCase(db, analyst, id, '2026-06')).state, 'closed');
  const push = (await buildPushList(db, analyst, { month: '2026-07', rule: 'multi-enterprise-person' })).find((r) => r.对象 === '王某');
  assert.equal(push?.处置状态, '待处置');
  // the desk takes steps again, recorded for July; the state follows them
  await recordDisposal(db, analyst, { id, step: 'act', action: '检查' });
  assert.equal(await stateOf('PR', '2026-07'), 'acting');
  assert.equal(await stateOf('PR', '2026-06'), 'closed');
  const steps = (await getWarningCase(db, analyst, id)).disposals;
  assert.deepEqual(steps.map((d) => `${d.step}@${d.month}`), ['act@2026-05', 'result@2026-05', 'close@2026-05', 'act@2026-07']);
  // closed again for July (after the 检查 has its result): July and before closed
  await recordDisposal(db, analyst, { id, step: 'result', result: 'rectified' });
  await recordDisposal(db, analyst, { id, step: 'close' });
  assert.equal(await stateOf('PR', '2026-07'), 'closed');
});

test('a higher severity after the close reopens the case', async () => {
  const id = await idOf('PS');
  const sev = await db.rows<{ m: string; s: string }>(sql`SELECT toString(month) AS m, toString(severity) AS s FROM warnings WHERE id = ${p.str(id)} ORDER BY month`);
  assert.deepEqual(sev.map((r) => r.s), ['low', 'low', 'high']);
  assert.equal(await stateOf('PS', '2026-06'), 'closed');
  assert.equal(await stateOf('PS', '2026-07'), 'open');
  await recordDisposal(db, analyst, { id, step: 'assign', unitCode: '220104' });
  assert.equal(await stateOf('PS', '2026-07'), 'assigned');
});

test('a reopened case needs a new measure before a result: the one taken before the close does not count', async () => {
  const id = await idOf('PS');
  assert.equal((await getWarningCase(db, analyst, id)).state, 'assigned');
  await assert.rejects(recordDisposal(db, analyst, { id, step: 'result', result: 'rectified' }), /办结后重新出现.*请先记录本次处置措施/);
  await recordDisposal(db, analyst, { id, step: 'act', action: '警示' });
  await recordDisposal(db, analyst, { id, step: 'result', result: 'rectified' });
  assert.equal(await stateOf('PS', '2026-07'), 'resulted');
});
