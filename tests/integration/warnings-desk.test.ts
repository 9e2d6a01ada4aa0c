/** The disposal flow on the engine: steps stored with who/when, inspection results written as events, scope enforced, push list CSV. */
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
import { buildPushList, pushCsv } from '../../server/warnings/push';
import { loadReferenceData } from '../../server/reference/load';
import type { Viewer } from '../../server/auth/viewer';
import { caseEnterprises } from './warning-fixtures';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xy-'));
let db: Db;
const analyst: Viewer = { name: 'ana', role: 'analyst', regionCode: '' };
const otherCounty: Viewer = { name: 'far', role: 'analyst', regionCode: '220102' };
const members = Array.from({ length: 5 }, (_, i) => makeUscc('91', '220104', String(20_000_000 + i)));
let id = '';
/** A second person: five enterprises in 朝阳区 (220104) and two in 南关区 (220102). */
const spread = Array.from({ length: 7 }, (_, i) => makeUscc('91', '220104', String(20_000_100 + i)));
const outside = spread.slice(5);
const chaoyang: Viewer = { name: 'cy', role: 'analyst', regionCode: '220104' };

before(async () => {
  db = await getDb({ dataDir });
  await loadReferenceData(db);
  await db.insert('enterprises', caseEnterprises(members, { label: '处置测试', street: '测试街', rep: 'PX', repName: '张某' }));
  await db.insert('enterprises', caseEnterprises(spread, { label: '跨区测试', street: '跨区街', rep: 'PY', repName: '李某' }).map((e, i) =>
    (i < 5 ? e : { ...e, region_code: '220102', county_code: '220102', address_key: `220102|跨区街${i}号` })));
  await runWarnings(db, '2026-06');
  const w = await db.one<{ id: string }>(sql`SELECT id FROM warnings WHERE rule = 'multi-enterprise-person' AND key = 'PX'`);
  id = w!.id;
});
after(async () => { await closeDb(); fs.rmSync(dataDir, { recursive: true, force: true }); });

test('a case outside the viewer region is not found', async () => {
  await assert.rejects(getWarningCase(db, otherCounty, id), (e: unknown) => e instanceof DeskError && e.code === 'NOT_FOUND');
  await assert.rejects(recordDisposal(db, otherCounty, { id, step: 'close' }), DeskError);
});

test('assign → act 检查 → result unreachable → close; inspection events written back; closed cases take no more steps', async () => {
  await assert.rejects(recordDisposal(db, analyst, { id, step: 'assign', unitCode: '220102' }), /承办单位/);
  await assert.rejects(recordDisposal(db, analyst, { id, step: 'assign', unitCode: '220104999' }), /承办单位代码 220104999 不是/, 'no such street in 朝阳区');
  await assert.rejects(recordDisposal(db, analyst, { id, step: 'result', result: 'pass' }), /先记录处置措施/);
  await recordDisposal(db, analyst, { id, step: 'assign', unitCode: '220104', note: '交朝阳区局' });
  await recordDisposal(db, analyst, { id, step: 'act', action: '提醒' });
  await assert.rejects(recordDisposal(db, analyst, { id, step: 'result', result: 'unreachable' }), /检查/);
  await recordDisposal(db, analyst, { id, step: 'act', action: '检查' });
  const r = await recordDisposal(db, analyst, { id, step: 'result', result: 'unreachable', targets: [members[0]!], date: '2026-07-03' });
  assert.equal(r.eventIds.length, 1);
  assert.match(r.eventIds[0]!, /^WD-/);
  const ev = await db.rows<{ uscc: string; category: string; result: string; source: string; event_date: string }>(sql`
    SELECT uscc, toString(category) AS category, toString(result) AS result, toString(source) AS source, toString(event_date) AS event_date FROM events WHERE event_id IN ${p.strs(r.eventIds)}`);
  assert.deepEqual(ev, [{ uscc: members[0], category: 'inspection', result: 'unreachable', source: '预警处置', event_date: '2026-07-03' }]);
  await recordDisposal(db, analyst, { id, step: 'close', note: '已办结' });
  const c = await getWarningCase(db, analyst, id);
  assert.equal(c.state, 'closed');
  assert.deepEqual(c.disposals.map((d) => d.step), ['assign', 'act', 'act', 'result', 'close']);
  assert.ok(c.disposals.every((d) => d.actor === 'ana' && /^\d{4}-\d{2}-\d{2} /.test(d.ts)));
  assert.equal(c.disposals[0]!.unit_name, '朝阳区');
  await assert.rejects(recordDisposal(db, analyst, { id, step: 'act', action: '约谈' }), /已办结/);
  // the written inspection makes next month's unreachable rule fire for that enterprise
  await runWarnings(db, '2026-07');
  const u = await db.rows<{ key: string }>(sql`SELECT key FROM warnings WHERE month = '2026-07-01' AND rule = 'unreachable-inspection'`);
  assert.deepEqual(u.map((x) => x.key), [members[0]]);
});

