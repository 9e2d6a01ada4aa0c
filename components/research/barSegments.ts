/**
 * The pieces of one stacked class bar (pure), in the bar's own units — counts, or shares of n: each class from where
 * the last ended, and what is withheld (partners) as one hatched remainder up to n (or 100 %). In the share mode the
 * remainder was not drawn: a row with its C and D withheld ended at A+B's share in blank, read as nothing more.
 */
export interface BarSegment { key: 'A' | 'B' | 'C' | 'D' | 'withheld'; from: number; to: number; value: number | null }

const KEYS = ['A', 'B', 'C', 'D'] as const;

export function barSegments(counts: ReadonlyArray<number | null>, n: number | null, mode: 'count' | 'share'): BarSegment[] {
  if (n === null) return [];
  const scale = (v: number) => (mode === 'share' ? (n ? v / n : 0) : v);
  const out: BarSegment[] = [];
  let acc = 0;
  KEYS.forEach((k, i) => {
    const v = counts[i] ?? null;
    if (v === null) return;
    const w = scale(v);
    out.push({ key: k, from: acc, to: acc + w, value: v });
    acc += w;
  });
  const known = counts.reduce<number>((a, c) => a + (c ?? 0), 0);
  if (known < n) out.push({ key: 'withheld', from: acc, to: scale(n), value: null });
  return out;
}
