-- The history's (dossier, seq) uniqueness also covers the action and time (issue 6, ADR 0016):
-- the public lookup and the dossier timeline read exactly those columns by dossier, so they become
-- index-only scans instead of one heap page per history row. Measured on 5 million dossiers (34
-- million history rows): a bare HTTP server running the lookup statement answered 3 088 req/s
-- with this index against about 2 000 without, next to 3 497 for the raw point select
-- (docs/performance.md).

ALTER TABLE dossier_transition
  DROP CONSTRAINT dossier_transition_seq_uq,
  ADD CONSTRAINT dossier_transition_seq_uq UNIQUE (dossier_id, seq) INCLUDE (action, occurred_at);
