/**
 * Month arithmetic on 'YYYY-MM' strings (calendar months, no days, no time zone). Pure: used by the server, the
 * queries and the browser alike.
 */

/** The month `k` months after `m` (before it for k < 0): addMonths('2026-01', -1) = '2025-12'. */
export function addMonths(m: string, k: number): string {
  const [y, mm] = m.split('-').map(Number) as [number, number];
  const idx = y * 12 + (mm - 1) + k;
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
}
