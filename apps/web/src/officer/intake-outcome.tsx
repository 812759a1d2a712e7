import { useEffect, useId, useRef } from 'react';
import { Link } from 'react-router';
import { useT, type Text } from '../app/i18n.tsx';
import { paths } from '../app/paths.ts';
import { Alert, Button, Card, Facts, Page, TextArea } from '../ui/ui.tsx';
import { formUrl, type DossierDetail } from './officer-api.ts';
import type { FieldErrors } from './officer-text.ts';

/**
 * The two other outcomes of counter intake (domain.md §1.3): written guidance to complete the
 * dossier, once (T3, Mẫu 02), and refusal to receive it (T4, Mẫu 03). The panel collects what each
 * needs; the result page shows the code and prints the form at once.
 */

export type IntakeOutcome = 'guide' | 'refuse';

const m = {
  guide: { vi: 'Hướng dẫn bổ sung (Mẫu 02)', en: 'Guidance to complete (form 02)' },
  refuse: { vi: 'Từ chối tiếp nhận (Mẫu 03)', en: 'Refuse to receive (form 03)' },
  guideTitle: {
    vi: 'Hướng dẫn bổ sung, hoàn thiện hồ sơ (Mẫu 02)',
    en: 'Written guidance to complete the dossier (form 02)',
  },
  guideLead: {
    vi: 'Hồ sơ chưa đầy đủ, chưa hợp lệ: hướng dẫn người nộp một lần, bằng văn bản, đầy đủ các thành phần cần bổ sung và lý do. Hồ sơ được ghi nhận, có mã để tra cứu; thời hạn giải quyết chỉ bắt đầu khi hồ sơ được tiếp nhận.',
    en: 'The dossier is incomplete: guide the applicant once, in writing, listing every component to complete and why. The dossier is recorded with a code for lookup; the processing time starts only when it is received.',
  },
  items: { vi: 'Thành phần cần bổ sung, hoàn thiện', en: 'Components to complete' },
  include: { vi: 'Cần bổ sung: {name}', en: 'To complete: {name}' },
  itemReason: { vi: 'Lý do, nội dung cần hoàn thiện: {name}', en: 'What is missing and why: {name}' },
  itemsRequired: {
    vi: 'Chọn ít nhất một thành phần cần bổ sung.',
    en: 'Choose at least one component to complete.',
  },
  guideNote: {
    vi: 'Nội dung hướng dẫn chung (không bắt buộc)',
    en: 'General guidance (optional)',
  },
  guideNoteHint: { vi: 'In ở mục "Lý do" của Mẫu 02.', en: 'Printed as the reason on form 02.' },
  confirmGuide: { vi: 'Xác nhận hướng dẫn bổ sung', en: 'Confirm the guidance' },
  refuseTitle: { vi: 'Từ chối tiếp nhận hồ sơ (Mẫu 03)', en: 'Refuse to receive the dossier (form 03)' },
  refuseLead: {
    vi: 'Chỉ từ chối khi yêu cầu không thuộc thẩm quyền, không đủ điều kiện, hoặc người nộp không thể hoàn thiện hồ sơ. Lý do được in trên phiếu từ chối (Mẫu 03).',
    en: 'Refuse only when the request is outside competence, not eligible, or cannot be completed. The reason is printed on the refusal slip (form 03).',
  },
  refuseReason: { vi: 'Lý do từ chối tiếp nhận', en: 'Reason for refusal' },
  refuseReasonHint: {
    vi: 'Ghi rõ lý do và căn cứ; mỗi dòng là một ý trên Mẫu 03.',
    en: 'State the reason and its basis; each line is a point on form 03.',
  },
  confirmRefuse: { vi: 'Xác nhận từ chối tiếp nhận', en: 'Confirm the refusal' },
  cancel: { vi: 'Quay lại', en: 'Back' },
  guidedTitle: { vi: 'Đã hướng dẫn bổ sung hồ sơ {code}', en: 'Guidance given for dossier {code}' },
  refusedTitle: { vi: 'Đã từ chối tiếp nhận hồ sơ {code}', en: 'Dossier {code} refused at intake' },
  guidedLead: {
    vi: 'Hồ sơ chưa được tiếp nhận và chưa tính thời hạn giải quyết. Khi người nộp mang giấy tờ bổ sung đến, mở hồ sơ và chọn "Bổ sung hồ sơ", rồi "Tiếp nhận".',
    en: 'The dossier is not received and no processing time runs. When the applicant comes back with the papers, open the dossier, choose "Supply documents", then "Accept".',
  },
  refusedLead: {
    vi: 'Hồ sơ không được tiếp nhận. Giao phiếu từ chối (Mẫu 03) cho người nộp.',
    en: 'The dossier is not received. Hand the refusal slip (form 03) to the applicant.',
  },
  code: { vi: 'Mã hồ sơ', en: 'Dossier code' },
  outcome: { vi: 'Kết quả', en: 'Outcome' },
  lookupSecret: { vi: 'Mã tra cứu (in trên phiếu)', en: 'Lookup secret (on the slip)' },
  applicant: { vi: 'Người nộp', en: 'Applicant' },
  toComplete: { vi: 'Cần bổ sung', en: 'To complete' },
  reason: { vi: 'Lý do', en: 'Reason' },
  printGuide: {
    vi: 'In phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)',
    en: 'Print the guidance slip (form 02)',
  },
  printRefusal: {
    vi: 'In phiếu từ chối tiếp nhận hồ sơ (Mẫu 03)',
    en: 'Print the refusal slip (form 03)',
  },
  open: { vi: 'Mở hồ sơ', en: 'Open the dossier' },
  another: { vi: 'Tiếp nhận hồ sơ khác', en: 'Receive another dossier' },
} satisfies Record<string, Text>;

