import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCast, type Cast } from '../../../test/dossier-helpers.ts';
import { useSandboxedApp, type Json } from '../../../test/sandbox-harness.ts';
import { useTestContext } from '../../../test/test-context.ts';
import { EICAR, startClamdSandbox, type ClamdSandbox } from '../../sandbox/clamd-sandbox.ts';
import { attachmentFileId } from './exchange.service.ts';

/** Attachments of documents pushed by the hub: fetched through the outbox, checked, stored, downloadable. */
const t = useTestContext();
let cast: Cast;
let clamd: ClamdSandbox;
let serial = 0;
const h = useSandboxedApp(t, (s) => ({
  DOCUMENT_EXCHANGE_URL: s.settings.DOCUMENT_EXCHANGE_URL,
  DOCUMENT_EXCHANGE_TOKEN: s.settings.DOCUMENT_EXCHANGE_TOKEN,
  DOCUMENT_EXCHANGE_INBOUND_SECRET: s.settings.DOCUMENT_EXCHANGE_INBOUND_SECRET,
  INTEGRATION_TIMEOUT_MS: 1_000,
}));

beforeAll(async () => {
  t.setNow('2026-03-02T09:00:00+07:00');
  cast = await makeCast(t);
  clamd = await startClamdSandbox();
});

afterAll(async () => {
  await clamd.close();
});

