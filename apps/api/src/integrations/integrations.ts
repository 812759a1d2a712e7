import type { Config } from '../config.ts';
import { createZaloChatAdapter, type ChatAdapter } from './chat.adapter.ts';
import { createSmtpMailAdapter, type MailAdapter } from './mail.adapter.ts';
import { createNationalPortalAdapter, type NationalPortalAdapter } from './national-portal.adapter.ts';
import { createHttpSmsAdapter, type SmsAdapter } from './sms.adapter.ts';

/**
 * The adapters of one configuration, built from URLs and credentials. An adapter whose URL is
 * not configured is absent: messages for it are logged as skipped, never retried forever.
 */
export interface Integrations {
  mail: MailAdapter | undefined;
  sms: SmsAdapter | undefined;
  chat: ChatAdapter | undefined;
  nationalPortal: NationalPortalAdapter | undefined;
}

const cache = new WeakMap<Config, Integrations>();

export function integrationsFor(config: Config): Integrations {
  const cached = cache.get(config);
  if (cached) return cached;
  const timeoutMs = config.INTEGRATION_TIMEOUT_MS;
  const built: Integrations = {
    mail: config.SMTP_URL
      ? createSmtpMailAdapter({ url: config.SMTP_URL, from: config.MAIL_FROM, timeoutMs })
      : undefined,
    sms: config.SMS_GATEWAY_URL
      ? createHttpSmsAdapter({
          url: config.SMS_GATEWAY_URL,
          token: config.SMS_GATEWAY_TOKEN,
          brandname: config.SMS_BRANDNAME,
          timeoutMs,
        })
      : undefined,
    chat: config.ZALO_API_URL
      ? createZaloChatAdapter({
          url: config.ZALO_API_URL,
          accessToken: config.ZALO_ACCESS_TOKEN,
          templateId: config.ZALO_TEMPLATE_ID,
          timeoutMs,
        })
      : undefined,
    nationalPortal: config.NATIONAL_PORTAL_URL
      ? createNationalPortalAdapter({
          url: config.NATIONAL_PORTAL_URL,
          token: config.NATIONAL_PORTAL_TOKEN,
          timeoutMs,
        })
      : undefined,
  };
  cache.set(config, built);
  return built;
}
