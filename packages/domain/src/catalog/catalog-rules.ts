import type { DeadlineRule } from '../deadline/index.ts';
import { ruleToWorkingMinutes } from '../deadline/index.ts';
import type { Channel, Component, ProcedureVersionContent, ProcessStep, Variant } from './catalog-schemas.ts';

/** The effective definition of a procedure version for one variant (trường hợp) and channel. */
export interface ResolvedProcedure {
  variant: Variant | undefined;
  processingTime: DeadlineRule;
  components: readonly Component[];
  steps: readonly ProcessStep[];
  fees: { kind: 'fee' | 'charge'; name: string; amount: number }[];
  feeTotal: number;
}

/**
 * Resolves a version for a variant and channel. Precedence for the processing time: the variant's
 * own time, else the channel's, else the version's (docs/adr/0004-catalog-versions.md).
 * Returns undefined when the variant code or the channel is not part of the version.
 */
export function resolveProcedure(
  content: ProcedureVersionContent,
  channel: Channel,
  variantCode?: string | null,
): ResolvedProcedure | { error: 'VARIANT_NOT_FOUND' | 'CHANNEL_NOT_OFFERED' } {
  const variant = variantCode ? content.variants.find((v) => v.code === variantCode) : undefined;
  if (variantCode && !variant) return { error: 'VARIANT_NOT_FOUND' };
  // Chat intake follows the online channel's rules (it is an online submission through another front end).
  const channelKey: Channel = channel === 'chat' ? 'online' : channel;
  const channelRule = content.channels.find((c) => c.channel === channelKey);
  if (!channelRule) return { error: 'CHANNEL_NOT_OFFERED' };
  const fees = channelRule.fees.map((f) => ({ kind: f.kind, name: f.name, amount: f.amount }));
  return {
    variant,
    processingTime: variant?.processingTime ?? channelRule.processingTime ?? content.processingTime,
    components: variant?.components ?? content.components,
    steps: variant?.steps ?? content.steps,
    fees,
    feeTotal: fees.reduce((sum, f) => sum + f.amount, 0),
  };
}

export interface CatalogProblem {
  path: string;
  code:
    | 'STEP_BUDGETS_MISMATCH'
    | 'DUPLICATE_CODE'
    | 'COMPETENT_AGENCY_REQUIRED'
    | 'COMPETENT_AGENCY_NOT_ALLOWED'
    | 'DUPLICATE_CHANNEL'
    | 'ONLINE_LEVEL_MISMATCH'
    | 'APPROVAL_STEP_MISSING';
  message: string;
}

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) dup.add(v);
    seen.add(v);
  }
  return [...dup];
}

function formatHours(minutes: number): string {
  return `${Math.round((minutes / 60) * 100) / 100} h`;
}

function checkBudgets(
  path: string,
  steps: readonly ProcessStep[],
  limit: DeadlineRule,
  problems: CatalogProblem[],
): void {
  const limitMinutes = ruleToWorkingMinutes(limit);
  if (limitMinutes === null) return; // calendar days or same-day: budgets are indicative only
  let sum = 0;
  for (const step of steps) {
    const m = ruleToWorkingMinutes(step.budget);
    if (m === null) {
      problems.push({
        path: `${path}steps.${step.code}`,
        code: 'STEP_BUDGETS_MISMATCH',
        message: `Step "${step.name}" must have a budget in working days or hours`,
      });
      return;
    }
    sum += m;
  }
  if (Math.abs(sum - limitMinutes) > 0.5) {
    problems.push({
      path: `${path}steps`,
      code: 'STEP_BUDGETS_MISMATCH',
      message: `Step budgets add up to ${formatHours(sum)} but the legal limit is ${formatHours(limitMinutes)}`,
    });
  }
}

/** Business rules a version must satisfy to be published (schema validity is checked by Zod). */
export function validateVersionContent(content: ProcedureVersionContent): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  const dupCheck = (path: string, values: readonly string[]): void => {
    for (const d of duplicates(values)) {
      problems.push({ path, code: 'DUPLICATE_CODE', message: `Code "${d}" is used more than once` });
    }
  };
  dupCheck(
    'components',
    content.components.map((c) => c.code),
  );
  dupCheck(
    'steps',
    content.steps.map((s) => s.code),
  );
  dupCheck(
    'variants',
    content.variants.map((v) => v.code),
  );
  dupCheck(
    'eForm',
    content.eForm.map((f) => f.key),
  );
  for (const d of duplicates(content.channels.map((c) => c.channel))) {
    problems.push({ path: 'channels', code: 'DUPLICATE_CHANNEL', message: `Channel ${d} is listed twice` });
  }
  if (content.level !== 'commune' && !content.competentAgencyCode) {
    problems.push({
      path: 'competentAgencyCode',
      code: 'COMPETENT_AGENCY_REQUIRED',
      message: 'Provincial and central procedures name their competent agency',
    });
  }
  if (content.level === 'commune' && content.competentAgencyCode) {
    problems.push({
      path: 'competentAgencyCode',
      code: 'COMPETENT_AGENCY_NOT_ALLOWED',
      message: 'For commune procedures the receiving commune is the competent agency',
    });
  }
  const hasOnline = content.channels.some((c) => c.channel === 'online');
  if (hasOnline !== (content.onlineServiceLevel !== 'none')) {
    problems.push({
      path: 'onlineServiceLevel',
      code: 'ONLINE_LEVEL_MISMATCH',
      message: 'An online channel needs an online service level (full or partial), and the reverse',
    });
  }
  checkBudgets('', content.steps, content.processingTime, problems);
  if (!content.steps.some((s) => s.role === 'leader')) {
    problems.push({
      path: 'steps',
      code: 'APPROVAL_STEP_MISSING',
      message: 'The process needs a leader approval step',
    });
  }
  for (const v of content.variants) {
    dupCheck(
      `variants.${v.code}.components`,
      (v.components ?? []).map((c) => c.code),
    );
    dupCheck(
      `variants.${v.code}.steps`,
      (v.steps ?? []).map((s) => s.code),
    );
    if (v.steps || v.processingTime) {
      const steps = v.steps ?? content.steps;
      checkBudgets(`variants.${v.code}.`, steps, v.processingTime ?? content.processingTime, problems);
      if (!steps.some((s) => s.role === 'leader')) {
        problems.push({
          path: `variants.${v.code}.steps`,
          code: 'APPROVAL_STEP_MISSING',
          message: 'The process needs a leader approval step',
        });
      }
    }
  }
  return problems;
}
