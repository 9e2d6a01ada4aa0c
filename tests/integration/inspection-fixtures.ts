/** Enterprises classified for the inspections tests: one county, one industry, all 存续, effective results of a class. */
import type { Db } from '../../server/db/client';

/**
 * `add(n, cls, month, countyCode)` inserts n enterprises and their `effective` results of class `cls` for `month`
 * (YYYY-MM), each with its own address and legal representative, scored `score`; returns their USCCs.
 */
export function enterpriseAdder(db: () => Db, score: number) {
  let seq = 0;
  return async (n: number, cls: string, month: string, countyCode = '220102'): Promise<string[]> => {
    const ents: object[] = [];
    const results: object[] = [];
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      seq++;
      const uscc = `91${countyCode}MA${String(seq).padStart(8, '0')}`;
      out.push(uscc);
      const common = {
        uscc, entity_type: '有限责任公司', reg_date: '2015-01-01', industry_code: 'F5211', industry_section: 'F', industry_division: 'F52',
        region_code: countyCode, province_code: '220000', prefecture_code: '220100', county_code: countyCode, street_code: `${countyCode}001`, tags: [],
      };
      ents.push({ ...common, name: `企业${seq}`, status: '存续', address: `路${seq}号`, address_key: `a${seq}`, legal_rep_id: `r${seq}`, legal_rep_name: '', import_id: 't' });
      results.push({ ...common, month: `${month}-01`, model_id: 'effective', model_version: 1, run_id: 't', status: '存续', class: cls, score, basis: 'general' });
    }
    await db().insert('enterprises', ents);
    await db().insert('class_results', results);
    return out;
  };
}
