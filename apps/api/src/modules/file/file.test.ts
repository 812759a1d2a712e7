import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeCast, type Cast } from '../../../test/dossier-helpers.ts';
import { call, useTestContext, type TestCitizen } from '../../../test/test-context.ts';

const t = useTestContext();
let cast: Cast;
let owner: TestCitizen;
let stranger: TestCitizen;
let procedureCode: string;

beforeAll(async () => {
  t.setNow('2026-03-02T09:00:00+07:00');
  cast = await makeCast(t);
  owner = await t.newCitizen();
  stranger = await t.newCitizen();
  procedureCode = (await t.newProcedure()).code;
});

const MB = 1024 * 1024;

/* ------------------------------------------------------------------ real files, built byte by byte */

/** A one-page PDF 1.4 with a correct cross-reference table. */
function pdfFile(padding = 0): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
  ];
  const stream = `0 0 1 rg 72 720 200 50 re f\n%${'x'.repeat(padding)}\n`;
  objects.push(`<< /Length ${stream.length} >>\nstream\n${stream}endstream`);
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A PDF of exactly `size` bytes (the padding also changes the digits of /Length and the offsets). */
function pdfOfSize(size: number): Buffer {
  let padding = size - pdfFile(0).length;
  let pdf = pdfFile(padding);
  while (pdf.length !== size) {
    padding += size - pdf.length;
    pdf = pdfFile(padding);
  }
  return pdf;
}

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A 2×2 RGB PNG (a scanned stamp in miniature). */
function pngFile(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0); // width
  header.writeUInt32BE(2, 4); // height
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // colour type: RGB
  const rows = Buffer.from([0, 255, 0, 0, 255, 255, 255, 0, 255, 255, 255, 255, 0, 0]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', zlib.deflateSync(rows)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A baseline 1×1 greyscale JPEG (JFIF): one DC and one AC Huffman code, one block. */
function jpegFile(): Buffer {
  const segment = (marker: number, data: number[]) => [
    0xff,
    marker,
    (data.length + 2) >> 8,
    (data.length + 2) & 0xff,
    ...data,
  ];
  const oneCodeTable = (tableClass: number) => [tableClass, 1, ...Array<number>(15).fill(0), 0];
  return Buffer.from([
    0xff,
    0xd8, // SOI
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0]), // APP0 JFIF
    ...segment(0xdb, [0, ...Array<number>(64).fill(1)]), // DQT
    ...segment(0xc0, [8, 0, 1, 0, 1, 1, 1, 0x11, 0]), // SOF0 1×1, one component
    ...segment(0xc4, oneCodeTable(0x00)), // DHT DC 0
    ...segment(0xc4, oneCodeTable(0x10)), // DHT AC 0
    ...segment(0xda, [1, 1, 0, 0, 63, 0]), // SOS
    0x3f, // DC diff 0, then end of block, padded with 1 bits
    0xff,
    0xd9, // EOI
  ]);
}

/** A Windows executable renamed to .pdf. */
function exeFile(): Buffer {
  const exe = Buffer.alloc(256);
  exe.write('MZ', 0, 'latin1');
  exe.writeUInt32LE(0x80, 0x3c);
  exe.write('PE\0\0', 0x80, 'latin1');
  exe.write('This program cannot be run in DOS mode.', 0x40, 'latin1');
  return exe;
}

const HTML = Buffer.from(
  '<!DOCTYPE html><html><body><script>fetch("/api/me")</script>Tờ khai</body></html>',
  'utf8',
);

/* ------------------------------------------------------------------ helpers */

interface FileBody {
  id: string;
  originalName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
}

async function upload(
  token: string | undefined,
  data: Buffer,
  contentType: string | undefined,
  name = 'tai-lieu.pdf',
) {
  const app = await t.app();
  const res = await app.inject({
    method: 'POST',
    url: `/api/files?name=${encodeURIComponent(name)}`,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(contentType ? { 'content-type': contentType } : {}),
    },
    payload: data,
  });
  return {
    status: res.statusCode,
    json: res.json<Record<string, unknown> & { error?: { code: string; message: string } }>(),
  };
}

