import type { LocalDate } from '../time/local-time.ts';
import { parseLocalDate } from '../time/local-time.ts';

/**
 * Dossier code (mã hồ sơ), Circular 03/2025/TT-VPCP Art. 13: `<agency e-ID>-<YYMMDD>-<NNNN>`,
 * NNNN being the day's sequence for that agency, at least 4 digits and growing as needed
 * (domain.md §2.3). Example: `000.00.06.H56-231027-0361`.
 */
const DOSSIER_CODE_RE = /^([0-9A-Z]+(?:\.[0-9A-Z]+)*)-(\d{2})(\d{2})(\d{2})-(\d{4,})$/;

export function formatDossierCode(agencyCode: string, receiptDate: LocalDate, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1)
    throw new RangeError('Sequence must be a positive integer');
  const { year, month, day } = parseLocalDate(receiptDate);
  const yymmdd = `${String(year % 100).padStart(2, '0')}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
  return `${agencyCode}-${yymmdd}-${String(sequence).padStart(4, '0')}`;
}

export interface ParsedDossierCode {
  agencyCode: string;
  /** Two-digit year, month and day as printed. */
  yy: number;
  month: number;
  day: number;
  sequence: number;
}

export function parseDossierCode(code: string): ParsedDossierCode | null {
  const m = DOSSIER_CODE_RE.exec(code);
  if (!m) return null;
  const month = Number(m[3]);
  const day = Number(m[4]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return { agencyCode: m[1] ?? '', yy: Number(m[2]), month, day, sequence: Number(m[5]) };
}

export function isDossierCode(code: string): boolean {
  return parseDossierCode(code) !== null;
}
