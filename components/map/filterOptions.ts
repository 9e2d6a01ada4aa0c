/**
 * What the risk map's filter controls offer (pure). The map's own controls are a section list and the key-area tags;
 * a link from 分布研判 can carry finer filters (a division, an entity type, statuses) that the map applies to every
 * figure. They must show: a section list without the URL's C13 displayed 全部行业 over a C13 map.
 */
import type { Filters } from '@/queries/filters';

export interface Opt { code: string; name: string }

/** The section options, with the filter's own code first when it is finer than a section. */
export function industryOptions(sections: readonly Opt[], industry: string | undefined, name?: string): Opt[] {
  if (!industry || sections.some((s) => s.code === industry)) return [...sections];
  return [{ code: industry, name: name || '（当前筛选）' }, ...sections];
}

/** The applied filters the map has no control of its own for, as Chinese labels (shown with a way to clear them). */
export function otherFilterLabels(f: Pick<Filters, 'entityType' | 'status' | 'region'>): string[] {
  const out: string[] = [];
  if (f.region && f.region.length === 9) out.push(`街道/乡镇 ${f.region}`);
  if (f.entityType) out.push(`企业类型：${f.entityType}`);
  if (f.status.length) out.push(`登记状态：${f.status.join('、')}`);
  return out;
}

/**
 * The line above the map naming those filters, and what each applies to. An entity type and statuses filter every
 * figure; a street does not: the map has no street boundaries, so its areas are whole counties (their colours, the
 * hotspots, the selected county's facts) and only the points and the count of enterprises without a location are the
 * street's. The line said 地图各项数字均已按此筛选 of a street too, over a 南关区 of 8,083 enterprises whose street had 250.
 */
export function otherFiltersNotice(f: Pick<Filters, 'entityType' | 'status' | 'region'>, streetName?: string): string | null {
  const figures = otherFilterLabels({ ...f, region: undefined });
  const parts: string[] = [];
  if (figures.length) parts.push(`${figures.join('；')}（地图各项数字均已按此筛选）`);
  if (f.region && f.region.length === 9) {
    parts.push(`街道/乡镇 ${streetName ? `${streetName}（${f.region}）` : f.region}：仅企业点位按此筛选，区域着色与数字为所在区县整体（底图无街道边界）`);
  }
  return parts.length ? `另有筛选：${parts.join('；')}` : null;
}
