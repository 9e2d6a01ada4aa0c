/**
 * The import end to end on the embedded engine: data and derived columns, every reject reason with its line,
 * idempotent re-import, replacement by key, unreadable files, accepted USCCs, spreadsheets.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { getDb, closeDb, type Db } from '../../server/db/client';
import { p, sql, trusted } from '../../server/db/sql';
import { InputError } from '../../server/cli/args';
import { importFolder, listImports, listRejects } from '../../server/import';
import { makeUscc } from '../../server/domain/uscc';
import { loadReferenceData } from '../../server/reference/load';
import { checksums, tableNames, tempDir, writeFolder } from './import-helpers';

const work = tempDir('xy-import-');
let db: Db;

const A = '91350100M000100Y43';
const B = '91110000802100433B';
const C = '914403001922038216';
const D = makeUscc('91', '220102', '00000001');
const BADCHECK = '91350100M000100Y44';
const ACCEPTED = makeUscc('91', '220104', '00000002').slice(0, 17) + 'Y';

const ENT_HEADER = 'uscc,name,entity_type,reg_date,status,industry_code,region_code,address,legal_rep_id,legal_rep_name,reg_capital_wan,lng,lat,tags,remark';
const enterprises = [
  ENT_HEADER, // 1
  `${A},长春甲食品有限公司,有限责任公司,2010-05-06,存续,C13,220102,长春市南关区人民大街１号,P1,张三,100.5,125.3,43.8,食品生产;特种设备使用,备注`, // 2
  `${B},长春乙股份有限公司,股份有限公司,2001/2/3,在业,C1318,220102001,长春市南关区南岭街道,P2,李四,,,,,`, // 3
  `${C},长春丙商贸,个人独资企业,19990101,吊销,F,220104,长春市朝阳区,P3,,,,,,`, // 4
  `${BADCHECK},坏校验位,有限责任公司,2010-05-06,存续,F,220102,某地,P4,,,,,,`, // 5
  `9135010OM000100Y43,含字母O,有限责任公司,2010-05-06,存续,F,220102,某地,P5,,,,,,`, // 6
  `9135,太短,有限责任公司,2010-05-06,存续,F,220102,某地,P6,,,,,,`, // 7
  `${makeUscc('91', '220102', '00000011')},未知区划,有限责任公司,2010-05-06,存续,F,229999,某地,P7,,,,,,`, // 8
  `${makeUscc('91', '220102', '00000012')},未知行业,有限责任公司,2010-05-06,存续,C99,220102,某地,P8,,,,,,`, // 9
  `${makeUscc('91', '220102', '00000013')},状态不对,有限责任公司,2010-05-06,营业,F,220102,某地,P9,,,,,,`, // 10
  `${makeUscc('91', '220102', '00000014')},没有类型,,2010-05-06,存续,F,220102,某地,P10,,,,,,`, // 11
  `${makeUscc('91', '220102', '00000015')},日期不存在,有限责任公司,2023-02-30,存续,F,220102,某地,P11,,,,,,`, // 12
  `${makeUscc('91', '220102', '00000016')},资本不是数,有限责任公司,2010-05-06,存续,F,220102,某地,P12,,abc,,,,`, // 13
  `${A},重复的甲,有限责任公司,2010-05-06,存续,F,220102,某地,P13,,,,,,`, // 14
  ``, // 15 (blank line: skipped, neither imported nor rejected)
  `${D},跨行地址,有限责任公司,2015-07-01,存续,L,220102,"长春市南关区`, // 16
  `某某大厦 12 层",P14,,,,,,`, // 17
  `${makeUscc('91', '220102', '00000017')},换行之后,有限责任公司,2010-05-06,存续,F,999999,某地,P15,,,,,,`, // 18
  `${ACCEPTED},校验位不符但已接受,有限责任公司,2012-01-01,存续,F,220104,长春市朝阳区,P16,,,,,,`, // 19
  `${makeUscc('91', '220102', '00000018')},多一列,有限责任公司,2010-05-06,存续,F,220102,某地,P17,,,,,,,多出来的`, // 20
].join('\n') + '\n';

const events = [
  'event_id,uscc,event_date,category,severity,end_date,result,source,amount_yuan,detail', // 1
  `E1,${A},2023-02-28,penalty,serious,,,市场监管局,5000,"罚款五千元，责令停产停业"`, // 2
  `E2,${makeUscc('91', '220102', '00000099')},2023-01-01,inspection,,,pass,,,`, // 3
  `E3,${A},2023-01-01,lunch,,,,,,`, // 4
  `E4,${A},2023-01-01,penalty,huge,,,,,`, // 5
  `E5,${A},2023-01-01,inspection,,,maybe,,,`, // 6
  `E6,${A},2023-02-29,complaint,,,,,,`, // 7
  `E7,${A},2023-01-01,abnormal_list,,2023.05.01,,,,`, // 8
  `E8,${A},2023-01-01,penalty,,,,,x,`, // 9
  `E1,${A},2023-03-01,penalty,,,,,,重复`, // 10
  `E9,${B},20230105,inspection,,,unreachable,,,查无下落`, // 11
  `E10,${BADCHECK},2023-01-01,penalty,,,,,,`, // 12
  `E11,${ACCEPTED},2023/1/5,change,,2023-06-30,,,,住所`, // 13
  `,${A},2023-01-01,penalty,,,,,,`, // 14 (missing event_id)
].join('\r\n') + '\r\n';

const roles = [
  'uscc,person_id,person_name,role,share_pct', // 1
  `${A},P1,张三,法定代表人,`, // 2
  `${A},P2,李四,股东,60`, // 3
  `${A},P2,李四,股东,40`, // 4 duplicate key (uscc, person_id, role)
  `${A},P3,王五,厨师,`, // 5
  `${makeUscc('91', '220102', '00000098')},P4,赵六,董事,`, // 6
  `${A},P5,,监事,150`, // 7
  `${B},P2,李四,股东,100`, // 8
].join('\n') + '\n';

const folder = writeFolder(path.join(work, 'first'), { 'enterprises.csv': enterprises, 'events.csv': events, 'roles.csv': roles, 'readme.txt': 'x' });

before(async () => {
  db = await getDb({ dataDir: path.join(work, 'data') });
  await loadReferenceData(db);
});
after(async () => {
  await closeDb();
  fs.rmSync(work, { recursive: true, force: true });
});

let firstImport = '';
let afterFirst: Record<string, string> = {};

test('import → data: counts, notices, derived columns', async () => {
  const pre = await db.rows<{ code: string }>(trusted(`SELECT code FROM industries WHERE code IN ('C13', 'C131', 'C1318', 'C99') ORDER BY code`));
  assert.deepEqual(pre.map((r) => r.code), ['C13', 'C131'], 'fixture assumes group C131 exists and class C1318 / division C99 do not');
  const progress: Array<[string, number | null | undefined]> = [];
  const r = await importFolder(db, folder, { actor: 'test', acceptUscc: [ACCEPTED], onProgress: (t, f) => progress.push([t, f]) });
  firstImport = r.importId;
  assert.deepEqual(r.files, {
    'enterprises.csv': { accepted: 5, rejected: 12 },
    'roles.csv': { accepted: 3, rejected: 4 },
    'events.csv': { accepted: 3, rejected: 10 },
  });
  assert.ok(r.notices.some((n) => n.includes('remark')), 'unknown column noticed');
  assert.ok(r.notices.some((n) => n.includes('readme.txt')), 'unknown file noticed');
  assert.ok(progress.length > 3 && progress.at(-1)![1] === 1, 'progress reported up to 100%');

  const ents = await db.rows<Record<string, unknown>>(trusted(`SELECT uscc, name, reg_date, status, industry_section, industry_division,
    province_code, prefecture_code, county_code, street_code, address, address_key, reg_capital_wan, lng, tags, import_id FROM enterprises ORDER BY uscc`));
  assert.deepEqual(ents.map((e) => e.uscc).sort(), [A, B, C, D, ACCEPTED].sort());
  const a = ents.find((e) => e.uscc === A)!;
  assert.equal(a.name, '长春甲食品有限公司');
  assert.equal(a.reg_date, '2010-05-06');
  assert.equal(a.industry_section, 'C');
  assert.equal(a.industry_division, 'C13');
  assert.deepEqual([a.province_code, a.prefecture_code, a.county_code, a.street_code], ['220000', '220100', '220102', '']);
  assert.equal(a.reg_capital_wan, 100.5);
  assert.equal(a.lng, 125.3);
  assert.deepEqual(a.tags, ['食品生产', '特种设备使用']);
  assert.ok(String(a.address_key).startsWith('220102'), `address key carries the county: ${String(a.address_key)}`);
  assert.equal(a.import_id, r.importId);
  const b = ents.find((e) => e.uscc === B)!;
  assert.equal(b.reg_date, '2001-02-03');
  assert.deepEqual([b.industry_section, b.industry_division], ['C', 'C13']);
  assert.deepEqual([b.county_code, b.street_code, b.prefecture_code], ['220102', '220102001', '220100']);
  assert.deepEqual(b.tags, []);
  assert.equal(b.reg_capital_wan, null);
  const c = ents.find((e) => e.uscc === C)!;
  assert.deepEqual([c.reg_date, c.status, c.industry_division, c.county_code], ['1999-01-01', '吊销', '', '220104']);
  const d = ents.find((e) => e.uscc === D)!;
  assert.equal(d.address, '长春市南关区\n某某大厦 12 层');

  const ev = await db.rows<Record<string, unknown>>(trusted('SELECT event_id, uscc, event_date, category, severity, end_date, result, amount_yuan, detail FROM events ORDER BY event_id'));
  assert.deepEqual(ev.map((e) => e.event_id), ['E1', 'E11', 'E9']);
  assert.deepEqual(ev[0], { event_id: 'E1', uscc: A, event_date: '2023-02-28', category: 'penalty', severity: 'serious', end_date: null, result: '', amount_yuan: 5000, detail: '罚款五千元，责令停产停业' });
  assert.deepEqual([ev[1]!.event_date, ev[1]!.end_date, ev[1]!.severity], ['2023-01-05', '2023-06-30', 'general']);
  assert.equal(ev[2]!.result, 'unreachable');

  const ro = await db.rows<Record<string, unknown>>(trusted('SELECT uscc, person_id, role, share_pct FROM roles ORDER BY uscc, person_id'));
  assert.deepEqual(ro, [
    { uscc: B, person_id: 'P2', role: '股东', share_pct: 100 },
    { uscc: A, person_id: 'P1', role: '法定代表人', share_pct: null },
    { uscc: A, person_id: 'P2', role: '股东', share_pct: 60 },
  ]);

  const imports = await listImports(db);
  assert.equal(imports[0]!.importId, r.importId);
  assert.equal(imports[0]!.status, 'done');
  assert.deepEqual(imports[0]!.files, r.files);
  afterFirst = await checksums(db);
});

test('every reject is kept with its file, physical line, key, reason and text', async () => {
  const { importId, total, rows } = await listRejects(db, { limit: 1000 });
  assert.equal(importId, firstImport);
  assert.equal(total, 26);
  const got = rows.map((r) => [r.file, r.line, r.key]);
  const expect = (file: string, line: number, key: string, reason: RegExp) => {
    const hit = rows.find((r) => r.file === file && r.line === line);
    assert.ok(hit, `${file}:${line} rejected (got ${JSON.stringify(got)})`);
    assert.equal(hit.key, key, `${file}:${line} key`);
    assert.match(hit.reason, reason, `${file}:${line} reason`);
    assert.ok(hit.raw.length > 0, `${file}:${line} raw text kept`);
    return hit;
  };
  const e = 'enterprises.csv';
  expect(e, 5, BADCHECK, /校验位错误/);
  expect(e, 6, '9135010OM000100Y43', /非法字符/);
  expect(e, 7, '9135', /18位/);
  expect(e, 8, makeUscc('91', '220102', '00000011'), /未知的行政区划代码.*229999/);
  expect(e, 9, makeUscc('91', '220102', '00000012'), /未知的行业代码.*C99/);
  expect(e, 10, makeUscc('91', '220102', '00000013'), /status 不在允许的取值中.*营业/);
  expect(e, 11, makeUscc('91', '220102', '00000014'), /缺少必填值 entity_type/);
  expect(e, 12, makeUscc('91', '220102', '00000015'), /reg_date 日期不存在：2023-02-30/);
  expect(e, 13, makeUscc('91', '220102', '00000016'), /reg_capital_wan 不是数字：abc/);
  const dup = expect(e, 14, A, /重复.*第 2 行/);
  assert.ok(dup.raw.includes('重复的甲'), 'duplicate row text kept');
  expect(e, 18, makeUscc('91', '220102', '00000017'), /未知的行政区划代码.*999999/);
  expect(e, 20, makeUscc('91', '220102', '00000018'), /字段数多于表头/);
  assert.ok(!rows.some((r) => r.file === e && (r.line === 15 || r.line === 16)), 'blank line and the two-line record are not rejected');
  const v = 'events.csv';
  expect(v, 3, 'E2', /企业不存在/);
  expect(v, 4, 'E3', /category 不在允许的取值中.*lunch/);
  expect(v, 5, 'E4', /severity 不在允许的取值中.*huge/);
  expect(v, 6, 'E5', /result 不在允许的取值中.*maybe/);
  expect(v, 7, 'E6', /event_date 日期不存在：2023-02-29/);
  expect(v, 8, 'E7', /end_date 日期格式无法识别.*：2023\.05\.01/);
  expect(v, 9, 'E8', /amount_yuan 不是数字：x/);
  const evDup = expect(v, 10, 'E1', /重复.*第 2 行/);
  assert.ok(evDup.raw.includes('重复'));
  expect(v, 12, 'E10', /校验位错误/);
  expect(v, 14, '', /缺少必填值 event_id/);
  const r = 'roles.csv';
  expect(r, 4, A, /重复.*第 3 行/);
  expect(r, 5, A, /role 不在允许的取值中.*厨师/);
  expect(r, 6, makeUscc('91', '220102', '00000098'), /企业不存在/);
  expect(r, 7, A, /share_pct 超出范围/);
  const raw = rows.find((x) => x.file === v && x.line === 4)!.raw;
  assert.equal(raw, `E3,${A},2023-01-01,lunch,,,,,,`);
  const page = await listRejects(db, { limit: 5, offset: 5 });
  assert.equal(page.rows.length, 5);
  assert.deepEqual(page.rows[0], rows[5]);
});

test('importing the same folder twice leaves the data exactly as after the first import', async () => {
  const r = await importFolder(db, folder, { actor: 'test' });
  assert.notEqual(r.importId, firstImport);
  assert.deepEqual(await checksums(db), afterFirst);
  const first = await listRejects(db, { importId: firstImport, limit: 1000 });
  const second = await listRejects(db, { importId: r.importId, limit: 1000 });
  const strip = (x: typeof first.rows) => x.map(({ importId: _i, ...rest }) => rest);
  assert.deepEqual(strip(second.rows), strip(first.rows), 'same rejects');
  assert.deepEqual((await tableNames(db)).filter((n) => n.startsWith('imp_') || n.endsWith('_next')), [], 'no staging tables left');
});

test('re-importing a key replaces the row; other rows and tables keep their version', async () => {
  const before = await db.rows<{ uscc: string; import_id: string }>(trusted('SELECT uscc, import_id FROM enterprises ORDER BY uscc'));
  const eventsBefore = (await checksums(db)).events;
  const dir = writeFolder(path.join(work, 'update'), {
    'enterprises.csv': `${ENT_HEADER.replace(',remark', '')}\n${A},长春甲食品有限公司（更名）,有限责任公司,2010-05-06,注销,C13,220102,长春市南关区人民大街１号,P1,张三,100.5,125.3,43.8,食品生产\n` +
      `${makeUscc('91', '220102', '00000020')},新企业,合伙企业,2024-01-02,存续,M,220102,某地,P20,,,,,\n`,
  });
  const r = await importFolder(db, dir, { actor: 'test' });
  assert.deepEqual(r.files, { 'enterprises.csv': { accepted: 2, rejected: 0 } });
  const after = await db.rows<{ uscc: string; name: string; status: string; import_id: string; tags: string[] }>(trusted('SELECT uscc, name, status, import_id, tags FROM enterprises ORDER BY uscc'));
  assert.equal(after.length, before.length + 1);
  const a = after.find((x) => x.uscc === A)!;
  assert.deepEqual([a.name, a.status, a.import_id, a.tags], ['长春甲食品有限公司（更名）', '注销', r.importId, ['食品生产']]);
  for (const old of before.filter((x) => x.uscc !== A)) {
    assert.equal(after.find((x) => x.uscc === old.uscc)!.import_id, old.import_id, `${old.uscc} untouched`);
  }
  assert.equal((await checksums(db)).events, eventsBefore);
  afterFirst = await checksums(db);
});

test('events are replaced by event_id, new years attach beside old partitions', async () => {
  const dir = writeFolder(path.join(work, 'events2'), {
    'events.csv': `event_id,uscc,event_date,category\nE1,${A},2023-02-28,penalty\nE20,${C},2019-06-01,annual_report\n`,
  });
  const r = await importFolder(db, dir, { actor: 'test' });
  assert.deepEqual(r.files, { 'events.csv': { accepted: 2, rejected: 0 } });
  const ev = await db.rows<{ event_id: string; severity: string; detail: string; import_id: string }>(trusted('SELECT event_id, severity, detail, import_id FROM events ORDER BY event_id'));
  assert.deepEqual(ev.map((e) => e.event_id), ['E1', 'E11', 'E20', 'E9']);
  const e1 = ev.find((e) => e.event_id === 'E1')!;
  assert.deepEqual([e1.severity, e1.detail, e1.import_id], ['general', '', r.importId], 'E1 replaced by the new version');
  assert.equal(ev.find((e) => e.event_id === 'E9')!.import_id, firstImport);
  assert.equal(Number((await db.one<{ n: number }>(trusted("SELECT toUInt32(count()) AS n FROM events WHERE event_id = 'E1'")))?.n), 1);
  afterFirst = await checksums(db);
});

test('a file that cannot be read stops the import with InputError and changes nothing', async () => {
  const importsBefore = (await listImports(db)).length;
  const cases: Array<[Record<string, string | Buffer>, RegExp]> = [
    [{ 'enterprises.csv': 'uscc,name,entity_type,reg_date,industry_code,region_code,address,legal_rep_id\n' }, /enterprises\.csv.*缺少必需列 status/],
    [{ 'enterprises.csv': `${A},甲,有限责任公司,2010-05-06,存续,C13,220102,某地,P1\n` }, /enterprises\.csv.*没有可识别的表头/],
    [{ 'events.csv': Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0]) }, /events\.csv.*不是 CSV/],
    [{ 'events.csv': '' }, /events\.csv.*空文件/],
    [{ 'enterprises.csv': enterprises, 'roles.csv': 'uscc,person_name,share_pct\n' }, /roles\.csv.*缺少必需列 person_id, role/],
    [{ 'notes.txt': 'x' }, /没有 enterprises\.csv/],
  ];
  for (const [i, [files, message]] of cases.entries()) {
    const dir = writeFolder(path.join(work, `bad${i}`), files);
    await assert.rejects(importFolder(db, dir, { actor: 'test' }), (e: unknown) => e instanceof InputError && message.test(e.message));
  }
  await assert.rejects(importFolder(db, path.join(work, 'no-such-dir'), { actor: 'test' }), InputError);
  assert.deepEqual(await checksums(db), afterFirst);
  assert.equal((await listImports(db)).length, importsBefore, 'not even an import record');
});

test('a failing USCC is accepted once recorded in accepted_uscc, and only then', async () => {
  const code = makeUscc('91', '220102', '00000030').slice(0, 17) + '0';
  const other = makeUscc('91', '220102', '00000030');
  const badCode = other.endsWith('0') ? `${other.slice(0, 17)}1` : code;
  const body = `${ENT_HEADER.replace(',remark', '')}\n${badCode},接受测试,有限责任公司,2010-05-06,存续,F,220102,某地,P30,,,,,\n`;
  const dir = writeFolder(path.join(work, 'accept'), { 'enterprises.csv': body });
  const r1 = await importFolder(db, dir, { actor: 'test' });
  assert.deepEqual(r1.files['enterprises.csv'], { accepted: 0, rejected: 1 });
  await db.insert('accepted_uscc', [{ uscc: badCode, note: 'test', added_by: 'test' }]);
  const r2 = await importFolder(db, dir, { actor: 'test' });
  assert.deepEqual(r2.files['enterprises.csv'], { accepted: 1, rejected: 0 });
  const row = await db.one<{ name: string }>(sql`SELECT name FROM enterprises WHERE uscc = ${p.str(badCode)}`);
  assert.equal(row?.name, '接受测试');
  await assert.rejects(importFolder(db, dir, { actor: 'test', acceptUscc: ['9135'] }), InputError, 'only a check-character failure can be accepted');
});

test('.xlsx: first sheet converted, dates from date cells, rejects carry the spreadsheet row', async () => {
  const dir = path.join(work, 'xlsx');
  fs.mkdirSync(dir, { recursive: true });
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('企业');
  ws.addRow(ENT_HEADER.replace(',remark', '').split(','));
  ws.addRow([makeUscc('91', '220102', '00000040'), '表格企业', '有限责任公司', new Date(Date.UTC(2011, 2, 4)), '存续', 'F', '220102', '某地', 'P40', '', 12.5]);
  ws.addRow([]);
  ws.addRow([makeUscc('91', '220102', '00000041'), '表格坏行', '有限责任公司', '2011-02-30', '存续', 'F', '220102', '某地', 'P41']);
  await wb.xlsx.writeFile(path.join(dir, 'enterprises.xlsx'));
  const r = await importFolder(db, dir, { actor: 'test' });
  assert.deepEqual(r.files, { 'enterprises.xlsx': { accepted: 1, rejected: 1 } });
  const row = await db.one<{ reg_date: string; reg_capital_wan: number }>(sql`SELECT reg_date, reg_capital_wan FROM enterprises WHERE uscc = ${p.str(makeUscc('91', '220102', '00000040'))}`);
  assert.deepEqual(row, { reg_date: '2011-03-04', reg_capital_wan: 12.5 });
  const rej = await listRejects(db, { importId: r.importId });
  assert.equal(rej.rows.length, 1);
  assert.equal(rej.rows[0]!.line, 4);
  assert.match(rej.rows[0]!.reason, /日期不存在/);
});

test('record numbering stays sequential across engine blocks: rejects deep in a large file get their exact lines', async () => {
  const n = 200_000;
  const bad = new Map<number, string>([[1, 'lunch'], [65_537, 'dinner'], [131_000, 'tea'], [199_999, 'supper']]);
  const lines = ['event_id,uscc,event_date,category,detail'];
  let physical = 1;
  const expected: Array<[number, string]> = [];
  for (let i = 0; i < n; i++) {
    const category = bad.get(i) ?? 'annual_report';
    // Every 10,000th record spans three physical lines.
    const detail = i % 10_000 === 5 ? '"第一行\n第二行\n第三行"' : '年报';
    lines.push(`BIG${i},${A},2023-01-01,${category},${detail}`);
    physical++;
    if (bad.has(i)) expected.push([physical, `BIG${i}`]);
    if (i % 10_000 === 5) physical += 2;
  }
  const dir = writeFolder(path.join(work, 'large'), { 'events.csv': lines.join('\n') + '\n' });
  const r = await importFolder(db, dir, { actor: 'test' });
  assert.deepEqual(r.files, { 'events.csv': { accepted: n - bad.size, rejected: bad.size } });
  const rej = await listRejects(db, { importId: r.importId });
  assert.deepEqual(rej.rows.map((x) => [x.line, x.key]), expected);
  assert.match(rej.rows[3]!.raw, /supper/);
});

test('dates from 1949-10-01 on are stored as they are (Date32); earlier ones are rejected as out of range', async () => {
  const old = makeUscc('91', '220102', '00000040');
  const older = makeUscc('91', '220102', '00000041');
  const body = `${ENT_HEADER.replace(',remark', '')}\n${old},国营老厂,全民所有制,1955-03-01,存续,C13,220102,长春市南关区,P40,,,,,\n`
    + `${older},更老的厂,全民所有制,1949/9/30,存续,C13,220102,长春市南关区,P41,,,,,\n`;
  const ev = 'event_id,uscc,event_date,category,end_date\n'
    + `OLD-1,${old},1958-07-01,license,1960-01-01\nOLD-2,${old},19491001,change,\nOLD-3,${old},1949-09-30,change,\n`;
  const dir = writeFolder(path.join(work, 'old-dates'), { 'enterprises.csv': body, 'events.csv': ev });
  const r = await importFolder(db, dir, { actor: 'test' });
  assert.deepEqual(r.files, { 'enterprises.csv': { accepted: 1, rejected: 1 }, 'events.csv': { accepted: 2, rejected: 1 } });
  const ent = await db.one<{ d: string; y: number }>(sql`SELECT toString(reg_date) AS d, toYear(reg_date) AS y FROM enterprises WHERE uscc = ${p.str(old)}`);
  assert.deepEqual(ent, { d: '1955-03-01', y: 1955 });
  const evs = await db.rows<{ id: string; d: string; e: string | null }>(sql`SELECT event_id AS id, toString(event_date) AS d, toString(end_date) AS e
    FROM events WHERE uscc = ${p.str(old)} ORDER BY event_id`);
  assert.deepEqual(evs, [{ id: 'OLD-1', d: '1958-07-01', e: '1960-01-01' }, { id: 'OLD-2', d: '1949-10-01', e: null }]);
  const rej = await listRejects(db, { importId: r.importId });
  assert.deepEqual(rej.rows.map((x) => [x.file, x.line, x.key]), [['enterprises.csv', 3, older], ['events.csv', 4, 'OLD-3']]);
  for (const x of rej.rows) assert.match(x.reason, /超出可接受范围（1949-10-01 至 2100-12-31）/);
});

test('duplicates far apart in a large file (parsed in parallel): first occurrence kept, later ones rejected with both lines', async () => {
  // About 16 MB: the engine splits it into several parallel parsing segments.
  const n = 250_000;
  const lines = ['event_id,uscc,event_date,category,detail'];
  const pad = 'x'.repeat(20);
  for (let i = 0; i < n; i++) lines.push(`DUP${i},${A},2023-01-01,annual_report,第${i}行${pad}`);
  // Line numbers: header = 1, record i on line i + 2.
  lines[240_000 + 1] = `DUP7,${A},2023-02-02,annual_report,later copy of DUP7`; // replaces record 240000
  lines[120_000 + 1] = `DUP7,${A},2023-03-03,bogus,bad copy of DUP7`; // replaces record 120000: bad and a duplicate
  lines[200_000 + 1] = `DUP199999,${A},2023-04-04,annual_report,neighbour copy`; // replaces record 200000
  const dir = writeFolder(path.join(work, 'dups'), { 'events.csv': lines.join('\n') + '\n' });
  const r = await importFolder(db, dir, { actor: 'test' });
  assert.deepEqual(r.files, { 'events.csv': { accepted: n - 3, rejected: 3 } });
  const kept = await db.rows<{ id: string; d: string; detail: string }>(sql`SELECT event_id AS id, toString(event_date) AS d, detail FROM events
    WHERE event_id IN ('DUP7', 'DUP199999') ORDER BY id`);
  assert.deepEqual(kept, [{ id: 'DUP199999', d: '2023-01-01', detail: `第199999行${pad}` }, { id: 'DUP7', d: '2023-01-01', detail: `第7行${pad}` }]);
  const rej = await listRejects(db, { importId: r.importId });
  assert.deepEqual(rej.rows.map((x) => [x.line, x.key]), [[120_002, 'DUP7'], [200_002, 'DUP199999'], [240_002, 'DUP7']]);
  assert.match(rej.rows[0]!.reason, /category 不在允许的取值中/, 'a bad duplicate is reported with its own reasons');
  assert.match(rej.rows[1]!.reason, /重复.*与第 200001 行相同/);
  assert.match(rej.rows[2]!.reason, /重复.*与第 9 行相同/);
  assert.match(rej.rows[2]!.raw, /later copy of DUP7/);
});
