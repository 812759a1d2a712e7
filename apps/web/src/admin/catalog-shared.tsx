import {
  CHANNEL_LABELS,
  WORKING_HOURS_PER_DAY,
  ruleToWorkingMinutes,
  type Channel,
  type ProcedureVersionContent,
} from '@motcua/domain';
import { useEffect, useId, useState, type ReactNode } from 'react';
import type { Translate, Text } from '../app/i18n.tsx';
import { useT } from '../app/i18n.tsx';
import { paths } from '../app/paths.ts';
import { Button, SelectField, TextField } from '../ui/ui.tsx';

/** Labels, paths and small inputs shared by the catalog pages (list, view, draft editor). */

/** The admin's page for a new procedure (not in paths.ts: only reached from the catalog page). */
export const NEW_PROCEDURE_PATH = `${paths.adminCatalog}/moi`;

export type Content = ProcedureVersionContent;
export type DeadlineRule = Content['processingTime'];
export type Step = Content['steps'][number];
export type Component = Content['components'][number];
export type Variant = Content['variants'][number];

export const LEVEL_LABELS: Record<Content['level'], Text> = {
  province: { vi: 'Cấp tỉnh', en: 'Provincial' },
  commune: { vi: 'Cấp xã', en: 'Commune' },
  central: { vi: 'Cấp trung ương', en: 'Central' },
};

export const APPLICANT_LABELS: Record<Content['applicantTypes'][number], Text> = {
  citizen: { vi: 'Công dân Việt Nam', en: 'Vietnamese citizen' },
  enterprise: { vi: 'Doanh nghiệp', en: 'Enterprise' },
  organisation: { vi: 'Tổ chức', en: 'Organisation' },
  overseas_vietnamese: { vi: 'Người Việt Nam định cư ở nước ngoài', en: 'Overseas Vietnamese' },
  foreigner: { vi: 'Người nước ngoài', en: 'Foreigner' },
};

export const DURATION_LABELS: Record<DeadlineRule['unit'], Text> = {
  'working-days': { vi: 'ngày làm việc', en: 'working days' },
  'working-hours': { vi: 'giờ làm việc', en: 'working hours' },
  'calendar-days': { vi: 'ngày (kể cả ngày nghỉ)', en: 'calendar days' },
};

export const ONLINE_LEVEL_LABELS: Record<Content['onlineServiceLevel'], Text> = {
  full: { vi: 'Toàn trình', en: 'Fully online' },
  partial: { vi: 'Một phần', en: 'Partly online' },
  none: { vi: 'Không trực tuyến', en: 'Not online' },
};

export const SUPPLEMENT_LABELS: Record<Content['supplementMode'], Text> = {
  pause: {
    vi: 'Tạm dừng: thời gian chờ bổ sung không tính, hạn được lùi tương ứng',
    en: 'Pause: the waiting time is not counted and the due date moves by it',
  },
  restart: {
    vi: 'Tính lại từ đầu: khi nhận đủ hồ sơ bổ sung, thời hạn tính lại toàn bộ',
    en: 'Restart: when the supplement arrives, the full time limit counts again',
  },
};

export const FEE_COLLECTION_LABELS: Record<Content['feeCollection'], Text> = {
  before: { vi: 'Thu khi nộp hồ sơ', en: 'Collected on submission' },
  after: { vi: 'Thu khi trả kết quả', en: 'Collected on return' },
  none: { vi: 'Không thu phí, lệ phí', en: 'No fees' },
};

export const FEE_KIND_LABELS: Record<'fee' | 'charge', Text> = {
  fee: { vi: 'Phí', en: 'Fee' },
  charge: { vi: 'Lệ phí', en: 'Charge' },
};

export const RESULT_TYPE_LABELS: Record<Content['result']['type'], Text> = {
  decision: { vi: 'Quyết định', en: 'Decision' },
  certificate: { vi: 'Giấy chứng nhận', en: 'Certificate' },
  license: { vi: 'Giấy phép', en: 'Licence' },
  extract: { vi: 'Trích lục, bản sao', en: 'Extract' },
  notice: { vi: 'Thông báo, văn bản trả lời', en: 'Notice' },
  other: { vi: 'Khác', en: 'Other' },
};

