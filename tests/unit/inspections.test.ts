/** Pure parts of the 双随机 plans: sample-size rounding, presets and ranges, settings defaults, inspector pairing. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sampleSize, basisPoints, outOfRange, planSettingsSchema, RATIO_PRESETS, DEFAULT_RATIOS } from '../../server/inspections/settings';
import { pairInspectors, covers, overlaps, type Inspector } from '../../server/inspections/pairing';
import { regionColumns } from '../../server/inspections/plans';
import { planCsv, type ExportRow } from '../../server/inspections/export';

test('sample size: N × ratio rounded half up, within 0.5, exact in integers', () => {
  assert.equal(sampleSize(404, 1), 4);     // 4.04
  assert.equal(sampleSize(450, 1), 5);     // 4.5 → 5 (half up)
  assert.equal(sampleSize(449, 1), 4);     // 4.49
  assert.equal(sampleSize(35, 30), 11);    // 10.5 → 11
  assert.equal(sampleSize(40, 1), 0);      // 0.4 → 0
  assert.equal(sampleSize(0, 50), 0);
  assert.equal(sampleSize(7, 100), 7);
  assert.equal(sampleSize(1000, 0.15), 2); // 1.5 → 2: 0.15 is 15 bp exactly, no float drift
  assert.equal(basisPoints(0.29), 29);     // 0.29 × 100 = 28.999999999999996 in floats
  for (let n = 0; n < 400; n += 7) for (const r of [0.5, 1, 2, 3.33, 10, 12.5, 30, 61, 99.99]) {
    assert.ok(Math.abs(sampleSize(n, r) - (n * r) / 100) <= 0.5 + 1e-9, `${n} × ${r}%`);
  }
});

test('presets: Henan is the default; Lindian ranges flag ratios outside them', () => {
  assert.deepEqual(DEFAULT_RATIOS, { A: 1, B: 2, C: 10, D: 30 });
  assert.deepEqual(RATIO_PRESETS.find((p) => p.id === 'yuexiu')!.ratios, { A: 5, B: 15, C: 30, D: 50 });
  const lindian = RATIO_PRESETS.find((p) => p.id === 'lindian')!;
  assert.deepEqual(outOfRange(lindian.ratios, lindian), []);
  assert.deepEqual(outOfRange({ A: 6, B: 5, C: 20, D: 100 }, lindian), ['A', 'C']);
  assert.deepEqual(outOfRange({ A: 6, B: 5, C: 20, D: 100 }, undefined), []);
});

test('settings: defaults (effective model, Henan ratios, exemptions) and validation', () => {
  const s = planSettingsSchema.parse({ name: ' 计划 ', year: 2026, month: '2026-10' });
  assert.equal(s.name, '计划');
  assert.equal(s.model, 'effective');
  assert.deepEqual(s.ratios, DEFAULT_RATIOS);
  assert.deepEqual(s.exemptions.inclusionTags, ['高新技术企业']);
  assert.equal(s.exemptions.observationYears, 2);
  assert.equal(s.exemptions.excludeDrawnThisYear, true);
  assert.equal(planSettingsSchema.safeParse({ name: 'x', year: 2026, month: '2026-10', ratios: { A: 1.234, B: 2, C: 10, D: 30 } }).success, false);
  assert.equal(planSettingsSchema.safeParse({ name: 'x', year: 2026, month: '2026-10', ratios: { A: 101, B: 2, C: 10, D: 30 } }).success, false);
  assert.equal(planSettingsSchema.safeParse({ name: 'x', year: 2026, month: '2026-10', exemptions: { observationYears: 3 } }).success, false);
  assert.equal(planSettingsSchema.safeParse({ name: 'x', year: 2026, month: '2026-13' }).success, false);
});

const roster: Inspector[] = [
  { inspector_id: 'a', name: '甲', unit: '一所', region_code: '220102' },
  { inspector_id: 'b', name: '乙', unit: '一所', region_code: '220102' },
  { inspector_id: 'c', name: '丙', unit: '二所', region_code: '220102' },
  { inspector_id: 'd', name: '丁', unit: '支队', region_code: '220100' },
  { inspector_id: 'e', name: '戊', unit: '南关所', region_code: '220103' },
];

test('pairing: two distinct inspectors covering the county, different units, reproducible, seed-dependent', () => {
  const firsts = new Set<string>();
  let differs = 0;
  for (let i = 0; i < 200; i++) {
    const uscc = `U${i}`;
    const p1 = pairInspectors('s1', uscc, '220102', roster);
    const again = pairInspectors('s1', uscc, '220102', roster);
    assert.deepEqual(p1, again);
    assert.ok(p1.first && p1.second && p1.first.inspector_id !== p1.second.inspector_id);
    assert.notEqual(p1.first.unit, p1.second.unit);
    assert.ok(![p1.first.inspector_id, p1.second.inspector_id].includes('e'), '戊 does not cover 220102');
    firsts.add(p1.first.inspector_id);
    const p2 = pairInspectors('s2', uscc, '220102', roster);
    if (p2.first!.inspector_id !== p1.first.inspector_id || p2.second!.inspector_id !== p1.second.inspector_id) differs++;
  }
  assert.deepEqual([...firsts].sort(), ['a', 'b', 'c', 'd']);
  assert.ok(differs > 50, 'another seed pairs differently');
  // One local inspector: fall back to the whole roster; none: empty.
  const fallback = pairInspectors('s', 'U', '220104', [roster[3]!, roster[4]!]);
  assert.ok(fallback.first && fallback.second);
  assert.deepEqual(pairInspectors('s', 'U', '220102', []), { first: null, second: null });
  const single = pairInspectors('s', 'U', '220102', [roster[0]!]);
  assert.equal(single.first!.inspector_id, 'a');
  assert.equal(single.second, null);
});

test('region helpers', () => {
  assert.ok(covers('220000', '220102') && covers('220100', '220102') && covers('220102', '220102') && !covers('220103', '220102') && covers('', '220102'));
  assert.ok(overlaps('220100', '220102') && overlaps('220102', '220100') && overlaps('', '220102') && !overlaps('220103', '220102') && !overlaps('220200', '220102'));
  assert.deepEqual(regionColumns('220102001'), { province_code: '220000', prefecture_code: '220100', county_code: '220102' });
  assert.deepEqual(regionColumns('220100'), { province_code: '220000', prefecture_code: '220100', county_code: '' });
  assert.deepEqual(regionColumns(''), { province_code: '', prefecture_code: '', county_code: '' });
});

test('CSV export: an all-digit 统一社会信用代码 stays text in Excel (not 9.12E+17); formulas are neutralised', () => {
  const row = (uscc: string, name: string): ExportRow => ({
    序号: 1, 统一社会信用代码: uscc, 企业名称: name, 风险分类: 'D', 分值: 800, 层内序位: 1, 县区: '朝阳区', 街道乡镇: '', 住所: '路1号', 行业代码: 'F5211',
    检查人员1: '张一', 执法单位1: '一队', 检查人员2: '李二', 执法单位2: '二队', 检查结果: '待检查', 检查日期: '', 结果来源: '',
  });
  const lines = planCsv([row('912201057048123456', '甲公司'), row('91220105MATDHUT51Y', '=HYPERLINK("x")')]).replace(/^\uFEFF/, '').split('\r\n');
  assert.equal(lines[1]!.split(',')[1], '"=""912201057048123456"""', 'Excel reads ="912201057048123456": the code as text');
  assert.equal(lines[2]!.split(',')[1], '91220105MATDHUT51Y', 'a code with letters is text already');
  assert.ok(lines[2]!.includes(`"'=HYPERLINK(""x"")"`), 'a cell starting with = is not a formula');
  assert.ok(lines[1]!.startsWith('1,') && lines[1]!.includes(',800,'), 'short numbers stay numbers');
});
