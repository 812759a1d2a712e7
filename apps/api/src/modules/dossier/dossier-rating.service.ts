import crypto from 'node:crypto';
import type { DossierStatus } from '@motcua/domain';
import { AppError } from '../../errors/app-error.ts';
import type { Actor } from '../../shared/actor.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { requireCitizen } from '../../shared/authz.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { getCalendar } from '../calendar/calendar.service.ts';
import { enqueue } from '../outbox/outbox.service.ts';
import { refreshDossierStatistics } from '../statistics/statistics-facts.service.ts';
import {
  findDossierByCode,
  findRating,
  findVisibleDossierByCode,
  insertRatingIfAbsent,
  lockDossier,
  type DossierRow,
} from './dossier.repository.ts';
import type { PublicRatingInput, RatingAspects, RatingInput, RatingView } from './dossier.schemas.ts';

/**
 * Satisfaction rating (đánh giá mức độ hài lòng) of a settled dossier: once, by the owner account
 * in the portal, or by whoever holds the code and the lookup secret printed on the receipt.
 *
 * This file does not import dossier.service.ts (which reads ratings for the dossier views), so
 * the two stay free of import cycles.
 */

/** Statuses in which a dossier may be rated: it is settled and the applicant knows the outcome. */
export const RATEABLE_STATUSES: readonly DossierStatus[] = ['returned', 'refused', 'stopped'];

export function isRateableStatus(status: string): boolean {
  return (RATEABLE_STATUSES as readonly string[]).includes(status);
}

type RatingRow = NonNullable<Awaited<ReturnType<typeof findRating>>>;

export function toRatingView(row: RatingRow): RatingView {
  return {
    score: row.score,
    comment: row.comment,
    aspects: (row.aspects ?? {}) as RatingAspects,
    ratedAt: row.ratedAt.toISOString(),
    channel: row.channel as RatingView['channel'],
  };
}

/** The rating of a dossier, if given. */
export async function findRatingView(ctx: AppContext, dossierId: string): Promise<RatingView | null> {
  const row = await findRating(ctx.db, dossierId);
  return row ? toRatingView(row) : null;
}

/**
 * Compares the lookup secret in constant time. A missing dossier is compared against a dummy
 * secret, so a wrong code and a wrong secret take the same time and give the same answer.
 */
export function isLookupSecretMatch(row: { lookupSecret: string } | undefined, secret: string): boolean {
  const given = Buffer.from(secret.trim().toUpperCase());
  const expected = Buffer.from(row?.lookupSecret ?? 'XXXXXX');
  const isMatch = given.length === expected.length && crypto.timingSafeEqual(given, expected);
  return row !== undefined && isMatch;
}

function notFound(code: string): AppError {
  return new AppError('DOSSIER_NOT_FOUND', `Dossier ${code} not found`);
}

async function rate(
  ctx: AppContext,
  actor: Actor,
  row: DossierRow,
  input: RatingInput,
  channel: RatingView['channel'],
  meta: { requestId?: string | undefined },
): Promise<RatingView> {
  if (!isRateableStatus(row.status)) {
    throw new AppError(
      'RATING_NOT_OPEN',
      'A dossier can be rated once it is settled (returned, refused or stopped)',
      { currentStatus: row.status },
    );
  }
  const now = ctx.clock();
  const aspects = Object.fromEntries(
    Object.entries(input.aspects ?? {}).filter(([, v]) => v !== undefined),
  ) as RatingAspects;
  const comment = input.comment ? input.comment : null;
  const calendar = await getCalendar(ctx, row.receivingUnitId);
  const saved = await ctx.db.transaction().execute(async (trx) => {
    // The dossier row lock orders a rating after any transition still committing on it.
    const locked = await lockDossier(trx, row.id);
    if (!locked || !isRateableStatus(locked.status))
      throw new AppError('RATING_NOT_OPEN', 'A dossier can be rated once it is settled', {
        currentStatus: locked?.status ?? row.status,
      });
    const inserted = await insertRatingIfAbsent(trx, {
      dossierId: row.id,
      score: input.score,
      aspects: JSON.stringify(aspects),
      comment,
      channel,
      ratedAt: now,
    });
    if (!inserted) throw new AppError('ALREADY_RATED', 'This dossier has already been rated');
    await recordAudit(
      trx,
      actor,
      {
        type: 'dossier.rated',
        entityType: 'dossier',
        entityId: row.id,
        summary: { code: row.code, score: input.score, channel },
      },
      { at: now, requestId: meta.requestId },
    );
    await enqueue(
      trx,
      [
        {
          topic: 'dossier.rated',
          aggregateType: 'dossier',
          aggregateId: row.id,
          payload: {
            dossierId: row.id,
            code: row.code,
            procedureCode: row.procedureCode,
            receivingUnitId: row.receivingUnitId,
            competentUnitId: row.competentUnitId,
            score: input.score,
            aspects,
            hasComment: comment !== null,
            channel,
            ratedAt: now.toISOString(),
          },
        },
      ],
      now,
    );
    // Last: the shared rollup rows stay locked until commit (ADR 0016).
    await refreshDossierStatistics(trx, { dossierId: row.id, calendar, now });
    return inserted;
  });
  return toRatingView(saved);
}

/** POST /api/dossiers/{code}/rating: the account that owns the dossier rates it. */
export async function rateOwnDossier(
  ctx: AppContext,
  actor: Actor,
  code: string,
  input: RatingInput,
  meta: { requestId?: string | undefined } = {},
): Promise<RatingView> {
  requireCitizen(actor);
  const row = await findVisibleDossierByCode(ctx.db, code, { type: 'citizen', id: actor.id });
  if (!row) throw notFound(code);
  return rate(ctx, actor, row, input, 'account', meta);
}

/** POST /api/public/rating: rating with the code and the lookup secret from the receipt. */
export async function rateByLookup(
  ctx: AppContext,
  actor: Actor,
  input: PublicRatingInput,
  meta: { requestId?: string | undefined } = {},
): Promise<RatingView> {
  const code = input.code.trim().toUpperCase();
  const row = await findDossierByCode(ctx.db, code);
  const isMatch = isLookupSecretMatch(row, input.secret);
  if (!row || !isMatch) throw notFound(code);
  const { score, comment, aspects } = input;
  return rate(ctx, actor, row, { score, comment, aspects }, 'lookup', meta);
}
