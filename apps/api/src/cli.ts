#!/usr/bin/env node
import fs from 'node:fs';
import { reconcilePayments } from './modules/payment/payment.service.ts';
import readline from 'node:readline/promises';
import { Command, InvalidArgumentError } from 'commander';
import { registerBulkCommands } from './dataset/bulk.commands.ts';
import { registerBackupCommands } from './modules/backup/backup.commands.ts';
import { loadConfig, type Config } from './config.ts';
import { createMigrationFile, migrateToLatest } from './db/migrator.ts';
import { verifyAuditChain } from './modules/audit/audit.service.ts';
import { exportCatalog, importCatalog } from './modules/procedure/procedure.service.ts';
import { OutboxWorker } from './modules/outbox/outbox.worker.ts';
import { createOfficer } from './modules/user/user.service.ts';
import { seedDemo, isDatabaseEmpty } from './seed/seed-demo.ts';
import {
  auditSealerFor,
  createContext,
  ensureMigrated,
  openConfiguredDatabase,
  startServer,
} from './server.ts';
import { startClamdSandbox } from './sandbox/clamd-sandbox.ts';
import { startSandbox, withSandboxSettings } from './sandbox/sandbox-server.ts';
import { ensureTestCa } from './modules/signature/test-ca.ts';
import { SYSTEM_ACTOR } from './shared/actor.ts';
import type { Logger } from './shared/app-context.ts';
import { outboxHandlers } from './worker/handlers.ts';

/** `motcua …`: serve, migrate, seed, import/export the catalog, create an admin, run the worker, verify the audit chain. */
const consoleLogger: Logger = {
  info: (o, m) => console.log(m ?? (typeof o === 'string' ? o : JSON.stringify(o))),
  warn: (o, m) => console.warn(m ?? (typeof o === 'string' ? o : JSON.stringify(o))),
  error: (o, m) => console.error(m ?? (typeof o === 'string' ? o : JSON.stringify(o))),
  debug: () => undefined,
};

function config(): Config {
  return loadConfig();
}

function cfgAdminPassword(): string | undefined {
  return config().MOTCUA_ADMIN_PASSWORD;
}

function seconds(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) {
    throw new InvalidArgumentError('expected a number of seconds (0 or more)');
  }
  return n;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number');
  return n;
}

async function withContext<T>(
  fn: (ctx: ReturnType<typeof createContext>) => Promise<T>,
  options: { migrate?: boolean } = {},
): Promise<T> {
  const cfg = config();
  const handle = await openConfiguredDatabase(cfg);
  try {
    if (options.migrate) await migrateToLatest(handle);
    else await ensureMigrated(handle, consoleLogger);
    return await fn(createContext(cfg, handle, consoleLogger));
  } finally {
    await handle.close();
  }
}

const program = new Command();
program
  .name('motcua')
  .description('Motcua: electronic one-stop-shop for administrative procedures')
  .showHelpAfterError();

