import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/build-app.ts';
import { useTestContext, type TestCitizen, type TestOfficer } from '../test-context.ts';
import { changedBetween, takeSnapshot } from './db-snapshot.ts';

/**
 * Property-based malformed requests against every operation of the OpenAPI document (issue 7):
 * wrong types, missing and extra fields, huge strings, bad Unicode, path traversal, numbers as
 * ids, mislabelled bodies; sent as an admin, a citizen and anonymously. Asserts no 5xx, the error
 * model on every 4xx, and no state change per operation (db-snapshot.ts). Fixed seed; FUZZ_RUNS
 * (runs per operation and caller) raises the budget locally.
 */
const t = useTestContext();
const RUNS = Number(process.env['FUZZ_RUNS'] ?? '25');
const SEED = 20_261_207;
/**
 * Operations without any input, whose every call is a legitimate state change: ending the caller's
 * own session, queueing a statistics rebuild (audited), and the citizen's own population profile
 * (a lookup of personal data, audited on every valid call, even "not found"; its refusals are
 * tested in population.own-profile.test.ts).
 */
const SKIPPED = new Set([
  'POST /api/auth/logout',
  'POST /api/statistics/rebuild',
  'GET /api/me/population-profile',
]);

let admin: TestOfficer;
let citizen: TestCitizen;

beforeAll(async () => {
  t.setNow('2026-03-02T09:00:00+07:00');
  const tree = await t.standardTree();
  admin = await t.newOfficer([{ role: 'admin', unitId: tree.province.id }]);
  citizen = await t.newCitizen();
  await t.newProcedure();
});

const nasty = fc.constantFrom(
  '../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '%00',
  'a\u0000b',
  '\uD800',
  '\uDFFF\uD800',
  '\u202Eexe.pdf',
  '0',
  '-1',
  '1e309',
  'NaN',
  'null',
  '00000000-0000-0000-0000-000000000000',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '%',
  '',
  ' ',
);
const anyString = fc.oneof(nasty, fc.string({ maxLength: 40 }), fc.constant('x'.repeat(5000)));
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    anyString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(anyString, tie('v'), { maxKeys: 3 }),
  ),
})).v;

interface Operation {
  method: string;
  path: string;
  params: string[];
  query: string[];
  bodyProps: string[];
  hasBody: boolean;
}

function operations(doc: { paths: Record<string, Record<string, Record<string, unknown>>> }): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const parameters = (op['parameters'] as { in: string; name: string }[] | undefined) ?? [];
      const body = op['requestBody'] as
        { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> } | undefined;
      const json = body?.content?.['application/json']?.schema;
      out.push({
        method: method.toUpperCase(),
        path,
        params: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        query: parameters.filter((p) => p.in === 'query').map((p) => p.name),
        bodyProps: Object.keys(json?.properties ?? {}),
        hasBody: body !== undefined,
      });
    }
  }
  return out;
}

function request(op: Operation) {
  const keys = [...op.bodyProps, 'extra', '__proto__', 'constructor'];
  return fc.record({
    params: fc.tuple(...op.params.map(() => anyString), fc.constant('')),
    query: fc.dictionary(fc.constantFrom(...op.query, 'extra', 'offset'), anyString, { maxKeys: 3 }),
    body: fc.oneof(
      fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 4 }),
      value,
      fc.constant('x'.repeat(1024 * 1024)),
    ),
    contentType: fc.constantFrom(
      'application/json',
      'text/plain',
      'application/octet-stream',
      'multipart/form-data; boundary=x',
      'application/pdf',
    ),
  });
}

/** Percent-encodes, turning a lone surrogate into invalid UTF-8 bytes on the wire. */
function enc(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return s
      .split(/([\uD800-\uDFFF])/)
      .map((part) => (/^[\uD800-\uDFFF]$/.test(part) ? '%ED%A0%80' : encodeURIComponent(part)))
      .join('');
  }
}

