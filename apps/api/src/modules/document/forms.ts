/**
 * The printed forms of a dossier (domain.md §6): Mẫu 01–05 of Circular 01/2018/TT-VPCP and the
 * stop notice of Circular 03/2025/TT-VPCP. Each function takes plain data and returns the PDF.
 * A5 portrait by default, as Circular 01/2018 prescribes for Mẫu 01–05; `options.paper` gives A4.
 */
import type {
  ApologyLetterData,
  ControlSlipData,
  DocumentComponent,
  DocumentProcedure,
  HandoffOutcome,
  ReceiptSlipData,
  RefusalSlipData,
  RenderOptions,
  ResultDelivery,
  StopNoticeData,
  SupplementRequestData,
} from './document.types.ts';
import {
  type FormCanvas,
  type TableColumn,
  createCanvas,
  drawApplicant,
  drawCodeBlock,
  drawField,
  drawNationalHeader,
  drawNotes,
  drawParagraph,
  drawRuns,
  drawSignatures,
  drawTable,
  drawTitle,
  finishCanvas,
  formatCount,
  formatDateTime,
  formatDocumentNumber,
  formatLongDate,
  formatProcedure,
  formatShortDate,
  nfc,
  qrPng,
} from './pdf-layout.ts';

const SIGN_HINT = '(Ký và ghi rõ họ tên)';

/** Request content: procedure with its code, and the variant on its own line. */
function drawRequest(c: FormCanvas, procedure: DocumentProcedure): void {
  drawField(c, 'Nội dung yêu cầu giải quyết', formatProcedure(procedure), { valueFace: 'bold' });
  drawField(c, 'Trường hợp', procedure.variant);
}

function componentRows(components: DocumentComponent[]): string[][] {
  return components.map((comp, i) => [
    String(i + 1),
    comp.note ? `${comp.name}\n(${comp.note})` : comp.name,
    String(comp.originals),
    String(comp.copies),
  ]);
}

const COMPONENT_COLUMNS: TableColumn[] = [
  { header: 'TT', weight: 6, align: 'center' },
  { header: 'Tên giấy tờ', weight: 66 },
  { header: 'Bản chính', weight: 14, align: 'center' },
  { header: 'Bản sao', weight: 14, align: 'center' },
];

function resultDeliveryText(d: ResultDelivery): string {
  const base = ((): string => {
    switch (d.channel) {
      case 'counter':
        return 'Trực tiếp tại Bộ phận Một cửa';
      case 'post':
        return 'Qua dịch vụ bưu chính công ích';
      case 'online':
        return 'Trực tuyến';
    }
  })();
  return d.detail ? `${base}: ${d.detail}` : base;
}

function outcomeText(outcome: HandoffOutcome | undefined): string {
  switch (outcome) {
    case 'early':
      return 'Trước hạn';
    case 'on_time':
      return 'Đúng hạn';
    case 'late':
      return 'Quá hạn';
    case undefined:
      return '';
  }
}

function footerLabel(dossierCode: string): string {
  return `Mã hồ sơ: ${dossierCode}`;
}

/** Mẫu 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả. */
export async function renderReceiptSlip(data: ReceiptSlipData, options?: RenderOptions): Promise<Buffer> {
  const title = 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ';
  const qr = await qrPng(data.lookupUrl);
  const c = createCanvas({
    title,
    subject: `Mẫu 01 - ${data.dossierCode}`,
    issuedAt: data.issuedAt,
    options,
  });
  drawNationalHeader(c, data.issuer, data.issuedAt);
  drawTitle(c, title, data.copyLabel ? `(${data.copyLabel})` : undefined);
  drawCodeBlock(c, {
    dossierCode: data.dossierCode,
    lookupSecret: data.lookupSecret,
    lookupUrl: data.lookupUrl,
    qr,
  });

  drawApplicant(c, 'Tiếp nhận hồ sơ của', data.applicant);
  drawRequest(c, data.procedure);

  drawParagraph(c, '1. Thành phần hồ sơ nộp gồm:', { face: 'bold' });
  drawTable(c, COMPONENT_COLUMNS, componentRows(data.components));
  drawRuns(c, [
    { text: '2. Số lượng hồ sơ: ', face: 'bold' },
    { text: `${formatCount(data.numberOfSets)} (bộ)`, face: 'regular' },
  ]);
  drawRuns(c, [
    { text: '3. Thời gian giải quyết hồ sơ theo quy định: ', face: 'bold' },
    { text: data.legalProcessingTime, face: 'regular' },
  ]);
  drawRuns(c, [
    { text: '4. Thời gian nhận hồ sơ: ', face: 'bold' },
    { text: formatDateTime(data.receivedAt), face: 'regular' },
  ]);
  drawRuns(c, [
    { text: '5. Ngày hẹn trả kết quả: ', face: 'bold' },
    { text: formatDateTime(data.dueAt), face: 'bold' },
  ]);
  drawNotes(c, data.deadlineNotes ?? []);
  drawRuns(c, [
    { text: '6. Nơi nhận kết quả: ', face: 'bold' },
    { text: resultDeliveryText(data.resultDelivery), face: 'regular' },
  ]);
  if (data.logBook) {
    drawParagraph(
      c,
      `Vào Sổ theo dõi hồ sơ, Quyển số: ${data.logBook.bookNumber}, Số thứ tự: ${data.logBook.entryNumber}`,
      { face: 'italic' },
    );
  }

  drawSignatures(c, [
    { heading: ['NGƯỜI NỘP HỒ SƠ'], hint: SIGN_HINT, name: data.submitterName ?? data.applicant.name },
    { heading: ['NGƯỜI TIẾP NHẬN HỒ SƠ'], hint: SIGN_HINT, name: data.receiverName },
  ]);
  return finishCanvas(c, footerLabel(data.dossierCode));
}

