import { z } from 'zod';

export const FileView = z
  .object({
    id: z.uuid(),
    originalName: z.string(),
    contentType: z.string(),
    sizeBytes: z.number(),
    sha256: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'File' });
export type FileView = z.infer<typeof FileView>;

/** Content types accepted for dossier documents: scans and photos. */
export const ACCEPTED_CONTENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type AcceptedContentType = (typeof ACCEPTED_CONTENT_TYPES)[number];
