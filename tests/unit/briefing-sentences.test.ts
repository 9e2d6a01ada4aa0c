import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeSentences, type SentenceFigures } from '../../server/briefing/sentences';
import { changeBadge, fmtCount, fmtHouseholds, fmtShare, monthLabel, pointChange } from '../../server/briefing/format';
import { addMonths } from '../../server/calendar/months';

const base: SentenceFigures = {
  month: '2026-10',
  subject: '全省',
  current: { total: 98_000, c: 6_000, d: 1_503 },
  prev: { total: 97_000, c: 6_100, d: 1_300 },
  lastYear: null,
  areaLevelLabel: '地市',
  topArea: { name: '通化市', share: 0.234 },
  topIndustry: { name: '娱乐业', share: 0.2857 },
  industryMinSize: 30,
  warnings: [{ label: '一址多照', new: 37, newDisposed: 21, open: 10 }],
  inspections: { A: { inspections: 200, problems: 10 }, D: { inspections: 40, problems: 14 }, total: 300, problems: 40 },
};

test('formats: counts, 万户, shares, month labels, month arithmetic', () => {
  assert.equal(fmtCount(1503), '1,503');
  assert.equal(fmtCount(1234567), '1,234,567');
  assert.equal(fmtCount(999), '999');
  assert.equal(fmtHouseholds(98_000), '9.8 万户');
  assert.equal(fmtHouseholds(9_999), '9,999 户');
  assert.equal(fmtHouseholds(10_000), '1.0 万户');
  assert.equal(fmtShare(0.01534), '1.5%');
  assert.equal(monthLabel('2026-01'), '2026年1月');
  assert.equal(addMonths('2026-01', -1), '2025-12');
  assert.equal(addMonths('2026-10', -12), '2025-10');
  assert.equal(addMonths('2025-12', 1), '2026-01');
});

test('point change is measured on the one-decimal percentages the reader sees', () => {
  assert.equal(pointChange(0.0153, 0.0131), 0.2);
  assert.equal(pointChange(0.0131, 0.0153), -0.2);
  // 1.52% and 1.49% both read 1.5%: no change, never "上升 0.0".
  assert.equal(pointChange(0.0152, 0.0149), 0);
  assert.equal(changeBadge(0.0152, 0.0149), '持平');
  // 23/80 = 0.2875 prints 28.7% (toFixed), as does 0.287: no change, whatever Math.round(287.5) says.
  assert.equal(fmtShare(23 / 80), '28.7%');
  assert.equal(pointChange(23 / 80, 0.287), 0);
  assert.equal(changeBadge(23 / 80, 0.287), '持平');
  assert.equal(pointChange(41 / 80, 0.511), 0.1); // 51.2% against 51.1%
  assert.equal(changeBadge(0.02, null), '—');
  assert.equal(changeBadge(0.025, 0.02), '+0.5 个百分点');
  assert.equal(changeBadge(0.02, 0.025), '−0.5 个百分点');
});

test('headline sentence with a rise against the previous month (the example of the brief)', () => {
  const s = writeSentences(base);
  // D share 1503/98000 = 1.534% → 1.5%; previous 1300/97000 = 1.340% → 1.3%: up 0.2 points.
  assert.match(s[0]!, /^2026年10月全省参与分类企业 9\.8 万户，其中高风险（D类）1,503 户，占 1\.5%，较上月上升 0\.2 个百分点；/);
  // C+D: 7503/98000 = 7.656% → 7.7%; previous 7400/97000 = 7.629% → 7.6%: up 0.1.
  assert.match(s[0]!, /C\+D 合计占 7\.7%，较上月上升 0\.1 个百分点。$/);
  assert.equal(s[1], 'C+D 占比最高的地市是通化市（23.4%），最高的行业是娱乐业（28.6%，30 户以上的行业中）。');
  assert.equal(s[2], '本月新增一址多照预警 37 条，已处置 21 条（56.8%）；全部预警中尚有 10 条待处置。');
  // D 14/40 = 35.0%, A 10/200 = 5.0% → 7.0 times; total 40/300 = 13.3%.
  assert.equal(s[3], '本月抽查检查 300 户次，发现问题（含查无下落）40 户次，问题发现率 13.3%；D类企业 35.0%，A类企业 5.0%，D类是A类的 7.0 倍。');
});

test('a fall, and the same month last year', () => {
  const s = writeSentences({ ...base, prev: { total: 90_000, c: 6_000, d: 1_800 }, lastYear: { total: 80_000, c: 5_000, d: 1_000 } });
  // 1.534% vs 2.0% → down 0.5; vs last year 1.25% → 1.3%: up 0.2.
  assert.match(s[0]!, /占 1\.5%，较上月下降 0\.5 个百分点，较去年同期上升 0\.2 个百分点；/);
});

test('no change reads 持平', () => {
  const s = writeSentences({ ...base, prev: { total: 98_000, c: 6_000, d: 1_500 } });
  assert.match(s[0]!, /占 1\.5%，与上月持平；/);
  assert.match(s[0]!, /C\+D 合计占 7\.7%，与上月持平。$/);
});

test('missing previous month: says so instead of inventing a change', () => {
  const s = writeSentences({ ...base, prev: null });
  assert.match(s[0]!, /占 1\.5%，上月无分类数据，暂无环比；/);
  assert.doesNotMatch(s[0]!, /较上月/);
  assert.match(s[0]!, /C\+D 合计占 7\.7%。$/);
});

