/**
 * The place of a case whose members are spread over several counties/streets: the county holding most of its
 * members, then the street holding most of that county's members (ties to the lower code) — it decides which
 * region-scoped analyst sees the case and where the push list sends it.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDb, closeDb, type Db } from '../../server/db/client';
import { sql } from '../../server/db/sql';
import { makeUscc } from '../../server/domain/uscc';
import { runWarnings, mainPlace } from '../../server/warnings/engine';
import { getWarningCase, DeskError } from '../../server/warnings/desk';
import { loadReferenceData } from '../../server/reference/load';
import type { Viewer } from '../../server/auth/viewer';
import { caseEnterprises } from './warning-fixtures';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xy-place-'));
let db: Db;
const chaoyang: Viewer = { name: 'cy', role: 'analyst', regionCode: '220104' };
const nanguan: Viewer = { name: 'ng', role: 'analyst', regionCode: '220102' };
/** PQ: three enterprises in three streets of 朝阳区 (220104), two in one street of 南关区 (220102). */
const pq = Array.from({ length: 5 }, (_, i) => makeUscc('91', '220104', String(51_000_000 + i)));
const streets = ['220104003', '220104002', '220104001'];
/** An address in 朝阳区 with ten enterprises: four without a street, six spread 3 / 3 over two streets. */
const addr = Array.from({ length: 10 }, (_, i) => makeUscc('91', '220104', String(51_000_100 + i)));

before(async () => {
  db = await getDb({ dataDir });
  await loadReferenceData(db);
  await db.insert('enterprises', caseEnterprises(pq, { label: '跨区', street: '跨区路', rep: 'PQ', repName: '孙某' }).map((e, i) =>
    (i < 3 ? { ...e, region_code: streets[i], street_code: streets[i] }
      : { ...e, region_code: '220102001', county_code: '220102', street_code: '220102001', address_key: `220102|跨区路${i}号` })));
  await db.insert('enterprises', caseEnterprises(addr, { label: '同址', street: '同址街', rep: 'X', repName: '某' }).map((e, i) => ({
    ...e, legal_rep_id: `PA-${i}`, address: '同址街1号', address_key: '220104|同址街1号',
    ...(i < 3 ? { region_code: '220104002', street_code: '220104002' } : i < 6 ? { region_code: '220104001', street_code: '220104001' } : {}),
  })));
  await runWarnings(db, '2026-06');
});
after(async () => { await closeDb(); fs.rmSync(dataDir, { recursive: true, force: true }); });

test('一人多企 across two counties is placed in the county holding most of its enterprises (not the most common street)', async () => {
  const w = await db.one<{ id: string; county_code: string; street_code: string }>(sql`
    SELECT id, toString(county_code) AS county_code, toString(street_code) AS street_code FROM warnings WHERE rule = 'multi-enterprise-person' AND key = 'PQ'`);
  assert.ok(w);
  assert.deepEqual([w.county_code, w.street_code], ['220104', '220104001'], 'three of five in 朝阳区; its streets tie, the lower code wins');
  const c = await getWarningCase(db, chaoyang, w.id);
  assert.equal(c.warning.members.length, 3);
  assert.equal(c.hiddenMembers, 2);
  await assert.rejects(getWarningCase(db, nanguan, w.id), (e: unknown) => e instanceof DeskError && e.code === 'NOT_FOUND');
});

test('一址多照: the street holding most members, unknown street counted as one; ties to the lower code', async () => {
  const w = await db.one<{ street_code: string }>(sql`SELECT toString(street_code) AS street_code FROM warnings WHERE rule = 'multi-license-address'`);
  assert.equal(w?.street_code, '', 'four without a street outnumber three and three');
  assert.deepEqual(mainPlace([['220104', '220104002'], ['220104', '220104001'], ['220104', '220104001'], ['220104', '220104002']]), { county: '220104', street: '220104001' });
  assert.deepEqual(mainPlace([['220104', 'a'], ['220104', 'b'], ['220104', 'c'], ['220102', 'd'], ['220102', 'd']]), { county: '220104', street: 'a' });
  assert.deepEqual(mainPlace([]), { county: '', street: '' });
  assert.deepEqual(mainPlace([['220104', ''], ['220104', '220104002'], ['220104', ''], ['220104', '220104002']]), { county: '220104', street: '220104002' }, 'a tie: the known street');
});
