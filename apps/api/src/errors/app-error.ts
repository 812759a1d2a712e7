/**
 * One transport-neutral error model (conventions §9). Services throw `AppError` with a stable
 * code; one handler maps codes to HTTP statuses (errors/http-status.ts). The wire format is
 * `{ error: { code, message, details } }`.
 */
export const APP_ERROR_CODES = [
  // generic
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CSRF_REJECTED',
  'CONFLICT',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'INTERNAL',
  'DATABASE_UNAVAILABLE',
  'DATABASE_BUSY',
  // user / auth
  'INVALID_CREDENTIALS',
  'ACCOUNT_DISABLED',
  'USERNAME_TAKEN',
  'APPLICANT_ALREADY_REGISTERED',
  'WEAK_PASSWORD',
  'OFFICER_NOT_FOUND',
  // organisation
  'UNIT_NOT_FOUND',
  'AGENCY_CODE_TAKEN',
  'UNIT_CYCLE',
  // catalog
  'PROCEDURE_NOT_FOUND',
  'PROCEDURE_CODE_TAKEN',
  'VERSION_NOT_FOUND',
  'VERSION_IMMUTABLE',
  'VERSION_INVALID',
  'NO_PUBLISHED_VERSION',
  'VARIANT_NOT_FOUND',
  'CHANNEL_NOT_OFFERED',
  'CATALOG_IMPORT_INVALID',
  // dossier
  'DOSSIER_NOT_FOUND',
  'TRANSITION_NOT_ALLOWED',
  'VERSION_CONFLICT',
  'IDEMPOTENCY_KEY_REUSED',
  'COMPONENT_UNKNOWN',
  'REQUIRED_COMPONENT_MISSING',
  'ASSIGNEE_INVALID',
  'INVALID_DUE_DATE',
  'STEP_UNIT_UNRESOLVED',
  // calendar
  'CALENDAR_INVALID',
  // files and resumable uploads
  'FILE_NOT_FOUND',
  'UPLOAD_NOT_FOUND',
  'UPLOAD_OFFSET_MISMATCH',
  'FILE_STORE_UNAVAILABLE',
  // antivirus (issue 7)
  'FILE_INFECTED',
  'SCANNER_UNAVAILABLE',
  // drafts of online submissions
  'DRAFT_NOT_FOUND',
  // satisfaction ratings
  'RATING_NOT_OPEN',
  'ALREADY_RATED',
  // integrations (issue 5)
  'SIGNATURE_INVALID',
  'INTEGRATION_NOT_CONFIGURED',
  'WEBHOOK_NOT_FOUND',
  // signed results and data reuse (issue 5, ADR 0013)
  'PERSON_NOT_FOUND',
  'INTEGRATION_UNAVAILABLE',
  'DOCUMENT_NOT_REUSABLE',
  // a citizen's own-profile prefill from the population registry (issue 5)
  'POPULATION_NOT_FOUND',
  'POPULATION_REGISTRY_UNAVAILABLE',
] as const;
export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: AppErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
