import { api, ApiError, type Schemas } from '../api/client.ts';
import type { Lang, Text } from '../app/i18n.tsx';

/** Types and calls of the citizen portal (generated types where the server already has them). */
export type ProcedureSummary = Schemas['ProcedureSummary'];
export type ProcedureDetail = Schemas['ProcedureDetail'];
export type ProcedureContent = Schemas['ProcedureVersionContent'];
export type ProcedureField = Schemas['ProcedureField'];
export type Unit = Schemas['Unit'];
export type DueResult = Schemas['DueResult'];
export type Dossier = Schemas['Dossier'];
export type DossierSummary = Schemas['DossierSummary'];
export type FileInfo = Schemas['File'];
export type DeadlineRuleView = ProcedureContent['processingTime'];

/*
 * Routes being added by the backend (drafts, resumable uploads, rating). Typed here until
 * `npm run gen` brings their generated types; switch to ResponseOf<…> then.
 */

/** GET/PUT /api/drafts/{procedureCode}: the wizard state saved on the server (404 DRAFT_NOT_FOUND). */
export interface DraftEnvelope {
  procedureCode: string;
  data: Record<string, unknown>;
  updatedAt: string;
}

/** POST /api/uploads and GET /api/uploads/{id}: a resumable upload session. */
export interface UploadSession {
  id: string;
  offset: number;
  chunkSize: number;
  size?: number;
  fileId?: string | null;
}

/** PUT /api/uploads/{id}?offset=N: the new offset, and the file id once the last chunk arrived. */
export interface UploadChunkResult {
  offset: number;
  fileId?: string | null;
}

/** Satisfaction rating of a settled dossier (returned, refused or stopped), once. */
export interface RatingAspects {
  timeliness?: number;
  attitude?: number;
  clarity?: number;
}
/** POST /api/dossiers/{code}/rating body. */
export interface RatingInput {
  score: number;
  comment?: string;
  aspects?: RatingAspects;
}
/** POST /api/dossiers/{code}/rating answer, and `rating` of the dossier detail. */
export interface RatingView {
  score: number;
  comment: string | null;
  aspects: RatingAspects;
  ratedAt: string;
  channel: 'account' | 'lookup';
}

export const queryKeys = {
  procedures: (params: Record<string, unknown>) => ['procedures', params] as const,
  procedure: (code: string) => ['procedure', code] as const,
  fields: ['procedure-fields'] as const,
  units: ['units'] as const,
  myDossiers: (params: Record<string, unknown>) => ['my-dossiers', params] as const,
  dossier: (code: string) => ['dossier', code] as const,
  draft: (code: string) => ['draft', code] as const,
};

export function fetchUnits(): Promise<Unit[]> {
  return api<Unit[]>('/api/units');
}

export function fetchProcedure(code: string): Promise<ProcedureDetail> {
  return api<ProcedureDetail>(`/api/procedures/${encodeURIComponent(code)}`);
}

