import {
  II06A_COLUMNS,
  II06A_COUNT_KEYS,
  II06A_GROUP_HEADERS,
  PERIOD_PRESETS,
  PERIOD_PRESET_LABELS,
  presetPeriod,
  toLocalDate,
  type PeriodPreset,
} from '@motcua/domain';
import { useMemo, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useFormat, useT, type Text } from '../app/i18n.tsx';
import { paths } from '../app/paths.ts';
import { Alert, Button, Card, ErrorMessage, Loading, Page, Pagination, SelectField } from '../ui/ui.tsx';
import {
  exportHref,
  useDrillDown,
  useReport06a,
  useReportScopes,
  type GroupBy,
  type ReportCounts,
  type ReportParams,
  type ReportScopes,
} from './statistics-api.ts';

const m = {
  title: { vi: 'Báo cáo tình hình giải quyết TTHC', en: 'Report on administrative procedures' },
  lead: {
    vi: 'Biểu II.06a (theo đơn vị) và II.07a (theo lĩnh vực), tính từ lịch sử từng hồ sơ. Nhấn vào một con số để xem các hồ sơ.',
    en: 'Form II.06a (by unit) and II.07a (by field), computed from each dossier’s history. Select a number to see its dossiers.',
  },
  filters: { vi: 'Kỳ báo cáo và phạm vi', en: 'Period and scope' },
  preset: { vi: 'Kỳ', en: 'Period' },
  custom: { vi: 'Tùy chọn ngày', en: 'Custom dates' },
  from: { vi: 'Từ ngày', en: 'From' },
  to: { vi: 'Đến ngày', en: 'To' },
  unit: { vi: 'Đơn vị', en: 'Unit' },
  allUnits: { vi: 'Toàn bộ phạm vi của tôi', en: 'All of my scope' },
  groupBy: { vi: 'Hàng theo', en: 'Rows by' },
  show: { vi: 'Xem báo cáo', en: 'Show report' },
  export: { vi: 'Tải về', en: 'Download' },
  xlsx: { vi: 'Excel (.xlsx)', en: 'Excel (.xlsx)' },
  pdf: { vi: 'PDF', en: 'PDF' },
  csv: { vi: 'CSV', en: 'CSV' },
  rate: { vi: 'Tỷ lệ đúng hạn', en: 'On-time rate' },
  total: { vi: 'Tổng cộng', en: 'Total' },
  partial: {
    vi: 'Kỳ báo cáo chưa kết thúc: số liệu tạm tính đến {at}.',
    en: 'The period has not ended: figures as of {at}.',
  },
  empty: { vi: 'Không có hồ sơ nào trong kỳ này.', en: 'No dossiers in this period.' },
  definitions: { vi: 'Cách tính các cột', en: 'How the columns are counted' },
  column: { vi: 'Cột', en: 'Column' },
  noRights: {
    vi: 'Báo cáo dành cho lãnh đạo, trưởng phòng và cán bộ giám sát.',
    en: 'Reports are for leaders, division heads and supervisors.',
  },
  drillTitle: { vi: 'Hồ sơ của ô đã chọn', en: 'Dossiers of the selected cell' },
  drillClose: { vi: 'Đóng danh sách', en: 'Close the list' },
  drillCount: { vi: '{n} hồ sơ', en: '{n} dossiers' },
  colCode: { vi: 'Mã hồ sơ', en: 'Code' },
  colProcedure: { vi: 'Thủ tục', en: 'Procedure' },
  colApplicant: { vi: 'Người nộp', en: 'Applicant' },
  colUnit: { vi: 'Cơ quan giải quyết', en: 'Settling agency' },
  colReceived: { vi: 'Tiếp nhận', en: 'Received' },
  colDue: { vi: 'Hẹn trả', en: 'Due' },
  colDone: { vi: 'Kết thúc xử lý', en: 'Settled' },
  colStatus: { vi: 'Trạng thái', en: 'Status' },
  drillLink: { vi: 'Xem {n} hồ sơ: {what}', en: 'See {n} dossiers: {what}' },
  map: { vi: 'Bản đồ thực thi thể chế', en: 'Enforcement map' },
} satisfies Record<string, Text>;

const GROUP_LABELS: Record<GroupBy, Text> = {
  unit: { vi: 'Cơ quan giải quyết (II.06a)', en: 'Settling agency (II.06a)' },
  field: { vi: 'Lĩnh vực theo cấp (II.07a)', en: 'Field by level (II.07a)' },
  procedure: { vi: 'Thủ tục hành chính', en: 'Procedure' },
  receiving_unit: { vi: 'Bộ phận Một cửa tiếp nhận', en: 'Receiving one-stop section' },
  total: { vi: 'Chỉ dòng tổng', en: 'Total only' },
};

