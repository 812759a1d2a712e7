-- create-upload-session-table
-- Resumable uploads of large files (construction drawings of 100 MB and more): the bytes arrive in
-- chunks into <dataDir>/uploads/<id>.part; the finished file becomes an ordinary file_object.

CREATE TABLE upload_session (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  owner_type text NOT NULL,
  owner_id uuid NOT NULL,
  file_name text NOT NULL,
  size_bytes bigint NOT NULL,
  content_type text NOT NULL,
  offset_bytes bigint NOT NULL DEFAULT 0,
  file_id uuid,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  CONSTRAINT upload_session_pk PRIMARY KEY (id),
  CONSTRAINT upload_session_file_fk FOREIGN KEY (file_id) REFERENCES file_object (id) ON DELETE SET NULL,
  CONSTRAINT upload_session_owner_type_ck CHECK (owner_type IN ('officer', 'citizen')),
  CONSTRAINT upload_session_size_ck CHECK (size_bytes > 0),
  CONSTRAINT upload_session_offset_ck CHECK (offset_bytes >= 0 AND offset_bytes <= size_bytes),
  CONSTRAINT upload_session_content_type_ck CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  CONSTRAINT upload_session_expiry_ck CHECK (expires_at > created_at)
);
CREATE INDEX upload_session_expires_idx ON upload_session (expires_at);
CREATE INDEX upload_session_owner_idx ON upload_session (owner_type, owner_id);
COMMENT ON TABLE upload_session IS 'A resumable upload in progress (or just finished): bytes received so far live in <dataDir>/uploads/<id>.part; removed after expires_at.';
COMMENT ON COLUMN upload_session.id IS 'Surrogate key; also names the partial file.';
COMMENT ON COLUMN upload_session.owner_type IS 'officer | citizen: who started the upload (only they may continue it).';
COMMENT ON COLUMN upload_session.owner_id IS 'Officer or applicant account id of the uploader.';
COMMENT ON COLUMN upload_session.file_name IS 'File name as given by the uploader (sanitised when the file is stored).';
COMMENT ON COLUMN upload_session.size_bytes IS 'Declared total size in bytes.';
COMMENT ON COLUMN upload_session.content_type IS 'Declared type: application/pdf | image/jpeg | image/png (checked against the content at the end).';
COMMENT ON COLUMN upload_session.offset_bytes IS 'Bytes received so far; the next chunk must start here.';
COMMENT ON COLUMN upload_session.file_id IS 'The stored file once all bytes arrived and passed the checks.';
COMMENT ON COLUMN upload_session.created_at IS 'When the upload was started.';
COMMENT ON COLUMN upload_session.updated_at IS 'When the last chunk was received.';
COMMENT ON COLUMN upload_session.expires_at IS 'After this time (24 hours after the start) the session and its partial bytes are removed.';