/** The saved draft of a procedure, or null when there is none. */
export async function fetchDraft(procedureCode: string): Promise<DraftEnvelope | null> {
  try {
    return await api<DraftEnvelope>(`/api/drafts/${encodeURIComponent(procedureCode)}`);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

export function saveDraft(
  procedureCode: string,
  data: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<unknown> {
  return api(`/api/drafts/${encodeURIComponent(procedureCode)}`, {
    method: 'PUT',
    body: { data },
    ...(signal ? { signal } : {}),
  });
}

export async function deleteDraft(procedureCode: string): Promise<void> {
  try {
    await api(`/api/drafts/${encodeURIComponent(procedureCode)}`, { method: 'DELETE' });
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return;
    throw e;
  }
}

/** URL of a printed form of a dossier (PDF), opened by a normal link (the session cookie goes along). */
export function formUrl(code: string, form: 'receipt' | 'supplement-request' | 'apology'): string {
  return `/api/dossiers/${encodeURIComponent(code)}/forms/${form}`;
}

export function fileUrl(fileId: string): string {
  return `/api/files/${encodeURIComponent(fileId)}`;
}

/** A new random key (Idempotency-Key of a submission): 8-200 of A-Z a-z 0-9 _ . : - */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return `web-${crypto.randomUUID()}`;
  return `web-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/* ------------------------------------------------------------------ errors in plain words */

const ERROR_TEXTS: Record<string, Text> = {
  NETWORK: {
    vi: 'Không kết nối được tới hệ thống. Hãy kiểm tra mạng (wifi, 4G) rồi thử lại.',
    en: 'Cannot reach the service. Check your connection (Wi-Fi, mobile data) and try again.',
  },
  UNAUTHENTICATED: {
    vi: 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.',
    en: 'Your session has ended. Please log in again.',
  },
  FORBIDDEN: { vi: 'Bạn không có quyền thực hiện việc này.', en: 'You are not allowed to do this.' },
  RATE_LIMITED: {
    vi: 'Bạn thao tác quá nhanh. Vui lòng đợi một phút rồi thử lại.',
    en: 'Too many attempts. Please wait a minute and try again.',
  },
  PAYLOAD_TOO_LARGE: { vi: 'Tệp quá lớn.', en: 'The file is too large.' },
  UNSUPPORTED_MEDIA_TYPE: {
    vi: 'Chỉ nhận tệp PDF hoặc ảnh JPEG, PNG.',
    en: 'Only PDF files and JPEG or PNG pictures are accepted.',
  },
  INTERNAL: {
    vi: 'Hệ thống đang gặp sự cố. Vui lòng thử lại sau ít phút hoặc gọi đường dây nóng 1022.',
    en: 'The service has a problem. Please try again in a few minutes or call the hotline 1022.',
  },
  DATABASE_UNAVAILABLE: {
    vi: 'Hệ thống đang bận hoặc bảo trì. Vui lòng thử lại sau ít phút.',
    en: 'The service is busy or under maintenance. Please try again in a few minutes.',
  },
  DATABASE_BUSY: {
    vi: 'Hệ thống đang bận, việc bạn vừa làm chưa được ghi nhận. Vui lòng thử lại sau vài giây.',
    en: 'The service is busy; what you just did was not saved. Please try again in a few seconds.',
  },
  PROCEDURE_NOT_FOUND: { vi: 'Không tìm thấy thủ tục này.', en: 'This procedure was not found.' },
  NO_PUBLISHED_VERSION: {
    vi: 'Thủ tục này hiện chưa được áp dụng.',
    en: 'This procedure is not in force at the moment.',
  },
  VARIANT_NOT_FOUND: {
    vi: 'Trường hợp bạn chọn không còn trong thủ tục. Hãy chọn lại ở bước đầu.',
    en: 'The case you chose is no longer part of the procedure. Please choose again at the first step.',
  },
  CHANNEL_NOT_OFFERED: {
    vi: 'Thủ tục này không nhận hồ sơ trực tuyến.',
    en: 'This procedure cannot be submitted online.',
  },
  DOSSIER_NOT_FOUND: { vi: 'Không tìm thấy hồ sơ.', en: 'Dossier not found.' },
  VERSION_CONFLICT: {
    vi: 'Hồ sơ vừa được cán bộ cập nhật. Trang đã tải lại thông tin mới, vui lòng xem lại rồi thử lại.',
    en: 'An officer has just updated the dossier. The page now shows the latest state; please check and try again.',
  },
  TRANSITION_NOT_ALLOWED: {
    vi: 'Việc này không còn làm được với hồ sơ ở trạng thái hiện tại. Trang đã tải lại thông tin mới.',
    en: 'This is no longer possible in the dossier’s current state. The page now shows the latest state.',
  },
  APPLICANT_ALREADY_REGISTERED: {
    vi: 'Số định danh hoặc mã số thuế này đã có tài khoản. Hãy đăng nhập.',
    en: 'This ID number or tax code already has an account. Please log in.',
  },
  FILE_NOT_FOUND: {
    vi: 'Không tìm thấy tệp đã tải lên. Hãy tải lại tệp.',
    en: 'The uploaded file was not found. Please upload it again.',
  },
  RATING_NOT_OPEN: {
    vi: 'Bạn có thể đánh giá khi hồ sơ đã giải quyết xong.',
    en: 'You can rate the service once the dossier is settled.',
  },
  ALREADY_RATED: {
    vi: 'Bạn đã đánh giá hồ sơ này rồi. Cảm ơn bạn!',
    en: 'You have already rated this dossier. Thank you!',
  },
  UPLOAD_NOT_FOUND: {
    vi: 'Phiên tải tệp đã hết hạn. Hãy bấm “Thử lại” để tải lại từ đầu.',
    en: 'The upload session has expired. Press “Try again” to upload from the start.',
  },
  UNIT_NOT_FOUND: {
    vi: 'Không tìm thấy nơi nhận hồ sơ bạn chọn. Hãy chọn lại.',
    en: 'The office you chose was not found. Please choose again.',
  },
};

/** The part of a bilingual server message ("Tiếng Việt / English") in the current language. */
function pickLanguage(message: string, lang: Lang): string {
  const parts = message.split(' / ');
  if (parts.length === 2) return (lang === 'vi' ? parts[0] : parts[1]) ?? message;
  return message;
}

/** An error of the API (or of the browser) in plain words, in the current language. */
export function plainError(error: unknown, lang: Lang): string {
  if (error instanceof ApiError) {
    if (error.code === 'REQUIRED_COMPONENT_MISSING') {
      const names = (error.details?.['components'] as { name?: string }[] | undefined)
        ?.map((c) => c.name)
        .filter(Boolean)
        .join('; ');
      return lang === 'vi'
        ? `Còn thiếu giấy tờ bắt buộc: ${names ?? ''}. Hãy tải lên rồi nộp lại.`
        : `Required documents are missing: ${names ?? ''}. Please upload them and submit again.`;
    }
    if (error.code === 'IDEMPOTENCY_KEY_REUSED') {
      const code = error.details?.['code'];
      return lang === 'vi'
        ? `Hồ sơ này đã được nộp trước đó${typeof code === 'string' ? ` (mã ${code})` : ''}.`
        : `This dossier was already submitted${typeof code === 'string' ? ` (code ${code})` : ''}.`;
    }
    if (error.code === 'VALIDATION_FAILED') {
      const issues = (error.details?.['issues'] as { path?: string; message?: string }[] | undefined) ?? [];
      const head = lang === 'vi' ? 'Một số thông tin chưa hợp lệ.' : 'Some of the information is not valid.';
      const detail = issues.length
        ? ` ${issues.map((i) => `${i.path ?? ''}: ${i.message ?? ''}`).join('; ')}`
        : error.message && !error.message.startsWith('Invalid')
          ? ` ${pickLanguage(error.message, lang)}`
          : '';
      return head + detail;
    }
    if (error.code === 'WEAK_PASSWORD') return pickLanguage(error.message, lang);
    const known = ERROR_TEXTS[error.code];
    if (known) return known[lang];
    if (error.status >= 500) return (ERROR_TEXTS['INTERNAL'] as Text)[lang];
    return pickLanguage(error.message, lang);
  }
  if (error instanceof DOMException && error.name === 'AbortError') {
    return lang === 'vi' ? 'Đã hủy.' : 'Cancelled.';
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
