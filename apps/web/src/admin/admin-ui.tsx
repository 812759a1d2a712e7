import { useQuery } from '@tanstack/react-query';
import { OFFICER_ROLE_LABELS, isoWeekday, toLocalDate, type OfficerRole } from '@motcua/domain';
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { Link, Outlet } from 'react-router';
import { api, ApiError, type ResponseOf } from '../api/client.ts';
import { hasRole, useAuth } from '../app/auth.tsx';
import { useT, type Text, type Translate } from '../app/i18n.tsx';
import { paths } from '../app/paths.ts';
import { Button, Loading, Page } from '../ui/ui.tsx';

/** Shared pieces of the administration pages (catalog, units, officers, calendar). */

export type Unit = ResponseOf<'/api/units', 'get'>[number];

const m = {
  notAdminTitle: { vi: 'Chỉ dành cho quản trị hệ thống', en: 'For system administrators only' },
  notAdmin: {
    vi: 'Tài khoản của bạn không có vai trò quản trị. Trang này dùng để sửa danh mục thủ tục, đơn vị, cán bộ và lịch làm việc. Nếu cần thay đổi, hãy liên hệ quản trị hệ thống của tỉnh.',
    en: 'Your account does not have the administrator role. These pages change the procedure catalog, units, officers and the working calendar. If something needs changing, contact the province’s system administrator.',
  },
  back: { vi: 'Về trang cán bộ', en: 'Back to the officer workspace' },
  cancel: { vi: 'Hủy', en: 'Cancel' },
  adminHome: { vi: 'Quản trị', en: 'Administration' },
  crumbs: { vi: 'Đường dẫn', en: 'Breadcrumb' },
};

/** Route element: the administration pages are for officers with the admin role. */
export function AdminGate() {
  const { me, isLoading } = useAuth();
  const t = useT();
  if (isLoading) return <Loading />;
  if (!hasRole(me, 'admin'))
    return (
      <Page title={t(m.notAdminTitle)}>
        <p>{t(m.notAdmin)}</p>
        <p>
          <Link to={paths.workspace}>{t(m.back)}</Link>
        </p>
      </Page>
    );
  return <Outlet />;
}

