-- Class counts per month kept beside the rows (issue 9: the 12-month trend at 2M enterprises scanned 24M rows).
-- An aggregate projection: ClickHouse keeps, in every part, the row counts grouped by the columns below and
-- answers a counting query from it whenever the query's filters and groupings use only these columns (model,
-- month, region down to county, industry down to division, entity type, status, class). Anything else (street,
-- industry group/class, tags, scores) reads the rows as before, so the answers never depend on it.
-- The classification stage table is created `AS class_results` and so carries the projection, which
-- REPLACE PARTITION requires. Existing parts get it from MATERIALIZE (a mutation, waited for).
ALTER TABLE class_results ADD PROJECTION IF NOT EXISTS p_class_counts (
  SELECT model_id, month, province_code, prefecture_code, county_code, industry_section, industry_division, entity_type, status, class, count()
  GROUP BY model_id, month, province_code, prefecture_code, county_code, industry_section, industry_division, entity_type, status, class
);

ALTER TABLE class_results MATERIALIZE PROJECTION p_class_counts SETTINGS mutations_sync = 2;
