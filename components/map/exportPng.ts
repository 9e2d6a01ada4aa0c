/** Export the current map as PNG: deck's canvas (preserveDrawingBuffer) plus title and legend on a 2D canvas. */
/** `outline`: the swatch is the fill with a heavy border of that colour (areas outlined on the map). */
export interface LegendEntry { color: string; label: string; outline?: string }

export function composeMapPng(map: HTMLCanvasElement, title: string, subtitle: string, legendTitle: string, legend: LegendEntry[]): string {
  const pad = 16;
  const titleH = 64;
  const legendW = 260;
  const w = map.width + legendW + pad * 3;
  const h = Math.max(map.height, legend.length * 24 + 60) + titleH + pad * 2;
  const c = document.createElement('canvas');
  c.width = w;
  c.height = h;
  const g = c.getContext('2d')!;
  const font = '"Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", sans-serif';
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, w, h);
  g.fillStyle = '#1f2933';
  g.font = `600 22px ${font}`;
  g.fillText(title, pad, pad + 22);
  g.font = `14px ${font}`;
  g.fillStyle = '#616e7c';
  g.fillText(subtitle, pad, pad + 48);
  g.drawImage(map, pad, titleH + pad);
  g.strokeStyle = '#dde3ea';
  g.strokeRect(pad, titleH + pad, map.width, map.height);
  const lx = map.width + pad * 2;
  let ly = titleH + pad + 8;
  g.fillStyle = '#1f2933';
  g.font = `600 14px ${font}`;
  g.fillText(legendTitle, lx, ly + 12);
  ly += 28;
  g.font = `13px ${font}`;
  for (const e of legend) {
    g.fillStyle = e.color;
    g.fillRect(lx, ly, 16, 16);
    g.strokeStyle = e.outline ?? '#999';
    g.lineWidth = e.outline ? 2.5 : 1;
    g.strokeRect(lx, ly, 16, 16);
    g.lineWidth = 1;
    g.fillStyle = '#1f2933';
    g.fillText(e.label, lx + 24, ly + 13);
    ly += 24;
  }
  return c.toDataURL('image/png');
}
