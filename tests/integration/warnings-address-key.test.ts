/** The SQL address key (filled at import) must equal the TS normaliser on the same inputs. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDb, closeDb } from '../../server/db/client';
import { sql, p, trusted } from '../../server/db/sql';
import { loadReferenceData, regionRows } from '../../server/reference/load';
import { addressKeySql } from '../../server/address/key';
import { addressKey, type RegionNames } from '../../server/address/normalize';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xy-'));
after(async () => { await closeDb(); fs.rmSync(dataDir, { recursive: true, force: true }); });

const CASES: Array<[string, string]> = [
  ['吉林省长春市朝阳区工农大路1号', '220104'], ['吉林长春朝阳区工农大路一号', '220104'], ['工农大路十一号', '220104'],
  ['长春市 朝阳区，工农大路 1 号', '220104'], ['朝阳路5号', '220104'], ['朝阳区朝阳路5号', '220104'],
  ['红旗街二十三栋一〇一室', '220104'], ['硅谷大街５＃楼３单元', '220104'], ['第三大街一百零五号', '220104'],
  ['前进大街ａ－３－２０１', '220104'], ['前进大街3-2-101', '220104'], ['前进大街32-101', '220104'], ['A--号-', '220104'],
  ['吉林省吉林市船营区解放路1号', '220204'], ['吉林吉林市船营解放路1号', '220204'],
  ['吉林省延边朝鲜族自治州延吉市光明街8号', '222401'], ['延边延吉市光明街8号', '222401'],
  ['南关区人民大街1号', '220104'], ['人民大街两千零二十号', '220102'], ['一品路', '220102'], ['', '220102'], ['  ，。', '220102'],
  ['北京市朝阳区建国路88号', '110105'], ['朝阳区建国路八十八号', '110105'],
  ['人民大街3、4号', '220104'], ['人民大街34号', '220104'], ['人民大街3,4号楼', '220104'], ['人民大街1号101/102室', '220104'], ['人民大街1号楼2.3层', '220104'],
  ['人民大街3 ，4号', '220104'], ['人民大街３、４号', '220104'], ['人民大街3、号', '220104'], ['A 3\t-\n4', '220104'],
  ['北京市朝阳区朝阳北路101号', '110105'], ['朝阳北路101号', '110105'], ['北京朝阳北路101号', '110105'], ['北京朝阳建国路88号', '110105'],
  ['朝阳建国路88号', '110105'], ['北京市朝阳区朝阳门外大街1号', '110105'], ['长春朝阳区工农大路1号', '220104'], ['长春朝阳工农大路1号', '220104'], ['some road 5', ''], ['它\'s "quoted" \\ road', '220104'],
];

test('SQL address key equals the TS normaliser', async () => {
  const db = await getDb({ dataDir });
  await loadReferenceData(db);
  const names = new Map(regionRows().filter((r) => r.level <= 3).map((r) => [r.code, r.name]));
  const region = (c: string): RegionNames => ({
    province: c.length >= 2 ? names.get(`${c.slice(0, 2)}0000`) ?? '' : '',
    prefecture: c.length >= 4 ? names.get(`${c.slice(0, 4)}00`) ?? '' : '',
    county: names.get(c) ?? '',
  });
  const rows = await db.rows<{ a: string; c: string; k: string }>(sql`
    SELECT a, c, ${trusted(addressKeySql('a', 'c'))} AS k
    FROM (SELECT arrayJoin(arrayZip(${p.strs(CASES.map((x) => x[0]))}, ${p.strs(CASES.map((x) => x[1]))})) AS t, t.1 AS a, t.2 AS c)`);
  assert.equal(rows.length, CASES.length);
  for (const r of rows) assert.equal(r.k, addressKey(r.a, r.c, region(r.c)), `${r.a} @ ${r.c}`);
  const byAddr = new Map(rows.map((r) => [`${r.a}@${r.c}`, r.k]));
  assert.equal(byAddr.get('吉林省长春市朝阳区工农大路1号@220104'), '220104|工农大路1号');
  assert.equal(byAddr.get('吉林吉林市船营解放路1号@220204'), '220204|解放路1号');
  assert.equal(byAddr.get('朝阳区建国路八十八号@110105'), '110105|建国路88号');
  assert.notEqual(byAddr.get('前进大街3-2-101@220104'), byAddr.get('前进大街32-101@220104'));
  assert.equal(byAddr.get('人民大街3、4号@220104'), '220104|人民大街3-4号');
  assert.notEqual(byAddr.get('人民大街3、4号@220104'), byAddr.get('人民大街34号@220104'));
  assert.equal(byAddr.get('人民大街1号101/102室@220104'), '220104|人民大街1号101-102室');
  assert.equal(byAddr.get('北京市朝阳区朝阳北路101号@110105'), '110105|朝阳北路101号');
  assert.equal(byAddr.get('朝阳北路101号@110105'), '110105|朝阳北路101号');
  assert.equal(byAddr.get('北京朝阳建国路88号@110105'), '110105|建国路88号');
  assert.equal(byAddr.get('朝阳建国路88号@110105'), '110105|朝阳建国路88号');
});
