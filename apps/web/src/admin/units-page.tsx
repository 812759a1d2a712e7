import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AgencyCode, OfficeHoursSchema, UnitKind, isLocalDate, toSearchText } from '@motcua/domain';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, type BodyOf } from '../api/client.ts';
import { useT, type Text } from '../app/i18n.tsx';
import { paths } from '../app/paths.ts';
import { Alert, Button, ErrorMessage, Facts, Loading, Page, SelectField, TextField } from '../ui/ui.tsx';
import {
  Checkbox,
  ConfirmDialog,
  Crumbs,
  UNIT_KIND_LABELS,
  apiErrorText,
  buildUnitTree,
  fieldErrorsOf,
  showDate,
  todayVn,
  unitOptions,
  useUnits,
  type Unit,
  type UnitNode,
} from './admin-ui.tsx';

type OfficeHours = NonNullable<Unit['officeHours']>;

const m = {
  title: { vi: 'Cơ quan, đơn vị', en: 'Units' },
  lead: {
    vi: 'Cây tổ chức của tỉnh với mã định danh điện tử. Chọn một đơn vị để xem, sửa thông tin, chuyển đơn vị hoặc thêm đơn vị trực thuộc.',
    en: 'The province’s organisation tree with agency codes. Choose a unit to view and edit it, move it, or add a unit under it.',
  },
  tree: { vi: 'Cây đơn vị', en: 'Unit tree' },
  filter: { vi: 'Lọc theo tên hoặc mã định danh', en: 'Filter by name or agency code' },
  showClosed: { vi: 'Hiện cả đơn vị đã giải thể, sáp nhập', en: 'Also show closed or merged units' },
  noMatch: { vi: 'Không có đơn vị nào khớp.', en: 'No unit matches.' },
  expand: { vi: 'Mở {name}', en: 'Expand {name}' },
  collapse: { vi: 'Thu gọn {name}', en: 'Collapse {name}' },
  expandAll: { vi: 'Mở tất cả', en: 'Expand all' },
  collapseAll: { vi: 'Thu gọn tất cả', en: 'Collapse all' },
  closed: { vi: 'Đã đóng từ {date}', en: 'Closed from {date}' },
  choose: {
    vi: 'Chọn một đơn vị trong cây để xem và sửa.',
    en: 'Choose a unit in the tree to view and edit it.',
  },
  notFound: { vi: 'Không tìm thấy đơn vị này.', en: 'This unit was not found.' },
  agencyCode: { vi: 'Mã định danh điện tử', en: 'Agency code' },
  agencyCodeHint: {
    vi: 'Theo Quyết định 20/2020/QĐ-TTg, ví dụ 000.00.06.H56 (chữ in hoa, số, dấu chấm).',
    en: 'Per Decision 20/2020/QĐ-TTg, e.g. 000.00.06.H56 (capitals, digits, dots).',
  },
  kind: { vi: 'Loại đơn vị', en: 'Kind of unit' },
  parent: { vi: 'Đơn vị cha', en: 'Parent unit' },
  noParent: { vi: '(gốc)', en: '(root)' },
  validFrom: { vi: 'Hoạt động từ ngày', en: 'Active from' },
  validTo: { vi: 'Ngừng hoạt động từ ngày', en: 'Closed from' },
  validToHint: {
    vi: 'Để trống nếu đơn vị còn hoạt động. Khi sáp nhập, chọn đơn vị kế thừa.',
    en: 'Leave empty while the unit is active. When merged, choose the successor.',
  },
  successor: { vi: 'Đơn vị kế thừa', en: 'Successor unit' },
  none: { vi: '(không có)', en: '(none)' },
  name: { vi: 'Tên đơn vị', en: 'Name' },
  shortName: { vi: 'Tên viết tắt', en: 'Short name' },
  address: { vi: 'Địa chỉ', en: 'Address' },
  phone: { vi: 'Điện thoại', en: 'Phone' },
  email: { vi: 'Thư điện tử', en: 'Email' },
  officeHours: { vi: 'Giờ làm việc', en: 'Office hours' },
  defaultHours: {
    vi: 'Dùng giờ làm việc chung (7:00–11:30, 13:30–17:00)',
    en: 'Use the common office hours (7:00–11:30, 13:30–17:00)',
  },
  periodStart: { vi: 'Buổi {n}: từ', en: 'Period {n}: from' },
  periodEnd: { vi: 'Buổi {n}: đến', en: 'Period {n}: to' },
  removePeriod: { vi: 'Bỏ buổi {n}', en: 'Remove period {n}' },
  addPeriod: { vi: 'Thêm buổi làm việc', en: 'Add a period' },
  hoursInvalid: {
    vi: 'Mỗi buổi cần giờ bắt đầu trước giờ kết thúc, các buổi theo thứ tự và không chồng nhau.',
    en: 'Each period needs a start before its end; periods in order and not overlapping.',
  },
  edit: { vi: 'Sửa thông tin', en: 'Edit details' },
  save: { vi: 'Lưu thay đổi', en: 'Save changes' },
  saved: { vi: 'Đã lưu thay đổi.', en: 'Changes saved.' },
  noChange: { vi: 'Chưa có gì thay đổi.', en: 'Nothing has changed.' },
  move: { vi: 'Chuyển sang đơn vị cha khác', en: 'Move under another parent' },
  moveHint: {
    vi: 'Không thể chuyển vào chính đơn vị này hoặc đơn vị trực thuộc nó.',
    en: 'A unit cannot move under itself or one of its own units.',
  },
  confirmMove: { vi: 'Chuyển đơn vị?', en: 'Move the unit?' },
  confirmMoveText: {
    vi: '“{name}” sẽ trực thuộc “{parent}”. Vai trò cán bộ giao theo đơn vị cha cũ sẽ không còn áp dụng cho đơn vị này và các đơn vị trực thuộc nó.',
    en: '“{name}” will be under “{parent}”. Roles granted over the old parent no longer reach this unit and its units.',
  },
  confirmMoveButton: { vi: 'Chuyển và lưu', en: 'Move and save' },
  addChild: { vi: 'Thêm đơn vị trực thuộc', en: 'Add a unit under it' },
  createTitle: { vi: 'Thêm đơn vị mới', en: 'Add a unit' },
  create: { vi: 'Thêm đơn vị', en: 'Add the unit' },
  created: { vi: 'Đã thêm đơn vị “{name}”.', en: 'Unit “{name}” was added.' },
  cancel: { vi: 'Hủy', en: 'Cancel' },
  required: { vi: 'Cần nhập.', en: 'Required.' },
  nameInvalid: { vi: 'Tên cần từ 2 đến 300 ký tự.', en: 'The name needs 2 to 300 characters.' },
  emailInvalid: { vi: 'Địa chỉ thư điện tử chưa đúng.', en: 'This email address is not valid.' },
  dateInvalid: { vi: 'Chọn một ngày hợp lệ.', en: 'Choose a valid date.' },
  validToBeforeFrom: {
    vi: 'Ngày ngừng hoạt động phải sau ngày bắt đầu ({date}).',
    en: 'The closing date must be after the start ({date}).',
  },
  officers: { vi: 'Xem cán bộ của đơn vị', en: 'See the unit’s officers' },
  children: { vi: '{n} đơn vị', en: '{n} units' },
  childrenLabel: { vi: 'Đơn vị trực thuộc', en: 'Units under it' },
} satisfies Record<string, Text>;

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function isClosed(unit: Unit, today: string): boolean {
  return unit.validTo !== null && unit.validTo <= today;
}

