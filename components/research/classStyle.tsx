'use client';
/** Class colours from the one palette, readable text on each, and a hatch for D so classes survive greyscale print. */
import { CLASS_COLORS, CLASS_LABELS, CLASSES, type RiskClass } from '@/components/palette';

export { CLASSES, CLASS_COLORS, CLASS_LABELS };
export type { RiskClass };

export const CLASS_TEXT: Record<RiskClass, string> = { A: '#fff', B: '#10314f', C: '#3b1a05', D: '#fff' };

/** <defs> with the D hatch (id `${prefix}-hatch-D`). */
export function ClassDefs({ prefix }: { prefix: string }) {
  return (
    <defs>
      <pattern id={`${prefix}-hatch-D`} width={6} height={6} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width={6} height={6} fill={CLASS_COLORS.D} />
        <line x1={0} y1={0} x2={0} y2={6} stroke="#fff" strokeOpacity={0.45} strokeWidth={2} />
      </pattern>
      <pattern id={`${prefix}-hatch-none`} width={5} height={5} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width={5} height={5} fill="#fff" />
        <line x1={0} y1={0} x2={0} y2={5} stroke="#9aa5b1" strokeWidth={1.5} />
      </pattern>
    </defs>
  );
}

export const classFill = (c: RiskClass, prefix: string) => (c === 'D' ? `url(#${prefix}-hatch-D)` : CLASS_COLORS[c]);

/** Legend of the four classes (HTML, so it prints and reads well). */
export function ClassLegend() {
  return (
    <div className="legend" aria-label="分类图例">
      {CLASSES.map((c) => (
        <span key={c}>
          <svg width={12} height={12} aria-hidden="true" style={{ verticalAlign: -2, marginRight: 4 }}>
            <ClassDefs prefix={`lg${c}`} /><rect width={12} height={12} rx={2} fill={classFill(c, `lg${c}`)} />
          </svg>
          {CLASS_LABELS[c]}
        </span>
      ))}
    </div>
  );
}
