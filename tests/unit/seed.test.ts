import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { generateProvince, lastCompleteMonth, type SeedOptions, type SeedResult } from '../../server/seed/generate';
import { isValidUscc } from '../../server/domain/uscc';
import { regionRows, industryRows } from '../../server/reference/load';
import { addressKey } from '../../server/address/normalize';

type Row = Record<string, string>;
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'xy-seed-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

const base: Omit<SeedOptions, 'outDir'> = { province: '22', enterprises: 6000, months: 36, seed: 7, endMonth: '2024-12' };
const read = (dir: string, file: string): Row[] => parse(fs.readFileSync(path.join(dir, file)), { columns: true }) as Row[];

let dirA = '';
let result: SeedResult;
let ents: Row[] = [];
let roles: Row[] = [];
let events: Row[] = [];
let truth = new Map<string, number>();

before(async () => {
  dirA = path.join(root, 'a');
  result = await generateProvince({ ...base, outDir: dirA });
  ents = read(dirA, 'enterprises.csv');
  roles = read(dirA, 'roles.csv');
  events = read(dirA, 'events.csv');
  truth = new Map(read(dirA, 'truth.csv').map((r) => [r.uscc!, Number(r.latent_risk)]));
});

const FILES = ['enterprises.csv', 'roles.csv', 'events.csv', 'truth.csv'];

test('same arguments give byte-identical files; another seed gives different ones', async () => {
  const dirB = path.join(root, 'b');
  const dirC = path.join(root, 'c');
  await generateProvince({ ...base, outDir: dirB });
  await generateProvince({ ...base, seed: 8, outDir: dirC });
  for (const f of FILES) {
    assert.ok(fs.readFileSync(path.join(dirA, f)).equals(fs.readFileSync(path.join(dirB, f))), `${f} identical`);
    assert.ok(!fs.readFileSync(path.join(dirA, f)).equals(fs.readFileSync(path.join(dirC, f))), `${f} differs by seed`);
  }
});

test('the summary counts match the files, and each file has the contract header', () => {
  assert.equal(ents.length, 6000);
  assert.equal(result.enterprises, ents.length);
  assert.equal(result.roles, roles.length);
  assert.equal(result.events, events.length);
  assert.equal(truth.size, ents.length);
  const header = (f: string) => fs.readFileSync(path.join(dirA, f), 'utf8').split('\n', 1)[0]!.split(',');
  for (const c of ['uscc', 'name', 'entity_type', 'reg_date', 'status', 'industry_code', 'region_code', 'address', 'legal_rep_id']) assert.ok(header('enterprises.csv').includes(c), c);
  assert.deepEqual(header('roles.csv'), ['uscc', 'person_id', 'person_name', 'role', 'share_pct']);
  for (const c of ['event_id', 'uscc', 'event_date', 'category']) assert.ok(header('events.csv').includes(c), c);
});

test('every USCC is valid, unique, 91/93 by entity type, with the county of its region in the region part', () => {
  const seen = new Set<string>();
  for (const e of ents) {
    assert.ok(isValidUscc(e.uscc!), e.uscc);
    assert.ok(!seen.has(e.uscc!), `duplicate ${e.uscc}`);
    seen.add(e.uscc!);
    assert.equal(e.uscc!.slice(0, 2), e.entity_type === '农民专业合作社' ? '93' : '91');
    assert.equal(e.uscc!.slice(2, 8), e.region_code!.slice(0, 6));
  }
});

test('region codes are real counties or streets of the province; industry codes exist in the table', () => {
  const regions = new Map(regionRows().map((r) => [r.code, r]));
  const industries = new Set(industryRows().map((r) => r.code));
  const counties = new Set<string>();
  for (const e of ents) {
    const r = regions.get(e.region_code!);
    assert.ok(r && (r.level === 3 || r.level === 4), `region ${e.region_code}`);
    assert.equal(r.province_code, '220000');
    counties.add(r.county_code);
    const countyName = regions.get(r.county_code)!.name;
    assert.ok(e.address!.split(countyName).length <= 2, `county named once: ${e.address}`);
    assert.ok(industries.has(e.industry_code!), `industry ${e.industry_code}`);
  }
  assert.ok(counties.size >= 40, `spread over many counties (${counties.size})`);
  assert.ok(ents.some((e) => e.region_code!.length === 9) && ents.some((e) => e.region_code!.length === 6));
});