function descendantsOf(units: readonly Unit[], id: string): Set<string> {
  const out = new Set<string>([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const u of units) {
      if (u.parentId && out.has(u.parentId) && !out.has(u.id)) {
        out.add(u.id);
        grew = true;
      }
    }
  }
  return out;
}

export function UnitsPage() {
  const t = useT();
  const units = useUnits();
  const [params, setParams] = useSearchParams();
  const selectedId = params.get('don-vi');
  const mode = params.get('che-do');
  const [notice, setNotice] = useState<string | null>(null);
  const select = (id: string | null, nextMode?: string) =>
    setParams((p) => {
      if (id) p.set('don-vi', id);
      else p.delete('don-vi');
      if (nextMode) p.set('che-do', nextMode);
      else p.delete('che-do');
      return p;
    });

  if (units.isPending) return <Loading />;
  if (units.isError) return <ErrorMessage error={units.error} onRetry={() => void units.refetch()} />;
  const selected = selectedId ? units.data.find((u) => u.id === selectedId) : undefined;

  return (
    <Page title={t(m.title)} lead={t(m.lead)}>
      <Crumbs items={[{ label: t(m.title) }]} />
      <div className="grid a-split">
        <UnitTree units={units.data} selectedId={selectedId} />
        <div>
          {notice ? <Alert kind="success">{notice}</Alert> : null}
          {selectedId && !selected ? <Alert kind="warning">{t(m.notFound)}</Alert> : null}
          {!selectedId ? <p className="card">{t(m.choose)}</p> : null}
          {selected && mode === 'them' ? (
            <CreateUnitForm
              key={`create-${selected.id}`}
              units={units.data}
              parentId={selected.id}
              onCancel={() => select(selected.id)}
              onCreated={(unit) => {
                setNotice(t(m.created, { name: unit.name }));
                select(unit.id);
              }}
            />
          ) : null}
          {selected && mode !== 'them' ? (
            <UnitDetail
              key={selected.id}
              unit={selected}
              units={units.data}
              onAddChild={() => {
                setNotice(null);
                select(selected.id, 'them');
              }}
              onSaved={() => setNotice(t(m.saved))}
            />
          ) : null}
        </div>
      </div>
    </Page>
  );
}

