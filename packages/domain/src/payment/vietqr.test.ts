import { describe, expect, it } from 'vitest';
import { buildVietQrPayload, crc16Ccitt, parseTlv, parseVietQrPayload } from './vietqr.ts';

describe('crc16Ccitt', () => {
  it('matches the CRC-16/CCITT-FALSE check value', () => {
    expect(crc16Ccitt('123456789')).toBe(0x29b1);
    expect(crc16Ccitt('')).toBe(0xffff);
  });
});

describe('buildVietQrPayload', () => {
  it('builds the dynamic payload field by field, with the CRC over everything before it', () => {
    // Built by hand: 00 format "01"; 01 "12" (dynamic); 38 NAPAS merchant info
    // (00 GUID, 01 {00 BIN, 01 account}, 02 service); 53 currency 704; 54 amount; 58 VN;
    // 62 {08 reference}; 63 CRC. CRC computed independently (Python binascii.crc_hqx, init 0xFFFF).
    const expected =
      '000201' +
      '010212' +
      '3854' +
      '0010A000000727' +
      '0124' +
      '0006970436' +
      '01100012345678' +
      '0208QRIBFTTA' +
      '5303704' +
      '540515000' +
      '5802VN' +
      '6215' +
      '0811HS000123 AB' +
      '6304012B';
    expect(
      buildVietQrPayload({
        bankBin: '970436',
        accountNo: '0012345678',
        amount: 15000,
        reference: 'HS000123 AB',
      }),
    ).toBe(expected);
  });

  it('makes a static QR without amount', () => {
    const fields = parseVietQrPayload(buildVietQrPayload({ bankBin: '970436', accountNo: '0012345678' }));
    expect(fields.get('01')).toBe('11');
    expect(fields.has('54')).toBe(false);
    const merchant = parseTlv(fields.get('38')!);
    expect(parseTlv(merchant.get('01')!).get('01')).toBe('0012345678');
  });

  it('rejects bad input', () => {
    expect(() => buildVietQrPayload({ bankBin: '97043', accountNo: '1' })).toThrow(RangeError);
    expect(() => buildVietQrPayload({ bankBin: '970436', accountNo: '12-3' })).toThrow(RangeError);
    expect(() => buildVietQrPayload({ bankBin: '970436', accountNo: '1', amount: 0 })).toThrow(RangeError);
    expect(() => buildVietQrPayload({ bankBin: '970436', accountNo: '1', amount: 1.5 })).toThrow(RangeError);
    expect(() => buildVietQrPayload({ bankBin: '970436', accountNo: '1', reference: 'Phí hồ sơ' })).toThrow(
      RangeError,
    );
  });

  it('detects a corrupted payload', () => {
    const payload = buildVietQrPayload({ bankBin: '970436', accountNo: '0012345678', amount: 15000 });
    expect(() => parseVietQrPayload(payload.replace('15000', '16000'))).toThrow('bad CRC');
  });
});
