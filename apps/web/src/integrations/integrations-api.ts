import { api, type ResponseOf } from '../api/client.ts';

/** Delivery log, channel preference and dead letters (issue 5: channels and integrations). */
export type NotificationLog = ResponseOf<'/api/dossiers/{code}/notifications', 'get'>;
export type NotificationRow = NotificationLog[number];
export type NotificationPreference = ResponseOf<'/api/me/notification-preference', 'get'>;
export type ChannelStatus = ResponseOf<'/api/admin/notification-channels', 'get'>;
export type OutboxMessages = ResponseOf<'/api/admin/outbox', 'get'>;

export const notificationLogKey = (code: string) => ['notifications', code] as const;

export function fetchNotificationLog(code: string): Promise<NotificationLog> {
  return api<NotificationLog>(`/api/dossiers/${encodeURIComponent(code)}/notifications`);
}

export function fetchNotificationPreference(): Promise<NotificationPreference> {
  return api<NotificationPreference>('/api/me/notification-preference');
}

export function saveNotificationPreference(
  channel: 'email' | 'sms' | 'zalo',
): Promise<NotificationPreference> {
  return api<NotificationPreference>('/api/me/notification-preference', { method: 'PUT', body: { channel } });
}

export function fetchChannelStatus(): Promise<ChannelStatus> {
  return api<ChannelStatus>('/api/admin/notification-channels');
}

export function fetchFailedNotifications(status: 'failed' | 'dead'): Promise<NotificationLog> {
  return api<NotificationLog>('/api/admin/notifications', { query: { status, limit: 100 } });
}

export function fetchDeadLetters(): Promise<OutboxMessages> {
  return api<OutboxMessages>('/api/admin/outbox', { query: { state: 'dead', limit: 100 } });
}

export function replayDeadLetter(id: number): Promise<{ id: number; topic: string }> {
  return api<{ id: number; topic: string }>(`/api/admin/outbox/${id}/replay`, { method: 'POST' });
}

export type DossierSync = ResponseOf<'/api/dossiers/{code}/national-sync', 'get'>;

export function fetchDossierSync(code: string): Promise<DossierSync> {
  return api<DossierSync>(`/api/dossiers/${encodeURIComponent(code)}/national-sync`);
}
