/**
 * Plain data for the printed forms of a dossier (domain.md §6). The rendering functions take these
 * objects and nothing else: no database, no HTTP. Every `Date` is an instant and is printed in
 * Vietnam time (UTC+7). Text may be given in any Unicode normal form; it is printed as NFC.
 */

/** The unit that issues a form: printed in the left block of the national header. */
export interface DocumentIssuer {
  /** Issuing unit, printed in capitals and bold (e.g. "Trung tâm Phục vụ hành chính công tỉnh"). */
  unitName: string;
  /** The body the unit belongs to, printed in capitals above it (e.g. "UBND tỉnh Thanh Hóa"). */
  parentUnitName?: string;
  /** Place of the date line (e.g. "Thanh Hóa" gives "Thanh Hóa, ngày 25 tháng 11 năm 2026"). */
  place: string;
}

/** Fields every form shares. */
export interface DocumentBase {
  issuer: DocumentIssuer;
  /** Date of the form: the date line and the PDF creation date (so output is deterministic). */
  issuedAt: Date;
  /** Public lookup URL of the dossier: encoded in the QR code and printed. */
  lookupUrl: string;
  /** Mã hồ sơ, e.g. `000.00.06.H56-261125-0001` (domain.md §2.3). */
  dossierCode: string;
}

/** The dossier owner (chủ hồ sơ) or the person who submits. */
export interface DocumentApplicant {
  /** Full name of the person or organisation. */
  name: string;
  /** Personal identification number (số định danh cá nhân / CCCD). */
  idNumber?: string;
  /** Tax code (mã số thuế), for organisations and household businesses. */
  taxCode?: string;
  address?: string;
  phone?: string;
  email?: string;
}

/** The administrative procedure (TTHC) a dossier asks for. */
export interface DocumentProcedure {
  name: string;
  /** Code in the national TTHC database, e.g. "1.004227". */
  code?: string;
  /** Variant (trường hợp) of the procedure, if it has several. */
  variant?: string;
}

/** One row of a component table (thành phần hồ sơ). */
export interface DocumentComponent {
  name: string;
  /** Number of originals (bản chính). */
  originals: number;
  /** Number of copies (bản sao). */
  copies: number;
  note?: string;
}

/** A signature with a title block (thủ trưởng, người ký văn bản). */
export interface DocumentSigner {
  /** Title printed in capitals, e.g. "Phó Giám đốc". */
  title: string;
  name: string;
  /** Signing on behalf of the head, printed above the title, e.g. "KT. GIÁM ĐỐC". */
  onBehalfOf?: string;
}

/** Where the result is collected. */
export type ResultDeliveryChannel = 'counter' | 'post' | 'online';

export interface ResultDelivery {
  channel: ResultDeliveryChannel;
  /** Counter name, postal address or portal: appended to the standard wording. */
  detail?: string;
}

/** Log book reference (Sổ theo dõi hồ sơ, Mẫu 06). */
export interface LogBookEntry {
  /** Quyển số. */
  bookNumber: string;
  /** Số thứ tự. */
  entryNumber: string;
}

/** Mẫu 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả. */
export interface ReceiptSlipData extends DocumentBase {
  /** Mã tra cứu: the secret the applicant needs, with the dossier code, to look the dossier up. */
  lookupSecret: string;
  /** Copy label, e.g. "Liên 1: Giao người nộp hồ sơ". */
  copyLabel?: string;
  applicant: DocumentApplicant;
  procedure: DocumentProcedure;
  components: DocumentComponent[];
  /** Số lượng hồ sơ (bộ). */
  numberOfSets: number;
  /** Legal processing time as worded by the procedure, e.g. "05 ngày làm việc". */
  legalProcessingTime: string;
  receivedAt: Date;
  dueAt: Date;
  resultDelivery: ResultDelivery;
  logBook?: LogBookEntry;
  /** Who handed the dossier in; defaults to the applicant's name. */
  submitterName?: string;
  /** The receiving officer. */
  receiverName: string;
  /** Short lines explaining how the due date was computed, printed small. */
  deadlineNotes?: string[];
}

