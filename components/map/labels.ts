/**
 * Which area names the risk map writes (pure): at the county level of a whole province (69 names) and in a city's
 * districts the names overlapped into unreadable heaps (宽城区/朝阳区/南关区 over one another in 长春). Greedy
 * placement: names by priority (the selected area, then the areas with most enterprises), each kept when its box on
 * screen overlaps no name kept before it. A name left out comes back when zooming in gives it room.
 */
export interface LabelBox { code: string; x: number; y: number; text: string; priority: number }

/** Label font size in px (RiskMap's TextLayer getSize) and its background padding. */
export const LABEL_PX = 12;
const PAD = 2;

export function visibleLabels(labels: readonly LabelBox[], px = LABEL_PX): Set<string> {
  const kept: Array<{ x0: number; y0: number; x1: number; y1: number }> = [];
  const out = new Set<string>();
  const order = [...labels].sort((a, b) => b.priority - a.priority || a.code.localeCompare(b.code));
  for (const l of order) {
    if (!Number.isFinite(l.x) || !Number.isFinite(l.y)) continue;
    // CJK characters are about one em wide; the box is centred on the label's anchor (text-anchor middle, baseline centre).
    const w = l.text.length * px + 2 * PAD, h = px + 2 * PAD;
    const r = { x0: l.x - w / 2, y0: l.y - h / 2, x1: l.x + w / 2, y1: l.y + h / 2 };
    if (kept.some((k) => r.x0 < k.x1 && k.x0 < r.x1 && r.y0 < k.y1 && k.y0 < r.y1)) continue;
    kept.push(r);
    out.add(l.code);
  }
  return out;
}
