/**
 * 分布研判 (issue 4): class distribution slices, heat matrix, trend, migration, concentrations, rising risk,
 * the enterprises behind a number (analysts/admin only), and 研判 notes. No SQL here: inputs are validated
 * (dimensions and metrics are zod enums — unknown ones are BAD_REQUEST) and passed to queries/research/*,
 * which apply the viewer's regionScope and partner suppression.
 */
import { z } from 'zod';
import { TRPCError } from '@trpc/server';
import { router, authedProcedure, enterpriseProcedure, roleProcedure } from '../init';
import type { Db } from '../../db/client';
import { runQuery } from '../../../queries/define';
import { filtersSchema, type Filters } from '../../../queries/filters';
import * as distribution from '../../../queries/research/distribution';
import * as matrix from '../../../queries/research/matrix';
import * as trend from '../../../queries/research/trend';
import * as migration from '../../../queries/research/migration';
import * as concentrations from '../../../queries/research/concentrations';
import * as rising from '../../../queries/research/rising';
import { windowStart } from '../../../queries/research/rising';
import { latestMonth } from '../../../queries/research/latestMonth';
import { classifiedMonths } from '../../../queries/research/meta';
import { facetValues } from '../../../queries/research/facets';
import { enterpriseListInput, enterprisePage, enterpriseCount } from '../../../queries/research/enterprises';
import { saveNote, saveNoteInput, listNotes, deleteNote, NoteAccessError } from '../../../queries/research/notes';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

/** Fills in the latest classified month when the URL has none. */
async function withMonth(db: Db, f: Filters): Promise<Filters & { month: string }> {
  if (f.month) return { ...f, month: f.month };
  const r = await runQuery(db, latestMonth, { model: f.model }, { name: '', role: 'admin', regionCode: '' });
  const m = r[0]?.month;
  if (!m) throw new TRPCError({ code: 'NOT_FOUND', message: '该模型还没有分类结果：请先运行 classify' });
  return { ...f, month: m };
}

const rethrow = (e: unknown): never => {
  if (e instanceof NoteAccessError) throw new TRPCError({ code: 'FORBIDDEN', message: e.message });
  throw e;
};

export const researchRouter = router({
  /** Months and models with finished runs, and the latest month per model. */
  meta: authedProcedure.query(async ({ ctx }) => {
    const db = await ctx.db();
    const rows = await runQuery(db, classifiedMonths, {}, ctx.viewer);
    const models = [...new Set(rows.map((r) => r.model))];
    return { models, months: Object.fromEntries(models.map((m) => [m, rows.filter((r) => r.model === m).map((r) => r.month)])) as Record<string, string[]> };
  }),

  /** Entity types and tags present in the month (filter options). */
  facets: authedProcedure.input(z.object({ filters: filtersSchema })).query(async ({ ctx, input }) => {
    const db = await ctx.db();
    const filters = await withMonth(db, input.filters);
    const r = (await runQuery(db, facetValues, { model: filters.model, month: filters.month }, ctx.viewer))[0];
    return { month: filters.month, entityTypes: r?.entity_types ?? [], tags: r?.tags ?? [] };
  }),

  distribution: authedProcedure.input(distribution.input.extend({ filters: filtersSchema })).query(async ({ ctx, input }) => {
    const db = await ctx.db();
    const filters = await withMonth(db, input.filters);
    return { month: filters.month, by: input.by, rows: await distribution.getClassDistribution(db, ctx.viewer, { ...input, filters }) };
  }),

  matrix: authedProcedure.input(matrix.input.extend({ filters: filtersSchema })).query(async ({ ctx, input }) => {
    const db = await ctx.db();
    const filters = await withMonth(db, input.filters);
    return { month: filters.month, ...(await matrix.getRiskMatrix(db, ctx.viewer, { ...input, filters })) };
  }),

  trend: authedProcedure.input(trend.input.omit({ from: true }).extend({ filters: filtersSchema }).extend({ from: month.optional() })).query(async ({ ctx, input }) => {
    const db = await ctx.db();
    const filters = await withMonth(db, input.filters);
    // The range start from the URL only when it is not after the month (a start left from an earlier, later month
    // gave an empty trend and blank KPIs); else the last 12 months.
    const from = input.from ?? (filters.from && filters.from <= filters.month ? filters.from : windowStart(filters.month, 12));
    return { month: filters.month, from, points: await trend.getClassTrend(db, ctx.viewer, { filters, from }) };
  }),

  migration: authedProcedure.input(migration.input.omit({ from: true }).extend({ filters: filtersSchema }).extend({ from: month.optional() })).query(async ({ ctx, input }) => {
    const db = await ctx.db();
    const filters = await withMonth(db, input.filters);
    const from = input.from ?? windowStart(filters.month, 2);
    return migration.getClassMigration(db, ctx.viewer, { filters, from });
  }),

  concentrations: authedProcedure.input(concentrations.input.extend({ filters: filtersSchema })).query(async ({ ctx, input }) => {
    const db = await ctx.db();
    const filters = await withMonth(db, input.filters);
    return { month: filters.month, rows: await concentrations.getRiskConcentrations(db, ctx.viewer, { ...input, filters }) };
  }),

  rising: authedProcedure.input(rising.input.extend({ filters: filtersSchema })).query(async ({ ctx, input }) => {
    const db = await ctx.db();
    const filters = await withMonth(db, input.filters);
    return { month: filters.month, ...(await rising.getRisingRisk(db, ctx.viewer, { ...input, filters })) };
  }),

  /** The enterprises of a cell (analysts and administrators only), one page, with the cell's total. */
  enterprises: enterpriseProcedure.input(enterpriseListInput.extend({ filters: filtersSchema }).extend({ limit: z.number().int().min(1).max(500).default(50) })).query(async ({ ctx, input }) => {
    const db = await ctx.db();
    const filters = await withMonth(db, input.filters);
    const q = { ...input, filters };
    const [rows, count] = await Promise.all([runQuery(db, enterprisePage, q, ctx.viewer), runQuery(db, enterpriseCount, q, ctx.viewer)]);
    return { month: filters.month, total: count[0]?.n ?? 0, rows };
  }),

  // Findings are written text about enterprises and places: never for partners (aggregates only).
  notes: roleProcedure('admin', 'analyst', 'leader').input(z.object({ month: month.optional() }).default({})).query(async ({ ctx, input }) =>
    listNotes(await ctx.db(), ctx.viewer, { month: input.month })),

  saveNote: enterpriseProcedure.input(saveNoteInput).mutation(async ({ ctx, input }) =>
    saveNote(await ctx.db(), ctx.viewer, input).catch(rethrow)),

  deleteNote: enterpriseProcedure.input(z.object({ id: z.string().uuid() })).mutation(async ({ ctx, input }) =>
    ({ deleted: await deleteNote(await ctx.db(), ctx.viewer, input.id).catch(rethrow) })),
});
