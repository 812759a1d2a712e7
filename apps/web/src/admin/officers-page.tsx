import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { VnPhone, type OfficerRole } from '@motcua/domain';
import { useId, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, type BodyOf, type ResponseOf } from '../api/client.ts';
import { useFormat, useT, type Text } from '../app/i18n.tsx';
import {
  Alert,
  Button,
  ErrorMessage,
  Facts,
  Loading,
  Page,
  SelectField,
  TextArea,
  TextField,
} from '../ui/ui.tsx';
import {
  ConfirmDialog,
  Crumbs,
  ROLE_OPTIONS,
  apiErrorText,
  fieldErrorsOf,
  roleLabel,
  unitOptions,
  useUnits,
  type Unit,
} from './admin-ui.tsx';

type Officer = ResponseOf<'/api/officers/{officerId}', 'get'>;
type RoleGrant = Officer['roles'][number];

const PAGE_SIZE = 50;

const m = {
  title: { vi: 'Cán bộ và vai trò', en: 'Officers and roles' },
  lead: {
    vi: 'Tìm cán bộ, tạo tài khoản, giao hoặc thu hồi vai trò. Vai trò có hiệu lực với đơn vị được chọn và mọi đơn vị trực thuộc.',
    en: 'Find officers, create accounts, grant or revoke roles. A role applies to the chosen unit and every unit under it.',
  },
  search: { vi: 'Tìm cán bộ', en: 'Find officers' },
  q: { vi: 'Họ tên hoặc tên đăng nhập', en: 'Name or login name' },
  qHint: { vi: 'Gõ có dấu như khi viết tên.', en: 'Type the name with its Vietnamese accents.' },
  unit: { vi: 'Đơn vị', en: 'Unit' },
  anyUnit: { vi: 'Mọi đơn vị', en: 'Any unit' },
  role: { vi: 'Vai trò', en: 'Role' },
  anyRole: { vi: 'Mọi vai trò', en: 'Any role' },
  find: { vi: 'Tìm', en: 'Search' },
  results: { vi: 'Danh sách cán bộ', en: 'Officers' },
  none: { vi: 'Không có cán bộ nào khớp.', en: 'No officer matches.' },
  name: { vi: 'Họ tên', en: 'Name' },
  username: { vi: 'Tên đăng nhập', en: 'Login name' },
  jobTitle: { vi: 'Chức vụ', en: 'Job title' },
  roles: { vi: 'Vai trò', en: 'Roles' },
  status: { vi: 'Trạng thái', en: 'Status' },
  active: { vi: 'Đang làm việc', en: 'Active' },
  inactive: { vi: 'Đã khóa', en: 'Deactivated' },
  previous: { vi: 'Trang trước', en: 'Previous page' },
  next: { vi: 'Trang sau', en: 'Next page' },
  page: { vi: 'Trang {n}', en: 'Page {n}' },
  add: { vi: 'Tạo tài khoản cán bộ', en: 'Create an officer account' },
  detailOf: { vi: 'Cán bộ: {name}', en: 'Officer: {name}' },
  email: { vi: 'Thư điện tử', en: 'Email' },
  phone: { vi: 'Điện thoại', en: 'Phone' },
  noDeactivate: {
    vi: 'Khóa tài khoản: hiện hệ thống chưa hỗ trợ. Để cán bộ thôi làm việc, hãy thu hồi mọi vai trò.',
    en: 'Deactivating an account is not supported yet. To stop an officer working, revoke every role.',
  },
  rolesNow: { vi: 'Vai trò đang có', en: 'Roles held' },
  noRoles: {
    vi: 'Cán bộ này không còn vai trò nào; tài khoản không xử lý được hồ sơ.',
    en: 'This officer holds no role; the account cannot handle dossiers.',
  },
  from: { vi: 'Từ', en: 'From' },
  to: { vi: 'Đến', en: 'Until' },
  openEnded: { vi: 'Không thời hạn', en: 'No end' },
  delegated: { vi: 'Ủy quyền', en: 'Delegated' },
  granted: { vi: 'Giao trực tiếp', en: 'Granted' },
  kindOfGrant: { vi: 'Hình thức', en: 'How' },
  actions: { vi: 'Thao tác', en: 'Actions' },
  revoke: { vi: 'Thu hồi', en: 'Revoke' },
  revokeOf: { vi: 'Thu hồi vai trò {role} tại {unit}', en: 'Revoke the role {role} over {unit}' },
  confirmRevoke: { vi: 'Thu hồi vai trò?', en: 'Revoke the role?' },
  confirmRevokeText: {
    vi: '{name} sẽ thôi vai trò “{role}” tại {unit} ngay bây giờ. Hồ sơ đang giao cho cán bộ này cần được giao lại.',
    en: '{name} stops being “{role}” over {unit} now. Dossiers assigned to this officer need reassigning.',
  },
  revoked: { vi: 'Đã thu hồi vai trò.', en: 'The role was revoked.' },
  lastRoleGone: {
    vi: 'Cán bộ không còn vai trò nào nên sẽ không hiện trong danh sách tìm kiếm.',
    en: 'The officer holds no role any more, so they no longer appear in the search list.',
  },
  grantTitle: { vi: 'Giao vai trò', en: 'Grant a role' },
  grantLead: {
    vi: 'Có thể đặt thời hạn, ví dụ khi ủy quyền trong thời gian lãnh đạo đi vắng. Để trống “Từ” là bắt đầu ngay.',
    en: 'You can set a period, e.g. a delegation while a leader is away. An empty “From” starts now.',
  },
  validFrom: { vi: 'Hiệu lực từ (giờ Việt Nam)', en: 'Valid from (Vietnam time)' },
  validTo: { vi: 'Hiệu lực đến (giờ Việt Nam)', en: 'Valid until (Vietnam time)' },
  note: { vi: 'Ghi chú (ví dụ số quyết định)', en: 'Note (e.g. the decision number)' },
  grant: { vi: 'Giao vai trò', en: 'Grant the role' },
  grantedOk: { vi: 'Đã giao vai trò.', en: 'The role was granted.' },
  chooseUnit: { vi: 'Chọn đơn vị.', en: 'Choose a unit.' },
  chooseRole: { vi: 'Chọn vai trò.', en: 'Choose a role.' },
  toAfterFrom: {
    vi: 'Thời điểm kết thúc phải sau thời điểm bắt đầu.',
    en: 'The end must be after the start.',
  },
  createTitle: { vi: 'Tạo tài khoản cán bộ', en: 'Create an officer account' },
  usernameHint: {
    vi: '3–64 ký tự: chữ thường không dấu, số, dấu chấm, gạch dưới, gạch ngang. Ví dụ: chuyenvien4.sxd',
    en: '3–64 characters: lower-case letters without accents, digits, dot, underscore, hyphen. E.g. chuyenvien4.sxd',
  },
  fullName: { vi: 'Họ và tên', en: 'Full name' },
  password: { vi: 'Mật khẩu ban đầu', en: 'Initial password' },
  passwordRules: { vi: 'Yêu cầu mật khẩu', en: 'Password rules' },
  ruleLength: {
    vi: 'Ít nhất 10 ký tự, có cả chữ và số — hoặc một cụm từ dài từ 16 ký tự',
    en: 'At least 10 characters with letters and digits — or a passphrase of 16+ characters',
  },
  ruleName: { vi: 'Không chứa tên đăng nhập', en: 'Does not contain the login name' },
  ruleMax: { vi: 'Tối đa 200 ký tự', en: 'At most 200 characters' },
  ruleOk: { vi: 'Đạt', en: 'Met' },
  ruleNotYet: { vi: 'Chưa đạt', en: 'Not met yet' },
  passwordWeak: {
    vi: 'Mật khẩu chưa đạt yêu cầu ở trên.',
    en: 'The password does not meet the rules above.',
  },
  showPassword: { vi: 'Hiện mật khẩu', en: 'Show the password' },
  firstRoles: { vi: 'Vai trò ban đầu', en: 'First roles' },
  firstRolesHint: {
    vi: 'Cán bộ cần ít nhất một vai trò để làm việc và để hiện trong danh sách.',
    en: 'An officer needs at least one role to work and to appear in the list.',
  },
  roleN: { vi: 'Vai trò {n}', en: 'Role {n}' },
  unitN: { vi: 'Đơn vị của vai trò {n}', en: 'Unit of role {n}' },
  removeRole: { vi: 'Bỏ vai trò {n}', en: 'Remove role {n}' },
  addRole: { vi: 'Thêm vai trò', en: 'Add a role' },
  create: { vi: 'Tạo tài khoản', en: 'Create the account' },
  created: {
    vi: 'Đã tạo tài khoản “{username}”. Hãy trao mật khẩu ban đầu cho cán bộ trực tiếp.',
    en: 'Account “{username}” was created. Hand the initial password to the officer in person.',
  },
  cancel: { vi: 'Hủy', en: 'Cancel' },
  required: { vi: 'Cần nhập.', en: 'Required.' },
  usernameInvalid: { vi: 'Tên đăng nhập chưa đúng quy tắc.', en: 'The login name breaks the rules.' },
  nameInvalid: { vi: 'Họ tên cần từ 2 đến 200 ký tự.', en: 'The name needs 2 to 200 characters.' },
  emailInvalid: { vi: 'Địa chỉ thư điện tử chưa đúng.', en: 'This email address is not valid.' },
  phoneInvalid: {
    vi: 'Số điện thoại 10 chữ số bắt đầu bằng 0 (hoặc +84).',
    en: 'A 10-digit phone number starting with 0 (or +84).',
  },
  notFound: { vi: 'Không tìm thấy cán bộ này.', en: 'This officer was not found.' },
  close: { vi: 'Đóng', en: 'Close' },
} satisfies Record<string, Text>;

