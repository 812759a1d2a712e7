import {
  useEffect,
  useId,
  useRef,
  type ButtonHTMLAttributes,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { ApiError } from '../api/client.ts';
import { useT, type Text } from '../app/i18n.tsx';

const t_ = {
  loading: { vi: 'Đang tải…', en: 'Loading…' },
  error: { vi: 'Có lỗi xảy ra', en: 'Something went wrong' },
  retry: { vi: 'Thử lại', en: 'Try again' },
  previous: { vi: 'Trang trước', en: 'Previous page' },
  next: { vi: 'Trang sau', en: 'Next page' },
  page: { vi: 'Trang {n}', en: 'Page {n}' },
  required: { vi: '(bắt buộc)', en: '(required)' },
  siteName: { vi: 'Một cửa điện tử', en: 'One-stop shop' },
};

/**
 * A page: sets the document title and moves focus to the heading after navigation, so screen
 * readers announce the new page (WCAG 2.4.3).
 */
export function Page({
  title,
  children,
  actions,
  lead,
}: {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
  lead?: ReactNode;
}) {
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · ${t(t_.siteName)}`;
  }, [title, t]);
  useEffect(() => {
    heading.current?.focus({ preventScroll: false });
  }, []);
  return (
    <>
      <div className="page-head">
        <div>
          <h1 ref={heading} tabIndex={-1}>
            {title}
          </h1>
          {lead ? <p className="lead">{lead}</p> : null}
        </div>
        {actions ? <div className="page-actions">{actions}</div> : null}
      </div>
      {children}
    </>
  );
}

type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost';
export function Button({
  variant = 'primary',
  isBusy = false,
  children,
  className,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant; isBusy?: boolean }) {
  return (
    <button
      type="button"
      {...rest}
      className={`btn btn-${variant}${className ? ` ${className}` : ''}`}
      disabled={rest.disabled || isBusy}
      aria-busy={isBusy || undefined}
    >
      {children}
    </button>
  );
}

interface FieldProps {
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  required?: boolean | undefined;
}

function FieldFrame({
  id,
  label,
  hint,
  error,
  required,
  children,
}: FieldProps & { id: string; children: ReactNode }) {
  const t = useT();
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span className="req"> {t(t_.required)}</span> : null}
      </label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {children}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function TextField({
  label,
  hint,
  error,
  required,
  id: givenId,
  ...input
}: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const autoId = useId();
  const id = givenId ?? autoId;
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} required={required}>
      <input
        id={id}
        {...input}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
    </FieldFrame>
  );
}

export function TextArea({
  label,
  hint,
  error,
  required,
  id: givenId,
  ...input
}: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const autoId = useId();
  const id = givenId ?? autoId;
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} required={required}>
      <textarea
        id={id}
        rows={3}
        {...input}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
    </FieldFrame>
  );
}

export function SelectField({
  label,
  hint,
  error,
  required,
  id: givenId,
  options,
  placeholder,
  ...select
}: FieldProps &
  SelectHTMLAttributes<HTMLSelectElement> & {
    options: readonly { value: string; label: string }[];
    placeholder?: string;
  }) {
  const autoId = useId();
  const id = givenId ?? autoId;
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} required={required}>
      <select
        id={id}
        {...select}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function Alert({
  kind = 'info',
  title,
  children,
}: {
  kind?: 'info' | 'success' | 'warning' | 'error';
  title?: string;
  children?: ReactNode;
}) {
  return (
    <div className={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {title ? <p className="alert-title">{title}</p> : null}
      {children}
    </div>
  );
}

export function Loading({ label }: { label?: Text }) {
  const t = useT();
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {t(label ?? t_.loading)}
    </p>
  );
}

/** Shows an API error in plain words (the server's message is bilingual where it matters). */
export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  const message = errorText(error) ?? '';
  return (
    <Alert kind="error" title={t(t_.error)}>
      <p>{message}</p>
      {onRetry ? (
        <Button variant="secondary" onClick={onRetry}>
          {t(t_.retry)}
        </Button>
      ) : null}
    </Alert>
  );
}

export function errorText(error: unknown): string | undefined {
  if (!error) return undefined;
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : JSON.stringify(error);
}

/** Dossier status, coloured by kind, with its label in the current language. */
export function StatusBadge({ status, label }: { status: string; label: Text }) {
  const t = useT();
  return <span className={`badge status-${status}`}>{t(label)}</span>;
}

const SLA_LABELS: Record<string, Text> = {
  on_track: { vi: 'Trong hạn', en: 'On track' },
  due_soon: { vi: 'Sắp đến hạn', en: 'Due within 1 working day' },
  overdue: { vi: 'Quá hạn', en: 'Overdue' },
  done: { vi: 'Đã xong', en: 'Done' },
  paused: { vi: 'Tạm dừng', en: 'Paused' },
};
/** SLA colour with a text label (never colour alone). */
export function SlaBadge({ sla }: { sla: string | null | undefined }) {
  const t = useT();
  if (!sla) return null;
  return <span className={`badge sla-${sla}`}>{t(SLA_LABELS[sla] ?? { vi: sla, en: sla })}</span>;
}

export function Pagination({
  offset,
  limit,
  total,
  onChange,
}: {
  offset: number;
  limit: number;
  total: number | null | undefined;
  onChange: (offset: number) => void;
}) {
  const t = useT();
  const page = Math.floor(offset / limit) + 1;
  const hasNext = total === null || total === undefined ? true : offset + limit < total;
  return (
    <nav className="pagination" aria-label="Pagination">
      <Button
        variant="secondary"
        disabled={offset === 0}
        onClick={() => onChange(Math.max(0, offset - limit))}
      >
        ← {t(t_.previous)}
      </Button>
      <span aria-live="polite">{t(t_.page, { n: page })}</span>
      <Button variant="secondary" disabled={!hasNext} onClick={() => onChange(offset + limit)}>
        {t(t_.next)} →
      </Button>
    </nav>
  );
}

export function Card({
  title,
  children,
  className,
}: {
  title?: string;
  children: ReactNode;
  className?: string;
}) {
  // A titled card is a named region: screen-reader users can jump to "Lịch sử hồ sơ" directly.
  const id = useId();
  return (
    <section className={`card${className ? ` ${className}` : ''}`} aria-labelledby={title ? id : undefined}>
      {title ? <h2 id={id}>{title}</h2> : null}
      {children}
    </section>
  );
}

/** A definition list for label/value pairs (dossier facts, procedure facts). */
export function Facts({ items }: { items: readonly { label: string; value: ReactNode }[] }) {
  return (
    <dl className="facts">
      {items.map((item) => (
        <div key={item.label}>
          <dt>{item.label}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
