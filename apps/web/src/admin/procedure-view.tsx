import { sumStepBudgets } from '@motcua/domain';
import { useId, type ReactNode } from 'react';
import { useFormat, useT } from '../app/i18n.tsx';
import { Facts } from '../ui/ui.tsx';
import { roleLabel } from './admin-ui.tsx';
import {
  APPLICANT_LABELS,
  EFORM_TYPE_LABELS,
  FEE_COLLECTION_LABELS,
  FEE_KIND_LABELS,
  LEVEL_LABELS,
  ONLINE_LEVEL_LABELS,
  RESULT_TYPE_LABELS,
  STEP_UNIT_LABELS,
  SUPPLEMENT_LABELS,
  channelLabel,
  limitMinutes,
  minutesText,
  ruleText,
  type Content,
  type Step,
} from './catalog-shared.tsx';
import { showDate } from './admin-ui.tsx';

const yes = { vi: 'Có', en: 'Yes' };
const no = { vi: 'Không', en: 'No' };

/** A published version, read-only (tables rather than disabled inputs, so it reads well). */
export function ContentView({ content, agencyName }: { content: Content; agencyName: string | null }) {
  const t = useT();
  const f = useFormat();
  return (
    <div className="a-view">
      <ViewSection title={t({ vi: 'Thông tin chung', en: 'General' })}>
        <Facts
          items={[
            {
              label: t({ vi: 'Lĩnh vực', en: 'Field' }),
              value: `${content.field.name} (${content.field.code})`,
            },
            { label: t({ vi: 'Cấp thực hiện', en: 'Level' }), value: t(LEVEL_LABELS[content.level]) },
            {
              label: t({ vi: 'Cơ quan có thẩm quyền', en: 'Competent agency' }),
              value: content.competentAgencyCode
                ? `${agencyName ?? '?'} (${content.competentAgencyCode})`
                : t({ vi: 'UBND xã tiếp nhận hồ sơ', en: 'The receiving commune' }),
            },
            {
              label: t({ vi: 'Đối tượng', en: 'Who can apply' }),
              value: content.applicantTypes.map((a) => t(APPLICANT_LABELS[a])).join(', '),
            },
            {
              label: t({ vi: 'Thời hạn giải quyết', en: 'Time limit' }),
              value: ruleText(t, content.processingTime),
            },
            {
              label: t({ vi: 'Khi yêu cầu bổ sung', en: 'On a supplement request' }),
              value: t(SUPPLEMENT_LABELS[content.supplementMode]),
            },
            {
              label: t({ vi: 'Mức độ trực tuyến', en: 'Online service level' }),
              value: t(ONLINE_LEVEL_LABELS[content.onlineServiceLevel]),
            },
            {
              label: t({ vi: 'Thu phí, lệ phí', en: 'Fee collection' }),
              value: t(FEE_COLLECTION_LABELS[content.feeCollection]),
            },
            {
              label: t({ vi: 'Kết quả', en: 'Result' }),
              value: `${content.result.name} (${t(RESULT_TYPE_LABELS[content.result.type])})`,
            },
            ...(content.publicationDecision
              ? [
                  {
                    label: t({ vi: 'Quyết định công bố', en: 'Publication decision' }),
                    value: `${content.publicationDecision.number}, ${showDate(content.publicationDecision.issuedOn)}`,
                  },
                ]
              : []),
            {
              label: t({ vi: 'Không phụ thuộc địa giới', en: 'Boundary-free' }),
              value: t(content.isBoundaryFree ? yes : no),
            },
          ]}
        />
        {content.conditions ? (
          <>
            <h3>{t({ vi: 'Yêu cầu, điều kiện', en: 'Requirements and conditions' })}</h3>
            <p className="a-prewrap">{content.conditions}</p>
          </>
        ) : null}
      </ViewSection>

      <ViewSection title={t({ vi: 'Căn cứ pháp lý', en: 'Legal basis' })}>
        <Table
          caption={t({ vi: 'Căn cứ pháp lý', en: 'Legal basis' })}
          head={[
            t({ vi: 'Số hiệu', en: 'Number' }),
            t({ vi: 'Trích yếu', en: 'Title' }),
            t({ vi: 'Ban hành', en: 'Issued' }),
            t({ vi: 'Hiệu lực', en: 'In force' }),
          ]}
          rows={content.legalBasis.map((d) => [
            d.number,
            d.title,
            showDate(d.issuedOn),
            showDate(d.effectiveFrom),
          ])}
        />
      </ViewSection>

      <ViewSection title={t({ vi: 'Cách thức thực hiện, phí, lệ phí', en: 'Channels, fees and charges' })}>
        <Table
          caption={t({ vi: 'Kênh thực hiện', en: 'Channels' })}
          head={[
            t({ vi: 'Kênh', en: 'Channel' }),
            t({ vi: 'Thời hạn', en: 'Time limit' }),
            t({ vi: 'Phí, lệ phí', en: 'Fees' }),
            t({ vi: 'Hướng dẫn', en: 'Instructions' }),
          ]}
          rows={content.channels.map((c) => [
            channelLabel(t, c.channel),
            c.processingTime
              ? ruleText(t, c.processingTime)
              : `${ruleText(t, content.processingTime)} ${t({ vi: '(chung)', en: '(common)' })}`,
            c.fees.length === 0
              ? t({ vi: 'Không', en: 'None' })
              : c.fees
                  .map((fee) => `${t(FEE_KIND_LABELS[fee.kind])} ${fee.name}: ${f.money(fee.amount)}`)
                  .join('; '),
            c.description ?? '—',
          ])}
        />
      </ViewSection>

      <ViewSection title={t({ vi: 'Thành phần hồ sơ', en: 'Documents to file' })}>
        <ComponentsTable components={content.components} />
      </ViewSection>

      <ViewSection title={t({ vi: 'Quy trình nội bộ', en: 'Internal process' })}>
        <StepsTable steps={content.steps} limit={content.processingTime} />
      </ViewSection>

      {content.variants.length > 0 ? (
        <ViewSection title={t({ vi: 'Trường hợp riêng', en: 'Variants' })}>
          {content.variants.map((v) => (
            <div key={v.code} className="a-item">
              <h3>
                {v.name} <span className="mono muted a-small">({v.code})</span>
              </h3>
              {v.description ? <p>{v.description}</p> : null}
              <p>
                {t({ vi: 'Thời hạn', en: 'Time limit' })}:{' '}
                {ruleText(t, v.processingTime ?? content.processingTime)}
              </p>
              {v.components ? <ComponentsTable components={v.components} /> : null}
              {v.steps ? (
                <StepsTable steps={v.steps} limit={v.processingTime ?? content.processingTime} />
              ) : null}
            </div>
          ))}
        </ViewSection>
      ) : null}

      <ViewSection title={t({ vi: 'Biểu mẫu điện tử', en: 'E-form fields' })}>
        <Table
          caption={t({ vi: 'Biểu mẫu điện tử', en: 'E-form fields' })}
          head={[
            t({ vi: 'Khóa', en: 'Key' }),
            t({ vi: 'Nhãn', en: 'Label' }),
            t({ vi: 'Kiểu', en: 'Type' }),
            t({ vi: 'Bắt buộc', en: 'Required' }),
          ]}
          rows={content.eForm.map((e) => [
            <span className="mono" key="k">
              {e.key}
            </span>,
            e.label,
            t(EFORM_TYPE_LABELS[e.type]),
            t(e.isRequired ? yes : no),
          ])}
        />
      </ViewSection>
    </div>
  );
}

