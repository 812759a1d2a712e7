import { sampleContent, TEST_PASSWORD, type StandardTree } from '../test-context.ts';

/**
 * The declared authorisation matrix (issue 7): for every route of the route table, the outcome
 * each subject must get. `authz-matrix.test.ts` fails for a route without an entry (and an entry
 * without a route), so a new route cannot ship without deciding who may call it.
 *
 * Subjects (fixtures built by the test):
 * - `anonymous`: no session;
 * - `owner`: the citizen who owns the fixture dossier, draft, upload and file;
 * - `otherCitizen`: another citizen account;
 * - `unitOfficer`: receiving officer of the province centre, the one-stop section that received the
 *   fixture dossier (the own unit, with the role that acts on it);
 * - `otherUnitOfficer`: receiving officer of another commune's one-stop section;
 * - `noRoleOfficer`: clerk of the province centre: sees the dossier, holds no role that acts on it;
 * - `supervisor`: supervisor of the province;
 * - `admin`: admin of the province.
 *
 * Outcomes: `allow` (GET: 2xx or a 409 about the state; a state-changing call: anything but 401/403/404 and 5xx, so a 400 or
 * 409 about the body is fine), `401`, `403`, `404` (hidden: answered as if it did not exist) and
 * `refused` (the workflow refuses the actor's roles: 409 TRANSITION_NOT_ALLOWED / ROLE_NOT_ALLOWED).
 * Every cell other than `allow` must also change nothing (database checksums and stored files).
 */
export const SUBJECTS = [
  'anonymous',
  'owner',
  'otherCitizen',
  'unitOfficer',
  'otherUnitOfficer',
  'noRoleOfficer',
  'supervisor',
  'admin',
] as const;
export type Subject = (typeof SUBJECTS)[number];
export type Outcome = 'allow' | 401 | 403 | 404 | 'refused';
export type Expectation = Record<Subject, Outcome>;

export interface RequestSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  /** JSON body (an object) or raw bytes. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Overrides the subject's session token (a fresh one for logout). */
  token?: string | null;
}

/** What the test builds once, and helpers for calls that consume their target. */
export interface Fixtures {
  tree: StandardTree;
  /** Published version 1 and draft version 2. */
  procedureCode: string;
  /** The owner's online dossier (status submitted), received by the province centre. */
  dossierCode: string;
  /** A counter dossier (for the public lookup and rating by code and secret). */
  counterCode: string;
  counterSecret: string;
  /** A file uploaded by the owner and attached to the dossier. */
  fileId: string;
  /** The owner's resumable upload session. */
  uploadId: string;
  /** The officer the officer-management calls are about. */
  targetOfficerId: string;
  officerUsername: string;
  ownerIdNumber: string;
  webhookId: string;
  unique(prefix: string): string;
  /** A fresh session of the subject (for calls that end it). */
  freshToken(who: Subject): Promise<string | undefined>;
  /** A procedure with version 1 published and version 2 a draft. */
  newProcedure(): Promise<string>;
  /** A role granted to the target officer, to revoke. */
  newRoleId(): Promise<string>;
  /** Saves the owner's draft (an online submission discards it). */
  newDraft(): Promise<void>;
  /** A fresh dead-lettered outbox message (returns its id). */
  newDeadOutboxId(): Promise<number>;
  /** A fresh online dossier of the owner, in status submitted (version 1). */
  newSubmittedDossier(): Promise<string>;
  /** A fresh upload session of the owner. */
  newUpload(): Promise<string>;
  /** A fresh weekly report subscription of the province. */
  newSubscription(): Promise<string>;
  /** A fresh calendar override (returns its date). */
  newOverride(): Promise<string>;
  /** A fresh submitted dossier of the owner with an open pickup order made by the unit officer. */
  newPostalOrder(): Promise<{ code: string; orderId: string }>;
}

export interface MatrixEntry {
  expect: Expectation;
  request: (f: Fixtures, who: Subject) => RequestSpec | Promise<RequestSpec>;
}

function outcomes(
  anonymous: Outcome,
  citizens: [Outcome, Outcome],
  officers: [Outcome, Outcome, Outcome, Outcome, Outcome],
): Expectation {
  return {
    anonymous,
    owner: citizens[0],
    otherCitizen: citizens[1],
    unitOfficer: officers[0],
    otherUnitOfficer: officers[1],
    noRoleOfficer: officers[2],
    supervisor: officers[3],
    admin: officers[4],
  };
}

