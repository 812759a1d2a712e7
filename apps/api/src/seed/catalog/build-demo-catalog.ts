/**
 * Builds the demo procedure catalog (Thanh Hóa, H56, after the 1/7/2025 reorganisation) and writes
 * `demo-catalog.json` next to this file. Facts and their sources: `sources.md` in this folder.
 *
 * Run: npx tsx apps/api/src/seed/catalog/build-demo-catalog.ts
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { CatalogFile } from '../../../../../packages/domain/src/catalog/catalog-schemas.ts';
import type {
  CatalogFileInput,
  ProcedureVersionContent,
  ProcessStepSchema,
  ComponentSchema,
  EFormFieldSchema,
  ChannelRuleSchema,
  DeadlineRuleSchema,
  LegalBasisSchema,
} from '../../../../../packages/domain/src/catalog/catalog-schemas.ts';

type Content = z.input<typeof ProcedureVersionContent>;
type Step = z.input<typeof ProcessStepSchema>;
type Comp = z.input<typeof ComponentSchema>;
type Field = z.input<typeof EFormFieldSchema>;
type ChannelRule = z.input<typeof ChannelRuleSchema>;
type Rule = z.input<typeof DeadlineRuleSchema>;
type Legal = z.input<typeof LegalBasisSchema>;

// ---------------------------------------------------------------------------------------------
// Demo agency codes (see the brief; not the real Thanh Hóa e-ID codes)
// ---------------------------------------------------------------------------------------------
export const AG = {
  ubndTinh: '000.00.00.H56',
  ttpvhcc: '000.00.01.H56',
  soTaiChinh: '000.00.02.H56',
  soTuPhap: '000.00.03.H56',
  soXayDung: '000.00.04.H56',
  soNNMT: '000.00.05.H56',
  soCongThuong: '000.00.06.H56',
  soNoiVu: '000.00.07.H56',
  soYTe: '000.00.08.H56',
  soGDDT: '000.00.09.H56',
  soVHTTDL: '000.00.10.H56',
  soKHCN: '000.00.11.H56',
  vpdkdd: '000.00.20.H56',
  thue: 'G12.99.H56',
} as const;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------
const wh = (amount: number): Rule => ({ amount, unit: 'working-hours' });
const wd = (amount: number): Rule => ({ amount, unit: 'working-days' });
const cd = (amount: number): Rule => ({ amount, unit: 'calendar-days' });
const sameDay: Rule = { amount: 0, unit: 'working-hours', isSameDay: true };

type UnitSpec = Step['unit'];
const RECV: UnitSpec = { kind: 'receiving_unit' };
const COMP: UnitSpec = { kind: 'competent_agency' };
const fixed = (agencyCode: string): UnitSpec => ({ kind: 'fixed', agencyCode });

/**
 * Standard provincial process (7 steps): receive → assign → appraise → review → approve → issue → return.
 * `h` gives the working-hour budget of each step, in that order; they must add up to the legal limit.
 */
function provincialSteps(
  h: [number, number, number, number, number, number, number],
  opts: { appraise?: string; produces?: string; leaderUnit?: UnitSpec; specialistUnit?: UnitSpec } = {},
): Step[] {
  const spec = opts.specialistUnit ?? COMP;
  return [
    {
      code: 'tiep-nhan',
      name: 'Tiếp nhận, kiểm tra, số hóa hồ sơ và chuyển xử lý',
      role: 'receiving_officer',
      unit: RECV,
      budget: wh(h[0]),
      produces: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01)',
    },
    {
      code: 'phan-cong',
      name: 'Lãnh đạo phòng phân công thụ lý',
      role: 'division_head',
      unit: spec,
      budget: wh(h[1]),
    },
    {
      code: 'tham-dinh',
      name: opts.appraise ?? 'Chuyên viên thẩm định hồ sơ, dự thảo kết quả',
      role: 'specialist',
      unit: spec,
      budget: wh(h[2]),
      produces: 'Tờ trình, dự thảo kết quả',
    },
    {
      code: 'kiem-duyet',
      name: 'Lãnh đạo phòng kiểm duyệt, trình ký',
      role: 'division_head',
      unit: spec,
      budget: wh(h[3]),
    },
    {
      code: 'phe-duyet',
      name: 'Lãnh đạo cơ quan phê duyệt, ký kết quả',
      role: 'leader',
      unit: opts.leaderUnit ?? COMP,
      budget: wh(h[4]),
      produces: opts.produces,
    },
    {
      code: 'phat-hanh',
      name: 'Văn thư vào sổ, đóng dấu, phát hành',
      role: 'clerk',
      unit: opts.leaderUnit ?? COMP,
      budget: wh(h[5]),
    },
    {
      code: 'tra-ket-qua',
      name: 'Trả kết quả, thu phí (nếu có), kết thúc hồ sơ',
      role: 'receiving_officer',
      unit: RECV,
      budget: wh(h[6]),
    },
  ];
}

/** Commune process (5 steps): one-stop officer → commune civil servant → chairman → clerk → return. */
function communeSteps(
  h: [number, number, number, number, number],
  opts: { specialist?: string; produces?: string } = {},
): Step[] {
  return [
    {
      code: 'tiep-nhan',
      name: 'Tiếp nhận, kiểm tra, số hóa hồ sơ',
      role: 'receiving_officer',
      unit: RECV,
      budget: wh(h[0]),
      produces: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01)',
    },
    {
      code: 'tham-dinh',
      name: opts.specialist ?? 'Công chức chuyên môn kiểm tra, xác minh, dự thảo kết quả',
      role: 'specialist',
      unit: COMP,
      budget: wh(h[1]),
    },
    {
      code: 'phe-duyet',
      name: 'Chủ tịch (Phó Chủ tịch) UBND xã phê duyệt, ký',
      role: 'leader',
      unit: COMP,
      budget: wh(h[2]),
      produces: opts.produces,
    },
    { code: 'phat-hanh', name: 'Văn thư vào sổ, đóng dấu', role: 'clerk', unit: COMP, budget: wh(h[3]) },
    {
      code: 'tra-ket-qua',
      name: 'Trả kết quả, kết thúc hồ sơ',
      role: 'receiving_officer',
      unit: RECV,
      budget: wh(h[4]),
    },
  ];
}

/** Same-day commune process: small indicative hour budgets (not required to add up). */
function communeSameDaySteps(opts: { specialist?: string; produces?: string } = {}): Step[] {
  return communeSteps([0.5, 1.5, 1, 0.5, 0.5], opts);
}

const counter = (fees: ChannelRule['fees'] = [], description?: string): ChannelRule => ({
  channel: 'counter',
  fees,
  ...(description ? { description } : {}),
});
const online = (fees: ChannelRule['fees'] = [], description?: string): ChannelRule => ({
  channel: 'online',
  fees,
  description: description ?? 'Nộp trên Cổng Dịch vụ công quốc gia (dichvucong.gov.vn)',
});
const postal = (fees: ChannelRule['fees'] = [], description?: string): ChannelRule => ({
  channel: 'postal',
  fees,
  description: description ?? 'Gửi hồ sơ và nhận kết quả qua dịch vụ bưu chính công ích',
});

const comp = (
  code: string,
  name: string,
  originalCount: number,
  copyCount: number,
  extra: Partial<Comp> = {},
): Comp => ({ code, name, originalCount, copyCount, isRequired: true, ...extra });

const f = (
  key: string,
  label: string,
  labelEn: string,
  type: Field['type'],
  extra: Partial<Field> = {},
): Field => ({
  key,
  label,
  labelEn,
  type,
  isRequired: true,
  ...extra,
});

const law = (number: string, title: string, issuedOn?: string, effectiveFrom?: string): Legal => ({
  number,
  title,
  ...(issuedOn ? { issuedOn } : {}),
  ...(effectiveFrom ? { effectiveFrom } : {}),
});

// Frequently cited legal texts
const L = {
  hoTich: law('60/2014/QH13', 'Luật Hộ tịch', '2014-11-20', '2016-01-01'),
  nd123: law(
    '123/2015/NĐ-CP',
    'Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch',
    '2015-11-15',
    '2016-01-01',
  ),
  tt04_2020: law(
    '04/2020/TT-BTP',
    'Thông tư quy định chi tiết thi hành một số điều của Luật Hộ tịch và Nghị định 123/2015/NĐ-CP',
    '2020-05-28',
    '2020-07-16',
  ),
  nd120_2025: law(
    '120/2025/NĐ-CP',
    'Nghị định quy định về phân định thẩm quyền của chính quyền địa phương 02 cấp trong lĩnh vực quản lý nhà nước của Bộ Tư pháp',
    '2025-06-11',
    '2025-07-01',
  ),
  hnGd: law('52/2014/QH13', 'Luật Hôn nhân và gia đình', '2014-06-19', '2015-01-01'),
  nd118: law(
    '118/2025/NĐ-CP',
    'Nghị định về thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông tại Bộ phận Một cửa và Cổng Dịch vụ công quốc gia',
    '2025-06-09',
    '2025-07-01',
  ),
};

type Entry = { code: string; versions: CatalogFileInput['procedures'][number]['versions'] };
const V1_FROM = '2025-07-01';
const v1 = (content: Content): Entry['versions'][number] => ({
  versionNo: 1,
  status: 'published',
  effectiveFrom: V1_FROM,
  content,
});

// =============================================================================================
// Procedures
// =============================================================================================
const procedures: Entry[] = [];

// ---- Hộ tịch (commune) -----------------------------------------------------------------------
const fieldHoTich = { code: 'ho-tich', name: 'Hộ tịch' };

procedures.push({
  code: '1.001193',
  versions: [
    v1({
      name: 'Đăng ký khai sinh',
      field: fieldHoTich,
      level: 'commune',
      applicantTypes: ['citizen'],
      processingTime: sameDay,
      channels: [
        counter(
          [],
          'Nộp tại Bộ phận Một cửa UBND xã/phường; nhận sau 15 giờ thì trả kết quả ngày làm việc tiếp theo',
        ),
        postal(),
        online(
          [],
          'Nộp trên Cổng Dịch vụ công quốc gia (dịch vụ liên thông khai sinh – đăng ký thường trú – cấp thẻ BHYT)',
        ),
      ],
      feeCollection: 'none',
      onlineServiceLevel: 'full',
      components: [
        comp('to-khai', 'Tờ khai đăng ký khai sinh theo mẫu', 1, 0, {
          formTemplate: { name: 'Tờ khai đăng ký khai sinh (Thông tư 04/2020/TT-BTP)' },
        }),
        comp(
          'giay-chung-sinh',
          'Giấy chứng sinh; nếu không có thì văn bản của người làm chứng xác nhận về việc sinh; nếu không có người làm chứng thì giấy cam đoan về việc sinh',
          1,
          0,
        ),
        comp('giay-to-tuy-than', 'Giấy tờ tùy thân của người đi đăng ký (xuất trình)', 0, 0, {
          isPresentOnly: true,
          reuseSource: 'population_db',
        }),
        comp('van-ban-uy-quyen', 'Văn bản ủy quyền (trường hợp ủy quyền đăng ký khai sinh)', 1, 0, {
          isRequired: false,
        }),
      ],
      steps: communeSameDaySteps({
        specialist:
          'Công chức tư pháp - hộ tịch kiểm tra, cập nhật CSDL hộ tịch, lấy số định danh cá nhân, ghi Sổ',
        produces: 'Giấy khai sinh',
      }),
      eForm: [
        f('childFullName', 'Họ, chữ đệm, tên người được khai sinh', 'Child full name', 'text'),
        f('childDateOfBirth', 'Ngày, tháng, năm sinh', 'Date of birth', 'date'),
        f('childSex', 'Giới tính', 'Sex', 'select', {
          options: [
            { value: 'nam', label: 'Nam' },
            { value: 'nu', label: 'Nữ' },
          ],
        }),
        f('placeOfBirth', 'Nơi sinh', 'Place of birth', 'address'),
        f('motherIdNumber', 'Số định danh cá nhân của mẹ', "Mother's personal ID number", 'id_number'),
        f('fatherIdNumber', 'Số định danh cá nhân của cha', "Father's personal ID number", 'id_number', {
          isRequired: false,
        }),
        f('requesterPhone', 'Số điện thoại người đi đăng ký', 'Applicant phone', 'phone'),
      ],
      result: {
        name: 'Giấy khai sinh (bản chính) và bản sao Giấy khai sinh theo yêu cầu',
        type: 'certificate',
        isPaperRequired: true,
      },
      conditions:
        'Trong thời hạn 60 ngày kể từ ngày sinh, cha hoặc mẹ có trách nhiệm đăng ký khai sinh cho con; ông, bà hoặc người thân thích khác, cá nhân, tổ chức đang nuôi dưỡng trẻ em thực hiện nếu cha, mẹ không thể đăng ký.',
      legalBasis: [L.hoTich, L.nd123, L.tt04_2020, L.nd120_2025],
      description:
        'Lệ phí: miễn đối với đăng ký khai sinh đúng hạn, người thuộc gia đình có công với cách mạng, hộ nghèo, người khuyết tật; đăng ký không đúng hạn theo mức do HĐND tỉnh quy định.',
    }),
  ],
});

procedures.push({
  code: '1.000894',
  versions: [
    v1({
      name: 'Đăng ký kết hôn',
      field: fieldHoTich,
      level: 'commune',
      applicantTypes: ['citizen'],
      processingTime: sameDay,
      channels: [
        counter(
          [],
          'Một trong hai bên nộp trực tiếp tại Bộ phận Một cửa UBND xã; khi trao Giấy chứng nhận kết hôn cả hai bên phải có mặt',
        ),
        online(),
      ],
      feeCollection: 'none',
      onlineServiceLevel: 'partial',
      components: [
        comp('to-khai', 'Tờ khai đăng ký kết hôn theo mẫu (hai bên có thể khai chung một Tờ khai)', 1, 0, {
          formTemplate: { name: 'Tờ khai đăng ký kết hôn (Thông tư 04/2020/TT-BTP)' },
        }),
        comp(
          'xac-nhan-tthn',
          'Giấy xác nhận tình trạng hôn nhân (trường hợp người yêu cầu không thường trú tại xã làm thủ tục)',
          1,
          0,
          { isRequired: false, reuseSource: 'population_db' },
        ),
        comp('giay-to-tuy-than', 'Giấy tờ tùy thân của hai bên nam, nữ (xuất trình)', 0, 0, {
          isPresentOnly: true,
          reuseSource: 'population_db',
        }),
      ],
      steps: communeSameDaySteps({
        specialist: 'Công chức tư pháp - hộ tịch kiểm tra điều kiện kết hôn, ghi Sổ đăng ký kết hôn',
        produces: 'Giấy chứng nhận kết hôn',
      }),
      variants: [
        {
          code: 'can-xac-minh',
          name: 'Cần xác minh điều kiện kết hôn của hai bên nam, nữ',
          description: 'Thời hạn giải quyết không quá 05 ngày làm việc.',
          processingTime: wd(5),
          steps: communeSteps([4, 24, 4, 4, 4], {
            specialist: 'Công chức tư pháp - hộ tịch xác minh điều kiện kết hôn, ghi Sổ đăng ký kết hôn',
            produces: 'Giấy chứng nhận kết hôn',
          }),
        },
      ],
      eForm: [
        f('husbandFullName', 'Họ, chữ đệm, tên bên nam', "Groom's full name", 'text'),
        f('husbandIdNumber', 'Số định danh cá nhân bên nam', "Groom's personal ID number", 'id_number'),
        f('wifeFullName', 'Họ, chữ đệm, tên bên nữ', "Bride's full name", 'text'),
        f('wifeIdNumber', 'Số định danh cá nhân bên nữ', "Bride's personal ID number", 'id_number'),
        f(
          'preferredDate',
          'Ngày đề nghị tổ chức trao Giấy chứng nhận kết hôn',
          'Preferred ceremony date',
          'date',
          { isRequired: false },
        ),
        f('contactPhone', 'Số điện thoại liên hệ', 'Contact phone', 'phone'),
      ],
      result: {
        name: 'Giấy chứng nhận kết hôn (mỗi bên 01 bản chính); bản sao Trích lục kết hôn theo yêu cầu',
        type: 'certificate',
        isPaperRequired: true,
      },
      conditions:
        'Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi; tự nguyện; không bị mất năng lực hành vi dân sự; không thuộc các trường hợp cấm kết hôn (Điều 8 Luật Hôn nhân và gia đình).',
      legalBasis: [L.hoTich, L.hnGd, L.nd123, L.tt04_2020, L.nd120_2025],
      description: 'Lệ phí: miễn lệ phí đăng ký kết hôn trong nước.',
    }),
  ],
});

