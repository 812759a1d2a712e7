import { PAYMENT_STATUS_LABELS } from '@motcua/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError, api, type ResponseOf } from '../api/client.ts';
import { useFormat, useT } from '../app/i18n.tsx';
import { Alert, Button, Card, ErrorMessage, TextField, errorText } from '../ui/ui.tsx';
import type { DossierDetail } from './officer-api.ts';

type Payments = ResponseOf<'/api/officer/dossiers/{code}/payments', 'get'>;
type Owed = Payments['owed'][number];

const m = {
  title: { vi: 'Phí, lệ phí và nghĩa vụ tài chính', en: 'Fees and financial obligations' },
  paid: { vi: 'Đã nộp', en: 'Paid' },
  unpaid: { vi: 'Chưa nộp', en: 'Not paid' },
  outstanding: { vi: 'Còn phải thu: {a}', en: 'Still to collect: {a}' },
  allPaid: { vi: 'Đã thu đủ.', en: 'Paid in full.' },
  cash: { vi: 'Thu tiền mặt tại quầy', en: 'Collect cash at the counter' },
  amount: { vi: 'Số tiền đã thu (đồng)', en: 'Amount received (VND)' },
  amountHint: { vi: 'Phải đúng số tiền phải nộp: {a}', en: 'Must equal the amount owed: {a}' },
  note: { vi: 'Ghi chú (không bắt buộc)', en: 'Note (optional)' },
  record: { vi: 'Ghi nhận và cấp biên lai', en: 'Record and issue the receipt' },
  recorded: { vi: 'Đã ghi nhận. Biên lai số {r}.', en: 'Recorded. Receipt no. {r}.' },
  requests: { vi: 'Các lần thanh toán', en: 'Payments' },
  receipt: { vi: 'biên lai {r}', en: 'receipt {r}' },
  events: { vi: 'Nhật ký đối soát', en: 'Reconciliation log' },
};

const SOURCE_LABELS: Record<string, { vi: string; en: string }> = {
  ipn: { vi: 'Cổng thanh toán báo', en: 'Gateway callback' },
  poll: { vi: 'Đối soát', en: 'Reconciliation poll' },
  counter: { vi: 'Tại quầy', en: 'At the counter' },
  expiry: { vi: 'Hết hạn', en: 'Expired' },
};

/**
 * What the dossier owes and how it was paid, for the receiving officer and the specialist
 * handling it; the receiving officer records cash paid at the counter (receipt issued, audited).
 * Officers without access to the payments see nothing.
 */
export function PaymentCard({ dossier: d }: { dossier: DossierDetail }) {
  const t = useT();
  const format = useFormat();
  const client = useQueryClient();
  const key = ['officer-payments', d.code];
  const payments = useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      api<Payments>(`/api/officer/dossiers/${encodeURIComponent(d.code)}/payments`, { signal }),
    retry: false,
  });
  if (payments.error instanceof ApiError && [403, 404].includes(payments.error.status)) return null;
  const data = payments.data;
  if (payments.isError) {
    return (
      <Card title={t(m.title)}>
        <ErrorMessage error={payments.error} onRetry={() => void payments.refetch()} />
      </Card>
    );
  }
  if (!data || data.owed.length === 0) return null;
  return (
    <Card title={t(m.title)}>
      <ul className="payment-owed">
        {data.owed.map((o) => (
          <li key={`${o.purpose}-${o.obligationId ?? 'fee'}`}>
            <strong>{o.description}</strong>: {format.money(o.amount)} ·{' '}
            <span className={o.isPaid ? 'pay-paid' : 'pay-unpaid'}>{t(o.isPaid ? m.paid : m.unpaid)}</span>
            {!o.isPaid && o.amount > 0 ? (
              <CounterCashForm
                code={d.code}
                owed={o}
                onDone={() => void client.invalidateQueries({ queryKey: key })}
              />
            ) : null}
          </li>
        ))}
      </ul>
      <p>
        <strong>
          {data.outstandingAmount > 0
            ? t(m.outstanding, { a: format.money(data.outstandingAmount) })
            : t(m.allPaid)}
        </strong>
      </p>
      {data.requests.length > 0 ? (
        <>
          <h3>{t(m.requests)}</h3>
          <ul className="o-small">
            {data.requests.map((r) => (
              <li key={r.id}>
                {format.dateTime(r.createdAt)} · {t(r.methodLabel)} · {format.money(r.amount)} ·{' '}
                {t(PAYMENT_STATUS_LABELS[r.status])} · {r.reference}
                {r.receiptNumber ? ` · ${t(m.receipt, { r: r.receiptNumber })}` : ''}
                {r.eInvoiceNumber ? ` · ${r.eInvoiceNumber}` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {data.events.length > 0 ? (
        <>
          <h3>{t(m.events)}</h3>
          <ol className="timeline o-small">
            {data.events.map((e, i) => (
              <li key={i}>
                <time dateTime={e.receivedAt}>{format.dateTime(e.receivedAt)}</time>{' '}
                {t(SOURCE_LABELS[e.source] ?? { vi: e.source, en: e.source })}: {e.outcome}
                {e.amount !== null ? ` · ${format.money(e.amount)}` : ''}
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </Card>
  );
}

function CounterCashForm({ code, owed, onDone }: { code: string; owed: Owed; onDone: () => void }) {
  const t = useT();
  const format = useFormat();
  const [isOpen, setIsOpen] = useState(false);
  const [amount, setAmount] = useState(String(owed.amount));
  const [note, setNote] = useState('');
  const record = useMutation({
    mutationFn: () =>
      api<Payments['requests'][number]>(
        `/api/officer/dossiers/${encodeURIComponent(code)}/payments/counter`,
        {
          body: {
            purpose: owed.purpose,
            ...(owed.obligationId ? { obligationId: owed.obligationId } : {}),
            amount: Number(amount),
            ...(note.trim() ? { note: note.trim() } : {}),
          },
        },
      ),
    onSuccess: onDone,
  });
  if (record.data)
    return <Alert kind="success">{t(m.recorded, { r: record.data.receiptNumber ?? '—' })}</Alert>;
  if (!isOpen) {
    return (
      <div className="actions">
        <Button variant="secondary" onClick={() => setIsOpen(true)}>
          {t(m.cash)}
        </Button>
      </div>
    );
  }
  function submit(e: FormEvent) {
    e.preventDefault();
    record.mutate();
  }
  return (
    <form onSubmit={submit} className="o-postal-form">
      <TextField
        label={t(m.amount)}
        hint={t(m.amountHint, { a: format.money(owed.amount) })}
        value={amount}
        onChange={(e) => setAmount(e.target.value)}
        inputMode="numeric"
        pattern="[0-9]*"
        required
      />
      <TextField label={t(m.note)} value={note} onChange={(e) => setNote(e.target.value)} />
      {record.isError ? <Alert kind="error">{errorText(record.error)}</Alert> : null}
      <Button type="submit" isBusy={record.isPending}>
        {t(m.record)}
      </Button>
    </form>
  );
}
