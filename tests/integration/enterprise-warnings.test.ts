/**
 * An enterprise's warning cases on its page (企业画像), cross-county ones included: the analyst of a county holding a
 * minority of a 一人多企 case's members had no way to learn that their enterprise was in a case at all (the case is
 * on the majority county's desk only). They see it here — who handles it, its size and state — but no other
 * member and no link to a case page they may not open.
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
import { recordDisposal } from '../../server/warnings/desk';
import { loadReferenceData } from '../../server/reference/load';
import { appRouter } from '../../server/trpc/root';
import { createCallerFactory } from '../../server/trpc/init';
import type { Viewer } from '../../server/auth/viewer';
import { caseEnterprises } from './warning-fixtures';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xy-entwarn-'));
let db: Db;
const chaoyang: Viewer = { name: 'cy', role: 'analyst', regionCode: '220104' };
const nanguan: Viewer = { name: 'ng', role: 'analyst', regionCode: '220102' };
const province: Viewer = { name: 'pv', role: 'analyst', regionCode: '' };
const partner: Viewer = { name: 'pt', role: 'partner', regionCode: '' };
const call = (v: Viewer) => createCallerFactory(appRouter)({ db: async () => db, viewer: v, ip: '' });
/** PX: four enterprises in 朝阳区 (220104), two in 南关区 (220102): the case is 朝阳区's. */
const px = Array.from({ length: 6 }, (_, i) => makeUscc('91', '220104', String(61_000_000 + i)));
let id = '';

before(async () => {
  db = await getDb({ dataDir });
  await loadReferenceData(db);
  await db.insert('enterprises', caseEnterprises(px, { label: '跨区', street: '跨区路', rep: 'PX', repName: '吴某' }).map((e, i) =>
    (i < 4 ? e : { ...e, region_code: '220102', county_code: '220102', address_key: `220102|跨区路${i}号` })));
  await runWarnings(db, '2026-06');
  const rows = await db.rows<{ id: string; county: string; n: number }>(sql`
    SELECT id, toString(county_code) AS county, toUInt32(length(members)) AS n FROM warnings WHERE rule = 'multi-enterprise-person' AND key = 'PX'`);
  assert.deepEqual(rows.map((r) => [r.county, r.n]), [['220104', 6]], 'fixture: one case of 6, 朝阳区\'s');
  id = rows[0]!.id;
  await recordDisposal(db, chaoyang, { id, step: 'assign', unitCode: '220104' });
});
after(async () => { await closeDb(); fs.rmSync(dataDir, { recursive: true, force: true }); });

test('the minority county\'s analyst sees that their enterprise is in a case handled by another county, and nothing of the others', async () => {
  const own = px[4]!; // in 南关区
  const cases = await call(nanguan).warnings.ofEnterprise({ uscc: own });
  assert.equal(cases.length, 1);
  const c = cases[0]!;
  assert.deepEqual([c.id, c.rule, c.county_code, c.county_name, c.members, c.state, c.in_scope, c.month],
    [id, 'multi-enterprise-person', '220104', '朝阳区', 6, 'assigned', 0, '2026-06']);
  assert.equal(c.label, '吴某');
  // Nothing names another member.
  const text = JSON.stringify(cases);
  for (const other of px.filter((u) => u !== own)) assert.ok(!text.includes(other), other);
  // The case is still not on their desk, nor readable there.
  assert.equal((await call(nanguan).warnings.list({ month: '2026-06' })).length, 0);
});

test('the handling county\'s analyst and a province analyst get the case with a link; an enterprise outside the scope gives nothing', async () => {
  for (const v of [chaoyang, province]) {
    const cases = await call(v).warnings.ofEnterprise({ uscc: px[0]! });
    assert.deepEqual(cases.map((c) => [c.id, c.in_scope]), [[id, 1]], v.name);
  }
  assert.deepEqual(await call(province).warnings.ofEnterprise({ uscc: px[5]! }).then((r) => r.map((c) => c.in_scope)), [1]);
  // 南关区's analyst asking about a 朝阳区 member, and 朝阳区's about a 南关区 one: not in scope, no rows.
  assert.deepEqual(await call(nanguan).warnings.ofEnterprise({ uscc: px[0]! }), []);
  assert.deepEqual(await call(chaoyang).warnings.ofEnterprise({ uscc: px[4]! }), []);
  await assert.rejects(call(partner).warnings.ofEnterprise({ uscc: px[0]! }), (e: Error & { code?: string }) => e.code === 'FORBIDDEN');
});

test('a case the enterprise has left is shown as of its last month as a member, beside the case\'s latest month', async () => {
  // July: the 南关区 member px[5] is no longer tied to PX (its legal representative changed).
  await db.command(sql`ALTER TABLE enterprises UPDATE legal_rep_id = 'PY', legal_rep_name = '郑某' WHERE uscc = ${{ text: '{u:String}', params: { u: px[5]! } }} SETTINGS mutations_sync = 2`);
  await runWarnings(db, '2026-07');
  const cases = await call(province).warnings.ofEnterprise({ uscc: px[5]! });
  assert.deepEqual(cases.map((c) => [c.id, c.month, c.latest_month, c.members]), [[id, '2026-06', '2026-07', 6]]);
  const stays = await call(nanguan).warnings.ofEnterprise({ uscc: px[4]! });
  assert.deepEqual(stays.map((c) => [c.id, c.month, c.latest_month, c.members, c.in_scope]), [[id, '2026-07', '2026-07', 5, 0]]);
});
