import fs from 'node:fs';
import path from 'node:path';
import type { FastifyServerOptions } from 'fastify';
import type { Config } from './config.ts';
import { openDatabase, type DatabaseHandle } from './db/database.ts';
import { migrateToLatest, readMigrationFiles } from './db/migrator.ts';
import { buildApp } from './http/build-app.ts';
import { loggerOptions } from './http/logger.ts';
import type { AppInstance } from './http/types.ts';
import { AuditSealer } from './modules/audit/audit.sealer.ts';
import { createConfiguredFileStore } from './modules/file/file-store-factory.ts';
import { OutboxWorker } from './modules/outbox/outbox.worker.ts';
import { outboxHandlers } from './worker/handlers.ts';
import type { AppContext, Logger } from './shared/app-context.ts';

/** Opens the database of the configuration (server or embedded). */
export async function openConfiguredDatabase(config: Config): Promise<DatabaseHandle> {
  if (config.databaseMode === 'postgres' && config.DATABASE_URL) {
    return openDatabase({
      mode: 'postgres',
      url: config.DATABASE_URL,
      poolSize: config.DB_POOL_SIZE,
      prepareThreshold: config.DB_PREPARE_THRESHOLD,
    });
  }
  return openDatabase({ mode: 'pglite', dataDir: path.join(config.dataDir, 'pglite') });
}

/** In embedded mode migrations run at start; on a server they run with `motcua migrate`. */
export async function ensureMigrated(handle: DatabaseHandle, logger: Logger): Promise<void> {
  if (handle.mode === 'pglite') {
    const report = await migrateToLatest(handle);
    if (report.applied.length > 0) logger.info({ applied: report.applied }, 'migrations applied');
    return;
  }
  const files = readMigrationFiles();
  const { sql } = await import('kysely');
  const exists = await sql<{ ok: boolean }>`SELECT to_regclass('schema_migration') IS NOT NULL AS ok`.execute(
    handle.db,
  );
  const applied = exists.rows[0]?.ok
    ? new Set(
        (await sql<{ name: string }>`SELECT name FROM schema_migration`.execute(handle.db)).rows.map(
          (r) => r.name,
        ),
      )
    : new Set<string>();
  const pending = files.filter((f) => !applied.has(f.name));
  if (pending.length > 0) {
    throw new Error(
      `The database needs ${pending.length} migration(s): run \`npm run motcua -- migrate\` first`,
    );
  }
}

export function createContext(config: Config, handle: DatabaseHandle, logger: Logger): AppContext {
  return {
    db: handle.db,
    config,
    clock: () => new Date(),
    files: createConfiguredFileStore(config),
    logger,
  };
}

/** The periodic sealer of the audit hash chain (ADR 0011), run next to the outbox worker. */
export function auditSealerFor(ctx: AppContext, logger: Logger): AuditSealer {
  return new AuditSealer({
    db: ctx.db,
    logger,
    lagSeconds: ctx.config.AUDIT_SEAL_LAG_SECONDS,
    intervalMs: ctx.config.AUDIT_SEAL_INTERVAL_SECONDS * 1000,
  });
}

export { maskUrl } from './http/logger.ts';

export interface RunningServer {
  app: AppInstance;
  url: string;
  close(): Promise<void>;
}

export async function startServer(
  config: Config,
  options: {
    logger?: FastifyServerOptions['logger'];
    beforeListen?: (ctx: AppContext) => Promise<void>;
    registerExtra?: (app: AppInstance) => Promise<void> | void;
  } = {},
): Promise<RunningServer> {
  fs.mkdirSync(config.dataDir, { recursive: true });
  const handle = await openConfiguredDatabase(config);
  const bootLogger: Logger = console;
  await ensureMigrated(handle, bootLogger);
  const ctx = createContext(config, handle, bootLogger);
  // A misconfigured file store (bucket, credentials, region) stops the start with a clear error.
  await ctx.files.verify?.();
  if (options.beforeListen) await options.beforeListen(ctx);
  const app = await buildApp(ctx, {
    logger: options.logger ?? loggerOptions(config),
    registerExtra: options.registerExtra,
  });
  let worker: OutboxWorker | undefined;
  let sealer: AuditSealer | undefined;
  if (config.WORKER_ENABLED) {
    worker = new OutboxWorker({
      db: handle.db,
      clock: ctx.clock,
      logger: app.log,
      handlers: outboxHandlers(ctx),
    });
    worker.start();
    sealer = auditSealerFor(ctx, app.log);
    sealer.start();
  }
  const url = await app.listen({ host: config.HOST, port: config.PORT });
  return {
    app,
    url,
    async close() {
      await worker?.stop();
      await sealer?.stop();
      await app.close();
      await handle.close();
    },
  };
}
