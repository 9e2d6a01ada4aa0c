/** The three files of an import folder (CONTRACT.md): their columns, and the engine-side validation of a row. */
import { addressKeySql } from '../address/key';
import { USCC_PROBLEM_TEXT } from '../domain/uscc';
import { DATE_PROBLEM_TEXT } from './dates';
import { dateDigitsSql, dateProblemFromPartsSql, datePartsSql, lit, litArray, usccProblemSql } from './sqlparts';

export type Kind = 'enterprises' | 'roles' | 'events';
export const KINDS: readonly Kind[] = ['enterprises', 'roles', 'events'];

export interface FileSpec {
  kind: Kind;
  /** Known columns, in the contract's order. */
  columns: readonly string[];
  /** Columns the header must have. */
  required: readonly string[];
  /** Key columns of the target table: re-importing the same key replaces the row. */
  key: readonly string[];
}

export const SPECS: Record<Kind, FileSpec> = {
  enterprises: {
    kind: 'enterprises',
    columns: ['uscc', 'name', 'entity_type', 'reg_date', 'status', 'industry_code', 'region_code', 'address', 'legal_rep_id',
      'legal_rep_name', 'reg_capital_wan', 'lng', 'lat', 'tags'],
    required: ['uscc', 'name', 'entity_type', 'reg_date', 'status', 'industry_code', 'region_code', 'address', 'legal_rep_id'],
    key: ['uscc'],
  },
  roles: {
    kind: 'roles',
    columns: ['uscc', 'person_id', 'person_name', 'role', 'share_pct'],
    required: ['uscc', 'person_id', 'role'],
    key: ['uscc', 'person_id', 'role'],
  },
  events: {
    kind: 'events',
    columns: ['event_id', 'uscc', 'event_date', 'category', 'severity', 'end_date', 'result', 'source', 'amount_yuan', 'detail'],
    required: ['event_id', 'uscc', 'event_date', 'category'],
    key: ['event_id'],
  },
};

export const STATUSES = ['存续', '在业', '吊销', '注销', '迁出'] as const;
export const ROLES = ['法定代表人', '股东', '董事', '监事', '高管', '联络员', '财务负责人'] as const;
export const CATEGORIES = ['penalty', 'abnormal_list', 'serious_dishonest_list', 'license_revoked', 'dishonest', 'inspection',
  'complaint', 'change', 'equity_pledge', 'ip_pledge', 'license', 'annual_report', 'credit_repair'] as const;
export const SEVERITIES = ['general', 'serious'] as const;
export const RESULTS = ['pass', 'problem', 'unreachable'] as const;

/** Field alias of a known column in the validation query (trimmed text, '' when the column is absent). */
export const f = (col: string) => `f_${col}`;

/** A row problem: a cheap condition, and the message built only for rows where it holds. */
export interface Reason { cond: string; text: string }
const check = (cond: string, text: string): Reason => ({ cond, text });
const msg = (text: string, valueExpr?: string) => (valueExpr ? `concat(${lit(text + '：')}, ${valueExpr})` : lit(text));

/**
 * Validation of one row as SQL. Intermediate values are computed once each in stacked subqueries
 * (`layers[i]` may use aliases of earlier layers): repeating a big expression inside lazily evaluated
 * if/multiIf branches multiplies its cost many times over.
 */
export interface RowSql {
  layers: string[][];
  /** Joins after the layered source (aliased `s`). */
  joins: string;
  reasons: Reason[];
  /** Target column → SQL value expression. */
  values: Record<string, string>;
}

class Builder {
  readonly layers: string[][] = [[], [], []];
  readonly reasons: Reason[] = [];

  required(spec: FileSpec): void {
    for (const c of spec.required) this.reasons.push(check(`${f(c)} = ''`, msg(`缺少必填值 ${c}`)));
  }

  /** A date column: reason when present but not a valid date; returns the value expression. */
  date(col: string): string {
    const dd = `dd_${col}`, y = `dy_${col}`, m = `dm_${col}`, d = `dday_${col}`, dp = `dp_${col}`;
    const parts = datePartsSql(dd);
    this.layers[0]!.push(`${dateDigitsSql(f(col))} AS ${dd}`);
    this.layers[1]!.push(`${parts.y} AS ${y}`, `${parts.m} AS ${m}`, `${parts.d} AS ${d}`);
    this.layers[2]!.push(`${dateProblemFromPartsSql(f(col), dd, y, m, d)} AS ${dp}`);
    const problems = ['shape', 'impossible', 'range'] as const;
    const text = `transform(${dp}, ${litArray(problems)}, ${litArray(problems.map((x) => `${col} ${DATE_PROBLEM_TEXT[x]}`))}, '')`;
    // An empty required date is reported by required(); an empty optional one is fine.
    this.reasons.push(check(`${dp} IN ('shape', 'impossible', 'range')`, `concat(${text}, '：', ${f(col)})`));
    return `makeDate32(${y}, ${m}, ${d})`;
  }

