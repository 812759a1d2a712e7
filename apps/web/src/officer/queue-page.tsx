import { DossierStatus, OPEN_DOSSIER_STATUSES } from '@motcua/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../api/client.ts';
import { hasRole, useAuth } from '../app/auth.tsx';
import { useFormat, useT, type Text } from '../app/i18n.tsx';
import { paths } from '../app/paths.ts';
import {
  Button,
  ErrorMessage,
  Loading,
  Page,
  Pagination,
  SelectField,
  SlaBadge,
  StatusBadge,
} from '../ui/ui.tsx';
import { BulkAssignPanel, type SelectedDossier } from './bulk-assign.tsx';
import { useProcedureList, type DossierPage, type DossierSummary, type QueueCounts } from './officer-api.ts';
import { channelLabel, statusLabel } from './officer-text.ts';

const m = {
  title: { vi: 'Hồ sơ cần xử lý', en: 'Work queue' },
  lead: {
    vi: 'Nhấn phím / để tìm nhanh; j và k để chuyển giữa các dòng; Enter để mở hồ sơ.',
    en: 'Press / to search; j and k to move between rows; Enter to open a dossier.',
  },
  scope: { vi: 'Phạm vi', en: 'Scope' },
  search: { vi: 'Tìm hồ sơ', en: 'Search dossiers' },
  searchHint: {
    vi: 'Mã hồ sơ, tên người nộp hoặc số định danh',
    en: 'Dossier code, applicant name or ID number',
  },
  searchButton: { vi: 'Tìm', en: 'Search' },
  clear: { vi: 'Xóa bộ lọc', en: 'Clear filters' },
  filters: { vi: 'Bộ lọc', en: 'Filters' },
  status: { vi: 'Trạng thái', en: 'Status' },
  statusOpen: { vi: 'Đang giải quyết (chưa kết thúc)', en: 'Open (not finished)' },
  statusAll: { vi: 'Tất cả trạng thái', en: 'All statuses' },
  procedure: { vi: 'Thủ tục', en: 'Procedure' },
  allProcedures: { vi: 'Tất cả thủ tục', en: 'All procedures' },
  due: { vi: 'Thời hạn', en: 'Deadline' },
  allDue: { vi: 'Mọi thời hạn', en: 'Any deadline' },
  channel: { vi: 'Kênh nộp', en: 'Channel' },
  allChannels: { vi: 'Mọi kênh', en: 'All channels' },
  sort: { vi: 'Sắp xếp', en: 'Sort' },
  perPage: { vi: 'Số dòng mỗi trang', en: 'Rows per page' },
  counts: { vi: 'Tổng hợp theo thời hạn', en: 'By deadline' },
  open: { vi: 'Đang giải quyết', en: 'Open' },
  shown: {
    vi: 'Hiển thị {from}–{to} trên tổng số {total} hồ sơ',
    en: 'Showing {from}–{to} of {total} dossiers',
  },
  none: { vi: 'Không có hồ sơ nào phù hợp.', en: 'No dossiers match.' },
  caption: { vi: 'Danh sách hồ sơ', en: 'Dossiers' },
  selectAll: { vi: 'Chọn tất cả hồ sơ trên trang này', en: 'Select every dossier on this page' },
  selectOne: { vi: 'Chọn hồ sơ {code}', en: 'Select dossier {code}' },
  colCode: { vi: 'Mã hồ sơ', en: 'Code' },
  colProcedure: { vi: 'Thủ tục', en: 'Procedure' },
  colApplicant: { vi: 'Người nộp', en: 'Applicant' },
  colChannel: { vi: 'Kênh', en: 'Channel' },
  colStatus: { vi: 'Trạng thái', en: 'Status' },
  colDue: { vi: 'Hạn trả kết quả', en: 'Due' },
  colSubmitted: { vi: 'Ngày nộp', en: 'Submitted' },
  selected: { vi: 'Đã chọn {n} hồ sơ', en: '{n} dossiers selected' },
  assign: { vi: 'Phân công', en: 'Assign' },
  unselect: { vi: 'Bỏ chọn', en: 'Clear selection' },
  intake: { vi: 'Tiếp nhận hồ sơ tại quầy', en: 'Receive a dossier at the counter' },
  loadingRows: { vi: 'Đang tải danh sách…', en: 'Loading the list…' },
};

