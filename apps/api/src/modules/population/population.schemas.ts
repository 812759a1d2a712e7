import { z } from 'zod';

export const PopulationQuery = z.strictObject({
  /** Why the officer looks the person up (kept in the audit entry). */
  purpose: z.enum(['counter_intake', 'dossier_check']).default('counter_intake'),
  /** The dossier being handled, if there is one already. */
  dossierCode: z.string().trim().min(1).max(80).optional(),
});
export type PopulationQuery = z.infer<typeof PopulationQuery>;

/** A person as the population registry knows them, in the words of our applicant form. */
export const PopulationPersonView = z
  .object({
    idNumber: z.string(),
    fullName: z.string(),
    birthDate: z.string().nullable(),
    sex: z.enum(['male', 'female']).nullable(),
    permanentAddress: z.string().nullable(),
    nationality: z.string().nullable(),
    source: z.literal('population_registry'),
  })
  .meta({ id: 'PopulationPerson' });
export type PopulationPersonView = z.infer<typeof PopulationPersonView>;
