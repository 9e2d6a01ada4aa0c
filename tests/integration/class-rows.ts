/** A class_results row for crafted fixtures: every column filled with a plain default, the case's own values on top. */
export function classRow(values: { month: string; model_id: string; uscc: string; class: string } & Record<string, unknown>): Record<string, unknown> {
  const county = String(values.county_code ?? '220102');
  return {
    model_version: 1, run_id: 'r', province_code: '220000', prefecture_code: `${county.slice(0, 4)}00`, county_code: county, street_code: '',
    region_code: county, industry_section: 'F', industry_division: 'F52', industry_code: 'F5221', entity_type: '有限责任公司', status: '存续',
    tags: [], reg_date: '2020-01-01', raw_score: 1, score: 1, basis: values.model_id, hard_rule: '', subscores: {}, reasons: [], other_points: 0,
    ...values,
  };
}
