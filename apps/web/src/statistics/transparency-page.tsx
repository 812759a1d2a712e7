import { useQuery } from '@tanstack/react-query';
import { api, type ResponseOf } from '../api/client.ts';
import { useFormat, useT, type Text } from '../app/i18n.tsx';
import { Card, ErrorMessage, Loading, Page } from '../ui/ui.tsx';
import { MapView, type EnforcementMap } from './map-view.tsx';
import { TrendChart } from './trend-chart.tsx';

type Transparency = ResponseOf<'/api/public/statistics', 'get'>;

const m = {
  title: { vi: 'Kết quả giải quyết thủ tục hành chính', en: 'How well our agencies serve you' },
  lead: {
    vi: 'Công khai tỷ lệ hồ sơ được giải quyết đúng hạn của {province}, từng sở, ngành và từng xã, phường. Không có thông tin cá nhân.',
    en: 'The share of dossiers settled on time in {province}, per agency and per commune. No personal data.',
  },
  period: { vi: 'Kỳ: {text}', en: 'Period: {text}' },
  partial: { vi: '(tạm tính đến hôm nay)', en: '(provisional, up to today)' },
  onTime: { vi: 'Giải quyết đúng hạn', en: 'Settled on time' },
  settled: { vi: 'Hồ sơ đã giải quyết', en: 'Dossiers settled' },
  received: { vi: 'Hồ sơ tiếp nhận', en: 'Dossiers received' },
  online: { vi: 'Nộp trực tuyến', en: 'Submitted online' },
  satisfaction: { vi: 'Mức hài lòng trung bình', en: 'Average satisfaction' },
  monthly: { vi: 'Tỷ lệ đúng hạn theo tháng', en: 'On-time rate by month' },
  map: { vi: 'Bản đồ xã, phường', en: 'Map of communes' },
  updated: { vi: 'Cập nhật lúc {at}', en: 'Updated {at}' },
} satisfies Record<string, Text>;

function pct(rate: number | null, number: (n: number) => string): string {
  return rate === null ? '—' : `${number(Math.round(rate * 10) / 10)}%`;
}

/** Public transparency page: province, agencies and communes by on-time rate; no personal data. */
export function TransparencyPage() {
  const t = useT();
  const f = useFormat();
  const q = useQuery({
    queryKey: ['public', 'statistics'],
    queryFn: ({ signal }) => api<Transparency>('/api/public/statistics', { signal }),
  });
  const map = useQuery({
    queryKey: ['public', 'statistics', 'map'],
    queryFn: ({ signal }) => api<EnforcementMap>('/api/public/statistics/map', { signal }),
  });
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorMessage error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  const c = d.total.counts;
  return (
    <Page title={t(m.title)} lead={t(m.lead, { province: d.provinceName })}>
      <p>
        {t(m.period, { text: t(d.periodText) })} {d.isPartial ? t(m.partial) : ''}
      </p>
      <div className="stats">
        <div className="stat">
          <p className="stat-value">{pct(d.total.onTimeRate, f.number)}</p>
          <p className="stat-label">{t(m.onTime)}</p>
        </div>
        <div className="stat">
          <p className="stat-value">{f.number(c.settledTotal)}</p>
          <p className="stat-label">{t(m.settled)}</p>
        </div>
        <div className="stat">
          <p className="stat-value">{f.number(c.receivedOnline + c.receivedDirect)}</p>
          <p className="stat-label">{t(m.received)}</p>
        </div>
        <div className="stat">
          <p className="stat-value">{pct(d.onlineRate, f.number)}</p>
          <p className="stat-label">{t(m.online)}</p>
        </div>
        <div className="stat">
          <p className="stat-value">
            {d.satisfaction.average === null
              ? '—'
              : `${f.number(Math.round(d.satisfaction.average * 10) / 10)}/5`}
          </p>
          <p className="stat-label">{t(m.satisfaction)}</p>
        </div>
      </div>
      <Card title={t(m.monthly)}>
        <TrendChart title={t(m.monthly)} points={d.monthly} />
      </Card>
      <h2>{t(m.map)}</h2>
      {map.isPending ? <Loading /> : null}
      {map.isError ? <ErrorMessage error={map.error} /> : null}
      {map.data ? <MapView map={map.data} /> : null}
      <p className="hint">{t(m.updated, { at: f.dateTime(d.generatedAt) })}</p>
    </Page>
  );
}
