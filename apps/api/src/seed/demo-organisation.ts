import type { OfficeHours, UnitKind } from '@motcua/domain';

/**
 * The demo province: Thanh Hóa (H56) after the 1/7/2025 reorganisation (two-level local
 * government: province and commune; no districts).
 *
 * Agency codes are DEMO codes (the catalog in `catalog/` uses the same ones), laid out like the
 * deployed Thanh Hóa codes `aaa.bb.cc.H56` with the level-1 code on the right:
 * - `000.00.00.H56` Ủy ban nhân dân tỉnh, `000.00.01.H56` the provincial Public Administration
 *   Service Centre, `000.00.02.H56` … `000.00.11.H56` the departments (sở), `000.00.20.H56` the
 *   land registration office;
 * - `000.NN.DD.H56`: division NN of department DD (e.g. `000.02.04.H56`, the second division of
 *   Sở Xây dựng);
 * - `000.31.XX.H56`: commune or ward number XX, and `001.31.XX.H56` its one-stop section.
 *   These commune codes are ILLUSTRATIVE (not the real e-ID codes of these communes).
 * - `G12.99.H56`: the provincial tax office (external, no parent).
 *
 * Commune and ward NAMES are real names of Thanh Hóa communes after the 2025 merger (checked
 * against public lists of the 166 new communes and wards, e.g. "Phường Hạc Thành", "Xã Nga Sơn",
 * "Xã Các Sơn", "Xã Tân Thành", "Xã Thắng Lộc"). Street addresses and phone numbers are
 * ILLUSTRATIVE (0237 is the Thanh Hóa area code; the numbers themselves are made up).
 * Department names are the names in force after the March 2025 merger of provincial departments.
 */

export interface DemoUnitSpec {
  agencyCode: string;
  name: string;
  shortName?: string;
  kind: UnitKind;
  /** Agency code of the parent unit; null for a root. */
  parentCode: string | null;
  address?: string;
  phone?: string;
  email?: string;
  officeHours?: OfficeHours;
}

export interface DemoDivision {
  code: string;
  name: string;
}

export interface DemoDepartment {
  code: string;
  name: string;
  shortName: string;
  /** Username suffix (ASCII, no diacritics). */
  slug: string;
  divisions: DemoDivision[];
  /** Title of the leader who signs. */
  leaderTitle: string;
  /** Lateness factor for the simulation (1 = the field's base rate). */
  lateness: number;
}

export interface DemoCommune {
  index: number;
  /** "phường" or "xã". */
  type: 'phuong' | 'xa';
  /** Name without the type, e.g. "Hạc Thành". */
  name: string;
  /** Username suffix (ASCII, no diacritics), e.g. "hacthanh". */
  slug: string;
  /** Relative dossier volume. */
  volume: number;
  /** Lateness factor for the simulation (1 = normal). */
  lateness: number;
  /** Two receiving officers at the one-stop section (busy wards). */
  hasTwoReceivingOfficers: boolean;
  officeHours?: OfficeHours;
  /** Illustrative street of the commune office. */
  street: string;
}

export const PROVINCE_CODE = '000.00.00.H56';
export const PROVINCE_CENTRE_CODE = '000.00.01.H56';
export const LAND_OFFICE_CODE = '000.00.20.H56';
export const TAX_OFFICE_CODE = 'G12.99.H56';
export const AGRICULTURE_DEPARTMENT_CODE = '000.00.05.H56';

/** Office hours of two mountain communes that publish their own (domain.md §3.1). */
const SHIFTED_HOURS: OfficeHours = {
  periods: [
    { start: '07:30', end: '12:00' },
    { start: '13:00', end: '16:30' },
  ],
};

function division(departmentNo: string, no: number, name: string): DemoDivision {
  return { code: `000.${String(no).padStart(2, '0')}.${departmentNo}.H56`, name };
}

