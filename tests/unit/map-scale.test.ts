/** The map's colour scale: five equal intervals over the areas' values; one value when every area has the same. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { baselineName, formatMetric, legendEntries, makeScale, NO_DATA, pngLegend } from '../../components/map/scales';

test('areas of different values: five intervals from the lowest to the highest, each area coloured by its own', () => {
  const s = makeScale([0.02, 0.12, null], 'cd');
  assert.equal(s.flat, false);
  assert.deepEqual(s.breaks.map((b) => formatMetric(b, 'cd')), ['2.0%', '4.0%', '6.0%', '8.0%', '10.0%', '12.0%']);
  assert.notDeepEqual(s.color(0.02), s.color(0.12));
  assert.deepEqual(legendEntries(s, 'cd').map((e) => e.label), ['2.0% – 4.0%', '4.0% – 6.0%', '6.0% – 8.0%', '8.0% – 10.0%', '10.0% – 12.0%']);
});

test('every area at the same value: a flat scale naming that value (the legend read 0.0% – 0.0% five times)', () => {
  const s = makeScale([0, 0, 0, null], 'cd');
  assert.equal(s.flat, true);
  assert.equal(formatMetric(s.breaks[0]!, 'cd'), '0.0%');
  assert.deepEqual(s.color(0), s.color(0));
  const legend = legendEntries(s, 'cd');
  assert.deepEqual(legend.map((e) => e.label), ['各区域均为 0.0%']);
  assert.equal(legend[0]!.color, s.colors[2], 'the ramp\'s middle, the colour the areas are drawn in');
  assert.equal(makeScale([], 'cd').flat, false, 'no area at all is no data, not a flat map');
});

test('no area with a value (all withheld): no intervals in the legend, and every area grey', () => {
  const s = makeScale([null, null, null], 'cd');
  assert.equal(s.empty, true);
  assert.deepEqual(legendEntries(s, 'cd'), [], 'the legend read 0.0% – 20.0% … 80.0% – 100.0% over an all-grey map');
  assert.deepEqual(s.color(null), NO_DATA);
  assert.equal(makeScale([0.1, null], 'cd').empty, false);
  assert.equal(makeScale([], 'delta').empty, true);
});

test('the exported PNG explains the points\' class colours and the heavy outlines it shows; a scoped map is measured against its own region', () => {
  const s = makeScale([0.02, 0.12], 'cd');
  const rows = pngLegend(s, 'cd', { flagged: true, points: true, baseline: baselineName('长春市') });
  assert.deepEqual(rows.slice(5).map((r) => r.label), [
    '无数据 / 不公开', 'C+D 占比显著高于长春市（漏斗图 99.8%）', '点位：A 信用风险低', '点位：B 信用风险一般', '点位：C 信用风险较高', '点位：D 信用风险高',
  ]);
  assert.equal(rows[6]!.outline, '#111111');
  // Nothing flagged, no points: the ramp and the grey only.
  assert.deepEqual(pngLegend(s, 'cd', { flagged: false, points: false, baseline: '全省' }).map((r) => r.label).slice(5), ['无数据 / 不公开']);
  assert.equal(baselineName(undefined), '全省');
});