function isGroupBy(v: string | null): v is GroupBy {
  return v === 'unit' || v === 'field' || v === 'procedure' || v === 'receiving_unit' || v === 'total';
}

function isPreset(v: string | null): v is PeriodPreset {
  return (PERIOD_PRESETS as readonly string[]).includes(v ?? '');
}

/** Report parameters kept in the address, so that a report can be bookmarked and shared. */
export function useReportParams(): [
  ReportParams & { preset: PeriodPreset | 'custom' },
  (next: URLSearchParams) => void,
] {
  const [search, setSearch] = useSearchParams();
  const today = toLocalDate(new Date());
  const preset = search.get('ky');
  const period =
    preset === 'custom' && search.get('tu') && search.get('den')
      ? { from: search.get('tu') ?? today, to: search.get('den') ?? today }
      : presetPeriod(isPreset(preset) ? preset : 'this_month', today);
  const groupBy = search.get('hang');
  return [
    {
      preset: preset === 'custom' ? 'custom' : isPreset(preset) ? preset : 'this_month',
      from: period.from,
      to: period.to,
      unitId: search.get('donvi') ?? undefined,
      groupBy: isGroupBy(groupBy) ? groupBy : 'unit',
    },
    (next) => setSearch(next),
  ];
}

function unitOptions(scopes: ReportScopes | undefined, t: (x: Text) => string) {
  if (!scopes) return [];
  const children = new Map<string | null, ReportScopes['units']>();
  for (const u of scopes.units) {
    const list = children.get(u.parentId) ?? [];
    list.push(u);
    children.set(u.parentId, list);
  }
  const ids = new Set(scopes.units.map((u) => u.id));
  const out: { value: string; label: string }[] = [{ value: '', label: t(m.allUnits) }];
  const walk = (parent: string | null, depth: number) => {
    for (const u of children.get(parent) ?? []) {
      out.push({ value: u.id, label: `${'  '.repeat(depth)}${depth > 0 ? '└ ' : ''}${u.name}` });
      walk(u.id, depth + 1);
    }
  };
  for (const u of scopes.units)
    if (!u.parentId || !ids.has(u.parentId)) {
      out.push({ value: u.id, label: u.name });
      walk(u.id, 1);
    }
  return out;
}

