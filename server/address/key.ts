/**
 * The address key (一址多照) as a SQL expression, so the import fills `enterprises.address_key` inside the
 * engine without pulling addresses into JS. It performs exactly the steps of `normalizeAddress` in
 * ./normalize.ts (a test checks both agree on a table of cases).
 *
 * Written for speed (the import evaluates it on every enterprise row):
 *  - steps 1–2 (width, case, unified characters) and the folding of every punctuation character to a space are
 *    ONE `translateUTF8`; step 3 (a run of spaces/dashes after a letter/digit → '-', the other spaces deleted, the
 *    dash rules) runs only on text holding a space or a '-';
 *  - region names (full and short, the short one precomputed once per statement) come from constant arrays
 *    of scalar subqueries looked up with `transform` (a hash lookup), not a Map (a linear scan per row);
 *  - the numeral conversion runs only on text holding a Chinese numeral.
 *
 * The returned text is trusted SQL built only from constants in this module and the two expressions given
 * by the caller (column names or expressions written in code — never user input).
 */
import {
  FULL_WIDTH, HALF_WIDTH, UNIFY_FROM, UNIFY_TO, PUNCT, NUMERALS, UNITS, SHORT_GUARD, COUNTY_SHORT_GUARD, SEPARATOR, SUFFIX_RE_SOURCE,
} from './normalize';

/** A ClickHouse string literal. */
function lit(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}'`;
}

/** An RE2 character class of the given characters. */
function cls(chars: string, negate = false): string {
  const body = [...chars].map((c) => ('\\][^-'.includes(c) ? `\\${c}` : c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : c)).join('');
  return `[${negate ? '^' : ''}${body}]`;
}

/**
 * Steps 1–2 as one character map: every character → what steps 1 (full → half width, ASCII upper-case) and
 * 2 (unified characters) make of it; characters that step 3 treats as punctuation become a space (step 3 then
 * turns a run of them after a letter/digit into the separator and deletes the rest). Returns [from, to] for
 * translateUTF8 (same length).
 */
export function characterMap(): [string, string] {
  const step12 = (c: string): string => {
    const fw = FULL_WIDTH.indexOf(c);
    let x = fw >= 0 ? [...HALF_WIDTH][[...FULL_WIDTH].indexOf(c)]! : c;
    if (x >= 'a' && x <= 'z') x = x.toUpperCase();
    const u = [...UNIFY_FROM].indexOf(x);
    return u >= 0 ? [...UNIFY_TO][u]! : x;
  };
  const lower = Array.from({ length: 26 }, (_, i) => String.fromCharCode(0x61 + i));
  const chars = [...new Set([...FULL_WIDTH, ...lower, ...UNIFY_FROM, ...PUNCT])];
  const mapped: Array<[string, string]> = [];
  for (const c of chars) {
    const x = step12(c);
    const to = PUNCT.includes(x) ? ' ' : x;
    if (to !== c) mapped.push([c, to]);
  }
  return [mapped.map((m) => m[0]).join(''), mapped.map((m) => m[1]).join('')];
}

/**
 * Region names as constant arrays (one scalar subquery, evaluated once per statement): codes of levels 1–3,
 * their full names and their short names ('' when a name has none: shorter than 2 characters or equal to
 * the full name).
 */
const NAMES = `(SELECT (groupArray(code), groupArray(name), groupArray(if(lengthUTF8(h) >= 2 AND h != name, h, ''))) FROM `
  + `(SELECT code, any(name) AS name, replaceRegexpOne(name, ${lit(SUFFIX_RE_SOURCE)}, '\\\\1') AS h FROM regions WHERE level <= 3 GROUP BY code))`;

function nameOf(code: string, which: 'full' | 'short'): string {
  return `transform(${code}, ${NAMES}.1, ${NAMES}.${which === 'full' ? 2 : 3}, '')`;
}

/**
 * Removes a region name (full, else short with `guard`) from the start of `s`. `level` names the lambda variables;
 * `shortIf` (an SQL condition, may use the variable s<level>_) must hold too for the short name to be removed.
 */
function stripSql(s: string, code: string, level: number, guard: string, shortIf = '1'): string {
  const sv = `s${level}_`, fv = `f${level}_`, hv = `h${level}_`;
  const body = `if(${fv} != '' AND startsWith(${sv}, ${fv}), substring(${sv}, length(${fv}) + 1), `
    + `if(${hv} != '' AND (${shortIf}) AND startsWith(${sv}, ${hv}) AND length(${sv}) > length(${hv}) `
    + `AND position(${lit(guard)}, substringUTF8(${sv}, lengthUTF8(${hv}) + 1, 1)) = 0, substring(${sv}, length(${hv}) + 1), ${sv}))`;
  return `arrayElement(arrayMap((${sv}, ${fv}, ${hv}) -> ${body}, [${s}], [${nameOf(code, 'full')}], [${nameOf(code, 'short')}]), 1)`;
}

