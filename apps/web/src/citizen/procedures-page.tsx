import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/client.ts';
import { useT } from '../app/i18n.tsx';
import { paths } from '../app/paths.ts';
import { Button, Loading, Page, Pagination, SelectField } from '../ui/ui.tsx';
import { fetchUnits, queryKeys, type ProcedureField, type ProcedureSummary } from './citizen-api.ts';
import { CitizenError, OnlineLevelBadge, useRuleText } from './citizen-ui.tsx';

const m = {
  title: { vi: 'Tìm thủ tục hành chính', en: 'Find a procedure' },
  searchLabel: { vi: 'Tên thủ tục hoặc mã thủ tục', en: 'Procedure name or code' },
  searchHint: {
    vi: 'Có dấu hoặc không dấu đều được, ví dụ: giay phep xay dung',
    en: 'With or without Vietnamese accents, e.g. giay phep xay dung',
  },
  search: { vi: 'Tìm', en: 'Search' },
  filters: { vi: 'Lọc kết quả', en: 'Filter the results' },
  field: { vi: 'Lĩnh vực', en: 'Field' },
  allFields: { vi: 'Tất cả lĩnh vực', en: 'All fields' },
  level: { vi: 'Cấp thực hiện', en: 'Level' },
  allLevels: { vi: 'Tất cả các cấp', en: 'All levels' },
  province: { vi: 'Cấp tỉnh', en: 'Province' },
  commune: { vi: 'Cấp xã', en: 'Commune' },
  central: { vi: 'Cấp trung ương', en: 'Central' },
  agency: { vi: 'Cơ quan thực hiện', en: 'Agency' },
  allAgencies: { vi: 'Tất cả cơ quan', en: 'All agencies' },
  onlineOnly: { vi: 'Cách nộp', en: 'How to submit' },
  anyChannel: { vi: 'Mọi cách nộp', en: 'Any way' },
  onlineAny: { vi: 'Nộp được trên mạng', en: 'Can be submitted online' },
  onlineFull: { vi: 'Làm hoàn toàn trên mạng', en: 'Fully online' },
  clear: { vi: 'Xóa bộ lọc', en: 'Clear filters' },
  found: { vi: 'Tìm thấy {n} thủ tục', en: '{n} procedures found' },
  none: {
    vi: 'Không tìm thấy thủ tục nào. Hãy thử từ khác ngắn hơn, hoặc bỏ bớt bộ lọc.',
    en: 'No procedure found. Try fewer or shorter words, or remove a filter.',
  },
  agencyLabel: { vi: 'Cơ quan', en: 'Agency' },
  communeAgency: { vi: 'UBND cấp xã nơi bạn nộp', en: 'The commune People’s Committee' },
  timeLimit: { vi: 'Thời hạn', en: 'Time limit' },
  code: { vi: 'Mã', en: 'Code' },
  results: { vi: 'Kết quả tìm kiếm', en: 'Search results' },
};

const LIMIT = 20;

