import type { Command } from '../context';
import { flagString, InputError, UsageError } from '../args';
import { usccProblem, USCC_PROBLEM_TEXT } from '../../domain/uscc';

/** `accept-uscc CODE [--note TEXT]`: accept a real code whose check character fails. */
export const acceptUsccCommand: Command = {
  summary: '接受校验位不符但真实存在的统一社会信用代码（之后的导入不再拒绝它）',
  usage: 'accept-uscc CODE [CODE…] [--note TEXT] [--json]',
  async run(ctx) {
    const codes = ctx.args.positionals.map((c) => c.trim()).filter(Boolean);
    if (codes.length === 0) throw new UsageError('需要至少一个统一社会信用代码');
    for (const code of codes) {
      const problem = usccProblem(code);
      if (problem === 'length' || problem === 'alphabet') throw new InputError(`${code}：${USCC_PROBLEM_TEXT[problem]}，只有校验位不符的代码可以被接受`);
    }
    const note = flagString(ctx.args, 'note') ?? '';
    const db = await ctx.db();
    await db.insert('accepted_uscc', codes.map((uscc) => ({ uscc, note, added_by: ctx.actor })));
    for (const code of codes) {
      ctx.err(usccProblem(code) === null ? `${code} 校验位本来就正确，仍已记录` : `已接受 ${code}`);
    }
    if (ctx.args.flags.json) ctx.out(JSON.stringify({ accepted: codes }));
    return 0;
  },
};
