import { z } from 'zod';
import { SigningMode } from '../result/result.schemas.ts';

export const SignatureProblem = z.enum([
  'NOT_SIGNED',
  'MALFORMED',
  'NOT_WHOLE_DOCUMENT',
  'DIGEST_MISMATCH',
  'SIGNATURE_MISMATCH',
  'UNTRUSTED',
  'CERTIFICATE_EXPIRED',
]);

/** Answer of POST /api/public/signatures/verify and the /xac-minh page. */
export const SignatureVerification = z
  .object({
    isValid: z.boolean(),
    problem: SignatureProblem.nullable(),
    reason: z.object({ vi: z.string(), en: z.string() }),
    sha256: z.string(),
    signatureCount: z.number(),
    subFilter: z.string().nullable(),
    signer: z
      .object({
        commonName: z.string(),
        organisation: z.string().nullable(),
        subject: z.string(),
        issuer: z.string(),
        serialNumber: z.string(),
        validFrom: z.string(),
        validTo: z.string(),
      })
      .nullable(),
    chain: z.array(z.string()),
    signingTime: z.string().nullable(),
    isDigestMatch: z.boolean(),
    isSignatureMatch: z.boolean(),
    isTrusted: z.boolean(),
    /** Set when the file is a result Motcua issued (recognised by its SHA-256). */
    issuedResult: z
      .object({
        dossierCode: z.string(),
        resultNumber: z.string(),
        issuedAt: z.string(),
        signingMode: SigningMode,
      })
      .nullable(),
  })
  .meta({ id: 'SignatureVerification' });
export type SignatureVerification = z.infer<typeof SignatureVerification>;