program
  .command('serve')
  .description('start the API (and the web app); embedded mode migrates at start')
  .option('--demo', 'load the demo province, catalog and a year of dossiers into an empty database')
  .option('--demo-dossiers <n>', 'number of demo dossiers', positiveInt)
  .action(async (opts: { demo?: boolean; demoDossiers?: number }) => {
    let cfg = config();
    const started = Date.now();
    // The loopback sandbox stands in for the mail server, SMS gateway and Zalo OA in the demo.
    const sandbox =
      (cfg.SANDBOX_ENABLED ?? Boolean(opts.demo))
        ? await startSandbox({ httpPort: cfg.SANDBOX_HTTP_PORT, smtpPort: cfg.SANDBOX_SMTP_PORT })
        : undefined;
    if (sandbox) cfg = withSandboxSettings(cfg, sandbox);
    // The demo's uploads are scanned by the loopback clamd (it flags the EICAR test file).
    const clamd = opts.demo && !cfg.CLAMAV_URL ? await startClamdSandbox() : undefined;
    if (clamd) cfg = Object.freeze({ ...cfg, CLAMAV_URL: clamd.url });
    if (opts.demo && !cfg.SIGNING_P12_FILE) {
      // ADR 0013: results are signed with the local test CA in the demo.
      const ca = ensureTestCa(cfg.dataDir, { now: new Date(), agencyName: `UBND tỉnh ${cfg.PROVINCE_NAME}` });
      if (ca.isCreated) console.log(`Test CA for signed results created in ${ca.dir}`);
    }
    const server = await startServer(cfg, {
      beforeListen: async (ctx) => {
        if (opts.demo && (await isDatabaseEmpty(ctx))) {
          console.log('Đang nạp dữ liệu mẫu / loading demo data (first start only)…');
          const report = await seedDemo(ctx, {
            dossiers: opts.demoDossiers,
            log: (m) => console.log(`  ${m}`),
          });
          console.log(
            `Demo data: ${report.units} units, ${report.officers} officers, ${report.procedures} procedures, ${report.dossiers} dossiers`,
          );
        }
      },
    });
    console.log(
      `Motcua is running at ${server.url} (database: ${cfg.databaseMode}; ready in ${Date.now() - started} ms)`,
    );
    console.log(`  API docs:  ${server.url}/api/docs`);
    if (sandbox) {
      sandbox.setMotcuaUrl(server.url);
      console.log(`  Sandbox (mail viewer, SMS, Zalo, simulated chat): ${sandbox.baseUrl}`);
    }
    if (clamd) console.log(`  Virus scanner (loopback clamd, EICAR only): ${clamd.url}`);
    const stop = async (): Promise<void> => {
      await server.close();
      await sandbox?.close();
      await clamd?.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
  });

program
  .command('migrate')
  .description('apply pending database migrations')
  .action(async () => {
    await withContext(async () => undefined, { migrate: true });
    console.log('Database is up to date.');
  });

program
  .command('migration:new <name>')
  .description('create an empty migration file named <timestamp>_<verb-first-name>.sql')
  .action((name: string) => {
    console.log(createMigrationFile(name));
  });

program
  .command('seed')
  .description('load demo data (units, officers, catalog, calendar, dossiers) into an empty database')
  .option('--dossiers <n>', 'number of dossiers over the last year', positiveInt)
  .option('--force', 'seed even if the database is not empty')
  .action(async (opts: { dossiers?: number; force?: boolean }) => {
    await withContext(
      async (ctx) => {
        if (!opts.force && !(await isDatabaseEmpty(ctx))) {
          throw new Error('The database is not empty; use --force to add demo data anyway');
        }
        const report = await seedDemo(ctx, { dossiers: opts.dossiers, log: (m) => console.log(m) });
        console.log(JSON.stringify(report, null, 2));
      },
      { migrate: config().databaseMode === 'pglite' },
    );
  });

program
  .command('import-catalog <file>')
  .description('import a catalog JSON file (motcua.catalog/v1); all or nothing')
  .action(async (file: string) => {
    const text = fs.readFileSync(file, 'utf8');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
    }
    await withContext(async (ctx) => {
      const report = await importCatalog(ctx, SYSTEM_ACTOR, parsed);
      console.log(JSON.stringify(report, null, 2));
    });
  });

program
  .command('export-catalog')
  .description('write the catalog as JSON (stdout or --out)')
  .option('--out <file>', 'output file')
  .option('--include-drafts', 'include draft versions')
  .action(async (opts: { out?: string; includeDrafts?: boolean }) => {
    await withContext(async (ctx) => {
      const data = await exportCatalog(ctx, SYSTEM_ACTOR, { includeDrafts: Boolean(opts.includeDrafts) });
      const json = `${JSON.stringify(data, null, 2)}\n`;
      if (opts.out) fs.writeFileSync(opts.out, json);
      else process.stdout.write(json);
    });
  });

program
  .command('create-admin')
  .description('create an administrator over a unit (the root unit by default)')
  .requiredOption('--username <name>', 'login name')
  .requiredOption('--full-name <name>', 'full name')
  .option('--unit <agencyCode>', 'agency code of the unit to administer (default: the root unit)')
  .action(async (opts: { username: string; fullName: string; unit?: string }) => {
    let password = cfgAdminPassword();
    if (!password) {
      const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
      password = await rl.question('Password / Mật khẩu: ');
      rl.close();
    }
    await withContext(async (ctx) => {
      const { sql } = await import('kysely');
      const unit = opts.unit
        ? (await sql<{ id: string }>`SELECT id FROM unit WHERE agency_code = ${opts.unit}`.execute(ctx.db))
            .rows[0]
        : (
            await sql<{
              id: string;
            }>`SELECT id FROM unit WHERE parent_id IS NULL AND valid_to IS NULL ORDER BY created_at LIMIT 1`.execute(
              ctx.db,
            )
          ).rows[0];
      if (!unit)
        throw new Error('No such unit: create the organisation first (motcua seed, or the admin API)');
      const officer = await createOfficer(ctx, SYSTEM_ACTOR, {
        username: opts.username,
        fullName: opts.fullName,
        password: password ?? '',
        roles: [{ role: 'admin', unitId: unit.id }],
      });
      console.log(`Created administrator ${officer.username} (${officer.id})`);
    });
  });

