import { DOSSIER_ACTION_LABELS, DossierActionInput, type DossierAction } from '@motcua/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiError } from '../api/client.ts';
import { useFormat, useT, type Text } from '../app/i18n.tsx';
import { Alert, Button, SelectField, TextArea, TextField } from '../ui/ui.tsx';
import { FileUpload, type UploadedFile } from './file-upload.tsx';
import {
  DOSSIER_KEY,
  formUrl,
  useUnitOfficers,
  type DossierDetail,
  type DossierForm,
  type OfficerRoleName,
} from './officer-api.ts';
import {
  fieldErrors,
  problemText,
  RESULT_DELIVERY_LABELS,
  roleLabel,
  statusLabel,
  type FieldErrors,
} from './officer-text.ts';

const m = {
  title: { vi: 'Thao tác', en: 'Actions' },
  none: {
    vi: 'Hiện bạn không có thao tác nào với hồ sơ này.',
    en: 'There is nothing you can do on this dossier now.',
  },
  submit: { vi: 'Xác nhận: {action}', en: 'Confirm: {action}' },
  cancel: { vi: 'Hủy', en: 'Cancel' },
  fix: { vi: 'Vui lòng sửa các ô được đánh dấu bên dưới.', en: 'Please correct the marked fields below.' },
  done: {
    vi: 'Đã thực hiện: {action}. Trạng thái hồ sơ: {status}.',
    en: 'Done: {action}. Dossier status: {status}.',
  },
  print: { vi: 'In {form} (PDF)', en: 'Print {form} (PDF)' },
  conflictTitle: { vi: 'Hồ sơ vừa thay đổi', en: 'The dossier just changed' },
  failedTitle: { vi: 'Chưa thực hiện được', en: 'Not done' },
  officer: { vi: 'Cán bộ', en: 'Officer' },
  chooseOfficer: { vi: '— Chọn cán bộ —', en: '— Choose an officer —' },
  noOfficers: {
    vi: 'Không có cán bộ nào giữ vai trò này tại đơn vị.',
    en: 'No officer holds this role in the unit.',
  },
  assignHint: {
    vi: 'Cán bộ giữ vai trò {role} tại {unit}. Hiện giao cho: {current}.',
    en: 'Officers holding the role {role} in {unit}. Currently assigned to: {current}.',
  },
  nobody: { vi: 'chưa giao', en: 'nobody' },
  nextAssignee: { vi: 'Giao bước sau cho (không bắt buộc)', en: 'Assign the next step to (optional)' },
  nextHint: {
    vi: 'Bước sau: {step} — {role}, {unit}. Để trống để đơn vị tự phân công.',
    en: 'Next step: {step} — {role}, {unit}. Leave empty for the unit to assign.',
  },
  nextStepUnknown: { vi: 'Bước tiếp theo của quy trình', en: 'The next step of the process' },
  components: {
    vi: 'Thành phần cần bổ sung, hoàn thiện (chọn ít nhất một)',
    en: 'Components to supplement or correct (choose at least one)',
  },
  componentReason: { vi: 'Lý do cần bổ sung: {name}', en: 'Why it is needed: {name}' },
  otherItem: { vi: 'Giấy tờ khác', en: 'Other document' },
  otherName: { vi: 'Tên giấy tờ khác {n}', en: 'Other document {n}: name' },
  otherReason: { vi: 'Lý do cần bổ sung: giấy tờ khác {n}', en: 'Why it is needed: other document {n}' },
  addOther: { vi: 'Thêm giấy tờ khác', en: 'Add another document' },
  removeOther: { vi: 'Bỏ giấy tờ khác {n}', en: 'Remove other document {n}' },
  generalReason: { vi: 'Lý do chung, nội dung hướng dẫn', en: 'General reason and guidance' },
  respondWithin: {
    vi: 'Thời hạn bổ sung (số ngày làm việc, không bắt buộc)',
    en: 'Time to supplement (working days, optional)',
  },
  supplyFiles: { vi: 'Tệp bổ sung: {name}', en: 'Supplied files: {name}' },
  supplyOther: { vi: 'Tệp bổ sung khác', en: 'Other supplied files' },
  supplyPaper: {
    vi: 'Giấy tờ người nộp đã mang đến (bản giấy, chưa quét)',
    en: 'Papers the applicant brought (on paper, not scanned)',
  },
  resultFile: { vi: 'Tệp kết quả đã ký (không bắt buộc)', en: 'Signed result file (optional)' },
  currentDue: { vi: 'Hạn trả hiện tại: {due}.', en: 'Current due date: {due}.' },
};

