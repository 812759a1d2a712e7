-- Results repository (signed result documents per applicant) and the citizen's data store
-- trace of reused documents (issue 5, ADR 0013).

CREATE TABLE issued_result (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  dossier_id uuid NOT NULL,
  dossier_code text NOT NULL,
  applicant_account_id uuid,
  applicant_id_number text,
  applicant_name text NOT NULL,
  result_number text NOT NULL,
  summary text NOT NULL,
  original_file_id uuid,
  signed_file_id uuid,
  signed_sha256 text,
  signing_mode text NOT NULL,
  signer_name text,
  signed_at timestamptz,
  issued_at timestamptz NOT NULL,
  issued_by uuid,
  CONSTRAINT issued_result_pk PRIMARY KEY (id),
  CONSTRAINT issued_result_dossier_uq UNIQUE (dossier_id),
  CONSTRAINT issued_result_dossier_fk FOREIGN KEY (dossier_id) REFERENCES dossier (id),
  CONSTRAINT issued_result_account_fk FOREIGN KEY (applicant_account_id) REFERENCES applicant_account (id),
  CONSTRAINT issued_result_original_file_fk FOREIGN KEY (original_file_id) REFERENCES file_object (id),
  CONSTRAINT issued_result_signed_file_fk FOREIGN KEY (signed_file_id) REFERENCES file_object (id),
  CONSTRAINT issued_result_signing_mode_ck CHECK (signing_mode IN ('embedded', 'cover', 'generated', 'unsigned')),
  CONSTRAINT issued_result_signed_ck CHECK (
    (signing_mode = 'unsigned' AND signed_file_id IS NULL) OR (signing_mode <> 'unsigned' AND signed_file_id IS NOT NULL AND signed_sha256 IS NOT NULL)
  )
);
CREATE INDEX issued_result_id_number_idx ON issued_result (applicant_id_number, issued_at) WHERE applicant_id_number IS NOT NULL;
CREATE INDEX issued_result_account_idx ON issued_result (applicant_account_id, issued_at) WHERE applicant_account_id IS NOT NULL;
CREATE INDEX issued_result_signed_sha256_idx ON issued_result (signed_sha256) WHERE signed_sha256 IS NOT NULL;
COMMENT ON TABLE issued_result IS 'Results repository: the result issued on a dossier (number, summary) with its signed document, per applicant; written in the issue_result transaction.';
COMMENT ON COLUMN issued_result.id IS 'Surrogate key.';
COMMENT ON COLUMN issued_result.dossier_id IS 'The dossier the result was issued on (one result per dossier).';
COMMENT ON COLUMN issued_result.dossier_code IS 'Dossier code (copied, shown by the verification page).';
COMMENT ON COLUMN issued_result.applicant_account_id IS 'Applicant account owning the dossier, if any.';
COMMENT ON COLUMN issued_result.applicant_id_number IS 'Applicant ID number or tax code (copied): the key of the results repository.';
COMMENT ON COLUMN issued_result.applicant_name IS 'Applicant name (copied).';
COMMENT ON COLUMN issued_result.result_number IS 'Number of the result document (số văn bản).';
COMMENT ON COLUMN issued_result.summary IS 'Summary of the result.';
COMMENT ON COLUMN issued_result.original_file_id IS 'The file the clerk uploaded, kept unchanged; NULL when the result document was generated.';
COMMENT ON COLUMN issued_result.signed_file_id IS 'The signed PDF delivered as the result; NULL when signing is not configured.';
COMMENT ON COLUMN issued_result.signed_sha256 IS 'SHA-256 (hex) of the signed PDF: how the verification page recognises our documents.';
COMMENT ON COLUMN issued_result.signing_mode IS 'embedded (signature added to the uploaded PDF) | cover (signed cover PDF embedding the original and its SHA-256) | generated (signed result notice rendered by Motcua) | unsigned (no signing key configured).';
COMMENT ON COLUMN issued_result.signer_name IS 'Common name of the signing certificate.';
COMMENT ON COLUMN issued_result.signed_at IS 'Signing time written into the signature.';
COMMENT ON COLUMN issued_result.issued_at IS 'When the result was issued.';
COMMENT ON COLUMN issued_result.issued_by IS 'Officer who issued it.';

CREATE TABLE document_reuse (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  applicant_account_id uuid NOT NULL,
  source_file_id uuid NOT NULL,
  new_file_id uuid NOT NULL,
  component_code text,
  reused_at timestamptz NOT NULL,
  CONSTRAINT document_reuse_pk PRIMARY KEY (id),
  CONSTRAINT document_reuse_account_fk FOREIGN KEY (applicant_account_id) REFERENCES applicant_account (id),
  CONSTRAINT document_reuse_source_fk FOREIGN KEY (source_file_id) REFERENCES file_object (id),
  CONSTRAINT document_reuse_new_fk FOREIGN KEY (new_file_id) REFERENCES file_object (id),
  CONSTRAINT document_reuse_new_uq UNIQUE (new_file_id)
);
CREATE INDEX document_reuse_account_idx ON document_reuse (applicant_account_id, reused_at);
COMMENT ON TABLE document_reuse IS 'Citizen data store: each time a citizen attached a document they had already given (a submitted component or an issued result) instead of uploading it again.';
COMMENT ON COLUMN document_reuse.id IS 'Surrogate key.';
COMMENT ON COLUMN document_reuse.applicant_account_id IS 'The citizen account that reused the document.';
COMMENT ON COLUMN document_reuse.source_file_id IS 'The stored file that was reused (from an earlier dossier).';
COMMENT ON COLUMN document_reuse.new_file_id IS 'The copy owned by the citizen, attachable to a new dossier like an upload.';
COMMENT ON COLUMN document_reuse.component_code IS 'Component of the new dossier it was reused for, if given.';
COMMENT ON COLUMN document_reuse.reused_at IS 'When.';
