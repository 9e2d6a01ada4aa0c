import type { Scale, MetricKey } from './scales';
import { flaggedLabel, legendEntries, METRICS, NO_DATA_HEX } from './scales';

/** Map legend: the metric's five classes, no-data swatch, point classes when shown. */
export function Legend({ scale, metric, showPoints, baseline = '全省' }: { scale: Scale; metric: MetricKey; showPoints: boolean; baseline?: string }) {
  const label = METRICS.find((m) => m.key === metric)!.label;
  return (
    <div className="map-legend" data-testid="map-legend">
      <div className="map-legend-title">{label}</div>
      {scale.empty && <div className="map-legend-row muted" data-testid="map-legend-empty">没有可着色的区域（均无数据或不公开）</div>}
      {legendEntries(scale, metric).map((e) => (
        <div key={e.color} className="map-legend-row" data-testid={scale.flat ? 'map-legend-flat' : undefined}>
          <i style={{ background: e.color }} />
          {e.label}
        </div>
      ))}
      <div className="map-legend-row"><i style={{ background: NO_DATA_HEX }} />无数据 / 不公开（少于 10 户或可据以推算）</div>
      <div className="map-legend-row"><i style={{ background: 'transparent', border: '2px solid #111' }} />{flaggedLabel(baseline)}</div>
      {showPoints && <div className="map-legend-row muted">点位：按最高风险类别着色，大圆点为同一地址多户企业</div>}
    </div>
  );
}
