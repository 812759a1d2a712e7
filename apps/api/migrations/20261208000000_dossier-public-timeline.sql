-- The public timeline on the dossier row (issue 6, ADR 0017): the actions and times of the
-- dossier's history, `[{"action": "receive", "at": "2026-03-04T02:00:00.000Z"}, …]` in history
-- order, written with each history row in the same transaction (intake, every transition, the
-- legacy import, the dataset generator and the demo seed). The public lookup then reads one row
-- instead of probing the history index, the largest index of the database (34 million entries
-- for 5 million dossiers). NULL for dossiers written before this migration: the lookup reads
-- their history rows as before (`motcua backfill-timelines` fills them in batches, online).

ALTER TABLE dossier ADD COLUMN public_timeline jsonb;
