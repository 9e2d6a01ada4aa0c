/**
 * A region-scoped analyst learns nothing of enterprises outside the region from the enterprise page (the counts of
 * a legal representative's enterprises, of enterprises at the same address, of a person's enterprises) nor from the
 * data-fitted variant of 模型与验证 (fitted on the region's enterprises only). Through the tRPC caller.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../../server/db/client';
import { closeDb } from '../../server/db/client';
import { appRouter } from '../../server/trpc/root';
import { createCallerFactory } from '../../server/trpc/init';
import type { Viewer } from '../../server/auth/viewer';
import { freshDb, ent, ev, id, reports } from './classify-fixtures';
import { buildFeatures } from '../../server/classify/features';

let db: Db;
const admin: Viewer = { name: 'admin', role: 'admin', regionCode: '' };
const changchun: Viewer = { name: 'cc', role: 'analyst', regionCode: '220100' };
const jilin: Viewer = { name: 'jl', role: 'analyst', regionCode: '220200' };
const call = (v: Viewer) => createCallerFactory(appRouter)({ db: async () => db, viewer: v, ip: '' });

const CC = id();
// One enterprise whose address, legal representative and shareholder are shared by one 存续, one 吊销 and one 注销 enterprise.
const REL = id();
const relOthers = { live: id(), revoked: id(), closed: id() };
const inJilin = (o: Record<string, unknown> = {}) => ({ region_code: '220202', prefecture_code: '220200', county_code: '220202', street_code: '', ...o });

before(async () => {
  db = await freshDb();
  const E: Array<Record<string, unknown>> = [];
  const V: Array<Record<string, unknown>> = [];
  const R: Array<Record<string, unknown>> = [];
  // One enterprise in 长春 whose legal representative, address and shareholder also have 3 enterprises in 吉林市.
  E.push(ent(CC, { legal_rep_id: 'rep-x', address_key: 'addr-x' }));
  R.push({ uscc: CC, person_id: 'p-x', person_name: '李四', role: 'shareholder', share_pct: 50, import_id: 't' });
  for (let k = 0; k < 3; k++) {
    const u = id();
    E.push(ent(u, inJilin({ legal_rep_id: 'rep-x', address_key: 'addr-x' })));
    R.push({ uscc: u, person_id: 'p-x', person_name: '李四', role: 'shareholder', share_pct: 50, import_id: 't' });
  }
  // Enterprises inspected every month in both prefectures, for the fitted variant; problems found at every fifth.
  for (let k = 0; k < 80; k++) {
    const u = id();
    E.push(ent(u, k % 2 ? inJilin() : {}));
    V.push(...reports(u, 2016, 2024));
    if (k % 3 === 0) V.push(ev(u, '2023-06-01', 'penalty'));
    for (let m = 1; m <= 12; m++) V.push(ev(u, `2024-${String(m).padStart(2, '0')}-15`, 'inspection', { result: (k + m) % 5 === 0 || k % 3 === 0 ? 'problem' : 'pass' }));
  }
  E.push(ent(REL, { legal_rep_id: 'rep-rel', address_key: 'addr-rel' }));
  for (const [k, u] of Object.entries(relOthers)) {
    E.push(ent(u, { legal_rep_id: 'rep-rel', address_key: 'addr-rel', status: k === 'live' ? '存续' : k === 'revoked' ? '吊销' : '注销' }));
  }
  for (const u of [REL, ...Object.values(relOthers)]) R.push({ uscc: u, person_id: 'p-rel', person_name: '王五', role: '股东', share_pct: 10, import_id: 't' });
  V.push(ev(relOthers.closed, '2020-03-01', 'change', { detail: '注销' }), ev(relOthers.revoked, '2021-03-01', 'license_revoked'));
  await db.insert('enterprises', E);
  await db.insert('events', V);
  await db.insert('roles', R);
});
after(async () => { await closeDb(); });

test('enterprise page: related-enterprise counts are within the viewer\'s region', async () => {
  const all = await call(admin).classify.enterprise({ uscc: CC });
  assert.equal(all.profile.rep_enterprises, 4);
  assert.equal(all.profile.address_enterprises, 4);
  assert.equal(all.roles[0]!.enterprises, 4);
  const cc = await call(changchun).classify.enterprise({ uscc: CC });
  assert.equal(cc.profile.rep_enterprises, 1, 'the 3 enterprises in 吉林市 are outside 长春市');
  assert.equal(cc.profile.address_enterprises, 1);
  assert.equal(cc.roles[0]!.enterprises, 1);
});

test('classify.evaluation with fit: a region-scoped analyst gets a variant fitted on the region only', async () => {
  const input = { month: '2024-07', model: 'general', fit: true };
  const all = (await call(admin).classify.evaluation(input)).fitted!;
  const cc = (await call(changchun).classify.evaluation(input)).fitted!;
  const jl = (await call(jilin).classify.evaluation(input)).fitted!;
  assert.ok(all.nTest > 0 && all.nTrain > 0, JSON.stringify(all));
  assert.ok(cc.nTest > 0 && cc.nTest < all.nTest, `长春 ${cc.nTest} of ${all.nTest}`);
  // The two prefectures partition the province's sample.
  assert.equal(cc.nTest + jl.nTest, all.nTest);
  assert.equal(cc.nTrain + jl.nTrain, all.nTrain);
});

test('enterprise page: related-enterprise counts are those of the classification (closed enterprises apart, revoked ones said)', async () => {
  const { profile, roles } = await call(admin).classify.enterprise({ uscc: REL });
  const f = await buildFeatures(db, '2024-06-30', 'scoped_counts_rel');
  let feat: Record<string, unknown>;
  try {
    feat = (await db.one<Record<string, unknown>>({ text: `SELECT addr_cluster, rep_other_count, person_max_ent FROM ${f.features} WHERE uscc = {u:String}`, params: { u: REL } }))!;
  } finally {
    await f.drop();
  }
  // The classification: 3 at the address and under the legal representative (itself, the 存续 and the 吊销 one).
  assert.deepEqual([Number(feat.addr_cluster), Number(feat.rep_other_count) + 1, Number(feat.person_max_ent)], [3, 3, 3]);
  assert.deepEqual([profile.address_enterprises, profile.address_revoked, profile.address_closed], [3, 1, 1]);
  assert.deepEqual([profile.rep_enterprises, profile.rep_revoked, profile.rep_closed], [3, 1, 1]);
  assert.equal(roles.find((r) => r.person_id === 'p-rel')!.enterprises, 3);
  // Seen from the closed enterprise, it counts itself.
  const closed = await call(admin).classify.enterprise({ uscc: relOthers.closed });
  assert.deepEqual([closed.profile.address_enterprises, closed.profile.address_closed], [4, 0]);
});
