import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { CatalogFile, ProcedureCode } from '@motcua/domain';
import { useId, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, ApiError, type ResponseOf } from '../api/client.ts';
import { useT, type Text } from '../app/i18n.tsx';
import { paths } from '../app/paths.ts';
import { Alert, Button, ErrorMessage, Loading, Page, Pagination, SelectField, TextField } from '../ui/ui.tsx';
import { Checkbox, ConfirmDialog, Crumbs, apiErrorText, showDate, todayVn } from './admin-ui.tsx';
import { LEVEL_LABELS, NEW_PROCEDURE_PATH, versionStatusText, zodIssueText } from './catalog-shared.tsx';

type SearchResult = ResponseOf<'/api/procedures', 'get'>;
type Field = ResponseOf<'/api/procedures/fields', 'get'>[number];
type Detail = ResponseOf<'/api/procedures/{code}', 'get'>;
type ImportReport = ResponseOf<'/api/catalog/import', 'post'>;

const PAGE_SIZE = 20;

const m = {
  title: { vi: 'Danh mục thủ tục hành chính', en: 'Procedure catalog' },
  lead: {
    vi: 'Tìm thủ tục đang có hiệu lực, mở để xem các phiên bản, soạn và công bố phiên bản mới.',
    en: 'Find procedures in force, open one to see its versions, draft and publish a new version.',
  },
  add: { vi: 'Thêm thủ tục mới', en: 'Add a procedure' },
  search: { vi: 'Tìm thủ tục', en: 'Find procedures' },
  q: { vi: 'Tên hoặc mã thủ tục', en: 'Name or code' },
  qHint: { vi: 'Gõ có dấu hoặc không dấu đều được.', en: 'With or without Vietnamese accents.' },
  field: { vi: 'Lĩnh vực', en: 'Field' },
  anyField: { vi: 'Mọi lĩnh vực', en: 'Any field' },
  level: { vi: 'Cấp thực hiện', en: 'Level' },
  anyLevel: { vi: 'Mọi cấp', en: 'Any level' },
  find: { vi: 'Tìm', en: 'Search' },
  results: { vi: 'Kết quả: {n} thủ tục đang có hiệu lực', en: 'Results: {n} procedures in force' },
  none: { vi: 'Không có thủ tục nào khớp.', en: 'No procedure matches.' },
  code: { vi: 'Mã', en: 'Code' },
  name: { vi: 'Tên thủ tục', en: 'Name' },
  agency: { vi: 'Cơ quan', en: 'Agency' },
  inForce: { vi: 'Phiên bản đang hiệu lực', en: 'Version in force' },
  versions: { vi: 'Các phiên bản', en: 'Versions' },
  vFrom: { vi: 'v{n} từ {date}', en: 'v{n} from {date}' },
  communeAgency: { vi: 'UBND xã tiếp nhận', en: 'Receiving commune' },
  openByCode: { vi: 'Mở thủ tục theo mã', en: 'Open a procedure by its code' },
  openByCodeHint: {
    vi: 'Danh sách trên chỉ gồm thủ tục đang có hiệu lực. Thủ tục mới tạo (chỉ có bản nháp) hoặc chưa đến ngày hiệu lực: mở bằng mã.',
    en: 'The list above only holds procedures in force. A new procedure (draft only) or one not yet in force: open it by code.',
  },
  open: { vi: 'Mở', en: 'Open' },
  codeInvalid: {
    vi: 'Mã thủ tục dạng 1.001612 hoặc 1.000948.H38.',
    en: 'A code like 1.001612 or 1.000948.H38.',
  },
  transfer: { vi: 'Nhập, xuất danh mục', en: 'Import and export the catalog' },
  exportTitle: { vi: 'Xuất danh mục', en: 'Export' },
  exportLead: {
    vi: 'Tệp JSON (định dạng motcua.catalog/v1) gồm mọi phiên bản đã công bố.',
    en: 'A JSON file (format motcua.catalog/v1) with every published version.',
  },
  withDrafts: { vi: 'Gồm cả bản nháp', en: 'Include drafts' },
  download: { vi: 'Tải tệp danh mục', en: 'Download the catalog file' },
  importTitle: { vi: 'Nhập danh mục từ tệp', en: 'Import from a file' },
  importLead: {
    vi: 'Nhập cả tệp hoặc không nhập gì: nếu có một lỗi, không có gì được ghi. Nhập lại cùng một tệp không thay đổi gì. Phiên bản đã công bố không bị sửa.',
    en: 'All or nothing: if anything is wrong, nothing is written. Importing the same file again changes nothing. Published versions are never altered.',
  },
  file: { vi: 'Tệp danh mục (.json)', en: 'Catalog file (.json)' },
  notJson: { vi: 'Tệp này không phải JSON hợp lệ.', en: 'This file is not valid JSON.' },
  notCatalog: {
    vi: 'Tệp không đúng định dạng danh mục motcua.catalog/v1 ({n} lỗi):',
    en: 'The file is not a motcua.catalog/v1 catalog ({n} problems):',
  },
  fileReady: {
    vi: 'Tệp “{name}”: {n} thủ tục, {v} phiên bản.',
    en: 'File “{name}”: {n} procedures, {v} versions.',
  },
  import: { vi: 'Nhập danh mục…', en: 'Import…' },
  confirmImport: { vi: 'Nhập danh mục từ tệp?', en: 'Import the catalog file?' },
  confirmImportText: {
    vi: 'Tệp “{name}” có {n} thủ tục. Thủ tục và phiên bản mới sẽ được thêm; bản nháp trùng số sẽ được thay.',
    en: 'File “{name}” holds {n} procedures. New procedures and versions are added; drafts with the same number are replaced.',
  },
  importNow: { vi: 'Nhập', en: 'Import' },
  reportTitle: { vi: 'Đã nhập danh mục', en: 'Catalog imported' },
  reportProcedures: { vi: 'Thủ tục', en: 'Procedures' },
  reportVersions: { vi: 'Phiên bản', en: 'Versions' },
  created: { vi: 'Thêm mới', en: 'Created' },
  updated: { vi: 'Cập nhật', en: 'Updated' },
  replaced: { vi: 'Thay thế', en: 'Replaced' },
  unchanged: { vi: 'Không đổi', en: 'Unchanged' },
  importFailed: { vi: 'Không nhập được: chưa có gì được ghi', en: 'Not imported: nothing was written' },
  problemCount: { vi: '{n} lỗi (hiện tối đa 100):', en: '{n} problems (up to 100 shown):' },
  loadingVersions: { vi: 'đang tải…', en: 'loading…' },
} satisfies Record<string, Text>;