function ViewSection({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function Table({ caption, head, rows }: { caption: string; head: string[]; rows: ReactNode[][] }) {
  const t = useT();
  if (rows.length === 0) return <p className="muted">{t({ vi: 'Không có.', en: 'None.' })}</p>;
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              {row.map((cell, j) =>
                j === 0 ? (
                  <th key={j} scope="row" className="a-th">
                    {cell}
                  </th>
                ) : (
                  <td key={j}>{cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ComponentsTable({ components }: { components: Content['components'] }) {
  const t = useT();
  return (
    <Table
      caption={t({ vi: 'Thành phần hồ sơ', en: 'Documents to file' })}
      head={[
        t({ vi: 'Giấy tờ', en: 'Document' }),
        t({ vi: 'Bản chính', en: 'Originals' }),
        t({ vi: 'Bản sao', en: 'Copies' }),
        t({ vi: 'Bắt buộc', en: 'Required' }),
        t({ vi: 'Mẫu', en: 'Template' }),
      ]}
      rows={components.map((c) => [
        c.name,
        String(c.originalCount),
        String(c.copyCount),
        t(c.isRequired ? yes : no),
        c.formTemplate ? (
          c.formTemplate.url ? (
            <a href={c.formTemplate.url} key="u">
              {c.formTemplate.name}
            </a>
          ) : (
            c.formTemplate.name
          )
        ) : (
          '—'
        ),
      ])}
    />
  );
}

function StepsTable({ steps, limit }: { steps: readonly Step[]; limit: Content['processingTime'] }) {
  const t = useT();
  const sum = sumStepBudgets(steps.map((s) => s.budget));
  const limitMin = limitMinutes(limit);
  return (
    <>
      <Table
        caption={t({ vi: 'Quy trình nội bộ', en: 'Internal process' })}
        head={[
          t({ vi: 'Bước', en: 'Step' }),
          t({ vi: 'Vai trò', en: 'Role' }),
          t({ vi: 'Đơn vị', en: 'Unit' }),
          t({ vi: 'Thời gian', en: 'Budget' }),
        ]}
        rows={steps.map((s, i) => [
          `${i + 1}. ${s.name}`,
          roleLabel(t, s.role),
          s.unit.kind === 'fixed' ? s.unit.agencyCode : t(STEP_UNIT_LABELS[s.unit.kind]),
          ruleText(t, s.budget),
        ])}
      />
      <p className="muted">
        {t(
          { vi: 'Tổng: {sum}; thời hạn: {limit}', en: 'Sum: {sum}; limit: {limit}' },
          {
            sum: sum === null ? '—' : minutesText(t, sum),
            limit: limitMin === null ? ruleText(t, limit) : minutesText(t, limitMin),
          },
        )}
      </p>
    </>
  );
}
