/** Realistic sample data for the printed forms (tests and visual checks). */
import type {
  ApologyLetterData,
  ControlSlipData,
  ControlSlipHandoff,
  DocumentApplicant,
  DocumentComponent,
  DocumentIssuer,
  DocumentProcedure,
  ReceiptSlipData,
  RefusalSlipData,
  StopNoticeData,
  SupplementRequestData,
} from './document.types.ts';

/** An instant given in Vietnam local time (UTC+7). */
export function vn(year: number, month: number, day: number, hour = 0, minute = 0): Date {
  return new Date(Date.UTC(year, month - 1, day, hour - 7, minute));
}

export const sampleIssuer: DocumentIssuer = {
  parentUnitName: 'UBND tỉnh Thanh Hóa',
  unitName: 'Trung tâm Phục vụ hành chính công tỉnh',
  place: 'Thanh Hóa',
};

export const sampleDossierCode = '000.00.06.H56-261125-0361';
export const sampleLookupUrl = `https://motcua.thanhhoa.gov.vn/tra-cuu/${sampleDossierCode}`;

export const sampleApplicant: DocumentApplicant = {
  name: 'Nguyễn Thị Hương',
  idNumber: '038190012345',
  address: 'Số 12 đường Lê Lợi, phường Hạc Thành, tỉnh Thanh Hóa',
  phone: '0912 345 678',
  email: 'huong.nguyen@example.vn',
};

export const sampleProcedure: DocumentProcedure = {
  name: 'Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ',
  code: '1.009994',
  variant: 'Nhà ở riêng lẻ tại đô thị, không thuộc khu vực có quy hoạch chi tiết 1/500',
};

export const sampleComponents: DocumentComponent[] = [
  {
    name: 'Đơn đề nghị cấp giấy phép xây dựng (Mẫu số 01 Phụ lục II Nghị định 175/2024/NĐ-CP)',
    originals: 1,
    copies: 0,
  },
  {
    name: 'Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
    originals: 0,
    copies: 1,
    note: 'bản sao có chứng thực',
  },
  {
    name: 'Bản vẽ thiết kế xây dựng: mặt bằng, mặt cắt, mặt đứng chính; mặt bằng móng',
    originals: 2,
    copies: 0,
  },
  { name: 'Bản cam kết bảo đảm an toàn đối với công trình liền kề', originals: 1, copies: 0 },
  { name: 'Văn bản ủy quyền thực hiện thủ tục hành chính', originals: 1, copies: 0 },
];

export const sampleDeadlineNotes = [
  'Thời hạn tính theo ngày làm việc, không kể thứ Bảy, Chủ nhật và ngày nghỉ lễ, Tết.',
  'Hồ sơ tiếp nhận sau 15 giờ 00 phút được tính từ ngày làm việc tiếp theo.',
];

/** `n` components with long, wrapping names (forces a multi-page component table). */
export function manyComponents(n: number): DocumentComponent[] {
  const kinds = [
    'Bản sao Giấy chứng nhận đăng ký doanh nghiệp của nhà thầu thi công xây dựng',
    'Hợp đồng thuê đất',
    'Báo cáo kết quả thẩm tra thiết kế xây dựng của tổ chức tư vấn đủ điều kiện năng lực hoạt động xây dựng theo quy định',
    'Biên bản nghiệm thu hoàn thành hạng mục',
  ];
  return Array.from({ length: n }, (_, i) => ({
    name: `Giấy tờ số ${i + 1}: ${kinds[i % kinds.length] ?? ''}`,
    originals: i % 3,
    copies: (i + 1) % 2,
  }));
}

export function sampleReceiptSlip(components: DocumentComponent[] = sampleComponents): ReceiptSlipData {
  return {
    issuer: sampleIssuer,
    issuedAt: vn(2026, 11, 25, 8, 30),
    lookupUrl: sampleLookupUrl,
    dossierCode: sampleDossierCode,
    lookupSecret: 'K7QP-29XM',
    copyLabel: 'Liên 1: Giao người nộp hồ sơ',
    applicant: sampleApplicant,
    procedure: sampleProcedure,
    components,
    numberOfSets: 1,
    legalProcessingTime: '15 ngày làm việc',
    receivedAt: vn(2026, 11, 25, 8, 30),
    dueAt: vn(2026, 12, 16, 8, 30),
    resultDelivery: {
      channel: 'counter',
      detail: 'Quầy số 5, Trung tâm Phục vụ hành chính công tỉnh, 28 Đại lộ Lê Lợi',
    },
    logBook: { bookNumber: '03', entryNumber: '361' },
    receiverName: 'Lê Văn Đức',
    deadlineNotes: sampleDeadlineNotes,
  };
}

export function sampleSupplementRequest(): SupplementRequestData {
  return {
    issuer: sampleIssuer,
    issuedAt: vn(2026, 11, 26, 10, 15),
    lookupUrl: sampleLookupUrl,
    dossierCode: sampleDossierCode,
    documentNumber: '125',
    applicant: sampleApplicant,
    procedure: sampleProcedure,
    receivedAt: vn(2026, 11, 25, 8, 30),
    items: [
      {
        name: 'Bản vẽ thiết kế xây dựng',
        reason: 'Thiếu bản vẽ mặt bằng móng; bản vẽ mặt đứng chưa ghi kích thước chiều cao tầng.',
        originals: 2,
        copies: 0,
      },
      {
        name: 'Giấy chứng nhận quyền sử dụng đất',
        reason:
          'Bản sao chưa được chứng thực; đề nghị nộp bản sao có chứng thực hoặc xuất trình bản chính để đối chiếu.',
        originals: 0,
        copies: 1,
      },
    ],
    reason: 'Hồ sơ chưa đầy đủ thành phần theo quy định tại Điều 54 Nghị định 175/2024/NĐ-CP.',
    hotline: '0237 3 720 888',
    officerName: 'Lê Văn Đức',
  };
}

