/**
 * The desk's URL parameters, checked: a value the server would refuse (a hand-edited or truncated link: p=-1, p=abc,
 * sev=urgent, r=2201) is dropped, so the page shows the unfiltered list instead of zod's English issue list.
 */
import { RULES, SEVERITY, STATE } from './labels';
import type { RuleId } from '@/server/warnings/rules';
import type { Severity } from '@/server/warnings/engine';
import type { DISPOSAL_STATES } from '@/queries/warnings/common';

// (Types only: the server modules they come from are never bundled into the page.)
export type DeskSeverity = Severity;
export type DeskState = (typeof DISPOSAL_STATES)[number];
export type DeskRule = RuleId;

export interface DeskParams { month?: string; region?: string; rule?: DeskRule; severity?: DeskSeverity; state?: DeskState; page: number }

export function deskParams(sp: { get(name: string): string | null }): DeskParams {
  const one = (k: string, ok: (v: string) => boolean) => { const v = sp.get(k); return v !== null && ok(v) ? v : undefined; };
  const p = Number(sp.get('p') ?? 0);
  return {
    month: one('m', (v) => /^\d{4}-(0[1-9]|1[0-2])$/.test(v)),
    region: one('r', (v) => /^\d{6}(\d{3})?$/.test(v)),
    rule: one('rule', (v) => RULES.some((r) => r.id === v)) as DeskRule | undefined,
    severity: one('sev', (v) => Object.hasOwn(SEVERITY, v)) as DeskSeverity | undefined,
    state: one('st', (v) => Object.hasOwn(STATE, v)) as DeskState | undefined,
    page: Number.isInteger(p) && p > 0 ? Math.min(p, 1_000_000) : 0,
  };
}
