import type { Db } from '../db/client';
import type { ParsedArgs } from './args';

/** What a command gets: its arguments, where to write, and the engine. Same shape locally and when run by the server. */
export interface CommandContext {
  args: ParsedArgs;
  /** stdout: the command's result (with --json, exactly one JSON document). */
  out(text: string): void;
  /** stderr: messages and notices. */
  err(text: string): void;
  /** Progress of a long job (shown on stderr when it is a terminal). */
  progress(text: string): void;
  /** Standard input, read whole before the command runs (e.g. a password). */
  stdin: string;
  db(): Promise<Db>;
  /** Who runs it: 'cli' locally, or the signed-in user's name when started from the workbench. */
  actor: string;
}

export interface Command {
  summary: string;
  usage: string;
  /** Returns the exit status: 0 success, 1 bad input, 2 usage error. */
  run(ctx: CommandContext): Promise<number>;
}
