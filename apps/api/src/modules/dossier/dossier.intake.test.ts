import { localDateTime, parseDossierCode } from '@motcua/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { counterBody, makeCast, type Cast } from '../../../test/dossier-helpers.ts';
import { call, useTestContext } from '../../../test/test-context.ts';

const t = useTestContext();
let cast: Cast;
let procedureCode: string;

beforeAll(async () => {
  cast = await makeCast(t);
  procedureCode = (await t.newProcedure()).code;
});

async function countRows() {
  const [dossiers, transitions, audit, outbox] = await Promise.all([
    t.db
      .selectFrom('dossier')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    t.db
      .selectFrom('dossierTransition')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    t.db
      .selectFrom('auditLog')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('entityType', '=', 'dossier')
      .executeTakeFirstOrThrow(),
    t.db
      .selectFrom('outboxMessage')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    dossiers: Number(dossiers.n),
    transitions: Number(transitions.n),
    audit: Number(audit.n),
    outbox: Number(outbox.n),
  };
}

describe('counter intake', () => {
  it('gives every concurrent intake its own code in the agency daily sequence', async () => {
    t.setNow('2026-04-01T09:00:00+07:00');
    const n = 25;
    const results = await Promise.all(
      Array.from({ length: n }, () =>
        call(t, 'POST', '/api/dossiers/counter', {
          token: cast.receiving.token,
          body: counterBody(procedureCode, cast.tree.provinceCentre.id),
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(n).fill(201));
    const codes = results.map((r) => r.json['code'] as string);
    expect(new Set(codes).size).toBe(n);
    const sequences = codes.map((c) => parseDossierCode(c)?.sequence).sort((a, b) => (a ?? 0) - (b ?? 0));
    expect(sequences).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    expect(codes.every((c) => c.startsWith('T.SXD-260401-'))).toBe(true);
    // A new day starts a new sequence.
    t.setNow('2026-04-02T08:00:00+07:00');
    const next = await call(t, 'POST', '/api/dossiers/counter', {
      token: cast.receiving.token,
      body: counterBody(procedureCode, cast.tree.provinceCentre.id),
    });
    expect(next.json['code']).toBe('T.SXD-260402-0001');
  });

  it('creates one dossier for a double submit with the same Idempotency-Key', async () => {
    t.setNow('2026-04-03T09:30:00+07:00');
    const headers = { 'idempotency-key': 'counter-abc-12345' };
    const body = counterBody(procedureCode, cast.tree.provinceCentre.id);
    const before = await countRows();
    const [a, b] = await Promise.all([
      call(t, 'POST', '/api/dossiers/counter', { token: cast.receiving.token, body, headers }),
      call(t, 'POST', '/api/dossiers/counter', { token: cast.receiving.token, body, headers }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.json['code']).toBe(b.json['code']);
    const after = await countRows();
    expect(after.dossiers - before.dossiers).toBe(1);
    const third = await call(t, 'POST', '/api/dossiers/counter', {
      token: cast.receiving.token,
      body,
      headers,
    });
    expect(third.status).toBe(200);
    expect(third.json['code']).toBe(a.json['code']);
    // The same key with a different body is an error, and writes nothing.
    const changed = await call(t, 'POST', '/api/dossiers/counter', {
      token: cast.receiving.token,
      body: { ...body, applicant: { ...body.applicant, fullName: 'Người khác' } },
      headers,
    });
    expect(changed.status).toBe(422);
    expect(changed.json.error?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await countRows()).dossiers).toBe(after.dossiers);
  });

  it('starts the clock at the next opening when received outside office hours', async () => {
    t.setNow('2026-04-03T12:00:00+07:00'); // Friday lunch break
    const r = await call(t, 'POST', '/api/dossiers/counter', {
      token: cast.receiving.token,
      body: counterBody(procedureCode, cast.tree.provinceCentre.id),
    });
    expect(r.status).toBe(201);
    // Counting starts 13:30 Fri 3/4 (3.5 h that day, 8 h Mon–Thu); the 40th working hour ends at
    // the close of the morning on Fri 10/4, 11:30 (the same working instant as 13:30).
    expect(r.json['startedAt'] ?? (r.json['deadline'] as { startedAt: string }).startedAt).toBe(
      localDateTime('2026-04-03', '13:30').toISOString(),
    );
    expect(new Date(r.json['dueAt'] as string).getTime()).toBe(
      localDateTime('2026-04-10', '11:30').getTime(),
    );
    const text = (r.json['deadline'] as { text: { vi: string[] } }).text.vi.join('\n');
    expect(text.length).toBeGreaterThan(0);
  });

  it('rejects bad input with a clear code and writes nothing', async () => {
    t.setNow('2026-04-06T09:00:00+07:00');
    const before = await countRows();
    const base = counterBody(procedureCode, cast.tree.provinceCentre.id);
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ...base, procedureCode: 'not-a-code' }, 400, 'VALIDATION_FAILED'],
      [{ ...base, procedureCode: '9.999999' }, 404, 'PROCEDURE_NOT_FOUND'],
      [{ ...base, applicant: { kind: 'citizen', fullName: 'A' } }, 400, 'VALIDATION_FAILED'],
      [{ ...base, applicant: { ...base.applicant, idNumber: '12AB' } }, 400, 'VALIDATION_FAILED'],
      [{ ...base, extraField: true }, 400, 'VALIDATION_FAILED'],
      [{ ...base, components: [{ code: 'don', isProvided: true }] }, 400, 'REQUIRED_COMPONENT_MISSING'],
      [
        { ...base, components: [...base.components, { code: 'khong-co', isProvided: true }] },
        400,
        'COMPONENT_UNKNOWN',
      ],
      [{ ...base, variantCode: 'khong-co' }, 400, 'VARIANT_NOT_FOUND'],
      [{ ...base, receivingUnitId: cast.tree.otherCommuneSection.id }, 403, 'FORBIDDEN'],
      [
        {
          ...base,
          components: [
            { code: 'don', isProvided: true, fileIds: ['00000000-0000-4000-8000-000000000000'] },
            ...base.components.slice(1),
          ],
        },
        404,
        'FILE_NOT_FOUND',
      ],
    ];
    for (const [body, status, code] of cases) {
      const r = await call(t, 'POST', '/api/dossiers/counter', { token: cast.receiving.token, body });
      expect({ status: r.status, code: r.json.error?.code }).toEqual({ status, code });
      expect(typeof r.json.error?.message).toBe('string');
    }
    const notJson = await (
      await t.app()
    ).inject({
      method: 'POST',
      url: '/api/dossiers/counter',
      headers: { authorization: `Bearer ${cast.receiving.token}`, 'content-type': 'application/json' },
      payload: '{"procedureCode":',
    });
    expect(notJson.statusCode).toBe(400);
    expect(await countRows()).toEqual(before);
  });

  it('refuses intake by people who are not receiving officers', async () => {
    const body = counterBody(procedureCode, cast.tree.provinceCentre.id);
    expect((await call(t, 'POST', '/api/dossiers/counter', { body })).status).toBe(401);
    expect(
      (await call(t, 'POST', '/api/dossiers/counter', { token: cast.specialist.token, body })).status,
    ).toBe(403);
    const citizen = await t.newCitizen();
    expect((await call(t, 'POST', '/api/dossiers/counter', { token: citizen.token, body })).status).toBe(403);
  });
});

describe('pinned procedure version', () => {
  it('keeps the version a dossier was received under when a new version takes effect', async () => {
    const p = await t.newProcedure({ effectiveFrom: '2025-07-01' });
    await t.db
      .updateTable('procedureVersion')
      .set({ effectiveTo: '2026-04-30' })
      .where('id', '=', p.versionId)
      .execute();
    const v2 = await t.newProcedure({
      code: p.code,
      versionNo: 2,
      effectiveFrom: '2026-05-01',
      content: {
        processingTime: { amount: 10, unit: 'working-days' },
        steps: [
          {
            code: 'tiep-nhan',
            name: 'Tiếp nhận',
            role: 'receiving_officer',
            unit: { kind: 'receiving_unit' },
            budget: { amount: 1, unit: 'working-days' },
          },
          {
            code: 'tham-dinh',
            name: 'Thẩm định',
            role: 'specialist',
            unit: { kind: 'competent_agency' },
            budget: { amount: 7, unit: 'working-days' },
          },
          {
            code: 'phe-duyet',
            name: 'Phê duyệt',
            role: 'leader',
            unit: { kind: 'competent_agency' },
            budget: { amount: 2, unit: 'working-days' },
          },
        ],
      },
    });
    t.setNow('2026-04-29T09:00:00+07:00');
    const old = await call(t, 'POST', '/api/dossiers/counter', {
      token: cast.receiving.token,
      body: counterBody(p.code, cast.tree.provinceCentre.id),
    });
    t.setNow('2026-05-04T09:00:00+07:00');
    const recent = await call(t, 'POST', '/api/dossiers/counter', {
      token: cast.receiving.token,
      body: counterBody(p.code, cast.tree.provinceCentre.id),
    });
    expect((old.json['procedure'] as { versionId: string }).versionId).toBe(p.versionId);
    expect((recent.json['procedure'] as { versionId: string }).versionId).toBe(v2.versionId);
    const reread = await call(t, 'GET', `/api/dossiers/${old.json['code'] as string}`, {
      token: cast.receiving.token,
    });
    expect((reread.json['procedure'] as { versionNo: number }).versionNo).toBe(1);
  });
});
