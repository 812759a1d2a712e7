import { CounterIntakeInput, resolveProcedure, type ProcedureVersionContent } from '@motcua/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useDeferredValue, useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import { officerRoles, useAuth } from '../app/auth.tsx';
import { useFormat, useLang, useT, type Text } from '../app/i18n.tsx';
import { paths } from '../app/paths.ts';
import {
  Alert,
  Button,
  Card,
  ErrorMessage,
  Facts,
  Loading,
  Page,
  SelectField,
  TextArea,
  TextField,
} from '../ui/ui.tsx';
import { FileUpload, type UploadedFile } from './file-upload.tsx';
import { PopulationLookupButton } from './population-lookup.tsx';
import {
  draftGuideItems,
  OUTCOME_BUTTON_LABELS,
  OutcomeCreated,
  OutcomePanel,
  type IntakeOutcome,
  type OutcomeDraft,
} from './intake-outcome.tsx';
import {
  formUrl,
  newIdempotencyKey,
  useProcedureList,
  useUnits,
  type DossierDetail,
  type ProcedureDetail,
  type Unit,
} from './officer-api.ts';
import { fieldErrors, problemText, RESULT_DELIVERY_LABELS, type FieldErrors } from './officer-text.ts';

const m = {
  title: { vi: 'Tiếp nhận hồ sơ tại quầy', en: 'Counter intake' },
  lead: {
    vi: 'Kiểm tra thành phần hồ sơ theo thủ tục; hồ sơ đủ thì tiếp nhận, cấp mã hồ sơ và in giấy hẹn (Mẫu 01). Hồ sơ chưa đủ thì hướng dẫn bổ sung (Mẫu 02); không đủ điều kiện thì từ chối tiếp nhận (Mẫu 03).',
    en: 'Check the components against the procedure; when complete, receive it, get the code and print the receipt (form 01). When incomplete, give written guidance (form 02); when not eligible, refuse it (form 03).',
  },
  noRole: {
    vi: 'Bạn không có vai trò cán bộ tiếp nhận hồ sơ ở đơn vị nào.',
    en: 'You are not a receiving officer of any unit.',
  },
  s1: { vi: '1. Thủ tục', en: '1. Procedure' },
  search: { vi: 'Tìm thủ tục (tên hoặc mã)', en: 'Find the procedure (name or code)' },
  searchHint: {
    vi: 'Gõ không dấu cũng được, ví dụ "khai sinh".',
    en: 'Diacritics optional, e.g. "khai sinh".',
  },
  results: { vi: 'Kết quả tìm thủ tục', en: 'Procedures found' },
  noResults: { vi: 'Không tìm thấy thủ tục phù hợp.', en: 'No procedure matches.' },
  choose: { vi: 'Chọn', en: 'Choose' },
  change: { vi: 'Chọn thủ tục khác', en: 'Choose another procedure' },
  chosen: { vi: 'Thủ tục đã chọn', en: 'Chosen procedure' },
  version: { vi: 'Phiên bản đang áp dụng', en: 'Version in force' },
  versionText: { vi: 'Phiên bản {n}, hiệu lực từ {from}', en: 'Version {n}, in force from {from}' },
  variant: { vi: 'Trường hợp', en: 'Variant' },
  baseVariant: { vi: 'Trường hợp chung', en: 'General case' },
  channel: { vi: 'Hình thức nộp', en: 'How it was filed' },
  processingTime: { vi: 'Thời hạn giải quyết', en: 'Processing time' },
  fees: { vi: 'Phí, lệ phí', en: 'Fees' },
  receivingUnit: { vi: 'Đơn vị tiếp nhận', en: 'Receiving unit' },
  commune: { vi: 'Xã, phường giải quyết', en: 'Commune that settles it' },
  communeHint: {
    vi: 'Thủ tục cấp xã: chọn xã, phường có thẩm quyền (bắt buộc khi tiếp nhận ngoài xã, phường đó).',
    en: 'Commune procedure: choose the competent commune (required when received outside it).',
  },
  communeDefault: { vi: '— Xã, phường của đơn vị tiếp nhận —', en: '— The receiving unit’s commune —' },
  communeChoose: { vi: '— Chọn xã, phường —', en: '— Choose a commune —' },
  communeRequired: {
    vi: 'Chọn xã, phường giải quyết hồ sơ.',
    en: 'Choose the commune that settles the dossier.',
  },
  s2: { vi: '2. Người nộp hồ sơ', en: '2. Applicant' },
  kind: { vi: 'Người nộp là', en: 'The applicant is' },
  citizen: { vi: 'Công dân', en: 'A citizen' },
  organisation: { vi: 'Tổ chức, doanh nghiệp', en: 'An organisation' },
  fullName: { vi: 'Họ và tên', en: 'Full name' },
  orgName: { vi: 'Tên tổ chức, doanh nghiệp', en: 'Organisation name' },
  idNumber: { vi: 'Số định danh cá nhân (CCCD)', en: 'Personal ID number' },
  idHint: { vi: '12 chữ số trên căn cước', en: '12 digits on the ID card' },
  taxCode: { vi: 'Mã số thuế', en: 'Tax code' },
  dateOfBirth: { vi: 'Ngày sinh (không bắt buộc)', en: 'Date of birth (optional)' },
  phone: { vi: 'Số điện thoại', en: 'Phone' },
  email: { vi: 'Email (không bắt buộc)', en: 'E-mail (optional)' },
  address: { vi: 'Địa chỉ', en: 'Address' },
  hasRep: { vi: 'Nộp thay qua người được ủy quyền', en: 'Filed by an authorised representative' },
  rep: { vi: 'Người được ủy quyền', en: 'Representative' },
  repName: { vi: 'Họ và tên người được ủy quyền', en: 'Representative’s full name' },
  repId: { vi: 'Số định danh người được ủy quyền', en: 'Representative’s ID number' },
  repPhone: {
    vi: 'Số điện thoại người được ủy quyền (không bắt buộc)',
    en: 'Representative’s phone (optional)',
  },
  repDoc: { vi: 'Giấy ủy quyền (số, ngày; không bắt buộc)', en: 'Authorisation document (optional)' },
  s3: { vi: '3. Thông tin tờ khai', en: '3. Form data' },
  s4: { vi: '4. Thành phần hồ sơ', en: '4. Components' },
  s4lead: {
    vi: 'Đánh dấu giấy tờ người nộp đã nộp, ghi số bản chính, bản sao và quét tệp.',
    en: 'Tick what the applicant handed in, with the number of originals and copies, and scan them.',
  },
  required: { vi: 'bắt buộc', en: 'required' },
  presentOnly: { vi: 'chỉ xuất trình', en: 'shown only' },
  provided: { vi: 'Đã nộp: {name}', en: 'Provided: {name}' },
  originals: { vi: 'Số bản chính: {name}', en: 'Originals: {name}' },
  copies: { vi: 'Số bản sao: {name}', en: 'Copies: {name}' },
  scans: { vi: 'Tệp quét: {name}', en: 'Scans: {name}' },
  colComponent: { vi: 'Thành phần', en: 'Component' },
  colProvided: { vi: 'Đã nộp', en: 'Provided' },
  colOriginals: { vi: 'Bản chính', en: 'Originals' },
  colCopies: { vi: 'Bản sao', en: 'Copies' },
  colScans: { vi: 'Tệp quét', en: 'Scans' },
  formTemplate: { vi: 'Mẫu: {name}', en: 'Template: {name}' },
  s5: { vi: '5. Nhận kết quả', en: '5. Result delivery' },
  delivery: { vi: 'Người nộp nhận kết quả', en: 'The applicant gets the result' },
  note: { vi: 'Ghi chú khi tiếp nhận (không bắt buộc)', en: 'Intake note (optional)' },
  submit: { vi: 'Tiếp nhận hồ sơ', en: 'Receive the dossier' },
  fix: { vi: 'Vui lòng sửa các ô được đánh dấu.', en: 'Please correct the marked fields.' },
  missing: {
    vi: 'Còn thiếu thành phần bắt buộc: {list}. Hồ sơ chỉ được tiếp nhận khi đủ thành phần bắt buộc; hãy hướng dẫn người nộp bổ sung (Mẫu 02).',
    en: 'Required components are missing: {list}. The dossier can be received only when complete; give written guidance to complete it (form 02).',
  },
  missingOne: { vi: 'Thành phần bắt buộc chưa nộp.', en: 'Required component not provided.' },
  failed: { vi: 'Chưa tiếp nhận được', en: 'Not received' },
  failedOutcome: { vi: 'Chưa ghi nhận được', en: 'Not recorded' },
  otherOutcomes: { vi: 'Hồ sơ chưa đủ hoặc không đủ điều kiện', en: 'Incomplete or not eligible' },
  fieldRequired: { vi: 'Vui lòng nhập thông tin này.', en: 'Please fill this in.' },
  createdTitle: { vi: 'Đã tiếp nhận hồ sơ {code}', en: 'Dossier {code} received' },
  code: { vi: 'Mã hồ sơ', en: 'Dossier code' },
  due: { vi: 'Ngày hẹn trả kết quả', en: 'Result due' },
  lookupSecret: { vi: 'Mã tra cứu (in trên giấy hẹn)', en: 'Lookup secret (on the receipt)' },
  applicant: { vi: 'Người nộp', en: 'Applicant' },
  printReceipt: { vi: 'In giấy tiếp nhận và hẹn trả kết quả (Mẫu 01)', en: 'Print the receipt (form 01)' },
  open: { vi: 'Mở hồ sơ', en: 'Open the dossier' },
  another: { vi: 'Tiếp nhận hồ sơ khác', en: 'Receive another dossier' },
  loadingProcedure: { vi: 'Đang tải thủ tục…', en: 'Loading the procedure…' },
};

