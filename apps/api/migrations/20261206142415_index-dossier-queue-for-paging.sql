-- index-dossier-queue-for-paging
-- The officer work queue (current unit, status, sorted by due date, then submission, then id) is
-- paged from this index alone: it carries every sort key, so a page of 20 and the total count are
-- answered by index-only scans, without sorting or reading the rows of the whole queue. It
-- replaces dossier_queue_idx (current_unit_id, status, due_at), which it covers.

CREATE INDEX dossier_unit_queue_idx ON dossier (current_unit_id, status, due_at, submitted_at, id);
DROP INDEX dossier_queue_idx;
COMMENT ON INDEX dossier_unit_queue_idx IS 'Officer work queue: unit, status, then the queue order (due date, submission, id); covers paging and counts.';
