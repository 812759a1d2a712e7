import crypto, { X509Certificate } from 'node:crypto';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { SignPdf } from '@signpdf/signpdf';
import { P12Signer } from '@signpdf/signer-p12';
import { SUBFILTER_ADOBE_PKCS7_DETACHED } from '@signpdf/utils';
import forge from 'node-forge';

/**
 * PAdES-style signatures of result PDFs (ADR 0013): a detached CMS (PKCS #7) SignedData over the
 * PDF's byte range, embedded in a signature dictionary (`/SubFilter /adbe.pkcs7.detached`) added
 * as an incremental update. Pure functions: bytes in, bytes out, no database.
 */

/** Room for the CMS blob in the placeholder (hex doubles it): certificate chain of two + RSA-4096. */
const SIGNATURE_LENGTH = 16_384;

export interface PdfSigningKey {
  /** PKCS #12 bundle: the signing key, its certificate and the issuing CA certificates. */
  p12: Buffer;
  passphrase: string;
}

export interface PdfSigningInput {
  pdf: Buffer;
  key: PdfSigningKey;
  /** Signer name written into the signature dictionary (/Name). */
  signerName: string;
  /** /Reason of the signature, e.g. "Ket qua ho so 000.00.06.H56-261207-0001". */
  reason: string;
  location: string;
  signingTime: Date;
}

/** The PDF cannot take a signature placeholder by plain string edits (e.g. cross-reference streams). */
export class PlaceholderNotSupportedError extends Error {}

/** Only ASCII in the signature dictionary strings: the plain placeholder writes them verbatim. */
function ascii(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '?')
    .replace(/[()\\]/g, ' ')
    .slice(0, 200);
}

/** Signs a PDF; throws `PlaceholderNotSupportedError` when the file's structure cannot take one. */
export async function signPdf(input: PdfSigningInput): Promise<Buffer> {
  let withPlaceholder: Buffer;
  try {
    withPlaceholder = plainAddPlaceholder({
      pdfBuffer: input.pdf,
      reason: ascii(input.reason),
      contactInfo: '',
      name: ascii(input.signerName),
      location: ascii(input.location),
      signingTime: input.signingTime,
      signatureLength: SIGNATURE_LENGTH,
      subFilter: SUBFILTER_ADOBE_PKCS7_DETACHED,
      appName: 'Motcua',
    });
  } catch (error) {
    throw new PlaceholderNotSupportedError(
      `The PDF cannot take a signature placeholder: ${(error as Error).message}`,
    );
  }
  const signer = new P12Signer(input.key.p12, { passphrase: input.key.passphrase });
  return new SignPdf().sign(withPlaceholder, signer, input.signingTime);
}

/** Subject common name and validity of the signing certificate in a PKCS #12 bundle. */
export function describeSigningKey(key: PdfSigningKey): { commonName: string; validTo: Date } {
  const p12 = forge.pkcs12.pkcs12FromAsn1(
    forge.asn1.fromDer(forge.util.createBuffer(key.p12.toString('binary'))),
    false,
    key.passphrase,
  );
  const keyBagType = forge.pki.oids['pkcs8ShroudedKeyBag'] as string;
  const certBagType = forge.pki.oids['certBag'] as string;
  const keyBag = p12.getBags({ bagType: keyBagType })[keyBagType]?.[0];
  const certs = p12.getBags({ bagType: certBagType })[certBagType] ?? [];
  const privateKey = keyBag?.key;
  if (!privateKey) throw new Error('The PKCS #12 file holds no private key');
  const cert = certs.find((b: forge.pkcs12.Bag) => {
    const pub = b.cert?.publicKey as forge.pki.rsa.PublicKey | undefined;
    return pub !== undefined && pub.n.compareTo(privateKey.n) === 0;
  })?.cert;
  if (!cert) throw new Error('The PKCS #12 file holds no certificate for its private key');
  const x509 = new X509Certificate(forge.pki.certificateToPem(cert));
  return { commonName: field(x509.subject, 'CN') ?? x509.subject, validTo: new Date(x509.validTo) };
}

// ---------------------------------------------------------------------------------------------
// Verification

