import { OfficerRole } from '@motcua/domain';
import { ApplicantKind, IdNumber, TaxCode, VnPhone } from '@motcua/domain';
import { z } from 'zod';

export const Password = z.string().min(1).max(200);

export const OfficerLoginInput = z.strictObject({
  username: z.string().trim().toLowerCase().min(1).max(64),
  password: Password,
});

export const CitizenLoginInput = z.strictObject({
  /** ID number (citizen) or tax code (organisation). */
  identifier: z.string().trim().min(1).max(20),
  password: Password,
});

export const CitizenRegistrationInput = z
  .strictObject({
    kind: ApplicantKind,
    fullName: z.string().trim().min(2).max(200),
    idNumber: IdNumber.optional(),
    taxCode: TaxCode.optional(),
    phone: VnPhone.optional(),
    email: z.email().max(200).optional(),
    address: z.string().trim().min(1).max(500).optional(),
    password: Password,
    preferredLanguage: z.enum(['vi', 'en']).default('vi'),
  })
  .refine((a) => (a.kind === 'citizen' ? Boolean(a.idNumber) : Boolean(a.taxCode)), {
    message: 'A citizen needs an ID number; an organisation needs a tax code',
    path: ['idNumber'],
  });

export const RoleGrant = z.object({
  id: z.uuid(),
  role: OfficerRole,
  unitId: z.uuid(),
  unitName: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  delegatedById: z.uuid().nullable(),
});

export const Me = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('officer'),
    id: z.uuid(),
    username: z.string(),
    fullName: z.string(),
    roles: z.array(RoleGrant),
  }),
  z.object({
    type: z.literal('citizen'),
    id: z.uuid(),
    fullName: z.string(),
    kind: ApplicantKind,
    idNumber: z.string().nullable(),
    taxCode: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    address: z.string().nullable(),
    preferredLanguage: z.enum(['vi', 'en']),
  }),
]);
export type Me = z.infer<typeof Me>;

export const LoginResult = z.object({
  token: z.string().meta({ description: 'Bearer token; also set as the HttpOnly cookie motcua_session' }),
  expiresAt: z.string(),
  me: Me,
});
export type LoginResult = z.infer<typeof LoginResult>;

export const CreateOfficerInput = z.strictObject({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9._-]{3,64}$/, 'Login name: 3-64 of a-z 0-9 . _ -'),
  fullName: z.string().trim().min(2).max(200),
  title: z.string().trim().max(200).optional(),
  email: z.email().max(200).optional(),
  phone: VnPhone.optional(),
  password: Password,
  roles: z
    .array(z.strictObject({ role: OfficerRole, unitId: z.uuid() }))
    .max(20)
    .default([]),
});

export const GrantRoleInput = z.strictObject({
  role: OfficerRole,
  unitId: z.uuid(),
  validFrom: z.iso.datetime({ offset: true }).optional(),
  validTo: z.iso.datetime({ offset: true }).optional(),
  note: z.string().trim().max(500).optional(),
});

export const OfficerSummary = z.object({
  id: z.uuid(),
  username: z.string(),
  fullName: z.string(),
  title: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  isActive: z.boolean(),
  roles: z.array(RoleGrant),
});
export type OfficerSummary = z.infer<typeof OfficerSummary>;
