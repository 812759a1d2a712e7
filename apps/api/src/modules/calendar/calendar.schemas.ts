import { DurationUnitSchema, LocalDateString } from '@motcua/domain';
import { z } from 'zod';

export const DueQuery = z.strictObject({
  from: z.iso.datetime({ offset: true }).meta({ example: '2026-02-11T10:00:00+07:00' }),
  amount: z.coerce.number().min(0).max(3650),
  unit: DurationUnitSchema,
  unit_id: z.uuid().optional(),
  same_day: z.enum(['true', 'false']).optional(),
});

export const ExplanationItemSchema = z
  .record(z.string(), z.unknown())
  .meta({ description: 'One counted, skipped or adjusted period' });

export const DueResult = z
  .object({
    from: z.string(),
    startedAt: z
      .string()
      .meta({ description: 'When counting started (next opening if received outside office hours)' }),
    dueAt: z.string(),
    totalWorkingMinutes: z.number().nullable(),
    calendarVersion: z.string(),
    explanation: z.array(ExplanationItemSchema),
    explanationText: z.object({ vi: z.array(z.string()), en: z.array(z.string()) }),
  })
  .meta({ id: 'DueResult' });

export const CalendarOverrideView = z.object({
  date: z.string(),
  kind: z.enum(['day_off', 'working_day']),
  name: z.string(),
  reference: z.string().nullable(),
  source: z
    .enum(['official', 'local'])
    .meta({ description: 'official: shipped with Motcua; local: entered by an administrator (wins)' }),
});

export const SetOverrideInput = z.strictObject({
  kind: z.enum(['day_off', 'working_day']),
  name: z.string().trim().min(2).max(200),
  reference: z.string().trim().max(200).optional(),
});

export const DaysQuery = z.strictObject({
  year: z.coerce.number().int().min(1976).max(2100),
  unit_id: z.uuid().optional(),
});

export const DayView = z.object({
  date: z.string(),
  kind: z.string(),
  isWorkingDay: z.boolean(),
  name: z.string().nullable(),
  reference: z.string().nullable(),
});

export const DateParam = z.strictObject({ date: LocalDateString });
