import { POSTAL_KIND_LABELS, POSTAL_STATUS_LABELS } from '@motcua/domain';
import { useQuery } from '@tanstack/react-query';
import { api, type ResponseOf } from '../api/client.ts';
import { useFormat, useT } from '../app/i18n.tsx';
import { Card } from '../ui/ui.tsx';

type PostalOrder = ResponseOf<'/api/dossiers/{code}/postal-orders', 'get'>[number];

const m = {
  title: { vi: 'Chuyển phát qua bưu chính', en: 'By post' },
  waybill: { vi: 'Số vận đơn: {w}', en: 'Waybill: {w}' },
};

/** The carrier's statuses of the citizen's postal orders (shown only when there are orders). */
export function CitizenPostalCard({ code }: { code: string }) {
  const t = useT();
  const format = useFormat();
  const orders = useQuery({
    queryKey: ['postal-orders', code],
    queryFn: ({ signal }) =>
      api<PostalOrder[]>(`/api/dossiers/${encodeURIComponent(code)}/postal-orders`, { signal }),
  });
  if (!orders.data?.length) return null;
  return (
    <Card title={t(m.title)}>
      {orders.data.map((o) => (
        <div key={o.id}>
          <h3>
            {t(POSTAL_KIND_LABELS[o.kind])}: {t(POSTAL_STATUS_LABELS[o.status])}
          </h3>
          {o.waybillNumber ? <p>{t(m.waybill, { w: o.waybillNumber })}</p> : null}
          <ol className="timeline">
            {o.events.map((e, i) => (
              <li key={i}>
                <time dateTime={e.occurredAt}>{format.dateTime(e.occurredAt)}</time>{' '}
                {t(POSTAL_STATUS_LABELS[e.status])}
                {e.location ? ` · ${e.location}` : ''}
              </li>
            ))}
          </ol>
        </div>
      ))}
    </Card>
  );
}
