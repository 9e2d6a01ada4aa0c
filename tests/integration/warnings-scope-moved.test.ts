/**
 * A case whose place moved to another county (its members moved or new ones registered there) belongs to that county's
 * analysts from then on: the analyst of its former county still reads its past months, but takes no steps on it.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDb, closeDb, type Db } from '../../server/db/client';
import { sql } from '../../server/db/sql';
import { makeUscc } from '../../server/domain/uscc';
import { runWarnings } from '../../server/warnings/engine';
import { getWarningCase, recordDisposal, DeskError } from '../../server/warnings/desk';
import { loadReferenceData } from '../../server/reference/load';
import type { Viewer } from '../../server/auth/viewer';
import { caseEnterprises } from './warning-fixtures';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xy-moved-'));
let db: Db;
const chaoyang: Viewer = { name: 'cy', role: 'analyst', regionCode: '220104' };
const nanguan: Viewer = { name: 'ng', role: 'analyst', regionCode: '220102' };
/** PM: three enterprises in 朝阳区 (220104) and two in 南关区 (220102) since 2022; two more in 南关区 from July 2026. */
const pm = Array.from({ length: 7 }, (_, i) => makeUscc('91', '220104', String(52_000_000 + i)));
let id = '';

before(async () => {
  db = await getDb({ dataDir });
  await loadReferenceData(db);
  await db.insert('enterprises', caseEnterprises(pm, { label: '迁移', street: '迁移路', rep: 'PM', repName: '周某' }).map((e, i) =>
    (i < 3 ? e : { ...e, region_code: '220102', county_code: '220102', address_key: `220102|迁移路${i}号`, reg_date: i < 5 ? '2022-01-01' : '2026-07-02' })));
  await runWarnings(db, '2026-06');
  await runWarnings(db, '2026-07');
  const rows = await db.rows<{ id: string; m: string; county: string; n: number }>(sql`
    SELECT id, formatDateTime(month, '%Y-%m') AS m, toString(county_code) AS county, toUInt32(length(members)) AS n
    FROM warnings WHERE rule = 'multi-enterprise-person' AND key = 'PM' ORDER BY month`);
  assert.deepEqual(rows.map((r) => [r.m, r.county, r.n]), [['2026-06', '220104', 5], ['2026-07', '220102', 7]], 'fixture: the case moved to 南关区 in July');
  id = rows[0]!.id;
  assert.equal(rows[1]!.id, id);
});
after(async () => { await closeDb(); fs.rmSync(dataDir, { recursive: true, force: true }); });

test('the analyst of the county a case moved away from takes no steps on it (it would act on the new county\'s case)', async () => {
  // Reading the month the case was theirs is fine.
  const past = await getWarningCase(db, chaoyang, id, '2026-06');
  assert.equal(past.warning.county_code, '220104');
  for (const step of [{ step: 'assign' as const, unitCode: '220104' }, { step: 'act' as const, action: '提醒' as const }, { step: 'close' as const }]) {
    await assert.rejects(recordDisposal(db, chaoyang, { id, ...step }), (e: unknown) => e instanceof DeskError && e.code === 'FORBIDDEN' && /其他辖区/.test(e.message), step.step);
  }
  const n = await db.one<{ n: number }>(sql`SELECT toUInt32(count()) AS n FROM warning_disposals WHERE warning_id = ${{ text: '{wid:String}', params: { wid: id } }}`);
  assert.equal(n?.n, 0, 'nothing recorded on the case');
  // The county it belongs to now works it, on its current month.
  await recordDisposal(db, nanguan, { id, step: 'assign', unitCode: '220102' });
  const now = await getWarningCase(db, nanguan, id);
  assert.equal(now.warning.month, '2026-07');
  assert.equal(now.state, 'assigned');
});

test('the steps of a case name no member outside the viewer\'s scope (a result\'s targets)', async () => {
  await recordDisposal(db, nanguan, { id, step: 'act', action: '检查' });
  await recordDisposal(db, nanguan, { id, step: 'result', result: 'pass', targets: [pm[3]!, pm[5]!], date: '2026-07-20' });
  const own = await getWarningCase(db, nanguan, id);
  assert.deepEqual(own.disposals.at(-1)!.targets, [pm[3], pm[5]]);
  const past = await getWarningCase(db, chaoyang, id, '2026-06');
  assert.equal(past.disposals.length, 3, 'the former county sees the steps taken');
  const json = JSON.stringify(past);
  for (const u of pm.slice(3)) assert.ok(!json.includes(u), `${u} (南关区) must not reach a 朝阳区 analyst`);
});
