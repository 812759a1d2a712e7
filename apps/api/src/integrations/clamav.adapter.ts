import net from 'node:net';

/**
 * clamd client (the real ClamAV daemon protocol, `man clamd`): `zPING\0` → `PONG`, and
 * `zINSTREAM\0` followed by chunks each prefixed with its 4-byte big-endian length, closed by a
 * zero-length chunk; clamd answers `stream: OK` or `stream: <signature> FOUND`.
 */
export type ScanVerdict = { isClean: true } | { isClean: false; signature: string };

/** clamd could not be reached or answered something we do not understand. */
export class ScannerUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ScannerUnavailableError';
  }
}

export interface ClamdAddress {
  host: string;
  port: number;
}

export function parseClamdUrl(url: string): ClamdAddress {
  const m = /^tcp:\/\/([^:/]+):(\d{1,5})$/.exec(url);
  if (!m?.[1] || !m[2]) throw new Error(`Invalid clamd address ${url} (expected tcp://host:port)`);
  return { host: m[1], port: Number(m[2]) };
}

/** Largest chunk we send (clamd's StreamMaxLength applies to the sum, not to one chunk). */
export const CLAMD_CHUNK_BYTES = 64 * 1024;

function connect(address: ClamdAddress, timeoutMs: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(address.port, address.host);
    socket.setTimeout(timeoutMs, () => {
      socket.destroy(new ScannerUnavailableError(`clamd at ${address.host}:${address.port} timed out`));
    });
    socket.once('connect', () => {
      socket.removeListener('error', onError);
      resolve(socket);
    });
    const onError = (error: Error) => {
      reject(
        error instanceof ScannerUnavailableError
          ? error
          : new ScannerUnavailableError(
              `clamd at ${address.host}:${address.port} is unreachable: ${error.message}`,
              {
                cause: error,
              },
            ),
      );
    };
    socket.once('error', onError);
  });
}

/** Reads the whole reply (clamd closes the connection after a z-command's answer). */
function readReply(socket: net.Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    socket.on('data', (c: Buffer) => parts.push(c));
    socket.once('error', (error) =>
      reject(
        error instanceof ScannerUnavailableError
          ? error
          : new ScannerUnavailableError(`clamd connection failed: ${error.message}`, { cause: error }),
      ),
    );
    socket.once('close', () => {
      resolve(Buffer.concat(parts).toString('utf8').replace(/\0+$/, '').trim());
    });
  });
}

function write(socket: net.Socket, data: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.write(data, (error) => (error ? reject(error) : resolve()));
  });
}

export async function clamdPing(url: string, timeoutMs = 5_000): Promise<boolean> {
  try {
    const socket = await connect(parseClamdUrl(url), timeoutMs);
    const reply = readReply(socket);
    socket.end(Buffer.from('zPING\0'));
    return (await reply) === 'PONG';
  } catch {
    return false;
  }
}

/** Streams `source` (a buffer or any byte stream) to clamd and returns its verdict. */
export async function clamdScan(
  url: string,
  source: Buffer | AsyncIterable<Buffer>,
  options: { timeoutMs?: number; chunkBytes?: number } = {},
): Promise<ScanVerdict> {
  const chunkBytes = options.chunkBytes ?? CLAMD_CHUNK_BYTES;
  const socket = await connect(parseClamdUrl(url), options.timeoutMs ?? 60_000);
  const reply = readReply(socket);
  // clamd may close early (size limit exceeded): the reply then says why; write errors are noise.
  const sent = (async () => {
    await write(socket, Buffer.from('zINSTREAM\0'));
    const pieces: AsyncIterable<Buffer> | Buffer[] = Buffer.isBuffer(source) ? [source] : source;
    for await (const piece of pieces) {
      for (let at = 0; at < piece.length; at += chunkBytes) {
        const chunk = piece.subarray(at, at + chunkBytes);
        const length = Buffer.alloc(4);
        length.writeUInt32BE(chunk.length, 0);
        await write(socket, Buffer.concat([length, chunk]));
      }
    }
    await write(socket, Buffer.alloc(4));
    socket.end();
  })();
  sent.catch(() => undefined);
  let text: string;
  try {
    text = await reply;
  } finally {
    socket.destroy();
  }
  const found = /^stream: (.+) FOUND$/.exec(text);
  if (found?.[1]) return { isClean: false, signature: found[1] };
  if (text === 'stream: OK') return { isClean: true };
  await sent.catch((error: unknown) => {
    throw new ScannerUnavailableError(`clamd stopped reading the stream: ${String(error)}`, { cause: error });
  });
  throw new ScannerUnavailableError(`clamd answered ${JSON.stringify(text)}`);
}
