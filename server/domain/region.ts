/**
 * GB/T 2260 region codes: a province ends in 0000, a prefecture in 00, a county is six digits, a street nine.
 * Pure (no engine, no Node modules): the screens use it too.
 */

/** The significant prefix of a region code: province 2, prefecture 4, county 6, street 9 digits ('' = everywhere). */
export function regionPrefix(code: string): string {
  if (!code) return '';
  if (code.length === 9) return code;
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code.slice(0, 6);
}
