/** Where the members are: a small static SVG of their points (lng/lat), scaled to their extent. Pure renderer. */
export interface MapPoint { uscc: string; name: string; lng: number; lat: number; isNew: boolean }

export function MemberMap({ points, width = 360, height = 240 }: { points: MapPoint[]; width?: number; height?: number }) {
  if (points.length === 0) return <div className="state">成员企业没有坐标</div>;
  const lngs = points.map((p) => p.lng);
  const lats = points.map((p) => p.lat);
  const pad = 0.002;
  const x0 = Math.min(...lngs) - pad, x1 = Math.max(...lngs) + pad, y0 = Math.min(...lats) - pad, y1 = Math.max(...lats) + pad;
  const k = Math.min((width - 20) / (x1 - x0), (height - 20) / (y1 - y0) / 1.0);
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  const px = (lng: number) => width / 2 + (lng - cx) * k * Math.cos((cy * Math.PI) / 180);
  const py = (lat: number) => height / 2 - (lat - cy) * k;
  const spanKm = Math.max((x1 - x0) * 111 * Math.cos((cy * Math.PI) / 180), (y1 - y0) * 111);
  return (
    <figure style={{ margin: 0 }}>
      <svg width={width} height={height} role="img" aria-label={`成员位置：${points.length} 个点`} data-testid="member-map" style={{ background: '#eef3f8', border: '1px solid var(--line)', borderRadius: 4 }}>
        {points.map((p) => (
          <circle key={p.uscc} cx={px(p.lng)} cy={py(p.lat)} r={p.isNew ? 6 : 4.5} fill={p.isNew ? '#d73027' : '#1d4f91'} fillOpacity={0.75} stroke="#fff">
            <title>{`${p.name} ${p.lng.toFixed(5)}, ${p.lat.toFixed(5)}`}</title>
          </circle>
        ))}
      </svg>
      <figcaption className="muted" style={{ fontSize: 12 }}>中心 {cx.toFixed(4)}°E, {cy.toFixed(4)}°N；范围约 {spanKm.toFixed(1)} 公里；红点为本月新增</figcaption>
    </figure>
  );
}
