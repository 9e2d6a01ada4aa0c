/**
 * SQL expression builders used by the import's validation pass. Every argument is a trusted SQL expression
 * written in this codebase (a staging column name); values from files never become SQL text.
 */
import { USCC_ALPHABET } from '../domain/uscc';
import { DATE_MAX, DATE_MIN } from './dates';

const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Check character (GB 32100-2015) of an 18-character code whose characters are all in the alphabet. */
export function usccCheckCharSql(u: string): string {
  const terms = USCC_WEIGHTS.map((w, i) => `(position('${USCC_ALPHABET}', substring(${u}, ${i + 1}, 1)) - 1) * ${w}`);
  return `substring('${USCC_ALPHABET}', ((31 - ((${terms.join(' + ')}) % 31)) % 31) + 1, 1)`;
}

/** 'length' | 'alphabet' | 'check' | '' — the same classification as `usccProblem` in server/domain/uscc.ts. */
export function usccProblemSql(u: string): string {
  return `multiIf(lengthUTF8(${u}) != 18, 'length', NOT match(${u}, '^[0-9A-HJ-NPQRTUWXY]{18}$'), 'alphabet', ` +
    `${usccCheckCharSql(u)} != substring(${u}, 18, 1), 'check', '')`;
}

/**
 * Date text → 'YYYYMMDD' digits, or '' when the shape is not one of YYYY-MM-DD, YYYY/MM/DD, YYYYMMDD
 * (one-digit month/day accepted with a separator: 2023/1/5, as spreadsheets write them). The common
 * shapes are recognised without splitting; only the rare one-digit forms split the text.
 */
export function dateDigitsSql(s: string): string {
  const oneDigit = (c: string) => `match(${s}, '^[0-9]{4}${c}[0-9]{1,2}${c}[0-9]{1,2}$')`;
  const parts = `splitByRegexp('[-/]', ${s})`;
  return `multiIf(match(${s}, '^[0-9]{4}[-/][0-9]{2}[-/][0-9]{2}$') AND substring(${s}, 5, 1) = substring(${s}, 8, 1), ` +
    `concat(substring(${s}, 1, 4), substring(${s}, 6, 2), substring(${s}, 9, 2)), ` +
    `match(${s}, '^[0-9]{8}$'), ${s}, ` +
    `${oneDigit('-')} OR ${oneDigit('/')}, concat(${parts}[1], leftPad(${parts}[2], 2, '0'), leftPad(${parts}[3], 2, '0')), '')`;
}

/** Year, month and day (numbers) of `dateDigitsSql` output. */
export function datePartsSql(digits: string): { y: string; m: string; d: string } {
  return {
    y: `toUInt16OrZero(substring(${digits}, 1, 4))`,
    m: `toUInt8OrZero(substring(${digits}, 5, 2))`,
    d: `toUInt8OrZero(substring(${digits}, 7, 2))`,
  };
}

/**
 * 'ok' | 'empty' | 'shape' (not a recognised format) | 'impossible' (2023-02-30, month 13) | 'range' (a real
 * date outside DATE_MIN … DATE_MAX, 1949-10-01 … 2100-12-31). Arguments are the original text, its
 * digits and parts. Never uses makeDate/toDateOrNull for the check: they silently roll 2023-02-30 over.
 */
export function dateProblemFromPartsSql(text: string, digits: string, y: string, m: string, d: string): string {
  const leap = `((${y} % 4 = 0 AND ${y} % 100 != 0) OR ${y} % 400 = 0)`;
  const monthLen = `multiIf(${m} = 2, if(${leap}, 29, 28), ${m} IN (4, 6, 9, 11), 30, 31)`;
  return `multiIf(${text} = '', 'empty', ${digits} = '', 'shape', ` +
    `${m} < 1 OR ${m} > 12 OR ${d} < 1 OR ${d} > ${monthLen}, 'impossible', ` +
    `${digits} < '${DATE_MIN.replace(/-/g, '')}' OR ${digits} > '${DATE_MAX.replace(/-/g, '')}', 'range', 'ok')`;
}

/** Self-contained forms (the import computes the pieces once each in stacked subqueries instead). */
export function dateProblemSql(s: string): string {
  const dd = dateDigitsSql(s);
  const { y, m, d } = datePartsSql(dd);
  return dateProblemFromPartsSql(s, dd, y, m, d);
}

export function dateValueSql(s: string): string {
  const { y, m, d } = datePartsSql(dateDigitsSql(s));
  return `makeDate32(${y}, ${m}, ${d})`;
}

/** Numeric text: '' → NULL; otherwise Float64 or NULL when it is not a finite number (thousands commas allowed). */
export function numberValueSql(s: string): string {
  const v = `toFloat64OrNull(replaceAll(${s}, ',', ''))`;
  return `if(${s} = '', CAST(NULL AS Nullable(Float64)), if(isFinite(ifNull(${v}, nan)), ${v}, CAST(NULL AS Nullable(Float64))))`;
}

/** True when numeric text is present but not a finite number. */
export function numberBadSql(s: string): string {
  return `(${s} != '' AND NOT isFinite(ifNull(toFloat64OrNull(replaceAll(${s}, ',', '')), nan)))`;
}

/** A SQL string literal for constant text written in code. */
export function lit(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** SQL array literal of constant strings. */
export function litArray(a: readonly string[]): string {
  return `[${a.map(lit).join(', ')}]`;
}

/** One CSV field as text (quoted when it holds a comma, quote or line break) — to rebuild a rejected row. */
export function csvFieldSql(s: string): string {
  return `if(match(${s}, '[",\\\\r\\\\n]'), concat('"', replaceAll(${s}, '"', '""'), '"'), ${s})`;
}