const UNIT_WORDS: Record<string, Text> = {
  'working-days': { vi: 'ngày làm việc', en: 'working days' },
  'working-hours': { vi: 'giờ làm việc', en: 'working hours' },
  'calendar-days': { vi: 'ngày', en: 'days' },
};

interface ComponentDraft {
  isProvided: boolean;
  originalCount: string;
  copyCount: string;
  files: UploadedFile[];
}

interface ApplicantDraft {
  kind: 'citizen' | 'organisation';
  fullName: string;
  idNumber: string;
  taxCode: string;
  dateOfBirth: string;
  phone: string;
  email: string;
  address: string;
}

const EMPTY_APPLICANT: ApplicantDraft = {
  kind: 'citizen',
  fullName: '',
  idNumber: '',
  taxCode: '',
  dateOfBirth: '',
  phone: '',
  email: '',
  address: '',
};
const EMPTY_REP = { fullName: '', idNumber: '', phone: '', authorisationDocument: '' };

function compact<T extends Record<string, string>>(o: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(o)
      .filter(([, v]) => v.trim() !== '')
      .map(([k, v]) => [k, v.trim()]),
  ) as Partial<T>;
}

/** Whether a unit lies inside a commune (its own commune is then the competent one by default). */
function communeOf(units: readonly Unit[], unitId: string): Unit | undefined {
  let unit = units.find((u) => u.id === unitId);
  for (let i = 0; unit && i < 20; i += 1) {
    if (unit.kind === 'commune') return unit;
    const parentId = unit.parentId;
    unit = parentId ? units.find((u) => u.id === parentId) : undefined;
  }
  return undefined;
}

