/**
 * Map points as Arrow vs JSON: the same rows (lng, lat, n, cls, gid — the shape /api/points sends) streamed
 * from the engine as uncompressed ArrowStream and as JSONEachRow, then decoded the way the browser would
 * (apache-arrow → typed arrays for deck.gl; JSON.parse per row → typed arrays).
 * Uses the real points query over the latest classified month when the data set has at least n/2 located
 * enterprises; otherwise n synthetic points generated in the engine. ratio = json_bytes / arrow_bytes.
 */
import type { Readable } from 'node:stream';
import { tableFromIPC } from 'apache-arrow';
import type { Db } from '../server/db/client';
import { p, sql, trusted, type Sql } from '../server/db/sql';
import { pointsSql } from '../queries/map/points';

async function collect(s: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export async function benchPoints(db: Db, n = 1_000_000): Promise<{ points: number; arrow_bytes: number; json_bytes: number; arrow_decode_ms: number; json_decode_ms: number; ratio: number }> {
  const located = await db.one<{ c: number; m: string }>(trusted(
    `SELECT toUInt32((SELECT count() FROM enterprises WHERE lng IS NOT NULL)) AS c,
            (SELECT formatDateTime(max(month), '%Y-%m') FROM class_results WHERE model_id = 'general') AS m`));
  let q: Sql;
  if (Number(located?.c ?? 0) >= n / 2 && located?.m && !located.m.startsWith('1970')) {
    q = pointsSql({ filters: { month: located.m, model: 'general', tags: [], status: [] }, bbox: [-180, -90, 180, 90], limit: n },
      { name: 'bench', role: 'admin', regionCode: '' });
  } else {
    q = sql`SELECT toFloat32(120 + randCanonical(1) * 10) AS lng, toFloat32(40 + randCanonical(2) * 6) AS lat,
                   toUInt32(1 + (rand(3) % 20 = 0) * (rand(4) % 30)) AS n, toUInt8(rand(5) % 4) AS cls, toUInt32(rand(6)) AS gid
            FROM numbers(${p.uint(n)})`;
  }
  const arrowBuf = await collect(await db.stream(sql`${q} SETTINGS output_format_arrow_compression_method = 'none', max_threads = 2 FORMAT ArrowStream`, 'bench.points.arrow'));
  const jsonBuf = await collect(await db.stream(sql`${q} SETTINGS max_threads = 2 FORMAT JSONEachRow`, 'bench.points.json'));

  let t0 = performance.now();
  const table = tableFromIPC(arrowBuf);
  const rows = table.numRows;
  const lng = table.getChild('lng')!.toArray() as Float32Array;
  const lat = table.getChild('lat')!.toArray() as Float32Array;
  const cls = table.getChild('cls')!.toArray() as Uint8Array;
  const pos = new Float32Array(rows * 2);
  for (let i = 0; i < rows; i++) { pos[2 * i] = lng[i]!; pos[2 * i + 1] = lat[i]!; }
  const arrowMs = performance.now() - t0;

  t0 = performance.now();
  const text = jsonBuf.toString('utf8');
  const jpos = new Float32Array(rows * 2);
  const jcls = new Uint8Array(rows);
  let i = 0;
  for (const line of text.split('\n')) {
    if (!line) continue;
    const r = JSON.parse(line) as { lng: number; lat: number; cls: number };
    jpos[2 * i] = r.lng; jpos[2 * i + 1] = r.lat; jcls[i] = r.cls;
    i++;
  }
  const jsonMs = performance.now() - t0;
  if (i !== rows || cls.length !== rows) throw new Error(`row counts differ: arrow ${rows}, json ${i}`);
  return {
    points: rows, arrow_bytes: arrowBuf.length, json_bytes: jsonBuf.length,
    arrow_decode_ms: Math.round(arrowMs * 10) / 10, json_decode_ms: Math.round(jsonMs * 10) / 10,
    ratio: Math.round((jsonBuf.length / Math.max(1, arrowBuf.length)) * 100) / 100,
  };
}
