/**
 * The objection register (latest state of each), newest receipt first, with overdue flags. Region scope on the snapshot codes.
 * created_at / updated_at in China time; the dates (received, due, …) are calendar days.
 */
import { z } from 'zod';
import { defineQuery } from '../define';
import { sql, p, and } from '../../server/db/sql';
import { cnTime } from '../../server/db/time';
import { regionScope } from '../../server/auth/viewer';
import { OBJECTION_STATUSES, daySchema, usccSchema } from './common';

export const objectionRow = z.object({
  objection_id: z.string(), uscc: z.string(), enterprise_name: z.string(), county_code: z.string(), target_kind: z.string(),
  event_id: z.string(), event_date: z.string().nullable(), event_category: z.string(), event_source: z.string(),
  month: z.string().nullable(), model_id: z.string(), objector: z.string(), what: z.string(), grounds: z.string(),
  received_date: z.string(), due_date: z.string(), status: z.enum(OBJECTION_STATUSES), forwarded_to: z.string(),
  forwarded_date: z.string().nullable(), answer: z.string(), answered_date: z.string().nullable(), outcome_note: z.string(),
  reclass_status: z.string(), reclass_message: z.string(), created_by: z.string(), created_at: z.string(), updated_by: z.string(), updated_at: z.string(),
  /** Past due and not answered (as of `today`). */
  overdue: z.coerce.number().transform((n) => n === 1),
  /** Answered after the due date. */
  answered_late: z.coerce.number().transform((n) => n === 1),
});

export const objectionList = defineQuery({
  name: 'objections.list',
  input: z.object({
    today: daySchema,
    status: z.enum(OBJECTION_STATUSES).optional(),
    overdueOnly: z.boolean().default(false),
    uscc: usccSchema.optional(),
    id: z.string().max(64).optional(),
    limit: z.number().int().min(1).max(1000).default(200),
  }),
  row: objectionRow,
  build: (i, viewer) => sql`
    SELECT * FROM (
      SELECT objection_id, uscc, enterprise_name, toString(county_code) AS county_code, toString(target_kind) AS target_kind, event_id,
        if(isNull(event_date), NULL, toString(event_date)) AS event_date, toString(event_category) AS event_category, event_source,
        if(isNull(month), NULL, formatDateTime(assumeNotNull(month), '%Y-%m')) AS month, toString(model_id) AS model_id,
        objector, what, grounds, toString(received_date) AS received_date, toString(due_date) AS due_date, toString(status) AS status,
        forwarded_to, if(isNull(forwarded_date), NULL, toString(forwarded_date)) AS forwarded_date, answer,
        if(isNull(answered_date), NULL, toString(answered_date)) AS answered_date, outcome_note, toString(reclass_status) AS reclass_status,
        reclass_message, created_by, ${cnTime('created_at')} AS created_at, updated_by,
        ${cnTime('updated_at')} AS updated_at,
        toUInt8(o.status IN ('received', 'forwarded') AND o.due_date < ${p.date(i.today)}) AS overdue,
        toUInt8(o.answered_date IS NOT NULL AND assumeNotNull(o.answered_date) > o.due_date) AS answered_late
      FROM objections AS o FINAL
      WHERE ${and([
        regionScope(viewer),
        i.uscc ? sql`uscc = ${p.str(i.uscc)}` : null,
        i.id ? sql`objection_id = ${p.str(i.id)}` : null,
      ])}
    )
    WHERE ${and([
      i.status ? sql`status = ${p.str(i.status)}` : null,
      i.overdueOnly ? sql`overdue = 1` : null,
    ])}
    ORDER BY overdue DESC, received_date DESC, created_at DESC
    LIMIT ${p.uint(i.limit)}`,
});
