import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  formatClock,
  formatDateTime,
  formatLongDate,
  renderApologyLetter,
  renderControlSlip,
  renderReceiptSlip,
  renderRefusalSlip,
  renderStopNotice,
  renderSupplementRequest,
  resolveFontsDir,
  FONT_FILES,
  FONT_POSTSCRIPT_NAME,
} from './index.ts';
import {
  manyComponents,
  manyHandoffs,
  sampleApologyLetter,
  sampleControlSlip,
  sampleDossierCode,
  sampleLookupUrl,
  sampleReceiptSlip,
  sampleRefusalSlip,
  sampleStopNotice,
  sampleSupplementRequest,
  vn,
} from './document.test-helpers.ts';
import { inspectPdf, type PdfInspection } from './pdf-inspect.test-helpers.ts';

const A5 = [0, 0, 419.53, 595.28];
const A4 = [0, 0, 595.28, 841.89];

/** Every form: its renderer, data, title and some body text that must be extractable. */
const forms: Array<{
  name: string;
  render: () => Promise<Buffer>;
  issuedAt: Date;
  title: string;
  body: string[];
}> = [
  {
    name: 'Mẫu 01 receipt slip',
    render: () => renderReceiptSlip(sampleReceiptSlip()),
    issuedAt: sampleReceiptSlip().issuedAt,
    title: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
    body: ['Tiếp nhận hồ sơ của: Nguyễn Thị Hương', 'NGƯỜI NỘP HỒ SƠ', 'NGƯỜI TIẾP NHẬN HỒ SƠ', 'Lê Văn Đức'],
  },
  {
    name: 'Mẫu 02 supplement request',
    render: () => renderSupplementRequest(sampleSupplementRequest()),
    issuedAt: sampleSupplementRequest().issuedAt,
    title: 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
    body: ['Số: 125/HDHS', 'Thiếu bản vẽ mặt bằng móng', '0237 3 720 888', 'NGƯỜI HƯỚNG DẪN'],
  },
  {
    name: 'Mẫu 03 refusal slip',
    render: () => renderRefusalSlip(sampleRefusalSlip()),
    issuedAt: sampleRefusalSlip().issuedAt,
    title: 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ',
    body: ['từ chối tiếp nhận, giải quyết hồ sơ', 'quyết định thu hồi đất', 'NGƯỜI TIẾP NHẬN HỒ SƠ'],
  },
  {
    name: 'Mẫu 04 apology letter',
    render: () => renderApologyLetter(sampleApologyLetter()),
    issuedAt: sampleApologyLetter().issuedAt,
    title: 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
    body: [
      'Số: 07/PXL',
      'Kính gửi: Bà Nguyễn Thị Hương',
      'chưa trả kết quả giải quyết hồ sơ',
      'xin lỗi Ông/Bà',
      '16 giờ 00 phút, ngày 23/12/2026',
      'Nơi nhận:',
      'KT. GIÁM ĐỐC',
      'PHÓ GIÁM ĐỐC',
    ],
  },
  {
    name: 'Mẫu 05 control slip',
    render: () => renderControlSlip(sampleControlSlip()),
    issuedAt: sampleControlSlip().issuedAt,
    title: 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
    body: [
      'Tên cơ quan',
      'Thời gian giao, nhận hồ sơ',
      'Giao: 09 giờ 00 phút, ngày 25/11/2026',
      'Trước hạn',
      'Đúng hạn',
      'Quá hạn',
    ],
  },
  {
    name: 'stop notice',
    render: () => renderStopNotice(sampleStopNotice()),
    issuedAt: sampleStopNotice().issuedAt,
    title: 'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ',
    body: [
      'Số: 15/TB-TTPVHCC',
      'Ngày 30/11/2026, Ông/Bà có yêu cầu dừng giải quyết hồ sơ',
      'chưa ban hành quyết định giải quyết',
      'dừng giải quyết hồ sơ nêu trên',
    ],
  },
];

function pageWith(pdf: PdfInspection, text: string): number {
  return pdf.pages.findIndex((p) => p.flat.includes(text));
}

