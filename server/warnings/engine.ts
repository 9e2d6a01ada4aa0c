/**
 * The warnings job (监测预警): evaluates every enabled rule for one month (as of its last day) and publishes the
 * month's warnings atomically (staging table + REPLACE PARTITION). Rules are SQL over `enterprises`, `roles` and
 * `events`; the few rows they return are finished here (evidence, severity, case id) and written back.
 */
import crypto from 'node:crypto';
import type { Db } from '../db/client';
import { sql, p, trusted, type Sql } from '../db/sql';
import { loadRules, RULE_IDS, type RuleId, type RulesFile } from './rules';
import { poissonUpperTail } from './poisson';
import { addMonthsDay } from '../repair/eligibility';
import { utcText } from '../db/time';
import { todayCn } from '../calendar/workdays';
import { clearStale, holdToken } from '../classify/housekeeping';
import { CLOSING_CHANGE, inputVersion, inputsKeptChanging, INPUT_ATTEMPTS } from '../classify/features';

export type Severity = 'high' | 'medium' | 'low';

export interface WarningRow {
  month: string; id: string; rule: RuleId; rules_version: number; key: string; label: string;
  province_code: string; prefecture_code: string; county_code: string; street_code: string;
  members: string[]; new_members: string[]; evidence: string; severity: Severity; score: number;
  first_month: string; status: 'new' | 'continuing'; computed_at: string;
}

type Candidate = Omit<WarningRow, 'month' | 'id' | 'rule' | 'rules_version' | 'first_month' | 'status' | 'computed_at' | 'evidence'> & { evidence: Record<string, unknown> };

export interface MonthBounds { month: string; start: string; end: string }

export function monthBounds(month: string): MonthBounds {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new Error(`月份应为 YYYY-MM: ${month}`);
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { month, start: `${month}-01`, end: `${month}-${String(last).padStart(2, '0')}` };
}

function codesOf(county: string, street: string) {
  return {
    province_code: county.length >= 2 ? `${county.slice(0, 2)}0000` : '',
    prefecture_code: county.length >= 4 ? `${county.slice(0, 4)}00` : '',
    county_code: county,
    street_code: street.startsWith(county) ? street : '',
  };
}

const num = (v: unknown) => Number(v ?? 0);

/**
 * The place of a case with members in several places: the county holding most of its members, then the street
 * (or '' when unknown) holding most of that county's members; ties go to a known place, then the lower code.
 * Counting the (county, street) pairs instead put a person with three enterprises in three streets of 朝阳区 and
 * two in one street of 南关区 in 南关区: the case was scoped to, and pushed to, the county holding fewer of them.
 */
export function mainPlace(places: Array<[string, string]>): { county: string; street: string } {
  const top = (values: string[]): string => {
    const n = new Map<string, number>();
    for (const v of values) n.set(v, (n.get(v) ?? 0) + 1);
    let best = '';
    let bestN = -1;
    // On a tie a known place beats an unknown one (''), then the lower code wins.
    for (const [v, c] of n) if (c > bestN || (c === bestN && (best === '' ? v !== '' : v !== '' && v < best))) { best = v; bestN = c; }
    return best;
  };
  const county = top(places.map(([c]) => c));
  return { county, street: top(places.filter(([c]) => c === county).map(([, s]) => s)) };
}

interface Ctx { db: Db; b: MonthBounds; rules: RulesFile; active: Sql }

