import { z } from 'zod';
import { formatVnDateTime } from '../time/local-time.ts';

/**
 * Notifications to applicants at each citizen-visible step (issue 5), in Vietnamese and English.
 * Pure: the server renders them when it plans a notification and stores the rendered text in the
 * delivery log, so the log shows exactly what was sent.
 */
export const NotificationChannel = z.enum(['email', 'sms', 'zalo']);
export type NotificationChannel = z.infer<typeof NotificationChannel>;

export const NOTIFICATION_CHANNEL_LABELS: Record<NotificationChannel, { vi: string; en: string }> = {
  email: { vi: 'Thư điện tử (e-mail)', en: 'E-mail' },
  sms: { vi: 'Tin nhắn SMS', en: 'SMS' },
  zalo: { vi: 'Zalo', en: 'Zalo' },
};

export const NotificationEvent = z.enum([
  'received',
  'supplement_requested',
  'rescheduled',
  'result_ready',
  'returned',
  'refused',
  'stopped',
]);
export type NotificationEvent = z.infer<typeof NotificationEvent>;

/** Which dossier change tells the applicant what (null: nothing the applicant needs to hear). */
export function notificationEventFor(change: {
  topic: 'dossier.created' | 'dossier.status_changed';
  action?: string | undefined;
  status: string;
}): NotificationEvent | null {
  if (change.topic === 'dossier.created') return change.status === 'received' ? 'received' : null;
  switch (change.action) {
    case 'accept':
      return 'received';
    case 'request_supplement':
      // The written guidance before receipt (online intake) is a supplement request too.
      return 'supplement_requested';
    case 'extend':
      return 'rescheduled';
    case 'issue_result':
      return 'result_ready';
    case 'return_result':
      return 'returned';
    case 'refuse':
      return 'refused';
    case 'stop':
    case 'confirm_withdrawal':
      return 'stopped';
    case undefined:
    default:
      return null;
  }
}

export interface NotificationData {
  dossierCode: string;
  procedureName: string;
  applicantName: string;
  unitName: string;
  /** Public lookup link (with the secret for the applicant). */
  lookupUrl: string;
  lookupSecret: string | null;
  dueAt: string | null;
  previousDueAt?: string | null | undefined;
  reason?: string | null | undefined;
  items?: readonly string[] | undefined;
  resultNumber?: string | null | undefined;
  returnMethod?: string | null | undefined;
}

export interface RenderedNotification {
  subject: string;
  /** Full text (e-mail body). */
  text: string;
  /** Short text for SMS: unaccented Vietnamese (GSM-7, fits 2 SMS), or English. */
  short: string;
  /** Fields of the chat template (Zalo ZNS style). */
  templateData: Record<string, string>;
}

