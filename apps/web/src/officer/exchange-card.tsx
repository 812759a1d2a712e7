import { EXCHANGE_STATUS_LABELS, type ExchangeAckStatus } from '@motcua/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, type ResponseOf } from '../api/client.ts';
import { useFormat, useT } from '../app/i18n.tsx';
import {
  Alert,
  Button,
  Card,
  ErrorMessage,
  Loading,
  Page,
  SelectField,
  TextField,
  errorText,
} from '../ui/ui.tsx';
import { useUnits, type DossierDetail } from './officer-api.ts';

export type ExchangedDocument = ResponseOf<'/api/dossiers/{code}/exchanged-documents', 'get'>[number];

const m = {
  title: { vi: 'Văn bản liên thông', en: 'Exchanged documents' },
  none: { vi: 'Chưa có văn bản nào.', en: 'No documents yet.' },
  from: { vi: '{from} → {to}', en: '{from} → {to}' },
  reason: { vi: 'Lý do: {r}', en: 'Reason: {r}' },
  error: { vi: 'Lỗi gửi: {e}', en: 'Sending error: {e}' },
  send: { vi: 'Gửi văn bản', en: 'Send a document' },
  sender: { vi: 'Đơn vị gửi', en: 'Sending unit' },
  recipient: { vi: 'Đơn vị nhận trong tỉnh', en: 'Recipient unit (ours)' },
  outside: {
    vi: 'Hoặc mã định danh cơ quan ngoài (qua trục liên thông)',
    en: 'Or the code of an outside agency (through the hub)',
  },
  number: { vi: 'Số, ký hiệu', en: 'Number' },
  summary: { vi: 'Trích yếu', en: 'Summary' },
  files: { vi: 'Đính kèm tệp của hồ sơ', en: 'Attach files of the dossier' },
  submit: { vi: 'Gửi', en: 'Send' },
  choose: { vi: '— Chọn —', en: '— Choose —' },
  inbox: { vi: 'Văn bản đến của đơn vị', en: 'Unit inbox' },
  received: { vi: 'Đã nhận', en: 'Received' },
  accept: { vi: 'Chấp nhận', en: 'Accept' },
  reject: { vi: 'Từ chối', en: 'Reject' },
  rejectReason: { vi: 'Lý do từ chối', en: 'Reason for rejecting' },
  dossier: { vi: 'Hồ sơ {c}', en: 'Dossier {c}' },
  attachments: { vi: 'Tệp đính kèm', en: 'Attachments' },
  attachment: { vi: 'Tải tệp {n} của văn bản {d}', en: 'Download file {n} of document {d}' },
  attachmentShort: { vi: 'Tệp {n}', en: 'File {n}' },
};

function DocumentLine({ doc }: { doc: ExchangedDocument }) {
  const t = useT();
  const format = useFormat();
  return (
    <>
      <strong>{doc.documentNumber}</strong> — {doc.summary}{' '}
      <span className={`badge exchange-${doc.status}`}>{t(EXCHANGE_STATUS_LABELS[doc.status])}</span>
      <br />
      <span className="o-small">
        {t(m.from, { from: doc.sender.name, to: doc.recipient.name })} · {format.dateTime(doc.createdAt)}
        {doc.dossierCode ? ` · ${t(m.dossier, { c: doc.dossierCode })}` : ''}
      </span>
      {doc.rejectReason ? <p className="o-small">{t(m.reason, { r: doc.rejectReason })}</p> : null}
      {doc.fileIds.length > 0 ? (
        <p className="o-small">
          {t(m.attachments)}:{' '}
          {doc.fileIds.map((fileId, i) => (
            <span key={fileId}>
              {i > 0 ? ' · ' : null}
              <a
                href={`/api/exchange/documents/${encodeURIComponent(doc.id)}/files/${encodeURIComponent(fileId)}`}
                aria-label={t(m.attachment, { n: i + 1, d: doc.documentNumber })}
                target="_blank"
                rel="noopener noreferrer"
              >
                {t(m.attachmentShort, { n: i + 1 })}
              </a>
            </span>
          ))}
        </p>
      ) : null}
      {doc.lastError ? <p className="o-small">{t(m.error, { e: doc.lastError })}</p> : null}
    </>
  );
}

/** "Văn bản liên thông" on the officer dossier page: documents with their status, and a send form. */
export function ExchangeCard({ dossier: d }: { dossier: DossierDetail }) {
  const t = useT();
  const client = useQueryClient();
  const key = ['exchanged-documents', d.code];
  const docs = useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      api<ExchangedDocument[]>(`/api/dossiers/${encodeURIComponent(d.code)}/exchanged-documents`, { signal }),
  });
  return (
    <Card title={t(m.title)}>
      {docs.isPending ? <Loading /> : null}
      {docs.isError ? <ErrorMessage error={docs.error} onRetry={() => void docs.refetch()} /> : null}
      {docs.data?.length === 0 ? <p className="muted">{t(m.none)}</p> : null}
      <ul className="o-exchange-list">
        {docs.data?.map((doc) => (
          <li key={doc.id}>
            <DocumentLine doc={doc} />
          </li>
        ))}
      </ul>
      <SendForm dossier={d} onSent={() => void client.invalidateQueries({ queryKey: key })} />
    </Card>
  );
}