async function mustUpload(token: string, data: Buffer, contentType: string, name?: string) {
  const res = await upload(token, data, contentType, name);
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json as unknown as FileBody;
}

async function download(token: string | undefined, fileId: string) {
  const app = await t.app();
  return app.inject({
    method: 'GET',
    url: `/api/files/${fileId}`,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
}

function storageRoot(): string {
  return path.join(t.ctx.config.dataDir, 'files');
}

function storedFiles(): string[] {
  const root = storageRoot();
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .sort();
}

async function footprint() {
  const [files, audit] = await Promise.all([
    t.db
      .selectFrom('fileObject')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    t.db
      .selectFrom('auditLog')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('eventType', '=', 'file.uploaded')
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: Number(files.n), audit: Number(audit.n), stored: storedFiles() };
}

function sha256(data: Buffer): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

/* ------------------------------------------------------------------ tests */

describe('POST /api/files (upload)', () => {
  it('accepts a real PDF, JPEG and PNG, stores the bytes once and audits each upload', async () => {
    t.setNow('2026-03-02T09:15:00+07:00');
    const samples: [Buffer, string, string][] = [
      [pdfFile(), 'application/pdf', 'don-de-nghi.pdf'],
      [jpegFile(), 'image/jpeg', 'anh-chan-dung.jpg'],
      [pngFile(), 'image/png', 'ban-ve.png'],
    ];
    for (const [data, contentType, name] of samples) {
      const file = await mustUpload(owner.token, data, contentType, name);
      expect(file).toEqual({
        id: file.id,
        originalName: name,
        contentType,
        sizeBytes: data.length,
        sha256: sha256(data),
        createdAt: '2026-03-02T02:15:00.000Z',
      });
      expect(file.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const row = await t.db
        .selectFrom('fileObject')
        .select(['storageKey', 'uploadedByType', 'uploadedById', 'sha256', 'sizeBytes'])
        .where('id', '=', file.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({
        storageKey: `2026/03/${file.id}`,
        uploadedByType: 'citizen',
        uploadedById: owner.id,
        sha256: sha256(data),
        sizeBytes: data.length,
      });
      expect(fs.readFileSync(path.join(storageRoot(), '2026', '03', file.id)).equals(data)).toBe(true);
      const audit = await t.db
        .selectFrom('auditLog')
        .select(['actorType', 'actorId', 'summary', 'occurredAt'])
        .where('eventType', '=', 'file.uploaded')
        .where('entityId', '=', file.id)
        .execute();
      expect(audit).toEqual([
        {
          actorType: 'citizen',
          actorId: owner.id,
          summary: { contentType, sizeBytes: data.length },
          occurredAt: new Date('2026-03-02T09:15:00+07:00'),
        },
      ]);
    }
    // Officers upload too (scans at the counter).
    const scan = await mustUpload(cast.receiving.token, pngFile(), 'image/png', 'scan.png');
    const row = await t.db
      .selectFrom('fileObject')
      .select(['uploadedByType', 'uploadedById'])
      .where('id', '=', scan.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ uploadedByType: 'officer', uploadedById: cast.receiving.id });
    // No temporary file is left next to the stored ones.
    expect(storedFiles().filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps only a safe file name', async () => {
    const file = await mustUpload(
      owner.token,
      pdfFile(),
      'application/pdf',
      '../../etc/Đơn đề nghị<script>.pdf',
    );
    expect(file.originalName).toBe('Đơn đề nghị_script_.pdf');
    const hidden = await mustUpload(owner.token, pdfFile(), 'application/pdf', '..\\..\\.htaccess');
    expect(hidden.originalName).toBe('htaccess');
  });

  it('rejects content that is not what it claims with 415 and leaves nothing behind', async () => {
    const before = await footprint();
    const cases: [string, Buffer, string | undefined, string, string][] = [
      [
        '.exe renamed .pdf',
        exeFile(),
        'application/pdf',
        'setup.pdf',
        'Only PDF, JPEG and PNG files are accepted',
      ],
      [
        'HTML sent as a PDF',
        HTML,
        'application/pdf',
        'to-khai.pdf',
        'Only PDF, JPEG and PNG files are accepted',
      ],
      ['HTML as text/html', HTML, 'text/html', 'to-khai.html', 'Unsupported content type'],
      [
        '.exe as octet-stream',
        exeFile(),
        'application/octet-stream',
        'setup.exe',
        'Unsupported content type',
      ],
      [
        'PNG sent as a JPEG',
        pngFile(),
        'image/jpeg',
        'anh.jpg',
        'The file content is image/png but it was sent as image/jpeg',
      ],
      [
        'PDF sent as a PNG',
        pdfFile(),
        'image/png',
        'anh.png',
        'The file content is application/pdf but it was sent as image/png',
      ],
    ];
    for (const [label, data, contentType, name, message] of cases) {
      const res = await upload(owner.token, data, contentType, name);
      expect({ label, status: res.status, body: res.json }).toEqual({
        label,
        status: 415,
        body: { error: { code: 'UNSUPPORTED_MEDIA_TYPE', message } },
      });
    }
    const empty = await upload(owner.token, Buffer.alloc(0), 'application/pdf');
    expect(empty.status).toBe(400);
    expect(empty.json.error?.code).toBe('VALIDATION_FAILED');
    expect(await footprint()).toEqual(before);
  });

  it('accepts a file of exactly UPLOAD_MAX_MB (2 MB) and rejects one byte more with 413', async () => {
    const before = await footprint();
    const over = await upload(owner.token, pdfOfSize(2 * MB + 1), 'application/pdf', 'qua-lon.pdf');
    expect(over.status).toBe(413);
    expect(over.json).toEqual({
      error: {
        code: 'PAYLOAD_TOO_LARGE',
        message: 'Dữ liệu gửi lên quá lớn / The request body is too large: tối đa / at most (2 MB)',
        details: { limitBytes: 2 * MB },
      },
    });
    const far = await upload(owner.token, pdfOfSize(5 * MB), 'application/pdf', 'rat-lon.pdf');
    expect(far.status).toBe(413);
    expect(await footprint()).toEqual(before);

    const limit = await mustUpload(owner.token, pdfOfSize(2 * MB), 'application/pdf', 'vua-du.pdf');
    expect(limit.sizeBytes).toBe(2 * MB);
  });

  it('removes the stored bytes when the database refuses the row', async () => {
    const before = await footprint();
    await sql`CREATE FUNCTION test_refuse_file() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'simulated database failure'; END; $$`.execute(t.db);
    await sql`CREATE TRIGGER test_refuse_file BEFORE INSERT ON file_object FOR EACH ROW
      EXECUTE FUNCTION test_refuse_file()`.execute(t.db);
    try {
      const res = await upload(owner.token, pdfFile(), 'application/pdf');
      expect(res.status).toBe(500);
    } finally {
      await sql`DROP TRIGGER test_refuse_file ON file_object`.execute(t.db);
      await sql`DROP FUNCTION test_refuse_file()`.execute(t.db);
    }
    expect(await footprint()).toEqual(before);
  });

  it('needs a session and a file name', async () => {
    const anonymous = await upload(undefined, pdfFile(), 'application/pdf');
    expect(anonymous.status).toBe(401);
    expect(anonymous.json.error?.code).toBe('UNAUTHENTICATED');
    const app = await t.app();
    const noName = await app.inject({
      method: 'POST',
      url: '/api/files',
      headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'application/pdf' },
      payload: pdfFile(),
    });
    expect(noName.statusCode).toBe(400);
    expect(noName.json<{ error: { code: string } }>().error.code).toBe('VALIDATION_FAILED');
  });
});

describe('GET /api/files/{fileId} (download)', () => {
  it('gives the file to its uploader only, until it is attached to a dossier', async () => {
    const data = pngFile();
    const file = await mustUpload(owner.token, data, 'image/png', 'Bản vẽ mặt bằng.png');

    const mine = await download(owner.token, file.id);
    expect(mine.statusCode).toBe(200);
    expect(mine.rawPayload.equals(data)).toBe(true);
    expect(mine.headers['content-type']).toBe('image/png');
    expect(mine.headers['x-content-type-options']).toBe('nosniff');
    expect(mine.headers['content-disposition']).toBe(
      `inline; filename*=UTF-8''${encodeURIComponent('Bản vẽ mặt bằng.png')}`,
    );

    const notFound = { error: { code: 'FILE_NOT_FOUND', message: 'File not found' } };
    for (const [who, token] of [
      ['another citizen', stranger.token],
      ['a receiving officer', cast.receiving.token],
      ['an admin', cast.admin.token],
    ] as const) {
      const r = await download(token, file.id);
      expect({ who, status: r.statusCode, body: r.json<unknown>() }).toEqual({
        who,
        status: 404,
        body: notFound,
      });
    }
    const unknown = await download(owner.token, '00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual(notFound);
    expect((await download(owner.token, 'khong-phai-uuid')).statusCode).toBe(400);
    const anonymous = await download(undefined, file.id);
    expect(anonymous.statusCode).toBe(401);
  });

  it('gives an attached file to whoever can see the dossier, and to no one else', async () => {
    t.setNow('2026-03-03T09:00:00+07:00');
    const data = pdfFile();
    const file = await mustUpload(owner.token, data, 'application/pdf', 'don.pdf');
    const submitted = await call(t, 'POST', '/api/dossiers', {
      token: owner.token,
      body: {
        procedureCode,
        applicant: { kind: 'citizen', fullName: 'Nguyễn Văn An', idNumber: owner.idNumber },
        components: [
          { code: 'don', isProvided: true, fileIds: [file.id] },
          { code: 'ban-ve', isProvided: true, isReused: true },
          { code: 'giay-to-dat', isProvided: true, isReused: true },
        ],
      },
    });
    expect(submitted.status).toBe(201);
    const components = submitted.json['components'] as {
      code: string;
      files: { id: string; purpose: string }[];
    }[];
    expect(components.find((c) => c.code === 'don')?.files).toEqual([
      {
        id: file.id,
        originalName: 'don.pdf',
        contentType: 'application/pdf',
        sizeBytes: data.length,
        purpose: 'component',
      },
    ]);

    const expectations: [string, string, number][] = [
      ['uploader', owner.token, 200],
      ['receiving officer of the receiving section', cast.receiving.token, 200],
      ['admin of the province', cast.admin.token, 200],
      ['another citizen', stranger.token, 404],
      ['receiving officer of another commune', cast.outsider.token, 404],
      ['specialist of another department', cast.otherSpecialist.token, 404],
    ];
    for (const [who, token, status] of expectations) {
      const r = await download(token, file.id);
      expect({ who, status: r.statusCode }).toEqual({ who, status });
      if (status === 200) expect(r.rawPayload.equals(data)).toBe(true);
    }
  });

  it("does not let anyone attach someone else's file", async () => {
    const file = await mustUpload(owner.token, pdfFile(), 'application/pdf', 'cua-toi.pdf');
    const dossiersBefore = await t.db
      .selectFrom('dossier')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await call(t, 'POST', '/api/dossiers', {
      token: stranger.token,
      body: {
        procedureCode,
        applicant: { kind: 'citizen', fullName: 'Lê Thị Hoa', idNumber: stranger.idNumber },
        components: [
          { code: 'don', isProvided: true, fileIds: [file.id] },
          { code: 'ban-ve', isProvided: true, isReused: true },
          { code: 'giay-to-dat', isProvided: true, isReused: true },
        ],
      },
    });
    expect(res.status).toBe(404);
    expect(res.json).toEqual({
      error: { code: 'FILE_NOT_FOUND', message: 'A referenced file does not exist' },
    });
    const dossiersAfter = await t.db
      .selectFrom('dossier')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(dossiersAfter.n)).toBe(Number(dossiersBefore.n));
    expect((await download(stranger.token, file.id)).statusCode).toBe(404);
  });
});
