import type { EFormField } from '@motcua/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, ApiError } from '../api/client.ts';
import { useAuth, type CitizenMe } from '../app/auth.tsx';
import { useFormat, useLang, useT } from '../app/i18n.tsx';
import { paths } from '../app/paths.ts';
import { Alert, Button, Facts, Loading, Page, SelectField, TextArea, TextField } from '../ui/ui.tsx';
import {
  deleteDraft,
  fetchDraft,
  fetchProcedure,
  fetchUnits,
  newIdempotencyKey,
  plainError,
  queryKeys,
  saveDraft,
  type Dossier,
  type ProcedureDetail,
  type Unit,
} from './citizen-api.ts';
import { CitizenError, useMoney, useRuleText } from './citizen-ui.tsx';
import { receivingUnitFor } from './procedure-page.tsx';
import { FileUploadField, formatSize } from './upload.tsx';
import { PopulationPrefill } from './population-prefill.tsx';
import { ReuseStoredDocument } from './reuse-document.tsx';
import {
  buildSubmission,
  checkStep,
  communeFromAddress,
  deliveryOptions,
  initialData,
  resolveFor,
  restoreData,
  uploadable,
  validateSubmission,
  wizardSteps,
  type Delivery,
  type Problems,
  type WizardData,
  type WizardStep,
} from './wizard-model.ts';

