-- Postal channel (pickup and delivery orders with a carrier, status events by signed webhook) and
-- inter-agency exchange of official documents linked to dossiers (issue 5, ADR 0014).

CREATE TABLE postal_order (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  dossier_id uuid NOT NULL,
  kind text NOT NULL,
  status text NOT NULL DEFAULT 'requested',
  waybill_number text,
  recipient_name text NOT NULL,
  recipient_phone text,
  address text NOT NULL,
  fee_amount integer NOT NULL DEFAULT 0,
  note text,
  last_error text,
  created_by uuid,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CONSTRAINT postal_order_pk PRIMARY KEY (id),
  CONSTRAINT postal_order_dossier_fk FOREIGN KEY (dossier_id) REFERENCES dossier (id),
  CONSTRAINT postal_order_created_by_fk FOREIGN KEY (created_by) REFERENCES officer (id),
  CONSTRAINT postal_order_waybill_uq UNIQUE (waybill_number),
  CONSTRAINT postal_order_kind_ck CHECK (kind IN ('pickup', 'delivery')),
  CONSTRAINT postal_order_status_ck CHECK (
    status IN ('requested', 'created', 'picked_up', 'in_transit', 'delivered', 'returned', 'failed', 'cancelled', 'rejected')
  ),
  CONSTRAINT postal_order_fee_ck CHECK (fee_amount >= 0)
);
CREATE INDEX postal_order_dossier_idx ON postal_order (dossier_id, created_at);
COMMENT ON TABLE postal_order IS 'A pickup (collect the applicant''s papers) or delivery (send the result) order with the postal carrier; created at the carrier by the outbox worker.';
COMMENT ON COLUMN postal_order.id IS 'Surrogate key; sent to the carrier as the order reference (de-duplication of retries).';
COMMENT ON COLUMN postal_order.dossier_id IS 'Dossier the order is for.';
COMMENT ON COLUMN postal_order.kind IS 'pickup (submission by post) | delivery (result returned by post).';
COMMENT ON COLUMN postal_order.status IS 'requested (waiting for the carrier) | created (waybill issued) | picked_up | in_transit | delivered | returned | failed | cancelled | rejected (the carrier refused the order for good).';
COMMENT ON COLUMN postal_order.waybill_number IS 'Carrier''s waybill number (số vận đơn), once the order is created.';
COMMENT ON COLUMN postal_order.recipient_name IS 'Person the carrier collects from or delivers to.';
COMMENT ON COLUMN postal_order.recipient_phone IS 'Phone the carrier calls.';
COMMENT ON COLUMN postal_order.address IS 'Pickup or delivery address.';
COMMENT ON COLUMN postal_order.fee_amount IS 'Postal fee in VND (cước), paid by the applicant.';
COMMENT ON COLUMN postal_order.note IS 'Note to the carrier.';
COMMENT ON COLUMN postal_order.last_error IS 'Last error of the carrier call (while retried or once rejected).';
COMMENT ON COLUMN postal_order.created_by IS 'Officer who created the order.';
COMMENT ON COLUMN postal_order.created_at IS 'Creation time.';
COMMENT ON COLUMN postal_order.updated_at IS 'Last change.';

CREATE TABLE postal_event (
  id bigint GENERATED ALWAYS AS IDENTITY,
  order_id uuid NOT NULL,
  event_id text NOT NULL,
  status text NOT NULL,
  note text,
  location text,
  occurred_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL,
  CONSTRAINT postal_event_pk PRIMARY KEY (id),
  CONSTRAINT postal_event_order_fk FOREIGN KEY (order_id) REFERENCES postal_order (id),
  CONSTRAINT postal_event_event_uq UNIQUE (event_id),
  CONSTRAINT postal_event_status_ck CHECK (
    status IN ('requested', 'created', 'picked_up', 'in_transit', 'delivered', 'returned', 'failed', 'cancelled', 'rejected')
  )
);
CREATE INDEX postal_event_order_idx ON postal_event (order_id, occurred_at);
COMMENT ON TABLE postal_event IS 'Append-only status history of a postal order (our own steps and the carrier''s signed status events), shown on the dossier timeline.';
COMMENT ON COLUMN postal_event.id IS 'Surrogate key.';
COMMENT ON COLUMN postal_event.order_id IS 'The order.';
COMMENT ON COLUMN postal_event.event_id IS 'Carrier event id (unique: a repeated webhook changes nothing) or motcua:<order>:<status> for our own steps.';
COMMENT ON COLUMN postal_event.status IS 'Status the order reached.';
COMMENT ON COLUMN postal_event.note IS 'Carrier''s note (e.g. reason of a failed delivery).';
COMMENT ON COLUMN postal_event.location IS 'Where the parcel was (post office).';
COMMENT ON COLUMN postal_event.occurred_at IS 'When it happened (carrier time).';
COMMENT ON COLUMN postal_event.received_at IS 'When Motcua recorded it.';

