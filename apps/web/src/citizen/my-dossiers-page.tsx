import { DOSSIER_STATUS_LABELS, type DossierStatus } from '@motcua/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/client.ts';
import { useFormat, useT, type Text } from '../app/i18n.tsx';
import { paths } from '../app/paths.ts';
import { NotificationPreferenceCard } from '../integrations/notification-log.tsx';
import { Loading, Page, Pagination, StatusBadge } from '../ui/ui.tsx';
import { queryKeys, type DossierSummary } from './citizen-api.ts';
import { CitizenError } from './citizen-ui.tsx';

const m = {
  title: { vi: 'Hồ sơ của tôi', en: 'My dossiers' },
  lead: {
    vi: 'Các hồ sơ bạn đã nộp, mới nhất ở trên cùng.',
    en: 'The dossiers you submitted, newest first.',
  },
  find: { vi: 'Tìm thủ tục để nộp hồ sơ mới', en: 'Find a procedure to submit a new dossier' },
  show: { vi: 'Hiển thị', en: 'Show' },
  none: { vi: 'Bạn chưa có hồ sơ nào.', en: 'You have no dossier yet.' },
  noneInGroup: { vi: 'Không có hồ sơ nào trong nhóm này.', en: 'No dossier in this group.' },
  submitted: { vi: 'Ngày nộp', en: 'Submitted' },
  due: { vi: 'Hẹn trả kết quả', en: 'Result due' },
  noDue: { vi: 'Có khi hồ sơ được tiếp nhận', en: 'Set when the dossier is received' },
  code: { vi: 'Mã hồ sơ', en: 'Dossier code' },
  status: { vi: 'Tình trạng', en: 'Status' },
  open: { vi: 'Xem hồ sơ {code}', en: 'Open dossier {code}' },
  count: { vi: '{n} hồ sơ', en: '{n} dossiers' },
  needsYou: { vi: 'Cần bạn làm tiếp', en: 'Needs your action' },
};

const GROUPS: { key: string; label: Text; statuses: DossierStatus[] | undefined }[] = [
  { key: '', label: { vi: 'Tất cả', en: 'All' }, statuses: undefined },
  {
    key: 'can-bo-sung',
    label: { vi: 'Cần bạn bổ sung', en: 'Waiting for you' },
    statuses: ['awaiting_supplement', 'awaiting_obligation'],
  },
  {
    key: 'dang-giai-quyet',
    label: { vi: 'Đang giải quyết', en: 'In progress' },
    statuses: ['submitted', 'received', 'processing', 'withdrawal_requested'],
  },
  { key: 'co-ket-qua', label: { vi: 'Đã có kết quả', en: 'Result ready' }, statuses: ['result_ready'] },
  {
    key: 'da-xong',
    label: { vi: 'Đã kết thúc', en: 'Finished' },
    statuses: ['returned', 'refused', 'stopped'],
  },
];

const LIMIT = 20;
const WAITING: readonly string[] = ['awaiting_supplement', 'awaiting_obligation'];

export function MyDossiersPage() {
  const t = useT();
  const fmt = useFormat();
  const [params, setParams] = useSearchParams();
  const groupKey = params.get('nhom') ?? '';
  const group = GROUPS.find((g) => g.key === groupKey) ?? GROUPS[0];
  const offset = Math.max(0, Number(params.get('from') ?? '0') || 0);
  const query = { scope: 'mine', status: group?.statuses, sort: 'submitted_desc', limit: LIMIT, offset };
  const list = useQuery({
    queryKey: queryKeys.myDossiers(query),
    queryFn: ({ signal }) =>
      api<{ items: DossierSummary[]; total: number }>('/api/dossiers', { query, signal }),
    placeholderData: keepPreviousData,
  });

  return (
    <Page
      title={t(m.title)}
      lead={t(m.lead)}
      actions={
        <Link className="btn btn-secondary" to={paths.procedures}>
          {t(m.find)}
        </Link>
      }
    >
      <div className="c-chips" role="group" aria-label={t(m.show)}>
        {GROUPS.map((g) => (
          <button
            key={g.key}
            type="button"
            className="c-chip"
            aria-pressed={g.key === groupKey}
            onClick={() => {
              const next = new URLSearchParams();
              if (g.key) next.set('nhom', g.key);
              setParams(next);
            }}
          >
            {t(g.label)}
          </button>
        ))}
      </div>
      {list.isLoading ? <Loading /> : null}
      {list.error ? <CitizenError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data ? (
        <>
          <p className="c-found" role="status">
            {list.data.total === 0
              ? t(groupKey ? m.noneInGroup : m.none)
              : t(m.count, { n: list.data.total })}
          </p>
          <ul className="c-dossier-list" aria-busy={list.isFetching || undefined}>
            {list.data.items.map((d) => (
              <li key={d.code} className="c-dossier">
                <p className="c-dossier-head">
                  <StatusBadge status={d.status} label={DOSSIER_STATUS_LABELS[d.status]} />
                  {WAITING.includes(d.status) ? (
                    <span className="badge c-attention">
                      <span aria-hidden="true">! </span>
                      {t(m.needsYou)}
                    </span>
                  ) : null}
                </p>
                <Link
                  to={paths.myDossier(d.code)}
                  className="c-result-title"
                  aria-label={`${d.procedureName} — ${t(m.open, { code: d.code })}`}
                >
                  {d.procedureName}
                </Link>
                <dl className="c-result-facts">
                  <div>
                    <dt>{t(m.code)}</dt>
                    <dd className="mono">{d.code}</dd>
                  </div>
                  <div>
                    <dt>{t(m.submitted)}</dt>
                    <dd>{fmt.date(d.submittedAt)}</dd>
                  </div>
                  <div>
                    <dt>{t(m.due)}</dt>
                    <dd>{d.dueAt ? fmt.date(d.dueAt) : d.status === 'submitted' ? t(m.noDue) : '—'}</dd>
                  </div>
                </dl>
              </li>
            ))}
          </ul>
          {list.data.total > LIMIT ? (
            <Pagination
              offset={offset}
              limit={LIMIT}
              total={list.data.total}
              onChange={(o) => {
                const next = new URLSearchParams(params);
                if (o) next.set('from', String(o));
                else next.delete('from');
                setParams(next);
                window.scrollTo({ top: 0 });
              }}
            />
          ) : null}
        </>
      ) : null}
      <NotificationPreferenceCard />
    </Page>
  );
}