describe('fonts', () => {
  it('resolves the bundled fonts directory with every face and the licence', () => {
    const dir = resolveFontsDir();
    for (const file of Object.values(FONT_FILES)) expect(fs.existsSync(path.join(dir, file))).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'LICENSE-DejaVu.txt'), 'utf8')).toContain('Bitstream');
  });

  it('takes the fonts directory from the options, and fails clearly when it holds no font', async () => {
    const pdf = await renderReceiptSlip(sampleReceiptSlip(), { fontsDir: resolveFontsDir() });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-fonts-'));
    try {
      await expect(renderReceiptSlip(sampleReceiptSlip(), { fontsDir: empty })).rejects.toThrow(/font/i);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('Vietnamese date formatting', () => {
  it('prints dates in Vietnam time with the Decree 30 leading zeros', () => {
    expect(formatLongDate(vn(2026, 11, 25, 8, 30))).toBe('ngày 25 tháng 11 năm 2026');
    expect(formatLongDate(vn(2026, 2, 5))).toBe('ngày 05 tháng 02 năm 2026');
    expect(formatLongDate(vn(2026, 3, 5))).toBe('ngày 05 tháng 3 năm 2026');
    // 17:30 UTC on the 24th is 00:30 on the 25th in Vietnam.
    const lateUtc = new Date('2026-11-24T17:30:00Z');
    expect(formatLongDate(lateUtc)).toBe('ngày 25 tháng 11 năm 2026');
    expect(formatClock(lateUtc)).toBe('00 giờ 30 phút');
    expect(formatDateTime(vn(2026, 12, 2, 15, 5))).toBe('15 giờ 05 phút, ngày 02/12/2026');
  });
});

describe.each(forms)('$name', ({ render, issuedAt, title, body }) => {
  it('is an A5 PDF with the embedded Vietnamese font, QR code, header and text', async () => {
    const buffer = await render();
    const pdf = inspectPdf(buffer);
    expect(pdf.header.startsWith('%PDF-')).toBe(true);
    expect(pdf.pages.length).toBeGreaterThanOrEqual(1);
    for (const page of pdf.pages) expect(page.mediaBox).toEqual(A5);

    // The TrueType font is embedded (subset), not referenced.
    const latin1 = buffer.toString('latin1');
    expect(latin1).toContain('/FontFile2');
    expect(pdf.fonts.length).toBeGreaterThan(0);
    for (const f of pdf.fonts)
      expect(f.baseFont).toMatch(
        new RegExp(`^[A-Z]{6}\\+${FONT_POSTSCRIPT_NAME}(-Bold|-Italic|-BoldItalic)?$`),
      );

    // The ToUnicode maps cover the Vietnamese letters, so the text can be copied and searched.
    const mapped = new Set(pdf.fonts.flatMap((f) => [...f.toUnicode.values()]));
    for (const ch of ['ế', 'ậ', 'ơ', 'ư', 'đ', 'ạ', 'Ộ', 'Ủ', 'Ĩ'])
      expect(mapped, `ToUnicode maps ${ch}`).toContain(ch);

    // The QR code is an image XObject on the first page.
    expect(latin1).toMatch(/\/Subtype \/Image/);
    expect(pdf.pages[0]?.imageCount).toBeGreaterThanOrEqual(1);

    // National header, title, place and date, dossier code, and the form's own text.
    const first = pdf.pages[0]?.flat ?? '';
    expect(first).toContain('UBND TỈNH THANH HÓA');
    expect(first).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(first).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(first).toContain(`Thanh Hóa, ${formatLongDate(issuedAt)}`);
    expect(first).toContain(title);
    expect(first).toContain(sampleDossierCode);
    for (const text of body) expect(pdf.flat).toContain(text);

    // Metadata: title, author, language, and the creation date taken from issuedAt.
    expect(pdf.info.Title).toBe(title);
    expect(pdf.info.Author).toBe('Motcua');
    expect(pdf.root).toContain('/Lang (vi-VN)');
    const d = issuedAt.toISOString().replace(/[-:T]/g, '').slice(0, 14);
    expect(pdf.info.CreationDate).toBe(`D:${d}Z`);
  });

  it('is deterministic for a given input', async () => {
    const [a, b] = await Promise.all([render(), render()]);
    expect(a.equals(b)).toBe(true);
  });
});

describe('Mẫu 01 receipt slip', () => {
  it('prints the lookup secret, the lookup instruction and the times, the due date in bold', async () => {
    const pdf = inspectPdf(await renderReceiptSlip(sampleReceiptSlip()));
    expect(pdf.pages).toHaveLength(1);
    const page = pdf.pages[0];
    const text = page?.flat ?? '';
    expect(text).toContain('Mã tra cứu: K7QP-29XM');
    expect(text).toContain(`Tra cứu tại ${sampleLookupUrl}`);
    expect(text).toContain('hoặc quét mã QR');
    expect(text).toContain('(Liên 1: Giao người nộp hồ sơ)');
    expect(text).toContain('Số định danh cá nhân: 038190012345');
    expect(text).toContain('Email: huong.nguyen@example.vn');
    expect(text).toContain('Mã TTHC: 1.009994');
    expect(text).toContain('2. Số lượng hồ sơ: 01 (bộ)');
    expect(text).toContain('15 ngày làm việc');
    expect(text).toContain('4. Thời gian nhận hồ sơ: 08 giờ 30 phút, ngày 25/11/2026');
    expect(text).toContain('5. Ngày hẹn trả kết quả: 08 giờ 30 phút, ngày 16/12/2026');
    expect(text).toContain('Hồ sơ tiếp nhận sau 15 giờ 00 phút');
    expect(text).toContain('Trực tiếp tại Bộ phận Một cửa: Quầy số 5');
    expect(text).toContain('Quyển số: 03, Số thứ tự: 361');
    const due = page?.fragments.find((f) => f.text.includes('08 giờ 30 phút, ngày 16/12/2026'));
    expect(due?.font).toMatch(/-Bold$/);
    const received = page?.fragments.find((f) => f.text.includes('08 giờ 30 phút, ngày 25/11/2026'));
    expect(received?.font).toMatch(/\+DejaVuSerifCondensed$/);
  });

  it('continues a 40-row component table on new pages with the header row repeated', async () => {
    const pdf = inspectPdf(await renderReceiptSlip(sampleReceiptSlip(manyComponents(40))));
    const n = pdf.pages.length;
    expect(n).toBeGreaterThanOrEqual(3);
    // Every page carries the table header row, and every row is printed once, in order.
    for (const page of pdf.pages) expect(page.flat).toContain('Tên giấy tờBản chínhBản sao');
    let from = 0;
    for (let i = 1; i <= 40; i += 1) {
      const at = pdf.flat.indexOf(`Giấy tờ số ${i}:`, from);
      expect(at, `row ${i}`).toBeGreaterThan(-1);
      from = at + 1;
    }
    expect(pdf.flat.split('Giấy tờ số 40:')).toHaveLength(2);
    // The rest of the slip follows the table on the last page; pages are numbered.
    expect(pageWith(pdf, 'NGƯỜI TIẾP NHẬN HỒ SƠ')).toBe(n - 1);
    expect(pageWith(pdf, 'Giấy tờ số 1:')).toBe(0);
    for (let i = 0; i < n; i += 1)
      expect(pdf.pages[i]?.flat).toContain(`Mã hồ sơ: ${sampleDossierCode} · Trang ${i + 1}/${n}`);
  });

  it('prints decomposed (NFD) input with precomposed glyphs', async () => {
    const data = sampleReceiptSlip();
    data.applicant = { ...data.applicant, name: 'Nguyễn Thị Hương'.normalize('NFD') };
    const pdf = inspectPdf(await renderReceiptSlip(data));
    expect(pdf.flat).toContain('Tiếp nhận hồ sơ của: Nguyễn Thị Hương'.normalize('NFC'));
  });

  it('renders on A4 on request', async () => {
    const pdf = inspectPdf(await renderReceiptSlip(sampleReceiptSlip(), { paper: 'A4' }));
    for (const page of pdf.pages) expect(page.mediaBox).toEqual(A4);
  });

  it('takes the creation date from issuedAt', async () => {
    const data = sampleReceiptSlip();
    const a = await renderReceiptSlip(data);
    const b = await renderReceiptSlip({ ...data, issuedAt: vn(2026, 11, 26, 9, 0) });
    expect(a.equals(b)).toBe(false);
    expect(inspectPdf(b).info.CreationDate).toBe('D:20261126020000Z');
  });
});

describe('Mẫu 05 control slip', () => {
  it('paginates 30 hand-offs with the header row on every page', async () => {
    const pdf = inspectPdf(await renderControlSlip(sampleControlSlip(manyHandoffs(30))));
    expect(pdf.pages.length).toBeGreaterThanOrEqual(3);
    for (const page of pdf.pages) {
      expect(page.flat).toContain('Tên cơ quan');
      expect(page.flat).toContain('Thời gian giao, nhận hồ sơ');
      expect(page.flat).toContain('Ghi chú');
    }
    expect(pdf.flat.match(/Người giao: /g)).toHaveLength(30);
    expect(pdf.flat.match(/1\. Giao: /g)).toHaveLength(30);
    // The last hand-off has not been received yet: its time is left blank for the receiver.
    const last = pdf.pages[pdf.pages.length - 1]?.flat ?? '';
    expect(last).toContain('Nhận: .... giờ .... phút, ngày ..../..../........');
    expect(last).toContain('Giao: 10 giờ 00 phút, ngày 01/12/2026');
  });
});
