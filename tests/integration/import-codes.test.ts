/** Region codes at the import (CONTRACT.md: 6-digit county code, or a 9-digit street/town code). */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { getDb, closeDb, type Db } from '../../server/db/client';
import { trusted } from '../../server/db/sql';
import { importFolder, listRejects } from '../../server/import';
import { InputError } from '../../server/cli/args';
import { loadReferenceData } from '../../server/reference/load';
import { makeUscc } from '../../server/domain/uscc';
import iconv from 'iconv-lite';
import { checksums, tempDir, writeFolder } from './import-helpers';

const work = tempDir('xy-import-codes-');
let db: Db;
before(async () => { db = await getDb({ dataDir: path.join(work, 'data') }); await loadReferenceData(db); });
after(async () => { await closeDb(); fs.rmSync(work, { recursive: true, force: true }); });

const HEADER = 'uscc,name,entity_type,reg_date,status,industry_code,region_code,address,legal_rep_id';

test('a prefecture-level city without counties (东莞 441900, 中山 442000, 儋州 460400) is its own county-level code', async () => {
  const u = (i: number) => makeUscc('91', '441900', String(i).padStart(8, '0'));
  const dir = writeFolder(path.join(work, 'dg'), {
    'enterprises.csv': [HEADER,
      `${u(1)},东莞甲,有限责任公司,2010-05-06,存续,F,441900,东莞市南城街道某路1号,P1`,
      `${u(2)},东莞乙,有限责任公司,2010-05-06,存续,F,441900004,东莞市南城街道某路1号,P2`,
      `${u(3)},中山丙,有限责任公司,2010-05-06,存续,F,442000,中山市石岐街道某路3号,P3`,
      `${u(4)},儋州丁,有限责任公司,2010-05-06,存续,F,460400,儋州市那大镇某路4号,P4`,
      `${u(5)},长春戊,有限责任公司,2010-05-06,存续,F,220100,长春市某路5号,P5`, // a prefecture with counties: not a county code
      `${u(6)},广东己,有限责任公司,2010-05-06,存续,F,440000,广东省某路6号,P6`,
    ].join('\n') + '\n',
  });
  const r = await importFolder(db, dir, { actor: 'test' });
  assert.deepEqual(r.files['enterprises.csv'], { accepted: 4, rejected: 2 });
  assert.deepEqual((await listRejects(db, { importId: r.importId })).rows.map((x) => [x.line, x.key]), [[6, u(5)], [7, u(6)]]);
  const rows = await db.rows<{ uscc: string; province_code: string; prefecture_code: string; county_code: string; street_code: string; address_key: string }>(
    trusted('SELECT uscc, province_code, prefecture_code, county_code, street_code, address_key FROM enterprises ORDER BY uscc'));
  assert.deepEqual(rows.map((x) => [x.uscc, x.province_code, x.prefecture_code, x.county_code, x.street_code]), [
    [u(1), '440000', '441900', '441900', ''],
    [u(2), '440000', '441900', '441900', '441900004'],
    [u(3), '440000', '442000', '442000', ''],
    [u(4), '460000', '460400', '460400', ''],
  ]);
  // The same address with the city code or a street code is one address (一址多照 groups by this key).
  assert.equal(rows[0]!.address_key, rows[1]!.address_key);
});

