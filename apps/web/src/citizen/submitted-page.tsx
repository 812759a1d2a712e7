import { DOSSIER_STATUS_LABELS } from '@motcua/domain';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api } from '../api/client.ts';
import { useFormat, useT } from '../app/i18n.tsx';
import { paths } from '../app/paths.ts';
import { Alert, Card, Facts, Loading, Page, StatusBadge } from '../ui/ui.tsx';
import { formUrl, queryKeys, type Dossier } from './citizen-api.ts';
import { CitizenError, useLongDateTime } from './citizen-ui.tsx';

const m = {
  title: { vi: 'Đã nộp hồ sơ', en: 'Dossier submitted' },
  success: {
    vi: 'Hồ sơ của bạn đã được gửi thành công.',
    en: 'Your dossier was sent successfully.',
  },
  keep: {
    vi: 'Hãy ghi lại mã hồ sơ và mã tra cứu dưới đây (hoặc chụp màn hình) để theo dõi.',
    en: 'Write down the dossier code and lookup code below (or take a screenshot) to follow your dossier.',
  },
  code: { vi: 'Mã hồ sơ', en: 'Dossier code' },
  secret: { vi: 'Mã tra cứu', en: 'Lookup code' },
  status: { vi: 'Tình trạng', en: 'Status' },
  procedure: { vi: 'Thủ tục', en: 'Procedure' },
  submittedAt: { vi: 'Thời gian nộp', en: 'Submitted at' },
  office: { vi: 'Nơi tiếp nhận', en: 'Receiving office' },
  due: { vi: 'Hẹn trả kết quả', en: 'Result due' },
  dueLater: {
    vi: 'Ngày hẹn trả kết quả sẽ có khi cán bộ một cửa kiểm tra và tiếp nhận hồ sơ (thường trong ngày làm việc). Thời hạn giải quyết được tính từ lúc đó.',
    en: 'The result date is set when a one-stop officer checks and accepts the dossier (usually within the working day). The time limit counts from then.',
  },
  next: { vi: 'Tiếp theo', en: 'What happens next' },
  next1: {
    vi: 'Cán bộ kiểm tra hồ sơ. Nếu thiếu giấy tờ, bạn sẽ được báo một lần, ghi rõ cần bổ sung gì.',
    en: 'An officer checks the dossier. If anything is missing you are told once, with exactly what to add.',
  },
  next2: {
    vi: 'Khi hồ sơ được tiếp nhận, bạn tải được Giấy tiếp nhận và hẹn trả kết quả trong trang hồ sơ.',
    en: 'Once accepted, you can download the receipt with the result date from the dossier page.',
  },
  receipt: { vi: 'Tải Giấy tiếp nhận và hẹn trả kết quả (PDF)', en: 'Download the receipt (PDF)' },
  receiptLater: {
    vi: 'Giấy tiếp nhận (PDF) có sau khi hồ sơ được tiếp nhận.',
    en: 'The receipt (PDF) is available once the dossier is accepted.',
  },
  open: { vi: 'Xem trang hồ sơ', en: 'Open the dossier page' },
  lookup: { vi: 'Tra cứu không cần đăng nhập', en: 'Track without logging in' },
  mine: { vi: 'Hồ sơ của tôi', en: 'My dossiers' },
  another: { vi: 'Nộp hồ sơ khác', en: 'Submit another dossier' },
};

export function SubmittedPage() {
  const { code = '' } = useParams();
  const t = useT();
  const fmt = useFormat();
  const long = useLongDateTime();
  const dossier = useQuery({
    queryKey: queryKeys.dossier(code),
    queryFn: () => api<Dossier>(`/api/dossiers/${encodeURIComponent(code)}`),
  });
  if (dossier.isLoading) return <Loading />;
  if (dossier.error || !dossier.data)
    return (
      <Page title={t(m.title)}>
        <CitizenError error={dossier.error} onRetry={() => void dossier.refetch()} />
      </Page>
    );
  const d = dossier.data;
  const hasReceipt = Boolean(d.receivedAt && d.lookupSecret);
  return (
    <Page title={t(m.title)}>
      <Alert kind="success" title={t(m.success)}>
        <p>{t(m.keep)}</p>
      </Alert>
      <section className="card c-receipt" aria-label={t(m.code)}>
        <p className="c-receipt-label">{t(m.code)}</p>
        <p className="c-receipt-code mono">{d.code}</p>
        {d.lookupSecret ? (
          <>
            <p className="c-receipt-label">{t(m.secret)}</p>
            <p className="c-receipt-code mono">{d.lookupSecret}</p>
          </>
        ) : null}
      </section>
      <Card className="c-card-facts">
        <Facts
          items={[
            {
              label: t(m.status),
              value: <StatusBadge status={d.status} label={DOSSIER_STATUS_LABELS[d.status]} />,
            },
            { label: t(m.procedure), value: d.procedure.name },
            { label: t(m.submittedAt), value: fmt.dateTime(d.submittedAt) },
            { label: t(m.office), value: d.receivingUnit.name },
            { label: t(m.due), value: d.dueAt ? long(d.dueAt) : t(m.dueLater) },
          ]}
        />
      </Card>
      <Card title={t(m.next)}>
        <ol className="c-plain-list">
          {d.status === 'submitted' ? <li>{t(m.next1)}</li> : null}
          <li>{t(m.next2)}</li>
        </ol>
        <ul className="c-plain-list">
          <li>
            {hasReceipt ? (
              <a href={formUrl(d.code, 'receipt')} target="_blank" rel="noreferrer">
                {t(m.receipt)}
              </a>
            ) : (
              <span className="muted">{t(m.receiptLater)}</span>
            )}
          </li>
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
        <div className="row">
          <Link className="btn btn-primary" to={paths.myDossier(d.code)}>
            {t(m.open)}
          </Link>
          <Link className="btn btn-secondary" to={paths.myDossiers}>
            {t(m.mine)}
          </Link>
          <Link className="btn btn-ghost" to={paths.procedures}>
            {t(m.another)}
          </Link>
        </div>
      </Card>
    </Page>
  );
}
