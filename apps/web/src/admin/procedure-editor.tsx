import { useQuery } from '@tanstack/react-query';
import {
  ApplicantType,
  Channel,
  OfficerRole,
  ProcedureVersionContent,
  sumStepBudgets,
  validateVersionContent,
} from '@motcua/domain';
import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { useBlocker } from 'react-router';
import { api, type ResponseOf } from '../api/client.ts';
import { useT, type Text, type Translate } from '../app/i18n.tsx';
import { Alert, Button, SelectField, TextArea, TextField } from '../ui/ui.tsx';
import { Checkbox, ConfirmDialog, roleLabel, unitOptions, useUnits, type Unit } from './admin-ui.tsx';
import {
  APPLICANT_LABELS,
  DeadlineFields,
  EFORM_TYPE_LABELS,
  FEE_COLLECTION_LABELS,
  FEE_KIND_LABELS,
  ItemControls,
  LEVEL_LABELS,
  NumberField,
  ONLINE_LEVEL_LABELS,
  REUSE_LABELS,
  RESULT_TYPE_LABELS,
  STEP_UNIT_LABELS,
  SUPPLEMENT_LABELS,
  channelLabel,
  fieldId,
  focusField,
  limitMinutes,
  minutesText,
  moveItem,
  optionalText,
  problemText,
  replaceAt,
  resolvePath,
  ruleText,
  zodIssueText,
  type Component,
  type Content,
  type DeadlineRule,
  type Problem,
  type Step,
  type Variant,
} from './catalog-shared.tsx';

type Field = ResponseOf<'/api/procedures/fields', 'get'>[number];
type Errors = Record<string, string>;

const m = {
  sections: { vi: 'Các phần của phiên bản', en: 'Parts of the version' },
  general: { vi: 'Thông tin chung', en: 'General' },
  legal: { vi: 'Căn cứ pháp lý', en: 'Legal basis' },
  time: { vi: 'Thời hạn và cách tính', en: 'Time limit and counting' },
  channels: { vi: 'Cách thức thực hiện, phí, lệ phí', en: 'Channels, fees and charges' },
  components: { vi: 'Thành phần hồ sơ', en: 'Documents to file' },
  steps: { vi: 'Quy trình nội bộ', en: 'Internal process' },
  variants: { vi: 'Trường hợp riêng', en: 'Variants' },
  eForm: { vi: 'Biểu mẫu điện tử', en: 'E-form fields' },
  result: { vi: 'Kết quả giải quyết', en: 'Result' },
  problemsTitle: { vi: 'Cần sửa trước khi công bố ({n})', en: 'To fix before publishing ({n})' },
  problemsNone: {
    vi: 'Không còn lỗi nào: phiên bản đáp ứng các quy tắc công bố.',
    en: 'No problems left: the version meets the publication rules.',
  },
  unsaved: { vi: 'Có thay đổi chưa lưu', en: 'Unsaved changes' },
  allSaved: { vi: 'Đã lưu mọi thay đổi', en: 'All changes saved' },
  leaveTitle: { vi: 'Rời trang khi chưa lưu?', en: 'Leave without saving?' },
  leaveText: {
    vi: 'Những thay đổi chưa lưu của bản nháp sẽ mất.',
    en: 'The unsaved changes to the draft will be lost.',
  },
  leave: { vi: 'Rời trang, bỏ thay đổi', en: 'Leave and discard' },
  name: { vi: 'Tên thủ tục', en: 'Name of the procedure' },
  fieldPick: { vi: 'Lĩnh vực có sẵn', en: 'Existing field' },
  fieldOther: { vi: '(lĩnh vực khác — nhập bên dưới)', en: '(another field — type it below)' },
  fieldCode: { vi: 'Mã lĩnh vực', en: 'Field code' },
  fieldName: { vi: 'Tên lĩnh vực', en: 'Field name' },
  level: { vi: 'Cấp thực hiện', en: 'Level' },
  agency: { vi: 'Cơ quan có thẩm quyền giải quyết', en: 'Competent agency' },
  agencyNone: { vi: '(không — UBND xã tiếp nhận giải quyết)', en: '(none — the receiving commune settles)' },
  agencyUnknown: { vi: 'Mã {code} — không có đơn vị', en: 'Code {code} — no such unit' },
  applicants: { vi: 'Đối tượng thực hiện', en: 'Who can apply' },
  description: { vi: 'Mô tả', en: 'Description' },
  conditions: { vi: 'Yêu cầu, điều kiện thực hiện', en: 'Requirements and conditions' },
  decision: { vi: 'Quyết định công bố', en: 'Publication decision' },
  decisionHint: {
    vi: 'Quyết định công bố thủ tục (QĐCB) của Chủ tịch UBND tỉnh hoặc Bộ. Để trống cả hai nếu chưa có.',
    en: 'The decision publishing the procedure. Leave both empty if there is none yet.',
  },
  decisionNumber: { vi: 'Số quyết định', en: 'Decision number' },
  decisionDate: { vi: 'Ngày ban hành', en: 'Issued on' },
  internalCode: { vi: 'Mã quy trình nội bộ', en: 'Internal process code' },
  boundaryFree: {
    vi: 'Tiếp nhận không phụ thuộc địa giới hành chính',
    en: 'Received regardless of administrative boundaries',
  },
  postalAllowed: { vi: 'Cho phép nhận, trả qua bưu chính', en: 'Postal submission and return allowed' },
  legalNumber: { vi: 'Số hiệu văn bản', en: 'Document number' },
  legalTitle: { vi: 'Trích yếu', en: 'Title' },
  legalIssued: { vi: 'Ngày ban hành', en: 'Issued on' },
  legalEffective: { vi: 'Ngày có hiệu lực', en: 'In force from' },
  legalN: { vi: 'Văn bản {n}', en: 'Document {n}' },
  addLegal: { vi: 'Thêm văn bản', en: 'Add a document' },
  noLegal: { vi: 'Chưa có văn bản nào.', en: 'No document yet.' },
  processingTime: { vi: 'Thời hạn giải quyết theo luật', en: 'Legal time limit' },
  supplementMode: { vi: 'Khi yêu cầu bổ sung hồ sơ', en: 'When a supplement is requested' },
  obligationExcluded: {
    vi: 'Không tính thời gian chờ thực hiện nghĩa vụ tài chính (chỉ khi luật chuyên ngành quy định)',
    en: 'Waiting for a financial obligation stops the clock (only where the specialised law says so)',
  },
  feeCollection: { vi: 'Thời điểm thu phí, lệ phí', en: 'When fees are collected' },
  onlineLevel: { vi: 'Mức độ dịch vụ công trực tuyến', en: 'Online service level' },
  channelN: { vi: 'Kênh {n}: {name}', en: 'Channel {n}: {name}' },
  channel: { vi: 'Kênh thực hiện', en: 'Channel' },
  ownTime: { vi: 'Kênh này có thời hạn riêng', en: 'This channel has its own time limit' },
  ownTimeLegend: { vi: 'Thời hạn riêng của kênh', en: 'The channel’s own time limit' },
  channelDescription: { vi: 'Hướng dẫn cho kênh này', en: 'Instructions for this channel' },
  fees: { vi: 'Phí, lệ phí của kênh', en: 'Fees and charges on this channel' },
  noFees: { vi: 'Không thu phí, lệ phí.', en: 'No fees or charges.' },
  feeKind: { vi: 'Loại', en: 'Kind' },
  feeName: { vi: 'Tên khoản thu', en: 'Name' },
  feeAmount: { vi: 'Số tiền (đồng)', en: 'Amount (VND)' },
  feeNote: { vi: 'Ghi chú', en: 'Note' },
  feeN: { vi: 'khoản thu {n}', en: 'fee {n}' },
  addFee: { vi: 'Thêm khoản thu', en: 'Add a fee' },
  removeFee: { vi: 'Xóa khoản thu {n}', en: 'Remove fee {n}' },
  addChannel: { vi: 'Thêm kênh', en: 'Add a channel' },
  componentN: { vi: 'Giấy tờ {n}', en: 'Document {n}' },
  code: { vi: 'Mã', en: 'Code' },
  codeHint: { vi: 'Chữ không dấu, số, gạch ngang', en: 'Letters, digits, hyphens' },
  componentName: { vi: 'Tên giấy tờ', en: 'Name of the document' },
  originals: { vi: 'Số bản chính', en: 'Originals' },
  copies: { vi: 'Số bản sao', en: 'Copies' },
  required: { vi: 'Bắt buộc nộp', en: 'Required' },
  presentOnly: { vi: 'Chỉ xuất trình, không nộp', en: 'Shown only, not filed' },
  digitise: { vi: 'Phải số hóa khi tiếp nhận', en: 'Digitised at intake' },
  templateName: { vi: 'Mẫu đơn, tờ khai', en: 'Form template' },
  templateUrl: { vi: 'Đường dẫn tải mẫu', en: 'Template download link' },
  reuse: { vi: 'Lấy lại dữ liệu từ', en: 'Reuse data from' },
  reuseNone: { vi: '(không)', en: '(none)' },
  note: { vi: 'Ghi chú', en: 'Note' },
  addComponent: { vi: 'Thêm giấy tờ', en: 'Add a document' },
  noComponents: { vi: 'Chưa có giấy tờ nào.', en: 'No document yet.' },
  stepN: { vi: 'Bước {n}', en: 'Step {n}' },
  stepName: { vi: 'Nội dung công việc', en: 'What is done' },
  role: { vi: 'Người thực hiện (vai trò)', en: 'Done by (role)' },
  stepUnit: { vi: 'Đơn vị thực hiện', en: 'Unit' },
  fixedUnit: { vi: 'Đơn vị cố định', en: 'Fixed unit' },
  budget: { vi: 'Thời gian thực hiện bước', en: 'Time budget of the step' },
  produces: { vi: 'Kết quả của bước (văn bản)', en: 'Document produced' },
  addStep: { vi: 'Thêm bước', en: 'Add a step' },
  noSteps: { vi: 'Chưa có bước nào.', en: 'No step yet.' },
  budgetTitle: { vi: 'Tổng thời gian các bước', en: 'Sum of the step budgets' },
  budgetSum: { vi: 'Tổng các bước', en: 'Sum of steps' },
  budgetLimit: { vi: 'Thời hạn theo luật', en: 'Legal limit' },
  budgetOk: { vi: 'Khớp với thời hạn giải quyết.', en: 'Matches the legal time limit.' },
  budgetShort: { vi: 'Còn thiếu {x} so với thời hạn.', en: '{x} short of the limit.' },
  budgetOver: { vi: 'Vượt thời hạn {x}.', en: '{x} over the limit.' },
  budgetIndicative: {
    vi: 'Thời hạn tính theo ngày lịch hoặc trong ngày: thời gian các bước chỉ để tham khảo.',
    en: 'The limit is in calendar days or same-day: step budgets are indicative only.',
  },
  budgetIncomplete: {
    vi: 'Nhập đủ thời gian (ngày hoặc giờ làm việc) cho mọi bước để tính tổng.',
    en: 'Give every step a budget in working days or hours to get the sum.',
  },
  budgetServer: { vi: 'Kiểm tra của máy chủ (bản đã lưu): {x}', en: 'Server check (saved draft): {x}' },
  serverOk: { vi: 'khớp', en: 'matches' },
  serverBad: { vi: 'chưa khớp', en: 'does not match' },
  serverStale: {
    vi: 'Kiểm tra của máy chủ: lưu bản nháp để kiểm tra lại.',
    en: 'Server check: save the draft to check again.',
  },
  variantN: { vi: 'Trường hợp {n}', en: 'Variant {n}' },
  variantName: { vi: 'Tên trường hợp', en: 'Name of the variant' },
  variantOwnTime: { vi: 'Có thời hạn riêng', en: 'Own time limit' },
  variantOwnComponents: { vi: 'Có thành phần hồ sơ riêng', en: 'Own documents' },
  variantOwnSteps: { vi: 'Có quy trình riêng', en: 'Own process' },
  variantHint: {
    vi: 'Những gì không đánh dấu “riêng” dùng theo phần chung của thủ tục. Khi đánh dấu, phần chung được sao chép để sửa.',
    en: 'Whatever is not marked “own” follows the procedure’s common part. When marked, the common part is copied for editing.',
  },
  addVariant: { vi: 'Thêm trường hợp', en: 'Add a variant' },
  noVariants: {
    vi: 'Không có trường hợp riêng: mọi hồ sơ theo phần chung.',
    en: 'No variants: every dossier follows the common part.',
  },
  eFormN: { vi: 'Trường {n}', en: 'Field {n}' },
  eFormKey: { vi: 'Khóa (tên kỹ thuật)', en: 'Key' },
  eFormKeyHint: { vi: 'Bắt đầu bằng chữ, không dấu, ví dụ hoTen', en: 'Starts with a letter, e.g. fullName' },
  eFormLabel: { vi: 'Nhãn tiếng Việt', en: 'Vietnamese label' },
  eFormLabelEn: { vi: 'Nhãn tiếng Anh', en: 'English label' },
  eFormType: { vi: 'Kiểu dữ liệu', en: 'Type' },
  eFormRequired: { vi: 'Bắt buộc điền', en: 'Required' },
  eFormOptions: {
    vi: 'Các lựa chọn (mỗi dòng: giá trị | nhãn)',
    en: 'Choices (one per line: value | label)',
  },
  eFormMax: { vi: 'Độ dài tối đa', en: 'Maximum length' },
  eFormHelp: { vi: 'Hướng dẫn điền', en: 'Help text' },
  addEForm: { vi: 'Thêm trường', en: 'Add a field' },
  noEForm: { vi: 'Chưa có trường nào.', en: 'No field yet.' },
  resultName: { vi: 'Tên kết quả', en: 'Name of the result' },
  resultType: { vi: 'Loại kết quả', en: 'Kind of result' },
  paperRequired: { vi: 'Phải trả bản giấy', en: 'A paper copy is required' },
  mustSign: { vi: 'Phải ký số', en: 'Must be digitally signed' },
} satisfies Record<string, Text>;

