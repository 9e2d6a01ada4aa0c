-- The data scope of the user behind an audit entry (GB/T 2260 code, '' = no limit), as it was when they acted:
-- users can be re-created with another region, and an entry read later must still say what the user could see.
ALTER TABLE audit_log ADD COLUMN IF NOT EXISTS region_code LowCardinality(String) DEFAULT '' AFTER role;
