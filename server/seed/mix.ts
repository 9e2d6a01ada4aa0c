/** Industry mix, entity types and per-industry parameters of the synthetic province. */
import { DIVISIONS, GROUPS, CLASSES } from '../reference/industries';
import { Rng, Weighted } from './prng';

/** Section shares (%): wholesale/retail dominate, then leasing & business services, tech, construction, manufacturing. */
export const SECTION_WEIGHTS: Record<string, number> = {
  F: 32, L: 12, I: 4.2, M: 5.8, E: 8, C: 8, H: 6, A: 5.2, G: 4, K: 3.4, O: 4.2, R: 2.2, P: 1.3, Q: 0.8, N: 1.1,
  J: 0.8, D: 0.5, B: 0.45, S: 0.05,
};

/** Division weights within a section (unlisted divisions of a listed section get weight 1). */
const DIVISION_WEIGHTS: Record<string, number> = {
  F51: 52, F52: 48, L71: 14, L72: 86, H61: 20, H62: 80, I63: 4, I64: 24, I65: 72, M73: 10, M74: 36, M75: 54,
  E47: 25, E48: 24, E49: 14, E50: 37, K70: 1, A01: 46, A02: 6, A03: 30, A04: 4, A05: 14,
  G53: 0.3, G54: 55, G55: 1, G56: 0.3, G57: 0.2, G58: 16, G59: 16, G60: 9,
  C13: 12, C14: 6, C15: 4, C16: 0.1, C17: 1.5, C18: 3, C19: 1, C20: 3, C21: 3, C22: 1.5, C23: 2, C24: 1, C25: 0.5,
  C26: 5, C27: 4, C28: 0.3, C29: 5, C30: 8, C31: 0.8, C32: 0.8, C33: 10, C34: 9, C35: 7, C36: 6, C37: 1, C38: 4,
  C39: 3, C40: 1.5, C41: 1, C42: 1.5, C43: 1.5, O80: 45, O81: 35, O82: 20, R86: 8, R87: 14, R88: 26, R89: 20, R90: 32,
  Q84: 80, Q85: 20, N76: 10, N77: 40, N78: 48, N79: 2, J66: 8, J67: 28, J68: 12, J69: 52, D44: 60, D45: 20, D46: 20,
  B06: 20, B07: 2, B08: 10, B09: 10, B10: 56, B11: 1, B12: 1, S95: 80, S96: 20, S91: 0, S92: 0, S93: 0, S94: 0, T97: 0,
};

/** Within-division weights of some groups (others 1): where the real mass is. */
const GROUP_WEIGHTS: Record<string, number> = {
  F521: 3, F522: 3, F529: 3, F523: 2, F526: 1.5, F517: 2.5, F516: 2, F512: 2, F511: 1.5,
  H621: 3, H622: 2.5, H629: 2, H612: 3, L724: 3, L729: 3, L721: 2, L722: 1.5, L725: 2, L726: 1.5, I651: 3, I653: 2,
  I656: 2, E501: 4, K701: 3, K702: 3, K703: 2, M748: 2, M751: 4, G543: 5, G544: 1.5, A011: 3, A031: 2, A032: 1.5,
  C139: 2, C135: 2, C131: 1.5, O804: 2, O811: 3,
};

const divisionsBySection = new Map<string, Weighted<string>>();
for (const s of Object.keys(SECTION_WEIGHTS)) {
  const ds = DIVISIONS.filter((d) => d.code[0] === s).map((d) => [d.code, DIVISION_WEIGHTS[d.code] ?? 1] as const);
  divisionsBySection.set(s, new Weighted(ds));
}
const sections = new Weighted(Object.entries(SECTION_WEIGHTS));
const groupsByDivision = new Map<string, Weighted<string>>();
for (const g of GROUPS) {
  const d = g.code.slice(0, 3);
  if (!groupsByDivision.has(d)) {
    groupsByDivision.set(d, new Weighted(GROUPS.filter((x) => x.code.startsWith(d)).map((x) => [x.code, GROUP_WEIGHTS[x.code] ?? 1] as const)));
  }
}
const classesByGroup = new Map<string, string[]>();
for (const c of CLASSES) {
  const g = c.code.slice(0, 4);
  const list = classesByGroup.get(g) ?? [];
  list.push(c.code);
  classesByGroup.set(g, list);
}