/** A component to complete, with the reason (one-time rule, domain.md §7.3). */
export interface SupplementItem {
  name: string;
  reason: string;
  originals?: number;
  copies?: number;
}

/** Mẫu 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ. */
export interface SupplementRequestData extends DocumentBase {
  /** Number of the slip; printed as "Số: <n>/HDHS". */
  documentNumber?: string;
  applicant: DocumentApplicant;
  procedure: DocumentProcedure;
  receivedAt: Date;
  items: SupplementItem[];
  /** Overall reason (lý do). */
  reason: string;
  /** Telephone number for questions. */
  hotline: string;
  /** Unit to contact; defaults to the issuing unit. */
  contactUnit?: string;
  /** Officer who guides the applicant (người hướng dẫn). */
  officerName: string;
}

/** Mẫu 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ. */
export interface RefusalSlipData extends DocumentBase {
  documentNumber?: string;
  applicant: DocumentApplicant;
  procedure: DocumentProcedure;
  /** Components the applicant submitted. */
  components: DocumentComponent[];
  /** Reason for the refusal, with its legal basis. */
  reason: string;
  /** The officer who refuses (người tiếp nhận hồ sơ). */
  officerName: string;
}

/** Mẫu 04: Phiếu xin lỗi và hẹn lại ngày trả kết quả. */
export interface ApologyLetterData extends DocumentBase {
  /** Number of the letter; printed as "Số: <n>/PXL". */
  documentNumber?: string;
  addressee: { name: string; address?: string };
  /** The agency that apologises; defaults to the issuing unit. */
  agencyName?: string;
  receivedAt: Date;
  procedure: DocumentProcedure;
  originalDueAt: Date;
  reason: string;
  newDueAt: Date;
  /** Current state of the dossier and who holds it (HCMC practice), optional. */
  currentStatus?: string;
  responsibleUnit?: string;
  /** "Nơi nhận" lines, e.g. ["Như trên", "Trung tâm PVHCC tỉnh", "Lưu: VT"]. */
  recipients: string[];
  signer: DocumentSigner;
}

/** Outcome of one step, compared with its step deadline. */
export type HandoffOutcome = 'early' | 'on_time' | 'late';

/** One hand-off of the dossier between units (a row of the control slip). */
export interface ControlSlipHandoff {
  fromUnit: string;
  toUnit: string;
  handedOverAt: Date;
  /** Left blank on the slip while the receiving unit has not signed for it. */
  receivedAt?: Date;
  giverName: string;
  receiverName?: string;
  outcome?: HandoffOutcome;
  note?: string;
}

/** Mẫu 05: Phiếu kiểm soát quá trình giải quyết hồ sơ. */
export interface ControlSlipData extends DocumentBase {
  copyLabel?: string;
  applicantName: string;
  procedure: DocumentProcedure;
  receivedAt: Date;
  dueAt: Date;
  handoffs: ControlSlipHandoff[];
}

/** Thông báo dừng giải quyết hồ sơ (Circular 03/2025/TT-VPCP Art. 7). */
export interface StopNoticeData extends DocumentBase {
  documentNumber?: string;
  applicant: DocumentApplicant;
  procedure: DocumentProcedure;
  receivedAt: Date;
  /** When the applicant asked to stop the settlement. */
  requestedAt: Date;
  /** The applicant's reason, if given. */
  requestReason?: string;
  /** How the submitted papers are handed back, if they are. */
  returnOfDocuments?: string;
  recipients: string[];
  signer: DocumentSigner;
}

/** Paper size of a form. */
export type PaperSize = 'A5' | 'A4';

/** Options for every render function. */
export interface RenderOptions {
  /** Directory holding the TTF files; defaults to `resolveFontsDir()`. */
  fontsDir?: string;
  /** Defaults to A5 (Circular 01/2018/TT-VPCP). */
  paper?: PaperSize;
}
