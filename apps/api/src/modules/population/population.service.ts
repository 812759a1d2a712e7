import { createPopulationRegistryAdapter } from '../../integrations/population-registry.adapter.ts';
import { AppError } from '../../errors/app-error.ts';
import type { Actor } from '../../shared/actor.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { requireRole } from '../../shared/authz.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { PopulationPersonView, PopulationQuery } from './population.schemas.ts';

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
  const url = ctx.config.POPULATION_REGISTRY_URL;
  if (!url) throw new AppError('INTEGRATION_NOT_CONFIGURED', 'The population registry is not configured');
  const adapter = createPopulationRegistryAdapter({
    url,
    token: ctx.config.POPULATION_REGISTRY_TOKEN,
    timeoutMs: ctx.config.INTEGRATION_TIMEOUT_MS,
  });
  const answer = await adapter.findPerson(idNumber);
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