/** Vietnamese without diacritics (SMS brandname practice: GSM-7 keeps 160 characters per part). */
export function unaccented(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

function when(iso: string | null | undefined): string {
  return iso ? formatVnDateTime(new Date(iso)) : '—';
}

const STATUS_WORDS: Record<NotificationEvent, { vi: string; en: string }> = {
  received: { vi: 'Đã tiếp nhận', en: 'Received' },
  supplement_requested: { vi: 'Cần bổ sung hồ sơ', en: 'Supplement needed' },
  rescheduled: { vi: 'Hẹn lại ngày trả kết quả', en: 'New return date' },
  result_ready: { vi: 'Đã có kết quả', en: 'Result ready' },
  returned: { vi: 'Đã trả kết quả', en: 'Result returned' },
  refused: { vi: 'Không được tiếp nhận', en: 'Not accepted' },
  stopped: { vi: 'Dừng giải quyết', en: 'Processing stopped' },
};

export function notificationStatusWord(event: NotificationEvent, lang: 'vi' | 'en'): string {
  return STATUS_WORDS[event][lang];
}

export function renderNotification(
  event: NotificationEvent,
  lang: 'vi' | 'en',
  d: NotificationData,
): RenderedNotification {
  const vi = lang === 'vi';
  const secretLine = d.lookupSecret
    ? vi
      ? `Mã tra cứu: ${d.lookupSecret}`
      : `Lookup secret: ${d.lookupSecret}`
    : '';
  const lookupLine = vi ? `Tra cứu tình trạng hồ sơ: ${d.lookupUrl}` : `Check the status: ${d.lookupUrl}`;
  const greeting = vi ? `Kính gửi ${d.applicantName},` : `Dear ${d.applicantName},`;
  const about = vi
    ? `Hồ sơ ${d.dossierCode} — ${d.procedureName}`
    : `Dossier ${d.dossierCode} — ${d.procedureName}`;
  let subject: string;
  let lines: string[];
  let short: string;
  switch (event) {
    case 'received':
      subject = vi ? `Giấy tiếp nhận hồ sơ ${d.dossierCode}` : `Receipt for dossier ${d.dossierCode}`;
      lines = vi
        ? [
            `${d.unitName} đã tiếp nhận hồ sơ của Ông/Bà.`,
            about,
            `Ngày hẹn trả kết quả: ${when(d.dueAt)}`,
            'Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01) được gửi kèm thư này.',
          ]
        : [
            `${d.unitName} has received your dossier.`,
            about,
            `Result due: ${when(d.dueAt)}`,
            'The receipt and appointment slip (form 01) is attached.',
          ];
      short = vi
        ? `Ho so ${d.dossierCode} da duoc tiep nhan. Hen tra: ${when(d.dueAt)}.`
        : `Dossier ${d.dossierCode} received. Result due ${when(d.dueAt)}.`;
      break;
    case 'supplement_requested':
      subject = vi
        ? `Yêu cầu bổ sung hồ sơ ${d.dossierCode}`
        : `Supplement needed for dossier ${d.dossierCode}`;
      lines = [
        vi
          ? `${d.unitName} đề nghị Ông/Bà bổ sung, hoàn thiện hồ sơ.`
          : `${d.unitName} asks you to complete your dossier.`,
        about,
        ...(d.reason ? [vi ? `Lý do: ${d.reason}` : `Reason: ${d.reason}`] : []),
        ...(d.items && d.items.length > 0
          ? [vi ? 'Giấy tờ cần bổ sung:' : 'Documents needed:', ...d.items.map((i) => `  - ${i}`)]
          : []),
        vi
          ? 'Ông/Bà có thể nộp bổ sung trực tuyến trên trang hồ sơ hoặc tại Bộ phận Một cửa.'
          : 'You can send the documents online on the dossier page or at the one-stop section.',
      ];
      short = vi
        ? `Ho so ${d.dossierCode} can bo sung giay to. Xem chi tiet: ${d.lookupUrl}`
        : `Dossier ${d.dossierCode} needs more documents. Details: ${d.lookupUrl}`;
      break;
    case 'rescheduled':
      subject = vi
        ? `Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ ${d.dossierCode}`
        : `Apology and new return date for dossier ${d.dossierCode}`;
      lines = vi
        ? [
            `${d.unitName} thành thật xin lỗi Ông/Bà vì hồ sơ chưa được giải quyết đúng hẹn.`,
            about,
            ...(d.reason ? [`Lý do: ${d.reason}`] : []),
            `Ngày hẹn cũ: ${when(d.previousDueAt)}`,
            `Ngày hẹn trả kết quả mới: ${when(d.dueAt)}`,
          ]
        : [
            `${d.unitName} apologises: your dossier could not be settled by the date promised.`,
            about,
            ...(d.reason ? [`Reason: ${d.reason}`] : []),
            `Previous date: ${when(d.previousDueAt)}`,
            `New return date: ${when(d.dueAt)}`,
          ];
      short = vi
        ? `Xin loi: ho so ${d.dossierCode} tre hen. Ngay hen moi: ${when(d.dueAt)}.`
        : `Sorry: dossier ${d.dossierCode} is late. New date: ${when(d.dueAt)}.`;
      break;
    case 'result_ready':
      subject = vi ? `Hồ sơ ${d.dossierCode} đã có kết quả` : `Result ready for dossier ${d.dossierCode}`;
      lines = vi
        ? [
            'Hồ sơ của Ông/Bà đã được giải quyết xong.',
            about,
            ...(d.resultNumber ? [`Số kết quả: ${d.resultNumber}`] : []),
            'Ông/Bà nhận kết quả theo hình thức đã chọn khi nộp hồ sơ.',
          ]
        : [
            'Your dossier has been settled.',
            about,
            ...(d.resultNumber ? [`Result number: ${d.resultNumber}`] : []),
            'You receive the result the way you chose when you applied.',
          ];
      short = vi
        ? `Ho so ${d.dossierCode} da co ket qua. Moi Ong/Ba nhan ket qua theo hinh thuc da chon.`
        : `Dossier ${d.dossierCode}: the result is ready.`;
      break;
    case 'returned':
      subject = vi ? `Đã trả kết quả hồ sơ ${d.dossierCode}` : `Result returned for dossier ${d.dossierCode}`;
      lines = vi
        ? [
            'Kết quả giải quyết hồ sơ đã được trả cho Ông/Bà.',
            about,
            'Cảm ơn Ông/Bà. Mời Ông/Bà đánh giá mức độ hài lòng tại trang tra cứu.',
          ]
        : [
            'The result of your dossier has been handed over.',
            about,
            'Thank you. Please rate our service on the lookup page.',
          ];
      short = vi
        ? `Da tra ket qua ho so ${d.dossierCode}. Cam on Ong/Ba.`
        : `Dossier ${d.dossierCode}: result returned. Thank you.`;
      break;
    case 'refused':
      subject = vi
        ? `Hồ sơ ${d.dossierCode} không được tiếp nhận`
        : `Dossier ${d.dossierCode} was not accepted`;
      lines = [
        vi ? `${d.unitName} không tiếp nhận hồ sơ của Ông/Bà.` : `${d.unitName} did not accept your dossier.`,
        about,
        ...(d.reason ? [vi ? `Lý do: ${d.reason}` : `Reason: ${d.reason}`] : []),
      ];
      short = vi
        ? `Ho so ${d.dossierCode} khong duoc tiep nhan. Xem ly do: ${d.lookupUrl}`
        : `Dossier ${d.dossierCode} was not accepted. Reason: ${d.lookupUrl}`;
      break;
    case 'stopped':
      subject = vi
        ? `Thông báo dừng giải quyết hồ sơ ${d.dossierCode}`
        : `Processing of dossier ${d.dossierCode} stopped`;
      lines = [
        vi ? 'Hồ sơ của Ông/Bà đã dừng giải quyết.' : 'Processing of your dossier has stopped.',
        about,
        ...(d.reason ? [vi ? `Lý do: ${d.reason}` : `Reason: ${d.reason}`] : []),
      ];
      short = vi
        ? `Ho so ${d.dossierCode} da dung giai quyet. Chi tiet: ${d.lookupUrl}`
        : `Dossier ${d.dossierCode}: processing stopped. Details: ${d.lookupUrl}`;
      break;
  }
  const text = [
    greeting,
    '',
    ...lines,
    '',
    lookupLine,
    ...(secretLine ? [secretLine] : []),
    '',
    vi ? `Trân trọng,\n${d.unitName}` : `Kind regards,\n${d.unitName}`,
  ].join('\n');
  return {
    subject,
    text,
    short: vi ? unaccented(short) : short,
    templateData: {
      ma_ho_so: d.dossierCode,
      ten_thu_tuc: d.procedureName.slice(0, 100),
      trang_thai: STATUS_WORDS[event][lang],
      ngay_hen_tra: when(d.dueAt),
      ma_tra_cuu: d.lookupSecret ?? '',
    },
  };
}

/**
 * The channel to use: the preferred one if the contact detail it needs is known, else the first
 * of e-mail, SMS that is (so a notice is not lost because a preference cannot be served).
 */
export function chooseNotificationChannel(
  preferred: NotificationChannel | null | undefined,
  contact: { email?: string | null | undefined; phone?: string | null | undefined },
): NotificationChannel | null {
  const can = (c: NotificationChannel): boolean =>
    c === 'email' ? Boolean(contact.email) : Boolean(contact.phone);
  if (preferred && can(preferred)) return preferred;
  if (can('email')) return 'email';
  if (can('sms')) return 'sms';
  return null;
}
