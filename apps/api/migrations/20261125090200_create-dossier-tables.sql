-- Dossiers, their append-only history, internal steps, components and files, supplements,
-- obligations, extensions, and the per-agency daily code sequence.

CREATE TABLE file_object (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  storage_key text NOT NULL,
  original_name text NOT NULL,
  content_type text NOT NULL,
  size_bytes bigint NOT NULL,
  sha256 text NOT NULL,
  uploaded_by_type text NOT NULL,
  uploaded_by_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT file_object_pk PRIMARY KEY (id),
  CONSTRAINT file_object_storage_key_uq UNIQUE (storage_key),
  CONSTRAINT file_object_size_ck CHECK (size_bytes >= 0),
  CONSTRAINT file_object_uploader_ck CHECK (uploaded_by_type IN ('officer', 'citizen', 'system'))
);
COMMENT ON TABLE file_object IS 'A stored file (scan, photo, PDF); the bytes live in the file store under storage_key.';
COMMENT ON COLUMN file_object.id IS 'Surrogate key.';
COMMENT ON COLUMN file_object.storage_key IS 'Key in the file store (local folder or S3 bucket).';
COMMENT ON COLUMN file_object.original_name IS 'File name as uploaded (sanitised).';
COMMENT ON COLUMN file_object.content_type IS 'Detected MIME type.';
COMMENT ON COLUMN file_object.size_bytes IS 'Size in bytes.';
COMMENT ON COLUMN file_object.sha256 IS 'SHA-256 of the content (hex), for integrity checks.';
COMMENT ON COLUMN file_object.uploaded_by_type IS 'officer | citizen | system.';
COMMENT ON COLUMN file_object.uploaded_by_id IS 'Uploader id.';
COMMENT ON COLUMN file_object.created_at IS 'Upload time.';