const A = 'allow' as const;
/** Anyone, no session needed. */
const PUBLIC = outcomes(A, [A, A], [A, A, A, A, A]);
/** Any logged-in user. */
const ANY_USER = outcomes(401, [A, A], [A, A, A, A, A]);
/** Any officer (citizens are refused before validation). */
const OFFICERS = outcomes(401, [403, 403], [A, A, A, A, A]);
/** Receiving officers of any unit (counter intake); other roles are refused. */
const COUNTER_OFFICERS = outcomes(401, [403, 403], [A, A, 403, 403, 403]);
/** Citizen accounts only. */
const CITIZENS = outcomes(401, [A, A], [403, 403, 403, 403, 403]);
/** Officers with the admin role. */
const ADMIN = outcomes(401, [403, 403], [403, 403, 403, 403, A]);
/** Admins and supervisors. */
const ADMIN_OR_SUPERVISOR = outcomes(401, [403, 403], [403, 403, 403, A, A]);
/** Report roles (leader, supervisor, division head) over the unit: the admin role is not one. */
const REPORTS = outcomes(401, [403, 403], [403, 403, 403, A, 403]);
/** Whoever may see the dossier: its owner and officers over one of its units. */
const DOSSIER_READERS = outcomes(401, [A, 404], [A, 404, A, A, A]);
/** Officers who may see the dossier. */
const DOSSIER_OFFICERS = outcomes(401, [403, 403], [A, 404, A, A, A]);
/** Signed inbound integrations: a request without a valid signature is refused whoever sends it. */
const SIGNED = outcomes(401, [401, 401], [401, 401, 401, 401, 401]);

const PERIOD = 'from=2026-01-01&to=2026-03-01';

function onlineBody(f: Fixtures) {
  return {
    procedureCode: f.procedureCode,
    receivingUnitId: f.tree.provinceCentre.id,
    applicant: { kind: 'citizen', fullName: 'Phạm Thị Dung', idNumber: f.ownerIdNumber, phone: '0901234567' },
    components: ['don', 'ban-ve', 'giay-to-dat'].map((code) => ({ code, isProvided: true, isReused: true })),
  };
}

