import type { OutboxHandler } from '../modules/outbox/outbox.worker.ts';
import type { AppContext } from '../shared/app-context.ts';

/**
 * Subscribers of the outbox by topic. Notification, national sync and webhook adapters register
 * here (integration issue); each must be idempotent because delivery is at least once.
 */
export function outboxHandlers(_ctx: AppContext): Record<string, OutboxHandler[]> {
  return {
    'dossier.created': [],
    'dossier.status_changed': [],
    'dossier.rated': [],
  };
}
