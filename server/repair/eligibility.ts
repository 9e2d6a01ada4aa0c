/**
 * Credit repair eligibility (信用修复), per record, with the reason in Chinese. Pure: the caller supplies the record,
 * the enterprise's key-area attributes and the later events that show a cure.
 *
 * Rules (DOMAIN.md "Credit repair"; this list is their documentation, shown on the page too):
 *  - penalty (行政处罚) / other dishonesty record: repairable once 6 months have passed since publication, 12 months
 *    for food, drugs and special equipment (重点领域). Publication date = the record's event_date (the import
 *    format has no separate publication date).
 *  - key area: the penalty's source or detail names 食品 / 药品 / 特种设备, or the enterprise's tags do, or its
 *    industry is food (C13 C14 C15 F512 F522 H62) or drugs (C27 F515 F525).
 *  - not repaired: a penalty that is only a warning / circulated criticism (警告 / 通报批评 in the detail with no
 *    fine above SMALL_FINE_YUAN), and a small fine (0 < amount ≤ SMALL_FINE_YUAN = 1,000 元): such records are not
 *    published for long (较低数额罚款、警告、通报批评) and are not repaired.
 *  - abnormal listing (经营异常名录): repaired by curing its ground — already removed (end_date) counts as repaired;
 *    a ground seen as cured in later records (annual report filed after a 未报年报 listing; address change or a
 *    passed inspection after an 无法联系 listing) is eligible; otherwise the ground must be cured first (an analyst
 *    may register the cure with its evidence).
 *  - serious-violation list: removal after 1 year on the list (提前移出); already removed counts as repaired.
 *  - business licence revoked: not repairable. Other categories are not dishonesty records (nothing to repair).
 */
export const SMALL_FINE_YUAN = 1000;
export const PERIOD_MONTHS = { general: 6, keyArea: 12 } as const;
export const SERIOUS_LIST_MONTHS = 12;

export type RepairStatus = 'eligible' | 'not_yet' | 'not_repairable' | 'needs_cure' | 'repaired' | 'not_applicable';
export const STATUS_LABEL: Record<RepairStatus, string> = {
  eligible: '可修复', not_yet: '未满期限', not_repairable: '不予修复', needs_cure: '须先纠正', repaired: '已修复/已移出', not_applicable: '非失信记录',
};

export type RepairRule =
  | 'penalty_period' | 'penalty_period_key_area' | 'warning' | 'small_fine' | 'abnormal_removed' | 'abnormal_cured'
  | 'abnormal_not_cured' | 'serious_list_period' | 'serious_list_removed' | 'license_revoked' | 'repaired' | 'not_credit_record';

export interface RepairRecord {
  event_id: string; category: string; severity: string; event_date: string; end_date: string | null;
  source: string; detail: string; amount_yuan: number | null;
}
export interface RepairEnterprise { tags: readonly string[]; industry_code: string }
/** Other records of the enterprise used to see a cure or an earlier repair. */
export interface LaterEvent { event_id: string; category: string; event_date: string; result: string; detail: string }

export interface Eligibility {
  status: RepairStatus;
  rule: RepairRule;
  reason: string;
  /** First date a repair may be registered (penalties, serious list). */
  eligibleFrom: string | null;
  /** 食品 / 药品 / 特种设备 when the 12-month period applies. */
  keyArea: string | null;
  /** The date the record was repaired or removed, when it was. */
  repairedOn: string | null;
}

const AREAS = ['食品', '药品', '特种设备'] as const;
const AREA_INDUSTRY: Array<[string, string]> = [
  ['C13', '食品'], ['C14', '食品'], ['C15', '食品'], ['F512', '食品'], ['F522', '食品'], ['H62', '食品'],
  ['C27', '药品'], ['F515', '药品'], ['F525', '药品'],
];