procedures.push({
  code: '1.000656',
  versions: [
    v1({
      name: 'Đăng ký khai tử',
      field: fieldHoTich,
      level: 'commune',
      applicantTypes: ['citizen', 'organisation'],
      processingTime: sameDay,
      channels: [counter([], 'Nộp tại UBND xã nơi cư trú cuối cùng của người chết'), postal(), online()],
      feeCollection: 'none',
      onlineServiceLevel: 'partial',
      components: [
        comp('to-khai', 'Tờ khai đăng ký khai tử theo mẫu', 1, 0, {
          formTemplate: { name: 'Tờ khai đăng ký khai tử (Thông tư 04/2020/TT-BTP)' },
        }),
        comp(
          'giay-bao-tu',
          'Giấy báo tử hoặc giấy tờ thay thế Giấy báo tử do cơ quan có thẩm quyền cấp',
          1,
          0,
        ),
        comp('giay-to-tuy-than', 'Giấy tờ tùy thân của người đi đăng ký khai tử (xuất trình)', 0, 0, {
          isPresentOnly: true,
          reuseSource: 'population_db',
        }),
      ],
      steps: communeSameDaySteps({
        specialist: 'Công chức tư pháp - hộ tịch kiểm tra, ghi Sổ đăng ký khai tử, cập nhật CSDL hộ tịch',
        produces: 'Trích lục khai tử',
      }),
      variants: [
        {
          code: 'can-xac-minh',
          name: 'Trường hợp cần xác minh',
          description: 'Thời hạn giải quyết không quá 03 ngày làm việc (Điều 34 Luật Hộ tịch).',
          processingTime: wd(3),
          steps: communeSteps([2, 14, 4, 2, 2], {
            specialist: 'Công chức tư pháp - hộ tịch xác minh, ghi Sổ đăng ký khai tử',
            produces: 'Trích lục khai tử',
          }),
        },
      ],
      eForm: [
        f('deceasedFullName', 'Họ, chữ đệm, tên người chết', 'Full name of the deceased', 'text'),
        f(
          'deceasedIdNumber',
          'Số định danh cá nhân người chết',
          'Personal ID number of the deceased',
          'id_number',
        ),
        f('dateOfDeath', 'Ngày, giờ chết', 'Date of death', 'date'),
        f('placeOfDeath', 'Nơi chết', 'Place of death', 'address'),
        f('causeOfDeath', 'Nguyên nhân chết', 'Cause of death', 'text', { isRequired: false }),
        f('relationship', 'Quan hệ với người chết', 'Relationship to the deceased', 'text'),
      ],
      result: { name: 'Trích lục khai tử (bản chính)', type: 'extract', isPaperRequired: true },
      conditions:
        'Trong thời hạn 15 ngày kể từ ngày có người chết, vợ, chồng hoặc con, cha, mẹ hoặc người thân thích khác của người chết có trách nhiệm đi khai tử (Điều 33 Luật Hộ tịch).',
      legalBasis: [L.hoTich, L.nd123, L.tt04_2020, L.nd120_2025],
      description: 'Lệ phí: miễn đối với đăng ký khai tử đúng hạn.',
    }),
  ],
});

procedures.push({
  code: '2.000635',
  versions: [
    v1({
      name: 'Cấp bản sao Trích lục hộ tịch',
      field: fieldHoTich,
      level: 'commune',
      applicantTypes: ['citizen', 'organisation'],
      processingTime: sameDay,
      channels: [
        counter(
          [
            {
              kind: 'fee',
              name: 'Phí cấp bản sao Trích lục hộ tịch',
              amount: 8000,
              note: '8.000 đồng/bản sao Trích lục/sự kiện hộ tịch đã đăng ký; miễn cho người thuộc gia đình có công với cách mạng, hộ nghèo, người khuyết tật',
            },
          ],
          'Nộp tại Bộ phận Một cửa UBND xã/phường; nhận sau 15 giờ thì trả kết quả ngày làm việc tiếp theo',
        ),
        postal([
          {
            kind: 'fee',
            name: 'Phí cấp bản sao Trích lục hộ tịch',
            amount: 8000,
            note: '8.000 đồng/bản sao',
          },
        ]),
        online(
          [
            {
              kind: 'fee',
              name: 'Phí cấp bản sao Trích lục hộ tịch',
              amount: 8000,
              note: '8.000 đồng/bản sao; thanh toán trực tuyến',
            },
          ],
          'Dịch vụ công trực tuyến toàn trình trên Cổng Dịch vụ công quốc gia; nhận bản điện tử hoặc qua bưu chính',
        ),
      ],
      feeCollection: 'before',
      onlineServiceLevel: 'full',
      components: [
        comp('to-khai', 'Tờ khai cấp bản sao trích lục hộ tịch theo mẫu', 1, 0, {
          formTemplate: { name: 'Tờ khai cấp bản sao trích lục hộ tịch (Thông tư 04/2020/TT-BTP)' },
        }),
        comp('van-ban-uy-quyen', 'Văn bản ủy quyền (trường hợp ủy quyền thực hiện)', 1, 0, {
          isRequired: false,
        }),
        comp('giay-to-tuy-than', 'Giấy tờ tùy thân của người yêu cầu (xuất trình)', 0, 0, {
          isPresentOnly: true,
          reuseSource: 'population_db',
        }),
      ],
      steps: communeSameDaySteps({
        specialist: 'Công chức tư pháp - hộ tịch tra cứu Sổ hộ tịch/CSDL hộ tịch, in bản sao trích lục',
        produces: 'Bản sao Trích lục hộ tịch',
      }),
      eForm: [
        f('eventType', 'Loại sự kiện hộ tịch', 'Civil status event', 'select', {
          options: [
            { value: 'khai-sinh', label: 'Khai sinh' },
            { value: 'ket-hon', label: 'Kết hôn' },
            { value: 'khai-tu', label: 'Khai tử' },
            { value: 'khac', label: 'Sự kiện hộ tịch khác' },
          ],
        }),
        f(
          'subjectFullName',
          'Họ, chữ đệm, tên người được cấp bản sao trích lục',
          'Name on the record',
          'text',
        ),
        f('registrationNumber', 'Số đăng ký (nếu biết)', 'Registration number (if known)', 'text', {
          isRequired: false,
        }),
        f('registeredAt', 'Nơi đăng ký sự kiện hộ tịch', 'Registration office', 'text'),
        f('copyCount', 'Số lượng bản sao', 'Number of copies', 'number'),
      ],
      result: { name: 'Bản sao Trích lục hộ tịch', type: 'extract' },
      legalBasis: [
        L.hoTich,
        L.nd123,
        L.tt04_2020,
        law(
          '281/2016/TT-BTC',
          'Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí khai thác, sử dụng thông tin trong cơ sở dữ liệu hộ tịch, phí xác nhận có quốc tịch Việt Nam…',
          '2016-11-14',
          '2017-01-01',
        ),
        L.nd120_2025,
      ],
    }),
  ],
});

procedures.push({
  code: '1.004873',
  versions: [
    v1({
      name: 'Cấp Giấy xác nhận tình trạng hôn nhân',
      field: fieldHoTich,
      level: 'commune',
      applicantTypes: ['citizen'],
      processingTime: wd(3),
      channels: [
        counter(),
        postal(),
        online([], 'Dịch vụ công trực tuyến toàn trình trên Cổng Dịch vụ công quốc gia'),
      ],
      feeCollection: 'before',
      onlineServiceLevel: 'full',
      components: [
        comp('to-khai', 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân theo mẫu', 1, 0, {
          formTemplate: { name: 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân (Thông tư 04/2020/TT-BTP)' },
        }),
        comp(
          'giay-to-cham-dut-hon-nhan',
          'Giấy tờ chứng minh việc hôn nhân trước đó đã chấm dứt (trường hợp đã có vợ/chồng nhưng đã ly hôn hoặc người kia đã chết)',
          0,
          1,
          { isRequired: false },
        ),
        comp(
          'giay-xac-nhan-cu',
          'Giấy xác nhận tình trạng hôn nhân đã cấp trước đây (trường hợp đề nghị cấp lại để sử dụng vào mục đích khác hoặc đã hết hạn)',
          1,
          0,
          { isRequired: false },
        ),
        comp('giay-to-tuy-than', 'Giấy tờ tùy thân của người yêu cầu (xuất trình)', 0, 0, {
          isPresentOnly: true,
          reuseSource: 'population_db',
        }),
      ],
      steps: communeSteps([2, 14, 4, 2, 2], {
        specialist: 'Công chức tư pháp - hộ tịch kiểm tra, tra cứu CSDL hộ tịch, dự thảo Giấy xác nhận',
        produces: 'Giấy xác nhận tình trạng hôn nhân',
      }),
      variants: [
        {
          code: 'can-xac-minh',
          name: 'Trường hợp phải xác minh tình trạng hôn nhân ở nơi cư trú trước đây',
          description: 'Thời hạn giải quyết không quá 23 ngày (03 ngày làm việc và tối đa 20 ngày xác minh).',
          processingTime: cd(23),
          steps: [
            {
              code: 'tiep-nhan',
              name: 'Tiếp nhận, kiểm tra, số hóa hồ sơ',
              role: 'receiving_officer',
              unit: RECV,
              budget: wh(2),
            },
            {
              code: 'de-nghi-xac-minh',
              name: 'Công chức tư pháp - hộ tịch gửi văn bản đề nghị xác minh',
              role: 'specialist',
              unit: COMP,
              budget: wh(8),
            },
            {
              code: 'cho-xac-minh',
              name: 'Chờ kết quả xác minh của UBND nơi cư trú trước đây (tối đa 20 ngày)',
              role: 'specialist',
              unit: COMP,
              budget: cd(20),
            },
            {
              code: 'phe-duyet',
              name: 'Chủ tịch (Phó Chủ tịch) UBND xã ký Giấy xác nhận',
              role: 'leader',
              unit: COMP,
              budget: wh(4),
              produces: 'Giấy xác nhận tình trạng hôn nhân',
            },
            {
              code: 'tra-ket-qua',
              name: 'Trả kết quả',
              role: 'receiving_officer',
              unit: RECV,
              budget: wh(2),
            },
          ],
        },
      ],
      eForm: [
        f('fullName', 'Họ, chữ đệm, tên người yêu cầu', 'Applicant full name', 'text'),
        f('idNumber', 'Số định danh cá nhân', 'Personal ID number', 'id_number'),
        f('maritalStatus', 'Tình trạng hôn nhân hiện tại', 'Current marital status', 'select', {
          options: [
            { value: 'chua-ket-hon', label: 'Chưa đăng ký kết hôn với ai' },
            { value: 'da-ly-hon', label: 'Đã ly hôn' },
            { value: 'vo-chong-chet', label: 'Vợ/chồng đã chết' },
            { value: 'dang-co-vo-chong', label: 'Đang có vợ/chồng' },
          ],
        }),
        f('purpose', 'Mục đích sử dụng Giấy xác nhận', 'Purpose of use', 'text'),
        f('phone', 'Số điện thoại', 'Phone', 'phone'),
      ],
      result: { name: 'Giấy xác nhận tình trạng hôn nhân', type: 'certificate' },
      legalBasis: [L.hoTich, L.nd123, L.tt04_2020, L.nd120_2025],
      description:
        'Lệ phí theo Nghị quyết của HĐND tỉnh (miễn cho người thuộc gia đình có công với cách mạng, hộ nghèo, người khuyết tật).',
    }),
  ],
});

const lawHoTich2025 = [
  L.hoTich,
  L.nd123,
  L.tt04_2020,
  law('04/2024/TT-BTP', 'Thông tư sửa đổi, bổ sung Thông tư 02/2020/TT-BTP và Thông tư 04/2020/TT-BTP'),
  law(
    '07/2025/NĐ-CP',
    'Nghị định sửa đổi, bổ sung một số điều của các Nghị định trong lĩnh vực hộ tịch, quốc tịch, chứng thực',
  ),
  L.nd120_2025,
  law(
    '08/2025/TT-BTP',
    'Thông tư quy định về phân định thẩm quyền của chính quyền địa phương 02 cấp và phân cấp trong lĩnh vực quản lý nhà nước của Bộ Tư pháp',
    '2025-06-12',
  ),
  law('87/2020/NĐ-CP', 'Nghị định quy định về Cơ sở dữ liệu hộ tịch điện tử, đăng ký hộ tịch trực tuyến'),
  law('85/2019/TT-BTC', 'Thông tư hướng dẫn về phí và lệ phí thuộc thẩm quyền quyết định của HĐND cấp tỉnh'),
];
const hoTichFeeNote =
  'Lệ phí theo Nghị quyết của HĐND tỉnh; miễn cho người thuộc gia đình có công với cách mạng, hộ nghèo, người khuyết tật. Phí cấp bản sao trích lục (nếu có yêu cầu) theo Thông tư 281/2016/TT-BTC.';

procedures.push({
  code: '1.001766',
  versions: [
    v1({
      name: 'Đăng ký khai tử có yếu tố nước ngoài',
      field: fieldHoTich,
      level: 'commune',
      applicantTypes: ['citizen', 'overseas_vietnamese', 'foreigner'],
      processingTime: wd(3),
      channels: [
        counter(
          [],
          'Nộp tại Trung tâm Phục vụ hành chính công có thẩm quyền; nhận sau 15 giờ thì hẹn trả ngày làm việc tiếp theo',
        ),
        postal(),
        online(),
      ],
      feeCollection: 'before',
      onlineServiceLevel: 'partial',
      components: [
        comp(
          'giay-bao-tu',
          'Giấy báo tử hoặc giấy tờ thay Giấy báo tử do cơ quan có thẩm quyền cấp (không phải nộp bản giấy nếu đã có bản điện tử)',
          1,
          0,
        ),
        comp(
          'chung-cu-su-kien-chet',
          'Giấy tờ, tài liệu, chứng cứ chứng minh sự kiện chết (trường hợp người chết đã lâu, không có Giấy báo tử)',
          1,
          0,
          { isRequired: false },
        ),
        comp(
          'van-ban-uy-quyen',
          'Văn bản ủy quyền (được chứng thực, trừ khi người được ủy quyền là ông, bà, cha, mẹ, con, vợ, chồng, anh, chị, em ruột)',
          1,
          0,
          { isRequired: false },
        ),
        comp(
          'giay-to-tuy-than',
          'Hộ chiếu/Thẻ căn cước hoặc giấy tờ tùy thân khác (xuất trình; chỉ cần cung cấp số định danh nếu tra cứu được)',
          1,
          0,
          { isPresentOnly: true, reuseSource: 'population_db' },
        ),
      ],
      steps: communeSteps([2, 14, 4, 2, 2], {
        specialist:
          'Công chức tư pháp - hộ tịch thẩm tra hồ sơ, ghi Sổ đăng ký khai tử, cập nhật Phần mềm hộ tịch điện tử dùng chung',
        produces: 'Trích lục khai tử',
      }),
      eForm: [
        f('deceasedFullName', 'Họ, chữ đệm, tên người chết', 'Full name of the deceased', 'text'),
        f('deceasedNationality', 'Quốc tịch người chết', 'Nationality of the deceased', 'text'),
        f(
          'passportOrIdNumber',
          'Số hộ chiếu/số định danh của người chết',
          'Passport or ID number of the deceased',
          'text',
        ),
        f('dateOfDeath', 'Ngày chết', 'Date of death', 'date'),
        f('placeOfDeath', 'Nơi chết', 'Place of death', 'address'),
        f('requesterPhone', 'Số điện thoại người yêu cầu', 'Applicant phone', 'phone'),
      ],
      result: { name: 'Trích lục khai tử', type: 'extract', isPaperRequired: true },
      legalBasis: lawHoTich2025,
      description: hoTichFeeNote,
    }),
  ],
});

