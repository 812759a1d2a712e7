import { POSTAL_KIND_LABELS, POSTAL_STATUS_LABELS, type PostalOrderKind } from '@motcua/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, type ResponseOf } from '../api/client.ts';
import { useFormat, useT } from '../app/i18n.tsx';
import { Alert, Button, Card, ErrorMessage, Loading, SelectField, TextField, errorText } from '../ui/ui.tsx';
import type { DossierDetail } from './officer-api.ts';

export type PostalOrder = ResponseOf<'/api/dossiers/{code}/postal-orders', 'get'>[number];

const m = {
  title: { vi: 'Bưu chính công ích', en: 'Postal channel' },
  none: { vi: 'Chưa có đơn bưu chính nào.', en: 'No postal orders yet.' },
  waybill: { vi: 'Số vận đơn: {w}', en: 'Waybill: {w}' },
  noWaybill: { vi: 'Chưa có số vận đơn', en: 'No waybill yet' },
  fee: { vi: 'Cước: {f}', en: 'Fee: {f}' },
  error: { vi: 'Lỗi gọi bưu chính: {e}', en: 'Carrier error: {e}' },
  cancel: { vi: 'Hủy đơn', en: 'Cancel order' },
  create: { vi: 'Tạo đơn bưu chính', en: 'Create a postal order' },
  kind: { vi: 'Loại đơn', en: 'Kind' },
  name: { vi: 'Người nhận/giao', en: 'Recipient' },
  phone: { vi: 'Điện thoại', en: 'Phone' },
  address: { vi: 'Địa chỉ', en: 'Address' },
  feeField: { vi: 'Cước (đồng)', en: 'Fee (VND)' },
  submit: { vi: 'Gửi yêu cầu', en: 'Send the order' },
  created: {
    vi: 'Đã ghi nhận; hệ thống đang gửi yêu cầu tới bưu chính.',
    en: 'Recorded; the order is being sent to the carrier.',
  },
  delivered: {
    vi: 'Bưu chính đã phát kết quả. Hãy xác nhận "Trả kết quả" qua bưu chính với số vận đơn {w}.',
    en: 'The carrier delivered the result. Confirm "Return result" by post with waybill {w}.',
  },
};

/** Postal orders of a dossier: status timeline, cancel, and a form to order a pickup or delivery. */
export function PostalCard({ dossier: d }: { dossier: DossierDetail }) {
  const t = useT();
  const format = useFormat();
  const client = useQueryClient();
  const key = ['postal-orders', d.code];
  const orders = useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      api<PostalOrder[]>(`/api/dossiers/${encodeURIComponent(d.code)}/postal-orders`, { signal }),
  });
  const cancel = useMutation({
    mutationFn: (id: string) =>
      api<PostalOrder>(`/api/dossiers/${encodeURIComponent(d.code)}/postal-orders/${id}/cancel`, {
        method: 'POST',
      }),
    onSuccess: () => void client.invalidateQueries({ queryKey: key }),
  });
  const delivered = orders.data?.find((o) => o.kind === 'delivery' && o.status === 'delivered');
  return (
    <Card title={t(m.title)}>
      {orders.isPending ? <Loading /> : null}
      {orders.isError ? <ErrorMessage error={orders.error} onRetry={() => void orders.refetch()} /> : null}
      {orders.data?.length === 0 ? <p className="muted">{t(m.none)}</p> : null}
      {delivered && d.status === 'result_ready' ? (
        <Alert kind="info">{t(m.delivered, { w: delivered.waybillNumber ?? '—' })}</Alert>
      ) : null}
      {orders.data?.map((o) => (
        <div key={o.id} className="o-postal-order">
          <h3>
            {t(POSTAL_KIND_LABELS[o.kind])} —{' '}
            <span className={`badge postal-${o.status}`}>{t(POSTAL_STATUS_LABELS[o.status])}</span>
          </h3>
          <p className="o-small">
            {o.waybillNumber ? t(m.waybill, { w: o.waybillNumber }) : t(m.noWaybill)} ·{' '}
            {t(m.fee, { f: format.money(o.feeAmount) })}
            <br />
            {o.recipientName}, {o.address}
          </p>
          {o.lastError ? <p className="o-small">{t(m.error, { e: o.lastError })}</p> : null}
          <ol className="timeline">
            {o.events.map((e, i) => (
              <li key={i}>
                <time dateTime={e.occurredAt}>{format.dateTime(e.occurredAt)}</time>{' '}
                {t(POSTAL_STATUS_LABELS[e.status])}
                {e.location ? ` · ${e.location}` : ''}
                {e.note ? ` · ${e.note}` : ''}
              </li>
            ))}
          </ol>
          {o.status === 'requested' || o.status === 'created' ? (
            <Button variant="secondary" isBusy={cancel.isPending} onClick={() => cancel.mutate(o.id)}>
              {t(m.cancel)}
            </Button>
          ) : null}
        </div>
      ))}
      {cancel.isError ? <ErrorMessage error={cancel.error} /> : null}
      <PostalOrderForm dossier={d} onCreated={() => void client.invalidateQueries({ queryKey: key })} />
    </Card>
  );
}

function PostalOrderForm({ dossier: d, onCreated }: { dossier: DossierDetail; onCreated: () => void }) {
  const t = useT();
  const applicant = d.applicant as { fullName?: string; phone?: string; address?: string };
  const [kind, setKind] = useState<PostalOrderKind>(d.status === 'result_ready' ? 'delivery' : 'pickup');
  const [name, setName] = useState(applicant.fullName ?? '');
  const [phone, setPhone] = useState(applicant.phone ?? '');
  const [address, setAddress] = useState(applicant.address ?? '');
  const [fee, setFee] = useState('0');
  const create = useMutation({
    mutationFn: () =>
      api<PostalOrder>(`/api/dossiers/${encodeURIComponent(d.code)}/postal-orders`, {
        body: {
          kind,
          recipientName: name,
          ...(phone ? { recipientPhone: phone } : {}),
          address,
          feeAmount: Number(fee) || 0,
        },
      }),
    onSuccess: onCreated,
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate();
  }
  return (
    <form onSubmit={submit} className="o-postal-form">
      <h3>{t(m.create)}</h3>
      <SelectField
        label={t(m.kind)}
        value={kind}
        onChange={(e) => setKind(e.target.value as PostalOrderKind)}
        options={(['pickup', 'delivery'] as const).map((k) => ({
          value: k,
          label: t(POSTAL_KIND_LABELS[k]),
        }))}
      />
      <TextField label={t(m.name)} value={name} onChange={(e) => setName(e.target.value)} required />
      <TextField
        label={t(m.phone)}
        value={phone}
        onChange={(e) => setPhone(e.target.value)}
        inputMode="tel"
      />
      <TextField label={t(m.address)} value={address} onChange={(e) => setAddress(e.target.value)} required />
      <TextField
        label={t(m.feeField)}
        value={fee}
        onChange={(e) => setFee(e.target.value)}
        inputMode="numeric"
        pattern="[0-9]*"
      />
      {create.isError ? <Alert kind="error">{errorText(create.error)}</Alert> : null}
      {create.isSuccess ? <Alert kind="success">{t(m.created)}</Alert> : null}
      <Button type="submit" isBusy={create.isPending}>
        {t(m.submit)}
      </Button>
    </form>
  );
}
