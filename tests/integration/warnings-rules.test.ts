/** Each warning rule on crafted fixtures: thresholds at N-1 / N, inactive members, counties, Poisson surge vs steady. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDb, closeDb, type Db } from '../../server/db/client';
import { sql, p } from '../../server/db/sql';
import { regionRows } from '../../server/reference/load';
import { makeUscc } from '../../server/domain/uscc';
import { addressKey } from '../../server/address/normalize';
import { runWarnings } from '../../server/warnings/engine';
import { loadRules } from '../../server/warnings/rules';
import { poissonUpperTail } from '../../server/warnings/poisson';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xy-'));
let db: Db;
const names = new Map(regionRows().filter((r) => r.level <= 3).map((r) => [r.code, r.name]));
const region = (c: string) => ({ province: names.get(`${c.slice(0, 2)}0000`) ?? '', prefecture: names.get(`${c.slice(0, 4)}00`) ?? '', county: names.get(c) ?? '' });

let seq = 0;
const ents: object[] = [];
const events: object[] = [];
const roles: object[] = [];
function ent(o: { county?: string; address?: string; status?: string; reg?: string; rep?: string; street?: string }): string {
  seq += 1;
  const county = o.county ?? '220104';
  const uscc = makeUscc('91', county, String(10_000_000 + seq));
  const address = o.address ?? `测试路${seq}号`;
  ents.push({
    uscc, name: `测试企业${seq}有限公司`, entity_type: '有限责任公司', reg_date: o.reg ?? '2020-01-01', status: o.status ?? '存续',
    industry_code: 'F5191', industry_section: 'F', industry_division: 'F51', region_code: o.street ?? county, province_code: `${county.slice(0, 2)}0000`,
    prefecture_code: `${county.slice(0, 4)}00`, county_code: county, street_code: o.street ?? '', address, address_key: addressKey(address, county, region(county)),
    legal_rep_id: o.rep ?? `P-${seq}`, legal_rep_name: o.rep ? `代表人${o.rep}` : `人员${seq}`, reg_capital_wan: 100, lng: null, lat: null, tags: [], import_id: 'test',
  });
  return uscc;
}
function ev(uscc: string, date: string, category: string, o: { detail?: string; result?: string; end?: string } = {}): void {
  events.push({ event_id: `T-${events.length}`, uscc, event_date: date, category, severity: 'general', end_date: o.end ?? null, result: o.result ?? '', source: 'test', amount_yuan: null, detail: o.detail ?? '', import_id: 'test' });
}

// 一址多照 — cluster X: exactly 10 active (two registered in June), spelled several ways; 工农大路11号 must not join.
const X = ['吉林省长春市朝阳区工农大路1号', '工农大路一号', '朝阳区工农大路１号', '长春市朝阳区 工农大路1号'];
const clusterX = Array.from({ length: 10 }, (_, i) => ent({ address: X[i % X.length]!, reg: i < 2 ? '2026-06-1' + i : '2021-03-01', street: '220104001' }));
const elevenX = ent({ address: '工农大路11号' });
// cluster Y: 9 active + 2 inactive + 1 registered after the month → no warning
for (let i = 0; i < 9; i++) ent({ address: '红旗街二十三栋' });
ent({ address: '红旗街23栋', status: '注销' }); ent({ address: '红旗街23栋', status: '吊销' }); ent({ address: '红旗街23栋', reg: '2026-07-05' });
// same street address in two counties: 10 in 朝阳区 → one warning of 10; 9 in 南关区 → none
const peopleStreet = Array.from({ length: 10 }, () => ent({ address: '人民大街8号' }));
for (let i = 0; i < 9; i++) ent({ address: '人民大街8号', county: '220102' });

// 一人多企 — P1: 5 active; P2: 4 active + 2 inactive; P3: 4 as legal rep + 股东 of a fifth
const p1 = Array.from({ length: 5 }, (_, i) => ent({ rep: 'P1', county: i === 4 ? '220102' : '220104' }));
for (let i = 0; i < 4; i++) ent({ rep: 'P2' });
ent({ rep: 'P2', status: '注销' }); ent({ rep: 'P2', status: '吊销' });
for (let i = 0; i < 4; i++) ent({ rep: 'P3' });
const p3Share = ent({});
roles.push({ uscc: p3Share, person_id: 'P3', person_name: '代表人P3', role: '股东', share_pct: 30, import_id: 'test' });

// 频繁变更
const chg3 = ent({}); ev(chg3, '2026-01-05', 'change', { detail: '法定代表人' }); ev(chg3, '2026-03-05', 'change', { detail: '住所' }); ev(chg3, '2026-06-05', 'change', { detail: '法定代表人变更' });
const chgName = ent({}); ev(chgName, '2026-01-05', 'change', { detail: '法定代表人' }); ev(chgName, '2026-03-05', 'change', { detail: '住所' }); ev(chgName, '2026-06-05', 'change', { detail: '名称' });
const chgOld = ent({}); ev(chgOld, '2026-02-05', 'change', { detail: '住所' }); ev(chgOld, '2026-03-05', 'change', { detail: '住所' }); ev(chgOld, '2026-04-05', 'change', { detail: '法定代表人' });
const chgWindow = ent({}); ev(chgWindow, '2025-06-30', 'change', { detail: '住所' }); ev(chgWindow, '2026-03-05', 'change', { detail: '住所' }); ev(chgWindow, '2026-06-05', 'change', { detail: '法定代表人' });

// 成立即异常
const abYoung = ent({ reg: '2025-08-01' }); ev(abYoung, '2026-06-10', 'abnormal_list', { detail: '未按期公示年报' });
const abOld = ent({ reg: '2025-05-01' }); ev(abOld, '2026-06-10', 'abnormal_list');
// month ends: "within 12 months" of 2024-02-29 ends 2025-02-28 (not 03-01); months counted are whole months elapsed
const abLeapLast = ent({ reg: '2024-02-29' }); ev(abLeapLast, '2025-02-28', 'abnormal_list');   // 12 whole months, still within
const abLeapOut = ent({ reg: '2024-02-29' }); ev(abLeapOut, '2025-03-01', 'abnormal_list');     // 12 months and a day: outside
const abMonthEnd = ent({ reg: '2025-06-30' }); ev(abMonthEnd, '2025-12-01', 'abnormal_list');  // 5 months 1 day → 5, high (< 6)
const abSix = ent({ reg: '2025-06-01' }); ev(abSix, '2025-12-31', 'abnormal_list');             // 6 months 30 days → 6, medium
const abAug31 = ent({ reg: '2025-08-31' }); ev(abAug31, '2026-02-27', 'abnormal_list');         // 08-31 + 6 months = 02-28: 5 months, high
const abBeforeReg = ent({ reg: '2025-11-20' }); ev(abBeforeReg, '2025-11-05', 'abnormal_list');  // listed before it existed: bad data, no warning
const abAfterReg = ent({ reg: '2025-11-03' }); ev(abAfterReg, '2025-11-25', 'abnormal_list');    // the same month, after: 0 months, high

// 投诉激增
const cNew = ent({}); for (let i = 0; i < 4; i++) ev(cNew, `2026-06-0${i + 1}`, 'complaint');
const cSteady = ent({});
for (let m = 0; m <= 12; m++) { const d = new Date(Date.UTC(2025, 5 + m, 3)); for (let i = 0; i < 4; i++) ev(cSteady, d.toISOString().slice(0, 10), 'complaint'); }
const cLow = ent({}); ev(cLow, '2026-06-01', 'complaint'); ev(cLow, '2026-06-02', 'complaint');
const cOne = ent({}); // baseline 1 a month, 6 in June: P(X≥6 | 1) ≈ 0.0006
for (let m = 0; m < 12; m++) ev(cOne, new Date(Date.UTC(2025, 5 + m, 9)).toISOString().slice(0, 10), 'complaint');
for (let i = 0; i < 6; i++) ev(cOne, `2026-06-1${i}`, 'complaint');
const cTwo = ent({}); // baseline 2 a month, 5 in June: P(X≥5 | 2) ≈ 0.053 → not a surge
for (let m = 0; m < 12; m++) { const d = new Date(Date.UTC(2025, 5 + m, 9)).toISOString().slice(0, 10); ev(cTwo, d, 'complaint'); ev(cTwo, d, 'complaint'); }
for (let i = 0; i < 5; i++) ev(cTwo, `2026-06-1${i}`, 'complaint');
// a drop, not a surge: 1,100 complaints in May (its only baseline month), 3 in June — P(X ≥ 3 | 1100) ≈ 1
const cDrop = ent({ reg: '2026-05-01' });
for (let i = 0; i < 1100; i++) ev(cDrop, `2026-05-${String(1 + (i % 28)).padStart(2, '0')}`, 'complaint');
for (let i = 0; i < 3; i++) ev(cDrop, `2026-06-2${i}`, 'complaint');

// 检查查无下落
const unr = ent({}); ev(unr, '2026-06-03', 'inspection', { result: 'unreachable' });
const passed = ent({}); ev(passed, '2026-06-03', 'inspection', { result: 'pass' });
const unrMay = ent({}); ev(unrMay, '2026-05-20', 'inspection', { result: 'unreachable' });

// 新列严重失信
const serious = ent({}); ev(serious, '2026-06-20', 'serious_dishonest_list');
const seriousAgain = ent({}); ev(seriousAgain, '2025-01-10', 'serious_dishonest_list'); ev(seriousAgain, '2026-06-20', 'serious_dishonest_list');
// September 2026: removals and re-listings within the month
const relistFirstDay = ent({}); ev(relistFirstDay, '2023-01-10', 'serious_dishonest_list', { end: '2026-09-01' }); ev(relistFirstDay, '2026-09-20', 'serious_dishonest_list');
const relistInMonth = ent({}); ev(relistInMonth, '2023-01-10', 'serious_dishonest_list', { end: '2026-09-05' }); ev(relistInMonth, '2026-09-20', 'serious_dishonest_list');
const relistSameDay = ent({}); ev(relistSameDay, '2023-01-10', 'serious_dishonest_list', { end: '2026-09-20' }); ev(relistSameDay, '2026-09-20', 'serious_dishonest_list');
const stillListed = ent({}); ev(stillListed, '2023-01-10', 'serious_dishonest_list', { end: '2026-09-21' }); ev(stillListed, '2026-09-20', 'serious_dishonest_list');
const twiceInMonth = ent({}); ev(twiceInMonth, '2026-09-02', 'serious_dishonest_list', { end: '2026-09-10' }); ev(twiceInMonth, '2026-09-25', 'serious_dishonest_list');

interface W { id: string; rule: string; key: string; county_code: string; members: string[]; new_members: string[]; evidence: string; first_month: string; status: string; severity: string }
async function month(m: string, rule?: string): Promise<W[]> {
  return db.rows<W>(sql`SELECT id, toString(rule) AS rule, key, toString(county_code) AS county_code, members, new_members, evidence, toString(first_month) AS first_month, toString(status) AS status, toString(severity) AS severity
    FROM warnings WHERE month = ${p.date(`${m}-01`)} AND (${p.str(rule ?? '')} = '' OR rule = ${p.str(rule ?? '')}) ORDER BY rule, key`);
}
const sorted = (a: string[]) => [...a].sort();

before(async () => {
  db = await getDb({ dataDir });
  await db.insert('enterprises', ents);
  await db.insert('events', events);
  await db.insert('roles', roles);
  await runWarnings(db, '2026-05');
  await runWarnings(db, '2026-06');
});
after(async () => { await closeDb(); fs.rmSync(dataDir, { recursive: true, force: true }); });

test('multi-license-address: exactly N active, new members marked, 1号 ≠ 11号, inactive and later ones not counted, counties apart', async () => {
  const w = await month('2026-06', 'multi-license-address');
  assert.equal(w.length, 2, JSON.stringify(w.map((x) => x.key)));
  const x = w.find((r) => r.key === '220104|工农大路1号');
  assert.ok(x, 'cluster X found under its normalised key');
  assert.deepEqual(sorted(x.members), sorted(clusterX));
  assert.ok(!x.members.includes(elevenX));
  assert.deepEqual(sorted(x.new_members), sorted(clusterX.slice(0, 2)));
  const people = w.find((r) => r.key === '220104|人民大街8号');
  assert.ok(people);
  assert.equal(people.county_code, '220104');
  assert.deepEqual(sorted(people.members), sorted(peopleStreet));
  // May: cluster X had 8 (the two June registrations did not exist yet) → no warning
  const may = await month('2026-05', 'multi-license-address');
  assert.deepEqual(may.map((r) => r.key), ['220104|人民大街8号']);
});

test('multi-enterprise-person: N counts, N-1 does not, inactive not counted; roles optional from the rules file', async () => {
  const w = await month('2026-06', 'multi-enterprise-person');
  assert.deepEqual(w.map((r) => r.key), ['P1']);
  assert.deepEqual(sorted(w[0]!.members), sorted(p1));
  assert.equal(w[0]!.county_code, '220104');
  const rules = loadRules();
  const withShareholders = { ...rules, rules: { ...rules.rules, 'multi-enterprise-person': { ...rules.rules['multi-enterprise-person'], roles: ['法定代表人' as const, '股东' as const] } } };
  await runWarnings(db, '2026-06', { rules: ['multi-enterprise-person'], rulesFile: withShareholders });
  const w2 = await month('2026-06', 'multi-enterprise-person');
  assert.deepEqual(w2.map((r) => r.key), ['P1', 'P3']);
  assert.ok(w2[1]!.members.includes(p3Share));
  // other rules of the month untouched by a one-rule run
  assert.equal((await month('2026-06', 'multi-license-address')).length, 2);
  await runWarnings(db, '2026-06', { rules: ['multi-enterprise-person'] });
});

test('a warning that persists keeps its case id; re-running a month replaces it', async () => {
  const may = (await month('2026-05', 'multi-enterprise-person')).find((r) => r.key === 'P1');
  const june = (await month('2026-06', 'multi-enterprise-person')).find((r) => r.key === 'P1');
  assert.ok(may && june);
  assert.equal(june.id, may.id);
  assert.equal(june.first_month, '2026-05-01');
  assert.equal(june.status, 'continuing');
  assert.equal(may.status, 'new');
  const before = (await month('2026-06')).length;
  await runWarnings(db, '2026-06');
  assert.equal((await month('2026-06')).length, before);
});

test('a month computed after a skipped one continues the cases of the last month computed (same id, first month)', async () => {
  const june = (await month('2026-06', 'multi-enterprise-person')).find((r) => r.key === 'P1');
  await runWarnings(db, '2026-08', { rules: ['multi-enterprise-person'] }); // July never computed
  try {
    const aug = (await month('2026-08', 'multi-enterprise-person')).find((r) => r.key === 'P1');
    assert.ok(june && aug);
    assert.equal(aug.id, june.id);
    assert.equal(aug.first_month, '2026-05-01');
    assert.equal(aug.status, 'continuing');
  } finally {
    await db.command(sql`ALTER TABLE warnings DROP PARTITION ID '202608'`);
  }
});

test('frequent changes: 3 legal-rep/address changes within 12 months, one in the month', async () => {
  const w = await month('2026-06', 'frequent-changes');
  assert.deepEqual(w.map((r) => r.key), [chg3]);
  assert.equal((JSON.parse(w[0]!.evidence) as { changes: number }).changes, 3);
});

test('abnormal within 12 months of registration', async () => {
  const w = await month('2026-06', 'abnormal-after-registration');
  assert.deepEqual(w.map((r) => r.key), [abYoung]);
  assert.equal((JSON.parse(w[0]!.evidence) as { months_after_registration: number }).months_after_registration, 10);
});

test('abnormal after registration at month ends: clamped window, whole months elapsed, severity from them', async () => {
  const only = ['abnormal-after-registration' as const];
  for (const m of ['2025-02', '2025-03', '2025-12', '2026-02']) await runWarnings(db, m, { rules: only });
  const got = async (m: string) => (await month(m, 'abnormal-after-registration')).map((w) => {
    const e = JSON.parse(w.evidence) as { listed: string; months_after_registration: number; within_months: number };
    return { key: w.key, listed: e.listed, months: e.months_after_registration, within: e.within_months, severity: w.severity };
  });
  assert.deepEqual(await got('2025-02'), [{ key: abLeapLast, listed: '2025-02-28', months: 12, within: 12, severity: 'medium' }]);
  assert.deepEqual(await got('2025-03'), [], 'registered 2024-02-29, listed 2025-03-01: more than 12 months');
  assert.deepEqual(sorted((await got('2025-12')).map((x) => JSON.stringify(x))), sorted([
    { key: abMonthEnd, listed: '2025-12-01', months: 5, within: 12, severity: 'high' },
    { key: abSix, listed: '2025-12-31', months: 6, within: 12, severity: 'medium' },
  ].map((x) => JSON.stringify(x))));
  assert.deepEqual(await got('2026-02'), [{ key: abAug31, listed: '2026-02-27', months: 5, within: 12, severity: 'high' }]);
  await runWarnings(db, '2025-11', { rules: only });
  assert.deepEqual(await got('2025-11'), [{ key: abAfterReg, listed: '2025-11-25', months: 0, within: 12, severity: 'high' }], 'a listing dated before the registration is not "0 months after" it');
});

test('complaint surge: Poisson against the own baseline, at least k', async () => {
  const w = await month('2026-06', 'complaint-surge');
  assert.deepEqual(sorted(w.map((r) => r.key)), sorted([cNew, cOne]));
  const one = JSON.parse(w.find((r) => r.key === cOne)!.evidence) as { p_value: number; baseline_mean: number };
  assert.equal(one.baseline_mean, 1);
  assert.ok(one.p_value < 0.01 && one.p_value > 0.0001);
  assert.ok(!w.some((r) => r.key === cSteady || r.key === cTwo || r.key === cLow));
  assert.ok(!w.some((r) => r.key === cDrop), 'a fall from 1,100 to 3 complaints a month is no surge');
});

test('Poisson upper tail against known values', () => {
  assert.ok(Math.abs(poissonUpperTail(5, 2) - 0.052653) < 1e-5);
  assert.ok(Math.abs(poissonUpperTail(6, 1) - 0.000594) < 1e-5);
  assert.ok(Math.abs(poissonUpperTail(4, 4) - 0.566530) < 1e-5);
  assert.equal(poissonUpperTail(0, 3), 1);
});

test('unreachable at inspection and newly on the serious list, in the month only', async () => {
  assert.deepEqual((await month('2026-06', 'unreachable-inspection')).map((r) => r.key), [unr]);
  assert.deepEqual((await month('2026-05', 'unreachable-inspection')).map((r) => r.key), [unrMay]);
  assert.ok(!(await month('2026-06', 'unreachable-inspection')).some((r) => r.key === passed));
  const s = await month('2026-06', 'serious-list-new');
  assert.deepEqual(s.map((r) => r.key), [serious]);
  assert.equal(s[0]!.severity, 'high');
  assert.ok(!s.some((r) => r.key === seriousAgain));
});

test('serious list: a re-listing after a removal within the month or on its first day is new; one while still listed is not', async () => {
  await runWarnings(db, '2026-09', { rules: ['serious-list-new'] });
  const w = await month('2026-09', 'serious-list-new');
  assert.deepEqual(sorted(w.map((r) => r.key)), sorted([relistFirstDay, relistInMonth, twiceInMonth]));
  // removed on the day of the re-listing: still live the day before, so no gap; removed a day later: still listed
  assert.ok(!w.some((r) => r.key === relistSameDay || r.key === stillListed));
  const twice = JSON.parse(w.find((r) => r.key === twiceInMonth)!.evidence) as { listed: string };
  assert.equal(twice.listed, '2026-09-02');
  const inMonth = JSON.parse(w.find((r) => r.key === relistInMonth)!.evidence) as { listed: string };
  assert.equal(inMonth.listed, '2026-09-20');
});
