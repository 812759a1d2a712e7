/**
 * Shared layout of the printed forms: document set-up with the embedded font, the national header,
 * titles, labelled lines, tables that wrap and break across pages, signature blocks, page footers
 * and Vietnamese date formatting.
 *
 * The cursor is pdfkit's own `doc.y`. Every helper leaves `doc.x` at the left margin and `doc.y`
 * below what it drew.
 */
import { toLocalParts } from '@motcua/domain';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type {
  DocumentApplicant,
  DocumentIssuer,
  DocumentProcedure,
  PaperSize,
  RenderOptions,
} from './document.types.ts';
import { type FontStyle, loadFont, resolveFontsDir } from './pdf-fonts.ts';

type PdfDoc = PDFKit.PDFDocument;
type TextAlign = 'left' | 'center' | 'right' | 'justify';

/** Names the faces are registered under in each document. */
export const Face: Record<FontStyle, string> = {
  regular: 'motcua-regular',
  bold: 'motcua-bold',
  italic: 'motcua-italic',
  boldItalic: 'motcua-bold-italic',
};

/** A document being drawn, with its page geometry and type scale. */
export interface FormCanvas {
  doc: PdfDoc;
  paper: PaperSize;
  left: number;
  width: number;
  /** Lowest y a line of text may reach (page height minus the bottom margin). */
  bottom: number;
  top: number;
  /** Font sizes, in points. */
  size: {
    header: number;
    title: number;
    body: number;
    small: number;
    table: number;
    code: number;
  };
  /** Vertical unit: spacing between blocks, in points. */
  gap: number;
  lineGap: number;
  /** Resolves with the PDF once `doc.end()` has been called. */
  output: Promise<Buffer>;
}

const MM = 72 / 25.4;

/** A5 margins (mm): narrower than Decree 30/2020's A4 margins, in proportion to the sheet. */
const MARGINS_MM: Record<PaperSize, { top: number; bottom: number; left: number; right: number }> = {
  A5: { top: 8, bottom: 9, left: 15, right: 10 },
  A4: { top: 20, bottom: 20, left: 30, right: 15 },
};

/** A4 is A5 scaled by √2; text is scaled a little less so A4 lines hold more words. */
const TYPE_SCALE: Record<PaperSize, number> = { A5: 1, A4: 1.3 };

export interface CreateCanvasInput {
  title: string;
  subject?: string;
  issuedAt: Date;
  options?: RenderOptions;
}

/** Creates a document with the embedded faces, metadata and a first page. */
export function createCanvas(input: CreateCanvasInput): FormCanvas {
  const paper = input.options?.paper ?? 'A5';
  const fontsDir = input.options?.fontsDir ?? resolveFontsDir();
  // Read the faces before creating the document, so that a missing font fails cleanly.
  const faces = (Object.keys(Face) as FontStyle[]).map(
    (style) => [Face[style], loadFont(fontsDir, style)] as const,
  );
  const m = MARGINS_MM[paper];
  const info: PDFKit.DocumentInfo = {
    Title: nfc(input.title),
    Author: 'Motcua',
    Creator: 'Motcua',
    CreationDate: input.issuedAt,
  };
  if (input.subject !== undefined) info.Subject = nfc(input.subject);
  const doc = new PDFDocument({
    size: paper,
    layout: 'portrait',
    margins: { top: m.top * MM, bottom: m.bottom * MM, left: m.left * MM, right: m.right * MM },
    compress: true,
    bufferPages: true,
    lang: 'vi-VN',
    displayTitle: true,
    info,
  });
  const output = collect(doc);
  for (const [name, bytes] of faces) doc.registerFont(name, bytes);
  doc.font(Face.regular);
  const s = TYPE_SCALE[paper];
  const page = doc.page;
  return {
    doc,
    paper,
    left: page.margins.left,
    width: page.width - page.margins.left - page.margins.right,
    top: page.margins.top,
    bottom: page.height - page.margins.bottom,
    size: {
      header: 7.5 * s,
      title: 10.5 * s,
      body: 8 * s,
      small: 6.5 * s,
      table: 7.5 * s,
      code: 12 * s,
    },
    gap: 4 * s,
    lineGap: 0.8 * s,
    output,
  };
}

