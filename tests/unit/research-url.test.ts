import { test } from 'node:test';
import assert from 'node:assert/strict';
import { filtersFromSearch, filtersToSearch, type Filters } from '../../queries/filters';
import { readView, writeView, autoBreakdown, childRegionLevel, childIndustryLevel, groupPatch, cellPatch } from '../../components/research/viewState';
import { buildSearch, applyView } from '../../components/filters/useUrlFilters';
import { suppressCounts } from '../../queries/research/source';
import { windowStart } from '../../queries/research/rising';
import { regionAncestors, industryAncestors } from '../../queries/research/codePath';
import { mapDrill } from '../../components/map/drill';

test('filters survive a URL round-trip, with Chinese values and repeated params', () => {
  const f: Filters = { month: '2026-10', from: '2025-11', model: 'county-public-credit', region: '220102', industry: 'C139', entityType: '有限责任公司', tags: ['食品生产', '特种设备使用'], status: ['存续', '在业'] };
  const s = filtersToSearch(f);
  assert.deepEqual(filtersFromSearch(new URLSearchParams(s)), f);
  // defaults are left out of the link
  assert.equal(filtersToSearch({ model: 'general', tags: [], status: [] }), '');
});

test('a bad value in a link is dropped, the rest is kept', () => {
  const f = filtersFromSearch(new URLSearchParams("m=2026-13&r=220100&i=Z99&tag=食品生产&st=gone"));
  assert.equal(f.month, undefined);
  assert.equal(f.region, '220100');
  assert.equal(f.industry, undefined);
  assert.deepEqual(f.tags, ['食品生产']);
  assert.deepEqual(f.status, []);
});

test('view params round-trip and defaults stay out of the URL', () => {
  const v = readView(new URLSearchParams('by=division&bm=share&mm=score&mf=2026-07&cmin=100&cr=lower&rk=9&rb=industry&ent=1&ec=D&ec=C&es=name&ed=asc&eo=200'));
  assert.deepEqual(v, { by: 'division', bm: 'share', mm: 'score', mf: '2026-07', cmin: 100, cr: 'lower', rk: 9, rb: 'industry', ent: true, ec: ['C', 'D'], es: 'name', ed: 'asc', eo: 200 });
  assert.deepEqual(readView(writeView(v)), v);
  assert.equal(writeView(readView(new URLSearchParams(''))).toString(), '');
  // unknown or hostile values fall back to defaults
  const bad = readView(new URLSearchParams('by=password_hash&es=1;DROP&rk=1000&eo=-5&ec=Z'));
  assert.equal(bad.by, null); assert.equal(bad.es, 'score'); assert.equal(bad.rk, 6); assert.equal(bad.eo, 0); assert.deepEqual(bad.ec, []);
});

test('filters and view params combine in one query string; changing a filter keeps the view', () => {
  const base = new URLSearchParams('r=220100&bm=share&ent=1');
  const next = buildSearch({ model: 'general', tags: [], status: [], region: '220102', industry: 'C' }, applyView(base, { eo: '100', by: null }));
  const sp = new URLSearchParams(next.slice(1));
  assert.equal(sp.get('r'), '220102');
  assert.equal(sp.get('i'), 'C');
  assert.equal(sp.get('bm'), 'share');
  assert.equal(sp.get('eo'), '100');
  assert.equal(sp.getAll('r').length, 1);
});

test('drill levels follow the hierarchies', () => {
  assert.equal(autoBreakdown({ region: undefined }), 'prefecture');
  assert.equal(autoBreakdown({ region: '220000' }), 'prefecture');
  assert.equal(autoBreakdown({ region: '220100' }), 'county');
  assert.equal(autoBreakdown({ region: '220102' }), 'street');
  assert.equal(childRegionLevel('220102001'), 'street');
  assert.equal(childIndustryLevel(undefined), 'section');
  assert.equal(childIndustryLevel('C'), 'division');
  assert.equal(childIndustryLevel('C13'), 'group');
  assert.deepEqual(regionAncestors('220102003'), ['220000', '220100', '220102', '220102003']);
  assert.deepEqual(regionAncestors('220100'), ['220000', '220100']);
  assert.deepEqual(industryAncestors('C1391'), ['C', 'C13', 'C139', 'C1391']);
});

