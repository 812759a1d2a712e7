import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useFormat, useT } from '../app/i18n.tsx';
import { Alert, Button, Card, ErrorMessage, Loading } from '../ui/ui.tsx';
import {
  fetchNotificationLog,
  fetchNotificationPreference,
  notificationLogKey,
  saveNotificationPreference,
} from './integrations-api.ts';
import { CHANNEL_LABELS, DELIVERY_STATUS_LABELS, EVENT_LABELS, labelOf } from './notification-text.ts';

const m = {
  title: { vi: 'Thông báo đã gửi', en: 'Messages sent' },
  none: {
    vi: 'Chưa có thông báo nào cho hồ sơ này.',
    en: 'No message has been sent about this dossier yet.',
  },
  to: { vi: 'Đến: {to}', en: 'To: {to}' },
  attempts: { vi: '{n} lần gửi', en: '{n} attempts' },
  show: { vi: 'Xem nội dung', en: 'Show the text' },
  error: { vi: 'Lỗi: {e}', en: 'Error: {e}' },
  prefTitle: { vi: 'Nhận thông báo qua', en: 'Get notifications by' },
  prefLead: {
    vi: 'Chúng tôi báo cho Ông/Bà khi hồ sơ được tiếp nhận, cần bổ sung, hẹn lại ngày trả, có kết quả và khi trả kết quả.',
    en: 'We tell you when a dossier is received, needs documents, gets a new date, has its result, and when the result is handed over.',
  },
  save: { vi: 'Lưu lựa chọn', en: 'Save' },
  saved: { vi: 'Đã lưu.', en: 'Saved.' },
  notChosen: {
    vi: 'Chưa chọn: chúng tôi gửi e-mail nếu có, nếu không thì tin nhắn SMS.',
    en: 'Not chosen: we send an e-mail if we have your address, otherwise an SMS.',
  },
};

/** Delivery log of a dossier (officer dossier page and the applicant's dossier page). */
export function NotificationLogCard({ code, isOfficer }: { code: string; isOfficer: boolean }) {
  const t = useT();
  const format = useFormat();
  const log = useQuery({ queryKey: notificationLogKey(code), queryFn: () => fetchNotificationLog(code) });
  return (
    <Card title={t(m.title)}>
      {log.isPending ? <Loading /> : null}
      {log.isError ? <ErrorMessage error={log.error} onRetry={() => void log.refetch()} /> : null}
      {log.data && log.data.length === 0 ? <p className="muted">{t(m.none)}</p> : null}
      {log.data && log.data.length > 0 ? (
        <ol className="timeline i-log">
          {[...log.data].reverse().map((n) => (
            <li key={n.id}>
              <p>
                <strong>{t(labelOf(EVENT_LABELS, n.event))}</strong>
                {' · '}
                {t(labelOf(CHANNEL_LABELS, n.channel))}{' '}
                <span className={`badge delivery-${n.status}`}>
                  {t(labelOf(DELIVERY_STATUS_LABELS, n.status))}
                </span>
              </p>
              <p className="o-small muted">
                <time dateTime={n.sentAt ?? n.createdAt}>{format.dateTime(n.sentAt ?? n.createdAt)}</time>
                {n.recipient ? ` · ${t(m.to, { to: n.recipient })}` : ''}
                {isOfficer ? ` · ${t(m.attempts, { n: n.attempts })}` : ''}
              </p>
              {isOfficer && n.lastError ? <p className="o-small">{t(m.error, { e: n.lastError })}</p> : null}
              <details>
                <summary>{t(m.show)}</summary>
                {n.subject ? (
                  <p>
                    <strong>{n.subject}</strong>
                  </p>
                ) : null}
                <pre className="i-body">{n.body}</pre>
              </details>
            </li>
          ))}
        </ol>
      ) : null}
    </Card>
  );
}

/** The applicant chooses e-mail, SMS or Zalo (my dossiers page). */
export function NotificationPreferenceCard() {
  const t = useT();
  const id = useId();
  const queryClient = useQueryClient();
  const pref = useQuery({ queryKey: ['notification-preference'], queryFn: fetchNotificationPreference });
  const [choice, setChoice] = useState<'email' | 'sms' | 'zalo' | null>(null);
  const save = useMutation({
    mutationFn: saveNotificationPreference,
    onSuccess: (data) => queryClient.setQueryData(['notification-preference'], data),
  });
  if (pref.isPending) return <Loading />;
  if (pref.isError) return <ErrorMessage error={pref.error} onRetry={() => void pref.refetch()} />;
  const current = choice ?? pref.data.channel;
  return (
    <Card title={t(m.prefTitle)}>
      <p className="muted">{t(m.prefLead)}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (current) save.mutate(current);
        }}
      >
        <fieldset className="i-choices">
          <legend className="visually-hidden">{t(m.prefTitle)}</legend>
          {pref.data.available.map((c) => (
            <label key={c} htmlFor={`${id}-${c}`} className="i-choice">
              <input
                id={`${id}-${c}`}
                type="radio"
                name={`${id}-channel`}
                value={c}
                checked={current === c}
                onChange={() => setChoice(c)}
              />{' '}
              {t(labelOf(CHANNEL_LABELS, c))}
            </label>
          ))}
        </fieldset>
        {!pref.data.channel && !choice ? <p className="o-small muted">{t(m.notChosen)}</p> : null}
        <Button type="submit" isBusy={save.isPending} disabled={!current}>
          {t(m.save)}
        </Button>
      </form>
      {save.isError ? <ErrorMessage error={save.error} /> : null}
      {save.isSuccess ? <Alert kind="success">{t(m.saved)}</Alert> : null}
    </Card>
  );
}