/** 一址多照 */
async function multiLicenseAddress({ db, b, rules, active }: Ctx): Promise<Candidate[]> {
  const r = rules.rules['multi-license-address'];
  const rows = await db.rows<Record<string, unknown>>(sql`
    WITH ab AS (SELECT DISTINCT uscc FROM events WHERE category = 'abnormal_list' AND event_date <= ${p.date(b.end)} AND (end_date IS NULL OR end_date > ${p.date(b.end)})),
         cp AS (SELECT uscc, toUInt32(count()) AS n FROM events WHERE category = 'complaint' AND event_date >= addMonths(${p.date(b.start)}, -11) AND event_date <= ${p.date(b.end)} GROUP BY uscc)
    SELECT e.address_key AS key, topK(1)(e.address)[1] AS label,
      groupArray((toString(e.county_code), toString(e.street_code))) AS places,
      groupArray(e.uscc) AS members, groupArrayIf(e.uscc, e.reg_date >= ${p.date(b.start)}) AS new_members,
      toUInt32(count()) AS n, toUInt32(countIf(e.uscc IN (SELECT uscc FROM ab))) AS abnormal,
      toUInt32(sum(cp.n)) AS complaints, toUInt32(uniqExact(e.legal_rep_id)) AS reps,
      toUInt32(uniqExact(e.address)) AS spellings
    FROM enterprises AS e LEFT JOIN cp ON cp.uscc = e.uscc
    WHERE e.address_key != '' AND ${active}
      AND e.address_key IN (SELECT address_key FROM enterprises AS e WHERE e.address_key != '' AND ${active} GROUP BY address_key HAVING count() >= ${p.uint(r.minEnterprises)})
    GROUP BY e.address_key
    SETTINGS join_use_nulls = 0`, 'warnings multi-license-address');
  return rows.map((x) => {
    const { county, street } = mainPlace(x.places as Array<[string, string]>);
    const n = num(x.n);
    const abnormalShare = n ? num(x.abnormal) / n : 0;
    const newMembers = x.new_members as string[];
    const severity: Severity = n >= r.highAt || abnormalShare >= r.highAbnormalShare ? 'high' : newMembers.length > 0 || num(x.complaints) > 0 ? 'medium' : 'low';
    return {
      key: String(x.key), label: String(x.label), ...codesOf(county, street), members: (x.members as string[]).sort(), new_members: newMembers.sort(),
      evidence: { enterprises: n, threshold: r.minEnterprises, new_members: newMembers.length, abnormal: num(x.abnormal), abnormal_share: Math.round(abnormalShare * 1000) / 1000, complaints_12m: num(x.complaints), legal_reps: num(x.reps), address_spellings: num(x.spellings) },
      severity, score: n + num(x.abnormal) * 2 + newMembers.length,
    };
  });
}

/** 一人多企 */
async function multiEnterprisePerson({ db, b, rules, active }: Ctx): Promise<Candidate[]> {
  const r = rules.rules['multi-enterprise-person'];
  const others = r.roles.filter((x) => x !== '法定代表人');
  const parts: Sql[] = [];
  if (r.roles.includes('法定代表人')) parts.push(sql`SELECT legal_rep_id AS person_id, legal_rep_name AS person_name, uscc, '法定代表人' AS role FROM enterprises WHERE legal_rep_id != ''`);
  if (others.length) parts.push(sql`SELECT person_id, person_name, uscc, toString(role) AS role FROM roles WHERE person_id != '' AND role IN ${p.strs(others)}`);
  const src = parts.length === 1 ? parts[0]! : sql`${parts[0]!} UNION ALL ${parts[1]!}`;
  const rows = await db.rows<Record<string, unknown>>(sql`
    WITH ab AS (SELECT DISTINCT uscc FROM events WHERE category = 'abnormal_list' AND event_date <= ${p.date(b.end)} AND (end_date IS NULL OR end_date > ${p.date(b.end)}))
    SELECT r.person_id AS key, anyIf(r.person_name, r.person_name != '') AS label,
      arrayMap(x -> (x.2, x.3), groupUniqArray((r.uscc, toString(e.county_code), toString(e.street_code)))) AS places,
      groupUniqArray(r.uscc) AS members, groupUniqArrayIf(r.uscc, e.reg_date >= ${p.date(b.start)}) AS new_members,
      toUInt32(uniqExact(r.uscc)) AS n, groupUniqArray(r.role) AS roles, toUInt32(uniqExact(e.county_code)) AS counties,
      toUInt32(uniqExactIf(r.uscc, r.uscc IN (SELECT uscc FROM ab))) AS abnormal
    FROM (${src}) AS r
    INNER JOIN (SELECT uscc, county_code, street_code, reg_date FROM enterprises AS e WHERE ${active}) AS e ON e.uscc = r.uscc
    WHERE r.person_id IN (
      SELECT r.person_id FROM (${src}) AS r INNER JOIN (SELECT uscc FROM enterprises AS e WHERE ${active}) AS e ON e.uscc = r.uscc
      GROUP BY r.person_id HAVING uniqExact(r.uscc) >= ${p.uint(r.minEnterprises)})
    GROUP BY r.person_id`, 'warnings multi-enterprise-person');
  return rows.map((x) => {
    const { county, street } = mainPlace(x.places as Array<[string, string]>);
    const n = num(x.n);
    const newMembers = (x.new_members as string[]).sort();
    const severity: Severity = n >= r.highAt || num(x.abnormal) > 0 ? 'high' : num(x.counties) > 1 || newMembers.length > 0 ? 'medium' : 'low';
    return {
      key: String(x.key), label: String(x.label ?? ''), ...codesOf(county, street), members: (x.members as string[]).sort(), new_members: newMembers,
      evidence: { enterprises: n, threshold: r.minEnterprises, roles: (x.roles as string[]).sort(), counties: num(x.counties), abnormal: num(x.abnormal), new_members: newMembers.length },
      severity, score: n + num(x.abnormal) * 2,
    };
  });
}

