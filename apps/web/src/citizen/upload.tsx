import { useEffect, useId, useRef, useState } from 'react';
import { api, ApiError } from '../api/client.ts';
import { useLang, useT } from '../app/i18n.tsx';
import { Button } from '../ui/ui.tsx';
import { fileUrl, plainError, type UploadChunkResult, type UploadSession } from './citizen-api.ts';

/**
 * File uploads for dossiers: small files in one request (POST /api/files), large ones through the
 * resumable upload API (POST /api/uploads, PUT chunks, GET to resume after a network error, DELETE
 * to cancel). Reusable: `uploadFile()` for code, `<FileUploadField>` for forms (citizen portal and
 * officer workspace).
 */

/** A file stored on the server, as a dossier references it. */
export interface UploadedFile {
  id: string;
  name: string;
  size: number;
  contentType: string;
}

/** Files up to this size go in one request; larger ones are sent in resumable chunks. */
export const SMALL_FILE_LIMIT = 8 * 1024 * 1024;
const ACCEPTED = ['application/pdf', 'image/jpeg', 'image/png'] as const;
const DEFAULT_CHUNK = 4 * 1024 * 1024;
const MAX_RETRIES = 6;

export interface UploadOptions {
  /** Bytes sent so far out of the total. */
  onProgress?: (sent: number, total: number) => void;
  /** Called before each retry after a network error (attempt 1, 2, …) with the wait in ms. */
  onRetry?: (attempt: number, waitMs: number) => void;
  signal?: AbortSignal;
}

/** The file could not be read or is of a kind the server does not take (before any upload). */
export class UnsupportedFileError extends Error {
  constructor(readonly fileName: string) {
    super(`Unsupported file: ${fileName}`);
    this.name = 'UnsupportedFileError';
  }
}