export type SignatureProblem =
  | 'NOT_SIGNED'
  | 'MALFORMED'
  | 'NOT_WHOLE_DOCUMENT'
  | 'DIGEST_MISMATCH'
  | 'SIGNATURE_MISMATCH'
  | 'UNTRUSTED'
  | 'CERTIFICATE_EXPIRED';

export interface PdfSignatureReport {
  isValid: boolean;
  problem: SignatureProblem | null;
  /** Plain-language reason, Vietnamese and English. */
  reason: { vi: string; en: string };
  /** SHA-256 of the whole file. */
  sha256: string;
  signatureCount: number;
  subFilter: string | null;
  signer: {
    commonName: string;
    organisation: string | null;
    subject: string;
    issuer: string;
    serialNumber: string;
    validFrom: string;
    validTo: string;
  } | null;
  /** Issuer names from the signer up to the trusted root (empty when untrusted). */
  chain: string[];
  signingTime: string | null;
  isDigestMatch: boolean;
  isSignatureMatch: boolean;
  isTrusted: boolean;
}

const REASONS: Record<SignatureProblem | 'OK', { vi: string; en: string }> = {
  OK: {
    vi: 'Chữ ký số hợp lệ: tài liệu không bị thay đổi sau khi ký và chứng thư số do tổ chức tin cậy cấp.',
    en: 'The signature is valid: the document is unchanged since signing and the certificate chains to a trusted root.',
  },
  NOT_SIGNED: { vi: 'Tệp PDF không có chữ ký số.', en: 'The PDF carries no digital signature.' },
  MALFORMED: {
    vi: 'Chữ ký số trong tệp bị hỏng hoặc không đọc được.',
    en: 'The signature in the file is damaged or cannot be read.',
  },
  NOT_WHOLE_DOCUMENT: {
    vi: 'Chữ ký không bao phủ toàn bộ tệp: tài liệu đã bị thêm nội dung sau khi ký.',
    en: 'The signature does not cover the whole file: content was added after signing.',
  },
  DIGEST_MISMATCH: {
    vi: 'Nội dung tài liệu đã bị thay đổi sau khi ký (mã băm không khớp).',
    en: 'The document was changed after signing (the hash does not match).',
  },
  SIGNATURE_MISMATCH: {
    vi: 'Chữ ký số không khớp với chứng thư số của người ký.',
    en: "The signature does not verify with the signer's certificate.",
  },
  UNTRUSTED: {
    vi: 'Chứng thư số không do tổ chức cung cấp dịch vụ chứng thực tin cậy cấp.',
    en: 'The certificate does not chain to a trusted root.',
  },
  CERTIFICATE_EXPIRED: {
    vi: 'Chứng thư số không còn hiệu lực tại thời điểm ký.',
    en: 'The certificate was not valid at the signing time.',
  },
};

const OID = {
  signedData: '1.2.840.113549.1.7.2',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
} as const;

const DIGEST_BY_OID: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

interface ExtractedSignature {
  byteRange: [number, number, number, number];
  cms: Buffer;
  subFilter: string | null;
}

/** Every signature dictionary's byte range and CMS blob, in file order. */
function extractSignatures(pdf: Buffer): ExtractedSignature[] {
  const text = pdf.toString('latin1');
  const found: ExtractedSignature[] = [];
  const re = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const byteRange = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] as [
      number,
      number,
      number,
      number,
    ];
    const gapStart = byteRange[0] + byteRange[1];
    const gapEnd = byteRange[2];
    if (gapEnd <= gapStart || gapEnd > pdf.length) continue;
    const hex = text.slice(gapStart, gapEnd).replace(/^\s*</, '').replace(/>\s*$/, '').replace(/\s+/g, '');
    if (!/^[0-9a-fA-F]*$/.test(hex)) continue;
    // The placeholder is padded with zeros; DER tells its own length, trailing zeros are harmless.
    const cms = Buffer.from(hex.replace(/(00)+$/, ''), 'hex');
    // The signature dictionary holding this /ByteRange: look around it for /SubFilter.
    const around = text.slice(Math.max(0, m.index - 2000), Math.min(text.length, gapEnd + 2000));
    const sub = /\/SubFilter\s*\/([A-Za-z0-9.#_-]+)/.exec(around);
    found.push({ byteRange, cms, subFilter: sub?.[1] ?? null });
  }
  return found;
}