/** Pre-filled reason of a component not handed in; printed on Mẫu 02, so always in Vietnamese. */
const MISSING_REASON = 'Chưa nộp thành phần hồ sơ này';

export const OUTCOME_BUTTON_LABELS: Record<IntakeOutcome, Text> = { guide: m.guide, refuse: m.refuse };

/** One line of the guidance: a component of the procedure, whether it is listed, and why. */
export interface GuideItemDraft {
  code: string;
  name: string;
  isIncluded: boolean;
  reason: string;
}

/** The draft guidance from the checklist: the components not ticked as provided are listed. */
export function draftGuideItems(
  components: readonly { code: string; name: string; isRequired: boolean; isProvided: boolean }[],
  previous: readonly GuideItemDraft[],
): GuideItemDraft[] {
  return components.map((c) => {
    const before = previous.find((p) => p.code === c.code);
    if (before) return { ...before, name: c.name };
    const isIncluded = !c.isProvided && c.isRequired;
    return { code: c.code, name: c.name, isIncluded, reason: c.isProvided ? '' : MISSING_REASON };
  });
}

export interface OutcomeDraft {
  items: GuideItemDraft[];
  note: string;
  reason: string;
}

export function OutcomePanel({
  id,
  outcome,
  draft,
  onDraft,
  errors,
  isBusy,
  onConfirm,
  onCancel,
}: {
  id: string;
  outcome: IntakeOutcome;
  draft: OutcomeDraft;
  onDraft: (f: (d: OutcomeDraft) => OutcomeDraft) => void;
  errors: FieldErrors;
  isBusy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const t = useT();
  const baseId = useId();
  const panelRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    panelRef.current?.querySelector<HTMLElement>('h2')?.focus();
  }, [outcome]);
  const included = draft.items.filter((i) => i.isIncluded);
  const itemsErrorId = `${baseId}-items-error`;
  const setItem = (code: string, patch: Partial<GuideItemDraft>) =>
    onDraft((d) => ({ ...d, items: d.items.map((i) => (i.code === code ? { ...i, ...patch } : i)) }));

  return (
    <div id={id} ref={panelRef}>
      <Card className="o-intake-outcome">
        <h2 tabIndex={-1}>{t(outcome === 'guide' ? m.guideTitle : m.refuseTitle)}</h2>
        <p className="muted">{t(outcome === 'guide' ? m.guideLead : m.refuseLead)}</p>
        {outcome === 'guide' ? (
          <>
            <fieldset
              className={errors.items ? 'o-invalid' : undefined}
              aria-describedby={errors.items ? itemsErrorId : undefined}
            >
              <legend>{t(m.items)}</legend>
              {errors.items ? (
                <p className="field-error" id={itemsErrorId}>
                  {errors.items}
                </p>
              ) : null}
              {draft.items.map((item) => {
                const index = included.findIndex((i) => i.code === item.code);
                const checkId = `${baseId}-${item.code}`;
                return (
                  <div key={item.code} className="o-supplement-item">
                    <div className="checkbox">
                      <input
                        id={checkId}
                        type="checkbox"
                        checked={item.isIncluded}
                        aria-invalid={errors.items ? true : undefined}
                        aria-describedby={errors.items ? itemsErrorId : undefined}
                        onChange={(e) => setItem(item.code, { isIncluded: e.target.checked })}
                      />
                      <label htmlFor={checkId}>{t(m.include, { name: item.name })}</label>
                    </div>
                    {item.isIncluded ? (
                      <TextArea
                        label={t(m.itemReason, { name: item.name })}
                        required
                        rows={2}
                        maxLength={1000}
                        value={item.reason}
                        error={
                          index >= 0
                            ? (errors[`items.${index}.reason`] ?? errors[`items.${index}.name`])
                            : undefined
                        }
                        onChange={(e) => setItem(item.code, { reason: e.target.value })}
                      />
                    ) : null}
                  </div>
                );
              })}
            </fieldset>
            <TextArea
              label={t(m.guideNote)}
              hint={t(m.guideNoteHint)}
              rows={2}
              maxLength={2000}
              value={draft.note}
              error={errors.note}
              onChange={(e) => {
                const note = e.target.value;
                onDraft((d) => ({ ...d, note }));
              }}
            />
          </>
        ) : (
          <TextArea
            label={t(m.refuseReason)}
            hint={t(m.refuseReasonHint)}
            required
            rows={3}
            maxLength={2000}
            value={draft.reason}
            error={errors.reason}
            onChange={(e) => {
              const reason = e.target.value;
              onDraft((d) => ({ ...d, reason }));
            }}
          />
        )}
        <div className="row">
          <Button variant={outcome === 'refuse' ? 'danger' : 'primary'} isBusy={isBusy} onClick={onConfirm}>
            {t(outcome === 'guide' ? m.confirmGuide : m.confirmRefuse)}
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            {t(m.cancel)}
          </Button>
        </div>
      </Card>
    </div>
  );
}

