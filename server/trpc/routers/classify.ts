/** Classification: models, runs (admins start them as jobs), validation, and the enterprise page (企业画像). */
import { z } from 'zod';
import { TRPCError } from '@trpc/server';
import { router, authedProcedure, enterpriseProcedure, adminProcedure } from '../init';
import { runQuery } from '../../../queries/define';
import { classRuns } from '../../../queries/classes/runs';
import { classifiedMonths } from '../../../queries/classes/months';
import { enterpriseProfile } from '../../../queries/enterprise/profile';
import { enterpriseClassHistory } from '../../../queries/enterprise/classHistory';
import { enterpriseTimeline } from '../../../queries/enterprise/timeline';
import { enterpriseRelated } from '../../../queries/enterprise/related';
import { enterpriseRoles } from '../../../queries/enterprise/roles';
import { enterpriseSearch } from '../../../queries/enterprise/search';
import { EFFECTIVE, ModelError, loadAllModels as loadAllModelFiles, loadModels as loadModelFiles } from '../../classify/model';
import { classifyAll, classifyMonth, FIRST_MONTH, monthsWithEvents, monthTooEarly } from '../../classify/run';
import { evaluate } from '../../classify/evaluate';
import { getJob, listJobs, startJob } from '../../jobs/registry';

/**
 * A model file that cannot be read, or an unknown model, is said as it is (PRECONDITION_FAILED / NOT_FOUND): as a
 * plain error it reached the page as 服务器内部错误 (errorFormatter masks those), with nothing for the administrator
 * who has to fix the file.
 */
function modelErrors(e: unknown): never {
  if (e instanceof ModelError) throw new TRPCError({ code: e.kind === 'file' ? 'PRECONDITION_FAILED' : 'NOT_FOUND', message: e.message, cause: e });
  throw e;
}
const loadModels = () => { try { return loadModelFiles(); } catch (e) { return modelErrors(e); } };
const loadAllModels = () => { try { return loadAllModelFiles(); } catch (e) { return modelErrors(e); } };

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const modelId = z.string().regex(/^[a-z][a-z0-9-]{1,40}$/);