export const DEPARTMENTS: readonly DemoDepartment[] = [
  {
    code: '000.00.02.H56',
    name: 'Sở Tài chính',
    shortName: 'Sở TC',
    slug: 'stc',
    divisions: [division('02', 1, 'Phòng Đăng ký kinh doanh'), division('02', 2, 'Phòng Quản lý ngân sách')],
    leaderTitle: 'Phó Giám đốc Sở Tài chính',
    lateness: 0.8,
  },
  {
    code: '000.00.03.H56',
    name: 'Sở Tư pháp',
    shortName: 'Sở TP',
    slug: 'stp',
    divisions: [division('03', 1, 'Phòng Hành chính tư pháp'), division('03', 2, 'Phòng Bổ trợ tư pháp')],
    leaderTitle: 'Giám đốc Sở Tư pháp',
    lateness: 1,
  },
  {
    code: '000.00.04.H56',
    name: 'Sở Xây dựng',
    shortName: 'Sở XD',
    slug: 'sxd',
    divisions: [
      division('04', 1, 'Phòng Quản lý hoạt động xây dựng'),
      division('04', 2, 'Phòng Quy hoạch – Kiến trúc'),
    ],
    leaderTitle: 'Phó Giám đốc Sở Xây dựng',
    lateness: 1.8,
  },
  {
    code: AGRICULTURE_DEPARTMENT_CODE,
    name: 'Sở Nông nghiệp và Môi trường',
    shortName: 'Sở NN&MT',
    slug: 'snnmt',
    divisions: [division('05', 1, 'Phòng Quản lý đất đai'), division('05', 2, 'Phòng Môi trường')],
    leaderTitle: 'Phó Giám đốc Sở Nông nghiệp và Môi trường',
    lateness: 1,
  },
  {
    code: '000.00.06.H56',
    name: 'Sở Công Thương',
    shortName: 'Sở CT',
    slug: 'sct',
    divisions: [
      division('06', 1, 'Phòng Quản lý thương mại'),
      division('06', 2, 'Phòng Quản lý công nghiệp'),
    ],
    leaderTitle: 'Phó Giám đốc Sở Công Thương',
    lateness: 1,
  },
  {
    code: '000.00.07.H56',
    name: 'Sở Nội vụ',
    shortName: 'Sở NV',
    slug: 'snv',
    divisions: [
      division('07', 1, 'Phòng Lao động – Tiền lương – Bảo hiểm xã hội'),
      division('07', 2, 'Phòng Tổ chức, biên chế'),
    ],
    leaderTitle: 'Phó Giám đốc Sở Nội vụ',
    lateness: 0.9,
  },
  {
    code: '000.00.08.H56',
    name: 'Sở Y tế',
    shortName: 'Sở YT',
    slug: 'syt',
    divisions: [division('08', 1, 'Phòng Nghiệp vụ Y'), division('08', 2, 'Phòng Nghiệp vụ Dược')],
    leaderTitle: 'Giám đốc Sở Y tế',
    lateness: 1,
  },
  {
    code: '000.00.09.H56',
    name: 'Sở Giáo dục và Đào tạo',
    shortName: 'Sở GD&ĐT',
    slug: 'sgddt',
    divisions: [division('09', 1, 'Phòng Giáo dục phổ thông')],
    leaderTitle: 'Phó Giám đốc Sở Giáo dục và Đào tạo',
    lateness: 1,
  },
  {
    code: '000.00.10.H56',
    name: 'Sở Văn hóa, Thể thao và Du lịch',
    shortName: 'Sở VHTTDL',
    slug: 'svhttdl',
    divisions: [division('10', 1, 'Phòng Quản lý văn hóa'), division('10', 2, 'Phòng Quản lý du lịch')],
    leaderTitle: 'Phó Giám đốc Sở Văn hóa, Thể thao và Du lịch',
    lateness: 1,
  },
  {
    code: '000.00.11.H56',
    name: 'Sở Khoa học và Công nghệ',
    shortName: 'Sở KH&CN',
    slug: 'skhcn',
    divisions: [division('11', 1, 'Phòng Quản lý khoa học'), division('11', 2, 'Phòng Chuyển đổi số')],
    leaderTitle: 'Giám đốc Sở Khoa học và Công nghệ',
    lateness: 1,
  },
];

/** The land registration office: a division of Sở Nông nghiệp và Môi trường with its own staff. */
export const LAND_OFFICE = {
  code: LAND_OFFICE_CODE,
  name: 'Văn phòng Đăng ký đất đai tỉnh Thanh Hóa',
  shortName: 'Văn phòng Đăng ký đất đai',
  slug: 'vpdkdd',
  leaderTitle: 'Giám đốc Văn phòng Đăng ký đất đai',
  divisionName: 'Phòng Đăng ký và Cấp giấy chứng nhận',
  lateness: 1.4,
} as const;

/**
 * Twenty of the 166 communes and wards (8 wards, 12 communes). `lateness` > 1 marks the units
 * where the demo history has more late dossiers (Phường Nghi Sơn: the industrial zone's
 * construction and land load; Xã Ngọc Lặc and Xã Bá Thước: understaffed mountain communes).
 */