export interface Industry { code: string; section: string; division: string; group: string }

/** An industry code at section (rare), division, group or class level. */
export function pickIndustry(rng: Rng): Industry {
  const section = sections.pick(rng);
  const division = divisionsBySection.get(section)!.pick(rng);
  const groups = groupsByDivision.get(division);
  const u = rng.next();
  if (u < 0.04) return { code: section, section, division, group: '' };
  if (!groups || u < 0.16) return { code: division, section, division, group: groups ? groups.pick(rng) : '' };
  const group = groups.pick(rng);
  const classes = classesByGroup.get(group);
  if (classes && u > 0.55) return { code: rng.pick(classes), section, division, group };
  return { code: group, section, division, group };
}

/** Words for enterprise names by division / section. */
const NAME_WORDS: Record<string, string[]> = {
  F51: ['商贸', '贸易', '经贸', '物资', '农产品', '建材', '医药', '机电设备', '五金'], F52: ['商店', '超市', '便利店', '商行', '药房', '汽车销售', '食品', '果蔬'],
  L71: ['设备租赁', '租赁'], L72: ['企业管理咨询', '商务服务', '广告', '人力资源', '文化传媒', '供应链管理', '会展服务', '投资管理', '信息咨询'],
  I63: ['通信工程', '网络'], I64: ['网络科技', '互联网科技', '信息技术'], I65: ['软件', '信息技术', '科技', '数据科技', '智能科技'],
  M73: ['生物科技', '技术研究院'], M74: ['工程设计', '检测', '测绘', '工程技术'], M75: ['科技', '农业科技', '技术开发', '科技发展'],
  E47: ['建筑工程', '建设工程', '建设集团'], E48: ['路桥工程', '市政工程', '水利工程'], E49: ['安装工程', '机电安装'], E50: ['装饰工程', '装饰设计', '建筑劳务'],
  C13: ['粮油', '米业', '肉类食品', '食品', '农产品加工'], C14: ['食品', '乳业', '调味品'], C15: ['酒业', '饮品', '酿酒'],
  C26: ['化工'], C27: ['药业', '制药'], C29: ['塑料制品', '橡塑'], C30: ['建材', '水泥制品'], C33: ['金属制品', '钢结构'],
  C34: ['机械', '机械制造', '锅炉'], C35: ['机械设备', '医疗器械'], C36: ['汽车零部件', '汽车配件'], C38: ['电气', '电器'], C39: ['电子', '电子科技'],
  H61: ['酒店', '宾馆', '旅馆'], H62: ['餐饮管理', '饭店', '餐饮', '饮品店'], G54: ['物流', '运输', '客运'], G58: ['货运代理', '物流'],
  G59: ['仓储', '物流'], G60: ['快递'], K70: ['房地产开发', '物业管理', '房地产经纪', '置业'], A01: ['农业', '种植', '农业发展'],
  A03: ['养殖', '牧业'], A05: ['农机服务', '农业服务'], O80: ['家政服务', '美容美发', '洗浴'], O81: ['汽车维修', '汽车服务', '家电维修'],
  O82: ['保洁服务', '宠物服务'], P83: ['教育咨询', '培训学校'], Q84: ['诊所', '医院'], R88: ['文化艺术', '文化传播'], R89: ['体育发展', '健身'],
  R90: ['娱乐', 'KTV', '文化娱乐'], J69: ['投资', '资产管理'], J67: ['投资管理'], J68: ['保险代理'], N77: ['环保科技', '环境工程'], N78: ['园林绿化', '市政设施'],
  D44: ['热力', '电力'], D45: ['燃气'], D46: ['供水'], B10: ['矿业', '石材'], B06: ['煤业'],
};
const SECTION_WORDS: Record<string, string[]> = {
  A: ['农业'], B: ['矿业'], C: ['制造', '实业', '工贸'], D: ['能源'], E: ['建筑工程'], F: ['商贸'], G: ['物流'], H: ['餐饮'], I: ['科技'], J: ['投资'],
  K: ['置业'], L: ['商务服务'], M: ['技术服务'], N: ['环境工程'], O: ['服务'], P: ['教育'], Q: ['医疗'], R: ['文化'], S: ['协会'], T: ['代表处'],
};

