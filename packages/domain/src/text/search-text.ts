/**
 * Accent-insensitive search text for Vietnamese: "Giấy phép xây dựng" → "giay phep xay dung".
 * NFD splits letters from their combining marks; đ/Đ has no decomposition and is mapped by hand.
 */
export function toSearchText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
