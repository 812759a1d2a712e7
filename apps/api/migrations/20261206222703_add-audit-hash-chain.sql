-- add-audit-hash-chain
-- Tamper-evident audit (issue 7, docs/adr/0011-tamper-evident-audit.md): every audit entry gets the
-- SHA-256 of its canonical content at insert; the sealer links committed entries into a hash chain
-- in id order (one append-only seal row per entry) and keeps the chain head in a one-row table.
-- audit_log itself stays append-only: the chain lives beside it, never in an UPDATE of the entry.

ALTER TABLE audit_log ADD COLUMN content_hash text;
ALTER TABLE audit_log ADD COLUMN recorded_at timestamptz;
ALTER TABLE audit_log ALTER COLUMN recorded_at SET DEFAULT clock_timestamp();
ALTER TABLE audit_log ADD CONSTRAINT audit_log_content_hash_ck CHECK (content_hash IS NULL OR content_hash ~ '^[0-9a-f]{64}$');
COMMENT ON COLUMN audit_log.content_hash IS 'SHA-256 (hex) of the canonical serialisation of the entry (motcua.audit/v1, see ADR 0011), computed when it is written; NULL for entries written before the hash chain or by bulk loaders (the sealer computes it).';
COMMENT ON COLUMN audit_log.recorded_at IS 'Database clock at insert (clock_timestamp()); the sealer only seals entries older than its safety lag. NULL for entries written before the hash chain. Not part of the content hash.';

CREATE TABLE audit_seal (
  seq bigint NOT NULL,
  prev_seq bigint NOT NULL,
  content_hash text NOT NULL,
  chain_hash text NOT NULL,
  sealed_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT audit_seal_pk PRIMARY KEY (seq),
  CONSTRAINT audit_seal_order_ck CHECK (prev_seq >= 0 AND prev_seq < seq),
  CONSTRAINT audit_seal_content_hash_ck CHECK (content_hash ~ '^[0-9a-f]{64}$'),
  CONSTRAINT audit_seal_chain_hash_ck CHECK (chain_hash ~ '^[0-9a-f]{64}$')
);
COMMENT ON TABLE audit_seal IS 'Hash chain over audit_log, one row per sealed entry in id order, written by the sealer. Append-only (UPDATE and DELETE rejected by a trigger).';
COMMENT ON COLUMN audit_seal.seq IS 'audit_log.id of the sealed entry.';
COMMENT ON COLUMN audit_seal.prev_seq IS 'seq of the previous sealed entry (0 for the first): ids in between did not exist when sealed (rolled-back transactions), so a missing sealed entry is always visible.';
COMMENT ON COLUMN audit_seal.content_hash IS 'Content hash of the entry when sealed (its audit_log.content_hash, or computed then for older entries).';
COMMENT ON COLUMN audit_seal.chain_hash IS 'SHA-256 (hex) of previous chain hash (32 bytes, zeros for the first) || content hash (32 bytes) || seq (8 bytes, big-endian).';
COMMENT ON COLUMN audit_seal.sealed_at IS 'When the entry was sealed.';

CREATE FUNCTION audit_seal_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_seal is append-only' USING ERRCODE = 'P0001';
END;
$$;
COMMENT ON FUNCTION audit_seal_append_only() IS 'Rejects UPDATE and DELETE on audit_seal.';
CREATE TRIGGER audit_seal_no_change BEFORE UPDATE OR DELETE ON audit_seal
  FOR EACH ROW EXECUTE FUNCTION audit_seal_append_only();

CREATE TABLE audit_chain_head (
  id boolean NOT NULL DEFAULT true,
  seq bigint NOT NULL DEFAULT 0,
  chain_hash text NOT NULL DEFAULT repeat('0', 64),
  sealed_count bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT audit_chain_head_pk PRIMARY KEY (id),
  CONSTRAINT audit_chain_head_single_ck CHECK (id),
  CONSTRAINT audit_chain_head_seq_ck CHECK (seq >= 0 AND sealed_count >= 0),
  CONSTRAINT audit_chain_head_hash_ck CHECK (chain_hash ~ '^[0-9a-f]{64}$')
);
COMMENT ON TABLE audit_chain_head IS 'The one row holding the head of the audit hash chain (so deleting the last sealed entries is visible); its row lock serialises sealers, never business transactions.';
COMMENT ON COLUMN audit_chain_head.id IS 'Always true: the table has exactly one row.';
COMMENT ON COLUMN audit_chain_head.seq IS 'seq of the last sealed entry (0: nothing sealed yet).';
COMMENT ON COLUMN audit_chain_head.chain_hash IS 'Chain hash of the last sealed entry (64 zeros: nothing sealed yet). Anchor it outside the database to detect a consistent rewrite.';
COMMENT ON COLUMN audit_chain_head.sealed_count IS 'Number of sealed entries.';
COMMENT ON COLUMN audit_chain_head.updated_at IS 'Last time the sealer extended the chain.';
INSERT INTO audit_chain_head (id) VALUES (true);
