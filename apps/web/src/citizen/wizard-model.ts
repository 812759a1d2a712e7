import {
  ApplicantSchema,
  IdNumber,
  OnlineSubmissionInput,
  resolveProcedure,
  VnPhone,
  type EFormField,
  type ResolvedProcedure,
} from '@motcua/domain';
import type { Text } from '../app/i18n.tsx';
import type { CitizenMe } from '../app/auth.tsx';
import type { ProcedureContent, Unit } from './citizen-api.ts';
import type { UploadedFile } from './upload.tsx';

/**
 * The online submission wizard as data: what is kept in the draft, which pages it has, how each
 * page is checked, and the request it sends (validated with the domain's OnlineSubmissionInput).
 */

export interface ApplicantDraft {
  kind: 'citizen' | 'organisation';
  fullName: string;
  idNumber: string;
  taxCode: string;
  dateOfBirth: string;
  address: string;
  phone: string;
  email: string;
}

export interface DocDraft {
  files: UploadedFile[];
  isReused: boolean;
}

export type Delivery = 'counter' | 'postal' | 'online';

/** Everything the wizard keeps; saved as the draft (`data`) on the server. */
export interface WizardData {
  v: 1;
  /** Idempotency-Key of the submission, made once per wizard session. */
  key: string;
  /** null until the applicant has chosen; '' = the general case. */
  variantCode: string | null;
  competentUnitId: string;
  applicant: ApplicantDraft;
  formData: Record<string, string | boolean>;
  docs: Record<string, DocDraft>;
  resultDelivery: Delivery | '';
  isDeclared: boolean;
  /** The page the applicant was on. */
  step: string;
}

