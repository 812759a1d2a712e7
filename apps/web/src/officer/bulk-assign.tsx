import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, ApiError } from '../api/client.ts';
import { useFormat, useT } from '../app/i18n.tsx';
import { paths } from '../app/paths.ts';
import { Alert, Button, ErrorMessage, SelectField } from '../ui/ui.tsx';
import {
  useUnitOfficers,
  useUnits,
  type BulkActionAnswer,
  type BulkActionResult,
  type BulkAssignBody,
  type OfficerRoleName,
} from './officer-api.ts';
import { problemText, roleLabel } from './officer-text.ts';

export interface SelectedDossier {
  code: string;
  version: number;
  currentUnitId: string | null;
}

const m = {
  title: { vi: 'Phân công {n} hồ sơ', en: 'Assign {n} dossiers' },
  lead: {
    vi: 'Chọn cán bộ xử lý bước hiện tại của các hồ sơ đã chọn. Cán bộ phải giữ vai trò của bước đó tại đơn vị đang xử lý hồ sơ.',
    en: 'Choose the officer for the current step of the selected dossiers. The officer must hold that step’s role in the unit handling the dossier.',
  },
  unit: { vi: 'Đơn vị đang xử lý', en: 'Unit handling the dossiers' },
  unitHint: {
    vi: 'Các hồ sơ đã chọn thuộc nhiều đơn vị; hồ sơ của đơn vị khác sẽ báo lỗi riêng.',
    en: 'The selected dossiers are in several units; dossiers of other units will report their own error.',
  },
  role: { vi: 'Vai trò ở bước hiện tại', en: 'Role of the current step' },
  officer: { vi: 'Cán bộ được phân công', en: 'Officer to assign' },
  chooseOfficer: { vi: '— Chọn cán bộ —', en: '— Choose an officer —' },
  noOfficers: {
    vi: 'Đơn vị này không có cán bộ nào giữ vai trò đã chọn.',
    en: 'No officer of this unit holds the chosen role.',
  },
  submit: { vi: 'Phân công', en: 'Assign' },
  cancel: { vi: 'Đóng', en: 'Close' },
  needOfficer: { vi: 'Chọn một cán bộ.', en: 'Choose an officer.' },
  noUnit: {
    vi: 'Các hồ sơ đã chọn chưa có đơn vị xử lý (chưa chuyển xử lý).',
    en: 'The selected dossiers have no handling unit yet (not transferred).',
  },
  results: { vi: 'Kết quả phân công', en: 'Assignment results' },
  summary: {
    vi: '{ok} hồ sơ đã phân công, {failed} hồ sơ không phân công được.',
    en: '{ok} dossiers assigned, {failed} could not be assigned.',
  },
  colCode: { vi: 'Mã hồ sơ', en: 'Code' },
  colResult: { vi: 'Kết quả', en: 'Result' },
  done: { vi: 'Đã phân công', en: 'Assigned' },
  failed: { vi: 'Không phân công được', en: 'Not assigned' },
  unavailable: {
    vi: 'Máy chủ chưa hỗ trợ phân công hàng loạt. Hãy phân công từng hồ sơ trên trang hồ sơ.',
    en: 'The server does not offer bulk assignment yet. Assign each dossier from its page.',
  },
};

const ROLES: readonly OfficerRoleName[] = [
  'specialist',
  'division_head',
  'leader',
  'clerk',
  'receiving_officer',
];

