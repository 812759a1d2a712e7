import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { useT, type Text } from '../app/i18n.tsx';
import type { UploadedFile } from './upload.tsx';

const m = {
  reuse: { vi: 'Dùng lại giấy tờ đã có', en: 'Reuse a document you already gave us' },
  choose: { vi: '— Chọn giấy tờ —', en: '— Choose a document —' },
  attach: { vi: 'Đính kèm', en: 'Attach' },
  failed: { vi: 'Không đính kèm được giấy tờ này.', en: 'This document could not be attached.' },
  fromDossier: { vi: 'hồ sơ', en: 'dossier' },
} satisfies Record<string, Text>;

interface StoredDocument {
  fileId: string;
  componentCode: string | null;
  componentName: string | null;
  dossierCode: string;
  originalName: string;
  contentType: string;
  sizeBytes: number;
}

/**
 * "Never ask twice" (ADR 0013): attach a document from the citizen's data store to a component
 * of the new dossier; the server copies it into a new file of theirs, attached like an upload.
 */
export function ReuseStoredDocument(props: {
  componentCode: string;
  onAttached: (file: UploadedFile) => void;
}) {
  const t = useT();
  const stored = useQuery({
    queryKey: ['me', 'documents'],
    queryFn: () => api<{ documents: StoredDocument[] }>('/api/me/documents'),
  });
  const [chosen, setChosen] = useState('');
  const [error, setError] = useState<string | null>(null);
  const docs = [...(stored.data?.documents ?? [])].sort(
    (a, b) =>
      Number(b.componentCode === props.componentCode) - Number(a.componentCode === props.componentCode),
  );
  if (docs.length === 0) return null;
  async function attach() {
    setError(null);
    try {
      const file = await api<{ id: string; originalName: string; sizeBytes: number; contentType: string }>(
        '/api/me/documents/reuse',
        { method: 'POST', body: { fileId: chosen, componentCode: props.componentCode } },
      );
      props.onAttached({
        id: file.id,
        name: file.originalName,
        size: file.sizeBytes,
        contentType: file.contentType,
      });
      setChosen('');
    } catch {
      setError(t(m.failed));
    }
  }
  const selectId = `reuse-stored-${props.componentCode}`;
  return (
    <div className="reuse-stored">
      <label htmlFor={selectId}>{t(m.reuse)}</label>
      <select id={selectId} value={chosen} onChange={(e) => setChosen(e.target.value)}>
        <option value="">{t(m.choose)}</option>
        {docs.map((d) => (
          <option key={d.fileId} value={d.fileId}>
            {d.componentName ?? d.originalName} ({d.originalName}, {t(m.fromDossier)} {d.dossierCode})
          </option>
        ))}
      </select>{' '}
      <button type="button" className="btn" disabled={!chosen} onClick={() => void attach()}>
        {t(m.attach)}
      </button>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