const SECTION_IDS = {
  general: 'phan-chung',
  legal: 'can-cu',
  time: 'thoi-han',
  channels: 'kenh',
  components: 'thanh-phan',
  steps: 'quy-trinh',
  variants: 'truong-hop',
  eForm: 'bieu-mau',
} as const;

/** An empty content for a new procedure (the admin fills it in; nothing is made up). */
export function emptyContent(): Content {
  return {
    name: '',
    field: { code: '', name: '' },
    level: 'province',
    applicantTypes: ['citizen'],
    processingTime: { amount: NaN, unit: 'working-days' },
    supplementMode: 'pause',
    isObligationTimeExcluded: false,
    channels: [{ channel: 'counter', fees: [] }],
    feeCollection: 'none',
    onlineServiceLevel: 'none',
    components: [],
    steps: [],
    variants: [],
    eForm: [],
    result: { name: '', type: 'decision', isPaperRequired: false, mustBeSigned: true },
    legalBasis: [],
    isBoundaryFree: false,
    isPostalAllowed: true,
  };
}

export interface EditorProblems {
  /** Field errors keyed by index paths. */
  errors: Errors;
  /** Every problem, for the summary. */
  list: { path: string; text: string }[];
  parsed: ReturnType<typeof ProcedureVersionContent.safeParse>;
  ruleProblems: Problem[];
}

/** Live checks: the zod schema and the domain's publication rules, on the content being edited. */
export function useLiveProblems(t: Translate, content: Content, extra: readonly Problem[]): EditorProblems {
  const parsed = useMemo(() => ProcedureVersionContent.safeParse(content), [content]);
  const ruleProblems = useMemo<Problem[]>(() => {
    try {
      return validateVersionContent(content);
    } catch {
      return [];
    }
  }, [content]);
  return useMemo(() => {
    const errors: Errors = {};
    const list: { path: string; text: string }[] = [];
    const add = (path: string, text: string) => {
      if (!errors[path]) errors[path] = text;
      if (!list.some((p) => p.path === path && p.text === text)) list.push({ path, text });
    };
    if (!parsed.success) {
      for (const issue of parsed.error.issues) add(issue.path.map(String).join('.'), zodIssueText(t, issue));
    }
    for (const p of [...ruleProblems, ...extra]) {
      const path = p.path === 'effectiveFrom' ? 'effectiveFrom' : resolvePath(content, p.path);
      add(path, problemText(t, p));
    }
    return { errors, list, parsed, ruleProblems };
  }, [t, parsed, ruleProblems, extra, content]);
}