const PRINT_AFTER: Partial<Record<DossierAction, { form: DossierForm; label: Text }>> = {
  accept: {
    form: 'receipt',
    label: { vi: 'giấy tiếp nhận, hẹn trả kết quả (Mẫu 01)', en: 'the receipt (form 01)' },
  },
  refuse: {
    form: 'refusal',
    label: { vi: 'phiếu từ chối tiếp nhận (Mẫu 03)', en: 'the refusal slip (form 03)' },
  },
  request_supplement: {
    form: 'supplement-request',
    label: { vi: 'phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)', en: 'the supplement request (form 02)' },
  },
  extend: {
    form: 'apology',
    label: { vi: 'văn bản xin lỗi và hẹn lại ngày trả (Mẫu 04)', en: 'the apology letter (form 04)' },
  },
  confirm_withdrawal: {
    form: 'stop-notice',
    label: { vi: 'thông báo dừng giải quyết hồ sơ', en: 'the stop notice' },
  },
};

type FieldKind = 'text' | 'textarea' | 'number' | 'datetime' | 'method';
interface FieldSpec {
  name: string;
  kind: FieldKind;
  label: Text;
  hint?: Text;
  required?: boolean;
}

const NOTE: FieldSpec = {
  name: 'note',
  kind: 'textarea',
  label: { vi: 'Ghi chú (không bắt buộc)', en: 'Note (optional)' },
};
function reasonField(label: Text, hint?: Text): FieldSpec {
  return { name: 'reason', kind: 'textarea', label, required: true, ...(hint ? { hint } : {}) };
}

const FIELDS: Record<DossierAction, readonly FieldSpec[]> = {
  accept: [NOTE],
  refuse: [
    reasonField(
      { vi: 'Lý do từ chối tiếp nhận', en: 'Reason for refusal' },
      { vi: 'Ghi rõ để in trên Mẫu 03.', en: 'Printed on form 03.' },
    ),
  ],
  transfer: [NOTE],
  assign: [NOTE],
  complete_step: [NOTE],
  return_step: [reasonField({ vi: 'Lý do trả lại', en: 'Why it goes back' })],
  request_supplement: [],
  supply: [NOTE],
  request_obligation: [
    {
      name: 'amount',
      kind: 'number',
      label: { vi: 'Số tiền (đồng)', en: 'Amount (VND)' },
      required: true,
    },
    {
      name: 'description',
      kind: 'textarea',
      label: { vi: 'Nội dung nghĩa vụ tài chính', en: 'What is to be paid' },
      hint: { vi: 'Ví dụ: lệ phí trước bạ, tiền sử dụng đất…', en: 'E.g. registration fee, land use levy…' },
      required: true,
    },
  ],
  fulfil_obligation: [
    {
      name: 'paymentReference',
      kind: 'text',
      label: { vi: 'Số chứng từ nộp tiền', en: 'Payment reference' },
      required: true,
    },
  ],
  extend: [
    {
      name: 'newDueAt',
      kind: 'datetime',
      label: { vi: 'Ngày giờ hẹn trả mới', en: 'New return date and time' },
      hint: {
        vi: 'Giờ Việt Nam. Phải sau hạn trả hiện tại; chỉ được hẹn lại một lần.',
        en: 'Vietnam time. Must be after the current due date; allowed only once.',
      },
      required: true,
    },
    reasonField({ vi: 'Lý do chậm trả kết quả', en: 'Why the result is late' }),
    {
      name: 'letterNumber',
      kind: 'text',
      label: { vi: 'Số văn bản xin lỗi (không bắt buộc)', en: 'Letter number (optional)' },
    },
  ],
  request_withdrawal: [reasonField({ vi: 'Lý do rút hồ sơ', en: 'Reason for withdrawal' })],
  confirm_withdrawal: [NOTE],
  decline_withdrawal: [
    reasonField({ vi: 'Lý do không chấp nhận rút hồ sơ', en: 'Why the withdrawal is declined' }),
  ],
  stop: [
    reasonField({ vi: 'Lý do dừng xử lý', en: 'Why processing stops' }),
    {
      name: 'documentNumber',
      kind: 'text',
      label: { vi: 'Số văn bản (không bắt buộc)', en: 'Document number (optional)' },
    },
  ],
  approve: [NOTE],
  issue_result: [
    {
      name: 'resultNumber',
      kind: 'text',
      label: { vi: 'Số, ký hiệu văn bản kết quả', en: 'Result document number' },
      required: true,
    },
    {
      name: 'summary',
      kind: 'textarea',
      label: { vi: 'Trích yếu kết quả', en: 'Summary of the result' },
      required: true,
    },
  ],
  return_result: [
    {
      name: 'method',
      kind: 'method',
      label: { vi: 'Hình thức trả', en: 'How it is returned' },
      required: true,
    },
    {
      name: 'receiverName',
      kind: 'text',
      label: { vi: 'Họ tên người nhận', en: 'Receiver’s full name' },
      required: true,
    },
    {
      name: 'receiverIdNumber',
      kind: 'text',
      label: { vi: 'Số định danh người nhận (không bắt buộc)', en: 'Receiver’s ID number (optional)' },
    },
    {
      name: 'waybillNumber',
      kind: 'text',
      label: { vi: 'Số vận đơn bưu chính', en: 'Postal waybill number' },
    },
  ],
};