/** After guidance or refusal: the code, the outcome and the form to print now. */
export function OutcomeCreated({ dossier: d, onAnother }: { dossier: DossierDetail; onAnother: () => void }) {
  const t = useT();
  const isRefused = d.status === 'refused';
  const guidance = d.supplements.at(-1);
  const refusal = d.history.find((h) => h.action === 'refuse');
  const items = (guidance?.items ?? []).map((i) => ({
    name: typeof i['name'] === 'string' ? i['name'] : '',
    reason: typeof i['reason'] === 'string' ? i['reason'] : '',
  }));
  return (
    <Page title={t(isRefused ? m.refusedTitle : m.guidedTitle, { code: d.code })}>
      <Alert kind={isRefused ? 'warning' : 'info'}>
        <p>{t(isRefused ? m.refusedLead : m.guidedLead)}</p>
        <Facts
          items={[
            { label: t(m.code), value: <span className="mono o-big">{d.code}</span> },
            ...(d.lookupSecret
              ? [{ label: t(m.lookupSecret), value: <span className="mono">{d.lookupSecret}</span> }]
              : []),
            { label: t(m.outcome), value: <strong>{t(d.statusLabel)}</strong> },
            {
              label: t(m.applicant),
              value: typeof d.applicant.fullName === 'string' ? d.applicant.fullName : '',
            },
            ...(isRefused && refusal?.reason ? [{ label: t(m.reason), value: refusal.reason }] : []),
            ...(!isRefused && items.length > 0
              ? [
                  {
                    label: t(m.toComplete),
                    value: (
                      <ul>
                        {items.map((i, index) => (
                          <li key={index}>
                            {i.name}: {i.reason}
                          </li>
                        ))}
                      </ul>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Alert>
      <div className="row">
        <a
          className="btn btn-primary"
          href={formUrl(d.code, isRefused ? 'refusal' : 'supplement-request')}
          target="_blank"
          rel="noopener noreferrer"
        >
          {t(isRefused ? m.printRefusal : m.printGuide)}
        </a>
        <Link className="btn btn-secondary" to={paths.officerDossier(d.code)}>
          {t(m.open)}
        </Link>
        <Button variant="secondary" onClick={onAnother}>
          {t(m.another)}
        </Button>
      </div>
    </Page>
  );
}