CREATE TABLE dossier (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  code text NOT NULL,
  procedure_version_id uuid NOT NULL,
  procedure_code text NOT NULL,
  variant_code text,
  channel text NOT NULL,
  status text NOT NULL,
  status_before_withdrawal text,
  receiving_unit_id uuid NOT NULL,
  competent_unit_id uuid NOT NULL,
  current_step_index integer,
  current_unit_id uuid,
  current_assignee_id uuid,
  applicant_account_id uuid,
  applicant_name text NOT NULL,
  applicant_id_number text,
  applicant jsonb NOT NULL,
  representative jsonb,
  form_data jsonb NOT NULL DEFAULT '{}'::jsonb,
  result_delivery text NOT NULL DEFAULT 'counter',
  submitted_at timestamptz NOT NULL,
  received_at timestamptz,
  due_at timestamptz,
  original_due_at timestamptz,
  deadline jsonb,
  supplement_mode text NOT NULL,
  is_obligation_time_excluded boolean NOT NULL DEFAULT false,
  paused_at timestamptz,
  intake_supplement_count integer NOT NULL DEFAULT 0,
  supplement_count integer NOT NULL DEFAULT 0,
  extension_count integer NOT NULL DEFAULT 0,
  is_approved boolean NOT NULL DEFAULT false,
  approved_at timestamptz,
  approved_by uuid,
  result jsonb,
  completed_at timestamptz,
  returned_at timestamptz,
  return_method text,
  lookup_secret text NOT NULL,
  fee_total bigint NOT NULL DEFAULT 0,
  idempotency_key text,
  request_hash text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT dossier_pk PRIMARY KEY (id),
  CONSTRAINT dossier_code_uq UNIQUE (code),
  CONSTRAINT dossier_idempotency_key_uq UNIQUE (idempotency_key),
  CONSTRAINT dossier_procedure_version_fk FOREIGN KEY (procedure_version_id) REFERENCES procedure_version (id),
  CONSTRAINT dossier_receiving_unit_fk FOREIGN KEY (receiving_unit_id) REFERENCES unit (id),
  CONSTRAINT dossier_competent_unit_fk FOREIGN KEY (competent_unit_id) REFERENCES unit (id),
  CONSTRAINT dossier_current_unit_fk FOREIGN KEY (current_unit_id) REFERENCES unit (id),
  CONSTRAINT dossier_current_assignee_fk FOREIGN KEY (current_assignee_id) REFERENCES officer (id),
  CONSTRAINT dossier_applicant_account_fk FOREIGN KEY (applicant_account_id) REFERENCES applicant_account (id),
  CONSTRAINT dossier_channel_ck CHECK (channel IN ('counter', 'online', 'postal', 'chat')),
  CONSTRAINT dossier_status_ck CHECK (status IN ('submitted', 'received', 'refused', 'processing', 'awaiting_supplement', 'awaiting_obligation', 'withdrawal_requested', 'stopped', 'result_ready', 'returned')),
  CONSTRAINT dossier_supplement_mode_ck CHECK (supplement_mode IN ('pause', 'restart')),
  CONSTRAINT dossier_result_delivery_ck CHECK (result_delivery IN ('counter', 'postal', 'online')),
  CONSTRAINT dossier_return_method_ck CHECK (return_method IS NULL OR return_method IN ('counter', 'postal', 'online')),
  CONSTRAINT dossier_counts_ck CHECK (intake_supplement_count >= 0 AND supplement_count >= 0 AND extension_count >= 0),
  CONSTRAINT dossier_version_ck CHECK (version >= 1)
);
CREATE INDEX dossier_queue_idx ON dossier (current_unit_id, status, due_at);
CREATE INDEX dossier_receiving_idx ON dossier (receiving_unit_id, status, submitted_at);
CREATE INDEX dossier_competent_idx ON dossier (competent_unit_id, received_at);
CREATE INDEX dossier_applicant_account_idx ON dossier (applicant_account_id, submitted_at);
CREATE INDEX dossier_assignee_idx ON dossier (current_assignee_id, status) WHERE current_assignee_id IS NOT NULL;
COMMENT ON TABLE dossier IS 'A dossier (hồ sơ): one application for one procedure version. Current state is a projection of dossier_transition, updated in the same transaction.';
COMMENT ON COLUMN dossier.id IS 'Surrogate key.';
COMMENT ON COLUMN dossier.code IS 'Dossier code <agency code>-<YYMMDD>-<NNNN> (Circular 03/2025 Art. 13).';
COMMENT ON COLUMN dossier.procedure_version_id IS 'The procedure version the dossier was received under (pinned).';
COMMENT ON COLUMN dossier.procedure_code IS 'National procedure code (copied for lookups and reports).';
COMMENT ON COLUMN dossier.variant_code IS 'Variant (trường hợp) of the procedure, if any.';
COMMENT ON COLUMN dossier.channel IS 'counter | online | postal | chat (national KenhThucHien 1/2/3).';
COMMENT ON COLUMN dossier.status IS 'Current status (national sync codes 1-10, see packages/domain dossier-status.ts).';
COMMENT ON COLUMN dossier.status_before_withdrawal IS 'Status to return to if a withdrawal request is declined.';
COMMENT ON COLUMN dossier.receiving_unit_id IS 'Unit that received the dossier (one-stop section).';
COMMENT ON COLUMN dossier.competent_unit_id IS 'Competent agency that settles the dossier.';
COMMENT ON COLUMN dossier.current_step_index IS 'Index of the current internal process step; NULL before transfer and after the last step.';
COMMENT ON COLUMN dossier.current_unit_id IS 'Unit holding the dossier now (work queues).';
COMMENT ON COLUMN dossier.current_assignee_id IS 'Officer assigned to the current step, if any.';
COMMENT ON COLUMN dossier.applicant_account_id IS 'Owner account for online dossiers; NULL for counter dossiers of people without an account.';
COMMENT ON COLUMN dossier.applicant_name IS 'Applicant name (copied for search).';
COMMENT ON COLUMN dossier.applicant_id_number IS 'Applicant ID number or tax code (copied for search).';
COMMENT ON COLUMN dossier.applicant IS 'Applicant details: kind, name, ID/tax code, address, phone, e-mail.';
COMMENT ON COLUMN dossier.representative IS 'Authorised representative (ủy quyền), if any.';
COMMENT ON COLUMN dossier.form_data IS 'Values of the procedure e-form.';
COMMENT ON COLUMN dossier.result_delivery IS 'How the applicant wants the result: counter | postal | online.';
COMMENT ON COLUMN dossier.submitted_at IS 'Submission time (ngày nộp hồ sơ).';
COMMENT ON COLUMN dossier.received_at IS 'Receipt time: the legal clock starts (ngày tiếp nhận).';
COMMENT ON COLUMN dossier.due_at IS 'Current due time (ngày hẹn trả).';
COMMENT ON COLUMN dossier.original_due_at IS 'Due time fixed at receipt, kept after a reschedule for statistics.';
COMMENT ON COLUMN dossier.deadline IS 'Deadline computation with its explanation (DeadlineResult), including pauses and extensions.';
COMMENT ON COLUMN dossier.supplement_mode IS 'pause | restart: how the clock resumes after a supplement (copied from the version).';
COMMENT ON COLUMN dossier.is_obligation_time_excluded IS 'Whether waiting for a financial obligation stops the clock (copied from the version).';
COMMENT ON COLUMN dossier.paused_at IS 'Start of the current clock pause; NULL while the clock runs.';
COMMENT ON COLUMN dossier.intake_supplement_count IS 'Written guidance requests before receipt.';
COMMENT ON COLUMN dossier.supplement_count IS 'Supplement requests during processing (at most one).';
COMMENT ON COLUMN dossier.extension_count IS 'Reschedules with an apology letter (at most one).';
COMMENT ON COLUMN dossier.is_approved IS 'The result was approved and signed by the leader.';
COMMENT ON COLUMN dossier.approved_at IS 'Approval time.';
COMMENT ON COLUMN dossier.approved_by IS 'Approving officer.';
COMMENT ON COLUMN dossier.result IS 'Issued result: number, date, signer, summary, file id.';
COMMENT ON COLUMN dossier.completed_at IS 'End of processing (ngày kết thúc xử lý): result ready, refused or stopped.';
COMMENT ON COLUMN dossier.returned_at IS 'Time the result was returned (ngày trả).';
COMMENT ON COLUMN dossier.return_method IS 'counter | postal | online.';
COMMENT ON COLUMN dossier.lookup_secret IS 'Short secret printed on the receipt, required with the code for public lookup.';
COMMENT ON COLUMN dossier.fee_total IS 'Total fees and charges in VND.';
COMMENT ON COLUMN dossier.idempotency_key IS 'Scoped Idempotency-Key of the intake request (actor:key), so a double submit creates one dossier.';
COMMENT ON COLUMN dossier.request_hash IS 'Hash of the intake request body bound to the idempotency key.';
COMMENT ON COLUMN dossier.version IS 'Optimistic version, incremented by every transition.';
COMMENT ON COLUMN dossier.created_at IS 'Row creation time.';
COMMENT ON COLUMN dossier.updated_at IS 'Last transition time.';