const INTRO: Partial<Record<DossierAction, Text>> = {
  request_supplement: {
    vi: 'Chỉ được yêu cầu bổ sung một lần, nêu đầy đủ các giấy tờ cần bổ sung và lý do. Trong khi chờ bổ sung, thời hạn giải quyết tạm dừng.',
    en: 'A supplement may be requested only once: list every missing document with its reason. The clock pauses while waiting.',
  },
  extend: {
    vi: 'Văn bản xin lỗi phải gửi chậm nhất 01 ngày làm việc trước hạn trả kết quả, và chỉ được hẹn lại một lần.',
    en: 'The apology letter must be sent at least one working day before the due date, and only once.',
  },
  refuse: {
    vi: 'Chỉ từ chối khi hồ sơ không thuộc thẩm quyền hoặc người nộp không thể hoàn thiện; phiếu từ chối (Mẫu 03) được in kèm lý do.',
    en: 'Refuse only when the dossier is outside competence or cannot be completed; the refusal slip (form 03) carries the reason.',
  },
  stop: {
    vi: 'Dừng xử lý hồ sơ không đủ điều kiện, kèm văn bản nêu rõ lý do.',
    en: 'Stop an ineligible dossier, with a document stating the reason.',
  },
  approve: {
    vi: 'Phê duyệt, ký kết quả giải quyết.',
    en: 'Approve and sign the result.',
  },
};

const DANGER: readonly DossierAction[] = ['refuse', 'stop', 'decline_withdrawal'];

/** The next step of the process after the current one, with the unit that will handle it. */
export interface NextStep {
  name: string;
  role: OfficerRoleName;
  unitId: string | null;
  unitName: string;
}

/** Converts an ISO instant to the value of a datetime-local input in Vietnam time (UTC+7). */
function toVnLocalInput(iso: string | null): string {
  if (!iso) return '';
  return new Date(Date.parse(iso) + 7 * 3600_000).toISOString().slice(0, 16);
}

function initialValues(action: DossierAction, d: DossierDetail): Record<string, string> {
  if (action === 'extend') return { newDueAt: toVnLocalInput(d.dueAt) };
  if (action === 'return_result') {
    const rep = d.representative as { fullName?: string; idNumber?: string } | null;
    const applicant = d.applicant as { fullName?: string; idNumber?: string; kind?: string };
    const person = rep?.fullName ? rep : applicant.kind === 'citizen' ? applicant : null;
    return {
      method: d.resultDelivery,
      receiverName: person?.fullName ?? '',
      receiverIdNumber: person?.idNumber ?? '',
    };
  }
  return {};
}

