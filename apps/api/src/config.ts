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
  /**
   * Runs of the same SQL text after which it is sent as a named prepared statement (planned once
   * per connection, ADR 0016); 0 turns it off, for a transaction-mode connection pooler that
   * cannot keep named statements. Statement templates are prepared unless it is 0.
   */
  DB_PREPARE_THRESHOLD: z.coerce.number().int().min(0).max(1000).default(5),
  /**
   * GeoJSON FeatureCollection of the province's commune boundaries for the enforcement map (an
   * admin upload in the app wins over it). Unset: only uploaded boundaries are drawn.
   */
  MAP_BOUNDARIES_FILE: z.string().min(1).optional(),
  /** Built web app (apps/web/dist) to serve; found next to the server when unset. */
  WEB_DIR: z.string().min(1).optional(),
  /**
   * Tamper-evident audit (ADR 0011): the sealer only chains entries recorded at least this many
   * seconds ago (and before the oldest open transaction), so a late commit is never skipped.
   */
  AUDIT_SEAL_LAG_SECONDS: z.coerce.number().min(0).max(86_400).default(30),
  /** How often the server (or `motcua worker`) extends the audit hash chain, in seconds. */
  AUDIT_SEAL_INTERVAL_SECONDS: z.coerce.number().min(1).max(86_400).default(10),
  /** Password for `motcua create-admin` without a prompt (automation). */
  MOTCUA_ADMIN_PASSWORD: z.string().min(1).optional(),
  // Integrations (issue 5). An adapter whose URL is unset is "not configured": its messages are
  // logged as skipped. `serve --demo` starts the loopback sandbox and points unset URLs at it.
  /** Start the loopback sandbox (SMTP sink + mail viewer, SMS gateway, Zalo OA) with the server. */
  SANDBOX_ENABLED: boolish.optional(),
  SANDBOX_HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3025),
  SANDBOX_SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  /** Base URL of the running sandbox (its mail viewer); set by the server when it starts one. */
  SANDBOX_URL: z.string().url().optional(),
  /** SMTP server, e.g. smtps://user:password@mail.example.gov.vn:465 or smtp://host:587. */
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().min(3).default('Một cửa điện tử <motcua@localhost>'),
  /** SMS gateway (brandname) HTTP API base URL and its bearer token. */
  SMS_GATEWAY_URL: z.string().url().optional(),
  SMS_GATEWAY_TOKEN: z.string().min(1).optional(),
  SMS_BRANDNAME: z.string().min(1).max(11).default('MOTCUA'),
  /** Zalo Official Account style HTTP API base URL, access token and template id for notices. */
  ZALO_API_URL: z.string().url().optional(),
  ZALO_ACCESS_TOKEN: z.string().min(1).optional(),
  ZALO_TEMPLATE_ID: z.string().min(1).default('motcua_status'),
  /** Inbound chat: the Zalo app id and OA secret key that sign its webhook events (X-ZEvent-Signature). */
  ZALO_APP_ID: z.string().min(1).optional(),
  ZALO_OA_SECRET: z.string().min(8).optional(),
  /** Inbound SMS (MO messages from the gateway): HMAC secret of their Motcua-Signature. */
  SMS_INBOUND_SECRET: z.string().min(16).optional(),
  /** National public service portal (DVCQG) sync API: base URL and bearer token. */
  NATIONAL_PORTAL_URL: z.string().url().optional(),
  NATIONAL_PORTAL_TOKEN: z.string().min(1).optional(),
  /** Shared secret of the HMAC signature on dossiers the portal pushes to us (unset: the inbound API is closed). */
  NATIONAL_PORTAL_INBOUND_SECRET: z.string().min(16).optional(),
  // Signed results and data reuse (issue 5, ADR 0013).
  /**
   * PKCS #12 file with the agency's document-signing key and certificate (plus its CA chain).
   * Unset: the test CA key in <data dir>/signing (made by `motcua signing init-test-ca` or
   * `serve --demo`) if present, else results are stored unsigned.
   */
  SIGNING_P12_FILE: z.string().min(1).optional(),
  SIGNING_P12_PASSWORD: z.string().optional(),
  /**
   * PEM file of the root certificates the verification page trusts. Unset: the test CA root in
   * <data dir>/signing if present.
   */
  SIGNING_TRUSTED_ROOTS_FILE: z.string().min(1).optional(),
  /** Place written into signatures (/Location). */
  SIGNING_LOCATION: z.string().min(1).optional(),
  /** National population database (CSDL quốc gia về dân cư) adapter: base URL and bearer token. */
  POPULATION_REGISTRY_URL: z.string().url().optional(),
  POPULATION_REGISTRY_TOKEN: z.string().min(1).optional(),
  // Postal channel and inter-agency document exchange (issue 5, ADR 0014).
  /** Postal carrier API (VNPost-style: create/cancel orders): base URL and bearer token. */
  POSTAL_CARRIER_URL: z.string().url().optional(),
  POSTAL_CARRIER_TOKEN: z.string().min(1).optional(),
  /** Shared secret of the carrier's signed status webhook (unset: the webhook is closed). */
  POSTAL_WEBHOOK_SECRET: z.string().min(16).optional(),
  // Payments (issue 5, ADR 0012).
  /** Payment gateway API (create order, query order): base URL, merchant code, HMAC secret. */
  PAYMENT_GATEWAY_URL: z.string().url().optional(),
  PAYMENT_GATEWAY_MERCHANT: z.string().min(1).optional(),
  /** Shared secret of the gateway: signs our calls and its IPN callbacks (unset: IPN closed). */
  PAYMENT_GATEWAY_SECRET: z.string().min(16).optional(),
  /** Bank account VietQR transfers are paid into (unset: VietQR not offered). */
  VIETQR_BANK_BIN: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  VIETQR_ACCOUNT_NUMBER: z
    .string()
    .regex(/^[A-Za-z0-9]{1,19}$/)
    .optional(),
  VIETQR_ACCOUNT_NAME: z.string().min(1).optional(),
  /** Minutes before an unpaid payment request lapses. */
  PAYMENT_EXPIRY_MINUTES: z.coerce.number().int().min(1).max(10_080).default(30),
  /** Reconciliation polls pending requests older than this many minutes. */
  PAYMENT_RECONCILE_AFTER_MINUTES: z.coerce.number().int().min(0).max(1440).default(5),
  /** Document exchange hub (trục liên thông văn bản, LGSP): base URL and bearer token. */
  DOCUMENT_EXCHANGE_URL: z.string().url().optional(),
  DOCUMENT_EXCHANGE_TOKEN: z.string().min(1).optional(),
  /** Shared secret of documents and acknowledgements the hub pushes to us (unset: closed). */
  DOCUMENT_EXCHANGE_INBOUND_SECRET: z.string().min(16).optional(),
  // File storage (issue 5, ADR 0015): a local folder by default, an S3-compatible store on demand.
  /** `local`: files under <data dir>/files. `s3`: an S3-compatible object store (AWS S3, MinIO, …). */
  FILE_STORE: z.enum(['local', 's3']).default('local'),
  /** S3 endpoint, e.g. http://127.0.0.1:9000 (MinIO) or https://s3.ap-southeast-1.amazonaws.com. */
  S3_ENDPOINT: z.string().url().optional(),
  /** Region the requests are signed for (MinIO's default is us-east-1). */
  S3_REGION: z
    .string()
    .regex(/^[a-z0-9-]+$/, 'a region name such as ap-southeast-1')
    .default('us-east-1'),
  S3_BUCKET: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
      'an S3 bucket name: 3–63 lower-case letters, digits, dots, dashes',
    )
    .optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Temporary credentials (STS) only. */
  S3_SESSION_TOKEN: z.string().min(1).optional(),
  /** `true`: http://endpoint/bucket/key (MinIO). Unset: path style except on *.amazonaws.com. */
  S3_FORCE_PATH_STYLE: boolish.optional(),
  /** Folder inside the bucket for Motcua's files, e.g. `motcua/` (several installations, one bucket). */
  S3_PREFIX: z
    .string()
    .regex(/^([a-zA-Z0-9_.-]+\/)*[a-zA-Z0-9_.-]*$/, 'letters, digits and / _ . - (a folder such as motcua/)')
    .refine((v) => !v.includes('..'), 'no ..')
    .optional(),
  /** A request to the store fails after this many milliseconds without a byte (then is retried). */
  S3_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  /** Files at least this large go up by multipart upload, in parts of S3_PART_SIZE_MB. */
  S3_MULTIPART_THRESHOLD_MB: z.coerce
    .number()
    .int()
    .min(5)
    .max(5 * 1024)
    .default(64),
  S3_PART_SIZE_MB: z.coerce
    .number()
    .int()
    .min(5)
    .max(5 * 1024)
    .default(16),
  // Hardening (issue 7, docs/security.md).
  /**
   * Which proxies may set X-Forwarded-For (the client IP used by the rate limits): `loopback`
   * (a reverse proxy on the same host), `false` (none), a hop count, or IPs/CIDRs separated by
   * commas. `true` trusts any client's header and lets it dodge the per-IP limits.
   */
  TRUST_PROXY: z
    .string()
    .min(1)
    .default('loopback')
    .transform((v): boolean | number | string =>
      v === 'true' ? true : v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v,
    ),
  /** Login attempts per minute for one login name (or ID number) from one IP. */
  RATE_LIMIT_LOGIN_PER_IDENTIFIER: z.coerce.number().int().min(1).max(100_000).default(10),
  /** Login and registration attempts per minute from one IP, whatever the login name. */
  RATE_LIMIT_LOGIN_PER_IP: z.coerce.number().int().min(1).max(100_000_000).default(50),
  /** Public lookups by dossier code + secret (API, /tra-cuu page, ratings by code) per minute from one IP. */
  RATE_LIMIT_LOOKUP_PER_IP: z.coerce.number().int().min(1).max(100_000_000).default(30),
  /** Timeout of one outgoing integration call in milliseconds. */
  INTEGRATION_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  // Antivirus (issue 7, docs/security.md): every upload is streamed to clamd before it is stored.
  /** clamd TCP address, e.g. tcp://127.0.0.1:3310. Unset: uploads are not scanned. */
  CLAMAV_URL: z
    .string()
    .regex(/^tcp:\/\/[^:/]+:\d{1,5}$/, 'tcp://host:port, e.g. tcp://127.0.0.1:3310')
    .optional(),
  /** `true`: accept uploads unscanned when clamd does not answer. Default: refuse them (503). */
  CLAMAV_FAIL_OPEN: boolish.default(false),
  /** Timeout of one clamd scan (connect, stream, verdict) in milliseconds. */
  CLAMAV_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(60_000),
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
  const fileStoreIssues = fileStoreConfigIssues(c);
  if (fileStoreIssues.length > 0) {
    throw new Error(`Invalid configuration:\n${fileStoreIssues.map((l) => `  ${l}`).join('\n')}`);
  }
  return Object.freeze({
    ...c,
    dataDir: path.resolve(c.MOTCUA_DATA_DIR),
    databaseMode: c.DATABASE_URL ? 'postgres' : 'pglite',
  });
}

/** FILE_STORE=s3 needs a bucket and its credentials (checked once here, with every gap named). */
function fileStoreConfigIssues(c: z.infer<typeof ConfigSchema>): string[] {
  if (c.FILE_STORE !== 's3') return [];
  const required = ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;
  return required
    .filter((name) => c[name] === undefined)
    .map((name) => `${name}: required when FILE_STORE=s3`);
}