const m = {
  title: { vi: 'Nộp hồ sơ trực tuyến', en: 'Submit online' },
  notOnline: {
    vi: 'Thủ tục này chưa nộp được trên mạng. Xem nơi nộp trực tiếp ở trang thủ tục.',
    en: 'This procedure cannot be submitted online. See where to submit in person on the procedure page.',
  },
  toProcedure: { vi: 'Về trang thủ tục', en: 'Back to the procedure' },
  stepOf: { vi: 'Bước {n} trên {total}', en: 'Step {n} of {total}' },
  next: { vi: 'Tiếp tục', en: 'Continue' },
  back: { vi: 'Quay lại', en: 'Back' },
  restored: {
    vi: 'Chúng tôi đã mở lại hồ sơ bạn đang khai dở (lưu lúc {d}).',
    en: 'We reopened the dossier you were filling in (saved at {d}).',
  },
  restart: { vi: 'Bắt đầu lại', en: 'Start again' },
  restartConfirm: {
    vi: 'Xóa mọi thông tin đã khai và bắt đầu lại từ đầu?',
    en: 'Clear everything you entered and start again?',
  },
  restartYes: { vi: 'Có, xóa và bắt đầu lại', en: 'Yes, clear and start again' },
  restartNo: { vi: 'Không', en: 'No' },
  saving: { vi: 'Đang lưu nháp…', en: 'Saving draft…' },
  saved: { vi: 'Đã tự động lưu nháp lúc {d}', en: 'Draft saved automatically at {d}' },
  saveFailed: {
    vi: 'Chưa lưu được nháp, sẽ thử lại khi bạn sửa tiếp.',
    en: 'The draft could not be saved; it will be retried on your next change.',
  },
  fixAbove: { vi: 'Hãy sửa các mục được đánh dấu.', en: 'Please correct the marked fields.' },
  waitUpload: { vi: 'Hãy đợi tệp tải lên xong.', en: 'Please wait until the files are uploaded.' },
  // variant
  variantLead: {
    vi: 'Thủ tục này có nhiều trường hợp, giấy tờ và thời hạn có thể khác nhau. Chọn trường hợp đúng với bạn.',
    en: 'This procedure has several cases with different documents and time limits. Choose the one that fits you.',
  },
  general: { vi: 'Trường hợp chung', en: 'General case' },
  generalHint: { vi: 'Không thuộc các trường hợp dưới đây.', en: 'None of the cases below.' },
  timeLimit: { vi: 'Thời hạn: {r}', en: 'Time limit: {r}' },
  // place
  placeLabel: { vi: 'Xã, phường nơi nộp hồ sơ', en: 'Commune or ward' },
  placeLead: {
    vi: 'Hồ sơ được gửi tới Ủy ban nhân dân xã, phường bạn chọn. Thường là nơi bạn cư trú.',
    en: 'The dossier goes to the People’s Committee of the commune or ward you choose, usually where you live.',
  },
  placeGuess: {
    vi: 'Đã chọn sẵn theo địa chỉ của bạn; bạn có thể đổi.',
    en: 'Chosen from your address; you can change it.',
  },
  choose: { vi: '— Chọn —', en: '— Choose —' },
  // applicant
  applicantLead: {
    vi: 'Thông tin lấy từ tài khoản của bạn. Hãy kiểm tra và sửa nếu cần.',
    en: 'Taken from your account. Check it and correct it if needed.',
  },
  fullName: { vi: 'Họ và tên', en: 'Full name' },
  orgName: { vi: 'Tên tổ chức, doanh nghiệp', en: 'Organisation name' },
  idNumber: { vi: 'Số định danh cá nhân (CCCD)', en: 'Personal ID number' },
  idHint: { vi: '12 chữ số trên căn cước công dân', en: 'The 12 digits on your ID card' },
  taxCode: { vi: 'Mã số thuế', en: 'Tax code' },
  dob: { vi: 'Ngày sinh', en: 'Date of birth' },
  address: { vi: 'Địa chỉ liên hệ', en: 'Address' },
  phone: { vi: 'Số điện thoại', en: 'Phone number' },
  phoneHint: {
    vi: 'Để cán bộ liên hệ khi cần, ví dụ 0912345678',
    en: 'So an officer can call you, e.g. 0912345678',
  },
  email: { vi: 'Thư điện tử', en: 'E-mail' },
  optional: { vi: 'Không bắt buộc', en: 'Optional' },
  // form
  formLead: {
    vi: 'Điền các thông tin của tờ khai. Mục có chữ “bắt buộc” phải điền.',
    en: 'Fill in the application form. Fields marked “required” must be filled in.',
  },
  yes: { vi: 'Có', en: 'Yes' },
  // docs
  docNeed: { vi: 'Cần: {what}', en: 'Needed: {what}' },
  original: { vi: '{n} bản chính', en: '{n} original(s)' },
  copy: { vi: '{n} bản sao', en: '{n} copy(ies)' },
  docLead: {
    vi: 'Chụp rõ từng trang của giấy tờ (đủ sáng, không bị mất góc) hoặc tải tệp PDF đã quét.',
    en: 'Photograph every page clearly (good light, no cut corners) or upload a scanned PDF.',
  },
  template: { vi: 'Mẫu đơn: {name}', en: 'Form: {name}' },
  download: { vi: 'Tải mẫu', en: 'Download the form' },
  reuseAsk: { vi: 'Bạn muốn nộp giấy tờ này thế nào?', en: 'How do you want to provide this document?' },
  reuseYes: {
    vi: 'Dùng dữ liệu đã có trong Cơ sở dữ liệu quốc gia (không cần tải lên)',
    en: 'Use the data already in the national database (no upload needed)',
  },
  reuseNo: { vi: 'Tải lên ảnh chụp hoặc tệp PDF', en: 'Upload a photo or a PDF' },
  filesLabel: { vi: 'Tệp của giấy tờ: {name}', en: 'Files for: {name}' },
  optionalLead: {
    vi: 'Các giấy tờ dưới đây chỉ cần nộp nếu bạn thuộc trường hợp đó. Không có thì bấm “Tiếp tục”.',
    en: 'Only upload the documents below if they apply to you. Otherwise press “Continue”.',
  },
  // delivery
  deliveryLabel: { vi: 'Bạn muốn nhận kết quả bằng cách nào?', en: 'How do you want to receive the result?' },
  counter: { vi: 'Nhận trực tiếp tại nơi nộp hồ sơ', en: 'Collect it at the office' },
  counterAt: { vi: 'Tại: {unit}', en: 'At: {unit}' },
  postal: { vi: 'Nhận qua bưu điện tại nhà', en: 'Delivered by post to your address' },
  postalAt: {
    vi: 'Gửi tới: {address} (có thể mất phí bưu chính)',
    en: 'Sent to: {address} (postage may apply)',
  },
  postalNoAddress: {
    vi: 'Cần nhập địa chỉ ở bước “Thông tin người nộp”.',
    en: 'Enter your address at the “About you” step.',
  },
  online: { vi: 'Nhận bản điện tử trên mạng', en: 'Receive the electronic result online' },
  onlineHint: {
    vi: 'Tải kết quả có chữ ký số trong mục “Hồ sơ của tôi”.',
    en: 'Download the digitally signed result from “My dossiers”.',
  },
  // review
  reviewLead: {
    vi: 'Kiểm tra lại trước khi nộp. Bấm “Sửa” để thay đổi một phần.',
    en: 'Check everything before submitting. Press “Edit” to change a part.',
  },
  edit: { vi: 'Sửa', en: 'Edit' },
  editPart: { vi: 'Sửa: {part}', en: 'Edit: {part}' },
  procedure: { vi: 'Thủ tục', en: 'Procedure' },
  noFiles: { vi: 'Chưa có tệp', en: 'No file' },
  reused: { vi: 'Dùng dữ liệu sẵn có', en: 'Existing data' },
  fees: { vi: 'Phí, lệ phí', en: 'Fees' },
  free: { vi: 'Không mất phí', en: 'Free' },
  due: {
    vi: 'Thời hạn giải quyết: {r}, tính từ khi cán bộ tiếp nhận hồ sơ.',
    en: 'Time limit: {r}, counted from when an officer accepts the dossier.',
  },
  declare: {
    vi: 'Tôi cam đoan thông tin đã khai là đúng sự thật và chịu trách nhiệm trước pháp luật.',
    en: 'I declare that the information given is true, and I am responsible for it under the law.',
  },
  submit: { vi: 'Nộp hồ sơ', en: 'Submit the dossier' },
  submitting: { vi: 'Đang nộp hồ sơ…', en: 'Submitting…' },
  notValid: { vi: 'Hồ sơ còn thiếu hoặc chưa đúng:', en: 'The dossier is incomplete or has errors:' },
  goFix: { vi: 'Đến phần này để sửa', en: 'Go to this part' },
  already: { vi: 'Xem hồ sơ đã nộp', en: 'See the submitted dossier' },
};

const DRAFT_DELAY_MS = 1200;

