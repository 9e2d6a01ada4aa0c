/**
 * Seeded pseudo-random numbers for the synthetic province (never Math.random: same seed → same bytes).
 * sfc32 seeded through splitmix32; helpers for the distributions the generator uses.
 */

/** splitmix32 step: a well-mixed 32-bit value from any 32-bit state. */
export function mix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Hash of a few integers (seed, stream, index …) to a 32-bit value. */
export function hashInts(...xs: number[]): number {
  let h = 0x2545f491;
  for (const x of xs) h = mix32(h ^ mix32(x | 0));
  return h;
}

export class Rng {
  private a: number; private b: number; private c: number; private d: number;
  private spare: number | null = null;

  constructor(...seed: number[]) {
    const h = hashInts(...seed);
    this.a = mix32(h); this.b = mix32(h + 1); this.c = mix32(h + 2); this.d = 1;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** The generator as a plain function. */
  fn(): () => number { return () => this.next(); }

  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number { return lo + Math.floor(this.next() * (hi - lo + 1)); }

  chance(p: number): boolean { return this.next() < p; }

  pick<T>(xs: readonly T[]): T { return xs[Math.floor(this.next() * xs.length)]!; }

  /** Standard normal (Box–Muller, both values used). */
  normal(): number {
    if (this.spare !== null) { const s = this.spare; this.spare = null; return s; }
    const u = Math.max(this.next(), 1e-12);
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  logNormal(median: number, sigma: number): number { return median * Math.exp(sigma * this.normal()); }

  /** Poisson count by inversion (λ is small everywhere here). */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    const u = this.next();
    let p = Math.exp(-lambda);
    let s = p;
    let k = 0;
    while (u > s && k < 200) { k++; p *= lambda / k; s += p; }
    return k;
  }
}

/** Weighted choice over a fixed list: cumulative weights + binary search. */
export class Weighted<T> {
  readonly items: readonly T[];
  private readonly cum: Float64Array;
  readonly total: number;

  constructor(entries: ReadonlyArray<readonly [T, number]>) {
    const items: T[] = [];
    const cum = new Float64Array(entries.length);
    let t = 0;
    entries.forEach(([item, w], i) => { t += Math.max(0, w); cum[i] = t; items.push(item); });
    if (!(t > 0)) throw new Error('Weighted: no positive weight');
    this.items = items; this.cum = cum; this.total = t;
  }

  pick(rng: Rng): T {
    const x = rng.next() * this.total;
    let lo = 0, hi = this.cum.length - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (this.cum[mid]! > x) hi = mid; else lo = mid + 1; }
    return this.items[lo]!;
  }
}

export function sigmoid(z: number): number { return 1 / (1 + Math.exp(-z)); }