procedures.push({
  code: '1.001695',
  versions: [
    v1({
      name: 'Đăng ký khai sinh kết hợp đăng ký nhận cha, mẹ, con có yếu tố nước ngoài',
      field: fieldHoTich,
      level: 'commune',
      applicantTypes: ['citizen', 'overseas_vietnamese', 'foreigner'],
      processingTime: wd(10),
      channels: [counter(), postal(), online()],
      feeCollection: 'before',
      onlineServiceLevel: 'partial',
      components: [
        comp('to-khai-khai-sinh', 'Tờ khai đăng ký khai sinh theo mẫu', 1, 0, {
          formTemplate: { name: 'Tờ khai đăng ký khai sinh (Thông tư 04/2020/TT-BTP)' },
        }),
        comp('to-khai-nhan-cha-me-con', 'Tờ khai đăng ký nhận cha, mẹ, con theo mẫu', 1, 0, {
          formTemplate: { name: 'Tờ khai đăng ký nhận cha, mẹ, con (Thông tư 04/2020/TT-BTP)' },
        }),
        comp(
          'giay-chung-sinh',
          'Giấy chứng sinh; nếu không có thì văn bản của người làm chứng hoặc giấy cam đoan về việc sinh',
          1,
          0,
        ),
        comp(
          'chung-cu-quan-he',
          'Chứng cứ chứng minh quan hệ cha, con hoặc mẹ, con (văn bản của cơ quan y tế, cơ quan giám định…; nếu không có thì văn bản cam đoan và ít nhất hai người làm chứng)',
          1,
          0,
        ),
        comp(
          'thoa-thuan-quoc-tich',
          'Văn bản thỏa thuận của cha, mẹ về việc lựa chọn quốc tịch cho con (trường hợp cha hoặc mẹ là người nước ngoài)',
          1,
          0,
          { isRequired: false },
        ),
        comp(
          'ho-chieu-nguoi-nuoc-ngoai',
          'Bản sao hộ chiếu hoặc giấy tờ có giá trị thay hộ chiếu của người nước ngoài',
          0,
          1,
          { isRequired: false },
        ),
      ],
      steps: communeSteps([4, 56, 8, 8, 4], {
        specialist:
          'Công chức tư pháp - hộ tịch thẩm tra, xác minh, niêm yết việc nhận cha, mẹ, con 05 ngày làm việc, ghi Sổ',
        produces: 'Giấy khai sinh; Trích lục đăng ký nhận cha, mẹ, con',
      }),
      eForm: [
        f('childFullName', 'Họ, chữ đệm, tên người được khai sinh', 'Child full name', 'text'),
        f('childDateOfBirth', 'Ngày sinh', 'Date of birth', 'date'),
        f('recognisingParentName', 'Họ tên người nhận cha/mẹ/con', 'Name of the recognising parent', 'text'),
        f(
          'recognisingParentNationality',
          'Quốc tịch người nhận',
          'Nationality of the recognising parent',
          'text',
        ),
        f('chosenNationality', 'Quốc tịch lựa chọn cho con', 'Nationality chosen for the child', 'text'),
        f('phone', 'Số điện thoại liên hệ', 'Contact phone', 'phone'),
      ],
      result: {
        name: 'Giấy khai sinh và Trích lục đăng ký nhận cha, mẹ, con',
        type: 'certificate',
        isPaperRequired: true,
      },
      legalBasis: [...lawHoTich2025, L.hnGd],
      description: hoTichFeeNote,
    }),
  ],
});

// ---- Chứng thực (commune) --------------------------------------------------------------------
const fieldChungThuc = { code: 'chung-thuc', name: 'Chứng thực' };
const lawChungThuc = [
  law(
    '23/2015/NĐ-CP',
    'Nghị định về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng thực chữ ký và chứng thực hợp đồng, giao dịch',
    '2015-02-16',
    '2015-04-10',
  ),
  law(
    '01/2020/TT-BTP',
    'Thông tư quy định chi tiết và hướng dẫn thi hành một số điều của Nghị định 23/2015/NĐ-CP',
    '2020-03-03',
    '2020-04-20',
  ),
  law(
    '226/2016/TT-BTC',
    'Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí chứng thực',
    '2016-11-11',
    '2017-01-01',
  ),
  L.nd120_2025,
];

procedures.push({
  code: '2.000815',
  versions: [
    v1({
      name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt Nam cấp hoặc chứng nhận',
      field: fieldChungThuc,
      level: 'commune',
      applicantTypes: ['citizen', 'organisation', 'foreigner'],
      processingTime: sameDay,
      channels: [
        counter(
          [
            {
              kind: 'fee',
              name: 'Phí chứng thực bản sao từ bản chính',
              amount: 2000,
              note: '2.000 đồng/trang; từ trang thứ ba trở lên 1.000 đồng/trang, tối đa 200.000 đồng/bản',
            },
          ],
          'Nộp trực tiếp tại Bộ phận Một cửa UBND xã/phường; nhận sau 15 giờ thì trả kết quả ngày làm việc tiếp theo',
        ),
        online(
          [
            {
              kind: 'fee',
              name: 'Phí chứng thực bản sao điện tử từ bản chính',
              amount: 2000,
              note: '2.000 đồng/trang; từ trang thứ ba trở lên 1.000 đồng/trang, tối đa 200.000 đồng/bản',
            },
          ],
          'Đề nghị cấp bản sao điện tử có chứng thực từ bản chính trên Cổng Dịch vụ công; xuất trình bản chính khi nhận kết quả',
        ),
      ],
      feeCollection: 'before',
      onlineServiceLevel: 'partial',
      components: [
        comp('ban-chinh', 'Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao', 1, 0, {
          isPresentOnly: true,
          mustDigitise: false,
        }),
        comp('ban-sao', 'Bản sao cần chứng thực (trường hợp người yêu cầu tự chuẩn bị bản sao)', 0, 1, {
          isRequired: false,
        }),
      ],
      steps: communeSameDaySteps({
        specialist:
          'Công chức tư pháp - hộ tịch đối chiếu bản sao với bản chính, ghi lời chứng, vào sổ chứng thực',
        produces: 'Bản sao được chứng thực từ bản chính',
      }),
      variants: [
        {
          code: 'so-luong-lon',
          name: 'Yêu cầu chứng thực bản sao với số lượng lớn cùng một lúc',
          description:
            'Thời hạn có thể kéo dài theo thỏa thuận bằng văn bản nhưng không quá 02 ngày làm việc.',
          processingTime: wd(2),
          steps: communeSteps([2, 8, 3, 2, 1], {
            specialist:
              'Công chức tư pháp - hộ tịch đối chiếu bản sao với bản chính, ghi lời chứng, vào sổ chứng thực',
            produces: 'Bản sao được chứng thực từ bản chính',
          }),
        },
      ],
      eForm: [
        f('documentName', 'Tên giấy tờ, văn bản cần chứng thực', 'Document to certify', 'text'),
        f('issuingAuthority', 'Cơ quan cấp giấy tờ', 'Issuing authority', 'text'),
        f('pageCount', 'Số trang', 'Number of pages', 'number'),
        f('copyCount', 'Số bản sao cần chứng thực', 'Number of certified copies', 'number'),
        f(
          'requesterIdNumber',
          'Số định danh cá nhân người yêu cầu',
          'Applicant personal ID number',
          'id_number',
        ),
      ],
      result: { name: 'Bản sao được chứng thực từ bản chính', type: 'other', isPaperRequired: true },
      conditions:
        'Không chứng thực bản sao từ bản chính đối với bản chính bị tẩy xóa, sửa chữa, thêm, bớt nội dung không hợp lệ; bản chính bị hư hỏng, cũ nát không xác định được nội dung; bản chính có nội dung trái pháp luật (Điều 22 Nghị định 23/2015/NĐ-CP).',
      legalBasis: lawChungThuc,
    }),
  ],
});

procedures.push({
  code: '2.000884',
  versions: [
    v1({
      name: 'Chứng thực chữ ký trong các giấy tờ, văn bản (áp dụng cho cả trường hợp chứng thực điểm chỉ và trường hợp người yêu cầu chứng thực không thể ký, không thể điểm chỉ được)',
      field: fieldChungThuc,
      level: 'commune',
      applicantTypes: ['citizen', 'foreigner', 'overseas_vietnamese'],
      processingTime: sameDay,
      channels: [
        counter(
          [{ kind: 'fee', name: 'Phí chứng thực chữ ký', amount: 10000, note: '10.000 đồng/trường hợp' }],
          'Người yêu cầu phải ký trước mặt người thực hiện chứng thực; nhận sau 15 giờ thì trả kết quả ngày làm việc tiếp theo',
        ),
      ],
      feeCollection: 'before',
      onlineServiceLevel: 'none',
      isPostalAllowed: false,
      components: [
        comp(
          'giay-to-tuy-than',
          'Bản chính hoặc bản sao có chứng thực giấy tờ tùy thân còn giá trị sử dụng (xuất trình)',
          0,
          0,
          {
            isPresentOnly: true,
            reuseSource: 'population_db',
          },
        ),
        comp('van-ban-ky', 'Giấy tờ, văn bản mà người yêu cầu chứng thực sẽ ký', 1, 0),
      ],
      steps: communeSameDaySteps({
        specialist:
          'Công chức tư pháp - hộ tịch kiểm tra giấy tờ, chứng kiến việc ký, ghi lời chứng, vào sổ chứng thực',
        produces: 'Giấy tờ, văn bản đã được chứng thực chữ ký',
      }),
      eForm: [
        f('documentName', 'Tên giấy tờ, văn bản cần chứng thực chữ ký', 'Document to be signed', 'text'),
        f('signerFullName', 'Họ, chữ đệm, tên người ký', 'Signer full name', 'text'),
        f('signerIdNumber', 'Số định danh cá nhân người ký', 'Signer personal ID number', 'id_number'),
        f('copyCount', 'Số bản cần chứng thực', 'Number of originals to certify', 'number'),
      ],
      result: { name: 'Giấy tờ, văn bản đã được chứng thực chữ ký', type: 'other', isPaperRequired: true },
      conditions:
        'Người yêu cầu chứng thực chữ ký phải ký trước mặt người thực hiện chứng thực; không chứng thực chữ ký khi người yêu cầu không nhận thức, làm chủ được hành vi hoặc giấy tờ có nội dung trái pháp luật (Điều 25 Nghị định 23/2015/NĐ-CP).',
      legalBasis: lawChungThuc,
    }),
  ],
});

// ---- Đăng ký kinh doanh --------------------------------------------------------------------------
const fieldDKKD = {
  code: 'thanh-lap-va-hoat-dong-doanh-nghiep',
  name: 'Thành lập và hoạt động doanh nghiệp',
};
const fieldHKD = {
  code: 'thanh-lap-va-hoat-dong-ho-kinh-doanh',
  name: 'Thành lập và hoạt động của hộ kinh doanh',
};
const lawDN = {
  luatDN: law('59/2020/QH14', 'Luật Doanh nghiệp', '2020-06-17', '2021-01-01'),
  luat76: law(
    '76/2025/QH15',
    'Luật sửa đổi, bổ sung một số điều của Luật Doanh nghiệp',
    '2025-06-17',
    '2025-07-01',
  ),
  nd168: law('168/2025/NĐ-CP', 'Nghị định về đăng ký doanh nghiệp', '2025-06-30', '2025-07-01'),
  tt68: law(
    '68/2025/TT-BTC',
    'Thông tư ban hành biểu mẫu sử dụng trong đăng ký doanh nghiệp, đăng ký hộ kinh doanh',
  ),
  tt47: law(
    '47/2019/TT-BTC',
    'Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí cung cấp thông tin doanh nghiệp, lệ phí đăng ký doanh nghiệp',
    '2019-08-05',
    '2019-09-20',
  ),
  nq66_7: law(
    '66.7/2025/NQ-CP',
    'Nghị quyết của Chính phủ quy định cắt giảm, đơn giản hóa thủ tục hành chính dựa trên dữ liệu',
  ),
};

procedures.push({
  code: '2.001610',
  versions: [
    v1({
      name: 'Đăng ký thành lập doanh nghiệp tư nhân',
      field: fieldDKKD,
      level: 'province',
      competentAgencyCode: AG.soTaiChinh,
      applicantTypes: ['citizen', 'overseas_vietnamese', 'foreigner'],
      processingTime: wd(3),
      supplementMode: 'restart',
      channels: [
        counter(
          [
            {
              kind: 'fee',
              name: 'Phí công bố nội dung đăng ký doanh nghiệp',
              amount: 100000,
              note: '100.000 đồng/lần (Thông tư 47/2019/TT-BTC); hoàn trả nếu không được cấp đăng ký',
            },
          ],
          'Nộp tại Cơ quan đăng ký kinh doanh cấp tỉnh (Phòng Đăng ký kinh doanh – Sở Tài chính) qua Trung tâm Phục vụ hành chính công tỉnh',
        ),
        postal([{ kind: 'fee', name: 'Phí công bố nội dung đăng ký doanh nghiệp', amount: 100000 }]),
        online(
          [{ kind: 'fee', name: 'Phí công bố nội dung đăng ký doanh nghiệp', amount: 100000 }],
          'Nộp qua Cổng thông tin quốc gia về đăng ký doanh nghiệp bằng tài khoản định danh điện tử; ký số hoặc ký xác thực hồ sơ',
        ),
      ],
      feeCollection: 'before',
      onlineServiceLevel: 'full',
      components: [
        comp('giay-de-nghi', 'Giấy đề nghị đăng ký doanh nghiệp', 1, 0, {
          formTemplate: { name: 'Giấy đề nghị đăng ký doanh nghiệp tư nhân (Thông tư 68/2025/TT-BTC)' },
        }),
        comp(
          'giay-to-phap-ly-ca-nhan',
          'Bản sao giấy tờ pháp lý của cá nhân đối với chủ doanh nghiệp tư nhân (không phải nộp nếu kê khai số định danh cá nhân theo khoản 1 Điều 11 Nghị định 168/2025/NĐ-CP)',
          0,
          1,
          { isRequired: false, reuseSource: 'population_db' },
        ),
        comp(
          'van-ban-uy-quyen',
          'Văn bản ủy quyền cho cá nhân thực hiện thủ tục đăng ký doanh nghiệp (không bắt buộc công chứng, chứng thực)',
          1,
          0,
          { isRequired: false },
        ),
      ],
      steps: provincialSteps([2, 2, 10, 4, 2, 2, 2], {
        appraise:
          'Chuyên viên Phòng Đăng ký kinh doanh xem xét tính hợp lệ của hồ sơ, cấp mã số doanh nghiệp qua Hệ thống thông tin quốc gia về đăng ký doanh nghiệp',
        produces: 'Giấy chứng nhận đăng ký doanh nghiệp',
      }),
      variants: [
        {
          code: 'chuyen-doi-tu-hkd',
          name: 'Đăng ký thành lập doanh nghiệp trên cơ sở chuyển đổi từ hộ kinh doanh',
          components: [
            comp('giay-de-nghi', 'Giấy đề nghị đăng ký doanh nghiệp', 1, 0),
            comp(
              'giay-to-phap-ly-ca-nhan',
              'Bản sao giấy tờ pháp lý của cá nhân đối với chủ doanh nghiệp tư nhân (không phải nộp nếu kê khai số định danh cá nhân)',
              0,
              1,
              { isRequired: false, reuseSource: 'population_db' },
            ),
            comp('gcn-ho-kinh-doanh', 'Bản sao Giấy chứng nhận đăng ký hộ kinh doanh', 0, 1),
          ],
        },
        {
          code: 'doanh-nghiep-xa-hoi',
          name: 'Đăng ký doanh nghiệp xã hội',
          components: [
            comp('giay-de-nghi', 'Giấy đề nghị đăng ký doanh nghiệp', 1, 0),
            comp(
              'giay-to-phap-ly-ca-nhan',
              'Bản sao giấy tờ pháp lý của cá nhân đối với chủ doanh nghiệp tư nhân (không phải nộp nếu kê khai số định danh cá nhân)',
              0,
              1,
              { isRequired: false, reuseSource: 'population_db' },
            ),
            comp(
              'cam-ket-muc-tieu-xa-hoi',
              'Cam kết thực hiện mục tiêu xã hội, môi trường có chữ ký của chủ doanh nghiệp tư nhân',
              1,
              0,
            ),
          ],
        },
      ],
      eForm: [
        f('enterpriseName', 'Tên doanh nghiệp viết bằng tiếng Việt', 'Enterprise name (Vietnamese)', 'text'),
        f('headOfficeAddress', 'Địa chỉ trụ sở chính', 'Head office address', 'address'),
        f(
          'ownerIdNumber',
          'Số định danh cá nhân của chủ doanh nghiệp',
          "Owner's personal ID number",
          'id_number',
        ),
        f(
          'mainBusinessLine',
          'Ngành, nghề kinh doanh chính (mã ngành cấp 4)',
          'Main business line (VSIC level 4)',
          'text',
        ),
        f('investedCapital', 'Vốn đầu tư (đồng)', 'Invested capital (VND)', 'number'),
        f('email', 'Thư điện tử nhận thông báo', 'E-mail for notices', 'email'),
      ],
      result: { name: 'Giấy chứng nhận đăng ký doanh nghiệp (doanh nghiệp tư nhân)', type: 'certificate' },
      legalBasis: [lawDN.luatDN, lawDN.luat76, lawDN.nd168, lawDN.tt68, lawDN.tt47, lawDN.nq66_7],
      isBoundaryFree: true,
    }),
  ],
});

