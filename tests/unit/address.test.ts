import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addressKey, chineseNumber, normalizeAddress, shortName, type RegionNames } from '../../server/address/normalize';

const CHAOYANG: RegionNames = { province: '吉林省', prefecture: '长春市', county: '朝阳区' };
const CHUANYING: RegionNames = { province: '吉林省', prefecture: '吉林市', county: '船营区' };
const YANJI: RegionNames = { province: '吉林省', prefecture: '延边朝鲜族自治州', county: '延吉市' };
const BEIJING_CHAOYANG: RegionNames = { province: '北京市', prefecture: '市辖区', county: '朝阳区' };

/** Groups of addresses that must share one key (same county). */
const MERGE: Array<{ region: RegionNames; same: string[] }> = [
  { region: CHAOYANG, same: [
    '吉林省长春市朝阳区工农大路1号', '长春市朝阳区工农大路1号', '朝阳区工农大路1号', '工农大路1号',
    '吉林长春朝阳区工农大路一号', '吉林省长春市朝阳区工农大路１号', '长春市 朝阳区，工农大路 1 号', '吉林省长春朝阳区工农大路壹号'.replace('壹', '一'),
  ] },
  { region: CHAOYANG, same: ['人民大街十一号', '人民大街11号', '人民大街１１号', '朝阳区人民大街(十一号)'] },
  { region: CHAOYANG, same: ['红旗街二十三栋一〇一室', '红旗街23栋101室', '红旗街23幢101室', '红旗街 二十三 栋 一零一 室'] },
  { region: CHAOYANG, same: ['硅谷大街5#楼三单元', '硅谷大街5号楼3单元', '硅谷大街５＃楼３单元'] },
  { region: CHAOYANG, same: ['第三大街一百零五号', '第3大街105号'] },
  { region: CHAOYANG, same: ['前进大街A-3-201', '前进大街ａ－３－２０１', '前进大街 A—3—201'] },
  { region: CHAOYANG, same: ['朝阳区朝阳路5号', '朝阳路5号', '长春市朝阳路5号'] },
  { region: CHUANYING, same: ['吉林省吉林市船营区解放路1号', '吉林市船营区解放路1号', '船营区解放路1号', '解放路1号', '吉林吉林市船营解放路1号'] },
  // separators between numbers: any run of spaces/punctuation/dashes is one '-'
  { region: CHAOYANG, same: ['人民大街3、4号', '人民大街3,4号', '人民大街3-4号', '人民大街3—4号', '人民大街3 ，4号', '人民大街３、４号'] },
  // a road named after the county (北京市朝阳区朝阳北路): with or without the region prefix, one address
  { region: BEIJING_CHAOYANG, same: ['北京市朝阳区朝阳北路101号', '朝阳北路101号', '北京朝阳区朝阳北路101号', '朝阳区朝阳北路101号', '北京朝阳北路101号', '北京市朝阳朝阳北路101号'] },
  { region: BEIJING_CHAOYANG, same: ['北京市朝阳区朝阳门外大街1号', '朝阳门外大街1号', '北京朝阳门外大街1号'] },
  { region: BEIJING_CHAOYANG, same: ['北京市朝阳区建国路88号', '北京朝阳建国路88号', '建国路88号'] },
  { region: YANJI, same: ['吉林省延边朝鲜族自治州延吉市光明街8号', '延边州延吉市光明街8号'.replace('延边州', '延边'), '延吉市光明街8号', '光明街8号'] },
];

