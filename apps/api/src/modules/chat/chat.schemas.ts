import { z } from 'zod';

/** A Zalo OA webhook event (only `user_send_text` is acted on; others are acknowledged). */
export const ZaloEvent = z.looseObject({
  app_id: z.string().min(1).max(100),
  event_name: z.string().min(1).max(100),
  timestamp: z.union([z.string(), z.number()]).transform(String),
  sender: z.looseObject({ id: z.string().min(1).max(100) }),
  message: z
    .looseObject({ msg_id: z.string().min(1).max(200), text: z.string().max(2000).default('') })
    .optional(),
});

/** An SMS received on the short code, forwarded by the gateway (MO message). */
export const InboundSms = z.strictObject({
  id: z.string().min(1).max(200),
  from: z.string().regex(/^\+?\d{9,15}$/),
  text: z.string().max(1600),
});

export const InboundAck = z.object({ ok: z.literal(true), isReplyQueued: z.boolean() });
