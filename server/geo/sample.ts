/**
 * Points inside a county polygon, for generated data (the seed's `pointInCounty`). The base map
 * (public/geo/<province>.json) is loaded once per province and indexed by county code: open rings, bbox,
 * seat. Sampling: with probability 0.6 a point clustered around the seat (normal, σ ≈ 12% of the bbox),
 * otherwise uniform over the polygon, both by rejection against the polygon (bbox pre-check).
 */
import fs from 'node:fs';
import path from 'node:path';
import { inPoly, openRing, type Poly, type Pt } from './polygon';
import type { ProvinceGeo } from './types';

interface CountyShape { polys: Poly[]; bbox: [number, number, number, number]; center: Pt }

const cache = new Map<string, Map<string, CountyShape> | null>();

/** Directory of the generated base maps (override with XINYAN_GEO_DIR). */
export function geoDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.XINYAN_GEO_DIR ?? path.join(process.cwd(), 'public', 'geo'));
}

function loadProvince(prov2: string): Map<string, CountyShape> | null {
  if (cache.has(prov2)) return cache.get(prov2)!;
  const file = path.join(geoDir(), `${prov2}.json`);
  let index: Map<string, CountyShape> | null = null;
  if (fs.existsSync(file)) {
    const geo = JSON.parse(fs.readFileSync(file, 'utf8')) as ProvinceGeo;
    index = new Map();
    for (const f of geo.counties.features) {
      const polys = f.geometry.coordinates.map((poly) => poly.map((r) => openRing(r as Pt[])));
      let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      for (const p of polys) for (const q of p[0] ?? []) {
        x0 = Math.min(x0, q[0]); x1 = Math.max(x1, q[0]); y0 = Math.min(y0, q[1]); y1 = Math.max(y1, q[1]);
      }
      index.set(f.properties.code, { polys, bbox: [x0, y0, x1, y1], center: f.properties.center });
    }
  }
  cache.set(prov2, index);
  return index;
}

function inside(s: CountyShape, x: number, y: number): boolean {
  if (x < s.bbox[0] || x > s.bbox[2] || y < s.bbox[1] || y > s.bbox[3]) return false;
  return s.polys.some((p) => inPoly(x, y, p));
}

/** Whether a county has a polygon on the base map. */
export function hasCountyPolygon(code: string): boolean {
  return !!loadProvince(code.slice(0, 2))?.has(code);
}

/** The county containing a point, among the counties of a province (null when outside all). */
export function countyAt(prov2: string, lng: number, lat: number): string | null {
  const idx = loadProvince(prov2);
  if (!idx) return null;
  for (const [code, s] of idx) if (inside(s, lng, lat)) return code;
  return null;
}

/**
 * A WGS-84 [lng, lat] inside the county polygon, or null when the county has no polygon (development
 * zones such as 220171, districts newer than the base map). `rnd` returns uniform numbers in [0, 1).
 */
export function samplePointInCounty(code: string, rnd: () => number): [number, number] | null {
  const s = loadProvince(code.slice(0, 2))?.get(code);
  if (!s) return null;
  const [x0, y0, x1, y1] = s.bbox;
  if (rnd() < 0.6) {
    const sx = (x1 - x0) * 0.12;
    const sy = (y1 - y0) * 0.12;
    for (let i = 0; i < 12; i++) {
      // Box–Muller
      const u = Math.max(rnd(), 1e-12);
      const v = rnd();
      const r = Math.sqrt(-2 * Math.log(u));
      const x = s.center[0] + sx * r * Math.cos(2 * Math.PI * v);
      const y = s.center[1] + sy * r * Math.sin(2 * Math.PI * v);
      if (inside(s, x, y)) return [x, y];
    }
  }
  for (let i = 0; i < 500; i++) {
    const x = x0 + (x1 - x0) * rnd();
    const y = y0 + (y1 - y0) * rnd();
    if (inside(s, x, y)) return [x, y];
  }
  return inside(s, s.center[0], s.center[1]) ? [s.center[0], s.center[1]] : null;
}