program
  .command('worker')
  .description('run only the outbox worker (for deployments with separate worker processes)')
  .action(async () => {
    const cfg = config();
    const handle = await openConfiguredDatabase(cfg);
    await ensureMigrated(handle, consoleLogger);
    const ctx = createContext(cfg, handle, consoleLogger);
    const worker = new OutboxWorker({
      db: handle.db,
      clock: ctx.clock,
      logger: consoleLogger,
      handlers: outboxHandlers(ctx),
    });
    worker.start();
    const sealer = auditSealerFor(ctx, consoleLogger);
    sealer.start();
    console.log('Outbox worker and audit sealer running');
    const stop = async (): Promise<void> => {
      await worker.stop();
      await sealer.stop();
      await handle.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
  });

program
  .command('payments')
  .description('payments (ADR 0012)')
  .command('reconcile')
  .description('poll the payment gateway for pending payment requests, apply the outcomes, expire stale ones')
  .action(async () => {
    const result = await withContext((ctx) => reconcilePayments(ctx));
    console.log(`checked: ${result.checked}`);
    for (const f of result.fixed) console.log(`fixed ${f.reference}: ${f.from} -> ${f.to}`);
    for (const e of result.errors) console.log(`ERROR ${e.reference}: ${e.error}`);
    process.exitCode = result.errors.length > 0 ? 1 : 0;
  });

// Exit codes of `motcua audit …`: 0 intact, 1 a problem was found (or the check could not run),
// 2 usage error. Set before the subcommands are created, which inherit it.
const audit = program
  .command('audit')
  .description('tamper-evident audit trail (ADR 0011)')
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2));
audit
  .command('verify')
  .description(
    'seal the committed audit entries, then walk the whole hash chain and report every altered, deleted, inserted or reordered entry',
  )
  .option('--lag <seconds>', 'seal only entries older than this (default: AUDIT_SEAL_LAG_SECONDS)', seconds)
  .option('--no-seal', 'verify without extending the chain first')
  .option('--json', 'print the report as JSON')
  .action(async (opts: { lag?: number; seal: boolean; json?: boolean }) => {
    const report = await withContext((ctx) =>
      verifyAuditChain(ctx.db, {
        lagSeconds: opts.lag ?? ctx.config.AUDIT_SEAL_LAG_SECONDS,
        isSealingFirst: opts.seal,
      }),
    );
    if (opts.json) {
      console.log(JSON.stringify(report, null, 2));
    } else {
      console.log(`newly sealed: ${report.newlySealed}`);
      console.log(
        `entries verified: ${report.entries}, sealed: ${report.sealed}, unsealed (within lag): ${report.unsealed}`,
      );
      console.log(`chain head: seq ${report.head.seq}, hash ${report.head.chainHash}`);
      for (const p of report.problems) console.log(`PROBLEM ${p.kind} seq ${p.seq}: ${p.message}`);
      if (report.problemCount > report.problems.length) {
        console.log(`… and ${report.problemCount - report.problems.length} more problems`);
      }
      console.log(
        report.isIntact ? 'audit chain intact' : `audit chain NOT intact: ${report.problemCount} problem(s)`,
      );
    }
    process.exitCode = report.isIntact ? 0 : 1;
  });

const signing = program.command('signing').description('digital signatures of result documents (ADR 0013)');
signing
  .command('init-test-ca')
  .description(
    'create the local test CA ("Motcua Test CA") and an agency signing certificate in <data dir>/signing (tests and demo only)',
  )
  .option('--force', 'replace an existing test CA')
  .action((opts: { force?: boolean }) => {
    const cfg = config();
    const ca = ensureTestCa(cfg.dataDir, {
      now: new Date(),
      agencyName: `UBND tỉnh ${cfg.PROVINCE_NAME}`,
      force: Boolean(opts.force),
    });
    console.log(ca.isCreated ? `Test CA created in ${ca.dir}` : `Test CA already present in ${ca.dir}`);
    console.log(`  trusted root: ${ca.rootCertFile}`);
    console.log(`  signing key (PKCS #12): ${ca.p12File} (passphrase "${ca.passphrase}")`);
  });

registerBulkCommands(program, withContext);
registerBackupCommands(program, config, consoleLogger);

program.parseAsync(process.argv).catch((error: unknown) => {
  const e = error as { message?: string; code?: string; details?: unknown };
  console.error(`Error${e.code ? ` ${e.code}` : ''}: ${e.message ?? String(error)}`);
  if (e.details) console.error(JSON.stringify(e.details, null, 2));
  process.exit(1);
});
