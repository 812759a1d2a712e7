import type { Component, EFormField, ProcedureVersionContent } from '@motcua/domain';
import { citizenIdNumber, drawPerson, mobilePhone } from './demo-names.ts';
import type { Prng } from './prng.ts';

/**
 * Texts of the demo history: e-form values, supplement and refusal reasons, company names.
 * Invented but plausible; nothing here is a real person's or company's data.
 */

const COMPANY_WORDS = [
  'Hoàng Long',
  'Lam Sơn',
  'Hàm Rồng',
  'Nghi Sơn',
  'Sông Mã',
  'Hạc Thành',
  'Bến En',
  'Phú Sơn',
  'Thành Vinh',
  'Xuân Thành',
  'Tân Phát',
  'Minh Khang',
  'An Phú',
  'Đông Á',
  'Trường Thịnh',
  'Hải Tiến',
  'Việt Thanh',
  'Sao Vàng',
  'Quảng Xương',
  'Bình Minh',
];
const COMPANY_KINDS = [
  'Công ty TNHH Xây dựng',
  'Công ty TNHH Thương mại và Dịch vụ',
  'Công ty Cổ phần Đầu tư',
  'Công ty TNHH Sản xuất',
  'Công ty Cổ phần Xây lắp',
  'Công ty TNHH Vận tải',
  'Công ty Cổ phần May',
  'Doanh nghiệp tư nhân',
];
const FOREIGN_CONTRACTORS = [
  'Hyundai Engineering & Construction Co., Ltd.',
  'China Railway 19th Bureau Group Co., Ltd.',
  'Posco E&C Corporation',
  'Sumitomo Mitsui Construction Co., Ltd.',
  'IHI Corporation',
  'Doosan Enerbility Co., Ltd.',
];

export function companyName(prng: Prng): string {
  return `${prng.pick(COMPANY_KINDS)} ${prng.pick(COMPANY_WORDS)}`;
}

/** A Thanh Hóa enterprise tax code (10 digits starting with 28). */
export function taxCode(prng: Prng): string {
  return `28${prng.digits(8)}`;
}

const BUSINESS_LINES = [
  'Bán lẻ hàng tạp hóa',
  'Dịch vụ ăn uống',
  'Sửa chữa xe máy',
  'Kinh doanh vật liệu xây dựng',
  'May mặc',
  'Bán lẻ điện thoại',
  'Cắt tóc, gội đầu',
  'Kinh doanh hải sản',
];
const DOCUMENTS = [
  'Bằng tốt nghiệp trung học phổ thông',
  'Giấy khai sinh',
  'Sổ đỏ (Giấy chứng nhận quyền sử dụng đất)',
  'Học bạ',
  'Bằng tốt nghiệp đại học',
  'Giấy phép lái xe',
  'Hợp đồng lao động',
  'Căn cước công dân',
];
const AUTHORITIES = [
  'Sở Giáo dục và Đào tạo tỉnh Thanh Hóa',
  'UBND phường Hạc Thành',
  'Trường Đại học Hồng Đức',
  'Sở Tài nguyên và Môi trường tỉnh Thanh Hóa',
  'Công an tỉnh Thanh Hóa',
];
const PURPOSES = [
  'Bổ sung hồ sơ xin việc',
  'Đăng ký kết hôn',
  'Vay vốn ngân hàng',
  'Làm thủ tục xuất khẩu lao động',
  'Nhập học',
  'Mua bán nhà đất',
];

function isoDate(prng: Prng, fromYear: number, toYear: number): string {
  return `${prng.int(fromYear, toYear)}-${String(prng.int(1, 12)).padStart(2, '0')}-${String(prng.int(1, 28)).padStart(2, '0')}`;
}

export interface FormContext {
  applicantName: string;
  applicantIdNumber: string | null;
  address: string;
  phone: string;
  email: string;
  submittedAt: Date;
}

