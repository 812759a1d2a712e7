import { useQueryClient } from '@tanstack/react-query';
import { useMemo, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useFormat, useLang, useT } from '../app/i18n.tsx';
import { paths } from '../app/paths.ts';
import { Alert, Card, ErrorMessage, Facts, Loading, Page, SlaBadge, StatusBadge } from '../ui/ui.tsx';
import { NationalSyncCard } from '../integrations/national-sync-card.tsx';
import { NotificationLogCard } from '../integrations/notification-log.tsx';
import { ExchangeCard } from './exchange-card.tsx';
import { PaymentCard } from './payment-card.tsx';
import { PostalCard } from './postal-card.tsx';
import { ActionsPanel, type NextStep } from './dossier-actions.tsx';
import {
  DOSSIER_KEY,
  fileUrl,
  formUrl,
  useDossier,
  useProcedureVersion,
  useUnits,
  type DossierDetail,
  type DossierForm,
  type ProcedureVersion,
  type Unit,
} from './officer-api.ts';
import {
  channelLabel,
  labelText,
  problemText,
  RESULT_DELIVERY_LABELS,
  roleLabel,
  statusLabel,
  STEP_OUTCOME_LABELS,
  TIMELINESS_LABELS,
} from './officer-text.ts';

const m = {
  title: { vi: 'Hồ sơ {code}', en: 'Dossier {code}' },
  back: { vi: '← Danh sách hồ sơ', en: '← Work queue' },
  due: { vi: 'Hạn trả kết quả', en: 'Due' },
  paused: { vi: 'Thời hạn đang tạm dừng từ {at}.', en: 'The clock is paused since {at}.' },
  facts: { vi: 'Thông tin hồ sơ', en: 'Dossier facts' },
  procedure: { vi: 'Thủ tục', en: 'Procedure' },
  versionNo: { vi: 'phiên bản {n}', en: 'version {n}' },
  variant: { vi: 'Trường hợp', en: 'Variant' },
  applicant: { vi: 'Người nộp', en: 'Applicant' },
  citizen: { vi: 'Công dân', en: 'Citizen' },
  organisation: { vi: 'Tổ chức, doanh nghiệp', en: 'Organisation' },
  idNumber: { vi: 'Số định danh', en: 'ID number' },
  taxCode: { vi: 'Mã số thuế', en: 'Tax code' },
  dateOfBirth: { vi: 'Ngày sinh', en: 'Date of birth' },
  phone: { vi: 'Điện thoại', en: 'Phone' },
  email: { vi: 'Email', en: 'E-mail' },
  address: { vi: 'Địa chỉ', en: 'Address' },
  representative: { vi: 'Người được ủy quyền', en: 'Representative' },
  authorisation: { vi: 'Giấy ủy quyền', en: 'Authorisation' },
  channel: { vi: 'Kênh nộp', en: 'Channel' },
  receivingUnit: { vi: 'Đơn vị tiếp nhận', en: 'Receiving unit' },
  competentUnit: { vi: 'Cơ quan giải quyết', en: 'Competent agency' },
  currentUnit: { vi: 'Đơn vị đang xử lý', en: 'Unit handling it now' },
  currentStep: { vi: 'Bước hiện tại', en: 'Current step' },
  assignee: { vi: 'Người xử lý', en: 'Handler' },
  notAssigned: { vi: 'Chưa phân công', en: 'Not assigned' },
  stepDue: { vi: 'Hạn của bước', en: 'Step due' },
  submittedAt: { vi: 'Ngày nộp', en: 'Submitted' },
  receivedAt: { vi: 'Ngày tiếp nhận', en: 'Received' },
  originalDueAt: { vi: 'Hạn trả ban đầu', en: 'Original due date' },
  completedAt: { vi: 'Ngày kết thúc xử lý', en: 'Completed' },
  returnedAt: { vi: 'Ngày trả kết quả', en: 'Returned' },
  fee: { vi: 'Phí, lệ phí', en: 'Fees' },
  delivery: { vi: 'Nhận kết quả', en: 'Result delivery' },
  lookupSecret: { vi: 'Mã tra cứu', en: 'Lookup secret' },
  deadline: { vi: 'Cách tính thời hạn', en: 'How the due date was computed' },
  noDeadline: {
    vi: 'Thời hạn bắt đầu tính khi hồ sơ được tiếp nhận.',
    en: 'The clock starts when the dossier is received.',
  },
  supplements: { vi: 'Yêu cầu bổ sung', en: 'Supplement requests' },
  requestedAt: { vi: 'Yêu cầu lúc {at}', en: 'Requested at {at}' },
  intakePhase: { vi: 'khi tiếp nhận', en: 'at intake' },
  processingPhase: { vi: 'trong quá trình xử lý', en: 'during processing' },
  respondBy: { vi: 'Hạn bổ sung: {at}', en: 'Respond by: {at}' },
  suppliedAt: { vi: 'Đã bổ sung lúc {at}', en: 'Supplied at {at}' },
  waiting: { vi: 'Đang chờ người nộp bổ sung', en: 'Waiting for the applicant' },
  pausedFor: { vi: 'Thời hạn tạm dừng {h} giờ làm việc', en: 'Clock paused for {h} working hours' },
  obligations: { vi: 'Nghĩa vụ tài chính', en: 'Financial obligations' },
  fulfilled: { vi: 'Đã nộp lúc {at} (chứng từ {ref})', en: 'Paid at {at} (reference {ref})' },
  unpaid: { vi: 'Chưa nộp', en: 'Not paid yet' },
  extensions: { vi: 'Gia hạn, hẹn lại ngày trả', en: 'Rescheduling' },
  extension: {
    vi: 'Ngày {at}: hẹn lại từ {from} sang {to}',
    en: 'On {at}: rescheduled from {from} to {to}',
  },
  signedBy: { vi: 'Người ký: {name}', en: 'Signed by {name}' },
  letter: { vi: 'Số văn bản: {n}', en: 'Letter no. {n}' },
  documents: { vi: 'Thành phần hồ sơ', en: 'Documents' },
  otherFiles: { vi: 'Giấy tờ khác đã nộp bổ sung', en: 'Other documents supplied' },
  colComponent: { vi: 'Thành phần', en: 'Component' },
  colOriginals: { vi: 'Bản chính', en: 'Originals' },
  colCopies: { vi: 'Bản sao', en: 'Copies' },
  colRequired: { vi: 'Bắt buộc', en: 'Required' },
  colProvided: { vi: 'Đã nộp', en: 'Provided' },
  colFiles: { vi: 'Tệp', en: 'Files' },
  yes: { vi: 'Có', en: 'Yes' },
  no: { vi: 'Không', en: 'No' },
  reused: { vi: 'Dùng lại dữ liệu đã có', en: 'Reused from existing data' },
  noFiles: { vi: 'Không có tệp', en: 'No files' },
  formData: { vi: 'Thông tin trong tờ khai', en: 'Form data' },
  result: { vi: 'Kết quả giải quyết', en: 'Result' },
  resultNumber: { vi: 'Số, ký hiệu', en: 'Number' },
  resultSummary: { vi: 'Trích yếu', en: 'Summary' },
  issuedAt: { vi: 'Ban hành lúc', en: 'Issued at' },
  issuedBy: { vi: 'Người ban hành', en: 'Issued by' },
  approvedBy: { vi: 'Người phê duyệt', en: 'Approved by' },
  resultFile: { vi: 'Tệp kết quả', en: 'Result file' },
  download: { vi: 'Tải về', en: 'Download' },
  forms: { vi: 'In biểu mẫu', en: 'Print forms' },
  controlSlip: { vi: 'Phiếu kiểm soát quá trình giải quyết (Mẫu 05)', en: 'Control slip (form 05)' },
  steps: { vi: 'Các bước xử lý (phiếu kiểm soát)', en: 'Process steps (control slip)' },
  colStep: { vi: 'Bước', en: 'Step' },
  colUnit: { vi: 'Đơn vị', en: 'Unit' },
  colHandler: { vi: 'Người xử lý', en: 'Handler' },
  colEntered: { vi: 'Nhận lúc', en: 'Received' },
  colStepDue: { vi: 'Hạn bước', en: 'Step due' },
  colCompleted: { vi: 'Hoàn thành', en: 'Completed' },
  colOutcome: { vi: 'Kết quả', en: 'Outcome' },
  by: { vi: 'bởi {name}', en: 'by {name}' },
  inProgress: { vi: 'Đang xử lý', en: 'In progress' },
  noSteps: { vi: 'Hồ sơ chưa vào quy trình xử lý.', en: 'The dossier has not entered the process yet.' },
  history: { vi: 'Lịch sử hồ sơ', en: 'History' },
  system: { vi: 'Hệ thống', en: 'System' },
  reasonLabel: { vi: 'Lý do, ghi chú: {r}', en: 'Reason or note: {r}' },
  opensNew: { vi: '(mở trong thẻ mới)', en: '(opens in a new tab)' },
};