const USERNAME_RE = /^[a-z0-9._-]{3,64}$/;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The server's password policy (apps/api user/password.ts), checked as the admin types. */
function passwordChecks(password: string, username: string) {
  const hasLength =
    password.length >= 16 || (password.length >= 10 && /\p{L}/u.test(password) && /\d/.test(password));
  const avoidsName = !(username.length >= 3 && password.toLowerCase().includes(username.toLowerCase()));
  return { hasLength, avoidsName, isShort: password.length <= 200 };
}

/** `2026-03-01T08:00` (Vietnam wall clock) as an ISO instant with offset. */
function vnInputToIso(value: string): string {
  return `${value}:00+07:00`;
}

export function OfficersPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const units = useUnits();
  const q = params.get('q') ?? '';
  const unitId = params.get('don-vi') ?? '';
  const role = params.get('vai-tro') ?? '';
  const offset = Math.max(0, Number(params.get('tu')) || 0);
  const selectedId = params.get('can-bo');
  const isCreating = params.get('che-do') === 'them';
  const [notice, setNotice] = useState<string | null>(null);
  const update = (changes: Record<string, string | null>) =>
    setParams((p) => {
      for (const [k, v] of Object.entries(changes)) {
        if (v) p.set(k, v);
        else p.delete(k);
      }
      return p;
    });

  return (
    <Page
      title={t(m.title)}
      lead={t(m.lead)}
      actions={
        <Button
          onClick={() => {
            setNotice(null);
            update({ 'che-do': 'them', 'can-bo': null });
          }}
        >
          + {t(m.add)}
        </Button>
      }
    >
      <Crumbs items={[{ label: t(m.title) }]} />
      <SearchForm
        key={`${q}|${unitId}|${role}`}
        initial={{ q, unitId, role }}
        units={units.data ?? []}
        onSearch={(s) => update({ q: s.q, 'don-vi': s.unitId, 'vai-tro': s.role, tu: null })}
      />
      {notice ? <Alert kind="success">{notice}</Alert> : null}
      <div className={`grid${isCreating || selectedId ? ' a-split-wide' : ''}`}>
        <OfficerList
          q={q}
          unitId={unitId}
          role={role}
          offset={offset}
          selectedId={selectedId}
          onOffset={(o) => update({ tu: o > 0 ? String(o) : null })}
        />
        <div>
          {isCreating ? (
            <CreateOfficerForm
              units={units.data ?? []}
              defaultUnitId={unitId}
              onCancel={() => update({ 'che-do': null })}
              onCreated={(officer) => {
                setNotice(t(m.created, { username: officer.username }));
                update({ 'che-do': null, 'can-bo': officer.id });
              }}
            />
          ) : null}
          {!isCreating && selectedId ? (
            <OfficerDetail
              key={selectedId}
              officerId={selectedId}
              units={units.data ?? []}
              onClose={() => update({ 'can-bo': null })}
            />
          ) : null}
        </div>
      </div>
    </Page>
  );
}