CREATE TABLE exchanged_document (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  direction text NOT NULL,
  dossier_id uuid,
  sender_unit_id uuid,
  sender_agency_code text NOT NULL,
  sender_name text NOT NULL,
  recipient_unit_id uuid,
  recipient_agency_code text NOT NULL,
  recipient_name text NOT NULL,
  document_number text NOT NULL,
  summary text NOT NULL,
  file_ids uuid[] NOT NULL DEFAULT '{}',
  dossier_code text,
  status text NOT NULL DEFAULT 'queued',
  reject_reason text,
  external_id text,
  last_error text,
  created_by uuid,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  sent_at timestamptz,
  acknowledged_at timestamptz,
  CONSTRAINT exchanged_document_pk PRIMARY KEY (id),
  CONSTRAINT exchanged_document_dossier_fk FOREIGN KEY (dossier_id) REFERENCES dossier (id),
  CONSTRAINT exchanged_document_sender_unit_fk FOREIGN KEY (sender_unit_id) REFERENCES unit (id),
  CONSTRAINT exchanged_document_recipient_unit_fk FOREIGN KEY (recipient_unit_id) REFERENCES unit (id),
  CONSTRAINT exchanged_document_created_by_fk FOREIGN KEY (created_by) REFERENCES officer (id),
  CONSTRAINT exchanged_document_direction_ck CHECK (direction IN ('outbound', 'inbound')),
  CONSTRAINT exchanged_document_status_ck CHECK (
    status IN ('queued', 'sent', 'received', 'accepted', 'rejected', 'failed')
  ),
  CONSTRAINT exchanged_document_external_uq UNIQUE (direction, external_id),
  CONSTRAINT exchanged_document_reason_ck CHECK (status <> 'rejected' OR reject_reason IS NOT NULL)
);
CREATE INDEX exchanged_document_dossier_idx ON exchanged_document (dossier_id, created_at);
CREATE INDEX exchanged_document_recipient_idx ON exchanged_document (recipient_unit_id, created_at);
COMMENT ON TABLE exchanged_document IS 'An official document (văn bản liên thông) sent to another unit or to an outside agency through the exchange hub, or received from the hub, with its acknowledgement.';
COMMENT ON COLUMN exchanged_document.id IS 'Surrogate key; sent to the hub as the document reference.';
COMMENT ON COLUMN exchanged_document.direction IS 'outbound (sent from a unit of ours) | inbound (received from the hub).';
COMMENT ON COLUMN exchanged_document.dossier_id IS 'Dossier the document belongs to (inbound: when its dossier code is ours).';
COMMENT ON COLUMN exchanged_document.sender_unit_id IS 'Sending unit when it is ours.';
COMMENT ON COLUMN exchanged_document.sender_agency_code IS 'Electronic agency code (mã định danh điện tử) of the sender.';
COMMENT ON COLUMN exchanged_document.sender_name IS 'Name of the sender.';
COMMENT ON COLUMN exchanged_document.recipient_unit_id IS 'Receiving unit when it is ours (its inbox).';
COMMENT ON COLUMN exchanged_document.recipient_agency_code IS 'Electronic agency code of the recipient.';
COMMENT ON COLUMN exchanged_document.recipient_name IS 'Name of the recipient.';
COMMENT ON COLUMN exchanged_document.document_number IS 'Number and sign of the document (số, ký hiệu).';
COMMENT ON COLUMN exchanged_document.summary IS 'Summary (trích yếu).';
COMMENT ON COLUMN exchanged_document.file_ids IS 'Stored files of the document (files of the dossier when sent).';
COMMENT ON COLUMN exchanged_document.dossier_code IS 'Dossier code as given (inbound documents may name a dossier we do not have).';
COMMENT ON COLUMN exchanged_document.status IS 'queued (waiting for the hub) | sent (hub took it) | received | accepted | rejected (with reason) | failed (the hub refused it for good).';
COMMENT ON COLUMN exchanged_document.reject_reason IS 'Why the recipient rejected it.';
COMMENT ON COLUMN exchanged_document.external_id IS 'Id of the document at the hub (unique per direction: a repeated push changes nothing).';
COMMENT ON COLUMN exchanged_document.last_error IS 'Last error of the hub call.';
COMMENT ON COLUMN exchanged_document.created_by IS 'Officer who sent it.';
COMMENT ON COLUMN exchanged_document.created_at IS 'Creation time.';
COMMENT ON COLUMN exchanged_document.updated_at IS 'Last change.';
COMMENT ON COLUMN exchanged_document.sent_at IS 'When it reached the recipient or the hub.';
COMMENT ON COLUMN exchanged_document.acknowledged_at IS 'When the recipient acknowledged it (received, accepted or rejected).';