procedures.push({
  code: '1.001612',
  versions: [
    v1({
      name: 'Đăng ký thành lập hộ kinh doanh',
      field: fieldHKD,
      level: 'commune',
      applicantTypes: ['citizen'],
      processingTime: wd(3),
      channels: [
        counter(
          [
            {
              kind: 'charge',
              name: 'Lệ phí đăng ký hộ kinh doanh',
              amount: 100000,
              note: 'Mức thu theo Nghị quyết của HĐND tỉnh (Thông tư 85/2019/TT-BTC)',
            },
          ],
          'Nộp tại Bộ phận Một cửa UBND xã/phường nơi đặt trụ sở hộ kinh doanh',
        ),
        postal([{ kind: 'charge', name: 'Lệ phí đăng ký hộ kinh doanh', amount: 100000 }]),
        online([{ kind: 'charge', name: 'Lệ phí đăng ký hộ kinh doanh', amount: 100000 }]),
      ],
      feeCollection: 'before',
      onlineServiceLevel: 'full',
      components: [
        comp('giay-de-nghi', 'Giấy đề nghị đăng ký hộ kinh doanh', 1, 0, {
          formTemplate: { name: 'Giấy đề nghị đăng ký hộ kinh doanh (Thông tư 68/2025/TT-BTC)' },
        }),
        comp(
          'giay-to-phap-ly-ca-nhan',
          'Bản sao giấy tờ pháp lý của cá nhân đối với chủ hộ kinh doanh, thành viên hộ gia đình đăng ký hộ kinh doanh (không phải nộp nếu kê khai số định danh cá nhân)',
          0,
          1,
          { isRequired: false, reuseSource: 'population_db' },
        ),
        comp(
          'bien-ban-hop-ho-gia-dinh',
          'Bản sao biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh (trường hợp các thành viên hộ gia đình đăng ký hộ kinh doanh)',
          0,
          1,
          { isRequired: false },
        ),
        comp(
          'van-ban-uy-quyen-chu-ho',
          'Bản sao văn bản ủy quyền của thành viên hộ gia đình cho một thành viên làm chủ hộ kinh doanh (trường hợp các thành viên hộ gia đình đăng ký hộ kinh doanh)',
          0,
          1,
          { isRequired: false },
        ),
      ],
      steps: communeSteps([2, 12, 4, 4, 2], {
        specialist:
          'Công chức phụ trách đăng ký kinh doanh cấp xã kiểm tra tính hợp lệ, cập nhật Hệ thống thông tin quốc gia về đăng ký hộ kinh doanh',
        produces: 'Giấy chứng nhận đăng ký hộ kinh doanh',
      }),
      eForm: [
        f('householdBusinessName', 'Tên hộ kinh doanh', 'Household business name', 'text'),
        f(
          'ownerIdNumber',
          'Số định danh cá nhân của chủ hộ kinh doanh',
          "Owner's personal ID number",
          'id_number',
        ),
        f('businessAddress', 'Địa chỉ trụ sở hộ kinh doanh', 'Business address', 'address'),
        f('businessLines', 'Ngành, nghề kinh doanh', 'Business lines', 'textarea'),
        f('capital', 'Vốn kinh doanh (đồng)', 'Business capital (VND)', 'number'),
        f('employees', 'Số lượng lao động', 'Number of employees', 'number', { isRequired: false }),
        f('phone', 'Số điện thoại', 'Phone', 'phone'),
      ],
      result: { name: 'Giấy chứng nhận đăng ký hộ kinh doanh', type: 'certificate' },
      legalBasis: [
        lawDN.luatDN,
        lawDN.luat76,
        lawDN.nd168,
        lawDN.tt68,
        law(
          '85/2019/TT-BTC',
          'Thông tư hướng dẫn về phí và lệ phí thuộc thẩm quyền quyết định của HĐND tỉnh, thành phố trực thuộc Trung ương',
          '2019-11-29',
          '2020-01-01',
        ),
      ],
    }),
  ],
});

// ---- Xây dựng -----------------------------------------------------------------------------------
const fieldXD = { code: 'hoat-dong-xay-dung', name: 'Hoạt động xây dựng' };
const lawXD = {
  luatXD: law('50/2014/QH13', 'Luật Xây dựng', '2014-06-18', '2015-01-01'),
  luat62: law(
    '62/2020/QH14',
    'Luật sửa đổi, bổ sung một số điều của Luật Xây dựng',
    '2020-06-17',
    '2021-01-01',
  ),
  nd175: law(
    '175/2024/NĐ-CP',
    'Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Xây dựng về quản lý hoạt động xây dựng',
    '2024-12-30',
    '2024-12-30',
  ),
  nd140: law(
    '140/2025/NĐ-CP',
    'Nghị định quy định về phân định thẩm quyền của chính quyền địa phương 02 cấp trong lĩnh vực quản lý nhà nước của Bộ Xây dựng',
    undefined,
    '2025-07-01',
  ),
  nd144: law(
    '144/2025/NĐ-CP',
    'Nghị định quy định về phân quyền, phân cấp trong lĩnh vực quản lý nhà nước của Bộ Xây dựng',
    undefined,
    '2025-07-01',
  ),
};

procedures.push({
  code: '1.013225',
  versions: [
    v1({
      name: 'Cấp giấy phép xây dựng mới đối với công trình cấp III, cấp IV (công trình không theo tuyến/theo tuyến trong đô thị/tín ngưỡng, tôn giáo/tượng đài, tranh hoành tráng/theo giai đoạn/dự án) và nhà ở riêng lẻ',
      field: fieldXD,
      level: 'commune',
      applicantTypes: ['citizen', 'enterprise', 'organisation'],
      processingTime: wd(10),
      channels: [
        counter([], 'Chủ đầu tư nộp hồ sơ tại Trung tâm Phục vụ hành chính công cấp xã'),
        postal(),
        online(),
      ],
      feeCollection: 'before',
      onlineServiceLevel: 'partial',
      components: [
        comp('don-de-nghi', 'Đơn đề nghị cấp giấy phép xây dựng', 1, 1, {
          formTemplate: { name: 'Mẫu số 1 Phụ lục II Nghị định 175/2024/NĐ-CP' },
        }),
        comp(
          'giay-to-dat-dai',
          'Một trong những giấy tờ hợp pháp về đất đai theo Điều 53 Nghị định 175/2024/NĐ-CP (không phải nộp nếu đã có trong Cơ sở dữ liệu quốc gia về đất đai)',
          1,
          1,
        ),
        comp(
          'quyet-dinh-phe-duyet-du-an',
          'Quyết định phê duyệt dự án; thông báo kết quả thẩm định của cơ quan chuyên môn về xây dựng và bản vẽ thiết kế cơ sở; kết quả thủ tục PCCC, bảo vệ môi trường (đối với công trình thuộc dự án)',
          1,
          1,
          { isRequired: false },
        ),
        comp(
          'ban-ve-thiet-ke',
          'Hai bộ bản vẽ thiết kế xây dựng (mặt bằng, mặt cắt, mặt đứng, móng, đấu nối hạ tầng kỹ thuật)',
          2,
          0,
        ),
      ],
      steps: communeSteps([4, 56, 8, 8, 4], {
        specialist:
          'Công chức phụ trách xây dựng cấp xã thẩm định hồ sơ, kiểm tra thực địa, lấy ý kiến cơ quan liên quan (nếu cần), dự thảo giấy phép',
        produces: 'Giấy phép xây dựng',
      }),
      variants: [
        {
          code: 'nha-o-rieng-le',
          name: 'Nhà ở riêng lẻ',
          description: '07 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.',
          processingTime: wd(7),
          components: [
            comp('don-de-nghi', 'Đơn đề nghị cấp giấy phép xây dựng', 1, 1, {
              formTemplate: { name: 'Mẫu số 1 Phụ lục II Nghị định 175/2024/NĐ-CP' },
            }),
            comp(
              'giay-to-dat-dai',
              'Một trong những giấy tờ hợp pháp về đất đai theo Điều 53 Nghị định 175/2024/NĐ-CP',
              1,
              1,
            ),
            comp(
              'ban-ve-thiet-ke',
              'Hai bộ bản vẽ thiết kế xây dựng (mặt bằng, mặt cắt, mặt đứng, móng, đấu nối hạ tầng kỹ thuật)',
              2,
              0,
            ),
          ],
          steps: communeSteps([4, 36, 8, 4, 4], {
            specialist:
              'Công chức phụ trách xây dựng cấp xã thẩm định hồ sơ, kiểm tra thực địa, dự thảo giấy phép',
            produces: 'Giấy phép xây dựng',
          }),
        },
      ],
      eForm: [
        f('investorName', 'Tên chủ đầu tư', 'Investor name', 'text'),
        f(
          'investorIdNumber',
          'Số định danh cá nhân/mã số doanh nghiệp',
          'Personal ID / enterprise code',
          'text',
        ),
        f('siteAddress', 'Địa điểm xây dựng', 'Construction site', 'address'),
        f('landParcel', 'Thửa đất số, tờ bản đồ số', 'Land parcel and map sheet', 'text'),
        f('constructionArea', 'Diện tích xây dựng tầng 1 (m²)', 'Ground-floor area (m²)', 'number'),
        f('floors', 'Số tầng', 'Number of floors', 'number'),
        f('worksType', 'Loại công trình', 'Type of works', 'select', {
          options: [
            { value: 'nha-o-rieng-le', label: 'Nhà ở riêng lẻ' },
            { value: 'cong-trinh-cap-iii-iv', label: 'Công trình cấp III, cấp IV' },
          ],
        }),
      ],
      result: {
        name: 'Giấy phép xây dựng kèm theo hồ sơ thiết kế có đóng dấu của cơ quan cấp giấy phép xây dựng',
        type: 'license',
        isPaperRequired: true,
      },
      legalBasis: [
        lawXD.luatXD,
        lawXD.luat62,
        lawXD.nd175,
        lawXD.nd140,
        lawXD.nd144,
        law(
          '105/2025/NĐ-CP',
          'Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ',
        ),
      ],
      description: 'Lệ phí cấp giấy phép xây dựng theo Nghị quyết của HĐND tỉnh.',
    }),
  ],
});

// ---- Lao động (Sở Nội vụ) ----------------------------------------------------------------------
procedures.push({
  code: '2.001955',
  versions: [
    v1({
      name: 'Đăng ký nội quy lao động của doanh nghiệp',
      field: { code: 'lao-dong-tien-luong', name: 'Lao động, tiền lương' },
      level: 'province',
      competentAgencyCode: AG.soNoiVu,
      applicantTypes: ['enterprise', 'organisation'],
      processingTime: wd(7),
      channels: [
        counter(
          [],
          'Nộp tại Trung tâm Phục vụ hành chính công tỉnh trong thời hạn 10 ngày kể từ ngày ban hành nội quy lao động',
        ),
        postal(),
        online(),
      ],
      feeCollection: 'none',
      onlineServiceLevel: 'full',
      components: [
        comp('van-ban-de-nghi', 'Văn bản đề nghị đăng ký nội quy lao động', 1, 0),
        comp('noi-quy-lao-dong', 'Nội quy lao động', 1, 0),
        comp(
          'gop-y-to-chuc-dai-dien',
          'Văn bản góp ý của tổ chức đại diện người lao động tại cơ sở (đối với nơi có tổ chức đại diện người lao động tại cơ sở)',
          1,
          0,
          { isRequired: false },
        ),
        comp(
          'van-ban-ky-luat',
          'Các văn bản của người sử dụng lao động có quy định liên quan đến kỷ luật lao động và trách nhiệm vật chất (nếu có)',
          1,
          0,
          { isRequired: false },
        ),
      ],
      steps: provincialSteps([4, 4, 32, 8, 4, 2, 2], {
        appraise:
          'Chuyên viên phòng Lao động - Việc làm rà soát nội dung nội quy lao động theo Điều 118 Bộ luật Lao động, Điều 69 Nghị định 145/2020/NĐ-CP',
        produces: 'Thông báo kết quả đăng ký nội quy lao động',
      }),
      eForm: [
        f('enterpriseName', 'Tên doanh nghiệp', 'Enterprise name', 'text'),
        f('enterpriseCode', 'Mã số doanh nghiệp', 'Enterprise code', 'text'),
        f('issuedOn', 'Ngày ban hành nội quy lao động', 'Date the work rules were issued', 'date'),
        f('employeeCount', 'Số người lao động', 'Number of employees', 'number'),
        f(
          'hasEmployeeRepresentative',
          'Có tổ chức đại diện người lao động tại cơ sở',
          'Has an employee representative organisation',
          'select',
          {
            options: [
              { value: 'co', label: 'Có' },
              { value: 'khong', label: 'Không' },
            ],
          },
        ),
        f('contactEmail', 'Thư điện tử liên hệ', 'Contact e-mail', 'email'),
      ],
      result: {
        name: 'Thông báo và hướng dẫn người sử dụng lao động sửa đổi, bổ sung, đăng ký lại nội quy lao động (nếu nội quy có quy định trái pháp luật)',
        type: 'notice',
        mustBeSigned: true,
      },
      conditions:
        'Nội quy lao động không trái với pháp luật lao động và quy định của pháp luật có liên quan; nội dung chủ yếu theo khoản 2 Điều 118 Bộ luật Lao động (hướng dẫn tại Điều 69 Nghị định 145/2020/NĐ-CP).',
      legalBasis: [
        law('45/2019/QH14', 'Bộ luật Lao động', '2019-11-20', '2021-01-01'),
        law(
          '145/2020/NĐ-CP',
          'Nghị định quy định chi tiết và hướng dẫn thi hành một số điều của Bộ luật Lao động về điều kiện lao động và quan hệ lao động',
          '2020-12-14',
          '2021-02-01',
        ),
        law(
          '129/2025/NĐ-CP',
          'Nghị định quy định về phân định thẩm quyền của chính quyền địa phương 02 cấp trong lĩnh vực quản lý nhà nước của Bộ Nội vụ',
          undefined,
          '2025-07-01',
        ),
        law(
          '45/2025/NĐ-CP',
          'Nghị định quy định tổ chức các cơ quan chuyên môn thuộc UBND cấp tỉnh',
          '2025-02-28',
        ),
      ],
    }),
  ],
});

procedures.push({
  code: '1.013227',
  versions: [
    v1({
      name: 'Gia hạn giấy phép xây dựng đối với công trình cấp III, cấp IV (không theo tuyến/theo tuyến trong đô thị/tín ngưỡng, tôn giáo/tượng đài, tranh hoành tráng/sửa chữa, cải tạo/theo giai đoạn/dự án) và nhà ở riêng lẻ',
      field: fieldXD,
      level: 'commune',
      applicantTypes: ['citizen', 'enterprise', 'organisation'],
      processingTime: wd(5),
      channels: [
        counter(
          [],
          'Nộp tại Trung tâm Phục vụ hành chính công hoặc Bộ phận tiếp nhận và trả kết quả của UBND cấp xã',
        ),
        postal(),
        online(),
      ],
      feeCollection: 'before',
      onlineServiceLevel: 'full',
      components: [
        comp('don-de-nghi-gia-han', 'Đơn đề nghị gia hạn giấy phép xây dựng', 1, 0, {
          formTemplate: { name: 'Mẫu số 2 Phụ lục II Nghị định 175/2024/NĐ-CP' },
        }),
        comp('giay-phep-da-cap', 'Bản chính giấy phép xây dựng đã được cấp', 1, 0),
      ],
      steps: communeSteps([4, 24, 4, 4, 4], {
        specialist:
          'Công chức phụ trách xây dựng cấp xã kiểm tra điều kiện gia hạn, dự thảo gia hạn giấy phép',
        produces: 'Giấy phép xây dựng được gia hạn',
      }),
      eForm: [
        f('permitNumber', 'Số giấy phép xây dựng đã cấp', 'Permit number', 'text'),
        f('permitDate', 'Ngày cấp giấy phép', 'Permit date', 'date'),
        f('siteAddress', 'Địa điểm xây dựng', 'Construction site', 'address'),
        f('extensionReason', 'Lý do đề nghị gia hạn', 'Reason for extension', 'textarea'),
        f('phone', 'Số điện thoại', 'Phone', 'phone'),
      ],
      result: { name: 'Giấy phép xây dựng được gia hạn', type: 'license', isPaperRequired: true },
      legalBasis: [lawXD.luatXD, lawXD.luat62, lawXD.nd175, lawXD.nd140, lawXD.nd144],
      description: 'Lệ phí theo Nghị quyết của HĐND tỉnh.',
    }),
  ],
});