const SCOPES: readonly { value: string; label: Text }[] = [
  { value: 'my_units', label: { vi: 'Đơn vị của tôi', en: 'My units' } },
  { value: 'assigned_to_me', label: { vi: 'Giao cho tôi', en: 'Assigned to me' } },
  { value: 'all_visible', label: { vi: 'Tất cả hồ sơ tôi được xem', en: 'All I can see' } },
];

const DUE_OPTIONS: readonly { value: string; label: Text }[] = [
  { value: 'overdue', label: { vi: 'Quá hạn', en: 'Overdue' } },
  { value: 'due_soon', label: { vi: 'Sắp đến hạn (trong 1 ngày làm việc)', en: 'Due within 1 working day' } },
  { value: 'on_track', label: { vi: 'Còn trong hạn', en: 'On track' } },
];

const SORTS: readonly { value: string; label: Text }[] = [
  { value: 'due_asc', label: { vi: 'Hạn trả gần nhất trước', en: 'Earliest due first' } },
  { value: 'submitted_desc', label: { vi: 'Nộp gần đây nhất trước', en: 'Newest first' } },
  { value: 'updated_desc', label: { vi: 'Mới cập nhật trước', en: 'Recently updated first' } },
];

const CHANNELS = ['counter', 'online', 'postal', 'chat'] as const;
const LIMITS = ['20', '50', '100'] as const;
/** Statuses still in progress: the default view of a work queue. */

interface QueueFilters {
  scope: string;
  q: string;
  status: string;
  procedure: string;
  due: string;
  channel: string;
  sort: string;
  limit: number;
  offset: number;
}

function readFilters(params: URLSearchParams): QueueFilters {
  const pick = (key: string, allowed: readonly string[], fallback: string) => {
    const v = params.get(key) ?? '';
    return allowed.includes(v) ? v : fallback;
  };
  const limit = Number(pick('limit', LIMITS, '20'));
  const offset = Math.max(0, Math.floor(Number(params.get('offset') ?? 0)) || 0);
  return {
    scope: pick(
      'scope',
      SCOPES.map((s) => s.value),
      'my_units',
    ),
    q: (params.get('q') ?? '').trim().slice(0, 100),
    status: pick('status', ['open', 'all', ...DossierStatus.options], 'open'),
    procedure: params.get('procedure') ?? '',
    due: pick(
      'due',
      DUE_OPTIONS.map((d) => d.value),
      '',
    ),
    channel: pick('channel', CHANNELS, ''),
    sort: pick(
      'sort',
      SORTS.map((s) => s.value),
      'due_asc',
    ),
    limit,
    offset: offset - (offset % limit),
  };
}

function apiQuery(f: QueueFilters) {
  return {
    scope: f.scope,
    q: f.q || undefined,
    status: f.status === 'open' ? OPEN_DOSSIER_STATUSES : f.status === 'all' ? undefined : f.status,
    procedureCode: f.procedure || undefined,
    due: f.due || undefined,
    channel: f.channel || undefined,
    sort: f.sort,
    limit: f.limit,
    offset: f.offset,
  };
}

/** Counts by deadline for the scope (one query on the server), shown as quick filters. */
function useDueCounts(scope: string) {
  return useQuery({
    queryKey: ['queue-counts', scope],
    queryFn: async ({ signal }) => {
      const c = await api<QueueCounts>('/api/dossiers/counts', { query: { scope }, signal });
      return { open: c.open, overdue: c.overdue, due_soon: c.dueSoon, on_track: c.onTrack };
    },
    staleTime: 30_000,
  });
}

/** Whether a key press goes to a field being typed in (then the page's shortcuts stay quiet). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio'].includes(target.type);
  return target.isContentEditable || ['TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Moves the focus to the next (1) or previous (-1) row link of the table; false when there is none. */
