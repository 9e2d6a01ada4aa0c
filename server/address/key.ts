/**
 * The address key (一址多照) as a SQL expression, so the import fills `enterprises.address_key` inside the
 * engine without pulling addresses into JS. It performs exactly the steps of `normalizeAddress` in
 * ./normalize.ts (a test checks both agree on a table of cases).
 *
 * Written for speed (the import evaluates it on every enterprise row):
 *  - steps 1–3 (width, case, unified characters, punctuation) are ONE `translateUTF8` (characters mapped
 *    or, beyond the length of the target list, deleted); the dash rules run only on text holding a '-';
 *  - region names (full and short, the short one precomputed once per statement) come from constant arrays
 *    of scalar subqueries looked up with `transform` (a hash lookup), not a Map (a linear scan per row);
 *  - the numeral conversion runs only on text holding a Chinese numeral.
 *
 * The returned text is trusted SQL built only from constants in this module and the two expressions given
 * by the caller (column names or expressions written in code — never user input).
 */
import {
  FULL_WIDTH, HALF_WIDTH, UNIFY_FROM, UNIFY_TO, PUNCT, NUMERALS, UNITS, SHORT_GUARD, SUFFIX_RE_SOURCE,
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
 * Steps 1–3 as one character map: every character → what steps 1 (full → half width, ASCII upper-case) and
 * 2 (unified characters) make of it; characters that step 3 then removes are deleted. Returns [from, to]
 * for translateUTF8 (the deleted characters are the tail of `from`, beyond the length of `to`).
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
  const deleted: string[] = [];
  for (const c of chars) {
    const to = step12(c);
    if (PUNCT.includes(to)) deleted.push(c);
    else if (to !== c) mapped.push([c, to]);
  }
  return [mapped.map((m) => m[0]).join('') + deleted.join(''), mapped.map((m) => m[1]).join('')];
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

/** Removes a region name (full, else short with guard) from the start of `s`. `level` names the lambda variables. */
function stripSql(s: string, code: string, level: number): string {
  const sv = `s${level}_`, fv = `f${level}_`, hv = `h${level}_`;
  const body = `if(${fv} != '' AND startsWith(${sv}, ${fv}), substring(${sv}, length(${fv}) + 1), `
    + `if(${hv} != '' AND startsWith(${sv}, ${hv}) AND length(${sv}) > length(${hv}) `
    + `AND position(${lit(SHORT_GUARD)}, substringUTF8(${sv}, lengthUTF8(${hv}) + 1, 1)) = 0, substring(${sv}, length(${hv}) + 1), ${sv}))`;
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
  const dashes = bind('d0_', mapped, `if(position(d0_, '-') = 0, d0_, replaceRegexpAll(replaceRegexpAll(replaceRegexpAll(d0_, '-+([^0-9A-Z]|$)', '\\\\1'), '(^|[^0-9A-Z])-+', '\\\\1'), '-+', '-'))`);
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
    let s = dashes;
    s = stripSql(s, province, 1);
    s = stripSql(s, prefecture, 2);
    s = stripSql(s, county, 3);
    return bind('n0_', s, bind('n_', conv, `if(n_ = '', '', concat(cc_, '|', n_))`));
  })());
  return key;
}