procedures.push({
  code: '1.013313',
  versions: [
    v1({
      name: 'Xác nhận nơi thường xuyên đậu, đỗ; sử dụng phương tiện vào mục đích để ở',
      field: { code: 'dang-ky-quan-ly-cu-tru', name: 'Đăng ký, quản lý cư trú' },
      level: 'commune',
      applicantTypes: ['citizen'],
      processingTime: wd(2),
      channels: [
        counter(
          [],
          'Nộp Tờ khai cùng hồ sơ đăng ký cư trú; cơ quan đăng ký cư trú chuyển Tờ khai đến UBND cấp xã',
        ),
        postal(),
        online(),
      ],
      feeCollection: 'none',
      onlineServiceLevel: 'full',
      components: [
        comp(
          'to-khai',
          'Tờ khai đề nghị xác nhận nơi thường xuyên đậu, đỗ; sử dụng phương tiện vào mục đích để ở',
          1,
          0,
          { formTemplate: { name: 'Mẫu số 01 ban hành kèm theo Nghị định 154/2024/NĐ-CP' } },
        ),
      ],
      steps: communeSteps([2, 8, 2, 2, 2], {
        specialist: 'Công chức kiểm tra tính pháp lý và nội dung hồ sơ, xác minh nơi đậu, đỗ phương tiện',
        produces: 'Xác nhận nơi thường xuyên đậu, đỗ phương tiện',
      }),
      eForm: [
        f('fullName', 'Họ, chữ đệm, tên', 'Full name', 'text'),
        f('idNumber', 'Số định danh cá nhân', 'Personal ID number', 'id_number'),
        f('vehicleType', 'Loại phương tiện', 'Type of vehicle', 'select', {
          options: [
            { value: 'tau-thuyen', label: 'Tàu, thuyền, phương tiện thủy nội địa' },
            { value: 'phuong-tien-khac', label: 'Phương tiện khác' },
          ],
        }),
        f('vehicleRegistration', 'Số đăng ký phương tiện', 'Vehicle registration number', 'text'),
        f('mooringPlace', 'Nơi thường xuyên đậu, đỗ', 'Usual mooring/parking place', 'address'),
      ],
      result: {
        name: 'Xác nhận nơi thường xuyên đậu, đỗ; sử dụng phương tiện vào mục đích để ở',
        type: 'notice',
      },
      legalBasis: [
        law('68/2020/QH14', 'Luật Cư trú', '2020-11-13', '2021-07-01'),
        law('154/2024/NĐ-CP', 'Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Cư trú'),
        law(
          '53/2025/TT-BCA',
          'Thông tư sửa đổi, bổ sung một số điều của Thông tư 55/2021/TT-BCA, 56/2021/TT-BCA và 17/2024/TT-BCA',
          '2025-07-01',
        ),
        law('54/2025/TT-BCA', 'Thông tư quy định về quy trình đăng ký cư trú', '2025-07-01'),
      ],
      isBoundaryFree: false,
    }),
  ],
});

procedures.push({
  code: '2.002516',
  versions: [
    v1({
      name: 'Xác nhận thông tin hộ tịch',
      field: fieldHoTich,
      level: 'commune',
      applicantTypes: ['citizen', 'organisation'],
      processingTime: wd(1),
      channels: [
        counter([
          {
            kind: 'fee',
            name: 'Phí xác nhận thông tin hộ tịch',
            amount: 8000,
            note: '8.000 đồng/văn bản xác nhận về một việc hộ tịch; miễn cho người thuộc gia đình có công với cách mạng, hộ nghèo, người khuyết tật',
          },
        ]),
        postal([{ kind: 'fee', name: 'Phí xác nhận thông tin hộ tịch', amount: 8000 }]),
        online(
          [{ kind: 'fee', name: 'Phí xác nhận thông tin hộ tịch', amount: 8000 }],
          'Nộp trên Cổng Dịch vụ công quốc gia hoặc ứng dụng VNeID; thanh toán trực tuyến',
        ),
      ],
      feeCollection: 'before',
      onlineServiceLevel: 'full',
      components: [
        comp(
          'giay-to-lien-quan',
          'Giấy tờ, tài liệu có liên quan đến nội dung đề nghị xác nhận thông tin hộ tịch',
          1,
          0,
        ),
        comp(
          'van-ban-uy-quyen',
          'Văn bản ủy quyền (được chứng thực, trừ trường hợp người được ủy quyền là người thân thích theo quy định)',
          1,
          0,
          { isRequired: false },
        ),
        comp(
          'giay-to-tuy-than',
          'Giấy tờ tùy thân (xuất trình; chỉ cần cung cấp số định danh cá nhân nếu tra cứu được)',
          1,
          0,
          { isPresentOnly: true, reuseSource: 'population_db' },
        ),
      ],
      steps: communeSteps([1, 4, 1, 1, 1], {
        specialist:
          'Công chức tư pháp - hộ tịch tra cứu Cơ sở dữ liệu hộ tịch điện tử, dự thảo văn bản xác nhận',
        produces: 'Văn bản xác nhận thông tin hộ tịch',
      }),
      eForm: [
        f(
          'subjectFullName',
          'Họ, chữ đệm, tên người được xác nhận thông tin',
          'Name of the person concerned',
          'text',
        ),
        f('subjectIdNumber', 'Số định danh cá nhân', 'Personal ID number', 'id_number'),
        f('eventType', 'Việc hộ tịch cần xác nhận', 'Civil status event to confirm', 'text'),
        f('purpose', 'Mục đích sử dụng', 'Purpose', 'text'),
        f('phone', 'Số điện thoại', 'Phone', 'phone'),
      ],
      result: { name: 'Văn bản xác nhận thông tin hộ tịch', type: 'notice' },
      legalBasis: [
        ...lawHoTich2025,
        law(
          '281/2016/TT-BTC',
          'Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí khai thác, sử dụng thông tin trong cơ sở dữ liệu hộ tịch…',
          '2016-11-14',
          '2017-01-01',
        ),
      ],
    }),
  ],
});

// Cấp giấy phép hoạt động xây dựng cho nhà thầu nước ngoài: two versions (fee rule changed on 01/01/2026)
function nhaThauNuocNgoai(version: 1 | 2): Content {
  const feeNote =
    version === 1
      ? 'Lệ phí cấp giấy phép hoạt động xây dựng theo Thông tư 38/2022/TT-BTC'
      : 'Từ ngày 01/01/2026 theo Thông tư 156/2025/TT-BTC (sửa đổi Thông tư 38/2022/TT-BTC)';
  const fees: ChannelRule['fees'] =
    version === 1
      ? []
      : [{ kind: 'charge', name: 'Lệ phí cấp giấy phép hoạt động xây dựng', amount: 500000, note: feeNote }];
  return {
    name: 'Cấp giấy phép hoạt động xây dựng cho nhà thầu nước ngoài',
    field: fieldXD,
    level: 'province',
    competentAgencyCode: AG.soXayDung,
    applicantTypes: ['foreigner', 'organisation'],
    processingTime: cd(6),
    channels: [
      counter(fees, 'Nộp 01 bộ hồ sơ tại Trung tâm Phục vụ hành chính công tỉnh'),
      postal(fees),
      online(fees),
    ],
    feeCollection: 'before',
    onlineServiceLevel: 'partial',
    components: [
      comp('don-de-nghi', 'Đơn đề nghị cấp giấy phép hoạt động xây dựng bằng tiếng Việt', 1, 1, {
        formTemplate: {
          name: 'Mẫu số 01 (tổ chức) hoặc Mẫu số 04 (cá nhân) Phụ lục III Nghị định 175/2024/NĐ-CP',
        },
      }),
      comp(
        'bao-cao-kinh-nghiem',
        'Biểu báo cáo kinh nghiệm hoạt động liên quan đến các công việc nhận thầu và báo cáo tổng hợp kiểm toán tài chính 03 năm gần nhất',
        1,
        1,
        { formTemplate: { name: 'Mẫu số 02 Phụ lục III Nghị định 175/2024/NĐ-CP' } },
      ),
      comp(
        'giay-phep-thanh-lap',
        'Giấy phép thành lập hoặc Giấy chứng nhận đăng ký kinh doanh (đã hợp pháp hóa lãnh sự) và chứng chỉ hành nghề (nếu có), kèm bản dịch tiếng Việt được công chứng, chứng thực',
        1,
        1,
      ),
      comp('ket-qua-dau-thau', 'Kết quả đấu thầu hoặc quyết định chọn thầu hợp pháp', 1, 1),
      comp(
        'hop-dong-lien-danh',
        'Hợp đồng liên danh với nhà thầu Việt Nam hoặc hợp đồng với nhà thầu phụ Việt Nam',
        1,
        1,
      ),
      comp(
        'giay-uy-quyen',
        'Giấy ủy quyền hợp pháp đối với người không phải là người đại diện theo pháp luật của nhà thầu',
        1,
        1,
        { isRequired: false },
      ),
    ],
    steps: [
      {
        code: 'tiep-nhan',
        name: 'Tiếp nhận, kiểm tra, số hóa hồ sơ và chuyển Sở Xây dựng',
        role: 'receiving_officer',
        unit: RECV,
        budget: wh(4),
      },
      {
        code: 'phan-cong',
        name: 'Lãnh đạo phòng Quản lý hoạt động xây dựng phân công',
        role: 'division_head',
        unit: COMP,
        budget: wh(4),
      },
      {
        code: 'tham-dinh',
        name: 'Chuyên viên thẩm định hồ sơ, dự thảo giấy phép',
        role: 'specialist',
        unit: COMP,
        budget: wh(16),
        produces: 'Dự thảo Quyết định cấp giấy phép',
      },
      {
        code: 'phe-duyet',
        name: 'Lãnh đạo Sở Xây dựng ký giấy phép',
        role: 'leader',
        unit: COMP,
        budget: wh(4),
        produces: 'Giấy phép hoạt động xây dựng',
      },
      {
        code: 'phat-hanh',
        name: 'Văn thư vào sổ, đóng dấu, phát hành',
        role: 'clerk',
        unit: COMP,
        budget: wh(2),
      },
      {
        code: 'tra-ket-qua',
        name: 'Trả kết quả, thu lệ phí',
        role: 'receiving_officer',
        unit: RECV,
        budget: wh(2),
      },
    ],
    eForm: [
      f('contractorName', 'Tên nhà thầu nước ngoài', 'Foreign contractor name', 'text'),
      f('contractorCountry', 'Quốc tịch nhà thầu', 'Contractor nationality', 'text'),
      f('projectName', 'Tên dự án/gói thầu', 'Project / bid package', 'text'),
      f('projectLocation', 'Địa điểm thực hiện', 'Project location', 'address'),
      f('contractValue', 'Giá trị hợp đồng (đồng)', 'Contract value (VND)', 'number'),
      f('contactEmail', 'Thư điện tử liên hệ', 'Contact e-mail', 'email'),
    ],
    result: { name: 'Quyết định cấp Giấy phép hoạt động xây dựng cho nhà thầu nước ngoài', type: 'license' },
    legalBasis: [
      lawXD.luat62,
      lawXD.nd175,
      lawXD.nd144,
      version === 1
        ? law(
            '38/2022/TT-BTC',
            'Thông tư quy định mức thu, chế độ thu, nộp lệ phí cấp giấy phép hoạt động xây dựng, lệ phí cấp chứng chỉ hành nghề kiến trúc sư',
            '2022-06-24',
          )
        : law(
            '156/2025/TT-BTC',
            'Thông tư sửa đổi, bổ sung một số điều của Thông tư 199/2016/TT-BTC và Thông tư 38/2022/TT-BTC',
            '2025-12-31',
            '2026-01-01',
          ),
    ],
    description: feeNote + '. Thời hạn 06 ngày kể từ ngày nhận đủ hồ sơ hợp lệ.',
  };
}
procedures.push({
  code: '1.013222',
  versions: [
    {
      versionNo: 1,
      status: 'published',
      effectiveFrom: V1_FROM,
      effectiveTo: '2025-12-31',
      content: nhaThauNuocNgoai(1),
    },
    { versionNo: 2, status: 'published', effectiveFrom: '2026-01-01', content: nhaThauNuocNgoai(2) },
  ],
});

procedures.push({
  code: '1.013233',
  versions: [
    v1({
      name: 'Gia hạn giấy phép xây dựng đối với công trình cấp đặc biệt, cấp I, cấp II (không theo tuyến/theo tuyến trong đô thị/tín ngưỡng, tôn giáo/tượng đài, tranh hoành tráng/sửa chữa, cải tạo/theo giai đoạn/dự án)',
      field: fieldXD,
      level: 'province',
      competentAgencyCode: AG.soXayDung,
      applicantTypes: ['citizen', 'enterprise', 'organisation'],
      processingTime: wd(5),
      channels: [
        counter(
          [],
          'Nộp 02 bộ hồ sơ tại Trung tâm Phục vụ hành chính công tỉnh hoặc Ban Quản lý khu kinh tế theo phân cấp',
        ),
        postal(),
        online(),
      ],
      feeCollection: 'before',
      onlineServiceLevel: 'full',
      components: [
        comp('don-de-nghi-gia-han', 'Đơn đề nghị gia hạn giấy phép xây dựng', 1, 0, {
          formTemplate: { name: 'Mẫu số 2 Phụ lục II Nghị định 175/2024/NĐ-CP' },
        }),
        comp('giay-phep-da-cap', 'Bản chính giấy phép xây dựng đã được cấp', 1, 0),
      ],
      steps: provincialSteps([4, 2, 20, 4, 4, 4, 2], {
        appraise: 'Chuyên viên phòng Quản lý xây dựng kiểm tra điều kiện gia hạn',
        produces: 'Giấy phép xây dựng được gia hạn',
      }),
      eForm: [
        f('investorName', 'Tên chủ đầu tư', 'Investor', 'text'),
        f('permitNumber', 'Số giấy phép xây dựng', 'Permit number', 'text'),
        f('permitDate', 'Ngày cấp', 'Date of issue', 'date'),
        f('worksName', 'Tên công trình', 'Works name', 'text'),
        f('extensionReason', 'Lý do gia hạn', 'Reason for extension', 'textarea'),
      ],
      result: {
        name: 'Giấy phép xây dựng được gia hạn theo quy định',
        type: 'license',
        isPaperRequired: true,
      },
      legalBasis: [lawXD.luatXD, lawXD.luat62, lawXD.nd175, lawXD.nd144],
      description: 'Lệ phí theo Nghị quyết của HĐND tỉnh.',
    }),
  ],
});