CREATE TABLE dossier_transition (
  id bigint GENERATED ALWAYS AS IDENTITY,
  dossier_id uuid NOT NULL,
  seq integer NOT NULL,
  action text NOT NULL,
  from_status text,
  to_status text NOT NULL,
  actor_type text NOT NULL,
  actor_id uuid,
  actor_name text,
  occurred_at timestamptz NOT NULL,
  reason text,
  step_index integer,
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  CONSTRAINT dossier_transition_pk PRIMARY KEY (id),
  CONSTRAINT dossier_transition_seq_uq UNIQUE (dossier_id, seq),
  CONSTRAINT dossier_transition_dossier_fk FOREIGN KEY (dossier_id) REFERENCES dossier (id),
  CONSTRAINT dossier_transition_actor_type_ck CHECK (actor_type IN ('officer', 'citizen', 'system'))
);
CREATE INDEX dossier_transition_occurred_idx ON dossier_transition (occurred_at);
COMMENT ON TABLE dossier_transition IS 'Append-only history of every dossier action (the event log reports are computed from).';
COMMENT ON COLUMN dossier_transition.id IS 'Global order of transitions.';
COMMENT ON COLUMN dossier_transition.dossier_id IS 'The dossier.';
COMMENT ON COLUMN dossier_transition.seq IS 'Sequence within the dossier, from 1.';
COMMENT ON COLUMN dossier_transition.action IS 'Action taken (submit, receive, or a DossierAction).';
COMMENT ON COLUMN dossier_transition.from_status IS 'Status before; NULL for the creating row.';
COMMENT ON COLUMN dossier_transition.to_status IS 'Status after.';
COMMENT ON COLUMN dossier_transition.actor_type IS 'officer | citizen | system.';
COMMENT ON COLUMN dossier_transition.actor_id IS 'Acting officer or applicant account.';
COMMENT ON COLUMN dossier_transition.actor_name IS 'Name of the actor at the time (for the control slip).';
COMMENT ON COLUMN dossier_transition.occurred_at IS 'When it happened.';
COMMENT ON COLUMN dossier_transition.reason IS 'Reason or comment given.';
COMMENT ON COLUMN dossier_transition.step_index IS 'Internal step index after the action, if any.';
COMMENT ON COLUMN dossier_transition.details IS 'Action-specific details (due dates, assignee, result number...).';

