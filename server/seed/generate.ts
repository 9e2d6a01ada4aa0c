/**
 * Synthetic province (合成省份数据) in the import format of CONTRACT.md: enterprises.csv, roles.csv, events.csv,
 * plus truth.csv (uscc, latent_risk: the planted risk, for validating models; not imported).
 *
 * Every enterprise gets a latent risk (logit of industry, age, entity type, registered capital, address
 * cluster, multi-enterprise legal representative, county, noise), drifting slowly over time. Events are drawn
 * month by month from rates driven by it. Files are streamed: memory does not grow with the event count.
 * Deterministic: one seeded PRNG stream (plus a separate one for map points), no Math.random, no clock.
 */
import fs from 'node:fs';
import path from 'node:path';
import { makeUscc, USCC_ALPHABET } from '../domain/uscc';
import { todayCn } from '../calendar/workdays';
import { addMonths } from '../calendar/months';
import { CsvWriter, csvField } from './csv';
import { pointInCounty } from './geo';
import {
  complaintExposure, ENTITY_RISK, industryRisk, industryWord, pickEntityType, pickIndustry, pickTags,
  type EntityType, type Industry, type KeyTags,
} from './mix';
import { centreName, FOREIGN, personName, tradeName } from './names';
import { hashInts, Rng, sigmoid, Weighted } from './prng';
import { loadProvince, type County, type Province, type Street } from './regions';

export interface SeedOptions {
  /** Two-digit GB/T 2260 province code (22 = 吉林). */
  province: string;
  enterprises: number;
  /** Months of events up to and including endMonth (plus older history). */
  months: number;
  seed: number;
  outDir: string;
  /** YYYY-MM: the last month with events. */
  endMonth: string;
  onProgress?: (text: string, fraction: number | null) => void;
}

export interface SeedResult {
  outDir: string; province: string; provinceName: string; seed: number; months: number; endMonth: string;
  enterprises: number; roles: number; events: number; persons: number; seconds: number;
  files: Record<string, string>;
  status: Record<string, number>;
  eventsByCategory: Record<string, number>;
}

export const ENTERPRISE_COLUMNS = ['uscc', 'name', 'entity_type', 'reg_date', 'status', 'industry_code', 'region_code', 'address', 'legal_rep_id', 'legal_rep_name', 'reg_capital_wan', 'lng', 'lat', 'tags'];
export const ROLE_COLUMNS = ['uscc', 'person_id', 'person_name', 'role', 'share_pct'];
export const EVENT_COLUMNS = ['event_id', 'uscc', 'event_date', 'category', 'severity', 'end_date', 'result', 'source', 'amount_yuan', 'detail'];

// ---------- dates as day numbers (days since 1970-01-01, UTC) ----------
const DAY_MS = 86_400_000;
const dayOf = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / DAY_MS;
const yearOf = (day: number) => new Date(day * DAY_MS).getUTCFullYear();
const DATE_BASE = dayOf(1980, 1, 1);
const dateCache: string[] = [];
function ds(day: number): string {
  const k = day - DATE_BASE;
  return (dateCache[k] ??= new Date(day * DAY_MS).toISOString().slice(0, 10));
}
const monthStart = (mo: number) => dayOf(Math.floor(mo / 12), (mo % 12) + 1, 1);

// ---------- numbers as written in addresses ----------
const CN_DIGIT = '〇一二三四五六七八九';
const FW_DIGIT = '０１２３４５６７８９';
function cnNumber(n: number): string {
  if (n === 0) return '零';
  const units = ['', '十', '百', '千'];
  const ds2 = String(n).split('').map(Number);
  let s = '';
  let zero = false;
  ds2.forEach((d, i) => {
    const u = units[ds2.length - 1 - i]!;
    if (d === 0) { zero = true; return; }
    if (zero && s) s += '零';
    zero = false;
    s += (d === 1 && u === '十' && i === 0 ? '' : CN_DIGIT[d]!) + u;
  });
  return s;
}
type DigitStyle = 0 | 1 | 2;
function num(n: number, style: DigitStyle, digitwise = false): string {
  if (style === 0) return String(n);
  if (style === 1) return String(n).replace(/\d/g, (d) => FW_DIGIT[Number(d)]!);
  return digitwise ? String(n).replace(/\d/g, (d) => CN_DIGIT[Number(d)]!) : cnNumber(n);
}

function shortPlace(name: string): string {
  const s = name.replace(/(?:[^\s]{1,4}族)?自治(?:州|县|旗)$|(?:地区|市|区|县|旗|盟)$/, '');
  return s.length >= 2 ? s : name;
}