procedures.push({
  code: '1.013230',
  versions: [
    v1({
      name: 'Cấp giấy phép di dời đối với công trình cấp đặc biệt, cấp I và cấp II',
      field: fieldXD,
      level: 'province',
      competentAgencyCode: AG.soXayDung,
      applicantTypes: ['citizen', 'enterprise', 'organisation'],
      processingTime: wd(10),
      channels: [
        counter(
          [],
          'Nộp tại Trung tâm Phục vụ hành chính công tỉnh hoặc Ban Quản lý khu kinh tế theo phân cấp',
        ),
        postal(),
        online(),
      ],
      feeCollection: 'before',
      onlineServiceLevel: 'partial',
      components: [
        comp('don-de-nghi', 'Đơn đề nghị cấp giấy phép di dời công trình', 1, 0, {
          formTemplate: { name: 'Mẫu số 1 Phụ lục II Nghị định 175/2024/NĐ-CP' },
        }),
        comp(
          'giay-to-dat-dai',
          'Giấy tờ chứng minh quyền sử dụng đất nơi công trình sẽ di dời đến và giấy tờ hợp pháp về sở hữu công trình',
          2,
          0,
        ),
        comp(
          'ban-ve-hien-trang',
          'Bản vẽ hoàn công (nếu có) hoặc bản vẽ thiết kế mô tả thực trạng công trình; bản vẽ tổng mặt bằng, mặt bằng và mặt cắt móng tại địa điểm di dời đến',
          2,
          0,
        ),
        comp(
          'bao-cao-khao-sat',
          'Báo cáo kết quả khảo sát đánh giá chất lượng hiện trạng của công trình',
          2,
          0,
        ),
        comp(
          'phuong-an-di-doi',
          'Phương án di dời do tổ chức, cá nhân có đủ điều kiện năng lực thực hiện',
          2,
          0,
        ),
      ],
      steps: provincialSteps([4, 4, 48, 8, 8, 4, 4], {
        appraise:
          'Chuyên viên thẩm định hồ sơ, kiểm tra thực địa (07 ngày làm việc), lấy ý kiến cơ quan liên quan',
        produces: 'Giấy phép di dời công trình',
      }),
      eForm: [
        f('investorName', 'Tên chủ đầu tư', 'Investor', 'text'),
        f('worksName', 'Tên công trình', 'Works name', 'text'),
        f('currentLocation', 'Địa điểm hiện tại', 'Current location', 'address'),
        f('newLocation', 'Địa điểm di dời đến', 'New location', 'address'),
        f('worksGrade', 'Cấp công trình', 'Works grade', 'select', {
          options: [
            { value: 'dac-biet', label: 'Cấp đặc biệt' },
            { value: 'cap-i', label: 'Cấp I' },
            { value: 'cap-ii', label: 'Cấp II' },
          ],
        }),
      ],
      result: {
        name: 'Giấy phép di dời công trình kèm theo hồ sơ thiết kế có đóng dấu của cơ quan cấp giấy phép',
        type: 'license',
        isPaperRequired: true,
      },
      legalBasis: [
        lawXD.luatXD,
        lawXD.luat62,
        lawXD.nd175,
        lawXD.nd144,
        law(
          '105/2025/NĐ-CP',
          'Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ',
        ),
      ],
      description: 'Lệ phí theo Nghị quyết của HĐND tỉnh.',
    }),
  ],
});

procedures.push({
  code: '2.002189',
  versions: [
    v1({
      name: 'Ghi vào Sổ hộ tịch việc kết hôn của công dân Việt Nam đã được giải quyết tại cơ quan có thẩm quyền của nước ngoài',
      field: fieldHoTich,
      level: 'commune',
      applicantTypes: ['citizen', 'overseas_vietnamese'],
      processingTime: wd(5),
      channels: [counter(), postal(), online()],
      feeCollection: 'before',
      onlineServiceLevel: 'partial',
      components: [
        comp(
          'giay-to-ket-hon-nuoc-ngoai',
          'Bản sao giấy tờ chứng nhận việc kết hôn do cơ quan có thẩm quyền của nước ngoài cấp',
          0,
          1,
        ),
        comp(
          'trich-luc-ghi-chu-ly-hon',
          'Trích lục ghi chú ly hôn (nếu đã ly hôn hoặc hủy việc kết hôn tại cơ quan có thẩm quyền nước ngoài)',
          1,
          0,
          { isRequired: false },
        ),
        comp(
          'van-ban-uy-quyen',
          'Văn bản ủy quyền (được chứng thực, trừ trường hợp người được ủy quyền là người thân thích theo quy định)',
          1,
          0,
          { isRequired: false },
        ),
      ],
      steps: communeSteps([4, 24, 4, 4, 4], {
        specialist: 'Công chức tư pháp - hộ tịch thẩm tra hồ sơ, ghi vào Sổ đăng ký kết hôn',
        produces: 'Trích lục ghi chú kết hôn',
      }),
      eForm: [
        f('husbandFullName', 'Họ, chữ đệm, tên bên chồng', "Husband's full name", 'text'),
        f('wifeFullName', 'Họ, chữ đệm, tên bên vợ', "Wife's full name", 'text'),
        f('marriageCountry', 'Nước nơi đã đăng ký kết hôn', 'Country of marriage', 'text'),
        f('marriageDate', 'Ngày đăng ký kết hôn', 'Date of marriage', 'date'),
        f('phone', 'Số điện thoại', 'Phone', 'phone'),
      ],
      result: { name: 'Trích lục ghi chú kết hôn', type: 'extract' },
      legalBasis: lawHoTich2025,
      description: hoTichFeeNote,
    }),
  ],
});

procedures.push({
  code: '2.001159',
  versions: [
    v1({
      name: 'Thông báo lưu trú',
      field: { code: 'dang-ky-quan-ly-cu-tru', name: 'Đăng ký, quản lý cư trú' },
      level: 'commune',
      applicantTypes: ['citizen', 'enterprise', 'organisation'],
      processingTime: wh(1),
      channels: [
        counter(
          [],
          'Trực tiếp tại cơ quan đăng ký cư trú (Công an cấp xã) hoặc địa điểm tiếp nhận thông báo lưu trú',
        ),
        online(
          [],
          'Qua Cổng Dịch vụ công quốc gia, Cổng Dịch vụ công Bộ Công an, ứng dụng VNeID, số điện thoại hoặc hộp thư điện tử do Công an cấp xã niêm yết',
        ),
      ],
      feeCollection: 'none',
      onlineServiceLevel: 'full',
      isPostalAllowed: false,
      components: [
        comp(
          'thong-tin-nguoi-luu-tru',
          'Thông tin người đến lưu trú (họ tên, số định danh cá nhân, lý do, thời gian lưu trú); cơ sở khám, chữa bệnh lập danh sách người điều trị nội trú',
          1,
          0,
          { reuseSource: 'population_db' },
        ),
      ],
      steps: [
        {
          code: 'tiep-nhan',
          name: 'Cán bộ Công an tiếp nhận thông báo lưu trú',
          role: 'receiving_officer',
          unit: RECV,
          budget: { amount: 0.25, unit: 'working-hours' },
        },
        {
          code: 'cap-nhat',
          name: 'Cập nhật thông tin vào Cơ sở dữ liệu về cư trú',
          role: 'specialist',
          unit: COMP,
          budget: { amount: 0.5, unit: 'working-hours' },
        },
        {
          code: 'xac-nhan',
          name: 'Trưởng Công an xã xác nhận kết quả',
          role: 'leader',
          unit: COMP,
          budget: { amount: 0.25, unit: 'working-hours' },
          produces: 'Cập nhật thông tin lưu trú',
        },
      ],
      eForm: [
        f('guestFullName', 'Họ, chữ đệm, tên người lưu trú', 'Guest full name', 'text'),
        f('guestIdNumber', 'Số định danh cá nhân', 'Personal ID number', 'id_number'),
        f('stayAddress', 'Địa chỉ lưu trú', 'Place of stay', 'address'),
        f('fromDate', 'Lưu trú từ ngày', 'From', 'date'),
        f('toDate', 'Đến ngày', 'To', 'date'),
        f('reason', 'Lý do lưu trú', 'Reason', 'text', { isRequired: false }),
      ],
      result: {
        name: 'Cập nhật thông tin trong Cơ sở dữ liệu về cư trú',
        type: 'notice',
        mustBeSigned: false,
      },
      conditions:
        'Thông báo trước 23 giờ của ngày bắt đầu lưu trú; người đến lưu trú sau 23 giờ thì thông báo trước 08 giờ ngày hôm sau; ông, bà, cha, mẹ, vợ, chồng, con, cháu, anh, chị, em ruột đến lưu trú nhiều lần chỉ cần thông báo một lần.',
      legalBasis: [
        law('68/2020/QH14', 'Luật Cư trú', '2020-11-13', '2021-07-01'),
        law('62/2021/NĐ-CP', 'Nghị định quy định chi tiết một số điều của Luật Cư trú'),
        law('55/2021/TT-BCA', 'Thông tư quy định chi tiết một số điều và biện pháp thi hành Luật Cư trú'),
        law(
          '53/2025/TT-BCA',
          'Thông tư sửa đổi, bổ sung Thông tư 55/2021/TT-BCA, 56/2021/TT-BCA và 17/2024/TT-BCA',
          '2025-07-01',
        ),
        law('54/2025/TT-BCA', 'Thông tư quy định về quy trình đăng ký cư trú', '2025-07-01'),
      ],
      description: 'Cơ quan thực hiện: Công an cấp xã. Tiếp nhận ngay khi công dân thông báo lưu trú.',
    }),
  ],
});

// ---- Đất đai (Văn phòng Đăng ký đất đai) --------------------------------------------------------
function landSteps(h: [number, number, number, number, number, number, number, number]): Step[] {
  return [
    {
      code: 'tiep-nhan',
      name: 'Tiếp nhận, kiểm tra, số hóa hồ sơ và chuyển Văn phòng Đăng ký đất đai',
      role: 'receiving_officer',
      unit: RECV,
      budget: wh(h[0]),
      produces: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
    },
    {
      code: 'phan-cong',
      name: 'Lãnh đạo phòng Đăng ký và cấp Giấy chứng nhận phân công',
      role: 'division_head',
      unit: COMP,
      budget: wh(h[1]),
    },
    {
      code: 'tham-tra',
      name: 'Chuyên viên kiểm tra hồ sơ, điều kiện thực hiện quyền, chỉnh lý hồ sơ địa chính',
      role: 'specialist',
      unit: COMP,
      budget: wh(h[2]),
    },
    {
      code: 'chuyen-thue',
      name: 'Cơ quan thuế xác định nghĩa vụ tài chính, ban hành thông báo nộp thuế, lệ phí trước bạ',
      role: 'specialist',
      unit: fixed(AG.thue),
      budget: wh(h[3]),
      produces: 'Thông báo nộp nghĩa vụ tài chính',
    },
    {
      code: 'kiem-duyet',
      name: 'Lãnh đạo phòng kiểm duyệt, trình ký',
      role: 'division_head',
      unit: COMP,
      budget: wh(h[4]),
    },
    {
      code: 'phe-duyet',
      name: 'Giám đốc Văn phòng Đăng ký đất đai ký Giấy chứng nhận hoặc xác nhận biến động',
      role: 'leader',
      unit: COMP,
      budget: wh(h[5]),
      produces: 'Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
    },
    {
      code: 'cap-nhat-csdl',
      name: 'Cập nhật cơ sở dữ liệu đất đai, vào sổ cấp Giấy chứng nhận',
      role: 'clerk',
      unit: COMP,
      budget: wh(h[6]),
    },
    {
      code: 'tra-ket-qua',
      name: 'Trả kết quả, thu hồi Giấy chứng nhận cũ',
      role: 'receiving_officer',
      unit: RECV,
      budget: wh(h[7]),
    },
  ];
}

procedures.push({
  code: '1.013831',
  versions: [
    v1({
      name: 'Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất trong các trường hợp chuyển đổi quyền sử dụng đất nông nghiệp không theo phương án dồn điền, đổi thửa; chuyển nhượng, thừa kế, tặng cho, góp vốn bằng quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất; cho thuê, cho thuê lại quyền sử dụng đất trong dự án xây dựng kinh doanh kết cấu hạ tầng; bán, tặng cho, thừa kế, góp vốn bằng tài sản gắn liền với đất thuê của Nhà nước trả tiền hằng năm',
      field: { code: 'dat-dai', name: 'Đất đai' },
      level: 'province',
      competentAgencyCode: AG.vpdkdd,
      applicantTypes: ['citizen', 'enterprise', 'organisation', 'overseas_vietnamese'],
      processingTime: wd(10),
      supplementMode: 'restart',
      isObligationTimeExcluded: true,
      channels: [
        counter(
          [],
          'Nộp tại Bộ phận Một cửa cấp xã hoặc Chi nhánh Văn phòng Đăng ký đất đai; không phụ thuộc địa giới hành chính trong tỉnh',
        ),
        postal(),
        online([], 'Nộp trên Cổng Dịch vụ công quốc gia; nộp bản gốc Giấy chứng nhận khi nhận kết quả'),
      ],
      feeCollection: 'after',
      onlineServiceLevel: 'partial',
      isBoundaryFree: true,
      components: [
        comp('don-dang-ky-bien-dong', 'Đơn đăng ký biến động đất đai, tài sản gắn liền với đất', 1, 0, {
          formTemplate: { name: 'Mẫu số 11/ĐK ban hành kèm theo Nghị định 101/2024/NĐ-CP' },
        }),
        comp(
          'hop-dong-chuyen-quyen',
          'Hợp đồng, văn bản về chuyển đổi, chuyển nhượng, tặng cho, thừa kế, góp vốn đã được công chứng, chứng thực theo quy định',
          1,
          0,
        ),
        comp('giay-chung-nhan', 'Bản gốc Giấy chứng nhận đã cấp', 1, 0),
        comp('to-khai-thue', 'Tờ khai thuế thu nhập cá nhân, tờ khai lệ phí trước bạ', 1, 0),
        comp(
          'giay-to-mien-giam',
          'Giấy tờ chứng minh thuộc đối tượng được miễn, giảm nghĩa vụ tài chính (nếu có)',
          0,
          1,
          { isRequired: false },
        ),
      ],
      steps: landSteps([4, 4, 40, 4, 8, 8, 8, 4]),
      variants: [
        {
          code: 'xa-kho-khan',
          name: 'Thửa đất tại xã miền núi, biên giới, hải đảo, vùng có điều kiện kinh tế - xã hội khó khăn, đặc biệt khó khăn',
          description: 'Thời gian thực hiện được tăng thêm 10 ngày làm việc.',
          processingTime: wd(20),
          steps: landSteps([4, 4, 112, 4, 8, 16, 8, 4]),
        },
      ],
      eForm: [
        f('transferType', 'Hình thức biến động', 'Type of change', 'select', {
          options: [
            { value: 'chuyen-nhuong', label: 'Chuyển nhượng' },
            { value: 'tang-cho', label: 'Tặng cho' },
            { value: 'thua-ke', label: 'Thừa kế' },
            { value: 'gop-von', label: 'Góp vốn' },
            { value: 'chuyen-doi', label: 'Chuyển đổi đất nông nghiệp' },
          ],
        }),
        f('certificateSerial', 'Số phát hành Giấy chứng nhận', 'Certificate serial number', 'text'),
        f('parcelNumber', 'Thửa đất số', 'Parcel number', 'text'),
        f('mapSheet', 'Tờ bản đồ số', 'Map sheet', 'text'),
        f('landAddress', 'Địa chỉ thửa đất', 'Parcel address', 'address'),
        f(
          'transfereeIdNumber',
          'Số định danh cá nhân bên nhận chuyển quyền',
          'Transferee personal ID number',
          'id_number',
        ),
        f('contractValue', 'Giá trị hợp đồng (đồng)', 'Contract value (VND)', 'number', {
          isRequired: false,
        }),
      ],
      result: {
        name: 'Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất hoặc xác nhận thay đổi trên Giấy chứng nhận đã cấp',
        type: 'certificate',
        isPaperRequired: true,
      },
      legalBasis: [
        law('31/2024/QH15', 'Luật Đất đai', '2024-01-18', '2024-08-01'),
        law(
          '101/2024/NĐ-CP',
          'Nghị định quy định về điều tra cơ bản đất đai; đăng ký, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất và Hệ thống thông tin đất đai',
          '2024-07-29',
          '2024-08-01',
        ),
        law(
          '151/2025/NĐ-CP',
          'Nghị định quy định về phân định thẩm quyền của chính quyền địa phương 02 cấp, phân quyền, phân cấp trong lĩnh vực đất đai',
          undefined,
          '2025-07-01',
        ),
      ],
      description:
        'Thời gian không tính thời gian thực hiện nghĩa vụ tài chính. Lệ phí cấp Giấy chứng nhận và phí thẩm định hồ sơ theo Nghị quyết của HĐND tỉnh.',
    }),
  ],
});