export function initialData(me: CitizenMe, key: string): WizardData {
  return {
    v: 1,
    key,
    variantCode: null,
    competentUnitId: '',
    applicant: {
      kind: me.kind,
      fullName: me.fullName,
      idNumber: me.idNumber ?? '',
      taxCode: me.taxCode ?? '',
      dateOfBirth: '',
      address: me.address ?? '',
      phone: me.phone ?? '',
      email: me.email ?? '',
    },
    formData: {},
    docs: {},
    resultDelivery: '',
    isDeclared: false,
    step: '',
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A saved draft back as wizard data, or null when it is not one of ours. */
export function restoreData(raw: unknown, me: CitizenMe, newKey: () => string): WizardData | null {
  if (!isRecord(raw) || raw['v'] !== 1) return null;
  const base = initialData(me, typeof raw['key'] === 'string' ? raw['key'] : newKey());
  const applicant = isRecord(raw['applicant']) ? raw['applicant'] : {};
  const str = (o: Record<string, unknown>, k: string, fallback: string) =>
    typeof o[k] === 'string' ? o[k] : fallback;
  const docs: Record<string, DocDraft> = {};
  if (isRecord(raw['docs'])) {
    for (const [code, d] of Object.entries(raw['docs'])) {
      if (!isRecord(d)) continue;
      const files = Array.isArray(d['files'])
        ? d['files'].filter(
            (f): f is UploadedFile =>
              isRecord(f) && typeof f['id'] === 'string' && typeof f['name'] === 'string',
          )
        : [];
      docs[code] = { files, isReused: d['isReused'] === true };
    }
  }
  const formData: Record<string, string | boolean> = {};
  if (isRecord(raw['formData'])) {
    for (const [k, v] of Object.entries(raw['formData']))
      if (typeof v === 'string' || typeof v === 'boolean') formData[k] = v;
  }
  const delivery = raw['resultDelivery'];
  return {
    ...base,
    variantCode: typeof raw['variantCode'] === 'string' ? raw['variantCode'] : null,
    competentUnitId: typeof raw['competentUnitId'] === 'string' ? raw['competentUnitId'] : '',
    applicant: {
      kind: base.applicant.kind,
      fullName: str(applicant, 'fullName', base.applicant.fullName),
      idNumber: str(applicant, 'idNumber', base.applicant.idNumber),
      taxCode: str(applicant, 'taxCode', base.applicant.taxCode),
      dateOfBirth: str(applicant, 'dateOfBirth', ''),
      address: str(applicant, 'address', base.applicant.address),
      phone: str(applicant, 'phone', base.applicant.phone),
      email: str(applicant, 'email', base.applicant.email),
    },
    formData,
    docs,
    resultDelivery: delivery === 'counter' || delivery === 'postal' || delivery === 'online' ? delivery : '',
    isDeclared: raw['isDeclared'] === true,
    step: typeof raw['step'] === 'string' ? raw['step'] : '',
  };
}

export function resolveFor(
  content: ProcedureContent,
  variantCode: string | null,
): ResolvedProcedure | undefined {
  const r = resolveProcedure(content, 'online', variantCode || undefined);
  return 'error' in r ? undefined : r;
}

export type StepKind =
  'variant' | 'place' | 'applicant' | 'form' | 'doc' | 'optional-docs' | 'delivery' | 'review';

export interface WizardStep {
  key: string;
  kind: StepKind;
  title: Text;
  /** For one document page: the component code. */
  componentCode?: string;
}

const TITLES: Record<Exclude<StepKind, 'doc'>, Text> = {
  variant: { vi: 'Trường hợp của bạn', en: 'Your case' },
  place: { vi: 'Nơi nộp hồ sơ', en: 'Where to submit' },
  applicant: { vi: 'Thông tin người nộp', en: 'About you' },
  form: { vi: 'Tờ khai', en: 'Application form' },
  'optional-docs': { vi: 'Giấy tờ khác (nếu có)', en: 'Other documents (if any)' },
  delivery: { vi: 'Cách nhận kết quả', en: 'How to receive the result' },
  review: { vi: 'Kiểm tra và nộp', en: 'Check and submit' },
};

/** Components uploaded online (those only shown at the counter are not). */
export function uploadable(resolved: ResolvedProcedure | undefined, content: ProcedureContent) {
  return (resolved?.components ?? content.components).filter((c) => !c.isPresentOnly);
}

export function wizardSteps(content: ProcedureContent, data: WizardData): WizardStep[] {
  const resolved = resolveFor(content, data.variantCode);
  const steps: WizardStep[] = [];
  if (content.variants.length > 0) steps.push({ key: 'truong-hop', kind: 'variant', title: TITLES.variant });
  if (content.level === 'commune') steps.push({ key: 'noi-nop', kind: 'place', title: TITLES.place });
  steps.push({ key: 'nguoi-nop', kind: 'applicant', title: TITLES.applicant });
  if (content.eForm.length > 0) steps.push({ key: 'to-khai', kind: 'form', title: TITLES.form });
  const docs = uploadable(resolved, content);
  docs
    .filter((c) => c.isRequired)
    .forEach((c, i) =>
      steps.push({
        key: `giay-to-${i + 1}`,
        kind: 'doc',
        title: { vi: c.name, en: c.name },
        componentCode: c.code,
      }),
    );
  if (docs.some((c) => !c.isRequired))
    steps.push({ key: 'giay-to-khac', kind: 'optional-docs', title: TITLES['optional-docs'] });
  steps.push({ key: 'nhan-ket-qua', kind: 'delivery', title: TITLES.delivery });
  steps.push({ key: 'kiem-tra', kind: 'review', title: TITLES.review });
  return steps;
}

/* ------------------------------------------------------------------ checks */

/** Field errors of a page: key → message. */
export type Problems = Record<string, Text>;

const P = {
  choose: { vi: 'Hãy chọn một trường hợp.', en: 'Please choose one.' },
  commune: { vi: 'Hãy chọn xã, phường nơi nộp hồ sơ.', en: 'Please choose the commune or ward.' },
  fullName: {
    vi: 'Hãy nhập họ và tên (ít nhất 2 chữ).',
    en: 'Please enter the full name (at least 2 letters).',
  },
  idNumber: {
    vi: 'Số định danh gồm 12 chữ số (hoặc 9 chữ số của CMND cũ).',
    en: 'The ID number has 12 digits (or 9 for an old ID card).',
  },
  taxCode: {
    vi: 'Mã số thuế gồm 10 chữ số (chi nhánh: 10 chữ số, dấu -, 3 chữ số).',
    en: 'The tax code has 10 digits (branch: 10 digits, a dash, 3 digits).',
  },
  phone: {
    vi: 'Số điện thoại gồm 10 chữ số, bắt đầu bằng 0 (hoặc +84).',
    en: 'The phone number has 10 digits starting with 0 (or +84).',
  },
  email: {
    vi: 'Địa chỉ thư điện tử chưa đúng, ví dụ: ten@example.vn',
    en: 'The e-mail address is not valid, e.g. name@example.vn',
  },
  date: { vi: 'Ngày chưa đúng.', en: 'The date is not valid.' },
  required: { vi: 'Hãy điền mục này.', en: 'Please fill in this field.' },
  number: { vi: 'Hãy nhập một số, ví dụ 1500000.', en: 'Please enter a number, e.g. 1500000.' },
  tooLong: { vi: 'Quá dài (tối đa {n} ký tự).', en: 'Too long (at most {n} characters).' },
  option: { vi: 'Hãy chọn một mục trong danh sách.', en: 'Please choose an item from the list.' },
  file: {
    vi: 'Hãy tải lên ít nhất một tệp cho giấy tờ này.',
    en: 'Please upload at least one file for this document.',
  },
  delivery: { vi: 'Hãy chọn cách nhận kết quả.', en: 'Please choose how to receive the result.' },
  postalAddress: {
    vi: 'Để nhận qua bưu điện, hãy nhập địa chỉ ở bước “Thông tin người nộp”.',
    en: 'To receive by post, enter your address at the “About you” step.',
  },
  declare: {
    vi: 'Hãy đánh dấu ô cam đoan trước khi nộp.',
    en: 'Please tick the declaration before submitting.',
  },
} satisfies Record<string, Text>;

function nonEmpty(v: string): string | undefined {
  const s = v.trim();
  return s ? s : undefined;
}

export function applicantPayload(a: ApplicantDraft) {
  const isCitizen = a.kind === 'citizen';
  return {
    kind: a.kind,
    fullName: a.fullName.trim(),
    ...(isCitizen && nonEmpty(a.idNumber) ? { idNumber: a.idNumber.trim() } : {}),
    ...(!isCitizen && nonEmpty(a.taxCode) ? { taxCode: a.taxCode.trim() } : {}),
    ...(isCitizen && nonEmpty(a.dateOfBirth) ? { dateOfBirth: a.dateOfBirth.trim() } : {}),
    ...(nonEmpty(a.address) ? { address: a.address.trim() } : {}),
    ...(nonEmpty(a.phone) ? { phone: a.phone.replace(/[\s.]/g, '') } : {}),
    ...(nonEmpty(a.email) ? { email: a.email.trim() } : {}),
  };
}

export function checkApplicant(a: ApplicantDraft): Problems {
  const problems: Problems = {};
  const parsed = ApplicantSchema.safeParse(applicantPayload(a));
  if (parsed.success) return problems;
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? 'fullName');
    if (problems[key]) continue;
    if (key === 'idNumber' && a.kind !== 'citizen') problems['taxCode'] = P.taxCode;
    else if (key === 'idNumber') problems['idNumber'] = P.idNumber;
    else if (key === 'taxCode') problems['taxCode'] = P.taxCode;
    else if (key === 'phone') problems['phone'] = P.phone;
    else if (key === 'email') problems['email'] = P.email;
    else if (key === 'dateOfBirth') problems['dateOfBirth'] = P.date;
    else problems[key] = key === 'fullName' ? P.fullName : P.required;
  }
  return problems;
}

