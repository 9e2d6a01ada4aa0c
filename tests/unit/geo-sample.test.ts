import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { samplePointInCounty, countyAt, hasCountyPolygon } from '../../server/geo/sample';
import { inPoly, type Poly } from '../../server/geo/polygon';
import type { ProvinceGeo } from '../../server/geo/types';

function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('sampled points fall inside their own county polygon, and only there', () => {
  const geo = JSON.parse(fs.readFileSync('public/geo/22.json', 'utf8')) as ProvinceGeo;
  const rnd = mulberry32(7);
  for (const f of geo.counties.features) {
    for (let i = 0; i < 20; i++) {
      const p = samplePointInCounty(f.properties.code, rnd);
      assert.ok(p, f.properties.name);
      assert.ok(f.geometry.coordinates.some((poly) => inPoly(p[0], p[1], poly as Poly)), `${f.properties.name} ${p}`);
      assert.equal(countyAt('22', p[0], p[1]), f.properties.code);
    }
  }
});

test('counties without a polygon give null; sampling is fast', () => {
  assert.equal(samplePointInCounty('220171', Math.random), null, '长春经济技术开发区 has no polygon');
  assert.equal(hasCountyPolygon('220171'), false);
  assert.equal(samplePointInCounty('999999', Math.random), null);
  const rnd = mulberry32(1);
  const t0 = performance.now();
  for (let i = 0; i < 100_000; i++) samplePointInCounty('220184', rnd);
  const ms = performance.now() - t0;
  assert.ok(ms < 3000, `100k samples took ${ms.toFixed(0)} ms`);
});