function abortError(): DOMException {
  return new DOMException('Upload cancelled', 'AbortError');
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    function onAbort() {
      clearTimeout(timer);
      reject(abortError());
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** 1 s, 2 s, 4 s … up to 30 s, with some jitter so many phones do not retry in step. */
export function backoffMs(attempt: number): number {
  const base = Math.min(30_000, 1000 * 2 ** (attempt - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

function isRetryable(e: unknown): boolean {
  return e instanceof ApiError && (e.status === 0 || e.status === 408 || e.status === 429 || e.status >= 500);
}

/** One request with upload progress (fetch cannot report it). Answers the parsed JSON. */
function send<T>(
  method: 'POST' | 'PUT',
  url: string,
  body: Blob,
  contentType: string,
  onProgress: (loaded: number) => void,
  signal?: AbortSignal,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    xhr.setRequestHeader('content-type', contentType);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    const onAbort = () => xhr.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => signal?.removeEventListener('abort', onAbort);
    xhr.onabort = () => {
      done();
      reject(abortError());
    };
    xhr.onerror = () => {
      done();
      reject(new ApiError(0, 'NETWORK', 'Network error', undefined));
    };
    xhr.ontimeout = xhr.onerror;
    xhr.onload = () => {
      done();
      let json: unknown;
      try {
        json = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        json = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(json as T);
      const err = (json as { error?: { code?: string; message?: string; details?: Record<string, unknown> } })
        ?.error;
      reject(
        new ApiError(
          xhr.status,
          err?.code ?? `HTTP_${xhr.status}`,
          err?.message ?? xhr.statusText,
          err?.details,
        ),
      );
    };
    xhr.send(body);
  });
}

function extensionType(name: string): string {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  return ext === 'pdf'
    ? 'application/pdf'
    : ext === 'png'
      ? 'image/png'
      : ext === 'jpg' || ext === 'jpeg'
        ? 'image/jpeg'
        : '';
}

/**
 * A file the server accepts: PDF, JPEG and PNG as they are; other pictures the browser can decode
 * (WebP, GIF, some HEIC) converted to JPEG.
 */
export async function prepareFile(file: File): Promise<{ blob: Blob; name: string; contentType: string }> {
  const type = file.type || extensionType(file.name);
  if ((ACCEPTED as readonly string[]).includes(type))
    return { blob: file, name: file.name, contentType: type };
  if (type.startsWith('image/') || /\.(heic|heif|webp|gif|bmp)$/i.test(file.name)) {
    try {
      const bitmap = await createImageBitmap(file);
      const canvas = document.createElement('canvas');
      canvas.width = bitmap.width;
      canvas.height = bitmap.height;
      canvas.getContext('2d')?.drawImage(bitmap, 0, 0);
      bitmap.close();
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.9));
      if (blob) {
        const base = file.name.replace(/\.[^.]+$/, '') || 'anh';
        return { blob, name: `${base}.jpg`, contentType: 'image/jpeg' };
      }
    } catch {
      // not decodable by this browser
    }
  }
  throw new UnsupportedFileError(file.name);
}

async function uploadSmall(
  blob: Blob,
  name: string,
  contentType: string,
  options: UploadOptions,
): Promise<UploadedFile> {
  let attempt = 0;
  for (;;) {
    try {
      const file = await send<{ id: string; originalName: string; contentType: string; sizeBytes: number }>(
        'POST',
        `/api/files?name=${encodeURIComponent(name)}`,
        blob,
        contentType,
        (loaded) => options.onProgress?.(loaded, blob.size),
        options.signal,
      );
      return { id: file.id, name: file.originalName, size: file.sizeBytes, contentType: file.contentType };
    } catch (e) {
      if (!isRetryable(e) || attempt >= MAX_RETRIES) throw e;
      attempt++;
      const wait = backoffMs(attempt);
      options.onRetry?.(attempt, wait);
      await sleep(wait, options.signal);
    }
  }
}

async function uploadResumable(
  blob: Blob,
  name: string,
  contentType: string,
  options: UploadOptions,
): Promise<UploadedFile> {
  const { signal } = options;
  const session = await api<UploadSession>('/api/uploads', {
    body: { name, size: blob.size, contentType },
    ...(signal ? { signal } : {}),
  });
  const id = session.id;
  const cancel = () => {
    void api(`/api/uploads/${encodeURIComponent(id)}`, { method: 'DELETE' }).catch(() => undefined);
  };
  signal?.addEventListener('abort', cancel, { once: true });
  try {
    let offset = session.offset;
    let fileId = session.fileId ?? null;
    const chunkSize = session.chunkSize > 0 ? session.chunkSize : DEFAULT_CHUNK;
    let attempt = 0;
    while (!fileId) {
      if (signal?.aborted) throw abortError();
      try {
        const chunk = blob.slice(offset, Math.min(blob.size, offset + chunkSize));
        const start = offset;
        const res = await send<UploadChunkResult>(
          'PUT',
          `/api/uploads/${encodeURIComponent(id)}?offset=${offset}`,
          chunk,
          'application/octet-stream',
          (loaded) => options.onProgress?.(start + loaded, blob.size),
          signal,
        );
        offset = res.offset;
        fileId = res.fileId ?? null;
        attempt = 0;
        options.onProgress?.(offset, blob.size);
        if (!fileId && offset >= blob.size) {
          // All bytes are there: the session tells the file id.
          const state = await api<UploadSession>(`/api/uploads/${encodeURIComponent(id)}`);
          fileId = state.fileId ?? null;
          if (!fileId) throw new ApiError(500, 'INTERNAL', 'Upload incomplete', undefined);
        }
      } catch (e) {
        if (e instanceof DOMException && e.name === 'AbortError') throw e;
        // A wrong offset (409) or a lost connection: ask the server where it stands and go on.
        const isOffsetConflict = e instanceof ApiError && e.status === 409;
        if ((!isRetryable(e) && !isOffsetConflict) || attempt >= MAX_RETRIES) throw e;
        attempt++;
        if (!isOffsetConflict) {
          const wait = backoffMs(attempt);
          options.onRetry?.(attempt, wait);
          await sleep(wait, signal);
        }
        try {
          const state = await api<UploadSession>(`/api/uploads/${encodeURIComponent(id)}`, {
            ...(signal ? { signal } : {}),
          });
          offset = state.offset;
          fileId = state.fileId ?? null;
          options.onProgress?.(offset, blob.size);
        } catch (e2) {
          if (!isRetryable(e2)) throw e2;
        }
      }
    }
    signal?.removeEventListener('abort', cancel);
    return { id: fileId, name, size: blob.size, contentType };
  } catch (e) {
    signal?.removeEventListener('abort', cancel);
    if (!(e instanceof DOMException && e.name === 'AbortError')) cancel();
    throw e;
  }
}

/** Uploads one file (converted if needed) and answers the stored file. */
export async function uploadFile(file: File, options: UploadOptions = {}): Promise<UploadedFile> {
  const { blob, name, contentType } = await prepareFile(file);
  return blob.size <= SMALL_FILE_LIMIT
    ? uploadSmall(blob, name, contentType, options)
    : uploadResumable(blob, name, contentType, options);
}

/* ------------------------------------------------------------------ the form field */

const m = {
  camera: { vi: 'Chụp ảnh', en: 'Take a photo' },
  choose: { vi: 'Chọn tệp (ảnh hoặc PDF)', en: 'Choose a file (photo or PDF)' },
  types: {
    vi: 'Nhận tệp PDF và ảnh (JPEG, PNG). Có thể chọn nhiều tệp.',
    en: 'PDF files and pictures (JPEG, PNG) are accepted. You can choose several files.',
  },
  uploading: { vi: 'Đang tải lên {name}', en: 'Uploading {name}' },
  retrying: {
    vi: 'Mất kết nối, đang thử lại (lần {n})…',
    en: 'Connection lost, trying again (attempt {n})…',
  },
  cancel: { vi: 'Hủy', en: 'Cancel' },
  cancelName: { vi: 'Hủy tải lên {name}', en: 'Cancel uploading {name}' },
  retry: { vi: 'Thử lại', en: 'Try again' },
  dismiss: { vi: 'Bỏ qua', en: 'Dismiss' },
  done: { vi: 'Đã tải lên {name}', en: 'Uploaded {name}' },
  failed: { vi: 'Chưa tải lên được {name}', en: 'Could not upload {name}' },
  unsupported: {
    vi: 'Không đọc được tệp này. Hãy chụp lại, hoặc chọn tệp PDF, ảnh JPEG hay PNG.',
    en: 'This file cannot be read. Take the photo again, or choose a PDF, JPEG or PNG file.',
  },
  view: { vi: 'Xem', en: 'View' },
  viewName: { vi: 'Xem {name}', en: 'View {name}' },
  remove: { vi: 'Xóa', en: 'Remove' },
  removeName: { vi: 'Xóa {name}', en: 'Remove {name}' },
  none: { vi: 'Chưa có tệp nào.', en: 'No file yet.' },
  uploaded: { vi: 'Tệp đã tải lên', en: 'Uploaded files' },
};

interface Pending {
  key: string;
  file: File;
  name: string;
  sent: number;
  total: number;
  retryAttempt: number;
  error: unknown;
  controller: AbortController;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace('.0', '')} MB`;
}

/**
 * Upload field: take a photo (phones open the camera) or choose files; a progress bar with the
 * percentage for each file, cancel, retry, and the list of uploaded files (controlled by `files`).
 */
export function FileUploadField({
  label,
  hint,
  error,
  files,
  onChange,
  onBusyChange,
}: {
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  files: readonly UploadedFile[];
  onChange: (files: UploadedFile[]) => void;
  /** True while at least one file is still uploading. */
  onBusyChange?: (isBusy: boolean) => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const id = useId();
  const [pending, setPending] = useState<Pending[]>([]);
  const [announce, setAnnounce] = useState('');
  const filesRef = useRef(files);
  filesRef.current = files;
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const isBusy = pending.some((p) => !p.error);
  useEffect(() => onBusyChange?.(isBusy), [isBusy, onBusyChange]);
  // Cancel what is still running when the field goes away.
  const pendingRef = useRef(pending);
  pendingRef.current = pending;
  useEffect(() => () => pendingRef.current.forEach((p) => p.controller.abort()), []);

  function patch(key: string, change: Partial<Pending>) {
    setPending((list) => list.map((p) => (p.key === key ? { ...p, ...change } : p)));
  }

  function start(file: File, key = `${Date.now()}-${Math.random()}`) {
    const controller = new AbortController();
    const item: Pending = {
      key,
      file,
      name: file.name,
      sent: 0,
      total: file.size,
      retryAttempt: 0,
      error: null,
      controller,
    };
    setPending((list) => [...list.filter((p) => p.key !== key), item]);
    uploadFile(file, {
      signal: controller.signal,
      onProgress: (sent, total) => patch(key, { sent, total, retryAttempt: 0 }),
      onRetry: (attempt) => patch(key, { retryAttempt: attempt }),
    }).then(
      (uploaded) => {
        setPending((list) => list.filter((p) => p.key !== key));
        onChangeRef.current([...filesRef.current, uploaded]);
        setAnnounce(t(m.done, { name: uploaded.name }));
      },
      (e: unknown) => {
        if (e instanceof DOMException && e.name === 'AbortError') {
          setPending((list) => list.filter((p) => p.key !== key));
          return;
        }
        patch(key, { error: e });
        setAnnounce(t(m.failed, { name: file.name }));
      },
    );
  }

  function onPick(list: FileList | null) {
    if (!list) return;
    for (const f of Array.from(list)) start(f);
  }

  const describedBy = [hint ? `${id}-hint` : null, `${id}-types`, error ? `${id}-error` : null]
    .filter(Boolean)
    .join(' ');

  return (
    <fieldset className={`c-upload${error ? ' field-invalid' : ''}`} aria-describedby={describedBy}>
      <legend>{label}</legend>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <p className="hint" id={`${id}-types`}>
        {t(m.types)}
      </p>
      <div className="c-upload-buttons">
        <label className="btn btn-secondary c-file-button">
          <span aria-hidden="true">📷</span> {t(m.camera)}
          <input
            type="file"
            accept="image/*"
            capture="environment"
            className="c-file-input"
            onChange={(e) => {
              onPick(e.target.files);
              e.target.value = '';
            }}
          />
        </label>
        <label className="btn btn-secondary c-file-button">
          <span aria-hidden="true">📎</span> {t(m.choose)}
          <input
            type="file"
            accept="image/*,application/pdf"
            multiple
            className="c-file-input"
            onChange={(e) => {
              onPick(e.target.files);
              e.target.value = '';
            }}
          />
        </label>
      </div>
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}

      {pending.length > 0 ? (
        <ul className="c-upload-list">
          {pending.map((p) => {
            const pct = p.total > 0 ? Math.min(100, Math.round((p.sent / p.total) * 100)) : 0;
            return (
              <li key={p.key} className="c-upload-item">
                <span className="c-upload-name">{p.name}</span>
                {p.error ? (
                  <>
                    <p className="field-error">
                      {p.error instanceof UnsupportedFileError ? t(m.unsupported) : plainError(p.error, lang)}
                    </p>
                    <div className="row">
                      {p.error instanceof UnsupportedFileError ? null : (
                        <Button variant="secondary" onClick={() => start(p.file, p.key)}>
                          {t(m.retry)}
                        </Button>
                      )}
                      <Button
                        variant="ghost"
                        onClick={() => setPending((list) => list.filter((x) => x.key !== p.key))}
                      >
                        {t(m.dismiss)}
                      </Button>
                    </div>
                  </>
                ) : (
                  <>
                    <div className="c-progress-row">
                      <progress
                        className="c-progress"
                        max={100}
                        value={pct}
                        aria-label={t(m.uploading, { name: p.name })}
                      />
                      <span className="c-progress-pct" aria-hidden="true">
                        {pct}%
                      </span>
                      <Button
                        variant="secondary"
                        aria-label={t(m.cancelName, { name: p.name })}
                        onClick={() => p.controller.abort()}
                      >
                        {t(m.cancel)}
                      </Button>
                    </div>
                    {p.retryAttempt > 0 ? (
                      <p className="hint">{t(m.retrying, { n: p.retryAttempt })}</p>
                    ) : null}
                  </>
                )}
              </li>
            );
          })}
        </ul>
      ) : null}

      {files.length > 0 ? (
        <ul className="c-upload-list" aria-label={t(m.uploaded)}>
          {files.map((f) => (
            <li key={f.id} className="c-upload-item c-upload-done">
              <span className="c-upload-name">
                <span aria-hidden="true">✔ </span>
                {f.name} <span className="muted">({formatSize(f.size)})</span>
              </span>
              <span className="row">
                <a
                  href={fileUrl(f.id)}
                  target="_blank"
                  rel="noreferrer"
                  className="btn btn-ghost"
                  aria-label={t(m.viewName, { name: f.name })}
                >
                  {t(m.view)}
                </a>
                <Button
                  variant="ghost"
                  aria-label={t(m.removeName, { name: f.name })}
                  onClick={() => onChange(files.filter((x) => x.id !== f.id))}
                >
                  {t(m.remove)}
                </Button>
              </span>
            </li>
          ))}
        </ul>
      ) : pending.length === 0 ? (
        <p className="muted">{t(m.none)}</p>
      ) : null}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announce}
      </p>
    </fieldset>
  );
}