export const STEP_UNIT_LABELS: Record<Step['unit']['kind'], Text> = {
  receiving_unit: { vi: 'Bộ phận tiếp nhận hồ sơ', en: 'The receiving unit' },
  competent_agency: { vi: 'Cơ quan có thẩm quyền', en: 'The competent agency' },
  fixed: { vi: 'Một đơn vị cố định', en: 'A fixed unit' },
};

export const EFORM_TYPE_LABELS: Record<Content['eForm'][number]['type'], Text> = {
  text: { vi: 'Chữ một dòng', en: 'One-line text' },
  textarea: { vi: 'Đoạn văn', en: 'Paragraph' },
  number: { vi: 'Số', en: 'Number' },
  date: { vi: 'Ngày', en: 'Date' },
  select: { vi: 'Chọn trong danh sách', en: 'Choice list' },
  id_number: { vi: 'Số định danh cá nhân', en: 'ID number' },
  phone: { vi: 'Số điện thoại', en: 'Phone' },
  email: { vi: 'Thư điện tử', en: 'Email' },
  address: { vi: 'Địa chỉ', en: 'Address' },
};

export const REUSE_LABELS: Record<NonNullable<Component['reuseSource']>, Text> = {
  population_db: { vi: 'Cơ sở dữ liệu quốc gia về dân cư', en: 'National population database' },
  personal_store: { vi: 'Kho dữ liệu cá nhân của người dân', en: 'The applicant’s personal data store' },
};

export function channelLabel(t: Translate, channel: Channel): string {
  return t(CHANNEL_LABELS[channel]);
}

export function ruleText(t: Translate, rule: DeadlineRule | undefined): string {
  if (!rule) return '—';
  if (rule.isSameDay) return t({ vi: 'Trong ngày', en: 'Same day' });
  return `${formatAmount(rule.amount)} ${t(DURATION_LABELS[rule.unit])}`;
}

export function formatAmount(n: number): string {
  if (!Number.isFinite(n)) return '?';
  return String(Math.round(n * 100) / 100).replace('.', ',');
}

/** Working minutes as "76 giờ (9,5 ngày)". */
export function minutesText(t: Translate, minutes: number): string {
  const hours = minutes / 60;
  const days = hours / WORKING_HOURS_PER_DAY;
  return t(
    { vi: '{h} giờ ({d} ngày làm việc)', en: '{h} h ({d} working days)' },
    { h: formatAmount(hours), d: formatAmount(days) },
  );
}

export { ruleToWorkingMinutes };

