/**
 * A case bigger than the page lists (一址多照 on a cluster-registration address): the page lists 2,000 members, but
 * the counts, the disposal targets and an inspection result on all members cover every member in the viewer's scope.
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
import { getWarningCase, recordDisposal, MEMBERS_LISTED } from '../../server/warnings/desk';
import { loadReferenceData } from '../../server/reference/load';
import type { Viewer } from '../../server/auth/viewer';
import { caseEnterprises } from './warning-fixtures';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xy-big-'));
let db: Db;
const admin: Viewer = { name: 'adm', role: 'admin', regionCode: '' };
const chaoyang: Viewer = { name: 'cy', role: 'analyst', regionCode: '220104' };
/** 2,100 enterprises at one address in 朝阳区, each under its own legal representative. */
const members = Array.from({ length: 2100 }, (_, i) => makeUscc('91', '220104', String(60_000_000 + i)));
let id = '';

before(async () => {
  db = await getDb({ dataDir });
  await loadReferenceData(db);
  await db.insert('enterprises', caseEnterprises(members, { label: '集群', street: '集群街', rep: 'X', repName: '某' })
    .map((e, i) => ({ ...e, legal_rep_id: `PB-${i}`, address: '集群街1号', address_key: '220104|集群街1号' })));
  await runWarnings(db, '2026-06', { rules: ['multi-license-address'] });
  id = (await db.one<{ id: string }>(sql`SELECT id FROM warnings WHERE rule = 'multi-license-address'`))!.id;
});
after(async () => { await closeDb(); fs.rmSync(dataDir, { recursive: true, force: true }); });

test('members beyond the listed 2,000 are neither "outside the scope" nor left out of the case', async () => {
  for (const viewer of [admin, chaoyang]) {
    const c = await getWarningCase(db, viewer, id);
    assert.equal(c.warning.memberCount, 2100);
    assert.equal(c.hiddenMembers, 0, `${viewer.name}: every member is in scope`);
    assert.equal(c.warning.members.length, 2100);
    assert.equal(c.members.length, MEMBERS_LISTED);
    assert.equal(c.unlistedMembers, 100);
  }
});

test('an inspection result on all members writes one event per member, beyond the listed ones too; a target beyond them is a member (a repeated one counts once)', async () => {
  const last = [...members].sort().at(-1)!;
  await recordDisposal(db, admin, { id, step: 'act', action: '检查' });
  const one = await recordDisposal(db, admin, { id, step: 'result', result: 'pass', targets: [last, last], date: '2026-07-01' }, new Date('2026-07-02T04:00:00Z'));
  assert.equal(one.eventIds.length, 1);
  const all = await recordDisposal(db, admin, { id, step: 'result', result: 'problem', date: '2026-07-01' }, new Date('2026-07-02T04:00:00Z'));
  assert.equal(all.eventIds.length, 2100);
  const n = await db.one<{ n: number }>(sql`SELECT toUInt32(uniqExact(uscc)) AS n FROM events WHERE event_id IN ${p.strs(all.eventIds)}`);
  assert.equal(Number(n!.n), 2100);
});

test('push list: a scoped analyst is not told that the members past the first 2,000 lie outside their county', async () => {
  const { buildPushList } = await import('../../server/warnings/push');
  const [row] = await buildPushList(db, chaoyang, { month: '2026-06' });
  assert.ok(row);
  assert.equal(row.涉及企业数, 2100);
  assert.match(row.涉及企业, /等 2100 户$/);
  assert.doesNotMatch(row.涉及企业, /不在本辖区/);
  assert.equal(row.涉及企业.split('；').length, 51, '50 named, then the total');
});
