/** Minimal argv parser: positionals, `--flag value`, `--flag=value`, boolean `--flag`. */
export interface ParsedArgs {
  command: string;
  positionals: string[];
  flags: Record<string, string | true>;
}

const BOOLEAN_FLAGS = new Set(['json', 'all', 'help', 'force', 'no-import', 'quiet']);

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') { positionals.push(...argv.slice(i + 1)); break; }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) { flags[a.slice(2, eq)] = a.slice(eq + 1); continue; }
      const name = a.slice(2);
      const next = argv[i + 1];
      if (!BOOLEAN_FLAGS.has(name) && next !== undefined && !next.startsWith('--')) { flags[name] = next; i++; }
      else flags[name] = true;
    } else positionals.push(a);
  }
  const [command = 'help', ...rest] = positionals;
  return { command, positionals: rest, flags };
}

export class UsageError extends Error {}
/** Bad input (exit 1), as opposed to a usage error (exit 2). */
export class InputError extends Error {}

export function flagString(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags[name];
  if (v === true) throw new UsageError(`--${name} 需要一个值`);
  return v;
}

export function flagInt(args: ParsedArgs, name: string, dflt: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const v = flagString(args, name);
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} 应为 ${min}–${max} 的整数: ${v}`);
  return n;
}

export function flagMonth(args: ParsedArgs, name = 'month'): string | undefined {
  const v = flagString(args, name);
  if (v === undefined) return undefined;
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(v)) throw new UsageError(`--${name} 应为 YYYY-MM: ${v}`);
  return v;
}

/**
 * A query input refused by its zod schema (a malformed USCC, an over-long id from the command line) as an InputError
 * with the schema's own messages (it ended the command with a stack trace); anything else is returned as it is.
 */
export function inputErrorOf(e: unknown): unknown {
  const z = e as { name?: string; issues?: Array<{ message: string; path: PropertyKey[] }> };
  if (z?.name !== 'ZodError' || !Array.isArray(z.issues)) return e;
  return new InputError(z.issues.map((i) => `${i.message}${i.path.length ? `（${i.path.map(String).join('.')}）` : ''}`).join('；'));
}