/** Shared shape of the one-enterprise rules: `inner` yields `uscc` plus rule columns; joined to the enterprise. */
async function perEnterprise(db: Db, b: MonthBounds, inner: Sql, tag: string): Promise<Array<Record<string, unknown>>> {
  return db.rows<Record<string, unknown>>(sql`
    SELECT x.* EXCEPT (uscc), e.uscc AS uscc, e.name AS ent_name, e.county_code AS county, e.street_code AS street, toString(e.reg_date) AS reg_date, toString(e.status) AS ent_status
    FROM enterprises AS e INNER JOIN (${inner}) AS x ON e.uscc = x.uscc
    WHERE e.reg_date <= ${p.date(b.end)}`, tag);
}

function single(x: Record<string, unknown>, evidence: Record<string, unknown>, severity: Severity, score: number, newMember = false): Candidate {
  const uscc = String(x.uscc);
  return {
    key: uscc, label: String(x.ent_name), ...codesOf(String(x.county), String(x.street)), members: [uscc], new_members: newMember ? [uscc] : [],
    evidence: { ...evidence, reg_date: x.reg_date, status: x.ent_status }, severity, score,
  };
}

/** 频繁变更: ≥ N changes of the listed kinds within the window, at least one in the month. */
async function frequentChanges({ db, b, rules }: Ctx): Promise<Candidate[]> {
  const r = rules.rules['frequent-changes'];
  const rows = await perEnterprise(db, b, sql`
    SELECT uscc, toUInt32(count()) AS n, toUInt32(countIf(event_date >= ${p.date(b.start)})) AS in_month,
      arraySort(groupArray((toString(event_date), detail))) AS items
    FROM events
    WHERE category = 'change' AND event_date >= addMonths(${p.date(b.start)}, ${p.int(1 - r.windowMonths)}) AND event_date <= ${p.date(b.end)}
      AND multiSearchAny(detail, ${p.strs(r.kinds)})
    GROUP BY uscc HAVING n >= ${p.uint(r.minChanges)} AND in_month > 0`, 'warnings frequent-changes');
  return rows.map((x) => {
    const items = (x.items as Array<[string, string]>).map(([date, detail]) => ({ date, detail }));
    const n = num(x.n);
    return single(x, { changes: n, window_months: r.windowMonths, threshold: r.minChanges, kinds: r.kinds, items }, n >= r.highAt ? 'high' : 'medium', n);
  });
}