const FORM_LABELS: Record<DossierForm, { vi: string; en: string }> = {
  receipt: { vi: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01)', en: 'Receipt (form 01)' },
  'supplement-request': {
    vi: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)',
    en: 'Supplement request (form 02)',
  },
  refusal: { vi: 'Phiếu từ chối tiếp nhận (Mẫu 03)', en: 'Refusal slip (form 03)' },
  apology: { vi: 'Văn bản xin lỗi và hẹn lại ngày trả (Mẫu 04)', en: 'Apology letter (form 04)' },
  'control-slip': m.controlSlip,
  'stop-notice': { vi: 'Thông báo dừng giải quyết hồ sơ', en: 'Stop notice' },
};

/** The printed forms that exist for this dossier now (the server refuses the others). */
function printableForms(d: DossierDetail): DossierForm[] {
  const forms: DossierForm[] = [];
  if (d.receivedAt && d.dueAt && d.lookupSecret) forms.push('receipt');
  if (d.supplements.length > 0) forms.push('supplement-request');
  if (d.history.some((h) => h.action === 'refuse')) forms.push('refusal');
  if (d.extensions.length > 0) forms.push('apology');
  if (d.receivedAt && d.dueAt) forms.push('control-slip');
  if (
    d.history.some((h) => h.action === 'confirm_withdrawal') &&
    d.history.some((h) => h.action === 'request_withdrawal')
  )
    forms.push('stop-notice');
  return forms;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : typeof v === 'number' ? String(v) : undefined;
}