CREATE TABLE dossier_step (
  id bigint GENERATED ALWAYS AS IDENTITY,
  dossier_id uuid NOT NULL,
  step_index integer NOT NULL,
  step_code text NOT NULL,
  name text NOT NULL,
  role text NOT NULL,
  unit_id uuid NOT NULL,
  assignee_id uuid,
  entered_at timestamptz NOT NULL,
  entered_by uuid,
  due_at timestamptz,
  completed_at timestamptz,
  completed_by uuid,
  outcome text,
  note text,
  CONSTRAINT dossier_step_pk PRIMARY KEY (id),
  CONSTRAINT dossier_step_dossier_fk FOREIGN KEY (dossier_id) REFERENCES dossier (id),
  CONSTRAINT dossier_step_unit_fk FOREIGN KEY (unit_id) REFERENCES unit (id),
  CONSTRAINT dossier_step_assignee_fk FOREIGN KEY (assignee_id) REFERENCES officer (id),
  CONSTRAINT dossier_step_outcome_ck CHECK (outcome IS NULL OR outcome IN ('forwarded', 'returned', 'approved', 'issued', 'delivered', 'interrupted'))
);
CREATE INDEX dossier_step_dossier_idx ON dossier_step (dossier_id, id);
CREATE UNIQUE INDEX dossier_step_open_uq ON dossier_step (dossier_id) WHERE completed_at IS NULL;
COMMENT ON TABLE dossier_step IS 'Each entry of a dossier into an internal process step: the rows of the control slip (Mẫu 05).';
COMMENT ON COLUMN dossier_step.id IS 'Order of entries.';
COMMENT ON COLUMN dossier_step.dossier_id IS 'The dossier.';
COMMENT ON COLUMN dossier_step.step_index IS 'Index of the step in the pinned procedure version.';
COMMENT ON COLUMN dossier_step.step_code IS 'Step code from the procedure version.';
COMMENT ON COLUMN dossier_step.name IS 'Step name.';
COMMENT ON COLUMN dossier_step.role IS 'Role that handles the step.';
COMMENT ON COLUMN dossier_step.unit_id IS 'Unit that handles the step.';
COMMENT ON COLUMN dossier_step.assignee_id IS 'Officer assigned, if any.';
COMMENT ON COLUMN dossier_step.entered_at IS 'Handover time (nhận).';
COMMENT ON COLUMN dossier_step.entered_by IS 'Officer who handed it over (giao).';
COMMENT ON COLUMN dossier_step.due_at IS 'Step due time from the step budget.';
COMMENT ON COLUMN dossier_step.completed_at IS 'When the step ended.';
COMMENT ON COLUMN dossier_step.completed_by IS 'Officer who ended it.';
COMMENT ON COLUMN dossier_step.outcome IS 'forwarded | returned | approved | issued | delivered | interrupted.';
COMMENT ON COLUMN dossier_step.note IS 'Comment written at the step.';

CREATE TABLE dossier_component (
  dossier_id uuid NOT NULL,
  component_code text NOT NULL,
  name text NOT NULL,
  original_count integer NOT NULL DEFAULT 0,
  copy_count integer NOT NULL DEFAULT 0,
  is_required boolean NOT NULL,
  is_provided boolean NOT NULL DEFAULT false,
  is_reused boolean NOT NULL DEFAULT false,
  note text,
  CONSTRAINT dossier_component_pk PRIMARY KEY (dossier_id, component_code),
  CONSTRAINT dossier_component_dossier_fk FOREIGN KEY (dossier_id) REFERENCES dossier (id),
  CONSTRAINT dossier_component_counts_ck CHECK (original_count >= 0 AND copy_count >= 0)
);
COMMENT ON TABLE dossier_component IS 'Checklist of the document components of a dossier (thành phần hồ sơ).';
COMMENT ON COLUMN dossier_component.dossier_id IS 'The dossier.';
COMMENT ON COLUMN dossier_component.component_code IS 'Component code from the procedure version.';
COMMENT ON COLUMN dossier_component.name IS 'Component name.';
COMMENT ON COLUMN dossier_component.original_count IS 'Originals received (bản chính).';
COMMENT ON COLUMN dossier_component.copy_count IS 'Copies received (bản sao).';
COMMENT ON COLUMN dossier_component.is_required IS 'Required by the procedure.';
COMMENT ON COLUMN dossier_component.is_provided IS 'Provided by the applicant (paper or file).';
COMMENT ON COLUMN dossier_component.is_reused IS 'Taken from the population database or the personal data store instead of asking again.';
COMMENT ON COLUMN dossier_component.note IS 'Officer note.';