test('mix within plausible bands: sections, entity types, statuses, registration growth, urban density', () => {
  const share = (pred: (e: Row) => boolean) => ents.filter(pred).length / ents.length;
  const F = share((e) => e.industry_code!.startsWith('F'));
  assert.ok(F >= 0.25 && F <= 0.4, `F ${F}`);
  const L = share((e) => e.industry_code!.startsWith('L'));
  assert.ok(L >= 0.08 && L <= 0.17, `L ${L}`);
  const C = share((e) => e.industry_code!.startsWith('C'));
  assert.ok(C >= 0.05 && C <= 0.12, `C ${C}`);
  const llc = share((e) => e.entity_type === '有限责任公司');
  assert.ok(llc >= 0.65 && llc <= 0.85, `有限责任公司 ${llc}`);
  const revoked = share((e) => e.status === '吊销');
  // 吊销 enterprises are classified D by the hard rule: with the serious-violation list they make the D class, which
  // DOMAIN.md observes at 1.5% (Dandong 2023). At 6.5% 吊销 (the seed until 2026-11-30) D was 8.6%.
  assert.ok(revoked >= 0.002 && revoked <= 0.015, `吊销 ${revoked}`);
  const cancelled = share((e) => e.status === '注销');
  assert.ok(cancelled >= 0.06 && cancelled <= 0.14, `注销 ${cancelled}`);
  const recent = share((e) => Number(e.reg_date!.slice(0, 4)) >= 2015);
  assert.ok(recent >= 0.55 && recent <= 0.9, `registered in the last 10 years ${recent}`);
  // Urban districts of the capital (长春市 …区) are dense; counties (县) sparse.
  const capital = share((e) => e.region_code!.startsWith('2201') && /区/.test(e.address!));
  assert.ok(capital >= 0.25, `capital ${capital}`);
  const levels = new Set(ents.map((e) => e.industry_code!.length));
  assert.deepEqual([...levels].sort(), [1, 3, 4, 5]);
});

test('roles: one 法定代表人 row per enterprise with the legal_rep_id; shares sum to at most 100', () => {
  const byUscc = new Map<string, Row[]>();
  for (const r of roles) { const l = byUscc.get(r.uscc!) ?? []; l.push(r); byUscc.set(r.uscc!, l); }
  for (const e of ents) {
    const rs = byUscc.get(e.uscc!) ?? [];
    const reps = rs.filter((r) => r.role === '法定代表人');
    assert.equal(reps.length, 1, e.uscc);
    assert.equal(reps[0]!.person_id, e.legal_rep_id);
    const total = rs.filter((r) => r.role === '股东').reduce((s, r) => s + Number(r.share_pct), 0);
    assert.ok(total <= 100.001, `${e.uscc} shares ${total}`);
  }
  const keys = new Set(roles.map((r) => `${r.uscc}|${r.person_id}|${r.role}`));
  assert.equal(keys.size, roles.length, 'no duplicate (uscc, person_id, role)');
  for (const r of roles) assert.ok(['法定代表人', '股东', '董事', '监事', '高管', '联络员', '财务负责人'].includes(r.role!), r.role);
  // Some shareholders hold stakes in several enterprises.
  const holdings = new Map<string, Set<string>>();
  for (const r of roles) if (r.role === '股东') holdings.set(r.person_id!, (holdings.get(r.person_id!) ?? new Set()).add(r.uscc!));
  assert.ok([...holdings.values()].filter((s) => s.size >= 3).length >= 5);
});

