import type { II06aCounts } from './report-columns.ts';

/**
 * Rates of the II.06a report and the Decision 766/QĐ-TTg indicators that the system's own data can
 * compute (domain.md §4.2), with the scoring rule: score = Pmax when the ratio R reaches the target,
 * else R × Pmax / target. Ratios are percentages with 2 decimals; a zero denominator gives null
 * (shown as N/A), never 0 %. Point allocations inside a group and the grade bands are not published
 * with the formula document: they are data here (docs/adr/0009-report-definitions.md).
 */

function round2(value: number): number {
  return Math.round(value * 100 + Number.EPSILON * 100) / 100;
}

/** numerator / denominator as a percentage with 2 decimals; null when the denominator is 0. */
export function ratioPercent(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  return round2((100 * numerator) / denominator);
}

/** On-time rate = (8 + 9) / 7: settled early or on time among settled. */
export function onTimeRate(c: II06aCounts): number | null {
  return ratioPercent(c.settledEarly + c.settledOnTime, c.settledTotal);
}

/** Overdue-in-progress rate = 13 / 11. */
export function overdueInProgressRate(c: II06aCounts): number | null {
  return ratioPercent(c.inProgressOverdue, c.inProgressTotal);
}

/**
 * Decision 766 scoring: Pmax when R ≥ target, else R × Pmax / target (2 decimals). `ratio` is a
 * percentage; null (zero denominator) scores null.
 */
export function score766(ratio: number | null, target: number, maxPoints: number): number | null {
  if (ratio === null) return null;
  const r = ratio / 100;
  if (r >= target) return maxPoints;
  return round2((r * maxPoints) / target);
}

export const INDICATOR_GROUPS_766 = [
  { group: 1, vi: 'Công khai, minh bạch', en: 'Transparency', maxPoints: 18 },
  { group: 2, vi: 'Tiến độ giải quyết', en: 'Progress', maxPoints: 20 },
  { group: 3, vi: 'Dịch vụ công trực tuyến', en: 'Online services', maxPoints: 12 },
  { group: 4, vi: 'Số hóa hồ sơ', en: 'Digitisation', maxPoints: 22 },
  { group: 5, vi: 'Thanh toán trực tuyến', en: 'Online payment', maxPoints: 10 },
  { group: 6, vi: 'Mức độ hài lòng', en: 'Satisfaction', maxPoints: 18 },
] as const;

export type Indicator766Id = '2.1' | '2.2' | '3.1' | '3.3' | '3.6' | '4.2' | '4.3' | '5.4';

export interface Indicator766 {
  id: Indicator766Id;
  group: 1 | 2 | 3 | 4 | 5 | 6;
  vi: string;
  en: string;
  formula: string;
  /** Fraction (0.8 = 80 %); null for an indicator shown without a score. */
  target: number | null;
  /** Points of this indicator (assumed allocation inside its group); null when not scored. */
  maxPoints: number | null;
  unit: 'percent' | 'days';
}

/**
 * The indicators computed from Motcua's own data. Ids follow domain.md §4.2; 3.6 belongs to the
 * payment group (5) and 5.4 to the satisfaction group (6).
 */
export const INDICATORS_766: readonly Indicator766[] = [
  {
    id: '2.1',
    group: 2,
    vi: 'Tỷ lệ hồ sơ giải quyết trước hạn, đúng hạn',
    en: 'Dossiers handled early or on time',
    formula:
      '(II.06a 8 + 9 + 12) / 3: settled early or on time and in progress within time, over received or processed in the period',
    target: 1,
    maxPoints: 20,
    unit: 'percent',
  },
  {
    id: '2.2',
    group: 2,
    vi: 'Thời gian giải quyết trung bình',
    en: 'Average settlement time',
    formula:
      'Σ (end − receipt − paused time) / dossiers settled with a result in the period, in days (shown, not scored)',
    target: null,
    maxPoints: null,
    unit: 'days',
  },
  {
    id: '3.1',
    group: 3,
    vi: 'Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến',
    en: 'Procedures offered online (full or partial)',
    formula:
      'procedures in force at the end of the period with online service (full or partial) / procedures under the competence of the units',
    target: 0.8,
    maxPoints: 6,
    unit: 'percent',
  },
  {
    id: '3.3',
    group: 3,
    vi: 'Tỷ lệ hồ sơ nộp trực tuyến',
    en: 'Online submission rate',
    formula: 'II.06a 4 / (4 + 5): dossiers received online (channel code 2) over all received in the period',
    target: 0.5,
    maxPoints: 6,
    unit: 'percent',
  },
  {
    id: '3.6',
    group: 5,
    vi: 'Tỷ lệ hồ sơ thanh toán trực tuyến',
    en: 'Dossiers paid online',
    formula: 'dossiers paid online / dossiers with fees: not computable, Motcua records no online payment',
    target: 0.8,
    maxPoints: 10,
    unit: 'percent',
  },
  {
    id: '4.2',
    group: 4,
    vi: 'Tỷ lệ hồ sơ được số hóa',
    en: 'Dossiers digitised',
    formula:
      'dossiers received in the period with component files attached and, when settled with a result that must be on paper, an electronic result file / dossiers received',
    target: 0.8,
    maxPoints: 11,
    unit: 'percent',
  },
  {
    id: '4.3',
    group: 4,
    vi: 'Tỷ lệ hồ sơ khai thác, sử dụng lại dữ liệu số hóa',
    en: 'Dossiers reusing digitised data',
    formula:
      'dossiers received in the period with at least one component reused from a database / dossiers received',
    target: 0.8,
    maxPoints: 11,
    unit: 'percent',
  },
  {
    id: '5.4',
    group: 6,
    vi: 'Mức độ hài lòng trong giải quyết TTHC',
    en: 'Satisfaction in handling',
    formula:
      '100 % − (late rate II.06a 10 / 7 + rate of settled dossiers rated 1 or 2 of 5 by the end of the period)',
    target: 0.9,
    maxPoints: 18,
    unit: 'percent',
  },
];