export const COMMUNES: readonly DemoCommune[] = [
  {
    index: 1,
    type: 'phuong',
    name: 'Hạc Thành',
    slug: 'hacthanh',
    volume: 3.2,
    lateness: 0.8,
    hasTwoReceivingOfficers: true,
    street: 'Đại lộ Lê Lợi',
  },
  {
    index: 2,
    type: 'phuong',
    name: 'Hàm Rồng',
    slug: 'hamrong',
    volume: 1.7,
    lateness: 0.9,
    hasTwoReceivingOfficers: true,
    street: 'đường Nguyễn Trãi',
  },
  {
    index: 3,
    type: 'phuong',
    name: 'Quảng Phú',
    slug: 'quangphu',
    volume: 1.2,
    lateness: 1,
    hasTwoReceivingOfficers: false,
    street: 'đường Nguyễn Văn Linh',
  },
  {
    index: 4,
    type: 'phuong',
    name: 'Đông Sơn',
    slug: 'dongson',
    volume: 1.2,
    lateness: 1,
    hasTwoReceivingOfficers: false,
    street: 'Quốc lộ 47',
  },
  {
    index: 5,
    type: 'phuong',
    name: 'Sầm Sơn',
    slug: 'samson',
    volume: 1.5,
    lateness: 1,
    hasTwoReceivingOfficers: true,
    street: 'đường Lê Lợi',
  },
  {
    index: 6,
    type: 'phuong',
    name: 'Bỉm Sơn',
    slug: 'bimson',
    volume: 1.2,
    lateness: 0.9,
    hasTwoReceivingOfficers: false,
    street: 'đường Trần Phú',
  },
  {
    index: 7,
    type: 'phuong',
    name: 'Nghi Sơn',
    slug: 'nghison',
    volume: 1.4,
    lateness: 2.6,
    hasTwoReceivingOfficers: false,
    street: 'Quốc lộ 1A',
  },
  {
    index: 8,
    type: 'phuong',
    name: 'Tĩnh Gia',
    slug: 'tinhgia',
    volume: 1.1,
    lateness: 1,
    hasTwoReceivingOfficers: false,
    street: 'đường Tố Hữu',
  },
  {
    index: 9,
    type: 'xa',
    name: 'Hoằng Hóa',
    slug: 'hoanghoa',
    volume: 1.2,
    lateness: 1,
    hasTwoReceivingOfficers: false,
    street: 'Quốc lộ 1A',
  },
  {
    index: 10,
    type: 'xa',
    name: 'Hậu Lộc',
    slug: 'hauloc',
    volume: 1,
    lateness: 0.9,
    hasTwoReceivingOfficers: false,
    street: 'Quốc lộ 10',
  },
  {
    index: 11,
    type: 'xa',
    name: 'Nga Sơn',
    slug: 'ngason',
    volume: 1,
    lateness: 0.9,
    hasTwoReceivingOfficers: false,
    street: 'đường Tam Linh',
  },
  {
    index: 12,
    type: 'xa',
    name: 'Hà Trung',
    slug: 'hatrung',
    volume: 0.9,
    lateness: 1,
    hasTwoReceivingOfficers: false,
    street: 'Quốc lộ 1A',
  },
  {
    index: 13,
    type: 'xa',
    name: 'Thọ Xuân',
    slug: 'thoxuan',
    volume: 1.1,
    lateness: 1,
    hasTwoReceivingOfficers: false,
    street: 'Quốc lộ 47',
  },
  {
    index: 14,
    type: 'xa',
    name: 'Triệu Sơn',
    slug: 'trieuson',
    volume: 1,
    lateness: 1,
    hasTwoReceivingOfficers: false,
    street: 'Quốc lộ 47',
  },
  {
    index: 15,
    type: 'xa',
    name: 'Yên Định',
    slug: 'yendinh',
    volume: 1,
    lateness: 0.8,
    hasTwoReceivingOfficers: false,
    street: 'Quốc lộ 45',
  },
  {
    index: 16,
    type: 'xa',
    name: 'Thiệu Hóa',
    slug: 'thieuhoa',
    volume: 0.9,
    lateness: 1,
    hasTwoReceivingOfficers: false,
    street: 'Quốc lộ 45',
  },
  {
    index: 17,
    type: 'xa',
    name: 'Nông Cống',
    slug: 'nongcong',
    volume: 0.9,
    lateness: 1.1,
    hasTwoReceivingOfficers: false,
    street: 'Quốc lộ 45',
  },
  {
    index: 18,
    type: 'xa',
    name: 'Ngọc Lặc',
    slug: 'ngoclac',
    volume: 0.8,
    lateness: 2.4,
    hasTwoReceivingOfficers: false,
    street: 'đường Lê Lai',
  },
  {
    index: 19,
    type: 'xa',
    name: 'Cẩm Thủy',
    slug: 'camthuy',
    volume: 0.7,
    lateness: 1.2,
    hasTwoReceivingOfficers: false,
    officeHours: SHIFTED_HOURS,
    street: 'Quốc lộ 217',
  },
  {
    index: 20,
    type: 'xa',
    name: 'Bá Thước',
    slug: 'bathuoc',
    volume: 0.5,
    lateness: 2,
    hasTwoReceivingOfficers: false,
    officeHours: SHIFTED_HOURS,
    street: 'Quốc lộ 217',
  },
];

