-- Organisation: the effective-dated unit tree, officers, roles, applicant accounts, sessions.

CREATE TABLE unit (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  agency_code text NOT NULL,
  name text NOT NULL,
  short_name text,
  kind text NOT NULL,
  parent_id uuid,
  valid_from date NOT NULL DEFAULT DATE '2025-07-01',
  valid_to date,
  successor_id uuid,
  office_hours jsonb,
  address text,
  phone text,
  email text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT unit_pk PRIMARY KEY (id),
  CONSTRAINT unit_agency_code_uq UNIQUE (agency_code),
  CONSTRAINT unit_parent_fk FOREIGN KEY (parent_id) REFERENCES unit (id),
  CONSTRAINT unit_successor_fk FOREIGN KEY (successor_id) REFERENCES unit (id),
  CONSTRAINT unit_kind_ck CHECK (kind IN ('province', 'department', 'division', 'commune', 'one_stop_section', 'external')),
  CONSTRAINT unit_validity_ck CHECK (valid_to IS NULL OR valid_to >= valid_from),
  CONSTRAINT unit_not_own_parent_ck CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX unit_parent_idx ON unit (parent_id);
COMMENT ON TABLE unit IS 'Organisational unit (đơn vị): province, department, division, commune, one-stop section or external agency. Effective-dated; the hierarchy is the parent link, never parsed from the agency code.';
COMMENT ON COLUMN unit.id IS 'Surrogate key.';
COMMENT ON COLUMN unit.agency_code IS 'Electronic agency code (mã định danh điện tử, Decision 20/2020/QĐ-TTg), stored as an opaque string.';
COMMENT ON COLUMN unit.name IS 'Official Vietnamese name.';
COMMENT ON COLUMN unit.short_name IS 'Short name for dense screens.';
COMMENT ON COLUMN unit.kind IS 'province | department | division | commune | one_stop_section | external.';
COMMENT ON COLUMN unit.parent_id IS 'Parent unit; NULL for the root (province).';
COMMENT ON COLUMN unit.valid_from IS 'First day the unit exists.';
COMMENT ON COLUMN unit.valid_to IS 'Last day the unit exists (merged or dissolved); NULL while current.';
COMMENT ON COLUMN unit.successor_id IS 'Unit that took over after a merger.';
COMMENT ON COLUMN unit.office_hours IS 'Office hours {periods:[{start,end}]} overriding the default 07:00-11:30, 13:30-17:00.';
COMMENT ON COLUMN unit.address IS 'Postal address printed on forms.';
COMMENT ON COLUMN unit.phone IS 'Contact phone / hotline.';
COMMENT ON COLUMN unit.email IS 'Contact e-mail.';
COMMENT ON COLUMN unit.created_at IS 'Row creation time.';
COMMENT ON COLUMN unit.updated_at IS 'Last change time.';

CREATE TABLE unit_closure (
  ancestor_id uuid NOT NULL,
  descendant_id uuid NOT NULL,
  depth integer NOT NULL,
  CONSTRAINT unit_closure_pk PRIMARY KEY (ancestor_id, descendant_id),
  CONSTRAINT unit_closure_ancestor_fk FOREIGN KEY (ancestor_id) REFERENCES unit (id) ON DELETE CASCADE,
  CONSTRAINT unit_closure_descendant_fk FOREIGN KEY (descendant_id) REFERENCES unit (id) ON DELETE CASCADE,
  CONSTRAINT unit_closure_depth_ck CHECK (depth >= 0)
);
CREATE INDEX unit_closure_descendant_idx ON unit_closure (descendant_id);
COMMENT ON TABLE unit_closure IS 'Transitive closure of the unit tree (every ancestor-descendant pair, including self at depth 0), so authorisation is a join, not a recursive walk.';
COMMENT ON COLUMN unit_closure.ancestor_id IS 'Ancestor unit (or the unit itself).';
COMMENT ON COLUMN unit_closure.descendant_id IS 'Descendant unit (or the unit itself).';
COMMENT ON COLUMN unit_closure.depth IS 'Levels between them; 0 for self.';

CREATE TABLE officer (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  username text NOT NULL,
  full_name text NOT NULL,
  title text,
  email text,
  phone text,
  password_hash text NOT NULL,
  is_active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT officer_pk PRIMARY KEY (id),
  CONSTRAINT officer_username_uq UNIQUE (username),
  CONSTRAINT officer_username_ck CHECK (username ~ '^[a-z0-9._-]{3,64}$')
);
COMMENT ON TABLE officer IS 'Civil servant or staff member who works in the system (cán bộ, công chức).';
COMMENT ON COLUMN officer.id IS 'Surrogate key.';
COMMENT ON COLUMN officer.username IS 'Login name (lowercase).';
COMMENT ON COLUMN officer.full_name IS 'Full name printed on forms and the control slip.';
COMMENT ON COLUMN officer.title IS 'Job title, e.g. Phó Giám đốc.';
COMMENT ON COLUMN officer.email IS 'Work e-mail.';
COMMENT ON COLUMN officer.phone IS 'Work phone.';
COMMENT ON COLUMN officer.password_hash IS 'argon2id hash of the password.';
COMMENT ON COLUMN officer.is_active IS 'False when the account is disabled.';
COMMENT ON COLUMN officer.created_at IS 'Account creation time.';
COMMENT ON COLUMN officer.password_changed_at IS 'Last password change.';

CREATE TABLE officer_role (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  officer_id uuid NOT NULL,
  role text NOT NULL,
  unit_id uuid NOT NULL,
  valid_from timestamptz NOT NULL DEFAULT now(),
  valid_to timestamptz,
  delegated_by_id uuid,
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT officer_role_pk PRIMARY KEY (id),
  CONSTRAINT officer_role_officer_fk FOREIGN KEY (officer_id) REFERENCES officer (id),
  CONSTRAINT officer_role_unit_fk FOREIGN KEY (unit_id) REFERENCES unit (id),
  CONSTRAINT officer_role_delegated_by_fk FOREIGN KEY (delegated_by_id) REFERENCES officer (id),
  CONSTRAINT officer_role_role_ck CHECK (role IN ('receiving_officer', 'specialist', 'division_head', 'leader', 'clerk', 'supervisor', 'admin')),
  CONSTRAINT officer_role_validity_ck CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE INDEX officer_role_officer_idx ON officer_role (officer_id);
CREATE INDEX officer_role_unit_role_idx ON officer_role (unit_id, role);
COMMENT ON TABLE officer_role IS 'A role held by an officer over a unit and its descendants, for a period; delegation is a role row with delegated_by_id.';
COMMENT ON COLUMN officer_role.id IS 'Surrogate key.';
COMMENT ON COLUMN officer_role.officer_id IS 'Officer holding the role.';
COMMENT ON COLUMN officer_role.role IS 'receiving_officer | specialist | division_head | leader | clerk | supervisor | admin.';
COMMENT ON COLUMN officer_role.unit_id IS 'Scope: this unit and every descendant.';
COMMENT ON COLUMN officer_role.valid_from IS 'Start of the role.';
COMMENT ON COLUMN officer_role.valid_to IS 'End of the role (exclusive); NULL while current.';
COMMENT ON COLUMN officer_role.delegated_by_id IS 'Officer who delegated this role (ủy quyền), if any.';
COMMENT ON COLUMN officer_role.note IS 'Reason or decision number for the assignment or delegation.';
COMMENT ON COLUMN officer_role.created_at IS 'Row creation time.';

CREATE TABLE applicant_account (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  kind text NOT NULL,
  full_name text NOT NULL,
  id_number text,
  tax_code text,
  date_of_birth date,
  phone text,
  email text,
  address text,
  password_hash text NOT NULL,
  preferred_language text NOT NULL DEFAULT 'vi',
  is_active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT applicant_account_pk PRIMARY KEY (id),
  CONSTRAINT applicant_account_id_number_uq UNIQUE (id_number),
  CONSTRAINT applicant_account_tax_code_uq UNIQUE (tax_code),
  CONSTRAINT applicant_account_kind_ck CHECK (kind IN ('citizen', 'organisation')),
  CONSTRAINT applicant_account_identity_ck CHECK ((kind = 'citizen' AND id_number IS NOT NULL) OR (kind = 'organisation' AND tax_code IS NOT NULL)),
  CONSTRAINT applicant_account_language_ck CHECK (preferred_language IN ('vi', 'en'))
);
COMMENT ON TABLE applicant_account IS 'Account of a citizen or organisation that submits dossiers online (tổ chức, cá nhân).';
COMMENT ON COLUMN applicant_account.id IS 'Surrogate key.';
COMMENT ON COLUMN applicant_account.kind IS 'citizen | organisation.';
COMMENT ON COLUMN applicant_account.full_name IS 'Name of the person or organisation.';
COMMENT ON COLUMN applicant_account.id_number IS 'Citizen identity number (CCCD, 12 digits); login identifier for citizens.';
COMMENT ON COLUMN applicant_account.tax_code IS 'Tax code (mã số thuế); login identifier for organisations.';
COMMENT ON COLUMN applicant_account.date_of_birth IS 'Date of birth (citizens).';
COMMENT ON COLUMN applicant_account.phone IS 'Mobile phone for notifications.';
COMMENT ON COLUMN applicant_account.email IS 'E-mail for notifications.';
COMMENT ON COLUMN applicant_account.address IS 'Contact address.';
COMMENT ON COLUMN applicant_account.password_hash IS 'argon2id hash of the password.';
COMMENT ON COLUMN applicant_account.preferred_language IS 'vi | en.';
COMMENT ON COLUMN applicant_account.is_active IS 'False when the account is disabled.';
COMMENT ON COLUMN applicant_account.created_at IS 'Registration time.';

CREATE TABLE session (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  token_hash text NOT NULL,
  actor_type text NOT NULL,
  actor_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  user_agent text,
  CONSTRAINT session_pk PRIMARY KEY (id),
  CONSTRAINT session_token_hash_uq UNIQUE (token_hash),
  CONSTRAINT session_actor_type_ck CHECK (actor_type IN ('officer', 'citizen'))
);
CREATE INDEX session_actor_idx ON session (actor_type, actor_id);
COMMENT ON TABLE session IS 'Login session; the bearer token itself is never stored, only its SHA-256.';
COMMENT ON COLUMN session.id IS 'Surrogate key.';
COMMENT ON COLUMN session.token_hash IS 'SHA-256 (hex) of the session token.';
COMMENT ON COLUMN session.actor_type IS 'officer | citizen.';
COMMENT ON COLUMN session.actor_id IS 'officer.id or applicant_account.id.';
COMMENT ON COLUMN session.created_at IS 'Login time.';
COMMENT ON COLUMN session.expires_at IS 'Expiry time.';
COMMENT ON COLUMN session.revoked_at IS 'Logout time.';
COMMENT ON COLUMN session.user_agent IS 'Browser or client that logged in.';