export const AUTHZ_MATRIX: Record<string, MatrixEntry> = {
  'GET /api/openapi.json': { expect: PUBLIC, request: () => ({ method: 'GET', url: '/api/openapi.json' }) },
  'GET /api/health': { expect: PUBLIC, request: () => ({ method: 'GET', url: '/api/health' }) },
  'POST /api/auth/login': {
    expect: PUBLIC,
    request: (f) => ({
      method: 'POST',
      url: '/api/auth/login',
      body: { username: f.officerUsername, password: TEST_PASSWORD },
    }),
  },
  'POST /api/auth/citizen/login': {
    expect: PUBLIC,
    request: (f) => ({
      method: 'POST',
      url: '/api/auth/citizen/login',
      body: { identifier: f.ownerIdNumber, password: TEST_PASSWORD },
    }),
  },
  'POST /api/auth/citizen/register': {
    expect: PUBLIC,
    request: (f) => ({
      method: 'POST',
      url: '/api/auth/citizen/register',
      body: {
        kind: 'citizen',
        fullName: 'Mai Văn Công',
        idNumber: `0381${f.unique('').replace(/\D/g, '').padStart(8, '0').slice(-8)}`,
        password: TEST_PASSWORD,
      },
    }),
  },
  'POST /api/auth/logout': {
    expect: ANY_USER,
    request: async (f, who) => ({
      method: 'POST',
      url: '/api/auth/logout',
      token: (await f.freshToken(who)) ?? null,
    }),
  },
  'GET /api/me': { expect: ANY_USER, request: () => ({ method: 'GET', url: '/api/me' }) },
  'GET /api/officers': {
    expect: ADMIN_OR_SUPERVISOR,
    request: () => ({ method: 'GET', url: '/api/officers' }),
  },
  'POST /api/officers': {
    expect: ADMIN,
    request: (f) => ({
      method: 'POST',
      url: '/api/officers',
      body: {
        username: f.unique('ma.tran.'),
        fullName: 'Cán bộ Ma Trận',
        password: TEST_PASSWORD,
        roles: [{ role: 'specialist', unitId: f.tree.department.id }],
      },
    }),
  },
  'GET /api/officers/:officerId': {
    expect: ADMIN_OR_SUPERVISOR,
    request: (f) => ({ method: 'GET', url: `/api/officers/${f.targetOfficerId}` }),
  },
  'POST /api/officers/:officerId/roles': {
    expect: ADMIN,
    request: (f) => ({
      method: 'POST',
      url: `/api/officers/${f.targetOfficerId}/roles`,
      body: { role: 'clerk', unitId: f.tree.division.id },
    }),
  },
  'DELETE /api/officers/:officerId/roles/:roleId': {
    expect: ADMIN,
    request: async (f) => ({
      method: 'DELETE',
      url: `/api/officers/${f.targetOfficerId}/roles/${await f.newRoleId()}`,
    }),
  },
  'GET /api/units': { expect: PUBLIC, request: () => ({ method: 'GET', url: '/api/units' }) },
  'GET /api/units/:unitId': {
    expect: PUBLIC,
    request: (f) => ({ method: 'GET', url: `/api/units/${f.tree.department.id}` }),
  },
  'POST /api/units': {
    expect: ADMIN,
    request: (f) => ({
      method: 'POST',
      url: '/api/units',
      body: {
        agencyCode: f.unique('T.SXD.MT').toUpperCase(),
        name: 'Phòng Ma Trận',
        kind: 'division',
        parentId: f.tree.department.id,
      },
    }),
  },
  'PATCH /api/units/:unitId': {
    expect: ADMIN,
    request: (f) => ({
      method: 'PATCH',
      url: `/api/units/${f.tree.division.id}`,
      body: { phone: `0237 ${f.unique('').slice(-6)}` },
    }),
  },
  'GET /api/units/:unitId/officers': {
    expect: OFFICERS,
    request: (f) => ({ method: 'GET', url: `/api/units/${f.tree.department.id}/officers?role=specialist` }),
  },
  'GET /api/calendar/due': {
    expect: PUBLIC,
    request: () => ({
      method: 'GET',
      url: '/api/calendar/due?from=2026-03-02T09%3A00%3A00%2B07%3A00&amount=5&unit=working-days',
    }),
  },
  'GET /api/calendar/days': {
    expect: PUBLIC,
    request: () => ({ method: 'GET', url: '/api/calendar/days?year=2026' }),
  },
  'GET /api/calendar/overrides': {
    expect: PUBLIC,
    request: () => ({ method: 'GET', url: '/api/calendar/overrides?year=2026' }),
  },
  'PUT /api/calendar/overrides/:date': {
    expect: ADMIN,
    request: () => ({
      method: 'PUT',
      url: '/api/calendar/overrides/2026-11-16',
      body: { kind: 'day_off', name: 'Ngày nghỉ thử nghiệm' },
    }),
  },
  'DELETE /api/calendar/overrides/:date': {
    expect: ADMIN,
    request: async (f) => ({ method: 'DELETE', url: `/api/calendar/overrides/${await f.newOverride()}` }),
  },
  'GET /api/procedures': {
    expect: PUBLIC,
    request: () => ({ method: 'GET', url: '/api/procedures?q=xay%20dung' }),
  },
  'GET /api/procedures/fields': {
    expect: PUBLIC,
    request: () => ({ method: 'GET', url: '/api/procedures/fields' }),
  },
  'GET /api/procedures/:code': {
    expect: PUBLIC,
    request: (f) => ({ method: 'GET', url: `/api/procedures/${f.procedureCode}` }),
  },
  'GET /api/procedures/:code/versions/:versionNo': {
    // Version 1 is published (a draft version is admin-only: procedure.authz.test.ts).
    expect: PUBLIC,
    request: (f) => ({ method: 'GET', url: `/api/procedures/${f.procedureCode}/versions/1` }),
  },
  'POST /api/procedures': {
    expect: ADMIN,
    request: (f) => ({
      method: 'POST',
      url: '/api/procedures',
      body: {
        code: `1.${f.unique('').replace(/\D/g, '').padStart(6, '0').slice(-6)}`,
        effectiveFrom: '2025-07-01',
        content: sampleContent(),
      },
    }),
  },
  'POST /api/procedures/:code/versions': {
    expect: ADMIN,
    request: async (f) => ({
      method: 'POST',
      url: `/api/procedures/${await f.newProcedure()}/versions`,
      body: {},
    }),
  },
  'PUT /api/procedures/:code/versions/:versionNo': {
    expect: ADMIN,
    request: async (f) => ({
      method: 'PUT',
      url: `/api/procedures/${await f.newProcedure()}/versions/2`,
      body: { effectiveFrom: '2026-07-01', content: sampleContent({ name: 'Tên mới' }) },
    }),
  },
  'GET /api/procedures/:code/versions/:versionNo/validation': {
    expect: ADMIN,
    request: (f) => ({ method: 'GET', url: `/api/procedures/${f.procedureCode}/versions/2/validation` }),
  },
  'POST /api/procedures/:code/versions/:versionNo/publish': {
    expect: ADMIN,
    request: async (f) => ({
      method: 'POST',
      url: `/api/procedures/${await f.newProcedure()}/versions/2/publish`,
    }),
  },
  'GET /api/catalog/export': {
    expect: PUBLIC,
    request: () => ({ method: 'GET', url: '/api/catalog/export' }),
  },
  'POST /api/catalog/import': {
    expect: ADMIN,
    request: (f) => ({
      method: 'POST',
      url: '/api/catalog/import',
      body: {
        format: 'motcua.catalog/v1',
        procedures: [
          {
            code: `1.${f.unique('').replace(/\D/g, '').padStart(6, '0').slice(-6)}`,
            versions: [
              { versionNo: 1, status: 'draft', effectiveFrom: '2026-07-01', content: sampleContent() },
            ],
          },
        ],
      },
    }),
  },
  'POST /api/dossiers': {
    expect: CITIZENS,
    request: (f) => ({ method: 'POST', url: '/api/dossiers', body: onlineBody(f) }),
  },
  'POST /api/dossiers/counter': {
    // Only a receiving officer of the receiving unit takes a dossier in at its counter.
    expect: outcomes(401, [403, 403], [A, 403, 403, 403, 403]),
    request: (f) => ({
      method: 'POST',
      url: '/api/dossiers/counter',
      body: {
        procedureCode: f.procedureCode,
        receivingUnitId: f.tree.provinceCentre.id,
        applicant: {
          kind: 'citizen',
          fullName: 'Trần Thị Bình',
          idNumber: '038190001234',
          phone: '0987654321',
          address: 'Số 5 Lê Lợi, phường Hạc Thành',
        },
        components: [
          { code: 'don', isProvided: true, originalCount: 1 },
          { code: 'ban-ve', isProvided: true, originalCount: 2 },
          { code: 'giay-to-dat', isProvided: true, copyCount: 1 },
        ],
      },
    }),
  },
  'GET /api/dossiers': { expect: ANY_USER, request: () => ({ method: 'GET', url: '/api/dossiers' }) },
  'GET /api/dossiers/counts': {
    expect: ANY_USER,
    request: () => ({ method: 'GET', url: '/api/dossiers/counts?scope=all_visible' }),
  },
  'GET /api/dossiers/:code': {
    expect: DOSSIER_READERS,
    request: (f) => ({ method: 'GET', url: `/api/dossiers/${f.dossierCode}` }),
  },
  'POST /api/dossiers/:code/actions': {
    // Accepting a submitted online dossier: the receiving officer of the receiving unit only.
    expect: outcomes(401, [403, 404], [A, 404, 403, 403, 403]),
    request: async (f) => ({
      method: 'POST',
      url: `/api/dossiers/${await f.newSubmittedDossier()}/actions`,
      body: { action: 'accept', expectedVersion: 1 },
    }),
  },
  'POST /api/dossiers/bulk-actions': {
    // Any officer may send a batch; each item is checked like a single action (dossier.bulk.test.ts).
    expect: OFFICERS,
    request: (f) => ({
      method: 'POST',
      url: '/api/dossiers/bulk-actions',
      body: {
        action: 'assign',
        assigneeId: f.targetOfficerId,
        items: [{ code: f.dossierCode, expectedVersion: 1 }],
      },
    }),
  },
  'GET /api/public/lookup': {
    expect: PUBLIC,
    request: (f) => ({
      method: 'GET',
      url: `/api/public/lookup?code=${encodeURIComponent(f.counterCode)}&secret=${f.counterSecret}`,
    }),
  },
  'POST /api/dossiers/:code/rating': {
    // The owner is allowed (409 RATING_NOT_OPEN: the dossier is not settled yet).
    expect: outcomes(401, [A, 404], [403, 403, 403, 403, 403]),
    request: (f) => ({ method: 'POST', url: `/api/dossiers/${f.dossierCode}/rating`, body: { score: 5 } }),
  },
  'POST /api/public/rating': {
    expect: PUBLIC,
    request: (f) => ({
      method: 'POST',
      url: '/api/public/rating',
      body: { code: f.counterCode, secret: f.counterSecret, score: 4 },
    }),
  },
  'GET /api/dossiers/:code/forms/:form': {
    // The receipt of a dossier not yet received is a 409 CONFLICT for those who may see it.
    expect: DOSSIER_READERS,
    request: (f) => ({ method: 'GET', url: `/api/dossiers/${f.dossierCode}/forms/receipt` }),
  },
  'GET /api/drafts': { expect: CITIZENS, request: () => ({ method: 'GET', url: '/api/drafts' }) },
  'GET /api/drafts/:procedureCode': {
    // Drafts are per account: another citizen has none for this procedure.
    expect: outcomes(401, [A, 404], [403, 403, 403, 403, 403]),
    request: async (f) => {
      await f.newDraft();
      return { method: 'GET', url: `/api/drafts/${f.procedureCode}` };
    },
  },
  'PUT /api/drafts/:procedureCode': {
    expect: CITIZENS,
    request: (f) => ({ method: 'PUT', url: `/api/drafts/${f.procedureCode}`, body: { data: { step: 1 } } }),
  },
  'DELETE /api/drafts/:procedureCode': {
    expect: CITIZENS,
    request: (f) => ({ method: 'DELETE', url: `/api/drafts/${f.procedureCode}` }),
  },
  'GET /api/files/:fileId': {
    // The uploader, and whoever may see a dossier the file is attached to.
    expect: DOSSIER_READERS,
    request: (f) => ({ method: 'GET', url: `/api/files/${f.fileId}` }),
  },
  'POST /api/files': {
    expect: ANY_USER,
    request: () => ({
      method: 'POST',
      url: '/api/files?name=ma-tran.pdf',
      headers: { 'content-type': 'application/pdf' },
      body: Buffer.from('%PDF-1.4\n% matrix\n'),
    }),
  },
  'POST /api/uploads': {
    expect: ANY_USER,
    request: () => ({
      method: 'POST',
      url: '/api/uploads',
      body: { name: 'ban-ve.pdf', size: 2048, contentType: 'application/pdf' },
    }),
  },
  'GET /api/uploads/:uploadId': {
    // Upload sessions are private to their uploader.
    expect: outcomes(401, [A, 404], [404, 404, 404, 404, 404]),
    request: (f) => ({ method: 'GET', url: `/api/uploads/${f.uploadId}` }),
  },
  'PUT /api/uploads/:uploadId': {
    expect: outcomes(401, [A, 404], [404, 404, 404, 404, 404]),
    request: (f) => ({
      method: 'PUT',
      url: `/api/uploads/${f.uploadId}?offset=0`,
      headers: { 'content-type': 'application/octet-stream' },
      body: Buffer.from('%PDF-1.4\n'),
    }),
  },
  'DELETE /api/uploads/:uploadId': {
    expect: outcomes(401, [A, 404], [404, 404, 404, 404, 404]),
    request: async (f) => ({ method: 'DELETE', url: `/api/uploads/${await f.newUpload()}` }),
  },
  'GET /api/audit': { expect: ADMIN_OR_SUPERVISOR, request: () => ({ method: 'GET', url: '/api/audit' }) },
  'GET /api/admin/audit/verify': {
    expect: ADMIN,
    request: () => ({ method: 'GET', url: '/api/admin/audit/verify' }),
  },
  'GET /api/admin/outbox': { expect: ADMIN, request: () => ({ method: 'GET', url: '/api/admin/outbox' }) },
  'GET /api/admin/outbox/stats': {
    expect: ADMIN,
    request: () => ({ method: 'GET', url: '/api/admin/outbox/stats' }),
  },
  'POST /api/admin/outbox/:id/replay': {
    expect: ADMIN,
    request: async (f) => ({ method: 'POST', url: `/api/admin/outbox/${await f.newDeadOutboxId()}/replay` }),
  },
  'GET /api/dossiers/:code/notifications': {
    expect: DOSSIER_READERS,
    request: (f) => ({ method: 'GET', url: `/api/dossiers/${f.dossierCode}/notifications` }),
  },
  'GET /api/admin/notifications': {
    expect: ADMIN,
    request: () => ({ method: 'GET', url: '/api/admin/notifications' }),
  },
  'GET /api/admin/notification-channels': {
    expect: ADMIN,
    request: () => ({ method: 'GET', url: '/api/admin/notification-channels' }),
  },
  'GET /api/me/notification-preference': {
    expect: CITIZENS,
    request: () => ({ method: 'GET', url: '/api/me/notification-preference' }),
  },
  'PUT /api/me/notification-preference': {
    expect: CITIZENS,
    request: () => ({ method: 'PUT', url: '/api/me/notification-preference', body: { channel: 'email' } }),
  },
  'POST /api/admin/webhooks': {
    expect: ADMIN,
    request: () => ({
      method: 'POST',
      url: '/api/admin/webhooks',
      body: { name: 'IOC ma trận', url: 'https://ioc.example.vn/hooks/motcua' },
    }),
  },
  'GET /api/admin/webhooks': {
    expect: ADMIN,
    request: () => ({ method: 'GET', url: '/api/admin/webhooks' }),
  },
  'POST /api/admin/webhooks/:id/deactivate': {
    expect: ADMIN,
    request: (f) => ({ method: 'POST', url: `/api/admin/webhooks/${f.webhookId}/deactivate` }),
  },
  'GET /api/admin/webhooks/:id/deliveries': {
    expect: ADMIN,
    request: (f) => ({ method: 'GET', url: `/api/admin/webhooks/${f.webhookId}/deliveries` }),
  },
  'GET /api/admin/national-sync/report': {
    expect: ADMIN_OR_SUPERVISOR,
    request: () => ({ method: 'GET', url: '/api/admin/national-sync/report' }),
  },
  'POST /api/admin/national-sync/resync': {
    expect: ADMIN,
    request: (f) => ({
      method: 'POST',
      url: '/api/admin/national-sync/resync',
      body: { codes: [f.dossierCode] },
    }),
  },
  'GET /api/dossiers/:code/national-sync': {
    expect: DOSSIER_OFFICERS,
    request: (f) => ({ method: 'GET', url: `/api/dossiers/${f.dossierCode}/national-sync` }),
  },
  'GET /api/statistics/scopes': {
    expect: REPORTS,
    request: () => ({ method: 'GET', url: '/api/statistics/scopes' }),
  },
  'GET /api/statistics/report-06a': {
    expect: REPORTS,
    request: () => ({ method: 'GET', url: `/api/statistics/report-06a?${PERIOD}` }),
  },
  'GET /api/statistics/report-06a/export': {
    expect: REPORTS,
    request: () => ({ method: 'GET', url: `/api/statistics/report-06a/export?${PERIOD}&format=csv` }),
  },
  'GET /api/statistics/dossiers': {
    expect: REPORTS,
    request: () => ({ method: 'GET', url: `/api/statistics/dossiers?${PERIOD}&column=3` }),
  },
  'GET /api/statistics/map': {
    expect: REPORTS,
    request: () => ({ method: 'GET', url: `/api/statistics/map?${PERIOD}` }),
  },
  'GET /api/statistics/map/boundaries': {
    expect: ADMIN,
    request: () => ({ method: 'GET', url: '/api/statistics/map/boundaries' }),
  },
  'PUT /api/statistics/map/boundaries': {
    // A body that is not a FeatureCollection: the admin gets a 400, the others are refused first.
    expect: ADMIN,
    request: () => ({
      method: 'PUT',
      url: '/api/statistics/map/boundaries?name=ma-tran.geojson',
      body: { type: 'FeatureCollection', features: [] },
    }),
  },
  'DELETE /api/statistics/map/boundaries': {
    expect: ADMIN,
    request: () => ({ method: 'DELETE', url: '/api/statistics/map/boundaries' }),
  },
  'GET /api/statistics/dashboard': {
    expect: REPORTS,
    request: () => ({ method: 'GET', url: '/api/statistics/dashboard' }),
  },
  'GET /api/statistics/indicators-766': {
    expect: REPORTS,
    request: () => ({ method: 'GET', url: `/api/statistics/indicators-766?${PERIOD}` }),
  },
  'GET /api/statistics/weekly': {
    expect: REPORTS,
    request: () => ({ method: 'GET', url: '/api/statistics/weekly' }),
  },
  'GET /api/statistics/subscriptions': {
    expect: REPORTS,
    request: () => ({ method: 'GET', url: '/api/statistics/subscriptions' }),
  },
  'POST /api/statistics/subscriptions': {
    expect: REPORTS,
    request: (f) => ({
      method: 'POST',
      url: '/api/statistics/subscriptions',
      body: { unitId: f.tree.province.id, recipients: ['lanh.dao@example.vn'] },
    }),
  },
  'DELETE /api/statistics/subscriptions/:id': {
    expect: REPORTS,
    request: async (f) => ({
      method: 'DELETE',
      url: `/api/statistics/subscriptions/${await f.newSubscription()}`,
    }),
  },
  'POST /api/statistics/rebuild': {
    expect: ADMIN,
    request: () => ({ method: 'POST', url: '/api/statistics/rebuild' }),
  },
  'GET /api/public/statistics': {
    expect: PUBLIC,
    request: () => ({ method: 'GET', url: '/api/public/statistics' }),
  },
  'GET /api/public/statistics/map': {
    expect: PUBLIC,
    request: () => ({ method: 'GET', url: '/api/public/statistics/map' }),
  },
  'POST /api/integrations/national-portal/dossiers': {
    expect: SIGNED,
    request: () => ({
      method: 'POST',
      url: '/api/integrations/national-portal/dossiers',
      headers: { 'content-type': 'application/json', 'motcua-signature': 't=1,v1=00' },
      body: { dossierId: 'DVCQG-1' },
    }),
  },
  'POST /api/integrations/chat/zalo': {
    expect: SIGNED,
    request: () => ({
      method: 'POST',
      url: '/api/integrations/chat/zalo',
      headers: { 'content-type': 'application/json', 'x-zevent-signature': 'mac=00' },
      body: { app_id: 'motcua-test', timestamp: '1', event_name: 'user_send_text' },
    }),
  },
  'POST /api/integrations/sms/inbound': {
    expect: SIGNED,
    request: () => ({
      method: 'POST',
      url: '/api/integrations/sms/inbound',
      headers: { 'content-type': 'application/json', 'motcua-signature': 't=1,v1=00' },
      body: { from: '0912345678', text: 'TRA CUU' },
    }),
  },
  'POST /api/public/signatures/verify': {
    expect: PUBLIC,
    request: () => ({
      method: 'POST',
      url: '/api/public/signatures/verify',
      headers: { 'content-type': 'application/pdf' },
      body: Buffer.from('%PDF-1.4\n% not signed\n'),
    }),
  },
  'GET /api/me/documents': {
    expect: CITIZENS,
    request: () => ({ method: 'GET', url: '/api/me/documents' }),
  },
  // The other citizen asks for the owner's file: 404 DOCUMENT_NOT_REUSABLE (not in their store).
  'POST /api/me/documents/reuse': {
    expect: outcomes(401, [A, 404], [403, 403, 403, 403, 403]),
    request: (f) => ({ method: 'POST', url: '/api/me/documents/reuse', body: { fileId: f.fileId } }),
  },
  // Receiving officers of any unit (counter intake) may look up an applicant's issued results
  // (audited); other officers may not.
  'GET /api/officer/applicants/:idNumber/results': {
    expect: COUNTER_OFFICERS,
    request: () => ({ method: 'GET', url: '/api/officer/applicants/038190001234/results' }),
  },
  // The sandbox registry knows this person, so a receiving officer gets 200 (audited).
  'GET /api/officer/population/:idNumber': {
    expect: COUNTER_OFFICERS,
    request: () => ({ method: 'GET', url: '/api/officer/population/038090001234?purpose=counter_intake' }),
  },
  // Both citizens are persons of the sandbox registry (authz-matrix.test.ts), so each gets their own record.
  'GET /api/me/population-profile': {
    expect: CITIZENS,
    request: () => ({ method: 'GET', url: '/api/me/population-profile' }),
  },
  'GET /api/dossiers/:code/postal-orders': {
    expect: DOSSIER_READERS,
    request: (f) => ({ method: 'GET', url: `/api/dossiers/${f.dossierCode}/postal-orders` }),
  },
  // Only a receiving officer of the receiving unit manages postal orders; other units: hidden.
  'POST /api/dossiers/:code/postal-orders': {
    expect: outcomes(401, [403, 403], [A, 404, 403, 403, 403]),
    request: (f) => ({
      method: 'POST',
      url: `/api/dossiers/${f.dossierCode}/postal-orders`,
      body: { kind: 'pickup', recipientName: 'Phạm Thị Dung', address: 'Số 1 Lê Lợi, Hạc Thành' },
    }),
  },
  'POST /api/dossiers/:code/postal-orders/:orderId/cancel': {
    expect: outcomes(401, [403, 403], [A, 404, 403, 403, 403]),
    request: async (f) => {
      const { code, orderId } = await f.newPostalOrder();
      return { method: 'POST', url: `/api/dossiers/${code}/postal-orders/${orderId}/cancel` };
    },
  },
  'GET /api/dossiers/:code/exchanged-documents': {
    expect: DOSSIER_OFFICERS,
    request: (f) => ({ method: 'GET', url: `/api/dossiers/${f.dossierCode}/exchanged-documents` }),
  },
  // Any officer of the sending unit may send on its behalf (the clerk too); the province's
  // supervisor and admin are not officers of the province centre (403).
  'POST /api/dossiers/:code/exchanged-documents': {
    expect: outcomes(401, [403, 403], [A, 404, A, 403, 403]),
    request: (f) => ({
      method: 'POST',
      url: `/api/dossiers/${f.dossierCode}/exchanged-documents`,
      body: {
        senderUnitId: f.tree.provinceCentre.id,
        recipientUnitId: f.tree.department.id,
        documentNumber: '1/TT',
        summary: 'Đề nghị phối hợp',
      },
    }),
  },
  'GET /api/exchange/inbox': {
    expect: OFFICERS,
    request: () => ({ method: 'GET', url: '/api/exchange/inbox' }),
  },
  // A document not in the caller's unit inbox is hidden (404) from every officer.
  'POST /api/exchange/documents/:id/acknowledge': {
    expect: outcomes(401, [403, 403], [404, 404, 404, 404, 404]),
    request: () => ({
      method: 'POST',
      url: '/api/exchange/documents/00000000-0000-4000-8000-000000000000/acknowledge',
      body: { status: 'received' },
    }),
  },
  // A file of a document not in the caller's units (nor on a dossier they see) is hidden (404).
  'GET /api/exchange/documents/:id/files/:fileId': {
    expect: outcomes(401, [403, 403], [404, 404, 404, 404, 404]),
    request: () => ({
      method: 'GET',
      url: '/api/exchange/documents/00000000-0000-4000-8000-000000000000/files/00000000-0000-4000-8000-000000000001',
    }),
  },
  // Payments (ADR 0012): the owner pays; the receiving officer (or the specialist) sees and records cash.
  'GET /api/me/dossiers/:code/payments': {
    expect: outcomes(401, [A, 404], [403, 403, 403, 403, 403]),
    request: (f) => ({ method: 'GET', url: `/api/me/dossiers/${f.dossierCode}/payments` }),
  },
  'POST /api/me/dossiers/:code/payments': {
    expect: outcomes(401, [A, 404], [403, 403, 403, 403, 403]),
    request: (f) => ({
      method: 'POST',
      url: `/api/me/dossiers/${f.dossierCode}/payments`,
      body: { method: 'vietqr', purpose: 'fee' },
    }),
  },
  'GET /api/officer/dossiers/:code/payments': {
    expect: outcomes(401, [403, 403], [A, 404, 403, 403, 403]),
    request: (f) => ({ method: 'GET', url: `/api/officer/dossiers/${f.dossierCode}/payments` }),
  },
  'POST /api/officer/dossiers/:code/payments/counter': {
    expect: outcomes(401, [403, 403], [A, 404, 403, 403, 403]),
    request: (f) => ({
      method: 'POST',
      url: `/api/officer/dossiers/${f.dossierCode}/payments/counter`,
      body: { purpose: 'fee', amount: 1 },
    }),
  },
  // A page that sends anyone back to the portal page of the dossier.
  'GET /api/integrations/payment/return': {
    expect: PUBLIC,
    request: () => ({ method: 'GET', url: '/api/integrations/payment/return?reference=UNKNOWN' }),
  },
  'POST /api/integrations/payment/ipn': {
    expect: SIGNED,
    request: () => ({
      method: 'POST',
      url: '/api/integrations/payment/ipn',
      headers: { 'content-type': 'application/json', 'motcua-signature': 't=1,v1=00' },
      body: { eventId: 'e1' },
    }),
  },
  'POST /api/integrations/postal/events': {
    expect: SIGNED,
    request: () => ({
      method: 'POST',
      url: '/api/integrations/postal/events',
      headers: { 'content-type': 'application/json', 'motcua-signature': 't=1,v1=00' },
      body: { eventId: 'e1' },
    }),
  },
  'POST /api/integrations/exchange/inbound': {
    expect: SIGNED,
    request: () => ({
      method: 'POST',
      url: '/api/integrations/exchange/inbound',
      headers: { 'content-type': 'application/json', 'motcua-signature': 't=1,v1=00' },
      body: { type: 'ack' },
    }),
  },
};
