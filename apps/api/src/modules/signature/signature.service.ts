import crypto, { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import type { Config } from '../../config.ts';
import type { DbTransaction } from '../../db/database.ts';
import { AppError } from '../../errors/app-error.ts';
import type { Actor } from '../../shared/actor.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { requireAuthenticated } from '../../shared/authz.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { readFileBytes, sniffContentType, storeFileInTransaction } from '../file/file.service.ts';
import { findIssuedResultBySignedHash, recordIssuedResult } from '../result/result.service.ts';
import type { SigningMode } from '../result/result.schemas.ts';
import {
  PlaceholderNotSupportedError,
  describeSigningKey,
  signPdf,
  verifyPdfSignature,
  type PdfSigningKey,
} from './pdf-signature.ts';
import { renderResultDocument } from './result-document.ts';
import type { SignatureVerification } from './signature.schemas.ts';
import { testCaFiles } from './test-ca.ts';

/**
 * Signing of result documents and verification of signed PDFs (ADR 0013). The key comes from
 * SIGNING_P12_FILE (+ SIGNING_P12_PASSWORD), else from the test CA in <data dir>/signing; the
 * verification trusts SIGNING_TRUSTED_ROOTS_FILE, else the test CA root there.
 */

export interface SigningKeyInfo {
  key: PdfSigningKey;
  signerName: string;
  file: string;
}

const keyCache = new Map<string, SigningKeyInfo>();

/** The configured signing key, or null when none is configured (results stay unsigned). */
export function signingKeyOf(config: Config): SigningKeyInfo | null {
  const test = testCaFiles(config.dataDir);
  const file = config.SIGNING_P12_FILE ?? (fs.existsSync(test.p12File) ? test.p12File : null);
  if (!file) return null;
  const passphrase = config.SIGNING_P12_FILE ? (config.SIGNING_P12_PASSWORD ?? '') : test.passphrase;
  const cacheKey = `${file}\u0000${passphrase}`;
  const cached = keyCache.get(cacheKey);
  if (cached) return cached;
  const key = { p12: fs.readFileSync(file), passphrase };
  const info = { key, signerName: describeSigningKey(key).commonName, file };
  keyCache.set(cacheKey, info);
  return info;
}

/** Root certificates the verification trusts. */
export function trustedRootsOf(config: Config): X509Certificate[] {
  const test = testCaFiles(config.dataDir);
  const file =
    config.SIGNING_TRUSTED_ROOTS_FILE ?? (fs.existsSync(test.rootCertFile) ? test.rootCertFile : null);
  if (!file) return [];
  const pem = fs.readFileSync(file, 'utf8');
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((b) => new X509Certificate(b));
}

export interface ResultToSign {
  dossier: {
    id: string;
    code: string;
    applicantName: string;
    applicantIdNumber: string | null;
    applicantAccountId: string | null;
  };
  procedureName: string | null;
  resultNumber: string;
  summary: string;
  /** The document the clerk uploaded, if any (already checked to be theirs). */
  fileId: string | null;
  issuedBy: string | null;
  now: Date;
}

export interface PreparedResult {
  /** The file delivered as the result: the signed PDF, or the upload when signing is off. */
  resultFileId: string | null;
  signingMode: SigningMode;
  /** Stores the signed PDF and the results-repository row inside the issue_result transaction. */
  write(trx: DbTransaction): Promise<void>;
}

function signedName(fileName: string): string {
  const base = fileName.replace(/\.[A-Za-z0-9]{1,5}$/, '');
  return `${base}-da-ky-so.pdf`;
}

/**
 * Signs the result of `issue_result` before its transaction (CPU work, file reads): the uploaded
 * PDF with an embedded signature; a scan, or a PDF that cannot take a placeholder, inside a signed
 * cover PDF that carries its SHA-256 and the file itself; no upload: a signed result notice.
 * Without a signing key the upload is delivered as it is (mode `unsigned`).
 */
export async function prepareSignedResult(
  ctx: AppContext,
  actor: Actor,
  input: ResultToSign,
): Promise<PreparedResult> {
  requireAuthenticated(actor);
  const signing = signingKeyOf(ctx.config);
  const original = input.fileId ? await readFileBytes(ctx, input.fileId) : null;
  const officerId = actor.type === 'officer' ? actor.id : null;
  const base = {
    dossierId: input.dossier.id,
    dossierCode: input.dossier.code,
    applicantAccountId: input.dossier.applicantAccountId,
    applicantIdNumber: input.dossier.applicantIdNumber,
    applicantName: input.dossier.applicantName,
    resultNumber: input.resultNumber,
    summary: input.summary,
    originalFileId: original?.file.id ?? null,
    issuedAt: input.now,
    issuedBy: officerId,
  };
  if (!signing) {
    return {
      resultFileId: input.fileId,
      signingMode: 'unsigned',
      async write(trx) {
        await recordIssuedResult(trx, {
          ...base,
          signedFileId: null,
          signedSha256: null,
          signingMode: 'unsigned',
          signerName: null,
          signedAt: null,
        });
      },
    };
  }

  const sign = (pdf: Buffer) =>
    signPdf({
      pdf,
      key: signing.key,
      signerName: signing.signerName,
      reason: `Ket qua ${input.resultNumber} - ho so ${input.dossier.code}`,
      location: ctx.config.SIGNING_LOCATION ?? ctx.config.PROVINCE_NAME,
      signingTime: input.now,
    });
  const documentInput = {
    agencyName: signing.signerName,
    dossierCode: input.dossier.code,
    procedureName: input.procedureName,
    applicantName: input.dossier.applicantName,
    resultNumber: input.resultNumber,
    summary: input.summary,
    issuedAt: input.now,
    issuedBy: input.issuedBy,
    verifyUrl: new URL('/xac-minh', ctx.config.PUBLIC_BASE_URL).toString(),
  };

  let signed: Buffer;
  let mode: SigningMode;
  if (!original) {
    signed = await sign(await renderResultDocument(documentInput));
    mode = 'generated';
  } else {
    let coverReason: string | null = null;
    signed = Buffer.alloc(0);
    if (sniffContentType(original.data) === 'application/pdf') {
      try {
        signed = await sign(original.data);
      } catch (error) {
        if (!(error instanceof PlaceholderNotSupportedError)) throw error;
        coverReason = 'cấu trúc PDF không cho phép chèn chữ ký / the PDF structure cannot take a signature';
      }
    } else {
      coverReason = 'văn bản là ảnh quét / the document is a scanned image';
    }
    if (coverReason === null) mode = 'embedded';
    else {
      mode = 'cover';
      signed = await sign(
        await renderResultDocument({
          ...documentInput,
          original: {
            fileName: original.file.originalName,
            contentType: original.file.contentType,
            sha256: original.file.sha256,
            data: original.data,
            reason: coverReason,
          },
        }),
      );
    }
  }
  const signedId = crypto.randomUUID();
  const signedSha256 = crypto.createHash('sha256').update(signed).digest('hex');
  const fileName = original ? signedName(original.file.originalName) : `ket-qua-${input.dossier.code}.pdf`;
  return {
    resultFileId: signedId,
    signingMode: mode,
    async write(trx) {
      await storeFileInTransaction(ctx, trx, actor, {
        id: signedId,
        data: signed,
        fileName,
        contentType: 'application/pdf',
        uploadedBy: { type: 'system', id: null },
        now: input.now,
      });
      await recordIssuedResult(trx, {
        ...base,
        signedFileId: signedId,
        signedSha256,
        signingMode: mode,
        signerName: signing.signerName,
        signedAt: input.now,
      });
      await recordAudit(
        trx,
        actor,
        {
          type: 'result.signed',
          entityType: 'dossier',
          entityId: input.dossier.id,
          summary: { code: input.dossier.code, resultNumber: input.resultNumber, signingMode: mode },
        },
        { at: input.now },
      );
    },
  };
}

/** Verifies an uploaded PDF against the trusted roots and says whether it is one of our results. */
export async function verifySignedPdf(ctx: AppContext, data: Buffer): Promise<SignatureVerification> {
  if (data.length === 0) throw new AppError('VALIDATION_FAILED', 'The file is empty');
  if (sniffContentType(data) !== 'application/pdf')
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Only PDF files carry a signature to verify');
  const report = verifyPdfSignature(data, trustedRootsOf(ctx.config));
  const ours = await findIssuedResultBySignedHash(ctx, report.sha256);
  return {
    ...report,
    issuedResult: ours
      ? {
          dossierCode: ours.dossierCode,
          resultNumber: ours.resultNumber,
          issuedAt: ours.issuedAt,
          signingMode: ours.signingMode,
        }
      : null,
  };
}