/** Adds calendar months to 'YYYY-MM-DD', clamping to the month's last day (01-31 + 1 month → 02-28). */
export function addMonthsDay(s: string, n: number): string {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const idx = y * 12 + (m - 1) + n;
  const ny = Math.floor(idx / 12);
  const nm = idx % 12;
  const last = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The key area a penalty falls in, and why (for the reason text). */
export function keyAreaOf(rec: RepairRecord, ent: RepairEnterprise): { area: string; why: string } | null {
  for (const a of AREAS) {
    if (rec.source.includes(a) || rec.detail.includes(a)) return { area: a, why: `处罚涉及${a}领域` };
  }
  for (const a of AREAS) {
    const tag = ent.tags.find((t) => t.includes(a));
    if (tag) return { area: a, why: `企业标签“${tag}”` };
  }
  for (const [prefix, a] of AREA_INDUSTRY) if (ent.industry_code.startsWith(prefix)) return { area: a, why: `所属行业 ${ent.industry_code}` };
  return null;
}

function abnormalGround(detail: string): { ground: 'report' | 'unreachable' | 'other'; label: string } {
  if (/年报|年度报告/.test(detail)) return { ground: 'report', label: '未按规定报送年度报告' };
  if (/无法联系|住所|经营场所|查无下落/.test(detail)) return { ground: 'unreachable', label: '通过登记的住所或经营场所无法联系' };
  if (/即时信息/.test(detail)) return { ground: 'other', label: '未按规定公示即时信息' };
  if (/虚假|隐瞒/.test(detail)) return { ground: 'other', label: '公示信息隐瞒真实情况、弄虚作假' };
  return { ground: 'other', label: detail ? `列入事由：${detail.slice(0, 40)}` : '列入事由未载明' };
}

const fmtYuan = (n: number) => `${n.toLocaleString('zh-CN')}元`;

/**
 * Eligibility of one record for repair as of `asOf` ('YYYY-MM-DD'). `others` are the enterprise's other records
 * (any date ≤ asOf matters): credit_repair events naming this record (or naming none: a blanket repair), annual
 * reports, address changes and inspections after an abnormal listing.
 */
export function repairEligibility(rec: RepairRecord, ent: RepairEnterprise, others: readonly LaterEvent[], asOf: string): Eligibility {
  const base = { eligibleFrom: null, keyArea: null, repairedOn: null };
  const c = rec.category;
  const creditRecord = ['penalty', 'dishonest', 'abnormal_list', 'serious_dishonest_list', 'license_revoked'].includes(c);
  if (!creditRecord) return { ...base, status: 'not_applicable', rule: 'not_credit_record', reason: '该记录不是失信记录，无需信用修复' };

  // Already repaired: a credit_repair event naming it, or (penalties, dishonesty) a blanket repair after it.
  const ids = new Set(others.map((o) => o.event_id));
  const repairs = others.filter((o) => o.category === 'credit_repair' && o.event_date <= asOf);
  const named = repairs.filter((r) => r.detail === rec.event_id).sort((a, b) => a.event_date.localeCompare(b.event_date))[0];
  const blanket = (c === 'penalty' || c === 'dishonest')
    ? repairs.filter((r) => !ids.has(r.detail) && r.detail !== rec.event_id && r.event_date >= rec.event_date).sort((a, b) => a.event_date.localeCompare(b.event_date))[0]
    : undefined;
  const rep = named ?? blanket;
  if (rep) return { ...base, status: 'repaired', rule: 'repaired', repairedOn: rep.event_date, reason: `已于 ${rep.event_date} 完成信用修复${named ? '' : '（修复记录未指明具体事项，视为修复此前全部处罚）'}` };

  if (c === 'license_revoked') return { ...base, status: 'not_repairable', rule: 'license_revoked', reason: '吊销营业执照不适用信用修复' };

  if (c === 'serious_dishonest_list') {
    if (rec.end_date && rec.end_date <= asOf) return { ...base, status: 'repaired', rule: 'serious_list_removed', repairedOn: rec.end_date, reason: `已于 ${rec.end_date} 移出严重违法失信名单` };
    const from = addMonthsDay(rec.event_date, SERIOUS_LIST_MONTHS);
    if (asOf >= from) return { ...base, status: 'eligible', rule: 'serious_list_period', eligibleFrom: from, reason: `列入严重违法失信名单已满1年（${rec.event_date} 列入），可申请提前移出并修复` };
    return { ...base, status: 'not_yet', rule: 'serious_list_period', eligibleFrom: from, reason: `列入严重违法失信名单未满1年，${from} 起可申请提前移出` };
  }

  if (c === 'abnormal_list') {
    if (rec.end_date && rec.end_date <= asOf) return { ...base, status: 'repaired', rule: 'abnormal_removed', repairedOn: rec.end_date, reason: `列入事由已纠正，已于 ${rec.end_date} 移出经营异常名录` };
    const g = abnormalGround(rec.detail);
    const after = others.filter((o) => o.event_date >= rec.event_date && o.event_date <= asOf);
    let cure: LaterEvent | undefined;
    let how = '';
    if (g.ground === 'report') {
      cure = after.find((o) => o.category === 'annual_report');
      how = '已补报年度报告';
    } else if (g.ground === 'unreachable') {
      cure = after.find((o) => (o.category === 'change' && /住所|经营场所/.test(o.detail)) || (o.category === 'inspection' && o.result === 'pass'));
      how = cure?.category === 'change' ? '已办理住所变更登记' : '经核查可通过登记住所联系';
    }
    if (cure) return { ...base, status: 'eligible', rule: 'abnormal_cured', reason: `列入事由（${g.label}）已纠正：${cure.event_date} ${how}，可申请移出经营异常名录并修复` };
    return { ...base, status: 'needs_cure', rule: 'abnormal_not_cured', reason: `列入事由（${g.label}）尚未见纠正，须先纠正（补报、更正或可联系）后方可申请移出；如已纠正，请登记纠正依据` };
  }

  // penalty / dishonest
  if (rec.end_date && rec.end_date <= asOf) return { ...base, status: 'repaired', rule: 'repaired', repairedOn: rec.end_date, reason: `记录已于 ${rec.end_date} 终止（已修复）` };
  const amount = rec.amount_yuan ?? 0;
  if (c === 'penalty') {
    if (/警告|通报批评/.test(rec.detail) && amount <= SMALL_FINE_YUAN) {
      return { ...base, status: 'not_repairable', rule: 'warning', reason: `仅受警告、通报批评${amount > 0 ? `（罚款 ${fmtYuan(amount)}）` : ''}的行政处罚不予修复（此类信息公示期短，到期自动停止公示）` };
    }
    if (amount > 0 && amount <= SMALL_FINE_YUAN) {
      return { ...base, status: 'not_repairable', rule: 'small_fine', reason: `较低数额罚款（${fmtYuan(amount)}，不超过${fmtYuan(SMALL_FINE_YUAN)}）的行政处罚不予修复（到期自动停止公示）` };
    }
  }
  const ka = keyAreaOf(rec, ent);
  const months = ka ? PERIOD_MONTHS.keyArea : PERIOD_MONTHS.general;
  const rule: RepairRule = ka ? 'penalty_period_key_area' : 'penalty_period';
  const from = addMonthsDay(rec.event_date, months);
  const what = c === 'penalty' ? '行政处罚' : '失信记录';
  const period = ka ? `${ka.area}领域（${ka.why}）公示满1年` : '公示满6个月';
  if (asOf >= from) return { ...base, status: 'eligible', rule, eligibleFrom: from, keyArea: ka?.area ?? null, reason: `${what}已${period}（${rec.event_date} 公示），可申请信用修复` };
  return { ...base, status: 'not_yet', rule, eligibleFrom: from, keyArea: ka?.area ?? null, reason: `${what}须${period}方可修复，${from} 起可申请` };
}
