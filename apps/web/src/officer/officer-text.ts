import {
  CHANNEL_LABELS,
  DOSSIER_STATUS_LABELS,
  OFFICER_ROLE_LABELS,
  type DossierActionInput,
} from '@motcua/domain';
import { ApiError } from '../api/client.ts';
import type { Text, Translate } from '../app/i18n.tsx';

/** Labels and plain-words error messages of the officer workspace. */

/** A validation issue of the shared zod schemas. */
export type Issue = NonNullable<ReturnType<typeof DossierActionInput.safeParse>['error']>['issues'][number];

export function channelLabel(channel: string): Text {
  return CHANNEL_LABELS[channel as keyof typeof CHANNEL_LABELS] ?? { vi: channel, en: channel };
}

export function statusLabel(status: string): Text {
  return DOSSIER_STATUS_LABELS[status as keyof typeof DOSSIER_STATUS_LABELS] ?? { vi: status, en: status };
}

export function roleLabel(role: string): Text {
  return OFFICER_ROLE_LABELS[role as keyof typeof OFFICER_ROLE_LABELS] ?? { vi: role, en: role };
}

export const RESULT_DELIVERY_LABELS: Record<string, Text> = {
  counter: { vi: 'Nhận tại Bộ phận Một cửa', en: 'Collect at the one-stop section' },
  postal: { vi: 'Gửi qua bưu chính', en: 'By post' },
  online: { vi: 'Nhận trực tuyến', en: 'Online' },
};

export const STEP_OUTCOME_LABELS: Record<string, Text> = {
  forwarded: { vi: 'Đã chuyển bước sau', en: 'Forwarded' },
  returned: { vi: 'Trả lại bước trước', en: 'Returned for rework' },
  approved: { vi: 'Đã phê duyệt', en: 'Approved' },
  issued: { vi: 'Đã ban hành kết quả', en: 'Result issued' },
  delivered: { vi: 'Đã trả kết quả', en: 'Result delivered' },
  interrupted: { vi: 'Dừng giữa chừng', en: 'Interrupted' },
};

export const TIMELINESS_LABELS: Record<string, Text> = {
  early: { vi: 'Trước hạn', en: 'Early' },
  on_time: { vi: 'Đúng hạn', en: 'On time' },
  late: { vi: 'Trễ hạn', en: 'Late' },
};

const REASON_TEXT: Record<string, Text> = {
  ACTION_NOT_ALLOWED_IN_STATUS: {
    vi: 'Thao tác này không thực hiện được ở trạng thái hiện tại của hồ sơ.',
    en: 'This action is not possible in the dossier’s current status.',
  },
  ROLE_NOT_ALLOWED: {
    vi: 'Vai trò của bạn không được thực hiện thao tác này trên hồ sơ này.',
    en: 'Your roles do not allow this action on this dossier.',
  },
  NOT_ASSIGNEE: {
    vi: 'Bước này đã được giao cho cán bộ khác.',
    en: 'This step is assigned to another officer.',
  },
  SUPPLEMENT_ALREADY_REQUESTED: {
    vi: 'Hồ sơ đã được yêu cầu bổ sung một lần. Theo quy định chỉ được yêu cầu một lần.',
    en: 'A supplement was already requested once; the rules allow only one request.',
  },
  EXTENSION_ALREADY_USED: {
    vi: 'Hồ sơ đã được hẹn lại ngày trả một lần. Theo quy định chỉ được hẹn lại một lần.',
    en: 'The return date was already rescheduled once; the rules allow it only once.',
  },
  APOLOGY_TOO_LATE: {
    vi: 'Đã quá thời điểm gửi văn bản xin lỗi: phải gửi chậm nhất 01 ngày làm việc trước hạn trả kết quả.',
    en: 'Too late for an apology letter: it must be sent at least one working day before the due date.',
  },
  NOT_APPROVED: {
    vi: 'Kết quả phải được lãnh đạo phê duyệt trước khi ban hành.',
    en: 'The result must be approved before it is issued.',
  },
  ALREADY_APPROVED: {
    vi: 'Kết quả đã được phê duyệt; bước tiếp theo là ban hành kết quả.',
    en: 'The result is already approved; the next action is to issue it.',
  },
  NO_NEXT_STEP: { vi: 'Đây là bước cuối của quy trình.', en: 'This is the last step of the process.' },
  NO_PREVIOUS_STEP: { vi: 'Đây là bước đầu của quy trình.', en: 'This is the first step of the process.' },
  STEP_NEEDS_APPROVAL: {
    vi: 'Bước của lãnh đạo kết thúc bằng thao tác phê duyệt.',
    en: 'The leader step ends with an approval.',
  },
  NOT_AN_APPROVAL_STEP: {
    vi: 'Bước hiện tại không phải bước phê duyệt.',
    en: 'The current step is not an approval step.',
  },
};