export function CatalogPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const field = params.get('linh-vuc') ?? '';
  const level = params.get('cap') ?? '';
  const offset = Math.max(0, Number(params.get('tu')) || 0);
  const update = (changes: Record<string, string | null>) =>
    setParams((p) => {
      for (const [k, v] of Object.entries(changes)) {
        if (v) p.set(k, v);
        else p.delete(k);
      }
      return p;
    });
  return (
    <Page
      title={t(m.title)}
      lead={t(m.lead)}
      actions={
        <Link className="btn btn-primary" to={NEW_PROCEDURE_PATH}>
          + {t(m.add)}
        </Link>
      }
    >
      <Crumbs items={[{ label: t(m.title) }]} />
      <SearchForm
        key={`${q}|${field}|${level}`}
        initial={{ q, field, level }}
        onSearch={(s) => update({ q: s.q, 'linh-vuc': s.field, cap: s.level, tu: null })}
      />
      <Results
        q={q}
        field={field}
        level={level}
        offset={offset}
        onOffset={(o) => update({ tu: o ? String(o) : null })}
      />
      <div className="grid grid-2">
        <OpenByCode />
        <ExportCard />
      </div>
      <ImportCard />
    </Page>
  );
}

function SearchForm({
  initial,
  onSearch,
}: {
  initial: { q: string; field: string; level: string };
  onSearch: (s: { q: string; field: string; level: string }) => void;
}) {
  const t = useT();
  const headingId = useId();
  const [s, setS] = useState(initial);
  const fields = useQuery({
    queryKey: ['procedure-fields'],
    queryFn: ({ signal }) => api<Field[]>('/api/procedures/fields', { signal }),
    staleTime: 5 * 60_000,
  });
  return (
    <form
      role="search"
      aria-labelledby={headingId}
      className="card a-search"
      onSubmit={(e) => {
        e.preventDefault();
        onSearch({ ...s, q: s.q.trim() });
      }}
    >
      <h2 id={headingId} className="visually-hidden">
        {t(m.search)}
      </h2>
      <TextField
        label={t(m.q)}
        hint={t(m.qHint)}
        type="search"
        maxLength={200}
        value={s.q}
        onChange={(e) => setS({ ...s, q: e.target.value })}
      />
      <SelectField
        label={t(m.field)}
        value={s.field}
        onChange={(e) => setS({ ...s, field: e.target.value })}
        options={(fields.data ?? []).map((f) => ({ value: f.code, label: `${f.name} (${f.count})` }))}
        placeholder={t(m.anyField)}
      />
      <SelectField
        label={t(m.level)}
        value={s.level}
        onChange={(e) => setS({ ...s, level: e.target.value })}
        options={(Object.keys(LEVEL_LABELS) as (keyof typeof LEVEL_LABELS)[]).map((l) => ({
          value: l,
          label: t(LEVEL_LABELS[l]),
        }))}
        placeholder={t(m.anyLevel)}
      />
      <div className="a-search-submit">
        <Button type="submit">{t(m.find)}</Button>
      </div>
    </form>
  );
}