function digitSql(c: string): string {
  return `toUInt64(indexOf(['零','一','二','三','四','五','六','七','八','九'], if(${c} = '两', '二', ${c})) - 1)`;
}

/** Chinese numeral run (expression) → decimal digits (expression). */
function chineseNumberSql(x: string): string {
  const chars = `extractAll(${x}, '.')`;
  const fold = `arrayFold((acc_, c_) -> if(c_ IN ('十','百','千'), (acc_.1 + if(acc_.2 = 0, 1, acc_.2) * multiIf(c_ = '十', 10, c_ = '百', 100, 1000), toUInt64(0)), (acc_.1, ${digitSql('c_')})), ${chars}, (toUInt64(0), toUInt64(0)))`;
  return `if(hasAny(${chars}, ['十','百','千']), toString(arrayElement(arrayMap(t2_ -> t2_.1 + t2_.2, [${fold}]), 1)), arrayStringConcat(arrayMap(d_ -> toString(${digitSql('d_')}), ${chars})))`;
}

/** Binds `value` to the lambda variable `v` in `body` (evaluated once). */
function bind(v: string, value: string, body: string): string {
  return `arrayElement(arrayMap(${v} -> ${body}, [${value}]), 1)`;
}

/**
 * SQL expression of the address key for `addressExpr` in county `countyCodeExpr` (6-digit code):
 * `<county>|<normalised>` or '' when nothing is left.
 */
export function addressKeySql(addressExpr: string, countyCodeExpr: string): string {
  const [from, to] = characterMap();
  const mapped = `translateUTF8(toString(${addressExpr}), ${lit(from)}, ${lit(to)})`;
  // Step 3 (punctuation is a space by now): a run after a letter/digit → the separator, other spaces deleted, then the dash rules.
  const separated = bind('m0_', mapped, `if(position(m0_, ' ') = 0 AND position(m0_, '-') = 0, m0_, `
    + `replaceAll(replaceRegexpAll(m0_, ${lit('([0-9A-Z])[ \\-]+')}, ${lit(`\\1${SEPARATOR}`)}), ' ', ''))`);
  const dashes = bind('d0_', separated, `if(position(d0_, '-') = 0, d0_, replaceRegexpAll(replaceRegexpAll(replaceRegexpAll(d0_, '-+([^0-9A-Z]|$)', '\\\\1'), '(^|[^0-9A-Z])-+', '\\\\1'), '-+', '-'))`);
  const num = cls(NUMERALS);
  const unit = `(单元|${cls(UNITS)})`;
  const tokens = `extractAll(n0_, ${lit(`第${num}+|${num}+(?:单元|${cls(UNITS)})|${cls('第' + NUMERALS, true)}+|.`)})`;
  const conv = `if(NOT match(n0_, ${lit(num)}), n0_, arrayStringConcat(arrayMap(t_ -> multiIf(`
    + `match(t_, ${lit(`^第${num}+$`)}), concat('第', ${chineseNumberSql('substring(t_, 4)')}), `
    + `match(t_, ${lit(`^${num}+${unit}$`)}), concat(${chineseNumberSql(`replaceRegexpOne(t_, ${lit(`${unit}$`)}, '')`)}, extract(t_, ${lit(`${unit}$`)})), `
    + `t_), ${tokens})))`;
  const key = bind('cc_', `toString(${countyCodeExpr})`, (() => {
    const province = `if(length(cc_) >= 2, concat(substring(cc_, 1, 2), '0000'), '')`;
    const prefecture = `if(length(cc_) >= 4, concat(substring(cc_, 1, 4), '00'), '')`;
    const county = `if(length(cc_) >= 6, cc_, '')`;
    // The county's short name only after a stripped province/prefecture name (w0_ is the text before them).
    const s = bind('w0_', dashes, stripSql(stripSql(stripSql('w0_', province, 1, SHORT_GUARD), prefecture, 2, SHORT_GUARD), county, 3, COUNTY_SHORT_GUARD, 'length(s3_) < length(w0_)'));
    return bind('n0_', s, bind('n_', conv, `if(n_ = '', '', concat(cc_, '|', n_))`));
  })());
  return key;
}