export function SubmitWizardPage() {
  const { code = '' } = useParams();
  const t = useT();
  const { me } = useAuth();
  const procedure = useQuery({ queryKey: queryKeys.procedure(code), queryFn: () => fetchProcedure(code) });
  const draft = useQuery({
    queryKey: queryKeys.draft(code),
    queryFn: () => fetchDraft(code),
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });
  if (procedure.isLoading || draft.isLoading || me?.type !== 'citizen') return <Loading />;
  if (procedure.error || !procedure.data)
    return (
      <Page title={t(m.title)}>
        <CitizenError error={procedure.error} onRetry={() => void procedure.refetch()} />
      </Page>
    );
  const content = procedure.data.content;
  if (content.onlineServiceLevel === 'none' || !content.channels.some((c) => c.channel === 'online'))
    return (
      <Page title={t(m.title)} lead={content.name}>
        <Alert kind="info">{t(m.notOnline)}</Alert>
        <Link to={paths.procedure(code)}>{t(m.toProcedure)}</Link>
      </Page>
    );
  return (
    <Wizard
      detail={procedure.data}
      me={me}
      savedDraft={draft.error ? null : (draft.data ?? null)}
      draftLoadError={draft.error}
    />
  );
}

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: string } | { kind: 'failed' };

function Wizard({
  detail,
  me,
  savedDraft,
  draftLoadError,
}: {
  detail: ProcedureDetail;
  me: CitizenMe;
  savedDraft: Awaited<ReturnType<typeof fetchDraft>>;
  draftLoadError: unknown;
}) {
  const t = useT();
  const fmt = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const code = detail.procedureCode;
  const content = detail.content;
  const [restoredAt] = useState(() =>
    savedDraft && restoreData(savedDraft.data, me, newIdempotencyKey) ? savedDraft.updatedAt : null,
  );
  const [data, setData] = useState<WizardData>(
    () =>
      (savedDraft ? restoreData(savedDraft.data, me, newIdempotencyKey) : null) ??
      initialData(me, newIdempotencyKey()),
  );
  const [problems, setProblems] = useState<Problems>({});
  const [isUploading, setUploading] = useState(false);
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  const [askRestart, setAskRestart] = useState(false);
  const units = useQuery({ queryKey: queryKeys.units, queryFn: fetchUnits, staleTime: 10 * 60_000 });

  const steps = wizardSteps(content, data);
  const requested = params.get('buoc');
  const index = Math.max(
    0,
    steps.findIndex((s) => s.key === (requested ?? data.step)),
  );
  const step = steps[index] as WizardStep;

  // Keep the page in the URL (back button, "Sửa" links) and in the draft.
  useEffect(() => {
    if (requested !== step.key) setParams({ buoc: step.key }, { replace: true });
    setData((d) => (d.step === step.key ? d : { ...d, step: step.key }));
  }, [requested, step.key, setParams]);

  // Focus the step heading when the page changes (screen readers announce it).
  const heading = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    heading.current?.focus();
    window.scrollTo({ top: 0 });
  }, [step.key]);

  /* ---------------------------------------------------------------- autosave (debounced) */
  const isDirty = useRef(false);
  const isSubmitted = useRef(false);
  const saveTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const saveAbort = useRef<AbortController | null>(null);
  useEffect(() => {
    if (!isDirty.current || isSubmitted.current) return;
    clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(() => {
      saveAbort.current?.abort();
      const controller = new AbortController();
      saveAbort.current = controller;
      setSaveState({ kind: 'saving' });
      saveDraft(code, data as unknown as Record<string, unknown>, controller.signal).then(
        () => {
          if (!controller.signal.aborted) setSaveState({ kind: 'saved', at: new Date().toISOString() });
        },
        (e: unknown) => {
          if (!(e instanceof DOMException && e.name === 'AbortError')) setSaveState({ kind: 'failed' });
        },
      );
    }, DRAFT_DELAY_MS);
    return () => clearTimeout(saveTimer.current);
  }, [data, code]);
  const stopSaving = useCallback(() => {
    isSubmitted.current = true;
    clearTimeout(saveTimer.current);
    saveAbort.current?.abort();
  }, []);

  const update = useCallback((change: (d: WizardData) => WizardData) => {
    isDirty.current = true;
    setData(change);
  }, []);

  function go(to: number) {
    const target = steps[to];
    if (!target) return;
    setProblems({});
    void navigate({ search: `?buoc=${target.key}` });
  }

  function onNext(e: FormEvent) {
    e.preventDefault();
    if (isUploading) {
      setProblems({ upload: m.waitUpload });
      return;
    }
    const found = checkStep(step, data, content);
    setProblems(found);
    if (Object.keys(found).length > 0) {
      requestAnimationFrame(() =>
        document.querySelector<HTMLElement>('[aria-invalid="true"], .c-step-error')?.focus(),
      );
      return;
    }
    go(index + 1);
  }

  async function restart() {
    stopSaving();
    try {
      await deleteDraft(code);
    } catch {
      // the next autosave replaces it anyway
    }
    isSubmitted.current = false;
    isDirty.current = false;
    setData(initialData(me, newIdempotencyKey()));
    setAskRestart(false);
    setSaveState({ kind: 'idle' });
    queryClient.removeQueries({ queryKey: queryKeys.draft(code) });
    void navigate({ search: `?buoc=${steps[0]?.key ?? ''}` });
  }

  const resolved = resolveFor(content, data.variantCode);
  const communes = (units.data ?? []).filter((u) => u.kind === 'commune' && !u.validTo);

  return (
    <Page title={t(m.title)} lead={content.name}>
      {restoredAt ? (
        <Alert kind="info">
          <p>{t(m.restored, { d: fmt.dateTime(restoredAt) })}</p>
        </Alert>
      ) : null}
      {draftLoadError ? <CitizenError error={draftLoadError} /> : null}
      <div className="c-wizard-bar">
        <p className="c-step-count">{t(m.stepOf, { n: index + 1, total: steps.length })}</p>
        <progress
          className="c-progress c-wizard-progress"
          max={steps.length}
          value={index + 1}
          aria-hidden="true"
        />
        <p className="c-save-state">
          {saveState.kind === 'saving'
            ? t(m.saving)
            : saveState.kind === 'saved'
              ? t(m.saved, { d: fmt.dateTime(saveState.at).split(' ').pop() ?? '' })
              : saveState.kind === 'failed'
                ? t(m.saveFailed)
                : ''}
        </p>
      </div>

      <form className="c-step card" onSubmit={onNext} noValidate>
        <h2 ref={heading} tabIndex={-1} className="c-step-title">
          {t(step.title)}
        </h2>
        {step.kind === 'variant' ? (
          <VariantStep content={content} data={data} update={update} problems={problems} />
        ) : null}
        {step.kind === 'place' ? (
          <PlaceStep
            communes={communes}
            isLoading={units.isLoading}
            data={data}
            update={update}
            problems={problems}
          />
        ) : null}
        {step.kind === 'applicant' ? <ApplicantStep data={data} update={update} problems={problems} /> : null}
        {step.kind === 'form' ? (
          <FormStep fields={content.eForm} data={data} update={update} problems={problems} />
        ) : null}
        {step.kind === 'doc' || step.kind === 'optional-docs' ? (
          <DocsStep
            components={uploadable(resolved, content).filter((c) =>
              step.kind === 'doc' ? c.code === step.componentCode : !c.isRequired,
            )}
            isOptionalPage={step.kind === 'optional-docs'}
            data={data}
            update={update}
            problems={problems}
            onBusyChange={setUploading}
          />
        ) : null}
        {step.kind === 'delivery' ? (
          <DeliveryStep
            detail={detail}
            units={units.data ?? []}
            data={data}
            update={update}
            problems={problems}
          />
        ) : null}
        {step.kind === 'review' ? (
          <ReviewStep
            detail={detail}
            steps={steps}
            units={units.data ?? []}
            data={data}
            update={update}
            problems={problems}
            onSubmitted={(dossier) => {
              stopSaving();
              queryClient.removeQueries({ queryKey: queryKeys.draft(code) });
              void queryClient.invalidateQueries({ queryKey: ['my-dossiers'] });
              queryClient.setQueryData(queryKeys.dossier(dossier.code), dossier);
              void navigate(paths.submitted(dossier.code), { replace: true });
            }}
          />
        ) : (
          <>
            {problems['upload'] ? <Alert kind="error">{t(problems['upload'])}</Alert> : null}
            {Object.keys(problems).length > 0 && !problems['upload'] ? (
              <p className="field-error c-step-error" tabIndex={-1}>
                {t(m.fixAbove)}
              </p>
            ) : null}
            <div className="c-step-nav">
              <Button type="submit" className="c-btn-big">
                {t(m.next)} →
              </Button>
              {index > 0 ? (
                <Button variant="secondary" onClick={() => go(index - 1)}>
                  ← {t(m.back)}
                </Button>
              ) : null}
            </div>
          </>
        )}
        {step.kind === 'review' && index > 0 ? (
          <div className="c-step-nav">
            <Button variant="secondary" onClick={() => go(index - 1)}>
              ← {t(m.back)}
            </Button>
          </div>
        ) : null}
      </form>

      <div className="c-restart">
        {askRestart ? (
          <div role="alertdialog" aria-labelledby="restart-q" className="c-confirm">
            <p id="restart-q" className="alert-title">
              {t(m.restartConfirm)}
            </p>
            <div className="row">
              <Button variant="danger" onClick={() => void restart()}>
                {t(m.restartYes)}
              </Button>
              <Button variant="secondary" onClick={() => setAskRestart(false)}>
                {t(m.restartNo)}
              </Button>
            </div>
          </div>
        ) : (
          <Button variant="ghost" onClick={() => setAskRestart(true)}>
            {t(m.restart)}
          </Button>
        )}
      </div>
    </Page>
  );
}

