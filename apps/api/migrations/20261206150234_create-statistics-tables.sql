-- create-statistics-tables
-- Monitoring (issue 4, docs/adr/0009-report-definitions.md and 0010-statistics-rollup.md): the report
-- facts of every dossier, the exact daily and monthly rollups every report, map and dashboard is
-- summed from, the step rollup, the province's commune boundaries and the weekly report
-- subscriptions.

CREATE TABLE report_dossier_fact (
  dossier_id uuid NOT NULL,
  competent_unit_id uuid NOT NULL,
  receiving_unit_id uuid NOT NULL,
  procedure_code text NOT NULL,
  field_code text NOT NULL,
  level text NOT NULL,
  channel text NOT NULL,
  submitted_day date NOT NULL,
  received_day date,
  refused_day date,
  completed_day date,
  timeliness text,
  settlement_kind text,
  is_withdrawn boolean NOT NULL DEFAULT false,
  settlement_working_minutes integer,
  supplement_day date,
  is_digitised boolean NOT NULL DEFAULT false,
  is_reused boolean NOT NULL DEFAULT false,
  rating_day date,
  rating_score smallint,
  steps_counted integer NOT NULL DEFAULT 0,
  computed_at timestamptz NOT NULL,
  CONSTRAINT report_dossier_fact_pk PRIMARY KEY (dossier_id),
  CONSTRAINT report_dossier_fact_dossier_fk FOREIGN KEY (dossier_id) REFERENCES dossier (id) ON DELETE CASCADE,
  CONSTRAINT report_dossier_fact_timeliness_ck CHECK (timeliness IS NULL OR timeliness IN ('early', 'on_time', 'late')),
  CONSTRAINT report_dossier_fact_kind_ck CHECK (settlement_kind IS NULL OR settlement_kind IN ('result', 'refused', 'stopped', 'withdrawn')),
  CONSTRAINT report_dossier_fact_settled_ck CHECK ((completed_day IS NULL) = (timeliness IS NULL)),
  CONSTRAINT report_dossier_fact_level_ck CHECK (level IN ('province', 'commune', 'central')),
  CONSTRAINT report_dossier_fact_channel_ck CHECK (channel IN ('counter', 'online', 'postal', 'chat')),
  CONSTRAINT report_dossier_fact_steps_ck CHECK (steps_counted >= 0)
);
CREATE INDEX report_dossier_fact_received_idx ON report_dossier_fact (received_day);
CREATE INDEX report_dossier_fact_completed_idx ON report_dossier_fact (completed_day) WHERE completed_day IS NOT NULL;
CREATE INDEX report_dossier_fact_open_idx ON report_dossier_fact (received_day) WHERE completed_day IS NULL AND received_day IS NOT NULL;
CREATE INDEX report_dossier_fact_competent_idx ON report_dossier_fact (competent_unit_id, received_day);
CREATE INDEX report_dossier_fact_receiving_idx ON report_dossier_fact (receiving_unit_id, received_day);
COMMENT ON TABLE report_dossier_fact IS 'Report facts of one dossier (reportFactsOf in packages/domain), recomputed in the transaction of every change of the dossier; the rollups are sums of these facts; drill-downs read them.';
COMMENT ON COLUMN report_dossier_fact.dossier_id IS 'The dossier.';
COMMENT ON COLUMN report_dossier_fact.competent_unit_id IS 'Competent agency (cơ quan giải quyết), the unit of the II.06a row.';
COMMENT ON COLUMN report_dossier_fact.receiving_unit_id IS 'One-stop section that received the dossier.';
COMMENT ON COLUMN report_dossier_fact.procedure_code IS 'National procedure code.';
COMMENT ON COLUMN report_dossier_fact.field_code IS 'Field (lĩnh vực) of the pinned procedure version (II.07a rows).';
COMMENT ON COLUMN report_dossier_fact.level IS 'Implementing level of the pinned version: province | commune | central.';
COMMENT ON COLUMN report_dossier_fact.channel IS 'counter | online | postal | chat (online and chat are national channel code 2).';
COMMENT ON COLUMN report_dossier_fact.submitted_day IS 'Day of submission (Vietnam).';
COMMENT ON COLUMN report_dossier_fact.received_day IS 'Day the legal clock started; NULL while never received.';
COMMENT ON COLUMN report_dossier_fact.refused_day IS 'Day of the refusal at intake (never received).';
COMMENT ON COLUMN report_dossier_fact.completed_day IS 'Day processing ended (ngày kết thúc xử lý) of a received dossier.';
COMMENT ON COLUMN report_dossier_fact.timeliness IS 'early | on_time | late, at date granularity against the due date (NULL while in progress).';
COMMENT ON COLUMN report_dossier_fact.settlement_kind IS 'result | refused | stopped | withdrawn.';
COMMENT ON COLUMN report_dossier_fact.is_withdrawn IS 'Withdrawn at the applicant''s request (counted on time, column 9).';
COMMENT ON COLUMN report_dossier_fact.settlement_working_minutes IS 'Working minutes from receipt to the end of processing without paused time (settled with a result).';
COMMENT ON COLUMN report_dossier_fact.supplement_day IS 'Day of the supplement request during processing.';
COMMENT ON COLUMN report_dossier_fact.is_digitised IS 'Component files attached and, when a paper result is required and the result is out, the e-result too.';
COMMENT ON COLUMN report_dossier_fact.is_reused IS 'At least one component reused from a database.';
COMMENT ON COLUMN report_dossier_fact.rating_day IS 'Day of the satisfaction rating.';
COMMENT ON COLUMN report_dossier_fact.rating_score IS 'Satisfaction score 1-5.';
COMMENT ON COLUMN report_dossier_fact.steps_counted IS 'Completed internal steps already added to report_step_daily (steps complete in order).';
COMMENT ON COLUMN report_dossier_fact.computed_at IS 'When the facts were last computed.';