procedures.push({
  code: '2.000806',
  versions: [
    v1({
      name: 'Đăng ký kết hôn có yếu tố nước ngoài',
      field: fieldHoTich,
      level: 'commune',
      applicantTypes: ['citizen', 'overseas_vietnamese', 'foreigner'],
      processingTime: wd(10),
      channels: [
        counter(
          [],
          'Nộp tại Trung tâm Phục vụ hành chính công có thẩm quyền; khi nhận Giấy chứng nhận kết hôn hai bên phải có mặt',
        ),
        postal(),
        online(),
      ],
      feeCollection: 'before',
      onlineServiceLevel: 'partial',
      components: [
        comp('to-khai', 'Tờ khai đăng ký kết hôn theo mẫu', 1, 0, {
          formTemplate: { name: 'Tờ khai đăng ký kết hôn (Thông tư 04/2020/TT-BTP)' },
        }),
        comp(
          'tthn-nguoi-nuoc-ngoai',
          'Giấy tờ chứng minh tình trạng hôn nhân của người nước ngoài do cơ quan có thẩm quyền nước ngoài cấp còn giá trị sử dụng',
          1,
          0,
        ),
        comp(
          'xac-nhan-y-te',
          'Giấy xác nhận của tổ chức y tế có thẩm quyền xác nhận không mắc bệnh tâm thần hoặc bệnh khác mà không có khả năng nhận thức, làm chủ được hành vi',
          1,
          0,
        ),
        comp(
          'ho-chieu',
          'Bản sao hộ chiếu/giấy tờ có giá trị thay thế hộ chiếu của người nước ngoài, công dân Việt Nam định cư ở nước ngoài',
          1,
          0,
        ),
        comp(
          'xac-nhan-co-quan-quan-ly',
          'Văn bản của cơ quan, đơn vị quản lý xác nhận việc kết hôn không trái quy định của ngành (công chức, viên chức, lực lượng vũ trang)',
          1,
          0,
          { isRequired: false },
        ),
        comp(
          'trich-luc-ghi-chu-ly-hon',
          'Trích lục ghi chú ly hôn (công dân Việt Nam đã ly hôn, hủy kết hôn ở nước ngoài)',
          1,
          0,
          { isRequired: false },
        ),
      ],
      steps: communeSteps([4, 56, 8, 8, 4], {
        specialist:
          'Công chức tư pháp - hộ tịch thẩm tra, xác minh hồ sơ, làm việc trực tiếp với hai bên (nếu cần), ghi Sổ đăng ký kết hôn',
        produces: 'Giấy chứng nhận kết hôn',
      }),
      eForm: [
        f('vnPartyName', 'Họ, chữ đệm, tên bên là công dân Việt Nam', 'Vietnamese party full name', 'text'),
        f('vnPartyIdNumber', 'Số định danh cá nhân bên Việt Nam', 'Vietnamese party ID number', 'id_number'),
        f('foreignPartyName', 'Họ tên bên nước ngoài', 'Foreign party full name', 'text'),
        f('foreignPartyNationality', 'Quốc tịch bên nước ngoài', 'Foreign party nationality', 'text'),
        f('foreignPartyPassport', 'Số hộ chiếu bên nước ngoài', 'Foreign party passport number', 'text'),
        f('contactEmail', 'Thư điện tử liên hệ', 'Contact e-mail', 'email'),
      ],
      result: {
        name: 'Giấy chứng nhận kết hôn (mỗi bên 01 bản chính)',
        type: 'certificate',
        isPaperRequired: true,
      },
      conditions:
        'Hai bên phải có mặt khi nhận Giấy chứng nhận kết hôn; có thể gia hạn trao không quá 60 ngày kể từ ngày ký, quá hạn thì Giấy chứng nhận kết hôn bị hủy.',
      legalBasis: [...lawHoTich2025, L.hnGd],
      description: hoTichFeeNote,
    }),
  ],
});

procedures.push({
  code: '1.013228',
  versions: [
    v1({
      name: 'Cấp lại giấy phép xây dựng đối với công trình cấp III, cấp IV (không theo tuyến/theo tuyến trong đô thị/tín ngưỡng, tôn giáo/tượng đài, tranh hoành tráng/sửa chữa, cải tạo/theo giai đoạn/dự án) và nhà ở riêng lẻ',
      field: fieldXD,
      level: 'commune',
      applicantTypes: ['citizen', 'enterprise', 'organisation'],
      processingTime: wd(5),
      channels: [counter([], 'Nộp tại Trung tâm Phục vụ hành chính công cấp xã'), postal(), online()],
      feeCollection: 'before',
      onlineServiceLevel: 'full',
      components: [
        comp(
          'don-de-nghi-cap-lai',
          'Đơn đề nghị cấp lại giấy phép xây dựng, giải trình rõ lý do đề nghị cấp lại',
          1,
          0,
          { formTemplate: { name: 'Mẫu số 02 Phụ lục II Nghị định 175/2024/NĐ-CP' } },
        ),
        comp(
          'giay-phep-rach-nat',
          'Bản chính giấy phép xây dựng đã được cấp (trường hợp bị rách, nát)',
          1,
          0,
          { isRequired: false },
        ),
      ],
      steps: communeSteps([4, 24, 4, 4, 4], {
        specialist: 'Công chức phụ trách xây dựng cấp xã tra cứu hồ sơ lưu, dự thảo giấy phép cấp lại',
        produces: 'Giấy phép xây dựng được cấp lại',
      }),
      eForm: [
        f('permitNumber', 'Số giấy phép xây dựng đã cấp', 'Permit number', 'text'),
        f('permitDate', 'Ngày cấp', 'Date of issue', 'date'),
        f('reissueReason', 'Lý do đề nghị cấp lại', 'Reason for reissue', 'select', {
          options: [
            { value: 'bi-mat', label: 'Bị mất' },
            { value: 'rach-nat', label: 'Bị rách, nát' },
          ],
        }),
        f('siteAddress', 'Địa điểm xây dựng', 'Construction site', 'address'),
      ],
      result: { name: 'Giấy phép xây dựng được cấp lại', type: 'license', isPaperRequired: true },
      legalBasis: [lawXD.luatXD, lawXD.luat62, lawXD.nd175, lawXD.nd140, lawXD.nd144],
      description: 'Lệ phí theo Nghị quyết của HĐND tỉnh.',
    }),
  ],
});

procedures.push({
  code: '1.004859',
  versions: [
    v1({
      name: 'Thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc',
      field: fieldHoTich,
      level: 'commune',
      applicantTypes: ['citizen'],
      processingTime: wd(3),
      channels: [counter(), postal(), online()],
      feeCollection: 'before',
      onlineServiceLevel: 'partial',
      components: [
        comp(
          'to-khai',
          'Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc theo mẫu',
          1,
          0,
          {
            formTemplate: {
              name: 'Tờ khai thay đổi, cải chính, bổ sung thông tin hộ tịch (Thông tư 04/2020/TT-BTP)',
            },
          },
        ),
        comp(
          'giay-to-can-cu',
          'Giấy tờ liên quan làm căn cứ cho việc thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc',
          0,
          1,
        ),
        comp(
          'giay-to-tuy-than',
          'Giấy tờ tùy thân (xuất trình; chỉ cần cung cấp số định danh cá nhân nếu tra cứu được)',
          1,
          0,
          { isPresentOnly: true, reuseSource: 'population_db' },
        ),
      ],
      steps: communeSteps([2, 14, 4, 2, 2], {
        specialist:
          'Công chức tư pháp - hộ tịch thẩm tra, ghi Sổ đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch',
        produces: 'Trích lục thay đổi, cải chính hộ tịch, xác định lại dân tộc',
      }),
      variants: [
        {
          code: 'bo-sung-thong-tin',
          name: 'Bổ sung thông tin hộ tịch',
          description:
            'Giải quyết trong 01 ngày làm việc; tiếp nhận sau 15 giờ thì hẹn trả ngày làm việc tiếp theo.',
          processingTime: wd(1),
          steps: communeSteps([1, 4, 1, 1, 1], {
            specialist: 'Công chức tư pháp - hộ tịch ghi nội dung bổ sung vào Sổ hộ tịch',
            produces: 'Trích lục bổ sung thông tin hộ tịch',
          }),
        },
      ],
      eForm: [
        f(
          'subjectFullName',
          'Họ, chữ đệm, tên người có thông tin hộ tịch cần thay đổi',
          'Name of the person concerned',
          'text',
        ),
        f('subjectIdNumber', 'Số định danh cá nhân', 'Personal ID number', 'id_number'),
        f('requestType', 'Nội dung yêu cầu', 'Request', 'select', {
          options: [
            { value: 'thay-doi', label: 'Thay đổi thông tin hộ tịch' },
            { value: 'cai-chinh', label: 'Cải chính thông tin hộ tịch' },
            { value: 'bo-sung', label: 'Bổ sung thông tin hộ tịch' },
            { value: 'xac-dinh-lai-dan-toc', label: 'Xác định lại dân tộc' },
          ],
        }),
        f('currentValue', 'Thông tin hiện tại', 'Current value', 'text'),
        f('requestedValue', 'Thông tin đề nghị thay đổi', 'Requested value', 'text'),
        f('reason', 'Lý do', 'Reason', 'textarea'),
      ],
      result: {
        name: 'Trích lục thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc',
        type: 'extract',
      },
      legalBasis: [...lawHoTich2025, law('91/2015/QH13', 'Bộ luật Dân sự', '2015-11-24', '2017-01-01')],
      description: hoTichFeeNote,
    }),
  ],
});

procedures.push({
  code: '1.004884',
  versions: [
    v1({
      name: 'Đăng ký lại khai sinh',
      field: fieldHoTich,
      level: 'commune',
      applicantTypes: ['citizen'],
      processingTime: wd(5),
      channels: [counter(), postal(), online()],
      feeCollection: 'before',
      onlineServiceLevel: 'partial',
      components: [
        comp('to-khai', 'Tờ khai đăng ký lại khai sinh theo mẫu', 1, 0, {
          formTemplate: { name: 'Tờ khai đăng ký lại khai sinh (Thông tư 04/2020/TT-BTP)' },
        }),
        comp(
          'giay-to-lien-quan',
          'Bản sao giấy tờ, tài liệu có thông tin liên quan đến nội dung khai sinh của người yêu cầu',
          0,
          1,
        ),
        comp(
          'van-ban-cam-doan',
          'Văn bản cam đoan về thông tin của cha, mẹ (trường hợp không có giấy tờ chứng minh và cơ quan công an trả lời không có thông tin)',
          1,
          0,
          { isRequired: false },
        ),
        comp(
          'giay-to-tuy-than',
          'Giấy tờ tùy thân (xuất trình; chỉ cần cung cấp số định danh cá nhân nếu tra cứu được)',
          1,
          0,
          { isPresentOnly: true, reuseSource: 'population_db' },
        ),
      ],
      steps: communeSteps([4, 24, 4, 4, 4], {
        specialist:
          'Công chức tư pháp - hộ tịch tra cứu Cơ sở dữ liệu hộ tịch điện tử, xác minh (nếu cần), ghi Sổ đăng ký khai sinh',
        produces: 'Giấy khai sinh',
      }),
      eForm: [
        f('fullName', 'Họ, chữ đệm, tên người được đăng ký lại khai sinh', 'Full name', 'text'),
        f('dateOfBirth', 'Ngày sinh', 'Date of birth', 'date'),
        f('idNumber', 'Số định danh cá nhân', 'Personal ID number', 'id_number'),
        f(
          'previousRegistrationPlace',
          'Nơi đã đăng ký khai sinh trước đây',
          'Where the birth was first registered',
          'text',
        ),
        f('reason', 'Lý do đăng ký lại', 'Reason', 'textarea'),
      ],
      result: { name: 'Giấy khai sinh', type: 'certificate', isPaperRequired: true },
      conditions:
        'Việc khai sinh đã được đăng ký tại cơ quan có thẩm quyền của Việt Nam nhưng Sổ hộ tịch và bản chính giấy tờ hộ tịch đều bị mất.',
      legalBasis: lawHoTich2025,
      description: hoTichFeeNote,
    }),
  ],
});

procedures.push({
  code: '1.004837',
  versions: [
    v1({
      name: 'Đăng ký giám hộ',
      field: fieldHoTich,
      level: 'commune',
      applicantTypes: ['citizen', 'overseas_vietnamese'],
      processingTime: wd(3),
      channels: [counter(), postal(), online()],
      feeCollection: 'none',
      onlineServiceLevel: 'partial',
      components: [
        comp('to-khai', 'Tờ khai đăng ký giám hộ theo mẫu', 1, 0, {
          formTemplate: { name: 'Tờ khai đăng ký giám hộ (Thông tư 04/2020/TT-BTP)' },
        }),
        comp('van-ban-cu-giam-ho', 'Văn bản cử người giám hộ theo quy định của Bộ luật Dân sự', 1, 0),
        comp('van-ban-uy-quyen', 'Văn bản ủy quyền (trường hợp ủy quyền thực hiện)', 1, 0, {
          isRequired: false,
        }),
      ],
      steps: communeSteps([2, 14, 4, 2, 2], {
        specialist: 'Công chức tư pháp - hộ tịch thẩm tra hồ sơ, ghi Sổ đăng ký giám hộ',
        produces: 'Trích lục đăng ký giám hộ',
      }),
      variants: [
        {
          code: 'giam-ho-duong-nhien',
          name: 'Đăng ký giám hộ đương nhiên',
          components: [
            comp('to-khai', 'Tờ khai đăng ký giám hộ theo mẫu', 1, 0, {
              formTemplate: { name: 'Tờ khai đăng ký giám hộ (Thông tư 04/2020/TT-BTP)' },
            }),
            comp(
              'chung-minh-giam-ho-duong-nhien',
              'Giấy tờ chứng minh điều kiện giám hộ đương nhiên; nếu nhiều người cùng đủ điều kiện thì kèm văn bản thỏa thuận cử một người làm giám hộ',
              1,
              0,
            ),
            comp('van-ban-uy-quyen', 'Văn bản ủy quyền (trường hợp ủy quyền thực hiện)', 1, 0, {
              isRequired: false,
            }),
          ],
        },
      ],
      eForm: [
        f('guardianName', 'Họ, chữ đệm, tên người giám hộ', 'Guardian full name', 'text'),
        f('guardianIdNumber', 'Số định danh cá nhân người giám hộ', 'Guardian ID number', 'id_number'),
        f('wardName', 'Họ, chữ đệm, tên người được giám hộ', 'Ward full name', 'text'),
        f('wardIdNumber', 'Số định danh cá nhân người được giám hộ', 'Ward ID number', 'id_number'),
        f('guardianshipKind', 'Hình thức giám hộ', 'Kind of guardianship', 'select', {
          options: [
            { value: 'cu', label: 'Giám hộ cử' },
            { value: 'duong-nhien', label: 'Giám hộ đương nhiên' },
          ],
        }),
      ],
      result: { name: 'Trích lục đăng ký giám hộ', type: 'extract' },
      legalBasis: [...lawHoTich2025, law('91/2015/QH13', 'Bộ luật Dân sự', '2015-11-24', '2017-01-01')],
      description:
        'Không thu lệ phí đăng ký; phí cấp bản sao Trích lục đăng ký giám hộ (nếu có yêu cầu) theo Thông tư 281/2016/TT-BTC.',
    }),
  ],
});