function UnitTree({ units, selectedId }: { units: readonly Unit[]; selectedId: string | null }) {
  const t = useT();
  const headingId = useId();
  const today = todayVn();
  const [filter, setFilter] = useState('');
  const [showClosed, setShowClosed] = useState(false);
  const tree = useMemo(() => buildUnitTree(units), [units]);
  const [expanded, setExpanded] = useState<Set<string>>(() => {
    const open = new Set<string>();
    for (const root of tree) open.add(root.unit.id);
    // The path to the selected unit starts open.
    const byId = new Map(units.map((u) => [u.id, u]));
    let cursor = selectedId ? byId.get(selectedId) : undefined;
    while (cursor?.parentId) {
      open.add(cursor.parentId);
      cursor = byId.get(cursor.parentId);
    }
    return open;
  });
  const words = toSearchText(filter).split(' ').filter(Boolean);
  const matches = (u: Unit) => {
    const text = toSearchText(`${u.name} ${u.shortName ?? ''} ${u.agencyCode}`);
    return words.every((w) => text.includes(w));
  };
  // Keep a node when it (or one of its units) matches and is shown.
  const prune = (nodes: readonly UnitNode[]): UnitNode[] =>
    nodes.flatMap((n) => {
      if (!showClosed && isClosed(n.unit, today)) return [];
      const children = prune(n.children);
      if (words.length === 0 || matches(n.unit) || children.length > 0) return [{ ...n, children }];
      return [];
    });
  const visible = prune(tree);
  const isFiltering = words.length > 0;
  const toggle = (id: string) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const renderNodes = (nodes: readonly UnitNode[]) => (
    <ul className="a-tree">
      {nodes.map((n) => {
        const isOpen = isFiltering || expanded.has(n.unit.id);
        const hasChildren = n.children.length > 0;
        const closed = isClosed(n.unit, today);
        return (
          <li key={n.unit.id}>
            <div className={`a-tree-row${n.unit.id === selectedId ? ' a-tree-selected' : ''}`}>
              {hasChildren ? (
                <button
                  type="button"
                  className="a-tree-toggle"
                  aria-expanded={isOpen}
                  aria-label={t(isOpen ? m.collapse : m.expand, { name: n.unit.name })}
                  onClick={() => toggle(n.unit.id)}
                  disabled={isFiltering}
                >
                  <span aria-hidden="true">{isOpen ? '▾' : '▸'}</span>
                </button>
              ) : (
                <span className="a-tree-spacer" aria-hidden="true" />
              )}
              <div className="a-tree-main">
                <Link
                  to={`?don-vi=${n.unit.id}`}
                  className="a-tree-link"
                  aria-current={n.unit.id === selectedId ? 'true' : undefined}
                >
                  {n.unit.name}
                </Link>
                <span className="a-tree-meta">
                  <span className="mono">{n.unit.agencyCode}</span> · {t(UNIT_KIND_LABELS[n.unit.kind])}
                  {closed ? (
                    <>
                      {' '}
                      <span className="badge a-badge-closed">
                        {t(m.closed, { date: showDate(n.unit.validTo) })}
                      </span>
                    </>
                  ) : null}
                </span>
              </div>
            </div>
            {hasChildren && isOpen ? renderNodes(n.children) : null}
          </li>
        );
      })}
    </ul>
  );

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t(m.tree)}</h2>
      <TextField
        label={t(m.filter)}
        type="search"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
      <Checkbox label={t(m.showClosed)} checked={showClosed} onChange={setShowClosed} />
      <div className="row a-tight">
        <Button variant="ghost" onClick={() => setExpanded(new Set(units.map((u) => u.id)))}>
          {t(m.expandAll)}
        </Button>
        <Button variant="ghost" onClick={() => setExpanded(new Set(tree.map((n) => n.unit.id)))}>
          {t(m.collapseAll)}
        </Button>
      </div>
      {visible.length === 0 ? (
        <p>{t(m.noMatch)}</p>
      ) : (
        <nav aria-labelledby={headingId}>{renderNodes(visible)}</nav>
      )}
    </section>
  );
}