  /** A numeric column ('' → NULL), optionally range-checked; returns the value expression. */
  number(col: string, range?: [number, number]): string {
    const nv = `nv_${col}`, nb = `nb_${col}`;
    this.layers[0]!.push(`if(${f(col)} = '', CAST(NULL AS Nullable(Float64)), toFloat64OrNull(replaceAll(${f(col)}, ',', ''))) AS ${nv}`);
    this.layers[1]!.push(`(${f(col)} != '' AND (isNull(${nv}) OR NOT isFinite(assumeNotNull(${nv})))) AS ${nb}`);
    const bad = msg(`${col} 不是数字`, f(col));
    this.reasons.push(check(nb, bad));
    if (range) {
      this.reasons.push(check(`NOT ${nb} AND isNotNull(${nv}) AND (assumeNotNull(${nv}) < ${range[0]} OR assumeNotNull(${nv}) > ${range[1]})`, msg(`${col} 超出范围 ${range[0]}–${range[1]}`, f(col))));
    }
    return `if(${nb}, CAST(NULL AS Nullable(Float64)), ${nv})`;
  }

  /** Value from a fixed list; empty is left to required() (required columns) or allowed (optional ones). */
  list(col: string, values: readonly string[]): void {
    this.reasons.push(check(`${f(col)} != '' AND NOT has(${litArray(values)}, ${f(col)})`,
      msg(`${col} 不在允许的取值中（${values.join('、')}）`, f(col))));
  }

  /**
   * roles/events: the enterprise must be in this import or already in the data. `enterprisesFile`: this import's
   * enterprises file and its side table (server/import: one row per record, `k` the uscc, `bad` when rejected) — an
   * enterprise whose own row that file rejected is said to be so, not to be missing from the import.
   */
  enterpriseExists(enterprisesTable: string, enterprisesFile: { name: string; side: string } | null): void {
    this.layers[0]!.push(`(${f('uscc')} IN (SELECT uscc FROM ${enterprisesTable})) AS u_known`);
    const text = `transform(${usccProblemSql(f('uscc'))}, ['length', 'alphabet', 'check'], ${usccTexts()}, '')`;
    const missing = enterprisesFile
      ? `if(${f('uscc')} IN (SELECT k FROM ${enterprisesFile.side} WHERE bad = 1), ${lit(`企业在本次导入的 ${enterprisesFile.name} 中被拒绝（原因见该文件的拒绝记录），已有数据中也没有：`)}, ` +
        `'企业不存在（不在本次导入的企业中，也不在已有数据中）：')`
      : `'企业不存在（不在本次导入的企业中，也不在已有数据中）：'`;
    this.reasons.push(check(`${f('uscc')} != '' AND NOT u_known`,
      `if(${text} != '', concat(${text}, ${usccHint(f('uscc'))}, '：', ${f('uscc')}), concat(${missing}, ${f('uscc')}))`));
  }
}

const usccTexts = () => litArray([USCC_PROBLEM_TEXT.length, USCC_PROBLEM_TEXT.alphabet, USCC_PROBLEM_TEXT.check]);

/**
 * What a code that fails the length or alphabet check looks like, when it is one of two common cases the bare rule
 * does not explain: full-width characters (a full-width 9 looks like 9; the message named only I O S V Z and lower
 * case) or a full-width space, a 15-digit registration number of the old scheme, and an all-digit code a spreadsheet
 * turned into a number (9.14403E+17). '' otherwise.
 */
function usccHint(u: string): string {
  return `multiIf(match(${u}, '[\uFF01-\uFF5E\u3000]'), '（含全角字符或全角空格，应为半角数字和大写字母）', ` +
    `match(${u}, '^[0-9]{15}$'), '（15位的是旧版工商注册号，应换为18位统一社会信用代码）', ` +
    `match(${u}, '^[0-9]+(\\\\.[0-9]+)?[Ee]\\\\+?[0-9]+$'), '（已被表格软件转成科学计数法，原代码已丢失，请从原始数据重新导出，代码列设为文本）', '')`;
}

/**
 * Row validation and typed values of a file kind. `enterprisesTable` is where roles/events look enterprises up;
 * `acceptUscc`: codes accepted by this import although their check character fails (besides those in `accepted_uscc`);
 * checked to be 18 characters of the USCC alphabet before they get here (checkAcceptList).
 */
