/**
 * The research page's view parameters (beside the shared filters in the URL): breakdown, count/share, matrix
 * metric, migration month, concentration settings, rising window, and the enterprise list state. Pure functions,
 * unit-tested for the URL round-trip.
 */
import type { Filters } from '@/queries/filters';
import { regionPrefix } from '@/server/domain/region';

export type Dimension = 'province' | 'prefecture' | 'county' | 'street' | 'section' | 'division' | 'group' | 'entity_type' | 'tag' | 'status';
export const DIMENSION_LABELS: Record<Dimension, string> = {
  province: '省', prefecture: '地市', county: '区县', street: '街道/乡镇', section: '行业门类', division: '行业大类', group: '行业中类',
  entity_type: '企业类型', tag: '重点领域标签', status: '登记状态',
};
export { MODEL_LABELS } from '../palette';

export interface ViewState {
  by: Dimension | null;
  bm: 'count' | 'share';
  mm: 'cd' | 'score';
  mf: string | null;
  cmin: number;
  cr: 'share' | 'lower';
  rk: number;
  rb: 'region' | 'industry';
  ent: boolean;
  ec: Array<'A' | 'B' | 'C' | 'D'>;
  es: string;
  ed: 'asc' | 'desc';
  eo: number;
}

const SORTS = ['score', 'class', 'uscc', 'name', 'county', 'industry', 'entity_type', 'reg_date'];
const int = (s: string | null, def: number, ok: (n: number) => boolean) => { const n = Number(s); return s !== null && Number.isInteger(n) && ok(n) ? n : def; };

/** Parses view params; anything invalid falls back to its default (a bad link still opens). */
export function readView(sp: URLSearchParams): ViewState {
  const by = sp.get('by');
  const mf = sp.get('mf');
  return {
    by: by && by in DIMENSION_LABELS ? (by as Dimension) : null,
    bm: sp.get('bm') === 'share' ? 'share' : 'count',
    mm: sp.get('mm') === 'score' ? 'score' : 'cd',
    mf: mf && /^\d{4}-(0[1-9]|1[0-2])$/.test(mf) ? mf : null,
    cmin: int(sp.get('cmin'), 30, (n) => n >= 1 && n <= 100_000),
    cr: sp.get('cr') === 'lower' ? 'lower' : 'share',
    rk: int(sp.get('rk'), 6, (n) => n >= 3 && n <= 36),
    rb: sp.get('rb') === 'industry' ? 'industry' : 'region',
    ent: sp.get('ent') === '1',
    ec: [...new Set(sp.getAll('ec').filter((c): c is 'A' | 'B' | 'C' | 'D' => ['A', 'B', 'C', 'D'].includes(c)))].sort(),
    es: SORTS.includes(sp.get('es') ?? '') ? sp.get('es')! : 'score',
    ed: sp.get('ed') === 'asc' ? 'asc' : 'desc',
    eo: int(sp.get('eo'), 0, (n) => n >= 0),
  };
}

/** Writes view params, leaving defaults out so links stay short. */
export function writeView(v: ViewState, sp = new URLSearchParams()): URLSearchParams {
  const set = (k: string, val: string | null) => { sp.delete(k); if (val !== null) sp.set(k, val); };
  set('by', v.by);
  set('bm', v.bm === 'share' ? 'share' : null);
  set('mm', v.mm === 'score' ? 'score' : null);
  set('mf', v.mf);
  set('cmin', v.cmin === 30 ? null : String(v.cmin));
  set('cr', v.cr === 'lower' ? 'lower' : null);
  set('rk', v.rk === 6 ? null : String(v.rk));
  set('rb', v.rb === 'industry' ? 'industry' : null);
  set('ent', v.ent ? '1' : null);
  sp.delete('ec'); for (const c of v.ec) sp.append('ec', c);
  set('es', v.es === 'score' ? null : v.es);
  set('ed', v.ed === 'asc' ? 'asc' : null);
  set('eo', v.eo ? String(v.eo) : null);
  return sp;
}

/**
 * The region the views break down below: the region filter, or the viewer's own region (`scope`) when there is no
 * filter or the filter lies above it (a 长春 analyst choosing 吉林省 still sees only 长春: one prefecture row
 * broken down by prefecture said nothing).
 */
