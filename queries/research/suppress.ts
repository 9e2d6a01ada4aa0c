/**
 * Small-cell suppression with complementary suppression for tables whose sums are published.
 *
 * Hiding counts 1..min−1 (primary suppression) is not enough when sums over the hidden cell are public: a row
 * total minus the visible cells gives the hidden one back. So every published sum ("line": a row, a column, a
 * column within one parent region, …) that contains a hidden cell must contain at least two, and we add hidden
 * cells (complements) until that holds everywhere — adding one can break another line, hence a fixed point.
 *
 * "At least two per line" is necessary but not sufficient in two dimensions (a hidden cell can still be the only
 * link between two otherwise protected groups, and be solved for by combining lines). So after the fixed point the
 * hidden cells are audited exactly: a hidden cell is disclosed iff some linear combination of the published line
 * relations isolates it, i.e. iff it is fully determined by Gaussian elimination over the hidden cells. Such cells
 * get another complement and the whole thing repeats.
 *
 * What this does not give: protection intervals (a hidden cell's range can still be narrow — the published
 * sums bound it), nor consistency between differently shaped tables computed separately (see the callers).
 */
import { smallCount } from '../../server/auth/viewer';

/** A published sum: the cells it adds up (indices into the value array), optionally with coefficients (default 1). */
export interface Line { cells: readonly number[]; coef?: readonly number[] }

export interface LineOptions {
  /** Cells that must be hidden from the start (primary suppression). */
  primary: readonly boolean[];
  /** Cells that may be hidden as complements. Cells whose value other products publish anyway are no use. */
  candidate: readonly boolean[];
  /** Lower = preferred complement (usually the value: hide as little as possible). */
  cost: readonly number[];
  /** Skip the exact audit for connected groups with more hidden cells than this (elimination is cubic). */
  auditLimit?: number;
}

/** Zero cells are a last resort as complements: zeros are published unsuppressed elsewhere, and a zero complement
 * makes the line's hidden sum equal to the primary cell itself. */
export const ZERO_COST = 1e12;

/** Boolean mask over `n` cells: which to hide so that no published line reveals a hidden cell. */
export function suppressLines(n: number, lines: readonly Line[], opts: LineOptions): boolean[] {
  const mask = opts.primary.slice(0, n);
  for (let i = mask.length; i < n; i++) mask.push(false);
  const linesOf: number[][] = Array.from({ length: n }, () => []);
  lines.forEach((l, li) => { for (const c of l.cells) linesOf[c]!.push(li); });
  const pick = (cells: readonly number[]): number => {
    let best = -1;
    for (const c of cells) if (!mask[c] && opts.candidate[c] && (best < 0 || opts.cost[c]! < opts.cost[best]! || (opts.cost[c] === opts.cost[best] && c < best))) best = c;
    return best;
  };
  for (let round = 0; round < n + 1; round++) {
    // 1. At least two hidden cells in every line that has one (iterate: each complement can break its other lines).
    let changed = true;
    while (changed) {
      changed = false;
      for (const l of lines) {
        let hidden = 0;
        for (const c of l.cells) if (mask[c]) hidden++;
        if (hidden !== 1) continue;
        const c = pick(l.cells);
        if (c >= 0) { mask[c] = true; changed = true; }
      }
    }
    // 2. Exact audit; a disclosed cell gets one more complement from the cheapest of its lines.
    const disclosed = determinedCells(mask, lines, linesOf, opts.auditLimit ?? 1500);
    let added = false;
    for (const d of disclosed) {
      let best = -1;
      for (const li of linesOf[d]!) {
        const c = pick(lines[li]!.cells);
        if (c >= 0 && (best < 0 || opts.cost[c]! < opts.cost[best]!)) best = c;
      }
      if (best >= 0) { mask[best] = true; added = true; }
    }
    if (!added) break;
  }
  return mask;
}

/**
 * Hidden cells whose value follows from the published lines (everything not hidden is known to the reader).
 * Works per connected group of hidden cells (cells sharing a line), by Gauss–Jordan elimination in floating point:
 * coefficients are small integers, so the tolerance is safe.
 */