procedures.push({
  code: '1.001022',
  versions: [
    v1({
      name: 'Đăng ký nhận cha, mẹ, con',
      field: fieldHoTich,
      level: 'commune',
      applicantTypes: ['citizen'],
      processingTime: wd(3),
      channels: [counter(), postal(), online()],
      feeCollection: 'before',
      onlineServiceLevel: 'partial',
      components: [
        comp('to-khai', 'Tờ khai đăng ký nhận cha, mẹ, con theo mẫu', 1, 0, {
          formTemplate: { name: 'Tờ khai đăng ký nhận cha, mẹ, con (Thông tư 04/2020/TT-BTP)' },
        }),
        comp(
          'chung-cu-quan-he',
          'Văn bản của cơ quan y tế, cơ quan giám định hoặc cơ quan có thẩm quyền xác nhận quan hệ cha con, mẹ con; nếu không có thì văn bản cam đoan và ít nhất hai người làm chứng',
          1,
          0,
        ),
        comp('giay-to-tuy-than', 'Giấy tờ tùy thân của các bên (xuất trình)', 1, 0, {
          isPresentOnly: true,
          reuseSource: 'population_db',
        }),
      ],
      steps: communeSteps([2, 14, 4, 2, 2], {
        specialist: 'Công chức tư pháp - hộ tịch thẩm tra, niêm yết việc nhận cha, mẹ, con, ghi Sổ',
        produces: 'Trích lục đăng ký nhận cha, mẹ, con',
      }),
      variants: [
        {
          code: 'can-xac-minh',
          name: 'Trường hợp cần xác minh',
          description: 'Thời hạn được kéo dài thêm không quá 05 ngày làm việc (Điều 25 Luật Hộ tịch).',
          processingTime: wd(8),
          steps: communeSteps([2, 46, 8, 4, 4], {
            specialist: 'Công chức tư pháp - hộ tịch xác minh, niêm yết, ghi Sổ',
            produces: 'Trích lục đăng ký nhận cha, mẹ, con',
          }),
        },
      ],
      eForm: [
        f('parentName', 'Họ, chữ đệm, tên người nhận', 'Recognising parent', 'text'),
        f('parentIdNumber', 'Số định danh cá nhân người nhận', 'Parent ID number', 'id_number'),
        f('childName', 'Họ, chữ đệm, tên người được nhận', 'Person recognised', 'text'),
        f(
          'childIdNumber',
          'Số định danh cá nhân người được nhận',
          'ID number of the person recognised',
          'id_number',
        ),
        f('relation', 'Quan hệ', 'Relationship', 'select', {
          options: [
            { value: 'cha-con', label: 'Cha nhận con / con nhận cha' },
            { value: 'me-con', label: 'Mẹ nhận con / con nhận mẹ' },
          ],
        }),
      ],
      result: { name: 'Trích lục đăng ký nhận cha, mẹ, con', type: 'extract' },
      legalBasis: [...lawHoTich2025, L.hnGd],
      description: hoTichFeeNote,
    }),
  ],
});

procedures.push({
  code: '1.013226',
  versions: [
    v1({
      name: 'Cấp điều chỉnh giấy phép xây dựng đối với công trình cấp III, cấp IV (không theo tuyến/theo tuyến trong đô thị/tín ngưỡng, tôn giáo/tượng đài, tranh hoành tráng/theo giai đoạn/dự án) và nhà ở riêng lẻ',
      field: fieldXD,
      level: 'commune',
      applicantTypes: ['citizen', 'enterprise', 'organisation'],
      processingTime: wd(9),
      channels: [counter([], 'Nộp tại Trung tâm Phục vụ hành chính công cấp xã'), postal(), online()],
      feeCollection: 'before',
      onlineServiceLevel: 'partial',
      components: [
        comp('don-de-nghi-dieu-chinh', 'Đơn đề nghị điều chỉnh giấy phép xây dựng', 1, 0, {
          formTemplate: { name: 'Mẫu số 2 Phụ lục II Nghị định 175/2024/NĐ-CP' },
        }),
        comp(
          'giay-phep-da-cap',
          'Bản chính giấy phép xây dựng đã được cấp kèm theo bản vẽ đã được cấp kèm theo giấy phép',
          1,
          0,
        ),
        comp('ban-ve-dieu-chinh', '02 bộ bản vẽ thiết kế xây dựng điều chỉnh', 2, 0),
        comp(
          'tham-dinh-dieu-chinh',
          'Báo cáo kết quả thẩm định và văn bản phê duyệt thiết kế xây dựng điều chỉnh của chủ đầu tư (trừ nhà ở riêng lẻ)',
          1,
          0,
          { isRequired: false },
        ),
        comp(
          'giay-to-dat-dai',
          'Giấy tờ hợp pháp về đất đai theo Điều 53 Nghị định 175/2024/NĐ-CP (khi điều chỉnh có thay đổi diện tích hoặc chức năng sử dụng đất)',
          1,
          1,
          { isRequired: false },
        ),
      ],
      steps: communeSteps([4, 52, 8, 4, 4], {
        specialist: 'Công chức phụ trách xây dựng cấp xã thẩm định hồ sơ điều chỉnh, kiểm tra thực địa',
        produces: 'Giấy phép xây dựng được điều chỉnh',
      }),
      variants: [
        {
          code: 'nha-o-rieng-le',
          name: 'Nhà ở riêng lẻ',
          description: '07 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.',
          processingTime: wd(7),
          steps: communeSteps([4, 36, 8, 4, 4], {
            specialist: 'Công chức phụ trách xây dựng cấp xã thẩm định hồ sơ điều chỉnh',
            produces: 'Giấy phép xây dựng được điều chỉnh',
          }),
        },
      ],
      eForm: [
        f('permitNumber', 'Số giấy phép xây dựng đã cấp', 'Permit number', 'text'),
        f('siteAddress', 'Địa điểm xây dựng', 'Construction site', 'address'),
        f('changeSummary', 'Nội dung đề nghị điều chỉnh', 'Requested changes', 'textarea'),
        f('phone', 'Số điện thoại', 'Phone', 'phone'),
      ],
      result: { name: 'Giấy phép xây dựng được điều chỉnh', type: 'license', isPaperRequired: true },
      legalBasis: [lawXD.luatXD, lawXD.luat62, lawXD.nd175, lawXD.nd140, lawXD.nd144],
      description: 'Lệ phí theo Nghị quyết của HĐND tỉnh.',
    }),
  ],
});

procedures.push({
  code: '1.004222',
  versions: [
    v1({
      name: 'Đăng ký thường trú',
      field: { code: 'dang-ky-quan-ly-cu-tru', name: 'Đăng ký, quản lý cư trú' },
      level: 'commune',
      applicantTypes: ['citizen', 'overseas_vietnamese'],
      processingTime: wd(7),
      channels: [
        counter(
          [
            {
              kind: 'charge',
              name: 'Lệ phí đăng ký thường trú',
              amount: 20000,
              note: '20.000 đồng/lần đăng ký (Thông tư 75/2022/TT-BTC, sửa đổi bởi Thông tư 71/2025/TT-BTC); miễn theo Điều 4',
            },
          ],
          'Nộp tại Công an cấp xã',
        ),
        online(
          [
            {
              kind: 'charge',
              name: 'Lệ phí đăng ký thường trú',
              amount: 10000,
              note: '10.000 đồng/lần đăng ký khi nộp qua cổng dịch vụ công trực tuyến',
            },
          ],
          'Nộp qua Cổng Dịch vụ công quốc gia, Cổng Dịch vụ công Bộ Công an hoặc ứng dụng VNeID',
        ),
      ],
      feeCollection: 'before',
      onlineServiceLevel: 'full',
      isPostalAllowed: false,
      components: [
        comp('to-khai-ct01', 'Tờ khai thay đổi thông tin cư trú', 1, 0, {
          formTemplate: { name: 'Mẫu CT01 ban hành kèm theo Thông tư 53/2025/TT-BCA' },
        }),
        comp(
          'cho-o-hop-phap',
          'Thông tin chứng minh chỗ ở hợp pháp (khai thác từ Cơ sở dữ liệu quốc gia về dân cư, đất đai; nếu không khai thác được thì xuất trình giấy tờ)',
          1,
          0,
          { reuseSource: 'population_db' },
        ),
      ],
      steps: [
        {
          code: 'tiep-nhan',
          name: 'Cán bộ đăng ký tiếp nhận, đối chiếu thông tin với CSDL quốc gia về dân cư, cấp Phiếu tiếp nhận (Mẫu CT04)',
          role: 'receiving_officer',
          unit: RECV,
          budget: wh(4),
          produces: 'Phiếu tiếp nhận hồ sơ và hẹn trả kết quả (CT04)',
        },
        {
          code: 'tham-tra',
          name: 'Cán bộ đăng ký cư trú thẩm tra, xác minh điều kiện đăng ký thường trú (Điều 20 Luật Cư trú)',
          role: 'specialist',
          unit: COMP,
          budget: wh(40),
        },
        {
          code: 'phe-duyet',
          name: 'Trưởng Công an cấp xã phê duyệt',
          role: 'leader',
          unit: COMP,
          budget: wh(8),
        },
        {
          code: 'cap-nhat',
          name: 'Cập nhật Cơ sở dữ liệu về cư trú, gửi thông báo kết quả',
          role: 'clerk',
          unit: COMP,
          budget: wh(4),
          produces: 'Thông báo kết quả giải quyết thủ tục về cư trú',
        },
      ],
      variants: [
        {
          code: 'thue-muon-o-nho',
          name: 'Đăng ký thường trú vào chỗ ở hợp pháp do thuê, mượn, ở nhờ',
          components: [
            comp('to-khai-ct01', 'Tờ khai thay đổi thông tin cư trú', 1, 0, {
              formTemplate: { name: 'Mẫu CT01 ban hành kèm theo Thông tư 53/2025/TT-BCA' },
            }),
            comp(
              'hop-dong-thue-muon',
              'Hợp đồng, văn bản về việc cho thuê, cho mượn, cho ở nhờ được công chứng hoặc chứng thực',
              1,
              0,
            ),
            comp(
              'dien-tich-nha-o',
              'Thông tin chứng minh đủ diện tích nhà ở bình quân theo quy định của HĐND tỉnh (khai thác từ CSDL hoặc xác nhận của UBND cấp xã Mẫu số 02 Nghị định 154/2024/NĐ-CP)',
              1,
              0,
              { reuseSource: 'population_db' },
            ),
          ],
        },
      ],
      eForm: [
        f('fullName', 'Họ, chữ đệm, tên', 'Full name', 'text'),
        f('idNumber', 'Số định danh cá nhân', 'Personal ID number', 'id_number'),
        f('newAddress', 'Địa chỉ đăng ký thường trú', 'New permanent address', 'address'),
        f(
          'householdHeadIdNumber',
          'Số định danh cá nhân của chủ hộ',
          'Household head ID number',
          'id_number',
          { isRequired: false },
        ),
        f('relationToHead', 'Quan hệ với chủ hộ', 'Relationship to household head', 'text', {
          isRequired: false,
        }),
        f('phone', 'Số điện thoại', 'Phone', 'phone'),
      ],
      result: {
        name: 'Cập nhật thông tin trong Cơ sở dữ liệu về cư trú và thông báo kết quả giải quyết thủ tục về cư trú',
        type: 'notice',
      },
      conditions:
        'Người thực hiện thủ tục đã được thu thập, cập nhật thông tin vào Cơ sở dữ liệu quốc gia về dân cư, Cơ sở dữ liệu về cư trú; đáp ứng điều kiện tại Điều 20 Luật Cư trú.',
      legalBasis: [
        law('68/2020/QH14', 'Luật Cư trú', '2020-11-13', '2021-07-01'),
        law('154/2024/NĐ-CP', 'Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Cư trú'),
        law(
          '53/2025/TT-BCA',
          'Thông tư sửa đổi, bổ sung Thông tư 55/2021/TT-BCA, 56/2021/TT-BCA và 17/2024/TT-BCA',
          '2025-07-01',
        ),
        law('54/2025/TT-BCA', 'Thông tư quy định về quy trình đăng ký cư trú', '2025-07-01'),
        law(
          '75/2022/TT-BTC',
          'Thông tư quy định mức thu, chế độ thu, nộp và quản lý lệ phí đăng ký cư trú',
          '2022-12-22',
        ),
        law('71/2025/TT-BTC', 'Thông tư sửa đổi, bổ sung Thông tư 75/2022/TT-BTC', '2025-07-01'),
        law(
          '66.7/2025/NQ-CP',
          'Nghị quyết quy định cắt giảm, đơn giản hóa thủ tục hành chính dựa trên dữ liệu',
        ),
      ],
      description: 'Cơ quan thực hiện: Công an cấp xã.',
    }),
  ],
});

// ---- Later versions from real changes ------------------------------------------------------------
/**
 * Turns the single version of `code` into two versions: the current text becomes version 2 (from
 * `v2From`); version 1 (from 1/7/2025 to the day before) is derived from it by `toV1`.
 */
function splitIntoTwoVersions(
  code: string,
  v2From: string,
  toV1: (c: Content) => Content,
  toV2: (c: Content) => Content,
): void {
  const entry = procedures.find((p) => p.code === code);
  const first = entry?.versions[0];
  if (!entry || !first || entry.versions.length !== 1) throw new Error(`cannot split ${code}`);
  const current: Content = first.content;
  const dayBefore = new Date(v2From + 'T00:00:00Z');
  dayBefore.setUTCDate(dayBefore.getUTCDate() - 1);
  entry.versions = [
    {
      versionNo: 1,
      status: 'published',
      effectiveFrom: V1_FROM,
      effectiveTo: dayBefore.toISOString().slice(0, 10),
      content: toV1(structuredClone(current)),
    },
    { versionNo: 2, status: 'published', effectiveFrom: v2From, content: toV2(structuredClone(current)) },
  ];
}

const nq66_18 = law(
  '66.18/2026/NQ-CP',
  'Nghị quyết của Chính phủ về việc phân quyền, cắt giảm, đơn giản hóa thủ tục hành chính, điều kiện kinh doanh',
  '2026-05-18',
  '2026-05-18',
);
const nd14_2026 = law(
  '14/2026/NĐ-CP',
  'Nghị định sửa đổi, bổ sung một số điều của các Nghị định để cắt giảm, đơn giản hóa thủ tục hành chính liên quan đến hoạt động sản xuất, kinh doanh thuộc phạm vi quản lý của Bộ Xây dựng',
);
const gpxdV2 = (c: Content): Content => ({ ...c, legalBasis: [...(c.legalBasis ?? []), nd14_2026, nq66_18] });

// Luật Xây dựng Art. 102: 20 days (15 days for nhà ở riêng lẻ) → 10 / 7 working days on the 2026 DVCQG record.
splitIntoTwoVersions(
  '1.013225',
  '2026-05-18',
  (c) => ({
    ...c,
    processingTime: cd(20),
    description:
      'Thời hạn 20 ngày (nhà ở riêng lẻ 15 ngày) kể từ ngày nhận đủ hồ sơ hợp lệ (Điều 102 Luật Xây dựng). Lệ phí cấp giấy phép xây dựng theo Nghị quyết của HĐND tỉnh.',
    variants: (c.variants ?? []).map((v) => ({
      ...v,
      processingTime: cd(15),
      description: '15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ.',
    })),
  }),
  gpxdV2,
);
splitIntoTwoVersions(
  '1.013226',
  '2026-05-18',
  (c) => ({
    ...c,
    processingTime: cd(20),
    description:
      'Thời hạn 20 ngày (nhà ở riêng lẻ 15 ngày) kể từ ngày nhận đủ hồ sơ hợp lệ (Điều 102 Luật Xây dựng). Lệ phí theo Nghị quyết của HĐND tỉnh.',
    variants: (c.variants ?? []).map((v) => ({
      ...v,
      processingTime: cd(15),
      description: '15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ.',
    })),
  }),
  gpxdV2,
);
splitIntoTwoVersions(
  '1.013230',
  '2026-05-18',
  (c) => ({
    ...c,
    processingTime: cd(20),
    description:
      'Thời hạn 20 ngày kể từ ngày nhận đủ hồ sơ hợp lệ (Điều 102 Luật Xây dựng). Lệ phí theo Nghị quyết của HĐND tỉnh.',
  }),
  gpxdV2,
);

// =============================================================================================
// Output
// =============================================================================================
export const demoCatalog: CatalogFileInput = { format: 'motcua.catalog/v1', procedures };

/** Formats with the repository's Prettier config when Prettier is installed (keeps `format:check` green). */
async function formatJson(text: string, filepath: string): Promise<string> {
  try {
    const prettier = await import('prettier');
    const options = (await prettier.resolveConfig(filepath)) ?? {};
    return await prettier.format(text, { ...options, filepath });
  } catch {
    return text;
  }
}

async function main(): Promise<void> {
  const parsed = CatalogFile.parse(demoCatalog);
  const here = dirname(fileURLToPath(import.meta.url));
  const out = join(here, 'demo-catalog.json');
  writeFileSync(out, await formatJson(JSON.stringify(parsed, null, 2) + '\n', out), 'utf8');
  const versions = parsed.procedures.reduce((n, p) => n + p.versions.length, 0);
  console.log(`Wrote ${out}: ${parsed.procedures.length} procedures, ${versions} versions`);
}

// Writes the JSON only when run as a script (`npx tsx …/build-demo-catalog.ts`), not when imported.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
