/** Enterprise points: Arrow IPC from /api/points decoded into deck.gl binary attributes (browser). */
import { tableFromIPC } from 'apache-arrow';
import { CLASS_COLORS, CLASSES } from '@/components/palette';
import { hexToRgba } from './scales';

export interface PointData {
  length: number;
  positions: Float32Array;
  colors: Uint8Array;
  radii: Float32Array;
  counts: Uint32Array;
  /** The marker's address group id: two 32-bit hashes (queries/map/points.ts). */
  gids: Uint32Array;
  gids2: Uint32Array;
  bytes: number;
  decodeMs: number;
}

const CLASS_RGBA = CLASSES.map((c) => hexToRgba(CLASS_COLORS[c], 230));

export function decodePoints(buf: ArrayBuffer): PointData {
  const t0 = performance.now();
  const empty = { length: 0, positions: new Float32Array(0), colors: new Uint8Array(0), radii: new Float32Array(0), counts: new Uint32Array(0), gids: new Uint32Array(0), gids2: new Uint32Array(0) };
  if (buf.byteLength === 0) return { ...empty, bytes: 0, decodeMs: 0 };
  const table = tableFromIPC(new Uint8Array(buf));
  const n = table.numRows;
  const lng = table.getChild('lng')!.toArray() as Float32Array;
  const lat = table.getChild('lat')!.toArray() as Float32Array;
  const cnt = table.getChild('n')!.toArray() as Uint32Array;
  const cls = table.getChild('cls')!.toArray() as Uint8Array;
  const gid = table.getChild('gid')!.toArray() as Uint32Array;
  const gid2 = table.getChild('gid2')!.toArray() as Uint32Array;
  const positions = new Float32Array(n * 2);
  const colors = new Uint8Array(n * 4);
  const radii = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    positions[2 * i] = lng[i]!;
    positions[2 * i + 1] = lat[i]!;
    const c = CLASS_RGBA[Math.min(3, cls[i]!)]!;
    colors[4 * i] = c[0]; colors[4 * i + 1] = c[1]; colors[4 * i + 2] = c[2]; colors[4 * i + 3] = c[3];
    radii[i] = cnt[i]! > 1 ? 3 + Math.min(9, Math.sqrt(cnt[i]!) * 1.5) : 2.5;
  }
  return { length: n, positions, colors, radii, counts: cnt, gids: gid, gids2: gid2, bytes: buf.byteLength, decodeMs: performance.now() - t0 };
}