/** Mẫu 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ. */
export async function renderSupplementRequest(
  data: SupplementRequestData,
  options?: RenderOptions,
): Promise<Buffer> {
  const title = 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ';
  const qr = await qrPng(data.lookupUrl);
  const c = createCanvas({
    title,
    subject: `Mẫu 02 - ${data.dossierCode}`,
    issuedAt: data.issuedAt,
    options,
  });
  drawNationalHeader(c, data.issuer, data.issuedAt, formatDocumentNumber(data.documentNumber, 'HDHS'));
  drawTitle(c, title);
  drawCodeBlock(c, { dossierCode: data.dossierCode, lookupUrl: data.lookupUrl, qr });

  drawApplicant(c, 'Hồ sơ của', data.applicant);
  drawRequest(c, data.procedure);
  drawField(c, 'Thời gian tiếp nhận', formatDateTime(data.receivedAt));

  drawParagraph(c, 'Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:', { face: 'bold' });
  const hasCounts = data.items.some((it) => it.originals !== undefined || it.copies !== undefined);
  const columns: TableColumn[] = [
    { header: 'TT', weight: 7, align: 'center' },
    { header: 'Thành phần hồ sơ cần bổ sung, hoàn thiện', weight: hasCounts ? 40 : 45 },
    ...(hasCounts
      ? [
          { header: 'Bản chính', weight: 11, align: 'center' as const },
          { header: 'Bản sao', weight: 10, align: 'center' as const },
        ]
      : []),
    { header: 'Lý do, nội dung cần hoàn thiện', weight: hasCounts ? 32 : 48 },
  ];
  const rows = data.items.map((it, i) => [
    String(i + 1),
    it.name,
    ...(hasCounts
      ? [
          it.originals === undefined ? '' : String(it.originals),
          it.copies === undefined ? '' : String(it.copies),
        ]
      : []),
    it.reason,
  ]);
  drawTable(c, columns, rows);
  drawField(c, 'Lý do', data.reason, { labelFace: 'bold' });
  drawParagraph(
    c,
    `Trong quá trình bổ sung, hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ ${nfc(data.contactUnit ?? data.issuer.unitName)} ` +
      `theo số điện thoại ${data.hotline} để được hướng dẫn. Tình trạng hồ sơ được cập nhật tại ${data.lookupUrl}.`,
    { align: 'justify' },
  );

  drawSignatures(c, [{ heading: ['NGƯỜI HƯỚNG DẪN'], hint: SIGN_HINT, name: data.officerName }]);
  return finishCanvas(c, footerLabel(data.dossierCode));
}

/** Mẫu 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ. */
export async function renderRefusalSlip(data: RefusalSlipData, options?: RenderOptions): Promise<Buffer> {
  const title = 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ';
  const qr = await qrPng(data.lookupUrl);
  const c = createCanvas({
    title,
    subject: `Mẫu 03 - ${data.dossierCode}`,
    issuedAt: data.issuedAt,
    options,
  });
  drawNationalHeader(
    c,
    data.issuer,
    data.issuedAt,
    data.documentNumber ? `Số: ${data.documentNumber}` : undefined,
  );
  drawTitle(c, title);
  drawCodeBlock(c, { dossierCode: data.dossierCode, lookupUrl: data.lookupUrl, qr });

  drawApplicant(c, 'Tiếp nhận hồ sơ của', data.applicant);
  drawRequest(c, data.procedure);
  if (data.components.length > 0) {
    drawParagraph(c, 'Thành phần hồ sơ đã nộp:', { face: 'bold' });
    drawTable(c, COMPONENT_COLUMNS, componentRows(data.components));
  }
  drawParagraph(
    c,
    `Qua xem xét, ${nfc(data.issuer.unitName)} từ chối tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:`,
    { align: 'justify' },
  );
  for (const line of data.reason.split('\n').filter((l) => l.trim() !== '')) {
    drawParagraph(c, `- ${line.trim()}`, { x: c.left + 8, align: 'justify' });
  }
  drawParagraph(c, 'Xin thông báo để Ông/Bà được biết và thực hiện./.', { face: 'italic' });

  drawSignatures(c, [{ heading: ['NGƯỜI TIẾP NHẬN HỒ SƠ'], hint: SIGN_HINT, name: data.officerName }]);
  return finishCanvas(c, footerLabel(data.dossierCode));
}