function UnitDetail({
  unit,
  units,
  onAddChild,
  onSaved,
}: {
  unit: Unit;
  units: readonly Unit[];
  onAddChild: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const headingId = useId();
  const byId = new Map(units.map((u) => [u.id, u]));
  const parent = unit.parentId ? byId.get(unit.parentId) : undefined;
  const successor = unit.successorId ? byId.get(unit.successorId) : undefined;
  const childCount = units.filter((u) => u.parentId === unit.id).length;
  return (
    <section className="card" aria-labelledby={headingId}>
      <div className="a-card-head">
        <h2 id={headingId}>{unit.name}</h2>
        <Button variant="secondary" onClick={onAddChild}>
          + {t(m.addChild)}
        </Button>
      </div>
      <Facts
        items={[
          { label: t(m.agencyCode), value: <span className="mono">{unit.agencyCode}</span> },
          { label: t(m.kind), value: t(UNIT_KIND_LABELS[unit.kind]) },
          {
            label: t(m.parent),
            value: parent ? <Link to={`?don-vi=${parent.id}`}>{parent.name}</Link> : t(m.noParent),
          },
          { label: t(m.validFrom), value: showDate(unit.validFrom) },
          ...(unit.validTo ? [{ label: t(m.validTo), value: showDate(unit.validTo) }] : []),
          ...(successor
            ? [{ label: t(m.successor), value: <Link to={`?don-vi=${successor.id}`}>{successor.name}</Link> }]
            : []),
          ...(childCount > 0 ? [{ label: t(m.childrenLabel), value: t(m.children, { n: childCount }) }] : []),
        ]}
      />
      <p>
        <Link to={`${paths.adminOfficers}?don-vi=${unit.id}`}>{t(m.officers)}</Link>
      </p>
      <UnitEditForm unit={unit} units={units} onSaved={onSaved} />
    </section>
  );
}

interface UnitDraft {
  name: string;
  shortName: string;
  address: string;
  phone: string;
  email: string;
  hasOwnHours: boolean;
  periods: { start: string; end: string }[];
  validTo: string;
  successorId: string;
  parentId: string;
}

function draftOf(unit: Unit): UnitDraft {
  return {
    name: unit.name,
    shortName: unit.shortName ?? '',
    address: unit.address ?? '',
    phone: unit.phone ?? '',
    email: unit.email ?? '',
    hasOwnHours: unit.officeHours !== null,
    periods: unit.officeHours?.periods.map((p) => ({ ...p })) ?? [
      { start: '07:00', end: '11:30' },
      { start: '13:30', end: '17:00' },
    ],
    validTo: unit.validTo ?? '',
    successorId: unit.successorId ?? '',
    parentId: unit.parentId ?? '',
  };
}

type UnitPatch = BodyOf<'/api/units/{unitId}', 'patch'>;

function periodsProblem(periods: readonly { start: string; end: string }[]): boolean {
  if (!OfficeHoursSchema.safeParse({ periods }).success) return true;
  for (let i = 0; i < periods.length; i++) {
    const p = periods[i];
    if (!p || p.start >= p.end) return true;
    const prev = periods[i - 1];
    if (prev && prev.end > p.start) return true;
  }
  return false;
}

function optionalText(value: string): string | null {
  const v = value.trim();
  return v === '' ? null : v;
}

function OfficeHoursEditor({
  periods,
  onChange,
  error,
}: {
  periods: { start: string; end: string }[];
  onChange: (periods: { start: string; end: string }[]) => void;
  error?: string | undefined;
}) {
  const t = useT();
  return (
    <div className="a-periods">
      {periods.map((p, i) => (
        <div key={i} className="row a-period">
          <TextField
            label={t(m.periodStart, { n: i + 1 })}
            type="time"
            value={p.start}
            onChange={(e) => onChange(periods.map((q, j) => (j === i ? { ...q, start: e.target.value } : q)))}
          />
          <TextField
            label={t(m.periodEnd, { n: i + 1 })}
            type="time"
            value={p.end}
            onChange={(e) => onChange(periods.map((q, j) => (j === i ? { ...q, end: e.target.value } : q)))}
          />
          {periods.length > 1 ? (
            <Button variant="ghost" onClick={() => onChange(periods.filter((_, j) => j !== i))}>
              {t(m.removePeriod, { n: i + 1 })}
            </Button>
          ) : null}
        </div>
      ))}
      {periods.length < 6 ? (
        <Button
          variant="secondary"
          onClick={() => onChange([...periods, { start: periods.at(-1)?.end ?? '07:00', end: '17:00' }])}
        >
          + {t(m.addPeriod)}
        </Button>
      ) : null}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function UnitEditForm({ unit, units, onSaved }: { unit: Unit; units: readonly Unit[]; onSaved: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const headingId = useId();
  const [draft, setDraft] = useState<UnitDraft>(() => draftOf(unit));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState<UnitPatch | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const excluded = useMemo(() => descendantsOf(units, unit.id), [units, unit.id]);
  const save = useMutation({
    mutationFn: (body: UnitPatch) => api<Unit>(`/api/units/${unit.id}`, { method: 'PATCH', body }),
    onSuccess: async (saved) => {
      setPending(null);
      queryClient.setQueryData<Unit[]>(['units'], (old) => old?.map((u) => (u.id === saved.id ? saved : u)));
      await queryClient.invalidateQueries({ queryKey: ['units'] });
      await queryClient.invalidateQueries({ queryKey: ['calendar'] });
      onSaved();
    },
    onError: (error) => {
      setPending(null);
      const fields = fieldErrorsOf(error);
      if (/office hours/i.test(apiErrorText(error))) fields.officeHours = apiErrorText(error);
      setErrors(fields);
    },
  });
  const set = <K extends keyof UnitDraft>(key: K, value: UnitDraft[K]) => {
    setInfo(null);
    setDraft((d) => ({ ...d, [key]: value }));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next: Record<string, string> = {};
    const name = draft.name.trim();
    if (name.length < 2 || name.length > 300) next.name = t(m.nameInvalid);
    if (draft.email.trim() && !EMAIL_RE.test(draft.email.trim())) next.email = t(m.emailInvalid);
    if (draft.hasOwnHours && periodsProblem(draft.periods)) next.officeHours = t(m.hoursInvalid);
    if (draft.validTo && !isLocalDate(draft.validTo)) next.validTo = t(m.dateInvalid);
    else if (draft.validTo && draft.validTo < unit.validFrom)
      next.validTo = t(m.validToBeforeFrom, { date: showDate(unit.validFrom) });
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    const body: UnitPatch = {};
    if (name !== unit.name) body.name = name;
    if (optionalText(draft.shortName) !== unit.shortName) body.shortName = optionalText(draft.shortName);
    if (optionalText(draft.address) !== unit.address) body.address = optionalText(draft.address);
    if (optionalText(draft.phone) !== unit.phone) body.phone = optionalText(draft.phone);
    if (optionalText(draft.email) !== unit.email) body.email = optionalText(draft.email);
    const hours: OfficeHours | null = draft.hasOwnHours ? { periods: draft.periods } : null;
    if (JSON.stringify(hours) !== JSON.stringify(unit.officeHours)) body.officeHours = hours;
    if ((draft.validTo || null) !== unit.validTo) body.validTo = draft.validTo || null;
    if ((draft.successorId || null) !== unit.successorId) body.successorId = draft.successorId || null;
    if (draft.parentId && draft.parentId !== unit.parentId) body.parentId = draft.parentId;
    if (Object.keys(body).length === 0) {
      setInfo(t(m.noChange));
      return;
    }
    if (body.parentId) setPending(body);
    else save.mutate(body);
  };
  const newParent = pending?.parentId ? units.find((u) => u.id === pending.parentId) : undefined;

  return (
    <form onSubmit={submit} noValidate aria-labelledby={headingId} className="a-subform">
      <h3 id={headingId}>{t(m.edit)}</h3>
      <div className="grid grid-2">
        <TextField
          label={t(m.name)}
          required
          value={draft.name}
          maxLength={300}
          onChange={(e) => set('name', e.target.value)}
          error={errors.name}
        />
        <TextField
          label={t(m.shortName)}
          value={draft.shortName}
          maxLength={100}
          onChange={(e) => set('shortName', e.target.value)}
          error={errors.shortName}
        />
        <TextField
          label={t(m.address)}
          value={draft.address}
          maxLength={500}
          autoComplete="off"
          onChange={(e) => set('address', e.target.value)}
          error={errors.address}
        />
        <TextField
          label={t(m.phone)}
          type="tel"
          value={draft.phone}
          maxLength={50}
          autoComplete="off"
          onChange={(e) => set('phone', e.target.value)}
          error={errors.phone}
        />
        <TextField
          label={t(m.email)}
          type="email"
          value={draft.email}
          maxLength={200}
          autoComplete="off"
          onChange={(e) => set('email', e.target.value)}
          error={errors.email}
        />
      </div>
      <fieldset>
        <legend>{t(m.officeHours)}</legend>
        <Checkbox
          label={t(m.defaultHours)}
          checked={!draft.hasOwnHours}
          onChange={(v) => set('hasOwnHours', !v)}
        />
        {draft.hasOwnHours ? (
          <OfficeHoursEditor
            periods={draft.periods}
            onChange={(periods) => set('periods', periods)}
            error={errors.officeHours}
          />
        ) : null}
      </fieldset>
      <div className="grid grid-2">
        <TextField
          label={t(m.validTo)}
          hint={t(m.validToHint)}
          type="date"
          value={draft.validTo}
          min={unit.validFrom}
          onChange={(e) => set('validTo', e.target.value)}
          error={errors.validTo}
        />
        <SelectField
          label={t(m.successor)}
          value={draft.successorId}
          onChange={(e) => set('successorId', e.target.value)}
          options={unitOptions(units, { exclude: new Set([unit.id]) })}
          placeholder={t(m.none)}
          error={errors.successorId}
        />
      </div>
      {unit.parentId ? (
        <SelectField
          label={t(m.move)}
          hint={t(m.moveHint)}
          value={draft.parentId}
          onChange={(e) => set('parentId', e.target.value)}
          options={unitOptions(units, { exclude: excluded })}
          error={errors.parentId}
        />
      ) : null}
      {info ? <Alert kind="info">{info}</Alert> : null}
      {save.isError ? <Alert kind="error">{apiErrorText(save.error)}</Alert> : null}
      <Button type="submit" isBusy={save.isPending}>
        {t(m.save)}
      </Button>
      <ConfirmDialog
        open={pending !== null}
        title={t(m.confirmMove)}
        confirmLabel={t(m.confirmMoveButton)}
        isBusy={save.isPending}
        onCancel={() => setPending(null)}
        onConfirm={() => pending && save.mutate(pending)}
      >
        <p>{t(m.confirmMoveText, { name: unit.name, parent: newParent?.name ?? '' })}</p>
      </ConfirmDialog>
    </form>
  );
}

type UnitCreate = BodyOf<'/api/units', 'post'>;

function CreateUnitForm({
  units,
  parentId,
  onCancel,
  onCreated,
}: {
  units: readonly Unit[];
  parentId: string;
  onCancel: () => void;
  onCreated: (unit: Unit) => void;
}) {
  const t = useT();
  const queryClient = useQueryClient();
  const headingId = useId();
  const [draft, setDraft] = useState({
    parentId,
    agencyCode: '',
    name: '',
    shortName: '',
    kind: 'division' as UnitCreate['kind'],
    validFrom: todayVn(),
    address: '',
    phone: '',
    email: '',
    hasOwnHours: false,
    periods: [
      { start: '07:00', end: '11:30' },
      { start: '13:30', end: '17:00' },
    ],
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useMutation({
    mutationFn: (body: UnitCreate) => api<Unit>('/api/units', { method: 'POST', body }),
    onSuccess: async (unit) => {
      queryClient.setQueryData<Unit[]>(['units'], (old) => (old ? [...old, unit] : old));
      await queryClient.invalidateQueries({ queryKey: ['units'] });
      onCreated(unit);
    },
    onError: (error) => {
      const fields = fieldErrorsOf(error);
      if (/agency code/i.test(apiErrorText(error))) fields.agencyCode = apiErrorText(error);
      setErrors(fields);
    },
  });
  const set = <K extends keyof typeof draft>(key: K, value: (typeof draft)[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next: Record<string, string> = {};
    const code = draft.agencyCode.trim().toUpperCase();
    const codeCheck = AgencyCode.safeParse(code);
    if (!code) next.agencyCode = t(m.required);
    else if (!codeCheck.success) next.agencyCode = t(m.agencyCodeHint);
    const name = draft.name.trim();
    if (name.length < 2 || name.length > 300) next.name = t(m.nameInvalid);
    if (!isLocalDate(draft.validFrom)) next.validFrom = t(m.dateInvalid);
    if (draft.email.trim() && !EMAIL_RE.test(draft.email.trim())) next.email = t(m.emailInvalid);
    if (draft.hasOwnHours && periodsProblem(draft.periods)) next.officeHours = t(m.hoursInvalid);
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    const body: UnitCreate = {
      agencyCode: code,
      name,
      kind: draft.kind,
      parentId: draft.parentId,
      validFrom: draft.validFrom,
      ...(draft.shortName.trim() ? { shortName: draft.shortName.trim() } : {}),
      ...(draft.address.trim() ? { address: draft.address.trim() } : {}),
      ...(draft.phone.trim() ? { phone: draft.phone.trim() } : {}),
      ...(draft.email.trim() ? { email: draft.email.trim() } : {}),
      ...(draft.hasOwnHours ? { officeHours: { periods: draft.periods } } : {}),
    };
    create.mutate(body);
  };
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby={headingId}>
      <h2 id={headingId}>{t(m.createTitle)}</h2>
      <SelectField
        label={t(m.parent)}
        required
        value={draft.parentId}
        onChange={(e) => set('parentId', e.target.value)}
        options={unitOptions(units)}
        error={errors.parentId}
      />
      <div className="grid grid-2">
        <TextField
          label={t(m.agencyCode)}
          hint={t(m.agencyCodeHint)}
          required
          className="mono"
          value={draft.agencyCode}
          maxLength={35}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => set('agencyCode', e.target.value.toUpperCase())}
          error={errors.agencyCode}
        />
        <SelectField
          label={t(m.kind)}
          required
          value={draft.kind}
          onChange={(e) => set('kind', e.target.value as UnitCreate['kind'])}
          options={UnitKind.options.map((k) => ({ value: k, label: t(UNIT_KIND_LABELS[k]) }))}
          error={errors.kind}
        />
        <TextField
          label={t(m.name)}
          required
          value={draft.name}
          maxLength={300}
          onChange={(e) => set('name', e.target.value)}
          error={errors.name}
        />
        <TextField
          label={t(m.shortName)}
          value={draft.shortName}
          maxLength={100}
          onChange={(e) => set('shortName', e.target.value)}
          error={errors.shortName}
        />
        <TextField
          label={t(m.validFrom)}
          type="date"
          required
          value={draft.validFrom}
          onChange={(e) => set('validFrom', e.target.value)}
          error={errors.validFrom}
        />
        <TextField
          label={t(m.address)}
          value={draft.address}
          maxLength={500}
          autoComplete="off"
          onChange={(e) => set('address', e.target.value)}
          error={errors.address}
        />
        <TextField
          label={t(m.phone)}
          type="tel"
          value={draft.phone}
          maxLength={50}
          autoComplete="off"
          onChange={(e) => set('phone', e.target.value)}
          error={errors.phone}
        />
        <TextField
          label={t(m.email)}
          type="email"
          value={draft.email}
          maxLength={200}
          autoComplete="off"
          onChange={(e) => set('email', e.target.value)}
          error={errors.email}
        />
      </div>
      <fieldset>
        <legend>{t(m.officeHours)}</legend>
        <Checkbox
          label={t(m.defaultHours)}
          checked={!draft.hasOwnHours}
          onChange={(v) => set('hasOwnHours', !v)}
        />
        {draft.hasOwnHours ? (
          <OfficeHoursEditor
            periods={draft.periods}
            onChange={(periods) => set('periods', periods)}
            error={errors.officeHours}
          />
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
