import { parseArgs, UsageError, InputError } from './args';
import type { CommandContext } from './context';
import { commands } from './registry';

export function helpText(): string {
  const lines = ['用法: npm run cli -- <命令> [参数]', '', '命令:'];
  for (const c of Object.values(commands)) lines.push(`  ${c.usage.padEnd(70)} ${c.summary}`);
  lines.push('', '通用参数: --data-dir DIR（默认 XINYAN_DATA_DIR 或 ./data）  --json  ；设置 CLICKHOUSE_URL 则连接 ClickHouse 服务器');
  return lines.join('\n');
}

/** Runs one command with the given context pieces; maps errors to the contract's exit codes. */
export async function dispatch(argv: readonly string[], io: Omit<CommandContext, 'args'>): Promise<number> {
  const args = parseArgs(argv);
  if (args.command === 'help' || args.flags.help) {
    io.out(helpText());
    return args.command === 'help' && argv.length > 0 && argv[0] !== 'help' ? 2 : 0;
  }
  const cmd = commands[args.command];
  if (!cmd) {
    io.err(`未知命令: ${args.command}\n\n${helpText()}`);
    return 2;
  }
  try {
    return await cmd.run({ ...io, args });
  } catch (e) {
    if (e instanceof UsageError) { io.err(`用法错误: ${e.message}\n用法: npm run cli -- ${cmd.usage}`); return 2; }
    if (e instanceof InputError) { io.err(`输入错误: ${e.message}`); return 1; }
    io.err(`失败: ${(e as Error).stack ?? String(e)}`);
    return 1;
  }
}