test('一址多照 and 一人多企 material: addresses with ≥10 enterprises, persons behind ≥5', () => {
  const byKey = new Map<string, number>();
  const names = new Map(regionRows().map((r) => [r.code, r.name]));
  for (const e of ents) {
    const county = e.region_code!.slice(0, 6);
    const k = addressKey(e.address!, county, { province: '吉林省', prefecture: names.get(county.slice(0, 4) + '00') ?? '', county: names.get(county) ?? '' });
    byKey.set(k, (byKey.get(k) ?? 0) + 1);
  }
  assert.ok([...byKey.values()].filter((n) => n >= 10).length >= 2, 'cluster addresses');
  const reps = new Map<string, number>();
  for (const e of ents) reps.set(e.legal_rep_id!, (reps.get(e.legal_rep_id!) ?? 0) + 1);
  assert.ok([...reps.values()].filter((n) => n >= 5).length >= 2, 'multi-enterprise persons');
  assert.ok(Math.max(...reps.values()) <= 40);
});

test('events: unique ids, known enterprises, dates within life and window, valid categories and results', () => {
  const byUscc = new Map(ents.map((e) => [e.uscc!, e]));
  const ids = new Set<string>();
  const cats = new Set(['penalty', 'abnormal_list', 'serious_dishonest_list', 'license_revoked', 'dishonest', 'inspection', 'complaint', 'change', 'equity_pledge', 'ip_pledge', 'license', 'annual_report', 'credit_repair']);
  const revoked = new Set<string>();
  for (const ev of events) {
    assert.ok(!ids.has(ev.event_id!), `duplicate ${ev.event_id}`);
    ids.add(ev.event_id!);
    const e = byUscc.get(ev.uscc!);
    assert.ok(e, `unknown enterprise ${ev.uscc}`);
    assert.ok(cats.has(ev.category!), ev.category);
    assert.ok(ev.event_date! >= e.reg_date! && ev.event_date! <= '2024-12-31', `${ev.event_id} ${ev.event_date} reg ${e.reg_date}`);
    if (ev.end_date) assert.ok(ev.end_date >= ev.event_date! && ev.end_date <= '2024-12-31');
    assert.ok(['general', 'serious'].includes(ev.severity!));
    if (ev.category === 'inspection') assert.ok(['pass', 'problem', 'unreachable'].includes(ev.result!));
    else assert.equal(ev.result, '');
    if (ev.category === 'license_revoked') { assert.equal(e.status, '吊销'); revoked.add(ev.uscc!); }
  }
  assert.equal(revoked.size, ents.filter((e) => e.status === '吊销').length, 'every 吊销 enterprise has its revocation');
  const inWindow = events.filter((e) => e.event_date! >= '2022-01-01').length / ents.length;
  assert.ok(inWindow >= 7 && inWindow <= 16, `events per enterprise in the 36-month window ${inWindow}`);
  for (const c of cats) assert.ok(events.some((e) => e.category === c), `some ${c}`);
  // Annual-report misses are listed in July.
  const arListings = events.filter((e) => e.category === 'abnormal_list' && e.detail === '未按规定报送年度报告' && e.event_date! >= '2022-01-01');
  assert.ok(arListings.filter((e) => e.event_date!.slice(5, 7) === '07').length / arListings.length > 0.6);
});

test('every credit repair names the record it repairs: an earlier penalty or abnormal listing of the same enterprise', () => {
  const byId = new Map(events.map((e) => [e.event_id!, e]));
  const repairs = events.filter((e) => e.category === 'credit_repair');
  assert.ok(repairs.length > 20, `repairs ${repairs.length}`);
  for (const r of repairs) {
    const rec = byId.get(r.detail!);
    assert.ok(rec, `${r.event_id} names ${r.detail}: no such event`);
    assert.equal(rec.uscc, r.uscc, `${r.event_id} names another enterprise's record`);
    assert.ok(['penalty', 'abnormal_list'].includes(rec.category!), `${r.event_id} names a ${rec.category}`);
    assert.ok(rec.event_date! <= r.event_date!, `${r.event_id} repairs a later record`);
    if (rec.category === 'penalty') assert.equal(rec.severity, 'general', 'only general penalties are repaired');
  }
  assert.ok(repairs.some((r) => byId.get(r.detail!)!.category === 'penalty') && repairs.some((r) => byId.get(r.detail!)!.category === 'abnormal_list'));
});

