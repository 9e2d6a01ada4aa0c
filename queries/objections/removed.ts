/**
 * Records an upheld objection removed (更正：记录撤销): their latest correction is a removal. History keeps them in
 * `events`, but nothing counts them — the classification reads `events_corrected` (migration 009), which drops them.
 * A count over `events` that must agree with what the models and the plans' rates read excludes these ids.
 */
import { sql, type Sql } from '../../server/db/sql';

export const REMOVED_EVENT_IDS: Sql = sql`(SELECT event_id FROM event_corrections GROUP BY event_id HAVING argMax(action, ts) = 'remove')`;
