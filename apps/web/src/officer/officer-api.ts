import { useQuery } from '@tanstack/react-query';
import { api, type ResponseOf } from '../api/client.ts';

/** Types and queries shared by the officer pages (the API answers, as generated from OpenAPI). */
export type DossierDetail = ResponseOf<'/api/dossiers/{code}', 'get'>;
export type DossierPage = ResponseOf<'/api/dossiers', 'get'>;
export type DossierSummary = DossierPage['items'][number];
export type QueueCounts = ResponseOf<'/api/dossiers/counts', 'get'>;
export type UnitOfficer = ResponseOf<'/api/units/{unitId}/officers', 'get'>[number];
export type Unit = ResponseOf<'/api/units', 'get'>[number];
export type ProcedureDetail = ResponseOf<'/api/procedures/{code}', 'get'>;
export type ProcedureVersion = ResponseOf<'/api/procedures/{code}/versions/{versionNo}', 'get'>;
export type ProcedureSummary = ResponseOf<'/api/procedures', 'get'>['items'][number];
export type OfficerRoleName = DossierDetail['steps'][number]['role'];

/**
 * POST /api/dossiers/bulk-actions (typed here until the server route is generated into
 * openapi.d.ts): one action on many dossiers, each with the version the officer saw.
 */
export interface BulkAssignBody {
  action: 'assign';
  assigneeId: string;
  items: { code: string; expectedVersion: number }[];
}
export type BulkActionResult =
  | { code: string; ok: true; version: number; status: string }
  | { code: string; ok: false; error: { code: string; message: string } };
export interface BulkActionAnswer {
  results: BulkActionResult[];
}

export const DOSSIER_KEY = (code: string) => ['dossier', code] as const;

export function useDossier(code: string) {
  return useQuery({
    queryKey: DOSSIER_KEY(code),
    queryFn: ({ signal }) => api<DossierDetail>(`/api/dossiers/${encodeURIComponent(code)}`, { signal }),
  });
}

/** The whole unit tree (public, small): names of units by id. */
export function useUnits() {
  return useQuery({
    queryKey: ['units'],
    queryFn: ({ signal }) => api<Unit[]>('/api/units', { signal }),
    staleTime: 10 * 60_000,
  });
}

/** Officers holding a role over a unit (assignee pickers). */
export function useUnitOfficers(unitId: string | null | undefined, role: OfficerRoleName | null | undefined) {
  return useQuery({
    queryKey: ['unit-officers', unitId, role],
    queryFn: ({ signal }) =>
      api<UnitOfficer[]>(`/api/units/${encodeURIComponent(unitId ?? '')}/officers`, {
        query: { role: role ?? undefined },
        signal,
      }),
    enabled: Boolean(unitId && role),
    staleTime: 5 * 60_000,
  });
}

/** The published catalog in force today (a province has tens to a few hundred procedures). */
export function useProcedureList(query: { q?: string; channel?: string } = {}) {
  return useQuery({
    queryKey: ['procedures', query.q ?? '', query.channel ?? ''],
    queryFn: ({ signal }) =>
      api<ResponseOf<'/api/procedures', 'get'>>('/api/procedures', {
        query: { q: query.q || undefined, channel: query.channel, limit: 100 },
        signal,
      }),
    staleTime: 5 * 60_000,
  });
}

export function useProcedureVersion(code: string | undefined, versionNo: number | undefined) {
  return useQuery({
    queryKey: ['procedure-version', code, versionNo],
    queryFn: ({ signal }) =>
      api<ProcedureVersion>(
        `/api/procedures/${encodeURIComponent(code ?? '')}/versions/${String(versionNo ?? 0)}`,
        { signal },
      ),
    enabled: Boolean(code && versionNo),
    staleTime: 30 * 60_000,
  });
}

export const ACCEPTED_FILE_TYPES = 'application/pdf,image/jpeg,image/png';

export function fileUrl(fileId: string): string {
  return `/api/files/${encodeURIComponent(fileId)}`;
}

export type DossierForm =
  'receipt' | 'supplement-request' | 'refusal' | 'apology' | 'control-slip' | 'stop-notice';

export function formUrl(code: string, form: DossierForm): string {
  return `/api/dossiers/${encodeURIComponent(code)}/forms/${form}`;
}

/** A key for one submission: the same key for retries of the same body, a new one otherwise. */
export function newIdempotencyKey(): string {
  return `web-${crypto.randomUUID()}`;
}
