/**
 * VietQR (NAPAS 247) bank-transfer payload: an EMVCo merchant-presented QR string made of
 * ID-length-value fields, ending in a CRC16-CCITT (poly 0x1021, init 0xFFFF, no reflection,
 * no final xor — "CCITT-FALSE") over everything before it, including the "6304" tag of the CRC.
 * ADR 0012.
 */

/** NAPAS application identifier for VietQR. */
export const VIETQR_GUID = 'A000000727';
/** Service code: transfer to an account (QRIBFTTC would be to a card). */
export const VIETQR_SERVICE_TO_ACCOUNT = 'QRIBFTTA';

export interface VietQrInput {
  /** 6-digit NAPAS bank identification number (BIN), e.g. 970436 for Vietcombank. */
  readonly bankBin: string;
  readonly accountNo: string;
  /** Amount in VND; omitted for a static QR (the payer types the amount). */
  readonly amount?: number;
  /** Transfer content (nội dung chuyển khoản) the reconciliation matches on. */
  readonly reference?: string;
}

export function crc16Ccitt(text: string): number {
  let crc = 0xffff;
  for (const byte of utf8(text)) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc;
}

/** UTF-8 bytes without TextEncoder (the domain package has no DOM/Node libs). */
function utf8(text: string): number[] {
  const bytes: number[] = [];
  for (const char of text) {
    const cp = char.codePointAt(0) ?? 0;
    if (cp < 0x80) bytes.push(cp);
    else if (cp < 0x800) bytes.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else
      bytes.push(
        0xf0 | (cp >> 18),
        0x80 | ((cp >> 12) & 0x3f),
        0x80 | ((cp >> 6) & 0x3f),
        0x80 | (cp & 0x3f),
      );
  }
  return bytes;
}

function tlv(id: string, value: string): string {
  if (value.length > 99) throw new RangeError(`VietQR field ${id} is too long`);
  return `${id}${String(value.length).padStart(2, '0')}${value}`;
}

/** Characters a bank app reliably keeps in the transfer content. */
const REFERENCE_PATTERN = /^[A-Za-z0-9 .-]{1,25}$/;

export function buildVietQrPayload(input: VietQrInput): string {
  if (!/^\d{6}$/.test(input.bankBin)) throw new RangeError('bank BIN must be 6 digits');
  if (!/^[A-Za-z0-9]{1,19}$/.test(input.accountNo)) throw new RangeError('invalid account number');
  if (
    input.amount !== undefined &&
    (!Number.isSafeInteger(input.amount) || input.amount <= 0 || input.amount > 9_999_999_999_999)
  ) {
    throw new RangeError('amount must be a positive integer of VND');
  }
  if (input.reference !== undefined && !REFERENCE_PATTERN.test(input.reference)) {
    throw new RangeError('reference must be 1-25 letters, digits, spaces, dots or dashes');
  }
  const beneficiary = tlv('00', input.bankBin) + tlv('01', input.accountNo);
  const merchant = tlv('00', VIETQR_GUID) + tlv('01', beneficiary) + tlv('02', VIETQR_SERVICE_TO_ACCOUNT);
  let body =
    tlv('00', '01') +
    tlv('01', input.amount === undefined ? '11' : '12') +
    tlv('38', merchant) +
    tlv('53', '704') +
    (input.amount === undefined ? '' : tlv('54', String(input.amount))) +
    tlv('58', 'VN');
  if (input.reference !== undefined) body += tlv('62', tlv('08', input.reference));
  body += '6304';
  return body + crc16Ccitt(body).toString(16).toUpperCase().padStart(4, '0');
}

/** Parses top-level TLV fields (and checks the CRC); used by tests and by the sandbox bank. */
export function parseVietQrPayload(payload: string): Map<string, string> {
  if (payload.length < 8 || !payload.slice(-8, -4).startsWith('6304')) throw new RangeError('no CRC field');
  const expected = crc16Ccitt(payload.slice(0, -4)).toString(16).toUpperCase().padStart(4, '0');
  if (payload.slice(-4).toUpperCase() !== expected) throw new RangeError('bad CRC');
  return parseTlv(payload.slice(0, -8));
}

export function parseTlv(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  let i = 0;
  while (i < text.length) {
    const id = text.slice(i, i + 2);
    const length = Number(text.slice(i + 2, i + 4));
    if (!/^\d{2}$/.test(id) || !Number.isInteger(length) || i + 4 + length > text.length) {
      throw new RangeError('malformed TLV');
    }
    fields.set(id, text.slice(i + 4, i + 4 + length));
    i += 4 + length;
  }
  return fields;
}
