import type { Text } from '../app/i18n.tsx';

export const CHANNEL_LABELS: Record<string, Text> = {
  email: { vi: 'E-mail', en: 'E-mail' },
  sms: { vi: 'Tin nhắn SMS', en: 'SMS' },
  zalo: { vi: 'Zalo', en: 'Zalo' },
};

export const DELIVERY_STATUS_LABELS: Record<string, Text> = {
  queued: { vi: 'Đang chờ gửi', en: 'Waiting to be sent' },
  sent: { vi: 'Đã gửi', en: 'Sent' },
  failed: { vi: 'Gửi lỗi, sẽ gửi lại', en: 'Failed, will retry' },
  dead: { vi: 'Không gửi được', en: 'Could not be sent' },
  skipped: { vi: 'Không gửi', en: 'Not sent' },
};

export const EVENT_LABELS: Record<string, Text> = {
  received: { vi: 'Giấy tiếp nhận hồ sơ', en: 'Receipt' },
  supplement_requested: { vi: 'Yêu cầu bổ sung', en: 'Supplement request' },
  rescheduled: { vi: 'Thư xin lỗi, hẹn lại', en: 'Apology, new date' },
  result_ready: { vi: 'Đã có kết quả', en: 'Result ready' },
  returned: { vi: 'Đã trả kết quả', en: 'Result returned' },
  refused: { vi: 'Không tiếp nhận', en: 'Not accepted' },
  stopped: { vi: 'Dừng giải quyết', en: 'Stopped' },
};

export function labelOf(map: Record<string, Text>, key: string): Text {
  return map[key] ?? { vi: key, en: key };
}