const CODE_TEXT: Record<string, Text> = {
  DOSSIER_NOT_FOUND: {
    vi: 'Không tìm thấy hồ sơ, hoặc bạn không có quyền xem hồ sơ này.',
    en: 'Dossier not found, or you may not see it.',
  },
  ASSIGNEE_INVALID: {
    vi: 'Cán bộ được chọn không giữ vai trò phù hợp với bước này.',
    en: 'The chosen officer does not hold the role this step needs.',
  },
  IDEMPOTENCY_KEY_REUSED: {
    vi: 'Yêu cầu này đã được gửi với nội dung khác. Hãy tải lại trang và kiểm tra hồ sơ vừa tạo.',
    en: 'This request was already sent with different content. Reload and check the dossier just created.',
  },
  COMPONENT_UNKNOWN: {
    vi: 'Có thành phần hồ sơ không thuộc thủ tục này.',
    en: 'A component is not part of this procedure.',
  },
  PAYLOAD_TOO_LARGE: { vi: 'Tệp quá lớn.', en: 'The file is too large.' },
  UNSUPPORTED_MEDIA_TYPE: {
    vi: 'Chỉ nhận tệp PDF, JPG hoặc PNG.',
    en: 'Only PDF, JPEG or PNG files are accepted.',
  },
  UNAUTHENTICATED: {
    vi: 'Phiên đăng nhập đã hết. Vui lòng đăng nhập lại.',
    en: 'Your session has ended. Please log in again.',
  },
  NO_PUBLISHED_VERSION: {
    vi: 'Thủ tục chưa có phiên bản đang có hiệu lực.',
    en: 'The procedure has no version in force.',
  },
  CHANNEL_NOT_OFFERED: {
    vi: 'Thủ tục không nhận hồ sơ qua kênh này.',
    en: 'The procedure is not offered on this channel.',
  },
  VARIANT_NOT_FOUND: { vi: 'Trường hợp đã chọn không thuộc thủ tục.', en: 'Unknown variant.' },
  STEP_UNIT_UNRESOLVED: {
    vi: 'Không xác định được đơn vị xử lý theo quy trình của thủ tục. Báo quản trị viên.',
    en: 'The unit of a process step cannot be found. Tell an administrator.',
  },
  NETWORK: {
    vi: 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.',
    en: 'Cannot reach the server. Check the network and try again.',
  },
};

/**
 * An API error in plain words for officers. `statusText` names the dossier's current status for
 * version conflicts.
 */
export function problemText(
  t: Translate,
  error: unknown,
  format?: { dateTime: (iso: string) => string },
): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const details = error.details ?? {};
  const reason = typeof details.reason === 'string' ? details.reason : undefined;
  switch (error.code) {
    case 'VERSION_CONFLICT': {
      const status = typeof details.currentStatus === 'string' ? t(statusLabel(details.currentStatus)) : '';
      return t(
        {
          vi: 'Người khác vừa thay đổi hồ sơ này. Trạng thái hiện tại: {status}. Trang đã được tải lại; hãy xem lại trước khi thao tác.',
          en: 'Someone else changed this dossier. Current status: {status}. The page was reloaded; check it before acting again.',
        },
        { status: status || '—' },
      );
    }
    case 'INVALID_DUE_DATE': {
      const dueAt = typeof details.dueAt === 'string' ? details.dueAt : null;
      return t(
        {
          vi: 'Ngày hẹn trả mới phải sau ngày hẹn trả hiện tại ({due}).',
          en: 'The new return date must be after the current due date ({due}).',
        },
        { due: dueAt && format ? format.dateTime(dueAt) : (dueAt ?? '—') },
      );
    }
    case 'REQUIRED_COMPONENT_MISSING': {
      const list = Array.isArray(details.components)
        ? (details.components as { name?: string }[]).map((c) => c.name ?? '').filter(Boolean)
        : [];
      return t(
        {
          vi: 'Còn thiếu thành phần hồ sơ bắt buộc: {list}.',
          en: 'Required components are missing: {list}.',
        },
        { list: list.join('; ') || '—' },
      );
    }
    case 'TRANSITION_NOT_ALLOWED':
    case 'FORBIDDEN':
      if (reason && REASON_TEXT[reason]) return t(REASON_TEXT[reason]);
      return error.code === 'FORBIDDEN'
        ? t({ vi: 'Bạn không có quyền thực hiện việc này.', en: 'You may not do this.' }) +
            (error.message ? ` (${error.message})` : '')
        : error.message;
    default: {
      const text = CODE_TEXT[error.code];
      return text ? t(text) : error.message;
    }
  }
}

