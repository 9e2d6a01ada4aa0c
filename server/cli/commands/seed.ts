import path from 'node:path';
import type { Command, CommandContext } from '../context';
import { flagInt, flagMonth, flagString, UsageError } from '../args';
import { generateProvince, lastCompleteMonth, type SeedResult } from '../../seed/generate';
import { loadReferenceData } from '../../reference/load';
import { importFolder, type ImportResult } from '../../import/index';



function provinceCode(raw: string): string {
  const m = /^(\d{2})(0000)?$/.exec(raw.trim());
  const code = m?.[1];
  if (!code || Number(code) < 11 || Number(code) > 65) throw new UsageError(`--province 应为两位省级代码（11–65）或六位代码（如 220000）: ${raw}`);
  return code;
}

export const seedCommand: Command = {
  summary: '生成一个逼真的合成省份（企业、人员、逐月事件），写成导入格式的 CSV 并经导入流程载入',
  usage: 'seed [--province 22] [--enterprises N] [--months M] [--seed S] [--out DIR] [--end-month YYYY-MM] [--no-import] [--json]',
  async run(ctx: CommandContext) {
    const a = ctx.args;
    const province = provinceCode(flagString(a, 'province') ?? '22');
    const enterprises = flagInt(a, 'enterprises', 100_000, 1, 50_000_000);
    const months = flagInt(a, 'months', 36, 1, 240);
    const seed = flagInt(a, 'seed', 1, 0, 2 ** 31 - 1);
    const endMonth = flagMonth(a, 'end-month') ?? lastCompleteMonth();
    const noImport = a.flags['no-import'] === true;
    const outFlag = flagString(a, 'out');
    // The engine is opened only when needed: to import, or to find the data directory for the default --out.
    const db = noImport && outFlag ? null : await ctx.db();
    const outDir = path.resolve(/*turbopackIgnore: true*/ outFlag ?? path.join(db!.config.dataDir, 'seed-out'));

    const t0 = performance.now();
    let result: SeedResult;
    try {
      result = await generateProvince({
        province, enterprises, months, seed, outDir, endMonth,
        onProgress: (text, f) => ctx.progress(f === null ? text : `${text}（${Math.round(f * 100)}%）`),
      });
    } catch (e) {
      if (/未知省份|没有区县/.test((e as Error).message)) throw new UsageError((e as Error).message);
      throw e;
    }
    const genSeconds = (performance.now() - t0) / 1000;
    const rows = result.enterprises + result.roles + result.events;

    let imported: ImportResult | null = null;
    let importSeconds = 0;
    if (!noImport && db) {
      const t1 = performance.now();
      await loadReferenceData(db);
      imported = await importFolder(db, outDir, {
        actor: ctx.actor,
        onProgress: (text, f) => ctx.progress(f === null || f === undefined ? `导入：${text}` : `导入：${text}（${Math.round(f * 100)}%）`),
      });
      importSeconds = (performance.now() - t1) / 1000;
    }

    const summary = {
      province: result.province, provinceName: result.provinceName, seed, months, endMonth, outDir,
      enterprises: result.enterprises, roles: result.roles, events: result.events, persons: result.persons,
      status: result.status, eventsByCategory: result.eventsByCategory,
      generateSeconds: Number(genSeconds.toFixed(2)), rowsPerSecond: Math.round(rows / genSeconds),
      import: imported ? { ...imported, seconds: Number(importSeconds.toFixed(2)) } : null,
    };
    if (a.flags.json) {
      ctx.out(JSON.stringify(summary));
    } else {
      const lines = [
        `${result.provinceName}（种子 ${seed}，截至 ${endMonth}，${months} 个月）→ ${outDir}`,
        `企业 ${result.enterprises.toLocaleString('zh-CN')}，人员角色 ${result.roles.toLocaleString('zh-CN')}，事件 ${result.events.toLocaleString('zh-CN')}`,
        `生成用时 ${genSeconds.toFixed(1)} 秒（${summary.rowsPerSecond.toLocaleString('zh-CN')} 行/秒）`,
      ];
      if (imported) {
        const files = Object.entries(imported.files).map(([f, c]) => `${f} 接受 ${c.accepted.toLocaleString('zh-CN')} / 拒绝 ${c.rejected.toLocaleString('zh-CN')}`);
        lines.push(`导入 ${imported.importId}：${files.join('；')}，用时 ${importSeconds.toFixed(1)} 秒`);
      } else lines.push('未导入（--no-import）；导入：npm run cli -- import ' + outDir);
      ctx.out(lines.join('\n'));
    }
    return 0;
  },
};
