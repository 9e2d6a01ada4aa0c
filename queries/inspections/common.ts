/**
 * Shared SQL of the 双随机 queries: the plan's population in the classified month, each enterprise tagged with the
 * first exemption that applies to it (`exempt`: 'status' | 'drawn' | 'inclusion' | 'observation' | '' = eligible).
 * Read from `class_results` (the snapshot of slicing columns) under the viewer's regionScope and the plan's scope.
 *
 * 'drawn': on the list of another plan of the same year drawn before the cutoff — a drawn plan's: the rows a draw
 * that died before marking its plan drawn left behind are no list (its retry replaces them, with its own instant).
 * 'status': closed (吊销 / 注销 / 迁出) in the month's snapshot, or closed since. "Closed since" is read from the
 * current `enterprises` for a preview and at the draw, which records what it read (inspection_exclusions, see
 * `closedNowSql`); the draw and its verification then read that record (`closed: 'plan'`), so the list stays a
 * function of the inputs as they were at the draw whatever later imports change.
 */
import { z } from 'zod';
import { sql, p, and, trusted, type Sql } from '../../server/db/sql';
import { filterSql, filtersSchema } from '../filters';
import { regionScope, type Viewer } from '../../server/auth/viewer';
import { DISPLAY_TZ } from '../../server/db/time';
import { KEY_AREAS, NEVER_DRAWN_STATUSES, planSettingsSchema } from '../../server/inspections/settings';

export const planIdSchema = z.string().regex(/^[0-9a-f]{8}$/);

export const populationInput = z.object({
  settings: planSettingsSchema,
  /** The plan being drawn ('' for a preview of an unsaved plan): its own earlier list never exempts. */
  planId: z.string().regex(/^([0-9a-f]{8})?$/).default(''),
  /** Only plans drawn before this instant count as "drawn this year" ('YYYY-MM-DD HH:MM:SS.mmm', UTC). */
  cutoff: z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/),
  /**
   * Where "closed since the snapshot" comes from: 'now' = the current `enterprises` (previews, plans drawn before
   * the draw recorded it); 'plan' = the exclusions recorded by the draw of `planId`.
   */
  closed: z.enum(['now', 'plan']).default('now'),
});
export type PopulationInput = z.infer<typeof populationInput>;

/** Last day of a YYYY-MM month. */
export function monthEndDate(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m, 0));
  return d.toISOString().slice(0, 10);
}

/** The plan's population in `class_results`: the month, the model, the plan's scope and the viewer's regionScope. */
function populationWhere(inp: PopulationInput, viewer: Viewer): Sql {
  const s = inp.settings;
  const filters = filtersSchema.parse({ region: s.scope.region, industry: s.scope.industry, entityType: s.scope.entityType, tags: s.scope.tags });
  const keyTags = s.scope.keyArea ? [...KEY_AREAS[s.scope.keyArea].tags] : [];
  return and([
    sql`month = ${p.date(`${s.month}-01`)}`,
    sql`model_id = ${p.str(s.model)}`,
    filterSql(filters),
    keyTags.length ? sql`hasAny(tags, ${p.strs(keyTags)})` : null,
    regionScope(viewer),
  ]);
}

/**
 * Enterprises of the population open in the snapshot but closed now (their current status in `enterprises`), with
 * that status: what a draw records in inspection_exclusions before it draws. Columns: uscc, closed_status.
 */
export function closedNowSql(inp: PopulationInput, viewer: Viewer): Sql {
  const never = [...NEVER_DRAWN_STATUSES];
  return sql`
    SELECT uscc, toString(any(e.status)) AS closed_status FROM enterprises AS e
    WHERE e.status IN ${p.strs(never)}
      AND e.uscc IN (SELECT uscc FROM class_results WHERE ${populationWhere(inp, viewer)} AND status NOT IN ${p.strs(never)})
    GROUP BY uscc ORDER BY uscc`;
}

