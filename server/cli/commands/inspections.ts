import fs from 'node:fs';
import type { Command, CommandContext } from '../context';
import { UsageError, InputError, flagInt, flagMonth, flagString } from '../args';
import type { Viewer } from '../../auth/viewer';
import {
  ALL_PLANS, PlanError, INSPECTION_RESULTS, addInspector, createPlan, drawPlan, getPlan, getTargets, latestMonth, listPlans, listRoster, planRates,
  previewPlan, recordResult, verifyDraw, type InspectionResult,
} from '../../inspections/plans';
import { exportRows, planCsv, planXlsx } from '../../inspections/export';
import { todayCn } from '../../calendar/workdays';
import { CLASSES, RATIO_PRESETS, DEFAULT_RATIOS, EXEMPTION_LABEL, KEY_AREAS, type ClassCount, type PlanSettingsInput, type Ratios } from '../../inspections/settings';

const USAGE = [
  'inspections plan --name NAME [--month YYYY-MM] [--year YYYY（默认今年）] [--model effective] [--region CODE] [--industry CODE] [--entity-type TYPE] [--tags a,b]',
  '    [--key-area food|drugs|special] [--preset henan|yuexiu|lindian | --ratios A=1,B=2,C=10,D=30] [--observation-years 1|2]',
  '    [--seed S] [--preview] [--draw]',
  'inspections list | draw PLAN_ID | verify PLAN_ID | show PLAN_ID | rates',
  'inspections export PLAN_ID --format csv|xlsx|jsonl [--out FILE]',
  'inspections result PLAN_ID USCC pass|problem|unreachable --date YYYY-MM-DD [--note TEXT]',
  'inspections roster list | roster add NAME --unit UNIT --region CODE',
  '（除 export 外均可加 --json）',
].join('\n  ');

function parseRatios(text: string): Ratios {
  const out: Partial<Ratios> = {};
  for (const part of text.split(',')) {
    const m = /^([ABCD])=(\d+(?:\.\d{1,2})?)$/.exec(part.trim());
    if (!m) throw new UsageError(`--ratios 应形如 A=1,B=2,C=10,D=30: ${text}`);
    out[m[1] as keyof Ratios] = Number(m[2]);
  }
  for (const c of CLASSES) if (out[c] === undefined) throw new UsageError(`--ratios 缺少 ${c} 类比例`);
  return out as Ratios;
}

function countsTable(counts: ClassCount[]): string {
  const head = ['类别', '在范围', EXEMPTION_LABEL.status, EXEMPTION_LABEL.drawn, EXEMPTION_LABEL.inclusion, EXEMPTION_LABEL.observation, '可抽', '比例', '抽取'];
  const lines = counts.map((c) => [c.class, c.population, c.status, c.drawn, c.inclusion, c.observation, c.eligible, `${c.ratio}%`, c.expected].join('\t'));
  return [head.join('\t'), ...lines].join('\n');
}

function mapError(e: unknown): never {
  if (e instanceof PlanError) throw new InputError(e.message);
  throw e;
}

