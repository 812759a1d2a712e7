import { z } from 'zod';
import { isLocalDate, isLocalTime } from '../time/local-time.ts';

export const LocalDateString = z
  .string()
  .refine(isLocalDate, { message: 'Expected a date YYYY-MM-DD' })
  .meta({ description: 'Calendar date in Vietnam, YYYY-MM-DD', example: '2026-02-25' });

export const LocalTimeString = z
  .string()
  .refine(isLocalTime, { message: 'Expected a time HH:MM' })
  .meta({ description: 'Wall-clock time HH:MM', example: '07:00' });

/**
 * Electronic agency code (mã định danh điện tử, Decision 20/2020/QĐ-TTg): up to 35 characters of
 * [0-9A-Z.]. Stored as an opaque string: the hierarchy comes from parent links, never from parsing
 * (domain.md §2.4).
 */
export const AgencyCode = z
  .string()
  .regex(/^[0-9A-Z]+(\.[0-9A-Z]+)*$/, 'Agency code: groups of 0-9 A-Z separated by dots')
  .max(35)
  .meta({ example: '000.00.06.H56' });

export const UnitKind = z.enum([
  'province', // Ủy ban nhân dân tỉnh
  'department', // Sở, ban, ngành
  'division', // Phòng (inside a department)
  'commune', // Ủy ban nhân dân xã/phường
  'one_stop_section', // Bộ phận Một cửa / Trung tâm Phục vụ hành chính công
  'external', // an agency outside the province (tax office, police, ministry system)
]);
export type UnitKind = z.infer<typeof UnitKind>;

export const OfficeHoursSchema = z.strictObject({
  periods: z
    .array(z.strictObject({ start: LocalTimeString, end: LocalTimeString }))
    .min(1)
    .max(6),
});

/** Officer roles, scoped to a unit and its descendants (GLOSSARY.md). */
export const OfficerRole = z.enum([
  'receiving_officer', // cán bộ tiếp nhận và trả kết quả
  'specialist', // chuyên viên thụ lý
  'division_head', // lãnh đạo phòng
  'leader', // lãnh đạo cơ quan (approver, signer)
  'clerk', // văn thư
  'supervisor', // giám sát (TTPVHCC, province)
  'admin', // quản trị hệ thống
]);
export type OfficerRole = z.infer<typeof OfficerRole>;

export const OFFICER_ROLE_LABELS: Record<OfficerRole, { vi: string; en: string }> = {
  receiving_officer: { vi: 'Cán bộ tiếp nhận và trả kết quả', en: 'Receiving officer' },
  specialist: { vi: 'Chuyên viên thụ lý', en: 'Specialist' },
  division_head: { vi: 'Lãnh đạo phòng', en: 'Division head' },
  leader: { vi: 'Lãnh đạo cơ quan', en: 'Leader (approver)' },
  clerk: { vi: 'Văn thư', en: 'Clerk' },
  supervisor: { vi: 'Giám sát', en: 'Supervisor' },
  admin: { vi: 'Quản trị hệ thống', en: 'Administrator' },
};

export const ActorType = z.enum(['officer', 'citizen', 'system', 'anonymous']);
export type ActorType = z.infer<typeof ActorType>;

export const ApplicantKind = z.enum(['citizen', 'organisation']);
export type ApplicantKind = z.infer<typeof ApplicantKind>;
