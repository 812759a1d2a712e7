import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { PermanentDeliveryError } from '../shared/delivery-error.ts';

/** One e-mail. Attachments are in memory (receipts and reports are small PDFs or spreadsheets). */
export interface MailMessage {
  to: readonly string[];
  subject: string;
  text: string;
  html?: string | undefined;
  attachments?: readonly { filename: string; contentType: string; content: Buffer }[] | undefined;
  /** Stable id of the message (notification id): sent as Message-ID so a repeat can be detected. */
  reference: string;
}

/** The e-mail channel. The real implementation speaks SMTP; tests and the demo use the loopback sink. */
export interface MailAdapter {
  readonly kind: 'email';
  send(message: MailMessage): Promise<{ providerMessageId: string }>;
  close(): void;
}

export interface SmtpSettings {
  /** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465. */
  url: string;
  from: string;
  timeoutMs: number;
}

/**
 * SMTP through nodemailer. A 5xx reply (mailbox unknown, message refused) is permanent; 4xx replies,
 * timeouts and connection errors are transient and retried by the outbox worker.
 */
export function createSmtpMailAdapter(settings: SmtpSettings): MailAdapter {
  const options: SMTPTransport.Options & { url: string } = {
    url: settings.url,
    connectionTimeout: settings.timeoutMs,
    greetingTimeout: settings.timeoutMs,
    socketTimeout: settings.timeoutMs,
  };
  const transport = nodemailer.createTransport(options);
  const domain = (() => {
    const m = /@([^>\s]+)/.exec(settings.from);
    return m?.[1] ?? 'motcua.local';
  })();
  return {
    kind: 'email',
    async send(message) {
      try {
        const info = await transport.sendMail({
          from: settings.from,
          to: [...message.to],
          subject: message.subject,
          text: message.text,
          ...(message.html ? { html: message.html } : {}),
          messageId: `<${message.reference}@${domain}>`,
          attachments: (message.attachments ?? []).map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            content: a.content,
          })),
        });
        if (info.rejected.length > 0 && info.accepted.length === 0) {
          throw new PermanentDeliveryError(`SMTP server refused every recipient: ${info.response}`);
        }
        return { providerMessageId: info.messageId };
      } catch (error) {
        if (error instanceof PermanentDeliveryError) throw error;
        const e = error as { responseCode?: number; message?: string; code?: string };
        const text = `SMTP: ${e.message ?? String(error)}`;
        if (typeof e.responseCode === 'number' && e.responseCode >= 500) {
          throw new PermanentDeliveryError(text);
        }
        throw new Error(text);
      }
    },
    close() {
      transport.close();
    },
  };
}
