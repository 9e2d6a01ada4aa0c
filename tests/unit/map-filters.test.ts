import { test } from 'node:test';
import assert from 'node:assert/strict';
import { industryOptions, otherFilterLabels, otherFiltersNotice } from '../../components/map/filterOptions';
import { SECTIONS } from '../../server/reference/industries';
import { toggleValue } from '../../queries/filters';

test('the map\'s industry list shows a finer industry filter instead of 全部行业', () => {
  const opts = industryOptions(SECTIONS, 'C13', '农副食品加工业');
  assert.deepEqual(opts[0], { code: 'C13', name: '农副食品加工业' });
  assert.equal(opts.length, SECTIONS.length + 1);
  // A section is in the list already; no filter: the sections.
  assert.equal(industryOptions(SECTIONS, 'C').length, SECTIONS.length);
  assert.equal(industryOptions(SECTIONS, undefined).length, SECTIONS.length);
});

test('the filters the map has no control for are named', () => {
  assert.deepEqual(otherFilterLabels({ entityType: '有限责任公司', status: ['存续', '在业'], region: '220104' }), ['企业类型：有限责任公司', '登记状态：存续、在业']);
  assert.deepEqual(otherFilterLabels({ status: [], region: '220104001' }), ['街道/乡镇 220104001']);
  assert.deepEqual(otherFilterLabels({ status: [] }), []);
});

test('the line above the map does not say a street filters the areas\' figures: only the points are the street\'s', () => {
  assert.equal(otherFiltersNotice({ entityType: '有限责任公司', status: ['存续'] }), '另有筛选：企业类型：有限责任公司；登记状态：存续（地图各项数字均已按此筛选）');
  const street = otherFiltersNotice({ status: [], region: '220102001' }, '南岭街道')!;
  assert.ok(!street.includes('各项数字均已按此筛选'), street);
  assert.match(street, /南岭街道（220102001）：仅企业点位按此筛选，区域着色与数字为所在区县整体/);
  const both = otherFiltersNotice({ entityType: '有限责任公司', status: [], region: '220102001' })!;
  assert.match(both, /^另有筛选：企业类型：有限责任公司（地图各项数字均已按此筛选）；街道\/乡镇 220102001：仅企业点位/);
  assert.equal(otherFiltersNotice({ status: [], region: '220102' }), null);
});

test('status and tag chips: several values for analysts; for partners the pressed chip replaces the value (one at most)', () => {
  assert.deepEqual(toggleValue(['存续'], '在业'), ['存续', '在业']);
  assert.deepEqual(toggleValue(['存续'], '在业', true), ['在业']);
  assert.deepEqual(toggleValue(['存续', '在业'], '在业', true), ['存续'], 'pressing a pressed chip releases it');
  assert.deepEqual(toggleValue([], '食品生产', true), ['食品生产']);
  assert.deepEqual(toggleValue(['食品生产'], '食品生产', true), []);
});