const FIELD_FORMAT_TEXT: Record<string, Text> = {
  idNumber: {
    vi: 'Số định danh gồm 12 chữ số (CCCD) hoặc 9 chữ số (CMND cũ).',
    en: 'ID number: 12 digits (citizen ID) or 9 digits (old ID card).',
  },
  receiverIdNumber: {
    vi: 'Số định danh gồm 12 chữ số (CCCD) hoặc 9 chữ số (CMND cũ).',
    en: 'ID number: 12 digits (citizen ID) or 9 digits (old ID card).',
  },
  taxCode: {
    vi: 'Mã số thuế gồm 10 chữ số, hoặc 10 chữ số-3 chữ số cho chi nhánh.',
    en: 'Tax code: 10 digits, or 10-3 digits for a branch.',
  },
  phone: {
    vi: 'Số điện thoại gồm 10 chữ số bắt đầu bằng 0, hoặc bắt đầu bằng +84.',
    en: 'Phone: 10 digits starting with 0, or starting with +84.',
  },
  email: { vi: 'Địa chỉ email chưa đúng.', en: 'The e-mail address is not valid.' },
  newDueAt: { vi: 'Chọn ngày và giờ hẹn trả mới.', en: 'Choose the new return date and time.' },
  dateOfBirth: { vi: 'Ngày sinh chưa đúng.', en: 'Invalid date of birth.' },
  assigneeId: { vi: 'Chọn một cán bộ.', en: 'Choose an officer.' },
  amount: { vi: 'Nhập số tiền bằng chữ số, ví dụ 500000.', en: 'Enter the amount in digits, e.g. 500000.' },
  respondWithinDays: { vi: 'Nhập số ngày từ 1 đến 90.', en: 'Enter a number of days from 1 to 90.' },
  originalCount: { vi: 'Nhập số từ 0 đến 20.', en: 'Enter a number from 0 to 20.' },
  copyCount: { vi: 'Nhập số từ 0 đến 20.', en: 'Enter a number from 0 to 20.' },
};

/** A zod issue in plain words, next to its field. */
export function issueText(t: Translate, issue: Issue): string {
  const field = String(issue.path[issue.path.length - 1] ?? '');
  switch (issue.code) {
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string')
        return min <= 1
          ? t({ vi: 'Vui lòng nhập thông tin này.', en: 'Please fill this in.' })
          : t({ vi: 'Nhập ít nhất {n} ký tự.', en: 'Enter at least {n} characters.' }, { n: min });
      if (issue.origin === 'array')
        return t({ vi: 'Chọn ít nhất {n} mục.', en: 'Choose at least {n} items.' }, { n: min });
      return t({ vi: 'Giá trị nhỏ nhất là {n}.', en: 'The smallest value is {n}.' }, { n: min });
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string')
        return t({ vi: 'Nhập tối đa {n} ký tự.', en: 'Enter at most {n} characters.' }, { n: max });
      return t({ vi: 'Giá trị lớn nhất là {n}.', en: 'The largest value is {n}.' }, { n: max });
    }
    case 'invalid_type':
      if (FIELD_FORMAT_TEXT[field]) return t(FIELD_FORMAT_TEXT[field]);
      return t({ vi: 'Vui lòng nhập thông tin này.', en: 'Please fill this in.' });
    case 'invalid_format':
    case 'invalid_value':
    case 'custom':
      if (issue.code === 'custom' && field === 'idNumber')
        return t({
          vi: 'Công dân cần số định danh; tổ chức cần mã số thuế.',
          en: 'A citizen needs an ID number; an organisation needs a tax code.',
        });
      if (FIELD_FORMAT_TEXT[field]) return t(FIELD_FORMAT_TEXT[field]);
      return t({ vi: 'Giá trị chưa đúng.', en: 'Invalid value.' });
    case 'invalid_element':
    case 'invalid_key':
    case 'invalid_union':
    case 'not_multiple_of':
    case 'unrecognized_keys':
      return issue.message;
  }
}

/** Field errors keyed by the issue path joined with dots (`items.0.reason`). */
export type FieldErrors = Record<string, string>;

export function fieldErrors(t: Translate, issues: readonly Issue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.');
    if (!(key in errors)) errors[key] = issueText(t, issue);
  }
  return errors;
}

/** The label of a code in a label map, or the code itself when the map does not know it. */
export function labelText(t: Translate, map: Record<string, Text>, key: string | null | undefined): string {
  if (!key) return '';
  const text = map[key];
  return text ? t(text) : key;
}
