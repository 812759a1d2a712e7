import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';

/**
 * A local test certificate authority for tests and the demo (ADR 0013): a self-signed root
 * "Motcua Test CA" and a document-signing certificate for the agency issued by it, bundled with
 * the root in a PKCS #12 file. Not for production: a real deployment configures the agency's
 * certificate from a licensed CA (SIGNING_P12_FILE) and that CA's root (SIGNING_TRUSTED_ROOTS_FILE).
 */

export const TEST_CA_NAME = 'Motcua Test CA';
/** Passphrase of the demo PKCS #12 file (written next to it in README-test-ca.txt). */
export const TEST_CA_P12_PASSPHRASE = 'motcua-test';

export interface TestCaFiles {
  dir: string;
  /** Root certificate (PEM): the trusted root of the demo. */
  rootCertFile: string;
  /** Agency signing key + certificate + root (PKCS #12). */
  p12File: string;
  passphrase: string;
}

export interface GeneratedCa {
  rootCertPem: string;
  p12: Buffer;
  passphrase: string;
}

/** File names inside `<dataDir>/signing`. */
export function testCaFiles(dataDir: string): TestCaFiles {
  const dir = path.join(dataDir, 'signing');
  return {
    dir,
    rootCertFile: path.join(dir, 'test-ca-root.pem'),
    p12File: path.join(dir, 'agency-signing.p12'),
    passphrase: TEST_CA_P12_PASSPHRASE,
  };
}

function rsaKeys(): forge.pki.rsa.KeyPair {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKey: forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()),
    publicKey: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString()),
  };
}

function name(fields: { CN: string; O: string }): forge.pki.CertificateField[] {
  // UTF8String values so Vietnamese names survive (forge encodes them).
  return [
    { shortName: 'C', value: 'VN' },
    { shortName: 'O', value: fields.O, valueTagClass: forge.asn1.Type.UTF8 },
    { shortName: 'CN', value: fields.CN, valueTagClass: forge.asn1.Type.UTF8 },
  ] as forge.pki.CertificateField[];
}

function serial(): string {
  // Positive, 16 bytes.
  return `01${crypto.randomBytes(15).toString('hex')}`;
}

/**
 * Generates a root and an agency signing certificate. Validity runs from five years before `now`
 * (tests move the clock back) to ten years after.
 */
export function generateTestCa(input: {
  now: Date;
  agencyName: string;
  rootName?: string;
  passphrase?: string;
}): GeneratedCa {
  const notBefore = new Date(input.now.getTime() - 5 * 365 * 86_400_000);
  const notAfter = new Date(input.now.getTime() + 10 * 365 * 86_400_000);
  const rootName = input.rootName ?? TEST_CA_NAME;
  const passphrase = input.passphrase ?? TEST_CA_P12_PASSPHRASE;

  const rootKeys = rsaKeys();
  const root = forge.pki.createCertificate();
  root.publicKey = rootKeys.publicKey;
  root.serialNumber = serial();
  root.validity.notBefore = notBefore;
  root.validity.notAfter = notAfter;
  const rootSubject = name({ CN: rootName, O: 'Motcua (test)' });
  root.setSubject(rootSubject);
  root.setIssuer(rootSubject);
  root.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  root.sign(rootKeys.privateKey, forge.md.sha256.create());

  const leafKeys = rsaKeys();
  const leaf = forge.pki.createCertificate();
  leaf.publicKey = leafKeys.publicKey;
  leaf.serialNumber = serial();
  leaf.validity.notBefore = notBefore;
  leaf.validity.notAfter = notAfter;
  leaf.setSubject(name({ CN: input.agencyName, O: input.agencyName }));
  leaf.setIssuer(rootSubject);
  leaf.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'extKeyUsage', emailProtection: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  leaf.sign(rootKeys.privateKey, forge.md.sha256.create());

  const p12Asn1 = forge.pkcs12.toPkcs12Asn1(leafKeys.privateKey, [leaf, root], passphrase, {
    algorithm: '3des',
    friendlyName: 'motcua-signing',
  });
  return {
    rootCertPem: forge.pki.certificateToPem(root),
    p12: Buffer.from(forge.asn1.toDer(p12Asn1).getBytes(), 'binary'),
    passphrase,
  };
}

/**
 * Writes the test CA into `<dataDir>/signing` unless it is there already (or `force`). Returns
 * the file names and whether they were created now.
 */
export function ensureTestCa(
  dataDir: string,
  input: { now: Date; agencyName: string; force?: boolean },
): TestCaFiles & { isCreated: boolean } {
  const files = testCaFiles(dataDir);
  if (!input.force && fs.existsSync(files.p12File) && fs.existsSync(files.rootCertFile)) {
    return { ...files, isCreated: false };
  }
  const ca = generateTestCa({ now: input.now, agencyName: input.agencyName });
  fs.mkdirSync(files.dir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(files.rootCertFile, ca.rootCertPem);
  fs.writeFileSync(files.p12File, ca.p12, { mode: 0o600 });
  fs.writeFileSync(
    path.join(files.dir, 'README-test-ca.txt'),
    [
      `${TEST_CA_NAME}: a local test certificate authority made by Motcua for tests and the demo.`,
      'Signatures made with it verify only where this root is trusted. Do not use in production.',
      `  root certificate: ${path.basename(files.rootCertFile)}`,
      `  agency signing key + certificate (PKCS #12): ${path.basename(files.p12File)}, passphrase "${ca.passphrase}"`,
      '',
    ].join('\n'),
  );
  return { ...files, isCreated: true };
}
