import { CHANNEL_LABELS, DEFAULT_OFFICE_HOURS, resolveProcedure, type Channel } from '@motcua/domain';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../api/client.ts';
import { useAuth } from '../app/auth.tsx';
import { useT, type Text } from '../app/i18n.tsx';
import { paths } from '../app/paths.ts';
import { Card, Facts, Loading, Page, SelectField } from '../ui/ui.tsx';
import {
  fetchProcedure,
  fetchUnits,
  queryKeys,
  type DueResult,
  type ProcedureContent,
  type Unit,
} from './citizen-api.ts';
import {
  CitizenError,
  DeadlineExplanation,
  OnlineLevelBadge,
  useLongDateTime,
  useMoney,
  useRuleText,
} from './citizen-ui.tsx';

const m = {
  notFound: { vi: 'Không tìm thấy thủ tục', en: 'Procedure not found' },
  code: { vi: 'Mã thủ tục', en: 'Procedure code' },
  field: { vi: 'Lĩnh vực', en: 'Field' },
  level: { vi: 'Cấp thực hiện', en: 'Level' },
  agency: { vi: 'Cơ quan giải quyết', en: 'Deciding agency' },
  communeAgency: {
    vi: 'Ủy ban nhân dân cấp xã nơi bạn nộp hồ sơ',
    en: 'The People’s Committee of the commune where you submit',
  },
  who: { vi: 'Ai được làm thủ tục này', en: 'Who can apply' },
  result: { vi: 'Kết quả bạn nhận được', en: 'What you receive' },
  timeLimit: { vi: 'Thời hạn giải quyết', en: 'Time limit' },
  online: { vi: 'Nộp trực tuyến', en: 'Online submission' },
  submitOnline: { vi: 'Nộp hồ sơ trực tuyến', en: 'Submit online' },
  loginFirst: {
    vi: 'Bạn sẽ được hỏi đăng nhập trước (bằng số định danh hoặc mã số thuế).',
    en: 'You will be asked to log in first (with your ID number or tax code).',
  },
  officerNote: {
    vi: 'Nộp hồ sơ trực tuyến cần tài khoản người dân hoặc doanh nghiệp.',
    en: 'Online submission needs a citizen or business account.',
  },
  notOnline: {
    vi: 'Thủ tục này chưa nộp được trên mạng. Bạn nộp trực tiếp hoặc qua bưu điện tại nơi ghi dưới đây.',
    en: 'This procedure cannot be submitted online yet. Submit in person or by post at the place below.',
  },
  variant: { vi: 'Trường hợp của bạn', en: 'Your case' },
  variantHint: {
    vi: 'Giấy tờ và thời hạn có thể khác nhau theo từng trường hợp.',
    en: 'Documents and time limit can differ between cases.',
  },
  general: { vi: 'Trường hợp chung', en: 'General case' },
  bring: { vi: 'Giấy tờ cần chuẩn bị', en: 'What to bring' },
  original: { vi: 'Bản chính: {n}', en: 'Originals: {n}' },
  copy: { vi: 'Bản sao: {n}', en: 'Copies: {n}' },
  required: { vi: 'Bắt buộc', en: 'Required' },
  optional: { vi: 'Nếu có', en: 'If applicable' },
  presentOnly: {
    vi: 'Chỉ mang theo để cán bộ đối chiếu, không phải nộp.',
    en: 'Only shown to the officer for checking, not handed in.',
  },
  reuse: {
    vi: 'Không phải nộp nếu thông tin đã có trong Cơ sở dữ liệu quốc gia về dân cư.',
    en: 'Not needed if the data is already in the national population database.',
  },
  reuseStore: {
    vi: 'Không phải nộp nếu giấy tờ đã có trong kho dữ liệu cá nhân của bạn.',
    en: 'Not needed if the document is already in your personal data store.',
  },
  template: { vi: 'Mẫu đơn', en: 'Form' },
  download: { vi: 'Tải mẫu', en: 'Download the form' },
  noComponents: { vi: 'Không phải nộp giấy tờ.', en: 'No documents to hand in.' },
  fees: { vi: 'Phí, lệ phí', en: 'Fees and charges' },
  noFees: { vi: 'Không mất phí, lệ phí.', en: 'No fees or charges.' },
  feeBefore: { vi: 'Nộp phí khi nộp hồ sơ.', en: 'Fees are paid when you submit.' },
  feeAfter: { vi: 'Nộp phí khi nhận kết quả.', en: 'Fees are paid when you collect the result.' },
  where: { vi: 'Nộp hồ sơ ở đâu', en: 'Where to submit' },
  ways: { vi: 'Các cách nộp hồ sơ', en: 'Ways to submit' },
  address: { vi: 'Địa chỉ', en: 'Address' },
  phone: { vi: 'Điện thoại', en: 'Phone' },
  hours: { vi: 'Giờ làm việc', en: 'Office hours' },
  hoursValue: { vi: 'Thứ Hai đến thứ Sáu: {p}', en: 'Monday to Friday: {p}' },
  communeWhere: {
    vi: 'Trung tâm Phục vụ hành chính công của xã, phường nơi bạn cư trú.',
    en: 'The public administration service centre of the commune or ward where you live.',
  },
  boundaryFree: {
    vi: 'Bạn có thể nộp ở bất kỳ xã, phường nào trong tỉnh, không cần đúng nơi cư trú.',
    en: 'You can submit in any commune or ward of the province, not only where you live.',
  },
  communeList: { vi: 'Danh sách nơi nộp ở các xã, phường', en: 'Offices in each commune and ward' },
  conditions: { vi: 'Điều kiện', en: 'Conditions' },
  legal: { vi: 'Căn cứ pháp lý', en: 'Legal basis' },
  issued: { vi: 'ban hành {d}', en: 'issued {d}' },
  expected: {
    vi: 'Nếu nộp hôm nay, khi nào có kết quả?',
    en: 'If you submit today, when is the result due?',
  },
  expectedDate: { vi: 'Dự kiến có kết quả: {d}', en: 'Expected result: {d}' },
  expectedHow: {
    vi: 'Thời hạn là {rule}, tính từ lúc hồ sơ được tiếp nhận, không tính thứ Bảy, Chủ nhật và ngày nghỉ lễ. Hồ sơ nộp ngoài giờ làm việc được tính từ đầu ngày làm việc tiếp theo.',
    en: 'The time limit is {rule}, counted from when the dossier is received, without Saturdays, Sundays and public holidays. A dossier submitted outside office hours counts from the start of the next working day.',
  },
  expectedOnline: {
    vi: 'Hồ sơ nộp trên mạng được cán bộ kiểm tra trong ngày làm việc; ngày hẹn chính thức ghi trên giấy tiếp nhận gửi cho bạn.',
    en: 'Online dossiers are checked by an officer within the working day; the official date is on the receipt you will get.',
  },
  calendarDays: {
    vi: 'Thời hạn là {rule} theo lịch, tính từ lúc hồ sơ được tiếp nhận.',
    en: 'The time limit is {rule} on the calendar, counted from when the dossier is received.',
  },
  versionNote: { vi: 'Áp dụng từ {d}', en: 'In force since {d}' },
  description: { vi: 'Mô tả', en: 'Description' },
};