/** A plausible value for one e-form field, by type and by the key's wording. */
function fieldValue(prng: Prng, field: EFormField, ctx: FormContext): string | number | null {
  const key = field.key.toLowerCase();
  const year = ctx.submittedAt.getUTCFullYear();
  if (field.options && field.options.length > 0) return prng.pick(field.options).value;
  switch (field.type) {
    case 'id_number':
      return key.startsWith('requester') ||
        key === 'idnumber' ||
        key.startsWith('owner') ||
        key.startsWith('signer')
        ? (ctx.applicantIdNumber ?? citizenIdNumber(prng, prng.int(1960, 2000), 'male'))
        : citizenIdNumber(prng, prng.int(1950, 2004), prng.chance(0.5) ? 'male' : 'female');
    case 'phone':
      return ctx.phone;
    case 'email':
      return ctx.email;
    case 'address':
      return ctx.address;
    case 'date':
      if (key.includes('birth')) return isoDate(prng, year - 1, year);
      if (key.includes('death')) return isoDate(prng, year, year);
      if (key.includes('permit') || key.includes('issued')) return isoDate(prng, year - 4, year - 1);
      return isoDate(prng, year, year);
    case 'number':
      if (key.includes('capital') || key.includes('value')) return prng.int(5, 300) * 10_000_000;
      if (key.includes('area')) return prng.int(60, 450);
      if (key.includes('floor')) return prng.int(1, 6);
      if (key.includes('employee')) return prng.int(3, 350);
      if (key.includes('page')) return prng.int(1, 12);
      return prng.int(1, 5);
    case 'textarea':
      if (key.includes('business')) return prng.pick(BUSINESS_LINES);
      return 'Đề nghị cơ quan có thẩm quyền xem xét, giải quyết theo quy định.';
    case 'select':
      return null;
    case 'text':
      if (key.includes('fullname') || key.endsWith('name')) {
        if (
          key.includes('enterprise') ||
          key.includes('contractor') ||
          key.includes('business') ||
          key.includes('investor')
        ) {
          return key.includes('contractor') ? prng.pick(FOREIGN_CONTRACTORS) : companyName(prng);
        }
        if (key.includes('document')) return prng.pick(DOCUMENTS);
        if (key.includes('project') || key.includes('works'))
          return `Nhà xưởng sản xuất ${prng.pick(COMPANY_WORDS)}`;
        return key.startsWith('requester') || key === 'fullname'
          ? ctx.applicantName
          : drawPerson(prng).fullName;
      }
      if (key.includes('authority')) return prng.pick(AUTHORITIES);
      if (key.includes('purpose')) return prng.pick(PURPOSES);
      if (key.includes('nationality') || key.includes('country'))
        return prng.pick(['Hàn Quốc', 'Nhật Bản', 'Trung Quốc', 'Hoa Kỳ', 'Đài Loan (Trung Quốc)']);
      if (key.includes('permitnumber')) return `${prng.int(10, 999)}/GPXD`;
      if (key.includes('serial')) return `D${prng.pick(['A', 'E', 'K'])} ${prng.digits(6)}`;
      if (key.includes('parcel')) return String(prng.int(1, 900));
      if (key.includes('mapsheet')) return String(prng.int(1, 60));
      if (key.includes('registration')) return `${prng.int(1, 400)}/${year}`;
      if (key.includes('passport')) return `${prng.pick(['M', 'E', 'C'])}${prng.digits(8)}`;
      if (key.includes('cause')) return 'Bệnh già';
      if (key.includes('relation')) return prng.pick(['Con', 'Vợ', 'Chồng', 'Cháu']);
      if (key.includes('code')) return taxCode(prng);
      if (key.includes('idnumber')) return ctx.applicantIdNumber ?? citizenIdNumber(prng, 1985, 'male');
      return '—';
    default:
      return null;
  }
}

export function formData(
  prng: Prng,
  content: ProcedureVersionContent,
  ctx: FormContext,
): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  for (const field of content.eForm) {
    const value = fieldValue(prng, field, ctx);
    if (value !== null) out[field.key] = value;
  }
  return out;
}

export function phoneOrNew(prng: Prng, phone: string | null): string {
  return phone ?? mobilePhone(prng);
}

