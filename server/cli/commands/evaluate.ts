import type { Command } from '../context';
import { UsageError, InputError, flagMonth, flagString, flagInt } from '../args';
import { evaluate, type Evaluation } from '../../classify/evaluate';
import { EFFECTIVE, loadModels } from '../../classify/model';

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

export function formatEvaluation(e: Evaluation): string {
  const out = [`模型 ${e.model}  ${e.month}  共 ${e.enterprises} 户企业`, '', '类别  企业数      占比    观察占比(丹东2023)  平均分'];
  for (const s of e.shares) out.push(`${s.class}     ${String(s.n).padStart(8)}  ${pct(s.share).padStart(7)}  ${pct(s.observed).padStart(8)}            ${s.meanScore.toFixed(1)}`);
  out.push('', `随后 ${e.outcome.horizonMonths} 个月检查结果${e.outcome.complete ? '' : '（数据尚未覆盖完整窗口）'}：`, '类别  企业数    受检    发现问题  问题率');
  for (const r of e.outcome.byClass) out.push(`${r.class}     ${String(r.enterprises).padStart(8)}  ${String(r.inspected).padStart(6)}  ${String(r.problems).padStart(8)}  ${pct(r.rate)}`);
  out.push(`D/A 提升度: ${e.outcome.liftDA === null ? '—' : e.outcome.liftDA.toFixed(2)}   AUC（分值 vs 下次检查结果）: ${e.auc.value === null ? '—' : e.auc.value.toFixed(3)}（正例 ${e.auc.positives} / 负例 ${e.auc.negatives}）`);
  out.push('', `迁移矩阵（${e.migration.from} → ${e.month}）${e.migration.previousClassified ? '' : `（${e.migration.from} 没有该模型的分类结果，全部计为新增）`}：`);
  for (const m of e.migration.matrix) out.push(`  ${m.from} → ${m.to}: ${m.n}`);
  if (e.fitted) {
    const f = e.fitted;
    out.push('', `数据拟合变体（逻辑回归，训练 ${f.trainMonths.join(',')}，${f.nTrain} 条；检验 ${f.testMonth}，${f.nTest} 条）`);
    out.push(`  AUC 拟合 ${f.aucFitted?.toFixed(3) ?? '—'}  专家权重 ${f.aucExpert?.toFixed(3) ?? '—'}${f.l2 === null ? '' : `  L2 正则强度 ${f.l2}（按企业三折交叉验证选定）`}   ${f.note}`);
    for (const c of [...f.coefficients].sort((a, b) => Math.abs(b.coef) - Math.abs(a.coef)).slice(0, 15)) {
      out.push(`  ${c.name.padEnd(30)} 专家 ${String(c.expertPoints).padStart(5)}  建议 ${String(c.suggestedPoints).padStart(5)}  系数 ${c.coef.toFixed(3)}`);
    }
  }
  return out.join('\n');
}

export const evaluateCommand: Command = {
  summary: '模型验证：类别占比、随后6个月检查问题率与D/A提升度、AUC、迁移矩阵；--fit 附数据拟合（逻辑回归）建议',
  usage: 'evaluate --month YYYY-MM [--model ID] [--fit] [--sample N] [--json]',
  async run(ctx) {
    const month = flagMonth(ctx.args);
    if (!month) throw new UsageError('需要 --month YYYY-MM');
    const model = flagString(ctx.args, 'model') ?? 'general';
    if (!/^[a-z][a-z0-9-]{1,40}$/.test(model)) throw new UsageError(`--model 不合法: ${model}`);
    // An unknown model, or a month the model has not classified, has nothing to validate: it printed a table of zeros
    // and exited 0 (as classify and export classes refuse them, exit 1).
    const known = [...loadModels().map((m) => m.id), EFFECTIVE];
    if (!known.includes(model)) throw new InputError(`未知模型 ${model}（可用: ${known.join(', ')}）`);
    const db = await ctx.db();
    const rows = await db.one<{ n: number }>({ text: 'SELECT toUInt32(count()) AS n FROM class_results WHERE model_id = {m:String} AND month = {d:Date}', params: { m: model, d: `${month}-01` } });
    if (!Number(rows?.n ?? 0)) throw new InputError(`${month} 没有模型 ${model} 的分类结果（先运行 classify --month ${month}）`);
    ctx.progress('计算验证指标…');
    const e = await evaluate(db, month, model, { fit: ctx.args.flags.fit === true || ctx.args.flags.fit === 'true', sampleMod: flagInt(ctx.args, 'sample', 1, 1, 1000) });
    ctx.out(ctx.args.flags.json ? JSON.stringify(e) : formatEvaluation(e));
    return 0;
  },
};
