-- Payments (issue 5, ADR 0012): payment requests of a dossier (fees, financial obligations) and
-- the append-only log of every outcome report (gateway callback, reconciliation poll, counter).

CREATE TABLE payment_request (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  dossier_id uuid NOT NULL,
  obligation_id uuid,
  purpose text NOT NULL,
  method text NOT NULL,
  status text NOT NULL DEFAULT 'pending',
  amount bigint NOT NULL,
  items jsonb NOT NULL DEFAULT '[]'::jsonb,
  reference text NOT NULL,
  gateway_transaction_id text,
  pay_url text,
  vietqr_payload text,
  e_invoice_number text,
  receipt_number text,
  created_by_type text NOT NULL,
  created_by_id uuid,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  paid_at timestamptz,
  expires_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  CONSTRAINT payment_request_pk PRIMARY KEY (id),
  CONSTRAINT payment_request_dossier_fk FOREIGN KEY (dossier_id) REFERENCES dossier (id),
  CONSTRAINT payment_request_obligation_fk FOREIGN KEY (obligation_id) REFERENCES dossier_obligation (id),
  CONSTRAINT payment_request_reference_uq UNIQUE (reference),
  CONSTRAINT payment_request_gateway_tx_uq UNIQUE (gateway_transaction_id),
  CONSTRAINT payment_request_receipt_uq UNIQUE (receipt_number),
  CONSTRAINT payment_request_purpose_ck CHECK (purpose IN ('fee', 'obligation')),
  CONSTRAINT payment_request_method_ck CHECK (method IN ('gateway', 'vietqr', 'counter')),
  CONSTRAINT payment_request_status_ck CHECK (status IN ('pending', 'paid', 'failed', 'expired', 'cancelled')),
  CONSTRAINT payment_request_amount_ck CHECK (amount > 0),
  CONSTRAINT payment_request_obligation_ck CHECK ((purpose = 'obligation') = (obligation_id IS NOT NULL)),
  CONSTRAINT payment_request_paid_ck CHECK ((status = 'paid') = (paid_at IS NOT NULL AND receipt_number IS NOT NULL))
);
CREATE INDEX payment_request_dossier_idx ON payment_request (dossier_id);
CREATE INDEX payment_request_pending_idx ON payment_request (created_at) WHERE status = 'pending';
-- At most one open request per dossier, purpose, obligation and method (reuse, never duplicate).
CREATE UNIQUE INDEX payment_request_open_uq ON payment_request (dossier_id, purpose, COALESCE(obligation_id, '00000000-0000-0000-0000-000000000000'::uuid), method) WHERE status = 'pending';
COMMENT ON TABLE payment_request IS 'A request to pay a dossier fee or a financial obligation by one method (ADR 0012).';
COMMENT ON COLUMN payment_request.id IS 'Surrogate key.';
COMMENT ON COLUMN payment_request.dossier_id IS 'The dossier paid for.';
COMMENT ON COLUMN payment_request.obligation_id IS 'The financial obligation paid (purpose obligation), else null.';
COMMENT ON COLUMN payment_request.purpose IS 'fee (catalog fees of the procedure) | obligation (requested during processing).';
COMMENT ON COLUMN payment_request.method IS 'gateway | vietqr | counter.';
COMMENT ON COLUMN payment_request.status IS 'pending | paid | failed | expired | cancelled.';
COMMENT ON COLUMN payment_request.amount IS 'Amount in VND.';
COMMENT ON COLUMN payment_request.items IS 'The itemised amounts (PaymentItem[]).';
COMMENT ON COLUMN payment_request.reference IS 'Our unique order reference (dossier code digits + sequence), the VietQR transfer content.';
COMMENT ON COLUMN payment_request.gateway_transaction_id IS 'Transaction id issued by the payment gateway.';
COMMENT ON COLUMN payment_request.pay_url IS 'Gateway page the citizen is redirected to.';
COMMENT ON COLUMN payment_request.vietqr_payload IS 'EMVCo VietQR payload for a bank transfer.';
COMMENT ON COLUMN payment_request.e_invoice_number IS 'Electronic invoice / receipt number of the gateway, when it issues one.';
COMMENT ON COLUMN payment_request.receipt_number IS 'Our receipt number (biên lai), issued when paid.';
COMMENT ON COLUMN payment_request.created_by_type IS 'citizen | officer | system.';
COMMENT ON COLUMN payment_request.created_by_id IS 'Who created the request.';
COMMENT ON COLUMN payment_request.created_at IS 'Creation time.';
COMMENT ON COLUMN payment_request.updated_at IS 'Last change.';
COMMENT ON COLUMN payment_request.paid_at IS 'When the payment was confirmed.';
COMMENT ON COLUMN payment_request.expires_at IS 'When an unpaid request lapses.';
COMMENT ON COLUMN payment_request.version IS 'Optimistic version, bumped on every change.';

CREATE TABLE payment_event (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  payment_request_id uuid,
  source text NOT NULL,
  dedup_key text NOT NULL,
  reported_status text,
  amount bigint,
  is_signature_valid boolean,
  outcome text NOT NULL,
  raw_payload text NOT NULL,
  received_at timestamptz NOT NULL,
  CONSTRAINT payment_event_pk PRIMARY KEY (id),
  CONSTRAINT payment_event_request_fk FOREIGN KEY (payment_request_id) REFERENCES payment_request (id),
  CONSTRAINT payment_event_dedup_uq UNIQUE (source, dedup_key),
  CONSTRAINT payment_event_source_ck CHECK (source IN ('ipn', 'poll', 'counter', 'expiry')),
  CONSTRAINT payment_event_outcome_ck CHECK (outcome IN ('applied', 'unchanged', 'duplicate', 'amount_mismatch', 'unknown_reference', 'bad_signature', 'error'))
);
CREATE INDEX payment_event_request_idx ON payment_event (payment_request_id);
COMMENT ON TABLE payment_event IS 'Append-only log of every payment outcome report: callback, poll, counter entry, expiry.';
COMMENT ON COLUMN payment_event.id IS 'Surrogate key.';
COMMENT ON COLUMN payment_event.payment_request_id IS 'The request it concerns (null when the reference is unknown).';
COMMENT ON COLUMN payment_event.source IS 'ipn | poll | counter | expiry.';
COMMENT ON COLUMN payment_event.dedup_key IS 'Identity of the report within its source (duplicate callbacks hit the unique key).';
COMMENT ON COLUMN payment_event.reported_status IS 'Status the source reported.';
COMMENT ON COLUMN payment_event.amount IS 'Amount the source reported, in VND.';
COMMENT ON COLUMN payment_event.is_signature_valid IS 'Whether the callback signature was valid (null when not signed).';
COMMENT ON COLUMN payment_event.outcome IS 'What Motcua did with it.';
COMMENT ON COLUMN payment_event.raw_payload IS 'The report as received.';
COMMENT ON COLUMN payment_event.received_at IS 'When it was received.';