export function sampleRefusalSlip(): RefusalSlipData {
  return {
    issuer: sampleIssuer,
    issuedAt: vn(2026, 11, 25, 9, 5),
    lookupUrl: sampleLookupUrl,
    dossierCode: sampleDossierCode,
    applicant: sampleApplicant,
    procedure: sampleProcedure,
    components: sampleComponents.slice(0, 3),
    reason:
      'Thửa đất đề nghị cấp phép nằm trong khu vực đã có quyết định thu hồi đất để thực hiện dự án mở rộng đường Nguyễn Trãi.\n' +
      'Yêu cầu không thuộc thẩm quyền giải quyết của Sở Xây dựng theo phân cấp hiện hành.',
    officerName: 'Lê Văn Đức',
  };
}

export function sampleApologyLetter(): ApologyLetterData {
  return {
    issuer: { parentUnitName: 'UBND tỉnh Thanh Hóa', unitName: 'Sở Xây dựng', place: 'Thanh Hóa' },
    issuedAt: vn(2026, 12, 15, 14, 0),
    lookupUrl: sampleLookupUrl,
    dossierCode: sampleDossierCode,
    documentNumber: '07',
    addressee: { name: 'Bà Nguyễn Thị Hương', address: sampleApplicant.address ?? '' },
    receivedAt: vn(2026, 11, 25, 8, 30),
    procedure: sampleProcedure,
    originalDueAt: vn(2026, 12, 16, 8, 30),
    reason:
      'Cần lấy ý kiến bằng văn bản của Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ về phương án bảo đảm an toàn.',
    newDueAt: vn(2026, 12, 23, 16, 0),
    currentStatus: 'Đang chờ ý kiến của cơ quan phối hợp',
    responsibleUnit: 'Phòng Quản lý hoạt động xây dựng, Sở Xây dựng',
    recipients: ['Như trên', 'Trung tâm Phục vụ hành chính công tỉnh', 'Lưu: VT, QLHĐXD'],
    signer: { onBehalfOf: 'KT. Giám đốc', title: 'Phó Giám đốc', name: 'Trịnh Quang Minh' },
  };
}

/** `n` hand-offs between units (forces a multi-page control slip). */
export function manyHandoffs(n: number): ControlSlipHandoff[] {
  const units = [
    'Bộ phận Một cửa, Trung tâm Phục vụ hành chính công tỉnh',
    'Phòng Quản lý hoạt động xây dựng',
    'Lãnh đạo Sở Xây dựng',
    'Văn phòng Sở (phát hành)',
  ];
  const people = ['Lê Văn Đức', 'Phạm Thị Mai', 'Trịnh Quang Minh', 'Đỗ Thu Hằng'];
  const outcomes = ['early', 'on_time', 'late'] as const;
  return Array.from({ length: n }, (_, i) => ({
    fromUnit: units[i % units.length] ?? '',
    toUnit: units[(i + 1) % units.length] ?? '',
    handedOverAt: new Date(vn(2026, 11, 25, 9, 0).getTime() + i * 3_600_000 * 5),
    ...(i === n - 1 ? {} : { receivedAt: new Date(vn(2026, 11, 25, 9, 20).getTime() + i * 3_600_000 * 5) }),
    giverName: people[i % people.length] ?? '',
    ...(i === n - 1 ? {} : { receiverName: people[(i + 1) % people.length] ?? '' }),
    ...(i === n - 1 ? {} : { outcome: outcomes[i % outcomes.length] }),
    ...(i % 4 === 2 ? { note: 'Chuyển bổ sung ý kiến thẩm định' } : {}),
  }));
}

export function sampleControlSlip(handoffs: ControlSlipHandoff[] = manyHandoffs(4)): ControlSlipData {
  return {
    issuer: sampleIssuer,
    issuedAt: vn(2026, 11, 25, 8, 45),
    lookupUrl: sampleLookupUrl,
    dossierCode: sampleDossierCode,
    copyLabel: 'Liên: Lưu tại Bộ phận Một cửa',
    applicantName: sampleApplicant.name,
    procedure: sampleProcedure,
    receivedAt: vn(2026, 11, 25, 8, 30),
    dueAt: vn(2026, 12, 16, 8, 30),
    handoffs,
  };
}

export function sampleStopNotice(): StopNoticeData {
  return {
    issuer: sampleIssuer,
    issuedAt: vn(2026, 12, 1, 9, 0),
    lookupUrl: sampleLookupUrl,
    dossierCode: sampleDossierCode,
    documentNumber: '15/TB-TTPVHCC',
    applicant: sampleApplicant,
    procedure: sampleProcedure,
    receivedAt: vn(2026, 11, 25, 8, 30),
    requestedAt: vn(2026, 11, 30, 15, 20),
    requestReason: 'gia đình thay đổi phương án xây dựng',
    returnOfDocuments:
      'Hồ sơ giấy đã nộp được trả lại cho Ông/Bà tại Bộ phận Một cửa, Trung tâm Phục vụ hành chính công tỉnh.',
    recipients: ['Như trên', 'Sở Xây dựng', 'Lưu: VT'],
    signer: { onBehalfOf: 'KT. Giám đốc', title: 'Phó Giám đốc', name: 'Hoàng Văn Sơn' },
  };
}