export function BulkAssignPanel({
  selected,
  onClose,
  onAssigned,
}: {
  selected: readonly SelectedDossier[];
  onClose: () => void;
  onAssigned: (okCodes: string[]) => void;
}) {
  const t = useT();
  const format = useFormat();
  const queryClient = useQueryClient();
  const heading = useRef<HTMLHeadingElement>(null);
  const units = useUnits();
  const unitIds = useMemo(
    () => [...new Set(selected.map((s) => s.currentUnitId).filter((u): u is string => Boolean(u)))],
    [selected],
  );
  const [unitId, setUnitId] = useState(unitIds[0] ?? '');
  const [role, setRole] = useState<OfficerRoleName>('specialist');
  const [assigneeId, setAssigneeId] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [answer, setAnswer] = useState<BulkActionAnswer | null>(null);
  const officers = useUnitOfficers(unitId || null, role);

  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    if (!unitIds.includes(unitId)) setUnitId(unitIds[0] ?? '');
  }, [unitIds, unitId]);

  const unitName = (id: string) => units.data?.find((u) => u.id === id)?.name ?? id;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!assigneeId) {
      setFieldError(t(m.needOfficer));
      return;
    }
    setFieldError(undefined);
    const body: BulkAssignBody = {
      action: 'assign',
      assigneeId,
      items: selected.map((s) => ({ code: s.code, expectedVersion: s.version })),
    };
    setBusy(true);
    try {
      const result = await api<BulkActionAnswer>('/api/dossiers/bulk-actions', { body });
      setAnswer(result);
      onAssigned(result.results.filter((r) => r.ok).map((r) => r.code));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['queue'] }),
        queryClient.invalidateQueries({ queryKey: ['queue-counts'] }),
        ...result.results.map((r) => queryClient.invalidateQueries({ queryKey: ['dossier', r.code] })),
      ]);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const okCount = answer?.results.filter((r) => r.ok).length ?? 0;
  return (
    <section className="card o-panel" aria-labelledby="bulk-assign-title">
      <h2 id="bulk-assign-title" ref={heading} tabIndex={-1}>
        {t(m.title, { n: selected.length })}
      </h2>
      <p className="muted">{t(m.lead)}</p>
      {unitIds.length === 0 ? <Alert kind="warning">{t(m.noUnit)}</Alert> : null}
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="o-form-grid">
        {unitIds.length > 1 ? (
          <SelectField
            label={t(m.unit)}
            hint={t(m.unitHint)}
            value={unitId}
            options={unitIds.map((id) => ({ value: id, label: unitName(id) }))}
            onChange={(e) => {
              setUnitId(e.target.value);
              setAssigneeId('');
            }}
          />
        ) : unitIds[0] ? (
          <p>
            <strong>{t(m.unit)}:</strong> {unitName(unitIds[0])}
          </p>
        ) : null}
        <SelectField
          label={t(m.role)}
          value={role}
          options={ROLES.map((r) => ({ value: r, label: t(roleLabel(r)) }))}
          onChange={(e) => {
            setRole(e.target.value as OfficerRoleName);
            setAssigneeId('');
          }}
        />
        <SelectField
          label={t(m.officer)}
          required
          value={assigneeId}
          placeholder={t(m.chooseOfficer)}
          options={(officers.data ?? []).map((o) => ({
            value: o.id,
            label: o.title ? `${o.fullName} · ${o.title}` : `${o.fullName} (${o.username})`,
          }))}
          error={
            fieldError ??
            (officers.data && officers.data.length === 0 ? t(m.noOfficers) : undefined) ??
            (officers.isError ? problemText(t, officers.error) : undefined)
          }
          onChange={(e) => setAssigneeId(e.target.value)}
        />
        <div className="row">
          <Button type="submit" isBusy={isBusy} disabled={unitIds.length === 0}>
            {t(m.submit)}
          </Button>
          <Button variant="secondary" onClick={onClose}>
            {t(m.cancel)}
          </Button>
        </div>
      </form>
      {error ? (
        error instanceof ApiError && error.status === 404 && error.code !== 'DOSSIER_NOT_FOUND' ? (
          <Alert kind="error">{t(m.unavailable)}</Alert>
        ) : (
          <ErrorMessage error={problemText(t, error, format)} />
        )
      ) : null}
      {answer ? (
        <div className="o-results">
          <h3>{t(m.results)}</h3>
          <Alert kind={okCount === answer.results.length ? 'success' : 'warning'}>
            {t(m.summary, { ok: okCount, failed: answer.results.length - okCount })}
          </Alert>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t(m.colCode)}</th>
                  <th scope="col">{t(m.colResult)}</th>
                </tr>
              </thead>
              <tbody>
                {answer.results.map((r) => (
                  <tr key={r.code}>
                    <th scope="row">
                      <Link className="mono" to={paths.officerDossier(r.code)}>
                        {r.code}
                      </Link>
                    </th>
                    <td>
                      {r.ok ? (
                        <span className="badge sla-on_track">✓ {t(m.done)}</span>
                      ) : (
                        <>
                          <span className="badge sla-overdue">✗ {t(m.failed)}</span>{' '}
                          {bulkErrorText(t, r, format)}
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
    </section>
  );
}

function bulkErrorText(
  t: ReturnType<typeof useT>,
  r: BulkActionResult,
  format: { dateTime: (iso: string) => string },
): string {
  if (r.ok) return '';
  return problemText(t, new ApiError(409, r.error.code, r.error.message, undefined), format);
}
