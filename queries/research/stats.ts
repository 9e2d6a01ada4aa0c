/**
 * Statistics for the research workbench, pure TypeScript (no engine): Wilson score intervals for shares,
 * the Cochran–Armitage test for a linear trend in proportions over months, the normal distribution,
 * and Benjamini–Hochberg q-values for ranking many tests at once.
 */

/** Standard normal CDF Φ(z), via erfc (Numerical Recipes `erfcc`, fractional error < 1.2e-7). */
export function normalCdf(z: number): number {
  return 1 - 0.5 * erfc(z / Math.SQRT2);
}

export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
    + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? r : 2 - r;
}

export interface Interval { lo: number; hi: number }

/**
 * Wilson score interval for a binomial share k/n (default 95%, z = 1.959964). Returns [0, 1] for n = 0.
 * Better than the Wald interval for small cells and shares near 0 or 1 — the usual case for D shares.
 */
export function wilson(k: number, n: number, z = 1.959963984540054): Interval {
  if (n <= 0) return { lo: 0, hi: 1 };
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { lo: Math.max(0, centre - half), hi: Math.min(1, centre + half) };
}

export interface TrendResult {
  /** Cochran–Armitage statistic z (positive = share rising). 0 when undefined (no variation). */
  z: number;
  /** One-sided p-value for a rising share, P(Z ≥ z). */
  pRising: number;
  /** Weighted least-squares slope of the share per step (per month), in share units (0.01 = 1 point). */
  slope: number;
  /** Pooled share over all steps. */
  pooled: number;
  /** Share at the first and last step (NaN when that step is empty). */
  first: number;
  last: number;
  n: number;
}

/**
 * Cochran–Armitage test for trend in proportions. `k[i]` events out of `n[i]` at step i (scores 0,1,2,… or
 * `scores`). T = Σ tᵢ(kᵢ − nᵢ·p̄), Var(T) = p̄(1−p̄)·[Σ nᵢtᵢ² − (Σ nᵢtᵢ)²/N], z = T/√Var.
 * The slope is T / Sxx (the n-weighted least-squares slope of the share on the score), so z = slope·√Sxx / √(p̄(1−p̄)).
 */
export function cochranArmitage(k: readonly number[], n: readonly number[], scores?: readonly number[]): TrendResult {
  const m = Math.min(k.length, n.length);
  let N = 0, K = 0, St = 0, Stt = 0;
  const t = (i: number) => scores?.[i] ?? i;
  for (let i = 0; i < m; i++) {
    const ni = n[i] ?? 0;
    N += ni; K += k[i] ?? 0; St += ni * t(i); Stt += ni * t(i) * t(i);
  }
  const first = (n[0] ?? 0) > 0 ? (k[0] ?? 0) / (n[0] ?? 1) : NaN;
  const last = (n[m - 1] ?? 0) > 0 ? (k[m - 1] ?? 0) / (n[m - 1] ?? 1) : NaN;
  if (N === 0) return { z: 0, pRising: 1, slope: 0, pooled: NaN, first, last, n: 0 };
  const pbar = K / N;
  let T = 0;
  for (let i = 0; i < m; i++) T += t(i) * ((k[i] ?? 0) - (n[i] ?? 0) * pbar);
  const Sxx = Stt - (St * St) / N;
  const slope = Sxx > 0 ? T / Sxx : 0;
  const v = pbar * (1 - pbar) * Sxx;
  const z = v > 0 ? T / Math.sqrt(v) : 0;
  return { z, pRising: 1 - normalCdf(z), slope, pooled: pbar, first, last, n: N };
}

/** Benjamini–Hochberg adjusted p-values (q-values), same order as the input. */
export function benjaminiHochberg(ps: readonly number[]): number[] {
  const m = ps.length;
  const order = ps.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0]);
  const q = new Array<number>(m).fill(1);
  let min = 1;
  for (let r = m - 1; r >= 0; r--) {
    const [p, i] = order[r]!;
    min = Math.min(min, (p * m) / (r + 1));
    q[i] = Math.min(1, min);
  }
  return q;
}