test('a region-scoped analyst gets the members in their region only: no USCC from outside in the case or the push list', async () => {
  const w = await db.one<{ id: string }>(sql`SELECT id FROM warnings WHERE rule = 'multi-enterprise-person' AND key = 'PY'`);
  const c = await getWarningCase(db, chaoyang, w!.id);
  assert.equal(c.warning.memberCount, 7);
  assert.equal(c.hiddenMembers, 2);
  assert.deepEqual([...c.warning.members].sort(), spread.slice(0, 5).sort());
  const json = JSON.stringify(c);
  for (const u of outside) assert.ok(!json.includes(u), `${u} (南关区) must not reach a 朝阳区 analyst`);
  const rows = await buildPushList(db, chaoyang, { month: '2026-06', rule: 'multi-enterprise-person' });
  const row = rows.find((r) => r.对象.includes('李某'));
  assert.ok(row);
  for (const u of outside) assert.ok(!pushCsv(rows).includes(u));
  assert.match(row.涉及企业, /另有 2 户不在本辖区/);
  assert.equal(row.涉及企业数, 7);
  // The province-wide analyst sees all seven.
  const all = await getWarningCase(db, analyst, w!.id);
  assert.equal(all.warning.members.length, 7);
  const full = (await buildPushList(db, analyst, { month: '2026-06', rule: 'multi-enterprise-person' })).find((r) => r.对象.includes('李某'));
  for (const u of spread) assert.ok(full!.涉及企业.includes(u));
});

test('the case network links the person to all five enterprises', async () => {
  const c = await getWarningCase(db, analyst, id);
  const personLinks = c.network.links.filter((l) => l.source === 'p:PX');
  assert.equal(personLinks.length, 5);
  assert.equal(c.network.nodes.filter((n) => n.kind === 'address').length, 5);
});

test('push list: CSV with BOM, one line per warning, scoped', async () => {
  const rows = await buildPushList(db, analyst, { month: '2026-06', region: '220104' });
  assert.deepEqual(rows.map((r) => r.对象).sort(), ['张某', '李某']);
  assert.equal(rows.find((r) => r.对象 === '张某')!.处置状态, '已办结');
  const csv = pushCsv(rows);
  assert.ok(csv.startsWith('\uFEFF序号,县区'));
  assert.equal(csv.trim().split('\r\n').length, 3);
  assert.equal((await buildPushList(db, otherCounty, { month: '2026-06' })).length, 0, 'both cases are 朝阳区 cases');
});

