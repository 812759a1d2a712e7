import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Config } from '../src/config.ts';
import { buildApp } from '../src/http/build-app.ts';
import type { AppInstance } from '../src/http/types.ts';
import { OutboxWorker } from '../src/modules/outbox/outbox.worker.ts';
import { startSandbox, type Sandbox } from '../src/sandbox/sandbox-server.ts';
import type { AppContext, Logger } from '../src/shared/app-context.ts';
import { outboxHandlers } from '../src/worker/handlers.ts';
import type { TestContext } from './test-context.ts';

/** A logger that drops everything (adapters log every delivery attempt). */
export const silentLogger: Logger = { info() {}, warn() {}, error() {}, debug() {} };

/** A parsed JSON answer (object fields or list items, read by the assertions). */
export type Json = Record<string, unknown> & { id?: string }[];

export interface SandboxHarness {
  /** The loopback sandbox (carrier, hub, portal, gateways, mail sink), cleared before each test. */
  readonly sandbox: Sandbox;
  /** The test context with the adapters pointed at the sandbox. */
  readonly ctx: AppContext;
  /** The app built on `ctx` (integration tests inject signed inbound calls into it). */
  readonly app: AppInstance;
  /** An outbox worker with every topic's handlers, no backoff and the test clock. */
  worker(context?: AppContext): OutboxWorker;
  /** One JSON request to `app`, with a bearer token when given. */
  api(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    token?: string,
    body?: unknown,
  ): Promise<{ status: number; json: Json }>;
}

/**
 * Integration tests of an adapter against the loopback sandbox: starts the sandbox, overrides the
 * configuration with `configure(sandbox)`, builds the app, and drains the outbox and clears the
 * sandbox before each test so no test sees another's messages. Call it at the top of the file,
 * after `useTestContext()`.
 */
export function useSandboxedApp(
  t: TestContext,
  configure: (sandbox: Sandbox) => Partial<Config>,
): SandboxHarness {
  let sandbox: Sandbox | undefined;
  let ctx: AppContext | undefined;
  let app: AppInstance | undefined;
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useSandboxedApp: used before beforeAll ran');
    return value;
  };
  const harness: SandboxHarness = {
    get sandbox() {
      return started(sandbox);
    },
    get ctx() {
      return started(ctx);
    },
    get app() {
      return started(app);
    },
    worker(context) {
      return new OutboxWorker({
        db: t.db,
        clock: () => t.now(),
        logger: silentLogger,
        handlers: outboxHandlers(context ?? started(ctx)),
        backoffMs: () => 0,
      });
    },
    async api(method, url, token, body) {
      const res = await started(app).inject({
        method,
        url,
        headers: token ? { authorization: `Bearer ${token}` } : {},
        ...(body !== undefined ? { payload: body as object } : {}),
      });
      return { status: res.statusCode, json: res.json<Json>() };
    },
  };
  beforeAll(async () => {
    sandbox = await startSandbox();
    ctx = { ...t.ctx, config: { ...t.ctx.config, ...configure(sandbox) } };
    app = await buildApp(ctx);
  });
  afterAll(async () => {
    await app?.close();
    await sandbox?.close();
  });
  beforeEach(async () => {
    await harness.worker().drain();
    started(sandbox).clearAll();
  });
  return harness;
}
