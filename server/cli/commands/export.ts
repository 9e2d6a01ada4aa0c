import type { Command } from '../context';
import { UsageError, InputError, flagMonth, flagString } from '../args';
import { streamClassExport } from '../../classify/export';

export const exportCommand: Command = {
  summary: '导出某月分类结果：每户企业一行（uscc, class, score, reasons）',
  usage: 'export classes --month YYYY-MM [--model ID] --format jsonl|csv | --json',
  async run(ctx) {
    const [what] = ctx.args.positionals;
    if (what !== 'classes') throw new UsageError('目前只支持 export classes');
    const month = flagMonth(ctx.args);
    if (!month) throw new UsageError('需要 --month YYYY-MM');
    const json = ctx.args.flags.json === true;
    const given = flagString(ctx.args, 'format');
    // --json: one JSON document, {month, model, enterprises, rows: [the jsonl lines' objects]}.
    if (json && given === 'csv') throw new UsageError('--json 输出一个 JSON 文档，--format csv 每户企业一行：二者只能选一个');
    const format = json ? 'jsonl' : given ?? 'jsonl';
    if (format !== 'jsonl' && format !== 'csv') throw new UsageError('--format 应为 jsonl 或 csv');
    const modelId = flagString(ctx.args, 'model') ?? 'general';
    if (!/^[a-z][a-z0-9-]{1,40}$/.test(modelId)) throw new UsageError(`--model 不合法: ${modelId}`);
    const db = await ctx.db();
    // The CSV header (and the JSON document's opening) is held back until a row follows: a month without results
    // prints nothing on stdout.
    let header: string | null = null;
    let rows = 0;
    const n = await streamClassExport(db, { month, modelId, format }, (line) => {
      if (json) {
        ctx.out(`${rows === 0 ? `{"month":${JSON.stringify(month)},"model":${JSON.stringify(modelId)},"rows":[\n` : ','}${line}`);
        rows++;
        return;
      }
      if (format === 'csv' && header === null) { header = line; return; }
      if (header) { ctx.out(header); header = ''; }
      ctx.out(line);
    });
    if (json && rows > 0) ctx.out(`],"enterprises":${rows}}`);
    if (n === 0) throw new InputError(`${month} 没有模型 ${modelId} 的分类结果（先运行 classify --month ${month}）`);
    ctx.err(`已导出 ${n} 户企业`);
    return 0;
  },
};