function Filters({
  params,
  scopes,
  onApply,
}: {
  params: ReportParams & { preset: PeriodPreset | 'custom' };
  scopes: ReportScopes | undefined;
  onApply: (next: URLSearchParams) => void;
}) {
  const t = useT();
  const [preset, setPreset] = useState<string>(params.preset);
  const [from, setFrom] = useState(params.from);
  const [to, setTo] = useState(params.to);
  const [unitId, setUnitId] = useState(params.unitId ?? '');
  const [groupBy, setGroupBy] = useState<GroupBy>(params.groupBy);
  const units = useMemo(() => unitOptions(scopes, t), [scopes, t]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = new URLSearchParams();
    next.set('ky', preset);
    if (preset === 'custom') {
      next.set('tu', from);
      next.set('den', to);
    }
    if (unitId) next.set('donvi', unitId);
    next.set('hang', groupBy);
    onApply(next);
  };
  return (
    <form className="report-filters card" onSubmit={submit} aria-label={t(m.filters)}>
      <SelectField
        label={t(m.preset)}
        value={preset}
        onChange={(e) => setPreset(e.target.value)}
        options={[
          ...PERIOD_PRESETS.map((p) => ({ value: p, label: t(PERIOD_PRESET_LABELS[p]) })),
          { value: 'custom', label: t(m.custom) },
        ]}
      />
      {preset === 'custom' ? (
        <>
          <div className="field">
            <label htmlFor="report-from">{t(m.from)}</label>
            <input
              id="report-from"
              type="date"
              value={from}
              required
              onChange={(e) => setFrom(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="report-to">{t(m.to)}</label>
            <input
              id="report-to"
              type="date"
              value={to}
              min={from}
              required
              onChange={(e) => setTo(e.target.value)}
            />
          </div>
        </>
      ) : null}
      <SelectField
        label={t(m.unit)}
        value={unitId}
        onChange={(e) => setUnitId(e.target.value)}
        options={units}
      />
      <SelectField
        label={t(m.groupBy)}
        value={groupBy}
        onChange={(e) => setGroupBy(isGroupBy(e.target.value) ? e.target.value : 'unit')}
        options={(Object.keys(GROUP_LABELS) as GroupBy[]).map((g) => ({
          value: g,
          label: t(GROUP_LABELS[g]),
        }))}
      />
      <div className="report-filters-submit">
        <Button type="submit">{t(m.show)}</Button>
      </div>
    </form>
  );
}

function rateText(rate: number | null, lang: (n: number) => string): string {
  return rate === null ? '—' : `${lang(Math.round(rate * 10) / 10)}%`;
}

function CountCell({
  counts,
  column,
  rowKey,
  rowLabel,
  isBold,
}: {
  counts: ReportCounts;
  column: number;
  rowKey: string | undefined;
  rowLabel: string;
  isBold?: boolean;
}) {
  const t = useT();
  const f = useFormat();
  const [search] = useSearchParams();
  const key = II06A_COUNT_KEYS[column - 3];
  const value = key ? counts[key] : 0;
  const col = II06A_COLUMNS.find((c) => c.number === column);
  if (value === 0) return <td className="num">{isBold ? <strong>0</strong> : 0}</td>;
  const next = new URLSearchParams(search);
  next.set('o', String(column));
  if (rowKey) next.set('dong', rowKey);
  else next.delete('dong');
  next.delete('trang');
  const what = `${rowLabel} · (${column}) ${col ? t(col) : ''}`;
  return (
    <td className="num">
      <Link
        to={`?${next.toString()}`}
        aria-label={t(m.drillLink, { n: f.number(value), what })}
        className={isBold ? 'strong' : undefined}
      >
        {f.number(value)}
      </Link>
    </td>
  );
}

function ReportTable({ params }: { params: ReportParams }) {
  const t = useT();
  const f = useFormat();
  const report = useReport06a(params);
  if (report.isPending) return <Loading />;
  if (report.isError) return <ErrorMessage error={report.error} onRetry={() => void report.refetch()} />;
  const r = report.data;
  const g = II06A_GROUP_HEADERS;
  const col = (n: number) => {
    const c = II06A_COLUMNS.find((x) => x.number === n);
    return c ? t(c) : '';
  };
  return (
    <Card>
      <div className="report-heading">
        <p className="report-form">{r.form.code}</p>
        <h2>{t(r.form)}</h2>
        <p>
          {t(r.periodText)}
          {r.unit ? ` · ${r.unit.name}` : ''}
        </p>
      </div>
      {r.isPartial ? <Alert kind="info">{t(m.partial, { at: f.dateTime(r.asOf) })}</Alert> : null}
      <div className="report-actions">
        <span>{t(m.export)}:</span>
        <a className="btn btn-secondary" href={exportHref(params, 'xlsx')} download>
          {t(m.xlsx)}
        </a>
        <a className="btn btn-secondary" href={exportHref(params, 'pdf')} download>
          {t(m.pdf)}
        </a>
        <a className="btn btn-secondary" href={exportHref(params, 'csv')} download>
          {t(m.csv)}
        </a>
      </div>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={r.form.code}>
        <table className="report-table">
          <caption className="visually-hidden">
            {r.form.code} · {t(r.periodText)}
          </caption>
          <colgroup>
            <col className="col-index" />
            <col className="col-label" />
            {Array.from({ length: 12 }, (_, i) => (
              <col key={i} className="col-count" />
            ))}
          </colgroup>
          <thead>
            <tr>
              <th scope="col" rowSpan={3}>
                STT
              </th>
              <th scope="col" rowSpan={3}>
                {t(r.rowHeader)}
              </th>
              <th scope="colgroup" colSpan={4}>
                {t(g.received)}
              </th>
              <th scope="colgroup" colSpan={4}>
                {t(g.settled)}
              </th>
              <th scope="colgroup" colSpan={3}>
                {t(g.inProgress)}
              </th>
              <th scope="col" rowSpan={3}>
                {t(m.rate)}
              </th>
            </tr>
            <tr>
              <th scope="col" rowSpan={2}>
                {col(3)}
              </th>
              <th scope="colgroup" colSpan={2}>
                {t(g.inPeriod)}
              </th>
              {[6, 7, 8, 9, 10, 11, 12, 13].map((n) => (
                <th key={n} scope="col" rowSpan={2}>
                  {col(n)}
                </th>
              ))}
            </tr>
            <tr>
              <th scope="col">{col(4)}</th>
              <th scope="col">{col(5)}</th>
            </tr>
            <tr className="report-numbers" aria-hidden="true">
              {Array.from({ length: 13 }, (_, i) => (
                <td key={i}>({i + 1})</td>
              ))}
              <td>(8+9)/7</td>
            </tr>
          </thead>
          <tbody>
            {r.rows.length === 0 ? (
              <tr>
                <td colSpan={14}>{t(m.empty)}</td>
              </tr>
            ) : (
              r.rows.map((row, i) => (
                <tr key={row.key}>
                  <td className="num">{i + 1}</td>
                  <th scope="row">
                    {row.label}
                    {row.sublabel ? <span className="sublabel">{row.sublabel}</span> : null}
                  </th>
                  {Array.from({ length: 11 }, (_, k) => (
                    <CountCell
                      key={k}
                      counts={row.counts}
                      column={k + 3}
                      rowKey={row.key}
                      rowLabel={row.label}
                    />
                  ))}
                  <td className="num">{rateText(row.onTimeRate, f.number)}</td>
                </tr>
              ))
            )}
          </tbody>
          <tfoot>
            <tr>
              <td />
              <th scope="row">{t(m.total)}</th>
              {Array.from({ length: 11 }, (_, k) => (
                <CountCell
                  key={k}
                  counts={r.total.counts}
                  column={k + 3}
                  rowKey={undefined}
                  rowLabel={t(m.total)}
                  isBold
                />
              ))}
              <td className="num">
                <strong>{rateText(r.total.onTimeRate, f.number)}</strong>
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      <details className="report-definitions">
        <summary>{t(m.definitions)}</summary>
        <dl>
          {r.definitions.map((d) => (
            <div key={d.column}>
              <dt>
                {t(m.column)} {d.column}
              </dt>
              <dd>{t(d)}</dd>
            </div>
          ))}
        </dl>
      </details>
    </Card>
  );
}

function DrillDown({ params }: { params: ReportParams }) {
  const t = useT();
  const f = useFormat();
  const [search, setSearch] = useSearchParams();
  const column = Number(search.get('o'));
  const rowKey = search.get('dong') ?? undefined;
  const page = Math.max(1, Number(search.get('trang') ?? '1') || 1);
  const isOpen = column >= 3 && column <= 13;
  const q = useDrillDown({ ...params, column, rowKey, page }, isOpen);
  if (!isOpen) return null;
  const close = () => {
    const next = new URLSearchParams(search);
    next.delete('o');
    next.delete('dong');
    next.delete('trang');
    setSearch(next);
  };
  return (
    <Card title={t(m.drillTitle)} className="drill-down">
      {q.isPending ? <Loading /> : null}
      {q.isError ? <ErrorMessage error={q.error} /> : null}
      {q.data ? (
        <>
          <p>
            <strong>
              ({q.data.column}) {t(q.data.columnLabel)}
            </strong>
            {q.data.rowLabel ? ` · ${q.data.rowLabel}` : ''} ·{' '}
            {t(m.drillCount, { n: f.number(q.data.total) })}
          </p>
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t(m.drillTitle)}>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t(m.colCode)}</th>
                  <th scope="col">{t(m.colProcedure)}</th>
                  <th scope="col">{t(m.colApplicant)}</th>
                  <th scope="col">{t(m.colUnit)}</th>
                  <th scope="col">{t(m.colReceived)}</th>
                  <th scope="col">{t(m.colDue)}</th>
                  <th scope="col">{t(m.colDone)}</th>
                  <th scope="col">{t(m.colStatus)}</th>
                </tr>
              </thead>
              <tbody>
                {q.data.items.map((d) => (
                  <tr key={d.code}>
                    <td>
                      <Link to={paths.officerDossier(d.code)}>{d.code}</Link>
                    </td>
                    <td>{d.procedureName}</td>
                    <td>{d.applicantName}</td>
                    <td>{d.competentUnitName}</td>
                    <td>{f.dateTime(d.receivedAt)}</td>
                    <td>{f.dateTime(d.dueAt)}</td>
                    <td>{f.dateTime(d.completedAt)}</td>
                    <td>{t(d.statusLabel)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            offset={(page - 1) * 50}
            limit={50}
            total={q.data.total}
            onChange={(offset) => {
              const next = new URLSearchParams(search);
              next.set('trang', String(offset / 50 + 1));
              setSearch(next);
            }}
          />
        </>
      ) : null}
      <Button variant="secondary" onClick={close}>
        {t(m.drillClose)}
      </Button>
    </Card>
  );
}

/** Officer workspace: the periodic report II.06a / II.07a with drill-down and exports. */
export function ReportPage() {
  const t = useT();
  const [params, apply] = useReportParams();
  const scopes = useReportScopes();
  const hasScope = (scopes.data?.scopes.length ?? 0) > 0;
  return (
    <Page
      title={t(m.title)}
      lead={t(m.lead)}
      actions={
        <Link className="btn btn-secondary" to={paths.enforcementMap}>
          {t(m.map)}
        </Link>
      }
    >
      {scopes.isPending ? <Loading /> : null}
      {scopes.isError ? <ErrorMessage error={scopes.error} /> : null}
      {scopes.data && !hasScope ? <Alert kind="warning">{t(m.noRights)}</Alert> : null}
      {hasScope ? (
        <>
          <Filters key={JSON.stringify(params)} params={params} scopes={scopes.data} onApply={apply} />
          <ReportTable params={params} />
          <DrillDown params={params} />
        </>
      ) : null}
    </Page>
  );
}
