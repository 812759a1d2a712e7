import type { DeadlineRule } from '@motcua/domain';
import {
  renderApologyLetter,
  renderControlSlip,
  renderReceiptSlip,
  renderRefusalSlip,
  renderStopNotice,
  renderSupplementRequest,
  type DocumentApplicant,
  type DocumentBase,
} from '../document/index.ts';
import { AppError } from '../../errors/app-error.ts';
import type { Actor } from '../../shared/actor.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { findUnit } from '../organisation/organisation.service.ts';
import { getVersionById } from '../procedure/procedure.service.ts';
import { getDossier } from './dossier.service.ts';

/** Printed forms of a dossier, rendered on demand from its stored state. */
export const DOSSIER_FORMS = [
  'receipt',
  'supplement-request',
  'refusal',
  'apology',
  'control-slip',
  'stop-notice',
] as const;
export type DossierForm = (typeof DOSSIER_FORMS)[number];

const FORM_TITLES: Record<DossierForm, string> = {
  receipt: 'mau-01-giay-tiep-nhan',
  'supplement-request': 'mau-02-yeu-cau-bo-sung',
  refusal: 'mau-03-tu-choi',
  apology: 'mau-04-xin-loi-hen-lai',
  'control-slip': 'mau-05-phieu-kiem-soat',
  'stop-notice': 'thong-bao-dung-giai-quyet',
};

const UNIT_WORDS: Record<DeadlineRule['unit'], string> = {
  'working-days': 'ngày làm việc',
  'working-hours': 'giờ làm việc',
  'calendar-days': 'ngày',
};

export function describeProcessingTime(rule: DeadlineRule): string {
  if (rule.isSameDay) return 'Trong ngày';
  const amount = Number.isInteger(rule.amount)
    ? String(rule.amount).padStart(2, '0')
    : String(rule.amount).replace('.', ',');
  return `${amount} ${UNIT_WORDS[rule.unit]}`;
}