/** 成立即异常: listed abnormal in the month, within W months of registration. */
async function abnormalAfterRegistration({ db, b, rules }: Ctx): Promise<Candidate[]> {
  const r = rules.rules['abnormal-after-registration'];
  const rows = await perEnterprise(db, b, sql`
    SELECT uscc, toString(min(event_date)) AS listed, any(detail) AS reason
    FROM events WHERE category = 'abnormal_list' AND event_date >= ${p.date(b.start)} AND event_date <= ${p.date(b.end)}
    GROUP BY uscc`, 'warnings abnormal-after-registration');
  const out: Candidate[] = [];
  for (const x of rows) {
    // 'YYYY-MM-DD' strings compare as dates. Month arithmetic clamps to the month's last day (2024-02-29 + 12 months
    // = 2025-02-28, not 03-01), and the months reported are whole months elapsed (06-30 → 12-01 is 5, not 6).
    const reg = String(x.reg_date);
    const listed = String(x.listed);
    if (listed > addMonthsDay(reg, r.withinMonths)) continue;
    // Listed before it was registered: the dates are wrong (an enterprise cannot be listed before it exists), and
    // counting it as 0 months after registration made it a high-severity case.
    if (listed < reg) continue;
    let months = 0;
    while (months < r.withinMonths && addMonthsDay(reg, months + 1) <= listed) months += 1;
    out.push(single(x, { listed: x.listed, months_after_registration: months, within_months: r.withinMonths, reason: x.reason }, months < r.highWithinMonths ? 'high' : 'medium', r.withinMonths - months));
  }
  return out;
}

/** 投诉激增: the month's complaints against the enterprise's own monthly mean (Poisson upper tail). */
async function complaintSurge({ db, b, rules }: Ctx): Promise<Candidate[]> {
  const r = rules.rules['complaint-surge'];
  const rows = await perEnterprise(db, b, sql`
    SELECT uscc, toUInt32(countIf(event_date >= ${p.date(b.start)})) AS x, toUInt32(countIf(event_date < ${p.date(b.start)})) AS base
    FROM events WHERE category = 'complaint' AND event_date >= addMonths(${p.date(b.start)}, ${p.int(-r.baselineMonths)}) AND event_date <= ${p.date(b.end)}
    GROUP BY uscc HAVING x >= ${p.uint(r.minComplaints)}`, 'warnings complaint-surge');
  // Complaints are known from the month of the first complaint on record: before it there is no baseline, only
  // missing data. Dividing by the months since registration alone made every month of the data's first year a
  // surge month (2 complaints in the first month of data, 3 in the next: a mean of 2/12 instead of 2, p ≈ 0.0007).
  const first = rows.length ? await db.one<{ d: string }>(sql`SELECT toString(min(event_date)) AS d FROM events WHERE category = 'complaint'`, 'warnings complaint data start') : null;
  const [dy, dm] = String(first?.d ?? b.start).split('-').map(Number) as [number, number];
  const [my, mm] = b.month.split('-').map(Number) as [number, number];
  const monthsOfData = Math.max(0, (my - dy) * 12 + mm - dm);
  const out: Candidate[] = [];
  for (const x of rows) {
    const reg = String(x.reg_date);
    const [ry, rm] = reg.split('-').map(Number) as [number, number];
    const sinceRegistration = Math.max(0, (my - ry) * 12 + mm - rm);
    // An enterprise older than the data, in the data's first month: its usual level is unknown — no surge to measure.
    if (monthsOfData === 0 && sinceRegistration > 0) continue;
    const months = Math.min(r.baselineMonths, sinceRegistration, monthsOfData);
    const lambda = Math.max(months > 0 ? num(x.base) / months : 0, r.minBaseline);
    const pValue = poissonUpperTail(num(x.x), lambda);
    if (!(pValue < r.alpha)) continue;
    out.push(single(x, { complaints: num(x.x), baseline_total: num(x.base), baseline_months: months, baseline_mean: Math.round(lambda * 1000) / 1000, p_value: Number(pValue.toPrecision(3)), alpha: r.alpha, min_complaints: r.minComplaints },
      pValue < r.highAlpha ? 'high' : 'medium', -Math.log10(Math.max(pValue, 1e-300))));
  }
  return out;
}

