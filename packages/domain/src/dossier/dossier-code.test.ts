import { describe, expect, it } from 'vitest';
import { formatDossierCode, isDossierCode, parseDossierCode } from './dossier-code.ts';

describe('dossier code <agency code>-<YYMMDD>-<NNNN>', () => {
  it('formats the worked example of domain.md §2.3', () => {
    expect(formatDossierCode('000.00.06.H56', '2023-10-27', 361)).toBe('000.00.06.H56-231027-0361');
    expect(formatDossierCode('000.17.22.H56', '2021-05-31', 1)).toBe('000.17.22.H56-210531-0001');
  });

  it('grows beyond four digits instead of wrapping', () => {
    expect(formatDossierCode('000.00.06.H56', '2026-11-25', 12345)).toBe('000.00.06.H56-261125-12345');
  });

  it('rejects a sequence that is not a positive integer', () => {
    expect(() => formatDossierCode('000.00.06.H56', '2026-11-25', 0)).toThrow(RangeError);
    expect(() => formatDossierCode('000.00.06.H56', '2026-11-25', 1.5)).toThrow(RangeError);
    expect(() => formatDossierCode('000.00.06.H56', '2026-02-30', 1)).toThrow(RangeError);
  });

  it('parses what it formats, and nothing else', () => {
    expect(parseDossierCode('000.00.06.H56-231027-0361')).toEqual({
      agencyCode: '000.00.06.H56',
      yy: 23,
      month: 10,
      day: 27,
      sequence: 361,
    });
    for (const bad of [
      '',
      '000.00.06.H56-231327-0001',
      '000.00.06.H56-231027-001',
      'abc-231027-0001',
      '000.00.06.H56_231027_0001',
      '../etc/passwd',
    ]) {
      expect(isDossierCode(bad), bad).toBe(false);
    }
  });
});