test('industry codes at every level, also in divisions whose groups the reference does not list', async () => {
  const u = (i: number) => makeUscc('91', '220102', String(100 + i).padStart(8, '0'));
  const codes = ['C', 'C17', 'C171', 'C1711', 'B0610', 'G5311', 'C13', 'C139', 'C1391', /* rejected: */ 'C138', 'C1381', 'C98', 'C981', 'Z1', 'C13911', 'c171'];
  const dir = writeFolder(path.join(work, 'ind'), {
    'enterprises.csv': [HEADER, ...codes.map((c, i) => `${u(i)},企业${i},有限责任公司,2010-05-06,存续,${c},220102,某地${i},P${i}`)].join('\n') + '\n',
  });
  const r = await importFolder(db, dir, { actor: 'test' });
  const rejected = (await listRejects(db, { importId: r.importId })).rows.map((x) => codes[x.line - 2]);
  assert.deepEqual(rejected, ['C138', 'C1381', 'C98', 'C981', 'Z1', 'C13911', 'c171']);
  const rows = await db.rows<{ industry_code: string; industry_section: string; industry_division: string }>(trusted(
    `SELECT industry_code, industry_section, industry_division FROM enterprises WHERE industry_code IN ('C1711', 'B0610') ORDER BY industry_code`));
  assert.deepEqual(rows.map((x) => [x.industry_code, x.industry_section, x.industry_division]), [['B0610', 'B', 'B06'], ['C1711', 'C', 'C17']]);
});

test('--accept-uscc is recorded only when the import succeeds: a file that cannot be read leaves accepted_uscc as it was', async () => {
  const good = makeUscc('91', '220102', '00000401');
  const bad = `${good.slice(0, 17)}${good.endsWith('0') ? '1' : '0'}`;
  const ent = `${HEADER}\n${bad},校验位不符,有限责任公司,2010-05-06,存续,F,220102,某地,P1\n`;
  const acceptedRows = async () => (await db.rows<{ uscc: string }>(trusted(`SELECT uscc FROM accepted_uscc FINAL WHERE uscc = '${bad}'`))).length;
  const broken = writeFolder(path.join(work, 'acc-broken'), {
    'enterprises.csv': ent,
    'events.csv': `event_id,uscc,event_date,category,detail\nA1,${bad},2023-01-01,penalty,"quoted"then text\n`,
  });
  await assert.rejects(importFolder(db, broken, { actor: 'test', acceptUscc: [bad] }), (e: unknown) => e instanceof InputError && /events\.csv 第 2 行无法按 CSV 读取/.test(e.message));
  assert.equal(await acceptedRows(), 0, 'the failed import recorded no acceptance');
  assert.equal((await db.rows(trusted(`SELECT uscc FROM enterprises WHERE uscc = '${bad}'`))).length, 0);

  const fixed = writeFolder(path.join(work, 'acc-fixed'), { 'enterprises.csv': ent });
  const r = await importFolder(db, fixed, { actor: 'test', acceptUscc: [bad] });
  assert.deepEqual(r.files['enterprises.csv'], { accepted: 1, rejected: 0 });
  assert.equal(await acceptedRows(), 1);
  // Recorded: a later import of the code needs no --accept-uscc.
  assert.deepEqual((await importFolder(db, fixed, { actor: 'test' })).files['enterprises.csv'], { accepted: 1, rejected: 0 });
});

test('a CSV the engine cannot parse is refused naming the physical line, also after a quoted field with line breaks', async () => {
  const U = makeUscc('91', '220102', '00000501');
  const dir = writeFolder(path.join(work, 'parse'), {
    'events.csv': `event_id,uscc,event_date,category,detail\nQ0,${U},2023-01-01,penalty,"第一行\n第二行\n第三行"\nQ1,${U},2023-01-01,penalty,ok\nQ2,${U},2023-01-01,penalty,"abc"def\n`,
  });
  await assert.rejects(importFolder(db, dir, { actor: 'test' }), (e: unknown) => {
    assert.ok(e instanceof InputError);
    assert.match(e.message, /^events\.csv 第 6 行无法按 CSV 读取：Cannot parse input/);
    assert.doesNotMatch(e.message, /at row/);
    return true;
  });
});

