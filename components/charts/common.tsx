'use client';
/** Shared pieces of the d3 chart renderers: container width, tooltip, legend, number formats. */
import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import css from './charts.module.css';
import { WITHHELD } from '../palette';

/** Width of the chart's container, following resizes (ResizeObserver). */
export function useWidth<T extends HTMLElement>(fallback = 640): [RefObject<T | null>, number] {
  const ref = useRef<T | null>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth || fallback);
    const ro = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width;
      if (w && w > 0) setWidth(Math.floor(w));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [fallback]);
  return [ref, width];
}

export { fmtAxis } from './format';

/** A value that may be suppressed (null) for partners: shown as withheld (palette WITHHELD), whatever its size. */
export function fmtCell(v: number | null, fmt: (n: number) => string): string {
  return v === null ? WITHHELD : fmt(v);
}

export interface TooltipState { x: number; y: number; content: ReactNode }

/** Floating tooltip at viewport coordinates (class `chart-tooltip`). */
export function Tooltip({ tip }: { tip: TooltipState | null }) {
  if (!tip) return null;
  const left = Math.min(tip.x + 14, (typeof window !== 'undefined' ? window.innerWidth : 2000) - 240);
  return <div className="chart-tooltip" role="tooltip" style={{ left, top: tip.y + 14 }}>{tip.content}</div>;
}

export interface LegendItem { key: string; label: string; color: string }

/** Legend; with `onToggle`, each entry is a button that hides or shows its series. */
export function Legend({ items, hidden, onToggle }: { items: LegendItem[]; hidden?: ReadonlySet<string>; onToggle?: (key: string) => void }) {
  return (
    <div className={css.legend} role="list" aria-label="图例">
      {items.map((it) => {
        const off = hidden?.has(it.key) ?? false;
        const body = <><i style={{ background: off ? '#d0d5db' : it.color }} />{it.label}</>;
        return onToggle ? (
          <span key={it.key} role="listitem">
            <button type="button" className={`${css.legendItem}${off ? ` ${css.off}` : ''}`} aria-pressed={!off}
              title={off ? '点击显示' : '点击隐藏'} onClick={() => onToggle(it.key)}>{body}</button>
          </span>
        ) : <span key={it.key} role="listitem" className={css.legendItem}>{body}</span>;
      })}
    </div>
  );
}

/** Truncates a label to `max` characters with an ellipsis (the full text stays in the tooltip / title). */
export function clip(s: string, max: number): string { return s.length > max ? `${s.slice(0, max - 1)}…` : s; }
