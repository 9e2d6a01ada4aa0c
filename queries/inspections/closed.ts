/**
 * Enterprises of a plan's population open in the month's snapshot but closed now (吊销 / 注销 / 迁出 in the current
 * `enterprises`): what the draw leaves out besides the snapshot's statuses, recorded with the plan
 * (inspection_exclusions) so that verifying the draw later replays the same exclusions.
 */
import { z } from 'zod';
import { defineQuery } from '../define';
import { closedNowSql, populationInput } from './common';

export const planClosedNow = defineQuery({
  name: 'inspections.closedNow',
  input: populationInput,
  row: z.object({ uscc: z.string(), closed_status: z.string() }),
  build: (inp, viewer) => closedNowSql(inp, viewer),
});