test('a quoted field never closed is refused naming the line it opens on (UTF-8 and GB18030): the rows after it are not swallowed', async () => {
  const U = makeUscc('91', '220102', '00000502');
  const base = writeFolder(path.join(work, 'unclosed-base'), {
    'enterprises.csv': `${HEADER}\n${U},未闭合引号测试,有限责任公司,2015-01-01,存续,F,220102,某地,P1\n`,
  });
  await importFolder(db, base, { actor: 'test' });
  const prior = await checksums(db);
  const text = `event_id,uscc,event_date,category,detail\nU1,${U},2023-01-01,penalty,罚款\nU2,${U},2023-01-02,penalty,"多行\n内容"\nU4,${U},2023-01-04,penalty,"引号没有闭合\nU5,${U},2023-01-05,penalty,最后一行\n`;
  for (const [name, body] of [['utf8', Buffer.from(text, 'utf8')], ['gbk', iconv.encode(text, 'gb18030')]] as const) {
    const dir = writeFolder(path.join(work, `unclosed-${name}`), { 'events.csv': body });
    await assert.rejects(importFolder(db, dir, { actor: 'test' }), (e: unknown) => {
      assert.ok(e instanceof InputError, name);
      assert.match(e.message, /^events\.csv 第 5 行无法按 CSV 读取：该行的引号字段没有闭合/, name);
      return true;
    });
    assert.deepEqual(await checksums(db), prior, `${name}: nothing written`);
  }
  const n = await db.one<{ n: number }>(trusted(`SELECT toUInt32(count()) AS n FROM events WHERE uscc = '${U}'`));
  assert.equal(Number(n?.n), 0);
});

test('lines ended by a bare CR (Excel "CSV (Macintosh)") are read as lines, UTF-8 and GB18030, with their line numbers', async () => {
  const U = makeUscc('91', '220102', '00000503');
  for (const [name, enc] of [['utf8', 'utf8'], ['gbk', 'gb18030']] as const) {
    const uscc = name === 'utf8' ? U : makeUscc('91', '220102', '00000504');
    const text = `${HEADER}\r${uscc},旧式换行,有限责任公司,2015-01-01,存续,F,220102,"某地\r某楼",P1\r${makeUscc('91', '220102', '00000505')},坏日期,有限责任公司,2015-02-30,存续,F,220102,某地,P2\r`;
    const dir = writeFolder(path.join(work, `cr-${name}`), { 'enterprises.csv': iconv.encode(text, enc) });
    const r = await importFolder(db, dir, { actor: 'test' });
    assert.deepEqual(r.files['enterprises.csv'], { accepted: 1, rejected: 1 }, name);
    assert.ok(r.notices.some((n) => n.includes('CR')), `${name}: said how the lines were read`);
    const row = await db.one<{ name: string; address: string }>(trusted(`SELECT name, address FROM enterprises WHERE uscc = '${uscc}'`));
    assert.deepEqual(row, { name: '旧式换行', address: '某地\n某楼' }, name);
    const rej = await listRejects(db, { importId: r.importId });
    assert.deepEqual(rej.rows.map((x) => [x.line, x.key]), [[4, makeUscc('91', '220102', '00000505')]], name);
  }
});

test('a USCC with full-width characters or a full-width space, or an old 15-digit registration number, is told so', async () => {
  const U = makeUscc('91', '220102', '00000506');
  const wide = [...U].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
  const dir = writeFolder(path.join(work, 'wide'), {
    'enterprises.csv': [HEADER, `${wide},全角代码,有限责任公司,2015-01-01,存续,F,220102,某地,P1`, `${U}\u3000,全角空格,有限责任公司,2015-01-01,存续,F,220102,某地,P2`,
      `220102000012345,旧注册号,有限责任公司,2015-01-01,存续,F,220102,某地,P3`, `9122010200000050X,十七位,有限责任公司,2015-01-01,存续,F,220102,某地,P4`,
      `9.14403E+17,科学计数法,有限责任公司,2015-01-01,存续,F,220102,某地,P5`].join('\n') + '\n',
    'events.csv': `event_id,uscc,event_date,category\nW1,${wide},2023-01-01,penalty\nW2,220102000012345,2023-01-01,penalty\n`,
  });
  const r = await importFolder(db, dir, { actor: 'test' });
  const rej = await listRejects(db, { importId: r.importId });
  const reason = (file: string, line: number) => rej.rows.find((x) => x.file === file && x.line === line)?.reason ?? '';
  assert.match(reason('enterprises.csv', 2), /^统一社会信用代码含非法字符.*（含全角字符或全角空格，应为半角数字和大写字母）：/);
  assert.match(reason('enterprises.csv', 3), /^统一社会信用代码应为18位（含全角字符或全角空格/);
  assert.match(reason('enterprises.csv', 4), /^统一社会信用代码应为18位（15位的是旧版工商注册号，应换为18位统一社会信用代码）：220102000012345$/);
  assert.equal(reason('enterprises.csv', 5), '统一社会信用代码应为18位：9122010200000050X', 'no hint where none applies');
  assert.equal(reason('enterprises.csv', 6), '统一社会信用代码应为18位（已被表格软件转成科学计数法，原代码已丢失，请从原始数据重新导出，代码列设为文本）：9.14403E+17');
  assert.match(reason('events.csv', 2), /（含全角字符或全角空格/);
  assert.match(reason('events.csv', 3), /（15位的是旧版工商注册号/);
});