export const GRADES_766 = [
  { code: 'excellent', minPercent: 90, vi: 'Xuất sắc', en: 'Excellent' },
  { code: 'good', minPercent: 80, vi: 'Tốt', en: 'Good' },
  { code: 'fair', minPercent: 70, vi: 'Khá', en: 'Fair' },
  { code: 'average', minPercent: 50, vi: 'Trung bình', en: 'Average' },
  { code: 'weak', minPercent: 0, vi: 'Yếu', en: 'Weak' },
] as const;
export type Grade766 = (typeof GRADES_766)[number];

/** The grade of a score expressed as a percentage of the points that could be computed. */
export function grade766(percent: number): Grade766 {
  const found = GRADES_766.find((g) => percent >= g.minPercent);
  return found ?? GRADES_766[4];
}

/** Input of one indicator: a ratio's parts, a value (2.2), or null when the data does not exist. */
export type Indicator766Input =
  | { kind: 'ratio'; numerator: number; denominator: number }
  | { kind: 'value'; value: number | null }
  | { kind: 'not_available'; reason: string };

export interface Indicator766Result extends Indicator766 {
  numerator: number | null;
  denominator: number | null;
  /** Percentage (2 decimals) or days; null = N/A. */
  value: number | null;
  score: number | null;
  notAvailableReason: string | null;
}

export interface Evaluation766 {
  indicators: Indicator766Result[];
  groups: {
    group: number;
    vi: string;
    en: string;
    maxPoints: number;
    score: number | null;
    scoredMax: number;
  }[];
  /** Sum of the scores that could be computed. */
  score: number;
  /** Sum of the maximum points of the indicators that could be computed. */
  scoredMax: number;
  /** score / scoredMax in percent; null when nothing could be scored. */
  percent: number | null;
  grade: Grade766 | null;
}

/** Scores the indicators; an indicator without data (or with a zero denominator) is N/A and left out of the total. */
export function evaluate766(inputs: Partial<Record<Indicator766Id, Indicator766Input>>): Evaluation766 {
  const indicators = INDICATORS_766.map((def): Indicator766Result => {
    const input = inputs[def.id] ?? { kind: 'not_available', reason: 'No data' };
    if (input.kind === 'not_available') {
      return {
        ...def,
        numerator: null,
        denominator: null,
        value: null,
        score: null,
        notAvailableReason: input.reason,
      };
    }
    if (input.kind === 'value') {
      return {
        ...def,
        numerator: null,
        denominator: null,
        value: input.value === null ? null : round2(input.value),
        score: null,
        notAvailableReason: input.value === null ? 'Zero denominator' : null,
      };
    }
    const value = ratioPercent(input.numerator, input.denominator);
    const score =
      def.target !== null && def.maxPoints !== null ? score766(value, def.target, def.maxPoints) : null;
    return {
      ...def,
      numerator: input.numerator,
      denominator: input.denominator,
      value,
      score,
      notAvailableReason: value === null ? 'Zero denominator' : null,
    };
  });
  const groups = INDICATOR_GROUPS_766.map((g) => {
    const scored = indicators.filter((i) => i.group === g.group && i.score !== null);
    return {
      group: g.group,
      vi: g.vi,
      en: g.en,
      maxPoints: g.maxPoints,
      score: scored.length > 0 ? round2(scored.reduce((s, i) => s + (i.score ?? 0), 0)) : null,
      scoredMax: scored.reduce((s, i) => s + (i.maxPoints ?? 0), 0),
    };
  });
  const scoredIndicators = indicators.filter((i) => i.score !== null);
  const score = round2(scoredIndicators.reduce((s, i) => s + (i.score ?? 0), 0));
  const scoredMax = scoredIndicators.reduce((s, i) => s + (i.maxPoints ?? 0), 0);
  const percent = scoredMax > 0 ? round2((100 * score) / scoredMax) : null;
  return {
    indicators,
    groups,
    score,
    scoredMax,
    percent,
    grade: percent === null ? null : grade766(percent),
  };
}
