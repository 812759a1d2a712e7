/**
 * Thrown by an outbox handler (or the adapter it calls) when retrying cannot help: the receiver
 * refused the message for good (a 4xx answer, an SMTP 5xx reply, a bad address). The worker moves
 * the message to the dead-letter list at once instead of retrying; an admin can fix and replay it.
 * Any other error is transient (timeout, connection refused, 5xx) and is retried with backoff.
 */
export class PermanentDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentDeliveryError';
  }
}

export function isPermanentDeliveryError(error: unknown): error is PermanentDeliveryError {
  return error instanceof PermanentDeliveryError;
}
