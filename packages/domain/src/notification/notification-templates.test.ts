import { describe, expect, it } from 'vitest';
import {
  chooseNotificationChannel,
  notificationEventFor,
  renderNotification,
  unaccented,
  type NotificationData,
} from './notification-templates.ts';

const data: NotificationData = {
  dossierCode: '000.00.06.H56-260302-0001',
  procedureName: 'Cấp giấy phép xây dựng mới',
  applicantName: 'Trần Thị Bình',
  unitName: 'Trung tâm Phục vụ hành chính công tỉnh',
  lookupUrl: 'https://motcua.example/tra-cuu?ma=000.00.06.H56-260302-0001&mk=ABC234',
  lookupSecret: 'ABC234',
  dueAt: '2026-03-09T02:00:00.000Z',
};

describe('which steps the applicant hears about', () => {
  it('maps citizen-visible steps and ignores internal hand-offs', () => {
    const cases: [string, string | undefined, string, string | null][] = [
      ['dossier.created', undefined, 'received', 'received'],
      ['dossier.created', undefined, 'submitted', null],
      ['dossier.status_changed', 'accept', 'received', 'received'],
      ['dossier.status_changed', 'request_supplement', 'awaiting_supplement', 'supplement_requested'],
      ['dossier.status_changed', 'extend', 'processing', 'rescheduled'],
      ['dossier.status_changed', 'issue_result', 'result_ready', 'result_ready'],
      ['dossier.status_changed', 'return_result', 'returned', 'returned'],
      ['dossier.status_changed', 'refuse', 'refused', 'refused'],
      ['dossier.status_changed', 'stop', 'stopped', 'stopped'],
      ['dossier.status_changed', 'confirm_withdrawal', 'stopped', 'stopped'],
      ['dossier.status_changed', 'transfer', 'processing', null],
      ['dossier.status_changed', 'assign', 'processing', null],
      ['dossier.status_changed', 'complete_step', 'processing', null],
      ['dossier.status_changed', 'approve', 'processing', null],
    ];
    for (const [topic, action, status, expected] of cases) {
      expect({
        action,
        status,
        event: notificationEventFor({ topic: topic as 'dossier.created', action, status }),
      }).toEqual({
        action,
        status,
        event: expected,
      });
    }
  });
});

describe('templates', () => {
  it('renders the receipt in Vietnamese with the due time in Vietnam time and the lookup secret', () => {
    const r = renderNotification('received', 'vi', data);
    expect(r.subject).toBe('Giấy tiếp nhận hồ sơ 000.00.06.H56-260302-0001');
    expect(r.text.split('\n')).toEqual([
      'Kính gửi Trần Thị Bình,',
      '',
      'Trung tâm Phục vụ hành chính công tỉnh đã tiếp nhận hồ sơ của Ông/Bà.',
      'Hồ sơ 000.00.06.H56-260302-0001 — Cấp giấy phép xây dựng mới',
      'Ngày hẹn trả kết quả: 09:00 09/03/2026',
      'Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01) được gửi kèm thư này.',
      '',
      `Tra cứu tình trạng hồ sơ: ${data.lookupUrl}`,
      'Mã tra cứu: ABC234',
      '',
      'Trân trọng,',
      'Trung tâm Phục vụ hành chính công tỉnh',
    ]);
    expect(r.short).toBe('Ho so 000.00.06.H56-260302-0001 da duoc tiep nhan. Hen tra: 09:00 09/03/2026.');
    expect(r.templateData).toEqual({
      ma_ho_so: '000.00.06.H56-260302-0001',
      ten_thu_tuc: 'Cấp giấy phép xây dựng mới',
      trang_thai: 'Đã tiếp nhận',
      ngay_hen_tra: '09:00 09/03/2026',
      ma_tra_cuu: 'ABC234',
    });
  });

  it('renders the apology in English with both dates, and every event in both languages fits two SMS', () => {
    const r = renderNotification('rescheduled', 'en', {
      ...data,
      previousDueAt: '2026-03-09T02:00:00.000Z',
      dueAt: '2026-03-20T09:00:00.000Z',
      reason: 'Waiting for the land office',
    });
    expect(r.subject).toBe('Apology and new return date for dossier 000.00.06.H56-260302-0001');
    expect(r.text).toContain('Previous date: 09:00 09/03/2026');
    expect(r.text).toContain('New return date: 16:00 20/03/2026');
    expect(r.text).toContain('Reason: Waiting for the land office');
    for (const event of [
      'received',
      'supplement_requested',
      'rescheduled',
      'result_ready',
      'returned',
      'refused',
      'stopped',
    ] as const) {
      for (const lang of ['vi', 'en'] as const) {
        const x = renderNotification(event, lang, { ...data, reason: 'Thiếu bản vẽ', items: ['Bản vẽ'] });
        expect({ event, lang, ascii: /^[\x20-\x7e]*$/.test(x.short), fits: x.short.length <= 306 }).toEqual({
          event,
          lang,
          ascii: true,
          fits: true,
        });
        expect(x.subject.length).toBeGreaterThan(5);
      }
    }
  });

  it('lists the documents to supply', () => {
    const r = renderNotification('supplement_requested', 'vi', {
      ...data,
      reason: 'Hồ sơ chưa đủ',
      items: ['Bản vẽ thiết kế', 'Giấy tờ về đất'],
    });
    expect(r.text).toContain(
      'Lý do: Hồ sơ chưa đủ\nGiấy tờ cần bổ sung:\n  - Bản vẽ thiết kế\n  - Giấy tờ về đất',
    );
  });
});

describe('channel choice', () => {
  it('uses the preference when it can be served, else e-mail, else SMS, else nothing', () => {
    expect(chooseNotificationChannel('zalo', { phone: '0912345678', email: 'a@b.vn' })).toBe('zalo');
    expect(chooseNotificationChannel('email', { phone: '0912345678' })).toBe('sms');
    expect(chooseNotificationChannel(null, { phone: '0912345678', email: 'a@b.vn' })).toBe('email');
    expect(chooseNotificationChannel('sms', { email: 'a@b.vn' })).toBe('email');
    expect(chooseNotificationChannel('sms', {})).toBeNull();
  });

  it('strips Vietnamese diacritics including đ', () => {
    expect(unaccented('Đã tiếp nhận hồ sơ, hẹn trả: Thứ Hai')).toBe('Da tiep nhan ho so, hen tra: Thu Hai');
  });
});
