/** Crafted fixture rows for the classification tests, inserted straight into the published tables (002_core.sql). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDb, type Db } from '../../server/db/client';

export async function freshDb(): Promise<Db> {
  return getDb({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'xy-classify-')) });
}

let seq = 0;
/** A distinct fake USCC-shaped key per call (the engine does not check the check character). */
export function id(prefix = '91220102MA'): string {
  seq++;
  return `${prefix}${String(seq).padStart(8, '0')}`.slice(0, 18);
}

export function ent(uscc: string, o: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    uscc, name: `测试企业${uscc.slice(-4)}`, entity_type: '有限责任公司', reg_date: '2015-06-01', status: '存续',
    industry_code: 'I6510', industry_section: 'I', industry_division: 'I65', region_code: '220102', province_code: '220000',
    prefecture_code: '220100', county_code: '220102', street_code: '220102001', address: `测试路${uscc.slice(-4)}号`,
    address_key: `addr-${uscc}`, legal_rep_id: `rep-${uscc}`, legal_rep_name: '张三', reg_capital_wan: 100, lng: 125.3, lat: 43.9,
    tags: [], import_id: 'test', ...o,
  };
}

let evSeq = 0;
export function ev(uscc: string, event_date: string, category: string, o: Record<string, unknown> = {}): Record<string, unknown> {
  evSeq++;
  return {
    event_id: `ev-${evSeq}`, uscc, event_date, category, severity: 'general', end_date: null, result: '', source: '',
    amount_yuan: null, detail: '', import_id: 'test', ...o,
  };
}

/** Annual reports filed every June (so the annual-report indicators stay quiet unless a test wants them). */
export function reports(uscc: string, fromYear = 2016, toYear = 2025): Array<Record<string, unknown>> {
  const out = [];
  for (let y = fromYear; y <= toYear; y++) out.push(ev(uscc, `${y}-05-15`, 'annual_report'));
  return out;
}

export async function clearData(db: Db): Promise<void> {
  for (const t of ['enterprises', 'events', 'roles', 'class_results', 'class_runs']) await db.command({ text: `TRUNCATE TABLE ${t}`, params: {} });
}

export interface ResultRow {
  uscc: string; model_id: string; class: string; score: number; raw_score: number; hard_rule: string; basis: string;
  reasons: Array<{ indicator: string; name: string; value: number; points: number }>; other_points: number; subscores: Record<string, number>;
}

export async function results(db: Db, month: string, model = 'general'): Promise<Map<string, ResultRow>> {
  const rows = await db.rows<ResultRow>({
    text: `SELECT uscc, model_id, class, score, raw_score, hard_rule, basis, reasons, other_points, subscores FROM class_results WHERE month = {m:Date} AND model_id = {id:String}`,
    params: { m: `${month}-01`, id: model },
  });
  return new Map(rows.map((r) => [r.uscc, { ...r, score: Number(r.score), raw_score: Number(r.raw_score), other_points: Number(r.other_points) }]));
}
