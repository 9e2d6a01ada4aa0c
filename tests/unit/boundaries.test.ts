import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { buildProvince, currentRegions, sourceFilesFor } from '../../server/geo/build';
import { baseName, dissolve, simplifyShared } from '../../server/geo/boundaries';
import { inPoly, type Poly } from '../../server/geo/polygon';
import type { ProvinceGeo, RegionFeature } from '../../server/geo/types';

function contains(f: RegionFeature, x: number, y: number): boolean {
  return f.geometry.coordinates.some((poly) => inPoly(x, y, poly as Poly));
}

const EXPECTED_PREFECTURES: Record<string, number> = { '22': 9, '41': 18, '44': 21 };

for (const prov of ['22', '41', '44']) {
  test(`boundary join ${prov}: every county-level code has a polygon or is reported`, () => {
    const { geo, report } = buildProvince(prov, sourceFilesFor(prov), 0.003);
    const regions = currentRegions(prov);
    const drawn = new Set(geo.counties.features.map((f) => f.properties.code));
    const missing = new Set(report.no_polygon.filter((n) => n.level === 3).map((n) => n.code));
    for (const c of regions.counties) {
      assert.ok(drawn.has(c.code) !== missing.has(c.code), `${c.code} ${c.name}: drawn=${drawn.has(c.code)} reported=${missing.has(c.code)}`);
    }
    for (const code of drawn) assert.ok(regions.counties.some((c) => c.code === code), `${code} is a current code`);
    assert.equal(geo.prefectures.features.length, EXPECTED_PREFECTURES[prov]);
    assert.equal(report.counts.prefectures, EXPECTED_PREFECTURES[prov]);
    // Most of the province is drawn: at most the functional zones and post-source districts are missing.
    assert.ok(drawn.size / regions.counties.length > 0.8);
    // Each county polygon belongs to a prefecture polygon that contains its label point.
    for (const f of geo.counties.features) {
      const pref = geo.prefectures.features.find((p) => p.properties.code === f.properties.prefecture_code);
      assert.ok(pref, `prefecture of ${f.properties.name}`);
      const [x, y] = f.properties.center;
      assert.ok(contains(f, x, y) || contains(pref, x, y), `${f.properties.name} label point inside its area`);
    }
    // Generated files are committed and small.
    const file = `public/geo/${prov}.json`;
    assert.ok(fs.statSync(file).size < 1_000_000, `${file} < 1 MB`);
    const committed = JSON.parse(fs.readFileSync(file, 'utf8')) as ProvinceGeo;
    assert.equal(committed.counties.features.length, geo.counties.features.length);
  });
}

test('22: 公主岭市 sits under 长春市 (moved from 四平市 in 2020); development zones reported', () => {
  const { geo, report } = buildProvince('22', sourceFilesFor('22'), 0.003);
  const gzl = geo.counties.features.find((f) => f.properties.name === '公主岭市');
  assert.ok(gzl);
  assert.equal(gzl.properties.code, '220184');
  assert.equal(gzl.properties.prefecture_code, '220100');
  const cc = geo.prefectures.features.find((f) => f.properties.code === '220100')!;
  const sp = geo.prefectures.features.find((f) => f.properties.code === '220300')!;
  const [x, y] = gzl.properties.center;
  assert.ok(contains(cc, x, y), '长春市 outline includes 公主岭市');
  assert.ok(!contains(sp, x, y), '四平市 outline no longer includes 公主岭市');
  assert.deepEqual(report.reparented.map((r) => [r.source_id, r.code, r.from_prefecture, r.to_prefecture]), [['220381', '220184', '220300', '220100']]);
  const zone = report.no_polygon.find((n) => n.code === '220171');
  assert.ok(zone && /开发区/.test(zone.kind));
  assert.ok(geo.no_polygon.some((n) => n.code === '220171'), 'the UI file lists it too');
});

test('41: renamed and merged districts join to current codes', () => {
  const { geo, report } = buildProvince('41', sourceFilesFor('41'), 0.003);
  const byCode = new Map(geo.counties.features.map((f) => [f.properties.code, f]));
  assert.ok(byCode.has('410308'), '孟津区 (was 孟津县 410322)');
  assert.ok(byCode.has('410783'), '长垣市 (was 长垣县 410728)');
  assert.ok(byCode.has('411603'), '淮阳区 (was 淮阳县 411626)');
  assert.ok(report.merged.some((m) => m.source_id === '410306' && m.code === '410308'), '吉利区 merged into 孟津区');
  assert.ok(byCode.has('419001') && geo.prefectures.features.some((f) => f.properties.code === '419000'), '济源 (省直辖)');
});

test('44: polygons without a current code are reported, not silently dropped', () => {
  const { report } = buildProvince('44', sourceFilesFor('44'), 0.003);
  assert.ok(report.unmatched_polygons.some((u) => u.source_name === '东沙群岛'));
  assert.ok(report.no_polygon.some((n) => n.code === '440311'), '光明区 (created 2018) has no polygon in the source');
});

test('baseName strips administrative suffixes but keeps two characters', () => {
  assert.equal(baseName('孟津县'), '孟津');
  assert.equal(baseName('孟津区'), '孟津');
  assert.equal(baseName('长白朝鲜族自治县'), '长白朝鲜族');
  assert.equal(baseName('新县'), '新县');
  assert.equal(baseName('城区'), '城区');
});

test('shared borders are simplified identically, so neighbours dissolve into one outline', () => {
  // Two unit squares side by side, sharing a wiggly border x≈1 with many small zigzags.
  const border: Array<[number, number]> = [];
  for (let i = 0; i <= 20; i++) border.push([1 + (i % 2 ? 0.001 : 0), i / 20]);
  const left: Poly = [[[0, 0], ...border, [0, 1]]];
  const rightRing: Array<[number, number]> = [[2, 0], [2, 1], ...border.slice().reverse()];
  // rightRing runs (2,0)→(2,1)→border top→bottom: counter-clockwise
  const right: Poly = [rightRing];
  const [l, r] = simplifyShared([[left], [right]], 0.01);
  assert.ok(l![0]![0]!.length < left[0]!.length, 'simplified');
  const out = dissolve([...l!, ...r!]);
  assert.equal(out.length, 1, 'one outline');
  assert.equal(out[0]!.length, 1, 'no slivers/holes');
  assert.ok(inPoly(1, 0.5, out[0]!) && inPoly(0.5, 0.5, out[0]!) && !inPoly(2.5, 0.5, out[0]!));
});