function report(
  problem: SignatureProblem | null,
  base: Omit<PdfSignatureReport, 'isValid' | 'problem' | 'reason'>,
): PdfSignatureReport {
  return { ...base, isValid: problem === null, problem, reason: REASONS[problem ?? 'OK'] };
}

function derOf(node: forge.asn1.Asn1): Buffer {
  return Buffer.from(forge.asn1.toDer(node).getBytes(), 'binary');
}

function children(node: forge.asn1.Asn1 | undefined): forge.asn1.Asn1[] {
  return node && Array.isArray(node.value) ? node.value : [];
}

function isContext(node: forge.asn1.Asn1, tag: number): boolean {
  return node.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && (node.type as number) === tag;
}

function oidOf(node: forge.asn1.Asn1 | undefined): string | null {
  if (!node || node.type !== forge.asn1.Type.OID || typeof node.value !== 'string') return null;
  return forge.asn1.derToOid(node.value);
}

function bytesOf(node: forge.asn1.Asn1 | undefined): Buffer {
  return node && typeof node.value === 'string' ? Buffer.from(node.value, 'binary') : Buffer.alloc(0);
}

function field(dn: string, key: string): string | null {
  for (const line of dn.split('\n')) {
    const i = line.indexOf('=');
    if (i > 0 && line.slice(0, i) === key) return line.slice(i + 1);
  }
  return null;
}

function signingTimeOf(attrs: forge.asn1.Asn1[]): Date | null {
  for (const a of attrs) {
    const [type, values] = children(a);
    if (oidOf(type) !== OID.signingTime) continue;
    const v = children(values)[0];
    if (!v || typeof v.value !== 'string') return null;
    if (v.type === forge.asn1.Type.UTCTIME) return forge.asn1.utcTimeToDate(v.value);
    if (v.type === forge.asn1.Type.GENERALIZEDTIME) return forge.asn1.generalizedTimeToDate(v.value);
  }
  return null;
}

function messageDigestOf(attrs: forge.asn1.Asn1[]): Buffer | null {
  for (const a of attrs) {
    const [type, values] = children(a);
    if (oidOf(type) === OID.messageDigest) return bytesOf(children(values)[0]);
  }
  return null;
}

/** The chain from `leaf` to a trusted root, or null. Issuers come from the CMS and the roots. */
function chainToTrustedRoot(
  leaf: X509Certificate,
  pool: readonly X509Certificate[],
  roots: readonly X509Certificate[],
): X509Certificate[] | null {
  const chain: X509Certificate[] = [leaf];
  let current = leaf;
  for (let depth = 0; depth < 8; depth += 1) {
    const root = roots.find((r) => current.checkIssued(r) && current.verify(r.publicKey));
    if (root) {
      if (root.fingerprint256 !== current.fingerprint256) chain.push(root);
      return chain;
    }
    const issuer = pool.find(
      (c) =>
        c.fingerprint256 !== current.fingerprint256 &&
        current.checkIssued(c) &&
        c.ca &&
        current.verify(c.publicKey),
    );
    if (!issuer) return null;
    chain.push(issuer);
    current = issuer;
  }
  return null;
}

/**
 * Verifies the last signature of a PDF: the byte range covers the whole file but the signature,
 * the digest of those bytes equals the signed `messageDigest` attribute, the CMS signature over
 * the signed attributes verifies with the signer's certificate, and that certificate chains to
 * one of `trustedRoots` and was valid at the signing time.
 */
