import { createPopulationRegistryAdapter } from '../../integrations/population-registry.adapter.ts';
import { AppError } from '../../errors/app-error.ts';
import type { Actor } from '../../shared/actor.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { requireCitizen, requireRole } from '../../shared/authz.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { getMe } from '../user/user.service.ts';
import type { PopulationPersonView, PopulationQuery } from './population.schemas.ts';

function registryAdapter(ctx: AppContext) {
  const url = ctx.config.POPULATION_REGISTRY_URL;
  if (!url) throw new AppError('INTEGRATION_NOT_CONFIGURED', 'The population registry is not configured');
  return createPopulationRegistryAdapter({
    url,
    token: ctx.config.POPULATION_REGISTRY_TOKEN,
    timeoutMs: ctx.config.INTEGRATION_TIMEOUT_MS,
  });
}

/**
 * Identity prefill from the national population database (ADR 0013). Officers only; every
 * lookup — found, unknown or failed — writes an audit entry with who asked, for which ID number,
 * why and for which dossier, before the answer goes back.
 */
export async function lookupPerson(
  ctx: AppContext,
  actor: Actor,
  idNumber: string,
  query: PopulationQuery,
  meta: { requestId?: string | undefined } = {},
): Promise<PopulationPersonView> {
  // Identity data is for counter intake only: receiving officers, not every officer (ADR 0013).
  requireRole(actor, 'receiving_officer');
  const answer = await registryAdapter(ctx).findPerson(idNumber);
  await recordAudit(
    ctx.db,
    actor,
    {
      type: 'population.looked_up',
      entityType: 'person',
      entityId: idNumber,
      summary: { purpose: query.purpose, dossierCode: query.dossierCode ?? null, outcome: answer.outcome },
    },
    { at: ctx.clock(), requestId: meta.requestId },
  );
  switch (answer.outcome) {
    case 'found':
      return { ...answer.person, source: 'population_registry' };
    case 'not_found':
      throw new AppError(
        'PERSON_NOT_FOUND',
        'Không tìm thấy số định danh này trong CSDL quốc gia về dân cư / This ID number is not in the population database',
        { idNumber },
      );
    case 'unavailable':
      throw new AppError(
        'INTEGRATION_UNAVAILABLE',
        'CSDL dân cư không trả lời, vui lòng nhập tay / The population database did not answer; enter the details by hand',
        { cause: answer.message },
      );
  }
}

/**
 * A citizen's own record in the population database, to prefill the applicant step of an online
 * submission. The ID number is the one of the citizen's account, never one from the request, so
 * nobody reads another person's record this way. Audited like the officer lookup
 * (`population.looked_up`, purpose `own_profile`).
 */
export async function lookupOwnProfile(
  ctx: AppContext,
  actor: Actor,
  meta: { requestId?: string | undefined } = {},
): Promise<PopulationPersonView> {
  requireCitizen(actor);
  const me = await getMe(ctx, actor);
  const idNumber = me.type === 'citizen' ? me.idNumber : null;
  if (!idNumber) {
    throw new AppError(
      'POPULATION_NOT_FOUND',
      'Tài khoản không có số định danh cá nhân / Your account has no personal ID number to look up',
    );
  }
  const adapter = registryAdapter(ctx);
  const answer = await adapter.findPerson(idNumber);
  await recordAudit(
    ctx.db,
    actor,
    {
      type: 'population.looked_up',
      entityType: 'person',
      entityId: idNumber,
      summary: { purpose: 'own_profile', dossierCode: null, outcome: answer.outcome },
    },
    { at: ctx.clock(), requestId: meta.requestId },
  );
  switch (answer.outcome) {
    case 'found':
      return { ...answer.person, source: 'population_registry' };
    case 'not_found':
      throw new AppError(
        'POPULATION_NOT_FOUND',
        'Không tìm thấy số định danh của bạn trong CSDL quốc gia về dân cư / Your ID number is not in the population database',
      );
    case 'unavailable':
      throw new AppError(
        'POPULATION_REGISTRY_UNAVAILABLE',
        'CSDL dân cư không trả lời, vui lòng thử lại sau hoặc nhập tay / The population database did not answer; try again later or enter the details by hand',
      );
  }
}
