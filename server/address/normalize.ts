/**
 * Address normalisation for 一址多照 (many licences at one address).
 *
 * The key of an address is `<county code>|<normalised text>`: two counties never merge, whatever the text.
 * The text is normalised in these steps (the same steps are expressed in SQL in ./key.ts, and a test
 * checks that both give the same result):
 *  1. full-width forms → half-width (ＡＢ１２ → AB12, ideographic space → space), ASCII letters upper-case;
 *  2. a few equivalent characters unified: 〇 → 零, 幢 → 栋, # → 号 (5#楼 = 5号楼), dashes and tildes → '-';
 *  3. a run of spaces, punctuation and dashes right after a letter/digit becomes one '-' (3、4号 → 3-4号,
 *     101/102室 → 101-102室, 2.3层 → 2-3层: deleting it merged 人民大街3、4号 with 人民大街34号); the rest of the
 *     spaces and punctuation is removed, and a '-' is kept only between two letters/digits (3-2-101 ≠ 32-101,
 *     3、号 → 3号);
 *  4. region prefixes of the enterprise's own region removed when present: province, prefecture, county,
 *     each by its full name (吉林省, 长春市, 朝阳区) or its short name (吉林, 长春) — a short name only when
 *     the next character does not continue a place or road name (吉林市… is not 吉林 + 市…; 朝阳路 stays);
 *     the county's short name moreover only right after a stripped province or prefecture name (长春朝阳… or
 *     北京朝阳…), never at the very start, and not before a direction or landmark (东西南北中 门 桥 公园 广场):
 *     roads and places are often named after the county (朝阳北路 in 北京市朝阳区), and stripping 朝阳 there
 *     split 朝阳北路101号 from 北京市朝阳区朝阳北路101号;
 *     names of another region are left in place, so they keep the address apart;
 *  5. Chinese numerals in numbers → Arabic: a numeral run followed by a unit (号 栋 楼 层 室 单元 组 弄 巷 座
 *     期 排 户 门 段) or preceded by 第: 一号 → 1号, 十一号 → 11号, 二十三栋 → 23栋, 一〇一室 → 101室,
 *     第三 → 第3. Numbers are never merged with each other: 1号 and 11号 stay distinct.
 */

export interface RegionNames {
  /** Full names from the `regions` table: 吉林省, 长春市, 朝阳区 ('' when unknown). */
  province: string;
  prefecture: string;
  county: string;
}

/** Full-width ASCII block U+FF01..U+FF5E and the ideographic space. */
export const FULL_WIDTH = Array.from({ length: 0x5e }, (_, i) => String.fromCharCode(0xff01 + i)).join('') + '\u3000';
export const HALF_WIDTH = Array.from({ length: 0x5e }, (_, i) => String.fromCharCode(0x21 + i)).join('') + ' ';

/** Characters unified before anything else (pairs from → to, same length). */
export const UNIFY_FROM = '〇幢#‐‑‒–—―~〜';
export const UNIFY_TO = '零栋号--------';

/** Whitespace and punctuation removed (ASCII after step 1, plus CJK punctuation). '-' is handled separately. */
export const PUNCT = ' \t\r\n!"$%&\'()*+,./:;<=>?@[\\]^_`{|}、。，；：！？“”‘’（）【】《》〈〉「」『』·・…￥';

export const NUMERALS = '零一二两三四五六七八九十百千';
/** Units after which a Chinese numeral run is a number. 单元 is matched as a whole word. */
export const UNITS = '号栋楼层室组弄巷座期排户门段';
/** After a short region name, these characters mean the name is part of something longer (吉林市, 朝阳路). */
export const SHORT_GUARD = '省市州盟区县旗路街道巷弄大镇乡村号';
/** After the county's short name, also directions and landmarks (朝阳北路, 朝阳门, 朝阳公园, 朝阳广场). */
export const COUNTY_SHORT_GUARD = `${SHORT_GUARD}东西南北中门桥公广`;
/** The separator that a run of spaces/punctuation between two letters/digits becomes (step 3). */
export const SEPARATOR = '-';