/** The value sent for an e-form field, or undefined when left empty. */
function fieldValue(
  field: EFormField,
  raw: string | boolean | undefined,
): string | number | boolean | undefined {
  if (typeof raw === 'boolean') return raw;
  const s = (raw ?? '').trim();
  if (!s) return undefined;
  if (field.type === 'number') {
    const n = Number(
      s
        .replace(/\s/g, '')
        .replace(/\.(?=\d{3}(\D|$))/g, '')
        .replace(',', '.'),
    );
    return Number.isFinite(n) ? n : s;
  }
  if (field.type === 'phone') return s.replace(/[\s.]/g, '');
  return s;
}

export function checkForm(fields: readonly EFormField[], values: WizardData['formData']): Problems {
  const problems: Problems = {};
  for (const f of fields) {
    const v = fieldValue(f, values[f.key]);
    if (v === undefined || v === false) {
      if (f.isRequired) problems[f.key] = P.required;
      continue;
    }
    if (typeof v === 'string' && v.length > (f.maxLength ?? 10_000))
      problems[f.key] = {
        vi: P.tooLong.vi.replace('{n}', String(f.maxLength)),
        en: P.tooLong.en.replace('{n}', String(f.maxLength)),
      };
    else if (f.type === 'number' && typeof v !== 'number') problems[f.key] = P.number;
    else if (f.type === 'id_number' && !IdNumber.safeParse(v).success) problems[f.key] = P.idNumber;
    else if (f.type === 'phone' && !VnPhone.safeParse(v).success) problems[f.key] = P.phone;
    else if (f.type === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(String(v))) problems[f.key] = P.email;
    else if (f.type === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(String(v))) problems[f.key] = P.date;
    else if (f.type === 'select' && f.options && !f.options.some((o) => o.value === v))
      problems[f.key] = P.option;
  }
  return problems;
}