CREATE TABLE report_overdue_span (
  dossier_id uuid NOT NULL,
  from_day date NOT NULL,
  to_day date,
  CONSTRAINT report_overdue_span_pk PRIMARY KEY (dossier_id, from_day),
  CONSTRAINT report_overdue_span_dossier_fk FOREIGN KEY (dossier_id) REFERENCES report_dossier_fact (dossier_id) ON DELETE CASCADE,
  CONSTRAINT report_overdue_span_days_ck CHECK (to_day IS NULL OR to_day > from_day)
);
CREATE INDEX report_overdue_span_from_idx ON report_overdue_span (from_day);
COMMENT ON TABLE report_overdue_span IS 'Report days for which a dossier is in progress and overdue at the end of the day: [from_day, to_day), so column 13 of any period is a count of the spans containing its last day.';
COMMENT ON COLUMN report_overdue_span.dossier_id IS 'The dossier.';
COMMENT ON COLUMN report_overdue_span.from_day IS 'First report day the dossier is overdue at the end of.';
COMMENT ON COLUMN report_overdue_span.to_day IS 'First report day it no longer is (paused or settled); NULL while it stays overdue if nothing happens.';

CREATE TABLE report_daily (
  day date NOT NULL,
  competent_unit_id uuid NOT NULL,
  receiving_unit_id uuid NOT NULL,
  procedure_code text NOT NULL,
  field_code text NOT NULL,
  level text NOT NULL,
  channel text NOT NULL,
  submitted bigint NOT NULL DEFAULT 0,
  received bigint NOT NULL DEFAULT 0,
  refused bigint NOT NULL DEFAULT 0,
  settled_early bigint NOT NULL DEFAULT 0,
  settled_on_time bigint NOT NULL DEFAULT 0,
  settled_late bigint NOT NULL DEFAULT 0,
  settled_withdrawn bigint NOT NULL DEFAULT 0,
  settled_result bigint NOT NULL DEFAULT 0,
  settlement_minutes bigint NOT NULL DEFAULT 0,
  overdue_from bigint NOT NULL DEFAULT 0,
  overdue_to bigint NOT NULL DEFAULT 0,
  supplement_requested bigint NOT NULL DEFAULT 0,
  digitised bigint NOT NULL DEFAULT 0,
  reused bigint NOT NULL DEFAULT 0,
  rated bigint NOT NULL DEFAULT 0,
  rated_low bigint NOT NULL DEFAULT 0,
  rating_sum bigint NOT NULL DEFAULT 0,
  CONSTRAINT report_daily_pk PRIMARY KEY (day, competent_unit_id, receiving_unit_id, procedure_code, field_code, level, channel)
);
CREATE INDEX report_daily_competent_idx ON report_daily (competent_unit_id, day);
CREATE INDEX report_daily_receiving_idx ON report_daily (receiving_unit_id, day);
COMMENT ON TABLE report_daily IS 'Exact daily rollup of report_dossier_fact: per day, competent agency, one-stop section, procedure, field, level and channel, the counters every report is summed from. Maintained in the transaction of each dossier change; rebuilt by rebuildStatistics after bulk loads.';
COMMENT ON COLUMN report_daily.day IS 'Day (Vietnam) the counters belong to.';
COMMENT ON COLUMN report_daily.competent_unit_id IS 'Competent agency of the dossiers (the unit that settles them).';
COMMENT ON COLUMN report_daily.receiving_unit_id IS 'One-stop section that received the dossiers.';
COMMENT ON COLUMN report_daily.procedure_code IS 'National procedure code.';
COMMENT ON COLUMN report_daily.field_code IS 'Field (lĩnh vực) of the pinned procedure version.';
COMMENT ON COLUMN report_daily.level IS 'Implementing level of the pinned procedure version: province | commune | central.';
COMMENT ON COLUMN report_daily.channel IS 'counter | online | postal | chat.';
COMMENT ON COLUMN report_daily.submitted IS 'Dossiers submitted or received that day (every channel, received or not).';
COMMENT ON COLUMN report_daily.received IS 'Dossiers received that day: the legal clock started (II.06a columns 4 and 5 by channel).';
COMMENT ON COLUMN report_daily.refused IS 'Dossiers refused at intake that day (never received).';
COMMENT ON COLUMN report_daily.settled_early IS 'Received dossiers settled that day before their due date (column 8).';
COMMENT ON COLUMN report_daily.settled_on_time IS 'Received dossiers settled that day on their due date, withdrawals included (column 9).';
COMMENT ON COLUMN report_daily.settled_late IS 'Received dossiers settled that day after their due date (column 10).';
COMMENT ON COLUMN report_daily.settled_withdrawn IS 'Of settled_on_time: dossiers withdrawn at the applicants request.';
COMMENT ON COLUMN report_daily.settled_result IS 'Dossiers settled that day with a result (766 indicator 2.2).';
COMMENT ON COLUMN report_daily.settlement_minutes IS 'Sum of the working minutes from receipt to settlement of settled_result, paused time excluded.';
COMMENT ON COLUMN report_daily.overdue_from IS 'Overdue spans starting that day: dossiers overdue at the end of this day and later (column 13).';
COMMENT ON COLUMN report_daily.overdue_to IS 'Overdue spans ending that day: dossiers no longer overdue at the end of this day.';
COMMENT ON COLUMN report_daily.supplement_requested IS 'Dossiers whose supplement request during processing was made that day.';
COMMENT ON COLUMN report_daily.digitised IS 'Of received: dossiers with component files (and the e-result where a paper result is required), 766 indicator 4.2.';
COMMENT ON COLUMN report_daily.reused IS 'Of received: dossiers reusing at least one component from a database (766 indicator 4.3).';
COMMENT ON COLUMN report_daily.rated IS 'Satisfaction ratings given that day.';
COMMENT ON COLUMN report_daily.rated_low IS 'Of rated: ratings of 1 or 2 out of 5 (766 indicator 5.4).';
COMMENT ON COLUMN report_daily.rating_sum IS 'Sum of the scores of the ratings given that day.';