// ---------- USCC organisation-code bodies: bijective scrambles of counters, so codes never repeat ----------
const NEW_SPACE = 31 ** 6; // 'MA' + 6 characters (codes issued since 2016)
const OLD_SPACE = 1e8; // 8 digits (older organisation codes)
function newBody(counter: number, seed: number): string {
  let v = (counter * 7_368_787 + (hashInts(seed, 1) % NEW_SPACE)) % NEW_SPACE;
  let s = '';
  for (let i = 0; i < 6; i++) { s = USCC_ALPHABET[v % 31]! + s; v = Math.floor(v / 31); }
  return 'MA' + s;
}
function oldBody(counter: number, seed: number): string {
  const v = (counter * 73_939_133 + (hashInts(seed, 2) % OLD_SPACE)) % OLD_SPACE;
  return String(v).padStart(8, '0');
}

// ---------- persons ----------
const HEX2 = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
/** A person's stable identifier: 32 hex characters, as a hash of an ID number would look. */
function personId(seed: number, idx: number): string {
  let s = '';
  for (let k = 0; k < 4; k++) {
    const h = hashInts(seed, 0x9e75, idx, k);
    s += HEX2[h >>> 24]! + HEX2[(h >>> 16) & 255]! + HEX2[(h >>> 8) & 255]! + HEX2[h & 255]!;
  }
  return s;
}
function personNameOf(seed: number, idx: number): string {
  return personName(new Rng(seed, 0x4a3e, idx));
}

interface Centre {
  county: County; street: Street | null; road: string; number: number; name: string; size: number;
  big: boolean; point: [number, number] | null;
}

const SOURCES = new Weighted<string>([['市场监管部门', 60], ['税务部门', 10], ['生态环境部门', 8], ['应急管理部门', 6], ['住建部门', 6], ['卫生健康部门', 4], ['交通运输部门', 6]]);
const LAWS = ['产品质量法', '广告法', '反不正当竞争法', '价格法', '消费者权益保护法', '市场主体登记管理条例', '计量法', '商标法', '电子商务法'];
const SERIOUS_MEASURES = ['暂扣许可证件', '吊销许可证件', '降低资质等级', '限制开展生产经营活动', '责令停产停业', '责令关闭', '限制从业'];
const DISHONEST = ['未履行行政处罚决定', '拖欠农民工工资', '欠缴税款', '虚假宣传', '违反信用承诺', '拒不配合监管'];
const COMPLAINTS = ['商品质量', '虚假宣传', '价格欺诈', '售后服务', '合同纠纷', '预付式消费', '食品安全', '计量短缺', '退换货'];
const INSPECT_GENERAL = ['企业公示信息抽查', '登记事项检查', '产品质量监督抽查', '广告发布检查', '价格行为检查', '计量器具检查'];
const CHANGE_KINDS = ['法定代表人', '住所', '名称', '注册资本', '经营范围', '股东'] as const;
const NICE_CAPITAL = [1, 3, 5, 10, 20, 30, 50, 100, 200, 300, 500, 800, 1000, 2000, 3000, 5000, 10000, 20000, 50000];
const CAPITAL: Record<EntityType, [number, number]> = {
  有限责任公司: [100, 1.2], 股份有限公司: [3000, 1], 个人独资企业: [10, 1], 合伙企业: [100, 1.3], 农民专业合作社: [50, 1.2],
  外商投资企业: [500, 1.3], 全民所有制企业: [300, 1.2], 集体所有制企业: [100, 1.2],
};

function niceCapital(rng: Rng, type: EntityType): number {
  const [median, sigma] = CAPITAL[type];
  const v = rng.logNormal(median, sigma);
  if (rng.chance(0.75)) {
    let best = NICE_CAPITAL[0]!;
    for (const c of NICE_CAPITAL) if (Math.abs(Math.log(c / v)) < Math.abs(Math.log(best / v))) best = c;
    return best;
  }
  return v < 10 ? Math.max(0.5, Math.round(v * 100) / 100) : Math.round(v);
}

function pickShareholderCount(rng: Rng): number {
  const u = rng.next();
  return u < 0.35 ? 1 : u < 0.75 ? 2 : u < 0.9 ? 3 : u < 0.97 ? 4 : 5;
}

/** The month before the current one in China (Asia/Shanghai), 'YYYY-MM': the default end of the seeded data. */
export function lastCompleteMonth(now = new Date()): string {
  return addMonths(todayCn(now).slice(0, 7), -1);
}