/** Pairs that must stay apart. */
const APART: Array<{ region: RegionNames; a: string; b: string; why: string }> = [
  { region: CHAOYANG, a: '工农大路1号', b: '工农大路11号', why: 'house numbers 1 vs 11' },
  { region: CHAOYANG, a: '工农大路一号', b: '工农大路十一号', why: 'Chinese numerals 1 vs 11' },
  { region: CHAOYANG, a: '红旗街2栋101室', b: '红旗街21栋01室', why: 'building/room boundary' },
  { region: CHAOYANG, a: '红旗街1号楼2单元', b: '红旗街12号楼单元', why: 'building vs unit' },
  { region: CHAOYANG, a: '前进大街3-2-101', b: '前进大街32-101', why: 'dash-separated numbers' },
  { region: CHAOYANG, a: '南关区人民大街1号', b: '人民大街1号', why: 'another county name stays' },
  { region: CHAOYANG, a: '人民大街二十号', b: '人民大街2号', why: '20 vs 2' },
  { region: CHAOYANG, a: '人民大街1号201室', b: '人民大街1号202室', why: 'rooms' },
  // punctuation between two numbers separates them; it is not deleted
  { region: CHAOYANG, a: '人民大街3、4号', b: '人民大街34号', why: '3、4号 is two numbers, not 34号' },
  { region: CHAOYANG, a: '人民大街3,4号楼', b: '人民大街34号楼', why: '3,4号楼 is not 34号楼' },
  { region: CHAOYANG, a: '人民大街1号101/102室', b: '人民大街1号101102室', why: 'rooms 101/102 are not room 101102' },
  { region: CHAOYANG, a: '人民大街1号楼2.3层', b: '人民大街1号楼23层', why: 'floors 2.3 are not floor 23' },
  { region: CHAOYANG, a: '人民大街3 4号', b: '人民大街34号', why: 'a space between numbers separates them too' },
  // a road named after the county keeps its name
  { region: BEIJING_CHAOYANG, a: '朝阳北路101号', b: '北路101号', why: '朝阳北路 is a road, not 朝阳(区) + 北路' },
];

test('merge cases share one normalised text', () => {
  for (const g of MERGE) {
    const keys = new Set(g.same.map((a) => normalizeAddress(a, g.region)));
    assert.equal(keys.size, 1, `${g.same.join(' / ')} → ${[...keys].join(' / ')}`);
  }
});

test('must-not-merge cases stay apart', () => {
  for (const c of APART) assert.notEqual(normalizeAddress(c.a, c.region), normalizeAddress(c.b, c.region), c.why);
});

test('normalised text of known inputs', () => {
  assert.equal(normalizeAddress('吉林省长春市朝阳区工农大路一号', CHAOYANG), '工农大路1号');
  assert.equal(normalizeAddress('红旗街二十三栋一〇一室', CHAOYANG), '红旗街23栋101室');
  assert.equal(normalizeAddress('朝阳路5号', CHAOYANG), '朝阳路5号');
  assert.equal(normalizeAddress('吉林市船营区解放路1号', CHUANYING), '解放路1号');
  assert.equal(normalizeAddress('一品路', CHAOYANG), '一品路');
  assert.equal(normalizeAddress('人民大街1号101/102室', CHAOYANG), '人民大街1号101-102室');
  assert.equal(normalizeAddress('人民大街1号楼2.3层', CHAOYANG), '人民大街1号楼2-3层');
  assert.equal(normalizeAddress('人民大街3、号', CHAOYANG), '人民大街3号');
  assert.equal(normalizeAddress('朝阳北路101号', BEIJING_CHAOYANG), '朝阳北路101号');
  assert.equal(normalizeAddress('北京市朝阳区朝阳北路101号', BEIJING_CHAOYANG), '朝阳北路101号');
  // a bare county short name at the very start is not taken for the county (it may be a road or place)
  assert.equal(normalizeAddress('朝阳建国路88号', BEIJING_CHAOYANG), '朝阳建国路88号');
});

test('Chinese numbers', () => {
  const cases: Array<[string, string]> = [['一', '1'], ['十', '10'], ['十一', '11'], ['二十三', '23'], ['一百零五', '105'], ['两千零二十', '2020'], ['一零一', '101'], ['九十九', '99']];
  for (const [cn, n] of cases) assert.equal(chineseNumber(cn), n, cn);
});

test('short names', () => {
  assert.equal(shortName('吉林省'), '吉林');
  assert.equal(shortName('长春市'), '长春');
  assert.equal(shortName('延边朝鲜族自治州'), '延边');
  assert.equal(shortName('前郭尔罗斯蒙古族自治县'), '前郭尔罗斯');
  assert.equal(shortName('城区'), '');
});

test('the key carries the county: two counties never merge', () => {
  const a = addressKey('人民大街1号', '220104', CHAOYANG);
  const b = addressKey('人民大街1号', '220102', { ...CHAOYANG, county: '南关区' });
  assert.notEqual(a, b);
  assert.equal(a, '220104|人民大街1号');
  assert.equal(addressKey('  ，。 ', '220104', CHAOYANG), '');
});
