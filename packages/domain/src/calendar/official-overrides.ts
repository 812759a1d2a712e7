import type { CalendarOverride } from './calendar-types.ts';

/**
 * The Government's announced swaps and bridges for 2025 and 2026, as overrides of the rules in
 * holidays.ts. Only dates where the rules give a different answer are listed: an extra day off
 * (`day_off`), a weekend day that is worked (`working_day`), or a rule holiday or compensatory day
 * that is cancelled (`working_day`).
 *
 * 2025, Công văn 8726/VPCP-KGVX (26/11/2024):
 * - Tết Ất Tỵ: off from Sat 25/1 to Sun 2/2/2025 (26 tháng Chạp to mùng 5), nine days without a
 *   make-up day, so the five Tết days are Mon 27/1–Fri 31/1. The rule (last day of the old year plus
 *   mùng 1–4) gives Tue 28/1–Sat 1/2 and a compensatory Mon 3/2 for the Saturday; hence 27/1 is
 *   added and 3/2 is a working day.
 * - 30/4–1/5: Fri 2/5 swapped with Sat 26/4 (break Wed 30/4–Sun 4/5).
 * - Giỗ Tổ Hùng Vương Mon 7/4 and Quốc khánh Mon 1/9–Tue 2/9 (break 30/8–2/9): as the rules give.
 *
 * 2026:
 * - Tết Dương lịch, Công văn 12729/VPCP-KGVX (25/12/2025): off Thu 1/1–Sun 4/1/2026, Fri 2/1
 *   swapped with Sat 10/1.
 * - Tết Bính Ngọ, Công văn 9859/VPCP-KGVX (13/10/2025, approving Bộ Nội vụ's 8764/BNV-CVL): off
 *   Sat 14/2–Sun 22/2/2026, the five Tết days being Mon 16/2 (29 tháng Chạp, the last day of Ất Tỵ)
 *   to Fri 20/2 (mùng 4): exactly the rule, so no entry.
 * - Quốc khánh, same letter: off Sat 29/8–Wed 2/9/2026; the two holidays are Tue 1/9 and Wed 2/9
 *   (the rule's default for a Wednesday) and Mon 31/8 is swapped with Sat 22/8.
 * - Giỗ Tổ Hùng Vương falls on Sun 26/4/2026 with the compensatory day on Mon 27/4, and 30/4–1/5 on
 *   Thu–Fri with no swap (press reports of February 2026): as the rules give, so no entry.
 *
 * Not confirmed, therefore left out: any later 2026 decision (for example a swap around 30/4–1/5,
 * or a day off for Ngày Văn hóa Việt Nam 24/11, which awaits an amendment of the Labour Code).
 * The sources seen were press and legal-database summaries of the letters, not the signed letters.
 */
export const OFFICIAL_OVERRIDES: readonly CalendarOverride[] = Object.freeze([
  {
    date: '2025-01-27',
    kind: 'day_off',
    name: 'Nghỉ Tết Nguyên đán',
    reference: 'Công văn 8726/VPCP-KGVX ngày 26/11/2024',
  },
  {
    date: '2025-02-03',
    kind: 'working_day',
    name: 'Làm việc bình thường (kỳ nghỉ Tết Nguyên đán kết thúc ngày 02/02/2025)',
    reference: 'Công văn 8726/VPCP-KGVX ngày 26/11/2024',
  },
  {
    date: '2025-04-26',
    kind: 'working_day',
    name: 'Làm bù cho ngày nghỉ thứ Sáu 02/05/2025',
    reference: 'Công văn 8726/VPCP-KGVX ngày 26/11/2024',
  },
  {
    date: '2025-05-02',
    kind: 'day_off',
    name: 'Nghỉ lễ 30/4 – 1/5 (hoán đổi với thứ Bảy 26/04/2025)',
    reference: 'Công văn 8726/VPCP-KGVX ngày 26/11/2024',
  },
  {
    date: '2026-01-02',
    kind: 'day_off',
    name: 'Nghỉ Tết Dương lịch (hoán đổi với thứ Bảy 10/01/2026)',
    reference: 'Công văn 12729/VPCP-KGVX ngày 25/12/2025',
  },
  {
    date: '2026-01-10',
    kind: 'working_day',
    name: 'Làm bù cho ngày nghỉ thứ Sáu 02/01/2026',
    reference: 'Công văn 12729/VPCP-KGVX ngày 25/12/2025',
  },
  {
    date: '2026-08-22',
    kind: 'working_day',
    name: 'Làm bù cho ngày nghỉ thứ Hai 31/08/2026',
    reference: 'Công văn 9859/VPCP-KGVX ngày 13/10/2025',
  },
  {
    date: '2026-08-31',
    kind: 'day_off',
    name: 'Nghỉ lễ Quốc khánh (hoán đổi với thứ Bảy 22/08/2026)',
    reference: 'Công văn 9859/VPCP-KGVX ngày 13/10/2025',
  },
] satisfies CalendarOverride[]);
