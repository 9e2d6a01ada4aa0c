/** Number formats of the chart axes (no React, no CSS: unit-testable). */

/**
 * Axis numbers in the Chinese style: 12,000 → 1.2万, 150,000,000 → 1.5亿. `top`, the axis's largest tick, sets the unit
 * for every tick of the axis, so one axis does not mix styles (0, 0.5万, 1万 — not 0, 5000, 1万).
 */
export function fmtAxis(n: number, top: number = n): string {
  const a = Math.max(Math.abs(n), Math.abs(top));
  if (n === 0) return '0';
  if (a >= 1e8) return `${trim(n / 1e8)}亿`;
  if (a >= 1e4) return `${trim(n / 1e4)}万`;
  return trim(n);
}
function trim(x: number): string { return Number.isInteger(x) ? String(x) : x.toFixed(2).replace(/\.?0+$/, ''); }