export function verifyPdfSignature(
  pdf: Buffer,
  trustedRoots: readonly X509Certificate[],
): PdfSignatureReport {
  const base: Omit<PdfSignatureReport, 'isValid' | 'problem' | 'reason'> = {
    sha256: crypto.createHash('sha256').update(pdf).digest('hex'),
    signatureCount: 0,
    subFilter: null,
    signer: null,
    chain: [],
    signingTime: null,
    isDigestMatch: false,
    isSignatureMatch: false,
    isTrusted: false,
  };
  const signatures = extractSignatures(pdf);
  base.signatureCount = signatures.length;
  const sig = signatures.at(-1);
  if (!sig) return report('NOT_SIGNED', base);
  base.subFilter = sig.subFilter;

  let signerInfo: forge.asn1.Asn1[];
  let certificates: X509Certificate[];
  try {
    const root = forge.asn1.fromDer(forge.util.createBuffer(sig.cms.toString('binary')), false);
    const [contentType, explicit] = children(root);
    if (oidOf(contentType) !== OID.signedData) return report('MALFORMED', base);
    const signedData = children(children(explicit)[0]);
    const certSet = signedData.find((n) => isContext(n, 0));
    certificates = children(certSet).map((c) => new X509Certificate(derOf(c)));
    const signerInfos = signedData.at(-1);
    signerInfo = children(children(signerInfos)[0]);
  } catch {
    return report('MALFORMED', base);
  }
  const [, sid, digestAlgorithm, ...rest] = signerInfo;
  const signedAttrs = rest[0] && isContext(rest[0], 0) ? rest[0] : undefined;
  const signatureValue = signedAttrs ? rest[2] : rest[1];
  const hashName = DIGEST_BY_OID[oidOf(children(digestAlgorithm)[0]) ?? ''];
  if (!sid || !hashName || !signedAttrs || !signatureValue) return report('MALFORMED', base);

  // Signer certificate: IssuerAndSerialNumber (the serial is the second child).
  const serialHex = bytesOf(children(sid)[1]).toString('hex').replace(/^0+/, '').toUpperCase();
  const signerCert =
    certificates.find((c) => c.serialNumber.replace(/^0+/, '').toUpperCase() === serialHex) ??
    certificates[0];
  if (!signerCert) return report('MALFORMED', base);
  base.signer = {
    commonName: field(signerCert.subject, 'CN') ?? signerCert.subject,
    organisation: field(signerCert.subject, 'O'),
    subject: signerCert.subject.replace(/\n/g, ', '),
    issuer: signerCert.issuer.replace(/\n/g, ', '),
    serialNumber: signerCert.serialNumber,
    validFrom: new Date(signerCert.validFrom).toISOString(),
    validTo: new Date(signerCert.validTo).toISOString(),
  };
  const attrs = children(signedAttrs);
  const signingTime = signingTimeOf(attrs);
  base.signingTime = signingTime?.toISOString() ?? null;

  const [start, firstLength, secondStart, secondLength] = sig.byteRange;
  const expected = messageDigestOf(attrs);
  const signed = Buffer.concat([
    pdf.subarray(start, start + firstLength),
    pdf.subarray(secondStart, secondStart + secondLength),
  ]);
  const actual = crypto.createHash(hashName).update(signed).digest();
  base.isDigestMatch = expected !== null && expected.equals(actual);

  // The signature is over the DER of the signed attributes with the SET OF tag (RFC 5652 §5.4).
  const setOfAttrs = forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SET, true, attrs);
  try {
    base.isSignatureMatch = crypto.verify(
      hashName,
      derOf(setOfAttrs),
      signerCert.publicKey,
      bytesOf(signatureValue),
    );
  } catch {
    base.isSignatureMatch = false;
  }
  const chain = chainToTrustedRoot(signerCert, certificates, trustedRoots);
  base.isTrusted = chain !== null;
  base.chain = (chain ?? []).map((c) => field(c.subject, 'CN') ?? c.subject);

  if (!base.isDigestMatch) return report('DIGEST_MISMATCH', base);
  if (!base.isSignatureMatch) return report('SIGNATURE_MISMATCH', base);
  if (start !== 0 || secondStart + secondLength !== pdf.length) return report('NOT_WHOLE_DOCUMENT', base);
  if (!base.isTrusted) return report('UNTRUSTED', base);
  const at = signingTime ?? new Date();
  const isInForce = (c: X509Certificate) =>
    new Date(c.validFrom).getTime() <= at.getTime() && at.getTime() <= new Date(c.validTo).getTime();
  if (!(chain ?? []).every(isInForce)) return report('CERTIFICATE_EXPIRED', base);
  return report(null, base);
}