/** The actions allowed now (from the server's answer), each opening an inline form. */
export function ActionsPanel({
  dossier,
  nextStep,
  onReload,
}: {
  dossier: DossierDetail;
  nextStep: NextStep | null | undefined;
  onReload: () => void;
}) {
  const t = useT();
  const [open, setOpen] = useState<DossierAction | null>(null);
  const [done, setDone] = useState<{ action: DossierAction; status: string } | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  const formId = useId();
  const actions = dossier.availableActions;

  useEffect(() => {
    if (open && !actions.includes(open)) setOpen(null);
  }, [actions, open]);
  useEffect(() => {
    if (done || conflict) doneRef.current?.focus();
  }, [done, conflict]);

  const print = done ? PRINT_AFTER[done.action] : undefined;
  return (
    <section className="card o-actions" aria-labelledby={`${formId}-title`}>
      <h2 id={`${formId}-title`}>{t(m.title)}</h2>
      <div ref={doneRef} tabIndex={-1} className="o-focus-target">
        {conflict ? (
          <Alert kind="warning" title={t(m.conflictTitle)}>
            <p>{conflict}</p>
          </Alert>
        ) : null}
        {done ? (
          <Alert kind="success">
            <p>
              {t(m.done, {
                action: t(DOSSIER_ACTION_LABELS[done.action]),
                status: t(statusLabel(done.status)),
              })}
            </p>
            {print ? (
              <p>
                <a
                  className="btn btn-secondary"
                  href={formUrl(dossier.code, print.form)}
                  target="_blank"
                  rel="noopener noreferrer"
                >
                  {t(m.print, { form: t(print.label) })}
                </a>
              </p>
            ) : null}
          </Alert>
        ) : null}
      </div>
      {actions.length === 0 ? <p className="muted">{t(m.none)}</p> : null}
      <div className="o-action-buttons">
        {actions.map((action) => (
          <Button
            key={action}
            variant={open === action ? 'primary' : DANGER.includes(action) ? 'danger' : 'secondary'}
            aria-expanded={open === action}
            aria-controls={open === action ? formId : undefined}
            onClick={() => {
              setOpen(open === action ? null : action);
              setDone(null);
              setConflict(null);
            }}
          >
            {t(DOSSIER_ACTION_LABELS[action])}
          </Button>
        ))}
      </div>
      {open ? (
        <ActionForm
          key={`${open}-${dossier.version}`}
          id={formId}
          action={open}
          dossier={dossier}
          nextStep={nextStep}
          onCancel={() => setOpen(null)}
          onDone={(updated) => {
            setOpen(null);
            setConflict(null);
            setDone({ action: open, status: updated.status });
          }}
          onConflict={(message) => {
            setOpen(null);
            setDone(null);
            setConflict(message);
            onReload();
          }}
        />
      ) : null}
    </section>
  );
}

interface OtherItem {
  key: number;
  name: string;
  reason: string;
}

