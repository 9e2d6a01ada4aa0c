import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { LineMapper, lineOfRecord, NotTextError, scanCsv } from '../../server/import/scan';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xy-enc-'));
test.after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const TEXT = 'uscc,name,address\n91350100M000100Y43,福州测试有限公司,"福建省福州市鼓楼区五四路１号，\n（A座）"\n91110000802100433B,北京测试股份有限公司,北京市东城区东华门街道\n';

test('UTF-8 without BOM is read as is', async () => {
  const f = path.join(tmp, 'a.csv');
  fs.writeFileSync(f, TEXT, 'utf8');
  const r = await scanCsv(f, tmp);
  assert.equal(r.encoding, 'utf-8');
  assert.equal(r.path, f);
  assert.equal(r.records, 2);
});

test('UTF-8 with BOM is recognised', async () => {
  const f = path.join(tmp, 'b.csv');
  fs.writeFileSync(f, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')]));
  const r = await scanCsv(f, tmp);
  assert.equal(r.encoding, 'utf-8-bom');
  assert.equal(r.records, 2);
});

test('GB18030 is detected and transcoded to the same UTF-8 text, with the same line map', async () => {
  const f = path.join(tmp, 'c.csv');
  fs.writeFileSync(f, iconv.encode(TEXT, 'gb18030'));
  const r = await scanCsv(f, tmp);
  assert.equal(r.encoding, 'gb18030');
  assert.notEqual(r.path, f);
  assert.equal(fs.readFileSync(r.path, 'utf8'), TEXT);
  assert.equal(r.undecodable, 0);
  const u = path.join(tmp, 'c-utf8.csv');
  fs.writeFileSync(u, TEXT);
  assert.deepEqual(r.breaks, (await scanCsv(u, tmp)).breaks);
});

test('GBK text whose bytes split a character across read chunks is still detected (large file)', async () => {
  const f = path.join(tmp, 'd.csv');
  const row = '91110000802100433B,吉林省长春市朝阳区人民大街某号某单位,详情\n';
  fs.writeFileSync(f, iconv.encode('uscc,name,detail\n' + row.repeat(60_000), 'gbk'));
  const r = await scanCsv(f, tmp);
  assert.equal(r.encoding, 'gb18030');
  assert.equal(r.records, 60_000);
  assert.equal(fs.readFileSync(r.path, 'utf8').split('\n')[1], row.trimEnd());
});

test('UTF-8 with characters cut in two, deep in a large file or at its very end, stays UTF-8 (broken bytes → U+FFFD)', async () => {
  const row = '91110000802100433B,吉林省长春市朝阳区人民大街某号某单位,"详情\n第二行"\n';
  const head = Buffer.from('uscc,name,detail\n' + row.repeat(40_000), 'utf8'); // several read chunks of valid UTF-8
  const half = Buffer.from('罚', 'utf8').subarray(0, 2);
  const tailRows = Buffer.from('91110000802100433B,X,plain ascii only\n'.repeat(30_000), 'utf8');
  for (const [name, bytes, records] of [
    ['late.csv', Buffer.concat([head, Buffer.from('91110000802100433B,截断,'), half, Buffer.from('\n'), tailRows]), 70_001],
    ['end.csv', Buffer.concat([head, Buffer.from('91110000802100433B,截断,'), half]), 40_001],
  ] as const) {
    const f = path.join(tmp, name);
    fs.writeFileSync(f, bytes);
    const r = await scanCsv(f, tmp);
    assert.equal(r.encoding, 'utf-8', name);
    assert.equal(r.undecodable, 1, name);
    assert.equal(r.records, records, name);
    const text = fs.readFileSync(r.path, 'utf8');
    assert.ok(text.startsWith('uscc,name,detail\n' + row), name);
    assert.ok(text.includes('91110000802100433B,截断,\uFFFD'), name);
    assert.equal(lineOfRecord(40_000, r.breaks), 2 + 40_000 * 2, name);
  }
});

test('GB18030 with a few characters that happen to be well-formed UTF-8 is still GB18030', async () => {
  const f = path.join(tmp, 'gb-mixed.csv');
  const text = 'uscc,name,tags\n91110000802100433B,长春食品有限公司,食品;食品生产\n91350100M000100Y43,吉林省存续企业,食品\n';
  fs.writeFileSync(f, iconv.encode(text, 'gb18030'));
  const r = await scanCsv(f, tmp);
  assert.equal(r.encoding, 'gb18030');
  assert.equal(fs.readFileSync(r.path, 'utf8'), text);
});

test('binary, spreadsheet, UTF-16 and empty files are refused as not CSV text', async () => {
  const cases: Array<[string, Buffer]> = [
    ['bin.csv', Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0x00, 0x01, 0x02])],
    ['zip.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00])],
    ['u16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('uscc,name\n', 'utf16le')])],
    ['empty.csv', Buffer.alloc(0)],
  ];
  for (const [name, bytes] of cases) {
    const f = path.join(tmp, name);
    fs.writeFileSync(f, bytes);
    await assert.rejects(scanCsv(f, tmp), NotTextError, name);
  }
});

/** Reference: physical start line of every data record, by a plain character-level CSV reading. */
function referenceLines(text: string): number[] {
  const starts: number[] = [];
  let line = 1, inQuote = false, fieldStart = true, recordStart = 1, first = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inQuote) {
      if (c === '"') { if (text[i + 1] === '"') i++; else inQuote = false; }
      else if (c === '\n') line++;
      continue;
    }
    if (c === '"' && fieldStart) { inQuote = true; fieldStart = false; continue; }
    if (c === '\n') {
      line++;
      if (!first) starts.push(recordStart);
      first = false;
      recordStart = line;
      fieldStart = true;
      continue;
    }
    if (c === ',') { fieldStart = true; continue; }
    if (c !== ' ' && c !== '\r') fieldStart = false;
  }
  return starts;
}

test('record → line map: embedded line breaks, escaped quotes, literal quotes, any chunking', () => {
  const rows = ['id,detail'];
  for (let i = 0; i < 300; i++) {
    const kind = i % 7;
    const detail = kind === 0 ? `"two\nlines ${i}"` : kind === 1 ? `"say ""hi""\n\nthree"` : kind === 2 ? `plain ${i}` : kind === 3 ? `a"b ${i}` : kind === 4 ? ` "spaced\nquote"` : kind === 5 ? `"crlf\r\ninside"` : `"q,""${i}"""`;
    rows.push(`${i},${detail}`);
  }
  const csv = rows.join('\n') + '\n';
  const expected = referenceLines(csv);
  const buf = Buffer.from(csv, 'utf8');
  for (const chunk of [buf.length, 1, 2, 3, 7, 64]) {
    const m = new LineMapper();
    for (let i = 0; i < buf.length; i += chunk) m.push(buf.subarray(i, i + chunk));
    assert.equal(m.finish(), expected.length, `records, chunk ${chunk}`);
    const got = expected.map((_, rec) => lineOfRecord(rec, m.breaks));
    assert.deepEqual(got, expected, `chunk ${chunk}`);
  }
});