export function ProceduresPage() {
  const t = useT();
  const rule = useRuleText();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const field = params.get('field') ?? '';
  const level = params.get('level') ?? '';
  const agencyCode = params.get('agency') ?? '';
  const online = params.get('online') ?? '';
  const offset = Math.max(0, Number(params.get('from') ?? '0') || 0);
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);

  const query = {
    q: q || undefined,
    field: field || undefined,
    level: level || undefined,
    agencyCode: agencyCode || undefined,
    channel: online === 'any' ? 'online' : undefined,
    onlineServiceLevel: online === 'full' ? 'full' : undefined,
    limit: LIMIT,
    offset,
  };
  const results = useQuery({
    queryKey: queryKeys.procedures(query),
    queryFn: ({ signal }) =>
      api<{ items: ProcedureSummary[]; total: number }>('/api/procedures', { query, signal }),
    placeholderData: keepPreviousData,
  });
  const fields = useQuery({
    queryKey: queryKeys.fields,
    queryFn: () => api<ProcedureField[]>('/api/procedures/fields'),
  });
  const units = useQuery({ queryKey: queryKeys.units, queryFn: fetchUnits, staleTime: 10 * 60_000 });
  const agencies = (units.data ?? [])
    .filter((u) => (u.kind === 'department' || u.kind === 'external') && !u.validTo)
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'));

  function update(changes: Record<string, string>) {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('from' in changes)) next.delete('from');
    setParams(next, { replace: false });
  }

  function onSearch(e: FormEvent) {
    e.preventDefault();
    update({ q: text.trim() });
  }

  const hasFilters = Boolean(field || level || agencyCode || online);

  return (
    <Page title={t(m.title)}>
      <form role="search" className="c-search" onSubmit={onSearch}>
        <label htmlFor="proc-search" className="c-search-label">
          {t(m.searchLabel)}
        </label>
        <p className="hint" id="proc-search-hint">
          {t(m.searchHint)}
        </p>
        <div className="c-search-row">
          <input
            id="proc-search"
            type="search"
            className="input c-search-input"
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-describedby="proc-search-hint"
            autoComplete="off"
            enterKeyHint="search"
          />
          <button type="submit" className="btn btn-primary c-search-button">
            {t(m.search)}
          </button>
        </div>
      </form>

      <details className="c-filters" open={hasFilters || undefined}>
        <summary>{t(m.filters)}</summary>
        <div className="c-filter-grid">
          <SelectField
            label={t(m.field)}
            value={field}
            placeholder={t(m.allFields)}
            options={(fields.data ?? []).map((f) => ({ value: f.code, label: `${f.name} (${f.count})` }))}
            onChange={(e) => update({ field: e.target.value })}
          />
          <SelectField
            label={t(m.level)}
            value={level}
            placeholder={t(m.allLevels)}
            options={[
              { value: 'province', label: t(m.province) },
              { value: 'commune', label: t(m.commune) },
            ]}
            onChange={(e) => update({ level: e.target.value })}
          />
          <SelectField
            label={t(m.agency)}
            value={agencyCode}
            placeholder={t(m.allAgencies)}
            options={agencies.map((a) => ({ value: a.agencyCode, label: a.name }))}
            onChange={(e) => update({ agency: e.target.value })}
          />
          <SelectField
            label={t(m.onlineOnly)}
            value={online}
            placeholder={t(m.anyChannel)}
            options={[
              { value: 'any', label: t(m.onlineAny) },
              { value: 'full', label: t(m.onlineFull) },
            ]}
            onChange={(e) => update({ online: e.target.value })}
          />
        </div>
        {hasFilters ? (
          <Button
            variant="secondary"
            onClick={() => update({ field: '', level: '', agency: '', online: '' })}
          >
            {t(m.clear)}
          </Button>
        ) : null}
      </details>

      <section aria-labelledby="proc-results">
        <h2 id="proc-results" className="visually-hidden">
          {t(m.results)}
        </h2>
        {results.error ? <CitizenError error={results.error} onRetry={() => void results.refetch()} /> : null}
        <p className="c-found" role="status" aria-live="polite">
          {results.data ? (results.data.total === 0 ? t(m.none) : t(m.found, { n: results.data.total })) : ''}
        </p>
        {results.isLoading ? <Loading /> : null}
        {results.data && results.data.items.length > 0 ? (
          <ul className="c-result-list" aria-busy={results.isFetching || undefined}>
            {results.data.items.map((p) => (
              <li key={p.code} className="c-result">
                <Link to={paths.procedure(p.code)} className="c-result-title">
                  {p.name}
                </Link>
                <dl className="c-result-facts">
                  <div>
                    <dt>{t(m.agencyLabel)}</dt>
                    <dd>{p.level === 'commune' ? t(m.communeAgency) : (p.competentAgency?.name ?? '—')}</dd>
                  </div>
                  <div>
                    <dt>{t(m.timeLimit)}</dt>
                    <dd>{rule(p.processingTime)}</dd>
                  </div>
                  <div>
                    <dt>{t(m.field)}</dt>
                    <dd>{p.field.name}</dd>
                  </div>
                  <div>
                    <dt>{t(m.code)}</dt>
                    <dd className="mono">{p.code}</dd>
                  </div>
                </dl>
                <p className="c-result-meta">
                  <OnlineLevelBadge level={p.onlineServiceLevel} />
                </p>
              </li>
            ))}
          </ul>
        ) : null}
        {results.data && results.data.total > LIMIT ? (
          <Pagination
            offset={offset}
            limit={LIMIT}
            total={results.data.total}
            onChange={(o) => {
              update({ from: o ? String(o) : '' });
              window.scrollTo({ top: 0 });
            }}
          />
        ) : null}
      </section>
    </Page>
  );
}