CREATE TABLE report_monthly (
  month date NOT NULL,
  competent_unit_id uuid NOT NULL,
  receiving_unit_id uuid NOT NULL,
  procedure_code text NOT NULL,
  field_code text NOT NULL,
  level text NOT NULL,
  channel text NOT NULL,
  submitted bigint NOT NULL DEFAULT 0,
  received bigint NOT NULL DEFAULT 0,
  refused bigint NOT NULL DEFAULT 0,
  settled_early bigint NOT NULL DEFAULT 0,
  settled_on_time bigint NOT NULL DEFAULT 0,
  settled_late bigint NOT NULL DEFAULT 0,
  settled_withdrawn bigint NOT NULL DEFAULT 0,
  settled_result bigint NOT NULL DEFAULT 0,
  settlement_minutes bigint NOT NULL DEFAULT 0,
  overdue_from bigint NOT NULL DEFAULT 0,
  overdue_to bigint NOT NULL DEFAULT 0,
  supplement_requested bigint NOT NULL DEFAULT 0,
  digitised bigint NOT NULL DEFAULT 0,
  reused bigint NOT NULL DEFAULT 0,
  rated bigint NOT NULL DEFAULT 0,
  rated_low bigint NOT NULL DEFAULT 0,
  rating_sum bigint NOT NULL DEFAULT 0,
  CONSTRAINT report_monthly_pk PRIMARY KEY (month, competent_unit_id, receiving_unit_id, procedure_code, field_code, level, channel)
);
CREATE INDEX report_monthly_competent_idx ON report_monthly (competent_unit_id, month);
CREATE INDEX report_monthly_receiving_idx ON report_monthly (receiving_unit_id, month);
COMMENT ON TABLE report_monthly IS 'report_daily summed by calendar month (same keys and counters), so that sums over long stretches (carried over, in progress) read few rows.';
COMMENT ON COLUMN report_monthly.month IS 'First day of the month the counters belong to.';
COMMENT ON COLUMN report_monthly.competent_unit_id IS 'Competent agency of the dossiers (the unit that settles them).';
COMMENT ON COLUMN report_monthly.receiving_unit_id IS 'One-stop section that received the dossiers.';
COMMENT ON COLUMN report_monthly.procedure_code IS 'National procedure code.';
COMMENT ON COLUMN report_monthly.field_code IS 'Field (lĩnh vực) of the pinned procedure version.';
COMMENT ON COLUMN report_monthly.level IS 'Implementing level of the pinned procedure version: province | commune | central.';
COMMENT ON COLUMN report_monthly.channel IS 'counter | online | postal | chat.';
COMMENT ON COLUMN report_monthly.submitted IS 'Dossiers submitted or received that day (every channel, received or not).';
COMMENT ON COLUMN report_monthly.received IS 'Dossiers received that day: the legal clock started (II.06a columns 4 and 5 by channel).';
COMMENT ON COLUMN report_monthly.refused IS 'Dossiers refused at intake that day (never received).';
COMMENT ON COLUMN report_monthly.settled_early IS 'Received dossiers settled that day before their due date (column 8).';
COMMENT ON COLUMN report_monthly.settled_on_time IS 'Received dossiers settled that day on their due date, withdrawals included (column 9).';
COMMENT ON COLUMN report_monthly.settled_late IS 'Received dossiers settled that day after their due date (column 10).';
COMMENT ON COLUMN report_monthly.settled_withdrawn IS 'Of settled_on_time: dossiers withdrawn at the applicants request.';
COMMENT ON COLUMN report_monthly.settled_result IS 'Dossiers settled that day with a result (766 indicator 2.2).';
COMMENT ON COLUMN report_monthly.settlement_minutes IS 'Sum of the working minutes from receipt to settlement of settled_result, paused time excluded.';
COMMENT ON COLUMN report_monthly.overdue_from IS 'Overdue spans starting that day: dossiers overdue at the end of this day and later (column 13).';
COMMENT ON COLUMN report_monthly.overdue_to IS 'Overdue spans ending that day: dossiers no longer overdue at the end of this day.';
COMMENT ON COLUMN report_monthly.supplement_requested IS 'Dossiers whose supplement request during processing was made that day.';
COMMENT ON COLUMN report_monthly.digitised IS 'Of received: dossiers with component files (and the e-result where a paper result is required), 766 indicator 4.2.';
COMMENT ON COLUMN report_monthly.reused IS 'Of received: dossiers reusing at least one component from a database (766 indicator 4.3).';
COMMENT ON COLUMN report_monthly.rated IS 'Satisfaction ratings given that day.';
COMMENT ON COLUMN report_monthly.rated_low IS 'Of rated: ratings of 1 or 2 out of 5 (766 indicator 5.4).';
COMMENT ON COLUMN report_monthly.rating_sum IS 'Sum of the scores of the ratings given that day.';

