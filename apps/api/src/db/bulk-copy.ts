import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * Bulk writes with PostgreSQL `COPY … FROM STDIN` (server) or `COPY … FROM '/dev/blob'` (PGlite),
 * inside one transaction on one connection. Kysely has no COPY, so `openDatabase` registers the
 * raw pool or PGlite instance behind each Kysely handle here, and bulk repositories (dataset
 * generator, legacy import) reach it through `withCopyTransaction(db, …)`.
 *
 * Rows are sent in COPY text format; `copyValue` encodes one value.
 */
type BulkAccess = { mode: 'postgres'; pool: pg.Pool } | { mode: 'pglite'; pglite: PGlite };

const registry = new WeakMap<object, BulkAccess>();

export function registerBulkAccess(db: object, access: BulkAccess): void {
  registry.set(db, access);
}

export interface CopySession {
  /** Streams COPY text rows (`\n`-terminated lines, tab-separated) into `table (columns)`. */
  copy(
    table: string,
    columns: readonly string[],
    chunks: Iterable<string>,
    options?: { isFrozen?: boolean },
  ): Promise<void>;
  /** A plain parameterised query on the same connection and transaction. */
  query: <R = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<R[]>;
}

function copySql(table: string, columns: readonly string[], source: string, isFrozen = false): string {
  if (!/^[a-z_]+$/.test(table) || columns.some((c) => !/^[a-z_]+$/.test(c)))
    throw new Error(`COPY: unsafe identifier in ${table}(${columns.join(',')})`);
  return `COPY ${table} (${columns.join(', ')}) FROM ${source}${isFrozen ? ' WITH (FREEZE)' : ''}`;
}

async function writeAll(
  stream: NodeJS.WritableStream & { once: (e: string, f: () => void) => void },
  chunks: Iterable<string>,
) {
  for (const chunk of chunks) {
    if (chunk.length === 0) continue;
    if (!stream.write(chunk)) await new Promise<void>((resolve) => stream.once('drain', resolve));
  }
}

/**
 * Runs `fn` in one transaction with COPY available. Commits when `fn` resolves, rolls back when it
 * throws (all or nothing). `synchronous_commit` is relaxed for this transaction only when asked
 * (bulk loads of generated data, where losing the last second on a crash is harmless).
 */
export async function withCopyTransaction<T>(
  db: object,
  fn: (session: CopySession) => Promise<T>,
  options: { isDurabilityRelaxed?: boolean } = {},
): Promise<T> {
  const access = registry.get(db);
  if (!access) throw new Error('This database handle was not opened with openDatabase (no COPY access)');
  if (access.mode === 'postgres') {
    const client = await access.pool.connect();
    try {
      await client.query('BEGIN');
      if (options.isDurabilityRelaxed) await client.query('SET LOCAL synchronous_commit = off');
      const session: CopySession = {
        async copy(table, columns, chunks, copyOptions) {
          const stream = client.query(copyFrom(copySql(table, columns, 'STDIN', copyOptions?.isFrozen)));
          const done = new Promise<void>((resolve, reject) => {
            stream.on('finish', resolve);
            stream.on('error', reject);
          });
          try {
            await writeAll(stream, chunks);
          } finally {
            stream.end();
          }
          await done;
        },
        async query<R>(sql: string, params: unknown[] = []) {
          const r = await client.query(sql, params);
          return r.rows as R[];
        },
      };
      const result = await fn(session);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
  // PGlite: hold the Kysely connection (its mutex) so no other query interleaves, then talk to
  // PGlite directly.
  const kysely = db as { connection(): { execute<R>(f: (c: unknown) => Promise<R>): Promise<R> } };
  const pglite = access.pglite;
  return kysely.connection().execute(async () => {
    await pglite.query('BEGIN');
    try {
      const session: CopySession = {
        async copy(table, columns, chunks, copyOptions) {
          const parts: string[] = [];
          for (const chunk of chunks) parts.push(chunk);
          if (parts.length === 0) return;
          await pglite.query(copySql(table, columns, "'/dev/blob'", copyOptions?.isFrozen), [], {
            blob: new Blob(parts),
          });
        },
        async query<R>(sql: string, params: unknown[] = []) {
          const r = await pglite.query<R>(sql, params);
          return r.rows;
        },
      };
      const result = await fn(session);
      await pglite.query('COMMIT');
      return result;
    } catch (error) {
      await pglite.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  });
}

/** One open `COPY … FROM STDIN`: write chunks (awaiting backpressure), then end it. */
export interface CopyStream {
  write(chunk: string): Promise<void>;
  end(): Promise<void>;
}

/** A server connection holding an open transaction, for loads that stream several COPYs at once. */
export interface CopyConnection {
  query: <R = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<R[]>;
  openCopy(table: string, columns: readonly string[], options?: { isFrozen?: boolean }): CopyStream;
  commit(): Promise<void>;
  /** Rolls back if still open and returns the connection to the pool. */
  release(): Promise<void>;
}

/** Server mode only: `count` connections, each in its own transaction (parallel bulk loads). */
export async function openCopyConnections(
  db: object,
  count: number,
  options: { isDurabilityRelaxed?: boolean } = {},
): Promise<CopyConnection[] | undefined> {
  const access = registry.get(db);
  if (access?.mode !== 'postgres') return undefined;
  const out: CopyConnection[] = [];
  for (let i = 0; i < count; i++) {
    const client = await access.pool.connect();
    await client.query('BEGIN');
    if (options.isDurabilityRelaxed) await client.query('SET LOCAL synchronous_commit = off');
    let isOpen = true;
    out.push({
      async query<R>(sql: string, params: unknown[] = []) {
        const r = await client.query(sql, params);
        return r.rows as R[];
      },
      openCopy(table, columns, copyOptions) {
        const stream = client.query(copyFrom(copySql(table, columns, 'STDIN', copyOptions?.isFrozen)));
        let failure: Error | undefined;
        const done = new Promise<void>((resolve, reject) => {
          stream.on('finish', resolve);
          stream.on('error', (error) => {
            failure = error;
            reject(error);
          });
        });
        done.catch(() => undefined);
        return {
          async write(chunk) {
            if (failure) throw failure;
            if (!stream.write(chunk))
              await new Promise<void>((resolve, reject) => {
                stream.once('drain', resolve);
                done.catch(reject);
              });
          },
          async end() {
            stream.end();
            await done;
          },
        };
      },
      async commit() {
        await client.query('COMMIT');
        isOpen = false;
      },
      async release() {
        if (isOpen) await client.query('ROLLBACK').catch(() => undefined);
        isOpen = false;
        client.release();
      },
    });
  }
  return out;
}

/* ------------------------------------------------------------------ COPY text encoding */

const NEEDS_ESCAPE = /[\\\t\n\r]/;

function escapeText(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

/** One value in COPY text format: NULL as `\N`, dates as ISO instants, objects as JSON. */
export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'string') return escapeText(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (value instanceof Date) return value.toISOString();
  return escapeText(JSON.stringify(value));
}

/** One COPY text line for `values`. */
export function copyLine(values: readonly unknown[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += '\t';
    line += copyValue(values[i]);
  }
  return `${line}\n`;
}