interface StepProps {
  data: WizardData;
  update: (change: (d: WizardData) => WizardData) => void;
  problems: Problems;
}

function useProblem(problems: Problems): (key: string) => string | undefined {
  const t = useT();
  return (key) => (problems[key] ? t(problems[key]) : undefined);
}

/** A group of large radio choices (one per line) with a legend and an error. */
function ChoiceGroup({
  legend,
  name,
  value,
  options,
  onChange,
  error,
  lead,
}: {
  legend: string;
  name: string;
  value: string | null;
  options: { value: string; label: string; hint?: ReactNode }[];
  onChange: (value: string) => void;
  error?: string | undefined;
  lead?: ReactNode;
}) {
  return (
    <fieldset
      className={`c-choices${error ? ' field-invalid' : ''}`}
      aria-describedby={error ? `${name}-error` : undefined}
    >
      <legend>{legend}</legend>
      {lead}
      {options.map((o, i) => (
        <label key={o.value} className={`c-choice${value === o.value ? ' is-checked' : ''}`}>
          <input
            type="radio"
            name={name}
            value={o.value}
            checked={value === o.value}
            onChange={() => onChange(o.value)}
            aria-invalid={error && i === 0 ? true : undefined}
          />
          <span>
            <span className="c-choice-label">{o.label}</span>
            {o.hint ? <span className="c-choice-hint">{o.hint}</span> : null}
          </span>
        </label>
      ))}
      {error ? (
        <p className="field-error" id={`${name}-error`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

function VariantStep({
  content,
  data,
  update,
  problems,
}: StepProps & { content: ProcedureDetail['content'] }) {
  const t = useT();
  const rule = useRuleText();
  const problem = useProblem(problems);
  return (
    <ChoiceGroup
      legend={t(m.variantLead)}
      name="variant"
      value={data.variantCode}
      error={problem('variant')}
      onChange={(v) => update((d) => ({ ...d, variantCode: v }))}
      options={[
        {
          value: '',
          label: t(m.general),
          hint: `${t(m.generalHint)} ${t(m.timeLimit, { r: rule(content.processingTime) })}`,
        },
        ...content.variants.map((v) => ({
          value: v.code,
          label: v.name,
          hint: [v.description, v.processingTime ? t(m.timeLimit, { r: rule(v.processingTime) }) : null]
            .filter(Boolean)
            .join(' '),
        })),
      ]}
    />
  );
}

function PlaceStep({
  communes,
  isLoading,
  data,
  update,
  problems,
}: StepProps & { communes: Unit[]; isLoading: boolean }) {
  const t = useT();
  const problem = useProblem(problems);
  const guess = communeFromAddress(data.applicant.address, communes);
  useEffect(() => {
    if (!data.competentUnitId && guess) update((d) => ({ ...d, competentUnitId: guess.id }));
  }, [data.competentUnitId, guess, update]);
  if (isLoading) return <Loading />;
  return (
    <>
      <p>{t(m.placeLead)}</p>
      <SelectField
        label={t(m.placeLabel)}
        hint={guess && data.competentUnitId === guess.id ? t(m.placeGuess) : undefined}
        required
        value={data.competentUnitId}
        error={problem('place')}
        placeholder={t(m.choose)}
        options={communes.map((u) => ({ value: u.id, label: u.name }))}
        onChange={(e) => update((d) => ({ ...d, competentUnitId: e.target.value }))}
      />
    </>
  );
}

function ApplicantStep({ data, update, problems }: StepProps) {
  const t = useT();
  const problem = useProblem(problems);
  const a = data.applicant;
  const isCitizen = a.kind === 'citizen';
  const set = (key: keyof WizardData['applicant']) => (e: { target: { value: string } }) =>
    update((d) => ({ ...d, applicant: { ...d.applicant, [key]: e.target.value } }));
  return (
    <>
      <p>{t(m.applicantLead)}</p>
      {isCitizen ? (
        <PopulationPrefill
          onFill={(person) =>
            update((d) => ({
              ...d,
              applicant: {
                ...d.applicant,
                fullName: person.fullName,
                idNumber: person.idNumber,
                dateOfBirth: person.birthDate ?? d.applicant.dateOfBirth,
                address: person.permanentAddress ?? d.applicant.address,
              },
            }))
          }
        />
      ) : null}
      <TextField
        label={t(isCitizen ? m.fullName : m.orgName)}
        required
        autoComplete={isCitizen ? 'name' : 'organization'}
        value={a.fullName}
        error={problem('fullName')}
        onChange={set('fullName')}
      />
      {isCitizen ? (
        <TextField
          label={t(m.idNumber)}
          hint={t(m.idHint)}
          required
          inputMode="numeric"
          value={a.idNumber}
          error={problem('idNumber')}
          onChange={set('idNumber')}
        />
      ) : (
        <TextField
          label={t(m.taxCode)}
          required
          inputMode="numeric"
          value={a.taxCode}
          error={problem('taxCode')}
          onChange={set('taxCode')}
        />
      )}
      {isCitizen ? (
        <TextField
          label={t(m.dob)}
          hint={t(m.optional)}
          type="date"
          autoComplete="bday"
          value={a.dateOfBirth}
          error={problem('dateOfBirth')}
          onChange={set('dateOfBirth')}
        />
      ) : null}
      <TextField
        label={t(m.address)}
        autoComplete="street-address"
        value={a.address}
        error={problem('address')}
        onChange={set('address')}
      />
      <TextField
        label={t(m.phone)}
        hint={t(m.phoneHint)}
        type="tel"
        autoComplete="tel"
        value={a.phone}
        error={problem('phone')}
        onChange={set('phone')}
      />
      <TextField
        label={t(m.email)}
        hint={t(m.optional)}
        type="email"
        autoComplete="email"
        value={a.email}
        error={problem('email')}
        onChange={set('email')}
      />
    </>
  );
}

function FormStep({ fields, data, update, problems }: StepProps & { fields: EFormField[] }) {
  const t = useT();
  const { lang } = useLang();
  const problem = useProblem(problems);
  const set = (key: string, value: string | boolean) =>
    update((d) => ({ ...d, formData: { ...d.formData, [key]: value } }));
  return (
    <>
      <p>{t(m.formLead)}</p>
      {fields.map((f) => {
        const label = lang === 'en' && f.labelEn ? f.labelEn : f.label;
        const raw = data.formData[f.key];
        const value = typeof raw === 'string' ? raw : '';
        const common = {
          label,
          hint: f.help,
          required: f.isRequired,
          error: problem(f.key),
          name: f.key,
        };
        const type = f.type as string;
        switch (type) {
          case 'textarea':
            return (
              <TextArea
                key={f.key}
                {...common}
                value={value}
                maxLength={f.maxLength}
                rows={4}
                onChange={(e) => set(f.key, e.target.value)}
              />
            );
          case 'select':
            return (
              <SelectField
                key={f.key}
                {...common}
                value={value}
                placeholder={t(m.choose)}
                options={f.options ?? []}
                onChange={(e) => set(f.key, e.target.value)}
              />
            );
          case 'checkbox':
            return (
              <div key={f.key} className={`field${common.error ? ' field-invalid' : ''}`}>
                <label className="checkbox">
                  <input
                    type="checkbox"
                    name={f.key}
                    checked={raw === true}
                    aria-invalid={common.error ? true : undefined}
                    onChange={(e) => set(f.key, e.target.checked)}
                  />
                  <span>{label}</span>
                </label>
                {f.help ? <p className="hint">{f.help}</p> : null}
                {common.error ? <p className="field-error">{common.error}</p> : null}
              </div>
            );
          default:
            return (
              <TextField
                key={f.key}
                {...common}
                value={value}
                maxLength={f.maxLength}
                type={
                  type === 'date' ? 'date' : type === 'email' ? 'email' : type === 'phone' ? 'tel' : 'text'
                }
                inputMode={
                  type === 'number'
                    ? 'decimal'
                    : type === 'id_number' || type === 'phone'
                      ? 'numeric'
                      : undefined
                }
                autoComplete={type === 'address' ? 'off' : undefined}
                onChange={(e) => set(f.key, e.target.value)}
              />
            );
        }
      })}
    </>
  );
}

type UploadComponent = ReturnType<typeof uploadable>[number];

function DocsStep({
  components,
  isOptionalPage,
  data,
  update,
  problems,
  onBusyChange,
}: StepProps & {
  components: UploadComponent[];
  isOptionalPage: boolean;
  onBusyChange: (busy: boolean) => void;
}) {
  const t = useT();
  const problem = useProblem(problems);
  const [busy, setBusy] = useState<Record<string, boolean>>({});
  useEffect(() => onBusyChange(Object.values(busy).some(Boolean)), [busy, onBusyChange]);
  const setDoc = (code: string, change: Partial<WizardData['docs'][string]>) =>
    update((d) => ({
      ...d,
      docs: { ...d.docs, [code]: { files: [], isReused: false, ...d.docs[code], ...change } },
    }));
  return (
    <>
      <p>{t(isOptionalPage ? m.optionalLead : m.docLead)}</p>
      {components.map((c) => {
        const doc = data.docs[c.code] ?? { files: [], isReused: false };
        const need = [
          c.originalCount > 0 ? t(m.original, { n: c.originalCount }) : null,
          c.copyCount > 0 ? t(m.copy, { n: c.copyCount }) : null,
        ]
          .filter(Boolean)
          .join(', ');
        return (
          <div key={c.code} className="c-doc">
            {isOptionalPage ? <h3>{c.name}</h3> : null}
            {need ? <p>{t(m.docNeed, { what: need })}</p> : null}
            {c.note ? <p className="hint">{c.note}</p> : null}
            {c.formTemplate ? (
              <p className="hint">
                {t(m.template, { name: c.formTemplate.name })}
                {c.formTemplate.url ? (
                  <>
                    {' · '}
                    <a href={c.formTemplate.url} target="_blank" rel="noreferrer">
                      {t(m.download)}
                    </a>
                  </>
                ) : null}
              </p>
            ) : null}
            {c.reuseSource ? (
              <ChoiceGroup
                legend={t(m.reuseAsk)}
                name={`reuse-${c.code}`}
                value={doc.isReused ? 'reuse' : 'upload'}
                onChange={(v) => setDoc(c.code, { isReused: v === 'reuse' })}
                options={[
                  { value: 'reuse', label: t(m.reuseYes) },
                  { value: 'upload', label: t(m.reuseNo) },
                ]}
              />
            ) : null}
            {doc.isReused && c.reuseSource ? null : (
              <FileUploadField
                label={t(m.filesLabel, { name: c.name })}
                files={doc.files}
                error={isOptionalPage ? undefined : problem('files')}
                onChange={(files) => setDoc(c.code, { files })}
                onBusyChange={(b) => setBusy((x) => (x[c.code] === b ? x : { ...x, [c.code]: b }))}
              />
            )}
            {doc.isReused && c.reuseSource ? null : (
              <ReuseStoredDocument
                componentCode={c.code}
                onAttached={(file) => setDoc(c.code, { files: [...doc.files, file] })}
              />
            )}
          </div>
        );
      })}
    </>
  );
}

function DeliveryStep({
  detail,
  units,
  data,
  update,
  problems,
}: StepProps & { detail: ProcedureDetail; units: Unit[] }) {
  const t = useT();
  const problem = useProblem(problems);
  const office = receivingOffice(detail, units, data);
  const labels: Record<Delivery, { label: string; hint?: string }> = {
    counter: { label: t(m.counter), ...(office ? { hint: t(m.counterAt, { unit: office.name }) } : {}) },
    postal: {
      label: t(m.postal),
      hint: data.applicant.address.trim()
        ? t(m.postalAt, { address: data.applicant.address.trim() })
        : t(m.postalNoAddress),
    },
    online: { label: t(m.online), hint: t(m.onlineHint) },
  };
  return (
    <ChoiceGroup
      legend={t(m.deliveryLabel)}
      name="delivery"
      value={data.resultDelivery || null}
      error={problem('delivery')}
      onChange={(v) => update((d) => ({ ...d, resultDelivery: v as Delivery }))}
      options={deliveryOptions(detail.content).map((w) => ({ value: w, ...labels[w] }))}
    />
  );
}

/** The one-stop office that receives the dossier: the commune's centre, or the province's. */
function receivingOffice(detail: ProcedureDetail, units: Unit[], data: WizardData): Unit | undefined {
  if (detail.content.level === 'commune')
    return units.find((u) => u.kind === 'one_stop_section' && u.parentId === data.competentUnitId);
  return receivingUnitFor(detail.content, units);
}

function ReviewStep({
  detail,
  steps,
  units,
  data,
  update,
  problems,
  onSubmitted,
}: StepProps & {
  detail: ProcedureDetail;
  steps: WizardStep[];
  units: Unit[];
  onSubmitted: (dossier: Dossier) => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const rule = useRuleText();
  const money = useMoney();
  const problem = useProblem(problems);
  const content = detail.content;
  const resolved = resolveFor(content, data.variantCode);
  const [issues, setIssues] = useState<{ step: WizardStep | undefined; text: string }[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [isBusy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const [declareError, setDeclareError] = useState(false);
  const stepOf = (kind: WizardStep['kind'], componentCode?: string) =>
    steps.find((s) => s.kind === kind && (componentCode === undefined || s.componentCode === componentCode));
  const office = receivingOffice(detail, units, data);
  const a = data.applicant;

  async function onSubmit() {
    setError(null);
    setIssues([]);
    if (!data.isDeclared) {
      setDeclareError(true);
      document.getElementById('declare')?.focus();
      return;
    }
    // Every page is checked again: a restored draft may have skipped one.
    const found: { step: WizardStep | undefined; text: string }[] = steps
      .filter((s) => s.kind !== 'review')
      .flatMap((s) => Object.values(checkStep(s, data, content)).map((p) => ({ step: s, text: t(p) })));
    const body = buildSubmission(data, content, detail.procedureCode);
    const parsed = validateSubmission(body);
    if (!parsed.success)
      found.push(
        ...parsed.error.issues.map((i) => ({ step: undefined, text: `${i.path.join('.')}: ${i.message}` })),
      );
    if (found.length > 0) {
      setIssues(found);
      requestAnimationFrame(() => document.getElementById('review-issues')?.focus());
      return;
    }
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    try {
      const dossier = await api<Dossier>('/api/dossiers', {
        body: parsed.data,
        headers: { 'Idempotency-Key': data.key },
      });
      onSubmitted(dossier);
    } catch (e) {
      setError(e);
      if (e instanceof ApiError && e.code === 'REQUIRED_COMPONENT_MISSING') {
        const missing = (e.details?.['components'] as { code: string; name: string }[] | undefined) ?? [];
        setIssues(missing.map((c) => ({ step: stepOf('doc', c.code), text: c.name })));
      }
      requestAnimationFrame(() => document.getElementById('review-error')?.focus());
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }

  const reusedCode =
    error instanceof ApiError && error.code === 'IDEMPOTENCY_KEY_REUSED'
      ? error.details?.['code']
      : undefined;
  const variantName =
    data.variantCode === null
      ? null
      : data.variantCode === ''
        ? t(m.general)
        : (content.variants.find((v) => v.code === data.variantCode)?.name ?? data.variantCode);
  const commune = units.find((u) => u.id === data.competentUnitId);
  const docs = uploadable(resolved, content).filter(
    (c) => c.isRequired || (data.docs[c.code]?.files.length ?? 0) > 0 || data.docs[c.code]?.isReused,
  );

  return (
    <div className="c-review">
      <p>{t(m.reviewLead)}</p>
      <ReviewPart title={t(m.procedure)}>
        <p>{content.name}</p>
        <p className="muted">{t(m.due, { r: rule(resolved?.processingTime ?? content.processingTime) })}</p>
        <p>
          {t(m.fees)}:{' '}
          <strong>{resolved && resolved.feeTotal > 0 ? money(resolved.feeTotal) : t(m.free)}</strong>
        </p>
      </ReviewPart>
      {variantName !== null && stepOf('variant') ? (
        <ReviewPart title={t({ vi: 'Trường hợp', en: 'Case' })} step={stepOf('variant')}>
          <p>{variantName}</p>
        </ReviewPart>
      ) : null}
      {stepOf('place') ? (
        <ReviewPart title={t({ vi: 'Nơi nộp hồ sơ', en: 'Where to submit' })} step={stepOf('place')}>
          <p>{commune?.name ?? '—'}</p>
        </ReviewPart>
      ) : null}
      <ReviewPart title={t({ vi: 'Thông tin người nộp', en: 'About you' })} step={stepOf('applicant')}>
        <Facts
          items={[
            { label: t(a.kind === 'citizen' ? m.fullName : m.orgName), value: a.fullName || '—' },
            a.kind === 'citizen'
              ? { label: t(m.idNumber), value: a.idNumber || '—' }
              : { label: t(m.taxCode), value: a.taxCode || '—' },
            ...(a.kind === 'citizen' && a.dateOfBirth
              ? [{ label: t(m.dob), value: a.dateOfBirth.split('-').reverse().join('/') }]
              : []),
            { label: t(m.address), value: a.address || '—' },
            { label: t(m.phone), value: a.phone || '—' },
            { label: t(m.email), value: a.email || '—' },
          ]}
        />
      </ReviewPart>
      {stepOf('form') ? (
        <ReviewPart title={t({ vi: 'Tờ khai', en: 'Application form' })} step={stepOf('form')}>
          <Facts
            items={(content.eForm as EFormField[]).map((f) => {
              const raw = data.formData[f.key];
              const label = lang === 'en' && f.labelEn ? f.labelEn : f.label;
              const value =
                typeof raw === 'boolean'
                  ? raw
                    ? t(m.yes)
                    : '—'
                  : f.type === 'select'
                    ? (f.options?.find((o) => o.value === raw)?.label ?? (raw || '—'))
                    : f.type === 'date' && raw
                      ? raw.split('-').reverse().join('/')
                      : raw || '—';
              return { label, value };
            })}
          />
        </ReviewPart>
      ) : null}
      <ReviewPart title={t({ vi: 'Giấy tờ', en: 'Documents' })}>
        <ul className="c-plain-list">
          {docs.map((c) => {
            const d = data.docs[c.code];
            const s = c.isRequired ? stepOf('doc', c.code) : stepOf('optional-docs');
            return (
              <li key={c.code}>
                <span className="c-block">{c.name}</span>
                <span className="muted">
                  {d?.isReused && c.reuseSource
                    ? t(m.reused)
                    : d && d.files.length > 0
                      ? d.files.map((f) => `${f.name} (${formatSize(f.size)})`).join(', ')
                      : t(m.noFiles)}
                </span>
                {s ? (
                  <>
                    {' '}
                    <Link to={`?buoc=${s.key}`} aria-label={t(m.editPart, { part: c.name })}>
                      {t(m.edit)}
                    </Link>
                  </>
                ) : null}
              </li>
            );
          })}
        </ul>
      </ReviewPart>
      <ReviewPart title={t({ vi: 'Nhận kết quả', en: 'Result delivery' })} step={stepOf('delivery')}>
        <p>
          {data.resultDelivery === 'counter'
            ? `${t(m.counter)}${office ? ` — ${office.name}` : ''}`
            : data.resultDelivery === 'postal'
              ? `${t(m.postal)} — ${a.address}`
              : data.resultDelivery === 'online'
                ? t(m.online)
                : '—'}
        </p>
      </ReviewPart>

      <div className={`field${declareError && !data.isDeclared ? ' field-invalid' : ''}`}>
        <label className="checkbox c-declare">
          <input
            id="declare"
            type="checkbox"
            checked={data.isDeclared}
            aria-invalid={declareError && !data.isDeclared ? true : undefined}
            aria-describedby={declareError && !data.isDeclared ? 'declare-error' : undefined}
            onChange={(e) => {
              const checked = e.target.checked;
              update((d) => ({ ...d, isDeclared: checked }));
            }}
          />
          <span>{t(m.declare)}</span>
        </label>
        {(declareError && !data.isDeclared) || problem('declare') ? (
          <p className="field-error" id="declare-error">
            {problem('declare') ??
              t({
                vi: 'Hãy đánh dấu ô cam đoan trước khi nộp.',
                en: 'Please tick the declaration before submitting.',
              })}
          </p>
        ) : null}
      </div>

      {issues.length > 0 ? (
        <div id="review-issues" tabIndex={-1} className="alert alert-error" role="alert">
          <p className="alert-title">{t(m.notValid)}</p>
          <ul>
            {issues.map((i, n) => (
              <li key={n}>
                {i.step ? `${t(i.step.title)}: ` : ''}
                {i.text}
                {i.step ? (
                  <>
                    {' '}
                    <Link to={`?buoc=${i.step.key}`}>{t(m.goFix)}</Link>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {error && !(error instanceof ApiError && error.code === 'REQUIRED_COMPONENT_MISSING') ? (
        <div id="review-error" tabIndex={-1}>
          <Alert kind="error">
            <p>{plainError(error, lang)}</p>
            {typeof reusedCode === 'string' ? (
              <p>
                <Link to={paths.myDossier(reusedCode)}>{t(m.already)}</Link>
              </p>
            ) : null}
          </Alert>
        </div>
      ) : null}
      <div className="c-step-nav">
        <Button className="c-btn-big" isBusy={isBusy} onClick={() => void onSubmit()}>
          {isBusy ? t(m.submitting) : t(m.submit)}
        </Button>
      </div>
    </div>
  );
}

function ReviewPart({
  title,
  step,
  children,
}: {
  title: string;
  step?: WizardStep | undefined;
  children: ReactNode;
}) {
  const t = useT();
  return (
    <section className="c-review-part">
      <div className="c-review-head">
        <h3>{title}</h3>
        {step ? (
          <Link
            className="btn btn-secondary"
            to={`?buoc=${step.key}`}
            aria-label={t(m.editPart, { part: title })}
          >
            {t(m.edit)}
          </Link>
        ) : null}
      </div>
      {children}
    </section>
  );
}