async function plan(ctx: CommandContext, viewer: Viewer): Promise<number> {
  const db = await ctx.db();
  const name = flagString(ctx.args, 'name');
  if (!name) throw new UsageError('需要 --name 计划名称');
  const model = flagString(ctx.args, 'model') ?? 'effective';
  const month = flagMonth(ctx.args) ?? (await latestMonth(db, model));
  if (!month) throw new InputError(`没有模型 ${model} 的分类结果（先运行 classify）`);
  const presetId = flagString(ctx.args, 'preset');
  const ratiosText = flagString(ctx.args, 'ratios');
  if (presetId && ratiosText) throw new UsageError('--preset 与 --ratios 只能二选一');
  let ratios = DEFAULT_RATIOS;
  if (presetId) {
    const preset = RATIO_PRESETS.find((x) => x.id === presetId);
    if (!preset) throw new UsageError(`未知预设 ${presetId}（可用: ${RATIO_PRESETS.map((x) => x.id).join(', ')}）`);
    ratios = preset.ratios;
  } else if (ratiosText) ratios = parseRatios(ratiosText);
  const keyArea = flagString(ctx.args, 'key-area');
  if (keyArea && !(keyArea in KEY_AREAS)) throw new UsageError(`--key-area 应为 ${Object.keys(KEY_AREAS).join('|')}`);
  const settings: PlanSettingsInput = {
    // The inspection year is this year (in China), as on the page — not the classified month's: December's classes
    // are planned in January, and a plan of last year could take no result (dated in its year, after its draw).
    name, month, model, year: flagInt(ctx.args, 'year', Number(todayCn().slice(0, 4)), 2000, 2100),
    scope: {
      region: flagString(ctx.args, 'region'), industry: flagString(ctx.args, 'industry'), entityType: flagString(ctx.args, 'entity-type'),
      tags: (flagString(ctx.args, 'tags') ?? '').split(',').map((t) => t.trim()).filter(Boolean), keyArea: keyArea as keyof typeof KEY_AREAS | undefined,
    },
    ratios,
    exemptions: { observationYears: flagInt(ctx.args, 'observation-years', 2, 1, 2) },
  };
  if (ctx.args.flags.preview) {
    const p = await previewPlan(db, viewer, settings).catch(mapError);
    if (ctx.args.flags.json) ctx.out(JSON.stringify(p));
    else ctx.out(countsTable(p.counts));
    return 0;
  }
  const seed = flagString(ctx.args, 'seed');
  let saved = await createPlan(db, viewer, settings, seed).catch(mapError);
  if (ctx.args.flags.draw) saved = await drawPlan(db, viewer, saved.plan_id).catch(mapError);
  if (ctx.args.flags.json) ctx.out(JSON.stringify(saved));
  else {
    ctx.out(`计划 ${saved.plan_id}「${saved.name}」${saved.status === 'drawn' ? '已抽取' : '已保存（未抽取）'}，随机种子 ${saved.seed}`);
    ctx.out(countsTable(saved.counts));
  }
  return 0;
}

/**
 * `inspections …`: 双随机抽查计划 from the command line (run as an administrator without region limit): build, preview,
 * draw, verify, export, record results, manage the roster.
 */
