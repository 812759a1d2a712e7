import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { OFFICIAL_OVERRIDES, isLocalDate, toLocalParts } from '@motcua/domain';
import { useId, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { api, type ResponseOf } from '../api/client.ts';
import { useT, useLang, useFormat, type Text } from '../app/i18n.tsx';
import { Alert, Button, ErrorMessage, Loading, Page, SelectField, TextField } from '../ui/ui.tsx';
import {
  Checkbox,
  ConfirmDialog,
  Crumbs,
  apiErrorText,
  fieldErrorsOf,
  showDate,
  todayVn,
  unitOptions,
  useUnits,
  weekdayOf,
} from './admin-ui.tsx';

type Day = ResponseOf<'/api/calendar/days', 'get'>[number];
type Override = ResponseOf<'/api/calendar/overrides', 'get'>[number];
type Due = ResponseOf<'/api/calendar/due', 'get'>;

const m = {
  title: { vi: 'Lịch làm việc', en: 'Working calendar' },
  lead: {
    vi: 'Ngày lễ theo Bộ luật Lao động được tính tự động. Ở đây bạn nhập các điều chỉnh của Chính phủ cho từng năm (nghỉ thêm, hoán đổi ngày làm việc). Điều chỉnh do quản trị nhập được ưu tiên hơn điều chỉnh có sẵn trong phần mềm.',
    en: 'Public holidays under the Labour Code are computed automatically. Here you enter the Government’s changes for each year (extra days off, swapped working days). Overrides entered by an administrator win over those shipped with the software.',
  },
  year: { vi: 'Năm', en: 'Year' },
  prevYear: { vi: 'Năm trước', en: 'Previous year' },
  nextYear: { vi: 'Năm sau', en: 'Next year' },
  daysTitle: { vi: 'Ngày nghỉ và ngày làm bù năm {year}', en: 'Days off and make-up days in {year}' },
  daysSummary: {
    vi: '{working} ngày làm việc, {off} ngày nghỉ lễ, nghỉ bù và nghỉ thêm (không kể cuối tuần).',
    en: '{working} working days, {off} public holidays, compensatory and extra days off (weekends not counted).',
  },
  overridesTitle: { vi: 'Điều chỉnh lịch năm {year}', en: 'Calendar overrides for {year}' },
  noOverrides: { vi: 'Năm này chưa có điều chỉnh nào.', en: 'No overrides for this year.' },
  date: { vi: 'Ngày', en: 'Date' },
  weekday: { vi: 'Thứ', en: 'Weekday' },
  kind: { vi: 'Loại', en: 'Kind' },
  name: { vi: 'Tên', en: 'Name' },
  reference: { vi: 'Căn cứ pháp lý', en: 'Legal reference' },
  source: { vi: 'Nguồn', en: 'Source' },
  actions: { vi: 'Thao tác', en: 'Actions' },
  official: { vi: 'Có sẵn trong phần mềm', en: 'Shipped with the software' },
  local: { vi: 'Do quản trị nhập', en: 'Entered by an administrator' },
  edit: { vi: 'Sửa', en: 'Edit' },
  editOf: { vi: 'Sửa điều chỉnh ngày {date}', en: 'Edit the override of {date}' },
  overrideOfficial: { vi: 'Thay thế', en: 'Replace' },
  overrideOfficialOf: {
    vi: 'Thay thế điều chỉnh có sẵn ngày {date}',
    en: 'Replace the shipped override of {date}',
  },
  remove: { vi: 'Xóa', en: 'Remove' },
  removeOf: { vi: 'Xóa điều chỉnh ngày {date}', en: 'Remove the override of {date}' },
  add: { vi: 'Thêm điều chỉnh', en: 'Add an override' },
  formAdd: { vi: 'Thêm điều chỉnh lịch', en: 'Add a calendar override' },
  formEdit: { vi: 'Sửa điều chỉnh ngày {date}', en: 'Edit the override of {date}' },
  kindLegend: { vi: 'Loại điều chỉnh', en: 'Kind of override' },
  dayOff: { vi: 'Ngày nghỉ thêm', en: 'Extra day off' },
  dayOffHint: {
    vi: 'Ngày làm việc được nghỉ (nghỉ bù, nghỉ Tết, hoán đổi).',
    en: 'A working day that is given off (bridge, Tết closure, swap).',
  },
  workingDay: { vi: 'Ngày làm việc', en: 'Working day' },
  workingDayHint: {
    vi: 'Thứ Bảy, Chủ nhật làm bù, hoặc bỏ một ngày nghỉ theo quy tắc.',
    en: 'A Saturday or Sunday worked as a make-up day, or a rule day off that is cancelled.',
  },
  nameHint: { vi: 'Ví dụ: Nghỉ Tết Nguyên đán', en: 'For example: Nghỉ Tết Nguyên đán' },
  referenceHint: {
    vi: 'Văn bản cho phép, ví dụ: Công văn 9859/VPCP-KGVX ngày 13/10/2025',
    en: 'The document that allows it, e.g. Công văn 9859/VPCP-KGVX ngày 13/10/2025',
  },
  save: { vi: 'Lưu điều chỉnh', en: 'Save the override' },
  cancel: { vi: 'Hủy', en: 'Cancel' },
  saved: { vi: 'Đã lưu điều chỉnh ngày {date}.', en: 'The override of {date} was saved.' },
  removed: { vi: 'Đã xóa điều chỉnh ngày {date}.', en: 'The override of {date} was removed.' },
  dateInvalid: { vi: 'Chọn một ngày hợp lệ.', en: 'Choose a valid date.' },
  nameInvalid: { vi: 'Tên cần từ 2 đến 200 ký tự.', en: 'The name needs 2 to 200 characters.' },
  referenceInvalid: { vi: 'Tối đa 200 ký tự.', en: 'At most 200 characters.' },
  currentIs: {
    vi: 'Theo lịch hiện tại, ngày này là: {kind}{name}.',
    en: 'In the calendar now this day is: {kind}{name}.',
  },
  noEffectOff: {
    vi: 'Ngày này đã là ngày nghỉ; thêm “ngày nghỉ” không thay đổi thời hạn.',
    en: 'This day is already off; an extra “day off” changes no deadline.',
  },
  noEffectWork: {
    vi: 'Ngày này đã là ngày làm việc; thêm “ngày làm việc” không thay đổi thời hạn.',
    en: 'This day is already a working day; a “working day” override changes nothing.',
  },
  replacesOfficial: {
    vi: 'Ngày này có điều chỉnh có sẵn trong phần mềm; điều chỉnh bạn lưu sẽ được dùng thay thế.',
    en: 'This day has a shipped override; the one you save will be used instead.',
  },
  confirmRemove: { vi: 'Xóa điều chỉnh ngày {date}?', en: 'Remove the override of {date}?' },
  removeRestores: {
    vi: 'Sau khi xóa, điều chỉnh có sẵn trong phần mềm sẽ áp dụng lại: {name}.',
    en: 'After removal the shipped override applies again: {name}.',
  },
  removeEffect: {
    vi: 'Thời hạn của hồ sơ tiếp nhận sau khi xóa sẽ tính theo lịch mới. Hồ sơ đã có ngày hẹn trả không tự thay đổi.',
    en: 'Dossiers received after the removal are counted with the new calendar. Due dates already given do not change.',
  },
  tryTitle: { vi: 'Thử tính ngày hẹn trả', en: 'Try a due date' },
  tryLead: {
    vi: 'Xem lịch làm việc (kể cả điều chỉnh vừa nhập) ảnh hưởng thế nào đến ngày hẹn trả.',
    en: 'See how the working calendar (including the overrides you just entered) changes a due date.',
  },
  from: { vi: 'Thời điểm tiếp nhận (giờ Việt Nam)', en: 'Received at (Vietnam time)' },
  amount: { vi: 'Thời hạn', en: 'Time limit' },
  unit: { vi: 'Đơn vị thời hạn', en: 'Unit of the limit' },
  officeUnit: { vi: 'Giờ làm việc của đơn vị', en: 'Office hours of the unit' },
  defaultHours: { vi: 'Mặc định (7:00–11:30, 13:30–17:00)', en: 'Default (7:00–11:30, 13:30–17:00)' },
  sameDay: { vi: 'Giải quyết trong ngày', en: 'Settled the same day' },
  compute: { vi: 'Tính ngày hẹn trả', en: 'Compute the due date' },
  dueAt: { vi: 'Ngày hẹn trả', en: 'Due' },
  howCounted: { vi: 'Cách tính', en: 'How it was counted' },
  amountInvalid: { vi: 'Nhập số từ 0 đến 3650.', en: 'Enter a number from 0 to 3650.' },
  fromInvalid: { vi: 'Chọn ngày và giờ.', en: 'Choose a date and time.' },
} satisfies Record<string, Text>;

const DAY_KIND_LABELS: Record<string, Text> = {
  working: { vi: 'Ngày làm việc', en: 'Working day' },
  swapped_working: { vi: 'Làm bù (ngày làm việc)', en: 'Make-up working day' },
  weekend: { vi: 'Cuối tuần', en: 'Weekend' },
  holiday: { vi: 'Nghỉ lễ, Tết', en: 'Public holiday' },
  compensatory: { vi: 'Nghỉ bù', en: 'Compensatory day off' },
  day_off: { vi: 'Nghỉ thêm (điều chỉnh)', en: 'Extra day off (override)' },
};

const UNIT_OPTIONS: { value: 'working-days' | 'working-hours' | 'calendar-days'; label: Text }[] = [
  { value: 'working-days', label: { vi: 'ngày làm việc', en: 'working days' } },
  { value: 'working-hours', label: { vi: 'giờ làm việc', en: 'working hours' } },
  { value: 'calendar-days', label: { vi: 'ngày (kể cả ngày nghỉ)', en: 'calendar days' } },
];

function thisYear(): number {
  return toLocalParts(new Date()).year;
}

function nowLocalInput(): string {
  const p = toLocalParts(new Date());
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

export function CalendarPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const parsedYear = Number(params.get('nam'));
  const year =
    Number.isInteger(parsedYear) && parsedYear >= 1976 && parsedYear <= 2100 ? parsedYear : thisYear();
  const setYear = (y: number) =>
    setParams(
      (p) => {
        p.set('nam', String(y));
        return p;
      },
      { replace: true },
    );
  const yearOptions = Array.from({ length: 9 }, (_, i) => thisYear() - 4 + i);
  if (!yearOptions.includes(year)) yearOptions.push(year);
  yearOptions.sort((a, b) => a - b);

  return (
    <Page title={t(m.title)} lead={t(m.lead)}>
      <Crumbs items={[{ label: t(m.title) }]} />
      <div className="row a-year-nav">
        <Button variant="secondary" onClick={() => setYear(year - 1)} disabled={year <= 1976}>
          ← {t(m.prevYear)}
        </Button>
        <div className="a-inline-field">
          <SelectField
            label={t(m.year)}
            value={String(year)}
            onChange={(e) => setYear(Number(e.target.value))}
            options={yearOptions.map((y) => ({ value: String(y), label: String(y) }))}
          />
        </div>
        <Button variant="secondary" onClick={() => setYear(year + 1)} disabled={year >= 2100}>
          {t(m.nextYear)} →
        </Button>
      </div>
      <div className="grid grid-sidebar">
        <div>
          <OverridesCard year={year} />
          <YearDaysCard year={year} />
        </div>
        <div>
          <TryDueCard />
        </div>
      </div>
    </Page>
  );
}

function useYearDays(year: number) {
  return useQuery({
    queryKey: ['calendar', 'days', year],
    queryFn: ({ signal }) => api<Day[]>('/api/calendar/days', { query: { year }, signal }),
  });
}

function YearDaysCard({ year }: { year: number }) {
  const t = useT();
  const days = useYearDays(year);
  const headingId = useId();
  if (days.isPending) return <Loading />;
  if (days.isError) return <ErrorMessage error={days.error} onRetry={() => void days.refetch()} />;
  const special = days.data.filter((d) => d.kind !== 'working' && d.kind !== 'weekend');
  const working = days.data.filter((d) => d.isWorkingDay).length;
  const off = days.data.filter((d) => !d.isWorkingDay && d.kind !== 'weekend').length;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t(m.daysTitle, { year })}</h2>
      <p>{t(m.daysSummary, { working, off })}</p>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{t(m.daysTitle, { year })}</caption>
          <thead>
            <tr>
              <th scope="col">{t(m.date)}</th>
              <th scope="col">{t(m.weekday)}</th>
              <th scope="col">{t(m.kind)}</th>
              <th scope="col">{t(m.name)}</th>
              <th scope="col">{t(m.reference)}</th>
            </tr>
          </thead>
          <tbody>
            {special.map((d) => (
              <tr key={d.date}>
                <th scope="row" className="a-th a-nowrap">
                  {showDate(d.date)}
                </th>
                <td className="a-nowrap">{weekdayOf(t, d.date)}</td>
                <td>
                  <span className={`badge a-day-${d.isWorkingDay ? 'work' : 'off'}`}>
                    {t(DAY_KIND_LABELS[d.kind] ?? { vi: d.kind, en: d.kind })}
                  </span>
                </td>
                <td>{d.name ?? '—'}</td>
                <td>{d.reference ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

interface OverrideDraft {
  date: string;
  kind: 'day_off' | 'working_day';
  name: string;
  reference: string;
}

function OverridesCard({ year }: { year: number }) {
  const t = useT();
  const queryClient = useQueryClient();
  const headingId = useId();
  const overrides = useQuery({
    queryKey: ['calendar', 'overrides', year],
    queryFn: ({ signal }) => api<Override[]>('/api/calendar/overrides', { query: { year }, signal }),
  });
  const [editing, setEditing] = useState<{ draft: OverrideDraft; isNew: boolean } | null>(null);
  const [removing, setRemoving] = useState<Override | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const remove = useMutation({
    mutationFn: (date: string) => api<void>(`/api/calendar/overrides/${date}`, { method: 'DELETE' }),
    onSuccess: async (_, date) => {
      setRemoving(null);
      setNotice(t(m.removed, { date: showDate(date) }));
      await queryClient.invalidateQueries({ queryKey: ['calendar'] });
    },
  });
  const official = removing ? OFFICIAL_OVERRIDES.find((o) => o.date === removing.date) : undefined;

  return (
    <section className="card" aria-labelledby={headingId}>
      <div className="a-card-head">
        <h2 id={headingId}>{t(m.overridesTitle, { year })}</h2>
        {!editing ? (
          <Button
            variant="secondary"
            onClick={() => {
              setNotice(null);
              setEditing({
                isNew: true,
                draft: { date: `${year}-01-01`, kind: 'day_off', name: '', reference: '' },
              });
            }}
          >
            + {t(m.add)}
          </Button>
        ) : null}
      </div>
      {notice ? <Alert kind="success">{notice}</Alert> : null}
      {editing ? (
        <OverrideForm
          key={`${editing.draft.date}-${editing.isNew}`}
          initial={editing.draft}
          isNew={editing.isNew}
          onDone={(date) => {
            setEditing(null);
            if (date) setNotice(t(m.saved, { date: showDate(date) }));
          }}
        />
      ) : null}
      {overrides.isPending ? <Loading /> : null}
      {overrides.isError ? (
        <ErrorMessage error={overrides.error} onRetry={() => void overrides.refetch()} />
      ) : null}
      {overrides.data && overrides.data.length === 0 ? <p>{t(m.noOverrides)}</p> : null}
      {overrides.data && overrides.data.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t(m.overridesTitle, { year })}</caption>
            <thead>
              <tr>
                <th scope="col">{t(m.date)}</th>
                <th scope="col">{t(m.kind)}</th>
                <th scope="col">{t(m.name)}</th>
                <th scope="col">{t(m.reference)}</th>
                <th scope="col">{t(m.source)}</th>
                <th scope="col">{t(m.actions)}</th>
              </tr>
            </thead>
            <tbody>
              {overrides.data.map((o) => (
                <tr key={o.date}>
                  <th scope="row" className="a-th a-nowrap">
                    {showDate(o.date)}
                    <span className="muted a-block">{weekdayOf(t, o.date)}</span>
                  </th>
                  <td>
                    <span className={`badge a-day-${o.kind === 'working_day' ? 'work' : 'off'}`}>
                      {t(o.kind === 'working_day' ? m.workingDay : m.dayOff)}
                    </span>
                  </td>
                  <td>{o.name}</td>
                  <td>{o.reference ?? '—'}</td>
                  <td>{t(o.source === 'official' ? m.official : m.local)}</td>
                  <td>
                    <div className="row a-tight">
                      <Button
                        variant="secondary"
                        aria-label={t(o.source === 'official' ? m.overrideOfficialOf : m.editOf, {
                          date: showDate(o.date),
                        })}
                        onClick={() => {
                          setNotice(null);
                          setEditing({
                            isNew: false,
                            draft: {
                              date: o.date,
                              kind: o.kind,
                              name: o.name,
                              reference: o.reference ?? '',
                            },
                          });
                        }}
                      >
                        {t(o.source === 'official' ? m.overrideOfficial : m.edit)}
                      </Button>
                      {o.source === 'local' ? (
                        <Button
                          variant="danger"
                          aria-label={t(m.removeOf, { date: showDate(o.date) })}
                          onClick={() => {
                            remove.reset();
                            setRemoving(o);
                          }}
                        >
                          {t(m.remove)}
                        </Button>
                      ) : null}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <ConfirmDialog
        open={removing !== null}
        title={t(m.confirmRemove, { date: showDate(removing?.date) })}
        confirmLabel={t(m.remove)}
        variant="danger"
        isBusy={remove.isPending}
        onCancel={() => setRemoving(null)}
        onConfirm={() => removing && remove.mutate(removing.date)}
      >
        {removing ? <p>{removing.name}</p> : null}
        {official ? <p>{t(m.removeRestores, { name: official.name })}</p> : null}
        <p>{t(m.removeEffect)}</p>
        {remove.isError ? <Alert kind="error">{apiErrorText(remove.error)}</Alert> : null}
      </ConfirmDialog>
    </section>
  );
}

function OverrideForm({
  initial,
  isNew,
  onDone,
}: {
  initial: OverrideDraft;
  isNew: boolean;
  onDone: (savedDate?: string) => void;
}) {
  const t = useT();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const headingId = useId();
  const validDate = isLocalDate(draft.date);
  const dayYear = validDate ? Number(draft.date.slice(0, 4)) : null;
  const days = useQuery({
    queryKey: ['calendar', 'days', dayYear],
    queryFn: ({ signal }) => api<Day[]>('/api/calendar/days', { query: { year: dayYear ?? 0 }, signal }),
    enabled: dayYear !== null && dayYear >= 1976 && dayYear <= 2100,
  });
  const dayNow = validDate ? days.data?.find((d) => d.date === draft.date) : undefined;
  const official = validDate ? OFFICIAL_OVERRIDES.find((o) => o.date === draft.date) : undefined;
  const save = useMutation({
    mutationFn: (d: OverrideDraft) =>
      api<Override>(`/api/calendar/overrides/${d.date}`, {
        method: 'PUT',
        body: {
          kind: d.kind,
          name: d.name.trim(),
          ...(d.reference.trim() ? { reference: d.reference.trim() } : {}),
        },
      }),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: ['calendar'] });
      onDone(saved.date);
    },
    onError: (error) => setErrors(fieldErrorsOf(error, ['body', 'params'])),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next: Record<string, string> = {};
    if (!validDate) next.date = t(m.dateInvalid);
    const name = draft.name.trim();
    if (name.length < 2 || name.length > 200) next.name = t(m.nameInvalid);
    if (draft.reference.trim().length > 200) next.reference = t(m.referenceInvalid);
    setErrors(next);
    if (Object.keys(next).length === 0) save.mutate(draft);
  };

  const isUselessOff =
    dayNow && draft.kind === 'day_off' && !dayNow.isWorkingDay && dayNow.kind !== 'day_off';
  const isUselessWork =
    dayNow && draft.kind === 'working_day' && dayNow.isWorkingDay && dayNow.kind !== 'swapped_working';

  return (
    <form className="a-subform" aria-labelledby={headingId} onSubmit={submit} noValidate>
      <h3 id={headingId}>{isNew ? t(m.formAdd) : t(m.formEdit, { date: showDate(initial.date) })}</h3>
      <div className="grid grid-2">
        <TextField
          label={t(m.date)}
          type="date"
          required
          value={draft.date}
          readOnly={!isNew}
          min="1976-01-01"
          max="2100-12-31"
          onChange={(e) => setDraft({ ...draft, date: e.target.value })}
          error={errors.date}
          hint={validDate ? weekdayOf(t, draft.date) : undefined}
        />
        <fieldset>
          <legend>{t(m.kindLegend)}</legend>
          {(['day_off', 'working_day'] as const).map((kind) => (
            <RadioOption
              key={kind}
              name="override-kind"
              checked={draft.kind === kind}
              onChange={() => setDraft({ ...draft, kind })}
              label={t(kind === 'day_off' ? m.dayOff : m.workingDay)}
              hint={t(kind === 'day_off' ? m.dayOffHint : m.workingDayHint)}
            />
          ))}
        </fieldset>
      </div>
      {dayNow ? (
        <p className="muted">
          {t(m.currentIs, {
            kind: t(DAY_KIND_LABELS[dayNow.kind] ?? { vi: dayNow.kind, en: dayNow.kind }),
            name: dayNow.name ? ` — ${dayNow.name}` : '',
          })}
        </p>
      ) : null}
      {isUselessOff ? <Alert kind="warning">{t(m.noEffectOff)}</Alert> : null}
      {isUselessWork ? <Alert kind="warning">{t(m.noEffectWork)}</Alert> : null}
      {official && isNew ? <Alert kind="info">{t(m.replacesOfficial)}</Alert> : null}
      <TextField
        label={t(m.name)}
        required
        hint={t(m.nameHint)}
        value={draft.name}
        maxLength={200}
        onChange={(e) => setDraft({ ...draft, name: e.target.value })}
        error={errors.name}
      />
      <TextField
        label={t(m.reference)}
        hint={t(m.referenceHint)}
        value={draft.reference}
        maxLength={200}
        onChange={(e) => setDraft({ ...draft, reference: e.target.value })}
        error={errors.reference}
      />
      {save.isError ? <Alert kind="error">{apiErrorText(save.error)}</Alert> : null}
      <div className="row">
        <Button type="submit" isBusy={save.isPending}>
          {t(m.save)}
        </Button>
        <Button variant="secondary" onClick={() => onDone()}>
          {t(m.cancel)}
        </Button>
      </div>
    </form>
  );
}

export function RadioOption({
  name,
  label,
  hint,
  checked,
  onChange,
}: {
  name: string;
  label: string;
  hint?: string;
  checked: boolean;
  onChange: () => void;
}) {
  const id = useId();
  return (
    <div className="checkbox">
      <input
        id={id}
        type="radio"
        name={name}
        checked={checked}
        onChange={onChange}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      <label htmlFor={id}>
        {label}
        {hint ? (
          <span className="muted a-block" id={`${id}-hint`}>
            {hint}
          </span>
        ) : null}
      </label>
    </div>
  );
}

interface DueInput {
  from: string;
  amount: string;
  unit: 'working-days' | 'working-hours' | 'calendar-days';
  unitId: string;
  isSameDay: boolean;
}

function TryDueCard() {
  const t = useT();
  const { lang } = useLang();
  const f = useFormat();
  const headingId = useId();
  const units = useUnits();
  const [input, setInput] = useState<DueInput>({
    from: nowLocalInput(),
    amount: '3',
    unit: 'working-days',
    unitId: '',
    isSameDay: false,
  });
  const [asked, setAsked] = useState<DueInput | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const due = useQuery({
    queryKey: ['calendar', 'due', asked],
    queryFn: ({ signal }) =>
      api<Due>('/api/calendar/due', {
        signal,
        query: {
          from: `${asked?.from ?? ''}:00+07:00`,
          amount: asked?.amount,
          unit: asked?.unit,
          unit_id: asked?.unitId || undefined,
          same_day: asked?.isSameDay ? 'true' : undefined,
        },
      }),
    enabled: asked !== null,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next: Record<string, string> = {};
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(input.from)) next.from = t(m.fromInvalid);
    const amount = Number(input.amount);
    if (input.amount.trim() === '' || !Number.isFinite(amount) || amount < 0 || amount > 3650)
      next.amount = t(m.amountInvalid);
    setErrors(next);
    if (Object.keys(next).length === 0) setAsked({ ...input });
  };
  const today = todayVn();
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t(m.tryTitle)}</h2>
      <p className="muted">{t(m.tryLead)}</p>
      <form onSubmit={submit} noValidate>
        <TextField
          label={t(m.from)}
          type="datetime-local"
          required
          value={input.from}
          max={`${Number(today.slice(0, 4)) + 5}-12-31T23:59`}
          onChange={(e) => setInput({ ...input, from: e.target.value })}
          error={errors.from}
        />
        <div className="grid grid-2">
          <TextField
            label={t(m.amount)}
            type="number"
            inputMode="decimal"
            min={0}
            max={3650}
            step="0.5"
            required
            value={input.amount}
            disabled={input.isSameDay}
            onChange={(e) => setInput({ ...input, amount: e.target.value })}
            error={errors.amount}
          />
          <SelectField
            label={t(m.unit)}
            value={input.unit}
            disabled={input.isSameDay}
            onChange={(e) => setInput({ ...input, unit: e.target.value as DueInput['unit'] })}
            options={UNIT_OPTIONS.map((o) => ({ value: o.value, label: t(o.label) }))}
          />
        </div>
        <Checkbox
          label={t(m.sameDay)}
          checked={input.isSameDay}
          onChange={(isSameDay) => setInput({ ...input, isSameDay })}
        />
        <SelectField
          label={t(m.officeUnit)}
          value={input.unitId}
          onChange={(e) => setInput({ ...input, unitId: e.target.value })}
          options={units.data ? unitOptions(units.data) : []}
          placeholder={t(m.defaultHours)}
        />
        <Button type="submit" isBusy={due.isFetching}>
          {t(m.compute)}
        </Button>
      </form>
      <div aria-live="polite">
        {due.isError ? <Alert kind="error">{apiErrorText(due.error)}</Alert> : null}
        {due.data ? (
          <div className="a-due-result">
            <p>
              {t(m.dueAt)}: <strong className="a-big">{f.dateTime(due.data.dueAt)}</strong>
            </p>
            <h3>{t(m.howCounted)}</h3>
            <ol className="a-explain">
              {due.data.explanationText[lang].map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ol>
          </div>
        ) : null}
      </div>
    </section>
  );
}
