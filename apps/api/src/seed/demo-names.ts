import type { Prng } from './prng.ts';

/**
 * Vietnamese personal names for the demo (officers and applicants): common surnames with rough
 * real-world frequencies (Nguyễn, Trần, Lê… plus Trịnh and Mai, frequent in Thanh Hóa), a middle
 * name by sex and a given name. Invented combinations; any match with a real person is chance.
 */
const SURNAMES: readonly (readonly [string, number])[] = [
  ['Nguyễn', 30],
  ['Lê', 14],
  ['Trần', 10],
  ['Phạm', 7],
  ['Hoàng', 5],
  ['Trịnh', 4],
  ['Vũ', 4],
  ['Đỗ', 4],
  ['Bùi', 4],
  ['Đặng', 3],
  ['Ngô', 3],
  ['Mai', 2],
  ['Hồ', 2],
  ['Dương', 2],
  ['Lý', 1],
  ['Đinh', 1],
];

const MIDDLE_MALE = [
  'Văn',
  'Văn',
  'Hữu',
  'Đức',
  'Minh',
  'Quang',
  'Ngọc',
  'Xuân',
  'Thanh',
  'Công',
  'Đình',
  'Mạnh',
];
const MIDDLE_FEMALE = [
  'Thị',
  'Thị',
  'Thị',
  'Thu',
  'Ngọc',
  'Thanh',
  'Minh',
  'Hồng',
  'Thùy',
  'Phương',
  'Kim',
  'Mai',
];
const GIVEN_MALE = [
  'Hùng',
  'Dũng',
  'Tuấn',
  'Hải',
  'Long',
  'Nam',
  'Sơn',
  'Thắng',
  'Cường',
  'Bình',
  'Hòa',
  'Trung',
  'Đức',
  'Phong',
  'Quân',
  'Khánh',
  'Hiếu',
  'Tùng',
  'Hưng',
  'Toàn',
  'Thành',
  'Lâm',
  'Huy',
  'Việt',
  'Kiên',
  'Lợi',
  'Tiến',
  'Vinh',
  'Quyết',
  'Chiến',
];
const GIVEN_FEMALE = [
  'Lan',
  'Hương',
  'Hoa',
  'Mai',
  'Linh',
  'Trang',
  'Huyền',
  'Thảo',
  'Nga',
  'Hạnh',
  'Yến',
  'Phương',
  'Hằng',
  'Dung',
  'Thủy',
  'Ngọc',
  'Vân',
  'Nhung',
  'Hà',
  'Loan',
  'Oanh',
  'Giang',
  'Liên',
  'Quỳnh',
  'Trinh',
  'Hiền',
  'Thúy',
  'Anh',
  'Châm',
  'Tâm',
];

export type Sex = 'male' | 'female';

export interface DrawnPerson {
  fullName: string;
  sex: Sex;
}

export function drawPerson(prng: Prng, sex?: Sex): DrawnPerson {
  const s: Sex = sex ?? (prng.chance(0.5) ? 'male' : 'female');
  const surname = prng.weighted(SURNAMES, (x) => x[1])[0];
  const middle = prng.pick(s === 'male' ? MIDDLE_MALE : MIDDLE_FEMALE);
  const given = prng.pick(s === 'male' ? GIVEN_MALE : GIVEN_FEMALE);
  return { fullName: `${surname} ${middle} ${given}`, sex: s };
}

/** Draws a name not in `taken` (and adds it), so the demo staff list has no two identical names. */
export function drawUniquePerson(prng: Prng, taken: Set<string>, sex?: Sex): DrawnPerson {
  for (let i = 0; i < 50; i++) {
    const p = drawPerson(prng, sex);
    if (!taken.has(p.fullName)) {
      taken.add(p.fullName);
      return p;
    }
  }
  const p = drawPerson(prng, sex);
  taken.add(p.fullName);
  return p;
}

/**
 * A 12-digit citizen identity number (CCCD) of Thanh Hóa: province code 038, then the century and
 * sex digit (0/1 born in the 1900s, 2/3 in the 2000s; even = male), two digits of the birth year
 * and six random digits.
 */
export function citizenIdNumber(prng: Prng, birthYear: number, sex: Sex): string {
  const century = birthYear >= 2000 ? 2 : 0;
  const sexDigit = century + (sex === 'male' ? 0 : 1);
  return `038${sexDigit}${String(birthYear % 100).padStart(2, '0')}${prng.digits(6)}`;
}

const MOBILE_PREFIXES = [
  '091',
  '094',
  '088',
  '083',
  '084',
  '096',
  '097',
  '098',
  '086',
  '032',
  '033',
  '035',
  '036',
  '037',
  '038',
  '039',
  '070',
  '077',
  '078',
  '079',
  '081',
  '082',
  '085',
];

/** A Vietnamese mobile number (10 digits). */
export function mobilePhone(prng: Prng): string {
  return `${prng.pick(MOBILE_PREFIXES)}${prng.digits(7)}`;
}

/** Lowercase ASCII without Vietnamese diacritics ("Hạc Thành" → "hac thanh"). */
export function asciiFold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}
