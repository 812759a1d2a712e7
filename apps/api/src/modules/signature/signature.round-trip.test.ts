import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCast, mustAct, receiveAtCounter, type Cast } from '../../../test/dossier-helpers.ts';
import { call, useTestContext } from '../../../test/test-context.ts';
import { startSandbox, type Sandbox } from '../../sandbox/sandbox-server.ts';
import { readFileBytes } from '../file/file.service.ts';
import { lookupPerson } from '../population/population.service.ts';
import { signPdf, verifyPdfSignature } from './pdf-signature.ts';
import { renderResultDocument } from './result-document.ts';
import { ensureTestCa, generateTestCa } from './test-ca.ts';
import fs from 'node:fs';

/**
 * Signed results (ADR 0013): signing + verification with the local test CA, issue_result
 * storing a signed PDF in the results repository, the public verification API, reuse of stored
 * documents, and the population registry adapter against the sandbox.
 */
const t = useTestContext();
let cast: Cast;
let procedureCode: string;
let sandbox: Sandbox;

const sampleInput = {
  agencyName: 'Sở Xây dựng tỉnh Thanh Hóa',
  dossierCode: 'T.SXD-260302-0009',
  procedureName: null,
  applicantName: 'Trần Thị Bình',
  resultNumber: '125/GPXD',
  summary: 'Giấy phép xây dựng',
  issuedAt: new Date('2026-03-09T03:00:00Z'),
  issuedBy: 'Văn thư',
  verifyUrl: 'https://motcua.test/xac-minh',
};

beforeAll(async () => {
  ensureTestCa(t.ctx.config.dataDir, { now: t.now(), agencyName: 'Sở Xây dựng tỉnh Thanh Hóa' });
  cast = await makeCast(t);
  procedureCode = (await t.newProcedure()).code;
  sandbox = await startSandbox({ httpPort: 0, smtpPort: 0 });
});
afterAll(async () => {
  await sandbox.close();
});

describe('PDF signing and verification with the test CA', () => {
  const ca = generateTestCa({ now: new Date(), agencyName: 'UBND tỉnh Thanh Hóa' });
  const root = new X509Certificate(ca.rootCertPem);

  async function signed(): Promise<Buffer> {
    return signPdf({
      pdf: await renderResultDocument(sampleInput),
      key: { p12: ca.p12, passphrase: ca.passphrase },
      signerName: 'UBND tỉnh Thanh Hóa',
      reason: 'Ket qua',
      location: 'Thanh Hoa',
      signingTime: new Date(),
    });
  }

  it('verifies a signed PDF: digest, CMS signature, chain to the root, signer and time', async () => {
    const r = verifyPdfSignature(await signed(), [root]);
    expect(r).toMatchObject({ isValid: true, problem: null, isDigestMatch: true, isTrusted: true });
    expect(r.subFilter).toBe('adbe.pkcs7.detached');
    expect(r.signer?.commonName).toBe('UBND tỉnh Thanh Hóa');
    expect(r.chain).toEqual(['UBND tỉnh Thanh Hóa', 'Motcua Test CA']);
    expect(r.signingTime).not.toBeNull();
  });

  it('finds one changed byte (invalid, digest mismatch) and a foreign CA (untrusted)', async () => {
    const pdf = await signed();
    const tampered = Buffer.from(pdf);
    tampered[200] = (tampered[200] ?? 0) ^ 0x01;
    const bad = verifyPdfSignature(tampered, [root]);
    // The whole report on failure (a flake seen once under load could not be reproduced).
    expect(bad).toMatchObject({ isValid: false, problem: 'DIGEST_MISMATCH', isDigestMatch: false });
    expect(bad.reason.vi).toContain('thay đổi');

    const other = generateTestCa({ now: new Date(), agencyName: 'Khác', rootName: 'Other CA' });
    const untrusted = verifyPdfSignature(pdf, [new X509Certificate(other.rootCertPem)]);
    expect(untrusted).toMatchObject({ isValid: false, problem: 'UNTRUSTED', isDigestMatch: true });
  });

  it('says a PDF without a signature is not signed', async () => {
    const r = verifyPdfSignature(await renderResultDocument(sampleInput), [root]);
    expect(r.problem).toBe('NOT_SIGNED');
  });
});