function urlOf(op: Operation, params: string[], query: Record<string, string>): string {
  let url = op.path;
  op.params.forEach((name, i) => {
    url = url.replace(`{${name}}`, enc(params[i] ?? ''));
  });
  const qs = Object.entries(query)
    .map(([k, v]) => `${enc(k)}=${enc(v)}`)
    .join('&');
  return qs ? `${url}?${qs}` : url;
}

describe('fuzzing every operation of the OpenAPI document', () => {
  it('never answers 5xx, always with the error model, and changes nothing', async () => {
    // The signed inbound integrations are configured, so an unsigned call is a 401 (not a 503).
    const app = await buildApp({
      ...t.ctx,
      config: {
        ...t.ctx.config,
        ZALO_APP_ID: 'motcua-test',
        ZALO_OA_SECRET: 'zalo-secret-for-tests',
        SMS_INBOUND_SECRET: 'sms-secret-for-tests-0001',
        NATIONAL_PORTAL_INBOUND_SECRET: 'portal-secret-for-tests-01',
        POSTAL_WEBHOOK_SECRET: 'postal-secret-for-tests-01',
        PAYMENT_GATEWAY_SECRET: 'payment-secret-for-tests-1',
        DOCUMENT_EXCHANGE_INBOUND_SECRET: 'exchange-secret-for-tests-1',
      },
    });
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const ops = operations(doc).filter(
      (op) => !SKIPPED.has(`${op.method} ${op.path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const failures: string[] = [];
    let sent = 0;
    let fiveXx = 0;
    for (const op of ops) {
      const before = await takeSnapshot(t);
      for (const token of [admin.token, citizen.token, undefined]) {
        await fc.assert(
          fc.asyncProperty(request(op), async (r) => {
            const body =
              r.contentType === 'application/json'
                ? JSON.stringify(r.body)
                : typeof r.body === 'string'
                  ? r.body
                  : JSON.stringify(r.body);
            const res = await app.inject({
              method: op.method as 'GET',
              url: urlOf(op, r.params, r.query),
              headers: {
                ...(token ? { authorization: `Bearer ${token}` } : {}),
                ...(op.method === 'GET' ? {} : { 'content-type': r.contentType }),
              },
              ...(op.method === 'GET' || op.method === 'DELETE' ? {} : { payload: body }),
            });
            sent += 1;
            if (res.statusCode >= 500) {
              fiveXx += 1;
              failures.push(`${op.method} ${op.path}: ${res.statusCode} ${res.body.slice(0, 200)}`);
              return;
            }
            if (res.statusCode >= 400) {
              const parsed = (() => {
                try {
                  return res.json<{ error?: { code?: unknown; message?: unknown } }>();
                } catch {
                  return undefined;
                }
              })();
              if (typeof parsed?.error?.code !== 'string' || typeof parsed.error.message !== 'string')
                failures.push(`${op.method} ${op.path}: ${res.statusCode} without the error model`);
            }
          }),
          { numRuns: RUNS, seed: SEED, endOnFailure: true },
        );
      }
      const changed = changedBetween(before, await takeSnapshot(t));
      if (changed.length > 0) failures.push(`${op.method} ${op.path}: changed ${changed.join(', ')}`);
    }
    console.log(`[fuzz] ${sent.toLocaleString('en')} requests over ${ops.length} operations, ${fiveXx} 5xx`);
    await app.close();
    expect([...new Set(failures)]).toEqual([]);
  }, 300_000);

  it('answers a malformed URL and an over-long path parameter with the error model (regression)', async () => {
    const app = await t.app();
    for (const [url, status] of [
      ['/api/dossiers/%E0%A4%A', 400],
      [`/api/dossiers/${'x'.repeat(5000)}`, 414],
    ] as const) {
      const res = await app.inject({
        method: 'GET',
        url,
        headers: { authorization: `Bearer ${admin.token}` },
      });
      expect(res.statusCode).toBe(status);
      expect(res.json()).toEqual({ error: { code: 'VALIDATION_FAILED', message: expect.any(String) } });
    }
  });
});
