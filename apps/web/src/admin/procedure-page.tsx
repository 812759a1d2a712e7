import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ProcedureCode, addLocalDays, isLocalDate } from '@motcua/domain';
import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, ApiError, type ResponseOf } from '../api/client.ts';
import { useFormat, useT, type Text } from '../app/i18n.tsx';
import { paths } from '../app/paths.ts';
import { Alert, Button, ErrorMessage, Loading, Page, TextField } from '../ui/ui.tsx';
import { ConfirmDialog, Crumbs, apiErrorText, issuePathKey, showDate, todayVn } from './admin-ui.tsx';
import { fieldId, focusField, versionStatusText, type Content, type Problem } from './catalog-shared.tsx';
import {
  ContentEditor,
  ProblemSummary,
  UnsavedGuard,
  emptyContent,
  useLiveProblems,
} from './procedure-editor.tsx';
import { ContentView } from './procedure-view.tsx';

type Detail = ResponseOf<'/api/procedures/{code}', 'get'>;
type Version = ResponseOf<'/api/procedures/{code}/versions/{versionNo}', 'get'>;
type Validation = ResponseOf<'/api/procedures/{code}/versions/{versionNo}/validation', 'get'>;

const m = {
  catalog: { vi: 'Danh mục thủ tục', en: 'Procedure catalog' },
  codeLead: { vi: 'Mã thủ tục {code}', en: 'Procedure code {code}' },
  versions: { vi: 'Các phiên bản', en: 'Versions' },
  version: { vi: 'Phiên bản', en: 'Version' },
  status: { vi: 'Trạng thái', en: 'Status' },
  effectiveFrom: { vi: 'Hiệu lực từ', en: 'In force from' },
  effectiveTo: { vi: 'Đến hết ngày', en: 'Until' },
  publishedAt: { vi: 'Công bố lúc', en: 'Published at' },
  open: { vi: 'Xem', en: 'View' },
  openDraft: { vi: 'Sửa bản nháp', en: 'Edit the draft' },
  openVersion: { vi: 'Xem phiên bản {n}', en: 'View version {n}' },
  openDraftN: { vi: 'Sửa bản nháp phiên bản {n}', en: 'Edit the draft version {n}' },
  shown: { vi: 'Đang xem', en: 'Shown' },
  newDraft: {
    vi: 'Tạo bản nháp mới (sao chép phiên bản mới nhất)',
    en: 'New draft (copy of the latest version)',
  },
  draftExists: {
    vi: 'Đang có bản nháp phiên bản {n}; mỗi thủ tục chỉ có một bản nháp.',
    en: 'Version {n} is a draft; a procedure has one draft at a time.',
  },
  readOnly: {
    vi: 'Phiên bản {n} đã công bố nên không sửa được. Muốn thay đổi, hãy tạo bản nháp mới.',
    en: 'Version {n} is published and cannot be changed. To change it, create a new draft.',
  },
  publicPage: { vi: 'Xem trang công khai của thủ tục', en: 'See the public page of the procedure' },
  draftTitle: { vi: 'Bản nháp phiên bản {n}', en: 'Draft version {n}' },
  draftLead: {
    vi: 'Sửa nội dung, lưu, kiểm tra rồi công bố. Lỗi hiện ngay cạnh ô cần sửa.',
    en: 'Edit, save, check, then publish. Problems show next to the inputs to fix.',
  },
  draftDate: { vi: 'Ngày phiên bản có hiệu lực', en: 'Date the version takes effect' },
  draftDateHint: {
    vi: 'Từ hôm nay trở đi và sau ngày hiệu lực của phiên bản đã công bố gần nhất ({date}).',
    en: 'Today or later, and after the latest published version took effect ({date}).',
  },
  save: { vi: 'Lưu bản nháp', en: 'Save the draft' },
  check: { vi: 'Kiểm tra với máy chủ', en: 'Check with the server' },
  saveAndCheck: { vi: 'Lưu và kiểm tra', en: 'Save and check' },
  publish: { vi: 'Công bố…', en: 'Publish…' },
  publishBlocked: {
    vi: 'Chưa công bố được: lưu bản nháp và sửa hết lỗi trước.',
    en: 'Cannot publish yet: save the draft and fix every problem first.',
  },
  saved: { vi: 'Đã lưu bản nháp.', en: 'The draft was saved.' },
  checked: { vi: 'Máy chủ đã kiểm tra bản nháp đã lưu.', en: 'The server checked the saved draft.' },
  fixFirst: {
    vi: 'Còn lỗi ở các ô được đánh dấu; sửa rồi lưu lại.',
    en: 'Some inputs have problems; fix them and save again.',
  },
  confirmPublish: { vi: 'Công bố phiên bản {n}?', en: 'Publish version {n}?' },
  confirmPublishFrom: {
    vi: 'Phiên bản này có hiệu lực từ ngày {date}.',
    en: 'This version takes effect on {date}.',
  },
  confirmPublishEnds: {
    vi: 'Phiên bản {p} sẽ hết hiệu lực sau ngày {date}.',
    en: 'Version {p} stops applying after {date}.',
  },
  confirmPublishImmutable: {
    vi: 'Sau khi công bố, phiên bản không sửa được nữa. Hồ sơ đã tiếp nhận vẫn giải quyết theo phiên bản cũ.',
    en: 'Once published the version cannot be changed. Dossiers already received keep their version.',
  },
  publishNow: { vi: 'Công bố', en: 'Publish' },
  published: { vi: 'Đã công bố phiên bản {n}.', en: 'Version {n} was published.' },
  newTitle: { vi: 'Thêm thủ tục mới', en: 'Add a procedure' },
  newLead: {
    vi: 'Nhập mã thủ tục trên Cơ sở dữ liệu quốc gia và nội dung. Thủ tục được lưu thành bản nháp phiên bản 1; công bố sau khi kiểm tra.',
    en: 'Enter the national procedure code and the content. It is saved as draft version 1; publish it after checking.',
  },
  code: { vi: 'Mã thủ tục', en: 'Procedure code' },
  codeHint: {
    vi: 'Mã trên Cơ sở dữ liệu quốc gia về TTHC, ví dụ 1.001612 (mã địa phương: 1.000948.H38).',
    en: 'The national database code, e.g. 1.001612 (local code: 1.000948.H38).',
  },
  codeTaken: {
    vi: 'Mã thủ tục này đã có trong danh mục.',
    en: 'This procedure code is already in the catalog.',
  },
  create: { vi: 'Tạo thủ tục (lưu bản nháp)', en: 'Create (save as draft)' },
  dateInvalid: { vi: 'Chọn một ngày hợp lệ.', en: 'Choose a valid date.' },
  notFound: { vi: 'Không tìm thấy thủ tục {code}.', en: 'Procedure {code} was not found.' },
  stateDirty: { vi: 'Có thay đổi chưa lưu', en: 'Unsaved changes' },
  stateClean: { vi: 'Đã lưu', en: 'Saved' },
  actions: { vi: 'Thao tác với bản nháp', en: 'Draft actions' },
} satisfies Record<string, Text>;

