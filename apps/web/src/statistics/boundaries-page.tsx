import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type ChangeEvent } from 'react';
import { api, type ResponseOf } from '../api/client.ts';
import { useFormat, useT, type Text } from '../app/i18n.tsx';
import { Alert, Button, Card, ErrorMessage, Facts, Loading, Page, errorText } from '../ui/ui.tsx';

type BoundaryStatus = ResponseOf<'/api/statistics/map/boundaries', 'get'>;

const m = {
  title: { vi: 'Ranh giới xã, phường cho bản đồ', en: 'Commune boundaries for the map' },
  lead: {
    vi: 'Tải lên tệp GeoJSON (FeatureCollection) của tỉnh; mỗi vùng ghi mã định danh điện tử (agencyCode) hoặc tên của xã, phường.',
    en: 'Upload the province’s GeoJSON (FeatureCollection); each feature names its commune by agency code (agencyCode) or name.',
  },
  source: { vi: 'Nguồn', en: 'Source' },
  sources: {
    upload: { vi: 'Tệp đã tải lên', en: 'Uploaded file' },
    file: { vi: 'Tệp cấu hình MAP_BOUNDARIES_FILE', en: 'MAP_BOUNDARIES_FILE' },
    none: { vi: 'Chưa có', en: 'None' },
  },
  name: { vi: 'Tên tệp', en: 'File name' },
  features: { vi: 'Số vùng', en: 'Features' },
  uploadedAt: { vi: 'Tải lên lúc', en: 'Uploaded' },
  matched: { vi: 'Vùng khớp với đơn vị', en: 'Features matched to a unit' },
  unmatched: { vi: 'Vùng không tìm thấy đơn vị', en: 'Features without a unit' },
  missing: { vi: 'Xã, phường chưa có ranh giới', en: 'Communes without a boundary' },
  choose: { vi: 'Chọn tệp GeoJSON', en: 'Choose a GeoJSON file' },
  remove: { vi: 'Gỡ tệp đã tải lên', en: 'Remove the uploaded file' },
  done: { vi: 'Đã cập nhật ranh giới.', en: 'Boundaries updated.' },
  notJson: { vi: 'Tệp không phải JSON hợp lệ: {m}', en: 'The file is not valid JSON: {m}' },
  none: { vi: 'Không có.', en: 'None.' },
} satisfies Record<string, Text | Record<string, Text>>;

const KEY = ['statistics', 'boundaries'];

/** Admin: upload, check and remove the commune boundaries of the enforcement map. */
export function BoundariesPage() {
  const t = useT();
  const f = useFormat();
  const client = useQueryClient();
  const inputId = useId();
  const [localError, setLocalError] = useState<string | null>(null);
  const q = useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => api<BoundaryStatus>('/api/statistics/map/boundaries', { signal }),
  });
  const upload = useMutation({
    mutationFn: ({ body, name }: { body: unknown; name: string }) =>
      api<BoundaryStatus>('/api/statistics/map/boundaries', { method: 'PUT', body, query: { name } }),
    onSuccess: (data) => client.setQueryData(KEY, data),
  });
  const remove = useMutation({
    mutationFn: () => api<BoundaryStatus>('/api/statistics/map/boundaries', { method: 'DELETE' }),
    onSuccess: (data) => client.setQueryData(KEY, data),
  });
  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setLocalError(null);
    let body: unknown;
    try {
      body = JSON.parse(await file.text());
    } catch (error) {
      setLocalError(t(m.notJson, { m: errorText(error) ?? '' }));
      return;
    }
    upload.mutate({ body, name: file.name });
  };
  const s = q.data;
  return (
    <Page title={t(m.title)} lead={t(m.lead)}>
      {q.isPending ? <Loading /> : null}
      {q.isError ? <ErrorMessage error={q.error} /> : null}
      {s ? (
        <Card>
          <Facts
            items={[
              { label: t(m.source), value: t(m.sources[s.source]) },
              { label: t(m.name), value: s.name ?? '—' },
              { label: t(m.features), value: f.number(s.featureCount) },
              { label: t(m.uploadedAt), value: f.dateTime(s.uploadedAt) },
            ]}
          />
          <div className="report-actions">
            <label className="btn btn-primary" htmlFor={inputId}>
              {t(m.choose)}
            </label>
            <input
              id={inputId}
              className="visually-hidden"
              type="file"
              accept=".geojson,.json,application/geo+json,application/json"
              onChange={(e) => void onFile(e)}
            />
            {s.source === 'upload' ? (
              <Button variant="danger" isBusy={remove.isPending} onClick={() => remove.mutate()}>
                {t(m.remove)}
              </Button>
            ) : null}
          </div>
          {localError ? <Alert kind="error">{localError}</Alert> : null}
          {upload.isError ? <Alert kind="error">{errorText(upload.error)}</Alert> : null}
          {upload.isSuccess ? <Alert kind="success">{t(m.done)}</Alert> : null}
          <h2>{t(m.matched)}</h2>
          {s.matched.length === 0 ? (
            <p>{t(m.none)}</p>
          ) : (
            <ul>
              {s.matched.map((x) => (
                <li key={`${x.feature}-${x.agencyCode}`}>
                  {x.feature} → {x.unitName} ({x.agencyCode})
                </li>
              ))}
            </ul>
          )}
          <h2>{t(m.unmatched)}</h2>
          {s.unmatched.length === 0 ? (
            <p>{t(m.none)}</p>
          ) : (
            <ul>
              {s.unmatched.map((x) => (
                <li key={x}>{x}</li>
              ))}
            </ul>
          )}
          <h2>{t(m.missing)}</h2>
          {s.communesWithoutBoundary.length === 0 ? (
            <p>{t(m.none)}</p>
          ) : (
            <ul>
              {s.communesWithoutBoundary.map((x) => (
                <li key={x}>{x}</li>
              ))}
            </ul>
          )}
        </Card>
      ) : null}
    </Page>
  );
}
