-- Procedure catalog: procedures and their immutable published versions; calendar overrides.

CREATE TABLE procedure (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  code text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT procedure_pk PRIMARY KEY (id),
  CONSTRAINT procedure_code_uq UNIQUE (code)
);
COMMENT ON TABLE procedure IS 'Administrative procedure (thủ tục hành chính), identified by its national code; its content lives in versions.';
COMMENT ON COLUMN procedure.id IS 'Surrogate key.';
COMMENT ON COLUMN procedure.code IS 'National procedure code, e.g. 1.001612, or a local code with province suffix.';
COMMENT ON COLUMN procedure.created_at IS 'Row creation time.';

CREATE TABLE procedure_version (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  procedure_id uuid NOT NULL,
  version_no integer NOT NULL,
  status text NOT NULL DEFAULT 'draft',
  effective_from date NOT NULL,
  effective_to date,
  name text NOT NULL,
  search_text text NOT NULL,
  field_code text NOT NULL,
  field_name text NOT NULL,
  level text NOT NULL,
  competent_agency_code text,
  online_service_level text NOT NULL,
  content jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid,
  published_at timestamptz,
  published_by uuid,
  CONSTRAINT procedure_version_pk PRIMARY KEY (id),
  CONSTRAINT procedure_version_procedure_fk FOREIGN KEY (procedure_id) REFERENCES procedure (id),
  CONSTRAINT procedure_version_no_uq UNIQUE (procedure_id, version_no),
  CONSTRAINT procedure_version_status_ck CHECK (status IN ('draft', 'published')),
  CONSTRAINT procedure_version_level_ck CHECK (level IN ('province', 'commune', 'central')),
  CONSTRAINT procedure_version_online_level_ck CHECK (online_service_level IN ('full', 'partial', 'none')),
  CONSTRAINT procedure_version_validity_ck CHECK (effective_to IS NULL OR effective_to >= effective_from),
  CONSTRAINT procedure_version_published_ck CHECK ((status = 'published') = (published_at IS NOT NULL))
);
CREATE INDEX procedure_version_lookup_idx ON procedure_version (procedure_id, status, effective_from);
CREATE INDEX procedure_version_field_idx ON procedure_version (field_code);
COMMENT ON TABLE procedure_version IS 'One version of a procedure (per publication decision). Drafts are editable; published versions are immutable (trigger) except for closing effective_to.';
COMMENT ON COLUMN procedure_version.id IS 'Surrogate key; dossiers reference it.';
COMMENT ON COLUMN procedure_version.procedure_id IS 'The procedure.';
COMMENT ON COLUMN procedure_version.version_no IS 'Sequential version number per procedure.';
COMMENT ON COLUMN procedure_version.status IS 'draft | published.';
COMMENT ON COLUMN procedure_version.effective_from IS 'First day dossiers are received under this version.';
COMMENT ON COLUMN procedure_version.effective_to IS 'Last day of validity; set when a later version takes over.';
COMMENT ON COLUMN procedure_version.name IS 'Procedure name (copied from content for search and lists).';
COMMENT ON COLUMN procedure_version.search_text IS 'Lowercase name and code without Vietnamese diacritics, for accent-insensitive search.';
COMMENT ON COLUMN procedure_version.field_code IS 'Field (lĩnh vực) code.';
COMMENT ON COLUMN procedure_version.field_name IS 'Field (lĩnh vực) name.';
COMMENT ON COLUMN procedure_version.level IS 'Implementing level: province | commune | central.';
COMMENT ON COLUMN procedure_version.competent_agency_code IS 'Agency code of the competent agency for provincial procedures.';
COMMENT ON COLUMN procedure_version.online_service_level IS 'full (toàn trình) | partial (một phần) | none, Decree 42/2022 Art. 11.';
COMMENT ON COLUMN procedure_version.content IS 'The full version content (ProcedureVersionContent schema in packages/domain).';
COMMENT ON COLUMN procedure_version.created_at IS 'Draft creation time.';
COMMENT ON COLUMN procedure_version.created_by IS 'Officer who created the draft.';
COMMENT ON COLUMN procedure_version.published_at IS 'Publication time; NULL for drafts.';
COMMENT ON COLUMN procedure_version.published_by IS 'Officer who published.';

CREATE FUNCTION procedure_version_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status = 'published' THEN
      RAISE EXCEPTION 'published procedure version % cannot be deleted', OLD.id USING ERRCODE = 'P0001';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status = 'published' AND (
       NEW.content IS DISTINCT FROM OLD.content OR NEW.status IS DISTINCT FROM OLD.status
    OR NEW.effective_from IS DISTINCT FROM OLD.effective_from OR NEW.name IS DISTINCT FROM OLD.name
    OR NEW.version_no IS DISTINCT FROM OLD.version_no OR NEW.procedure_id IS DISTINCT FROM OLD.procedure_id) THEN
    RAISE EXCEPTION 'published procedure version % is immutable', OLD.id USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END;
$$;
COMMENT ON FUNCTION procedure_version_guard() IS 'Keeps published procedure versions immutable (only effective_to may be set).';
CREATE TRIGGER procedure_version_immutable BEFORE UPDATE OR DELETE ON procedure_version
  FOR EACH ROW EXECUTE FUNCTION procedure_version_guard();

CREATE TABLE calendar_override (
  date date NOT NULL,
  kind text NOT NULL,
  name text NOT NULL,
  reference text,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid,
  CONSTRAINT calendar_override_pk PRIMARY KEY (date),
  CONSTRAINT calendar_override_kind_ck CHECK (kind IN ('day_off', 'working_day'))
);
COMMENT ON TABLE calendar_override IS 'Official per-date change to the rule-based working calendar (bridges, compensatory days, swapped working Saturdays).';
COMMENT ON COLUMN calendar_override.date IS 'The calendar day in Vietnam.';
COMMENT ON COLUMN calendar_override.kind IS 'day_off | working_day.';
COMMENT ON COLUMN calendar_override.name IS 'Vietnamese label, e.g. Nghỉ Tết Nguyên đán.';
COMMENT ON COLUMN calendar_override.reference IS 'Legal reference, e.g. Công văn 9859/VPCP-KGVX.';
COMMENT ON COLUMN calendar_override.created_at IS 'Entry time.';
COMMENT ON COLUMN calendar_override.created_by IS 'Officer who entered it.';