function nextStepOf(d: DossierDetail, version: ProcedureVersion | undefined, units: Unit[] | undefined) {
  const current = d.currentStep;
  if (!current || !version) return undefined;
  const content = version.content;
  const variant = d.procedure.variantCode
    ? (content.variants ?? []).find((v) => v.code === d.procedure.variantCode)
    : undefined;
  const steps = variant?.steps ?? content.steps;
  const next = steps[current.stepIndex + 1];
  if (!next) return null;
  let unitId: string | null = null;
  let unitName = '';
  if (next.unit.kind === 'receiving_unit') {
    unitId = d.receivingUnit.id;
    unitName = d.receivingUnit.name;
  } else if (next.unit.kind === 'competent_agency') {
    unitId = d.competentUnit.id;
    unitName = d.competentUnit.name;
  } else {
    const code = next.unit.agencyCode;
    const unit = units?.find((u) => u.agencyCode === code && !u.validTo);
    unitId = unit?.id ?? null;
    unitName = unit?.name ?? code;
  }
  return { name: next.name, role: next.role, unitId, unitName } satisfies NextStep;
}

export function OfficerDossierPage() {
  const { code = '' } = useParams();
  const t = useT();
  const queryClient = useQueryClient();
  const dossier = useDossier(code);
  const d = dossier.data;
  const version = useProcedureVersion(d?.procedure.code, d?.procedure.versionNo);
  const units = useUnits();
  const nextStep = useMemo(
    () => (d ? nextStepOf(d, version.data, units.data) : undefined),
    [d, version.data, units.data],
  );

  if (dossier.isPending) return <Page title={t(m.title, { code })}>{<Loading />}</Page>;
  if (!d)
    return (
      <Page title={t(m.title, { code })}>
        <ErrorMessage error={problemText(t, dossier.error)} onRetry={() => void dossier.refetch()} />
        <Link to={paths.workspace}>{t(m.back)}</Link>
      </Page>
    );

  return (
    <Page
      title={t(m.title, { code: d.code })}
      lead={d.procedure.name}
      actions={
        <Link className="btn btn-secondary" to={paths.workspace}>
          {t(m.back)}
        </Link>
      }
    >
      <DossierHeader dossier={d} sla={d.sla} />
      <ActionsPanel
        dossier={d}
        nextStep={nextStep}
        onReload={() => void queryClient.invalidateQueries({ queryKey: DOSSIER_KEY(code) })}
      />
      <div className="grid grid-sidebar o-detail">
        <div>
          <FactsCard dossier={d} />
          <DeadlineCard dossier={d} />
          <DocumentsCard dossier={d} />
          <FormDataCard dossier={d} version={version.data} />
          <ResultCard dossier={d} />
        </div>
        <div>
          <FormsCard dossier={d} />
          <HistoryCard dossier={d} />
          <NotificationLogCard code={d.code} isOfficer />
          <NationalSyncCard code={d.code} />
          <PaymentCard dossier={d} />
          <PostalCard dossier={d} />
          <ExchangeCard dossier={d} />
        </div>
      </div>
      <StepsCard dossier={d} />
    </Page>
  );
}