interface EnterpriseFacts {
  uscc: string; regDay: number; deathDay: number; z: number; drift: number; kt: KeyTags; ind: Industry;
  capital: number; centreBig: boolean; revoked: boolean;
}

interface Calendar { endDay: number; winStartDay: number; histStartMo: number; moFirst: Int32Array; nMonths: number }

/** Draws one enterprise's events month by month from its latent risk (one instance reused for all enterprises). */
class EventDrawer {
  private e!: EnterpriseFacts;
  private keyArea = false;
  private seriousListed = false;
  counter = 0;
  readonly byCategory: Record<string, number> = {};

  constructor(private readonly rng: Rng, private readonly out: CsvWriter, private readonly seed: number, private readonly cal: Calendar) {}

  /** Writes one event; returns its event_id, or null when the day falls outside the enterprise's life or the calendar. */
  private emit(day: number, category: string, severity: string, end: number | null, result: string, source: string, amount: string, detail: string): string | null {
    const e = this.e;
    if (day > this.cal.endDay || day < e.regDay || day > e.deathDay || (day === e.deathDay && category !== 'license_revoked')) return null;
    const endS = end !== null && end <= this.cal.endDay ? ds(end) : '';
    const id = `E${this.seed}-${this.counter++}`;
    this.out.line(`${id},${e.uscc},${ds(day)},${category},${severity},${endS},${result},${source},${amount},${detail}`);
    this.byCategory[category] = (this.byCategory[category] ?? 0) + 1;
    return id;
  }

  private penalty(day: number, rt: number): void {
    const { rng, e } = this;
    const serious = rng.chance(0.05 + 0.25 * rt);
    const law = e.kt.food ? '食品安全法' : e.kt.special ? '特种设备安全法' : rng.pick(LAWS);
    const warnOnly = !serious && rng.chance(0.15);
    const measure = serious ? rng.pick(SERIOUS_MEASURES) : warnOnly ? '警告' : '罚款';
    const amount = warnOnly ? '' : String(Math.max(200, Math.round(rng.logNormal(serious ? 30000 : 3000, 1) / 100) * 100));
    // 信用修复: a general penalty can be repaired after 6 months of publication (1 year in key areas).
    const repair = !serious && rng.chance(0.05 + 0.35 * (1 - rt)) ? day + (this.keyArea ? 365 : 182) + rng.int(0, 240) : null;
    const id = this.emit(day, 'penalty', serious ? 'serious' : 'general', repair, '', this.keyArea ? '市场监管部门' : SOURCES.pick(rng), amount, `违反《${law}》，${measure}`);
    // The repair names the record it repairs (detail = its event_id), as a registered repair does: a repair naming
    // no record would repair every earlier penalty and dishonesty record of the enterprise (server/classify/features.ts).
    if (id !== null && repair !== null && repair < e.deathDay) this.emit(repair, 'credit_repair', 'general', null, '', '信用中国', '', id);
  }

  /** 经营异常名录: removed after curing (quickly for low risk); after 3 years unremoved → serious list. Returns the removal day. */
  private abnormal(day: number, rt: number, reason: string): number | null {
    const { rng, e } = this;
    const cured = rng.chance(0.15 + 0.7 * (1 - rt) * (1 - rt));
    const end = cured ? day + (rt < 0.2 ? rng.int(7, 120) : rng.int(30, 600)) : null;
    const id = this.emit(day, 'abnormal_list', 'general', end, '', '市场监管部门', '', reason);
    if (end !== null && rng.chance(0.3) && id !== null) this.emit(end, 'credit_repair', 'general', null, '', '市场监管部门', '', id);
    // Listed 3 years without removal → serious list (rare: most such enterprises are revoked or cancelled first).
    if (end === null && !this.seriousListed && day + 1095 <= this.cal.endDay && day + 1095 < e.deathDay && rng.chance(0.25)) {
      this.seriousListed = true;
      this.emit(day + 1095, 'serious_dishonest_list', 'serious', rng.chance(0.1) ? day + 1095 + rng.int(365, 1200) : null, '', '市场监管部门', '', '列入经营异常名录届满3年仍未履行相关义务');
    }
    return end;
  }

