import { z } from 'zod';
import { FileView } from '../file/file.schemas.ts';

export const SigningMode = z.enum(['embedded', 'cover', 'generated', 'unsigned']);
export type SigningMode = z.infer<typeof SigningMode>;

/** One issued result in the results repository. */
export const IssuedResultView = z.object({
  dossierCode: z.string(),
  applicantName: z.string(),
  applicantIdNumber: z.string().nullable(),
  resultNumber: z.string(),
  summary: z.string(),
  issuedAt: z.string(),
  signingMode: SigningMode,
  signerName: z.string().nullable(),
  signedAt: z.string().nullable(),
  /** The signed PDF (or the uploaded document when signing is not configured). */
  fileId: z.string().nullable(),
  originalFileId: z.string().nullable(),
});
export type IssuedResultView = z.infer<typeof IssuedResultView>;

/** A document the citizen already gave (a component file of an earlier dossier). */
export const StoredDocumentView = z.object({
  fileId: z.string(),
  componentCode: z.string().nullable(),
  componentName: z.string().nullable(),
  dossierCode: z.string(),
  originalName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number(),
  addedAt: z.string(),
});
export type StoredDocumentView = z.infer<typeof StoredDocumentView>;

export const MyDocuments = z.object({
  results: z.array(IssuedResultView),
  documents: z.array(StoredDocumentView),
});
export type MyDocuments = z.infer<typeof MyDocuments>;

export const ReuseDocumentInput = z.strictObject({
  fileId: z.uuid(),
  componentCode: z.string().trim().min(1).max(100).optional(),
});
export type ReuseDocumentInput = z.infer<typeof ReuseDocumentInput>;

export const ReusedDocument = FileView;

export const ApplicantResults = z.object({
  idNumber: z.string(),
  results: z.array(IssuedResultView),
});
export type ApplicantResults = z.infer<typeof ApplicantResults>;
