import { AppError } from '../../errors/app-error.ts';

/** A problem found in a procedure version or in a catalog file entry. */
export interface CatalogProblemItem {
  path: string;
  code: string;
  message: string;
}

/** At most this many problems travel in one error response (the count is always given). */
export const MAX_REPORTED_PROBLEMS = 1000;

export const procedureNotFound = (code: string): AppError =>
  new AppError('PROCEDURE_NOT_FOUND', `Procedure ${code} not found`);

export const versionNotFound = (code: string, versionNo: number): AppError =>
  new AppError('VERSION_NOT_FOUND', `Procedure ${code} has no version ${versionNo}`);

export const versionImmutable = (code: string, versionNo: number): AppError =>
  new AppError(
    'VERSION_IMMUTABLE',
    `Version ${versionNo} of procedure ${code} is published and cannot be changed; create a new version`,
    {
      procedureCode: code,
      versionNo,
    },
  );

export const versionInvalid = (
  code: string,
  versionNo: number,
  problems: readonly CatalogProblemItem[],
): AppError =>
  new AppError(
    'VERSION_INVALID',
    `Version ${versionNo} of procedure ${code} cannot be published: ${problems.length} problem(s)`,
    {
      procedureCode: code,
      versionNo,
      problems: problems.slice(0, MAX_REPORTED_PROBLEMS),
      problemCount: problems.length,
    },
  );

export const catalogImportInvalid = (problems: readonly CatalogProblemItem[]): AppError =>
  new AppError(
    'CATALOG_IMPORT_INVALID',
    `The catalog file was not imported: ${problems.length} problem(s); nothing was written`,
    {
      problems: problems.slice(0, MAX_REPORTED_PROBLEMS),
      problemCount: problems.length,
    },
  );

/** The immutability trigger on procedure_version raises SQLSTATE P0001. */
export function isImmutabilityViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'P0001';
}

export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505';
}
