/**
 * Files of Biểu II.06a / II.07a: Excel in the official layout (three header rows, the row of column
 * numbers, a total row), PDF on A4 landscape, and CSV (UTF-8 with BOM, so that Excel opens the
 * Vietnamese text correctly). Pure rendering: takes the computed report, returns bytes.
 */
import { II06A_COLUMNS, II06A_COUNT_KEYS, II06A_GROUP_HEADERS, II06A_TITLE } from '@motcua/domain';
import PDFDocument from 'pdfkit';
import writeXlsxFile from 'write-excel-file/node';
import type { Cell, Row, SheetData } from 'write-excel-file/node';
import { loadFont, resolveFontsDir } from '../document/index.ts';
import type { Report06a } from './statistics.schemas.ts';

export interface RenderedFile {
  contentType: string;
  fileName: string;
  body: Buffer;
}

type Counts = Report06a['total']['counts'];

const COUNT_COLUMNS = II06A_COLUMNS.filter((c) => c.number >= 3);

function vnDateTime(iso: string): string {
  return new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));
}

/** "95,4%" (Vietnamese decimal comma), or "—" when nothing was settled. */
export function formatRate(rate: number | null): string {
  if (rate === null) return '—';
  return `${rate.toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`;
}

function countsRow(c: Counts): number[] {
  return II06A_COUNT_KEYS.map((k) => c[k]);
}

/** File name without the extension: bao-cao-II.06a_2026-01-01_2026-03-31. */
export function reportFileBase(r: Report06a): string {
  const form = r.form.code.includes('II.07a') ? 'II.07a' : 'II.06a';
  return `bao-cao-${form}_${r.period.from}_${r.period.to}`;
}

function scopeLine(r: Report06a): string {
  return r.unit ? `Đơn vị báo cáo: ${r.unit.name}` : 'Đơn vị báo cáo: toàn tỉnh';
}

function statusLine(r: Report06a): string {
  const asOf = vnDateTime(r.asOf);
  return r.isPartial
    ? `Số liệu tạm tính đến ${asOf} (kỳ báo cáo chưa kết thúc)`
    : `Số liệu chốt theo lịch sử hồ sơ, lập lúc ${asOf}`;
}

/* ------------------------------------------------------------------ CSV */