function moveRowFocus(table: HTMLTableElement | null, direction: 1 | -1): boolean {
  const links = Array.from(table?.querySelectorAll<HTMLAnchorElement>('a.o-row-link') ?? []);
  const index = links.findIndex((a) => a === document.activeElement);
  const next = links[index < 0 ? 0 : Math.max(0, index + direction)];
  if (!next || next === document.activeElement) return false;
  next.focus();
  return true;
}

export function QueuePage() {
  const t = useT();
  const format = useFormat();
  const { me } = useAuth();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const searchRef = useRef<HTMLInputElement>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const searchId = useId();
  const [searchText, setSearchText] = useState(filters.q);
  const [selected, setSelected] = useState<Map<string, SelectedDossier>>(new Map());
  const [isAssignOpen, setAssignOpen] = useState(false);

  // Keep the search box in step with the URL (back button, cleared filters).
  useEffect(() => setSearchText(filters.q), [filters.q]);

  const queryKey = JSON.stringify(apiQuery(filters));
  const list = useQuery({
    queryKey: ['queue', queryKey],
    queryFn: ({ signal }) => api<DossierPage>('/api/dossiers', { query: apiQuery(filters), signal }),
    placeholderData: keepPreviousData,
  });
  const counts = useDueCounts(filters.scope);
  const procedures = useProcedureList();

  // A new list (other filters or page) starts with an empty selection.
  useEffect(() => {
    setSelected(new Map());
    setAssignOpen(false);
  }, [queryKey]);

  useEffect(() => {
    function onKey(e: globalThis.KeyboardEvent) {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (e.key === '/') {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      } else if (e.key === 'j' || e.key === 'k') {
        // From anywhere on the page (not while typing): j / k move between the rows' links.
        if (moveRowFocus(tableRef.current, e.key === 'j' ? 1 : -1)) e.preventDefault();
      }
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  function update(changes: Partial<Record<keyof QueueFilters, string>>, resetPage = true) {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === '') next.delete(key);
      else next.set(key, value);
    }
    if (resetPage && !('offset' in changes)) next.delete('offset');
    setParams(next);
  }

  function onSearch(e: FormEvent) {
    e.preventDefault();
    update({ q: searchText.trim() });
  }

  const items = useMemo(() => list.data?.items ?? [], [list.data]);
  const total = list.data?.total ?? 0;
  const allOnPage = items.length > 0 && items.every((i) => selected.has(i.code));
  const canBulkAssign = hasRole(me, 'division_head', 'leader');

  function toggle(item: DossierSummary) {
    setSelected((prev) => {
      const next = new Map(prev);
      if (next.has(item.code)) next.delete(item.code);
      else
        next.set(item.code, {
          code: item.code,
          version: item.version,
          currentUnitId: item.currentUnitId,
        });
      return next;
    });
  }

  function toggleAll() {
    setSelected(() => {
      if (allOnPage) return new Map();
      return new Map(
        items.map((i) => [i.code, { code: i.code, version: i.version, currentUnitId: i.currentUnitId }]),
      );
    });
  }

  const statusOptions = [
    { value: 'open', label: t(m.statusOpen) },
    { value: 'all', label: t(m.statusAll) },
    ...DossierStatus.options.map((s) => ({ value: s, label: t(statusLabel(s)) })),
  ];
  const procedureOptions = (procedures.data?.items ?? []).map((p) => ({
    value: p.code,
    label: `${p.code} · ${p.name}`,
  }));
  if (filters.procedure && !procedureOptions.some((p) => p.value === filters.procedure))
    procedureOptions.unshift({ value: filters.procedure, label: filters.procedure });

  const hasFilters =
    filters.q ||
    filters.status !== 'open' ||
    filters.procedure ||
    filters.due ||
    filters.channel ||
    filters.sort !== 'due_asc';

  return (
    <Page
      title={t(m.title)}
      lead={t(m.lead)}
      actions={
        hasRole(me, 'receiving_officer') ? (
          <Link className="btn btn-secondary" to={paths.counterIntake}>
            {t(m.intake)}
          </Link>
        ) : null
      }
    >
      <nav className="o-scopes" aria-label={t(m.scope)}>
        {SCOPES.map((s) => (
          <Link
            key={s.value}
            to={`?${new URLSearchParams({ ...(s.value === 'my_units' ? {} : { scope: s.value }) }).toString()}`}
            aria-current={filters.scope === s.value ? 'page' : undefined}
            className="o-scope"
          >
            {t(s.label)}
          </Link>
        ))}
      </nav>

      <section aria-label={t(m.counts)} className="o-counts">
        {counts.data ? (
          <ul>
            <li>
              <Link to={`?${scopeQuery(filters.scope, {})}`}>
                {t(m.open)}: <strong>{format.number(counts.data.open)}</strong>
              </Link>
            </li>
            {DUE_OPTIONS.map((d) => (
              <li key={d.value}>
                <Link
                  to={`?${scopeQuery(filters.scope, { due: d.value })}`}
                  className={`o-count o-count-${d.value}`}
                  aria-current={filters.due === d.value && filters.status === 'open' ? 'true' : undefined}
                >
                  <SlaBadge sla={d.value} />{' '}
                  <strong>
                    {format.number(counts.data[d.value as 'overdue' | 'due_soon' | 'on_track'])}
                  </strong>
                </Link>
              </li>
            ))}
          </ul>
        ) : counts.isError ? null : (
          <Loading />
        )}
      </section>

      <form className="o-search" role="search" onSubmit={onSearch}>
        <div className="field">
          <label htmlFor={searchId}>
            {t(m.search)} <kbd className="o-kbd">/</kbd>
          </label>
          <p className="hint" id={`${searchId}-hint`}>
            {t(m.searchHint)}
          </p>
          <div className="o-search-row">
            <input
              ref={searchRef}
              id={searchId}
              type="search"
              name="q"
              value={searchText}
              onChange={(e) => setSearchText(e.target.value)}
              aria-describedby={`${searchId}-hint`}
              aria-keyshortcuts="/"
              maxLength={100}
              autoComplete="off"
            />
            <Button type="submit">{t(m.searchButton)}</Button>
          </div>
        </div>
      </form>

      <fieldset className="o-filters">
        <legend>{t(m.filters)}</legend>
        <SelectField
          label={t(m.status)}
          value={filters.status}
          options={statusOptions}
          onChange={(e) => update({ status: e.target.value === 'open' ? '' : e.target.value })}
        />
        <SelectField
          label={t(m.procedure)}
          value={filters.procedure}
          placeholder={t(m.allProcedures)}
          options={procedureOptions}
          onChange={(e) => update({ procedure: e.target.value })}
        />
        <SelectField
          label={t(m.due)}
          value={filters.due}
          placeholder={t(m.allDue)}
          options={DUE_OPTIONS.map((d) => ({ value: d.value, label: t(d.label) }))}
          onChange={(e) => update({ due: e.target.value })}
        />
        <SelectField
          label={t(m.channel)}
          value={filters.channel}
          placeholder={t(m.allChannels)}
          options={CHANNELS.map((c) => ({ value: c, label: t(channelLabel(c)) }))}
          onChange={(e) => update({ channel: e.target.value })}
        />
        <SelectField
          label={t(m.sort)}
          value={filters.sort}
          options={SORTS.map((s) => ({ value: s.value, label: t(s.label) }))}
          onChange={(e) => update({ sort: e.target.value === 'due_asc' ? '' : e.target.value })}
        />
        <SelectField
          label={t(m.perPage)}
          value={String(filters.limit)}
          options={LIMITS.map((l) => ({ value: l, label: l }))}
          onChange={(e) => update({ limit: e.target.value === '20' ? '' : e.target.value })}
        />
        {hasFilters ? (
          <div className="o-filters-clear">
            <Link
              className="btn btn-ghost"
              to={`?${scopeQuery(filters.scope, {})}`}
              onClick={() => setSearchText('')}
            >
              {t(m.clear)}
            </Link>
          </div>
        ) : null}
      </fieldset>

      {canBulkAssign && selected.size > 0 ? (
        <div className="o-bulkbar" role="region" aria-label={t(m.assign)}>
          <p aria-live="polite">{t(m.selected, { n: selected.size })}</p>
          <Button onClick={() => setAssignOpen(true)} aria-expanded={isAssignOpen}>
            {t(m.assign)}
          </Button>
          <Button variant="secondary" onClick={() => setSelected(new Map())}>
            {t(m.unselect)}
          </Button>
        </div>
      ) : null}
      {canBulkAssign && isAssignOpen && selected.size > 0 ? (
        <BulkAssignPanel
          selected={[...selected.values()]}
          onClose={() => setAssignOpen(false)}
          onAssigned={(okCodes) =>
            setSelected((prev) => {
              const next = new Map(prev);
              for (const code of okCodes) next.delete(code);
              return next;
            })
          }
        />
      ) : null}

      {list.isError ? <ErrorMessage error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.isPending ? <Loading label={m.loadingRows} /> : null}
      {list.data ? (
        <>
          <p className="o-shown" aria-live="polite">
            {total === 0
              ? t(m.none)
              : t(m.shown, {
                  from: format.number(filters.offset + 1),
                  to: format.number(filters.offset + items.length),
                  total: format.number(total),
                })}
            {list.isFetching ? <span className="spinner o-inline-spinner" aria-hidden="true" /> : null}
          </p>
          {items.length > 0 ? (
            <div className="table-wrap">
              <table className="o-table" ref={tableRef}>
                <caption className="visually-hidden">{t(m.caption)}</caption>
                <thead>
                  <tr>
                    {canBulkAssign ? (
                      <th scope="col" className="o-col-check">
                        <input
                          type="checkbox"
                          className="o-check"
                          checked={allOnPage}
                          onChange={toggleAll}
                          aria-label={t(m.selectAll)}
                        />
                      </th>
                    ) : null}
                    <th scope="col">{t(m.colCode)}</th>
                    <th scope="col">{t(m.colProcedure)}</th>
                    <th scope="col">{t(m.colApplicant)}</th>
                    <th scope="col">{t(m.colChannel)}</th>
                    <th scope="col">{t(m.colStatus)}</th>
                    <th scope="col">{t(m.colDue)}</th>
                    <th scope="col">{t(m.colSubmitted)}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((item) => (
                    <tr
                      key={item.id}
                      className={selected.has(item.code) ? 'o-row-selected' : undefined}
                      onClick={(e) => {
                        // Mouse users may click anywhere on the row; keyboard users use the link.
                        const target = e.target as HTMLElement;
                        if (target.closest('a, input, button, label')) return;
                        if (window.getSelection()?.toString()) return;
                        void navigate(paths.officerDossier(item.code));
                      }}
                    >
                      {canBulkAssign ? (
                        <td className="o-col-check">
                          <input
                            type="checkbox"
                            className="o-check"
                            checked={selected.has(item.code)}
                            onChange={() => toggle(item)}
                            aria-label={t(m.selectOne, { code: item.code })}
                          />
                        </td>
                      ) : null}
                      <th scope="row" className="o-code">
                        <Link className="o-row-link mono" to={paths.officerDossier(item.code)}>
                          {item.code}
                        </Link>
                      </th>
                      <td className="o-procedure">
                        <span className="o-clamp" title={item.procedureName}>
                          {item.procedureName}
                        </span>
                        <span className="muted mono o-small">{item.procedureCode}</span>
                      </td>
                      <td>{item.applicantName}</td>
                      <td>{t(channelLabel(item.channel))}</td>
                      <td>
                        <StatusBadge status={item.status} label={item.statusLabel} />
                      </td>
                      <td className="o-due">
                        <SlaBadge sla={item.sla === 'not_started' ? null : item.sla} />
                        <span>{format.dateTime(item.dueAt)}</span>
                      </td>
                      <td>{format.dateTime(item.submittedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {total > filters.limit || filters.offset > 0 ? (
            <Pagination
              offset={filters.offset}
              limit={filters.limit}
              total={total}
              onChange={(offset) => update({ offset: offset === 0 ? '' : String(offset) }, false)}
            />
          ) : null}
        </>
      ) : null}
    </Page>
  );
}

function scopeQuery(scope: string, extra: Record<string, string>): string {
  return new URLSearchParams({ ...(scope === 'my_units' ? {} : { scope }), ...extra }).toString();
}
