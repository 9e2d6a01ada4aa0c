import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cellLabel, cellTipLines } from '../../components/research/heatCell';

const cell = { r: '220200', i: 'F', n: 3793, cd: 507, share: 507 / 3793, lo: 0.123, hi: 0.145, meanScore: null };

test('a heat cell without a mean score (partners) says nothing of one, not 平均分 0', () => {
  assert.equal(cellLabel('吉林市', '批发和零售业', cell), '吉林市 × 批发和零售业：3,793 户，C+D 507 户（13.4%）');
  const lines = cellTipLines(cell);
  assert.deepEqual(lines, ['企业数：3,793', 'C+D：507（13.4%，95%区间 12.3%–14.5%）']);
  assert.ok(!lines.some((l) => l.includes('平均分')));
});

test('an analyst\'s heat cell keeps its mean score; a withheld cell says so', () => {
  const a = { ...cell, meanScore: 227.4 };
  assert.equal(cellLabel('吉林市', '批发和零售业', a), '吉林市 × 批发和零售业：3,793 户，C+D 507 户（13.4%），平均分 227');
  assert.equal(cellTipLines(a).at(-1), '平均分：227.4');
  assert.equal(cellLabel('四平市', '采矿业', { ...cell, n: null, cd: null, share: null, lo: null, hi: null }), '四平市 × 采矿业：不公开');
  assert.equal(cellLabel('吉林市', '采矿业', { ...a, cd: null, share: null }), '吉林市 × 采矿业：3,793 户，C+D 已隐藏，平均分 227');
});
