import {
  explainInEnglish,
  explainInVietnamese,
  type DeadlineResult,
  type ExplanationItem,
} from '@motcua/domain';
import type { ReactNode } from 'react';
import { useLang, useT, type Lang, type Text } from '../app/i18n.tsx';
import { Alert, Button } from '../ui/ui.tsx';
import { plainError, type DeadlineRuleView, type ProcedureSummary } from './citizen-api.ts';

/** Small shared pieces of the citizen portal. */

const m = {
  error: { vi: 'Chưa làm được', en: 'That did not work' },
  retry: { vi: 'Thử lại', en: 'Try again' },
  sameDay: { vi: 'Trong ngày', en: 'Same working day' },
  full: { vi: 'Trực tuyến toàn trình', en: 'Fully online' },
  partial: { vi: 'Trực tuyến một phần', en: 'Partly online' },
  none: { vi: 'Nộp trực tiếp hoặc qua bưu điện', en: 'At the counter or by post' },
  fullHint: {
    vi: 'Nộp hồ sơ và nhận kết quả trên mạng, không phải đến cơ quan.',
    en: 'Submit and receive the result online, without visiting an office.',
  },
  partialHint: {
    vi: 'Nộp hồ sơ trên mạng; có thể phải đến nhận kết quả hoặc nộp bản gốc.',
    en: 'Submit online; you may have to collect the result or show originals in person.',
  },
  noneHint: { vi: 'Chưa nộp được trên mạng.', en: 'Cannot be submitted online yet.' },
  days: { vi: '{n} ngày làm việc', en: '{n} working days' },
  day: { vi: '{n} ngày làm việc', en: '{n} working day' },
  hours: { vi: '{n} giờ làm việc', en: '{n} working hours' },
  calendarDays: { vi: '{n} ngày', en: '{n} days' },
  free: { vi: 'Miễn phí', en: 'Free' },
};

/** "7 ngày làm việc", "Trong ngày" … */
export function ruleText(rule: DeadlineRuleView, lang: Lang): string {
  if (rule.isSameDay) return m.sameDay[lang];
  const n = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB').format(rule.amount);
  const text =
    rule.unit === 'working-days'
      ? rule.amount === 1
        ? m.day
        : m.days
      : rule.unit === 'working-hours'
        ? m.hours
        : m.calendarDays;
  return text[lang].replace('{n}', n);
}

export function useRuleText(): (rule: DeadlineRuleView) => string {
  const { lang } = useLang();
  return (rule) => ruleText(rule, lang);
}

type OnlineLevel = ProcedureSummary['onlineServiceLevel'];

/** Online service level with a text label (never colour alone). */
export function OnlineLevelBadge({ level, withHint = false }: { level: OnlineLevel; withHint?: boolean }) {
  const t = useT();
  const label = level === 'full' ? m.full : level === 'partial' ? m.partial : m.none;
  const hint = level === 'full' ? m.fullHint : level === 'partial' ? m.partialHint : m.noneHint;
  return (
    <>
      <span className={`badge c-online-${level}`}>{t(label)}</span>
      {withHint ? <span className="c-badge-hint">{t(hint)}</span> : null}
    </>
  );
}

/** Money in đồng, "Miễn phí" for zero. */
export function useMoney(): (vnd: number | null | undefined) => string {
  const t = useT();
  return (vnd) =>
    vnd === null || vnd === undefined
      ? '—'
      : vnd === 0
        ? t(m.free)
        : `${new Intl.NumberFormat('vi-VN').format(vnd)} ₫`;
}

/** An error in plain words, with an optional retry. */
export function CitizenError({
  error,
  onRetry,
  title,
}: {
  error: unknown;
  onRetry?: (() => void) | undefined;
  title?: Text;
}) {
  const t = useT();
  const { lang } = useLang();
  return (
    <Alert kind="error" title={t(title ?? m.error)}>
      <p>{plainError(error, lang)}</p>
      {onRetry ? (
        <Button variant="secondary" onClick={onRetry}>
          {t(m.retry)}
        </Button>
      ) : null}
    </Alert>
  );
}

/**
 * The explanation of a deadline without the day-by-day counting: the start, holidays, pauses,
 * extensions and the due date. The full list stays available in a disclosure.
 */
export function shortExplanation(
  deadline: { rule: unknown; startedAt: string; dueAt: string; items: readonly unknown[] },
  lang: Lang,
): string[] {
  const items = (deadline.items as ExplanationItem[]).filter(
    (i) => i.type !== 'counted' && !(i.type === 'skipped' && i.dayKind === 'weekend'),
  );
  const result: DeadlineResult = {
    rule: deadline.rule as DeadlineResult['rule'],
    startedAt: deadline.startedAt,
    dueAt: deadline.dueAt,
    totalWorkingMinutes: null,
    calendarVersion: '',
    items,
  };
  return lang === 'vi' ? explainInVietnamese(result) : explainInEnglish(result);
}

const ex = {
  allDays: { vi: 'Xem cách tính từng ngày', en: 'See the day-by-day count' },
};

/** Short explanation lines, and every counted day in a disclosure. */
export function DeadlineExplanation({
  deadline,
  fullText,
  intro,
}: {
  deadline: { rule: unknown; startedAt: string; dueAt: string; items: readonly unknown[] };
  fullText: { vi: readonly string[]; en: readonly string[] };
  intro?: ReactNode;
}) {
  const { lang } = useLang();
  const t = useT();
  const short = shortExplanation(deadline, lang);
  return (
    <div className="c-explain">
      {intro}
      <ul className="c-explain-list">
        {short.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ul>
      <details className="c-details">
        <summary>{t(ex.allDays)}</summary>
        <ol className="c-explain-full">
          {fullText[lang].map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ol>
      </details>
    </div>
  );
}

const longDateTime = {
  vi: new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    weekday: 'long',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }),
};

/** "17:00 Thứ Hai, 30/11/2026" in Vietnam time, for dates that matter to the citizen. */
export function useLongDateTime(): (iso: string | null | undefined) => string {
  const { lang } = useLang();
  return (iso) => (iso ? longDateTime[lang].format(new Date(iso)) : '—');
}