const LEVEL_LABELS: Record<string, Text> = {
  province: { vi: 'Cấp tỉnh', en: 'Province' },
  commune: { vi: 'Cấp xã', en: 'Commune' },
  central: { vi: 'Cấp trung ương', en: 'Central' },
};

const APPLICANT_LABELS: Record<string, Text> = {
  citizen: { vi: 'Công dân Việt Nam', en: 'Vietnamese citizens' },
  enterprise: { vi: 'Doanh nghiệp', en: 'Businesses' },
  organisation: { vi: 'Tổ chức', en: 'Organisations' },
  overseas_vietnamese: { vi: 'Người Việt Nam ở nước ngoài', en: 'Overseas Vietnamese' },
  foreigner: { vi: 'Người nước ngoài', en: 'Foreigners' },
};

/** The one-stop section that receives dossiers for a procedure (province level), from the unit tree. */
export function receivingUnitFor(content: ProcedureContent, units: readonly Unit[]): Unit | undefined {
  if (content.level === 'commune' || !content.competentAgencyCode) return undefined;
  const byId = new Map(units.map((u) => [u.id, u]));
  let unit = units.find((u) => u.agencyCode === content.competentAgencyCode && !u.validTo);
  while (unit && unit.kind !== 'province') unit = unit.parentId ? byId.get(unit.parentId) : undefined;
  if (!unit) return undefined;
  const provinceId = unit.id;
  return units.find((u) => u.kind === 'one_stop_section' && u.parentId === provinceId && !u.validTo);
}