function Results({
  q,
  field,
  level,
  offset,
  onOffset,
}: {
  q: string;
  field: string;
  level: string;
  offset: number;
  onOffset: (offset: number) => void;
}) {
  const t = useT();
  const headingId = useId();
  const today = todayVn();
  const result = useQuery({
    queryKey: ['admin-catalog', { q, field, level, offset }],
    queryFn: ({ signal }) =>
      api<SearchResult>('/api/procedures', {
        signal,
        query: {
          q: q || undefined,
          field: field || undefined,
          level: level || undefined,
          limit: PAGE_SIZE,
          offset,
        },
      }),
    placeholderData: keepPreviousData,
  });
  // The search answers the version in force; each procedure's versions (drafts included, for
  // administrators) come from its own page of the API — one request per row shown.
  const details = useQueries({
    queries: (result.data?.items ?? []).map((item) => ({
      queryKey: ['admin-procedure', item.code],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api<Detail>(`/api/procedures/${encodeURIComponent(item.code)}`, { signal }),
      staleTime: 60_000,
    })),
  });
  if (result.isPending) return <Loading />;
  if (result.isError) return <ErrorMessage error={result.error} onRetry={() => void result.refetch()} />;
  const { items, total } = result.data;
  return (
    <section className="card" aria-labelledby={headingId} aria-busy={result.isFetching || undefined}>
      <h2 id={headingId}>{t(m.results, { n: total })}</h2>
      {items.length === 0 ? (
        <p>{t(m.none)}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t(m.results, { n: total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t(m.code)}</th>
                <th scope="col">{t(m.name)}</th>
                <th scope="col">{t(m.field)}</th>
                <th scope="col">{t(m.agency)}</th>
                <th scope="col">{t(m.inForce)}</th>
                <th scope="col">{t(m.versions)}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((p, i) => {
                const detail = details[i]?.data;
                return (
                  <tr key={p.code}>
                    <td className="mono a-nowrap">{p.code}</td>
                    <th scope="row" className="a-th">
                      <Link to={paths.adminProcedure(p.code)}>{p.name}</Link>
                    </th>
                    <td>
                      {p.field.name}
                      <span className="muted a-block a-small">{t(LEVEL_LABELS[p.level])}</span>
                    </td>
                    <td>
                      {p.competentAgency
                        ? (p.competentAgency.name ?? p.competentAgency.code)
                        : t(m.communeAgency)}
                    </td>
                    <td className="a-nowrap">
                      {t(m.vFrom, { n: p.versionNo, date: showDate(p.effectiveFrom) })}
                    </td>
                    <td>
                      {detail ? (
                        <ul className="a-plain">
                          {[...detail.versions].reverse().map((v) => {
                            const status = versionStatusText(t, v, today);
                            return (
                              <li key={v.versionNo}>
                                <Link to={`${paths.adminProcedure(p.code)}?phien-ban=${v.versionNo}`}>
                                  v{v.versionNo}
                                </Link>{' '}
                                <span className={`badge a-version-${status.tone}`}>{status.label}</span>
                              </li>
                            );
                          })}
                        </ul>
                      ) : (
                        <span className="muted">{t(m.loadingVersions)}</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {total > PAGE_SIZE ? (
        <Pagination offset={offset} limit={PAGE_SIZE} total={total} onChange={onOffset} />
      ) : null}
    </section>
  );
}

function OpenByCode() {
  const t = useT();
  const navigate = useNavigate();
  const headingId = useId();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const value = code.trim();
    if (!ProcedureCode.safeParse(value).success) {
      setError(t(m.codeInvalid));
      return;
    }
    void navigate(paths.adminProcedure(value));
  };
  return (
    <form className="card" aria-labelledby={headingId} onSubmit={submit} noValidate>
      <h2 id={headingId}>{t(m.openByCode)}</h2>
      <p className="muted">{t(m.openByCodeHint)}</p>
      <div className="a-inline-form">
        <TextField
          label={t(m.code)}
          className="mono"
          spellCheck={false}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          error={error}
        />
        <Button type="submit">{t(m.open)}</Button>
      </div>
    </form>
  );
}

function ExportCard() {
  const t = useT();
  const headingId = useId();
  const [withDrafts, setWithDrafts] = useState(false);
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t(m.exportTitle)}</h2>
      <p className="muted">{t(m.exportLead)}</p>
      <Checkbox label={t(m.withDrafts)} checked={withDrafts} onChange={setWithDrafts} />
      <a
        className="btn btn-secondary"
        href={`/api/catalog/export?includeDrafts=${withDrafts ? 'true' : 'false'}`}
        download={`motcua-danh-muc-${todayVn()}${withDrafts ? '-ca-ban-nhap' : ''}.json`}
      >
        {t(m.download)}
      </a>
    </section>
  );
}

interface PickedFile {
  name: string;
  body: unknown;
  procedures: number;
  versions: number;
}

function ImportCard() {
  const t = useT();
  const headingId = useId();
  const queryClient = useQueryClient();
  const inputRef = useRef<HTMLInputElement>(null);
  const [picked, setPicked] = useState<PickedFile | null>(null);
  const [fileProblems, setFileProblems] = useState<{ title: string; lines: string[] } | null>(null);
  const [isConfirming, setIsConfirming] = useState(false);
  const importMutation = useMutation({
    mutationFn: (body: unknown) => api<ImportReport>('/api/catalog/import', { method: 'POST', body }),
    onSuccess: async () => {
      setIsConfirming(false);
      setPicked(null);
      if (inputRef.current) inputRef.current.value = '';
      await queryClient.invalidateQueries({ queryKey: ['admin-catalog'] });
      await queryClient.invalidateQueries({ queryKey: ['admin-procedure'] });
      await queryClient.invalidateQueries({ queryKey: ['procedure-fields'] });
    },
    onError: () => setIsConfirming(false),
  });
  const onFile = async (file: File | undefined) => {
    importMutation.reset();
    setPicked(null);
    setFileProblems(null);
    if (!file) return;
    let body: unknown;
    try {
      body = JSON.parse(await file.text());
    } catch {
      setFileProblems({ title: t(m.notJson), lines: [] });
      return;
    }
    // The same schema as the server checks, so most mistakes show before uploading.
    const parsed = CatalogFile.safeParse(body);
    if (!parsed.success) {
      setFileProblems({
        title: t(m.notCatalog, { n: parsed.error.issues.length }),
        lines: parsed.error.issues
          .slice(0, 100)
          .map((i) => `${i.path.map(String).join('.') || '/'}: ${zodIssueText(t, i)}`),
      });
      return;
    }
    setPicked({
      name: file.name,
      body,
      procedures: parsed.data.procedures.length,
      versions: parsed.data.procedures.reduce((n, p) => n + p.versions.length, 0),
    });
  };
  const serverProblems =
    importMutation.error instanceof ApiError
      ? ((importMutation.error.details?.problems ?? importMutation.error.details?.issues) as
          { path?: string; message?: string }[] | undefined)
      : undefined;
  const problemCount =
    importMutation.error instanceof ApiError
      ? Number(importMutation.error.details?.problemCount ?? serverProblems?.length ?? 0)
      : 0;
  const report = importMutation.data;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t(m.importTitle)}</h2>
      <p className="muted">{t(m.importLead)}</p>
      <div className="field">
        <label htmlFor={`${headingId}-file`}>{t(m.file)}</label>
        <input
          ref={inputRef}
          id={`${headingId}-file`}
          type="file"
          accept=".json,application/json"
          onChange={(e) => void onFile(e.target.files?.[0])}
        />
      </div>
      <div aria-live="polite">
        {fileProblems ? (
          <Alert kind="error" title={fileProblems.title}>
            {fileProblems.lines.length > 0 ? (
              <ul className="a-problems">
                {fileProblems.lines.map((line, i) => (
                  <li key={i} className="mono a-small">
                    {line}
                  </li>
                ))}
              </ul>
            ) : null}
          </Alert>
        ) : null}
        {picked ? (
          <p>{t(m.fileReady, { name: picked.name, n: picked.procedures, v: picked.versions })}</p>
        ) : null}
        {importMutation.isError ? (
          <Alert kind="error" title={t(m.importFailed)}>
            <p>{apiErrorText(importMutation.error)}</p>
            {serverProblems && serverProblems.length > 0 ? (
              <>
                <p>{t(m.problemCount, { n: problemCount })}</p>
                <ul className="a-problems">
                  {serverProblems.slice(0, 100).map((p, i) => (
                    <li key={i}>
                      <span className="mono a-small">{p.path}</span>: {p.message}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </Alert>
        ) : null}
        {report ? (
          <Alert kind="success" title={t(m.reportTitle)}>
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">{t(m.reportTitle)}</caption>
                <thead>
                  <tr>
                    <td />
                    <th scope="col">{t(m.created)}</th>
                    <th scope="col">{t(m.updated)}</th>
                    <th scope="col">{t(m.replaced)}</th>
                    <th scope="col">{t(m.unchanged)}</th>
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    <th scope="row" className="a-th">
                      {t(m.reportProcedures)}
                    </th>
                    <td>{report.procedures.created}</td>
                    <td>{report.procedures.updated}</td>
                    <td>—</td>
                    <td>{report.procedures.unchanged}</td>
                  </tr>
                  <tr>
                    <th scope="row" className="a-th">
                      {t(m.reportVersions)}
                    </th>
                    <td>{report.versions.created}</td>
                    <td>—</td>
                    <td>{report.versions.replaced}</td>
                    <td>{report.versions.unchanged}</td>
                  </tr>
                </tbody>
              </table>
            </div>
          </Alert>
        ) : null}
      </div>
      <Button disabled={!picked} onClick={() => setIsConfirming(true)}>
        {t(m.import)}
      </Button>
      <ConfirmDialog
        open={isConfirming}
        title={t(m.confirmImport)}
        confirmLabel={t(m.importNow)}
        isBusy={importMutation.isPending}
        onCancel={() => setIsConfirming(false)}
        onConfirm={() => picked && importMutation.mutate(picked.body)}
      >
        {picked ? <p>{t(m.confirmImportText, { name: picked.name, n: picked.procedures })}</p> : null}
      </ConfirmDialog>
    </section>
  );
}
