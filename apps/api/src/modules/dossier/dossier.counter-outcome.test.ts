import { beforeAll, describe, expect, it } from 'vitest';
import { counterBody, makeCast, mustAct, type Cast } from '../../../test/dossier-helpers.ts';
import { call, useTestContext, type TestOfficer } from '../../../test/test-context.ts';
import { inspectPdf } from '../document/pdf-inspect.test-helpers.ts';

/**
 * Counter intake when the papers are incomplete or the request is not eligible: written guidance
 * (T3, Mẫu 02) or refusal (T4, Mẫu 03) instead of receipt, in the intake transaction, through the
 * same transition writing as every later action. No legal clock starts.
 */

const t = useTestContext();
let cast: Cast;
let supervisor: TestOfficer;
let procedureCode: string;
const REPORT = '/api/statistics/report-06a?from=2026-03-01&to=2026-03-31';

beforeAll(async () => {
  t.setNow('2026-03-04T09:00:00+07:00');
  cast = await makeCast(t);
  supervisor = await t.newOfficer([{ role: 'supervisor', unitId: cast.tree.province.id }]);
  procedureCode = (await t.newProcedure()).code;
});

const GUIDE_ITEMS = [
  { componentCode: 'ban-ve', name: 'Bản vẽ thiết kế xây dựng', reason: 'Thiếu bản vẽ mặt bằng móng' },
  {
    componentCode: 'giay-to-dat',
    name: 'Giấy tờ hợp pháp về đất đai',
    reason: 'Bản sao chưa được chứng thực',
  },
];

/** The applicant brings only the application form. */
function incompleteBody(extra: Record<string, unknown> = {}) {
  return counterBody(procedureCode, cast.tree.provinceCentre.id, {
    components: [
      { code: 'don', isProvided: true, originalCount: 1 },
      { code: 'ban-ve', isProvided: false },
      { code: 'giay-to-dat', isProvided: false },
    ],
    ...extra,
  });
}

async function intake(body: Record<string, unknown>, token = cast.receiving.token) {
  return call(t, 'POST', '/api/dossiers/counter', { token, body });
}

async function dossierCount(): Promise<number> {
  const r = await t.db
    .selectFrom('dossier')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** History, audit and outbox rows written for one dossier. */
async function trail(dossierId: string) {
  const [transitions, audit, outbox] = await Promise.all([
    t.db
      .selectFrom('dossierTransition')
      .select(['seq', 'action', 'fromStatus', 'toStatus', 'reason'])
      .where('dossierId', '=', dossierId)
      .orderBy('seq')
      .execute(),
    t.db
      .selectFrom('auditLog')
      .select(['eventType'])
      .where('entityType', '=', 'dossier')
      .where('entityId', '=', dossierId)
      .orderBy('id')
      .execute(),
    t.db
      .selectFrom('outboxMessage')
      .select(['topic', 'payload'])
      .where('aggregateId', '=', dossierId)
      .orderBy('id')
      .execute(),
  ]);
  return { transitions, audit: audit.map((a) => a.eventType), outbox };
}

/** Text of a printed form, without white space (table cells wrap lines). */
async function formText(code: string, form: string): Promise<string> {
  const res = await call(t, 'GET', `/api/dossiers/${code}/forms/${form}`, { token: cast.receiving.token });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  expect(res.raw.headers['content-type']).toContain('application/pdf');
  return squash(inspectPdf(res.raw.rawPayload).flat);
}

function squash(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, '');
}

async function report06aTotal() {
  const res = await call(t, 'GET', REPORT, { token: supervisor.token });
  expect(res.status).toBe(200);
  return res.json['total'];
}

