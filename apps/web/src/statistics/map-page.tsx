import { PERIOD_PRESETS, PERIOD_PRESET_LABELS } from '@motcua/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api } from '../api/client.ts';
import { useFormat, useT, type Text } from '../app/i18n.tsx';
import { paths } from '../app/paths.ts';
import { Alert, ErrorMessage, Loading, Page, SelectField } from '../ui/ui.tsx';
import { MapView, type EnforcementMap } from './map-view.tsx';
import { useReportParams } from './report-page.tsx';

const m = {
  title: { vi: 'Bản đồ thực thi thể chế', en: 'Institutional enforcement map' },
  lead: {
    vi: 'Tỷ lệ hồ sơ giải quyết đúng hạn của từng xã, phường và từng sở, ngành trong kỳ. Chọn một đơn vị để xem báo cáo và danh sách hồ sơ.',
    en: 'Share of dossiers settled on time per commune and agency in the period. Choose a unit to see its report and dossiers.',
  },
  preset: { vi: 'Kỳ', en: 'Period' },
  period: { vi: 'Kỳ: {text}', en: 'Period: {text}' },
  total: {
    vi: 'Toàn phạm vi: {settled} hồ sơ đã giải quyết, tỷ lệ đúng hạn {rate}.',
    en: 'Whole scope: {settled} dossiers settled, {rate} on time.',
  },
  partial: {
    vi: 'Kỳ chưa kết thúc: số liệu tạm tính.',
    en: 'The period has not ended: provisional figures.',
  },
} satisfies Record<string, Text>;

/** Officer workspace: the enforcement map of the officer's report scope, drilling down to reports. */
export function EnforcementMapPage() {
  const t = useT();
  const f = useFormat();
  const [params] = useReportParams();
  const [search, setSearch] = useSearchParams();
  const q = useQuery({
    queryKey: ['statistics', 'map', params.from, params.to, params.unitId],
    queryFn: ({ signal }) =>
      api<EnforcementMap>('/api/statistics/map', {
        query: { from: params.from, to: params.to, unitId: params.unitId },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
  const reportOf = (unitId: string) => {
    const next = new URLSearchParams();
    next.set('ky', params.preset);
    if (params.preset === 'custom') {
      next.set('tu', params.from);
      next.set('den', params.to);
    }
    next.set('donvi', unitId);
    next.set('hang', 'unit');
    return `${paths.reports}?${next.toString()}`;
  };
  return (
    <Page title={t(m.title)} lead={t(m.lead)}>
      <form className="report-filters card" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label={t(m.preset)}
          value={params.preset === 'custom' ? 'this_month' : params.preset}
          onChange={(e) => {
            const next = new URLSearchParams(search);
            next.set('ky', e.target.value);
            next.delete('tu');
            next.delete('den');
            setSearch(next);
          }}
          options={PERIOD_PRESETS.map((p) => ({ value: p, label: t(PERIOD_PRESET_LABELS[p]) }))}
        />
      </form>
      {q.isPending ? <Loading /> : null}
      {q.isError ? <ErrorMessage error={q.error} onRetry={() => void q.refetch()} /> : null}
      {q.data ? (
        <>
          <p>
            {t(m.period, { text: t(q.data.periodText) })} ·{' '}
            {t(m.total, {
              settled: f.number(q.data.total.counts.settledTotal),
              rate:
                q.data.total.onTimeRate === null
                  ? '—'
                  : `${f.number(Math.round(q.data.total.onTimeRate * 10) / 10)}%`,
            })}
          </p>
          {q.data.isPartial ? <Alert kind="info">{t(m.partial)}</Alert> : null}
          <MapView map={q.data} linkOf={reportOf} />
        </>
      ) : null}
    </Page>
  );
}
