import { PAYMENT_STATUS_LABELS } from '@motcua/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type ResponseOf } from '../api/client.ts';
import { useFormat, useT } from '../app/i18n.tsx';
import { Alert, Button, Card, ErrorMessage } from '../ui/ui.tsx';
import { useMoney } from './citizen-ui.tsx';

type Payments = ResponseOf<'/api/me/dossiers/{code}/payments', 'get'>;
type PaymentRequest = Payments['requests'][number];
type Owed = Payments['owed'][number];

const m = {
  title: { vi: 'Lệ phí và nghĩa vụ tài chính', en: 'Fees and financial obligations' },
  outstanding: { vi: 'Còn phải nộp: {a}', en: 'Still to pay: {a}' },
  allPaid: { vi: 'Đã nộp đủ. Cảm ơn ông/bà.', en: 'Paid in full. Thank you.' },
  paid: { vi: 'Đã nộp', en: 'Paid' },
  unpaid: { vi: 'Chưa nộp', en: 'Not paid' },
  payOnline: { vi: 'Thanh toán trực tuyến', en: 'Pay online' },
  payQr: { vi: 'Chuyển khoản bằng mã QR', en: 'Pay by bank transfer (QR)' },
  counter: {
    vi: 'Ông/bà cũng có thể nộp tiền mặt khi đến nhận kết quả tại Bộ phận Một cửa.',
    en: 'You can also pay in cash at the one-stop counter when you collect the result.',
  },
  qrHelp: {
    vi: 'Mở ứng dụng ngân hàng, quét mã này và giữ nguyên số tiền và nội dung chuyển khoản. Hệ thống tự ghi nhận khi tiền đến (thường trong vài phút).',
    en: 'Open your banking app, scan this code and keep the amount and the transfer content as they are. The payment is recorded when the money arrives (usually within minutes).',
  },
  qrAlt: { vi: 'Mã QR chuyển khoản {a}', en: 'Bank transfer QR code for {a}' },
  account: { vi: 'Tài khoản: {n} ({b})', en: 'Account: {n} ({b})' },
  content: { vi: 'Nội dung chuyển khoản: {c}', en: 'Transfer content: {c}' },
  receipt: { vi: 'Biên lai số {r}', en: 'Receipt no. {r}' },
  invoice: { vi: 'hóa đơn điện tử {i}', en: 'e-invoice {i}' },
  history: { vi: 'Các lần thanh toán', en: 'Payments' },
};

/** What the dossier owes and how to pay it (online gateway, VietQR, or cash at the counter). */
export function CitizenPaymentCard({ code }: { code: string }) {
  const t = useT();
  const money = useMoney();
  const format = useFormat();
  const client = useQueryClient();
  const key = ['payments', code];
  const [qr, setQr] = useState<PaymentRequest | null>(null);
  const payments = useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      api<Payments>(`/api/me/dossiers/${encodeURIComponent(code)}/payments`, { signal }),
  });
  const pay = useMutation({
    mutationFn: (input: { owed: Owed; method: 'gateway' | 'vietqr' }) =>
      api<PaymentRequest>(`/api/me/dossiers/${encodeURIComponent(code)}/payments`, {
        body: {
          method: input.method,
          purpose: input.owed.purpose,
          ...(input.owed.obligationId ? { obligationId: input.owed.obligationId } : {}),
        },
      }),
    onSuccess: (request) => {
      void client.invalidateQueries({ queryKey: key });
      if (request.method === 'gateway' && request.payUrl) window.location.assign(request.payUrl);
      else setQr(request);
    },
  });
  const data = payments.data;
  if (!data || data.owed.length === 0) return null;
  const methods = new Set(data.availableMethods);
  return (
    <Card title={t(m.title)}>
      <ul className="payment-owed">
        {data.owed.map((o) => (
          <li key={`${o.purpose}-${o.obligationId ?? 'fee'}`}>
            <strong>{o.description}</strong>: {money(o.amount)} ·{' '}
            <span className={o.isPaid ? 'pay-paid' : 'pay-unpaid'}>{t(o.isPaid ? m.paid : m.unpaid)}</span>
            {!o.isPaid && o.amount > 0 ? (
              <div className="actions">
                {methods.has('gateway') ? (
                  <Button isBusy={pay.isPending} onClick={() => pay.mutate({ owed: o, method: 'gateway' })}>
                    {t(m.payOnline)}
                  </Button>
                ) : null}
                {methods.has('vietqr') ? (
                  <Button
                    variant="secondary"
                    isBusy={pay.isPending}
                    onClick={() => pay.mutate({ owed: o, method: 'vietqr' })}
                  >
                    {t(m.payQr)}
                  </Button>
                ) : null}
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      {data.outstandingAmount > 0 ? (
        <p>
          <strong>{t(m.outstanding, { a: money(data.outstandingAmount) })}</strong>
        </p>
      ) : (
        <Alert kind="success">{t(m.allPaid)}</Alert>
      )}
      {pay.error ? <ErrorMessage error={pay.error} /> : null}
      {qr?.vietqr && qr.status === 'pending' ? (
        <div className="payment-qr">
          <img
            src={qr.vietqr.imageDataUrl}
            width={220}
            height={220}
            alt={t(m.qrAlt, { a: money(qr.vietqr.amount) })}
          />
          <p>{t(m.qrHelp)}</p>
          <p>{t(m.account, { n: qr.vietqr.accountNumber, b: qr.vietqr.accountName ?? qr.vietqr.bankBin })}</p>
          <p>{t(m.content, { c: qr.vietqr.transferContent })}</p>
        </div>
      ) : null}
      {data.outstandingAmount > 0 ? <p className="pay-note">{t(m.counter)}</p> : null}
      {data.requests.length > 0 ? (
        <>
          <h3>{t(m.history)}</h3>
          <ul>
            {data.requests.map((r) => (
              <li key={r.id}>
                {format.dateTime(r.createdAt)} · {t(r.methodLabel)} · {money(r.amount)} ·{' '}
                {t(PAYMENT_STATUS_LABELS[r.status])}
                {r.receiptNumber ? ` · ${t(m.receipt, { r: r.receiptNumber })}` : ''}
                {r.eInvoiceNumber ? `, ${t(m.invoice, { i: r.eInvoiceNumber })}` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Card>
  );
}
