import { beforeAll, describe, expect, it } from 'vitest';
import { makeCast, mustAct, receiveAtCounter, type Cast } from '../../../test/dossier-helpers.ts';
import { call, useTestContext } from '../../../test/test-context.ts';

const t = useTestContext();
let cast: Cast;
let procedureCode: string;

beforeAll(async () => {
  t.setNow('2026-03-02T09:00:00+07:00');
  cast = await makeCast(t);
  procedureCode = (await t.newProcedure()).code;
});

/** A dossier waiting at the specialist step of Sở Xây dựng, not assigned to anyone yet. */
async function atSpecialistStep() {
  const d = await receiveAtCounter(t, cast, procedureCode);
  const transferred = await mustAct(t, cast.receiving.token, d.code, {
    action: 'transfer',
    expectedVersion: 1,
  });
  const forwarded = await mustAct(t, cast.divisionHead.token, d.code, {
    action: 'complete_step',
    expectedVersion: transferred.version,
  });
  expect(forwarded['currentStep']).toMatchObject({ role: 'specialist', assignee: null });
  return { code: d.code, version: forwarded.version };
}

async function bulk(token: string | undefined, body: unknown) {
  return call(t, 'POST', '/api/dossiers/bulk-actions', { token, body });
}

async function stateOf(code: string) {
  const d = await t.db
    .selectFrom('dossier')
    .select(['id', 'version', 'currentAssigneeId'])
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  const audit = await t.db
    .selectFrom('auditLog')
    .select('summary')
    .where('entityId', '=', d.id)
    .where('eventType', '=', 'dossier.transitioned')
    .execute();
  const assigns = audit.filter((a) => (a.summary as { action: string }).action === 'assign');
  return { version: d.version, assigneeId: d.currentAssigneeId, assignAudits: assigns.length };
}

describe('POST /api/dossiers/bulk-actions (assign)', () => {
  it('assigns each dossier in its own transaction and reports every item, in order', async () => {
    const a = await atSpecialistStep();
    const b = await atSpecialistStep();
    const stale = await atSpecialistStep();
    const notTransferred = await receiveAtCounter(t, cast, procedureCode);

    const res = await bulk(cast.divisionHead.token, {
      action: 'assign',
      assigneeId: cast.specialist.id,
      items: [
        { code: a.code, expectedVersion: a.version },
        { code: stale.code, expectedVersion: stale.version - 1 },
        { code: 'T.SXD-990101-0001', expectedVersion: 1 },
        { code: notTransferred.code, expectedVersion: 1 },
        { code: b.code, expectedVersion: b.version },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      results: [
        { code: a.code, ok: true, version: a.version + 1, status: 'processing' },
        {
          code: stale.code,
          ok: false,
          error: { code: 'VERSION_CONFLICT', message: 'The dossier changed since you loaded it' },
        },
        {
          code: 'T.SXD-990101-0001',
          ok: false,
          error: { code: 'DOSSIER_NOT_FOUND', message: 'Dossier T.SXD-990101-0001 not found' },
        },
        {
          code: notTransferred.code,
          ok: false,
          error: {
            code: 'TRANSITION_NOT_ALLOWED',
            message: 'Action assign is not possible in status received',
          },
        },
        { code: b.code, ok: true, version: b.version + 1, status: 'processing' },
      ],
    });
    for (const d of [a, b]) {
      expect(await stateOf(d.code)).toEqual({
        version: d.version + 1,
        assigneeId: cast.specialist.id,
        assignAudits: 1,
      });
    }
    expect(await stateOf(stale.code)).toEqual({ version: stale.version, assigneeId: null, assignAudits: 0 });

    // The assignment is the same as the single action: the step now belongs to the specialist.
    const detail = await call(t, 'GET', `/api/dossiers/${a.code}`, { token: cast.specialist.token });
    expect(detail.json['currentStep']).toMatchObject({
      role: 'specialist',
      assignee: { id: cast.specialist.id },
    });
    const history = detail.json['history'] as { action: string; details: Record<string, unknown> }[];
    expect(history.at(-1)).toMatchObject({ action: 'assign', details: { assigneeId: cast.specialist.id } });
  });

  it('applies the same rules as the single action: roles, visibility and the assignee', async () => {
    const d = await atSpecialistStep();
    const items = [{ code: d.code, expectedVersion: d.version }];

    const wrongAssignee = await bulk(cast.divisionHead.token, {
      action: 'assign',
      assigneeId: cast.otherSpecialist.id,
      items,
    });
    expect(wrongAssignee.status).toBe(200);
    expect(wrongAssignee.json['results']).toEqual([
      {
        code: d.code,
        ok: false,
        error: {
          code: 'ASSIGNEE_INVALID',
          message: 'The assignee does not hold the role specialist for this step',
        },
      },
    ]);

    const notTheirs = await bulk(cast.outsider.token, {
      action: 'assign',
      assigneeId: cast.specialist.id,
      items,
    });
    expect(notTheirs.json['results']).toEqual([
      {
        code: d.code,
        ok: false,
        error: { code: 'DOSSIER_NOT_FOUND', message: `Dossier ${d.code} not found` },
      },
    ]);

    const specialist = await bulk(cast.specialist.token, {
      action: 'assign',
      assigneeId: cast.specialist.id,
      items,
    });
    expect(specialist.json['results']).toEqual([
      {
        code: d.code,
        ok: false,
        error: { code: 'FORBIDDEN', message: 'Your roles do not allow this action on this dossier' },
      },
    ]);
    expect(await stateOf(d.code)).toEqual({ version: d.version, assigneeId: null, assignAudits: 0 });
  });

  it('is for officers, with 1 to 100 well-formed items', async () => {
    const citizen = await t.newCitizen();
    const body = {
      action: 'assign',
      assigneeId: cast.specialist.id,
      items: [{ code: 'T.SXD-260302-0001', expectedVersion: 1 }],
    };
    expect((await bulk(undefined, body)).status).toBe(401);
    expect((await bulk(citizen.token, body)).status).toBe(403);
    const invalid: unknown[] = [
      { ...body, items: [] },
      {
        ...body,
        items: Array.from({ length: 101 }, (_, i) => ({
          code: `T.SXD-260302-${String(i + 1).padStart(4, '0')}`,
          expectedVersion: 1,
        })),
      },
      { ...body, action: 'complete_step' },
      { ...body, assigneeId: 'khong-phai-uuid' },
      { ...body, items: [{ code: 'x', expectedVersion: 1 }] },
      { ...body, items: [{ code: 'T.SXD-260302-0001', expectedVersion: 0 }] },
    ];
    for (const b of invalid) {
      const r = await bulk(cast.divisionHead.token, b);
      expect(r.status).toBe(400);
      expect(r.json.error?.code).toBe('VALIDATION_FAILED');
    }
  });
});