/** SELECT of the plan's population with its exemption reason (see the file comment). */
export function populationSql(inp: PopulationInput, viewer: Viewer): Sql {
  const s = inp.settings;
  const ex = s.exemptions;
  const never = [...NEVER_DRAWN_STATUSES];
  if (inp.closed === 'plan' && !inp.planId) throw new Error("populationSql: closed 'plan' needs the plan's id");
  const closedSince = inp.closed === 'plan'
    ? sql`uscc IN (SELECT uscc FROM inspection_exclusions WHERE plan_id = ${p.str(inp.planId)})`
    : sql`uscc IN (SELECT uscc FROM enterprises WHERE status IN ${p.strs(never)})`;
  return sql`
    SELECT uscc, toString(class) AS class, score, toString(province_code) AS province_code, toString(prefecture_code) AS prefecture_code,
      toString(county_code) AS county_code, toString(street_code) AS street_code, toString(industry_code) AS industry_code,
      multiIf(
        status IN ${p.strs(never)} OR ${closedSince}, 'status',
        ${p.uint(ex.excludeDrawnThisYear ? 1 : 0)} = 1 AND uscc IN (
          SELECT uscc FROM inspection_targets
          WHERE year = ${p.uint(s.year)} AND plan_id != ${p.str(inp.planId)} AND drawn_at < toDateTime64(${p.str(inp.cutoff)}, 3, 'UTC')
            AND plan_id IN (SELECT plan_id FROM inspection_plans FINAL WHERE status = 'drawn')), 'drawn',
        class IN ('A', 'B') AND hasAny(tags, ${p.strs(ex.inclusionTags)}), 'inclusion',
        class IN ('A', 'B') AND (hasAny(tags, ${p.strs(ex.newEconomyTags)})
          OR (arrayExists(ind -> startsWith(industry_code, ind), ${p.strs(ex.newEconomyIndustries)})
              AND reg_date > addYears(${p.date(monthEndDate(s.month))}, -${p.int(ex.observationYears)}))), 'observation',
        '') AS exempt
    FROM class_results
    WHERE ${populationWhere(inp, viewer)}`;
}

const OWN = `startsWith(e.event_id, concat('INSP-', x.plan_id, '-'))`;

/**
 * The result of each drawn enterprise of the given plans: the result recorded for this plan on the page (event_id
 * 'INSP-<plan>-…') when there is one — a later inspection from elsewhere (a follow-up check, another campaign) does
 * not replace what the plan's inspection found; else its latest inspection event imported / recorded elsewhere (not
 * another plan's) in the plan's year, dated after the classified month and not before the day of the draw (China
 * time): an inspection made before the enterprise was drawn is another campaign's, not this plan's result. Events
 * are read as corrected after objections (events_corrected, as the classification reads them): a record an objection
 * removed is no result.
 * Columns: plan_id, uscc, result, result_date, result_source, result_event_id, result_note.
 */
export function resultsSql(planIds: readonly string[]): Sql {
  const ids = p.strs(planIds);
  return sql`
    SELECT x.plan_id AS plan_id, x.uscc AS uscc,
      toString(argMax(e.result, (${{ text: OWN, params: {} }}, e.event_date))) AS result,
      toString(argMax(e.event_date, (${{ text: OWN, params: {} }}, e.event_date))) AS result_date,
      toString(argMax(e.source, (${{ text: OWN, params: {} }}, e.event_date))) AS result_source,
      argMax(e.event_id, (${{ text: OWN, params: {} }}, e.event_date)) AS result_event_id,
      argMax(e.detail, (${{ text: OWN, params: {} }}, e.event_date)) AS result_note
    FROM events_corrected AS e
    INNER JOIN (
      SELECT t.plan_id AS plan_id, t.uscc AS uscc, t.year AS year, pl.month AS month, toDate(t.drawn_at, ${trusted(`'${DISPLAY_TZ}'`)}) AS drawn_day
      FROM inspection_targets AS t
      INNER JOIN (SELECT plan_id, month FROM inspection_plans FINAL WHERE plan_id IN ${ids}) AS pl ON pl.plan_id = t.plan_id
      WHERE t.plan_id IN ${ids}
    ) AS x ON x.uscc = e.uscc
    WHERE e.category = 'inspection' AND e.uscc IN (SELECT uscc FROM inspection_targets WHERE plan_id IN ${ids})
      AND toYear(e.event_date) = x.year
      AND (${{ text: OWN, params: {} }} OR (NOT startsWith(e.event_id, 'INSP-') AND e.event_date > toLastDayOfMonth(x.month) AND e.event_date >= x.drawn_day))
    GROUP BY x.plan_id, x.uscc`;
}

/** regionScope over the plan / target / roster tables' region columns. */
export function scopeOn(viewer: Viewer, alias: string): Sql {
  return regionScope(viewer, { province: `${alias}.province_code`, prefecture: `${alias}.prefecture_code`, county: `${alias}.county_code` });
}
