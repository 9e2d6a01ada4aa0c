'use client';
/**
 * The workbench filter bar: month (and range start), model, region cascade (省 → 地市 → 区县 → 街道),
 * industry cascade (门类 → 大类 → 中类), entity type, key-area tags, registration status.
 * Pure UI: options come in as props or through the `useOptions` loaders passed in; every change calls `onChange`
 * with the new filter values (the page writes them to the URL).
 */
import { PARTNER_ONE_VALUE, toggleValue, type Filters } from '@/queries/filters';
import css from './filters.module.css';

export interface Option { code: string; name: string }

export interface FilterBarProps {
  filters: Filters;
  /** The month actually shown (the latest when the URL has none). */
  month: string;
  months: string[];
  models: Array<{ id: string; label: string }>;
  /** Options of each cascade level given the current selection: [provinces, prefectures, counties, streets]. */
  regionLevels: Option[][];
  /** [sections, divisions, groups] */
  industryLevels: Option[][];
  entityTypes: string[];
  tags: string[];
  /** Show the range start (trend views). */
  showFrom?: boolean;
  /** One status and one tag at most (partners: queries/filters.ts checkPartnerFilters). */
  single?: boolean;
  onChange: (patch: Partial<Filters>) => void;
}

const STATUSES = ['存续', '在业', '吊销', '注销', '迁出'] as const;
const REGION_LEVEL_LABELS = ['省', '地市', '区县', '街道/乡镇'];
const INDUSTRY_LEVEL_LABELS = ['行业门类', '行业大类', '行业中类'];

/** The code selected at cascade level `level` (0-based) for a region filter. */
export function regionAt(region: string | undefined, level: number): string {
  if (!region) return '';
  if (level === 0) return `${region.slice(0, 2)}0000`;
  if (level === 1) return region.slice(0, 6).endsWith('0000') ? '' : `${region.slice(0, 4)}00`;
  if (level === 2) return region.slice(0, 6).endsWith('00') ? '' : region.slice(0, 6);
  return region.length === 9 ? region : '';
}
export function industryAt(industry: string | undefined, level: number): string {
  if (!industry) return '';
  const len = [1, 3, 4][level] ?? 1;
  return industry.length >= len ? industry.slice(0, len) : '';
}

export function FilterBar(props: FilterBarProps) {
  const { filters, onChange } = props;
  const pickRegion = (level: number, code: string) => {
    // Clearing a level goes back to the parent's selection.
    onChange({ region: code || (level > 0 ? regionAt(filters.region, level - 1) || undefined : undefined) });
  };
  const pickIndustry = (level: number, code: string) => {
    onChange({ industry: code || (level > 0 ? industryAt(filters.industry, level - 1) || undefined : undefined) });
  };
  const toggle = <T extends string>(list: T[], v: T) => toggleValue(list, v, props.single);

  return (
    <form className={`${css.bar} no-print`} aria-label="筛选条件" onSubmit={(e) => e.preventDefault()}>
      <div className={css.group}>
        <label>月份
          <select aria-label="月份" value={props.month} onChange={(e) => onChange({ month: e.target.value, ...(filters.from && filters.from >= e.target.value ? { from: undefined } : {}) })}>
            {[...props.months].reverse().map((m) => <option key={m} value={m}>{m}</option>)}
          </select>
        </label>
        {props.showFrom && (
          <label>趋势起始
            <select aria-label="趋势起始月份" value={filters.from ?? ''} onChange={(e) => onChange({ from: e.target.value || undefined })}>
              <option value="">近12个月</option>
              {props.months.filter((m) => m < props.month).map((m) => <option key={m} value={m}>{m}</option>)}
            </select>
          </label>
        )}
        <label>模型
          <select aria-label="模型" value={filters.model} onChange={(e) => onChange({ model: e.target.value })}>
            {props.models.map((m) => <option key={m.id} value={m.id}>{m.label}</option>)}
          </select>
        </label>
      </div>

      <fieldset className={css.group}>
        <legend>地区</legend>
        {props.regionLevels.map((opts, level) => {
          const value = regionAt(filters.region, level);
          if (level > 0 && opts.length === 0 && !value) return null;
          return (
            <select key={level} aria-label={REGION_LEVEL_LABELS[level]} value={value} onChange={(e) => pickRegion(level, e.target.value)}>
              <option value="">{level === 0 ? '全部地区' : `全部${REGION_LEVEL_LABELS[level]}`}</option>
              {opts.map((o) => <option key={o.code} value={o.code}>{o.name}</option>)}
            </select>
          );
        })}
      </fieldset>

      <fieldset className={css.group}>
        <legend>行业</legend>
        {props.industryLevels.map((opts, level) => {
          const value = industryAt(filters.industry, level);
          if (level > 0 && opts.length === 0 && !value) return null;
          return (
            <select key={level} aria-label={INDUSTRY_LEVEL_LABELS[level]} value={value} onChange={(e) => pickIndustry(level, e.target.value)}>
              <option value="">{level === 0 ? '全部行业' : `全部${INDUSTRY_LEVEL_LABELS[level]}`}</option>
              {opts.map((o) => <option key={o.code} value={o.code}>{o.code} {o.name}</option>)}
            </select>
          );
        })}
      </fieldset>

      <div className={css.group}>
        <label>企业类型
          <select aria-label="企业类型" value={filters.entityType ?? ''} onChange={(e) => onChange({ entityType: e.target.value || undefined })}>
            <option value="">全部</option>
            {props.entityTypes.map((t) => <option key={t} value={t}>{t}</option>)}
          </select>
        </label>
      </div>

      {props.tags.length > 0 && (
        <fieldset className={css.group}>
          <legend>重点领域</legend>
          {props.tags.map((t) => (
            <button key={t} type="button" className={css.chip} aria-pressed={filters.tags.includes(t)} onClick={() => onChange({ tags: toggle(filters.tags, t) })}>{t}</button>
          ))}
        </fieldset>
      )}

      <fieldset className={css.group}>
        <legend>登记状态</legend>
        {STATUSES.map((s) => (
          <button key={s} type="button" className={css.chip} aria-pressed={filters.status.includes(s)}
            onClick={() => onChange({ status: toggle(filters.status, s) })}>{s}</button>
        ))}
      </fieldset>
      {props.single && <p className="muted" data-testid="single-value-note" style={{ fontSize: 12, margin: 0 }}>{PARTNER_ONE_VALUE}。</p>}

      <button type="button" className={css.clear} onClick={() => onChange({ region: undefined, industry: undefined, entityType: undefined, tags: [], status: [], from: undefined })}>清除筛选</button>
    </form>
  );
}
