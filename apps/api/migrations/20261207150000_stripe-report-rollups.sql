-- Striped rollup rows (issue 6, docs/adr/0016-hot-rows-and-prepared-statements.md): every intake of the same
-- day, unit and procedure added its counters to one report_daily row and one report_monthly row,
-- and the row lock taken by that upsert was held until commit, so concurrent intakes ran one at
-- a time. A group's counters may now be spread over up to 16 rows (stripes); a writer adds to one
-- stripe it picks at random, readers always SUM over the group (they already did: a rollup was
-- never read as one row). A full rebuild and the legacy import write stripe 0.

ALTER TABLE report_daily ADD COLUMN stripe smallint NOT NULL DEFAULT 0;
ALTER TABLE report_daily ADD CONSTRAINT report_daily_stripe_ck CHECK (stripe BETWEEN 0 AND 15);
ALTER TABLE report_daily DROP CONSTRAINT report_daily_pk;
ALTER TABLE report_daily ADD CONSTRAINT report_daily_pk
  PRIMARY KEY (day, competent_unit_id, receiving_unit_id, procedure_code, field_code, level, channel, stripe);
COMMENT ON COLUMN report_daily.stripe IS 'Which of up to 16 rows of the same group this is (0 from a rebuild or an import); the counters of a group are the SUM over its stripes.';

ALTER TABLE report_monthly ADD COLUMN stripe smallint NOT NULL DEFAULT 0;
ALTER TABLE report_monthly ADD CONSTRAINT report_monthly_stripe_ck CHECK (stripe BETWEEN 0 AND 15);
ALTER TABLE report_monthly DROP CONSTRAINT report_monthly_pk;
ALTER TABLE report_monthly ADD CONSTRAINT report_monthly_pk
  PRIMARY KEY (month, competent_unit_id, receiving_unit_id, procedure_code, field_code, level, channel, stripe);
COMMENT ON COLUMN report_monthly.stripe IS 'Which of up to 16 rows of the same group this is (0 from a rebuild or an import); the counters of a group are the SUM over its stripes.';
