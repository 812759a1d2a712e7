import { AppError } from '../../errors/app-error.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { ping } from './health.repository.ts';

export async function checkHealth(ctx: AppContext) {
  if (!(await ping(ctx.db))) throw new AppError('DATABASE_UNAVAILABLE', 'The database does not answer');
  return { status: 'ok' as const, database: ctx.config.databaseMode, time: ctx.clock().toISOString() };
}
