/**
 * Enterprises for a warning-desk case: `members` (USCCs) in 朝阳区 (220104), each at its own address, all behind one
 * legal representative `rep` — so `multi-enterprise-person` raises one case keyed `rep` for them.
 */
export function caseEnterprises(members: string[], o: { label: string; street: string; rep: string; repName: string }): Array<Record<string, unknown>> {
  return members.map((uscc, i) => ({
    uscc, name: `${o.label}${i}有限公司`, entity_type: '有限责任公司', reg_date: '2022-01-01', status: '存续', industry_code: 'F', industry_section: 'F', industry_division: '',
    region_code: '220104', province_code: '220000', prefecture_code: '220100', county_code: '220104', street_code: '', address: `${o.street}${i}号`, address_key: `220104|${o.street}${i}号`,
    legal_rep_id: o.rep, legal_rep_name: o.repName, reg_capital_wan: null, lng: 125.3 + i * 0.001, lat: 43.85, tags: [], import_id: 't',
  }));
}
