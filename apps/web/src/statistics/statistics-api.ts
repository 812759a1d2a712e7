import { useQuery, keepPreviousData } from '@tanstack/react-query';
import { api, withQuery, type ResponseOf } from '../api/client.ts';

/** Answers of the statistics API (types generated from OpenAPI) and the queries of its pages. */
export type Report06a = ResponseOf<'/api/statistics/report-06a', 'get'>;
export type ReportRow = Report06a['rows'][number];
export type ReportCounts = Report06a['total']['counts'];
export type ReportScopes = ResponseOf<'/api/statistics/scopes', 'get'>;
export type DrillDownPage = ResponseOf<'/api/statistics/dossiers', 'get'>;
export type GroupBy = 'unit' | 'receiving_unit' | 'procedure' | 'field' | 'total';

export interface ReportParams {
  from: string;
  to: string;
  unitId?: string | undefined;
  groupBy: GroupBy;
}

export function useReportScopes() {
  return useQuery({
    queryKey: ['statistics', 'scopes'],
    queryFn: ({ signal }) => api<ReportScopes>('/api/statistics/scopes', { signal }),
    staleTime: 10 * 60_000,
  });
}

export function useReport06a(p: ReportParams, isEnabled = true) {
  return useQuery({
    queryKey: ['statistics', 'report-06a', p],
    queryFn: ({ signal }) =>
      api<Report06a>('/api/statistics/report-06a', {
        query: { from: p.from, to: p.to, unitId: p.unitId, groupBy: p.groupBy },
        signal,
      }),
    enabled: isEnabled,
    placeholderData: keepPreviousData,
  });
}

export function useDrillDown(
  p: ReportParams & { column: number; rowKey?: string | undefined; page: number },
  isEnabled: boolean,
) {
  return useQuery({
    queryKey: ['statistics', 'dossiers', p],
    queryFn: ({ signal }) =>
      api<DrillDownPage>('/api/statistics/dossiers', {
        query: {
          from: p.from,
          to: p.to,
          unitId: p.unitId,
          groupBy: p.groupBy,
          column: p.column,
          rowKey: p.rowKey,
          page: p.page,
          pageSize: 50,
        },
        signal,
      }),
    enabled: isEnabled,
    placeholderData: keepPreviousData,
  });
}

/** Link of a file export (the session cookie authorises the download). */
export function exportHref(p: ReportParams, format: 'xlsx' | 'pdf' | 'csv'): string {
  return withQuery('/api/statistics/report-06a/export', {
    from: p.from,
    to: p.to,
    unitId: p.unitId,
    groupBy: p.groupBy,
    format,
  });
}