CREATE TABLE report_step_daily (
  day date NOT NULL,
  unit_id uuid NOT NULL,
  procedure_code text NOT NULL,
  step_code text NOT NULL,
  completed bigint NOT NULL DEFAULT 0,
  late bigint NOT NULL DEFAULT 0,
  elapsed_minutes bigint NOT NULL DEFAULT 0,
  CONSTRAINT report_step_daily_pk PRIMARY KEY (day, unit_id, procedure_code, step_code)
);
CREATE INDEX report_step_daily_unit_idx ON report_step_daily (unit_id, day);
COMMENT ON TABLE report_step_daily IS 'Internal process steps completed per day, unit, procedure and step: how many, how many after their step due time, and their time (slowest steps on the dashboard).';
COMMENT ON COLUMN report_step_daily.day IS 'Day (Vietnam) the steps were completed.';
COMMENT ON COLUMN report_step_daily.unit_id IS 'Unit that handled the step.';
COMMENT ON COLUMN report_step_daily.procedure_code IS 'National procedure code.';
COMMENT ON COLUMN report_step_daily.step_code IS 'Step code of the procedure version.';
COMMENT ON COLUMN report_step_daily.completed IS 'Steps completed.';
COMMENT ON COLUMN report_step_daily.late IS 'Of completed: finished after the step due time.';
COMMENT ON COLUMN report_step_daily.elapsed_minutes IS 'Sum of the elapsed minutes from entering to completing the steps.';

