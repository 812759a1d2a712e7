import { useEffect, useId, useRef, useState } from 'react';
import { useT } from '../app/i18n.tsx';
import { formatSize, UnsupportedFileError, uploadFile, type UploadedFile } from '../citizen/upload.tsx';
import { Button } from '../ui/ui.tsx';
import { fileUrl } from './officer-api.ts';
import { problemText } from './officer-text.ts';

export type { UploadedFile };

const m = {
  uploading: { vi: 'Đang tải lên {name}: {pct}%', en: 'Uploading {name}: {pct}%' },
  retrying: { vi: 'Mất kết nối, đang thử lại (lần {n})…', en: 'Connection lost, retrying (attempt {n})…' },
  cancel: { vi: 'Hủy tải lên', en: 'Cancel upload' },
  remove: { vi: 'Gỡ tệp {name}', en: 'Remove file {name}' },
  failed: { vi: 'Không tải lên được {name}: {why}', en: 'Could not upload {name}: {why}' },
  unsupported: {
    vi: 'Chỉ nhận tệp PDF hoặc ảnh (JPG, PNG).',
    en: 'Only PDF files or pictures (JPEG, PNG).',
  },
};

/**
 * Compact scan upload for officers: each chosen file is uploaded at once (small files in one
 * request, large ones resumably, through the shared uploader) and listed with a download link and
 * a remove button. The parent keeps the uploaded files.
 */
export function FileUpload({
  label,
  files,
  onChange,
  multiple = true,
}: {
  label: string;
  files: readonly UploadedFile[];
  onChange: (files: UploadedFile[]) => void;
  multiple?: boolean;
}) {
  const t = useT();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<{ name: string; pct: number; retry: number } | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const controller = useRef<AbortController | null>(null);
  const current = useRef(files);
  current.current = files;
  useEffect(() => () => controller.current?.abort(), []);

  async function onPick(list: FileList | null) {
    if (!list || list.length === 0) return;
    const picked = Array.from(list);
    const problems: string[] = [];
    let next = multiple ? [...current.current] : [];
    for (const file of picked) {
      const abort = new AbortController();
      controller.current = abort;
      setProgress({ name: file.name, pct: 0, retry: 0 });
      try {
        const uploaded = await uploadFile(file, {
          signal: abort.signal,
          onProgress: (sent, total) =>
            setProgress({ name: file.name, pct: total > 0 ? Math.round((sent / total) * 100) : 0, retry: 0 }),
          onRetry: (attempt) => setProgress((p) => (p ? { ...p, retry: attempt } : p)),
        });
        next = multiple ? [...next, uploaded] : [uploaded];
        onChange(next);
      } catch (error) {
        if (error instanceof DOMException && error.name === 'AbortError') break;
        const why = error instanceof UnsupportedFileError ? t(m.unsupported) : problemText(t, error);
        problems.push(t(m.failed, { name: file.name, why }));
      }
    }
    controller.current = null;
    setProgress(null);
    setErrors(problems);
    if (input.current) input.current.value = '';
  }

  return (
    <div className="o-upload">
      <label htmlFor={id} className="o-upload-label">
        {label}
      </label>
      <input
        ref={input}
        id={id}
        type="file"
        accept="application/pdf,image/*"
        multiple={multiple}
        disabled={progress !== null}
        onChange={(e) => void onPick(e.target.files)}
      />
      {progress ? (
        <div role="status" className="o-upload-progress">
          <progress max={100} value={progress.pct} aria-label={t(m.uploading, progress)} />
          <span className="muted o-small">
            {progress.retry > 0 ? t(m.retrying, { n: progress.retry }) : t(m.uploading, progress)}
          </span>
          <Button variant="ghost" className="o-small-btn" onClick={() => controller.current?.abort()}>
            {t(m.cancel)}
          </Button>
        </div>
      ) : null}
      {errors.length > 0 ? (
        <div role="alert" className="field-error">
          {errors.map((e) => (
            <p key={e}>{e}</p>
          ))}
        </div>
      ) : null}
      {files.length > 0 ? (
        <ul className="o-files">
          {files.map((f) => (
            <li key={f.id}>
              <a href={fileUrl(f.id)} target="_blank" rel="noopener noreferrer">
                {f.name}
              </a>{' '}
              <span className="muted o-small">({formatSize(f.size)})</span>
              <Button
                variant="ghost"
                className="o-small-btn"
                aria-label={t(m.remove, { name: f.name })}
                onClick={() => onChange(files.filter((x) => x.id !== f.id))}
              >
                ✕
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