export const classifyRouter = router({
  models: authedProcedure.query(() => {
    const models = loadModels().map((m) => m.kind === 'score'
      ? { id: m.id, version: m.version, kind: m.kind, name: m.name, description: m.description, bands: m.bands, combine: m.combine ?? null,
          dimensions: m.dimensions.map((d) => d.name),
          hardRules: m.hardRules.map((h) => h.name),
          indicators: m.indicators.map((i) => ({ id: i.id, name: i.name, dimension: m.dimensions.find((d) => d.id === i.dimension)?.name ?? i.dimension, category: i.category, points: i.points, scoring: i.scoring.type })) }
      : { id: m.id, version: m.version, kind: m.kind, name: m.name, description: m.description, bands: null, combine: null, dimensions: [],
          hardRules: m.rules.map((r) => `${r.class}：${r.name}`), indicators: [] });
    return [...models, { id: EFFECTIVE, version: 1, kind: 'derived' as const, name: '通用+专业组合', description: '重点领域企业取通用型与专业型中风险较高者（可在专业型模型文件中配置）', bands: null, combine: null, dimensions: [], hardRules: [], indicators: [] }];
  }),
  /** Every version of every model file, in full, for review (模型与验证). */
  versions: enterpriseProcedure.query(() => loadAllModels().map(({ model: m }) => m.kind === 'score'
    ? { id: m.id, version: m.version, kind: m.kind, name: m.name, description: m.description, bands: m.bands, combine: m.combine ?? null, scope: m.scope ?? null,
        dimensions: m.dimensions, hardRules: m.hardRules.map((h) => ({ id: h.id, name: h.name, when: h.when })),
        indicators: m.indicators.map((i) => ({ id: i.id, name: i.name, dimension: m.dimensions.find((d) => d.id === i.dimension)?.name ?? i.dimension, category: i.category, expr: i.expr, scoring: i.scoring, points: i.points, note: i.note ?? '' })),
        rules: [] as Array<{ id: string; name: string; class: string; when: string }>, default: null as string | null }
    : { id: m.id, version: m.version, kind: m.kind, name: m.name, description: m.description, bands: null, combine: null, scope: m.scope ?? null,
        dimensions: [] as Array<{ id: string; name: string }>, hardRules: [] as Array<{ id: string; name: string; when: string }>, indicators: [] as Array<never>,
        rules: m.rules.map((r) => ({ id: r.id, name: r.name, class: r.class, when: r.when })), default: m.default as string | null })),
  months: authedProcedure.input(z.object({ model: modelId.default('general') })).query(async ({ ctx, input }) =>
    (await runQuery(await ctx.db(), classifiedMonths, input, ctx.viewer)).map((r) => r.month)),
  runs: enterpriseProcedure.input(classRuns.input.default({ limit: 100 })).query(async ({ ctx, input }) =>
    runQuery(await ctx.db(), classRuns, input, ctx.viewer)),
  /**
   * One month (`month`), every month with events (`all`), or every month from `since` on (`all` + `since`: after
   * data corrections, or to finish an interrupted run); one model or all of them.
   */
  start: adminProcedure.input(z.object({ month: month.optional(), all: z.boolean().default(false), since: month.optional(), model: modelId.optional() })).mutation(async ({ ctx, input }) => {
    if (!input.month && !input.all) throw new TRPCError({ code: 'BAD_REQUEST', message: '请选择月份或全部月份' });
    if (!input.all && input.month && input.month < FIRST_MONTH) throw new TRPCError({ code: 'BAD_REQUEST', message: monthTooEarly(input.month) });
    const db = await ctx.db();
    if (input.all && input.since && !(await monthsWithEvents(db, { since: input.since })).length) {
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: input.since >= FIRST_MONTH ? `${input.since} 及以后没有任何事件记录`
          : `${input.since} 及以后没有 ${FIRST_MONTH} 起的事件记录（更早的月份不能分类：36个月的统计窗口须在1970年以后）`,
      });
    }
    // One classification job at a time: a second start (another administrator, or the page reloaded while one runs)
    // would classify the same months again beside it, on the same cores.
    const running = listJobs('classify').find((j) => j.status === 'running');
    if (running) {
      throw new TRPCError({ code: 'CONFLICT', message: `已有分类任务在运行：${running.label}（${running.actor}，已完成 ${Math.round((running.fraction ?? 0) * 100)}%），请待其结束后再开始` });
    }
    const which = input.model ? `（${input.model}）` : '';
    const label = input.all ? (input.since ? `分类 ${input.since} 起各月${which}` : `分类全部月份${which}`) : `分类 ${input.month}${which}`;
    const job = startJob('classify', ctx.viewer.name, label, async (r) => {
      const progress = (text: string, f: number) => r.progress(text, f);
      const skipped = (ms: string[]) => r.progress(`跳过 ${ms.length} 个早于 ${FIRST_MONTH} 的月份（不能分类）`, 0);
      if (input.all) return classifyAll(db, { actor: ctx.viewer.name, progress, modelId: input.model, since: input.since, skipped });
      return classifyMonth(db, input.month!, input.model, { actor: ctx.viewer.name, progress });
    });
    return { jobId: job.id };
  }),
  job: enterpriseProcedure.input(z.object({ id: z.string().uuid() })).query(({ input }) => {
    const j = getJob(input.id);
    if (!j) throw new TRPCError({ code: 'NOT_FOUND', message: '任务不存在（服务重启后任务记录会清空）' });
    return { id: j.id, label: j.label, status: j.status, progress: j.progress, fraction: j.fraction, startedAt: j.startedAt, finishedAt: j.finishedAt, error: j.error };
  }),
  jobs: enterpriseProcedure.query(() => listJobs('classify').map((j) => ({ id: j.id, label: j.label, actor: j.actor, status: j.status, progress: j.progress, fraction: j.fraction, startedAt: j.startedAt, finishedAt: j.finishedAt, error: j.error }))),
  evaluation: enterpriseProcedure.input(z.object({ month, model: modelId.default('general'), fit: z.boolean().default(false) })).query(async ({ ctx, input }) =>
    evaluate(await ctx.db(), input.month, input.model, { viewer: ctx.viewer, fit: input.fit, sampleMod: 4 }).catch(modelErrors)),
  /** 企业查询: enterprises by name or code, within the viewer's region. */
  search: enterpriseProcedure.input(enterpriseSearch.input).query(async ({ ctx, input }) => {
    const rows = await runQuery(await ctx.db(), enterpriseSearch, input, ctx.viewer);
    return { total: rows[0]?.total ?? 0, rows: rows.map(({ total: _total, ...r }) => r) };
  }),
  /** The enterprises at the same address and under the same legal representative (企业画像), within the viewer's region. */
  enterpriseRelated: enterpriseProcedure.input(enterpriseRelated.input).query(async ({ ctx, input }) => runQuery(await ctx.db(), enterpriseRelated, input, ctx.viewer)),
  enterprise: enterpriseProcedure.input(z.object({ uscc: z.string().regex(/^[0-9A-Z]{15,18}$/) })).query(async ({ ctx, input }) => {
    const db = await ctx.db();
    const [profile] = await runQuery(db, enterpriseProfile, input, ctx.viewer);
    if (!profile) throw new TRPCError({ code: 'NOT_FOUND', message: '未找到该企业，或不在您的数据范围内' });
    const rows = await runQuery(db, enterpriseClassHistory, input, ctx.viewer);
    // Each month's bands are those of the model version that classified it (bands are edited per version; a key-area
    // model has its own): an 'effective' row's are its basis model's, in the version of that month's row.
    // (A model file that cannot be read costs the chart its bands, not the page: the chart falls back to its defaults.)
    let files: ReturnType<typeof loadAllModelFiles> = [];
    try { files = loadAllModelFiles(); } catch (e) { if (!(e instanceof ModelError)) throw e; }
    const bandsOf = new Map<string, { B: number; C: number; D: number }>(
      files.flatMap(({ model: m }) => (m.kind === 'score' ? [[`${m.id}@${m.version}`, m.bands] as const] : [])));
    const versionOf = new Map(rows.map((h) => [`${h.month}|${h.model_id}`, h.model_version]));
    const history = rows.map((h) => {
      const [id, version] = h.model_id === EFFECTIVE ? [h.basis, versionOf.get(`${h.month}|${h.basis}`)] : [h.model_id, h.model_version];
      return { ...h, bands: bandsOf.get(`${id}@${version}`) ?? null };
    });
    const timeline = await runQuery(db, enterpriseTimeline, { uscc: input.uscc, limit: 500 }, ctx.viewer);
    const roles = await runQuery(db, enterpriseRoles, input, ctx.viewer);
    return { profile, history, timeline, roles };
  }),
});