function collect(doc: PdfDoc): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

/** Ends the document: numbers the pages when there are several, and returns the bytes. */
export async function finishCanvas(c: FormCanvas, footerLabel: string): Promise<Buffer> {
  const { doc } = c;
  const range = doc.bufferedPageRange();
  if (range.count > 1) {
    for (let i = range.start; i < range.start + range.count; i += 1) {
      doc.switchToPage(i);
      const page = doc.page;
      const savedBottom = page.margins.bottom;
      page.margins.bottom = 0; // lets the footer sit inside the bottom margin without a page break
      const y = page.height - savedBottom / 2 - c.size.small / 2;
      doc
        .font(Face.italic)
        .fontSize(c.size.small)
        .text(`${nfc(footerLabel)} · Trang ${i - range.start + 1}/${range.count}`, c.left, y, {
          width: c.width,
          align: 'center',
          lineBreak: false,
        });
      page.margins.bottom = savedBottom;
    }
  }
  doc.end();
  return c.output;
}

// ---------------------------------------------------------------------------------------------
// Text utilities

/** Text as printed: NFC, so that decomposed input uses the font's precomposed glyphs. */
export function nfc(text: string): string {
  return text.normalize('NFC');
}

export function upper(text: string): string {
  return nfc(text).toLocaleUpperCase('vi-VN');
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * "ngày 25 tháng 11 năm 2026", in Vietnam time. Following Decree 30/2020/NĐ-CP (Appendix I), days
 * below 10 and the months 1 and 2 take a leading zero: "ngày 05 tháng 02 năm 2026", "tháng 3".
 */
export function formatLongDate(instant: Date): string {
  const p = toLocalParts(instant);
  const month = p.month < 3 ? pad2(p.month) : String(p.month);
  return `ngày ${pad2(p.day)} tháng ${month} năm ${p.year}`;
}

/** "dd/mm/yyyy" in Vietnam time. */
export function formatShortDate(instant: Date): string {
  const p = toLocalParts(instant);
  return `${pad2(p.day)}/${pad2(p.month)}/${p.year}`;
}

/** "08 giờ 30 phút" in Vietnam time. */
export function formatClock(instant: Date): string {
  const p = toLocalParts(instant);
  return `${pad2(p.hour)} giờ ${pad2(p.minute)} phút`;
}

/** "08 giờ 30 phút, ngày 25/11/2026" in Vietnam time. */
export function formatDateTime(instant: Date): string {
  return `${formatClock(instant)}, ngày ${formatShortDate(instant)}`;
}

/** "Thanh Hóa, ngày 25 tháng 11 năm 2026". */
export function formatPlaceAndDate(place: string, instant: Date): string {
  return `${nfc(place)}, ${formatLongDate(instant)}`;
}

/** Two-digit counts as printed on forms: 1 → "01". */
export function formatCount(n: number): string {
  return n >= 0 && n < 10 ? pad2(n) : String(n);
}

/** "Tên thủ tục (Mã TTHC: 1.004227)". */
export function formatProcedure(p: DocumentProcedure): string {
  return p.code ? `${nfc(p.name)} (Mã TTHC: ${p.code})` : nfc(p.name);
}

/** Adds the form's number suffix unless the caller already gave it: ("15", "HDHS") → "15/HDHS". */
export function formatDocumentNumber(documentNumber: string | undefined, suffix: string): string {
  if (documentNumber === undefined || documentNumber.trim() === '') return `Số:        /${suffix}`;
  const n = documentNumber.trim();
  return n.toUpperCase().endsWith(`/${suffix}`) ? `Số: ${n}` : `Số: ${n}/${suffix}`;
}

// ---------------------------------------------------------------------------------------------
// Blocks

/** Starts a new page when fewer than `height` points are left. */
export function ensureSpace(c: FormCanvas, height: number): void {
  if (c.doc.y + height > c.bottom) {
    c.doc.addPage();
    c.doc.x = c.left;
    c.doc.y = c.top;
  }
}

function shrinkToFit(doc: PdfDoc, text: string, maxWidth: number, size: number): number {
  let s = size;
  doc.fontSize(s);
  while (s > 5 && doc.widthOfString(text) > maxWidth) {
    s -= 0.25;
    doc.fontSize(s);
  }
  return s;
}

/**
 * The national header: issuing unit on the left, national title and motto on the right, each
 * underlined, then the number (left) and the place and date (right).
 */
export function drawNationalHeader(
  c: FormCanvas,
  issuer: DocumentIssuer,
  issuedAt: Date,
  numberLine?: string,
): void {
  const { doc } = c;
  const leftWidth = c.width * 0.43;
  const rightX = c.left + leftWidth;
  const rightWidth = c.width - leftWidth;
  const top = c.top;
  const lineGap = 1;

  // Left block: parent body (regular) and issuing unit (bold), capitals, centred.
  let yLeft = top;
  if (issuer.parentUnitName) {
    doc.font(Face.regular).fontSize(c.size.header);
    doc.text(upper(issuer.parentUnitName), c.left, yLeft, { width: leftWidth, align: 'center', lineGap });
    yLeft = doc.y;
  }
  doc.font(Face.bold).fontSize(c.size.header);
  doc.text(upper(issuer.unitName), c.left, yLeft, { width: leftWidth, align: 'center', lineGap });
  yLeft = doc.y + 2;
  const leftRule = leftWidth * 0.34;
  rule(c, c.left + (leftWidth - leftRule) / 2, yLeft, leftRule);

  // Right block: national title and motto, bold, centred; the motto is underlined over its width.
  const nation = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
  const motto = 'Độc lập - Tự do - Hạnh phúc';
  doc.font(Face.bold);
  shrinkToFit(doc, nation, rightWidth, c.size.header);
  doc.text(nation, rightX, top, { width: rightWidth, align: 'center', lineGap });
  const mottoSize = shrinkToFit(doc, motto, rightWidth, c.size.header + 0.5);
  doc.text(motto, rightX, doc.y, { width: rightWidth, align: 'center', lineGap });
  doc.fontSize(mottoSize);
  const mottoWidth = doc.widthOfString(motto);
  const yRight = doc.y + 1;
  rule(c, rightX + (rightWidth - mottoWidth) / 2, yRight, mottoWidth);

  // Number (left) and place and date (right) on one line below both blocks.
  const y = Math.max(yLeft, yRight) + c.gap;
  if (numberLine) {
    doc.font(Face.regular).fontSize(c.size.header);
    doc.text(nfc(numberLine), c.left, y, { width: leftWidth, align: 'center' });
  }
  doc.font(Face.italic).fontSize(c.size.header + 0.5);
  doc.text(formatPlaceAndDate(issuer.place, issuedAt), rightX, y, { width: rightWidth, align: 'center' });
  doc.x = c.left;
  doc.y = Math.max(doc.y, y + c.size.header) + c.gap * 1.5;
}

function rule(c: FormCanvas, x: number, y: number, length: number): void {
  c.doc
    .save()
    .lineWidth(0.6)
    .moveTo(x, y)
    .lineTo(x + length, y)
    .stroke()
    .restore();
}

/** The form's title in bold capitals, centred, with an optional italic line below. */
export function drawTitle(c: FormCanvas, title: string, subtitle?: string): void {
  const { doc } = c;
  doc.font(Face.bold).fontSize(c.size.title);
  const h = doc.heightOfString(upper(title), { width: c.width, align: 'center' });
  ensureSpace(c, h + c.size.body * 3);
  doc.text(upper(title), c.left, doc.y, { width: c.width, align: 'center', lineGap: 1 });
  if (subtitle) {
    doc.font(Face.italic).fontSize(c.size.body);
    doc.text(nfc(subtitle), c.left, doc.y + 1, { width: c.width, align: 'center' });
  }
  doc.x = c.left;
  doc.y += c.gap;
}

/** Generates the QR code of a lookup URL as a PNG. */
export function qrPng(url: string): Promise<Buffer> {
  return QRCode.toBuffer(url, { errorCorrectionLevel: 'M', margin: 1 });
}

export interface CodeBlockInput {
  dossierCode: string;
  /** Mã tra cứu, printed beside the code (receipt slip). */
  lookupSecret?: string;
  lookupUrl: string;
  qr: Buffer;
}

/**
 * The dossier code in large type, the lookup secret, a one-line lookup instruction and the QR
 * code on the right, in a thin frame.
 */
export function drawCodeBlock(c: FormCanvas, input: CodeBlockInput): void {
  const { doc } = c;
  const scale = TYPE_SCALE[c.paper];
  const qrSize = 54 * scale;
  const pad = 5 * scale;
  const textX = c.left + pad;
  const textWidth = c.width - qrSize - pad * 3;
  const url = nfc(input.lookupUrl);

  // The instruction on one line if it fits at a readable size, else the URL on a line of its own.
  doc.font(Face.italic);
  const oneLine = `Tra cứu tại ${url} hoặc quét mã QR`;
  let instruction: Array<{ text: string; size: number }>;
  const oneLineSize = shrinkToFit(doc, oneLine, textWidth, c.size.small);
  if (oneLineSize >= c.size.small - 0.25) {
    instruction = [{ text: oneLine, size: oneLineSize }];
  } else {
    const urlLine = `Tra cứu tại ${url}`;
    instruction = [
      { text: urlLine, size: Math.max(5.5 * scale, shrinkToFit(doc, urlLine, textWidth, c.size.small)) },
      { text: 'hoặc quét mã QR', size: c.size.small },
    ];
  }

  // Measure first so that the block never splits across pages.
  doc.font(Face.bold).fontSize(c.size.code);
  const codeHeight = doc.heightOfString(nfc(input.dossierCode), { width: textWidth });
  doc.font(Face.italic);
  const instructionHeight = instruction.reduce(
    (sum, line) => sum + doc.fontSize(line.size).heightOfString(line.text, { width: textWidth }),
    0,
  );
  doc.font(Face.regular).fontSize(c.size.small);
  const labelHeight = doc.heightOfString('Mã hồ sơ:');
  doc.fontSize(c.size.body);
  const secretHeight = input.lookupSecret ? doc.heightOfString('Mã tra cứu:') + 2 : 0;
  const textHeight = labelHeight + codeHeight + secretHeight + instructionHeight + 2;
  const blockHeight = Math.max(textHeight, qrSize) + pad * 2;
  ensureSpace(c, blockHeight + c.gap);

  const top = doc.y;
  let y = top + pad + Math.max(0, (qrSize - textHeight) / 2);
  doc.font(Face.regular).fontSize(c.size.small);
  doc.text('Mã hồ sơ:', textX, y, { width: textWidth });
  doc.font(Face.bold).fontSize(c.size.code);
  doc.text(nfc(input.dossierCode), textX, doc.y, { width: textWidth });
  y = doc.y + 1;
  if (input.lookupSecret) {
    drawRuns(
      c,
      [
        { text: 'Mã tra cứu: ', face: 'regular' },
        { text: nfc(input.lookupSecret), face: 'bold' },
      ],
      { x: textX, y, width: textWidth, size: c.size.body, gapAfter: 0 },
    );
    y = doc.y + 1;
  }
  doc.font(Face.italic);
  for (const line of instruction) {
    doc.fontSize(line.size).text(line.text, textX, y, { width: textWidth });
    y = doc.y;
  }

  doc.image(input.qr, c.left + c.width - qrSize - pad, top + pad, { width: qrSize, height: qrSize });
  doc.save().lineWidth(0.5).strokeColor('#777777').rect(c.left, top, c.width, blockHeight).stroke().restore();
  doc.x = c.left;
  doc.y = top + blockHeight + c.gap * 1.2;
}

/** A run of text in one face; runs are laid out inline and wrap together. */
export interface TextRun {
  text: string;
  face: FontStyle;
}

export interface RunsOptions {
  x?: number;
  y?: number;
  width?: number;
  size?: number;
  align?: TextAlign;
  /** Indent of the first line. */
  indent?: number;
  gapAfter?: number;
}

/** Draws inline runs (e.g. a regular label and a bold value) as one wrapped paragraph. */
export function drawRuns(c: FormCanvas, runs: TextRun[], options: RunsOptions = {}): void {
  const { doc } = c;
  // pdfkit drops the leading spaces of a continued run in justified text: move them to the end
  // of the run before.
  const parts: TextRun[] = [];
  for (const run of runs) {
    const text = nfc(run.text);
    const lead = /^\s+/u.exec(text)?.[0] ?? '';
    const prev = parts[parts.length - 1];
    if (lead !== '' && prev) prev.text += lead;
    const rest = prev ? text.slice(lead.length) : text;
    if (rest !== '') parts.push({ text: rest, face: run.face });
  }
  if (parts.length === 0) return;
  const x = options.x ?? c.left;
  const width = options.width ?? c.width - (x - c.left);
  const size = options.size ?? c.size.body;
  const align = options.align ?? 'left';
  const indent = options.indent ?? 0;

  // Estimate in bold (the widest face) so that a paragraph of a few lines is never split.
  doc.font(Face.bold).fontSize(size);
  const whole = parts.map((r) => nfc(r.text)).join('');
  const height = doc.heightOfString(whole, { width, indent, lineGap: c.lineGap });
  if (options.y === undefined && height < (c.bottom - c.top) / 3) ensureSpace(c, height);
  const y = options.y ?? doc.y;

  // pdfkit centres each continued run on its own, so a centred line is laid out here.
  if (align === 'center') {
    const widths = parts.map((run) => doc.font(Face[run.face]).fontSize(size).widthOfString(nfc(run.text)));
    const total = widths.reduce((sum, w) => sum + w, 0);
    if (total <= width) {
      let runX = x + (width - total) / 2;
      parts.forEach((run, i) => {
        doc.font(Face[run.face]).fontSize(size).text(nfc(run.text), runX, y, { lineBreak: false });
        runX += widths[i] ?? 0;
      });
      doc.x = c.left;
      doc.y = y + doc.currentLineHeight(true) + c.lineGap + (options.gapAfter ?? c.gap / 3);
      return;
    }
  }

  parts.forEach((run, i) => {
    doc.font(Face[run.face]).fontSize(size);
    const isLast = i === parts.length - 1;
    if (i === 0) {
      const firstAlign = align === 'center' ? 'left' : align;
      doc.text(nfc(run.text), x, y, {
        width,
        align: firstAlign,
        indent,
        lineGap: c.lineGap,
        continued: !isLast,
      });
    } else {
      doc.text(nfc(run.text), { continued: !isLast });
    }
  });
  doc.x = c.left;
  doc.y += options.gapAfter ?? c.gap / 3;
}

/** "Label: value" with the value in the given face. Skipped when the value is empty. */
export function drawField(
  c: FormCanvas,
  label: string,
  value: string | undefined,
  options: RunsOptions & { valueFace?: FontStyle; labelFace?: FontStyle } = {},
): void {
  if (value === undefined || value.trim() === '') return;
  drawRuns(
    c,
    [
      { text: `${label}: `, face: options.labelFace ?? 'regular' },
      { text: value, face: options.valueFace ?? 'regular' },
    ],
    options,
  );
}

/** A plain paragraph in one face. */
export function drawParagraph(
  c: FormCanvas,
  text: string,
  options: RunsOptions & { face?: FontStyle } = {},
): void {
  drawRuns(c, [{ text, face: options.face ?? 'regular' }], options);
}

/** Name, identity, address, phone and e-mail of an applicant (fields left out when empty). */
export function drawApplicant(c: FormCanvas, label: string, a: DocumentApplicant): void {
  drawField(c, label, a.name, { valueFace: 'bold' });
  const identity = [
    a.idNumber ? `Số định danh cá nhân: ${a.idNumber}` : '',
    a.taxCode ? `Mã số thuế: ${a.taxCode}` : '',
  ].filter((s) => s !== '');
  if (identity.length > 0) drawParagraph(c, identity.join('; '));
  drawField(c, 'Địa chỉ', a.address);
  const contact = [a.phone ? `Số điện thoại: ${a.phone}` : '', a.email ? `Email: ${a.email}` : ''].filter(
    (s) => s !== '',
  );
  if (contact.length > 0) drawParagraph(c, contact.join('     '));
}

/** Small italic lines (notes), each with a leading dash. */
export function drawNotes(c: FormCanvas, lines: string[], heading?: string): void {
  if (lines.length === 0) return;
  const { doc } = c;
  if (heading) drawParagraph(c, heading, { face: 'boldItalic', size: c.size.small, gapAfter: 0 });
  for (const line of lines) {
    drawParagraph(c, `- ${line}`, { face: 'italic', size: c.size.small, x: c.left + 6, gapAfter: 0 });
  }
  doc.y += c.gap / 2;
}

// ---------------------------------------------------------------------------------------------
// Tables

export interface TableColumn {
  header: string;
  /** Relative width; the columns share the text width in proportion. */
  weight: number;
  align?: 'left' | 'center' | 'right';
  face?: FontStyle;
}

export interface TableOptions {
  size?: number;
  /** Rows that must stay on the page with the header row (avoids an orphan header). */
  keepWithHeader?: number;
}

/**
 * A bordered table whose cells wrap. When a row does not fit, the table continues on a new page
 * and the header row is repeated.
 */
export function drawTable(
  c: FormCanvas,
  columns: TableColumn[],
  rows: string[][],
  options: TableOptions = {},
): void {
  const { doc } = c;
  const size = options.size ?? c.size.table;
  const padX = 3 * TYPE_SCALE[c.paper];
  const padY = 2 * TYPE_SCALE[c.paper];
  const totalWeight = columns.reduce((sum, col) => sum + col.weight, 0);
  const widths = columns.map((col) => (c.width * col.weight) / totalWeight);
  const xs: number[] = [];
  widths.reduce((x, w) => {
    xs.push(x);
    return x + w;
  }, c.left);

  function cellHeight(text: string, face: FontStyle, i: number): number {
    doc.font(Face[face]).fontSize(size);
    return doc.heightOfString(nfc(text), { width: (widths[i] ?? 0) - padX * 2, lineGap: 1 }) + padY * 2;
  }

  function rowHeight(cells: string[], header: boolean): number {
    return Math.max(
      ...columns.map((col, i) => cellHeight(cells[i] ?? '', header ? 'bold' : (col.face ?? 'regular'), i)),
    );
  }

  function drawRow(cells: string[], height: number, header: boolean): void {
    const y = doc.y;
    columns.forEach((col, i) => {
      const x = xs[i] ?? c.left;
      const w = widths[i] ?? 0;
      if (header) doc.save().fillColor('#eeeeee').rect(x, y, w, height).fill().restore();
      doc.save().lineWidth(0.5).rect(x, y, w, height).stroke().restore();
      const face = Face[header ? 'bold' : (col.face ?? 'regular')];
      // Header cells are centred vertically; body cells start at the top.
      const offset = header ? (height - cellHeight(cells[i] ?? '', 'bold', i)) / 2 : 0;
      doc.font(face).fontSize(size);
      doc.text(nfc(cells[i] ?? ''), x + padX, y + padY + offset, {
        width: w - padX * 2,
        align: header ? 'center' : (col.align ?? 'left'),
        lineGap: 1,
      });
    });
    doc.x = c.left;
    doc.y = y + height;
  }

  const headerCells = columns.map((col) => col.header);
  const headerHeight = rowHeight(headerCells, true);
  const heights = rows.map((r) => rowHeight(r, false));
  const keep = heights.slice(0, options.keepWithHeader ?? 1).reduce((sum, h) => sum + h, 0);
  ensureSpace(c, headerHeight + keep);
  drawRow(headerCells, headerHeight, true);
  rows.forEach((cells, r) => {
    const h = heights[r] ?? 0;
    if (doc.y + h > c.bottom) {
      doc.addPage();
      doc.y = c.top;
      drawRow(headerCells, headerHeight, true);
    }
    drawRow(cells, h, false);
  });
  doc.y += c.gap;
}

// ---------------------------------------------------------------------------------------------
// Signatures

export interface SignatureBlock {
  /** Bold capital lines, e.g. ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"] or ["NGƯỜI NỘP HỒ SƠ"]. */
  heading: string[];
  /** Italic hint under the heading, e.g. "(Ký và ghi rõ họ tên)". */
  hint?: string;
  name?: string;
}

/**
 * Signature blocks at the foot of a form: one block on the right half, two side by side, or
 * a "Nơi nhận" list on the left and one block on the right. Kept together on one page.
 */
export function drawSignatures(c: FormCanvas, blocks: SignatureBlock[], recipients?: string[]): void {
  const { doc } = c;
  const signSpace = 36 * TYPE_SCALE[c.paper];
  const half = c.width / 2;
  const headingSize = c.size.body;
  const lineH = headingSize * 1.35;
  const blockHeight = (b: SignatureBlock): number =>
    b.heading.length * lineH + (b.hint ? c.size.small * 1.4 : 0) + signSpace + lineH;
  const recipientsHeight = recipients ? (recipients.length + 1) * c.size.small * 1.35 : 0;
  const height = Math.max(recipientsHeight, ...blocks.map(blockHeight));
  ensureSpace(c, height + c.gap);
  const top = doc.y + c.gap / 2;

  const slots: Array<{ x: number; block: SignatureBlock }> = [];
  if (blocks.length === 1 && blocks[0]) slots.push({ x: c.left + half, block: blocks[0] });
  else blocks.forEach((block, i) => slots.push({ x: c.left + i * (c.width / blocks.length), block }));
  const slotWidth = blocks.length <= 1 ? half : c.width / blocks.length;

  let bottom = top;
  for (const { x, block } of slots) {
    let y = top;
    doc.font(Face.bold).fontSize(headingSize);
    for (const line of block.heading) {
      doc.text(upper(line), x, y, { width: slotWidth, align: 'center' });
      y = doc.y;
    }
    if (block.hint) {
      doc.font(Face.italic).fontSize(c.size.small);
      doc.text(nfc(block.hint), x, y, { width: slotWidth, align: 'center' });
      y = doc.y;
    }
    y += signSpace;
    if (block.name) {
      doc.font(Face.bold).fontSize(headingSize);
      doc.text(nfc(block.name), x, y, { width: slotWidth, align: 'center' });
      y = doc.y;
    }
    bottom = Math.max(bottom, y);
  }

  if (recipients && recipients.length > 0) {
    let y = top;
    const width = half - 6;
    doc.font(Face.boldItalic).fontSize(c.size.small + 0.5);
    doc.text('Nơi nhận:', c.left, y, { width });
    y = doc.y;
    doc.font(Face.regular).fontSize(c.size.small);
    recipients.forEach((line, i) => {
      const body = nfc(line)
        .trim()
        .replace(/[;.,]+$/u, '');
      const end = i === recipients.length - 1 ? '.' : ';';
      doc.text(`- ${body}${end}`, c.left, y, { width });
      y = doc.y;
    });
    bottom = Math.max(bottom, y);
  }
  doc.x = c.left;
  doc.y = bottom + c.gap;
}
