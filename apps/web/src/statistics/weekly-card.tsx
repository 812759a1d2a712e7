import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, type ResponseOf } from '../api/client.ts';
import { useFormat, useT, type Text } from '../app/i18n.tsx';
import { Alert, Button, Card, ErrorMessage, Loading, SelectField, TextField, errorText } from '../ui/ui.tsx';
import { useReportScopes } from './statistics-api.ts';

type Subscription = ResponseOf<'/api/statistics/subscriptions', 'get'>[number];
type WeeklyReport = ResponseOf<'/api/statistics/weekly', 'get'>;

const m = {
  title: { vi: 'Báo cáo tuần qua thư điện tử', en: 'Weekly report by e-mail' },
  lead: {
    vi: 'Gửi tự động sáng thứ Hai (7 giờ) số liệu tuần trước so với tuần trước nữa.',
    en: 'Sent every Monday at 07:00: last week against the week before.',
  },
  preview: { vi: 'Xem báo cáo tuần trước', en: 'Preview last week’s report' },
  hide: { vi: 'Ẩn bản xem trước', en: 'Hide the preview' },
  unit: { vi: 'Đơn vị', en: 'Unit' },
  recipients: { vi: 'Địa chỉ nhận (cách nhau bởi dấu phẩy)', en: 'Recipients (comma separated)' },
  language: { vi: 'Ngôn ngữ', en: 'Language' },
  subscribe: { vi: 'Đăng ký nhận', en: 'Subscribe' },
  cancel: { vi: 'Hủy đăng ký', en: 'Unsubscribe' },
  none: { vi: 'Chưa có đăng ký nào.', en: 'No subscriptions yet.' },
  next: { vi: 'Lần gửi tới: {at}', en: 'Next: {at}' },
  saved: { vi: 'Đã đăng ký.', en: 'Subscribed.' },
} satisfies Record<string, Text>;

/** Weekly report subscriptions of the units the leader may report on, and a preview. */
export function WeeklyCard({ unitId }: { unitId?: string | undefined }) {
  const t = useT();
  const f = useFormat();
  const client = useQueryClient();
  const scopes = useReportScopes();
  const [isPreview, setPreview] = useState(false);
  const [unit, setUnit] = useState(unitId ?? '');
  const [recipients, setRecipients] = useState('');
  const [language, setLanguage] = useState<'vi' | 'en'>('vi');
  const subs = useQuery({
    queryKey: ['statistics', 'subscriptions'],
    queryFn: ({ signal }) => api<Subscription[]>('/api/statistics/subscriptions', { signal }),
  });
  const preview = useQuery({
    queryKey: ['statistics', 'weekly', unitId],
    queryFn: ({ signal }) => api<WeeklyReport>('/api/statistics/weekly', { query: { unitId }, signal }),
    enabled: isPreview,
  });
  const create = useMutation({
    mutationFn: () =>
      api<Subscription>('/api/statistics/subscriptions', {
        body: {
          unitId: unit || scopes.data?.scopes[0]?.unit.id,
          recipients: recipients
            .split(/[,;\s]+/)
            .map((r) => r.trim())
            .filter(Boolean),
          language,
        },
      }),
    onSuccess: () => {
      setRecipients('');
      void client.invalidateQueries({ queryKey: ['statistics', 'subscriptions'] });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => api<undefined>(`/api/statistics/subscriptions/${id}`, { method: 'DELETE' }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['statistics', 'subscriptions'] }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  const units = (scopes.data?.units ?? []).map((u) => ({ value: u.id, label: u.name }));
  return (
    <Card title={t(m.title)}>
      <p className="hint">{t(m.lead)}</p>
      <Button variant="secondary" aria-expanded={isPreview} onClick={() => setPreview(!isPreview)}>
        {t(isPreview ? m.hide : m.preview)}
      </Button>
      {isPreview ? (
        preview.isPending ? (
          <Loading />
        ) : preview.isError ? (
          <ErrorMessage error={preview.error} />
        ) : (
          <div className="weekly-preview">
            <p>
              <strong>{preview.data.subject}</strong>
            </p>
            <pre>{preview.data.text}</pre>
          </div>
        )
      ) : null}
      {subs.isPending ? <Loading /> : null}
      {subs.isError ? <ErrorMessage error={subs.error} /> : null}
      {subs.data ? (
        subs.data.length === 0 ? (
          <p>{t(m.none)}</p>
        ) : (
          <ul className="weekly-list">
            {subs.data.map((s) => (
              <li key={s.id}>
                <strong>{s.unit.name}</strong> → {s.recipients.join(', ')} ({s.language}) ·{' '}
                {t(m.next, { at: f.dateTime(s.nextRunAt) })}{' '}
                <Button variant="ghost" isBusy={remove.isPending} onClick={() => remove.mutate(s.id)}>
                  {t(m.cancel)}
                </Button>
              </li>
            ))}
          </ul>
        )
      ) : null}
      <form className="report-filters" onSubmit={submit}>
        <SelectField
          label={t(m.unit)}
          value={unit}
          onChange={(e) => setUnit(e.target.value)}
          options={units}
        />
        <TextField
          label={t(m.recipients)}
          type="text"
          inputMode="email"
          autoComplete="email"
          required
          value={recipients}
          onChange={(e) => setRecipients(e.target.value)}
        />
        <SelectField
          label={t(m.language)}
          value={language}
          onChange={(e) => setLanguage(e.target.value === 'en' ? 'en' : 'vi')}
          options={[
            { value: 'vi', label: 'Tiếng Việt' },
            { value: 'en', label: 'English' },
          ]}
        />
        <div className="report-filters-submit">
          <Button type="submit" isBusy={create.isPending}>
            {t(m.subscribe)}
          </Button>
        </div>
      </form>
      {create.isError ? <Alert kind="error">{errorText(create.error)}</Alert> : null}
      {create.isSuccess ? <Alert kind="success">{t(m.saved)}</Alert> : null}
    </Card>
  );
}
