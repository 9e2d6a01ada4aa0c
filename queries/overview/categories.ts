/** Event categories of the import contract (CONTRACT.md) with their Chinese names, in display order. */
export const EVENT_CATEGORIES = [
  { key: 'penalty', label: '行政处罚' },
  { key: 'abnormal_list', label: '经营异常名录' },
  { key: 'serious_dishonest_list', label: '严重违法失信名单' },
  { key: 'license_revoked', label: '吊销营业执照' },
  { key: 'dishonest', label: '其他失信' },
  { key: 'inspection', label: '抽查检查' },
  { key: 'complaint', label: '投诉举报' },
  { key: 'change', label: '变更登记' },
  { key: 'equity_pledge', label: '股权出质' },
  { key: 'ip_pledge', label: '知识产权质押' },
  { key: 'license', label: '行政许可' },
  { key: 'annual_report', label: '年报' },
  { key: 'credit_repair', label: '信用修复' },
] as const;

export type EventCategory = (typeof EVENT_CATEGORIES)[number]['key'];
export const EVENT_CATEGORY_LABEL: Record<string, string> = Object.fromEntries(EVENT_CATEGORIES.map((c) => [c.key, c.label]));
/** Categories that record a credit risk signal (the rest are routine registrations and filings). */
export const RISK_CATEGORIES: readonly string[] = ['penalty', 'abnormal_list', 'serious_dishonest_list', 'license_revoked', 'dishonest', 'complaint'];
