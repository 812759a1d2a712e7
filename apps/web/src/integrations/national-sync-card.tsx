import { useQuery } from '@tanstack/react-query';
import { useFormat, useT, type Text } from '../app/i18n.tsx';
import { Card, ErrorMessage, Loading } from '../ui/ui.tsx';
import { fetchDossierSync } from './integrations-api.ts';

const STATE_LABELS: Record<string, Text> = {
  pending: { vi: 'Đang chờ đồng bộ', en: 'Waiting to sync' },
  synced: { vi: 'Đã đồng bộ', en: 'In sync' },
  failed: { vi: 'Đồng bộ lỗi, đang thử lại', en: 'Sync failed, retrying' },
  dead: { vi: 'Không đồng bộ được', en: 'Could not sync' },
};

const m = {
  title: { vi: 'Đồng bộ Cổng Dịch vụ công quốc gia', en: 'National portal sync' },
  notConfigured: {
    vi: 'Chưa kết nối Cổng Dịch vụ công quốc gia.',
    en: 'The national portal is not connected.',
  },
  never: { vi: 'Chưa đồng bộ lần nào.', en: 'Never synced.' },
  detail: {
    vi: 'Cổng đã nhận trạng thái {code} (phiên bản {v}) lúc {at}.',
    en: 'The portal has status {code} (version {v}) since {at}.',
  },
  error: { vi: 'Lỗi: {e}', en: 'Error: {e}' },
};

/** Sync state of a dossier with the national portal (officer dossier page). */
export function NationalSyncCard({ code }: { code: string }) {
  const t = useT();
  const format = useFormat();
  const sync = useQuery({ queryKey: ['national-sync', code], queryFn: () => fetchDossierSync(code) });
  return (
    <Card title={t(m.title)}>
      {sync.isPending ? <Loading /> : null}
      {sync.isError ? <ErrorMessage error={sync.error} onRetry={() => void sync.refetch()} /> : null}
      {sync.data && !sync.data.isConfigured ? <p className="muted">{t(m.notConfigured)}</p> : null}
      {sync.data?.isConfigured ? (
        <>
          <p>
            <span className={`badge sync-${sync.data.state ?? 'never'}`}>
              {sync.data.state
                ? t(STATE_LABELS[sync.data.state] ?? { vi: sync.data.state, en: sync.data.state })
                : t(m.never)}
            </span>
          </p>
          {sync.data.syncedVersion !== null ? (
            <p className="o-small">
              {t(m.detail, {
                code: sync.data.syncedStatusCode ?? '—',
                v: sync.data.syncedVersion,
                at: format.dateTime(sync.data.syncedAt),
              })}
            </p>
          ) : null}
          {sync.data.lastError ? <p className="o-small">{t(m.error, { e: sync.data.lastError })}</p> : null}
        </>
      ) : null}
    </Card>
  );
}
