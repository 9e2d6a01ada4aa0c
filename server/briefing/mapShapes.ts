/**
 * Static SVG shapes for the briefing's choropleth, computed on the server from the base map
 * (public/geo/<province>.json, see server/geo/types.ts): prefectures of the province, or the counties of one
 * prefecture. A planar projection (longitude scaled by cos of the mid latitude, y flipped) is used on purpose:
 * it is independent of ring winding (d3's spherical projections read a counter-clockwise ring as "the whole
 * globe but this") and accurate enough at province scale. Paths are rounded to one decimal to keep them small.
 */
import fs from 'node:fs';
import path from 'node:path';
import { geoIdentity, geoPath } from 'd3';
import type { ProvinceGeo, RegionFeature } from '../geo/types';
import type { MapShapes } from './types';

const cache = new Map<string, ProvinceGeo | null>();

function loadProvince(prov2: string): ProvinceGeo | null {
  if (!/^\d{2}$/.test(prov2)) return null;
  if (cache.has(prov2)) return cache.get(prov2)!;
  let geo: ProvinceGeo | null = null;
  try {
    geo = JSON.parse(fs.readFileSync(path.join(process.cwd(), 'public', 'geo', `${prov2}.json`), 'utf8')) as ProvinceGeo;
  } catch {
    geo = null;
  }
  cache.set(prov2, geo);
  return geo;
}

type Planar = { type: 'Feature'; id: string; properties: RegionFeature['properties']; geometry: { type: 'MultiPolygon'; coordinates: number[][][][] } };

/**
 * Shapes of the areas of `level` inside `within` (a province or prefecture code), fitted into `width` pixels.
 * Null when the province has no base map. Also returns the areas without a polygon (development zones…).
 */
export function mapShapes(level: 'prefecture' | 'county', within: string, width = 640, maxHeight = 520):
  { shapes: MapShapes | null; noPolygon: Array<{ code: string; name: string }> } {
  const geo = loadProvince(within.slice(0, 2));
  if (!geo) return { shapes: null, noPolygon: [] };
  const inside = (prefCode: string) => within.endsWith('0000') || prefCode === `${within.slice(0, 4)}00`;
  const features = (level === 'prefecture' ? geo.prefectures.features : geo.counties.features).filter((f) => inside(f.properties.prefecture_code));
  const noPolygon = geo.no_polygon
    .filter((n) => n.level === (level === 'prefecture' ? 2 : 3) && inside(n.prefecture_code))
    .map((n) => ({ code: n.code, name: n.name }));
  if (!features.length) return { shapes: null, noPolygon };

  let latMin = Infinity, latMax = -Infinity, lngMin = Infinity, lngMax = -Infinity;
  for (const f of features) for (const poly of f.geometry.coordinates) for (const ring of poly) for (const pt of ring) {
    const lng = pt[0]!, lat = pt[1]!;
    if (lat < latMin) latMin = lat;
    if (lat > latMax) latMax = lat;
    if (lng < lngMin) lngMin = lng;
    if (lng > lngMax) lngMax = lng;
  }
  const k = Math.cos((((latMin + latMax) / 2) * Math.PI) / 180);
  const planar: Planar[] = features.map((f) => ({
    type: 'Feature', id: f.id, properties: f.properties,
    geometry: { type: 'MultiPolygon', coordinates: f.geometry.coordinates.map((poly) => poly.map((ring) => ring.map((pt) => [pt[0]! * k, pt[1]!]))) },
  }));
  const fc = { type: 'FeatureCollection' as const, features: planar };
  const pad = 6;
  const aspect = (latMax - latMin) / Math.max(1e-9, (lngMax - lngMin) * k);
  const height = Math.min(maxHeight, Math.ceil((width - 2 * pad) * aspect) + 2 * pad);
  const projection = geoIdentity().reflectY(true).fitExtent([[pad, pad], [width - pad, height - pad]], fc);
  const pathOf = geoPath(projection).digits(1);
  const shapes = planar.map((f) => {
    const c = projection([f.properties.center[0] * k, f.properties.center[1]]) ?? pathOf.centroid(f);
    return { code: f.properties.code, name: f.properties.name, d: pathOf(f) ?? '', label: [Math.round(c[0] * 10) / 10, Math.round(c[1] * 10) / 10] as [number, number] };
  });
  return { shapes: { width, height, shapes }, noPolygon };
}