  run(e: EnterpriseFacts): void {
    const { rng, cal } = this;
    this.e = e;
    this.keyArea = e.kt.food || e.kt.special;
    this.seriousListed = false;
    const { kt, ind, regDay, deathDay } = e;
    if (e.revoked) {
      const listed = deathDay - rng.int(180, 540);
      if (listed > regDay) this.abnormal(listed, 0.9, rng.chance(0.5) ? '未按规定报送年度报告' : '通过登记的住所或者经营场所无法联系');
      this.emit(deathDay, 'license_revoked', 'serious', null, '', '市场监管部门', '', '吊销营业执照');
    }
    const exposure = complaintExposure(ind, kt.directSelling);
    const licenceRate = this.keyArea ? 0.04 : ind.section === 'E' || ind.division === 'G54' || ind.division === 'C27' ? 0.025 : 0.008;
    const lastIdx = cal.nMonths - 1;
    for (let mi = 0; mi < cal.nMonths; mi++) {
      const m0 = cal.moFirst[mi]!;
      const m1 = cal.moFirst[mi + 1]! - 1;
      if (m1 < regDay) continue;
      if (m0 >= deathDay) break;
      const rt = sigmoid(e.z + (e.drift * (mi - lastIdx)) / 12);
      // History months (before the window) are drawn like window months: every feature's window of the first
      // classified month is then as full as the last one's. (Drawn thinner — 0.6 × inspections and penalties, no
      // complaints, changes, licences or pledges — the classes drifted toward C/D across the window by construction:
      // C+D 5.8% → 11.2% over 24 months, with no drift planted on average.)
      const hist = 1;
      const len = m1 - m0 + 1;
      const month = (cal.histStartMo + mi) % 12; // 0 = January

      // 年报: the previous year's annual report is due by 30 June; missing → abnormal list in July.
      if (month === 5 && regDay < dayOf(yearOf(m0), 1, 1)) {
        const y = yearOf(m0);
        const deadline = dayOf(y, 6, 30);
        if (deadline < deathDay) {
          if (rng.chance(0.02 + 0.6 * Math.pow(rt, 1.2))) {
            const end = this.abnormal(dayOf(y, 7, 1) + rng.int(0, 14), rt, '未按规定报送年度报告');
            if (end !== null) this.emit(end - rng.int(1, 5), 'annual_report', 'general', null, '', '公示系统', '', `${y - 1}年度报告（补报）`);
          } else {
            const d = dayOf(y, 1, 1) + Math.floor(180 * Math.pow(rng.next(), 0.5));
            this.emit(Math.min(d, deadline), 'annual_report', 'general', null, '', '公示系统', '', `${y - 1}年度报告`);
          }
        }
      }

      // 抽查检查: the problem probability rises steeply with the latent risk.
      let n = rng.poisson((0.02 + 0.08 * rt) * (this.keyArea ? 1.4 : 1) * hist);
      for (; n > 0; n--) {
        const d = Math.max(regDay, m0 + Math.floor(rng.next() * len));
        const u = rng.next();
        const pU = 0.01 + 0.25 * rt * rt + (e.centreBig ? 0.04 : 0);
        const pP = Math.min(0.9, 0.03 + 0.85 * Math.pow(rt, 1.3));
        const result = u < pU ? 'unreachable' : u < pU + pP ? 'problem' : 'pass';
        const src = rng.chance(0.8) ? '双随机抽查' : rng.chance(0.5) ? '定向抽查' : '专项检查';
        const item = kt.food ? '食品安全监督抽查' : kt.special ? '特种设备安全监督检查' : rng.pick(INSPECT_GENERAL);
        this.emit(d, 'inspection', 'general', null, result, src, '', item);
        if (result === 'unreachable') this.abnormal(d + rng.int(5, 30), rt, '通过登记的住所或者经营场所无法联系');
        else if (result === 'problem' && rng.chance(0.4)) this.penalty(d + rng.int(15, 90), rt);
      }
      for (n = rng.poisson((0.002 + 0.05 * Math.pow(rt, 1.5)) * hist); n > 0; n--) this.penalty(Math.max(regDay, m0 + Math.floor(rng.next() * len)), rt);
      for (n = rng.poisson((0.0004 + 0.02 * rt * rt) * hist); n > 0; n--) {
        this.emit(Math.max(regDay, m0 + Math.floor(rng.next() * len)), 'dishonest', 'general', null, '', SOURCES.pick(rng), '', rng.pick(DISHONEST));
      }

      // 投诉举报, with occasional surges.
      n = rng.poisson((0.02 + 0.15 * rt) * exposure);
      if (exposure >= 1 && rng.chance(0.002 * (1 + 10 * rt))) n += rng.int(3, 12);
      if (n > 0) {
        const topic = rng.pick(COMPLAINTS);
        for (; n > 0; n--) this.emit(Math.max(regDay, m0 + Math.floor(rng.next() * len)), 'complaint', 'general', null, '', '12315平台', '', `投诉：${rng.chance(0.6) ? topic : rng.pick(COMPLAINTS)}`);
      }
      // 变更登记: risky enterprises change legal representative and address more often.
      for (n = rng.poisson(0.06 + 0.08 * rt); n > 0; n--) {
        const u = rng.next() * (12.5 + 15 * rt);
        const kind = u < 2 + 6 * rt ? CHANGE_KINDS[0] : u < 4 + 12 * rt ? CHANGE_KINDS[1] : u < 5 + 12 * rt ? CHANGE_KINDS[2] : u < 6.5 + 12 * rt ? CHANGE_KINDS[3] : u < 9.5 + 12 * rt ? CHANGE_KINDS[4] : CHANGE_KINDS[5];
        this.emit(Math.max(regDay, m0 + Math.floor(rng.next() * len)), 'change', 'general', null, '', '市场监管部门', '', kind);
      }
      // 行政许可, pledges.
      for (n = rng.poisson(licenceRate); n > 0; n--) {
        const what = kt.food ? (ind.section === 'C' ? '食品生产许可证' : '食品经营许可证') : kt.special ? '特种设备使用登记证'
          : ind.section === 'E' ? '建筑业企业资质证书' : ind.division === 'G54' ? '道路运输经营许可证' : ind.division === 'C27' ? '药品生产许可证' : '其他行政许可';
        this.emit(Math.max(regDay, m0 + Math.floor(rng.next() * len)), 'license', 'general', null, '', this.keyArea ? '市场监管部门' : SOURCES.pick(rng), '', `${what}${rng.chance(0.3) ? '（延续）' : ''}`);
      }
      if (rng.chance(0.0012 + (e.capital >= 500 ? 0.003 : 0) + 0.004 * rt)) {
        this.emit(Math.max(regDay, m0 + Math.floor(rng.next() * len)), 'equity_pledge', 'general', null, '', '市场监管部门', String(Math.round(e.capital * 10000 * (0.1 + 0.6 * rng.next()))), '股权出质设立登记');
      }
      if (rng.chance(kt.highTech ? 0.003 : 0.0003)) {
        this.emit(Math.max(regDay, m0 + Math.floor(rng.next() * len)), 'ip_pledge', 'general', null, '', '知识产权部门', String(Math.round(rng.logNormal(2_000_000, 0.8) / 10000) * 10000), rng.chance(0.6) ? '专利权质押登记' : '商标专用权质押登记');
      }
    }
  }
}