async function upload(token: string, data: Buffer, type: string, name: string): Promise<string> {
  const app = await t.app();
  const res = await app.inject({
    method: 'POST',
    url: `/api/files?name=${encodeURIComponent(name)}`,
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    payload: data,
  });
  expect(res.statusCode).toBe(201);
  return res.json<{ id: string }>().id;
}

async function toApproved(extra: Record<string, unknown> = {}) {
  const received = await receiveAtCounter(t, cast, procedureCode, extra);
  const code = received.code;
  let d = await mustAct(t, cast.receiving.token, code, { action: 'transfer', expectedVersion: 1 });
  d = await mustAct(t, cast.divisionHead.token, code, {
    action: 'complete_step',
    expectedVersion: d.version,
    assigneeId: cast.specialist.id,
  });
  d = await mustAct(t, cast.specialist.token, code, { action: 'complete_step', expectedVersion: d.version });
  d = await mustAct(t, cast.leader.token, code, { action: 'approve', expectedVersion: d.version });
  return { code, version: d.version };
}

async function verifyApi(data: Buffer) {
  const app = await t.app();
  const res = await app.inject({
    method: 'POST',
    url: '/api/public/signatures/verify',
    headers: { 'content-type': 'application/pdf' },
    payload: data,
  });
  return { status: res.statusCode, json: res.json<Record<string, unknown>>() };
}

describe('issue_result signs the result and stores it per applicant', () => {
  it('signs the uploaded PDF, keeps the original, and the verification API recognises it', async () => {
    const { code, version } = await toApproved();
    const original = await renderResultDocument(sampleInput);
    const fileId = await upload(cast.clerk.token, original, 'application/pdf', 'giay-phep.pdf');
    const d = await mustAct(t, cast.clerk.token, code, {
      action: 'issue_result',
      expectedVersion: version,
      resultNumber: '125/GPXD',
      summary: 'Giấy phép xây dựng số 125/GPXD',
      fileId,
    });
    expect(d.status).toBe('result_ready');
    const result = d['result'] as { fileId: string; originalFileId: string; signingMode: string };
    expect(result.signingMode).toBe('embedded');
    expect(result.originalFileId).toBe(fileId);
    expect(result.fileId).not.toBe(fileId);

    const stored = await t.db
      .selectFrom('issuedResult')
      .selectAll()
      .where('dossierCode', '=', code)
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ applicantIdNumber: '038190001234', signingMode: 'embedded' });
    // The original is kept unchanged.
    expect((await readFileBytes(t.ctx, fileId)).data.equals(original)).toBe(true);

    const signedPdf = (await readFileBytes(t.ctx, result.fileId)).data;
    const ok = await verifyApi(signedPdf);
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({
      isValid: true,
      issuedResult: { dossierCode: code, resultNumber: '125/GPXD' },
    });
    const tampered = Buffer.from(signedPdf);
    tampered[300] = (tampered[300] ?? 0) ^ 0x01;
    const bad = await verifyApi(tampered);
    expect(bad.json).toMatchObject({ isValid: false, problem: 'DIGEST_MISMATCH', issuedResult: null });

    // The public page answers the same through a plain form.
    const app = await t.app();
    const boundary = 'xminhBoundary';
    const form = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="tep"; filename="kq.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      signedPdf,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const page = await app.inject({
      method: 'POST',
      url: '/xac-minh',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: form,
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Chữ ký hợp lệ');
    expect(page.body).toContain(code);

    // The counter (receiving officer) sees the applicant's results by ID number; the look is
    // audited. Other officers, e.g. the specialist, may not look people up.
    const refused = await call(t, 'GET', '/api/officer/applicants/038190001234/results', {
      token: cast.specialist.token,
    });
    expect(refused.status).toBe(403);
    const seen = await call(t, 'GET', '/api/officer/applicants/038190001234/results', {
      token: cast.receiving.token,
    });
    expect(seen.status).toBe(200);
    expect((seen.json['results'] as unknown[]).length).toBeGreaterThanOrEqual(1);
    const audit = await t.db
      .selectFrom('auditLog')
      .select('eventType')
      .where('eventType', '=', 'result.repository_viewed')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(1);
  });

  it('wraps a scanned image in a signed cover PDF that carries its SHA-256', async () => {
    const { code, version } = await toApproved();
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 1)]);
    const fileId = await upload(cast.clerk.token, jpeg, 'image/jpeg', 'scan.jpg');
    const d = await mustAct(t, cast.clerk.token, code, {
      action: 'issue_result',
      expectedVersion: version,
      resultNumber: '126/GPXD',
      summary: 'Giấy phép',
      fileId,
    });
    const result = d['result'] as { fileId: string; signingMode: string };
    expect(result.signingMode).toBe('cover');
    const signedPdf = (await readFileBytes(t.ctx, result.fileId)).data;
    expect((await verifyApi(signedPdf)).json).toMatchObject({ isValid: true });
  });

  it('refuses a non-PDF on the verification API (415) and changes nothing', async () => {
    const app = await t.app();
    const res = await app.inject({
      method: 'POST',
      url: '/api/public/signatures/verify',
      headers: { 'content-type': 'application/pdf' },
      payload: Buffer.from('not a pdf'),
    });
    expect(res.statusCode).toBe(415);
  });
});