/** Mẫu 04: Phiếu xin lỗi và hẹn lại ngày trả kết quả. */
export async function renderApologyLetter(data: ApologyLetterData, options?: RenderOptions): Promise<Buffer> {
  const title = 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ';
  const qr = await qrPng(data.lookupUrl);
  const c = createCanvas({
    title,
    subject: `Mẫu 04 - ${data.dossierCode}`,
    issuedAt: data.issuedAt,
    options,
  });
  const agency = nfc(data.agencyName ?? data.issuer.unitName);
  drawNationalHeader(c, data.issuer, data.issuedAt, formatDocumentNumber(data.documentNumber, 'PXL'));
  drawTitle(c, title);

  drawRuns(
    c,
    [
      { text: 'Kính gửi: ', face: 'regular' },
      { text: data.addressee.name, face: 'bold' },
    ],
    { align: 'center' },
  );
  drawField(c, 'Địa chỉ', data.addressee.address, { align: 'center' });
  c.doc.y += c.gap / 2;
  drawCodeBlock(c, { dossierCode: data.dossierCode, lookupUrl: data.lookupUrl, qr });

  const justify = { align: 'justify' as const, indent: 14 };
  drawRuns(
    c,
    [
      {
        text: `Ngày ${formatShortDate(data.receivedAt)}, ${agency} tiếp nhận giải quyết hồ sơ của Ông/Bà đề nghị giải quyết thủ tục hành chính: `,
        face: 'regular',
      },
      { text: formatProcedure(data.procedure), face: 'bold' },
      { text: '.', face: 'regular' },
    ],
    justify,
  );
  drawRuns(
    c,
    [
      { text: 'Thời gian hẹn trả kết quả giải quyết hồ sơ: ', face: 'regular' },
      { text: `${formatDateTime(data.originalDueAt)}.`, face: 'bold' },
    ],
    justify,
  );
  drawParagraph(
    c,
    `Tuy nhiên đến nay, ${agency} chưa trả kết quả giải quyết hồ sơ của Ông/Bà đúng thời gian như đã hẹn, do hồ sơ chưa được giải quyết xong.`,
    justify,
  );
  if (data.currentStatus) drawField(c, 'Tình trạng hiện tại của hồ sơ', data.currentStatus, justify);
  if (data.responsibleUnit) drawField(c, 'Đơn vị đang giải quyết', data.responsibleUnit, justify);
  drawField(c, 'Lý do', data.reason, justify);
  drawRuns(
    c,
    [
      {
        text: `Sự chậm trễ này đã gây phiền hà, tốn kém chi phí đi lại của Ông/Bà. ${agency} xin lỗi Ông/Bà và sẽ trả kết quả giải quyết hồ sơ cho Ông/Bà vào `,
        face: 'regular',
      },
      { text: formatDateTime(data.newDueAt), face: 'bold' },
      { text: '.', face: 'regular' },
    ],
    justify,
  );
  drawParagraph(c, 'Xin trân trọng cảm ơn sự hợp tác của Ông/Bà./.', justify);

  drawSignatures(
    c,
    [
      {
        heading: [...(data.signer.onBehalfOf ? [data.signer.onBehalfOf] : []), data.signer.title],
        name: data.signer.name,
      },
    ],
    data.recipients,
  );
  return finishCanvas(c, footerLabel(data.dossierCode));
}

