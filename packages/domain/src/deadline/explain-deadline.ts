import type { DayKind } from '../calendar/calendar-types.ts';
import { addLocalDays, parseLocalDate, toLocalParts, type LocalDate } from '../time/local-time.ts';
import type { DeadlineResult, ExplanationItem, StartMovedReason } from './deadline-types.ts';

/**
 * Plain-language explanations of a deadline result, for the citizen (Vietnamese) and for English
 * readers. One line per event; consecutive non-working days are merged into one line
 * ("Không tính 14/02–22/02/2026: Nghỉ Tết Nguyên đán").
 */

interface Language {
  weekdays: readonly string[];
  /** e.g. "10:00 thứ Tư 11/02/2026". */
  at(weekday: string, time: string, date: string): string;
  duration(hours: number, minutes: number): string;
  startMoved: Record<StartMovedReason, string>;
  skippedLabel(kind: DayKind, name: string | undefined): string | null;
  weekendLabel: string;
  start(at: string): string;
  moved(to: string, reason: string): string;
  counted(duration: string, day: string, from: string, to: string): string;
  skipped(range: string, label: string): string;
  paused(from: string, to: string, duration: string, reason: string, isRestart: boolean): string;
  restarted(at: string, reason: string): string;
  extended(from: string, to: string, reason: string): string;
  rolledForward(to: string): string;
  endOfDay(to: string): string;
  due(at: string, isFirst: boolean): string;
}

const VIETNAMESE: Language = {
  weekdays: ['thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy', 'Chủ nhật'],
  at: (weekday, time, date) => `${time} ${weekday} ${date}`,
  duration: (hours, minutes) =>
    hours === 0 ? `${minutes} phút` : minutes === 0 ? `${hours} giờ` : `${hours} giờ ${minutes} phút`,
  startMoved: {
    before_opening: 'nhận trước giờ làm việc',
    lunch_break: 'nhận trong giờ nghỉ trưa',
    after_closing: 'nhận sau giờ làm việc',
    non_working_day: 'nhận vào ngày nghỉ',
    after_cutoff: 'nhận sau giờ chốt tiếp nhận trong ngày, trả kết quả vào ngày làm việc tiếp theo',
  },
  skippedLabel: (kind, name) => {
    if (kind === 'weekend') return null;
    const label = name ?? (kind === 'compensatory' ? 'bù' : 'lễ');
    return label.startsWith('Nghỉ') ? label : `Nghỉ ${label}`;
  },
  weekendLabel: 'Nghỉ cuối tuần',
  start: (at) => `Nhận hồ sơ lúc ${at}`,
  moved: (to, reason) => `Bắt đầu tính từ ${to} (${reason})`,
  counted: (duration, day, from, to) => `Tính ${duration} làm việc ngày ${day} (${from}–${to})`,
  skipped: (range, label) => `Không tính ${range}: ${label}`,
  paused: (from, to, duration, reason, isRestart) =>
    `Tạm dừng tính thời hạn từ ${from} đến ${to} (${duration} làm việc): ${reason}` +
    (isRestart ? '; thời hạn được tính lại từ đầu' : ''),
  restarted: (at, reason) => `Tính lại toàn bộ thời hạn từ ${at}: ${reason}`,
  extended: (from, to, reason) => `Gia hạn từ ${from} đến ${to}: ${reason}`,
  rolledForward: (to) => `Hạn rơi vào ngày nghỉ, chuyển sang ${to}`,
  endOfDay: (to) => `Hạn được tính đến hết giờ làm việc: ${to}`,
  due: (at, isFirst) => (isFirst ? `Hạn trả kết quả: ${at}` : `Hạn trả kết quả mới: ${at}`),
};