/** Warns before leaving the page (in the app or closing the tab) while there are unsaved changes. */
export function UnsavedGuard({ isDirty, bypass }: { isDirty: boolean; bypass?: { current: boolean } }) {
  const t = useT();
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      isDirty &&
      !bypass?.current &&
      (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search),
  );
  useEffect(() => {
    if (!isDirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [isDirty]);
  return (
    <ConfirmDialog
      open={blocker.state === 'blocked'}
      title={t(m.leaveTitle)}
      confirmLabel={t(m.leave)}
      variant="danger"
      onConfirm={() => blocker.proceed?.()}
      onCancel={() => blocker.reset?.()}
    >
      <p>{t(m.leaveText)}</p>
    </ConfirmDialog>
  );
}

/** The list of problems with links to their inputs. */
export function ProblemSummary({ problems, title }: { problems: EditorProblems['list']; title?: string }) {
  const t = useT();
  if (problems.length === 0) return <Alert kind="success">{t(m.problemsNone)}</Alert>;
  return (
    <Alert kind="warning" title={title ?? t(m.problemsTitle, { n: problems.length })}>
      <ul className="a-problems">
        {problems.slice(0, 50).map((p, i) => (
          <li key={`${p.path}-${i}`}>
            <a
              href={`#${fieldId(p.path)}`}
              onClick={(e) => {
                e.preventDefault();
                // Fall back to the nearest enclosing path that has an input or a section.
                const parts = p.path.split('.');
                while (parts.length > 0 && !focusField(parts.join('.'))) parts.pop();
              }}
            >
              {pathLabel(t, p.path)}
            </a>
            : {p.text}
          </li>
        ))}
      </ul>
    </Alert>
  );
}

/** A readable name of a content path: "Quy trình nội bộ › Bước 2 › Thời gian". */
function pathLabel(t: Translate, path: string): string {
  const parts = path.split('.');
  const out: string[] = [];
  const sectionOf: Record<string, Text> = {
    name: m.name,
    field: m.fieldName,
    level: m.level,
    competentAgencyCode: m.agency,
    applicantTypes: m.applicants,
    processingTime: m.processingTime,
    supplementMode: m.supplementMode,
    channels: m.channels,
    feeCollection: m.feeCollection,
    onlineServiceLevel: m.onlineLevel,
    components: m.components,
    steps: m.steps,
    variants: m.variants,
    eForm: m.eForm,
    result: m.result,
    conditions: m.conditions,
    legalBasis: m.legal,
    publicationDecision: m.decision,
    description: m.description,
    effectiveFrom: { vi: 'Ngày có hiệu lực', en: 'Effective date' },
  };
  const itemOf: Record<string, Text> = {
    channels: { vi: 'Kênh {n}', en: 'Channel {n}' },
    components: m.componentN,
    steps: m.stepN,
    variants: m.variantN,
    eForm: m.eFormN,
    legalBasis: m.legalN,
    fees: { vi: 'Khoản thu {n}', en: 'Fee {n}' },
  };
  let container = '';
  for (const part of parts) {
    const item = itemOf[container];
    const section = sectionOf[part];
    if (/^\d+$/.test(part) && item) out.push(t(item, { n: Number(part) + 1 }));
    else if (section && (out.length === 0 || itemOf[part])) out.push(t(section));
    container = part;
  }
  return out.join(' › ') || path;
}

/** The editor of a version's content (draft or new procedure). */
export function ContentEditor({
  content,
  onChange,
  problems,
  serverProblems,
  isServerCurrent,
}: {
  content: Content;
  onChange: (content: Content) => void;
  problems: EditorProblems;
  serverProblems: readonly Problem[] | undefined;
  isServerCurrent: boolean;
}) {
  const t = useT();
  const units = useUnits();
  const fields = useQuery({
    queryKey: ['procedure-fields'],
    queryFn: ({ signal }) => api<Field[]>('/api/procedures/fields', { signal }),
    staleTime: 5 * 60_000,
  });
  const errors = problems.errors;
  const set = <K extends keyof Content>(key: K, value: Content[K]) => onChange({ ...content, [key]: value });
  const unitList = units.data ?? [];
  const sections: [keyof typeof SECTION_IDS, Text][] = [
    ['general', m.general],
    ['legal', m.legal],
    ['time', m.time],
    ['channels', m.channels],
    ['components', m.components],
    ['steps', m.steps],
    ['variants', m.variants],
    ['eForm', m.eForm],
  ];
  return (
    <div className="a-editor">
      <nav className="a-toc" aria-label={t(m.sections)}>
        <ol>
          {sections.map(([key, label]) => (
            <li key={key}>
              <a
                href={`#${SECTION_IDS[key]}`}
                onClick={(e) => {
                  e.preventDefault();
                  const el = document.getElementById(SECTION_IDS[key]);
                  el?.scrollIntoView({ block: 'start' });
                  el?.focus({ preventScroll: true });
                }}
              >
                {t(label)}
              </a>
            </li>
          ))}
        </ol>
      </nav>

      <Section id={SECTION_IDS.general} title={t(m.general)}>
        <TextArea
          id={fieldId('name')}
          label={t(m.name)}
          required
          rows={2}
          maxLength={1000}
          value={content.name}
          onChange={(e) => set('name', e.target.value)}
          error={errors.name}
        />
        <FieldPicker
          content={content}
          fields={fields.data ?? []}
          onChange={(field) => set('field', field)}
          errors={errors}
        />
        <div className="grid grid-2">
          <SelectField
            id={fieldId('level')}
            label={t(m.level)}
            required
            value={content.level}
            onChange={(e) => {
              const level = e.target.value as Content['level'];
              // Commune procedures have no competent agency (the receiving commune settles).
              onChange({
                ...content,
                level,
                ...(level === 'commune' ? { competentAgencyCode: undefined } : {}),
              });
            }}
            options={(Object.keys(LEVEL_LABELS) as Content['level'][]).map((l) => ({
              value: l,
              label: t(LEVEL_LABELS[l]),
            }))}
            error={errors.level}
          />
          <AgencySelect
            path="competentAgencyCode"
            label={t(m.agency)}
            value={content.competentAgencyCode}
            units={unitList}
            noneLabel={t(m.agencyNone)}
            disabled={content.level === 'commune' && !content.competentAgencyCode}
            onChange={(code) => set('competentAgencyCode', code)}
            error={errors.competentAgencyCode}
          />
        </div>
        <fieldset id={fieldId('applicantTypes')} tabIndex={-1}>
          <legend>{t(m.applicants)}</legend>
          <div className="a-checks">
            {ApplicantType.options.map((a) => (
              <Checkbox
                key={a}
                label={t(APPLICANT_LABELS[a])}
                checked={content.applicantTypes.includes(a)}
                onChange={(on) =>
                  set(
                    'applicantTypes',
                    on
                      ? ApplicantType.options.filter((x) => x === a || content.applicantTypes.includes(x))
                      : content.applicantTypes.filter((x) => x !== a),
                  )
                }
              />
            ))}
          </div>
          {errors.applicantTypes ? <p className="field-error">{errors.applicantTypes}</p> : null}
        </fieldset>
        <TextArea
          id={fieldId('conditions')}
          label={t(m.conditions)}
          rows={3}
          maxLength={5000}
          value={content.conditions ?? ''}
          onChange={(e) => set('conditions', optionalText(e.target.value))}
          error={errors.conditions}
        />
        <TextArea
          id={fieldId('description')}
          label={t(m.description)}
          rows={3}
          maxLength={5000}
          value={content.description ?? ''}
          onChange={(e) => set('description', optionalText(e.target.value))}
          error={errors.description}
        />
        <fieldset>
          <legend>{t(m.result)}</legend>
          <div className="grid grid-2">
            <TextField
              id={fieldId('result.name')}
              label={t(m.resultName)}
              required
              maxLength={500}
              value={content.result.name}
              onChange={(e) => set('result', { ...content.result, name: e.target.value })}
              error={errors['result.name']}
            />
            <SelectField
              id={fieldId('result.type')}
              label={t(m.resultType)}
              value={content.result.type}
              onChange={(e) =>
                set('result', { ...content.result, type: e.target.value as Content['result']['type'] })
              }
              options={(Object.keys(RESULT_TYPE_LABELS) as Content['result']['type'][]).map((k) => ({
                value: k,
                label: t(RESULT_TYPE_LABELS[k]),
              }))}
            />
          </div>
          <div className="a-checks">
            <Checkbox
              label={t(m.paperRequired)}
              checked={content.result.isPaperRequired}
              onChange={(v) => set('result', { ...content.result, isPaperRequired: v })}
            />
            <Checkbox
              label={t(m.mustSign)}
              checked={content.result.mustBeSigned}
              onChange={(v) => set('result', { ...content.result, mustBeSigned: v })}
            />
          </div>
        </fieldset>
        <fieldset>
          <legend>{t(m.decision)}</legend>
          <p className="muted a-small">{t(m.decisionHint)}</p>
          <div className="grid grid-2">
            <TextField
              id={fieldId('publicationDecision.number')}
              label={t(m.decisionNumber)}
              maxLength={100}
              value={content.publicationDecision?.number ?? ''}
              onChange={(e) =>
                set(
                  'publicationDecision',
                  decisionOf(e.target.value, content.publicationDecision?.issuedOn ?? ''),
                )
              }
              error={errors['publicationDecision.number'] ?? errors.publicationDecision}
            />
            <TextField
              id={fieldId('publicationDecision.issuedOn')}
              label={t(m.decisionDate)}
              type="date"
              value={content.publicationDecision?.issuedOn ?? ''}
              onChange={(e) =>
                set(
                  'publicationDecision',
                  decisionOf(content.publicationDecision?.number ?? '', e.target.value),
                )
              }
              error={errors['publicationDecision.issuedOn']}
            />
          </div>
        </fieldset>
        <div className="grid grid-2">
          <TextField
            id={fieldId('internalProcessCode')}
            label={t(m.internalCode)}
            maxLength={100}
            value={content.internalProcessCode ?? ''}
            onChange={(e) => set('internalProcessCode', optionalText(e.target.value))}
            error={errors.internalProcessCode}
          />
        </div>
        <div className="a-checks">
          <Checkbox
            label={t(m.boundaryFree)}
            checked={content.isBoundaryFree}
            onChange={(v) => set('isBoundaryFree', v)}
          />
          <Checkbox
            label={t(m.postalAllowed)}
            checked={content.isPostalAllowed}
            onChange={(v) => set('isPostalAllowed', v)}
          />
        </div>
      </Section>

      <Section id={SECTION_IDS.legal} title={t(m.legal)} error={errors.legalBasis}>
        <LegalBasisEditor items={content.legalBasis} onChange={(v) => set('legalBasis', v)} errors={errors} />
      </Section>

      <Section id={SECTION_IDS.time} title={t(m.time)}>
        <DeadlineFields
          legend={t(m.processingTime)}
          rule={content.processingTime}
          path="processingTime"
          errors={errors}
          withSameDay
          onChange={(r) => set('processingTime', r)}
        />
        <fieldset>
          <legend>{t(m.supplementMode)}</legend>
          {(['pause', 'restart'] as const).map((mode) => (
            <Radio
              key={mode}
              name="supplement-mode"
              label={t(SUPPLEMENT_LABELS[mode])}
              checked={content.supplementMode === mode}
              onChange={() => set('supplementMode', mode)}
            />
          ))}
        </fieldset>
        <Checkbox
          label={t(m.obligationExcluded)}
          checked={content.isObligationTimeExcluded}
          onChange={(v) => set('isObligationTimeExcluded', v)}
        />
      </Section>

      <Section id={SECTION_IDS.channels} title={t(m.channels)} error={errors.channels}>
        <div className="grid grid-2">
          <SelectField
            id={fieldId('onlineServiceLevel')}
            label={t(m.onlineLevel)}
            value={content.onlineServiceLevel}
            onChange={(e) => set('onlineServiceLevel', e.target.value as Content['onlineServiceLevel'])}
            options={(Object.keys(ONLINE_LEVEL_LABELS) as Content['onlineServiceLevel'][]).map((k) => ({
              value: k,
              label: t(ONLINE_LEVEL_LABELS[k]),
            }))}
            error={errors.onlineServiceLevel}
          />
          <SelectField
            id={fieldId('feeCollection')}
            label={t(m.feeCollection)}
            value={content.feeCollection}
            onChange={(e) => set('feeCollection', e.target.value as Content['feeCollection'])}
            options={(Object.keys(FEE_COLLECTION_LABELS) as Content['feeCollection'][]).map((k) => ({
              value: k,
              label: t(FEE_COLLECTION_LABELS[k]),
            }))}
          />
        </div>
        <ChannelsEditor content={content} onChange={(v) => set('channels', v)} errors={errors} />
      </Section>

      <Section id={SECTION_IDS.components} title={t(m.components)} error={errors.components}>
        <ComponentsEditor
          items={content.components}
          path="components"
          onChange={(v) => set('components', v)}
          errors={errors}
        />
      </Section>

      <Section id={SECTION_IDS.steps} title={t(m.steps)}>
        <StepsWithBudget
          steps={content.steps}
          limit={content.processingTime}
          path="steps"
          onChange={(v) => set('steps', v)}
          errors={errors}
          units={unitList}
          ruleProblems={problems.ruleProblems}
          serverProblems={serverProblems}
          isServerCurrent={isServerCurrent}
          content={content}
        />
      </Section>

      <Section id={SECTION_IDS.variants} title={t(m.variants)} error={errors.variants}>
        <VariantsEditor
          content={content}
          onChange={(v) => set('variants', v)}
          errors={errors}
          units={unitList}
          ruleProblems={problems.ruleProblems}
          serverProblems={serverProblems}
          isServerCurrent={isServerCurrent}
        />
      </Section>

      <Section id={SECTION_IDS.eForm} title={t(m.eForm)} error={errors.eForm}>
        <EFormEditor items={content.eForm} onChange={(v) => set('eForm', v)} errors={errors} />
      </Section>
    </div>
  );
}

function decisionOf(number: string, issuedOn: string): Content['publicationDecision'] {
  if (number.trim() === '' && issuedOn === '') return undefined;
  return { number, issuedOn };
}

function Section({
  id,
  title,
  children,
  error,
}: {
  id: string;
  title: string;
  children: ReactNode;
  error?: string | undefined;
}) {
  const headingId = useId();
  return (
    <section id={id} className="card a-section" aria-labelledby={headingId} tabIndex={-1}>
      <h2 id={headingId}>{title}</h2>
      {error ? (
        <p className="field-error" id={fieldId(id)}>
          {error}
        </p>
      ) : null}
      {children}
    </section>
  );
}

function Radio({
  name,
  label,
  checked,
  onChange,
}: {
  name: string;
  label: string;
  checked: boolean;
  onChange: () => void;
}) {
  const id = useId();
  return (
    <div className="checkbox">
      <input id={id} type="radio" name={name} checked={checked} onChange={onChange} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

function FieldPicker({
  content,
  fields,
  onChange,
  errors,
}: {
  content: Content;
  fields: readonly Field[];
  onChange: (field: Content['field']) => void;
  errors: Errors;
}) {
  const t = useT();
  const known = fields.find((f) => f.code === content.field.code);
  return (
    <div className="grid grid-3">
      <SelectField
        label={t(m.fieldPick)}
        value={known ? known.code : ''}
        onChange={(e) => {
          const f = fields.find((x) => x.code === e.target.value);
          if (f) onChange({ code: f.code, name: f.name });
        }}
        options={fields.map((f) => ({ value: f.code, label: f.name }))}
        placeholder={t(m.fieldOther)}
      />
      <TextField
        id={fieldId('field.code')}
        label={t(m.fieldCode)}
        required
        className="mono"
        maxLength={40}
        spellCheck={false}
        value={content.field.code}
        onChange={(e) => onChange({ ...content.field, code: e.target.value })}
        error={errors['field.code']}
      />
      <TextField
        id={fieldId('field.name')}
        label={t(m.fieldName)}
        required
        maxLength={300}
        value={content.field.name}
        onChange={(e) => onChange({ ...content.field, name: e.target.value })}
        error={errors['field.name'] ?? errors.field}
      />
    </div>
  );
}

/** A unit chosen by its agency code (the catalog refers to units by code). */
function AgencySelect({
  path,
  label,
  value,
  units,
  noneLabel,
  onChange,
  error,
  disabled,
  required,
}: {
  path: string;
  label: string;
  value: string | undefined;
  units: readonly Unit[];
  noneLabel?: string;
  onChange: (code: string | undefined) => void;
  error?: string | undefined;
  disabled?: boolean;
  required?: boolean;
}) {
  const t = useT();
  const options = unitOptions(units, { toValue: (u) => u.agencyCode, withCode: true });
  if (value && !units.some((u) => u.agencyCode === value))
    options.unshift({ value, label: t(m.agencyUnknown, { code: value }) });
  return (
    <SelectField
      id={fieldId(path)}
      label={label}
      value={value ?? ''}
      disabled={disabled}
      required={required}
      onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
      options={options}
      {...(noneLabel !== undefined ? { placeholder: noneLabel } : { placeholder: '—' })}
      error={error}
    />
  );
}

function LegalBasisEditor({
  items,
  onChange,
  errors,
}: {
  items: Content['legalBasis'];
  onChange: (items: Content['legalBasis']) => void;
  errors: Errors;
}) {
  const t = useT();
  return (
    <>
      {items.length === 0 ? <p className="muted">{t(m.noLegal)}</p> : null}
      <ol className="a-items">
        {items.map((doc, i) => {
          const path = `legalBasis.${i}`;
          const name = `${t(m.legalN, { n: i + 1 })}${doc.number ? ` (${doc.number})` : ''}`;
          const update = (next: typeof doc) => onChange(replaceAt(items, i, next));
          return (
            <li key={i} className="a-item">
              <div className="a-item-head">
                <h3>{name}</h3>
                <ItemControls
                  index={i}
                  count={items.length}
                  name={name}
                  onMove={(from, to) => onChange(moveItem(items, from, to))}
                  onRemove={() => onChange(items.filter((_, j) => j !== i))}
                />
              </div>
              <div className="a-item-grid">
                <TextField
                  id={fieldId(`${path}.number`)}
                  label={t(m.legalNumber)}
                  required
                  maxLength={100}
                  value={doc.number}
                  onChange={(e) => update({ ...doc, number: e.target.value })}
                  error={errors[`${path}.number`]}
                />
                <TextField
                  id={fieldId(`${path}.issuedOn`)}
                  label={t(m.legalIssued)}
                  type="date"
                  value={doc.issuedOn ?? ''}
                  onChange={(e) => update({ ...doc, issuedOn: optionalText(e.target.value) })}
                  error={errors[`${path}.issuedOn`]}
                />
                <TextField
                  id={fieldId(`${path}.effectiveFrom`)}
                  label={t(m.legalEffective)}
                  type="date"
                  value={doc.effectiveFrom ?? ''}
                  onChange={(e) => update({ ...doc, effectiveFrom: optionalText(e.target.value) })}
                  error={errors[`${path}.effectiveFrom`]}
                />
              </div>
              <TextArea
                id={fieldId(`${path}.title`)}
                label={t(m.legalTitle)}
                required
                rows={2}
                maxLength={1000}
                value={doc.title}
                onChange={(e) => update({ ...doc, title: e.target.value })}
                error={errors[`${path}.title`]}
              />
            </li>
          );
        })}
      </ol>
      {items.length < 50 ? (
        <Button variant="secondary" onClick={() => onChange([...items, { number: '', title: '' }])}>
          + {t(m.addLegal)}
        </Button>
      ) : null}
    </>
  );
}

function ChannelsEditor({
  content,
  onChange,
  errors,
}: {
  content: Content;
  onChange: (channels: Content['channels']) => void;
  errors: Errors;
}) {
  const t = useT();
  const items = content.channels;
  const unused = Channel.options.filter((c) => !items.some((x) => x.channel === c));
  return (
    <>
      <ol className="a-items">
        {items.map((ch, i) => {
          const path = `channels.${i}`;
          const name = t(m.channelN, { n: i + 1, name: channelLabel(t, ch.channel) });
          const update = (next: typeof ch) => onChange(replaceAt(items, i, next));
          return (
            <li key={i} className="a-item">
              <div className="a-item-head">
                <h3>{name}</h3>
                <ItemControls
                  index={i}
                  count={items.length}
                  name={name}
                  onMove={(from, to) => onChange(moveItem(items, from, to))}
                  onRemove={() => onChange(items.filter((_, j) => j !== i))}
                />
              </div>
              {errors[path] ? <p className="field-error">{errors[path]}</p> : null}
              <div className="a-item-grid">
                <SelectField
                  id={fieldId(`${path}.channel`)}
                  label={t(m.channel)}
                  value={ch.channel}
                  onChange={(e) => update({ ...ch, channel: e.target.value as typeof ch.channel })}
                  options={Channel.options.map((c) => ({ value: c, label: channelLabel(t, c) }))}
                  error={errors[`${path}.channel`]}
                />
              </div>
              <Checkbox
                label={t(m.ownTime)}
                checked={ch.processingTime !== undefined}
                hint={t(
                  {
                    vi: 'Nếu không, dùng thời hạn chung: {x}.',
                    en: 'Otherwise the common limit applies: {x}.',
                  },
                  {
                    x: ruleText(t, content.processingTime),
                  },
                )}
                onChange={(on) =>
                  update({ ...ch, processingTime: on ? { ...content.processingTime } : undefined })
                }
              />
              {ch.processingTime ? (
                <DeadlineFields
                  legend={t(m.ownTimeLegend)}
                  rule={ch.processingTime}
                  path={`${path}.processingTime`}
                  errors={errors}
                  withSameDay
                  onChange={(r) => update({ ...ch, processingTime: r })}
                />
              ) : null}
              <FeesEditor
                fees={ch.fees}
                path={`${path}.fees`}
                channelName={channelLabel(t, ch.channel)}
                onChange={(fees) => update({ ...ch, fees })}
                errors={errors}
              />
              <TextArea
                id={fieldId(`${path}.description`)}
                label={t(m.channelDescription)}
                rows={2}
                maxLength={2000}
                value={ch.description ?? ''}
                onChange={(e) => update({ ...ch, description: optionalText(e.target.value) })}
                error={errors[`${path}.description`]}
              />
            </li>
          );
        })}
      </ol>
      {unused.length > 0 ? (
        <Button
          variant="secondary"
          onClick={() => onChange([...items, { channel: unused[0] ?? 'counter', fees: [] }])}
        >
          + {t(m.addChannel)}
        </Button>
      ) : null}
    </>
  );
}

function FeesEditor({
  fees,
  path,
  channelName,
  onChange,
  errors,
}: {
  fees: Content['channels'][number]['fees'];
  path: string;
  channelName: string;
  onChange: (fees: Content['channels'][number]['fees']) => void;
  errors: Errors;
}) {
  const t = useT();
  return (
    <fieldset>
      <legend>
        {t(m.fees)} — {channelName}
      </legend>
      {fees.length === 0 ? <p className="muted">{t(m.noFees)}</p> : null}
      {fees.map((fee, i) => {
        const p = `${path}.${i}`;
        const update = (next: typeof fee) => onChange(replaceAt(fees, i, next));
        return (
          <div key={i} className="a-fee-row">
            <SelectField
              id={fieldId(`${p}.kind`)}
              label={`${t(m.feeKind)} (${t(m.feeN, { n: i + 1 })})`}
              value={fee.kind}
              onChange={(e) => update({ ...fee, kind: e.target.value as typeof fee.kind })}
              options={(['fee', 'charge'] as const).map((k) => ({ value: k, label: t(FEE_KIND_LABELS[k]) }))}
            />
            <TextField
              id={fieldId(`${p}.name`)}
              label={`${t(m.feeName)} (${t(m.feeN, { n: i + 1 })})`}
              required
              maxLength={300}
              value={fee.name}
              onChange={(e) => update({ ...fee, name: e.target.value })}
              error={errors[`${p}.name`]}
            />
            <NumberField
              label={`${t(m.feeAmount)} (${t(m.feeN, { n: i + 1 })})`}
              path={`${p}.amount`}
              value={fee.amount}
              min={0}
              required
              onChange={(amount) => update({ ...fee, amount })}
              error={errors[`${p}.amount`]}
            />
            <TextField
              id={fieldId(`${p}.note`)}
              label={`${t(m.feeNote)} (${t(m.feeN, { n: i + 1 })})`}
              maxLength={1000}
              value={fee.note ?? ''}
              onChange={(e) => update({ ...fee, note: optionalText(e.target.value) })}
              error={errors[`${p}.note`]}
            />
            <Button variant="danger" onClick={() => onChange(fees.filter((_, j) => j !== i))}>
              {t(m.removeFee, { n: i + 1 })}
            </Button>
          </div>
        );
      })}
      {fees.length < 50 ? (
        <Button
          variant="secondary"
          onClick={() => onChange([...fees, { kind: 'charge', name: '', amount: 0 }])}
        >
          + {t(m.addFee)}
        </Button>
      ) : null}
    </fieldset>
  );
}

function ComponentsEditor({
  items,
  path,
  onChange,
  errors,
}: {
  items: Component[];
  path: string;
  onChange: (items: Component[]) => void;
  errors: Errors;
}) {
  const t = useT();
  return (
    <>
      {items.length === 0 ? <p className="muted">{t(m.noComponents)}</p> : null}
      <ol className="a-items">
        {items.map((c, i) => {
          const p = `${path}.${i}`;
          const name = `${t(m.componentN, { n: i + 1 })}${c.name ? `: ${shorten(c.name)}` : ''}`;
          const update = (next: Component) => onChange(replaceAt(items, i, next));
          return (
            <li key={i} className="a-item">
              <div className="a-item-head">
                <h3>{name}</h3>
                <ItemControls
                  index={i}
                  count={items.length}
                  name={name}
                  onMove={(from, to) => onChange(moveItem(items, from, to))}
                  onRemove={() => onChange(items.filter((_, j) => j !== i))}
                />
              </div>
              <TextArea
                id={fieldId(`${p}.name`)}
                label={t(m.componentName)}
                required
                rows={2}
                maxLength={500}
                value={c.name}
                onChange={(e) => update({ ...c, name: e.target.value })}
                error={errors[`${p}.name`]}
              />
              <div className="a-item-grid">
                <TextField
                  id={fieldId(`${p}.code`)}
                  label={t(m.code)}
                  hint={t(m.codeHint)}
                  required
                  className="mono"
                  spellCheck={false}
                  maxLength={40}
                  value={c.code}
                  onChange={(e) => update({ ...c, code: e.target.value })}
                  error={errors[`${p}.code`]}
                />
                <NumberField
                  label={t(m.originals)}
                  path={`${p}.originalCount`}
                  value={c.originalCount}
                  min={0}
                  max={20}
                  required
                  onChange={(originalCount) => update({ ...c, originalCount })}
                  error={errors[`${p}.originalCount`]}
                />
                <NumberField
                  label={t(m.copies)}
                  path={`${p}.copyCount`}
                  value={c.copyCount}
                  min={0}
                  max={20}
                  required
                  onChange={(copyCount) => update({ ...c, copyCount })}
                  error={errors[`${p}.copyCount`]}
                />
                <SelectField
                  id={fieldId(`${p}.reuseSource`)}
                  label={t(m.reuse)}
                  value={c.reuseSource ?? ''}
                  onChange={(e) =>
                    update({
                      ...c,
                      reuseSource:
                        e.target.value === '' ? undefined : (e.target.value as Component['reuseSource']),
                    })
                  }
                  options={(Object.keys(REUSE_LABELS) as NonNullable<Component['reuseSource']>[]).map(
                    (k) => ({
                      value: k,
                      label: t(REUSE_LABELS[k]),
                    }),
                  )}
                  placeholder={t(m.reuseNone)}
                />
              </div>
              <div className="a-checks">
                <Checkbox
                  label={t(m.required)}
                  checked={c.isRequired}
                  onChange={(v) => update({ ...c, isRequired: v })}
                />
                <Checkbox
                  label={t(m.presentOnly)}
                  checked={c.isPresentOnly}
                  onChange={(v) => update({ ...c, isPresentOnly: v })}
                />
                <Checkbox
                  label={t(m.digitise)}
                  checked={c.mustDigitise}
                  onChange={(v) => update({ ...c, mustDigitise: v })}
                />
              </div>
              <div className="a-item-grid">
                <TextField
                  id={fieldId(`${p}.formTemplate.name`)}
                  label={t(m.templateName)}
                  maxLength={300}
                  value={c.formTemplate?.name ?? ''}
                  onChange={(e) =>
                    update({ ...c, formTemplate: templateOf(e.target.value, c.formTemplate?.url ?? '') })
                  }
                  error={errors[`${p}.formTemplate.name`] ?? errors[`${p}.formTemplate`]}
                />
                <TextField
                  id={fieldId(`${p}.formTemplate.url`)}
                  label={t(m.templateUrl)}
                  type="url"
                  maxLength={1000}
                  value={c.formTemplate?.url ?? ''}
                  onChange={(e) =>
                    update({ ...c, formTemplate: templateOf(c.formTemplate?.name ?? '', e.target.value) })
                  }
                  error={errors[`${p}.formTemplate.url`]}
                />
              </div>
              <TextField
                id={fieldId(`${p}.note`)}
                label={t(m.note)}
                maxLength={1000}
                value={c.note ?? ''}
                onChange={(e) => update({ ...c, note: optionalText(e.target.value) })}
                error={errors[`${p}.note`]}
              />
            </li>
          );
        })}
      </ol>
      {items.length < 100 ? (
        <Button
          variant="secondary"
          onClick={() =>
            onChange([
              ...items,
              {
                code: nextCode(
                  'giay-to',
                  items.map((x) => x.code),
                ),
                name: '',
                originalCount: 1,
                copyCount: 0,
                isRequired: true,
                isPresentOnly: false,
                mustDigitise: true,
              },
            ])
          }
        >
          + {t(m.addComponent)}
        </Button>
      ) : null}
    </>
  );
}

function templateOf(name: string, url: string): Component['formTemplate'] {
  if (name.trim() === '' && url.trim() === '') return undefined;
  return url.trim() === '' ? { name } : { name, url };
}

function shorten(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A fresh code for a new list item (`buoc-4`), unique in the list; the admin may rename it. */
function nextCode(prefix: string, taken: readonly string[]): string {
  let n = taken.length + 1;
  while (taken.includes(`${prefix}-${n}`)) n += 1;
  return `${prefix}-${n}`;
}

function StepsWithBudget({
  steps,
  limit,
  path,
  onChange,
  errors,
  units,
  ruleProblems,
  serverProblems,
  isServerCurrent,
  content,
}: {
  steps: Step[];
  limit: DeadlineRule;
  path: string;
  onChange: (steps: Step[]) => void;
  errors: Errors;
  units: readonly Unit[];
  ruleProblems: readonly Problem[];
  serverProblems: readonly Problem[] | undefined;
  isServerCurrent: boolean;
  content: Content;
}) {
  const t = useT();
  return (
    <div className="a-steps-layout">
      <div>
        {errors[path] ? (
          <p className="field-error" id={fieldId(path)} tabIndex={-1}>
            {errors[path]}
          </p>
        ) : null}
        <StepsEditor steps={steps} path={path} onChange={onChange} errors={errors} units={units} />
      </div>
      <BudgetPanel
        steps={steps}
        limit={limit}
        path={path}
        ruleProblems={ruleProblems}
        serverProblems={serverProblems}
        isServerCurrent={isServerCurrent}
        content={content}
        title={t(m.budgetTitle)}
      />
    </div>
  );
}

function StepsEditor({
  steps,
  path,
  onChange,
  errors,
  units,
}: {
  steps: Step[];
  path: string;
  onChange: (steps: Step[]) => void;
  errors: Errors;
  units: readonly Unit[];
}) {
  const t = useT();
  return (
    <>
      {steps.length === 0 ? <p className="muted">{t(m.noSteps)}</p> : null}
      <ol className="a-items">
        {steps.map((s, i) => {
          const p = `${path}.${i}`;
          const name = `${t(m.stepN, { n: i + 1 })}${s.name ? `: ${shorten(s.name)}` : ''}`;
          const update = (next: Step) => onChange(replaceAt(steps, i, next));
          return (
            <li key={i} className="a-item">
              <div className="a-item-head">
                <h3>{name}</h3>
                <ItemControls
                  index={i}
                  count={steps.length}
                  name={name}
                  onMove={(from, to) => onChange(moveItem(steps, from, to))}
                  onRemove={() => onChange(steps.filter((_, j) => j !== i))}
                />
              </div>
              {errors[p] ? <p className="field-error">{errors[p]}</p> : null}
              <TextArea
                id={fieldId(`${p}.name`)}
                label={t(m.stepName)}
                required
                rows={2}
                maxLength={300}
                value={s.name}
                onChange={(e) => update({ ...s, name: e.target.value })}
                error={errors[`${p}.name`]}
              />
              <div className="a-item-grid">
                <TextField
                  id={fieldId(`${p}.code`)}
                  label={t(m.code)}
                  hint={t(m.codeHint)}
                  required
                  className="mono"
                  spellCheck={false}
                  maxLength={40}
                  value={s.code}
                  onChange={(e) => update({ ...s, code: e.target.value })}
                  error={errors[`${p}.code`]}
                />
                <SelectField
                  id={fieldId(`${p}.role`)}
                  label={t(m.role)}
                  value={s.role}
                  onChange={(e) => update({ ...s, role: e.target.value as Step['role'] })}
                  options={OfficerRole.options.map((r) => ({ value: r, label: roleLabel(t, r) }))}
                  error={errors[`${p}.role`]}
                />
                <SelectField
                  id={fieldId(`${p}.unit.kind`)}
                  label={t(m.stepUnit)}
                  value={s.unit.kind}
                  onChange={(e) => {
                    const kind = e.target.value as Step['unit']['kind'];
                    update({
                      ...s,
                      unit: kind === 'fixed' ? { kind, agencyCode: units[0]?.agencyCode ?? '' } : { kind },
                    });
                  }}
                  options={(Object.keys(STEP_UNIT_LABELS) as Step['unit']['kind'][]).map((k) => ({
                    value: k,
                    label: t(STEP_UNIT_LABELS[k]),
                  }))}
                />
                {s.unit.kind === 'fixed' ? (
                  <AgencySelect
                    path={`${p}.unit.agencyCode`}
                    label={t(m.fixedUnit)}
                    value={s.unit.agencyCode}
                    units={units}
                    required
                    onChange={(code) => update({ ...s, unit: { kind: 'fixed', agencyCode: code ?? '' } })}
                    error={errors[`${p}.unit.agencyCode`]}
                  />
                ) : null}
              </div>
              <DeadlineFields
                legend={t(m.budget)}
                rule={s.budget}
                path={`${p}.budget`}
                errors={errors}
                onChange={(budget) => update({ ...s, budget })}
              />
              <TextField
                id={fieldId(`${p}.produces`)}
                label={t(m.produces)}
                maxLength={300}
                value={s.produces ?? ''}
                onChange={(e) => update({ ...s, produces: optionalText(e.target.value) })}
                error={errors[`${p}.produces`]}
              />
            </li>
          );
        })}
      </ol>
      {steps.length < 30 ? (
        <Button
          variant="secondary"
          onClick={() =>
            onChange([
              ...steps,
              {
                code: nextCode(
                  'buoc',
                  steps.map((x) => x.code),
                ),
                name: '',
                role: 'specialist',
                unit: { kind: 'competent_agency' },
                budget: { amount: NaN, unit: 'working-hours' },
              },
            ])
          }
        >
          + {t(m.addStep)}
        </Button>
      ) : null}
    </>
  );
}

/**
 * Live sum of the step budgets against the legal limit, with the domain's own conversion
 * (ruleToWorkingMinutes, 8 h a working day) and rule (validateVersionContent), and the server's
 * verdict on the saved draft.
 */
function BudgetPanel({
  steps,
  limit,
  path,
  ruleProblems,
  serverProblems,
  isServerCurrent,
  content,
  title,
}: {
  steps: readonly Step[];
  limit: DeadlineRule;
  path: string;
  ruleProblems: readonly Problem[];
  serverProblems: readonly Problem[] | undefined;
  isServerCurrent: boolean;
  content: Content;
  title: string;
}) {
  const t = useT();
  const headingId = useId();
  const limitMin = Number.isFinite(limit.amount) ? limitMinutes(limit) : null;
  const hasAllBudgets = steps.every((s) => Number.isFinite(s.budget.amount));
  const sum = hasAllBudgets ? sumStepBudgets(steps.map((s) => s.budget)) : null;
  const isMismatch = (problems: readonly Problem[]) =>
    problems.some((p) => p.code === 'STEP_BUDGETS_MISMATCH' && resolvePath(content, p.path).startsWith(path));
  const liveMismatch = isMismatch(ruleProblems);
  let status: { tone: 'ok' | 'bad' | 'info'; text: string };
  if (!Number.isFinite(limit.amount) || limit.isSameDay || limit.unit === 'calendar-days') {
    status = { tone: 'info', text: t(m.budgetIndicative) };
  } else if (sum === null || limitMin === null) {
    status = { tone: 'bad', text: t(m.budgetIncomplete) };
  } else if (!liveMismatch) {
    status = { tone: 'ok', text: t(m.budgetOk) };
  } else {
    const diff = sum - limitMin;
    status = {
      tone: 'bad',
      text: t(diff < 0 ? m.budgetShort : m.budgetOver, { x: minutesText(t, Math.abs(diff)) }),
    };
  }
  return (
    <aside className="a-budget" aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      <table>
        <caption className="visually-hidden">{title}</caption>
        <tbody>
          {steps.map((s, i) => (
            <tr key={i}>
              <th scope="row" className="a-th">
                {t(m.stepN, { n: i + 1 })}
              </th>
              <td>{ruleText(t, s.budget)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" className="a-th">
              {t(m.budgetSum)}
            </th>
            <td>{sum === null ? '—' : minutesText(t, sum)}</td>
          </tr>
          <tr>
            <th scope="row" className="a-th">
              {t(m.budgetLimit)}
            </th>
            <td>
              {ruleText(t, limit)}
              {limitMin !== null && limit.unit !== 'working-hours' ? (
                <span className="muted a-block">{minutesText(t, limitMin)}</span>
              ) : null}
            </td>
          </tr>
        </tfoot>
      </table>
      <p className={`a-budget-status a-tone-${status.tone}`} role="status">
        <span aria-hidden="true">{status.tone === 'ok' ? '✓ ' : status.tone === 'bad' ? '✗ ' : 'ℹ '}</span>
        {status.text}
      </p>
      {serverProblems ? (
        <p className="muted a-small">
          {isServerCurrent
            ? t(m.budgetServer, { x: t(isMismatch(serverProblems) ? m.serverBad : m.serverOk) })
            : t(m.serverStale)}
        </p>
      ) : null}
    </aside>
  );
}

function VariantsEditor({
  content,
  onChange,
  errors,
  units,
  ruleProblems,
  serverProblems,
  isServerCurrent,
}: {
  content: Content;
  onChange: (variants: Variant[]) => void;
  errors: Errors;
  units: readonly Unit[];
  ruleProblems: readonly Problem[];
  serverProblems: readonly Problem[] | undefined;
  isServerCurrent: boolean;
}) {
  const t = useT();
  const items = content.variants;
  return (
    <>
      <p className="muted">{t(m.variantHint)}</p>
      {items.length === 0 ? <p className="muted">{t(m.noVariants)}</p> : null}
      <ol className="a-items">
        {items.map((v, i) => {
          const p = `variants.${i}`;
          const name = `${t(m.variantN, { n: i + 1 })}${v.name ? `: ${shorten(v.name)}` : ''}`;
          const update = (next: Variant) => onChange(replaceAt(items, i, next));
          return (
            <li key={i} className="a-item a-variant">
              <div className="a-item-head">
                <h3>{name}</h3>
                <ItemControls
                  index={i}
                  count={items.length}
                  name={name}
                  onMove={(from, to) => onChange(moveItem(items, from, to))}
                  onRemove={() => onChange(items.filter((_, j) => j !== i))}
                />
              </div>
              <div className="a-item-grid">
                <TextField
                  id={fieldId(`${p}.code`)}
                  label={t(m.code)}
                  hint={t(m.codeHint)}
                  required
                  className="mono"
                  spellCheck={false}
                  maxLength={40}
                  value={v.code}
                  onChange={(e) => update({ ...v, code: e.target.value })}
                  error={errors[`${p}.code`]}
                />
                <TextField
                  id={fieldId(`${p}.name`)}
                  label={t(m.variantName)}
                  required
                  maxLength={500}
                  value={v.name}
                  onChange={(e) => update({ ...v, name: e.target.value })}
                  error={errors[`${p}.name`]}
                />
              </div>
              <TextArea
                id={fieldId(`${p}.description`)}
                label={t(m.description)}
                rows={2}
                maxLength={2000}
                value={v.description ?? ''}
                onChange={(e) => update({ ...v, description: optionalText(e.target.value) })}
                error={errors[`${p}.description`]}
              />
              <Checkbox
                label={t(m.variantOwnTime)}
                checked={v.processingTime !== undefined}
                onChange={(on) =>
                  update({ ...v, processingTime: on ? { ...content.processingTime } : undefined })
                }
              />
              {v.processingTime ? (
                <DeadlineFields
                  legend={t(m.processingTime)}
                  rule={v.processingTime}
                  path={`${p}.processingTime`}
                  errors={errors}
                  withSameDay
                  onChange={(r) => update({ ...v, processingTime: r })}
                />
              ) : null}
              <Checkbox
                label={t(m.variantOwnComponents)}
                checked={v.components !== undefined}
                onChange={(on) =>
                  update({ ...v, components: on ? content.components.map((c) => ({ ...c })) : undefined })
                }
              />
              {v.components ? (
                <fieldset>
                  <legend>
                    {t(m.components)} — {name}
                  </legend>
                  <ComponentsEditor
                    items={v.components}
                    path={`${p}.components`}
                    onChange={(components) => update({ ...v, components })}
                    errors={errors}
                  />
                </fieldset>
              ) : null}
              <Checkbox
                label={t(m.variantOwnSteps)}
                checked={v.steps !== undefined}
                onChange={(on) =>
                  update({ ...v, steps: on ? content.steps.map((s) => ({ ...s })) : undefined })
                }
              />
              {errors[`${p}.steps`] && !v.steps ? (
                <p className="field-error">{errors[`${p}.steps`]}</p>
              ) : null}
              {v.steps || v.processingTime ? (
                <fieldset>
                  <legend>
                    {t(m.steps)} — {name}
                  </legend>
                  {v.steps ? (
                    <StepsWithBudget
                      steps={v.steps}
                      limit={v.processingTime ?? content.processingTime}
                      path={`${p}.steps`}
                      onChange={(steps) => update({ ...v, steps })}
                      errors={errors}
                      units={units}
                      ruleProblems={ruleProblems}
                      serverProblems={serverProblems}
                      isServerCurrent={isServerCurrent}
                      content={content}
                    />
                  ) : (
                    <BudgetPanel
                      steps={content.steps}
                      limit={v.processingTime ?? content.processingTime}
                      path={`${p}.steps`}
                      ruleProblems={ruleProblems}
                      serverProblems={serverProblems}
                      isServerCurrent={isServerCurrent}
                      content={content}
                      title={t(m.budgetTitle)}
                    />
                  )}
                </fieldset>
              ) : null}
            </li>
          );
        })}
      </ol>
      {items.length < 50 ? (
        <Button
          variant="secondary"
          onClick={() =>
            onChange([
              ...items,
              {
                code: nextCode(
                  'truong-hop',
                  items.map((x) => x.code),
                ),
                name: '',
              },
            ])
          }
        >
          + {t(m.addVariant)}
        </Button>
      ) : null}
    </>
  );
}

function EFormEditor({
  items,
  onChange,
  errors,
}: {
  items: Content['eForm'];
  onChange: (items: Content['eForm']) => void;
  errors: Errors;
}) {
  const t = useT();
  return (
    <>
      {items.length === 0 ? <p className="muted">{t(m.noEForm)}</p> : null}
      <ol className="a-items">
        {items.map((f, i) => {
          const p = `eForm.${i}`;
          const name = `${t(m.eFormN, { n: i + 1 })}${f.label ? `: ${shorten(f.label)}` : ''}`;
          const update = (next: typeof f) => onChange(replaceAt(items, i, next));
          return (
            <li key={i} className="a-item">
              <div className="a-item-head">
                <h3>{name}</h3>
                <ItemControls
                  index={i}
                  count={items.length}
                  name={name}
                  onMove={(from, to) => onChange(moveItem(items, from, to))}
                  onRemove={() => onChange(items.filter((_, j) => j !== i))}
                />
              </div>
              <div className="a-item-grid">
                <TextField
                  id={fieldId(`${p}.key`)}
                  label={t(m.eFormKey)}
                  hint={t(m.eFormKeyHint)}
                  required
                  className="mono"
                  spellCheck={false}
                  maxLength={61}
                  value={f.key}
                  onChange={(e) => update({ ...f, key: e.target.value })}
                  error={errors[`${p}.key`]}
                />
                <TextField
                  id={fieldId(`${p}.label`)}
                  label={t(m.eFormLabel)}
                  required
                  maxLength={300}
                  value={f.label}
                  onChange={(e) => update({ ...f, label: e.target.value })}
                  error={errors[`${p}.label`]}
                />
                <TextField
                  id={fieldId(`${p}.labelEn`)}
                  label={t(m.eFormLabelEn)}
                  lang="en"
                  maxLength={300}
                  value={f.labelEn ?? ''}
                  onChange={(e) => update({ ...f, labelEn: optionalText(e.target.value) })}
                  error={errors[`${p}.labelEn`]}
                />
                <SelectField
                  id={fieldId(`${p}.type`)}
                  label={t(m.eFormType)}
                  value={f.type}
                  onChange={(e) => {
                    const type = e.target.value as typeof f.type;
                    update({ ...f, type, options: type === 'select' ? (f.options ?? []) : undefined });
                  }}
                  options={(Object.keys(EFORM_TYPE_LABELS) as (typeof f.type)[]).map((k) => ({
                    value: k,
                    label: t(EFORM_TYPE_LABELS[k]),
                  }))}
                />
                <NumberField
                  label={t(m.eFormMax)}
                  path={`${p}.maxLength`}
                  value={f.maxLength ?? NaN}
                  min={1}
                  max={10000}
                  onChange={(n) => update({ ...f, maxLength: Number.isNaN(n) ? undefined : n })}
                  error={errors[`${p}.maxLength`]}
                />
              </div>
              <Checkbox
                label={t(m.eFormRequired)}
                checked={f.isRequired}
                onChange={(v) => update({ ...f, isRequired: v })}
              />
              {f.type === 'select' ? (
                <OptionsField
                  path={`${p}.options`}
                  options={f.options ?? []}
                  onChange={(options) => update({ ...f, options })}
                  error={errors[`${p}.options`] ?? firstErrorUnder(errors, `${p}.options.`)}
                />
              ) : null}
              <TextField
                id={fieldId(`${p}.help`)}
                label={t(m.eFormHelp)}
                maxLength={1000}
                value={f.help ?? ''}
                onChange={(e) => update({ ...f, help: optionalText(e.target.value) })}
                error={errors[`${p}.help`]}
              />
            </li>
          );
        })}
      </ol>
      {items.length < 200 ? (
        <Button
          variant="secondary"
          onClick={() =>
            onChange([
              ...items,
              { key: `truong${items.length + 1}`, label: '', type: 'text', isRequired: false },
            ])
          }
        >
          + {t(m.addEForm)}
        </Button>
      ) : null}
    </>
  );
}

function firstErrorUnder(errors: Errors, prefix: string): string | undefined {
  const key = Object.keys(errors).find((k) => k.startsWith(prefix));
  return key ? errors[key] : undefined;
}

type EFormOption = NonNullable<Content['eForm'][number]['options']>[number];

function OptionsField({
  path,
  options,
  onChange,
  error,
}: {
  path: string;
  options: EFormOption[];
  onChange: (options: EFormOption[]) => void;
  error?: string | undefined;
}) {
  const t = useT();
  const [text, setText] = useState(() =>
    options.map((o) => (o.value === o.label ? o.value : `${o.value} | ${o.label}`)).join('\n'),
  );
  return (
    <TextArea
      id={fieldId(path)}
      label={t(m.eFormOptions)}
      rows={4}
      value={text}
      error={error}
      onChange={(e) => {
        setText(e.target.value);
        onChange(
          e.target.value
            .split('\n')
            .map((line) => line.trim())
            .filter((line) => line !== '')
            .map((line) => {
              const [value = '', ...rest] = line.split('|');
              const label = rest.join('|').trim();
              return { value: value.trim(), label: label || value.trim() };
            }),
        );
      }}
    />
  );
}
