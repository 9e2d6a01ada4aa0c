/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters — registration authority (1), entity category (1),
 * GB/T 2260 region (6), organisation code (9, with its own GB 11714 check character), check character.
 */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** Check character for the first 17 characters, or null if one of them is outside the alphabet. */
export function usccCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_ALPHABET.indexOf(first17[i]!);
    if (v < 0) return null;
    sum += v * WEIGHTS[i]!;
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** GB 11714 check character of an 8-character organisation code body. */
export function orgCodeCheckChar(body8: string): string | null {
  if (body8.length !== 8) return null;
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const v = ORG_ALPHABET.indexOf(body8[i]!);
    if (v < 0) return null;
    sum += v * ORG_WEIGHTS[i]!;
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

export type UsccProblem = 'length' | 'alphabet' | 'check';

/** Why a code is not a valid USCC, or null when it is. Lower case is not accepted (exports are upper case). */
export function usccProblem(code: string): UsccProblem | null {
  if (code.length !== 18) return 'length';
  for (const ch of code) if (!USCC_ALPHABET.includes(ch)) return 'alphabet';
  return usccCheckChar(code.slice(0, 17)) === code[17] ? null : 'check';
}

export function isValidUscc(code: string): boolean { return usccProblem(code) === null; }

export const USCC_PROBLEM_TEXT: Record<UsccProblem, string> = {
  length: '统一社会信用代码应为18位',
  alphabet: '统一社会信用代码含非法字符（不得含 I O S V Z 或小写字母）',
  check: '统一社会信用代码校验位错误',
};

/** Builds a valid code: `91` + region + organisation code (8 chars + its check) + USCC check. */
export function makeUscc(prefix2: string, region6: string, orgBody8: string): string {
  const org = orgBody8 + (orgCodeCheckChar(orgBody8) ?? '0');
  const first17 = prefix2 + region6 + org;
  const check = usccCheckChar(first17);
  if (!check) throw new Error(`cannot build USCC from ${first17}`);
  return first17 + check;
}

/**
 * A code as a person typed or pasted it, in the stored form: spaces anywhere removed (codes are often written in
 * groups, "91220102 MA00000001", and copied with a full-width space), full-width letters and digits (a Chinese
 * input method's ９１２２…) made ASCII, upper-cased. Nothing else is changed: what is not a code stays not a code.
 */
export function typedUscc(s: string): string {
  return s.replace(/\s+/g, '').replace(/[０-９Ａ-Ｚａ-ｚ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).toUpperCase();
}
