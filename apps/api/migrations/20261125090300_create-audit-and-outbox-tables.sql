-- Audit log (append-only) and the transactional outbox.

CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  actor_type text NOT NULL,
  actor_id uuid,
  event_type text NOT NULL,
  entity_type text NOT NULL,
  entity_id text NOT NULL,
  summary jsonb NOT NULL DEFAULT '{}'::jsonb,
  request_id text,
  CONSTRAINT audit_log_pk PRIMARY KEY (id),
  CONSTRAINT audit_log_actor_type_ck CHECK (actor_type IN ('officer', 'citizen', 'system', 'anonymous'))
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id, id);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_type, actor_id, id);
COMMENT ON TABLE audit_log IS 'Append-only audit trail, written in the same transaction as the change it records. UPDATE and DELETE are rejected by a trigger.';
COMMENT ON COLUMN audit_log.id IS 'Global order.';
COMMENT ON COLUMN audit_log.occurred_at IS 'When it happened.';
COMMENT ON COLUMN audit_log.actor_type IS 'officer | citizen | system | anonymous.';
COMMENT ON COLUMN audit_log.actor_id IS 'Actor id, if known.';
COMMENT ON COLUMN audit_log.event_type IS 'Closed set of event types (AuditEventType in the audit module).';
COMMENT ON COLUMN audit_log.entity_type IS 'Kind of entity: dossier, procedure_version, unit, officer, calendar, session...';
COMMENT ON COLUMN audit_log.entity_id IS 'Entity id or code.';
COMMENT ON COLUMN audit_log.summary IS 'Curated summary of the change (never raw payloads or secrets).';
COMMENT ON COLUMN audit_log.request_id IS 'HTTP request id, to correlate with logs.';

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'P0001';
END;
$$;
COMMENT ON FUNCTION audit_log_append_only() IS 'Rejects UPDATE and DELETE on audit_log.';
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

CREATE TABLE outbox_message (
  id bigint GENERATED ALWAYS AS IDENTITY,
  topic text NOT NULL,
  aggregate_type text NOT NULL,
  aggregate_id text NOT NULL,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  available_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  locked_until timestamptz,
  processed_at timestamptz,
  dead_at timestamptz,
  CONSTRAINT outbox_message_pk PRIMARY KEY (id),
  CONSTRAINT outbox_message_attempts_ck CHECK (attempts >= 0)
);
CREATE INDEX outbox_message_pending_idx ON outbox_message (available_at, id) WHERE processed_at IS NULL AND dead_at IS NULL;
COMMENT ON TABLE outbox_message IS 'Transactional outbox: side effects enqueued in the business transaction and delivered by the worker after commit, with retries and a dead-letter state.';
COMMENT ON COLUMN outbox_message.id IS 'Global order.';
COMMENT ON COLUMN outbox_message.topic IS 'Message topic, e.g. dossier.status_changed.';
COMMENT ON COLUMN outbox_message.aggregate_type IS 'Entity kind the message is about.';
COMMENT ON COLUMN outbox_message.aggregate_id IS 'Entity id.';
COMMENT ON COLUMN outbox_message.payload IS 'Message body (JSON).';
COMMENT ON COLUMN outbox_message.created_at IS 'Enqueue time (commit of the business transaction).';
COMMENT ON COLUMN outbox_message.available_at IS 'Earliest next delivery attempt (backoff).';
COMMENT ON COLUMN outbox_message.attempts IS 'Delivery attempts so far.';
COMMENT ON COLUMN outbox_message.last_error IS 'Error of the last failed attempt.';
COMMENT ON COLUMN outbox_message.locked_until IS 'Lease of the worker processing it.';
COMMENT ON COLUMN outbox_message.processed_at IS 'Successful delivery time.';
COMMENT ON COLUMN outbox_message.dead_at IS 'Time it was moved to the dead-letter list after the last attempt.';
