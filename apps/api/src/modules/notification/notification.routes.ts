import { z } from 'zod';
import { errorResponses } from '../../http/error-response.ts';
import type { AppInstance } from '../../http/types.ts';
import type { AppContext } from '../../shared/app-context.ts';
import {
  ChannelStatus,
  NotificationListQuery,
  NotificationPreferenceInput,
  NotificationPreferenceView,
  NotificationView,
} from './notification.schemas.ts';
import {
  getChannelStatus,
  getNotificationPreference,
  listAllNotifications,
  listDossierNotifications,
  setNotificationPreference,
} from './notification.service.ts';

export function notificationRoutes(app: AppInstance, ctx: AppContext): void {
  app.get('/api/dossiers/:code/notifications', {
    config: { auth: 'authenticated' },
    schema: {
      tags: ['notifications'],
      summary: 'Delivery log of a dossier: every e-mail, SMS and Zalo message to the applicant',
      params: z.strictObject({ code: z.string().min(1).max(100) }),
      response: { 200: z.array(NotificationView), ...errorResponses },
    },
    handler: async (req) => listDossierNotifications(ctx, req.actor, req.params.code),
  });
  app.get('/api/admin/notifications', {
    config: { auth: 'officer' },
    schema: {
      tags: ['notifications', 'admin'],
      summary: 'Recent messages to applicants by delivery state',
      querystring: NotificationListQuery,
      response: { 200: z.array(NotificationView), ...errorResponses },
    },
    handler: async (req) => listAllNotifications(ctx, req.actor, req.query),
  });
  app.get('/api/admin/notification-channels', {
    config: { auth: 'officer' },
    schema: {
      tags: ['notifications', 'admin'],
      summary: 'Configured channels (e-mail, SMS, Zalo) and the sandbox mail viewer, if running',
      response: { 200: ChannelStatus, ...errorResponses },
    },
    handler: async (req) => getChannelStatus(ctx, req.actor),
  });
  app.get('/api/me/notification-preference', {
    config: { auth: 'citizen' },
    schema: {
      tags: ['notifications'],
      summary: 'How I want to be told about my dossiers',
      response: { 200: NotificationPreferenceView, ...errorResponses },
    },
    handler: async (req) => getNotificationPreference(ctx, req.actor),
  });
  app.put('/api/me/notification-preference', {
    config: { auth: 'citizen' },
    schema: {
      tags: ['notifications'],
      summary: 'Choose e-mail, SMS or Zalo for notifications',
      body: NotificationPreferenceInput,
      response: { 200: NotificationPreferenceView, ...errorResponses },
    },
    handler: async (req) => setNotificationPreference(ctx, req.actor, req.body),
  });
}
