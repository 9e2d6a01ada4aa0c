/** UTF-8, UTF-8 with BOM and GB18030 files of the same Chinese text give identical imports. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import iconv from 'iconv-lite';
import { getDb, closeDb, type Db } from '../../server/db/client';
import { trusted } from '../../server/db/sql';
import { importFolder, listRejects } from '../../server/import';
import { makeUscc } from '../../server/domain/uscc';
import { tempDir, writeFolder } from './import-helpers';

const work = tempDir('xy-import-enc-');
let db: Db;
before(async () => { db = await getDb({ dataDir: path.join(work, 'data') }); });
after(async () => { await closeDb(); fs.rmSync(work, { recursive: true, force: true }); });

const U1 = makeUscc('91', '220102', '00000101');
const U2 = makeUscc('91', '220104', '00000102');
const ENT = [
  'uscc,name,entity_type,reg_date,status,industry_code,region_code,address,legal_rep_id,legal_rep_name,tags',
  `${U1},吉林省长春市龘䶮贸易有限公司,有限责任公司,2010-05-06,存续,F,220102,"长春市南关区人民大街１号，""金座""
三楼",P1,张三,食品经营;直销`,
  `${U2},长春市朝阳区某某农民专业合作社,农民专业合作社,2012-01-01,在业,A,220104,长春市朝阳区红旗街,P2,李四,`,
  `${makeUscc('91', '220102', '00000103')},坏日期企业,有限责任公司,2023-02-30,存续,F,220102,某地,P3,王五,`,
].join('\r\n') + '\r\n';
const EVT = [
  'event_id,uscc,event_date,category,detail',
  `E1,${U1},2023-05-06,penalty,"责令停产停业；罚款人民币伍仟元"`,
  `E2,${U2},2023-05-07,complaint,消费者投诉：商品质量`,
  `E3,${U2},2023-05-08,未知类别,无`,
].join('\n') + '\n';

async function snapshot(importId: string) {
  const enterprises = await db.rows(trusted('SELECT * EXCEPT import_id FROM enterprises ORDER BY uscc'));
  const events = await db.rows(trusted('SELECT * EXCEPT import_id FROM events ORDER BY event_id'));
  const rejects = (await listRejects(db, { importId })).rows.map(({ importId: _i, ...r }) => r);
  return { enterprises, events, rejects };
}

test('three encodings, one result', async () => {
  const variants: Record<string, (s: string) => Buffer> = {
    utf8: (s) => Buffer.from(s, 'utf8'),
    bom: (s) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s, 'utf8')]),
    gb18030: (s) => iconv.encode(s, 'gb18030'),
  };
  const snaps: Record<string, Awaited<ReturnType<typeof snapshot>>> = {};
  for (const [name, enc] of Object.entries(variants)) {
    // Start from an empty data set each time so each import stands alone.
    for (const t of ['enterprises', 'events', 'roles']) await db.command(trusted(`TRUNCATE TABLE ${t}`));
    const dir = writeFolder(path.join(work, name), { 'enterprises.csv': enc(ENT), 'events.csv': enc(EVT) });
    const r = await importFolder(db, dir, { actor: 'test' });
    assert.deepEqual(r.files, { 'enterprises.csv': { accepted: 2, rejected: 1 }, 'events.csv': { accepted: 2, rejected: 1 } }, name);
    assert.equal(r.notices.some((n) => n.includes('GB18030')), name === 'gb18030', `${name}: encoding notice`);
    snaps[name] = await snapshot(r.importId);
  }
  const u = snaps.utf8!;
  assert.equal((u.enterprises[0] as { name: string }).name, '吉林省长春市龘䶮贸易有限公司');
  assert.equal((u.enterprises[0] as { address: string }).address, '长春市南关区人民大街１号，"金座"\n三楼');
  assert.deepEqual((u.enterprises[0] as { tags: string[] }).tags, ['食品经营', '直销']);
  assert.deepEqual(u.rejects.map((r) => [r.file, r.line]), [['enterprises.csv', 5], ['events.csv', 4]]);
  assert.match(u.rejects[1]!.raw, /未知类别/);
  assert.deepEqual(snaps.bom, u);
  assert.deepEqual(snaps.gb18030, u);
});

test('UTF-8 with a character cut in two stays UTF-8: the other rows keep their text, the broken bytes become �', async () => {
  for (const t of ['enterprises', 'events', 'roles']) await db.command(trusted(`TRUNCATE TABLE ${t}`));
  // A source system that cuts a field at a byte length leaves half a character: 罚款五千元 → 罚款 + 1 byte of 五.
  const cut = Buffer.concat([Buffer.from(`E3,${U2},2023-05-08,penalty,"罚款`, 'utf8'), Buffer.from('五', 'utf8').subarray(0, 1), Buffer.from('"\n', 'utf8')]);
  const dir = writeFolder(path.join(work, 'cut'), {
    'enterprises.csv': Buffer.from(ENT, 'utf8'),
    'events.csv': Buffer.concat([Buffer.from(EVT.split('\n').slice(0, 3).join('\n') + '\n', 'utf8'), cut,
      Buffer.from(`E4,${U1},2023-05-09,未知类别,"两行\n详情"\nE5,${U1},2023-05-10,complaint,举报：无照经营\n`, 'utf8')]),
  });
  const r = await importFolder(db, dir, { actor: 'test' });
  assert.deepEqual(r.files['events.csv'], { accepted: 4, rejected: 1 });
  assert.ok(!r.notices.some((n) => n.includes('GB18030')), r.notices.join('\n'));
  assert.ok(r.notices.some((n) => /events\.csv：按 UTF-8 读取，其中 1 处/.test(n)), r.notices.join('\n'));
  const events = await db.rows<{ event_id: string; detail: string }>(trusted('SELECT event_id, detail FROM events ORDER BY event_id'));
  assert.deepEqual(events.map((e) => [e.event_id, e.detail]), [
    ['E1', '责令停产停业；罚款人民币伍仟元'], ['E2', '消费者投诉：商品质量'], ['E3', '罚款\uFFFD'], ['E5', '举报：无照经营'],
  ]);
  const rejects = (await listRejects(db, { importId: r.importId })).rows;
  assert.deepEqual(rejects.map((x) => [x.file, x.line, x.key]), [['enterprises.csv', 5, makeUscc('91', '220102', '00000103')], ['events.csv', 5, 'E4']]);
});
