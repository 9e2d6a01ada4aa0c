/** Every command of `npm run cli`. A new command: a file in ./commands exporting a Command, one line here. */
import type { Command } from './context';
import { migrateCommand } from './commands/migrate';
import { importCommand } from './commands/import';
import { rejectsCommand } from './commands/rejects';
import { acceptUsccCommand } from './commands/accept-uscc';
import { usersCommand } from './commands/users';
import { sqlCommand } from './commands/sql';
import { setupCommand } from './commands/setup';
import { clusterDdlCommand } from './commands/cluster-ddl';
import { warningsCommand } from './commands/warnings';
import { classifyCommand } from './commands/classify';
import { modelsCommand } from './commands/models';
import { exportCommand } from './commands/export';
import { evaluateCommand } from './commands/evaluate';
import { seedCommand } from './commands/seed';
import { briefingCommand } from './commands/briefing';
import { inspectionsCommand } from './commands/inspections';
import { objectionsCommand } from './commands/objections';
import { repairCommand } from './commands/repair';
import { holidaysCommand } from './commands/holidays';

export const commands: Record<string, Command> = {
  migrate: migrateCommand,
  import: importCommand,
  rejects: rejectsCommand,
  'accept-uscc': acceptUsccCommand,
  users: usersCommand,
  sql: sqlCommand,
  setup: setupCommand,
  'cluster-ddl': clusterDdlCommand,
  warnings: warningsCommand,
  classify: classifyCommand,
  models: modelsCommand,
  export: exportCommand,
  evaluate: evaluateCommand,
  seed: seedCommand,
  briefing: briefingCommand,
  inspections: inspectionsCommand,
  objections: objectionsCommand,
  repair: repairCommand,
  holidays: holidaysCommand,
};
