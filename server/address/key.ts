/**
 * The address key (一址多照) as a SQL expression, so the import fills `enterprises.address_key` inside the
 * engine without pulling addresses into JS. It performs exactly the steps of `normalizeAddress` in
 * ./normalize.ts (a test checks both agree on a table of cases). Region names come from the `regions`
 * table through one scalar subquery (evaluated once per statement).
 *
 * (The import's first version — width and punctuation only — is replaced by this full version; same signature.)
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

const NAMES = '(SELECT mapFromArrays(groupArray(code), groupArray(name)) FROM (SELECT code, any(name) AS name FROM regions WHERE level <= 3 GROUP BY code))';

function digitSql(c: string): string {
  return `toUInt64(indexOf(['零','一','二','三','四','五','六','七','八','九'], if(${c} = '两', '二', ${c})) - 1)`;
}

/** Chinese numeral run (expression) → decimal digits (expression). */
function chineseNumberSql(x: string): string {
  const chars = `extractAll(${x}, '.')`;
  const fold = `arrayFold((acc_, c_) -> if(c_ IN ('十','百','千'), (acc_.1 + if(acc_.2 = 0, 1, acc_.2) * multiIf(c_ = '十', 10, c_ = '百', 100, 1000), toUInt64(0)), (acc_.1, ${digitSql('c_')})), ${chars}, (toUInt64(0), toUInt64(0)))`;
  return `if(hasAny(${chars}, ['十','百','千']), toString(arrayElement(arrayMap(t2_ -> t2_.1 + t2_.2, [${fold}]), 1)), arrayStringConcat(arrayMap(d_ -> toString(${digitSql('d_')}), ${chars})))`;
}

/** Removes a region name (full, else short with guard) from the start of `s` (both expressions). */
function stripSql(s: string, full: string, level: number): string {
  const sv = `s${level}_`;
  const fv = `f${level}_`;
  const hv = `h${level}_`;
  const short = `replaceRegexpOne(${fv}, ${lit(SUFFIX_RE_SOURCE)}, '\\\\1')`;
  const body = `if(${fv} != '' AND startsWith(${sv}, ${fv}), substring(${sv}, length(${fv}) + 1), `
    + `if(lengthUTF8(${hv}) >= 2 AND ${hv} != ${fv} AND startsWith(${sv}, ${hv}) AND length(${sv}) > length(${hv}) `
    + `AND position(${lit(SHORT_GUARD)}, substringUTF8(${sv}, lengthUTF8(${hv}) + 1, 1)) = 0, substring(${sv}, length(${hv}) + 1), ${sv}))`;
  return `arrayElement(arrayMap((${sv}, ${fv}) -> arrayElement(arrayMap(${hv} -> ${body}, [${short}]), 1), [${s}], [${full}]), 1)`;
}

/**
 * SQL expression of the address key for `addressExpr` in county `countyCodeExpr` (6-digit code):
 * `<county>|<normalised>` or '' when nothing is left.
 */
export function addressKeySql(addressExpr: string, countyCodeExpr: string): string {
  const cc = `toString(${countyCodeExpr})`;
  let s = `translateUTF8(toString(${addressExpr}), ${lit(FULL_WIDTH)}, ${lit(HALF_WIDTH)})`;
  s = `upper(${s})`;
  s = `translateUTF8(${s}, ${lit(UNIFY_FROM)}, ${lit(UNIFY_TO)})`;
  s = `replaceRegexpAll(${s}, ${lit(cls(PUNCT))}, '')`;
  s = `replaceRegexpAll(replaceRegexpAll(replaceRegexpAll(${s}, '-+([^0-9A-Z]|$)', '\\\\1'), '(^|[^0-9A-Z])-+', '\\\\1'), '-+', '-')`;
  const province = `${NAMES}[concat(substring(${cc}, 1, 2), '0000')]`;
  const prefecture = `${NAMES}[concat(substring(${cc}, 1, 4), '00')]`;
  const county = `${NAMES}[${cc}]`;
  s = stripSql(s, `if(length(${cc}) >= 2, ${province}, '')`, 1);
  s = stripSql(s, `if(length(${cc}) >= 4, ${prefecture}, '')`, 2);
  s = stripSql(s, `if(length(${cc}) >= 6, ${county}, '')`, 3);
  const num = cls(NUMERALS);
  const unit = `(单元|${cls(UNITS)})`;
  const tokens = `extractAll(${s}, ${lit(`第${num}+|${num}+(?:单元|${cls(UNITS)})|${cls('第' + NUMERALS, true)}+|.`)})`;
  const conv = `arrayStringConcat(arrayMap(t_ -> multiIf(`
    + `match(t_, ${lit(`^第${num}+$`)}), concat('第', ${chineseNumberSql("substring(t_, 4)")}), `
    + `match(t_, ${lit(`^${num}+${unit}$`)}), concat(${chineseNumberSql(`replaceRegexpOne(t_, ${lit(`${unit}$`)}, '')`)}, extract(t_, ${lit(`${unit}$`)})), `
    + `t_), ${tokens}))`;
  return `arrayElement(arrayMap(n_ -> if(n_ = '', '', concat(${cc}, '|', n_)), [${conv}]), 1)`;
}