function DossierHeader({ dossier: d, sla }: { dossier: DossierDetail; sla: string | null | undefined }) {
  const t = useT();
  const format = useFormat();
  return (
    <div className="o-header">
      <StatusBadge status={d.status} label={d.statusLabel} />
      {sla && sla !== 'not_started' && !(d.isClockPaused && d.pausedAt) ? <SlaBadge sla={sla} /> : null}
      <span>
        {t(m.due)}: <strong>{format.dateTime(d.dueAt)}</strong>
      </span>
      <span className="muted">
        {t(m.channel)}: {t(channelLabel(d.channel))}
      </span>
      {d.isClockPaused && d.pausedAt ? (
        <span className="badge sla-paused">{t(m.paused, { at: format.dateTime(d.pausedAt) })}</span>
      ) : null}
    </div>
  );
}

function FactsCard({ dossier: d }: { dossier: DossierDetail }) {
  const t = useT();
  const format = useFormat();
  const a = d.applicant;
  const r = d.representative;
  const step = d.currentStep;
  const items: { label: string; value: ReactNode }[] = [
    {
      label: t(m.procedure),
      value: (
        <>
          {d.procedure.name}{' '}
          <span className="muted">
            ({d.procedure.code}, {t(m.versionNo, { n: d.procedure.versionNo })})
          </span>
        </>
      ),
    },
  ];
  if (d.procedure.variantName) items.push({ label: t(m.variant), value: d.procedure.variantName });
  items.push({
    label: t(m.applicant),
    value: (
      <>
        {str(a.fullName)}{' '}
        <span className="muted">({t(a.kind === 'organisation' ? m.organisation : m.citizen)})</span>
      </>
    ),
  });
  if (str(a.idNumber))
    items.push({ label: t(m.idNumber), value: <span className="mono">{str(a.idNumber)}</span> });
  if (str(a.taxCode))
    items.push({ label: t(m.taxCode), value: <span className="mono">{str(a.taxCode)}</span> });
  if (str(a.dateOfBirth)) items.push({ label: t(m.dateOfBirth), value: str(a.dateOfBirth) });
  if (str(a.phone)) items.push({ label: t(m.phone), value: str(a.phone) });
  if (str(a.email)) items.push({ label: t(m.email), value: str(a.email) });
  if (str(a.address)) items.push({ label: t(m.address), value: str(a.address) });
  if (r && str(r.fullName))
    items.push({
      label: t(m.representative),
      value: [str(r.fullName), str(r.idNumber), str(r.phone), str(r.authorisationDocument)]
        .filter(Boolean)
        .join(' · '),
    });
  items.push(
    { label: t(m.channel), value: t(channelLabel(d.channel)) },
    { label: t(m.receivingUnit), value: d.receivingUnit.name },
    { label: t(m.competentUnit), value: d.competentUnit.name },
  );
  if (d.currentUnit) items.push({ label: t(m.currentUnit), value: d.currentUnit.name });
  if (step) {
    items.push(
      {
        label: t(m.currentStep),
        value: (
          <>
            {step.stepIndex + 1}. {step.name} <span className="muted">({t(roleLabel(step.role))})</span>
          </>
        ),
      },
      { label: t(m.assignee), value: step.assignee?.fullName ?? t(m.notAssigned) },
      { label: t(m.stepDue), value: format.dateTime(step.dueAt) },
    );
  }
  items.push(
    { label: t(m.submittedAt), value: format.dateTime(d.submittedAt) },
    { label: t(m.receivedAt), value: format.dateTime(d.receivedAt) },
    { label: t(m.due), value: format.dateTime(d.dueAt) },
  );
  if (d.originalDueAt && d.originalDueAt !== d.dueAt)
    items.push({ label: t(m.originalDueAt), value: format.dateTime(d.originalDueAt) });
  if (d.completedAt) items.push({ label: t(m.completedAt), value: format.dateTime(d.completedAt) });
  if (d.returnedAt)
    items.push({
      label: t(m.returnedAt),
      value: `${format.dateTime(d.returnedAt)}${
        d.returnMethod ? ` · ${labelText(t, RESULT_DELIVERY_LABELS, d.returnMethod)}` : ''
      }`,
    });
  items.push(
    { label: t(m.fee), value: format.money(d.feeTotal) },
    {
      label: t(m.delivery),
      value: labelText(t, RESULT_DELIVERY_LABELS, d.resultDelivery),
    },
  );
  if (d.lookupSecret)
    items.push({ label: t(m.lookupSecret), value: <span className="mono">{d.lookupSecret}</span> });
  return (
    <Card title={t(m.facts)}>
      <Facts items={items} />
    </Card>
  );
}