export function CounterIntakePage() {
  const t = useT();
  const { me } = useAuth();
  const [round, setRound] = useState(0);
  const [created, setCreated] = useState<DossierDetail | null>(null);
  const receivingUnits = useMemo(() => {
    const seen = new Map<string, string>();
    for (const r of officerRoles(me)) if (r.role === 'receiving_officer') seen.set(r.unitId, r.unitName);
    return [...seen.entries()].map(([value, label]) => ({ value, label }));
  }, [me]);

  if (receivingUnits.length === 0)
    return (
      <Page title={t(m.title)}>
        <Alert kind="warning">{t(m.noRole)}</Alert>
      </Page>
    );
  if (created && created.status !== 'received')
    return (
      <OutcomeCreated
        dossier={created}
        onAnother={() => {
          setCreated(null);
          setRound((r) => r + 1);
        }}
      />
    );
  if (created)
    return (
      <Created
        dossier={created}
        onAnother={() => {
          setCreated(null);
          setRound((r) => r + 1);
        }}
      />
    );
  return (
    <Page title={t(m.title)} lead={t(m.lead)}>
      <IntakeForm key={round} receivingUnits={receivingUnits} onCreated={setCreated} />
    </Page>
  );
}

function Created({ dossier: d, onAnother }: { dossier: DossierDetail; onAnother: () => void }) {
  const t = useT();
  const format = useFormat();
  return (
    <Page title={t(m.createdTitle, { code: d.code })}>
      <Alert kind="success">
        <Facts
          items={[
            { label: t(m.code), value: <span className="mono o-big">{d.code}</span> },
            { label: t(m.due), value: <strong>{format.dateTime(d.dueAt)}</strong> },
            ...(d.lookupSecret
              ? [{ label: t(m.lookupSecret), value: <span className="mono">{d.lookupSecret}</span> }]
              : []),
            {
              label: t(m.applicant),
              value: typeof d.applicant.fullName === 'string' ? d.applicant.fullName : '',
            },
          ]}
        />
      </Alert>
      <div className="row">
        <a
          className="btn btn-primary"
          href={formUrl(d.code, 'receipt')}
          target="_blank"
          rel="noopener noreferrer"
        >
          {t(m.printReceipt)}
        </a>
        <Link className="btn btn-secondary" to={paths.officerDossier(d.code)}>
          {t(m.open)}
        </Link>
        <Button variant="secondary" onClick={onAnother}>
          {t(m.another)}
        </Button>
      </div>
    </Page>
  );
}

