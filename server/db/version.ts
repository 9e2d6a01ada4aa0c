/**
 * The `version` of a row in a ReplacingMergeTree table whose latest state wins (imports, class_runs, objections,
 * repair_reclass, inspection plans, calendar days): microseconds since the epoch, strictly increasing within the
 * process, so two states written in the same millisecond keep their order.
 */
let last = 0;

export function rowVersion(): number {
  last = Math.max(Date.now() * 1000, last + 1);
  return last;
}