const GROUP_WORDS: Record<string, string[]> = {
  F512: ['食品', '粮油', '酒业'], F515: ['医药', '医疗器械'], F516: ['建材', '化工', '煤炭'], F517: ['机电设备', '五金', '汽车配件', '电子科技'],
  F521: ['超市', '百货', '便利店'], F522: ['食品', '果蔬', '粮油', '烟酒'], F523: ['服装', '日用品'], F525: ['药房', '大药房', '医药'],
  F526: ['汽车销售', '汽车贸易', '加油站'], F527: ['电器', '数码'], F528: ['建材', '家居', '五金'], F529: ['电子商务', '商贸'],
  H611: ['大酒店', '宾馆'], H612: ['旅馆', '酒店', '宾馆'], H613: ['民宿'], H621: ['饭店', '酒楼', '餐饮'], H622: ['快餐', '餐饮管理'], H623: ['茶饮', '咖啡'],
  K701: ['房地产开发', '置业'], K702: ['物业管理', '物业服务'], K703: ['房地产经纪', '房屋中介'],
};

export function industryWord(rng: Rng, ind: Industry): string {
  return rng.pick(GROUP_WORDS[ind.group] ?? NAME_WORDS[ind.division] ?? SECTION_WORDS[ind.section] ?? ['实业']);
}

/** Latent-risk offsets (logit scale) by industry: shells in business services and finance, food and building riskier. */
const SECTION_RISK: Record<string, number> = { F: 0.25, L: 0.45, E: 0.3, H: 0.2, K: 0.2, J: 0.5, C: -0.05, I: -0.05, M: -0.2, A: 0.25, G: 0.15, O: 0.1, R: 0.2, P: 0.1 };
const DIVISION_RISK: Record<string, number> = { J69: 0.6, L72: 0.15, F52: 0.1, H62: 0.2, C13: 0.15, C14: 0.15, C27: 0.1, E50: 0.15, R90: 0.3, A03: 0.1 };

export function industryRisk(ind: Industry): number {
  return (SECTION_RISK[ind.section] ?? 0) + (DIVISION_RISK[ind.division] ?? 0);
}

/** Complaint exposure: consumer-facing trades get most 12315 complaints. */
export function complaintExposure(ind: Industry, directSelling: boolean): number {
  if (directSelling) return 4;
  if (ind.division === 'F52' || ind.section === 'H' || ind.section === 'O' || ind.group === 'K702' || ind.section === 'P' || ind.section === 'R' || ind.division === 'K70') return 2.5;
  if (ind.section === 'F' || ind.section === 'L' || ind.section === 'Q' || ind.division === 'C14' || ind.division === 'C36') return 1;
  return 0.4;
}

