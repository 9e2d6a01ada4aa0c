'use client';
/** The enterprises behind a number: sortable columns (server-side, allowlisted), paging, links to the enterprise page. */
import Link from 'next/link';
import { fmtInt } from '@/components/palette';
import { enterpriseHref } from '@/components/classify/enterpriseMonth';
import css from './research.module.css';

export interface EnterpriseListRow {
  uscc: string; name: string; class: string; score: number; county_name: string; industry_code: string; industry_name: string;
  entity_type: string; status: string; reg_date: string; reasons: string;
}
export type SortKey = 'score' | 'class' | 'uscc' | 'name' | 'county' | 'industry' | 'entity_type' | 'reg_date';

const COLUMNS: Array<{ key: SortKey | null; label: string; num?: boolean }> = [
  { key: 'uscc', label: '统一社会信用代码' }, { key: 'name', label: '企业名称' }, { key: 'class', label: '分类' },
  { key: 'score', label: '评分', num: true }, { key: 'county', label: '区县' }, { key: 'industry', label: '行业' },
  { key: 'entity_type', label: '企业类型' }, { key: 'reg_date', label: '成立日期' }, { key: null, label: '主要原因' },
];

export interface EnterpriseTableProps {
  rows: EnterpriseListRow[];
  total: number;
  offset: number;
  limit: number;
  sort: SortKey;
  dir: 'asc' | 'desc';
  loading?: boolean;
  onSort: (key: SortKey) => void;
  onPage: (offset: number) => void;
  /** The month the list's classes are of: the links open the enterprise page at it. */
  month?: string;
}

export function EnterpriseTable({ rows, total, offset, limit, sort, dir, loading, onSort, onPage, month }: EnterpriseTableProps) {
  return (
    <div>
      <div className={css.scroll}>
        <table className={`data ${css.entTable}`} data-testid="enterprise-table" aria-busy={loading}>
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th key={c.label} className={c.num ? 'num' : undefined} aria-sort={c.key === sort ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
                  {c.key ? <button type="button" className={css.linkBtn} onClick={() => onSort(c.key!)}>{c.label}{c.key === sort ? (dir === 'asc' ? ' ▲' : ' ▼') : ''}</button> : c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.uscc}>
                <td><Link href={enterpriseHref(r.uscc, month)}>{r.uscc}</Link></td>
                <td><Link href={enterpriseHref(r.uscc, month)}>{r.name || '—'}</Link></td>
                <td><span className={`badge ${r.class}`}>{r.class}</span></td>
                <td className="num">{r.score.toFixed(0)}</td>
                <td>{r.county_name}</td>
                <td title={r.industry_code}>{r.industry_name || r.industry_code}</td>
                <td>{r.entity_type}</td>
                <td>{r.reg_date}</td>
                <td className={css.sub} style={{ maxWidth: 320 }}>{r.reasons}</td>
              </tr>
            ))}
            {rows.length === 0 && <tr><td colSpan={COLUMNS.length} className="state">{loading ? '加载中…' : '没有符合条件的企业'}</td></tr>}
          </tbody>
        </table>
      </div>
      <div className={css.pager}>
        <span className="muted">第 {fmtInt(total ? offset + 1 : 0)}–{fmtInt(Math.min(total, offset + limit))} 户，共 {fmtInt(total)} 户</span>
        <button type="button" disabled={offset === 0} onClick={() => onPage(Math.max(0, offset - limit))}>上一页</button>
        <button type="button" disabled={offset + limit >= total} onClick={() => onPage(offset + limit)}>下一页</button>
      </div>
    </div>
  );
}