function SendForm({ dossier: d, onSent }: { dossier: DossierDetail; onSent: () => void }) {
  const t = useT();
  const units = useUnits();
  const ownUnits = [d.receivingUnit, d.competentUnit, ...(d.currentUnit ? [d.currentUnit] : [])].filter(
    (u, i, all) => all.findIndex((x) => x.id === u.id) === i,
  );
  const files = [...d.components.flatMap((c) => c.files), ...d.otherFiles];
  const [sender, setSender] = useState(d.receivingUnit.id);
  const [recipient, setRecipient] = useState('');
  const [agencyCode, setAgencyCode] = useState('');
  const [number, setNumber] = useState('');
  const [summary, setSummary] = useState('');
  const [fileIds, setFileIds] = useState<string[]>([]);
  const send = useMutation({
    mutationFn: () =>
      api<ExchangedDocument>(`/api/dossiers/${encodeURIComponent(d.code)}/exchanged-documents`, {
        body: {
          senderUnitId: sender,
          ...(recipient ? { recipientUnitId: recipient } : { recipientAgencyCode: agencyCode }),
          documentNumber: number,
          summary,
          fileIds,
        },
      }),
    onSuccess: onSent,
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    send.mutate();
  }
  return (
    <form onSubmit={submit}>
      <h3>{t(m.send)}</h3>
      <SelectField
        label={t(m.sender)}
        value={sender}
        onChange={(e) => setSender(e.target.value)}
        options={ownUnits.map((u) => ({ value: u.id, label: u.name }))}
      />
      <SelectField
        label={t(m.recipient)}
        value={recipient}
        placeholder={t(m.choose)}
        onChange={(e) => setRecipient(e.target.value)}
        options={(units.data ?? [])
          .filter((u) => u.id !== sender)
          .map((u) => ({ value: u.id, label: `${u.name} (${u.agencyCode})` }))}
      />
      {recipient ? null : (
        <TextField label={t(m.outside)} value={agencyCode} onChange={(e) => setAgencyCode(e.target.value)} />
      )}
      <TextField label={t(m.number)} value={number} onChange={(e) => setNumber(e.target.value)} required />
      <TextField label={t(m.summary)} value={summary} onChange={(e) => setSummary(e.target.value)} required />
      {files.length > 0 ? (
        <fieldset>
          <legend>{t(m.files)}</legend>
          {files.map((f) => (
            <label key={f.id} className="check">
              <input
                type="checkbox"
                checked={fileIds.includes(f.id)}
                onChange={(e) =>
                  setFileIds(e.target.checked ? [...fileIds, f.id] : fileIds.filter((x) => x !== f.id))
                }
              />{' '}
              {f.originalName}
            </label>
          ))}
        </fieldset>
      ) : null}
      {send.isError ? <Alert kind="error">{errorText(send.error)}</Alert> : null}
      <Button type="submit" isBusy={send.isPending}>
        {t(m.submit)}
      </Button>
    </form>
  );
}

/** The inbox of the officer's units: acknowledge received, accepted or rejected (with a reason). */
export function ExchangeInboxPage() {
  const t = useT();
  const client = useQueryClient();
  const inbox = useQuery({
    queryKey: ['exchange-inbox'],
    queryFn: ({ signal }) => api<ExchangedDocument[]>('/api/exchange/inbox', { signal }),
  });
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const ack = useMutation({
    mutationFn: (input: { id: string; status: ExchangeAckStatus }) =>
      api<ExchangedDocument>(`/api/exchange/documents/${input.id}/acknowledge`, {
        body: {
          status: input.status,
          ...(input.status === 'rejected' ? { reason: reasons[input.id] ?? '' } : {}),
        },
      }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['exchange-inbox'] }),
  });
  return (
    <Page title={t(m.inbox)}>
      {inbox.isPending ? <Loading /> : null}
      {inbox.isError ? <ErrorMessage error={inbox.error} onRetry={() => void inbox.refetch()} /> : null}
      {inbox.data?.length === 0 ? <p className="muted">{t(m.none)}</p> : null}
      {ack.isError ? <Alert kind="error">{errorText(ack.error)}</Alert> : null}
      <ul className="o-exchange-list">
        {inbox.data?.map((doc) => (
          <li key={doc.id} className="card">
            <DocumentLine doc={doc} />
            {doc.status === 'sent' || doc.status === 'received' ? (
              <div className="o-exchange-ack">
                {doc.status === 'sent' ? (
                  <Button variant="secondary" onClick={() => ack.mutate({ id: doc.id, status: 'received' })}>
                    {t(m.received)}
                  </Button>
                ) : null}
                <Button onClick={() => ack.mutate({ id: doc.id, status: 'accepted' })}>{t(m.accept)}</Button>
                <TextField
                  label={t(m.rejectReason)}
                  value={reasons[doc.id] ?? ''}
                  onChange={(e) => setReasons({ ...reasons, [doc.id]: e.target.value })}
                />
                <Button variant="danger" onClick={() => ack.mutate({ id: doc.id, status: 'rejected' })}>
                  {t(m.reject)}
                </Button>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </Page>
  );
}
