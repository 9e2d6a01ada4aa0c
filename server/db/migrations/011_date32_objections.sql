-- The objection/repair tables copy event dates (see 010): widen them to Date32 too, so a record from before 1970
-- keeps its date when it is objected to, corrected or repaired. None of these columns is a key column.
ALTER TABLE objections MODIFY COLUMN event_date Nullable(Date32);

ALTER TABLE event_corrections MODIFY COLUMN end_date Nullable(Date32);

ALTER TABLE credit_repairs MODIFY COLUMN event_date Date32;
