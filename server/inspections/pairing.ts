/**
 * 随机匹配执法检查人员: two distinct inspectors per drawn enterprise, chosen by a seeded hash so the pairing is as
 * reproducible as the draw. Candidates are the roster entries covering the enterprise's county (their region is a
 * prefix of it); when fewer than two cover it, the whole roster of the plan. The first inspector is the candidate
 * with the smallest sha256(seed|uscc|inspector_id); the second the next one from another unit when there is one
 * (else simply the next one).
 */
import crypto from 'node:crypto';
import { regionPrefix } from '../domain/region';

export interface Inspector { inspector_id: string; name: string; unit: string; region_code: string }
export interface Pair { first: Inspector | null; second: Inspector | null }

/** Whether an inspector covering `region` (province / prefecture / county code) covers the county `county`. */
export function covers(region: string, county: string): boolean {
  if (!region) return true;
  if (region.endsWith('0000')) return county.startsWith(region.slice(0, 2));
  if (region.endsWith('00')) return county.startsWith(region.slice(0, 4));
  return county.startsWith(region.slice(0, 6));
}

/** Whether two regions overlap (one contains the other). */
export function overlaps(a: string, b: string): boolean {
  const x = regionPrefix(a);
  const y = regionPrefix(b);
  return x.startsWith(y) || y.startsWith(x);
}

function key(seed: string, uscc: string, id: string): string {
  return crypto.createHash('sha256').update(`${seed}|${uscc}|${id}`).digest('hex');
}

export function pairInspectors(seed: string, uscc: string, county: string, roster: readonly Inspector[]): Pair {
  const local = roster.filter((i) => covers(i.region_code, county));
  const pool = local.length >= 2 ? local : roster;
  if (pool.length === 0) return { first: null, second: null };
  const ranked = pool.map((i) => ({ i, k: key(seed, uscc, i.inspector_id) })).sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  const first = ranked[0]!.i;
  const rest = ranked.slice(1).map((r) => r.i);
  const second = rest.find((i) => i.unit !== first.unit) ?? rest[0] ?? null;
  return { first, second };
}
