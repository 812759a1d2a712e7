import { z } from 'zod';

/**
 * Dossier statuses. Each maps to one code of the national sync vocabulary (domain.md §1.2), so a
 * state change can be sent to the national portal without translation tables elsewhere.
 */
export const DossierStatus = z.enum([
  'submitted', // 1 Mới đăng ký
  'received', // 2 Được tiếp nhận
  'refused', // 3 Không được tiếp nhận
  'processing', // 4 Đang xử lý
  'awaiting_supplement', // 5 Yêu cầu bổ sung giấy tờ
  'awaiting_obligation', // 6 Yêu cầu thực hiện nghĩa vụ tài chính
  'withdrawal_requested', // 7 Công dân yêu cầu rút hồ sơ
  'stopped', // 8 Dừng xử lý
  'result_ready', // 9 Đã xử lý xong
  'returned', // 10 Đã trả kết quả
]);
export type DossierStatus = z.infer<typeof DossierStatus>;

/** Open in a work queue: every status but the final ones (refused, stopped, returned). */
export const OPEN_DOSSIER_STATUSES = DossierStatus.options.filter(
  (s) => s !== 'refused' && s !== 'stopped' && s !== 'returned',
);

/** Received and not finished: the statuses a deadline colour (overdue, due soon, on track) applies to. */
export const CLOCK_RUNNING_STATUSES = [
  'received',
  'processing',
  'awaiting_supplement',
  'awaiting_obligation',
  'withdrawal_requested',
] as const satisfies readonly DossierStatus[];

export const DOSSIER_STATUS_SYNC_CODE = {
  submitted: 1,
  received: 2,
  refused: 3,
  processing: 4,
  awaiting_supplement: 5,
  awaiting_obligation: 6,
  withdrawal_requested: 7,
  stopped: 8,
  result_ready: 9,
  returned: 10,
} as const satisfies Record<DossierStatus, number>;

export const DOSSIER_STATUS_LABELS = {
  submitted: { vi: 'Mới đăng ký', en: 'Submitted' },
  received: { vi: 'Được tiếp nhận', en: 'Received' },
  refused: { vi: 'Không được tiếp nhận', en: 'Refused' },
  processing: { vi: 'Đang xử lý', en: 'Processing' },
  awaiting_supplement: { vi: 'Yêu cầu bổ sung giấy tờ', en: 'Supplement requested' },
  awaiting_obligation: { vi: 'Yêu cầu thực hiện nghĩa vụ tài chính', en: 'Awaiting financial obligation' },
  withdrawal_requested: { vi: 'Công dân yêu cầu rút hồ sơ', en: 'Withdrawal requested' },
  stopped: { vi: 'Dừng xử lý', en: 'Processing stopped' },
  result_ready: { vi: 'Đã xử lý xong', en: 'Result ready' },
  returned: { vi: 'Đã trả kết quả', en: 'Result returned' },
} as const satisfies Record<DossierStatus, { vi: string; en: string }>;

/** Statuses in which no further action is possible. */
export const FINAL_STATUSES: readonly DossierStatus[] = ['refused', 'stopped', 'returned'];

export function isFinalStatus(status: DossierStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

/** Whether the legal clock runs in this status (it is paused while waiting for the applicant). */
export function isClockRunning(status: DossierStatus, isObligationTimeExcluded: boolean): boolean {
  switch (status) {
    case 'received':
    case 'processing':
    case 'withdrawal_requested':
      return true;
    case 'awaiting_obligation':
      return !isObligationTimeExcluded;
    case 'submitted':
    case 'awaiting_supplement':
    case 'refused':
    case 'stopped':
    case 'result_ready':
    case 'returned':
      return false;
  }
}