function ActionForm({
  id,
  action,
  dossier,
  nextStep,
  onCancel,
  onDone,
  onConflict,
}: {
  id: string;
  action: DossierAction;
  dossier: DossierDetail;
  nextStep: NextStep | null | undefined;
  onCancel: () => void;
  onDone: (updated: DossierDetail) => void;
  onConflict: (message: string) => void;
}) {
  const t = useT();
  const format = useFormat();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<Record<string, string>>(() => initialValues(action, dossier));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  // request_supplement: reasons of the chosen components, and other documents.
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const [others, setOthers] = useState<OtherItem[]>([]);
  // supply and issue_result: uploaded files by component code ('' = not tied to a component).
  const [files, setFiles] = useState<Record<string, UploadedFile[]>>({});
  // supply: papers handed in at the counter without a scan.
  const [paper, setPaper] = useState<ReadonlySet<string>>(new Set());
  const label = t(DOSSIER_ACTION_LABELS[action]);

  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('input, textarea, select')?.focus();
  }, []);

  const set = (name: string, value: string) => setValues((v) => ({ ...v, [name]: value }));

  /** The supplement items in order, with the key of the form control each comes from. */
  function supplementItems() {
    const list: { key: string; item: { componentCode?: string; name: string; reason: string } }[] = [];
    for (const c of dossier.components) {
      if (c.code in chosen)
        list.push({
          key: `c-${c.code}`,
          item: { componentCode: c.code, name: c.name, reason: chosen[c.code] ?? '' },
        });
    }
    for (const o of others) list.push({ key: `o-${o.key}`, item: { name: o.name, reason: o.reason } });
    return list;
  }

  function buildBody(): Record<string, unknown> {
    const body: Record<string, unknown> = { action, expectedVersion: dossier.version };
    for (const f of FIELDS[action]) {
      const raw = (values[f.name] ?? '').trim();
      if (f.name === 'waybillNumber' && values.method !== 'postal') continue;
      if (!raw && !f.required) continue;
      if (f.kind === 'number') {
        if (raw) body[f.name] = Number(raw.replace(/[.\s,]/g, ''));
      } else if (f.kind === 'datetime') body[f.name] = raw ? `${raw}:00+07:00` : '';
      else body[f.name] = raw;
    }
    if (action === 'assign') body.assigneeId = values.assigneeId ?? '';
    if (action === 'complete_step' && values.assigneeId) body.assigneeId = values.assigneeId;
    if (action === 'request_supplement') {
      body.reason = (values.reason ?? '').trim();
      body.items = supplementItems().map((i) => ({
        ...i.item,
        name: i.item.name.trim(),
        reason: i.item.reason.trim(),
      }));
      if (values.respondWithinDays?.trim()) body.respondWithinDays = Number(values.respondWithinDays);
    }
    if (action === 'supply') {
      body.files = Object.entries(files).flatMap(([code, list]) =>
        list.map((f) => ({ ...(code ? { componentCode: code } : {}), fileId: f.id })),
      );
      if (paper.size > 0) body.providedComponentCodes = [...paper];
    }
    if (action === 'issue_result' && files['']?.[0]) body.fileId = files[''][0].id;
    return body;
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    const parsed = DossierActionInput.safeParse(buildBody());
    if (!parsed.success) {
      setErrors(fieldErrors(t, parsed.error.issues));
      setProblem(t(m.fix));
      requestAnimationFrame(() =>
        formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .o-invalid input')?.focus(),
      );
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const updated = await api<DossierDetail>(`/api/dossiers/${encodeURIComponent(dossier.code)}/actions`, {
        body: parsed.data,
      });
      queryClient.setQueryData(DOSSIER_KEY(dossier.code), updated);
      void queryClient.invalidateQueries({ queryKey: ['queue'] });
      void queryClient.invalidateQueries({ queryKey: ['queue-counts'] });
      void queryClient.invalidateQueries({ queryKey: ['dossier-sla', dossier.code] });
      onDone(updated);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'VERSION_CONFLICT') {
        onConflict(problemText(t, error, format));
        return;
      }
      setProblem(problemText(t, error, format));
    } finally {
      setBusy(false);
    }
  }

  function renderField(f: FieldSpec): ReactNode {
    const common = {
      label: t(f.label),
      hint: f.hint ? t(f.hint) : undefined,
      error: errors[f.name],
      required: f.required,
      value: values[f.name] ?? '',
    };
    switch (f.kind) {
      case 'textarea':
        return (
          <TextArea key={f.name} {...common} maxLength={2000} onChange={(e) => set(f.name, e.target.value)} />
        );
      case 'number':
        return (
          <TextField
            key={f.name}
            {...common}
            inputMode="numeric"
            autoComplete="off"
            onChange={(e) => set(f.name, e.target.value)}
          />
        );
      case 'datetime':
        return (
          <TextField
            key={f.name}
            {...common}
            type="datetime-local"
            min={toVnLocalInput(dossier.dueAt) || undefined}
            onChange={(e) => set(f.name, e.target.value)}
          />
        );
      case 'method':
        return (
          <SelectField
            key={f.name}
            {...common}
            options={Object.entries(RESULT_DELIVERY_LABELS).map(([value, text]) => ({
              value,
              label: t(text),
            }))}
            onChange={(e) => set(f.name, e.target.value)}
          />
        );
      case 'text':
        if (f.name === 'waybillNumber' && values.method !== 'postal') return null;
        return <TextField key={f.name} {...common} onChange={(e) => set(f.name, e.target.value)} />;
    }
  }

  const step = dossier.currentStep;
  return (
    <form id={id} ref={formRef} className="o-action-form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <h3>{label}</h3>
      {INTRO[action] ? <p className="muted">{t(INTRO[action])}</p> : null}
      {action === 'extend' ? <p>{t(m.currentDue, { due: format.dateTime(dossier.dueAt) })}</p> : null}
      {problem ? (
        <Alert kind="error" title={t(m.failedTitle)}>
          <p>{problem}</p>
        </Alert>
      ) : null}

      {action === 'assign' && step ? (
        <OfficerSelect
          label={t(m.officer)}
          unitId={step.unit.id}
          role={step.role}
          required
          hint={t(m.assignHint, {
            role: t(roleLabel(step.role)),
            unit: step.unit.name,
            current: step.assignee?.fullName ?? t(m.nobody),
          })}
          value={values.assigneeId ?? ''}
          error={errors.assigneeId}
          onChange={(v) => set('assigneeId', v)}
        />
      ) : null}
      {action === 'complete_step' && nextStep ? (
        <OfficerSelect
          label={t(m.nextAssignee)}
          unitId={nextStep.unitId}
          role={nextStep.role}
          hint={t(m.nextHint, {
            step: nextStep.name,
            role: t(roleLabel(nextStep.role)),
            unit: nextStep.unitName,
          })}
          value={values.assigneeId ?? ''}
          error={errors.assigneeId}
          onChange={(v) => set('assigneeId', v)}
        />
      ) : null}

      {action === 'request_supplement' ? (
        <SupplementFields
          dossier={dossier}
          chosen={chosen}
          setChosen={setChosen}
          others={others}
          setOthers={setOthers}
          errors={errors}
          itemKeys={supplementItems().map((i) => i.key)}
        />
      ) : null}
      {action === 'request_supplement' ? (
        <>
          <TextArea
            label={t(m.generalReason)}
            required
            value={values.reason ?? ''}
            error={errors.reason}
            maxLength={2000}
            onChange={(e) => set('reason', e.target.value)}
          />
          <TextField
            label={t(m.respondWithin)}
            inputMode="numeric"
            value={values.respondWithinDays ?? ''}
            error={errors.respondWithinDays}
            onChange={(e) => set('respondWithinDays', e.target.value)}
          />
        </>
      ) : null}

      {action === 'supply' ? (
        <>
          {dossier.components.some((c) => !c.isProvided) ? (
            <fieldset className="o-block">
              <legend>{t(m.supplyPaper)}</legend>
              {dossier.components
                .filter((c) => !c.isProvided)
                .map((c) => (
                  <label key={c.code} className="checkbox">
                    <input
                      type="checkbox"
                      checked={paper.has(c.code)}
                      onChange={(e) =>
                        setPaper((prev) => {
                          const next = new Set(prev);
                          if (e.target.checked) next.add(c.code);
                          else next.delete(c.code);
                          return next;
                        })
                      }
                    />
                    {c.name}
                  </label>
                ))}
            </fieldset>
          ) : null}
          {dossier.components.map((c) => (
            <FileUpload
              key={c.code}
              label={t(m.supplyFiles, { name: c.name })}
              files={files[c.code] ?? []}
              onChange={(list) => setFiles((f) => ({ ...f, [c.code]: list }))}
            />
          ))}
          <FileUpload
            label={t(m.supplyOther)}
            files={files[''] ?? []}
            onChange={(list) => setFiles((f) => ({ ...f, '': list }))}
          />
        </>
      ) : null}
      {action === 'issue_result' ? (
        <FileUpload
          label={t(m.resultFile)}
          multiple={false}
          files={files[''] ?? []}
          onChange={(list) => setFiles((f) => ({ ...f, '': list }))}
        />
      ) : null}

      {FIELDS[action].map(renderField)}

      <div className="row">
        <Button type="submit" isBusy={isBusy} variant={DANGER.includes(action) ? 'danger' : 'primary'}>
          {t(m.submit, { action: label })}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t(m.cancel)}
        </Button>
      </div>
    </form>
  );
}

