/**
 * 企业画像's 关联企业: the enterprises at the same address and under the same legal representative, listed — the page
 * counted them only. Within the viewer's region; the closed ones last; each with its latest class.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDb, closeDb, type Db } from '../../server/db/client';
import { makeUscc } from '../../server/domain/uscc';
import { loadReferenceData } from '../../server/reference/load';
import { appRouter } from '../../server/trpc/root';
import { createCallerFactory } from '../../server/trpc/init';
import type { Viewer } from '../../server/auth/viewer';
import { caseEnterprises } from './warning-fixtures';
import { classRow } from './class-rows';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xy-related-'));
let db: Db;
const call = (v: Viewer) => createCallerFactory(appRouter)({ db: async () => db, viewer: v, ip: '' });
const province: Viewer = { name: 'pv', role: 'analyst', regionCode: '' };
const chaoyang: Viewer = { name: 'cy', role: 'analyst', regionCode: '220104' };
const partner: Viewer = { name: 'pt', role: 'partner', regionCode: '' };
const u = Array.from({ length: 6 }, (_, i) => makeUscc('91', '220104', String(71_000_000 + i)));

before(async () => {
  db = await getDb({ dataDir });
  await loadReferenceData(db);
  // u0…u2 at one address in 朝阳区 (u2 注销); u0, u3, u4 under one legal representative, u4 in 南关区; u5 unrelated.
  const rows = caseEnterprises(u, { label: '关联', street: '关联路', rep: 'R0', repName: '孙某' }).map((e, i) => ({
    ...e,
    address_key: i <= 2 ? '220104|关联路1号' : e.address_key,
    legal_rep_id: [0, 3, 4].includes(i) ? 'RX' : `R${i}`,
    status: i === 2 ? '注销' : '存续',
    reg_date: `202${i}-01-01`,
    ...(i === 4 ? { region_code: '220102', county_code: '220102' } : {}),
  }));
  await db.insert('enterprises', rows);
  await db.insert('class_results', [
    classRow({ month: '2026-08-01', model_id: 'general', uscc: u[1]!, class: 'B' }),
    classRow({ month: '2026-09-01', model_id: 'general', uscc: u[1]!, class: 'C' }),
    classRow({ month: '2026-09-01', model_id: 'effective', uscc: u[1]!, class: 'D' }),
    classRow({ month: '2026-07-01', model_id: 'general', uscc: u[3]!, class: 'A' }),
  ]);
});
after(async () => { await closeDb(); fs.rmSync(dataDir, { recursive: true, force: true }); });

test('the same address and the same legal representative, listed; the closed last; each with its latest class', async () => {
  const rows = await call(province).classify.enterpriseRelated({ uscc: u[0]! });
  assert.deepEqual(rows.map((r) => [r.tie, r.uscc, r.status, r.class, r.class_month, r.total]), [
    ['address', u[1]!, '存续', 'D', '2026-09', 2],
    ['address', u[2]!, '注销', '', '', 2],
    ['legal_rep', u[4]!, '存续', '', '', 2],
    ['legal_rep', u[3]!, '存续', 'A', '2026-07', 2],
  ]);
  assert.equal(rows.find((r) => r.uscc === u[4])!.county_name, '南关区');
});

test('within the viewer\'s region only; an enterprise outside it gives nothing; partners are refused', async () => {
  const rows = await call(chaoyang).classify.enterpriseRelated({ uscc: u[0]! });
  assert.deepEqual(rows.map((r) => r.uscc), [u[1]!, u[2]!, u[3]!], '南关区\'s u4 is not listed to 朝阳区');
  assert.deepEqual(await call(chaoyang).classify.enterpriseRelated({ uscc: u[4]! }), []);
  assert.deepEqual(await call(province).classify.enterpriseRelated({ uscc: u[5]! }), []);
  await assert.rejects(call(partner).classify.enterpriseRelated({ uscc: u[0]! }), (e: Error & { code?: string }) => e.code === 'FORBIDDEN');
});