describe('counter intake with written guidance (T3, Mẫu 02)', () => {
  let code: string;
  let version: number;

  it('records the dossier as submitted at the counter and gives the guidance, without starting the clock', async () => {
    t.setNow('2026-03-04T09:30:00+07:00');
    const totalBefore = await report06aTotal();
    const before = await dossierCount();
    const res = await intake(
      incompleteBody({ decision: 'guide', items: GUIDE_ITEMS, note: 'Đề nghị bổ sung đủ hồ sơ rồi nộp lại' }),
    );
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(await dossierCount()).toBe(before + 1);
    const d = res.json;
    code = d['code'] as string;
    version = d['version'] as number;
    expect(code).toMatch(/^T\.SXD-260304-\d{4}$/);
    expect(d['status']).toBe('awaiting_supplement');
    expect(d['channel']).toBe('counter');
    expect(d['receivedAt']).toBeNull();
    expect(d['dueAt']).toBeNull();
    expect(d['deadline']).toBeNull();
    expect(d['lookupSecret']).toMatch(/^[A-Z2-9]{6}$/);
    expect(version).toBe(2);
    const supplements = d['supplements'] as { phase: string; reason: string; items: unknown[] }[];
    expect(supplements).toHaveLength(1);
    expect(supplements[0]?.phase).toBe('intake');
    expect(supplements[0]?.reason).toBe('Đề nghị bổ sung đủ hồ sơ rồi nộp lại');
    expect(supplements[0]?.items).toEqual(GUIDE_ITEMS);
    // Only the officer's own step: supply it at the counter, or stop/withdraw.
    expect(d['availableActions']).toContain('supply');
    expect(d['availableActions']).not.toContain('request_supplement');

    const row = await t.db
      .selectFrom('dossier')
      .selectAll()
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    expect(row.receivedAt).toBeNull();
    expect(row.dueAt).toBeNull();
    expect(row.intakeSupplementCount).toBe(1);
    expect(row.supplementCount).toBe(0);
    expect(row.pausedAt).toBeNull();
    const { transitions, audit, outbox } = await trail(row.id);
    expect(transitions.map((x) => [x.seq, x.action, x.fromStatus, x.toStatus])).toEqual([
      [1, 'submit', null, 'submitted'],
      [2, 'request_supplement', 'submitted', 'awaiting_supplement'],
    ]);
    expect(transitions[1]?.reason).toBe('Đề nghị bổ sung đủ hồ sơ rồi nộp lại');
    expect(audit).toEqual(['dossier.created', 'dossier.transitioned']);
    expect(outbox.map((o) => o.topic)).toEqual(['dossier.created', 'dossier.status_changed']);
    expect(outbox[1]?.payload).toMatchObject({
      action: 'request_supplement',
      fromStatus: 'submitted',
      toStatus: 'awaiting_supplement',
      syncStatusCode: 5,
      version: 2,
      dueAt: null,
    });
    // Not received: nothing changes on II.06a.
    expect(await report06aTotal()).toEqual(totalBefore);
  });

  it('prints Mẫu 02 with each component to complete and why, and no receipt', async () => {
    const text = await formText(code, 'supplement-request');
    expect(text).toContain(squash('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ'));
    expect(text).toContain(squash(code));
    for (const item of GUIDE_ITEMS) {
      expect(text).toContain(squash(item.name));
      expect(text).toContain(squash(item.reason));
    }
    expect(text).toContain(squash('Đề nghị bổ sung đủ hồ sơ rồi nộp lại'));
    expect(text).toContain(squash('Trần Thị Bình'));
    const receipt = await call(t, 'GET', `/api/dossiers/${code}/forms/receipt`, {
      token: cast.receiving.token,
    });
    expect(receipt.status).toBe(409);
  });

  it('lets the applicant look the guidance up with the code and secret', async () => {
    const d = await call(t, 'GET', `/api/dossiers/${code}`, { token: cast.receiving.token });
    const secret = d.json['lookupSecret'] as string;
    const res = await call(
      t,
      'GET',
      `/api/public/lookup?code=${encodeURIComponent(code)}&secret=${encodeURIComponent(secret)}`,
    );
    expect(res.status).toBe(200);
    expect(res.json['status']).toBe('awaiting_supplement');
    expect((res.json['supplementRequest'] as { items: unknown[] }).items).toEqual(
      GUIDE_ITEMS.map((i) => ({ name: i.name, reason: i.reason })),
    );
  });

  it('receives the dossier when the applicant comes back with the papers: the clock starts then', async () => {
    t.setNow('2026-03-09T14:00:00+07:00'); // Monday, five days later
    const unknown = await call(t, 'POST', `/api/dossiers/${code}/actions`, {
      token: cast.receiving.token,
      body: { action: 'supply', expectedVersion: version, providedComponentCodes: ['khong-co'] },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error?.code).toBe('COMPONENT_UNKNOWN');
    // The papers are handed in at the counter: the officer ticks them.
    const supplied = await mustAct(t, cast.receiving.token, code, {
      action: 'supply',
      expectedVersion: version,
      note: 'Đã nộp bản vẽ và bản sao chứng thực',
      providedComponentCodes: ['ban-ve', 'giay-to-dat'],
    });
    expect(supplied.status).toBe('submitted');
    expect(supplied['receivedAt']).toBeNull();
    expect(supplied.dueAt).toBeNull();
    expect(supplied.availableActions).toContain('accept');
    // The written guidance is given once: now the dossier is received or refused.
    expect(supplied.availableActions).not.toContain('request_supplement');
    const again = await call(t, 'POST', `/api/dossiers/${code}/actions`, {
      token: cast.receiving.token,
      body: {
        action: 'request_supplement',
        expectedVersion: supplied.version,
        reason: 'Lần hai',
        items: GUIDE_ITEMS,
      },
    });
    expect(again.status).toBe(409);
    expect(again.json.error?.details?.['reason']).toBe('SUPPLEMENT_ALREADY_REQUESTED');

    const received = await mustAct(t, cast.receiving.token, code, {
      action: 'accept',
      expectedVersion: supplied.version,
    });
    expect(received.status).toBe('received');
    expect(received['receivedAt']).toBe(new Date('2026-03-09T14:00:00+07:00').toISOString());
    // Five working days from Monday 14:00: Monday 16/3 at 14:00.
    expect(new Date(received.dueAt ?? '').getTime()).toBe(new Date('2026-03-16T14:00:00+07:00').getTime());
    const supplements = received['supplements'] as { suppliedAt: string | null }[];
    expect(supplements[0]?.suppliedAt).toBe(new Date('2026-03-09T14:00:00+07:00').toISOString());
    const text = await formText(code, 'receipt');
    expect(text).toContain(squash('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ'));
    // The receipt lists the papers handed in first and those brought back.
    expect(text).toContain(squash('Đơn đề nghị cấp giấy phép xây dựng'));
    for (const item of GUIDE_ITEMS) expect(text).toContain(squash(item.name));
  });
});

describe('counter refusal (T4, Mẫu 03)', () => {
  it('records the dossier as refused at intake, prints Mẫu 03 with the reason and counts nowhere in II.06a', async () => {
    t.setNow('2026-03-10T10:00:00+07:00');
    const totalBefore = await report06aTotal();
    const reason = 'Thủ tục không thuộc thẩm quyền giải quyết của Sở Xây dựng';
    const res = await intake(incompleteBody({ decision: 'refuse', reason }));
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    const d = res.json;
    const code = d['code'] as string;
    expect(d['status']).toBe('refused');
    expect(d['receivedAt']).toBeNull();
    expect(d['dueAt']).toBeNull();
    expect(d['completedAt']).toBe(new Date('2026-03-10T10:00:00+07:00').toISOString());
    expect(d['availableActions']).toEqual([]);
    expect(d['lookupSecret']).toMatch(/^[A-Z2-9]{6}$/);

    const row = await t.db
      .selectFrom('dossier')
      .selectAll()
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    const { transitions, audit, outbox } = await trail(row.id);
    expect(transitions.map((x) => [x.seq, x.action, x.fromStatus, x.toStatus, x.reason])).toEqual([
      [1, 'submit', null, 'submitted', null],
      [2, 'refuse', 'submitted', 'refused', reason],
    ]);
    expect(audit).toEqual(['dossier.created', 'dossier.transitioned']);
    expect(outbox.map((o) => o.topic)).toEqual(['dossier.created', 'dossier.status_changed']);
    expect(outbox[1]?.payload).toMatchObject({ action: 'refuse', toStatus: 'refused', syncStatusCode: 3 });

    const text = await formText(code, 'refusal');
    expect(text).toContain(squash('PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ'));
    expect(text).toContain(squash(reason));
    expect(text).toContain(squash(code));
    expect(text).toContain(squash('Đơn đề nghị cấp giấy phép xây dựng')); // the component handed in

    expect(await report06aTotal()).toEqual(totalBefore);
  });
});

describe('counter guidance and refusal: bad input and rights', () => {
  it('rejects bad input with 400 and creates nothing', async () => {
    t.setNow('2026-03-11T09:00:00+07:00');
    const before = await dossierCount();
    const cases: [Record<string, unknown>, string][] = [
      [incompleteBody({ decision: 'guide' }), 'VALIDATION_FAILED'],
      [incompleteBody({ decision: 'guide', items: [] }), 'VALIDATION_FAILED'],
      [
        incompleteBody({
          decision: 'guide',
          items: [{ componentCode: 'ban-ve', name: 'Bản vẽ', reason: '' }],
        }),
        'VALIDATION_FAILED',
      ],
      [incompleteBody({ decision: 'refuse' }), 'VALIDATION_FAILED'],
      [incompleteBody({ decision: 'refuse', reason: '' }), 'VALIDATION_FAILED'],
      [incompleteBody({ decision: 'refuse', reason: '   ' }), 'VALIDATION_FAILED'],
      [incompleteBody({ decision: 'receive', reason: 'Không thuộc thẩm quyền' }), 'VALIDATION_FAILED'],
      [
        incompleteBody({ decision: 'refuse', reason: 'Không thuộc thẩm quyền', items: GUIDE_ITEMS }),
        'VALIDATION_FAILED',
      ],
      [incompleteBody({ decision: 'approve' }), 'VALIDATION_FAILED'],
      [
        incompleteBody({
          decision: 'guide',
          items: [{ componentCode: 'khong-co', name: 'Giấy tờ lạ', reason: 'Không có trong thủ tục' }],
        }),
        'COMPONENT_UNKNOWN',
      ],
      [
        incompleteBody({
          decision: 'refuse',
          reason: 'Không thuộc thẩm quyền',
          components: [{ code: 'khong-co', isProvided: true }],
        }),
        'COMPONENT_UNKNOWN',
      ],
      // Receipt still needs every required component.
      [incompleteBody(), 'REQUIRED_COMPONENT_MISSING'],
    ];
    for (const [body, code] of cases) {
      const r = await intake(body);
      expect({ status: r.status, code: r.json.error?.code }, JSON.stringify(body)).toEqual({
        status: 400,
        code,
      });
    }
    expect(await dossierCount()).toBe(before);
  });

  it('refuses officers who are not receiving officers of the unit, and creates nothing', async () => {
    const before = await dossierCount();
    const guide = incompleteBody({ decision: 'guide', items: GUIDE_ITEMS });
    const refuse = incompleteBody({ decision: 'refuse', reason: 'Không thuộc thẩm quyền' });
    for (const body of [guide, refuse]) {
      for (const officer of [cast.specialist, cast.leader, cast.outsider]) {
        const r = await intake(body, officer.token);
        expect(r.status).toBe(403);
        expect(r.json.error?.code).toBe('FORBIDDEN');
      }
      const citizen = await t.newCitizen();
      expect((await intake(body, citizen.token)).status).toBe(403);
    }
    expect(await dossierCount()).toBe(before);
  });

  it('creates one guidance dossier for a double submit with the same Idempotency-Key', async () => {
    const before = await dossierCount();
    const body = incompleteBody({ decision: 'guide', items: GUIDE_ITEMS });
    const headers = { 'idempotency-key': 'counter-guide-12345' };
    const [a, b] = await Promise.all([
      call(t, 'POST', '/api/dossiers/counter', { token: cast.receiving.token, body, headers }),
      call(t, 'POST', '/api/dossiers/counter', { token: cast.receiving.token, body, headers }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.json['code']).toBe(b.json['code']);
    expect(b.json['status']).toBe('awaiting_supplement');
    expect(await dossierCount()).toBe(before + 1);
  });
});