/** 检查查无下落 */
async function unreachableInspection({ db, b }: Ctx): Promise<Candidate[]> {
  const rows = await perEnterprise(db, b, sql`
    SELECT uscc, toString(max(event_date)) AS inspected, toUInt32(count()) AS n, arrayStringConcat(groupUniqArray(toString(source)), '、') AS sources, any(detail) AS note
    FROM events WHERE category = 'inspection' AND result = 'unreachable' AND event_date >= ${p.date(b.start)} AND event_date <= ${p.date(b.end)}
    GROUP BY uscc`, 'warnings unreachable-inspection');
  return rows.map((x) => single(x, { inspected: x.inspected, inspections: num(x.n), sources: x.sources, note: x.note }, 'medium', num(x.n)));
}

/**
 * 新列严重失信: put on the serious list in the month, not already on it. A listing in the month is new when no
 * earlier listing of the enterprise was live on the day before it — the classification's convention: a listing is
 * live on a day while its end_date is after that day, so it was live on the day before d when end_date ≥ d (or none).
 * Each listing of the month is judged on its own date: a removal and a re-listing within the month (removed 09-05,
 * re-listed 09-20) is a new listing, as is a re-listing after a removal on the month's first day.
 */
async function seriousListNew({ db, b }: Ctx): Promise<Candidate[]> {
  const rows = await perEnterprise(db, b, sql`
    SELECT uscc, toString(min(d)) AS listed, argMin(reason, d) AS reason FROM (
      SELECT n.event_id AS event_id, n.uscc AS uscc, n.event_date AS d, any(n.detail) AS reason,
        countIf(o.event_date < n.event_date AND (o.end_date IS NULL OR o.end_date >= n.event_date)) AS live_before
      FROM (SELECT event_id, uscc, event_date, detail FROM events WHERE category = 'serious_dishonest_list' AND event_date >= ${p.date(b.start)} AND event_date <= ${p.date(b.end)}) AS n
      INNER JOIN (SELECT uscc, event_date, end_date FROM events WHERE category = 'serious_dishonest_list' AND event_date <= ${p.date(b.end)}) AS o ON o.uscc = n.uscc
      GROUP BY n.event_id, n.uscc, n.event_date)
    WHERE live_before = 0
    GROUP BY uscc`, 'warnings serious-list-new');
  return rows.map((x) => single(x, { listed: x.listed, reason: x.reason }, 'high', 1));
}

const RULE_FN: Record<RuleId, (c: Ctx) => Promise<Candidate[]>> = {
  'multi-license-address': multiLicenseAddress,
  'multi-enterprise-person': multiEnterprisePerson,
  'frequent-changes': frequentChanges,
  'abnormal-after-registration': abnormalAfterRegistration,
  'complaint-surge': complaintSurge,
  'unreachable-inspection': unreachableInspection,
  'serious-list-new': seriousListNew,
};

export function warningId(rule: string, key: string, firstMonth: string): string {
  return crypto.createHash('md5').update(`${rule}\u0001${key}\u0001${firstMonth}`).digest('hex').slice(0, 16);
}

export interface RunResult { month: string; rulesVersion: number; counts: Partial<Record<RuleId, number>>; warnings: number; seconds: number }

/**
 * Enterprises not active now (a status outside `activeStatuses`: 注销, 迁出, 吊销) but still active at the end of
 * month `b`, by the date they closed — as the classification dates a closure (server/classify/features.ts
 * buildShared `closures`): the first `change` event mentioning 注销/迁出, else the last event; for 吊销 the first
 * `license_revoked` event, else the last event. One without any event has no date and counts as closed throughout.
 * Without this, re-running an earlier month used today's statuses: an address with 10 active enterprises in May,
 * one of them cancelled in June, came out with 9 in May, its case vanished and June's got a new id.
 */
function closedLaterSql(b: MonthBounds, rules: RulesFile): Sql {
  const closing = (['注销', '迁出', '吊销'] as const).filter((x) => !(rules.activeStatuses as readonly string[]).includes(x));
  return sql`
    SELECT c.uscc AS uscc FROM (
      SELECT uscc, countIf(${trusted(CLOSING_CHANGE)}) > 0 AS has_change, minIf(event_date, ${trusted(CLOSING_CHANGE)}) AS change_on,
        countIf(category = 'license_revoked') > 0 AS has_revoked, minIf(event_date, category = 'license_revoked') AS revoked_on, max(event_date) AS last_on
      FROM events WHERE uscc IN (SELECT uscc FROM enterprises WHERE status IN ${p.strs(closing.length ? closing : [''])})
      GROUP BY uscc) AS c
    INNER JOIN (SELECT uscc, toString(status) AS status FROM enterprises WHERE status IN ${p.strs(closing.length ? closing : [''])}) AS e ON e.uscc = c.uscc
    WHERE multiIf(e.status = '吊销', if(c.has_revoked, c.revoked_on, c.last_on), if(c.has_change, c.change_on, c.last_on)) > ${p.date(b.end)}`;
}