const ENGLISH: Language = {
  weekdays: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  at: (weekday, time, date) => `${time} on ${weekday} ${date}`,
  duration: (hours, minutes) =>
    hours === 0 ? `${minutes} min` : minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`,
  startMoved: {
    before_opening: 'received before opening time',
    lunch_break: 'received during the lunch break',
    after_closing: 'received after closing time',
    non_working_day: 'received on a day off',
    after_cutoff: 'received after the daily cut-off, so the result is due the next working day',
  },
  skippedLabel: (kind, name) => {
    switch (kind) {
      case 'weekend':
        return null;
      case 'holiday':
        return `public holiday (${name ?? 'Labour Code'})`;
      case 'compensatory':
        return `compensatory day off (${name ?? 'Nghỉ bù'})`;
      case 'day_off':
        return `official day off (${name ?? 'Government decision'})`;
      case 'working':
      case 'swapped_working':
        return name ?? null;
    }
  },
  weekendLabel: 'weekend',
  start: (at) => `Received at ${at}`,
  moved: (to, reason) => `Counting starts at ${to} (${reason})`,
  counted: (duration, day, from, to) => `Counted ${duration} of working time on ${day} (${from}–${to})`,
  skipped: (range, label) => `Not counted ${range}: ${label}`,
  paused: (from, to, duration, reason, isRestart) =>
    `Clock paused from ${from} to ${to} (${duration} of working time): ${reason}` +
    (isRestart ? '; the time limit starts again in full' : ''),
  restarted: (at, reason) => `Time limit restarted in full from ${at}: ${reason}`,
  extended: (from, to, reason) => `Due date extended from ${from} to ${to}: ${reason}`,
  rolledForward: (to) => `The due date fell on a day off and moves to ${to}`,
  endOfDay: (to) => `Due at the end of the working day: ${to}`,
  due: (at, isFirst) => (isFirst ? `Due: ${at}` : `New due date: ${at}`),
};

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function formatInstant(value: string, lang: Language): string {
  const p = toLocalParts(new Date(value));
  return lang.at(
    lang.weekdays[p.isoWeekday - 1] ?? '',
    `${pad2(p.hour)}:${pad2(p.minute)}`,
    `${pad2(p.day)}/${pad2(p.month)}/${p.year}`,
  );
}

function formatClock(value: string): string {
  const p = toLocalParts(new Date(value));
  return `${pad2(p.hour)}:${pad2(p.minute)}`;
}

function formatDay(date: LocalDate, lang: Language): string {
  const { year, month, day } = parseLocalDate(date);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return `${lang.weekdays[(weekday + 6) % 7] ?? ''} ${pad2(day)}/${pad2(month)}/${year}`;
}

function formatDateRange(from: LocalDate, to: LocalDate): string {
  const a = parseLocalDate(from);
  const b = parseLocalDate(to);
  if (from === to) return `${pad2(a.day)}/${pad2(a.month)}/${a.year}`;
  if (a.year === b.year) return `${pad2(a.day)}/${pad2(a.month)}–${pad2(b.day)}/${pad2(b.month)}/${b.year}`;
  return `${pad2(a.day)}/${pad2(a.month)}/${a.year}–${pad2(b.day)}/${pad2(b.month)}/${b.year}`;
}

function formatDuration(totalMinutes: number, lang: Language): string {
  const rounded = Math.round(totalMinutes);
  return lang.duration(Math.floor(rounded / 60), rounded % 60);
}

function explain(result: DeadlineResult, lang: Language): string[] {
  const lines: string[] = [];
  let group: { from: LocalDate; to: LocalDate; labels: string[] } | null = null;
  let dueCount = 0;
  function flush(): void {
    if (!group) return;
    const label = group.labels.length > 0 ? group.labels.join(', ') : lang.weekendLabel;
    lines.push(lang.skipped(formatDateRange(group.from, group.to), label));
    group = null;
  }
  function line(item: ExplanationItem): string {
    switch (item.type) {
      case 'start':
        return lang.start(formatInstant(item.at, lang));
      case 'start_moved':
        return lang.moved(formatInstant(item.to, lang), lang.startMoved[item.reason]);
      case 'counted':
        return lang.counted(
          formatDuration(item.minutes, lang),
          formatDay(item.date, lang),
          formatClock(item.from),
          formatClock(item.to),
        );
      case 'skipped':
        return '';
      case 'paused':
        return lang.paused(
          formatInstant(item.from, lang),
          formatInstant(item.to, lang),
          formatDuration(item.workingMinutes, lang),
          item.reason,
          item.mode === 'restart',
        );
      case 'restarted':
        return lang.restarted(formatInstant(item.at, lang), item.reason);
      case 'extended':
        return lang.extended(formatInstant(item.from, lang), formatInstant(item.to, lang), item.reason);
      case 'rolled_forward':
        return lang.rolledForward(formatInstant(item.to, lang));
      case 'end_of_day':
        return lang.endOfDay(formatInstant(item.to, lang));
      case 'due':
        dueCount++;
        return lang.due(formatInstant(item.at, lang), dueCount === 1);
    }
  }
  for (const item of result.items) {
    if (item.type === 'skipped') {
      const label = lang.skippedLabel(item.dayKind, item.name);
      if (group && addLocalDays(group.to, 1) === item.fromDate) {
        group.to = item.toDate;
      } else {
        flush();
        group = { from: item.fromDate, to: item.toDate, labels: [] };
      }
      if (label !== null && !group.labels.includes(label)) group.labels.push(label);
      continue;
    }
    flush();
    lines.push(line(item));
  }
  flush();
  return lines;
}

/** Lines a citizen can read, e.g. "Không tính 14/02–22/02/2026: Nghỉ Tết Nguyên đán". */
export function explainInVietnamese(result: DeadlineResult): string[] {
  return explain(result, VIETNAMESE);
}

/** The same explanation in English (holiday names stay in Vietnamese). */
export function explainInEnglish(result: DeadlineResult): string[] {
  return explain(result, ENGLISH);
}
