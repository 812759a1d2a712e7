import { AgencyCode, LocalDateString, OfficeHoursSchema, UnitKind } from '@motcua/domain';
import { z } from 'zod';

export const UnitView = z
  .object({
    id: z.uuid(),
    agencyCode: z.string(),
    name: z.string(),
    shortName: z.string().nullable(),
    kind: UnitKind,
    parentId: z.uuid().nullable(),
    validFrom: z.string(),
    validTo: z.string().nullable(),
    successorId: z.uuid().nullable(),
    officeHours: OfficeHoursSchema.nullable(),
    address: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
  })
  .meta({ id: 'Unit' });
export type UnitView = z.infer<typeof UnitView>;

export const CreateUnitInput = z.strictObject({
  agencyCode: AgencyCode,
  name: z.string().trim().min(2).max(300),
  shortName: z.string().trim().max(100).optional(),
  kind: UnitKind,
  parentId: z.uuid().nullable(),
  validFrom: LocalDateString.optional(),
  officeHours: OfficeHoursSchema.optional(),
  address: z.string().trim().max(500).optional(),
  phone: z.string().trim().max(50).optional(),
  email: z.email().max(200).optional(),
});
export type CreateUnitInput = z.infer<typeof CreateUnitInput>;

export const UpdateUnitInput = z.strictObject({
  name: z.string().trim().min(2).max(300).optional(),
  shortName: z.string().trim().max(100).nullable().optional(),
  parentId: z.uuid().optional(),
  validTo: LocalDateString.nullable().optional(),
  successorId: z.uuid().nullable().optional(),
  officeHours: OfficeHoursSchema.nullable().optional(),
  address: z.string().trim().max(500).nullable().optional(),
  phone: z.string().trim().max(50).nullable().optional(),
  email: z.email().max(200).nullable().optional(),
});
export type UpdateUnitInput = z.infer<typeof UpdateUnitInput>;

export const UnitListQuery = z.strictObject({
  asOf: LocalDateString.optional(),
  kind: UnitKind.optional(),
});
