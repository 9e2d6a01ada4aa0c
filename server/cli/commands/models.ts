import type { Command } from '../context';
import { EFFECTIVE, loadAllModels } from '../../classify/model';

export const modelsCommand: Command = {
  summary: '列出分类模型及其版本（models/ 下的模型文件）',
  usage: 'models [--json]',
  async run(ctx) {
    const files = loadAllModels();
    const list = files.map(({ model: m, file }) => ({
      id: m.id, version: m.version, kind: m.kind, name: m.name, file: file.slice(process.cwd().length + 1),
      indicators: m.kind === 'score' ? m.indicators.length : m.rules.length,
      categories: m.kind === 'score' ? new Set(m.indicators.map((i) => i.category)).size : 0,
      dimensions: m.kind === 'score' ? m.dimensions.map((d) => d.name) : [],
      bands: m.kind === 'score' ? m.bands : null,
      scope: m.scope ?? null, combine: m.combine ?? null,
    }));
    const effective = { id: EFFECTIVE, version: 1, kind: 'derived', name: '通用+专业组合（重点领域企业取通用型与专业型中风险较高者）', file: null };
    if (ctx.args.flags.json) { ctx.out(JSON.stringify({ models: [...list, effective] })); return 0; }
    for (const m of list) {
      ctx.out(`${m.id.padEnd(22)} v${m.version}  ${m.kind === 'score' ? `评分模型 ${m.indicators} 项指标 / ${m.categories} 类` : `规则模型 ${m.indicators} 条规则`}  ${m.name}  (${m.file})`);
    }
    ctx.out(`${EFFECTIVE.padEnd(22)} v1  派生  ${effective.name}`);
    return 0;
  },
};