/**
 * Computes all enabled rules (or `opts.rules`) for `month` and replaces that month's warnings of those rules.
 * "Active" is as of the month's end (status now, or closed only after the month: closedLaterSql), so re-running a
 * past month gives what it gave then. Case ids continue from the previous computed month's warnings (run months in
 * order for history); a recomputed case never orphans disposal steps: when the month being replaced held the same
 * (rule, key) under an id with disposal steps, that id is kept (the previous month's case may have been recomputed
 * away, or begun under another id).
 */
export async function runWarnings(db: Db, month: string, opts: { rules?: RuleId[]; version?: number; rulesFile?: RulesFile; afterRules?: (attempt: number) => Promise<void> } = {}): Promise<RunResult> {
  const t0 = performance.now();
  const b = monthBounds(month);
  const rules = opts.rulesFile ?? loadRules(opts.version);
  const selected = (opts.rules ?? [...RULE_IDS]).filter((id) => rules.rules[id].enabled);
  const partition = b.month.replace('-', '');
  // The run's work tables carry `token`, held while it runs: housekeeping (server/classify/housekeeping.ts) drops
  // them once no live process holds it — a run that died leaves nothing behind for long.
  const token = crypto.randomBytes(6).toString('hex');
  const release = holdToken(token);
  try {
    await clearStale(db);
    // The rules read enterprises, roles and events in many statements: an import swapping new copies in between
    // (EXCHANGE TABLES) would mix old and new data in one month's warnings. The copies (inputVersion) are compared
    // around the reads, and the month computed again on a change (as the classification does: server/classify/run.ts).
    for (let attempt = 1; ; attempt++) {
      const before = await inputVersion(db);
      const closedLater = `warnings_closed_${partition}_${token}`;
      try {
        await db.command(trusted(`DROP TABLE IF EXISTS ${closedLater}`));
        await db.command(sql`CREATE TABLE ${trusted(closedLater)} ENGINE = Memory AS ${closedLaterSql(b, rules)}`);
        const ctx: Ctx = {
          db, b, rules,
          active: sql`e.reg_date <= ${p.date(b.end)} AND (e.status IN ${p.strs(rules.activeStatuses)} OR e.uscc IN (SELECT uscc FROM ${trusted(closedLater)}))`,
        };
        const unchanged = async () => {
          await opts.afterRules?.(attempt);
          if (await inputVersion(db) === before) return true;
          if (attempt >= INPUT_ATTEMPTS) throw inputsKeptChanging('预警计算', month);
          return false;
        };
        const result = await compute(db, b, rules, selected, ctx, opts, t0, token, unchanged);
        if (result) return result;
      } finally {
        await db.command(trusted(`DROP TABLE IF EXISTS ${closedLater}`));
      }
    }
  } finally {
    release();
  }
}