CREATE TABLE dossier_file (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  dossier_id uuid NOT NULL,
  file_id uuid NOT NULL,
  component_code text,
  purpose text NOT NULL,
  added_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT dossier_file_pk PRIMARY KEY (id),
  CONSTRAINT dossier_file_dossier_fk FOREIGN KEY (dossier_id) REFERENCES dossier (id),
  CONSTRAINT dossier_file_file_fk FOREIGN KEY (file_id) REFERENCES file_object (id),
  CONSTRAINT dossier_file_purpose_ck CHECK (purpose IN ('component', 'supplement', 'result', 'form'))
);
CREATE INDEX dossier_file_dossier_idx ON dossier_file (dossier_id);
COMMENT ON TABLE dossier_file IS 'Files attached to a dossier: component scans, supplement uploads, result documents.';
COMMENT ON COLUMN dossier_file.id IS 'Surrogate key.';
COMMENT ON COLUMN dossier_file.dossier_id IS 'The dossier.';
COMMENT ON COLUMN dossier_file.file_id IS 'The stored file.';
COMMENT ON COLUMN dossier_file.component_code IS 'Component the file belongs to, if any.';
COMMENT ON COLUMN dossier_file.purpose IS 'component | supplement | result | form.';
COMMENT ON COLUMN dossier_file.added_at IS 'Attachment time.';

CREATE TABLE dossier_supplement (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  dossier_id uuid NOT NULL,
  phase text NOT NULL,
  requested_at timestamptz NOT NULL,
  requested_by uuid,
  reason text NOT NULL,
  items jsonb NOT NULL,
  respond_by timestamptz,
  supplied_at timestamptz,
  supplied_by_type text,
  supplied_by_id uuid,
  response_note text,
  paused_working_minutes integer,
  CONSTRAINT dossier_supplement_pk PRIMARY KEY (id),
  CONSTRAINT dossier_supplement_dossier_fk FOREIGN KEY (dossier_id) REFERENCES dossier (id),
  CONSTRAINT dossier_supplement_phase_ck CHECK (phase IN ('intake', 'processing'))
);
CREATE INDEX dossier_supplement_dossier_idx ON dossier_supplement (dossier_id);
COMMENT ON TABLE dossier_supplement IS 'Supplement requests (Mẫu 02) and the responses: what is missing, per component, and the clock pause.';
COMMENT ON COLUMN dossier_supplement.id IS 'Surrogate key.';
COMMENT ON COLUMN dossier_supplement.dossier_id IS 'The dossier.';
COMMENT ON COLUMN dossier_supplement.phase IS 'intake (written guidance before receipt) | processing (clock paused).';
COMMENT ON COLUMN dossier_supplement.requested_at IS 'Request time (ngày yêu cầu bổ sung).';
COMMENT ON COLUMN dossier_supplement.requested_by IS 'Requesting officer.';
COMMENT ON COLUMN dossier_supplement.reason IS 'Overall reason.';
COMMENT ON COLUMN dossier_supplement.items IS 'List of {componentCode, name, reason} to complete.';
COMMENT ON COLUMN dossier_supplement.respond_by IS 'Deadline for the applicant to supplement (thời hạn bổ sung).';
COMMENT ON COLUMN dossier_supplement.supplied_at IS 'Time the supplement was received (ngày hoàn thành bổ sung).';
COMMENT ON COLUMN dossier_supplement.supplied_by_type IS 'citizen | officer.';
COMMENT ON COLUMN dossier_supplement.supplied_by_id IS 'Who recorded the supplement.';
COMMENT ON COLUMN dossier_supplement.response_note IS 'Applicant note with the supplement.';
COMMENT ON COLUMN dossier_supplement.paused_working_minutes IS 'Working minutes the clock was paused.';

