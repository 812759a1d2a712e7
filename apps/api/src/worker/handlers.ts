import {
  deliverNotification,
  planDossierNotification,
  sendEmailMessage,
} from '../modules/notification/notification.service.ts';
import { planNationalSync, pushNationalSync } from '../modules/national-sync/national-sync.service.ts';
import type { OutboxHandler } from '../modules/outbox/outbox.worker.ts';
import { sendWeeklyReport } from '../modules/statistics/statistics-weekly.service.ts';
import { sweepExpiredUploads } from '../modules/upload/upload.service.ts';
import { deliverWebhook, planWebhookDeliveries } from '../modules/webhook/webhook.service.ts';
import { cancelOrderAtCarrier, createOrderAtCarrier } from '../modules/postal/postal.service.ts';
import {
  fetchInboundAttachment,
  sendAcknowledgementToHub,
  sendDocumentToHub,
} from '../modules/exchange/exchange.service.ts';
import { fulfilPaidObligation, reconcilePaymentsJob } from '../modules/payment/payment.service.ts';
import type { AppContext } from '../shared/app-context.ts';

/**
 * Subscribers of the outbox by topic. Each must be idempotent because delivery is at least once.
 * Dossier events fan out into their own messages (one per delivery: `notification.send`, …) so
 * that each outside receiver is retried and dead-lettered on its own.
 */
export function outboxHandlers(ctx: AppContext): Record<string, OutboxHandler[]> {
  return {
    'dossier.created': [
      (m) => planDossierNotification(ctx, m),
      (m) => planWebhookDeliveries(ctx, m),
      (m) => planNationalSync(ctx, m),
    ],
    'dossier.status_changed': [
      (m) => planDossierNotification(ctx, m),
      (m) => planWebhookDeliveries(ctx, m),
      (m) => planNationalSync(ctx, m),
    ],
    'dossier.rated': [],
    'notification.send': [(m) => deliverNotification(ctx, m)],
    'email.send': [(m) => sendEmailMessage(ctx, m)],
    'webhook.deliver': [(m) => deliverWebhook(ctx, m)],
    'national_sync.push': [(m) => pushNationalSync(ctx, m)],
    'statistics.weekly_report': [(m) => sendWeeklyReport(ctx, m)],
    'postal.create_order': [(m) => createOrderAtCarrier(ctx, m)],
    'postal.cancel_order': [(m) => cancelOrderAtCarrier(ctx, m)],
    'exchange.send': [(m) => sendDocumentToHub(ctx, m)],
    'exchange.ack': [(m) => sendAcknowledgementToHub(ctx, m)],
    'exchange.fetch_attachment': [(m) => fetchInboundAttachment(ctx, m)],
    'payment.fulfil_obligation': [(m) => fulfilPaidObligation(ctx, m)],
    'payment.reconcile': [
      async () => {
        await reconcilePaymentsJob(ctx);
      },
    ],
    'upload.expire': [
      async () => {
        await sweepExpiredUploads(ctx);
      },
    ],
  };
}