test('the planted signal: inspection problem rate of the top latent-risk decile ≥ 3× the bottom decile', () => {
  const insp = new Map<string, [number, number]>();
  for (const ev of events) {
    if (ev.category !== 'inspection') continue;
    const x = insp.get(ev.uscc!) ?? [0, 0];
    x[0]++;
    if (ev.result === 'problem') x[1]++;
    insp.set(ev.uscc!, x);
  }
  const sorted = [...truth.entries()].sort((a, b) => a[1] - b[1]).map(([u]) => u);
  const rate = (us: string[]) => {
    let n = 0, p = 0;
    for (const u of us) { const x = insp.get(u); if (x) { n += x[0]; p += x[1]; } }
    assert.ok(n >= 200, `enough inspections (${n})`);
    return p / n;
  };
  const d = Math.floor(sorted.length / 10);
  const low = rate(sorted.slice(0, d));
  const high = rate(sorted.slice(-d));
  assert.ok(high >= 3 * low, `top ${high.toFixed(3)} vs bottom ${low.toFixed(3)}`);
  // Right-skewed latent risk: mean above median.
  const rs = [...truth.values()].sort((a, b) => a - b);
  const mean = rs.reduce((a, b) => a + b, 0) / rs.length;
  assert.ok(mean > rs[Math.floor(rs.length / 2)]!);
});

test('any province works: Guangdong (44) codes stay inside province 44', async () => {
  const dir = path.join(root, 'gd');
  const r = await generateProvince({ province: '44', enterprises: 500, months: 6, seed: 1, endMonth: '2024-06', outDir: dir });
  assert.equal(r.provinceName, '广东省');
  const rows = read(dir, 'enterprises.csv');
  assert.equal(rows.length, 500);
  for (const e of rows) { assert.ok(e.region_code!.startsWith('44')); assert.ok(isValidUscc(e.uscc!)); }
  await assert.rejects(generateProvince({ province: '99', enterprises: 10, months: 1, seed: 1, endMonth: '2024-06', outDir: path.join(root, 'x') }));
});

test('the default end month is the last complete month in China (Asia/Shanghai), not in UTC', () => {
  // 2026-07-01 05:00 in Beijing is still 2026-06-30 in UTC: June is complete
  assert.equal(lastCompleteMonth(new Date('2026-06-30T21:00:00Z')), '2026-06');
  // 2027-01-01 06:00 in Beijing: December is complete
  assert.equal(lastCompleteMonth(new Date('2026-12-31T22:00:00Z')), '2026-12');
  // 2026-06-30 23:59:59 in Beijing: June is not over yet
  assert.equal(lastCompleteMonth(new Date('2026-06-30T15:59:59Z')), '2026-05');
  assert.equal(lastCompleteMonth(new Date('2026-01-15T04:00:00Z')), '2025-12');
  assert.equal(lastCompleteMonth(new Date('2026-07-01T15:00:00Z')), '2026-06'); // 23:00 Beijing
});

test('key-area tags: feed mills, non-edible oil and tobacco trade are never food businesses; food industries mostly are', async () => {
  const { pickTags } = await import('../../server/seed/mix');
  const { Rng } = await import('../../server/seed/prng');
  const tagged = (code: string, section: string, division: string, group: string) => {
    let n = 0;
    for (let k = 0; k < 400; k++) if (pickTags(new Rng(7, k), { code, section, division, group }, '有限责任公司', 5).tags.some((t) => t.startsWith('食品'))) n++;
    return n / 400;
  };
  for (const [code, division, group] of [['C1321', 'C13', 'C132'], ['C1332', 'C13', 'C133'], ['F5128', 'F51', 'F512'], ['F5227', 'F52', 'F522']] as const) {
    assert.equal(tagged(code, code[0]!, division, group), 0, code);
  }
  assert.ok(tagged('C1331', 'C', 'C13', 'C133') > 0.8, '食用植物油加工');
  assert.ok(tagged('F5221', 'F', 'F52', 'F522') > 0.5, '粮油零售');
  // the files the tests above read: no feed mill among the 食品生产 enterprises
  const foodFeed = ents.filter((e) => /^C132/.test(e.industry_code!) && e.tags!.includes('食品'));
  assert.deepEqual(foodFeed.map((e) => e.uscc), []);
});