export async function generateProvince(opts: SeedOptions): Promise<SeedResult> {
  const t0 = performance.now();
  const { seed, months } = opts;
  const N = opts.enterprises;
  const prov: Province = loadProvince(opts.province, seed);
  const rng = new Rng(seed, 0x5eed);
  const geoRng = new Rng(seed, 0x6e0);
  const geoFn = geoRng.fn();

  const [ey, em] = opts.endMonth.split('-').map(Number) as [number, number];
  const endMo = ey * 12 + (em - 1);
  const endDay = monthStart(endMo + 1) - 1;
  const winStartMo = endMo - months + 1;
  const winStartDay = monthStart(winStartMo);
  const histStartMo = winStartMo - 36;
  const nMonths = endMo - histStartMo + 1;
  const moFirst = new Int32Array(nMonths + 1);
  for (let i = 0; i <= nMonths; i++) moFirst[i] = monthStart(histStartMo + i);

  // Registration years 1990…end with growth: most enterprises registered in the last ten years.
  const firstYear = 1990;
  const yearPick = new Weighted<number>(Array.from({ length: ey - firstYear + 1 }, (_, k) => {
    const y = firstYear + k;
    const frac = y === ey ? em / 12 : 1;
    return [y, Math.exp(0.13 * k) * frac] as const;
  }));

  // Business centres (一址多照 material): a few big ones per prefecture, more small shared addresses.
  const urban = prov.counties.filter((c) => c.kind !== 'county' && c.kind !== 'city');
  const urbanPick = new Weighted((urban.length ? urban : prov.counties).map((c) => [c, c.weight] as const));
  const centres: Centre[] = [];
  const nCentres = Math.max(4, Math.round(N / 1000));
  for (let k = 0; k < nCentres; k++) {
    const big = k < Math.max(3, Math.round(nCentres * 0.3));
    const county = big || rng.chance(0.6) ? urbanPick.pick(rng) : prov.countyPick.pick(rng);
    const size = big ? 10 + Math.floor(70 * Math.pow(rng.next(), 2.2)) : rng.int(2, 8);
    centres.push({
      county, street: county.streetPick ? county.streetPick.pick(rng) : null, road: rng.pick(county.roads),
      number: rng.int(1, 3000), name: centreName(rng), size, big, point: pointInCounty(county.code, geoFn),
    });
  }
  const clusterSlots = centres.reduce((s, c) => s + c.size, 0);
  const pCluster = Math.min(0.2, clusterSlots / N);
  const centrePick = new Weighted(centres.map((c) => [c, c.size] as const));

  // Persons behind many enterprises (一人多企): a few with 5–30, many with 2–4; a pool of investors.
  let nextPerson = 0;
  const bigPeople: Array<[number, number]> = [];
  for (let k = 0; k < Math.max(3, Math.round(N / 2500)); k++) bigPeople.push([nextPerson++, 5 + Math.floor(25 * Math.pow(rng.next(), 2))]);
  const medPeople: Array<[number, number]> = [];
  for (let k = 0; k < Math.max(5, Math.round(N / 60)); k++) medPeople.push([nextPerson++, rng.int(2, 4)]);
  const investors: Array<[number, number]> = [];
  for (let k = 0; k < Math.max(5, Math.round(N / 40)); k++) investors.push([nextPerson++, 1 / Math.pow(k + 1, 0.7)]);
  const bigPick = new Weighted(bigPeople);
  const medPick = new Weighted(medPeople);
  const investorPick = new Weighted(investors);
  const pBig = (bigPeople.reduce((s, p) => s + p[1], 0) * 0.75) / N;
  const pMed = medPeople.reduce((s, p) => s + p[1], 0) / N;
  const bigSet = new Set(bigPeople.map((p) => p[0]));

  fs.mkdirSync(opts.outDir, { recursive: true });
  const files = {
    enterprises: path.join(opts.outDir, 'enterprises.csv'), roles: path.join(opts.outDir, 'roles.csv'),
    events: path.join(opts.outDir, 'events.csv'), truth: path.join(opts.outDir, 'truth.csv'),
  };
  const wEnt = new CsvWriter(files.enterprises, ENTERPRISE_COLUMNS);
  const wRole = new CsvWriter(files.roles, ROLE_COLUMNS);
  const wEv = new CsvWriter(files.events, EVENT_COLUMNS);
  const wTruth = new CsvWriter(files.truth, ['uscc', 'latent_risk']);

  const status: Record<string, number> = {};
  const ev = new EventDrawer(rng, wEv, seed, { endDay, winStartDay, histStartMo, moFirst, nMonths });
  let newCounter = 0;
  let oldCounter = 0;

  const placePrefix = (county: County, style: number): string => {
    const pref = county.prefectureName;
    if (style === 0) return prov.name + pref + county.name;
    if (style === 1) return (pref || prov.name) + county.name;
    return county.name;
  };
  const digitStyle = (): DigitStyle => { const u = rng.next(); return u < 0.88 ? 0 : u < 0.95 ? 1 : 2; };

  const progressEvery = Math.max(1, Math.floor(N / 50));

  for (let i = 0; i < N; i++) {
    if (i % progressEvery === 0) opts.onProgress?.(`生成企业 ${i.toLocaleString('zh-CN')}/${N.toLocaleString('zh-CN')}`, i / N);

    // --- who and where ---
    const ind: Industry = pickIndustry(rng);
    const regYear = yearPick.pick(rng);
    const yearStart = dayOf(regYear, 1, 1);
    const regDay = Math.min(endDay, yearStart + Math.floor(rng.next() * 365));
    const ageYears = (endDay - regDay) / 365.25;
    const type = pickEntityType(rng, ind, regYear);
    const centre = rng.chance(pCluster) ? centrePick.pick(rng) : null;
    const county = centre ? centre.county : prov.countyPick.pick(rng);
    let rep: number;
    const up = rng.next();
    if ((centre?.big && rng.chance(0.3)) || up < pBig) rep = bigPick.pick(rng);
    else if (up < pBig + pMed) rep = medPick.pick(rng);
    else rep = nextPerson++;
    const repIsBig = bigSet.has(rep);
    const repIsMed = !repIsBig && rep < bigPeople.length + medPeople.length;
    const kt: KeyTags = pickTags(rng, ind, type, ageYears);
    const capital = niceCapital(rng, type);

    // --- planted latent risk ---
    const ageTerm = ageYears < 1 ? 0.7 : ageYears < 2 ? 0.5 : ageYears < 3 ? 0.3 : ageYears < 5 ? 0.1 : ageYears < 10 ? 0 : -0.3;
    const z = -2.75 + industryRisk(ind) + ageTerm + ENTITY_RISK[type] + (capital < 10 ? 0.25 : capital >= 1000 ? -0.3 : 0)
      + (centre ? (centre.big ? 1.1 : 0.4) : 0) + (repIsBig ? 0.9 : repIsMed ? 0.3 : 0) + county.riskOffset
      + (kt.directSelling ? 0.8 : 0) + (kt.highTech ? -0.4 : 0) + 1.0 * rng.normal();
    const risk = sigmoid(z);
    const drift = 0.2 * rng.normal(); // logit change per year (backwards in time)

    // --- status ---
    let st = rng.chance(0.3) ? '在业' : '存续';
    let deathDay = endDay + 1;
    const us = rng.next();
    // 吊销 (licence revoked) is a hard rule to D: with the serious-violation list it makes the D class, observed at 1.5%
    // (DOMAIN.md, Dandong 2023). 0.6 × risk here revoked 6.5% of enterprises and made D 8.6%; now ≈ 0.6% (D ≈ 2%).
    const pRevoke = ageYears >= 1.5 ? Math.min(0.05, 0.05 * risk + 0.001) : 0;
    const pCancel = 0.035 + 0.009 * Math.min(ageYears, 15);
    if (us < pRevoke) { st = '吊销'; deathDay = regDay + 548 + Math.floor(rng.next() * (endDay - regDay - 548)); }
    else if (us < pRevoke + pCancel && endDay - regDay > 60) { st = '注销'; deathDay = regDay + 60 + Math.floor(rng.next() * (endDay - regDay - 60)); }
    else if (us < pRevoke + pCancel + 0.01 && endDay - regDay > 180) { st = '迁出'; deathDay = regDay + 180 + Math.floor(rng.next() * (endDay - regDay - 180)); }
    status[st] = (status[st] ?? 0) + 1;

    // --- codes, names, address ---
    const prefix = type === '农民专业合作社' ? '93' : '91';
    const body = regYear >= 2016 && newCounter < NEW_SPACE ? newBody(newCounter++, seed) : oldBody(oldCounter++, seed);
    const uscc = makeUscc(prefix, county.code, body);
    const trade = tradeName(rng);
    const word = industryWord(rng, ind);
    const up2 = rng.next();
    const place = up2 < 0.5 ? prov.shortName + (rng.chance(0.3) ? (prov.name.endsWith('省') ? '省' : '') : '')
      : up2 < 0.85 ? shortPlace(county.prefectureName || prov.name) + (rng.chance(0.4) && county.prefectureName.endsWith('市') ? '市' : '')
        : shortPlace(county.name);
    let name: string;
    switch (type) {
      case '股份有限公司': name = `${place}${trade}${word}股份有限公司`; break;
      case '个人独资企业': name = `${shortPlace(county.name)}${trade}${word}${rng.pick(['经营部', '服务部', '中心', '工作室', '经销处'])}`; break;
      case '合伙企业': name = `${place}${trade}${word}中心（${rng.chance(0.6) ? '有限合伙' : '普通合伙'}）`; break;
      case '农民专业合作社': name = `${shortPlace(county.name)}${trade}${rng.pick(['玉米种植', '水稻种植', '蔬菜种植', '食用菌', '肉牛养殖', '生猪养殖', '农机', '中药材种植', '果蔬'])}专业合作社`; break;
      case '外商投资企业': name = `${rng.pick(FOREIGN)}${word}（${prov.shortName}）有限公司`; break;
      case '全民所有制企业': case '集体所有制企业': name = `${place}${trade}${word}${rng.pick(['厂', '公司', '总公司'])}`; break;
      default: name = `${place}${trade}${word}${rng.chance(0.1) ? '有限责任公司' : '有限公司'}`;
    }

    let address: string;
    let regionCode = county.code;
    let point: [number, number] | null;
    const dsx = digitStyle();
    const pstyle = rng.int(0, 2);
    if (centre) {
      address = `${placePrefix(county, pstyle)}${centre.street?.name ?? ''}${centre.road}${num(centre.number, dsx)}号${centre.name}`;
      if (rng.chance(0.15)) address += `${num(rng.int(2, 28), dsx)}层${num(rng.int(1, 40), dsx, true)}室`;
      if (centre.street && rng.chance(0.3)) regionCode = centre.street.code;
      point = centre.point;
    } else {
      const street = county.streetPick ? county.streetPick.pick(rng) : null;
      const withStreet = street && rng.chance(0.8);
      address = `${placePrefix(county, pstyle)}${withStreet ? street.name : ''}${rng.pick(county.roads)}${num(rng.int(1, 2999), dsx)}号`;
      const ur = rng.next();
      if (ur < 0.25) address += `${num(rng.int(1, 30), dsx)}栋${num(rng.int(1, 28) * 100 + rng.int(1, 12), dsx, true)}室`;
      else if (ur < 0.35) address += `${num(rng.int(1, 20), dsx)}号楼${num(rng.int(1, 6), dsx)}单元${num(rng.int(1, 18) * 100 + rng.int(1, 6), dsx, true)}室`;
      else if (ur < 0.42) address += `${rng.int(1, 20)}-${rng.int(1, 6)}-${rng.int(1, 18) * 100 + rng.int(1, 6)}`;
      if (street && rng.chance(0.3)) regionCode = street.code;
      point = pointInCounty(county.code, geoFn);
    }

    const repId = personId(seed, rep);
    const repName = personNameOf(seed, rep);
    wEnt.line([uscc, csvField(name), type, ds(regDay), st, ind.code, regionCode, csvField(address), repId, repName, String(capital),
      point ? point[0].toFixed(6) : '', point ? point[1].toFixed(6) : '', kt.tags.join(';')].join(','));
    wTruth.line(`${uscc},${risk.toFixed(5)}`);

    // --- roles ---
    wRole.line(`${uscc},${repId},${repName},法定代表人,`);
    const holders: number[] = [];
    if (type === '个人独资企业') holders.push(rep);
    else if (type !== '全民所有制企业' && type !== '集体所有制企业') {
      const k = type === '农民专业合作社' ? rng.int(5, 9) : type === '合伙企业' ? rng.int(2, 5) : type === '股份有限公司' ? rng.int(3, 7)
        : type === '外商投资企业' ? rng.int(1, 2) : pickShareholderCount(rng);
      if (rng.chance(0.75)) holders.push(rep);
      while (holders.length < k) {
        const h = rng.chance(0.12) ? investorPick.pick(rng) : nextPerson++;
        if (!holders.includes(h)) holders.push(h);
      }
    }
    if (holders.length) {
      const w = holders.map((h) => (h === rep ? 2 : 1) * (0.3 + rng.next()));
      const tw = w.reduce((a, b) => a + b, 0);
      const scale = holders.length > 1 && rng.chance(0.08) ? 0.5 + 0.45 * rng.next() : 1; // some holders not natural persons
      const total = Math.round(10000 * scale);
      let left = total;
      holders.forEach((h, j) => {
        const cents = j === holders.length - 1 ? left : Math.min(left, Math.round((total * w[j]!) / tw));
        left -= cents;
        wRole.line(`${uscc},${personId(seed, h)},${personNameOf(seed, h)},股东,${(cents / 100).toFixed(2)}`);
      });
    }
    const others: string[] = [];
    if (type === '股份有限公司') {
      for (let k = rng.int(3, 5); k > 0; k--) others.push('董事');
      for (let k = rng.int(1, 3); k > 0; k--) others.push('监事');
      others.push('高管');
    } else if ((type === '有限责任公司' || type === '外商投资企业') && rng.chance(0.8)) others.push('监事');
    if (rng.chance(0.5)) others.push('财务负责人');
    if (rng.chance(0.4)) others.push('联络员');
    for (const role of others) {
      const p = nextPerson++;
      wRole.line(`${uscc},${personId(seed, p)},${personNameOf(seed, p)},${role},`);
    }

    // --- events ---
    ev.run({ uscc, regDay, deathDay, z, drift, kt, ind, capital, centreBig: !!centre?.big, revoked: st === '吊销' });

    if (wEv.full || wEnt.full || wRole.full || wTruth.full) {
      await Promise.all([wEnt.flush(), wRole.flush(), wEv.flush(), wTruth.flush()]);
    }
  }
  await Promise.all([wEnt.close(), wRole.close(), wEv.close(), wTruth.close()]);
  opts.onProgress?.(`生成完成：${N.toLocaleString('zh-CN')} 户企业，${wEv.rows.toLocaleString('zh-CN')} 条事件`, 1);
  return {
    outDir: opts.outDir, province: opts.province, provinceName: prov.name, seed, months, endMonth: opts.endMonth,
    enterprises: wEnt.rows, roles: wRole.rows, events: wEv.rows, persons: nextPerson,
    seconds: (performance.now() - t0) / 1000, files, status, eventsByCategory: ev.byCategory,
  };
}
