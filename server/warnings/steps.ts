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

/** The shortest reason (characters, after trimming) for closing a case without a measure and its result. */
export const CLOSE_REASON_MIN = 5;

/**
 * Whether the case has been disposed of since its last close (a reopened case starts over): the latest 处置措施 has a
 * 处置结果 recorded after it. A measure taken after a result (检查 after 提醒 → 已整改) still needs its own result.
 */
export function disposedSinceClose(disposals: Array<{ step: string }>): boolean {
  let resulted = false;
  for (let i = disposals.length - 1; i >= 0; i--) {
    const d = disposals[i]!;
    if (d.step === 'close') return false;
    if (d.step === 'result') resulted = true;
    if (d.step === 'act') return resulted;
  }
  return false;
}

/**
 * Why 办结 is refused, in the words the desk and the case page both use — or null when the case may be closed. 办结
 * means the case was handled: a measure followed by its result since the last close, or — for a case verified as
 * needing no action (核实无风险、误报), no measure taken since the last close — a written reason in the note, at least
 * CLOSE_REASON_MIN characters.
 */
export function closeRefusal(disposals: Array<{ step: string; action?: string }>, note: string | undefined): string | null {
  if (disposedSinceClose(disposals)) return null;
  // A measure taken needs its result (其他 with a note when it came to nothing): the case was not closed without action.
  const lastAct = lastActSinceClose(disposals);
  if (lastAct) return `最近的处置措施（${lastAct.action ?? ''}）尚未记录处置结果，不能办结：请先记录其处置结果（无果时可选“其他”并在备注中说明）`;
  const reason = [...(note ?? '').trim()].length;
  if (reason >= CLOSE_REASON_MIN) return null;
  const missing = disposals.some((d) => d.step === 'close') ? '该预警办结后重新出现，尚未记录本次处置措施和处置结果' : '尚未记录处置措施和处置结果';
  return `${missing}，不能办结：请先记录处置措施及其结果；如经核实无风险或属误报、无需处置，请在备注中写明理由（至少 ${CLOSE_REASON_MIN} 字${reason ? `，现为 ${reason} 字` : ''}）后办结`;
}

/**
 * What each close stands on, for the case page: 'disposed' (a measure and its result since the previous close),
 * 'no-action' (no measure since, closed with a written reason — the note — as verified needing no action), or
 * 'undisposed' (a close recorded before the rule, with neither); null for the other steps.
 */
export function closeKinds(disposals: Array<{ step: string; note: string }>): Array<'disposed' | 'no-action' | 'undisposed' | null> {
  return disposals.map((d, i) => {
    if (d.step !== 'close') return null;
    const before = disposals.slice(0, i);
    if (disposedSinceClose(before)) return 'disposed';
    // (Not disposed: the close passes the rule only as a written reason with no measure taken.)
    return closeRefusal(before, d.note) === null ? 'no-action' : 'undisposed';
  });
}

/**
 * The members a result is recorded for, as the case page sends it: the one chosen as 检查对象 only while the latest
 * measure is 检查 (the page shows the choice only then) — a choice made after an earlier 检查, still held by the page
 * but no longer shown, was sent with a later 已整改/其他 and stored as that result's target.
 */
export function resultTargets(chosen: string, lastAction: string | undefined): string[] | undefined {
  return lastAction === '检查' && chosen ? [chosen] : undefined;
}

/**
 * The result the case page records: an inspection result (pass / problem / unreachable) only while the latest measure
 * is 检查 — otherwise the page no longer offers one, and a choice made after an earlier 检查 (still held by the page)
 * falls back to the first offered, 已整改, as the select shows; it was sent as it was and refused.
 */
export function resultToRecord<R extends string>(chosen: R | 'rectified', lastAction: string | undefined): R | 'rectified' {
  return lastAction !== '检查' && (INSPECTION_RESULTS as readonly string[]).includes(chosen) ? 'rectified' : chosen;
}