/** The month's warnings, published — or null, nothing written, when `unchanged` says an import swapped the tables in meanwhile. */
async function compute(db: Db, b: MonthBounds, rules: RulesFile, selected: RuleId[], ctx: Ctx, opts: { rules?: RuleId[] }, t0: number, token: string,
  unchanged: () => Promise<boolean>): Promise<RunResult | null> {
  const month = b.month;
  // The previous month computed: the month before, or — when months were skipped (`warnings --month` run for May,
  // then for July) — the latest earlier month with warnings, so that a case going on keeps its id and its disposal
  // steps (it became a new case with a new id, its steps left behind on the old one).
  const prevRows = await db.rows<{ rule: string; key: string; id: string; first_month: string }>(sql`
    SELECT rule, key, id, toString(first_month) AS first_month FROM warnings
    WHERE month = (SELECT max(month) FROM warnings WHERE month < ${p.date(b.start)})`, 'warnings previous month');
  const prev = new Map(prevRows.map((r) => [`${r.rule}\u0001${r.key}`, r]));
  // The month's current cases that have disposal steps: a recomputed case of the same (rule, key) keeps the id.
  const keptRows = await db.rows<{ rule: string; key: string; kept_id: string }>(sql`
    SELECT rule, key, any(id) AS kept_id FROM warnings
    WHERE month = ${p.date(b.start)} AND id IN (SELECT warning_id FROM warning_disposals) GROUP BY rule, key`, 'warnings disposed cases');
  const kept = new Map(keptRows.map((r) => [`${r.rule}\u0001${r.key}`, r.kept_id]));
  const computedAt = utcText(new Date(), 's');

  const out: WarningRow[] = [];
  const counts: Partial<Record<RuleId, number>> = {};
  for (const rule of selected) {
    const cands = await RULE_FN[rule](ctx);
    counts[rule] = cands.length;
    for (const c of cands) {
      const k = `${rule}\u0001${c.key}`;
      const before = prev.get(k);
      const first = before?.first_month ?? b.start;
      out.push({
        ...c, month: b.start, id: kept.get(k) ?? before?.id ?? warningId(rule, c.key, first), rule, rules_version: rules.version, evidence: JSON.stringify(c.evidence),
        first_month: first, status: first === b.start ? 'new' : 'continuing', computed_at: computedAt,
      });
    }
  }

  if (!await unchanged()) return null;
  const partition = month.replace('-', '');
  const stage = `warnings_stage_${partition}_${token}`;
  await db.command(trusted(`CREATE TABLE ${stage} AS warnings`));
  try {
    if (opts.rules) {
      await db.command(sql`INSERT INTO ${trusted(stage)} SELECT * FROM warnings WHERE month = ${p.date(b.start)} AND rule NOT IN ${p.strs(selected)}`);
    }
    for (let i = 0; i < out.length; i += 20_000) await db.insert(stage, out.slice(i, i + 20_000));
    const staged = await db.one<{ n: number }>(trusted(`SELECT toUInt32(count()) AS n FROM ${stage}`));
    if (num(staged?.n) > 0) await db.command(trusted(`ALTER TABLE warnings REPLACE PARTITION ID '${partition}' FROM ${stage}`));
    else await db.command(trusted(`ALTER TABLE warnings DROP PARTITION ID '${partition}'`));
  } finally {
    await db.command(trusted(`DROP TABLE IF EXISTS ${stage}`));
  }
  return { month, rulesVersion: rules.version, counts, warnings: out.length, seconds: (performance.now() - t0) / 1000 };
}

/**
 * Months that have data to warn on, oldest first: from the first month with events to the last one that has begun
 * (today in China, `now`), at most 60. An event dated after the current month is a typing error (2099 for 2019,
 * which the import accepts up to 2100): counting it, `warnings --all` computed the 60 months up to 2099 — cluster
 * warnings in every one of them, the desk opening on 2099 — and none of the months with data.
 */
export async function monthsWithData(db: Db, now: Date = new Date()): Promise<string[]> {
  const today = todayCn(now);
  const r = await db.one<{ lo: string; hi: string; n: number }>(sql`
    SELECT formatDateTime(min(event_date), '%Y-%m') AS lo, formatDateTime(max(event_date), '%Y-%m') AS hi, toUInt32(count()) AS n
    FROM events WHERE event_date <= ${p.date(today)}`, 'warnings months with data');
  if (!r || num(r.n) === 0) return [];
  const out: string[] = [];
  let [y, m] = r.hi.slice(0, 7).split('-').map(Number) as [number, number];
  const lo = r.lo.slice(0, 7);
  for (let i = 0; i < 60; i++) {
    const s = `${y}-${String(m).padStart(2, '0')}`;
    out.push(s);
    if (s <= lo) break;
    m -= 1; if (m === 0) { m = 12; y -= 1; }
  }
  return out.reverse();
}
