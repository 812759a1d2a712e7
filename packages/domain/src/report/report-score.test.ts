import { describe, expect, it } from 'vitest';
import { emptyII06aCounts, withII06aTotals } from './report-columns.ts';
import {
  evaluate766,
  grade766,
  onTimeRate,
  overdueInProgressRate,
  ratioPercent,
  score766,
} from './report-score.ts';

describe('rates', () => {
  it('on-time rate = (8 + 9) / 7 and overdue rate = 13 / 11, 2 decimals, N/A on zero', () => {
    const c = withII06aTotals({
      ...emptyII06aCounts(),
      settledEarly: 5,
      settledOnTime: 2,
      settledLate: 1,
      inProgressWithinTime: 2,
      inProgressOverdue: 1,
    });
    expect(onTimeRate(c)).toBe(87.5);
    expect(overdueInProgressRate(c)).toBe(33.33);
    expect(onTimeRate(emptyII06aCounts())).toBeNull();
    expect(ratioPercent(2, 3)).toBe(66.67);
  });
});

describe('Decision 766 scoring rule', () => {
  it('gives Pmax at or above the target, else R × Pmax / target', () => {
    expect(score766(85, 0.8, 6)).toBe(6);
    expect(score766(80, 0.8, 6)).toBe(6);
    expect(score766(40, 0.5, 6)).toBe(4.8);
    expect(score766(33.33, 0.9, 18)).toBe(6.67);
    expect(score766(null, 0.8, 6)).toBeNull();
  });

  it('grades the share of computable points', () => {
    expect(grade766(95).vi).toBe('Xuất sắc');
    expect(grade766(80).code).toBe('good');
    expect(grade766(79.99).code).toBe('fair');
    expect(grade766(50).code).toBe('average');
    expect(grade766(10).vi).toBe('Yếu');
  });

  it('leaves N/A indicators out of the total and explains why', () => {
    const e = evaluate766({
      '2.1': { kind: 'ratio', numerator: 90, denominator: 100 },
      '2.2': { kind: 'value', value: 3.456 },
      '3.3': { kind: 'ratio', numerator: 40, denominator: 100 },
      '3.6': { kind: 'not_available', reason: 'No online payment data' },
      '4.2': { kind: 'ratio', numerator: 0, denominator: 0 },
    });
    const byId = new Map(e.indicators.map((i) => [i.id, i]));
    expect(byId.get('2.1')).toMatchObject({ value: 90, score: 18 });
    expect(byId.get('2.2')).toMatchObject({ value: 3.46, score: null });
    expect(byId.get('3.3')).toMatchObject({ value: 40, score: 4.8 });
    expect(byId.get('3.6')).toMatchObject({
      value: null,
      score: null,
      notAvailableReason: 'No online payment data',
    });
    expect(byId.get('4.2')).toMatchObject({
      value: null,
      score: null,
      notAvailableReason: 'Zero denominator',
    });
    expect(e.score).toBe(22.8);
    expect(e.scoredMax).toBe(26);
    expect(e.percent).toBe(87.69);
    expect(e.grade?.code).toBe('good');
  });
});
