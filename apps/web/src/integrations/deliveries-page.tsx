import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormat, useT } from '../app/i18n.tsx';
import { Alert, Button, Card, ErrorMessage, Loading, Page } from '../ui/ui.tsx';
import {
  fetchChannelStatus,
  fetchDeadLetters,
  fetchFailedNotifications,
  replayDeadLetter,
} from './integrations-api.ts';
import { CHANNEL_LABELS, DELIVERY_STATUS_LABELS, EVENT_LABELS, labelOf } from './notification-text.ts';

const m = {
  title: { vi: 'Kênh gửi tin và hàng đợi', en: 'Channels and delivery queue' },
  lead: {
    vi: 'Tình trạng các kênh e-mail, SMS, Zalo; thư gửi lỗi và danh sách không gửi được (có thể gửi lại).',
    en: 'State of the e-mail, SMS and Zalo channels; failed messages and the dead-letter list (replayable).',
  },
  channels: { vi: 'Kênh gửi', en: 'Channels' },
  configured: { vi: 'Đã cấu hình', en: 'Configured' },
  notConfigured: { vi: 'Chưa cấu hình (tin sẽ không được gửi)', en: 'Not configured (messages are skipped)' },
  sandbox: {
    vi: 'Đang chạy hộp thư thử nghiệm: xem e-mail, SMS, Zalo đã gửi tại',
    en: 'The sandbox is running: see the mail, SMS and Zalo messages sent at',
  },
  dead: { vi: 'Không gửi được (danh sách chết)', en: 'Dead letters' },
  deadNone: { vi: 'Không có tin nào bị bỏ.', en: 'Nothing was given up.' },
  replay: { vi: 'Gửi lại', en: 'Replay' },
  replayed: { vi: 'Đã đưa tin {id} vào hàng đợi.', en: 'Message {id} is queued again.' },
  failing: { vi: 'Thông báo đang gửi lỗi hoặc đã bỏ', en: 'Notifications failing or given up' },
  failingNone: { vi: 'Không có thông báo lỗi.', en: 'No failing notification.' },
  attempts: { vi: '{n} lần', en: '{n} attempts' },
};

export function DeliveriesPage() {
  const t = useT();
  const format = useFormat();
  const queryClient = useQueryClient();
  const channels = useQuery({ queryKey: ['notification-channels'], queryFn: fetchChannelStatus });
  const dead = useQuery({ queryKey: ['outbox-dead'], queryFn: fetchDeadLetters });
  const failing = useQuery({
    queryKey: ['notifications-failing'],
    queryFn: async () => [
      ...(await fetchFailedNotifications('dead')),
      ...(await fetchFailedNotifications('failed')),
    ],
  });
  const replay = useMutation({
    mutationFn: replayDeadLetter,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['outbox-dead'] });
      await queryClient.invalidateQueries({ queryKey: ['notifications-failing'] });
    },
  });
  return (
    <Page title={t(m.title)} lead={t(m.lead)}>
      <Card title={t(m.channels)}>
        {channels.isPending ? <Loading /> : null}
        {channels.isError ? <ErrorMessage error={channels.error} /> : null}
        {channels.data ? (
          <>
            <ul>
              {channels.data.channels.map((c) => (
                <li key={c.channel}>
                  <strong>{t(labelOf(CHANNEL_LABELS, c.channel))}</strong>:{' '}
                  {c.isConfigured ? `${t(m.configured)} — ${c.endpoint ?? ''}` : t(m.notConfigured)}
                </li>
              ))}
            </ul>
            {channels.data.sandboxUrl ? (
              <Alert kind="info">
                {t(m.sandbox)} <a href={channels.data.sandboxUrl}>{channels.data.sandboxUrl}</a>
              </Alert>
            ) : null}
          </>
        ) : null}
      </Card>
      <Card title={t(m.dead)}>
        {dead.isPending ? <Loading /> : null}
        {dead.isError ? <ErrorMessage error={dead.error} /> : null}
        {replay.isError ? <ErrorMessage error={replay.error} /> : null}
        {replay.isSuccess ? <Alert kind="success">{t(m.replayed, { id: replay.data.id })}</Alert> : null}
        {dead.data && dead.data.length === 0 ? <p className="muted">{t(m.deadNone)}</p> : null}
        {dead.data && dead.data.length > 0 ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">Topic</th>
                  <th scope="col">{t({ vi: 'Lỗi cuối', en: 'Last error' })}</th>
                  <th scope="col">{t({ vi: 'Lúc', en: 'At' })}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t(m.replay)}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {dead.data.map((d) => (
                  <tr key={d.id}>
                    <td>{d.id}</td>
                    <td>{d.topic}</td>
                    <td>
                      {d.lastError} ({t(m.attempts, { n: d.attempts })})
                    </td>
                    <td>{format.dateTime(d.deadAt)}</td>
                    <td>
                      <Button
                        variant="secondary"
                        isBusy={replay.isPending && replay.variables === d.id}
                        onClick={() => replay.mutate(d.id)}
                      >
                        {t(m.replay)}
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </Card>
      <Card title={t(m.failing)}>
        {failing.isPending ? <Loading /> : null}
        {failing.isError ? <ErrorMessage error={failing.error} /> : null}
        {failing.data && failing.data.length === 0 ? <p className="muted">{t(m.failingNone)}</p> : null}
        {failing.data && failing.data.length > 0 ? (
          <ul>
            {failing.data.map((n) => (
              <li key={n.id}>
                <strong>{t(labelOf(EVENT_LABELS, n.event))}</strong> · {t(labelOf(CHANNEL_LABELS, n.channel))}{' '}
                · {n.recipient} · {t(labelOf(DELIVERY_STATUS_LABELS, n.status))} ·{' '}
                {t(m.attempts, { n: n.attempts })}
                {n.lastError ? <p className="o-small">{n.lastError}</p> : null}
              </li>
            ))}
          </ul>
        ) : null}
      </Card>
    </Page>
  );
}