export function checkStep(step: WizardStep, data: WizardData, content: ProcedureContent): Problems {
  switch (step.kind) {
    case 'variant':
      return data.variantCode === null ? { variant: P.choose } : {};
    case 'place':
      return data.competentUnitId ? {} : { place: P.commune };
    case 'applicant':
      return checkApplicant(data.applicant);
    case 'form':
      return checkForm(content.eForm, data.formData);
    case 'doc': {
      const d = data.docs[step.componentCode ?? ''];
      return d && (d.isReused || d.files.length > 0) ? {} : { files: P.file };
    }
    case 'optional-docs':
      return {};
    case 'delivery':
      if (!data.resultDelivery) return { delivery: P.delivery };
      if (data.resultDelivery === 'postal' && !data.applicant.address.trim())
        return { delivery: P.postalAddress };
      return {};
    case 'review':
      return data.isDeclared ? {} : { declare: P.declare };
  }
}

/** Delivery ways this procedure offers. */
export function deliveryOptions(content: ProcedureContent): Delivery[] {
  const ways: Delivery[] = ['counter'];
  if (content.isPostalAllowed) ways.push('postal');
  if (content.onlineServiceLevel === 'full') ways.push('online');
  return ways;
}

/** The request body of POST /api/dossiers. */
export function buildSubmission(data: WizardData, content: ProcedureContent, procedureCode: string) {
  const resolved = resolveFor(content, data.variantCode);
  const formData: Record<string, string | number | boolean> = {};
  for (const f of content.eForm as EFormField[]) {
    const v = fieldValue(f, data.formData[f.key]);
    if (v !== undefined) formData[f.key] = v;
  }
  const components = uploadable(resolved, content)
    .map((c) => {
      const d = data.docs[c.code];
      const fileIds = d?.files.map((f) => f.id) ?? [];
      const isReused = Boolean(d?.isReused && c.reuseSource);
      const isProvided = isReused || fileIds.length > 0;
      return {
        code: c.code,
        originalCount: isProvided ? c.originalCount : 0,
        copyCount: isProvided ? c.copyCount : 0,
        isProvided,
        isReused,
        fileIds: isReused ? [] : fileIds,
      };
    })
    .filter((c) => c.isProvided);
  return {
    procedureCode,
    ...(data.variantCode ? { variantCode: data.variantCode } : {}),
    ...(content.level === 'commune' && data.competentUnitId ? { competentUnitId: data.competentUnitId } : {}),
    applicant: applicantPayload(data.applicant),
    formData,
    components,
    resultDelivery: data.resultDelivery || 'counter',
    channel: 'online' as const,
  };
}

export function validateSubmission(body: ReturnType<typeof buildSubmission>) {
  return OnlineSubmissionInput.safeParse(body);
}

/** The commune whose name appears in an address ("… phường Hạc Thành, tỉnh …"), if any. */
export function communeFromAddress(address: string, communes: readonly Unit[]): Unit | undefined {
  const a = address.toLowerCase();
  return communes.find((u) => {
    const short = (u.shortName ?? u.name).replace(/^(UBND|Ủy ban nhân dân)\s+/i, '').toLowerCase();
    return short.length > 3 && a.includes(short);
  });
}