function OfficeFacts({ unit }: { unit: Unit }) {
  const t = useT();
  const hours = (unit.officeHours ?? DEFAULT_OFFICE_HOURS).periods
    .map((p) => `${p.start}–${p.end}`)
    .join(', ');
  return (
    <div className="c-card-facts">
      <Facts
        items={[
          ...(unit.address ? [{ label: t(m.address), value: unit.address }] : []),
          ...(unit.phone
            ? [
                {
                  label: t(m.phone),
                  value: <a href={`tel:${unit.phone.replace(/[^\d+]/g, '')}`}>{unit.phone}</a>,
                },
              ]
            : []),
          { label: t(m.hours), value: t(m.hoursValue, { p: hours }) },
        ]}
      />
    </div>
  );
}

export function ProcedurePage() {
  const { code = '' } = useParams();
  const t = useT();
  const procedure = useQuery({ queryKey: queryKeys.procedure(code), queryFn: () => fetchProcedure(code) });
  if (procedure.isLoading) return <Loading />;
  if (procedure.error || !procedure.data)
    return (
      <Page title={t(m.notFound)}>
        <CitizenError error={procedure.error} onRetry={() => void procedure.refetch()} />
      </Page>
    );
  return <ProcedureView detail={procedure.data} />;
}

function ProcedureView({ detail }: { detail: NonNullable<Awaited<ReturnType<typeof fetchProcedure>>> }) {
  const t = useT();
  const { me } = useAuth();
  const rule = useRuleText();
  const money = useMoney();
  const fmt = useLongDateTime();
  const content = detail.content;
  const [variantCode, setVariantCode] = useState('');
  const units = useQuery({ queryKey: queryKeys.units, queryFn: fetchUnits, staleTime: 10 * 60_000 });
  const isOnline =
    content.onlineServiceLevel !== 'none' && content.channels.some((c) => c.channel === 'online');
  const channel: Channel = isOnline ? 'online' : 'counter';
  const resolvedOrError = resolveProcedure(
    content,
    content.channels.some((c) => c.channel === channel)
      ? channel
      : (content.channels[0]?.channel ?? 'counter'),
    variantCode || undefined,
  );
  const resolved = 'error' in resolvedOrError ? undefined : resolvedOrError;
  const processingTime = resolved?.processingTime ?? content.processingTime;
  const components = resolved?.components ?? content.components;
  const receivingUnit = units.data ? receivingUnitFor(content, units.data) : undefined;
  const communeSections = (units.data ?? []).filter(
    (u) => u.kind === 'one_stop_section' && !u.validTo && u.agencyCode.startsWith('001.'),
  );

  const due = useQuery({
    queryKey: ['due-preview', processingTime, receivingUnit?.id ?? null],
    queryFn: () =>
      api<DueResult>('/api/calendar/due', {
        query: {
          from: new Date().toISOString(),
          amount: processingTime.amount,
          unit: processingTime.unit,
          unit_id: receivingUnit?.id,
          same_day: processingTime.isSameDay ? 'true' : undefined,
        },
      }),
    enabled: !units.isLoading,
    staleTime: 60_000,
  });

  const submitPath = paths.submit(detail.procedureCode);
  const loginPath = `${paths.login}?next=${encodeURIComponent(submitPath)}`;
  const feeChannels = content.channels.filter((c) => c.fees.length > 0);

  const submitBox = isOnline ? (
    <div className="c-cta">
      {me?.type === 'officer' ? (
        <p className="muted">{t(m.officerNote)}</p>
      ) : (
        <>
          <Link className="btn btn-primary c-btn-big" to={me?.type === 'citizen' ? submitPath : loginPath}>
            {t(m.submitOnline)}
          </Link>
          {me ? null : <p className="hint">{t(m.loginFirst)}</p>}
        </>
      )}
    </div>
  ) : (
    <p className="alert alert-info">{t(m.notOnline)}</p>
  );

  return (
    <Page title={content.name}>
      <div className="c-proc-top">
        <p className="c-result-meta">
          <OnlineLevelBadge level={content.onlineServiceLevel} withHint />
        </p>
        {submitBox}
      </div>

      <Card className="c-card-facts">
        <Facts
          items={[
            { label: t(m.timeLimit), value: rule(processingTime) },
            {
              label: t(m.agency),
              value: content.level === 'commune' ? t(m.communeAgency) : (detail.competentAgency?.name ?? '—'),
            },
            { label: t(m.result), value: content.result.name },
            {
              label: t(m.who),
              value: content.applicantTypes.map((a) => t(APPLICANT_LABELS[a] ?? { vi: a, en: a })).join(', '),
            },
            { label: t(m.field), value: content.field.name },
            { label: t(m.level), value: t(LEVEL_LABELS[content.level] ?? { vi: '', en: '' }) },
            { label: t(m.code), value: <span className="mono">{detail.procedureCode}</span> },
          ]}
        />
        {content.description ? <p className="c-pre">{content.description}</p> : null}
      </Card>

      <section className="card" aria-labelledby="proc-due">
        <h2 id="proc-due">{t(m.expected)}</h2>
        {due.isLoading ? <Loading /> : null}
        {due.error ? <CitizenError error={due.error} onRetry={() => void due.refetch()} /> : null}
        {due.data ? (
          <DeadlineExplanation
            deadline={{
              rule: processingTime,
              startedAt: due.data.startedAt,
              dueAt: due.data.dueAt,
              items: due.data.explanation,
            }}
            fullText={due.data.explanationText}
            intro={
              <>
                <p className="c-big-date">{t(m.expectedDate, { d: fmt(due.data.dueAt) })}</p>
                <p>
                  {processingTime.unit === 'calendar-days'
                    ? t(m.calendarDays, { rule: rule(processingTime) })
                    : t(m.expectedHow, { rule: rule(processingTime) })}
                </p>
                {isOnline ? <p className="muted">{t(m.expectedOnline)}</p> : null}
              </>
            }
          />
        ) : null}
      </section>

      <section className="card" aria-labelledby="proc-bring">
        <h2 id="proc-bring">{t(m.bring)}</h2>
        {content.variants.length > 0 ? (
          <SelectField
            label={t(m.variant)}
            hint={t(m.variantHint)}
            value={variantCode}
            placeholder={t(m.general)}
            options={content.variants.map((v) => ({ value: v.code, label: v.name }))}
            onChange={(e) => setVariantCode(e.target.value)}
          />
        ) : null}
        {variantCode ? (
          <p className="muted">
            {content.variants.find((v) => v.code === variantCode)?.description ?? ''} {t(m.timeLimit)}:{' '}
            <strong>{rule(processingTime)}</strong>
          </p>
        ) : null}
        {components.length === 0 ? <p>{t(m.noComponents)}</p> : null}
        <ol className="c-components">
          {components.map((c) => (
            <li key={c.code} className="c-component">
              <p className="c-component-name">{c.name}</p>
              <p className="c-component-meta">
                <span className={`badge ${c.isRequired ? 'c-req' : 'c-opt'}`}>
                  {t(c.isRequired ? m.required : m.optional)}
                </span>
                {c.originalCount > 0 ? <span>{t(m.original, { n: c.originalCount })}</span> : null}
                {c.copyCount > 0 ? <span>{t(m.copy, { n: c.copyCount })}</span> : null}
              </p>
              {c.isPresentOnly ? <p className="hint">{t(m.presentOnly)}</p> : null}
              {c.reuseSource ? (
                <p className="hint">{t(c.reuseSource === 'population_db' ? m.reuse : m.reuseStore)}</p>
              ) : null}
              {c.formTemplate ? (
                <p className="hint">
                  {t(m.template)}: {c.formTemplate.name}
                  {c.formTemplate.url ? (
                    <>
                      {' · '}
                      <a href={c.formTemplate.url} target="_blank" rel="noreferrer">
                        {t(m.download)}
                        <span className="visually-hidden"> {c.formTemplate.name}</span>
                      </a>
                    </>
                  ) : null}
                </p>
              ) : null}
              {c.note ? <p className="hint">{c.note}</p> : null}
            </li>
          ))}
        </ol>
      </section>

      <section className="card" aria-labelledby="proc-fees">
        <h2 id="proc-fees">{t(m.fees)}</h2>
        {feeChannels.length === 0 ? (
          <p>{t(m.noFees)}</p>
        ) : (
          <>
            <ul className="c-plain-list">
              {feeChannels.map((c) => (
                <li key={c.channel}>
                  <strong>{t(CHANNEL_LABELS[c.channel])}:</strong>{' '}
                  {c.fees.map((f, i) => (
                    <span key={i} className="c-fee">
                      {f.name}: <strong>{money(f.amount)}</strong>
                      {f.note ? <span className="muted"> ({f.note})</span> : null}
                    </span>
                  ))}
                </li>
              ))}
            </ul>
            {content.feeCollection === 'before' ? <p>{t(m.feeBefore)}</p> : null}
            {content.feeCollection === 'after' ? <p>{t(m.feeAfter)}</p> : null}
          </>
        )}
      </section>

      <section className="card" aria-labelledby="proc-where">
        <h2 id="proc-where">{t(m.where)}</h2>
        {content.level === 'commune' ? (
          <>
            <p>{t(m.communeWhere)}</p>
            {content.isBoundaryFree ? <p>{t(m.boundaryFree)}</p> : null}
            {communeSections.length > 0 ? (
              <details className="c-details">
                <summary>{t(m.communeList)}</summary>
                <ul className="c-office-list">
                  {communeSections.map((u) => (
                    <li key={u.id}>
                      <h3>{u.name}</h3>
                      <OfficeFacts unit={u} />
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
          </>
        ) : receivingUnit ? (
          <>
            <h3>{receivingUnit.name}</h3>
            <OfficeFacts unit={receivingUnit} />
            {content.isBoundaryFree ? <p>{t(m.boundaryFree)}</p> : null}
          </>
        ) : units.isLoading ? (
          <Loading />
        ) : null}
        <h3>{t(m.ways)}</h3>
        <ul className="c-plain-list">
          {content.channels.map((c) => (
            <li key={c.channel}>
              <strong>{t(CHANNEL_LABELS[c.channel])}</strong>
              {c.channel === 'online' ? (
                <>
                  {' '}
                  <OnlineLevelBadge level={content.onlineServiceLevel} />
                </>
              ) : null}
              {c.processingTime ? ` · ${rule(c.processingTime)}` : null}
              {c.description ? <span className="c-block muted">{c.description}</span> : null}
            </li>
          ))}
        </ul>
      </section>

      {content.conditions ? (
        <section className="card" aria-labelledby="proc-cond">
          <h2 id="proc-cond">{t(m.conditions)}</h2>
          <p className="c-pre">{content.conditions}</p>
        </section>
      ) : null}

      {content.legalBasis.length > 0 ? (
        <section className="card" aria-labelledby="proc-legal">
          <h2 id="proc-legal">{t(m.legal)}</h2>
          <ul className="c-plain-list">
            {content.legalBasis.map((l) => (
              <li key={l.number}>
                <strong>{l.number}</strong> — {l.title}
                {l.issuedOn ? (
                  <span className="muted">
                    {' '}
                    ({t(m.issued, { d: l.issuedOn.split('-').reverse().join('/') })})
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
          <p className="muted">
            {t(m.versionNote, { d: detail.effectiveFrom.split('-').reverse().join('/') })}
          </p>
        </section>
      ) : null}

      {isOnline ? submitBox : null}
    </Page>
  );
}
