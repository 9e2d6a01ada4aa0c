/** Every command of `npm run cli`. A new command: a file in ./commands exporting a Command, one line here. */
import type { Command } from './context';
import { migrateCommand } from './commands/migrate';
import { usersCommand } from './commands/users';
import { sqlCommand } from './commands/sql';
import { setupCommand } from './commands/setup';

export const commands: Record<string, Command> = {
  migrate: migrateCommand,
  users: usersCommand,
  sql: sqlCommand,
  setup: setupCommand,
};
