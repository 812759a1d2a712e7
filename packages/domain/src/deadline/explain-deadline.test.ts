import { describe, expect, it } from 'vitest';
import { OFFICIAL_OVERRIDES } from '../calendar/official-overrides.ts';
import { createWorkingCalendar } from '../calendar/working-calendar.ts';
import { localDateTime } from '../time/local-time.ts';
import { computeDeadline, extendDeadline, resumeAfterPause } from './compute-deadline.ts';
import { explainInEnglish, explainInVietnamese } from './explain-deadline.ts';

const calendar = createWorkingCalendar({ overrides: OFFICIAL_OVERRIDES });

describe('explainInVietnamese', () => {
  it('explains example 1 of domain.md §3.3 with the Tết break as one line', () => {
    const result = computeDeadline({
      start: localDateTime('2026-02-11', '10:00'),
      rule: { amount: 5, unit: 'working-days' },
      calendar,
    });
    expect(explainInVietnamese(result)).toEqual([
      'Nhận hồ sơ lúc 10:00 thứ Tư 11/02/2026',
      'Tính 5 giờ làm việc ngày thứ Tư 11/02/2026 (10:00–17:00)',
      'Tính 8 giờ làm việc ngày thứ Năm 12/02/2026 (07:00–17:00)',
      'Tính 8 giờ làm việc ngày thứ Sáu 13/02/2026 (07:00–17:00)',
      'Không tính 14/02–22/02/2026: Nghỉ Tết Nguyên đán',
      'Tính 8 giờ làm việc ngày thứ Hai 23/02/2026 (07:00–17:00)',
      'Tính 8 giờ làm việc ngày thứ Ba 24/02/2026 (07:00–17:00)',
      'Tính 3 giờ làm việc ngày thứ Tư 25/02/2026 (07:00–10:00)',
      'Hạn trả kết quả: 10:00 thứ Tư 25/02/2026',
    ]);
  });

  it('names weekends, compensatory days and official days off, and a moved start', () => {
    const result = computeDeadline({
      start: localDateTime('2026-04-24', '16:00'),
      rule: { amount: 3, unit: 'working-hours' },
      calendar,
    });
    expect(explainInVietnamese(result)).toEqual([
      'Nhận hồ sơ lúc 16:00 thứ Sáu 24/04/2026',
      'Tính 1 giờ làm việc ngày thứ Sáu 24/04/2026 (16:00–17:00)',
      'Không tính 25/04–27/04/2026: Nghỉ Giỗ Tổ Hùng Vương, Nghỉ bù Giỗ Tổ Hùng Vương',
      'Tính 2 giờ làm việc ngày thứ Ba 28/04/2026 (07:00–09:00)',
      'Hạn trả kết quả: 09:00 thứ Ba 28/04/2026',
    ]);
    const onSunday = computeDeadline({
      start: localDateTime('2026-08-30', '09:00'),
      rule: { amount: 24.5, unit: 'working-hours' },
      calendar,
    });
    const lines = explainInVietnamese(onSunday);
    expect(lines[1]).toBe('Bắt đầu tính từ 07:00 thứ Năm 03/09/2026 (nhận vào ngày nghỉ)');
    expect(lines).toContain('Không tính 05/09–06/09/2026: Nghỉ cuối tuần');
    expect(lines.slice(-2)).toEqual([
      'Tính 30 phút làm việc ngày thứ Ba 08/09/2026 (07:00–07:30)',
      'Hạn trả kết quả: 07:30 thứ Ba 08/09/2026',
    ]);
    const beforeNationalDay = computeDeadline({
      start: localDateTime('2026-08-28', '16:00'),
      rule: { amount: 2, unit: 'working-hours' },
      calendar,
    });
    expect(explainInVietnamese(beforeNationalDay)).toContain(
      'Không tính 29/08–02/09/2026: Nghỉ lễ Quốc khánh (hoán đổi với thứ Bảy 22/08/2026), Nghỉ Quốc khánh',
    );
  });

  it('explains a pause, a restart and an extension', () => {
    const received = computeDeadline({
      start: localDateTime('2026-03-02', '09:00'),
      rule: { amount: 10, unit: 'working-days' },
      calendar,
    });
    const paused = resumeAfterPause({
      current: received,
      pausedAt: localDateTime('2026-03-05', '14:00'),
      resumedAt: localDateTime('2026-03-10', '09:00'),
      mode: 'pause',
      reason: 'Bổ sung hồ sơ',
      calendar,
    });
    expect(explainInVietnamese(paused).slice(-3)).toEqual([
      'Hạn trả kết quả: 09:00 thứ Hai 16/03/2026',
      'Tạm dừng tính thời hạn từ 14:00 thứ Năm 05/03/2026 đến 09:00 thứ Ba 10/03/2026 (21 giờ làm việc): Bổ sung hồ sơ',
      'Hạn trả kết quả mới: 16:00 thứ Tư 18/03/2026',
    ]);
    const restarted = resumeAfterPause({
      current: received,
      pausedAt: localDateTime('2026-03-05', '14:00'),
      resumedAt: localDateTime('2026-03-10', '09:00'),
      mode: 'restart',
      reason: 'Bổ sung hồ sơ',
      calendar,
    });
    expect(explainInVietnamese(restarted)).toContain(
      'Tính lại toàn bộ thời hạn từ 09:00 thứ Ba 10/03/2026: Bổ sung hồ sơ',
    );
    const extended = extendDeadline({
      current: paused,
      newDueAt: localDateTime('2026-03-20', '17:00'),
      reason: 'Cần xác minh thêm',
    });
    expect(explainInVietnamese(extended).slice(-2)).toEqual([
      'Gia hạn từ 16:00 thứ Tư 18/03/2026 đến 17:00 thứ Sáu 20/03/2026: Cần xác minh thêm',
      'Hạn trả kết quả mới: 17:00 thứ Sáu 20/03/2026',
    ]);
  });

  it('explains a calendar-day limit rolled forward over Tết', () => {
    const result = computeDeadline({
      start: localDateTime('2026-02-10', '10:00'),
      rule: { amount: 5, unit: 'calendar-days' },
      calendar,
    });
    expect(explainInVietnamese(result)).toEqual([
      'Nhận hồ sơ lúc 10:00 thứ Ba 10/02/2026',
      'Không tính 15/02–22/02/2026: Nghỉ Tết Nguyên đán',
      'Hạn rơi vào ngày nghỉ, chuyển sang 10:00 thứ Hai 23/02/2026',
      'Hạn trả kết quả: 10:00 thứ Hai 23/02/2026',
    ]);
  });
});

describe('explainInEnglish', () => {
  it('explains the same events in English, keeping Vietnamese holiday names', () => {
    const result = computeDeadline({
      start: localDateTime('2026-02-13', '16:30'),
      rule: { amount: 5, unit: 'working-days' },
      calendar,
    });
    const lines = explainInEnglish(result);
    expect(lines[0]).toBe('Received at 16:30 on Friday 13/02/2026');
    expect(lines).toContain('Not counted 14/02–22/02/2026: public holiday (Tết Nguyên đán)');
    expect(lines.at(-1)).toBe('Due: 16:30 on Friday 27/02/2026');
    const sameDay = computeDeadline({
      start: localDateTime('2026-03-03', '15:20'),
      rule: { amount: 0, unit: 'working-days', isSameDay: true },
      calendar,
    });
    expect(explainInEnglish(sameDay)[1]).toBe(
      'Counting starts at 07:00 on Wednesday 04/03/2026 (received after the daily cut-off, so the result is due the next working day)',
    );
  });
});
