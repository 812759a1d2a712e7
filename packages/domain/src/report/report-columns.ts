/**
 * Biểu số II.06a/VPCP/KSTT "Tình hình, kết quả giải quyết TTHC tại cơ quan, đơn vị trực tiếp giải
 * quyết TTHC" (domain.md §4.1) as data: the thirteen numbered columns with the Vietnamese headers of
 * the official layout and English labels. The same columns with rows by field are Biểu II.07a.
 *
 * Header layout (three header rows, then the row of column numbers):
 *
 * | STT | Đơn vị | Số hồ sơ nhận giải quyết                                 | Số hồ sơ đã giải quyết                 | Số hồ sơ đang giải quyết |
 * |     |        | Tổng số | Trong kỳ                       | Từ kỳ trước | Tổng số | Trước hạn | Đúng hạn | Quá hạn | Tổng số | Trong hạn | Quá hạn |
 * |     |        |         | Trực tuyến | Trực tiếp, dịch vụ bưu chính |      |         |           |          |         |         |           |         |
 * | (1) | (2)    | (3)     | (4)        | (5)                          | (6)  | (7)     | (8)       | (9)      | (10)    | (11)    | (12)      | (13)    |
 */

export const II06A_TITLE = {
  code: 'Biểu số II.06a/VPCP/KSTT',
  vi: 'TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH',
  en: 'Handling and results of administrative procedures at the units that settle them',
  unitOfMeasure: { vi: 'Đơn vị tính: Số hồ sơ TTHC', en: 'Unit: number of dossiers' },
} as const;

/** Keys of the counted columns 3–13, in column order. */
export const II06A_COUNT_KEYS = [
  'receivedTotal',
  'receivedOnline',
  'receivedDirect',
  'carriedOver',
  'settledTotal',
  'settledEarly',
  'settledOnTime',
  'settledLate',
  'inProgressTotal',
  'inProgressWithinTime',
  'inProgressOverdue',
] as const;
export type II06aCountKey = (typeof II06A_COUNT_KEYS)[number];

/** The counts of one report row (columns 3–13), plus withdrawn dossiers (included in column 9). */
export type II06aCounts = Record<II06aCountKey, number> & {
  /** Withdrawn at the applicant's request; counted as settled on time (column 9). */
  settledWithdrawn: number;
};

export type II06aColumnGroup = 'received' | 'settled' | 'inProgress';

export interface II06aColumn {
  number: number;
  key: 'index' | 'label' | II06aCountKey;
  group: II06aColumnGroup | null;
  /** The "Trong kỳ" sub-group of columns 4 and 5. */
  isInPeriod: boolean;
  vi: string;
  en: string;
}

export const II06A_GROUP_HEADERS = {
  received: { vi: 'Số hồ sơ nhận giải quyết', en: 'Dossiers to settle' },
  settled: { vi: 'Số hồ sơ đã giải quyết', en: 'Dossiers settled' },
  inProgress: { vi: 'Số hồ sơ đang giải quyết', en: 'Dossiers in progress' },
  inPeriod: { vi: 'Trong kỳ', en: 'Received in the period' },
} as const;

/** Header of column 2 for each kind of row. */
export const II06A_ROW_HEADERS = {
  unit: { vi: 'Đơn vị', en: 'Unit' },
  procedure: { vi: 'Thủ tục hành chính', en: 'Procedure' },
  field: { vi: 'Lĩnh vực, công việc giải quyết theo cấp', en: 'Field' },
} as const;
export type II06aRowKind = keyof typeof II06A_ROW_HEADERS;

export const II06A_COLUMNS: readonly II06aColumn[] = [
  { number: 1, key: 'index', group: null, isInPeriod: false, vi: 'STT', en: 'No.' },
  { number: 2, key: 'label', group: null, isInPeriod: false, vi: 'Đơn vị', en: 'Unit' },
  {
    number: 3,
    key: 'receivedTotal',
    group: 'received',
    isInPeriod: false,
    vi: 'Tổng số',
    en: 'Total to settle (4 + 5 + 6)',
  },
  {
    number: 4,
    key: 'receivedOnline',
    group: 'received',
    isInPeriod: true,
    vi: 'Trực tuyến',
    en: 'Received online in the period',
  },
  {
    number: 5,
    key: 'receivedDirect',
    group: 'received',
    isInPeriod: true,
    vi: 'Trực tiếp, dịch vụ bưu chính',
    en: 'Received at the counter or by post in the period',
  },
  {
    number: 6,
    key: 'carriedOver',
    group: 'received',
    isInPeriod: false,
    vi: 'Từ kỳ trước',
    en: 'Carried over from the previous period',
  },
  {
    number: 7,
    key: 'settledTotal',
    group: 'settled',
    isInPeriod: false,
    vi: 'Tổng số',
    en: 'Total settled (8 + 9 + 10)',
  },
  { number: 8, key: 'settledEarly', group: 'settled', isInPeriod: false, vi: 'Trước hạn', en: 'Early' },
  { number: 9, key: 'settledOnTime', group: 'settled', isInPeriod: false, vi: 'Đúng hạn', en: 'On time' },
  { number: 10, key: 'settledLate', group: 'settled', isInPeriod: false, vi: 'Quá hạn', en: 'Late' },
  {
    number: 11,
    key: 'inProgressTotal',
    group: 'inProgress',
    isInPeriod: false,
    vi: 'Tổng số',
    en: 'Total in progress (12 + 13)',
  },
  {
    number: 12,
    key: 'inProgressWithinTime',
    group: 'inProgress',
    isInPeriod: false,
    vi: 'Trong hạn',
    en: 'Within time',
  },
  {
    number: 13,
    key: 'inProgressOverdue',
    group: 'inProgress',
    isInPeriod: false,
    vi: 'Quá hạn',
    en: 'Overdue',
  },
];

/** The count key of a column number (3–13), or undefined. */
export function ii06aCountKeyOf(column: number): II06aCountKey | undefined {
  const found = II06A_COLUMNS.find((c) => c.number === column);
  return found && found.key !== 'index' && found.key !== 'label' ? found.key : undefined;
}

export function emptyII06aCounts(): II06aCounts {
  return {
    receivedTotal: 0,
    receivedOnline: 0,
    receivedDirect: 0,
    carriedOver: 0,
    settledTotal: 0,
    settledEarly: 0,
    settledOnTime: 0,
    settledLate: 0,
    inProgressTotal: 0,
    inProgressWithinTime: 0,
    inProgressOverdue: 0,
    settledWithdrawn: 0,
  };
}

/** Fills the total columns 3, 7 and 11 from their parts. */
export function withII06aTotals(counts: II06aCounts): II06aCounts {
  return {
    ...counts,
    receivedTotal: counts.receivedOnline + counts.receivedDirect + counts.carriedOver,
    settledTotal: counts.settledEarly + counts.settledOnTime + counts.settledLate,
    inProgressTotal: counts.inProgressWithinTime + counts.inProgressOverdue,
  };
}

export function addII06aCounts(a: II06aCounts, b: II06aCounts): II06aCounts {
  const sum = emptyII06aCounts();
  for (const key of [...II06A_COUNT_KEYS, 'settledWithdrawn'] as const) sum[key] = a[key] + b[key];
  return sum;
}
