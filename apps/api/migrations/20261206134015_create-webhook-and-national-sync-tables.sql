-- Outbound webhooks (CloudEvents, HMAC-signed) and the sync state of each dossier with the
-- national public service portal (issue 5).

CREATE TABLE webhook_subscription (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  url text NOT NULL,
  secret text NOT NULL,
  event_types text[] NOT NULL DEFAULT '{}',
  is_active boolean NOT NULL DEFAULT true,
  created_by uuid,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CONSTRAINT webhook_subscription_pk PRIMARY KEY (id),
  CONSTRAINT webhook_subscription_created_by_fk FOREIGN KEY (created_by) REFERENCES officer (id),
  CONSTRAINT webhook_subscription_url_ck CHECK (url ~ '^https?://')
);
COMMENT ON TABLE webhook_subscription IS 'A receiver of dossier events: every matching state change is POSTed to its URL as a CloudEvents JSON message signed with its secret.';
COMMENT ON COLUMN webhook_subscription.id IS 'Surrogate key.';
COMMENT ON COLUMN webhook_subscription.name IS 'Who receives (e.g. the provincial IOC).';
COMMENT ON COLUMN webhook_subscription.url IS 'Endpoint the events are POSTed to.';
COMMENT ON COLUMN webhook_subscription.secret IS 'HMAC-SHA256 key of the Motcua-Signature header (shown once to the admin who created it).';
COMMENT ON COLUMN webhook_subscription.event_types IS 'CloudEvents types it wants; empty = all.';
COMMENT ON COLUMN webhook_subscription.is_active IS 'False once an admin switched it off (nothing more is sent).';
COMMENT ON COLUMN webhook_subscription.created_by IS 'Administrator who created it.';
COMMENT ON COLUMN webhook_subscription.created_at IS 'Creation time.';
COMMENT ON COLUMN webhook_subscription.updated_at IS 'Last change.';

CREATE TABLE webhook_delivery (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  subscription_id uuid NOT NULL,
  event_id text NOT NULL,
  event_type text NOT NULL,
  dossier_id uuid,
  body text NOT NULL,
  status text NOT NULL DEFAULT 'queued',
  attempts integer NOT NULL DEFAULT 0,
  response_status integer,
  last_error text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  delivered_at timestamptz,
  CONSTRAINT webhook_delivery_pk PRIMARY KEY (id),
  CONSTRAINT webhook_delivery_event_uq UNIQUE (subscription_id, event_id),
  CONSTRAINT webhook_delivery_subscription_fk FOREIGN KEY (subscription_id) REFERENCES webhook_subscription (id),
  CONSTRAINT webhook_delivery_dossier_fk FOREIGN KEY (dossier_id) REFERENCES dossier (id),
  CONSTRAINT webhook_delivery_status_ck CHECK (status IN ('queued', 'delivered', 'failed', 'dead')),
  CONSTRAINT webhook_delivery_attempts_ck CHECK (attempts >= 0)
);
CREATE INDEX webhook_delivery_subscription_idx ON webhook_delivery (subscription_id, created_at);
COMMENT ON TABLE webhook_delivery IS 'One event to one subscriber: the exact body sent (same id on every retry) and its delivery state.';
COMMENT ON COLUMN webhook_delivery.id IS 'Surrogate key.';
COMMENT ON COLUMN webhook_delivery.subscription_id IS 'The subscriber.';
COMMENT ON COLUMN webhook_delivery.event_id IS 'CloudEvents id (the outbox message it comes from); receivers de-duplicate on it.';
COMMENT ON COLUMN webhook_delivery.event_type IS 'CloudEvents type, e.g. vn.gov.motcua.dossier.status_changed.';
COMMENT ON COLUMN webhook_delivery.dossier_id IS 'Dossier the event is about.';
COMMENT ON COLUMN webhook_delivery.body IS 'CloudEvents JSON body exactly as sent.';
COMMENT ON COLUMN webhook_delivery.status IS 'queued | delivered | failed (will be retried) | dead (given up; replayable from the outbox).';
COMMENT ON COLUMN webhook_delivery.attempts IS 'Delivery attempts so far.';
COMMENT ON COLUMN webhook_delivery.response_status IS 'HTTP status of the last answer.';
COMMENT ON COLUMN webhook_delivery.last_error IS 'Error of the last failed attempt.';
COMMENT ON COLUMN webhook_delivery.created_at IS 'When it was planned.';
COMMENT ON COLUMN webhook_delivery.updated_at IS 'Last change of its state.';
COMMENT ON COLUMN webhook_delivery.delivered_at IS 'When the receiver answered 2xx.';

CREATE TABLE dossier_sync_state (
  dossier_id uuid NOT NULL,
  state text NOT NULL,
  wanted_version integer NOT NULL,
  synced_version integer,
  synced_status_code integer,
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  synced_at timestamptz,
  updated_at timestamptz NOT NULL,
  CONSTRAINT dossier_sync_state_pk PRIMARY KEY (dossier_id),
  CONSTRAINT dossier_sync_state_dossier_fk FOREIGN KEY (dossier_id) REFERENCES dossier (id),
  CONSTRAINT dossier_sync_state_state_ck CHECK (state IN ('pending', 'synced', 'failed', 'dead')),
  CONSTRAINT dossier_sync_state_status_code_ck CHECK (synced_status_code IS NULL OR synced_status_code BETWEEN 1 AND 10)
);
CREATE INDEX dossier_sync_state_state_idx ON dossier_sync_state (state, updated_at);
COMMENT ON TABLE dossier_sync_state IS 'Sync state of each dossier with the national public service portal (DVCQG): which version of the dossier the portal has.';
COMMENT ON COLUMN dossier_sync_state.dossier_id IS 'The dossier (one row per dossier; none = never synced).';
COMMENT ON COLUMN dossier_sync_state.state IS 'pending (a push is queued) | synced | failed (retrying) | dead (given up; in the reconciliation report).';
COMMENT ON COLUMN dossier_sync_state.wanted_version IS 'Latest dossier version a push was queued for.';
COMMENT ON COLUMN dossier_sync_state.synced_version IS 'Dossier version the portal acknowledged.';
COMMENT ON COLUMN dossier_sync_state.synced_status_code IS 'National status code (1-10, domain.md §1.2) the portal acknowledged.';
COMMENT ON COLUMN dossier_sync_state.attempts IS 'Push attempts since the last success.';
COMMENT ON COLUMN dossier_sync_state.last_error IS 'Error of the last failed push.';
COMMENT ON COLUMN dossier_sync_state.synced_at IS 'Time of the last acknowledged push.';
COMMENT ON COLUMN dossier_sync_state.updated_at IS 'Last change of the row.';