/** Mẫu 05: Phiếu kiểm soát quá trình giải quyết hồ sơ. */
export async function renderControlSlip(data: ControlSlipData, options?: RenderOptions): Promise<Buffer> {
  const title = 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ';
  const qr = await qrPng(data.lookupUrl);
  const c = createCanvas({
    title,
    subject: `Mẫu 05 - ${data.dossierCode}`,
    issuedAt: data.issuedAt,
    options,
  });
  drawNationalHeader(c, data.issuer, data.issuedAt);
  drawTitle(c, title, data.copyLabel ? `(${data.copyLabel})` : undefined);
  drawCodeBlock(c, { dossierCode: data.dossierCode, lookupUrl: data.lookupUrl, qr });

  drawField(c, 'Kèm theo hồ sơ của', data.applicantName, { valueFace: 'bold' });
  drawRequest(c, data.procedure);
  drawField(c, 'Ngày nhận hồ sơ', formatDateTime(data.receivedAt));
  drawField(c, 'Ngày hẹn trả kết quả', formatDateTime(data.dueAt), { valueFace: 'bold' });
  c.doc.y += c.gap / 2;

  const blank = '.... giờ .... phút, ngày ..../..../........';
  const rows = data.handoffs.map((h) => [
    `1. Giao: ${h.fromUnit}\n2. Nhận: ${h.toUnit}`,
    [
      `Giao: ${formatDateTime(h.handedOverAt)}`,
      `Nhận: ${h.receivedAt ? formatDateTime(h.receivedAt) : blank}`,
      `Người giao: ${h.giverName}`,
      `Người nhận: ${h.receiverName ?? ''}`,
    ].join('\n'),
    outcomeText(h.outcome),
    h.note ?? '',
  ]);
  drawTable(
    c,
    [
      { header: 'Tên cơ quan', weight: 29 },
      { header: 'Thời gian giao, nhận hồ sơ', weight: 40 },
      { header: 'Kết quả giải quyết hồ sơ (trước hạn/ đúng hạn/ quá hạn)', weight: 17, align: 'center' },
      { header: 'Ghi chú', weight: 14 },
    ],
    rows,
    { size: c.size.table - 0.5 },
  );
  return finishCanvas(c, footerLabel(data.dossierCode));
}

/** Thông báo dừng giải quyết hồ sơ (Circular 03/2025/TT-VPCP Art. 7). */
export async function renderStopNotice(data: StopNoticeData, options?: RenderOptions): Promise<Buffer> {
  const title = 'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ';
  const qr = await qrPng(data.lookupUrl);
  const c = createCanvas({
    title,
    subject: `Thông báo dừng - ${data.dossierCode}`,
    issuedAt: data.issuedAt,
    options,
  });
  const unit = nfc(data.issuer.unitName);
  drawNationalHeader(
    c,
    data.issuer,
    data.issuedAt,
    data.documentNumber ? `Số: ${data.documentNumber}` : undefined,
  );
  drawTitle(c, title);

  drawRuns(
    c,
    [
      { text: 'Kính gửi: ', face: 'regular' },
      { text: data.applicant.name, face: 'bold' },
    ],
    { align: 'center' },
  );
  drawField(c, 'Địa chỉ', data.applicant.address, { align: 'center' });
  c.doc.y += c.gap / 2;
  drawCodeBlock(c, { dossierCode: data.dossierCode, lookupUrl: data.lookupUrl, qr });

  const justify = { align: 'justify' as const, indent: 14 };
  drawRuns(
    c,
    [
      {
        text: `Ngày ${formatShortDate(data.receivedAt)}, ${unit} tiếp nhận hồ sơ của Ông/Bà đề nghị giải quyết thủ tục hành chính: `,
        face: 'regular',
      },
      { text: formatProcedure(data.procedure), face: 'bold' },
      { text: `, mã hồ sơ ${data.dossierCode}.`, face: 'regular' },
    ],
    justify,
  );
  drawParagraph(
    c,
    `Ngày ${formatShortDate(data.requestedAt)}, Ông/Bà có yêu cầu dừng giải quyết hồ sơ nêu trên` +
      (data.requestReason ? ` với lý do: ${nfc(data.requestReason).replace(/[.\s]+$/u, '')}.` : '.'),
    justify,
  );
  drawParagraph(
    c,
    'Tại thời điểm nhận được yêu cầu, cơ quan có thẩm quyền chưa ban hành quyết định giải quyết thủ tục hành chính đối với hồ sơ này.',
    justify,
  );
  drawRuns(
    c,
    [
      { text: `${unit} thông báo `, face: 'regular' },
      { text: 'dừng giải quyết hồ sơ', face: 'bold' },
      { text: ` nêu trên kể từ ${formatLongDate(data.issuedAt)}.`, face: 'regular' },
    ],
    justify,
  );
  if (data.returnOfDocuments) drawParagraph(c, data.returnOfDocuments, justify);
  drawParagraph(c, 'Trân trọng thông báo./.', justify);

  drawSignatures(
    c,
    [
      {
        heading: [...(data.signer.onBehalfOf ? [data.signer.onBehalfOf] : []), data.signer.title],
        name: data.signer.name,
      },
    ],
    data.recipients,
  );
  return finishCanvas(c, footerLabel(data.dossierCode));
}