test('a region-scoped viewer\'s views start one level below their own region, not with a single row', () => {
  // 长春 analyst (220100): counties, not the one prefecture they can see; also when the filter is 吉林省 above them.
  assert.equal(autoBreakdown({ region: undefined }, '220100'), 'county');
  assert.equal(autoBreakdown({ region: '220000' }, '220100'), 'county');
  assert.equal(childRegionLevel(undefined, '220100'), 'county');
  assert.equal(childRegionLevel('220000', '220100'), 'county');
  // A filter inside the scope goes on as before.
  assert.equal(autoBreakdown({ region: '220102' }, '220100'), 'street');
  assert.equal(childRegionLevel('220102', '220100'), 'street');
  // A county analyst: streets.
  assert.equal(autoBreakdown({ region: undefined }, '220102'), 'street');
  assert.equal(autoBreakdown({ region: '220100' }, '220102'), 'street');
  // Unscoped: unchanged.
  assert.equal(autoBreakdown({ region: undefined }, ''), 'prefecture');
});

test('the risk map of a region-scoped viewer opens drilled into their region', () => {
  assert.deepEqual(mapDrill(undefined, '220100'), { drillPref: '220100', selectedCounty: undefined });
  assert.deepEqual(mapDrill('220000', '220100'), { drillPref: '220100', selectedCounty: undefined });
  assert.deepEqual(mapDrill('220102', '220100'), { drillPref: '220100', selectedCounty: '220102' });
  assert.deepEqual(mapDrill(undefined, '220102'), { drillPref: '220100', selectedCounty: '220102' });
  assert.deepEqual(mapDrill('220100', '220102'), { drillPref: '220100', selectedCounty: '220102' });
  assert.deepEqual(mapDrill(undefined, ''), { drillPref: undefined, selectedCounty: undefined });
  assert.deepEqual(mapDrill('220000', ''), { drillPref: undefined, selectedCounty: undefined });
  // A street filter drills to its county.
  assert.deepEqual(mapDrill('220102003', ''), { drillPref: '220100', selectedCounty: '220102' });
});

test('a clicked group becomes its filter; an unsubdivided group (key \'\') does not clear the filter above it', () => {
  assert.deepEqual(groupPatch('street', '220102001'), { region: '220102001' });
  assert.deepEqual(groupPatch('division', 'C13'), { industry: 'C13' });
  assert.deepEqual(groupPatch('entity_type', '合伙企业'), { entityType: '合伙企业' });
  assert.deepEqual(groupPatch('tag', '食品生产'), { tags: ['食品生产'] });
  assert.deepEqual(groupPatch('status', '存续'), { status: ['存续'] });
  // （未细分）: as a filter '' is no filter — the county view would have jumped to the whole province.
  assert.equal(groupPatch('street', ''), null);
  assert.equal(groupPatch('group', ''), null);
  assert.equal(filtersToSearch({ model: 'general', tags: [], status: [], region: '' }), '', 'why: an empty region is dropped from the link');
  assert.deepEqual(cellPatch('220102', 'C13'), { region: '220102', industry: 'C13' });
  assert.equal(cellPatch('', 'C13'), null);
  assert.equal(cellPatch('220102', ''), null);
});

test('rising-risk window start counts back across a year', () => {
  assert.equal(windowStart('2026-03', 6), '2025-10');
  assert.equal(windowStart('2026-12', 12), '2026-01');
  assert.equal(windowStart('2026-01', 1), '2026-01');
});

test('partner suppression: 1..9 hidden, a lone hidden count takes the next smallest with it, small rows hidden whole', () => {
  assert.deepEqual(suppressCounts([120, 40, 3, 0], 163), [120, null, null, 0]);
  assert.deepEqual(suppressCounts([120, 40, 3, 5], 168), [120, 40, null, null]);
  assert.deepEqual(suppressCounts([5, 2, 1, 0], 8), [null, null, null, null]);
  assert.deepEqual(suppressCounts([50, 20, 10, 0], 80), [50, 20, 10, 0]);
});
