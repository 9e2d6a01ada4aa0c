/**
 * Plain planar polygon helpers on [lng, lat] rings (GeoJSON order). Small areas, so treating degrees as
 * planar is good enough for orientation, containment and simplification.
 */
export type Pt = [number, number];
export type Ring = Pt[];
/** A polygon: outer ring first, holes after. Rings are open (first point not repeated) inside this module. */
export type Poly = Ring[];

/** Signed area (shoelace); > 0 for counter-clockwise rings. Works on open or closed rings. */
export function ringArea(r: Ring): number {
  let s = 0;
  const n = r.length;
  for (let i = 0; i < n; i++) {
    const a = r[i]!;
    const b = r[(i + 1) % n]!;
    s += a[0] * b[1] - b[0] * a[1];
  }
  return s / 2;
}

/** Ray-casting test against one ring (open or closed). */
export function inRing(x: number, y: number, r: Ring): boolean {
  let inside = false;
  const n = r.length;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const a = r[i]!;
    const b = r[j]!;
    if ((a[1] > y) !== (b[1] > y) && x < ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
  }
  return inside;
}

/** Even-odd containment in a polygon with holes. */
export function inPoly(x: number, y: number, poly: Poly): boolean {
  let inside = false;
  for (const r of poly) if (inRing(x, y, r)) inside = !inside;
  return inside;
}

export function openRing(r: Ring): Ring {
  const out: Ring = [];
  for (const p of r) {
    const last = out[out.length - 1];
    if (last && last[0] === p[0] && last[1] === p[1]) continue;
    out.push([p[0], p[1]]);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (out.length > 1 && first && last && first[0] === last[0] && first[1] === last[1]) out.pop();
  return out;
}

export function closeRing(r: Ring): Ring {
  const f = r[0];
  return f ? [...r, [f[0], f[1]]] : r;
}

export function bboxOf(polys: Poly[]): [number, number, number, number] {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const poly of polys) for (const p of poly[0] ?? []) {
    if (p[0] < x0) x0 = p[0];
    if (p[0] > x1) x1 = p[0];
    if (p[1] < y0) y0 = p[1];
    if (p[1] > y1) y1 = p[1];
  }
  return [x0, y0, x1, y1];
}

/** Squared distance from p to segment a–b. */
function segDist2(p: Pt, a: Pt, b: Pt): number {
  let x = a[0], y = a[1];
  let dx = b[0] - x, dy = b[1] - y;
  if (dx !== 0 || dy !== 0) {
    const t = ((p[0] - x) * dx + (p[1] - y) * dy) / (dx * dx + dy * dy);
    if (t > 1) { x = b[0]; y = b[1]; } else if (t > 0) { x += dx * t; y += dy * t; }
  }
  dx = p[0] - x;
  dy = p[1] - y;
  return dx * dx + dy * dy;
}

/** Douglas–Peucker on an open polyline; keeps both ends. Deterministic for a given point order. */
export function douglasPeucker(pts: Pt[], tol: number): Pt[] {
  const n = pts.length;
  if (n <= 2) return pts.slice();
  const keep = new Uint8Array(n);
  keep[0] = 1;
  keep[n - 1] = 1;
  const tol2 = tol * tol;
  const stack: Array<[number, number]> = [[0, n - 1]];
  while (stack.length) {
    const [first, last] = stack.pop()!;
    let maxD = -1;
    let idx = -1;
    for (let i = first + 1; i < last; i++) {
      const d = segDist2(pts[i]!, pts[first]!, pts[last]!);
      if (d > maxD) { maxD = d; idx = i; }
    }
    if (idx >= 0 && maxD > tol2) {
      keep[idx] = 1;
      stack.push([first, idx], [idx, last]);
    }
  }
  return pts.filter((_, i) => keep[i] === 1);
}
