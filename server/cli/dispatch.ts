import { parseArgs, UsageError, InputError } from './args';
import type { Command, CommandContext } from './context';
import { commands } from './registry';

export function helpText(): string {
  const lines = ['用法: npm run cli -- <命令> [参数]', '', '命令:'];
  for (const c of Object.values(commands)) lines.push(`  ${c.usage.padEnd(70)} ${c.summary}`);
  lines.push('', '通用参数: --data-dir DIR（默认 XINYAN_DATA_DIR 或 ./data）；设置 CLICKHOUSE_URL 则连接 ClickHouse 服务器。带 [--json] 的命令以 --json 在标准输出只打印一个 JSON 文档');
  lines.push('某个命令的用法: npm run cli -- <命令> --help');
  return lines.join('\n');
}

function commandHelp(cmd: Command): string {
  return `用法: npm run cli -- ${cmd.usage}\n\n${cmd.summary}`;
}

/** Flags every command takes (--data-dir is taken off by main.ts before dispatch). Every command's usage names --json (one JSON document on stdout). */
const COMMON_FLAGS = ['help'];

/** The flags a command accepts: those its usage names, and --help. */
export function acceptedFlags(cmd: Command): Set<string> {
  return new Set([...COMMON_FLAGS, ...Array.from(cmd.usage.matchAll(/--([a-z][a-z0-9-]*)/g), (m) => m[1]!)]);
}

/** Runs one command with the given context pieces; maps errors to the contract's exit codes. */
export async function dispatch(argv: readonly string[], io: Omit<CommandContext, 'args'>): Promise<number> {
  const args = parseArgs(argv);
  if (args.command === 'help') {
    const topic = args.positionals[0];
    const topicCmd = topic === undefined ? undefined : commands[topic];
    if (topicCmd) { io.out(commandHelp(topicCmd)); return 0; }
    if (topic !== undefined) { io.err(`未知命令: ${topic}\n\n${helpText()}`); return 2; }
    // `help`, `--help` or nothing at all asks for help; flags without a command are a usage error.
    if (argv.length === 0 || argv.includes('help') || args.flags.help === true) { io.out(helpText()); return 0; }
    io.err(`用法错误: 需要一个命令\n\n${helpText()}`);
    return 2;
  }
  const cmd = commands[args.command];
  if (!cmd) {
    io.err(`未知命令: ${args.command}\n\n${helpText()}`);
    return 2;
  }
  if (args.flags.help) { io.out(commandHelp(cmd)); return 0; }
  // A misspelt flag (--modle, --fromat) would otherwise be ignored and the command run with its defaults.
  const accepted = acceptedFlags(cmd);
  const unknown = Object.keys(args.flags).filter((f) => !accepted.has(f));
  if (unknown.length) {
    io.err(`用法错误: ${args.command} 没有参数 ${unknown.map((f) => `--${f}`).join(' ')}\n用法: npm run cli -- ${cmd.usage}`);
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
