import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { FaultQueue } from './faults.ts';

export interface SunkMail {
  id: number;
  receivedAt: Date;
  messageId: string | undefined;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string | undefined;
  attachments: { filename: string; contentType: string; size: number; content: Buffer }[];
}

export interface SmtpSink {
  readonly port: number;
  readonly url: string;
  readonly messages: readonly SunkMail[];
  readonly faults: FaultQueue;
  /** Resolves when `count` messages have arrived in total. */
  waitFor(count: number, timeoutMs?: number): Promise<readonly SunkMail[]>;
  clear(): void;
  close(): Promise<void>;
}

/**
 * A real SMTP server on loopback that keeps what it receives (a local mail catcher). Faults:
 * `status` 4xx/5xx is answered as the SMTP reply code to DATA; `delay` holds the reply.
 */
export async function startSmtpSink(
  options: { port?: number; host?: string; keep?: number } = {},
): Promise<SmtpSink> {
  const host = options.host ?? '127.0.0.1';
  const keep = options.keep ?? 500;
  const messages: SunkMail[] = [];
  const faults = new FaultQueue();
  const waiters: { count: number; resolve: () => void }[] = [];
  let nextId = 1;
  let total = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    banner: 'Motcua sandbox mail catcher',
    logger: false,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? 'sandbox' });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        void (async () => {
          const fault = faults.take();
          if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms));
          if (fault?.kind === 'status') {
            const error = Object.assign(new Error(fault.body ?? `Sandbox refuses with ${fault.status}`), {
              responseCode: fault.status,
            });
            callback(error);
            return;
          }
          const parsed = await simpleParser(Buffer.concat(chunks));
          const to = session.envelope.rcptTo.map((r) => r.address);
          messages.push({
            id: nextId++,
            receivedAt: new Date(),
            messageId: parsed.messageId,
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to,
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : undefined,
            attachments: parsed.attachments.map((a) => ({
              filename: a.filename ?? 'attachment',
              contentType: a.contentType,
              size: a.size,
              content: a.content,
            })),
          });
          if (messages.length > keep) messages.splice(0, messages.length - keep);
          total += 1;
          for (const w of [...waiters]) {
            if (total >= w.count) {
              waiters.splice(waiters.indexOf(w), 1);
              w.resolve();
            }
          }
          callback();
        })().catch((error: unknown) => callback(error as Error));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    url: `smtp://${host}:${port}`,
    messages,
    faults,
    async waitFor(count, timeoutMs = 5000) {
      if (total >= count) return messages;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no ${count} mails within ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
      return messages;
    },
    clear() {
      messages.length = 0;
      total = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
