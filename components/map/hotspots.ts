/**
 * The risk map's 高风险区域 list (pure): areas by their shrunk C+D share. When the fitted prior has no between-area
 * variance (τ² = 0: the areas differ no more than chance would make them), every shrunk share is the pooled share and
 * the order by it alone was the order of the codes; ties are then broken by how far the area's own share lies above
 * the pooled one in standard errors (the funnel plot's measure), then by size.
 */
export interface HotspotArea { code: string; n: number | null; cdRate: number | null; shrunk: number | null }

export function excessZ(a: HotspotArea, p0: number): number {
  if (a.n === null || a.cdRate === null || a.n <= 0 || p0 <= 0 || p0 >= 1) return 0;
  return (a.cdRate - p0) / Math.sqrt((p0 * (1 - p0)) / a.n);
}

export function rankHotspots<A extends HotspotArea>(areas: readonly A[], p0: number, limit = 15): A[] {
  return areas.filter((a) => a.shrunk !== null)
    .map((a) => ({ a, z: excessZ(a, p0) }))
    .sort((x, y) => (y.a.shrunk! - x.a.shrunk!) || (y.z - x.z) || ((y.a.n ?? 0) - (x.a.n ?? 0)) || x.a.code.localeCompare(y.a.code))
    .slice(0, limit)
    .map((x) => x.a);
}
