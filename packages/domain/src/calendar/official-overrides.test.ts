import { describe, expect, it } from 'vitest';
import { addLocalDays } from '../time/local-time.ts';
import { OFFICIAL_OVERRIDES } from './official-overrides.ts';
import { createWorkingCalendar } from './working-calendar.ts';

const official = createWorkingCalendar({ overrides: OFFICIAL_OVERRIDES });
const rulesOnly = createWorkingCalendar();

/** Asserts that [from, to] are all days off and that the days just around it are worked. */
function expectBreak(from: string, to: string): void {
  expect(official.isWorkingDay(addLocalDays(from, -1)), `${addLocalDays(from, -1)} is worked`).toBe(true);
  for (let d = from; d <= to; d = addLocalDays(d, 1))
    expect(official.isWorkingDay(d), `${d} is off`).toBe(false);
  expect(official.isWorkingDay(addLocalDays(to, 1)), `${addLocalDays(to, 1)} is worked`).toBe(true);
}

describe('OFFICIAL_OVERRIDES', () => {
  it('only lists dates where the rules give a different answer', () => {
    for (const o of OFFICIAL_OVERRIDES) {
      expect(rulesOnly.isWorkingDay(o.date), o.date).toBe(o.kind === 'day_off');
      expect(o.name.trim()).not.toBe('');
      expect(o.reference).toMatch(/^Công văn \d+\/VPCP-KGVX/);
    }
  });

  it('reproduces the announced 2025 breaks (Công văn 8726/VPCP-KGVX)', () => {
    expectBreak('2025-01-25', '2025-02-02'); // Tết Ất Tỵ, 9 days
    expectBreak('2025-04-05', '2025-04-07'); // Giỗ Tổ Hùng Vương on Monday
    expectBreak('2025-04-30', '2025-05-04'); // 30/4–1/5 with Fri 2/5 swapped for Sat 26/4
    expect(official.isWorkingDay('2025-04-26')).toBe(true);
    expectBreak('2025-08-30', '2025-09-02'); // Quốc khánh
  });

  it('reproduces the announced 2026 breaks', () => {
    expectBreak('2026-01-01', '2026-01-04'); // Tết Dương lịch, Fri 2/1 swapped for Sat 10/1 (12729/VPCP-KGVX)
    expect(official.isWorkingDay('2026-01-10')).toBe(true);
    expectBreak('2026-02-14', '2026-02-22'); // Tết Bính Ngọ, 9 days (9859/VPCP-KGVX)
    expectBreak('2026-04-25', '2026-04-27'); // Giỗ Tổ on Sunday, compensated Monday
    expectBreak('2026-04-30', '2026-05-03'); // 30/4–1/5 on Thursday–Friday
    expectBreak('2026-08-29', '2026-09-02'); // Quốc khánh, Mon 31/8 swapped for Sat 22/8 (9859/VPCP-KGVX)
    expect(official.isWorkingDay('2026-08-22')).toBe(true);
  });
});