test('small subjects use 户 with separators; an empty month says there are no results', () => {
  const s = writeSentences({ ...base, subject: '长春市', current: { total: 3_278, c: 104, d: 290 }, prev: null });
  assert.match(s[0]!, /^2026年10月长春市参与分类企业 3,278 户，其中高风险（D类）290 户，占 8\.8%/);
  assert.deepEqual(writeSentences({ ...base, current: { total: 0, c: 0, d: 0 } }), ['2026年10月全省暂无分类结果。']);
});

test('several rules with new warnings are summed, the three largest named', () => {
  const s = writeSentences({
    ...base,
    warnings: [
      { label: '一人多企', new: 4, newDisposed: 1, open: 16 }, { label: '投诉激增', new: 11, newDisposed: 2, open: 11 },
      { label: '频繁变更', new: 6, newDisposed: 0, open: 6 }, { label: '检查查无下落', new: 5, newDisposed: 0, open: 5 },
      { label: '一址多照', new: 0, newDisposed: 0, open: 2 },
    ],
  });
  // 26 new, 3 disposed = 11.5%; open 40.
  assert.equal(s[2], '本月新增预警 26 条，其中投诉激增 11 条、频繁变更 6 条、检查查无下落 5 条等；已处置 3 条（11.5%）；全部预警中尚有 40 条待处置。');
});

test('no new warnings, no warnings at all, no inspections', () => {
  assert.equal(writeSentences({ ...base, warnings: [{ label: '一址多照', new: 0, newDisposed: 0, open: 3 }] })[2], '本月无新增预警，尚有 3 条待处置。');
  const s = writeSentences({ ...base, warnings: [], inspections: { A: { inspections: 0, problems: 0 }, D: { inspections: 0, problems: 0 }, total: 0, problems: 0 } });
  assert.equal(s[2], '本月无监测预警。');
  assert.equal(s[3], '本月无抽查检查记录。');
});

test('without a top area the industry clause names the measure itself; A rate 0 gives no ratio', () => {
  const s = writeSentences({ ...base, topArea: null, inspections: { A: { inspections: 50, problems: 0 }, D: { inspections: 10, problems: 3 }, total: 60, problems: 3 } });
  assert.equal(s[1], 'C+D 占比最高的行业是娱乐业（28.6%，30 户以上的行业中）。');
  assert.equal(s[3], '本月抽查检查 60 户次，发现问题（含查无下落）3 户次，问题发现率 5.0%；D类企业 30.0%，A类企业 0.0%。');
});

test('a county briefing says where the county ranks among its prefecture\'s counties, not that it is "the highest" area', () => {
  const county = { ...base, subject: '南关区', areaLevelLabel: '区县', topArea: { name: '南关区', share: 0.141 } };
  const first = writeSentences({ ...county, subjectRank: { within: '长春市', rank: 1, of: 15, share: 0.141, top: { name: '南关区', share: 0.141 } } });
  assert.equal(first[1], '南关区C+D 占比 14.1%，在长春市 15 个区县中居第 1 位；C+D 占比最高的行业是娱乐业（28.6%，30 户以上的行业中）。');
  const third = writeSentences({ ...county, subject: '绿园区', subjectRank: { within: '长春市', rank: 3, of: 15, share: 0.089, top: { name: '南关区', share: 0.141 } } });
  assert.equal(third[1], '绿园区C+D 占比 8.9%，在长春市 15 个区县中居第 3 位（最高为南关区，14.1%）；C+D 占比最高的行业是娱乐业（28.6%，30 户以上的行业中）。');
});

test('an industry briefing says its warning figures cover every industry (warnings are not filtered by industry)', () => {
  const s = writeSentences({ ...base, subject: '全省货币金融服务', warningsAllIndustries: true });
  assert.equal(s[2], '本月（预警不分行业）新增一址多照预警 37 条，已处置 21 条（56.8%）；全部预警中尚有 10 条待处置。');
  assert.equal(writeSentences({ ...base, warningsAllIndustries: true, warnings: [] })[2], '本月（预警不分行业）无监测预警。');
  assert.equal(writeSentences(base)[2], '本月新增一址多照预警 37 条，已处置 21 条（56.8%）；全部预警中尚有 10 条待处置。');
});

test('warnings not computed for the month: said so, never "无监测预警"', () => {
  const s = writeSentences({ ...base, warnings: null });
  assert.equal(s[2], '本月尚无预警数据（该月预警尚未计算）。');
  assert.match(s[3]!, /^本月抽查检查/);
});

test('inspections without a result are counted as inspections, not in the problem rates', () => {
  const s = writeSentences({ ...base, inspections: { A: { inspections: 200, problems: 10, withResult: 100 }, D: { inspections: 40, problems: 14, withResult: 40 }, total: 300, problems: 40, withResult: 200 } });
  assert.equal(s[3], '本月抽查检查 300 户次（100 户次尚无检查结果，不计入问题发现率），发现问题（含查无下落）40 户次，问题发现率 20.0%；D类企业 35.0%，A类企业 10.0%，D类是A类的 3.5 倍。');
});

test('a model version change against the previous month is noted right after the headline', () => {
  const s = writeSentences({ ...base, modelChanges: { prev: ['食品专业型 v1→v2'], lastYear: [] } });
  assert.equal(s[1], '注：本月分类所用模型版本与上月（食品专业型 v1→v2）不同，环比变化含模型调整的影响，不全是企业风险的变化。');
  assert.ok(!writeSentences({ ...base, modelChanges: { prev: [], lastYear: [] } }).some((x) => x.startsWith('注：')));
});