function csvField(value: string | number): string {
  const s = String(value);
  return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV, UTF-8 with BOM, CRLF: one header line, one line per row, the total line. */
export function renderReport06aCsv(r: Report06a): RenderedFile {
  const header = [
    'STT',
    r.rowHeader.vi,
    'Mã',
    ...COUNT_COLUMNS.map((c) => {
      const group = c.group ? II06A_GROUP_HEADERS[c.group].vi : '';
      const inPeriod = c.isInPeriod ? ` - ${II06A_GROUP_HEADERS.inPeriod.vi}` : '';
      return `(${c.number}) ${group}${inPeriod} - ${c.vi}`;
    }),
    'Trong đó rút hồ sơ',
    'Tỷ lệ giải quyết đúng hạn (%)',
  ];
  const lines = [header.map(csvField).join(',')];
  r.rows.forEach((row, i) => {
    lines.push(
      [
        i + 1,
        row.label,
        row.sublabel ?? row.key,
        ...countsRow(row.counts),
        row.counts.settledWithdrawn,
        row.onTimeRate ?? '',
      ]
        .map(csvField)
        .join(','),
    );
  });
  lines.push(
    [
      '',
      'Tổng cộng',
      '',
      ...countsRow(r.total.counts),
      r.total.counts.settledWithdrawn,
      r.total.onTimeRate ?? '',
    ]
      .map(csvField)
      .join(','),
  );
  const text = `\uFEFF${lines.join('\r\n')}\r\n`;
  return {
    contentType: 'text/csv; charset=utf-8',
    fileName: `${reportFileBase(r)}.csv`,
    body: Buffer.from(text, 'utf8'),
  };
}

/* ------------------------------------------------------------------ Excel */

const BORDER = { borderStyle: 'thin', borderColor: '#000000' } as const;

function headerCell(value: string, extra: { columnSpan?: number; rowSpan?: number } = {}): Cell {
  return {
    value,
    fontWeight: 'bold',
    align: 'center',
    alignVertical: 'center',
    wrap: true,
    backgroundColor: '#F2F2F2',
    ...BORDER,
    ...extra,
  };
}

function numberCell(value: number, isBold = false): Cell {
  return {
    value,
    type: Number,
    format: '#,##0',
    align: 'right',
    ...BORDER,
    ...(isBold ? { fontWeight: 'bold' } : {}),
  };
}

function textCell(value: string, isBold = false): Cell {
  return { value, wrap: true, alignVertical: 'center', ...BORDER, ...(isBold ? { fontWeight: 'bold' } : {}) };
}

/** The four header rows of the official sheet (13 columns). */
function officialHeader(r: Report06a): Row[] {
  const g = II06A_GROUP_HEADERS;
  const col = (n: number) => II06A_COLUMNS.find((c) => c.number === n)?.vi ?? '';
  return [
    [
      headerCell('STT', { rowSpan: 3 }),
      headerCell(r.rowHeader.vi, { rowSpan: 3 }),
      headerCell(g.received.vi, { columnSpan: 4 }),
      null,
      null,
      null,
      headerCell(g.settled.vi, { columnSpan: 4 }),
      null,
      null,
      null,
      headerCell(g.inProgress.vi, { columnSpan: 3 }),
      null,
      null,
    ],
    [
      null,
      null,
      headerCell(col(3), { rowSpan: 2 }),
      headerCell(g.inPeriod.vi, { columnSpan: 2 }),
      null,
      headerCell(col(6), { rowSpan: 2 }),
      headerCell(col(7), { rowSpan: 2 }),
      headerCell(col(8), { rowSpan: 2 }),
      headerCell(col(9), { rowSpan: 2 }),
      headerCell(col(10), { rowSpan: 2 }),
      headerCell(col(11), { rowSpan: 2 }),
      headerCell(col(12), { rowSpan: 2 }),
      headerCell(col(13), { rowSpan: 2 }),
    ],
    [
      null,
      null,
      null,
      headerCell(col(4)),
      headerCell(col(5)),
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ],
    II06A_COLUMNS.map((c) => ({
      value: `(${c.number})`,
      align: 'center',
      fontStyle: 'italic',
      ...BORDER,
    })),
  ];
}

function titleRow(
  value: string,
  options: { isBold?: boolean; isItalic?: boolean; align?: 'left' | 'center' | 'right' } = {},
): Row {
  const cell: Cell = {
    value,
    columnSpan: 13,
    align: options.align ?? 'center',
    wrap: true,
    ...(options.isBold ? { fontWeight: 'bold' } : {}),
    ...(options.isItalic ? { fontStyle: 'italic' } : {}),
  };
  return [cell, ...Array<null>(12).fill(null)];
}

/** Excel workbook: the official sheet, the on-time rates per row, and the definitions used. */
export async function renderReport06aXlsx(r: Report06a): Promise<RenderedFile> {
  const sheet: SheetData = [
    titleRow(r.form.code, { isBold: true, align: 'left' }),
    titleRow(r.form.vi, { isBold: true }),
    titleRow(`Kỳ báo cáo: ${r.periodText.vi}`, { isItalic: true }),
    titleRow(scopeLine(r)),
    titleRow(II06A_TITLE.unitOfMeasure.vi, { isItalic: true, align: 'right' }),
    ...officialHeader(r),
    ...r.rows.map((row, i): Row => [
      { value: i + 1, type: Number, align: 'center', ...BORDER },
      textCell(row.sublabel && r.groupBy !== 'field' ? `${row.label} (${row.sublabel})` : row.label),
      ...countsRow(row.counts).map((n) => numberCell(n)),
    ]),
    [
      { value: '', ...BORDER },
      textCell('Tổng cộng', true),
      ...countsRow(r.total.counts).map((n) => numberCell(n, true)),
    ],
    [],
    titleRow(
      `Tỷ lệ giải quyết đúng hạn (cột 8 + cột 9) / cột 7: ${formatRate(r.total.onTimeRate)}; trong đó rút hồ sơ: ${r.total.counts.settledWithdrawn}.`,
      { align: 'left' },
    ),
    titleRow(statusLine(r), { isItalic: true, align: 'left' }),
  ];
  const rates: SheetData = [
    [
      headerCell('STT'),
      headerCell(r.rowHeader.vi),
      headerCell('Đã giải quyết (7)'),
      headerCell('Trước hạn và đúng hạn (8 + 9)'),
      headerCell('Tỷ lệ đúng hạn (%)'),
      headerCell('Đang giải quyết quá hạn (13)'),
      headerCell('Tỷ lệ quá hạn trong số đang giải quyết (%)'),
    ],
    ...[...r.rows, { label: 'Tổng cộng', sublabel: null, ...r.total }].map((row, i, all): Row => [
      { value: i === all.length - 1 ? '' : i + 1, ...BORDER },
      textCell(row.label, i === all.length - 1),
      numberCell(row.counts.settledTotal),
      numberCell(row.counts.settledEarly + row.counts.settledOnTime),
      row.onTimeRate === null
        ? textCell('—')
        : { value: row.onTimeRate, type: Number, format: '0.0', ...BORDER },
      numberCell(row.counts.inProgressOverdue),
      row.overdueRate === null
        ? textCell('—')
        : { value: row.overdueRate, type: Number, format: '0.0', ...BORDER },
    ]),
  ];
  const definitions: SheetData = [
    [headerCell('Cột'), headerCell('Cách tính'), headerCell('Definition')],
    ...r.definitions.map((d): Row => [textCell(d.column), textCell(d.vi), textCell(d.en)]),
  ];
  const body = await writeXlsxFile(
    [
      {
        data: sheet,
        sheet: r.form.code.includes('II.07a') ? 'II.07a' : 'II.06a',
        orientation: 'landscape',
        stickyRowsCount: 9,
        columns: [{ width: 5 }, { width: 42 }, ...Array.from({ length: 11 }, () => ({ width: 11 }))],
      },
      {
        data: rates,
        sheet: 'Tỷ lệ đúng hạn',
        columns: [{ width: 5 }, { width: 42 }, ...Array.from({ length: 5 }, () => ({ width: 16 }))],
      },
      { data: definitions, sheet: 'Giải thích', columns: [{ width: 10 }, { width: 80 }, { width: 80 }] },
    ],
    { fontFamily: 'Times New Roman', fontSize: 12 },
  ).toBuffer();
  return {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    fileName: `${reportFileBase(r)}.xlsx`,
    body,
  };
}

/* ------------------------------------------------------------------ PDF */

const FACE = { regular: 'report-regular', bold: 'report-bold', italic: 'report-italic' } as const;

/** PDF, A4 landscape, with the embedded Vietnamese font; the header repeats on every page. */
export async function renderReport06aPdf(
  r: Report06a,
  options: { fontsDir?: string } = {},
): Promise<RenderedFile> {
  const fontsDir = options.fontsDir ?? resolveFontsDir();
  const fonts = {
    regular: loadFont(fontsDir, 'regular'),
    bold: loadFont(fontsDir, 'bold'),
    italic: loadFont(fontsDir, 'italic'),
  };
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margins: { top: 36, bottom: 36, left: 36, right: 30 },
    compress: true,
    bufferPages: true,
    lang: 'vi-VN',
    displayTitle: true,
    info: {
      Title: `${r.form.code} ${r.periodText.vi}`,
      Author: 'Motcua',
      Creator: 'Motcua',
      CreationDate: new Date(r.asOf),
    },
  });
  const output = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont(FACE.regular, fonts.regular);
  doc.registerFont(FACE.bold, fonts.bold);
  doc.registerFont(FACE.italic, fonts.italic);

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = doc.page.height - doc.page.margins.bottom;
  const size = 7.5;

  doc.font(FACE.bold).fontSize(8).text(r.form.code, left, doc.page.margins.top, { width, align: 'left' });
  doc
    .font(FACE.bold)
    .fontSize(11)
    .text(r.form.vi, left, doc.y + 4, { width, align: 'center' });
  doc.font(FACE.italic).fontSize(9).text(`Kỳ báo cáo: ${r.periodText.vi}`, { width, align: 'center' });
  doc.font(FACE.regular).fontSize(9).text(scopeLine(r), { width, align: 'center' });
  doc.font(FACE.italic).fontSize(8).text(II06A_TITLE.unitOfMeasure.vi, { width, align: 'right' });
  doc.y += 4;

  // Column geometry: STT, label, 11 counts.
  const widths = [22, 196, ...Array<number>(11).fill((width - 22 - 196) / 11)];
  const xs: number[] = [];
  widths.reduce((x, w) => (xs.push(x), x + w), left);
  const xOf = (i: number) => xs[i] ?? left;
  const wOf = (from: number, span = 1) => widths.slice(from, from + span).reduce((a, b) => a + b, 0);

  const box = (
    text: string,
    x: number,
    y: number,
    w: number,
    h: number,
    opts: { bold?: boolean; fill?: boolean; align?: 'left' | 'center' | 'right'; italic?: boolean } = {},
  ) => {
    if (opts.fill) doc.save().fillColor('#eeeeee').rect(x, y, w, h).fill().restore();
    doc.save().lineWidth(0.5).rect(x, y, w, h).stroke().restore();
    doc.font(opts.bold ? FACE.bold : opts.italic ? FACE.italic : FACE.regular).fontSize(size);
    const th = doc.heightOfString(text, { width: w - 4 });
    const offset = opts.align === 'left' || opts.align === 'right' ? 2 : Math.max(2, (h - th) / 2);
    doc.text(text, x + 2, y + offset, { width: w - 4, align: opts.align ?? 'center', lineGap: 0.5 });
  };

  const g = II06A_GROUP_HEADERS;
  const col = (n: number) => II06A_COLUMNS.find((c) => c.number === n)?.vi ?? '';
  const drawHeader = () => {
    const y = doc.y;
    const h1 = 22;
    const h2 = 14;
    const h3 = 22;
    const hh = h1 + h2 + h3;
    box('STT', xOf(0), y, wOf(0), hh, { bold: true, fill: true });
    box(r.rowHeader.vi, xOf(1), y, wOf(1), hh, { bold: true, fill: true });
    box(g.received.vi, xOf(2), y, wOf(2, 4), h1, { bold: true, fill: true });
    box(g.settled.vi, xOf(6), y, wOf(6, 4), h1, { bold: true, fill: true });
    box(g.inProgress.vi, xOf(10), y, wOf(10, 3), h1, { bold: true, fill: true });
    for (const i of [2, 5, 6, 7, 8, 9, 10, 11, 12])
      box(col(i + 1), xOf(i), y + h1, wOf(i), h2 + h3, { bold: true, fill: true });
    box(g.inPeriod.vi, xOf(3), y + h1, wOf(3, 2), h2, { bold: true, fill: true });
    box(col(4), xOf(3), y + h1 + h2, wOf(3), h3, { bold: true, fill: true });
    box(col(5), xOf(4), y + h1 + h2, wOf(4), h3, { bold: true, fill: true });
    const yn = y + hh;
    for (let i = 0; i < 13; i += 1) box(`(${i + 1})`, xOf(i), yn, wOf(i), 11, { italic: true });
    doc.y = yn + 11;
  };

  const drawRow = (cells: string[], isBold: boolean) => {
    doc.font(isBold ? FACE.bold : FACE.regular).fontSize(size);
    const h = Math.max(12, doc.heightOfString(cells[1] ?? '', { width: wOf(1) - 4, lineGap: 0.5 }) + 4);
    if (doc.y + h > bottom) {
      doc.addPage();
      doc.y = doc.page.margins.top;
      drawHeader();
    }
    const y = doc.y;
    cells.forEach((text, i) =>
      box(text, xOf(i), y, wOf(i), h, {
        bold: isBold,
        align: i === 1 ? 'left' : i === 0 ? 'center' : 'right',
      }),
    );
    doc.x = left;
    doc.y = y + h;
  };

  const fmt = (n: number) => n.toLocaleString('vi-VN');
  drawHeader();
  r.rows.forEach((row, i) => drawRow([String(i + 1), row.label, ...countsRow(row.counts).map(fmt)], false));
  drawRow(['', 'Tổng cộng', ...countsRow(r.total.counts).map(fmt)], true);

  if (doc.y + 40 > bottom) {
    doc.addPage();
    doc.y = doc.page.margins.top;
  }
  doc.y += 6;
  doc
    .font(FACE.regular)
    .fontSize(8.5)
    .text(
      `Tỷ lệ giải quyết đúng hạn (cột 8 + cột 9) / cột 7: ${formatRate(r.total.onTimeRate)}; trong đó rút hồ sơ: ${fmt(r.total.counts.settledWithdrawn)}.`,
      left,
      doc.y,
      { width },
    );
  doc.font(FACE.italic).fontSize(8).text(statusLine(r), { width });

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const savedBottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font(FACE.italic)
      .fontSize(7)
      .text(
        `${r.form.code} · ${r.periodText.vi} · Trang ${i - range.start + 1}/${range.count}`,
        left,
        doc.page.height - 22,
        {
          width,
          align: 'center',
          lineBreak: false,
        },
      );
    doc.page.margins.bottom = savedBottom;
  }
  doc.end();
  return { contentType: 'application/pdf', fileName: `${reportFileBase(r)}.pdf`, body: await output };
}
