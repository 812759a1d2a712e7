import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, type ResponseOf } from '../api/client.ts';
import { useFormat, useT, type Text } from '../app/i18n.tsx';
import { paths } from '../app/paths.ts';
import { Card, ErrorMessage, Loading, Page } from '../ui/ui.tsx';
import { useReportParams } from './report-page.tsx';
import { TrendChart } from './trend-chart.tsx';
import { WeeklyCard } from './weekly-card.tsx';

type Dashboard = ResponseOf<'/api/statistics/dashboard', 'get'>;
type Indicators = ResponseOf<'/api/statistics/indicators-766', 'get'>;

const m = {
  title: { vi: 'Tổng quan điều hành', en: 'Leaders’ overview' },
  lead: {
    vi: 'Số liệu hôm nay và của kỳ, tính từ lịch sử hồ sơ như báo cáo II.06a.',
    en: 'Today’s figures and the period’s, counted from dossier history like report II.06a.',
  },
  today: { vi: 'Hôm nay', en: 'Today' },
  received: { vi: 'Hồ sơ tiếp nhận', en: 'Dossiers received' },
  online: { vi: 'Nộp trực tuyến', en: 'Submitted online' },
  settledToday: { vi: 'Đã giải quyết', en: 'Settled' },
  overdueNow: { vi: 'Đang quá hạn', en: 'Overdue now' },
  dueSoon: { vi: 'Đến hạn trong 1 ngày làm việc', en: 'Due within one working day' },
  inProgress: { vi: 'Đang giải quyết', en: 'In progress' },
  period: { vi: 'Trong kỳ: {text}', en: 'In the period: {text}' },
  onTime: { vi: 'Tỷ lệ đúng hạn', en: 'On-time rate' },
  supplement: { vi: 'Tỷ lệ yêu cầu bổ sung', en: 'Supplement rate' },
  refusal: { vi: 'Tỷ lệ từ chối', en: 'Refusal rate' },
  onlineRate: { vi: 'Tỷ lệ trực tuyến', en: 'Online share' },
  avgDays: { vi: 'Thời gian giải quyết trung bình', en: 'Average time to settle' },
  days: { vi: '{n} ngày làm việc', en: '{n} working days' },
  satisfaction: { vi: 'Mức độ hài lòng', en: 'Satisfaction' },
  ratings: {
    vi: '{n} lượt đánh giá, trung bình {avg}/5, hài lòng {rate}',
    en: '{n} ratings, average {avg}/5, {rate} satisfied',
  },
  weekly: { vi: 'Tỷ lệ đúng hạn theo tuần', en: 'On-time rate by week' },
  monthly: { vi: 'Tỷ lệ đúng hạn theo tháng', en: 'On-time rate by month' },
  slowProcedures: { vi: 'Thủ tục có nhiều hồ sơ trễ hạn', en: 'Procedures with the most late dossiers' },
  slowSteps: { vi: 'Bước xử lý chậm nhất', en: 'Slowest process steps' },
  procedure: { vi: 'Thủ tục', en: 'Procedure' },
  step: { vi: 'Bước', en: 'Step' },
  unit: { vi: 'Đơn vị', en: 'Unit' },
  settled: { vi: 'Đã giải quyết', en: 'Settled' },
  late: { vi: 'Trễ hạn', en: 'Late' },
  lateRate: { vi: 'Tỷ lệ trễ', en: 'Late share' },
  avgHours: { vi: 'Giờ trung bình', en: 'Average hours' },
  none: { vi: 'Chưa có.', en: 'None yet.' },
  i766: { vi: 'Chỉ số theo Quyết định 766/QĐ-TTg', en: 'Decision 766/QĐ-TTg indicators' },
  i766Lead: {
    vi: 'Các chỉ số hệ thống tự tính được từ dữ liệu của mình; chỉ số chưa tính được có ghi lý do.',
    en: 'The indicators the system can compute from its own data; the others say why not.',
  },
  indicator: { vi: 'Chỉ số', en: 'Indicator' },
  value: { vi: 'Kết quả', en: 'Value' },
  score: { vi: 'Điểm', en: 'Points' },
  total766: {
    vi: 'Tổng điểm {score}/{max} ({percent}) · Xếp loại: {grade}',
    en: 'Score {score}/{max} ({percent}) · Grade: {grade}',
  },
  reports: { vi: 'Báo cáo II.06a', en: 'Report II.06a' },
  map: { vi: 'Bản đồ', en: 'Map' },
} satisfies Record<string, Text>;

