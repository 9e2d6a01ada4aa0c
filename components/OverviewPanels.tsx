'use client';
/** Pure renderers of the overview (全省总览): headline figures, class shares, panel frame with its states. */
import type { ReactNode } from 'react';
import { CLASSES, CLASS_COLORS, CLASS_LABELS, fmtInt, fmtPct, WITHHELD } from './palette';
import { fmtMonth } from './charts/LineChart';

type Cell = number | null;
const show = (v: Cell) => (v === null ? WITHHELD : fmtInt(v));

export interface OverviewHeadline {
  scopeName: string;
  latestMonth: string | null;
  year: number;
  active: Cell;
  total: Cell;
  registered: Cell;
  latestMonthEvents: Cell;
  classes: null | { month: string; total: Cell; counts: Record<'A' | 'B' | 'C' | 'D', Cell>; shares: Record<'A' | 'B' | 'C' | 'D', number | null> };
}

function Kpi({ label, value, note, testId }: { label: string; value: ReactNode; note?: ReactNode; testId: string }) {
  return (
    <div className="kpi" data-testid={testId} role="group" aria-label={label}>
      <div className="label">{label}</div>
      <div className="value">{value}</div>
      {note && <div className="muted" style={{ fontSize: 12, marginTop: 2 }}>{note}</div>}
    </div>
  );
}

export function OverviewKpis({ h }: { h: OverviewHeadline }) {
  return (
    <div className="kpis" aria-label="主要指标">
      <Kpi testId="kpi-active" label="存续/在业企业（户）" value={show(h.active)} note={`登记总数 ${show(h.total)}（含注销、吊销、迁出）`} />
      <Kpi testId="kpi-registered" label={`${h.year}年新登记（户）`} value={show(h.registered)} note="按成立日期统计" />
      <Kpi testId="kpi-events" label={h.latestMonth ? `${fmtMonth(h.latestMonth)}归集事件（条）` : '最近一月归集事件'} value={h.latestMonth ? show(h.latestMonthEvents) : '—'}
        note={h.latestMonth ? '处罚、异常、检查、投诉、年报等' : '尚无事件数据'} />
      {h.classes ? <ClassKpi c={h.classes} /> : (
        <Kpi testId="kpi-classes" label="风险分类" value={<span className="muted" style={{ fontSize: 16 }}>尚无分类结果</span>} note="运行 classify 后显示 A/B/C/D 占比" />
      )}
    </div>
  );
}

function ClassKpi({ c }: { c: NonNullable<OverviewHeadline['classes']> }) {
  return (
    <div className="kpi" data-testid="kpi-classes" role="group" aria-label="最新分类结果" style={{ minWidth: 340, flex: 1 }}>
      <div className="label">{fmtMonth(c.month)}分类结果（通用型模型，{show(c.total)} 户）</div>
      <div style={{ display: 'flex', height: 14, borderRadius: 3, overflow: 'hidden', margin: '10px 0 6px' }} aria-hidden>
        {CLASSES.map((k) => <div key={k} style={{ width: fmtPct(c.shares[k] ?? 0, 3), background: CLASS_COLORS[k] }} />)}
      </div>
      <div style={{ display: 'flex', gap: 14, flexWrap: 'wrap', fontSize: 13 }}>
        {CLASSES.map((k) => (
          <span key={k} title={CLASS_LABELS[k]} data-testid={`class-share-${k}`}>
            <span className={`badge ${k}`}>{k}</span> <b style={{ fontVariantNumeric: 'tabular-nums' }}>{c.shares[k] === null ? WITHHELD : fmtPct(c.shares[k])}</b>
          </span>
        ))}
      </div>
    </div>
  );
}

export type PanelState = { kind: 'loading' } | { kind: 'error'; message: string; retry: () => void } | { kind: 'empty'; message: string } | { kind: 'ready' };

/** A titled panel that shows its loading / error / empty state in place of its body. */
export function Panel({ title, subtitle, state, actions, children, testId, minHeight = 240 }: {
  title: string; subtitle?: ReactNode; state: PanelState; actions?: ReactNode; children?: ReactNode; testId?: string; minHeight?: number;
}) {
  return (
    <section className="panel" aria-label={title} data-testid={testId} aria-busy={state.kind === 'loading'}>
      <div style={{ display: 'flex', alignItems: 'baseline', gap: 12, flexWrap: 'wrap', marginBottom: 8 }}>
        <h2 style={{ margin: 0 }}>{title}</h2>
        {subtitle && <span className="muted" style={{ fontSize: 12 }}>{subtitle}</span>}
        <span style={{ flex: 1 }} />
        {state.kind === 'ready' && actions}
      </div>
      {state.kind === 'loading' && <div className="state" style={{ minHeight }} role="status">加载中…</div>}
      {state.kind === 'error' && (
        <div className="state error" style={{ minHeight }} role="alert">
          加载失败：{state.message}{'\u3000'}<button type="button" onClick={state.retry}>重试</button>
        </div>
      )}
      {state.kind === 'empty' && <div className="state" style={{ minHeight }}>{state.message}</div>}
      {state.kind === 'ready' && children}
    </section>
  );
}