test('an event or role of an enterprise whose own row this import rejected says so, not that the enterprise is not in the import', async () => {
  const bad = makeUscc('91', '220102', '00000507');
  const absent = makeUscc('91', '220102', '00000508');
  const dir = writeFolder(path.join(work, 'ent-rejected'), {
    'enterprises.csv': `${HEADER}\n${bad},日期有误,有限责任公司,2015-02-30,存续,F,220102,某地,P1\n`,
    'roles.csv': `uscc,person_id,role\n${bad},P1,法定代表人\n`,
    'events.csv': `event_id,uscc,event_date,category\nR1,${bad},2023-01-01,penalty\nR2,${absent},2023-01-01,penalty\n`,
  });
  const r = await importFolder(db, dir, { actor: 'test' });
  const rej = await listRejects(db, { importId: r.importId });
  const reason = (file: string, line: number) => rej.rows.find((x) => x.file === file && x.line === line)?.reason ?? '';
  assert.equal(reason('events.csv', 2), `企业在本次导入的 enterprises.csv 中被拒绝（原因见该文件的拒绝记录），已有数据中也没有：${bad}`);
  assert.equal(reason('roles.csv', 2), `企业在本次导入的 enterprises.csv 中被拒绝（原因见该文件的拒绝记录），已有数据中也没有：${bad}`);
  assert.equal(reason('events.csv', 3), `企业不存在（不在本次导入的企业中，也不在已有数据中）：${absent}`);
});

test('an event that ends before it happens (end_date before event_date) is rejected; ending the same day is fine', async () => {
  const U = makeUscc('91', '220102', '00000509');
  const dir = writeFolder(path.join(work, 'end-before'), {
    'enterprises.csv': `${HEADER}\n${U},结束日期,有限责任公司,2015-01-01,存续,F,220102,某地,P1\n`,
    'events.csv': `event_id,uscc,event_date,category,end_date\nEB1,${U},2023-05-01,abnormal_list,2023/4/30\nEB2,${U},2023-05-01,abnormal_list,20230501\nEB3,${U},2023-05-01,penalty,\n`,
  });
  const r = await importFolder(db, dir, { actor: 'test' });
  assert.deepEqual(r.files['events.csv'], { accepted: 2, rejected: 1 });
  const rej = await listRejects(db, { importId: r.importId });
  assert.deepEqual(rej.rows.map((x) => [x.line, x.key, x.reason]), [[2, 'EB1', 'end_date 早于 event_date（结束不能早于发生）：2023/4/30 < 2023-05-01']]);
});

