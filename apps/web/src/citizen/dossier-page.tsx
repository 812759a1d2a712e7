import { DOSSIER_STATUS_LABELS, DossierActionInput, type DossierStatus } from '@motcua/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../api/client.ts';
import { useFormat, useT, type Text } from '../app/i18n.tsx';
import { paths } from '../app/paths.ts';
import { NotificationLogCard } from '../integrations/notification-log.tsx';
import { Alert, Button, Card, Facts, Loading, Page, StatusBadge, TextArea } from '../ui/ui.tsx';
import {
  fileUrl,
  formUrl,
  queryKeys,
  type Dossier,
  type RatingInput,
  type RatingView,
} from './citizen-api.ts';
import { CitizenError, DeadlineExplanation, useLongDateTime, useMoney } from './citizen-ui.tsx';
import { FileUploadField, formatSize, type UploadedFile } from './upload.tsx';
import { CitizenPaymentCard } from './payment-card.tsx';
import { CitizenPostalCard } from './postal-status.tsx';

const m = {
  title: { vi: 'Hồ sơ {code}', en: 'Dossier {code}' },
  notFound: { vi: 'Không tìm thấy hồ sơ', en: 'Dossier not found' },
  back: { vi: '← Hồ sơ của tôi', en: '← My dossiers' },
  now: { vi: 'Tình trạng hiện tại', en: 'Current state' },
  where: { vi: 'Hồ sơ đang ở', en: 'Now at' },
  step: { vi: 'Đang làm', en: 'Current step' },
  code: { vi: 'Mã hồ sơ', en: 'Dossier code' },
  secret: { vi: 'Mã tra cứu', en: 'Lookup code' },
  secretHint: {
    vi: 'Dùng cùng mã hồ sơ để tra cứu không cần đăng nhập.',
    en: 'Use it with the dossier code to track without logging in.',
  },
  procedure: { vi: 'Thủ tục', en: 'Procedure' },
  variant: { vi: 'Trường hợp', en: 'Case' },
  submitted: { vi: 'Ngày nộp', en: 'Submitted' },
  received: { vi: 'Ngày tiếp nhận', en: 'Received' },
  receivingUnit: { vi: 'Nơi tiếp nhận', en: 'Received by' },
  competentUnit: { vi: 'Cơ quan giải quyết', en: 'Deciding agency' },
  fees: { vi: 'Phí, lệ phí', en: 'Fees' },
  delivery: { vi: 'Nhận kết quả', en: 'Result delivery' },
  due: { vi: 'Hẹn trả kết quả', en: 'Result due' },
  dueWhy: { vi: 'Vì sao là ngày này?', en: 'Why this date?' },
  dueIntro: {
    vi: 'Thời hạn được tính theo ngày, giờ làm việc từ lúc hồ sơ được tiếp nhận; không tính thứ Bảy, Chủ nhật và ngày nghỉ lễ.',
    en: 'The time limit counts working days and hours from when the dossier was received; Saturdays, Sundays and public holidays are not counted.',
  },
  paused: {
    vi: 'Thời hạn đang tạm dừng từ {d} trong lúc chờ bạn bổ sung. Khi bạn bổ sung xong, ngày hẹn sẽ được tính lại.',
    en: 'The clock has been paused since {d} while waiting for you. Once you respond, the due date is worked out again.',
  },
  noDueYet: {
    vi: 'Hồ sơ nộp trên mạng có ngày hẹn khi cán bộ một cửa kiểm tra và tiếp nhận (thường trong ngày làm việc). Bạn sẽ thấy ngày hẹn ở đây.',
    en: 'An online dossier gets its due date when the one-stop officer checks and accepts it (usually within the working day). It will appear here.',
  },
  originalDue: { vi: 'Ngày hẹn ban đầu: {d}', en: 'Original due date: {d}' },
  extension: {
    vi: 'Cơ quan đã xin lỗi và hẹn lại ngày trả kết quả từ {from} sang {to}. Lý do: {reason}',
    en: 'The agency apologised and moved the due date from {from} to {to}. Reason: {reason}',
  },
  papers: { vi: 'Giấy tờ để in, lưu', en: 'Papers to print or keep' },
  receipt: { vi: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả (PDF)', en: 'Receipt and appointment slip (PDF)' },
  supplementPdf: { vi: 'Phiếu yêu cầu bổ sung hồ sơ (PDF)', en: 'Supplement request (PDF)' },
  apologyPdf: { vi: 'Phiếu xin lỗi và hẹn lại ngày trả (PDF)', en: 'Apology and new date (PDF)' },
  lookup: { vi: 'Trang tra cứu công khai của hồ sơ', en: 'Public tracking page of this dossier' },
  timeline: { vi: 'Các bước đã qua', en: 'What has happened' },
  docs: { vi: 'Giấy tờ đã nộp', en: 'Documents submitted' },
  provided: { vi: 'Đã nộp', en: 'Provided' },
  missing: { vi: 'Chưa nộp', en: 'Not provided' },
  otherFiles: { vi: 'Giấy tờ khác bạn đã gửi bổ sung', en: 'Other documents you sent' },
  reused: { vi: 'Lấy từ dữ liệu sẵn có', en: 'Taken from existing data' },
  result: { vi: 'Kết quả', en: 'Result' },
  resultNumber: { vi: 'Số', en: 'Number' },
  resultFile: { vi: 'Tải kết quả điện tử', en: 'Download the electronic result' },
  obligations: { vi: 'Nghĩa vụ tài chính', en: 'Financial obligations' },
  obligationOpen: {
    vi: 'Cần nộp {amount}: {desc}. Hãy nộp theo hướng dẫn của cơ quan thuế rồi báo cho nơi tiếp nhận.',
    en: 'Please pay {amount}: {desc}. Pay as the tax office instructs, then tell the receiving office.',
  },
  obligationDone: { vi: 'Đã nộp {amount}: {desc}', en: 'Paid {amount}: {desc}' },
  refreshed: { vi: 'Đã cập nhật.', en: 'Updated.' },
};

const STATUS_HELP: Record<DossierStatus, Text> = {
  submitted: {
    vi: 'Bạn đã nộp hồ sơ. Cán bộ một cửa đang kiểm tra; khi hồ sơ được tiếp nhận, bạn sẽ có ngày hẹn trả kết quả.',
    en: 'You have submitted the dossier. A one-stop officer is checking it; once it is accepted you get a result date.',
  },
  received: {
    vi: 'Hồ sơ đã được tiếp nhận và sẽ được chuyển tới cơ quan giải quyết.',
    en: 'The dossier has been received and will be passed to the deciding agency.',
  },
  processing: { vi: 'Cơ quan đang giải quyết hồ sơ của bạn.', en: 'The agency is working on your dossier.' },
  awaiting_supplement: {
    vi: 'Cần bạn bổ sung giấy tờ. Xem danh sách bên dưới và gửi bổ sung.',
    en: 'Please add the missing documents. See the list below and send them.',
  },
  awaiting_obligation: {
    vi: 'Cần bạn nộp phí, thuế theo thông báo bên dưới.',
    en: 'Please pay the fees or taxes shown below.',
  },
  withdrawal_requested: {
    vi: 'Bạn đã đề nghị rút hồ sơ. Nơi tiếp nhận đang xem xét.',
    en: 'You asked to withdraw the dossier. The receiving office is reviewing the request.',
  },
  refused: {
    vi: 'Hồ sơ không được tiếp nhận. Lý do ghi trong các bước đã qua.',
    en: 'The dossier was not accepted. The reason is shown in the history below.',
  },
  stopped: { vi: 'Hồ sơ đã dừng giải quyết.', en: 'Processing of the dossier has stopped.' },
  result_ready: {
    vi: 'Đã có kết quả. Bạn nhận kết quả theo cách đã chọn.',
    en: 'The result is ready. You receive it the way you chose.',
  },
  returned: {
    vi: 'Bạn đã nhận kết quả. Hồ sơ đã xong.',
    en: 'You have received the result. The dossier is closed.',
  },
};

/** Steps the citizen sees, in the citizen's words (internal hand-offs are left out). */
const TIMELINE_LABELS: Record<string, Text> = {
  submit: { vi: 'Bạn nộp hồ sơ trực tuyến', en: 'You submitted the dossier online' },
  receive: { vi: 'Hồ sơ được tiếp nhận', en: 'The dossier was received' },
  accept: { vi: 'Hồ sơ được tiếp nhận', en: 'The dossier was accepted' },
  refuse: { vi: 'Hồ sơ không được tiếp nhận', en: 'The dossier was not accepted' },
  transfer: { vi: 'Hồ sơ được chuyển tới cơ quan giải quyết', en: 'Passed to the deciding agency' },
  request_supplement: { vi: 'Cơ quan yêu cầu bổ sung giấy tờ', en: 'The agency asked for more documents' },
  supply: { vi: 'Bạn đã gửi bổ sung', en: 'You sent the missing documents' },
  request_obligation: { vi: 'Yêu cầu nộp phí, thuế', en: 'Asked to pay fees or taxes' },
  fulfil_obligation: { vi: 'Đã xác nhận nộp phí, thuế', en: 'Payment confirmed' },
  extend: { vi: 'Cơ quan xin lỗi và hẹn lại ngày trả', en: 'The agency apologised and set a new date' },
  request_withdrawal: { vi: 'Bạn đề nghị rút hồ sơ', en: 'You asked to withdraw' },
  confirm_withdrawal: { vi: 'Hồ sơ được dừng theo đề nghị của bạn', en: 'Stopped at your request' },
  decline_withdrawal: { vi: 'Đề nghị rút hồ sơ không được chấp nhận', en: 'Withdrawal request declined' },
  stop: { vi: 'Dừng giải quyết hồ sơ', en: 'Processing stopped' },
  issue_result: { vi: 'Đã có kết quả', en: 'Result issued' },
  return_result: { vi: 'Đã trả kết quả', en: 'Result handed over' },
};

const DELIVERY_LABELS: Record<string, Text> = {
  counter: { vi: 'Tại nơi nộp hồ sơ', en: 'At the office' },
  postal: { vi: 'Qua bưu điện', en: 'By post' },
  online: { vi: 'Trực tuyến', en: 'Online' },
};

function postAction(code: string, body: unknown): Promise<Dossier> {
  return api<Dossier>(`/api/dossiers/${encodeURIComponent(code)}/actions`, { body });
}

export function DossierPage() {
  const { code = '' } = useParams();
  const t = useT();
  const dossier = useQuery({
    queryKey: queryKeys.dossier(code),
    queryFn: () => api<Dossier>(`/api/dossiers/${encodeURIComponent(code)}`),
  });
  if (dossier.isLoading) return <Loading />;
  if (dossier.error || !dossier.data)
    return (
      <Page title={t(m.notFound)}>
        <CitizenError error={dossier.error} onRetry={() => void dossier.refetch()} />
        <Link to={paths.myDossiers}>{t(m.back)}</Link>
      </Page>
    );
  return <DossierView d={dossier.data} />;
}

function DossierView({ d }: { d: Dossier }) {
  const t = useT();
  const fmt = useFormat();
  const long = useLongDateTime();
  const money = useMoney();
  const openSupplement =
    d.status === 'awaiting_supplement' ? d.supplements.find((s) => s.suppliedAt === null) : undefined;
  const visibleHistory = d.history.filter((h) => TIMELINE_LABELS[h.action]);
  const rating = (d as Dossier & { rating?: RatingView | null }).rating ?? null;
  const result = d.result as { number?: string; summary?: string; fileId?: string } | null;
  // The supplement card goes away once answered; the confirmation stays.
  const [supplied, setSupplied] = useState(false);

  return (
    <Page title={t(m.title, { code: d.code })} lead={d.procedure.name}>
      <p>
        <Link to={paths.myDossiers}>{t(m.back)}</Link>
      </p>

      <section className="card c-status-card" aria-labelledby="d-now">
        <h2 id="d-now">{t(m.now)}</h2>
        <p className="c-status-line">
          <StatusBadge status={d.status} label={DOSSIER_STATUS_LABELS[d.status]} />
        </p>
        <p>{t(STATUS_HELP[d.status])}</p>
        <Facts
          items={[
            ...(d.currentUnit && !['returned', 'refused', 'stopped'].includes(d.status)
              ? [{ label: t(m.where), value: d.currentUnit.name }]
              : []),
            ...(d.currentStep && !['returned', 'refused', 'stopped'].includes(d.status)
              ? [{ label: t(m.step), value: d.currentStep.name }]
              : []),
            { label: t(m.due), value: d.dueAt ? long(d.dueAt) : '—' },
          ]}
        />
      </section>

      {supplied ? (
        <Alert kind="success">
          <p>{t(s.sent)}</p>
        </Alert>
      ) : null}
      {openSupplement ? (
        <SupplementSection d={d} supplement={openSupplement} onSupplied={() => setSupplied(true)} />
      ) : null}

      {d.obligations.length > 0 ? (
        <section className="card" aria-labelledby="d-obl">
          <h2 id="d-obl">{t(m.obligations)}</h2>
          <ul className="c-plain-list">
            {d.obligations.map((o, i) => (
              <li key={i}>
                {t(o.fulfilledAt ? m.obligationDone : m.obligationOpen, {
                  amount: money(o.amount),
                  desc: o.description,
                })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {result ? (
        <section className="card" aria-labelledby="d-result">
          <h2 id="d-result">{t(m.result)}</h2>
          {result.summary ? <p>{result.summary}</p> : null}
          {result.number ? (
            <p>
              {t(m.resultNumber)}: <strong>{result.number}</strong>
            </p>
          ) : null}
          {result.fileId ? (
            <p>
              <a className="btn btn-primary" href={fileUrl(result.fileId)} target="_blank" rel="noreferrer">
                {t(m.resultFile)}
              </a>{' '}
              <a href="/xac-minh" target="_blank" rel="noreferrer">
                {t({ vi: 'Xác minh chữ ký số', en: 'Verify the signature' })}
              </a>
            </p>
          ) : null}
        </section>
      ) : null}

      <section className="card" aria-labelledby="d-due">
        <h2 id="d-due">{t(m.due)}</h2>
        {d.dueAt ? (
          <>
            <p className="c-big-date">{long(d.dueAt)}</p>
            {d.isClockPaused && d.pausedAt ? (
              <Alert kind="warning">{t(m.paused, { d: long(d.pausedAt) })}</Alert>
            ) : null}
            {d.originalDueAt && d.originalDueAt !== d.dueAt ? (
              <p className="muted">{t(m.originalDue, { d: long(d.originalDueAt) })}</p>
            ) : null}
            {d.extensions.map((e, i) => (
              <p key={i}>
                {t(m.extension, { from: long(e.previousDueAt), to: long(e.newDueAt), reason: e.reason })}
              </p>
            ))}
            {d.deadline ? (
              <>
                <h3>{t(m.dueWhy)}</h3>
                <DeadlineExplanation
                  deadline={d.deadline}
                  fullText={d.deadline.text}
                  intro={<p>{t(m.dueIntro)}</p>}
                />
              </>
            ) : null}
          </>
        ) : (
          <p>{d.status === 'submitted' ? t(m.noDueYet) : '—'}</p>
        )}
      </section>

      <Card title={t(m.papers)}>
        <ul className="c-plain-list">
          {d.receivedAt && d.lookupSecret ? (
            <li>
              <a href={formUrl(d.code, 'receipt')} target="_blank" rel="noreferrer">
                {t(m.receipt)}
              </a>
            </li>
          ) : null}
          {d.supplements.length > 0 ? (
            <li>
              <a href={formUrl(d.code, 'supplement-request')} target="_blank" rel="noreferrer">
                {t(m.supplementPdf)}
              </a>
            </li>
          ) : null}
          {d.extensions.length > 0 ? (
            <li>
              <a href={formUrl(d.code, 'apology')} target="_blank" rel="noreferrer">
                {t(m.apologyPdf)}
              </a>
            </li>
          ) : null}
          {d.lookupSecret ? (
            <li>
              <a
                href={`${paths.lookup}?ma=${encodeURIComponent(d.code)}&mk=${encodeURIComponent(d.lookupSecret)}`}
              >
                {t(m.lookup)}
              </a>
            </li>
          ) : null}
        </ul>
      </Card>

      <Card title={t(m.timeline)}>
        <ol className="timeline">
          {visibleHistory.map((h) => (
            <li key={h.seq}>
              <strong>{t(TIMELINE_LABELS[h.action] ?? h.actionLabel)}</strong>
              <span className="c-block muted">{fmt.dateTime(h.occurredAt)}</span>
              {h.reason ? <span className="c-block">{h.reason}</span> : null}
            </li>
          ))}
        </ol>
      </Card>

      <CitizenPaymentCard code={d.code} />

      <CitizenPostalCard code={d.code} />

      <Card title={t(m.docs)}>
        <ul className="c-plain-list">
          {d.components.map((c) => (
            <li key={c.code}>
              <span className="c-block">{c.name}</span>
              <span className="muted">
                {c.isReused ? t(m.reused) : c.isProvided || c.files.length > 0 ? t(m.provided) : t(m.missing)}
              </span>
              {c.files.length > 0 ? (
                <ul className="c-file-links">
                  {c.files.map((f) => (
                    <li key={f.id}>
                      <a href={fileUrl(f.id)} target="_blank" rel="noreferrer">
                        {f.originalName}
                      </a>{' '}
                      <span className="muted">({formatSize(f.sizeBytes)})</span>
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
          {d.otherFiles.length > 0 ? (
            <li>
              <span className="c-block">{t(m.otherFiles)}</span>
              <ul className="c-file-links">
                {d.otherFiles.map((f) => (
                  <li key={f.id}>
                    <a href={fileUrl(f.id)} target="_blank" rel="noreferrer">
                      {f.originalName}
                    </a>{' '}
                    <span className="muted">({formatSize(f.sizeBytes)})</span>
                  </li>
                ))}
              </ul>
            </li>
          ) : null}
        </ul>
      </Card>

      <Card className="c-card-facts">
        <Facts
          items={[
            { label: t(m.code), value: <span className="mono">{d.code}</span> },
            ...(d.lookupSecret
              ? [
                  {
                    label: t(m.secret),
                    value: (
                      <>
                        <span className="mono">{d.lookupSecret}</span>
                        <span className="c-block hint">{t(m.secretHint)}</span>
                      </>
                    ),
                  },
                ]
              : []),
            { label: t(m.procedure), value: d.procedure.name },
            ...(d.procedure.variantName ? [{ label: t(m.variant), value: d.procedure.variantName }] : []),
            { label: t(m.submitted), value: fmt.dateTime(d.submittedAt) },
            ...(d.receivedAt ? [{ label: t(m.received), value: fmt.dateTime(d.receivedAt) }] : []),
            { label: t(m.receivingUnit), value: d.receivingUnit.name },
            { label: t(m.competentUnit), value: d.competentUnit.name },
            {
              label: t(m.delivery),
              value: t(DELIVERY_LABELS[d.resultDelivery] ?? { vi: d.resultDelivery, en: d.resultDelivery }),
            },
            { label: t(m.fees), value: money(d.feeTotal) },
          ]}
        />
      </Card>

      <NotificationLogCard code={d.code} isOfficer={false} />
      {d.availableActions.includes('request_withdrawal') ? <WithdrawSection d={d} /> : null}
      {['returned', 'refused', 'stopped'].includes(d.status) ? <RatingSection d={d} rating={rating} /> : null}
    </Page>
  );
}

/* ------------------------------------------------------------------ supplement */

const s = {
  title: { vi: 'Cần bổ sung giấy tờ', en: 'Documents to add' },
  reason: { vi: 'Lý do', en: 'Reason' },
  by: { vi: 'Hạn bổ sung: {d}', en: 'Please respond by {d}' },
  list: { vi: 'Những gì còn thiếu', en: 'What is missing' },
  respond: { vi: 'Gửi bổ sung', en: 'Send the documents' },
  respondLead: {
    vi: 'Tải lên giấy tờ cho từng mục dưới đây (chụp ảnh bằng điện thoại cũng được), rồi bấm “Gửi bổ sung”.',
    en: 'Upload the document for each item below (a phone photo is fine), then press “Send the documents”.',
  },
  other: { vi: 'Giấy tờ khác (nếu có)', en: 'Other documents (if any)' },
  note: { vi: 'Ghi chú cho cán bộ (không bắt buộc)', en: 'Note for the officer (optional)' },
  empty: {
    vi: 'Hãy tải lên ít nhất một giấy tờ hoặc viết ghi chú.',
    en: 'Please upload at least one document or write a note.',
  },
  busy: { vi: 'Hãy đợi tệp tải lên xong.', en: 'Please wait until the files are uploaded.' },
  sent: {
    vi: 'Đã gửi bổ sung. Cán bộ sẽ kiểm tra và tiếp tục giải quyết hồ sơ.',
    en: 'Sent. The officer will check the documents and continue.',
  },
  itemHint: { vi: 'Lý do: {r}', en: 'Reason: {r}' },
};

interface SupplementItem {
  componentCode?: string;
  name?: string;
  reason?: string;
}

function SupplementSection({
  d,
  supplement,
  onSupplied,
}: {
  d: Dossier;
  supplement: Dossier['supplements'][number];
  onSupplied: () => void;
}) {
  const t = useT();
  const long = useLongDateTime();
  const queryClient = useQueryClient();
  const items = supplement.items as SupplementItem[];
  const canSupply = d.availableActions.includes('supply');
  const [files, setFiles] = useState<Record<string, UploadedFile[]>>({});
  const [busy, setBusy] = useState<Record<string, boolean>>({});
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [isSending, setSending] = useState(false);
  const [isDone, setDone] = useState(false);
  const isUploading = Object.values(busy).some(Boolean);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    setError(null);
    if (isUploading) return setProblem(t(s.busy));
    const list = Object.entries(files).flatMap(([key, fs]) =>
      fs.map((f) => ({
        ...(key.startsWith('c:') ? { componentCode: key.slice(2) } : {}),
        fileId: f.id,
      })),
    );
    if (list.length === 0 && !note.trim()) return setProblem(t(s.empty));
    const body = {
      action: 'supply' as const,
      expectedVersion: d.version,
      ...(note.trim() ? { note: note.trim() } : {}),
      files: list,
    };
    const parsed = DossierActionInput.safeParse(body);
    if (!parsed.success) return setProblem(parsed.error.issues.map((i) => i.message).join('; '));
    setSending(true);
    try {
      const updated = await postAction(d.code, parsed.data);
      setDone(true);
      onSupplied();
      queryClient.setQueryData(queryKeys.dossier(d.code), updated);
      void queryClient.invalidateQueries({ queryKey: ['my-dossiers'] });
    } catch (err) {
      setError(err);
      if (err instanceof ApiError && err.status === 409)
        void queryClient.invalidateQueries({ queryKey: queryKeys.dossier(d.code) });
    } finally {
      setSending(false);
    }
  }

  const keyOf = (item: SupplementItem, i: number) =>
    item.componentCode ? `c:${item.componentCode}` : `i:${i}`;

  return (
    <section className="card c-attention-card" aria-labelledby="d-supp">
      <h2 id="d-supp">{t(s.title)}</h2>
      <p>
        <strong>{t(s.reason)}:</strong> {supplement.reason}
      </p>
      {supplement.respondBy ? <p>{t(s.by, { d: long(supplement.respondBy) })}</p> : null}
      <h3>{t(s.list)}</h3>
      <ol className="c-plain-list">
        {items.map((item, i) => (
          <li key={i}>
            <strong>{item.name}</strong>
            {item.reason ? <span className="c-block">{t(s.itemHint, { r: item.reason })}</span> : null}
          </li>
        ))}
      </ol>
      {isDone ? <Alert kind="success">{t(s.sent)}</Alert> : null}
      {canSupply && !isDone ? (
        <form onSubmit={(e) => void onSubmit(e)} noValidate>
          <h3>{t(s.respond)}</h3>
          <p>{t(s.respondLead)}</p>
          {items.map((item, i) => {
            const key = keyOf(item, i);
            return (
              <FileUploadField
                key={key}
                label={item.name ?? `${i + 1}`}
                hint={item.reason ? t(s.itemHint, { r: item.reason }) : undefined}
                files={files[key] ?? []}
                onChange={(list) => setFiles((f) => ({ ...f, [key]: list }))}
                onBusyChange={(b) => setBusy((x) => (x[key] === b ? x : { ...x, [key]: b }))}
              />
            );
          })}
          <FileUploadField
            label={t(s.other)}
            files={files['other'] ?? []}
            onChange={(list) => setFiles((f) => ({ ...f, other: list }))}
            onBusyChange={(b) => setBusy((x) => (x['other'] === b ? x : { ...x, other: b }))}
          />
          <TextArea
            label={t(s.note)}
            value={note}
            maxLength={2000}
            onChange={(e) => setNote(e.target.value)}
          />
          {problem ? <Alert kind="error">{problem}</Alert> : null}
          {error ? <CitizenError error={error} /> : null}
          <Button type="submit" className="c-btn-big" isBusy={isSending}>
            {t(s.respond)}
          </Button>
        </form>
      ) : null}
    </section>
  );
}

/* ------------------------------------------------------------------ withdrawal */

const w = {
  title: { vi: 'Rút hồ sơ', en: 'Withdraw the dossier' },
  lead: {
    vi: 'Nếu không muốn tiếp tục, bạn có thể đề nghị rút hồ sơ. Nơi tiếp nhận sẽ xem xét và thông báo cho bạn.',
    en: 'If you no longer want to go on, you can ask to withdraw. The receiving office will review and tell you.',
  },
  start: { vi: 'Tôi muốn rút hồ sơ', en: 'I want to withdraw' },
  reason: { vi: 'Lý do rút hồ sơ', en: 'Why do you withdraw?' },
  reasonHint: { vi: 'Ít nhất 3 ký tự.', en: 'At least 3 characters.' },
  reasonError: {
    vi: 'Hãy ghi lý do (ít nhất 3 ký tự).',
    en: 'Please give a reason (at least 3 characters).',
  },
  confirmTitle: {
    vi: 'Bạn chắc chắn muốn rút hồ sơ này?',
    en: 'Are you sure you want to withdraw this dossier?',
  },
  confirmText: {
    vi: 'Sau khi rút, hồ sơ sẽ dừng giải quyết. Muốn làm lại, bạn phải nộp hồ sơ mới.',
    en: 'Once withdrawn, the dossier stops. To start again you would submit a new dossier.',
  },
  confirm: { vi: 'Có, rút hồ sơ', en: 'Yes, withdraw' },
  cancel: { vi: 'Không, giữ hồ sơ', en: 'No, keep it' },
  done: {
    vi: 'Đã gửi đề nghị rút hồ sơ. Nơi tiếp nhận sẽ xem xét.',
    en: 'Your withdrawal request was sent. The receiving office will review it.',
  },
};

function WithdrawSection({ d }: { d: Dossier }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [stage, setStage] = useState<'idle' | 'reason' | 'confirm' | 'done'>('idle');
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [isBusy, setBusy] = useState(false);
  const body = { action: 'request_withdrawal' as const, expectedVersion: d.version, reason: reason.trim() };

  function onNext(e: FormEvent) {
    e.preventDefault();
    if (!DossierActionInput.safeParse(body).success) return setReasonError(t(w.reasonError));
    setReasonError(undefined);
    setStage('confirm');
  }

  async function onConfirm() {
    setBusy(true);
    setError(null);
    try {
      const updated = await postAction(d.code, body);
      setStage('done');
      queryClient.setQueryData(queryKeys.dossier(d.code), updated);
      void queryClient.invalidateQueries({ queryKey: ['my-dossiers'] });
    } catch (err) {
      setError(err);
      if (err instanceof ApiError && err.status === 409)
        void queryClient.invalidateQueries({ queryKey: queryKeys.dossier(d.code) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="d-withdraw">
      <h2 id="d-withdraw">{t(w.title)}</h2>
      {stage === 'done' ? <Alert kind="success">{t(w.done)}</Alert> : <p>{t(w.lead)}</p>}
      {stage === 'idle' ? (
        <Button variant="danger" onClick={() => setStage('reason')}>
          {t(w.start)}
        </Button>
      ) : null}
      {stage === 'reason' ? (
        <form onSubmit={onNext} noValidate>
          <TextArea
            label={t(w.reason)}
            hint={t(w.reasonHint)}
            error={reasonError}
            value={reason}
            maxLength={2000}
            required
            onChange={(e) => setReason(e.target.value)}
          />
          <div className="row">
            <Button type="submit" variant="danger">
              {t(w.start)}
            </Button>
            <Button variant="secondary" onClick={() => setStage('idle')}>
              {t(w.cancel)}
            </Button>
          </div>
        </form>
      ) : null}
      {stage === 'confirm' ? (
        <div
          role="alertdialog"
          aria-labelledby="d-withdraw-confirm"
          aria-describedby="d-withdraw-text"
          className="c-confirm"
        >
          <p id="d-withdraw-confirm" className="alert-title">
            {t(w.confirmTitle)}
          </p>
          <p id="d-withdraw-text">{t(w.confirmText)}</p>
          {error ? <CitizenError error={error} /> : null}
          <div className="row">
            <Button variant="danger" isBusy={isBusy} onClick={() => void onConfirm()}>
              {t(w.confirm)}
            </Button>
            <Button variant="secondary" onClick={() => setStage('idle')}>
              {t(w.cancel)}
            </Button>
          </div>
        </div>
      ) : null}
    </section>
  );
}

/* ------------------------------------------------------------------ rating */

const r = {
  title: { vi: 'Đánh giá mức độ hài lòng', en: 'Rate the service' },
  lead: {
    vi: 'Bạn hài lòng thế nào với việc giải quyết hồ sơ này? Ý kiến của bạn giúp cơ quan phục vụ tốt hơn.',
    en: 'How satisfied are you with how this dossier was handled? Your opinion helps the agency serve better.',
  },
  score: { vi: 'Mức độ hài lòng chung', en: 'Overall satisfaction' },
  aspects: { vi: 'Đánh giá chi tiết (không bắt buộc)', en: 'More detail (optional)' },
  timeliness: { vi: 'Giải quyết đúng hẹn', en: 'Done on time' },
  attitude: { vi: 'Thái độ của cán bộ', en: 'Attitude of the staff' },
  clarity: { vi: 'Hướng dẫn rõ ràng, dễ hiểu', en: 'Clear guidance' },
  notRated: { vi: 'Không đánh giá', en: 'No answer' },
  comment: { vi: 'Góp ý thêm (không bắt buộc)', en: 'Comments (optional)' },
  send: { vi: 'Gửi đánh giá', en: 'Send my rating' },
  pick: { vi: 'Hãy chọn một mức hài lòng.', en: 'Please choose a level.' },
  thanks: { vi: 'Cảm ơn bạn đã đánh giá!', en: 'Thank you for your rating!' },
  yours: { vi: 'Bạn đã đánh giá: {label}', en: 'Your rating: {label}' },
};

const SCORES: { score: number; label: Text; face: string }[] = [
  { score: 5, label: { vi: 'Rất hài lòng', en: 'Very satisfied' }, face: '😄' },
  { score: 4, label: { vi: 'Hài lòng', en: 'Satisfied' }, face: '🙂' },
  { score: 3, label: { vi: 'Bình thường', en: 'Neutral' }, face: '😐' },
  { score: 2, label: { vi: 'Không hài lòng', en: 'Unsatisfied' }, face: '🙁' },
  { score: 1, label: { vi: 'Rất không hài lòng', en: 'Very unsatisfied' }, face: '😠' },
];

function RatingSection({ d, rating }: { d: Dossier; rating: RatingView | null }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [score, setScore] = useState<number | null>(null);
  const [aspects, setAspects] = useState<Record<string, number>>({});
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [isBusy, setBusy] = useState(false);
  const [saved, setSaved] = useState<RatingView | null>(null);
  const shown = saved ?? rating;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    setError(null);
    if (!score) return setProblem(t(r.pick));
    const body: RatingInput = {
      score,
      ...(comment.trim() ? { comment: comment.trim() } : {}),
      ...(Object.keys(aspects).length ? { aspects } : {}),
    };
    setBusy(true);
    try {
      const view = await api<RatingView>(`/api/dossiers/${encodeURIComponent(d.code)}/rating`, { body });
      setSaved(view);
      void queryClient.invalidateQueries({ queryKey: queryKeys.dossier(d.code) });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  if (shown) {
    const label = SCORES.find((x) => x.score === shown.score)?.label;
    return (
      <section className="card" aria-labelledby="d-rating">
        <h2 id="d-rating">{t(r.title)}</h2>
        {saved ? <Alert kind="success">{t(r.thanks)}</Alert> : null}
        <p>{t(r.yours, { label: label ? t(label) : String(shown.score) })}</p>
        {shown.comment ? <p className="muted">“{shown.comment}”</p> : null}
      </section>
    );
  }

  return (
    <section className="card" aria-labelledby="d-rating">
      <h2 id="d-rating">{t(r.title)}</h2>
      <p>{t(r.lead)}</p>
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <fieldset className="c-rating" aria-describedby={problem ? 'rating-problem' : undefined}>
          <legend>{t(r.score)}</legend>
          {SCORES.map((x) => (
            <label key={x.score} className={`c-rating-choice${score === x.score ? ' is-checked' : ''}`}>
              <input
                type="radio"
                name="score"
                value={x.score}
                checked={score === x.score}
                onChange={() => setScore(x.score)}
              />
              <span className="c-rating-face" aria-hidden="true">
                {x.face}
              </span>
              <span>{t(x.label)}</span>
            </label>
          ))}
        </fieldset>
        {problem ? (
          <p className="field-error" id="rating-problem">
            {problem}
          </p>
        ) : null}
        <details className="c-details">
          <summary>{t(r.aspects)}</summary>
          {(['timeliness', 'attitude', 'clarity'] as const).map((key) => (
            <div className="field" key={key}>
              <label htmlFor={`aspect-${key}`}>{t(r[key])}</label>
              <select
                id={`aspect-${key}`}
                value={aspects[key] ?? ''}
                onChange={(e) =>
                  setAspects((a) => {
                    const next = { ...a };
                    if (e.target.value) next[key] = Number(e.target.value);
                    else delete next[key];
                    return next;
                  })
                }
              >
                <option value="">{t(r.notRated)}</option>
                {SCORES.map((x) => (
                  <option key={x.score} value={x.score}>
                    {t(x.label)}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </details>
        <TextArea
          label={t(r.comment)}
          value={comment}
          maxLength={1000}
          onChange={(e) => setComment(e.target.value)}
        />
        {error ? <CitizenError error={error} /> : null}
        <Button type="submit" className="c-btn-big" isBusy={isBusy}>
          {t(r.send)}
        </Button>
      </form>
    </section>
  );
}
