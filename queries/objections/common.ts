/** Shared schemas of the objection and repair queries. */
import { z } from 'zod';

export const usccSchema = z.string().regex(/^[0-9A-Z]{15,18}$/, '统一社会信用代码格式不正确');
export const daySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');
export const OBJECTION_STATUSES = ['received', 'forwarded', 'answered', 'corrected', 'upheld'] as const;
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number];
/** Statuses in which the source department's answer is still awaited (overdue when past the due date). */
export const AWAITING: readonly ObjectionStatus[] = ['received', 'forwarded'];
