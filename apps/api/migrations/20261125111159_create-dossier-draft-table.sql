-- create-dossier-draft-table
-- Drafts of online submissions: one per citizen account and procedure, saved while the form is
-- being filled in and deleted when the dossier is submitted.

CREATE TABLE dossier_draft (
  applicant_account_id uuid NOT NULL,
  procedure_code text NOT NULL,
  data jsonb NOT NULL,
  updated_at timestamptz NOT NULL,
  CONSTRAINT dossier_draft_pk PRIMARY KEY (applicant_account_id, procedure_code),
  CONSTRAINT dossier_draft_applicant_account_fk FOREIGN KEY (applicant_account_id)
    REFERENCES applicant_account (id) ON DELETE CASCADE,
  CONSTRAINT dossier_draft_procedure_fk FOREIGN KEY (procedure_code) REFERENCES procedure (code),
  CONSTRAINT dossier_draft_data_ck CHECK (jsonb_typeof(data) = 'object')
);
CREATE INDEX dossier_draft_account_updated_idx ON dossier_draft (applicant_account_id, updated_at DESC);
COMMENT ON TABLE dossier_draft IS 'Draft of an online submission (bản nháp), one per citizen account and procedure; deleted in the submission transaction.';
COMMENT ON COLUMN dossier_draft.applicant_account_id IS 'Citizen or organisation account that owns the draft.';
COMMENT ON COLUMN dossier_draft.procedure_code IS 'National procedure code the draft is for.';
COMMENT ON COLUMN dossier_draft.data IS 'Whatever the web form saved (a JSON object of at most 256 KB); not validated against the procedure.';
COMMENT ON COLUMN dossier_draft.updated_at IS 'Last save.';