const ITEM_REASONS = [
  'Bản sao chưa được chứng thực hoặc không có bản chính để đối chiếu',
  'Thông tin trên tờ khai không khớp với giấy tờ tùy thân',
  'Thiếu chữ ký của người yêu cầu',
  'Bản chụp mờ, không đọc được nội dung',
  'Giấy tờ đã hết thời hạn sử dụng',
  'Chưa ghi đầy đủ các mục bắt buộc theo mẫu',
];
const TECHNICAL_REASONS = [
  'Bản vẽ chưa thể hiện đủ mặt bằng, mặt cắt, mặt đứng chính',
  'Hợp đồng chuyển nhượng chưa được công chứng, chứng thực',
  'Diện tích trên hồ sơ không khớp với số liệu đo đạc',
  'Thiếu văn bản thỏa thuận của các thành viên có chung quyền sử dụng đất',
];

/** One or two components with a reason each (Mẫu 02). */
export function supplementItems(
  prng: Prng,
  components: readonly Component[],
  isTechnical: boolean,
): { componentCode: string; name: string; reason: string }[] {
  const candidates = components.filter((c) => !c.isPresentOnly);
  const pool = candidates.length > 0 ? candidates : components;
  if (pool.length === 0)
    return [{ componentCode: 'khac', name: 'Giấy tờ liên quan', reason: prng.pick(ITEM_REASONS) }];
  const count = pool.length > 1 && prng.chance(0.3) ? 2 : 1;
  const chosen = new Set<Component>();
  while (chosen.size < count) chosen.add(prng.pick(pool));
  return [...chosen].map((c) => ({
    componentCode: c.code,
    name: c.name,
    reason: isTechnical && prng.chance(0.6) ? prng.pick(TECHNICAL_REASONS) : prng.pick(ITEM_REASONS),
  }));
}

export const SUPPLEMENT_REASONS = [
  'Hồ sơ chưa đầy đủ, hợp lệ theo quy định; đề nghị bổ sung, hoàn thiện các thành phần dưới đây',
  'Qua thẩm định, hồ sơ cần bổ sung, hoàn thiện trước khi giải quyết',
];

export const INTAKE_SUPPLEMENT_REASONS = [
  'Tệp đính kèm chưa đúng thành phần hồ sơ theo quy định',
  'Tờ khai chưa đúng mẫu ban hành, đề nghị khai lại',
];

export const REFUSAL_REASONS = [
  'Yêu cầu không thuộc thẩm quyền giải quyết của cơ quan tiếp nhận',
  'Hồ sơ nộp trùng, đã được tiếp nhận theo mã hồ sơ trước đó',
  'Người nộp không bổ sung giấy tờ theo hướng dẫn trong thời hạn',
  'Tệp đính kèm không đọc được và không có thông tin liên hệ để hướng dẫn',
  'Đối tượng không đủ điều kiện thực hiện thủ tục theo quy định',
];

export const WITHDRAWAL_REASONS = [
  'Công dân đề nghị rút hồ sơ để điều chỉnh thông tin',
  'Người nộp không còn nhu cầu giải quyết',
  'Đề nghị rút hồ sơ để nộp lại theo trường hợp khác',
];

export const STOP_REASONS = [
  'Hồ sơ không đủ điều kiện giải quyết theo quy định',
  'Quá thời hạn bổ sung hồ sơ mà người nộp không bổ sung',
  'Kết quả xác minh cho thấy thông tin kê khai không chính xác',
];

export const EXTENSION_REASONS = [
  'Cần xác minh thêm thông tin với cơ quan liên quan',
  'Chờ ý kiến phối hợp của cơ quan thuế và đơn vị liên quan',
  'Khối lượng hồ sơ tăng đột biến, cần thêm thời gian thẩm định',
  'Phải kiểm tra thực địa trước khi giải quyết',
];

export const RETURN_STEP_REASONS = [
  'Dự thảo kết quả còn sai sót thông tin, đề nghị chỉnh sửa',
  'Cần bổ sung ý kiến thẩm định trước khi trình ký',
];