function IntakeForm({
  receivingUnits,
  onCreated,
}: {
  receivingUnits: { value: string; label: string }[];
  onCreated: (d: DossierDetail) => void;
}) {
  const t = useT();
  const format = useFormat();
  const { lang } = useLang();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const ids = useId();
  const [search, setSearch] = useState('');
  const deferredSearch = useDeferredValue(search.trim());
  const [procedureCode, setProcedureCode] = useState<string | null>(null);
  const [channel, setChannel] = useState<'counter' | 'postal'>('counter');
  const [variantCode, setVariantCode] = useState('');
  const [receivingUnitId, setReceivingUnitId] = useState(receivingUnits[0]?.value ?? '');
  const [competentUnitId, setCompetentUnitId] = useState('');
  const [applicant, setApplicant] = useState<ApplicantDraft>(EMPTY_APPLICANT);
  const [hasRep, setHasRep] = useState(false);
  const [rep, setRep] = useState(EMPTY_REP);
  const [formData, setFormData] = useState<Record<string, string>>({});
  const [components, setComponents] = useState<Record<string, ComponentDraft>>({});
  const [resultDelivery, setResultDelivery] = useState<'counter' | 'postal' | 'online'>('counter');
  const [note, setNote] = useState('');
  const [outcome, setOutcome] = useState<IntakeOutcome | null>(null);
  const [outcomeDraft, setOutcomeDraft] = useState<OutcomeDraft>({ items: [], note: '', reason: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const lastAttempt = useRef<{ key: string; body: string } | null>(null);

  const found = useProcedureList({ q: deferredSearch, channel: 'counter' });
  const units = useUnits();
  const procedure = useQuery({
    queryKey: ['procedure', procedureCode],
    queryFn: ({ signal }) =>
      api<ProcedureDetail>(`/api/procedures/${encodeURIComponent(procedureCode ?? '')}`, { signal }),
    enabled: Boolean(procedureCode),
    staleTime: 5 * 60_000,
  });
  const content: ProcedureVersionContent | undefined = procedure.data?.content;
  const channels = useMemo(
    () =>
      (content?.channels ?? [])
        .map((c) => c.channel)
        .filter((c): c is 'counter' | 'postal' => c === 'counter' || c === 'postal'),
    [content],
  );
  useEffect(() => {
    if (channels.length > 0 && !channels.includes(channel)) setChannel(channels[0] ?? 'counter');
  }, [channels, channel]);
  const resolved = useMemo(() => {
    if (!content) return undefined;
    const r = resolveProcedure(content, channel, variantCode || undefined);
    return 'error' in r ? undefined : r;
  }, [content, channel, variantCode]);

  // A new procedure or variant gets a fresh checklist with the published counts.
  useEffect(() => {
    if (!resolved) return;
    setOutcome(null);
    setOutcomeDraft({ items: [], note: '', reason: '' });
    setComponents(
      Object.fromEntries(
        resolved.components.map((c) => [
          c.code,
          {
            isProvided: false,
            originalCount: String(c.originalCount),
            copyCount: String(c.copyCount),
            files: [],
          },
        ]),
      ),
    );
  }, [resolved]);

  const isCommuneProcedure = content?.level === 'commune';
  const receivingCommune = units.data ? communeOf(units.data, receivingUnitId) : undefined;
  const needsCommune = isCommuneProcedure && units.data !== undefined && !receivingCommune;
  const communes = (units.data ?? []).filter((u) => u.kind === 'commune' && !u.validTo);

  const isProvidedNow = (code: string) =>
    Boolean(components[code]?.isProvided) || (components[code]?.files.length ?? 0) > 0;

  function openOutcome(next: IntakeOutcome) {
    setErrors({});
    setProblem(null);
    if (next === 'guide')
      setOutcomeDraft((d) => ({
        ...d,
        items: draftGuideItems(
          (resolved?.components ?? []).map((c) => ({
            code: c.code,
            name: c.name,
            isRequired: c.isRequired,
            isProvided: isProvidedNow(c.code),
          })),
          d.items,
        ),
      }));
    setOutcome(next);
  }

  function outcomeFields(decision: 'receive' | IntakeOutcome) {
    switch (decision) {
      case 'receive':
        return note.trim() ? { note: note.trim() } : {};
      case 'guide':
        return {
          decision,
          items: outcomeDraft.items
            .filter((i) => i.isIncluded)
            .map((i) => ({ componentCode: i.code, name: i.name, reason: i.reason.trim() })),
          ...(outcomeDraft.note.trim() ? { note: outcomeDraft.note.trim() } : {}),
        };
      case 'refuse':
        return {
          decision,
          reason: outcomeDraft.reason.trim(),
          ...(note.trim() ? { note: note.trim() } : {}),
        };
    }
  }

  function buildBody(decision: 'receive' | IntakeOutcome) {
    const comps = (resolved?.components ?? []).map((c) => {
      const draft = components[c.code];
      const toCount = (v: string | undefined) => (v && v.trim() !== '' ? Number(v) : 0);
      return {
        code: c.code,
        originalCount: toCount(draft?.originalCount),
        copyCount: toCount(draft?.copyCount),
        isProvided: Boolean(draft?.isProvided),
        fileIds: (draft?.files ?? []).map((f) => f.id),
      };
    });
    const a = compact({ ...applicant, kind: applicant.kind });
    const applicantBody =
      applicant.kind === 'citizen'
        ? { ...a, taxCode: undefined }
        : { ...a, idNumber: undefined, dateOfBirth: undefined };
    const formValues = Object.fromEntries(
      Object.entries(formData)
        .filter(([, v]) => v.trim() !== '')
        .map(([k, v]) => {
          const field = content?.eForm.find((f) => f.key === k);
          return [k, field?.type === 'number' && !Number.isNaN(Number(v)) ? Number(v) : v.trim()];
        }),
    );
    return {
      procedureCode: procedureCode ?? '',
      ...(variantCode ? { variantCode } : {}),
      ...(competentUnitId ? { competentUnitId } : {}),
      channel,
      receivingUnitId,
      applicant: { ...applicantBody, fullName: applicant.fullName.trim() },
      ...(hasRep
        ? {
            representative: { ...compact(rep), fullName: rep.fullName.trim(), idNumber: rep.idNumber.trim() },
          }
        : {}),
      formData: formValues,
      components: comps,
      resultDelivery,
      ...outcomeFields(decision),
    };
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    await submit('receive');
  }

  /** Receives the dossier, or records it with the guidance (Mẫu 02) or the refusal (Mẫu 03). */
  async function submit(decision: 'receive' | IntakeOutcome) {
    setProblem(null);
    const isReceipt = decision === 'receive';
    const body = buildBody(decision);
    const parsed = CounterIntakeInput.safeParse(body);
    const next: FieldErrors = parsed.success ? {} : fieldErrors(t, parsed.error.issues);
    // The form data and the complete checklist are needed to receive, not to guide or refuse.
    if (isReceipt)
      for (const f of content?.eForm ?? [])
        if (f.isRequired && !(formData[f.key] ?? '').trim()) next[`formData.${f.key}`] = t(m.fieldRequired);
    if (needsCommune && !competentUnitId) next.competentUnitId = t(m.communeRequired);
    const missing = (resolved?.components ?? []).filter((c, i) => {
      const isMissing = isReceipt && c.isRequired && !isProvidedNow(c.code);
      if (isMissing) next[`components.${i}.isProvided`] = t(m.missingOne);
      return isMissing;
    });
    if (Object.keys(next).length > 0 || !parsed.success) {
      setErrors(next);
      setProblem(
        missing.length > 0 ? t(m.missing, { list: missing.map((c) => c.name).join('; ') }) : t(m.fix),
      );
      requestAnimationFrame(() =>
        formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
      );
      return;
    }
    setErrors({});
    const json = JSON.stringify(parsed.data);
    const key = lastAttempt.current?.body === json ? lastAttempt.current.key : newIdempotencyKey();
    lastAttempt.current = { key, body: json };
    setBusy(true);
    try {
      const dossier = await api<DossierDetail>('/api/dossiers/counter', {
        body: parsed.data,
        headers: { 'idempotency-key': key },
      });
      void queryClient.invalidateQueries({ queryKey: ['queue'] });
      void queryClient.invalidateQueries({ queryKey: ['queue-counts'] });
      onCreated(dossier);
    } catch (error) {
      setProblem(problemText(t, error, format));
    } finally {
      setBusy(false);
    }
  }

  const setA = (k: keyof ApplicantDraft, v: string) => setApplicant((a) => ({ ...a, [k]: v }));
  const setC = (code: string, patch: Partial<ComponentDraft>) =>
    setComponents((all) => ({
      ...all,
      [code]: { isProvided: false, originalCount: '0', copyCount: '0', files: [], ...all[code], ...patch },
    }));

  const processingTime = resolved?.processingTime;
  return (
    <form ref={formRef} onSubmit={(e) => void onSubmit(e)} noValidate className="o-intake">
      <Card title={t(m.s1)}>
        {!procedureCode ? (
          <>
            <TextField
              label={t(m.search)}
              hint={t(m.searchHint)}
              type="search"
              value={search}
              autoComplete="off"
              error={errors.procedureCode}
              onChange={(e) => setSearch(e.target.value)}
            />
            {found.isError ? <ErrorMessage error={problemText(t, found.error)} /> : null}
            {found.data ? (
              found.data.items.length === 0 ? (
                <p className="muted">{t(m.noResults)}</p>
              ) : (
                <ul className="o-proc-results" aria-label={t(m.results)}>
                  {found.data.items.slice(0, 12).map((p) => (
                    <li key={p.code}>
                      <button
                        type="button"
                        className="o-proc-choice"
                        onClick={() => {
                          setProcedureCode(p.code);
                          setVariantCode('');
                          setCompetentUnitId('');
                          setFormData({});
                        }}
                      >
                        <span className="visually-hidden">{t(m.choose)}: </span>
                        <span className="o-proc-name">{p.name}</span>
                        <span className="muted o-small">
                          {p.code} · {p.field.name} · {p.competentAgency?.name ?? ''}
                        </span>
                      </button>
                    </li>
                  ))}
                </ul>
              )
            ) : (
              <Loading />
            )}
          </>
        ) : (
          <>
            {procedure.isPending ? <Loading label={m.loadingProcedure} /> : null}
            {procedure.isError ? <ErrorMessage error={problemText(t, procedure.error)} /> : null}
            {procedure.data && content ? (
              <>
                <Facts
                  items={[
                    { label: t(m.chosen), value: `${procedure.data.procedureCode} · ${content.name}` },
                    {
                      label: t(m.version),
                      value: t(m.versionText, {
                        n: procedure.data.versionNo,
                        from: procedure.data.effectiveFrom,
                      }),
                    },
                    ...(processingTime
                      ? [
                          {
                            label: t(m.processingTime),
                            value: processingTime.isSameDay
                              ? t({ vi: 'Trong ngày', en: 'Same day' })
                              : `${format.number(processingTime.amount)} ${t(UNIT_WORDS[processingTime.unit] ?? { vi: '', en: '' })}`,
                          },
                        ]
                      : []),
                    ...(resolved
                      ? [
                          {
                            label: t(m.fees),
                            value:
                              resolved.fees.length === 0
                                ? format.money(0)
                                : resolved.fees.map((f) => `${f.name}: ${format.money(f.amount)}`).join('; '),
                          },
                        ]
                      : []),
                  ]}
                />
                <p>
                  <Button variant="secondary" onClick={() => setProcedureCode(null)}>
                    {t(m.change)}
                  </Button>
                </p>
                <div className="o-form-grid">
                  {content.variants.length > 0 ? (
                    <SelectField
                      label={t(m.variant)}
                      value={variantCode}
                      placeholder={t(m.baseVariant)}
                      options={content.variants.map((v) => ({ value: v.code, label: v.name }))}
                      onChange={(e) => setVariantCode(e.target.value)}
                    />
                  ) : null}
                  {channels.length > 1 ? (
                    <SelectField
                      label={t(m.channel)}
                      value={channel}
                      options={channels.map((c) => ({
                        value: c,
                        label:
                          c === 'postal'
                            ? t({ vi: 'Qua bưu chính', en: 'By post' })
                            : t({ vi: 'Trực tiếp tại quầy', en: 'At the counter' }),
                      }))}
                      onChange={(e) => setChannel(e.target.value as 'counter' | 'postal')}
                    />
                  ) : null}
                  <SelectField
                    label={t(m.receivingUnit)}
                    value={receivingUnitId}
                    options={receivingUnits}
                    error={errors.receivingUnitId}
                    onChange={(e) => setReceivingUnitId(e.target.value)}
                  />
                  {isCommuneProcedure ? (
                    <SelectField
                      label={t(m.commune)}
                      hint={t(m.communeHint)}
                      required={needsCommune}
                      value={competentUnitId}
                      placeholder={t(needsCommune ? m.communeChoose : m.communeDefault)}
                      options={communes.map((u) => ({ value: u.id, label: u.name }))}
                      error={errors.competentUnitId}
                      onChange={(e) => setCompetentUnitId(e.target.value)}
                    />
                  ) : null}
                </div>
              </>
            ) : null}
          </>
        )}
      </Card>

      {procedureCode && content && resolved ? (
        <>
          <Card title={t(m.s2)}>
            <fieldset>
              <legend>{t(m.kind)}</legend>
              <div className="row">
                {(['citizen', 'organisation'] as const).map((k) => (
                  <label key={k} className="checkbox o-radio">
                    <input
                      type="radio"
                      name={`${ids}-kind`}
                      value={k}
                      checked={applicant.kind === k}
                      onChange={() => setA('kind', k)}
                    />
                    {t(k === 'citizen' ? m.citizen : m.organisation)}
                  </label>
                ))}
              </div>
            </fieldset>
            <div className="o-form-grid">
              <TextField
                label={t(applicant.kind === 'citizen' ? m.fullName : m.orgName)}
                required
                autoComplete="off"
                value={applicant.fullName}
                error={errors['applicant.fullName']}
                onChange={(e) => setA('fullName', e.target.value)}
              />
              {applicant.kind === 'citizen' ? (
                <TextField
                  label={t(m.idNumber)}
                  hint={t(m.idHint)}
                  required
                  inputMode="numeric"
                  autoComplete="off"
                  value={applicant.idNumber}
                  error={errors['applicant.idNumber']}
                  onChange={(e) => setA('idNumber', e.target.value.replace(/\s/g, ''))}
                />
              ) : null}
              {applicant.kind === 'citizen' ? (
                <PopulationLookupButton
                  idNumber={applicant.idNumber}
                  onFound={(p) =>
                    setApplicant((a) => ({
                      ...a,
                      fullName: p.fullName,
                      dateOfBirth: p.birthDate ?? a.dateOfBirth,
                      address: p.permanentAddress ?? a.address,
                    }))
                  }
                />
              ) : (
                <TextField
                  label={t(m.taxCode)}
                  required
                  autoComplete="off"
                  value={applicant.taxCode}
                  error={errors['applicant.taxCode'] ?? errors['applicant.idNumber']}
                  onChange={(e) => setA('taxCode', e.target.value.replace(/\s/g, ''))}
                />
              )}
              {applicant.kind === 'citizen' ? (
                <TextField
                  label={t(m.dateOfBirth)}
                  type="date"
                  value={applicant.dateOfBirth}
                  error={errors['applicant.dateOfBirth']}
                  onChange={(e) => setA('dateOfBirth', e.target.value)}
                />
              ) : null}
              <TextField
                label={t(m.phone)}
                type="tel"
                inputMode="tel"
                autoComplete="off"
                value={applicant.phone}
                error={errors['applicant.phone']}
                onChange={(e) => setA('phone', e.target.value.replace(/\s/g, ''))}
              />
              <TextField
                label={t(m.email)}
                type="email"
                autoComplete="off"
                value={applicant.email}
                error={errors['applicant.email']}
                onChange={(e) => setA('email', e.target.value)}
              />
              <TextField
                label={t(m.address)}
                autoComplete="off"
                value={applicant.address}
                error={errors['applicant.address']}
                onChange={(e) => setA('address', e.target.value)}
              />
            </div>
            <div className="checkbox">
              <input
                id={`${ids}-rep`}
                type="checkbox"
                checked={hasRep}
                onChange={(e) => setHasRep(e.target.checked)}
              />
              <label htmlFor={`${ids}-rep`}>{t(m.hasRep)}</label>
            </div>
            {hasRep ? (
              <fieldset>
                <legend>{t(m.rep)}</legend>
                <div className="o-form-grid">
                  <TextField
                    label={t(m.repName)}
                    required
                    autoComplete="off"
                    value={rep.fullName}
                    error={errors['representative.fullName']}
                    onChange={(e) => setRep((r) => ({ ...r, fullName: e.target.value }))}
                  />
                  <TextField
                    label={t(m.repId)}
                    required
                    inputMode="numeric"
                    autoComplete="off"
                    value={rep.idNumber}
                    error={errors['representative.idNumber']}
                    onChange={(e) => setRep((r) => ({ ...r, idNumber: e.target.value.replace(/\s/g, '') }))}
                  />
                  <TextField
                    label={t(m.repPhone)}
                    type="tel"
                    autoComplete="off"
                    value={rep.phone}
                    error={errors['representative.phone']}
                    onChange={(e) => setRep((r) => ({ ...r, phone: e.target.value.replace(/\s/g, '') }))}
                  />
                  <TextField
                    label={t(m.repDoc)}
                    autoComplete="off"
                    value={rep.authorisationDocument}
                    error={errors['representative.authorisationDocument']}
                    onChange={(e) => setRep((r) => ({ ...r, authorisationDocument: e.target.value }))}
                  />
                </div>
              </fieldset>
            ) : null}
          </Card>

          {content.eForm.length > 0 ? (
            <Card title={t(m.s3)}>
              <div className="o-form-grid">
                {content.eForm.map((f) => {
                  const label = lang === 'en' ? (f.labelEn ?? f.label) : f.label;
                  const common = {
                    label,
                    hint: f.help,
                    required: f.isRequired,
                    value: formData[f.key] ?? '',
                    error: errors[`formData.${f.key}`],
                  };
                  const onValue = (v: string) => setFormData((d) => ({ ...d, [f.key]: v }));
                  if (f.type === 'select' && f.options)
                    return (
                      <SelectField
                        key={f.key}
                        {...common}
                        placeholder="—"
                        options={f.options}
                        onChange={(e) => onValue(e.target.value)}
                      />
                    );
                  if (f.type === 'textarea' || f.type === 'address')
                    return (
                      <TextArea
                        key={f.key}
                        {...common}
                        rows={2}
                        maxLength={f.maxLength ?? 10_000}
                        onChange={(e) => onValue(e.target.value)}
                      />
                    );
                  return (
                    <TextField
                      key={f.key}
                      {...common}
                      type={
                        f.type === 'date'
                          ? 'date'
                          : f.type === 'email'
                            ? 'email'
                            : f.type === 'phone'
                              ? 'tel'
                              : 'text'
                      }
                      inputMode={f.type === 'number' || f.type === 'id_number' ? 'numeric' : undefined}
                      maxLength={f.maxLength ?? 10_000}
                      autoComplete="off"
                      onChange={(e) => onValue(e.target.value)}
                    />
                  );
                })}
              </div>
            </Card>
          ) : null}

          <Card title={t(m.s4)}>
            <p className="muted">{t(m.s4lead)}</p>
            <div className="table-wrap">
              <table className="o-table o-checklist">
                <thead>
                  <tr>
                    <th scope="col">{t(m.colComponent)}</th>
                    <th scope="col">{t(m.colProvided)}</th>
                    <th scope="col">{t(m.colOriginals)}</th>
                    <th scope="col">{t(m.colCopies)}</th>
                    <th scope="col">{t(m.colScans)}</th>
                  </tr>
                </thead>
                <tbody>
                  {resolved.components.map((c, i) => {
                    const draft = components[c.code];
                    const rowId = `${ids}-c-${c.code}`;
                    const missingError = errors[`components.${i}.isProvided`];
                    return (
                      <tr key={c.code} className={missingError ? 'o-row-invalid' : undefined}>
                        <th scope="row" id={`${rowId}-name`} className="o-normal">
                          {c.name}{' '}
                          {c.isRequired ? <span className="badge sla-due_soon">{t(m.required)}</span> : null}{' '}
                          {c.isPresentOnly ? (
                            <span className="badge sla-done">{t(m.presentOnly)}</span>
                          ) : null}
                          {c.formTemplate ? (
                            <span className="muted o-small o-block">
                              {c.formTemplate.url ? (
                                <a href={c.formTemplate.url} target="_blank" rel="noopener noreferrer">
                                  {t(m.formTemplate, { name: c.formTemplate.name })}
                                </a>
                              ) : (
                                t(m.formTemplate, { name: c.formTemplate.name })
                              )}
                            </span>
                          ) : null}
                          {missingError ? (
                            <span className="field-error o-block" id={`${rowId}-error`}>
                              {missingError}
                            </span>
                          ) : null}
                        </th>
                        <td>
                          <input
                            type="checkbox"
                            className="o-check"
                            checked={Boolean(draft?.isProvided)}
                            aria-label={t(m.provided, { name: c.name })}
                            aria-invalid={missingError ? true : undefined}
                            aria-describedby={missingError ? `${rowId}-error` : undefined}
                            onChange={(e) => setC(c.code, { isProvided: e.target.checked })}
                          />
                        </td>
                        <td>
                          <input
                            className="input o-count-input"
                            inputMode="numeric"
                            aria-label={t(m.originals, { name: c.name })}
                            value={draft?.originalCount ?? ''}
                            aria-invalid={errors[`components.${i}.originalCount`] ? true : undefined}
                            title={errors[`components.${i}.originalCount`]}
                            onChange={(e) =>
                              setC(c.code, { originalCount: e.target.value.replace(/\D/g, '') })
                            }
                          />
                        </td>
                        <td>
                          <input
                            className="input o-count-input"
                            inputMode="numeric"
                            aria-label={t(m.copies, { name: c.name })}
                            value={draft?.copyCount ?? ''}
                            aria-invalid={errors[`components.${i}.copyCount`] ? true : undefined}
                            title={errors[`components.${i}.copyCount`]}
                            onChange={(e) => setC(c.code, { copyCount: e.target.value.replace(/\D/g, '') })}
                          />
                        </td>
                        <td>
                          {c.mustDigitise === false || c.isPresentOnly ? null : (
                            <FileUpload
                              label={t(m.scans, { name: c.name })}
                              files={draft?.files ?? []}
                              onChange={(files) =>
                                setC(c.code, { files, ...(files.length > 0 ? { isProvided: true } : {}) })
                              }
                            />
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </Card>

          <Card title={t(m.s5)}>
            <SelectField
              label={t(m.delivery)}
              value={resultDelivery}
              options={Object.entries(RESULT_DELIVERY_LABELS).map(([value, text]) => ({
                value,
                label: t(text),
              }))}
              onChange={(e) => setResultDelivery(e.target.value as 'counter' | 'postal' | 'online')}
            />
            <TextArea
              label={t(m.note)}
              value={note}
              maxLength={2000}
              onChange={(e) => setNote(e.target.value)}
            />
          </Card>

          {problem && !outcome ? (
            <Alert kind="error" title={t(m.failed)}>
              <p>{problem}</p>
            </Alert>
          ) : null}
          <div className="row">
            <Button type="submit" isBusy={isBusy && outcome === null} className="o-submit">
              {t(m.submit)}
            </Button>
            <div className="row" role="group" aria-label={t(m.otherOutcomes)}>
              {(['guide', 'refuse'] as const).map((o) => (
                <Button
                  key={o}
                  variant="secondary"
                  aria-expanded={outcome === o}
                  aria-controls={outcome === o ? `${ids}-outcome` : undefined}
                  onClick={() => openOutcome(o)}
                >
                  {t(OUTCOME_BUTTON_LABELS[o])}
                </Button>
              ))}
            </div>
          </div>
          {outcome ? (
            <OutcomePanel
              id={`${ids}-outcome`}
              outcome={outcome}
              draft={outcomeDraft}
              onDraft={setOutcomeDraft}
              errors={errors}
              isBusy={isBusy}
              onConfirm={() => void submit(outcome)}
              onCancel={() => {
                setOutcome(null);
                setErrors({});
                setProblem(null);
              }}
            />
          ) : null}
          {problem && outcome ? (
            <Alert kind="error" title={t(m.failedOutcome)}>
              <p>{problem}</p>
            </Alert>
          ) : null}
        </>
      ) : null}
    </form>
  );
}
