import PDFDocument from 'pdfkit';
import { formatDateTime, loadFont, resolveFontsDir } from '../document/index.ts';

/**
 * The PDFs Motcua renders to carry a signature (ADR 0013):
 * - the result notice, when the clerk issues a result without uploading a document;
 * - the result cover, when the uploaded document cannot take a signature itself (a scan in JPEG
 *   or PNG, or a PDF whose structure the plain placeholder cannot extend): it states the SHA-256
 *   of the original and embeds the original as an attached file, so the signature covers both.
 */
export interface ResultDocumentInput {
  agencyName: string;
  dossierCode: string;
  procedureName: string | null;
  applicantName: string;
  resultNumber: string;
  summary: string;
  issuedAt: Date;
  issuedBy: string | null;
  verifyUrl: string;
  original?: { fileName: string; contentType: string; sha256: string; data: Buffer; reason: string };
}

export async function renderResultDocument(input: ResultDocumentInput): Promise<Buffer> {
  const fontsDir = resolveFontsDir();
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: `Kết quả ${input.resultNumber} — ${input.dossierCode}`, Producer: 'Motcua' },
  });
  doc.registerFont('regular', loadFont(fontsDir, 'regular'));
  doc.registerFont('bold', loadFont(fontsDir, 'bold'));
  doc.registerFont('italic', loadFont(fontsDir, 'italic'));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });

  doc.font('bold').fontSize(12).text(input.agencyName.toUpperCase(), { align: 'left' });
  doc.moveUp().text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { align: 'right' });
  doc.font('regular').text('Độc lập - Tự do - Hạnh phúc', { align: 'right' });
  doc.moveDown(2);
  const title = input.original
    ? 'BẢN KẾT QUẢ ĐIỆN TỬ ĐÃ KÝ SỐ / SIGNED ELECTRONIC RESULT'
    : 'THÔNG BÁO KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH / RESULT NOTICE';
  doc.font('bold').fontSize(14).text(title, { align: 'center' });
  doc.moveDown(1.5);
  const line = (label: string, value: string) => {
    doc.font('bold').fontSize(12).text(`${label}: `, { continued: true });
    doc.font('regular').text(value);
  };
  line('Mã hồ sơ / Dossier code', input.dossierCode);
  if (input.procedureName) line('Thủ tục / Procedure', input.procedureName);
  line('Người nộp / Applicant', input.applicantName);
  line('Số văn bản kết quả / Result number', input.resultNumber);
  line('Ngày ban hành / Issued', formatDateTime(input.issuedAt));
  if (input.issuedBy) line('Người ban hành / Issued by', input.issuedBy);
  doc.moveDown();
  doc.font('bold').text('Nội dung / Summary');
  doc.font('regular').text(input.summary);
  if (input.original) {
    doc.moveDown();
    doc.font('bold').text('Văn bản gốc kèm theo / Attached original document');
    line('Tên tệp / File', input.original.fileName);
    line('SHA-256', input.original.sha256);
    doc
      .font('italic')
      .text(
        `Văn bản gốc được đính kèm trong tệp PDF này; chữ ký số bao phủ cả văn bản gốc và mã băm trên. ` +
          `(${input.original.reason}) / The original is attached to this PDF; the signature covers it and the hash above.`,
      );
    doc.file(input.original.data, {
      name: input.original.fileName,
      type: input.original.contentType,
      description: `SHA-256 ${input.original.sha256}`,
    });
  }
  doc.moveDown(2);
  doc
    .font('italic')
    .fontSize(10)
    .text(
      `Văn bản được ký số bởi ${input.agencyName}. Xác minh chữ ký tại / Verify the signature at: ${input.verifyUrl}`,
    );
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