export function lookupUrl(ctx: AppContext, code: string, secret: string | null): string {
  const url = new URL('/tra-cuu', ctx.config.PUBLIC_BASE_URL);
  url.searchParams.set('ma', code);
  if (secret) url.searchParams.set('mk', secret);
  return url.toString();
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

export async function renderDossierForm(
  ctx: AppContext,
  actor: Actor,
  code: string,
  form: DossierForm,
  meta: { requestId?: string } = {},
): Promise<{ pdf: Buffer; fileName: string }> {
  if (actor.type !== 'officer' && form !== 'receipt' && form !== 'supplement-request' && form !== 'apology') {
    throw new AppError('FORBIDDEN', 'This form is for officers');
  }
  const d = await getDossier(ctx, actor, code);
  const version = await getVersionById(ctx, d.procedure.versionId);
  const receiving = await findUnit(ctx, d.receivingUnit.id);
  const competent = await findUnit(ctx, d.competentUnit.id);
  const parent = receiving?.parentId ? await findUnit(ctx, receiving.parentId) : undefined;
  const now = ctx.clock();
  const a = d.applicant;
  const applicant: DocumentApplicant = {
    name: str(a['fullName']) ?? '',
    ...(str(a['idNumber']) ? { idNumber: str(a['idNumber']) } : {}),
    ...(str(a['taxCode']) ? { taxCode: str(a['taxCode']) } : {}),
    ...(str(a['address']) ? { address: str(a['address']) } : {}),
    ...(str(a['phone']) ? { phone: str(a['phone']) } : {}),
    ...(str(a['email']) ? { email: str(a['email']) } : {}),
  };
  const procedure = {
    name: d.procedure.name,
    code: d.procedure.code,
    ...(d.procedure.variantName ? { variant: d.procedure.variantName } : {}),
  };
  const base = (issuerUnit: typeof receiving): DocumentBase => ({
    issuer: {
      unitName: issuerUnit?.name ?? d.receivingUnit.name,
      ...(parent ? { parentUnitName: parent.name } : {}),
      place: ctx.config.PROVINCE_NAME,
    },
    issuedAt: now,
    lookupUrl: lookupUrl(ctx, d.code, d.lookupSecret),
    dossierCode: d.code,
  });
  const receivedAt = new Date(d.receivedAt ?? d.submittedAt);
  const receivingOfficer =
    d.history.find((h) => h.action === 'receive' || h.action === 'accept')?.actorName ?? '';
  const components = d.components
    .filter((c) => c.isProvided)
    .map((c) => ({ name: c.name, originals: c.originalCount, copies: c.copyCount }));
  let pdf: Buffer;
  switch (form) {
    case 'receipt': {
      if (!d.receivedAt || !d.dueAt)
        throw new AppError('CONFLICT', 'The receipt exists once the dossier is received');
      if (!d.lookupSecret)
        throw new AppError('FORBIDDEN', 'Only the receiving section and the applicant print the receipt');
      const deliveryChannel =
        d.resultDelivery === 'postal' ? 'post' : d.resultDelivery === 'online' ? 'online' : 'counter';
      pdf = await renderReceiptSlip({
        ...base(receiving),
        lookupSecret: d.lookupSecret,
        applicant,
        procedure,
        components,
        numberOfSets: 1,
        legalProcessingTime: describeProcessingTime(version.content.processingTime),
        receivedAt,
        dueAt: new Date(d.dueAt),
        resultDelivery: {
          channel: deliveryChannel,
          ...(receiving?.address ? { detail: receiving.address } : {}),
        },
        receiverName: receivingOfficer,
        deadlineNotes: d.deadline?.text.vi ?? [],
      });
      break;
    }
    case 'supplement-request': {
      const s = d.supplements.at(-1);
      if (!s) throw new AppError('CONFLICT', 'No supplement was requested for this dossier');
      pdf = await renderSupplementRequest({
        ...base(receiving),
        applicant,
        procedure,
        receivedAt,
        items: s.items.map((i) => ({ name: str(i['name']) ?? '', reason: str(i['reason']) ?? '' })),
        reason: s.reason,
        hotline: receiving?.phone ?? '',
        officerName: d.history.filter((h) => h.action === 'request_supplement').at(-1)?.actorName ?? '',
      });
      break;
    }
    case 'refusal': {
      const h = d.history.find((x) => x.action === 'refuse');
      if (!h) throw new AppError('CONFLICT', 'This dossier was not refused');
      pdf = await renderRefusalSlip({
        ...base(receiving),
        applicant,
        procedure,
        components,
        reason: h.reason ?? '',
        officerName: h.actorName ?? '',
      });
      break;
    }
    case 'apology': {
      const e = d.extensions.at(-1);
      if (!e) throw new AppError('CONFLICT', 'No apology letter exists for this dossier');
      pdf = await renderApologyLetter({
        ...base(competent),
        ...(e.letterNumber ? { documentNumber: e.letterNumber.replace(/\/PXL$/, '') } : {}),
        addressee: { name: applicant.name, ...(applicant.address ? { address: applicant.address } : {}) },
        receivedAt,
        procedure,
        originalDueAt: new Date(e.previousDueAt),
        reason: e.reason,
        newDueAt: new Date(e.newDueAt),
        currentStatus: d.statusLabel.vi,
        responsibleUnit: d.currentUnit?.name ?? d.competentUnit.name,
        recipients: ['Như trên', d.receivingUnit.name, 'Lưu: VT'],
        signer: { title: 'Lãnh đạo cơ quan', name: e.signerName ?? '' },
      });
      break;
    }
    case 'control-slip': {
      if (!d.receivedAt || !d.dueAt)
        throw new AppError('CONFLICT', 'The control slip starts when the dossier is received');
      const handoffs = d.steps.slice(1).map((s, i) => {
        const prev = d.steps[i];
        return {
          fromUnit: prev?.unit.name ?? d.receivingUnit.name,
          toUnit: s.unit.name,
          handedOverAt: new Date(s.enteredAt),
          receivedAt: new Date(s.enteredAt),
          giverName: s.enteredByName ?? '',
          ...(s.assignee ? { receiverName: s.assignee.fullName } : {}),
          ...(prev?.timeliness ? { outcome: prev.timeliness } : {}),
          ...(s.note ? { note: s.note } : {}),
        };
      });
      pdf = await renderControlSlip({
        ...base(receiving),
        applicantName: applicant.name,
        procedure,
        receivedAt,
        dueAt: new Date(d.dueAt),
        handoffs,
      });
      break;
    }
    case 'stop-notice': {
      const request = d.history.filter((h) => h.action === 'request_withdrawal').at(-1);
      const confirm = d.history.find((h) => h.action === 'confirm_withdrawal');
      if (!request || !confirm)
        throw new AppError('CONFLICT', 'This dossier was not stopped at the applicant request');
      pdf = await renderStopNotice({
        ...base(receiving),
        applicant,
        procedure,
        receivedAt,
        requestedAt: new Date(request.occurredAt),
        ...(request.reason ? { requestReason: request.reason } : {}),
        recipients: ['Như trên', 'Lưu: VT'],
        signer: { title: 'Người tiếp nhận hồ sơ', name: confirm.actorName ?? '' },
      });
      break;
    }
  }
  await recordAudit(
    ctx.db,
    actor,
    {
      type: 'dossier.document_printed',
      entityType: 'dossier',
      entityId: d.id,
      summary: { code: d.code, form },
    },
    { at: now, requestId: meta.requestId },
  );
  return { pdf, fileName: `${FORM_TITLES[form]}-${d.code}.pdf` };
}
