/** Disposal-step rules shared by the desk (server) and the case page (browser). Pure. */
import { INSPECTION_RESULTS } from '../domain/inspection';

/** The longest disposal note (characters); a longer one is refused, not cut. */
export const NOTE_MAX = 1000;

/**
 * The latest 处置措施 a result can follow: the last `act` step after the last close. A case reopened after its close
 * (a new member or a higher severity) needs a new measure — the one taken before the close did not cover the new
 * member, and an inspection result would be written for every member as if it had been inspected.
 */
export function lastActSinceClose<T extends { step: string }>(disposals: T[]): T | undefined {
  for (let i = disposals.length - 1; i >= 0; i--) {
    const d = disposals[i]!;
    if (d.step === 'close') return undefined;
    if (d.step === 'act') return d;
  }
  return undefined;
}

/**
 * The result the case page records: an inspection result (pass / problem / unreachable) only while the latest measure
 * is 检查 — otherwise the page no longer offers one, and a choice made after an earlier 检查 (still held by the page)
 * falls back to the first offered, 已整改, as the select shows; it was sent as it was and refused.
 */
export function resultToRecord<R extends string>(chosen: R | 'rectified', lastAction: string | undefined): R | 'rectified' {
  return lastAction !== '检查' && (INSPECTION_RESULTS as readonly string[]).includes(chosen) ? 'rectified' : chosen;
}
