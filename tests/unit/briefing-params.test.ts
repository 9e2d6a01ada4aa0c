import { test } from 'node:test';
import assert from 'node:assert/strict';
import { briefingParams, briefingSearch, regionPickerParent, regionPickers } from '../../components/briefing/params';

test('the 地区 picker lists only regions the viewer may brief: prefectures, a prefecture analyst\'s counties, none for a county', () => {
  assert.equal(regionPickerParent('', '220000'), '220000'); // unscoped leader: the province's prefectures
  assert.equal(regionPickerParent('', '220200'), '220000'); // … also while a prefecture is picked
  assert.equal(regionPickerParent('', ''), null); // no data yet
  assert.equal(regionPickerParent('220000', '220000'), '220000');
  assert.equal(regionPickerParent('220100', '220100'), '220100'); // 长春市 analyst: 长春市's counties
  assert.equal(regionPickerParent('220100', '220102'), '220100');
  assert.equal(regionPickerParent('220102', '220102'), null); // a county analyst: nothing to pick (their prefecture is refused)
});

test('the URL parameters go round', () => {
  const p = { month: '2026-10', model: 'general', region: '220102', industry: 'C13' };
  assert.deepEqual(briefingParams(new URLSearchParams(briefingSearch(p).slice(1))), p);
  assert.equal(briefingSearch({}), '');
});

test('a province leader picks a prefecture, then one of its counties; a county opened from a URL shows in both pickers', () => {
  assert.deepEqual(regionPickers('', undefined), { first: '', countyParent: null, county: '' });
  assert.deepEqual(regionPickers('', '220100'), { first: '220100', countyParent: '220100', county: '' });
  assert.deepEqual(regionPickers('', '220102'), { first: '220100', countyParent: '220100', county: '220102' });
  assert.deepEqual(regionPickers('220000', '220102'), { first: '220100', countyParent: '220100', county: '220102' });
  // A prefecture analyst's one picker lists their counties; a county analyst has none to pick.
  assert.deepEqual(regionPickers('220100', '220102'), { first: '220102', countyParent: null, county: '' });
  assert.deepEqual(regionPickers('220102', '220102'), { first: '220102', countyParent: null, county: '' });
});