/** Problems carried by an error answer: VALIDATION_FAILED issues or VERSION_INVALID problems. */
function problemsOfError(error: unknown): Problem[] {
  if (!(error instanceof ApiError)) return [];
  const list = (error.details?.problems ?? error.details?.issues) as
    { path?: string; code?: string; message?: string }[] | undefined;
  return (list ?? [])
    .filter((p) => typeof p.path === 'string')
    .map((p) => ({
      path: issuePathKey(p.path ?? '', ['body']),
      code: p.code ?? 'SCHEMA_INVALID',
      message: p.message ?? '',
    }));
}

export function ProcedurePage() {
  const t = useT();
  const f = useFormat();
  const { code = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  const detail = useQuery({
    queryKey: ['admin-procedure', code],
    queryFn: ({ signal }) => api<Detail>(`/api/procedures/${encodeURIComponent(code)}`, { signal }),
  });
  const versions = detail.data?.versions ?? [];
  const draft = versions.find((v) => v.status === 'draft');
  const requested = Number(params.get('phien-ban'));
  const selectedNo = versions.some((v) => v.versionNo === requested)
    ? requested
    : (draft?.versionNo ?? detail.data?.versionNo);
  const version = useQuery({
    queryKey: ['admin-procedure', code, 'version', selectedNo],
    queryFn: ({ signal }) =>
      api<Version>(`/api/procedures/${encodeURIComponent(code)}/versions/${selectedNo}`, { signal }),
    enabled: selectedNo !== undefined,
  });
  const createDraft = useMutation({
    mutationFn: () =>
      api<Version>(`/api/procedures/${encodeURIComponent(code)}/versions`, { method: 'POST', body: {} }),
    onSuccess: async (created) => {
      queryClient.setQueryData(['admin-procedure', code, 'version', created.versionNo], created);
      await queryClient.invalidateQueries({ queryKey: ['admin-procedure', code], exact: true });
      setNotice(null);
      void navigate(`?phien-ban=${created.versionNo}`);
    },
  });
  const today = todayVn();

  if (detail.isPending) return <Loading />;
  if (detail.isError) {
    if (detail.error instanceof ApiError && detail.error.status === 404)
      return (
        <Page title={t(m.notFound, { code })}>
          <Link to={paths.adminCatalog}>{t(m.catalog)}</Link>
        </Page>
      );
    return <ErrorMessage error={detail.error} onRetry={() => void detail.refetch()} />;
  }
  const shown = version.data;
  const title = shown?.content.name ?? detail.data.content.name;
  const latestPublished = versions
    .filter((v) => v.status === 'published')
    .reduce<(typeof versions)[number] | undefined>(
      (a, b) => (!a || b.effectiveFrom > a.effectiveFrom ? b : a),
      undefined,
    );

  return (
    <Page title={title} lead={t(m.codeLead, { code: detail.data.procedureCode })}>
      <Crumbs
        items={[{ label: t(m.catalog), to: paths.adminCatalog }, { label: detail.data.procedureCode }]}
      />
      {notice ? <Alert kind="success">{notice}</Alert> : null}
      <section className="card" aria-labelledby="versions-h">
        <div className="a-card-head">
          <h2 id="versions-h">{t(m.versions)}</h2>
          {draft ? (
            <p className="muted">{t(m.draftExists, { n: draft.versionNo })}</p>
          ) : (
            <Button variant="secondary" isBusy={createDraft.isPending} onClick={() => createDraft.mutate()}>
              + {t(m.newDraft)}
            </Button>
          )}
        </div>
        {createDraft.isError ? <Alert kind="error">{apiErrorText(createDraft.error)}</Alert> : null}
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t(m.versions)}</caption>
            <thead>
              <tr>
                <th scope="col">{t(m.version)}</th>
                <th scope="col">{t(m.status)}</th>
                <th scope="col">{t(m.effectiveFrom)}</th>
                <th scope="col">{t(m.effectiveTo)}</th>
                <th scope="col">{t(m.publishedAt)}</th>
                <th scope="col">
                  <span className="visually-hidden">{t(m.open)}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {[...versions].reverse().map((v) => {
                const status = versionStatusText(t, v, today);
                const isShown = v.versionNo === selectedNo;
                return (
                  <tr key={v.versionNo} className={isShown ? 'a-row-selected' : undefined}>
                    <th scope="row" className="a-th">
                      {v.versionNo}
                    </th>
                    <td>
                      <span className={`badge a-version-${status.tone}`}>{status.label}</span>
                    </td>
                    <td>{showDate(v.effectiveFrom)}</td>
                    <td>{showDate(v.effectiveTo)}</td>
                    <td>{v.publishedAt ? f.dateTime(v.publishedAt) : '—'}</td>
                    <td>
                      {isShown ? (
                        <span className="muted">{t(m.shown)}</span>
                      ) : (
                        <Link
                          to={`?phien-ban=${v.versionNo}`}
                          aria-label={t(v.status === 'draft' ? m.openDraftN : m.openVersion, {
                            n: v.versionNo,
                          })}
                        >
                          {t(v.status === 'draft' ? m.openDraft : m.open)}
                        </Link>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
      {version.isPending && selectedNo !== undefined ? <Loading /> : null}
      {version.isError ? <ErrorMessage error={version.error} onRetry={() => void version.refetch()} /> : null}
      {shown && shown.status === 'published' ? (
        <>
          <Alert kind="info">
            <p>{t(m.readOnly, { n: shown.versionNo })}</p>
            {shown.isInForce ? (
              <p>
                <Link to={paths.procedure(shown.procedureCode)}>{t(m.publicPage)}</Link>
              </p>
            ) : null}
          </Alert>
          <ContentView content={shown.content} agencyName={shown.competentAgency?.name ?? null} />
        </>
      ) : null}
      {shown && shown.status === 'draft' ? (
        <DraftEditor
          key={`${shown.versionId}`}
          version={shown}
          latestPublished={latestPublished}
          onPublished={async (published) => {
            await queryClient.invalidateQueries({ queryKey: ['admin-procedure', code] });
            await queryClient.invalidateQueries({ queryKey: ['admin-catalog'] });
            setNotice(t(m.published, { n: published.versionNo }));
            setParams({ 'phien-ban': String(published.versionNo) });
          }}
        />
      ) : null}
    </Page>
  );
}

function snapshot(content: Content, effectiveFrom: string): string {
  return JSON.stringify({ content, effectiveFrom });
}

function DraftEditor({
  version,
  latestPublished,
  onPublished,
}: {
  version: Version;
  latestPublished: { versionNo: number; effectiveFrom: string } | undefined;
  onPublished: (published: Version) => Promise<void>;
}) {
  const t = useT();
  const queryClient = useQueryClient();
  const code = version.procedureCode;
  const [content, setContent] = useState<Content>(version.content);
  const [effectiveFrom, setEffectiveFrom] = useState(version.effectiveFrom);
  const [savedSnapshot, setSavedSnapshot] = useState(() => snapshot(version.content, version.effectiveFrom));
  const [actionProblems, setActionProblems] = useState<Problem[]>([]);
  const [message, setMessage] = useState<{ kind: 'success' | 'error' | 'warning'; text: string } | null>(
    null,
  );
  const [isConfirming, setIsConfirming] = useState(false);
  const isDirty = snapshot(content, effectiveFrom) !== savedSnapshot;
  const validationKey = ['admin-procedure', code, 'validation', version.versionNo];
  const validation = useQuery({
    queryKey: validationKey,
    queryFn: ({ signal }) =>
      api<Validation>(
        `/api/procedures/${encodeURIComponent(code)}/versions/${version.versionNo}/validation`,
        {
          signal,
        },
      ),
  });
  const isServerCurrent = !isDirty && !validation.isFetching && validation.data !== undefined;
  const extra = useMemo<Problem[]>(
    () => (isDirty ? [] : [...(validation.data?.problems ?? []), ...actionProblems]),
    [isDirty, validation.data, actionProblems],
  );
  const problems = useLiveProblems(t, content, extra);
  const dateError =
    (!isLocalDate(effectiveFrom) ? t(m.dateInvalid) : undefined) ?? problems.errors.effectiveFrom;

  const save = useMutation({
    mutationFn: (body: { effectiveFrom: string; content: Content }) =>
      api<Version>(`/api/procedures/${encodeURIComponent(code)}/versions/${version.versionNo}`, {
        method: 'PUT',
        body,
      }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(['admin-procedure', code, 'version', saved.versionNo], saved);
      setContent(saved.content);
      setEffectiveFrom(saved.effectiveFrom);
      setSavedSnapshot(snapshot(saved.content, saved.effectiveFrom));
      setActionProblems([]);
      await queryClient.invalidateQueries({ queryKey: validationKey });
      await queryClient.invalidateQueries({ queryKey: ['admin-procedure', code], exact: true });
      setMessage({ kind: 'success', text: t(m.saved) });
    },
    onError: (error) => {
      setActionProblems(problemsOfError(error));
      setMessage({ kind: 'error', text: apiErrorText(error) });
    },
  });
  const publish = useMutation({
    mutationFn: () =>
      api<Version>(`/api/procedures/${encodeURIComponent(code)}/versions/${version.versionNo}/publish`, {
        method: 'POST',
      }),
    onSuccess: async (published) => {
      setIsConfirming(false);
      await onPublished(published);
    },
    onError: (error) => {
      setIsConfirming(false);
      setActionProblems(problemsOfError(error));
      setMessage({ kind: 'error', text: apiErrorText(error) });
    },
  });

  const trySave = (then?: 'check') => {
    setMessage(null);
    if (!problems.parsed.success || !isLocalDate(effectiveFrom)) {
      setMessage({ kind: 'warning', text: t(m.fixFirst) });
      const first = !isLocalDate(effectiveFrom) ? 'effectiveFrom' : problems.list[0]?.path;
      if (first) focusField(first);
      return;
    }
    save.mutate(
      { effectiveFrom, content: problems.parsed.data },
      {
        onSuccess: () => {
          if (then === 'check') setMessage({ kind: 'success', text: `${t(m.saved)} ${t(m.checked)}` });
        },
      },
    );
  };
  const canPublish =
    !isDirty && isServerCurrent && problems.list.length === 0 && validation.data?.isPublishable;

  return (
    <>
      <UnsavedGuard isDirty={isDirty} />
      <section className="card" aria-labelledby="draft-h">
        <h2 id="draft-h">{t(m.draftTitle, { n: version.versionNo })}</h2>
        <p className="muted">{t(m.draftLead)}</p>
        <div className="grid grid-2">
          <TextField
            id={fieldId('effectiveFrom')}
            label={t(m.draftDate)}
            type="date"
            required
            value={effectiveFrom}
            hint={
              latestPublished
                ? t(m.draftDateHint, { date: showDate(latestPublished.effectiveFrom) })
                : undefined
            }
            onChange={(e) => setEffectiveFrom(e.target.value)}
            error={dateError}
          />
        </div>
        <ProblemSummary problems={problems.list} />
      </section>
      <ContentEditor
        content={content}
        onChange={(next) => {
          setContent(next);
          setMessage(null);
        }}
        problems={problems}
        serverProblems={validation.data?.problems}
        isServerCurrent={isServerCurrent}
      />
      <div className="a-actionbar" role="region" aria-label={t(m.actions)}>
        <span className={`badge ${isDirty ? 'a-badge-warn' : 'a-badge-ok'}`}>
          {t(isDirty ? m.stateDirty : m.stateClean)}
        </span>
        <Button onClick={() => trySave()} isBusy={save.isPending} disabled={!isDirty}>
          {t(m.save)}
        </Button>
        <Button
          variant="secondary"
          isBusy={validation.isFetching}
          onClick={() => {
            if (isDirty) trySave('check');
            else void validation.refetch().then(() => setMessage({ kind: 'success', text: t(m.checked) }));
          }}
        >
          {t(isDirty ? m.saveAndCheck : m.check)}
        </Button>
        <Button variant="secondary" onClick={() => setIsConfirming(true)} disabled={!canPublish}>
          {t(m.publish)}
        </Button>
        <div className="a-actionbar-msg" aria-live="polite">
          {message ? <span className={`a-msg-${message.kind}`}>{message.text}</span> : null}
          {!canPublish && !message && !isDirty && problems.list.length > 0 ? (
            <span className="muted">{t(m.publishBlocked)}</span>
          ) : null}
        </div>
      </div>
      <ConfirmDialog
        open={isConfirming}
        title={t(m.confirmPublish, { n: version.versionNo })}
        confirmLabel={t(m.publishNow)}
        isBusy={publish.isPending}
        onCancel={() => setIsConfirming(false)}
        onConfirm={() => publish.mutate()}
      >
        <p>{t(m.confirmPublishFrom, { date: showDate(effectiveFrom) })}</p>
        {latestPublished && isLocalDate(effectiveFrom) ? (
          <p>
            {t(m.confirmPublishEnds, {
              p: latestPublished.versionNo,
              date: showDate(addLocalDays(effectiveFrom, -1)),
            })}
          </p>
        ) : null}
        <p>{t(m.confirmPublishImmutable)}</p>
      </ConfirmDialog>
    </>
  );
}

export function NewProcedurePage() {
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const bypass = useRef(false);
  const initial = useMemo(() => emptyContent(), []);
  const [content, setContent] = useState<Content>(initial);
  const [code, setCode] = useState('');
  const [effectiveFrom, setEffectiveFrom] = useState(todayVn());
  const [isAttempted, setIsAttempted] = useState(false);
  const [actionProblems, setActionProblems] = useState<Problem[]>([]);
  const [codeError, setCodeError] = useState<string | undefined>();
  const formId = useId();
  const isDirty = code !== '' || snapshot(content, '') !== snapshot(initial, '');
  const problems = useLiveProblems(t, content, actionProblems);
  const shownProblems = isAttempted ? problems : { ...problems, errors: {}, list: [] };
  const create = useMutation({
    mutationFn: (body: { code: string; effectiveFrom: string; content: Content }) =>
      api<Version>('/api/procedures', { method: 'POST', body }),
    onSuccess: async (created) => {
      bypass.current = true;
      await queryClient.invalidateQueries({ queryKey: ['admin-catalog'] });
      void navigate(`${paths.adminProcedure(created.procedureCode)}?phien-ban=${created.versionNo}`);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'PROCEDURE_CODE_TAKEN') setCodeError(t(m.codeTaken));
      setActionProblems(problemsOfError(error));
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setIsAttempted(true);
    const codeOk = ProcedureCode.safeParse(code.trim()).success;
    setCodeError(codeOk ? undefined : t(m.codeHint));
    if (!codeOk) {
      focusField('code');
      return;
    }
    if (!isLocalDate(effectiveFrom)) {
      focusField('effectiveFrom');
      return;
    }
    if (!problems.parsed.success) {
      const first = problems.list[0]?.path;
      if (first) focusField(first);
      return;
    }
    create.mutate({ code: code.trim(), effectiveFrom, content: problems.parsed.data });
  };
  return (
    <Page title={t(m.newTitle)} lead={t(m.newLead)}>
      <Crumbs items={[{ label: t(m.catalog), to: paths.adminCatalog }, { label: t(m.newTitle) }]} />
      <UnsavedGuard isDirty={isDirty} bypass={bypass} />
      <form id={formId} onSubmit={submit} noValidate>
        <section className="card" aria-labelledby="new-h">
          <h2 id="new-h">{t(m.code)}</h2>
          <div className="grid grid-2">
            <TextField
              id={fieldId('code')}
              label={t(m.code)}
              hint={t(m.codeHint)}
              required
              className="mono"
              spellCheck={false}
              maxLength={30}
              value={code}
              onChange={(e) => setCode(e.target.value)}
              error={codeError}
            />
            <TextField
              id={fieldId('effectiveFrom')}
              label={t(m.draftDate)}
              type="date"
              required
              value={effectiveFrom}
              onChange={(e) => setEffectiveFrom(e.target.value)}
              error={isAttempted && !isLocalDate(effectiveFrom) ? t(m.dateInvalid) : undefined}
            />
          </div>
          {isAttempted && shownProblems.list.length > 0 ? (
            <ProblemSummary problems={shownProblems.list} />
          ) : null}
        </section>
        <ContentEditor
          content={content}
          onChange={setContent}
          problems={shownProblems}
          serverProblems={undefined}
          isServerCurrent={false}
        />
        <div className="a-actionbar">
          <Button type="submit" isBusy={create.isPending}>
            {t(m.create)}
          </Button>
          <div className="a-actionbar-msg" aria-live="polite">
            {create.isError ? <span className="a-msg-error">{apiErrorText(create.error)}</span> : null}
            {isAttempted && !problems.parsed.success ? (
              <span className="a-msg-warning">{t(m.fixFirst)}</span>
            ) : null}
          </div>
        </div>
      </form>
    </Page>
  );
}
