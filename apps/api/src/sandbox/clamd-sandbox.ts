import net from 'node:net';

/**
 * A loopback clamd: a real TCP server speaking the clamd protocol (PING, INSTREAM, with or
 * without the `z`/`n` prefix) that flags the EICAR anti-virus test file, so the antivirus hook is
 * tested end to end without virus signatures. Not a scanner: it only knows EICAR.
 */
export const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';
export const EICAR_SIGNATURE = 'Win.Test.EICAR_HDB-1';

export interface ClamdSandbox {
  url: string;
  port: number;
  /** Streams received by INSTREAM: total bytes and chunk count of each. */
  readonly scans: { bytes: number; chunks: number; verdict: string }[];
  close(): Promise<void>;
}

export async function startClamdSandbox(
  options: { port?: number; maxStreamBytes?: number } = {},
): Promise<ClamdSandbox> {
  const scans: ClamdSandbox['scans'] = [];
  const sockets = new Set<net.Socket>();
  const maxStream = options.maxStreamBytes ?? 100 * 1024 * 1024;
  const eicar = Buffer.from(EICAR, 'latin1');
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffer = Buffer.alloc(0);
    let command: string | undefined;
    let terminator = '\n';
    // Keep a tail so a signature split across chunks is still found.
    let window = Buffer.alloc(0);
    let isInfected = false;
    let bytes = 0;
    let chunks = 0;
    const reply = (text: string) => {
      socket.end(Buffer.from(text + terminator));
    };
    socket.on('data', (data: Buffer) => {
      buffer = Buffer.concat([buffer, data]);
      if (command === undefined) {
        const z = buffer.indexOf(0);
        const n = buffer.indexOf(0x0a);
        const end = buffer[0] === 0x7a ? z : n;
        if (end < 0) return;
        const raw = buffer.subarray(0, end).toString('latin1');
        buffer = buffer.subarray(end + 1);
        terminator = raw.startsWith('z') ? '\0' : '\n';
        command = raw.replace(/^[zn]/, '');
        if (command === 'PING') return reply('PONG');
        if (command === 'VERSION') return reply('ClamAV 1.0.0-motcua-sandbox/0/0');
        if (command !== 'INSTREAM') return reply('UNKNOWN COMMAND');
      }
      while (buffer.length >= 4) {
        const length = buffer.readUInt32BE(0);
        if (length === 0) {
          const verdict = isInfected ? `stream: ${EICAR_SIGNATURE} FOUND` : 'stream: OK';
          scans.push({ bytes, chunks, verdict });
          reply(verdict);
          buffer = Buffer.alloc(0);
          return;
        }
        if (buffer.length < 4 + length) return;
        const chunk = buffer.subarray(4, 4 + length);
        buffer = buffer.subarray(4 + length);
        bytes += length;
        chunks += 1;
        if (bytes > maxStream) {
          scans.push({ bytes, chunks, verdict: 'size limit' });
          return reply('INSTREAM size limit exceeded. ERROR');
        }
        window = Buffer.concat([window, chunk]);
        if (window.includes(eicar)) isInfected = true;
        window = window.subarray(Math.max(0, window.length - eicar.length));
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('clamd sandbox has no port');
  return {
    url: `tcp://127.0.0.1:${address.port}`,
    port: address.port,
    scans,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
