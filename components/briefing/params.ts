/** The briefing's URL parameters (m, model, r, i), shared by the page, the print page and the PDF route. */
export interface BriefingParams { month?: string; model?: string; region?: string; industry?: string }

export function briefingSearch(p: BriefingParams): string {
  const sp = new URLSearchParams();
  if (p.month) sp.set('m', p.month);
  if (p.model) sp.set('model', p.model);
  if (p.region) sp.set('r', p.region);
  if (p.industry) sp.set('i', p.industry);
  const s = sp.toString();
  return s ? `?${s}` : '';
}

/** Reads the parameters from a URL query (unchecked: the procedures validate them). */
export function briefingParams(sp: URLSearchParams | Record<string, string | string[] | undefined>): BriefingParams {
  const get = (k: string) => {
    const v = sp instanceof URLSearchParams ? sp.get(k) : sp[k];
    const s = Array.isArray(v) ? v[0] : v;
    return s ? s : undefined;
  };
  return { month: get('m'), model: get('model'), region: get('r'), industry: get('i') };
}

/**
 * Whose children the briefing's 地区 picker lists, given the viewer's scope and the briefing's subject: the
 * province's prefectures when unscoped or province-scoped, a prefecture analyst's counties, nothing for a county
 * analyst (their county is the whole briefing). Listing the prefectures to everyone offered a county analyst their
 * prefecture, which the server refuses (所选地区超出了您的数据范围), and a prefecture analyst only their own.
 */
export function regionPickerParent(scopeCode: string, subjectCode: string): string | null {
  if (!scopeCode) return subjectCode ? `${subjectCode.slice(0, 2)}0000` : null;
  if (scopeCode.endsWith('00')) return scopeCode;
  return null;
}

/** Whether the 地区 picker of a viewer with this scope lists prefectures (unscoped or province-scoped). */
const listsPrefectures = (scopeCode: string) => !scopeCode || scopeCode.endsWith('0000');

/**
 * The briefing's region pickers for the `region` parameter: the 地区 picker's value, and — for a viewer whose 地区
 * picker lists prefectures — the prefecture whose counties a second 区县 picker lists (null: no second picker), with
 * its value. Without it a province leader could not pick a county, and one opened from a URL read 全部 (the county
 * was not among the listed prefectures).
 */
export function regionPickers(scopeCode: string, region: string | undefined): { first: string; countyParent: string | null; county: string } {
  if (!region || region.length !== 6) return { first: region ?? '', countyParent: null, county: '' };
  if (!listsPrefectures(scopeCode)) return { first: region, countyParent: null, county: '' };
  if (region.endsWith('0000')) return { first: '', countyParent: null, county: '' };
  const prefecture = region.endsWith('00') ? region : `${region.slice(0, 4)}00`;
  return { first: prefecture, countyParent: prefecture, county: region.endsWith('00') ? '' : region };
}
