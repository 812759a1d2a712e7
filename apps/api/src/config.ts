import path from 'node:path';
import { z } from 'zod';

/**
 * Configuration, validated once at boot (conventions §11). Nothing else reads `process.env`
 * (enforced by lint).
 */
const boolish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** PostgreSQL server. Unset: embedded PGlite in MOTCUA_DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  MOTCUA_DATA_DIR: z.string().min(1).default('./data'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Public base URL, printed in QR codes on receipts. */
  PUBLIC_BASE_URL: z.string().url().default('http://localhost:3000'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 366)
    .default(12),
  /** Max size of one uploaded file in megabytes. */
  UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(2048).default(50),
  /** Max size of one file sent by resumable upload (/api/uploads, in chunks) in megabytes. */
  UPLOAD_RESUMABLE_MAX_MB: z.coerce.number().int().min(1).max(65536).default(1024),
  /** Run the outbox worker inside the server process. */
  WORKER_ENABLED: boolish.default(true),
  /** Name printed as the province on forms. */
  PROVINCE_NAME: z.string().min(1).default('Thanh Hóa'),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  /** Built web app (apps/web/dist) to serve; found next to the server when unset. */
  WEB_DIR: z.string().min(1).optional(),
  /** Password for `motcua create-admin` without a prompt (automation). */
  MOTCUA_ADMIN_PASSWORD: z.string().min(1).optional(),
});

export type Config = Readonly<
  z.infer<typeof ConfigSchema> & {
    dataDir: string;
    databaseMode: 'postgres' | 'pglite';
  }
>;

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return Object.freeze({
    ...c,
    dataDir: path.resolve(c.MOTCUA_DATA_DIR),
    databaseMode: c.DATABASE_URL ? 'postgres' : 'pglite',
  });
}