test('a negative amount is rejected (it would lower the penalty sums the models read); thousands separators are fine', async () => {
  const U = makeUscc('91', '220102', '00000510');
  const dir = writeFolder(path.join(work, 'amount'), {
    'enterprises.csv': `${HEADER}\n${U},金额,有限责任公司,2015-01-01,存续,F,220102,某地,P1\n`,
    'events.csv': `event_id,uscc,event_date,category,amount_yuan\nAM1,${U},2023-05-01,penalty,-5000\nAM2,${U},2023-05-01,penalty,"12,500.50"\nAM3,${U},2023-05-01,penalty,0\n`,
  });
  const r = await importFolder(db, dir, { actor: 'test' });
  assert.deepEqual(r.files['events.csv'], { accepted: 2, rejected: 1 });
  const rej = await listRejects(db, { importId: r.importId });
  assert.deepEqual(rej.rows.map((x) => [x.line, x.key]), [[2, 'AM1']]);
  assert.match(rej.rows[0]!.reason, /^amount_yuan 超出范围 0–1000000000000000：-5000$/);
  const got = await db.rows<{ event_id: string; amount_yuan: number }>(trusted(`SELECT event_id, amount_yuan FROM events WHERE uscc = '${U}' ORDER BY event_id`));
  assert.deepEqual(got.map((x) => [x.event_id, x.amount_yuan]), [['AM2', 12500.5], ['AM3', 0]]);
});

test('text in a field beyond the header is never dropped: after an empty extra field too, the row is rejected whole', async () => {
  const U = makeUscc('91', '220102', '00000511');
  const dir = writeFolder(path.join(work, 'extra'), {
    'enterprises.csv': `${HEADER}\n${U},多余字段,有限责任公司,2015-01-01,存续,F,220102,某地,P1\n`,
    'events.csv': `event_id,uscc,event_date,category,detail\nEX1,${U},2023-05-01,penalty,罚款,,责令改正\nEX2,${U},2023-05-01,penalty,罚款,,,,,,,,"第十三列"\nEX3,${U},2023-05-01,penalty,罚款,,\nEX4,${U},2023-05-01,penalty,罚款,x\n`,
  });
  const r = await importFolder(db, dir, { actor: 'test' });
  assert.deepEqual(r.files['events.csv'], { accepted: 1, rejected: 3 });
  const rej = await listRejects(db, { importId: r.importId });
  assert.deepEqual(rej.rows.map((x) => [x.line, x.key, x.reason]), [[2, 'EX1', '字段数多于表头（可能有未加引号的逗号）'], [3, 'EX2', '字段数多于表头（可能有未加引号的逗号）'],
    [5, 'EX4', '字段数多于表头（可能有未加引号的逗号）']]);
  assert.equal(rej.rows[0]!.raw, `EX1,${U},2023-05-01,penalty,罚款,,责令改正,…`);
  assert.equal(rej.rows[1]!.raw, `EX2,${U},2023-05-01,penalty,罚款,,,,,,,,第十三列,…`);
  assert.equal(rej.rows[2]!.raw, `EX4,${U},2023-05-01,penalty,罚款,x,…`);
});

test('a duplicate whose first occurrence was rejected too says the key was not imported', async () => {
  const U = makeUscc('91', '220102', '00000512');
  const dir = writeFolder(path.join(work, 'dup-first-bad'), {
    'enterprises.csv': `${HEADER}\n${U},重复键,有限责任公司,2015-01-01,存续,F,220102,某地,P1\n`,
    'events.csv': `event_id,uscc,event_date,category\nDK1,${U},2023-02-30,penalty\nDK1,${U},2023-03-01,penalty\nDK2,${U},2023-03-01,penalty\nDK2,${U},2023-03-02,penalty\n`,
  });
  const r = await importFolder(db, dir, { actor: 'test' });
  assert.deepEqual(r.files['events.csv'], { accepted: 1, rejected: 3 });
  const rej = await listRejects(db, { importId: r.importId });
  assert.deepEqual(rej.rows.map((x) => [x.line, x.key, x.reason]), [
    [2, 'DK1', 'event_date 日期不存在：2023-02-30'],
    [3, 'DK1', '重复的键（event_id）：与第 2 行相同；以首次出现的一行为准，而该行也被拒绝，此键本次没有导入'],
    [5, 'DK2', '重复的键（event_id）：与第 4 行相同，以首次出现的一行为准'],
  ]);
});