CREATE TABLE map_boundary (
  id smallint NOT NULL DEFAULT 1,
  geojson jsonb NOT NULL,
  feature_count integer NOT NULL,
  source_name text NOT NULL,
  uploaded_at timestamptz NOT NULL,
  uploaded_by uuid,
  CONSTRAINT map_boundary_pk PRIMARY KEY (id),
  CONSTRAINT map_boundary_single_ck CHECK (id = 1),
  CONSTRAINT map_boundary_count_ck CHECK (feature_count > 0),
  CONSTRAINT map_boundary_uploaded_by_fk FOREIGN KEY (uploaded_by) REFERENCES officer (id)
);
COMMENT ON TABLE map_boundary IS 'The commune boundaries of the province (GeoJSON FeatureCollection) uploaded by an admin; wins over MAP_BOUNDARIES_FILE. One row.';
COMMENT ON COLUMN map_boundary.id IS 'Always 1 (one boundary set per deployment).';
COMMENT ON COLUMN map_boundary.geojson IS 'FeatureCollection of Polygon/MultiPolygon features, each naming its unit by agencyCode (or name).';
COMMENT ON COLUMN map_boundary.feature_count IS 'Number of features.';
COMMENT ON COLUMN map_boundary.source_name IS 'File name or origin of the boundaries (e.g. demo).';
COMMENT ON COLUMN map_boundary.uploaded_at IS 'Upload time.';
COMMENT ON COLUMN map_boundary.uploaded_by IS 'Admin who uploaded it; NULL for the demo seed.';

CREATE TABLE report_subscription (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  unit_id uuid NOT NULL,
  recipients text[] NOT NULL,
  language text NOT NULL DEFAULT 'vi',
  is_active boolean NOT NULL DEFAULT true,
  created_by uuid,
  created_at timestamptz NOT NULL,
  last_sent_week date,
  next_run_at timestamptz NOT NULL,
  CONSTRAINT report_subscription_pk PRIMARY KEY (id),
  CONSTRAINT report_subscription_unit_fk FOREIGN KEY (unit_id) REFERENCES unit (id),
  CONSTRAINT report_subscription_created_by_fk FOREIGN KEY (created_by) REFERENCES officer (id),
  CONSTRAINT report_subscription_recipients_ck CHECK (cardinality(recipients) BETWEEN 1 AND 50),
  CONSTRAINT report_subscription_language_ck CHECK (language IN ('vi', 'en'))
);
CREATE INDEX report_subscription_unit_idx ON report_subscription (unit_id);
COMMENT ON TABLE report_subscription IS 'Weekly report e-mailed every Monday morning for a unit''s subtree (outbox topic statistics.weekly_report, which reschedules itself).';
COMMENT ON COLUMN report_subscription.id IS 'Surrogate key.';
COMMENT ON COLUMN report_subscription.unit_id IS 'Unit whose subtree the report covers.';
COMMENT ON COLUMN report_subscription.recipients IS 'E-mail addresses it goes to.';
COMMENT ON COLUMN report_subscription.language IS 'vi | en.';
COMMENT ON COLUMN report_subscription.is_active IS 'False once cancelled (the scheduled message then does nothing).';
COMMENT ON COLUMN report_subscription.created_by IS 'Officer who subscribed.';
COMMENT ON COLUMN report_subscription.created_at IS 'Subscription time.';
COMMENT ON COLUMN report_subscription.last_sent_week IS 'Monday of the last week reported (a repeated delivery sends nothing twice).';
COMMENT ON COLUMN report_subscription.next_run_at IS 'When the next report is due (Monday 07:00, Vietnam).';

CREATE INDEX dossier_open_due_idx ON dossier (due_at) WHERE completed_at IS NULL AND received_at IS NOT NULL;
COMMENT ON INDEX dossier_open_due_idx IS 'Open received dossiers by due date: overdue now and due within one working day on the dashboards.';
