import type { Command } from '../context';
import { flagString, UsageError } from '../args';
import { importFolder } from '../../import';

/** `import DIR [--json] [--accept-uscc CODE,CODE]` (CONTRACT.md). */
export const importCommand: Command = {
  summary: '导入目录中的 enterprises / roles / events（CSV 或 .xlsx；UTF-8 或 GB18030 自动识别）',
  usage: 'import DIR [--json] [--accept-uscc CODE,CODE]',
  async run(ctx) {
    const [dir, ...rest] = ctx.args.positionals;
    if (!dir) throw new UsageError('需要导入目录');
    if (rest.length) throw new UsageError(`多余的参数: ${rest.join(' ')}`);
    const acceptUscc = (flagString(ctx.args, 'accept-uscc') ?? '').split(/[,，\s]+/).filter(Boolean);
    const db = await ctx.db();
    const result = await importFolder(db, dir, {
      actor: ctx.actor,
      acceptUscc,
      onProgress: (text, fraction) => ctx.progress(fraction == null ? text : `${text}  ${Math.round(fraction * 100)}%`),
    });
    for (const n of result.notices) ctx.err(`提示: ${n}`);
    if (ctx.args.flags.json) {
      ctx.out(JSON.stringify({ files: result.files, import_id: result.importId, notices: result.notices }));
    } else {
      const lines = [`导入 ${result.importId} 完成`];
      for (const [file, c] of Object.entries(result.files)) {
        lines.push(`  ${file.padEnd(18)} 接受 ${c.accepted.toLocaleString('zh-CN').padStart(12)}  拒绝 ${c.rejected.toLocaleString('zh-CN').padStart(10)}`);
      }
      if (Object.values(result.files).some((c) => c.rejected > 0)) lines.push('被拒绝的行及原因：npm run cli -- rejects');
      ctx.out(lines.join('\n'));
    }
    return 0;
  },
};