function SupplementFields({
  dossier,
  chosen,
  setChosen,
  others,
  setOthers,
  errors,
  itemKeys,
}: {
  dossier: DossierDetail;
  chosen: Record<string, string>;
  setChosen: (f: (prev: Record<string, string>) => Record<string, string>) => void;
  others: OtherItem[];
  setOthers: (f: (prev: OtherItem[]) => OtherItem[]) => void;
  errors: FieldErrors;
  itemKeys: string[];
}) {
  const t = useT();
  const baseId = useId();
  const errorOf = (key: string, field: 'name' | 'reason') => {
    const index = itemKeys.indexOf(key);
    return index >= 0 ? errors[`items.${index}.${field}`] : undefined;
  };
  return (
    <fieldset className={errors.items ? 'o-invalid' : undefined}>
      <legend>{t(m.components)}</legend>
      {errors.items ? <p className="field-error">{errors.items}</p> : null}
      {dossier.components.map((c) => {
        const isChosen = c.code in chosen;
        const checkId = `${baseId}-${c.code}`;
        return (
          <div key={c.code} className="o-supplement-item">
            <div className="checkbox">
              <input
                id={checkId}
                type="checkbox"
                checked={isChosen}
                onChange={() =>
                  setChosen((prev) => {
                    const next = { ...prev };
                    if (c.code in next) delete next[c.code];
                    else next[c.code] = '';
                    return next;
                  })
                }
              />
              <label htmlFor={checkId}>{c.name}</label>
            </div>
            {isChosen ? (
              <TextArea
                label={t(m.componentReason, { name: c.name })}
                required
                rows={2}
                maxLength={1000}
                value={chosen[c.code] ?? ''}
                error={errorOf(`c-${c.code}`, 'reason')}
                onChange={(e) => {
                  const value = e.target.value;
                  setChosen((prev) => ({ ...prev, [c.code]: value }));
                }}
              />
            ) : null}
          </div>
        );
      })}
      {others.map((o, index) => (
        <div key={o.key} className="o-supplement-item">
          <TextField
            label={t(m.otherName, { n: index + 1 })}
            required
            maxLength={500}
            value={o.name}
            error={errorOf(`o-${o.key}`, 'name')}
            onChange={(e) => {
              const value = e.target.value;
              setOthers((prev) => prev.map((x) => (x.key === o.key ? { ...x, name: value } : x)));
            }}
          />
          <TextArea
            label={t(m.otherReason, { n: index + 1 })}
            required
            rows={2}
            maxLength={1000}
            value={o.reason}
            error={errorOf(`o-${o.key}`, 'reason')}
            onChange={(e) => {
              const value = e.target.value;
              setOthers((prev) => prev.map((x) => (x.key === o.key ? { ...x, reason: value } : x)));
            }}
          />
          <Button variant="ghost" onClick={() => setOthers((prev) => prev.filter((x) => x.key !== o.key))}>
            {t(m.removeOther, { n: index + 1 })}
          </Button>
        </div>
      ))}
      <Button
        variant="secondary"
        onClick={() => setOthers((prev) => [...prev, { key: Date.now(), name: '', reason: '' }])}
      >
        {t(m.addOther)}
      </Button>
    </fieldset>
  );
}

function OfficerSelect({
  label,
  hint,
  unitId,
  role,
  value,
  error,
  required,
  onChange,
}: {
  label: string;
  hint?: string;
  unitId: string | null;
  role: OfficerRoleName;
  value: string;
  error?: string | undefined;
  required?: boolean;
  onChange: (value: string) => void;
}) {
  const t = useT();
  const officers = useUnitOfficers(unitId, role);
  const empty = officers.data && officers.data.length === 0 ? t(m.noOfficers) : undefined;
  return (
    <SelectField
      label={label}
      hint={hint}
      required={required}
      value={value}
      placeholder={t(m.chooseOfficer)}
      options={(officers.data ?? []).map((o) => ({
        value: o.id,
        label: o.title ? `${o.fullName} · ${o.title}` : `${o.fullName} (${o.username})`,
      }))}
      error={error ?? empty ?? (officers.isError ? problemText(t, officers.error) : undefined)}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