function pct(rate: number | null, number: (n: number) => string): string {
  return rate === null ? '—' : `${number(Math.round(rate * 10) / 10)}%`;
}

function Stat({ label, value, tone }: { label: string; value: string; tone?: 'bad' | 'warn' | undefined }) {
  return (
    <div className={`stat${tone ? ` stat-${tone}` : ''}`}>
      <p className="stat-value">{value}</p>
      <p className="stat-label">{label}</p>
    </div>
  );
}

function Indicators766({ params }: { params: { from: string; to: string; unitId?: string | undefined } }) {
  const t = useT();
  const f = useFormat();
  const q = useQuery({
    queryKey: ['statistics', '766', params],
    queryFn: ({ signal }) =>
      api<Indicators>('/api/statistics/indicators-766', {
        query: { from: params.from, to: params.to, unitId: params.unitId },
        signal,
      }),
  });
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorMessage error={q.error} />;
  const e = q.data.evaluation;
  return (
    <Card title={t(m.i766)}>
      <p className="hint">{t(m.i766Lead)}</p>
      <p>
        <strong>
          {t(m.total766, {
            score: f.number(e.score),
            max: f.number(e.scoredMax),
            percent: pct(e.percent, f.number),
            grade: e.grade ? t(e.grade) : '—',
          })}
        </strong>
      </p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t(m.i766)}>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t(m.indicator)}</th>
              <th scope="col" className="num">
                {t(m.value)}
              </th>
              <th scope="col" className="num">
                {t(m.score)}
              </th>
            </tr>
          </thead>
          <tbody>
            {e.indicators.map((i) => (
              <tr key={i.id}>
                <th scope="row">
                  {i.id}. {t(i)}
                  {i.notAvailableReason ? <span className="sublabel">{i.notAvailableReason}</span> : null}
                </th>
                <td className="num">
                  {i.value === null
                    ? '—'
                    : i.unit === 'percent'
                      ? pct(i.value, f.number)
                      : t(m.days, { n: f.number(i.value) })}
                </td>
                <td className="num">
                  {i.score === null ? '—' : f.number(i.score)}
                  {i.maxPoints !== null ? `/${f.number(i.maxPoints)}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

/** Leaders' overview: today, the period, trends, slowest procedures and steps, 766 indicators. */
export function DashboardPage() {
  const t = useT();
  const f = useFormat();
  const [params] = useReportParams();
  const q = useQuery({
    queryKey: ['statistics', 'dashboard', params.unitId],
    queryFn: ({ signal }) =>
      api<Dashboard>('/api/statistics/dashboard', { query: { unitId: params.unitId }, signal }),
    refetchInterval: 60_000,
  });
  return (
    <Page
      title={t(m.title)}
      lead={t(m.lead)}
      actions={
        <>
          <Link className="btn btn-secondary" to={paths.reports}>
            {t(m.reports)}
          </Link>
          <Link className="btn btn-secondary" to={paths.enforcementMap}>
            {t(m.map)}
          </Link>
        </>
      }
    >
      {q.isPending ? <Loading /> : null}
      {q.isError ? <ErrorMessage error={q.error} onRetry={() => void q.refetch()} /> : null}
      {q.data ? (
        <>
          <Card title={`${t(m.today)} · ${f.date(q.data.now)}`}>
            <div className="stats">
              <Stat
                label={t(m.received)}
                value={f.number(Object.values(q.data.today.receivedByChannel).reduce((a, b) => a + b, 0))}
              />
              <Stat label={t(m.online)} value={f.number(q.data.today.submittedOnline)} />
              <Stat label={t(m.settledToday)} value={f.number(q.data.today.settled)} />
              <Stat
                label={t(m.overdueNow)}
                value={f.number(q.data.overdueNow)}
                tone={q.data.overdueNow > 0 ? 'bad' : undefined}
              />
              <Stat
                label={t(m.dueSoon)}
                value={f.number(q.data.dueWithinOneWorkingDay)}
                tone={q.data.dueWithinOneWorkingDay > 0 ? 'warn' : undefined}
              />
              <Stat label={t(m.inProgress)} value={f.number(q.data.inProgress)} />
            </div>
          </Card>
          <Card
            title={t(m.period, {
              text: `${f.date(`${q.data.period.from}T12:00:00+07:00`)} – ${f.date(`${q.data.period.to}T12:00:00+07:00`)}`,
            })}
          >
            <div className="stats">
              <Stat label={t(m.onTime)} value={pct(q.data.onTimeRate, f.number)} />
              <Stat label={t(m.supplement)} value={pct(q.data.rates.supplement, f.number)} />
              <Stat label={t(m.refusal)} value={pct(q.data.rates.refusal, f.number)} />
              <Stat label={t(m.onlineRate)} value={pct(q.data.rates.online, f.number)} />
              <Stat
                label={t(m.avgDays)}
                value={
                  q.data.rates.averageSettlementDays === null
                    ? '—'
                    : t(m.days, { n: f.number(Math.round(q.data.rates.averageSettlementDays * 10) / 10) })
                }
              />
            </div>
            <p>
              <strong>{t(m.satisfaction)}:</strong>{' '}
              {t(m.ratings, {
                n: f.number(q.data.satisfaction.ratings),
                avg:
                  q.data.satisfaction.average === null
                    ? '—'
                    : f.number(Math.round(q.data.satisfaction.average * 10) / 10),
                rate: pct(q.data.satisfaction.satisfiedRate, f.number),
              })}
            </p>
          </Card>
          <div className="grid-2">
            <Card title={t(m.weekly)}>
              <TrendChart title={t(m.weekly)} points={q.data.weekly} />
            </Card>
            <Card title={t(m.monthly)}>
              <TrendChart title={t(m.monthly)} points={q.data.monthly} />
            </Card>
          </div>
          <div className="grid-2">
            <Card title={t(m.slowProcedures)}>
              {q.data.slowestProcedures.length === 0 ? (
                <p>{t(m.none)}</p>
              ) : (
                <div className="table-scroll" tabIndex={0} role="region" aria-label={t(m.slowProcedures)}>
                  <table className="data-table">
                    <thead>
                      <tr>
                        <th scope="col">{t(m.procedure)}</th>
                        <th scope="col" className="num">
                          {t(m.settled)}
                        </th>
                        <th scope="col" className="num">
                          {t(m.late)}
                        </th>
                        <th scope="col" className="num">
                          {t(m.lateRate)}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {q.data.slowestProcedures.map((p) => (
                        <tr key={p.procedureCode}>
                          <th scope="row">{p.name}</th>
                          <td className="num">{f.number(p.settled)}</td>
                          <td className="num">{f.number(p.late)}</td>
                          <td className="num">{pct(p.lateRate, f.number)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </Card>
            <Card title={t(m.slowSteps)}>
              {q.data.slowestSteps.length === 0 ? (
                <p>{t(m.none)}</p>
              ) : (
                <div className="table-scroll" tabIndex={0} role="region" aria-label={t(m.slowSteps)}>
                  <table className="data-table">
                    <thead>
                      <tr>
                        <th scope="col">{t(m.step)}</th>
                        <th scope="col">{t(m.unit)}</th>
                        <th scope="col" className="num">
                          {t(m.late)}
                        </th>
                        <th scope="col" className="num">
                          {t(m.avgHours)}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {q.data.slowestSteps.map((s) => (
                        <tr key={`${s.procedureCode}-${s.stepCode}-${s.unitName}`}>
                          <th scope="row">
                            {s.stepName}
                            <span className="sublabel">{s.procedureName}</span>
                          </th>
                          <td>{s.unitName}</td>
                          <td className="num">
                            {f.number(s.late)}/{f.number(s.completed)}
                          </td>
                          <td className="num">
                            {s.averageHours === null ? '—' : f.number(Math.round(s.averageHours * 10) / 10)}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </Card>
          </div>
          <Indicators766 params={{ from: q.data.period.from, to: q.data.period.to, unitId: params.unitId }} />
          <WeeklyCard unitId={params.unitId} />
        </>
      ) : null}
    </Page>
  );
}