describe('citizen data store: reuse of stored documents', () => {
  it('lists my results and copies a stored document into a new file of mine', async () => {
    const citizen = await t.newCitizen();
    const pdf = await renderResultDocument(sampleInput);
    const own = await upload(citizen.token, pdf, 'application/pdf', 'don.pdf');
    const sub = await call(t, 'POST', '/api/dossiers', {
      token: citizen.token,
      body: {
        procedureCode,
        applicant: { kind: 'citizen', fullName: 'Công Dân', idNumber: citizen.idNumber, phone: '0987654321' },
        components: ['don', 'ban-ve', 'giay-to-dat'].map((code) => ({
          code,
          isProvided: true,
          fileIds: [own],
        })),
      },
    });
    expect(sub.status, JSON.stringify(sub.json)).toBe(201);
    const mine = await call(t, 'GET', '/api/me/documents', { token: citizen.token });
    expect(mine.status).toBe(200);
    const docs = mine.json['documents'] as { fileId: string }[];
    expect(docs.map((x) => x.fileId)).toContain(own);
    const reused = await call(t, 'POST', '/api/me/documents/reuse', {
      token: citizen.token,
      body: { fileId: own, componentCode: 'don' },
    });
    expect(reused.status).toBe(201);
    const copyId = reused.json['id'] as string;
    expect(copyId).not.toBe(own);
    expect((await readFileBytes(t.ctx, copyId)).data.equals(pdf)).toBe(true);
    const rows = await t.db.selectFrom('documentReuse').selectAll().where('newFileId', '=', copyId).execute();
    expect(rows).toHaveLength(1);
  });

  it("refuses another citizen's file (404 DOCUMENT_NOT_REUSABLE) and writes nothing", async () => {
    const a = await t.newCitizen();
    const b = await t.newCitizen();
    const file = await upload(a.token, await renderResultDocument(sampleInput), 'application/pdf', 'x.pdf');
    const res = await call(t, 'POST', '/api/me/documents/reuse', { token: b.token, body: { fileId: file } });
    expect(res.status).toBe(404);
    expect(res.json.error?.code).toBe('DOCUMENT_NOT_REUSABLE');
    const rows = await t.db
      .selectFrom('documentReuse')
      .selectAll()
      .where('sourceFileId', '=', file)
      .execute();
    expect(rows).toHaveLength(0);
  });
});