function pdf(text: string): Buffer {
  return Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n`, 'utf8');
}

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('motcua-test-image'),
]);

/** A hub document for the department, with the given attachment listing. */
function hubDocument(attachments: unknown[]) {
  serial += 1;
  return {
    type: 'document',
    id: `lgsp-att-${serial}-${crypto.randomUUID().slice(0, 8)}`,
    senderAgencyCode: 'G01.BTP',
    senderName: 'Bộ Tư pháp',
    recipientAgencyCode: cast.tree.department.agencyCode,
    documentNumber: `${serial}/BTP-HCTP`,
    summary: 'Trả lời đề nghị xác minh, kèm văn bản',
    attachments,
  };
}

async function push(payload: Record<string, unknown>) {
  const call = h.sandbox.exchange.signedPush(payload, t.now());
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/integrations/exchange/inbound',
    headers: { 'content-type': 'application/json', 'motcua-signature': call.signature },
    payload: call.body,
  });
  return { status: res.statusCode, json: res.json<Json>() };
}

async function fetchJobs(documentId: string) {
  return t.db
    .selectFrom('outboxMessage')
    .select(['attempts', 'deadAt', 'processedAt', 'lastError'])
    .where('aggregateId', '=', documentId)
    .where('topic', '=', 'exchange.fetch_attachment')
    .orderBy('id')
    .execute();
}

async function documentRow(id: string) {
  return t.db
    .selectFrom('exchangedDocument')
    .select(['fileIds', 'lastError', 'status'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

async function download(documentId: string, fileId: string, token: string) {
  const res = await h.app.inject({
    method: 'GET',
    url: `/api/exchange/documents/${documentId}/files/${fileId}`,
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: res.statusCode, body: res.rawPayload, type: res.headers['content-type'] };
}

describe('inbound attachments (happy path)', () => {
  it('keeps the document at once, fetches every attachment with the hub token, stores it once, and the recipient downloads it', async () => {
    const id = `lgsp-att-ok-${crypto.randomUUID().slice(0, 8)}`;
    const letter = pdf('Công văn 45/BTP-HCTP');
    const letterListing = h.sandbox.exchange.offerAttachment(id, {
      id: 'cong-van',
      name: 'Công văn 45.pdf',
      contentType: 'application/pdf',
      data: letter,
    });
    const listing = [
      letterListing,
      // Without size and hash: stored as it comes.
      { id: 'ban-do', name: 'ban-do.png' },
    ];
    h.sandbox.exchange.attachments.set(`${id}/ban-do`, { contentType: 'image/png', data: PNG });
    const first = await push({ ...hubDocument(listing), id });
    expect(first).toMatchObject({ status: 200, json: { isDuplicate: false, status: 'sent' } });
    const documentId = String(first.json['documentId']);
    // The document is there before any file is fetched.
    expect((await documentRow(documentId)).fileIds).toEqual([]);
    expect(await fetchJobs(documentId)).toHaveLength(2);
    // A repeated push adds no job.
    expect((await push({ ...hubDocument(listing), id })).json).toMatchObject({
      isDuplicate: true,
      documentId,
    });
    expect(await fetchJobs(documentId)).toHaveLength(2);

    await h.worker().drain();
    const expected = [attachmentFileId(documentId, 'cong-van'), attachmentFileId(documentId, 'ban-do')];
    const row = await documentRow(documentId);
    expect([...row.fileIds].sort()).toEqual([...expected].sort());
    expect(row.lastError).toBeNull();
    expect(h.sandbox.exchange.attachmentDownloads).toEqual([
      { documentId: id, attachmentId: 'cong-van', authorization: 'Bearer sandbox-exchange-token' },
      { documentId: id, attachmentId: 'ban-do', authorization: 'Bearer sandbox-exchange-token' },
    ]);
    const files = await t.db
      .selectFrom('fileObject')
      .select(['id', 'originalName', 'contentType', 'sha256', 'uploadedByType'])
      .where('id', 'in', expected)
      .execute();
    const byName = [...files].sort((a, b) => (a.originalName < b.originalName ? -1 : 1));
    expect(byName).toEqual([
      {
        id: expected[0],
        originalName: 'Công văn 45.pdf',
        contentType: 'application/pdf',
        sha256: letterListing.sha256,
        uploadedByType: 'system',
      },
      {
        id: expected[1],
        originalName: 'ban-do.png',
        contentType: 'image/png',
        sha256: crypto.createHash('sha256').update(PNG).digest('hex'),
        uploadedByType: 'system',
      },
    ]);

    // The view lists the files; the recipient unit's officer downloads the bytes.
    const inbox = await h.api('GET', '/api/exchange/inbox', cast.specialist.token);
    expect(inbox.json.find((d) => d.id === documentId)).toMatchObject({ fileIds: row.fileIds });
    const got = await download(documentId, expected[0] ?? '', cast.specialist.token);
    expect(got.status).toBe(200);
    expect(got.type).toBe('application/pdf');
    expect(got.body.equals(letter)).toBe(true);
    // Other units' officers and citizens do not; a file of another document is not served here.
    expect((await download(documentId, expected[0] ?? '', cast.outsider.token)).status).toBe(404);
    expect((await download(documentId, expected[0] ?? '', cast.otherSpecialist.token)).status).toBe(404);
    const citizen = await t.newCitizen();
    expect((await download(documentId, expected[0] ?? '', citizen.token)).status).toBe(403);
    expect((await download(documentId, crypto.randomUUID(), cast.specialist.token)).status).toBe(404);

    // Replaying a processed job (an admin's replay, a crash before it was marked done) stores nothing twice.
    await t.db
      .updateTable('outboxMessage')
      .set({ processedAt: null, availableAt: t.now() })
      .where('aggregateId', '=', documentId)
      .where('topic', '=', 'exchange.fetch_attachment')
      .execute();
    await h.worker().drain();
    expect((await documentRow(documentId)).fileIds).toHaveLength(2);
    expect(h.sandbox.exchange.attachmentDownloads).toHaveLength(2);
  });

  it('refuses a push with a malformed listing (bad hash, repeated id) and stores nothing', async () => {
    const bad = hubDocument([{ id: 'x', name: 'x.pdf', sha256: 'not-a-hash' }]);
    expect((await push(bad)).status).toBe(400);
    const repeated = hubDocument([
      { id: 'x', name: 'x.pdf' },
      { id: 'x', name: 'y.pdf' },
    ]);
    expect((await push(repeated)).status).toBe(400);
    const stored = await t.db
      .selectFrom('exchangedDocument')
      .select('id')
      .where('externalId', 'in', [bad.id, repeated.id])
      .execute();
    expect(stored).toEqual([]);
  });
});

describe('inbound attachments (failures)', () => {
  it('a hash mismatch fails the job with a clear error and retries; the right bytes are then stored', async () => {
    const payload = hubDocument([]);
    const good = pdf('Quyết định 7/QĐ-BTP');
    const listing = h.sandbox.exchange.offerAttachment(payload.id, {
      id: 'quyet-dinh',
      name: 'quyet-dinh.pdf',
      contentType: 'application/pdf',
      data: good,
    });
    // The hub serves corrupted bytes of the same size.
    const corrupt = Buffer.from(good);
    corrupt[corrupt.length - 8] = 0x58;
    h.sandbox.exchange.attachments.set(`${payload.id}/quyet-dinh`, {
      contentType: 'application/pdf',
      data: corrupt,
    });
    const pushed = await push({ ...payload, attachments: [listing] });
    const documentId = String(pushed.json['documentId']);

    await h.worker().runOnce();
    const [job] = await fetchJobs(documentId);
    expect(job).toMatchObject({ attempts: 1, deadAt: null, processedAt: null });
    expect(job?.lastError).toContain('quyet-dinh');
    expect(job?.lastError).toContain(`SHA-256 mismatch (the hub announced ${listing.sha256}`);
    const failed = await documentRow(documentId);
    expect(failed.fileIds).toEqual([]);
    expect(failed.lastError).toContain('SHA-256 mismatch');
    expect(failed.status).toBe('sent');

    // The hub serves the right bytes again: the retry stores them and clears the error.
    h.sandbox.exchange.attachments.set(`${payload.id}/quyet-dinh`, {
      contentType: 'application/pdf',
      data: good,
    });
    await h.worker().drain();
    expect(await fetchJobs(documentId)).toMatchObject([{ attempts: 2, deadAt: null }]);
    const stored = await documentRow(documentId);
    expect(stored.fileIds).toEqual([attachmentFileId(documentId, 'quyet-dinh')]);
    expect(stored.lastError).toBeNull();
  });

  it('a size different from the listing is retried too', async () => {
    const payload = hubDocument([]);
    const listing = h.sandbox.exchange.offerAttachment(payload.id, {
      id: 'phu-luc',
      name: 'phu-luc.pdf',
      contentType: 'application/pdf',
      data: pdf('Phụ lục'),
    });
    const pushed = await push({ ...payload, attachments: [{ ...listing, size: listing.size + 10 }] });
    await h.worker().runOnce();
    const [job] = await fetchJobs(String(pushed.json['documentId']));
    expect(job).toMatchObject({ attempts: 1, deadAt: null });
    expect(job?.lastError).toContain(
      `received ${listing.size} bytes, the hub announced ${listing.size + 10}`,
    );
  });

  it('a hub that is down (5xx, timeout) is retried; the document waits in the inbox meanwhile', async () => {
    const payload = hubDocument([]);
    const listing = h.sandbox.exchange.offerAttachment(payload.id, {
      id: 'to-trinh',
      name: 'to-trinh.pdf',
      contentType: 'application/pdf',
      data: pdf('Tờ trình'),
    });
    const pushed = await push({ ...payload, attachments: [listing] });
    const documentId = String(pushed.json['documentId']);
    h.sandbox.exchange.faults.failNext({ kind: 'status', status: 503 }, 2);
    h.sandbox.exchange.faults.failNext({ kind: 'delay', ms: 1_500 });
    await h.worker().runOnce();
    await h.worker().runOnce();
    expect((await fetchJobs(documentId))[0]?.lastError).toContain('HTTP 503');
    await h.worker().runOnce();
    expect((await fetchJobs(documentId))[0]?.lastError).toContain('no answer within 1000 ms');
    const inbox = await h.api('GET', '/api/exchange/inbox', cast.specialist.token);
    expect(inbox.json.find((d) => d.id === documentId)).toMatchObject({ fileIds: [] });

    await new Promise((r) => setTimeout(r, 600));
    await h.worker().drain();
    expect(await fetchJobs(documentId)).toMatchObject([{ attempts: 4, deadAt: null }]);
    expect((await documentRow(documentId)).fileIds).toEqual([attachmentFileId(documentId, 'to-trinh')]);
  });

  it('an attachment the hub does not have (404) or a file type we do not accept is dead-lettered at once', async () => {
    const payload = hubDocument([{ id: 'khong-co', name: 'khong-co.pdf' }]);
    const missing = await push(payload);
    await h.worker().drain();
    const [job] = await fetchJobs(String(missing.json['documentId']));
    expect(job).toMatchObject({ attempts: 1 });
    expect(job?.deadAt).not.toBeNull();
    expect(job?.lastError).toContain('HTTP 404');

    const other = hubDocument([]);
    const listing = h.sandbox.exchange.offerAttachment(other.id, {
      id: 'script',
      name: 'script.html',
      contentType: 'text/html',
      data: Buffer.from('<script>alert(1)</script>'),
    });
    const html = await push({ ...other, attachments: [listing] });
    await h.worker().drain();
    const [htmlJob] = await fetchJobs(String(html.json['documentId']));
    expect(htmlJob?.deadAt).not.toBeNull();
    expect(htmlJob?.lastError).toContain('only PDF, JPEG and PNG');
    expect((await documentRow(String(html.json['documentId']))).fileIds).toEqual([]);
  });

  it('is scanned when CLAMAV_URL is set: an infected attachment is dead-lettered and not stored', async () => {
    const scanning = { ...h.ctx, config: { ...h.ctx.config, CLAMAV_URL: clamd.url } };
    const payload = hubDocument([]);
    const clean = h.sandbox.exchange.offerAttachment(payload.id, {
      id: 'sach',
      name: 'sach.pdf',
      contentType: 'application/pdf',
      data: pdf('sạch'),
    });
    const infected = h.sandbox.exchange.offerAttachment(payload.id, {
      id: 'doc-hai',
      name: 'doc-hai.pdf',
      contentType: 'application/pdf',
      data: Buffer.from(`%PDF-1.4\n${EICAR}\n%%EOF\n`, 'latin1'),
    });
    const pushed = await push({ ...payload, attachments: [clean, infected] });
    const documentId = String(pushed.json['documentId']);
    const scansBefore = clamd.scans.length;
    await h.worker(scanning).drain();
    expect(clamd.scans.length).toBe(scansBefore + 2);
    const jobs = await fetchJobs(documentId);
    expect(jobs[0]).toMatchObject({ attempts: 1, deadAt: null });
    expect(jobs[1]?.deadAt).not.toBeNull();
    expect(jobs[1]?.lastError).toContain('malware');
    const row = await documentRow(documentId);
    expect(row.fileIds).toEqual([attachmentFileId(documentId, 'sach')]);
    const infectedFile = await t.db
      .selectFrom('fileObject')
      .select('id')
      .where('id', '=', attachmentFileId(documentId, 'doc-hai'))
      .execute();
    expect(infectedFile).toEqual([]);
  });
});