/** DOM id of the input editing a content path (`steps.0.name` → `f-steps-0-name`). */
export function fieldId(path: string): string {
  return `f-${path.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
}

/** Moves focus (and scroll) to the input of a path, if it is on the page. */
export function focusField(path: string): boolean {
  const el = document.getElementById(fieldId(path));
  if (!el) return false;
  el.scrollIntoView({ block: 'center' });
  el.focus({ preventScroll: true });
  return true;
}

/**
 * Rewrites a problem path from the server or the domain rules (relative to the content, where
 * list items may be named by their code: `steps.tham-dinh`, `variants.cap-lai.steps`) into index
 * paths (`steps.1`, `variants.0.steps`) that name the inputs.
 */
export function resolvePath(content: unknown, path: string): string {
  const parts = path.split('.').filter((p) => p !== '');
  if (parts[0] === 'content') parts.shift();
  let cursor: unknown = content;
  const out: string[] = [];
  for (const part of parts) {
    if (Array.isArray(cursor)) {
      let index = /^\d+$/.test(part) ? Number(part) : -1;
      if (index < 0) {
        index = cursor.findIndex((item: unknown) => {
          const rec = item as { code?: unknown; key?: unknown } | null;
          return rec?.code === part || rec?.key === part;
        });
      }
      if (index < 0) {
        out.push(part);
        cursor = undefined;
        continue;
      }
      out.push(String(index));
      cursor = cursor[index];
    } else {
      out.push(part);
      cursor =
        cursor !== null && typeof cursor === 'object' ? (cursor as Record<string, unknown>)[part] : undefined;
    }
  }
  return out.join('.');
}

interface ZodIssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
  expected?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  format?: string;
  input?: unknown;
}

/** A zod issue in plain words (the schema's own messages are English and technical). */
export function zodIssueText(t: Translate, issue: ZodIssueLike): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'number') return t({ vi: 'Nhập một số.', en: 'Enter a number.' });
      return t({ vi: 'Cần nhập.', en: 'Required.' });
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1
          ? t({ vi: 'Cần nhập.', en: 'Required.' })
          : t({ vi: 'Cần ít nhất {n} ký tự.', en: 'At least {n} characters.' }, { n: Number(issue.minimum) });
      if (issue.origin === 'array')
        return t(
          { vi: 'Cần ít nhất {n} mục.', en: 'At least {n} item(s) needed.' },
          { n: Number(issue.minimum) },
        );
      return t({ vi: 'Số nhỏ nhất là {n}.', en: 'The smallest value is {n}.' }, { n: Number(issue.minimum) });
    case 'too_big':
      if (issue.origin === 'string')
        return t({ vi: 'Tối đa {n} ký tự.', en: 'At most {n} characters.' }, { n: Number(issue.maximum) });
      if (issue.origin === 'array')
        return t({ vi: 'Tối đa {n} mục.', en: 'At most {n} items.' }, { n: Number(issue.maximum) });
      return t({ vi: 'Số lớn nhất là {n}.', en: 'The largest value is {n}.' }, { n: Number(issue.maximum) });
    case 'invalid_format':
      if (issue.format === 'url')
        return t({ vi: 'Địa chỉ web bắt đầu bằng https://', en: 'A web address starting with https://' });
      if (/Procedure code/.test(issue.message))
        return t({
          vi: 'Mã thủ tục dạng 1.001612 hoặc 1.000948.H38.',
          en: 'A code like 1.001612 or 1.000948.H38.',
        });
      if (/Agency code/.test(issue.message))
        return t({ vi: 'Mã định danh dạng 000.00.06.H56.', en: 'An agency code like 000.00.06.H56.' });
      return t({
        vi: 'Chỉ dùng chữ không dấu, số, dấu gạch ngang (-) hoặc gạch dưới (_), không có dấu cách.',
        en: 'Use only letters without accents, digits, hyphen (-) or underscore (_), no spaces.',
      });
    case 'invalid_value':
      return t({ vi: 'Chọn một giá trị trong danh sách.', en: 'Choose a value from the list.' });
    case 'custom':
      if (/date/i.test(issue.message)) return t({ vi: 'Chọn một ngày hợp lệ.', en: 'Choose a valid date.' });
      return issue.message;
    case 'unrecognized_keys':
      return t({ vi: 'Có trường không được hỗ trợ.', en: 'Contains an unsupported field.' });
    default:
      return issue.message;
  }
}

export interface Problem {
  path: string;
  code: string;
  message: string;
}

/** A publication problem (domain rules or the server) in plain words; falls back to its message. */
export function problemText(t: Translate, p: Problem): string {
  const quoted = /"([^"]+)"/.exec(p.message)?.[1];
  switch (p.code) {
    case 'STEP_BUDGETS_MISMATCH':
      if (/must have a budget/.test(p.message))
        return t({
          vi: 'Thời gian của bước phải tính bằng ngày làm việc hoặc giờ làm việc.',
          en: 'The step’s time budget must be in working days or working hours.',
        });
      return t({
        vi: 'Tổng thời gian các bước không bằng thời hạn giải quyết.',
        en: 'The step time budgets do not add up to the legal time limit.',
      });
    case 'DUPLICATE_CODE':
      return t(
        { vi: 'Mã “{code}” bị dùng hai lần.', en: 'Code “{code}” is used twice.' },
        { code: quoted ?? '' },
      );
    case 'DUPLICATE_CHANNEL':
      return t({ vi: 'Một kênh thực hiện được khai hai lần.', en: 'A channel is listed twice.' });
    case 'COMPETENT_AGENCY_REQUIRED':
      return t({
        vi: 'Thủ tục cấp tỉnh, trung ương phải ghi cơ quan có thẩm quyền.',
        en: 'Provincial and central procedures name their competent agency.',
      });
    case 'COMPETENT_AGENCY_NOT_ALLOWED':
      return t({
        vi: 'Thủ tục cấp xã không ghi cơ quan có thẩm quyền: UBND xã tiếp nhận hồ sơ là cơ quan giải quyết.',
        en: 'Commune procedures name no competent agency: the receiving commune settles them.',
      });
    case 'ONLINE_LEVEL_MISMATCH':
      return t({
        vi: 'Có kênh trực tuyến thì phải chọn mức độ trực tuyến (toàn trình hoặc một phần), và ngược lại.',
        en: 'An online channel needs an online service level (full or partial), and the reverse.',
      });
    case 'APPROVAL_STEP_MISSING':
      return t({
        vi: 'Quy trình cần một bước phê duyệt của lãnh đạo cơ quan.',
        en: 'The process needs a leader approval step.',
      });
    case 'UNIT_NOT_FOUND':
      return t({ vi: 'Không có đơn vị nào mang mã định danh này.', en: 'No unit has this agency code.' });
    case 'UNIT_CLOSED':
      return t({
        vi: 'Đơn vị này đã ngừng hoạt động trước ngày phiên bản có hiệu lực.',
        en: 'This unit closed before the version takes effect.',
      });
    case 'EFFECTIVE_FROM_IN_PAST':
      return t({
        vi: 'Phiên bản mới không thể có hiệu lực trước hôm nay.',
        en: 'A new version cannot take effect before today.',
      });
    case 'EFFECTIVE_FROM_NOT_AFTER_PREVIOUS': {
      const date = /after (\d{4}-\d{2}-\d{2})/.exec(p.message)?.[1];
      return t(
        {
          vi: 'Ngày hiệu lực phải sau ngày hiệu lực của phiên bản đã công bố gần nhất ({date}).',
          en: 'The effective date must be after that of the latest published version ({date}).',
        },
        { date: date ? date.split('-').reverse().join('/') : '' },
      );
    }
    default:
      return p.message;
  }
}

/** A number input that keeps what the user types; invalid or empty input becomes NaN. */
export function NumberField({
  label,
  value,
  onChange,
  path,
  error,
  min,
  max,
  step,
  hint,
  required,
  disabled,
}: {
  label: string;
  value: number;
  onChange: (value: number) => void;
  path: string;
  error?: string | undefined;
  min?: number;
  max?: number;
  step?: string;
  hint?: string;
  required?: boolean;
  disabled?: boolean;
}) {
  const [text, setText] = useState(Number.isFinite(value) ? String(value) : '');
  useEffect(() => {
    setText((current) => {
      const parsed = current.trim() === '' ? NaN : Number(current.replace(',', '.'));
      if (Object.is(parsed, value) || (Number.isNaN(parsed) && Number.isNaN(value))) return current;
      return Number.isFinite(value) ? String(value) : '';
    });
  }, [value]);
  return (
    <TextField
      id={fieldId(path)}
      label={label}
      hint={hint}
      type="text"
      inputMode="decimal"
      autoComplete="off"
      value={text}
      min={min}
      max={max}
      step={step}
      required={required}
      disabled={disabled}
      error={error}
      onChange={(e) => {
        setText(e.target.value);
        const raw = e.target.value.trim().replace(',', '.');
        onChange(raw === '' ? NaN : Number(raw));
      }}
    />
  );
}

/** Amount + unit of a time limit or budget (the same shape everywhere in the catalog). */
export function DeadlineFields({
  legend,
  rule,
  onChange,
  path,
  errors,
  withSameDay = false,
  hint,
}: {
  legend: string;
  rule: DeadlineRule;
  onChange: (rule: DeadlineRule) => void;
  path: string;
  errors: Record<string, string>;
  withSameDay?: boolean;
  hint?: ReactNode;
}) {
  const t = useT();
  const sameDayId = useId();
  const endOfDayId = useId();
  return (
    <fieldset className="a-deadline">
      <legend>{legend}</legend>
      {hint ? <p className="muted a-small">{hint}</p> : null}
      <div className="a-deadline-row">
        <NumberField
          label={t({ vi: 'Số lượng', en: 'Amount' })}
          value={rule.amount}
          path={`${path}.amount`}
          min={0}
          max={3650}
          step="0.5"
          required
          disabled={rule.isSameDay === true}
          error={errors[`${path}.amount`] ?? errors[path]}
          onChange={(amount) => onChange({ ...rule, amount })}
        />
        <SelectField
          id={fieldId(`${path}.unit`)}
          label={t({ vi: 'Đơn vị', en: 'Unit' })}
          value={rule.unit}
          disabled={rule.isSameDay === true}
          error={errors[`${path}.unit`]}
          onChange={(e) => onChange({ ...rule, unit: e.target.value as DeadlineRule['unit'] })}
          options={(Object.keys(DURATION_LABELS) as DeadlineRule['unit'][]).map((u) => ({
            value: u,
            label: t(DURATION_LABELS[u]),
          }))}
        />
      </div>
      {withSameDay ? (
        <div className="row">
          <div className="checkbox">
            <input
              id={sameDayId}
              type="checkbox"
              checked={rule.isSameDay === true}
              onChange={(e) => {
                const { isSameDay: _drop, ...rest } = rule;
                onChange(e.target.checked ? { ...rest, isSameDay: true } : rest);
              }}
            />
            <label htmlFor={sameDayId}>
              {t({ vi: 'Giải quyết trong ngày', en: 'Settled the same day' })}
            </label>
          </div>
          <div className="checkbox">
            <input
              id={endOfDayId}
              type="checkbox"
              checked={rule.isDueAtEndOfDay === true}
              onChange={(e) => {
                const { isDueAtEndOfDay: _drop, ...rest } = rule;
                onChange(e.target.checked ? { ...rest, isDueAtEndOfDay: true } : rest);
              }}
            />
            <label htmlFor={endOfDayId}>
              {t({
                vi: 'Hẹn trả vào cuối giờ làm việc của ngày hết hạn',
                en: 'Due at closing time of the last day',
              })}
            </label>
          </div>
        </div>
      ) : null}
    </fieldset>
  );
}

/** Up / down / remove buttons of one item of a list editor. */
export function ItemControls({
  index,
  count,
  name,
  onMove,
  onRemove,
}: {
  index: number;
  count: number;
  name: string;
  onMove: (from: number, to: number) => void;
  onRemove: () => void;
}) {
  const t = useT();
  return (
    <div className="row a-tight a-item-controls">
      <Button
        variant="secondary"
        disabled={index === 0}
        aria-label={t({ vi: 'Chuyển lên: {name}', en: 'Move up: {name}' }, { name })}
        onClick={() => onMove(index, index - 1)}
      >
        <span aria-hidden="true">↑</span>
      </Button>
      <Button
        variant="secondary"
        disabled={index === count - 1}
        aria-label={t({ vi: 'Chuyển xuống: {name}', en: 'Move down: {name}' }, { name })}
        onClick={() => onMove(index, index + 1)}
      >
        <span aria-hidden="true">↓</span>
      </Button>
      <Button
        variant="danger"
        aria-label={t({ vi: 'Xóa: {name}', en: 'Remove: {name}' }, { name })}
        onClick={onRemove}
      >
        {t({ vi: 'Xóa', en: 'Remove' })}
      </Button>
    </div>
  );
}

export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length) return [...list];
  const next = [...list];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}

export function replaceAt<T>(list: readonly T[], index: number, item: T): T[] {
  return list.map((x, i) => (i === index ? item : x));
}

/** Empty optional text → the key is left out of the content. */
export function optionalText(value: string): string | undefined {
  return value.trim() === '' ? undefined : value;
}

/** The working minutes of a time limit, or null for calendar days / same day. */
export function limitMinutes(rule: DeadlineRule): number | null {
  return ruleToWorkingMinutes(rule);
}

/** "v3 · Bản nháp" style status of a version. */
export function versionStatusText(
  t: Translate,
  v: { status: string; effectiveFrom: string; effectiveTo: string | null },
  today: string,
): { label: string; tone: 'draft' | 'current' | 'future' | 'past' } {
  if (v.status === 'draft') return { label: t({ vi: 'Bản nháp', en: 'Draft' }), tone: 'draft' };
  if (v.effectiveFrom > today)
    return { label: t({ vi: 'Sắp có hiệu lực', en: 'Takes effect later' }), tone: 'future' };
  if (v.effectiveTo !== null && v.effectiveTo < today)
    return { label: t({ vi: 'Hết hiệu lực', en: 'No longer in force' }), tone: 'past' };
  return { label: t({ vi: 'Đang hiệu lực', en: 'In force' }), tone: 'current' };
}