describe('population registry adapter against the sandbox', () => {
  function ctxWith(timeoutMs = 2000) {
    return {
      ...t.ctx,
      config: {
        ...t.ctx.config,
        POPULATION_REGISTRY_URL: sandbox.settings.POPULATION_REGISTRY_URL,
        POPULATION_REGISTRY_TOKEN: sandbox.settings.POPULATION_REGISTRY_TOKEN,
        INTEGRATION_TIMEOUT_MS: timeoutMs,
      },
    };
  }
  async function officerActor() {
    const row = await t.db
      .selectFrom('officer')
      .select(['id', 'fullName', 'username'])
      .where('id', '=', cast.receiving.id)
      .executeTakeFirstOrThrow();
    return {
      type: 'officer' as const,
      id: row.id,
      name: row.fullName,
      username: row.username,
      grants: [{ role: 'receiving_officer' as const, unitId: cast.tree.provinceCentre.id }],
    };
  }
  async function auditsFor(idNumber: string) {
    return t.db
      .selectFrom('auditLog')
      .selectAll()
      .where('eventType', '=', 'population.looked_up')
      .where('entityId', '=', idNumber)
      .execute();
  }

  it('prefills a known person and audits the lookup (who, which ID, why)', async () => {
    const person = await lookupPerson(ctxWith(), await officerActor(), '038090001234', {
      purpose: 'counter_intake',
      dossierCode: 'T.SXD-260302-0001',
    });
    expect(person).toMatchObject({ fullName: 'Nguyễn Văn An', birthDate: '1990-04-12', sex: 'male' });
    const audits = await auditsFor('038090001234');
    expect(audits).toHaveLength(1);
    expect(audits[0]?.actorId).toBe(cast.receiving.id);
    expect(JSON.stringify(audits[0]?.summary)).toContain('counter_intake');
  });

  it('answers an unknown ID with PERSON_NOT_FOUND, a 5xx and a timeout with INTEGRATION_UNAVAILABLE; all audited', async () => {
    const actor = await officerActor();
    await expect(
      lookupPerson(ctxWith(), actor, '038000000000', { purpose: 'counter_intake' }),
    ).rejects.toMatchObject({ code: 'PERSON_NOT_FOUND' });
    sandbox.population.faults.failNext({ kind: 'status', status: 503 });
    await expect(
      lookupPerson(ctxWith(), actor, '038185002345', { purpose: 'counter_intake' }),
    ).rejects.toMatchObject({ code: 'INTEGRATION_UNAVAILABLE' });
    sandbox.population.faults.failNext({ kind: 'delay', ms: 600 });
    await expect(
      lookupPerson(ctxWith(200), actor, '038072003456', { purpose: 'counter_intake' }),
    ).rejects.toMatchObject({ code: 'INTEGRATION_UNAVAILABLE' });
    expect(await auditsFor('038000000000')).toHaveLength(1);
    expect(await auditsFor('038185002345')).toHaveLength(1);
    expect(await auditsFor('038072003456')).toHaveLength(1);
  });

  it('is for receiving officers only: a citizen or a specialist gets 403 from the endpoint', async () => {
    const citizen = await t.newCitizen();
    const res = await call(t, 'GET', '/api/officer/population/038090001234', { token: citizen.token });
    expect(res.status).toBe(403);
    const specialist = await call(t, 'GET', '/api/officer/population/038090001234?purpose=counter_intake', {
      token: cast.specialist.token,
    });
    expect(specialist.status).toBe(403);
  });
});

it('keeps the test CA files in the data dir', () => {
  expect(fs.existsSync(`${t.ctx.config.dataDir}/signing/agency-signing.p12`)).toBe(true);
});