function SearchForm({
  initial,
  units,
  onSearch,
}: {
  initial: { q: string; unitId: string; role: string };
  units: readonly Unit[];
  onSearch: (s: { q: string; unitId: string; role: string }) => void;
}) {
  const t = useT();
  const [s, setS] = useState(initial);
  const headingId = useId();
  return (
    <form
      role="search"
      aria-labelledby={headingId}
      className="card a-search"
      onSubmit={(e) => {
        e.preventDefault();
        onSearch({ ...s, q: s.q.trim() });
      }}
    >
      <h2 id={headingId} className="visually-hidden">
        {t(m.search)}
      </h2>
      <TextField
        label={t(m.q)}
        hint={t(m.qHint)}
        type="search"
        value={s.q}
        maxLength={100}
        onChange={(e) => setS({ ...s, q: e.target.value })}
      />
      <SelectField
        label={t(m.unit)}
        value={s.unitId}
        onChange={(e) => setS({ ...s, unitId: e.target.value })}
        options={unitOptions(units)}
        placeholder={t(m.anyUnit)}
      />
      <SelectField
        label={t(m.role)}
        value={s.role}
        onChange={(e) => setS({ ...s, role: e.target.value })}
        options={ROLE_OPTIONS.map((r) => ({ value: r, label: roleLabel(t, r) }))}
        placeholder={t(m.anyRole)}
      />
      <div className="a-search-submit">
        <Button type="submit">{t(m.find)}</Button>
      </div>
    </form>
  );
}