CREATE TABLE dossier_obligation (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  dossier_id uuid NOT NULL,
  requested_at timestamptz NOT NULL,
  requested_by uuid,
  description text NOT NULL,
  amount bigint NOT NULL,
  fulfilled_at timestamptz,
  fulfilled_by_type text,
  fulfilled_by_id uuid,
  payment_reference text,
  CONSTRAINT dossier_obligation_pk PRIMARY KEY (id),
  CONSTRAINT dossier_obligation_dossier_fk FOREIGN KEY (dossier_id) REFERENCES dossier (id),
  CONSTRAINT dossier_obligation_amount_ck CHECK (amount >= 0)
);
CREATE INDEX dossier_obligation_dossier_idx ON dossier_obligation (dossier_id);
COMMENT ON TABLE dossier_obligation IS 'Financial obligations (fees, taxes) requested during processing.';
COMMENT ON COLUMN dossier_obligation.id IS 'Surrogate key.';
COMMENT ON COLUMN dossier_obligation.dossier_id IS 'The dossier.';
COMMENT ON COLUMN dossier_obligation.requested_at IS 'Notice time.';
COMMENT ON COLUMN dossier_obligation.requested_by IS 'Officer who issued the notice.';
COMMENT ON COLUMN dossier_obligation.description IS 'What is payable and why.';
COMMENT ON COLUMN dossier_obligation.amount IS 'Amount in VND.';
COMMENT ON COLUMN dossier_obligation.fulfilled_at IS 'Time proof of payment arrived.';
COMMENT ON COLUMN dossier_obligation.fulfilled_by_type IS 'officer | system.';
COMMENT ON COLUMN dossier_obligation.fulfilled_by_id IS 'Officer who confirmed payment.';
COMMENT ON COLUMN dossier_obligation.payment_reference IS 'Receipt or transaction reference.';

CREATE TABLE dossier_extension (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  dossier_id uuid NOT NULL,
  created_at timestamptz NOT NULL,
  signed_by uuid NOT NULL,
  reason text NOT NULL,
  previous_due_at timestamptz NOT NULL,
  new_due_at timestamptz NOT NULL,
  letter_number text,
  CONSTRAINT dossier_extension_pk PRIMARY KEY (id),
  CONSTRAINT dossier_extension_dossier_fk FOREIGN KEY (dossier_id) REFERENCES dossier (id),
  CONSTRAINT dossier_extension_dates_ck CHECK (new_due_at > previous_due_at)
);
CREATE INDEX dossier_extension_dossier_idx ON dossier_extension (dossier_id);
COMMENT ON TABLE dossier_extension IS 'Apology letters with a new appointment (Mẫu 04); at most one per dossier.';
COMMENT ON COLUMN dossier_extension.id IS 'Surrogate key.';
COMMENT ON COLUMN dossier_extension.dossier_id IS 'The dossier.';
COMMENT ON COLUMN dossier_extension.created_at IS 'Letter time.';
COMMENT ON COLUMN dossier_extension.signed_by IS 'Signing leader.';
COMMENT ON COLUMN dossier_extension.reason IS 'Reason for the delay.';
COMMENT ON COLUMN dossier_extension.previous_due_at IS 'Due time before the reschedule.';
COMMENT ON COLUMN dossier_extension.new_due_at IS 'New return time.';
COMMENT ON COLUMN dossier_extension.letter_number IS 'Letter number …/PXL.';

CREATE TABLE dossier_code_sequence (
  agency_code text NOT NULL,
  day date NOT NULL,
  last_value integer NOT NULL,
  CONSTRAINT dossier_code_sequence_pk PRIMARY KEY (agency_code, day),
  CONSTRAINT dossier_code_sequence_value_ck CHECK (last_value >= 1)
);
COMMENT ON TABLE dossier_code_sequence IS 'Per-agency daily counter of dossier codes; incremented with an upsert that locks the row.';
COMMENT ON COLUMN dossier_code_sequence.agency_code IS 'Agency code of the receiving unit.';
COMMENT ON COLUMN dossier_code_sequence.day IS 'Receipt day in Vietnam.';
COMMENT ON COLUMN dossier_code_sequence.last_value IS 'Last sequence number handed out.';