export function rowSql(kind: Kind, enterprisesTable: string, acceptUscc: readonly string[] = [],
  enterprisesFile: { name: string; side: string } | null = null): RowSql {
  const spec = SPECS[kind];
  const b = new Builder();
  b.required(spec);
  if (kind === 'enterprises') {
    const ind = f('industry_code');
    b.layers[0]!.push(`${usccProblemSql(f('uscc'))} AS u_problem`);
    b.layers[0]!.push(`(${f('uscc')} IN (SELECT uscc FROM accepted_uscc)${acceptUscc.length ? ` OR has(${litArray(acceptUscc)}, ${f('uscc')})` : ''}) AS u_accepted`);
    // Known: a listed code; a class (C1391) of a listed group; or a group or class of a division whose groups the
    // reference does not list (server/reference/industries.ts lists them for some divisions only: without this, every
    // enterprise in textiles C17, mining B06–B12, rail G53 … was refused).
    b.layers[0]!.push(`(${ind} IN (SELECT code FROM industries) OR (match(${ind}, '^[A-T][0-9]{4}$') AND ` +
      `substring(${ind}, 1, 4) IN (SELECT code FROM industries WHERE level = 3)) OR (match(${ind}, '^[A-T][0-9]{3,4}$') AND ` +
      `substring(${ind}, 1, 3) IN (SELECT code FROM industries WHERE level = 2) AND ` +
      `substring(${ind}, 1, 3) NOT IN (SELECT parent_code FROM industries WHERE level = 3))) AS ind_known`);
    b.reasons.push(check(`${f('uscc')} != '' AND u_problem != '' AND NOT (u_problem = 'check' AND u_accepted)`,
      `concat(transform(u_problem, ['length', 'alphabet', 'check'], ${usccTexts()}, ''), ${usccHint(f('uscc'))}, '：', ${f('uscc')})`));
    const regDate = b.date('reg_date');
    b.list('status', STATUSES);
    b.reasons.push(check(`${f('region_code')} != '' AND r.code = ''`, msg('未知的行政区划代码（应为6位区县或9位乡镇街道代码）', f('region_code'))));
    b.reasons.push(check(`${ind} != '' AND NOT ind_known`, msg('未知的行业代码（GB/T 4754-2017）', ind)));
    const capital = b.number('reg_capital_wan', [0, 1e12]);
    const lng = b.number('lng', [-180, 180]);
    const lat = b.number('lat', [-90, 90]);
    return {
      layers: b.layers,
      // A county, a street/town, or a prefecture-level city without counties (东莞 441900, 中山 442000, 儋州 460400):
      // its own code is its county-level code, as its streets' county_code already is.
      joins: `LEFT ANY JOIN (SELECT code, level, province_code, prefecture_code, if(level = 2, code, county_code) AS county_code FROM regions
        WHERE level IN (3, 4) OR (level = 2 AND code NOT IN (SELECT prefecture_code FROM regions WHERE level = 3))) AS r ON r.code = s.${f('region_code')}`,
      reasons: b.reasons,
      values: {
        uscc: f('uscc'),
        name: f('name'),
        entity_type: f('entity_type'),
        reg_date: regDate,
        status: f('status'),
        industry_code: ind,
        industry_section: `substring(${ind}, 1, 1)`,
        industry_division: `if(length(${ind}) >= 3, substring(${ind}, 1, 3), '')`,
        region_code: f('region_code'),
        province_code: 'r.province_code',
        prefecture_code: 'r.prefecture_code',
        county_code: 'r.county_code',
        street_code: `if(r.level = 4, r.code, '')`,
        address: f('address'),
        address_key: addressKeySql(f('address'), 'r.county_code'),
        legal_rep_id: f('legal_rep_id'),
        legal_rep_name: f('legal_rep_name'),
        reg_capital_wan: capital,
        lng,
        lat,
        tags: `arrayDistinct(arrayFilter(x -> x != '', arrayMap(x -> trimBoth(x), splitByRegexp('[;；]', ${f('tags')}))))`,
      },
    };
  }
  if (kind === 'roles') {
    b.enterpriseExists(enterprisesTable, enterprisesFile);
    b.list('role', ROLES);
    const share = b.number('share_pct', [0, 100]);
    return {
      layers: b.layers, joins: '', reasons: b.reasons,
      values: { uscc: f('uscc'), person_id: f('person_id'), person_name: f('person_name'), role: f('role'), share_pct: share },
    };
  }
  b.enterpriseExists(enterprisesTable, enterprisesFile);
  const eventDate = b.date('event_date');
  const endDate = b.date('end_date');
  // A listing removed, or a record repaired, before it began (the objection desk refuses such a correction too).
  b.reasons.push(check(`dp_event_date = 'ok' AND dp_end_date = 'ok' AND dd_end_date < dd_event_date`,
    `concat('end_date 早于 event_date（结束不能早于发生）：', ${f('end_date')}, ' < ', ${f('event_date')})`));
  b.list('category', CATEGORIES);
  b.list('severity', SEVERITIES);
  b.list('result', RESULTS);
  const amount = b.number('amount_yuan', [0, 1e15]); // (a negative fine would lower the penalty sums the models read; the desk's corrections refuse one too)
  return {
    layers: b.layers, joins: '', reasons: b.reasons,
    values: {
      event_id: f('event_id'),
      uscc: f('uscc'),
      event_date: eventDate,
      category: f('category'),
      severity: `if(${f('severity')} = '', 'general', ${f('severity')})`,
      end_date: `if(dp_end_date = 'ok', ${endDate}, CAST(NULL AS Nullable(Date32)))`,
      result: f('result'),
      source: f('source'),
      amount_yuan: amount,
      detail: f('detail'),
    },
  };
}