export function communeCode(c: DemoCommune): string {
  return `000.31.${String(c.index).padStart(2, '0')}.H56`;
}

export function communeSectionCode(c: DemoCommune): string {
  return `001.31.${String(c.index).padStart(2, '0')}.H56`;
}

/** "phường Hạc Thành" / "xã Nga Sơn". */
export function communeLabel(c: DemoCommune): string {
  return `${c.type === 'phuong' ? 'phường' : 'xã'} ${c.name}`;
}

/** "Phường Hạc Thành" / "Xã Nga Sơn". */
export function communeTitle(c: DemoCommune): string {
  return `${c.type === 'phuong' ? 'Phường' : 'Xã'} ${c.name}`;
}

function phone(n: number): string {
  return `0237.3${String(n).padStart(6, '0').slice(0, 2)}.${String(n).padStart(6, '0').slice(2)}`;
}

/** Every unit in creation order (parents before children). */
export function demoUnits(): DemoUnitSpec[] {
  const units: DemoUnitSpec[] = [
    {
      agencyCode: PROVINCE_CODE,
      name: 'Ủy ban nhân dân tỉnh Thanh Hóa',
      shortName: 'UBND tỉnh Thanh Hóa',
      kind: 'province',
      parentCode: null,
      address: '35 Đại lộ Lê Lợi, phường Hạc Thành, tỉnh Thanh Hóa',
      phone: phone(852101),
      email: 'ubnd@thanhhoa.gov.vn',
    },
    {
      agencyCode: PROVINCE_CENTRE_CODE,
      name: 'Trung tâm Phục vụ hành chính công tỉnh Thanh Hóa',
      shortName: 'TTPVHCC tỉnh',
      kind: 'one_stop_section',
      parentCode: PROVINCE_CODE,
      address: '28 Đại lộ Lê Lợi, phường Hạc Thành, tỉnh Thanh Hóa',
      phone: phone(858123),
      email: 'ttpvhcc@thanhhoa.gov.vn',
    },
  ];
  DEPARTMENTS.forEach((d, i) => {
    units.push({
      agencyCode: d.code,
      name: d.name,
      shortName: d.shortName,
      kind: 'department',
      parentCode: PROVINCE_CODE,
      address: `${20 + i * 6} Đại lộ Lê Lợi, phường Hạc Thành, tỉnh Thanh Hóa`,
      phone: phone(852200 + i * 37),
      email: `${d.slug}@thanhhoa.gov.vn`,
    });
    for (const div of d.divisions) {
      units.push({ agencyCode: div.code, name: div.name, kind: 'division', parentCode: d.code });
    }
  });
  units.push({
    agencyCode: LAND_OFFICE.code,
    name: LAND_OFFICE.name,
    shortName: LAND_OFFICE.shortName,
    kind: 'division',
    parentCode: AGRICULTURE_DEPARTMENT_CODE,
    address: '14 đường Hạc Thành, phường Hạc Thành, tỉnh Thanh Hóa',
    phone: phone(853456),
    email: 'vpdkdd@thanhhoa.gov.vn',
  });
  units.push({
    agencyCode: TAX_OFFICE_CODE,
    name: 'Thuế tỉnh Thanh Hóa',
    shortName: 'Thuế tỉnh',
    kind: 'external',
    parentCode: null,
    address: '1 đường Hạc Thành, phường Hạc Thành, tỉnh Thanh Hóa',
    phone: phone(855789),
  });
  for (const c of COMMUNES) {
    const title = communeLabel(c);
    const address = `${10 + c.index * 3} ${c.street}, ${title}, tỉnh Thanh Hóa`;
    units.push({
      agencyCode: communeCode(c),
      name: `Ủy ban nhân dân ${title}`,
      shortName: `UBND ${title}`,
      kind: 'commune',
      parentCode: PROVINCE_CODE,
      address,
      phone: phone(860000 + c.index * 1117),
      ...(c.officeHours ? { officeHours: c.officeHours } : {}),
    });
    units.push({
      agencyCode: communeSectionCode(c),
      name: `Trung tâm Phục vụ hành chính công ${title}`,
      shortName: `TTPVHCC ${title}`,
      kind: 'one_stop_section',
      parentCode: communeCode(c),
      address,
      phone: phone(860001 + c.index * 1117),
      ...(c.officeHours ? { officeHours: c.officeHours } : {}),
    });
  }
  return units;
}