export const inspectionsCommand: Command = {
  summary: '双随机抽查：按分类制定抽查计划、抽取名单（可复现）、导出、记录结果',
  usage: USAGE,
  async run(ctx) {
    const [sub, ...rest] = ctx.args.positionals;
    const viewer: Viewer = { name: ctx.actor, role: 'admin', regionCode: '' };
    const json = ctx.args.flags.json === true;
    switch (sub) {
      case 'plan': return plan(ctx, viewer);
      case 'list': {
        const plans = await listPlans(await ctx.db(), viewer, ALL_PLANS);
        if (json) ctx.out(JSON.stringify({ plans }));
        else for (const p of plans) ctx.out([p.plan_id, p.status, p.year, p.month, p.region_name || p.region_code || '全部', p.targets, p.name].join('\t'));
        return 0;
      }
      case 'draw':
      case 'show':
      case 'verify': {
        const id = rest[0];
        if (!id) throw new UsageError(`inspections ${sub} PLAN_ID`);
        const db = await ctx.db();
        if (sub === 'verify') {
          const v = await verifyDraw(db, viewer, id).catch(mapError);
          if (json) ctx.out(JSON.stringify(v));
          else ctx.out(v.same ? `核验一致：重算名单与存档名单相同（${v.stored} 户）` : `核验不一致：存档 ${v.stored} 户，重算 ${v.recomputed} 户，缺 ${v.missing.length}，多 ${v.extra.length}`);
          return v.same ? 0 : 1;
        }
        const p = sub === 'draw' ? await drawPlan(db, viewer, id).catch(mapError) : await getPlan(db, viewer, id).catch(mapError);
        if (json) ctx.out(JSON.stringify(p));
        else { ctx.out(`计划 ${p.plan_id}「${p.name}」${p.status === 'drawn' ? `已抽取 ${p.targets} 户` : '未抽取'}，随机种子 ${p.seed}`); ctx.out(countsTable(p.counts)); }
        return 0;
      }
      case 'export': {
        const id = rest[0];
        if (!id) throw new UsageError('inspections export PLAN_ID --format csv|xlsx|jsonl [--out FILE]');
        const format = flagString(ctx.args, 'format') ?? 'csv';
        if (!['csv', 'xlsx', 'jsonl'].includes(format)) throw new UsageError('--format 应为 csv、xlsx 或 jsonl');
        const out = flagString(ctx.args, 'out');
        if (format === 'xlsx' && !out) throw new UsageError('--format xlsx 需要 --out FILE');
        const db = await ctx.db();
        const p = await getPlan(db, viewer, id).catch(mapError);
        if (p.status !== 'drawn') throw new InputError('该计划尚未抽取');
        const targets = await getTargets(db, viewer, id);
        if (format === 'jsonl') {
          const lines = targets.map((t) => JSON.stringify({ seq: t.seq, uscc: t.uscc, name: t.name, class: t.class, rank: t.rank, county_code: t.county_code, inspectors: [t.inspector1, t.inspector2], result: t.result, result_date: t.result_date }));
          if (out) fs.writeFileSync(out, lines.join('\n') + '\n'); else for (const l of lines) ctx.out(l);
        } else if (format === 'csv') {
          const csv = planCsv(exportRows(p, targets));
          if (out) fs.writeFileSync(out, csv); else ctx.out(csv.replace(/\r\n$/, ''));
        } else {
          fs.writeFileSync(out!, await planXlsx(p, exportRows(p, targets)));
        }
        ctx.err(`已导出 ${targets.length} 户`);
        return 0;
      }
      case 'result': {
        const [id, uscc, result] = rest;
        if (!id || !uscc || !result) throw new UsageError('inspections result PLAN_ID USCC pass|problem|unreachable --date YYYY-MM-DD');
        if (!(INSPECTION_RESULTS as readonly string[]).includes(result)) throw new UsageError('结果应为 pass、problem 或 unreachable');
        const date = flagString(ctx.args, 'date') ?? todayCn();   // today in China, not the UTC date (00:00–08:00 Beijing)
        const r = await recordResult(await ctx.db(), viewer, { planId: id, uscc, result: result as InspectionResult, date, note: flagString(ctx.args, 'note') }).catch(mapError);
        if (json) ctx.out(JSON.stringify(r)); else ctx.out(`已记录检查结果事件 ${r.eventId}`);
        return 0;
      }
      case 'rates': {
        const r = await planRates(await ctx.db(), viewer);
        if (json) ctx.out(JSON.stringify({ plans: r }));
        else for (const p of r) ctx.out(`${p.plan_id}\t${p.name}\t${CLASSES.map((c, i) => { const x = p.classes[i]!; return `${c} ${x.problem}/${x.inspected}`; }).join('  ')}`);
        return 0;
      }
      case 'roster': {
        const db = await ctx.db();
        if (rest[0] === 'add') {
          const name = rest[1];
          const unit = flagString(ctx.args, 'unit');
          const region = flagString(ctx.args, 'region');
          if (!name || !unit || !region) throw new UsageError('inspections roster add NAME --unit UNIT --region CODE');
          const r = await addInspector(db, viewer, { name, unit, region }).catch(mapError);
          if (json) ctx.out(JSON.stringify(r)); else ctx.out(`已加入名录：${name}（${unit}，${region}）`);
          return 0;
        }
        if (rest[0] !== 'list' && rest[0] !== undefined) throw new UsageError('inspections roster list | roster add NAME --unit UNIT --region CODE');
        const roster = await listRoster(db, viewer);
        if (json) ctx.out(JSON.stringify({ inspectors: roster }));
        else for (const i of roster) ctx.out([i.inspector_id, i.name, i.unit, i.region_code, i.region_name].join('\t'));
        return 0;
      }
      default:
        throw new UsageError(`未知子命令 ${sub ?? ''}`);
    }
  },
};