/** Breadcrumb back to the administration index (and further levels). */
export function Crumbs({ items }: { items: readonly { label: string; to?: string }[] }) {
  const t = useT();
  const all = [{ label: t(m.adminHome), to: paths.admin }, ...items];
  return (
    <nav aria-label={t(m.crumbs)} className="a-crumbs">
      <ol>
        {all.map((item, i) => (
          <li key={`${i}-${item.label}`}>
            {item.to && i < all.length - 1 ? (
              <Link to={item.to}>{item.label}</Link>
            ) : (
              <span aria-current="page">{item.label}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

export const UNIT_KIND_LABELS: Record<Unit['kind'], Text> = {
  province: { vi: 'UBND tỉnh', en: 'Provincial People’s Committee' },
  department: { vi: 'Sở, ban, ngành', en: 'Department' },
  division: { vi: 'Phòng', en: 'Division' },
  commune: { vi: 'UBND xã, phường', en: 'Commune' },
  one_stop_section: { vi: 'Bộ phận Một cửa', en: 'One-stop section' },
  external: { vi: 'Cơ quan ngoài tỉnh', en: 'External agency' },
};

export function roleLabel(t: Translate, role: string): string {
  const label = OFFICER_ROLE_LABELS[role as OfficerRole] as Text | undefined;
  return label ? t(label) : role;
}

export const ROLE_OPTIONS = Object.keys(OFFICER_ROLE_LABELS) as OfficerRole[];

/** Today in Vietnam (YYYY-MM-DD). */
export function todayVn(): string {
  return toLocalDate(new Date());
}

const WEEKDAYS: Record<number, Text> = {
  1: { vi: 'Thứ Hai', en: 'Monday' },
  2: { vi: 'Thứ Ba', en: 'Tuesday' },
  3: { vi: 'Thứ Tư', en: 'Wednesday' },
  4: { vi: 'Thứ Năm', en: 'Thursday' },
  5: { vi: 'Thứ Sáu', en: 'Friday' },
  6: { vi: 'Thứ Bảy', en: 'Saturday' },
  7: { vi: 'Chủ nhật', en: 'Sunday' },
};

export function weekdayOf(t: Translate, date: string): string {
  const label = WEEKDAYS[isoWeekday(date)];
  return label ? t(label) : '';
}

/** `2026-02-16` as `16/02/2026`: local dates are shown the Vietnamese way in both languages. */
export function showDate(date: string | null | undefined): string {
  if (!date) return '—';
  const [y, mo, d] = date.slice(0, 10).split('-');
  return `${d}/${mo}/${y}`;
}

/** The unit tree, flat, as the server answers it (cached: units change rarely). */
export function useUnits() {
  return useQuery({
    queryKey: ['units'],
    queryFn: ({ signal }) => api<Unit[]>('/api/units', { signal }),
    staleTime: 5 * 60_000,
  });
}

export interface UnitNode {
  unit: Unit;
  depth: number;
  children: UnitNode[];
}

/** Builds the tree from parent links; units whose parent is unknown become roots. */
export function buildUnitTree(units: readonly Unit[]): UnitNode[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const children = new Map<string | null, Unit[]>();
  for (const u of units) {
    const key = u.parentId && byId.has(u.parentId) ? u.parentId : null;
    const list = children.get(key) ?? [];
    list.push(u);
    children.set(key, list);
  }
  const order: Record<Unit['kind'], number> = {
    province: 0,
    one_stop_section: 1,
    department: 2,
    division: 3,
    commune: 4,
    external: 5,
  };
  const sort = (list: Unit[]) =>
    [...list].sort((a, b) => order[a.kind] - order[b.kind] || a.name.localeCompare(b.name, 'vi'));
  const build = (parentId: string | null, depth: number): UnitNode[] =>
    sort(children.get(parentId) ?? []).map((unit) => ({
      unit,
      depth,
      children: build(unit.id, depth + 1),
    }));
  return build(null, 0);
}

/** Depth-first order of the tree (for selects). */
export function flattenTree(nodes: readonly UnitNode[]): UnitNode[] {
  return nodes.flatMap((n) => [n, ...flattenTree(n.children)]);
}

/** Options for a unit select, indented by depth (selects cannot nest deeper than one group). */
export function unitOptions(
  units: readonly Unit[],
  options: { exclude?: ReadonlySet<string>; toValue?: (u: Unit) => string; withCode?: boolean } = {},
): { value: string; label: string }[] {
  const toValue = options.toValue ?? ((u: Unit) => u.id);
  return flattenTree(buildUnitTree(units))
    .filter((n) => !options.exclude?.has(n.unit.id))
    .map((n) => ({
      value: toValue(n.unit),
      label: `${'\u00a0\u00a0'.repeat(n.depth)}${n.depth > 0 ? '└ ' : ''}${n.unit.name}${
        options.withCode ? ` (${n.unit.agencyCode})` : ''
      }`,
    }));
}

/** The message of an API error with its field issues (VALIDATION_FAILED) folded in. */
export function apiErrorText(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * Field errors keyed by a dot path relative to the body, from a VALIDATION_FAILED answer
 * (`body/content/steps/0/name`) or from a list of problems (`content.steps.0.name`).
 */
export function issuePathKey(path: string, strip: readonly string[] = ['body']): string {
  const parts = path
    .split(/[./]/)
    .filter((p) => p !== '')
    .filter((p, i) => !(i === 0 && strip.includes(p)));
  return parts.join('.');
}

export function fieldErrorsOf(error: unknown, strip: readonly string[] = ['body']): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  const issues = (error.details?.issues ?? error.details?.problems) as
    { path?: string; message?: string }[] | undefined;
  for (const issue of issues ?? []) {
    if (!issue.path) continue;
    const key = issuePathKey(issue.path, strip);
    if (!out[key]) out[key] = issue.message ?? 'invalid';
  }
  return out;
}

/**
 * A modal confirmation built on the native <dialog> (focus is trapped and Escape closes it).
 * The dialog is open while `open` is true.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
  isBusy,
  variant = 'primary',
}: {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  isBusy?: boolean;
  variant?: 'primary' | 'danger';
}) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="a-dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {children}
      <div className="row a-dialog-actions">
        <Button variant={variant} onClick={onConfirm} isBusy={isBusy ?? false}>
          {confirmLabel}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t(m.cancel)}
        </Button>
      </div>
    </dialog>
  );
}

/** A checkbox with its label (the ui kit has none). */
export function Checkbox({
  label,
  checked,
  onChange,
  hint,
  disabled,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: string;
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <div className="checkbox">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={id}>
        {label}
        {hint ? (
          <span className="muted a-block" id={`${id}-hint`}>
            {hint}
          </span>
        ) : null}
      </label>
    </div>
  );
}