function OfficerList({
  q,
  unitId,
  role,
  offset,
  selectedId,
  onOffset,
}: {
  q: string;
  unitId: string;
  role: string;
  offset: number;
  selectedId: string | null;
  onOffset: (offset: number) => void;
}) {
  const t = useT();
  const f = useFormat();
  const headingId = useId();
  const list = useQuery({
    queryKey: ['officers', { q, unitId, role, offset }],
    queryFn: ({ signal }) =>
      api<Officer[]>('/api/officers', {
        signal,
        query: {
          q: q || undefined,
          unitId: unitId || undefined,
          role: role || undefined,
          limit: PAGE_SIZE,
          offset,
        },
      }),
    placeholderData: keepPreviousData,
  });
  return (
    <section className="card" aria-labelledby={headingId} aria-busy={list.isFetching || undefined}>
      <h2 id={headingId}>{t(m.results)}</h2>
      {list.isPending ? <Loading /> : null}
      {list.isError ? <ErrorMessage error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data && list.data.length === 0 ? <p>{t(m.none)}</p> : null}
      {list.data && list.data.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t(m.results)}</caption>
            <thead>
              <tr>
                <th scope="col">{t(m.name)}</th>
                <th scope="col">{t(m.username)}</th>
                <th scope="col">{t(m.roles)}</th>
                <th scope="col">{t(m.status)}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((o) => (
                <tr key={o.id} className={o.id === selectedId ? 'a-row-selected' : undefined}>
                  <th scope="row" className="a-th">
                    <Link
                      to={`?${withParam('can-bo', o.id)}`}
                      aria-current={o.id === selectedId ? 'true' : undefined}
                    >
                      {o.fullName}
                    </Link>
                    {o.title ? <span className="muted a-block a-small">{o.title}</span> : null}
                  </th>
                  <td className="mono">{o.username}</td>
                  <td>
                    <ul className="a-plain">
                      {o.roles.map((r) => (
                        <li key={r.id}>
                          {roleLabel(t, r.role)} · <span className="muted">{r.unitName}</span>
                          {r.validTo ? (
                            <span className="muted">
                              {' '}
                              ({t(m.to).toLowerCase()} {f.dateTime(r.validTo)})
                            </span>
                          ) : null}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    <span className={`badge ${o.isActive ? 'a-badge-ok' : 'a-badge-closed'}`}>
                      {t(o.isActive ? m.active : m.inactive)}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {list.data && (offset > 0 || list.data.length === PAGE_SIZE) ? (
        <nav className="pagination" aria-label={t(m.results)}>
          <Button
            variant="secondary"
            disabled={offset === 0}
            onClick={() => onOffset(Math.max(0, offset - PAGE_SIZE))}
          >
            ← {t(m.previous)}
          </Button>
          <span aria-live="polite">{t(m.page, { n: Math.floor(offset / PAGE_SIZE) + 1 })}</span>
          <Button
            variant="secondary"
            disabled={list.data.length < PAGE_SIZE}
            onClick={() => onOffset(offset + PAGE_SIZE)}
          >
            {t(m.next)} →
          </Button>
        </nav>
      ) : null}
    </section>
  );
}

/** The current query string with one parameter changed (keeps the search and paging). */
function withParam(key: string, value: string): string {
  const p = new URLSearchParams(window.location.search);
  p.set(key, value);
  p.delete('che-do');
  return p.toString();
}

function OfficerDetail({
  officerId,
  units,
  onClose,
}: {
  officerId: string;
  units: readonly Unit[];
  onClose: () => void;
}) {
  const t = useT();
  const f = useFormat();
  const headingId = useId();
  const queryClient = useQueryClient();
  const [revoking, setRevoking] = useState<RoleGrant | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const officer = useQuery({
    queryKey: ['officer', officerId],
    queryFn: ({ signal }) => api<Officer>(`/api/officers/${officerId}`, { signal }),
  });
  const revoke = useMutation({
    mutationFn: (grant: RoleGrant) =>
      api<Officer>(`/api/officers/${officerId}/roles/${grant.id}`, { method: 'DELETE' }),
    onSuccess: async (updated) => {
      setRevoking(null);
      queryClient.setQueryData(['officer', officerId], updated);
      setNotice(`${t(m.revoked)}${updated.roles.length === 0 ? ` ${t(m.lastRoleGone)}` : ''}`);
      await queryClient.invalidateQueries({ queryKey: ['officers'] });
    },
  });
  if (officer.isPending) return <Loading />;
  if (officer.isError) return <ErrorMessage error={officer.error} onRetry={() => void officer.refetch()} />;
  const o = officer.data;
  return (
    <section className="card" aria-labelledby={headingId}>
      <div className="a-card-head">
        <h2 id={headingId}>{t(m.detailOf, { name: o.fullName })}</h2>
        <Button variant="ghost" onClick={onClose}>
          {t(m.close)}
        </Button>
      </div>
      <Facts
        items={[
          { label: t(m.username), value: <span className="mono">{o.username}</span> },
          { label: t(m.jobTitle), value: o.title ?? '—' },
          { label: t(m.email), value: o.email ?? '—' },
          { label: t(m.phone), value: o.phone ?? '—' },
          { label: t(m.status), value: t(o.isActive ? m.active : m.inactive) },
        ]}
      />
      <p className="muted a-small">{t(m.noDeactivate)}</p>
      {notice ? <Alert kind="success">{notice}</Alert> : null}
      <h3>{t(m.rolesNow)}</h3>
      {o.roles.length === 0 ? (
        <Alert kind="warning">{t(m.noRoles)}</Alert>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t(m.rolesNow)}</caption>
            <thead>
              <tr>
                <th scope="col">{t(m.role)}</th>
                <th scope="col">{t(m.unit)}</th>
                <th scope="col">{t(m.from)}</th>
                <th scope="col">{t(m.to)}</th>
                <th scope="col">{t(m.kindOfGrant)}</th>
                <th scope="col">{t(m.actions)}</th>
              </tr>
            </thead>
            <tbody>
              {o.roles.map((r) => (
                <tr key={r.id}>
                  <th scope="row" className="a-th">
                    {roleLabel(t, r.role)}
                  </th>
                  <td>{r.unitName}</td>
                  <td className="a-nowrap">{f.dateTime(r.validFrom)}</td>
                  <td className="a-nowrap">{r.validTo ? f.dateTime(r.validTo) : t(m.openEnded)}</td>
                  <td>{t(r.delegatedById ? m.delegated : m.granted)}</td>
                  <td>
                    <Button
                      variant="danger"
                      aria-label={t(m.revokeOf, { role: roleLabel(t, r.role), unit: r.unitName })}
                      onClick={() => {
                        revoke.reset();
                        setNotice(null);
                        setRevoking(r);
                      }}
                    >
                      {t(m.revoke)}
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <GrantRoleForm
        officerId={o.id}
        units={units}
        onGranted={(updated) => {
          queryClient.setQueryData(['officer', officerId], updated);
          setNotice(t(m.grantedOk));
          void queryClient.invalidateQueries({ queryKey: ['officers'] });
        }}
      />
      <ConfirmDialog
        open={revoking !== null}
        title={t(m.confirmRevoke)}
        confirmLabel={t(m.revoke)}
        variant="danger"
        isBusy={revoke.isPending}
        onCancel={() => setRevoking(null)}
        onConfirm={() => revoking && revoke.mutate(revoking)}
      >
        {revoking ? (
          <p>
            {t(m.confirmRevokeText, {
              name: o.fullName,
              role: roleLabel(t, revoking.role),
              unit: revoking.unitName,
            })}
          </p>
        ) : null}
        {revoke.isError ? <Alert kind="error">{apiErrorText(revoke.error)}</Alert> : null}
      </ConfirmDialog>
    </section>
  );
}

type GrantBody = BodyOf<'/api/officers/{officerId}/roles', 'post'>;

function GrantRoleForm({
  officerId,
  units,
  onGranted,
}: {
  officerId: string;
  units: readonly Unit[];
  onGranted: (officer: Officer) => void;
}) {
  const t = useT();
  const headingId = useId();
  const empty = { role: '', unitId: '', validFrom: '', validTo: '', note: '' };
  const [draft, setDraft] = useState(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const grant = useMutation({
    mutationFn: (body: GrantBody) =>
      api<Officer>(`/api/officers/${officerId}/roles`, { method: 'POST', body }),
    onSuccess: (officer) => {
      setDraft(empty);
      onGranted(officer);
    },
    onError: (error) => setErrors(fieldErrorsOf(error)),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next: Record<string, string> = {};
    if (!draft.role) next.role = t(m.chooseRole);
    if (!draft.unitId) next.unitId = t(m.chooseUnit);
    if (draft.validFrom && draft.validTo && draft.validTo <= draft.validFrom) next.validTo = t(m.toAfterFrom);
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    grant.mutate({
      role: draft.role as OfficerRole,
      unitId: draft.unitId,
      ...(draft.validFrom ? { validFrom: vnInputToIso(draft.validFrom) } : {}),
      ...(draft.validTo ? { validTo: vnInputToIso(draft.validTo) } : {}),
      ...(draft.note.trim() ? { note: draft.note.trim() } : {}),
    });
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby={headingId} className="a-subform">
      <h3 id={headingId}>{t(m.grantTitle)}</h3>
      <p className="muted">{t(m.grantLead)}</p>
      <div className="grid grid-2">
        <SelectField
          label={t(m.role)}
          required
          value={draft.role}
          onChange={(e) => setDraft({ ...draft, role: e.target.value })}
          options={ROLE_OPTIONS.map((r) => ({ value: r, label: roleLabel(t, r) }))}
          placeholder="—"
          error={errors.role}
        />
        <SelectField
          label={t(m.unit)}
          required
          value={draft.unitId}
          onChange={(e) => setDraft({ ...draft, unitId: e.target.value })}
          options={unitOptions(units)}
          placeholder="—"
          error={errors.unitId}
        />
        <TextField
          label={t(m.validFrom)}
          type="datetime-local"
          value={draft.validFrom}
          onChange={(e) => setDraft({ ...draft, validFrom: e.target.value })}
          error={errors.validFrom}
        />
        <TextField
          label={t(m.validTo)}
          type="datetime-local"
          value={draft.validTo}
          onChange={(e) => setDraft({ ...draft, validTo: e.target.value })}
          error={errors.validTo}
        />
      </div>
      <TextArea
        label={t(m.note)}
        rows={2}
        maxLength={500}
        value={draft.note}
        onChange={(e) => setDraft({ ...draft, note: e.target.value })}
        error={errors.note}
      />
      {grant.isError ? <Alert kind="error">{apiErrorText(grant.error)}</Alert> : null}
      <Button type="submit" isBusy={grant.isPending}>
        {t(m.grant)}
      </Button>
    </form>
  );
}

type CreateBody = BodyOf<'/api/officers', 'post'>;

function CreateOfficerForm({
  units,
  defaultUnitId,
  onCancel,
  onCreated,
}: {
  units: readonly Unit[];
  defaultUnitId: string;
  onCancel: () => void;
  onCreated: (officer: Officer) => void;
}) {
  const t = useT();
  const headingId = useId();
  const rulesId = useId();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState({
    username: '',
    fullName: '',
    title: '',
    email: '',
    phone: '',
    password: '',
    roles: [{ role: '', unitId: defaultUnitId }],
  });
  const [showPassword, setShowPassword] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useMutation({
    mutationFn: (body: CreateBody) => api<Officer>('/api/officers', { method: 'POST', body }),
    onSuccess: async (officer) => {
      await queryClient.invalidateQueries({ queryKey: ['officers'] });
      onCreated(officer);
    },
    onError: (error) => {
      const fields = fieldErrorsOf(error);
      const text = apiErrorText(error);
      if (/login name|username/i.test(text) && !fields.username) fields.username = text;
      if (/password|mật khẩu/i.test(text) && !fields.password) fields.password = text;
      setErrors(fields);
    },
  });
  const username = draft.username.trim().toLowerCase();
  const checks = passwordChecks(draft.password, username);
  const set = <K extends keyof typeof draft>(key: K, value: (typeof draft)[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next: Record<string, string> = {};
    if (!USERNAME_RE.test(username)) next.username = t(m.usernameInvalid);
    const fullName = draft.fullName.trim();
    if (fullName.length < 2 || fullName.length > 200) next.fullName = t(m.nameInvalid);
    if (draft.email.trim() && !EMAIL_RE.test(draft.email.trim())) next.email = t(m.emailInvalid);
    if (draft.phone.trim() && !VnPhone.safeParse(draft.phone.trim()).success) next.phone = t(m.phoneInvalid);
    if (!draft.password) next.password = t(m.required);
    else if (!checks.hasLength || !checks.avoidsName || !checks.isShort) next.password = t(m.passwordWeak);
    draft.roles.forEach((r, i) => {
      if (!r.role) next[`roles.${i}.role`] = t(m.chooseRole);
      if (!r.unitId) next[`roles.${i}.unitId`] = t(m.chooseUnit);
    });
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    create.mutate({
      username,
      fullName,
      password: draft.password,
      roles: draft.roles.map((r) => ({ role: r.role as OfficerRole, unitId: r.unitId })),
      ...(draft.title.trim() ? { title: draft.title.trim() } : {}),
      ...(draft.email.trim() ? { email: draft.email.trim() } : {}),
      ...(draft.phone.trim() ? { phone: draft.phone.trim() } : {}),
    });
  };
  const rule = (isOk: boolean, label: Text) => (
    <li className={isOk ? 'a-rule-ok' : 'a-rule-todo'}>
      <span aria-hidden="true">{isOk ? '✓' : '○'}</span> {t(label)}{' '}
      <span className="visually-hidden">({t(isOk ? m.ruleOk : m.ruleNotYet)})</span>
    </li>
  );
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby={headingId}>
      <h2 id={headingId}>{t(m.createTitle)}</h2>
      <div className="grid grid-2">
        <TextField
          label={t(m.username)}
          hint={t(m.usernameHint)}
          required
          className="mono"
          autoComplete="off"
          spellCheck={false}
          maxLength={64}
          value={draft.username}
          onChange={(e) => set('username', e.target.value)}
          error={errors.username}
        />
        <TextField
          label={t(m.fullName)}
          required
          autoComplete="off"
          maxLength={200}
          value={draft.fullName}
          onChange={(e) => set('fullName', e.target.value)}
          error={errors.fullName}
        />
        <TextField
          label={t(m.jobTitle)}
          maxLength={200}
          value={draft.title}
          onChange={(e) => set('title', e.target.value)}
          error={errors.title}
        />
        <TextField
          label={t(m.email)}
          type="email"
          autoComplete="off"
          maxLength={200}
          value={draft.email}
          onChange={(e) => set('email', e.target.value)}
          error={errors.email}
        />
        <TextField
          label={t(m.phone)}
          type="tel"
          autoComplete="off"
          maxLength={12}
          value={draft.phone}
          onChange={(e) => set('phone', e.target.value)}
          error={errors.phone}
        />
      </div>
      <div className="a-password-rules" id={rulesId}>
        <p className="a-rules-title">{t(m.passwordRules)}</p>
        <ul className="a-plain">
          {rule(checks.hasLength, m.ruleLength)}
          {rule(checks.avoidsName, m.ruleName)}
          {rule(checks.isShort, m.ruleMax)}
        </ul>
      </div>
      <TextField
        label={t(m.password)}
        type={showPassword ? 'text' : 'password'}
        required
        autoComplete="new-password"
        maxLength={200}
        value={draft.password}
        hint={`${t(m.ruleLength)}; ${t(m.ruleName).toLowerCase()}.`}
        onChange={(e) => set('password', e.target.value)}
        error={errors.password}
      />
      <div className="checkbox">
        <input
          id={`${rulesId}-show`}
          type="checkbox"
          checked={showPassword}
          onChange={(e) => setShowPassword(e.target.checked)}
        />
        <label htmlFor={`${rulesId}-show`}>{t(m.showPassword)}</label>
      </div>
      <fieldset>
        <legend>{t(m.firstRoles)}</legend>
        <p className="muted">{t(m.firstRolesHint)}</p>
        {draft.roles.map((r, i) => (
          <div key={i} className="a-role-row">
            <SelectField
              label={t(m.roleN, { n: i + 1 })}
              required
              value={r.role}
              onChange={(e) =>
                set(
                  'roles',
                  draft.roles.map((x, j) => (j === i ? { ...x, role: e.target.value } : x)),
                )
              }
              options={ROLE_OPTIONS.map((x) => ({ value: x, label: roleLabel(t, x) }))}
              placeholder="—"
              error={errors[`roles.${i}.role`]}
            />
            <SelectField
              label={t(m.unitN, { n: i + 1 })}
              required
              value={r.unitId}
              onChange={(e) =>
                set(
                  'roles',
                  draft.roles.map((x, j) => (j === i ? { ...x, unitId: e.target.value } : x)),
                )
              }
              options={unitOptions(units)}
              placeholder="—"
              error={errors[`roles.${i}.unitId`]}
            />
            {draft.roles.length > 1 ? (
              <Button
                variant="ghost"
                onClick={() =>
                  set(
                    'roles',
                    draft.roles.filter((_, j) => j !== i),
                  )
                }
              >
                {t(m.removeRole, { n: i + 1 })}
              </Button>
            ) : null}
          </div>
        ))}
        {draft.roles.length < 20 ? (
          <Button
            variant="secondary"
            onClick={() => set('roles', [...draft.roles, { role: '', unitId: '' }])}
          >
            + {t(m.addRole)}
          </Button>
        ) : null}
      </fieldset>
      {create.isError ? <Alert kind="error">{apiErrorText(create.error)}</Alert> : null}
      <div className="row">
        <Button type="submit" isBusy={create.isPending}>
          {t(m.create)}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t(m.cancel)}
        </Button>
      </div>
    </form>
  );
}