test('CLI: warnings --month --format jsonl prints one JSON line per warning with the contract fields', async () => {
  const { dispatch } = await import('../../server/cli/dispatch');
  const out: string[] = [];
  const code = await dispatch(['warnings', '--month', '2026-06', '--rule', 'multi-enterprise-person', '--format', 'jsonl'], {
    out: (s) => out.push(s), err: () => {}, progress: () => {}, stdin: '', db: async () => db, actor: 'test',
  });
  assert.equal(code, 0);
  assert.equal(out.length, 2, 'PX and PY');
  const line = JSON.parse(out.find((l) => l.includes('"PX"'))!) as { rule: string; key: string; region_code: string; members: string[]; detail: { enterprises: number } };
  assert.equal(line.rule, 'multi-enterprise-person');
  assert.equal(line.key, 'PX');
  assert.equal(line.region_code, '220104');
  assert.deepEqual([...line.members].sort(), [...members].sort());
  assert.equal(line.detail.enterprises, 5);
  const bad = await dispatch(['warnings', '--month', '2026-06', '--rule', 'nope'], { out: () => {}, err: () => {}, progress: () => {}, stdin: '', db: async () => db, actor: 'test' });
  assert.equal(bad, 2);
  // a month that has not begun (2099-01 typed for 2019-01) is refused, and nothing is published under it
  const err: string[] = [];
  const future = await dispatch(['warnings', '--month', '2099-01'], { out: () => {}, err: (s) => err.push(s), progress: () => {}, stdin: '', db: async () => db, actor: 'test' });
  assert.equal(future, 2);
  assert.match(err.join('\n'), /2099-01 尚未开始/);
  assert.equal((await db.one<{ n: number }>(sql`SELECT toUInt32(count()) AS n FROM warnings WHERE month = '2099-01-01'`))!.n, 0);
});

test('assignable units: the county and its streets, within scope', async () => {
  const { runQuery } = await import('../../queries/define');
  const { assignableUnits } = await import('../../queries/warnings/units');
  const units = await runQuery(db, assignableUnits, { county: '220104' }, analyst);
  assert.equal(units[0]!.code, '220104');
  assert.ok(units.length > 1 && units.slice(1).every((u) => u.level === 4 && u.code.startsWith('220104')));
  assert.equal((await runQuery(db, assignableUnits, { county: '220104' }, otherCounty)).length, 0);
});

test('a note over 1000 characters is refused with a Chinese message (the desk and the tRPC route), not cut', async () => {
  const w = await db.one<{ id: string }>(sql`SELECT id FROM warnings WHERE rule = 'multi-enterprise-person' AND key = 'PY' AND month = '2026-06-01'`);
  await assert.rejects(recordDisposal(db, analyst, { id: w!.id, step: 'act', action: '提醒', note: '注'.repeat(1001) }),
    (e: unknown) => e instanceof DeskError && e.code === 'BAD_REQUEST' && e.message === '备注不能超过 1000 字（现为 1001 字）');
  const { appRouter } = await import('../../server/trpc/root');
  const { createCallerFactory } = await import('../../server/trpc/init');
  const caller = createCallerFactory(appRouter)({ db: async () => db, viewer: analyst, ip: '' });
  await assert.rejects(caller.warnings.dispose({ id: w!.id, step: 'act', action: '提醒', note: 'x'.repeat(1200) }),
    (e: unknown) => e instanceof Error && e.message === '备注不能超过 1000 字（现为 1200 字）');
  await caller.warnings.dispose({ id: w!.id, step: 'act', action: '提醒', note: '记'.repeat(1000) });
  const c = await getWarningCase(db, analyst, w!.id);
  assert.deepEqual(c.disposals.map((d) => [d.step, d.note.length]), [['act', 1000]]);
});

test('push list title: the unit asked for, also when it has no warning', async () => {
  const { pushUnitName } = await import('../../server/warnings/push');
  assert.equal((await buildPushList(db, analyst, { month: '2026-06', region: '220102' })).length, 0);
  assert.equal(await pushUnitName(db, '220102'), '南关区');
  assert.equal(await pushUnitName(db, undefined), '全部辖区');
  const street = await db.one<{ code: string; name: string }>(sql`SELECT code, name FROM regions WHERE level = 4 AND county_code = '220104' ORDER BY code LIMIT 1`);
  assert.equal(await pushUnitName(db, street!.code), `朝阳区 ${street!.name}`);
});