export const ENTITY_TYPES = ['有限责任公司', '股份有限公司', '个人独资企业', '合伙企业', '农民专业合作社', '外商投资企业', '全民所有制企业', '集体所有制企业'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

const entityMix = new Weighted<EntityType>([
  ['有限责任公司', 79], ['股份有限公司', 2.5], ['个人独资企业', 9], ['合伙企业', 4.5], ['外商投资企业', 1.6], ['全民所有制企业', 0.8], ['集体所有制企业', 1.2],
]);

/** Entity type given the industry (farmers' cooperatives in agriculture). */
export function pickEntityType(rng: Rng, ind: Industry, regYear: number): EntityType {
  if (ind.section === 'A' && rng.chance(0.5) && regYear >= 2007) return '农民专业合作社';
  const t = entityMix.pick(rng);
  // State / collective enterprises are old.
  if ((t === '全民所有制企业' || t === '集体所有制企业') && regYear > 2002) return '有限责任公司';
  return t;
}

export const ENTITY_RISK: Record<EntityType, number> = {
  有限责任公司: 0, 股份有限公司: -0.6, 个人独资企业: 0.25, 合伙企业: 0.45, 农民专业合作社: 0.55, 外商投资企业: -0.35, 全民所有制企业: -0.3, 集体所有制企业: 0,
};

const HIGH_TECH = new Set(['I64', 'I65', 'M73', 'M74', 'M75', 'C39', 'C40', 'C27', 'C35', 'C38', 'C26', 'C34']);
const FOOD_TRADE_GROUPS = new Set(['F512', 'F521', 'F522', 'H621', 'H622', 'H623', 'H624', 'H629']);

export interface KeyTags { tags: string[]; food: boolean; special: boolean; directSelling: boolean; highTech: boolean }

/** Industries inside the food divisions and groups that are not food businesses (as food v2's excludeIndustryPrefixes). */
const NOT_FOOD = /^(C132|C1332|F5128|F5227)/;

/** Key-area tags: 高新技术企业, 食品生产, 食品经营, 特种设备使用, 直销. */
export function pickTags(rng: Rng, ind: Industry, type: EntityType, ageYears: number): KeyTags {
  const tags: string[] = [];
  const highTech = HIGH_TECH.has(ind.division) && ageYears >= 1.5 && (type === '有限责任公司' || type === '股份有限公司') && rng.chance(0.14);
  if (highTech) tags.push('高新技术企业');
  let food = false;
  // (Feed mills C132, non-edible oil C1332 and tobacco trade F5128/F5227 sit in food divisions and groups but are not
  // food businesses: never tagged. The exclusion is tested after the draw so that every other draw stays as it was.)
  if ((ind.division === 'C13' || ind.division === 'C14' || ind.division === 'C15') && rng.chance(0.92) && !NOT_FOOD.test(ind.code)) { tags.push('食品生产'); food = true; }
  const foodTrade = FOOD_TRADE_GROUPS.has(ind.group) ? (ind.section === 'H' ? 0.95 : 0.8)
    : ind.division === 'H62' || ind.division === 'F52' ? 0.3 : ind.group === 'H611' || ind.group === 'H612' ? 0.3 : ind.group === 'F529' ? 0.15 : 0;
  if (foodTrade > 0 && ind.code.length < 5 && rng.chance(foodTrade)) { tags.push('食品经营'); food = true; }
  else if (ind.code.length === 5 && /^(F512|F522|F5211|F5212|F5213|F5292|H62|H61)/.test(ind.code) && rng.chance(0.9) && !NOT_FOOD.test(ind.code)) { tags.push('食品经营'); food = true; }
  const special = ind.group === 'K702' ? 0.7 : ind.section === 'C' ? (['C34', 'C35', 'C36', 'C26', 'C30', 'C13'].includes(ind.division) ? 0.5 : 0.3)
    : ind.division === 'G54' || ind.division === 'G59' || ind.division === 'G60' ? 0.35 : ind.section === 'H' && ind.division === 'H61' ? 0.4
      : ind.group === 'F526' ? 0.4 : ind.group === 'R902' ? 0.8 : ind.division === 'D44' || ind.division === 'D45' ? 0.6 : ind.section === 'K' ? 0.25 : 0;
  const isSpecial = special > 0 && rng.chance(special);
  if (isSpecial) tags.push('特种设备使用');
  const directSelling = (ind.section === 'F') && rng.chance(0.0015);
  if (directSelling) tags.push('直销');
  return { tags, food, special: isSpecial, directSelling, highTech };
}