export function determinedCells(mask: readonly boolean[], lines: readonly Line[], linesOf: readonly number[][], limit = 1500): number[] {
  const n = mask.length;
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => { while (parent[x] !== x) { parent[x] = parent[parent[x]!]!; x = parent[x]!; } return x; };
  for (const l of lines) {
    let first = -1;
    for (const c of l.cells) if (mask[c]) { if (first < 0) first = c; else parent[find(c)] = find(first); }
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) if (mask[i]) { const r = find(i); const g = groups.get(r); if (g) g.push(i); else groups.set(r, [i]); }
  const out: number[] = [];
  for (const cells of groups.values()) {
    if (cells.length > limit) continue;
    const col = new Map(cells.map((c, k) => [c, k]));
    const lineIds = new Set<number>();
    for (const c of cells) for (const li of linesOf[c]!) lineIds.add(li);
    const m: number[][] = [];
    for (const li of lineIds) {
      const l = lines[li]!;
      const row = new Array<number>(cells.length).fill(0);
      l.cells.forEach((c, k) => { const j = col.get(c); if (j !== undefined) row[j]! += l.coef?.[k] ?? 1; });
      m.push(row);
    }
    const pivots = rref(m, cells.length);
    for (const [r, j] of pivots) {
      const row = m[r]!;
      let alone = true;
      for (let k = 0; k < cells.length; k++) if (k !== j && Math.abs(row[k]!) > 1e-9) { alone = false; break; }
      if (alone) out.push(cells[j]!);
    }
  }
  return out.sort((a, b) => a - b);
}

/** In-place reduced row echelon form; returns [row, pivot column] pairs. */
function rref(m: number[][], cols: number): Array<[number, number]> {
  const pivots: Array<[number, number]> = [];
  let r = 0;
  for (let j = 0; j < cols && r < m.length; j++) {
    let p = -1;
    for (let i = r; i < m.length; i++) if (Math.abs(m[i]![j]!) > 1e-9 && (p < 0 || Math.abs(m[i]![j]!) > Math.abs(m[p]![j]!))) p = i;
    if (p < 0) continue;
    [m[r], m[p]] = [m[p]!, m[r]!];
    const pr = m[r]!;
    const pv = pr[j]!;
    for (let k = 0; k < cols; k++) pr[k]! /= pv;
    for (let i = 0; i < m.length; i++) {
      if (i === r) continue;
      const f = m[i]![j]!;
      if (Math.abs(f) < 1e-12) continue;
      const row = m[i]!;
      for (let k = 0; k < cols; k++) row[k]! -= f * pr[k]!;
    }
    pivots.push([r, j]);
    r++;
  }
  return pivots;
}

export interface TableOptions {
  min: number;
  /** Each row's sum over all columns is public (or, with rowGroups, its sum over each group of columns). */
  rowTotalsPublic: boolean;
  /** Each column's sum over all rows is public (or, with colGroups, its sum over each group of rows). */
  colTotalsPublic: boolean;
  /** Groups of column indices whose per-row sums are public (e.g. divisions of one section). */
  rowGroups?: readonly number[][];
  /** Groups of row indices whose per-column sums are public (e.g. counties of one prefecture). */
  colGroups?: readonly number[][];
  /** Primary cells; default: 1..min−1 (0 is not sensitive). */
  primary?: readonly boolean[][];
  /** Cells that can never be complements (impossible combinations, zeros published elsewhere). */
  structural?: readonly boolean[][];
  /** Complement preference; default: the value, zeros last. */
  cost?: readonly number[][];
}

/**
 * Two-dimensional convenience over `suppressLines`: `cells[r][c]` counts, lines = rows and/or columns (or the
 * given groups of them). Returns a mask of the same shape, true = hide.
 */
export function suppressTable(cells: readonly (readonly number[])[], opts: TableOptions): boolean[][] {
  const R = cells.length;
  const C = R ? cells[0]!.length : 0;
  const at = (r: number, c: number) => r * C + c;
  const lines: Line[] = [];
  const all = (k: number) => [Array.from({ length: k }, (_, i) => i)];
  if (opts.rowTotalsPublic) for (let r = 0; r < R; r++) for (const g of opts.rowGroups ?? all(C)) lines.push({ cells: g.map((c) => at(r, c)) });
  if (opts.colTotalsPublic) for (let c = 0; c < C; c++) for (const g of opts.colGroups ?? all(R)) lines.push({ cells: g.map((r) => at(r, c)) });
  const flat = cells.flat();
  const mask = suppressLines(R * C, lines, {
    primary: flat.map((v, i) => opts.primary?.[Math.floor(i / C)]?.[i % C] ?? smallCount(v, opts.min)),
    candidate: flat.map((_, i) => !opts.structural?.[Math.floor(i / C)]?.[i % C]),
    cost: flat.map((v, i) => opts.cost?.[Math.floor(i / C)]?.[i % C] ?? (v > 0 ? v : ZERO_COST)),
  });
  return Array.from({ length: R }, (_, r) => mask.slice(r * C, (r + 1) * C));
}