/** Ethnic groups named in autonomous regions, prefectures, counties and banners (延边朝鲜族自治州). */
const ETHNIC = '蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|拉祜|水|东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|普米|塔吉克|怒|保安|裕固|独龙|鄂伦春|鄂温克|各';
/**
 * Full name → short name by removing the administrative suffix (吉林省 → 吉林, 延边朝鲜族自治州 → 延边):
 * replace the whole match by group 1. Written to mean the same in RE2 (SQL) and JS.
 */
export const SUFFIX_RE_SOURCE = `^(.{2,}?)((${ETHNIC})族)*(自治区|自治州|自治县|自治旗|特别行政区|省|市|地区|盟|区|县|旗)$`;
const SUFFIX_RE = new RegExp(SUFFIX_RE_SOURCE, 'u');

export function shortName(full: string): string {
  const m = SUFFIX_RE.exec(full);
  const s = m?.[1] ?? '';
  return [...s].length >= 2 ? s : '';
}

const DIGIT: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNIT_VALUE: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 一 → 1, 十一 → 11, 二十三 → 23, 一百零五 → 105, 一〇一 (零 after step 2) → 101. */
export function chineseNumber(run: string): string {
  const chars = [...run];
  if (!chars.some((c) => c in UNIT_VALUE)) return chars.map((c) => String(DIGIT[c] ?? '')).join('');
  let total = 0;
  let cur = 0;
  for (const c of chars) {
    const u = UNIT_VALUE[c];
    if (u !== undefined) { total += (cur === 0 ? 1 : cur) * u; cur = 0; } else cur = DIGIT[c] ?? 0;
  }
  return String(total + cur);
}

function translate(s: string, from: string, to: string): string {
  const f = [...from];
  const t = [...to];
  const m = new Map(f.map((c, i) => [c, t[i] ?? '']));
  return [...s].map((c) => m.get(c) ?? c).join('');
}

const escapeClass = (chars: string) => chars.replace(/[\\\][^-]/g, (c) => `\\${c}`);
const PUNCT_RE = new RegExp(`[${escapeClass(PUNCT)}]`, 'gu');
/**
 * Step 3's separator: a letter/digit followed by a run of punctuation and dashes (./key.ts matches the same run after
 * its character map has made every punctuation character a space).
 */
const SEPARATE_RE = new RegExp(`([0-9A-Z])[${escapeClass(PUNCT)}\\-]+`, 'gu');
const NUM_RE = new RegExp(`第([${NUMERALS}]+)|([${NUMERALS}]+)(单元|[${UNITS}])`, 'gu');

function stripPrefix(s: string, full: string, guard: string | null): string | null {
  if (full && s.startsWith(full)) return s.slice(full.length);
  const short = guard === null ? '' : shortName(full);
  if (short && s.startsWith(short)) {
    const next = s.slice(short.length, short.length + 1);
    if (next && !guard!.includes(next)) return s.slice(short.length);
  }
  return null;
}

/** The normalised text of an address (without the county code). */
export function normalizeAddress(address: string, region: RegionNames): string {
  let s = translate(address, FULL_WIDTH, HALF_WIDTH);
  s = s.replace(/[a-z]+/g, (m) => m.toUpperCase());
  s = translate(s, UNIFY_FROM, UNIFY_TO);
  s = s.replace(SEPARATE_RE, `$1${SEPARATOR}`);
  s = s.replace(PUNCT_RE, '');
  s = s.replace(/-+([^0-9A-Z]|$)/g, '$1').replace(/(^|[^0-9A-Z])-+/g, '$1').replace(/-+/g, '-');
  const whole = s;
  for (const name of [region.province, region.prefecture]) {
    const rest = stripPrefix(s, name, SHORT_GUARD);
    if (rest !== null) s = rest;
  }
  const rest = stripPrefix(s, region.county, s !== whole ? COUNTY_SHORT_GUARD : null);
  if (rest !== null) s = rest;
  s = s.replace(NUM_RE, (_m, ordinal: string | undefined, run: string | undefined, unit: string | undefined) =>
    ordinal !== undefined ? `第${chineseNumber(ordinal)}` : `${chineseNumber(run ?? '')}${unit ?? ''}`);
  return s;
}

/** The stored key: county code and normalised text; '' when the address is empty after normalisation. */
export function addressKey(address: string, countyCode: string, region: RegionNames): string {
  const n = normalizeAddress(address, region);
  return n ? `${countyCode}|${n}` : '';
}