export function levelRegion(region: string | undefined, scope?: string): string | undefined {
  if (!scope) return region;
  if (!region) return scope;
  return region !== scope && scope.startsWith(regionPrefix(region)) ? scope : region;
}

/** The default breakdown: one level below the region filter (or the viewer's scope; streets stay streets). */
export function autoBreakdown(f: Pick<Filters, 'region'>, scope?: string): Dimension {
  const r = levelRegion(f.region, scope);
  if (!r) return 'prefecture';
  if (r.length === 9) return 'street';
  if (r.endsWith('0000')) return 'prefecture';
  if (r.endsWith('00')) return 'county';
  return 'street';
}

/** Region level one below the filter or the viewer's scope (what the matrix rows and rising list show). */
export function childRegionLevel(region: string | undefined, scope?: string): 'prefecture' | 'county' | 'street' {
  const d = autoBreakdown({ region }, scope);
  return d === 'prefecture' || d === 'county' ? d : 'street';
}
/** Industry level one below the filter. */
export function childIndustryLevel(industry: string | undefined): 'section' | 'division' | 'group' {
  if (!industry) return 'section';
  return industry.length === 1 ? 'division' : 'group';
}

const REGION_DIMS: readonly Dimension[] = ['province', 'prefecture', 'county', 'street'];
const INDUSTRY_DIMS: readonly Dimension[] = ['section', 'division', 'group'];

/**
 * The filter a clicked group of a breakdown becomes; null when it cannot be one. A group's key '' is the rest not
 * subdivided at that level (（未细分）: enterprises with a county but no street, a division but no group): as a filter
 * '' means no filter, so clicking it jumped from a county to the whole province, and its 明细 listed the whole
 * province's enterprises under the county's unsubdivided count.
 */
export function groupPatch(by: Dimension, key: string): Partial<Filters> | null {
  if (!key) return null;
  if (REGION_DIMS.includes(by)) return { region: key };
  if (INDUSTRY_DIMS.includes(by)) return { industry: key };
  if (by === 'entity_type') return { entityType: key };
  if (by === 'tag') return { tags: [key] };
  return { status: [key] as Filters['status'] };
}

/** The filters a region × industry cell becomes (matrix, concentrations); null when either side is unsubdivided (''). */
export function cellPatch(region: string, industry: string): Partial<Filters> | null {
  return region && industry ? { region, industry } : null;
}

/**
 * The month the page analyses: the URL's month when the model has classes for it, else the model's latest — and
 * whether the URL's month was passed over (said on the page). A month the model has no classes for (a link, or a
 * model switched under a month) gave empty views under a month select that showed another month, the latest. While
 * the months are not known yet (`months` undefined), the URL's month.
 */
export function shownMonth(requested: string | undefined, months: readonly string[] | undefined): { month: string; missing: boolean } {
  const latest = months?.[months.length - 1];
  if (!months || !latest) return { month: requested ?? latest ?? '', missing: false };
  if (requested && months.includes(requested)) return { month: requested, missing: false };
  return { month: latest, missing: !!requested };
}

/**
 * A region filter wholly outside the viewer's own region (neither inside it nor above it): every figure of the page is
 * empty by the scope, not by the data — said on the page (a 长春 analyst choosing 吉林市 got empty views and a grey
 * map with nothing saying why).
 */
export function outsideScope(region: string | undefined, scope: string | undefined): boolean {
  if (!region || !scope) return false;
  return !region.startsWith(regionPrefix(scope)) && !scope.startsWith(regionPrefix(region));
}

/** The notice shown for such a filter. */
export const OUTSIDE_SCOPE = '所选地区不在您的数据权限范围内，各项数字均为空；请清除地区筛选或选择权限范围内的地区。';

/**
 * The URL a 研判 note keeps (pure): the page's query with the month analysed (shown) in it, and the note's view. The
 * month was added only when the query had no 'm=' anywhere — and 'from=', 'bm=', 'mm=' have one: such a note was
 * saved without its month, so the briefing of that month never listed it and reopening it showed the latest month.
 */
export function noteSearch(search: string, month: string, view: string): string {
  const q = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  // The month shown (the URL's, or the latest when the model has no classes for the URL's: shownMonth).
  if (month) q.set('m', month);
  q.delete('view');
  q.set('view', view);
  return `?${q.toString()}`;
}
