'use client';
/**
 * Network of a warning (关联关系): persons ↔ enterprises ↔ addresses, laid out with d3-force.
 * Pure renderer: takes nodes and links, never fetches. Layout runs to rest once (no animation) for stable screenshots.
 */
import { useMemo, useState } from 'react';
import { forceSimulation, forceLink, forceManyBody, forceCenter, forceCollide, type SimulationNodeDatum, type SimulationLinkDatum } from 'd3';
import { useWidth, Tooltip, type TooltipState } from '../charts/common';

export interface GraphNode { id: string; kind: 'enterprise' | 'person' | 'address'; label: string; member: boolean }
export interface GraphLink { source: string; target: string; kind: string }

const COLOR: Record<GraphNode['kind'], string> = { enterprise: '#1d4f91', person: '#d73027', address: '#f4a11d' };
const KIND_LABEL: Record<GraphNode['kind'], string> = { enterprise: '企业', person: '人员', address: '地址' };

type N = GraphNode & SimulationNodeDatum;

export function NetworkGraph({ nodes, links, height: baseHeight = 420, highlight }: { nodes: GraphNode[]; links: GraphLink[]; height?: number; highlight?: string }) {
  const [ref, width] = useWidth<HTMLDivElement>(640);
  // A large case (an address with 50 enterprises and their people) gets more room.
  const height = nodes.length > 80 ? Math.max(baseHeight, 600) : baseHeight;
  const [tip, setTip] = useState<TooltipState | null>(null);
  const layout = useMemo(() => {
    const ns: N[] = nodes.map((n) => ({ ...n }));
    const byId = new Map(ns.map((n) => [n.id, n]));
    const ls: Array<SimulationLinkDatum<N> & { kind: string }> = links.filter((l) => byId.has(l.source) && byId.has(l.target)).map((l) => ({ source: l.source, target: l.target, kind: l.kind }));
    const sim = forceSimulation(ns)
      .force('link', forceLink<N, SimulationLinkDatum<N>>(ls).id((d) => d.id).distance(48).strength(0.8))
      .force('charge', forceManyBody().strength(-90))
      .force('center', forceCenter(width / 2, height / 2))
      .force('collide', forceCollide(10))
      .stop();
    for (let i = 0; i < 300; i++) sim.tick();
    // Fit the laid-out graph into the frame (shrinking it, never enlarging): clamping each node to the edge piled the
    // outer ring of a large case into a row along the top.
    const xs = ns.map((n) => n.x ?? 0), ys = ns.map((n) => n.y ?? 0);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const pad = 24;
    const k = Math.min(1, (width - 2 * pad - 80) / Math.max(1, x1 - x0), (height - 2 * pad) / Math.max(1, y1 - y0));
    for (const n of ns) {
      n.x = width / 2 + ((n.x ?? 0) - (x0 + x1) / 2) * k;
      n.y = height / 2 + ((n.y ?? 0) - (y0 + y1) / 2) * k;
    }
    const degree = new Map<string, number>();
    for (const l of links) { degree.set(l.source, (degree.get(l.source) ?? 0) + 1); degree.set(l.target, (degree.get(l.target) ?? 0) + 1); }
    // Large graphs: label only addresses and people tied to several enterprises (hover shows every name).
    const labelled = new Set(ns.filter((n) => n.kind !== 'enterprise' && (ns.length <= 40 || n.kind === 'address' || (degree.get(n.id) ?? 0) >= 2)).map((n) => n.id));
    return { ns, ls: ls as Array<{ source: N; target: N; kind: string }>, labelled };
  }, [nodes, links, width, height]);

  return (
    <div ref={ref} style={{ position: 'relative' }}>
      <svg width={width} height={height} role="img" aria-label={`关联关系网络：${nodes.length} 个节点`} data-testid="network-graph" style={{ background: '#fafbfc', border: '1px solid var(--line)', borderRadius: 4 }}>
        <g stroke="#9aa5b1" strokeOpacity={0.7}>
          {layout.ls.map((l, i) => <line key={i} x1={l.source.x} y1={l.source.y} x2={l.target.x} y2={l.target.y} strokeDasharray={l.kind === '住所' ? '3 2' : undefined} />)}
        </g>
        {layout.ns.map((n) => (
          <g key={n.id} transform={`translate(${n.x},${n.y})`}
            onMouseMove={(e) => setTip({ x: e.clientX, y: e.clientY, content: <><b>{KIND_LABEL[n.kind]}</b> {n.label}</> })} onMouseLeave={() => setTip(null)}>
            {n.kind === 'enterprise'
              ? <circle r={n.id === highlight ? 8 : 6} fill={COLOR.enterprise} stroke="#fff" strokeWidth={1.5} />
              : n.kind === 'person'
                ? <rect x={-7} y={-7} width={14} height={14} fill={COLOR.person} stroke="#fff" strokeWidth={1.5} />
                : <path d="M0,-9 L8,6 L-8,6 Z" fill={COLOR.address} stroke="#fff" strokeWidth={1.5} />}
            {layout.labelled.has(n.id) && <text x={10} y={4} fontSize={11} fill="#333">{n.label.length > 14 ? `${n.label.slice(0, 14)}…` : n.label}</text>}
          </g>
        ))}
      </svg>
      <div className="legend" style={{ marginTop: 6 }}>
        {(Object.keys(COLOR) as Array<GraphNode['kind']>).map((k) => <span key={k}><i style={{ background: COLOR[k] }} />{KIND_LABEL[k]}</span>)}
        <span className="muted">实线：法定代表人 / 任职；虚线：住所</span>
      </div>
      <Tooltip tip={tip} />
    </div>
  );
}