function DeadlineCard({ dossier: d }: { dossier: DossierDetail }) {
  const t = useT();
  const format = useFormat();
  const { lang } = useLang();
  const lines = d.deadline?.text[lang] ?? [];
  return (
    <Card title={t(m.deadline)}>
      {d.isClockPaused && d.pausedAt ? (
        <Alert kind="warning">
          <p>{t(m.paused, { at: format.dateTime(d.pausedAt) })}</p>
        </Alert>
      ) : null}
      {lines.length > 0 ? (
        <ul className="o-explain">
          {lines.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t(m.noDeadline)}</p>
      )}
      {d.supplements.length > 0 ? (
        <>
          <h3>{t(m.supplements)}</h3>
          <ul className="o-list">
            {d.supplements.map((s) => (
              <li key={s.requestedAt}>
                <p>
                  <strong>{t(m.requestedAt, { at: format.dateTime(s.requestedAt) })}</strong> (
                  {t(s.phase === 'intake' ? m.intakePhase : m.processingPhase)}): {s.reason}
                </p>
                <ul>
                  {s.items.map((item, i) => (
                    <li key={i}>
                      {str(item.name)} — {str(item.reason)}
                    </li>
                  ))}
                </ul>
                {s.respondBy ? <p>{t(m.respondBy, { at: format.dateTime(s.respondBy) })}</p> : null}
                <p>
                  {s.suppliedAt ? t(m.suppliedAt, { at: format.dateTime(s.suppliedAt) }) : t(m.waiting)}
                  {s.responseNote ? ` — ${s.responseNote}` : ''}
                  {s.pausedWorkingMinutes !== null
                    ? ` · ${t(m.pausedFor, { h: format.number(Math.round((s.pausedWorkingMinutes / 60) * 10) / 10) })}`
                    : ''}
                </p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {d.obligations.length > 0 ? (
        <>
          <h3>{t(m.obligations)}</h3>
          <ul className="o-list">
            {d.obligations.map((o) => (
              <li key={o.requestedAt}>
                <p>
                  <strong>{format.dateTime(o.requestedAt)}</strong>: {o.description} —{' '}
                  {format.money(o.amount)}
                </p>
                <p>
                  {o.fulfilledAt
                    ? t(m.fulfilled, { at: format.dateTime(o.fulfilledAt), ref: o.paymentReference ?? '—' })
                    : t(m.unpaid)}
                </p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {d.extensions.length > 0 ? (
        <>
          <h3>{t(m.extensions)}</h3>
          <ul className="o-list">
            {d.extensions.map((e) => (
              <li key={e.createdAt}>
                <p>
                  {t(m.extension, {
                    at: format.dateTime(e.createdAt),
                    from: format.dateTime(e.previousDueAt),
                    to: format.dateTime(e.newDueAt),
                  })}
                  : {e.reason}
                </p>
                <p className="muted">
                  {[
                    e.signerName ? t(m.signedBy, { name: e.signerName }) : null,
                    e.letterNumber ? t(m.letter, { n: e.letterNumber }) : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Card>
  );
}

function DocumentsCard({ dossier: d }: { dossier: DossierDetail }) {
  const t = useT();
  const format = useFormat();
  return (
    <Card title={t(m.documents)}>
      <div className="table-wrap">
        <table className="o-table">
          <thead>
            <tr>
              <th scope="col">{t(m.colComponent)}</th>
              <th scope="col">{t(m.colOriginals)}</th>
              <th scope="col">{t(m.colCopies)}</th>
              <th scope="col">{t(m.colRequired)}</th>
              <th scope="col">{t(m.colProvided)}</th>
              <th scope="col">{t(m.colFiles)}</th>
            </tr>
          </thead>
          <tbody>
            {d.components.map((c) => (
              <tr key={c.code}>
                <th scope="row" className="o-normal">
                  {c.name}
                  {c.note ? <span className="muted o-small"> — {c.note}</span> : null}
                </th>
                <td>{c.originalCount}</td>
                <td>{c.copyCount}</td>
                <td>{t(c.isRequired ? m.yes : m.no)}</td>
                <td>
                  {c.isProvided ? `✓ ${t(m.yes)}` : `✗ ${t(m.no)}`}
                  {c.isReused ? <span className="muted o-small"> ({t(m.reused)})</span> : null}
                </td>
                <td>
                  {c.files.length === 0 ? (
                    <span className="muted">{t(m.noFiles)}</span>
                  ) : (
                    <ul className="o-files">
                      {c.files.map((f) => (
                        <li key={f.id}>
                          <a href={fileUrl(f.id)} target="_blank" rel="noopener noreferrer">
                            {f.originalName}
                          </a>{' '}
                          <span className="muted o-small">
                            ({format.number(Math.ceil(f.sizeBytes / 1024))} KB)
                          </span>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {d.otherFiles.length > 0 ? (
        <>
          <h3>{t(m.otherFiles)}</h3>
          <ul className="o-files">
            {d.otherFiles.map((f) => (
              <li key={f.id}>
                <a href={fileUrl(f.id)} target="_blank" rel="noopener noreferrer">
                  {f.originalName}
                </a>{' '}
                <span className="muted o-small">({format.number(Math.ceil(f.sizeBytes / 1024))} KB)</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Card>
  );
}

function FormDataCard({
  dossier: d,
  version,
}: {
  dossier: DossierDetail;
  version: ProcedureVersion | undefined;
}) {
  const t = useT();
  const format = useFormat();
  const { lang } = useLang();
  const fields = version?.content.eForm ?? [];
  // In the order of the e-form (as the applicant filled it), then any key the form no longer has.
  const order = (key: string) => {
    const i = fields.findIndex((x) => x.key === key);
    return i < 0 ? fields.length : i;
  };
  const entries = Object.entries(d.formData)
    .filter(([, v]) => v !== null && v !== '')
    .sort(([a], [b]) => order(a) - order(b));
  if (entries.length === 0) return null;
  const labelOf = (key: string) => {
    const f = fields.find((x) => x.key === key);
    return (lang === 'en' ? (f?.labelEn ?? f?.label) : f?.label) ?? key;
  };
  /** A choice shows its label, not its stored value. */
  const textOf = (key: string, value: unknown): string => {
    if (typeof value === 'boolean') return t(value ? m.yes : m.no);
    if (typeof value === 'number') return format.number(value);
    const option = fields.find((x) => x.key === key)?.options?.find((o) => o.value === value);
    return option?.label ?? String(value);
  };
  return (
    <Card title={t(m.formData)}>
      <Facts items={entries.map(([key, value]) => ({ label: labelOf(key), value: textOf(key, value) }))} />
    </Card>
  );
}

function ResultCard({ dossier: d }: { dossier: DossierDetail }) {
  const t = useT();
  const format = useFormat();
  const r = d.result;
  if (!r) return null;
  const items: { label: string; value: ReactNode }[] = [
    { label: t(m.resultNumber), value: str(r.number) ?? '—' },
    { label: t(m.resultSummary), value: str(r.summary) ?? '—' },
    { label: t(m.issuedAt), value: format.dateTime(str(r.issuedAt)) },
  ];
  if (str(r.issuedBy)) items.push({ label: t(m.issuedBy), value: str(r.issuedBy) });
  if (str(r.approvedBy)) items.push({ label: t(m.approvedBy), value: str(r.approvedBy) });
  const fileId = str(r.fileId);
  if (fileId)
    items.push({
      label: t(m.resultFile),
      value: (
        <a href={fileUrl(fileId)} target="_blank" rel="noopener noreferrer">
          {t(m.download)}
        </a>
      ),
    });
  return (
    <Card title={t(m.result)}>
      <Facts items={items} />
    </Card>
  );
}

function FormsCard({ dossier: d }: { dossier: DossierDetail }) {
  const t = useT();
  const forms = printableForms(d);
  if (forms.length === 0) return null;
  return (
    <Card title={t(m.forms)}>
      <ul className="o-form-links">
        {forms.map((f) => (
          <li key={f}>
            <a href={formUrl(d.code, f)} target="_blank" rel="noopener noreferrer">
              {t(FORM_LABELS[f])} <span className="visually-hidden">{t(m.opensNew)}</span>
            </a>
          </li>
        ))}
      </ul>
    </Card>
  );
}

function StepsCard({ dossier: d }: { dossier: DossierDetail }) {
  const t = useT();
  const format = useFormat();
  return (
    <Card title={t(m.steps)}>
      {d.steps.length === 0 ? (
        <p className="muted">{t(m.noSteps)}</p>
      ) : (
        <div className="table-wrap">
          <table className="o-table">
            <thead>
              <tr>
                <th scope="col">{t(m.colStep)}</th>
                <th scope="col">{t(m.colUnit)}</th>
                <th scope="col">{t(m.colHandler)}</th>
                <th scope="col">{t(m.colEntered)}</th>
                <th scope="col">{t(m.colStepDue)}</th>
                <th scope="col">{t(m.colCompleted)}</th>
                <th scope="col">{t(m.colOutcome)}</th>
              </tr>
            </thead>
            <tbody>
              {d.steps.map((s, i) => (
                <tr key={`${s.stepIndex}-${s.enteredAt}-${i}`}>
                  <th scope="row" className="o-normal">
                    {s.stepIndex + 1}. {s.name}
                    <span className="muted o-small"> ({t(roleLabel(s.role))})</span>
                  </th>
                  <td>{s.unit.name}</td>
                  <td>{s.assignee?.fullName ?? s.completedByName ?? t(m.notAssigned)}</td>
                  <td>
                    {format.dateTime(s.enteredAt)}
                    {s.enteredByName ? (
                      <span className="muted o-small"> {t(m.by, { name: s.enteredByName })}</span>
                    ) : null}
                  </td>
                  <td>{format.dateTime(s.dueAt)}</td>
                  <td>
                    {s.completedAt ? format.dateTime(s.completedAt) : t(m.inProgress)}
                    {s.completedByName ? (
                      <span className="muted o-small"> {t(m.by, { name: s.completedByName })}</span>
                    ) : null}
                  </td>
                  <td>
                    {labelText(t, STEP_OUTCOME_LABELS, s.outcome)}
                    {s.timeliness ? (
                      <span className={`badge o-timeliness-${s.timeliness}`}>
                        {labelText(t, TIMELINESS_LABELS, s.timeliness)}
                      </span>
                    ) : null}
                    {s.note ? <p className="o-small">{s.note}</p> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

function HistoryCard({ dossier: d }: { dossier: DossierDetail }) {
  const t = useT();
  const format = useFormat();
  return (
    <Card title={t(m.history)}>
      <ol className="timeline o-history">
        {[...d.history].reverse().map((h) => (
          <li key={h.seq}>
            <p>
              <strong>{t(h.actionLabel)}</strong>{' '}
              <time dateTime={h.occurredAt} className="muted">
                {format.dateTime(h.occurredAt)}
              </time>
            </p>
            <p className="o-small">
              {h.actorName ?? t(m.system)}
              {' · '}
              {h.fromStatus ? `${t(statusLabel(h.fromStatus))} → ` : ''}
              {t(statusLabel(h.toStatus))}
            </p>
            {h.reason ? <p className="o-small">{t(m.reasonLabel, { r: h.reason })}</p> : null}
          </li>
        ))}
      </ol>
    </Card>
  );
}
