import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DbTransaction } from '../../db/database.ts';
import type { Actor } from '../../shared/actor.ts';
import { SYSTEM_ACTOR } from '../../shared/actor.ts';
import { runCli } from '../../../test/cli-helpers.ts';
import { call, useTestContext } from '../../../test/test-context.ts';
import { testDatabaseUrl } from '../../../test/test-databases.ts';
import { auditChainHash, auditContentHash, canonicalJson, GENESIS_CHAIN_HASH } from './audit.chain.ts';
import type { AuditEvent } from './audit.schemas.ts';
import { recordAudit, sealAuditChain, verifyAuditChain } from './audit.service.ts';

const t = useTestContext();
const isPostgres = t.mode === 'postgres';

const officer: Actor = {
  type: 'officer',
  id: randomUUID(),
  name: 'Trần Thị Bình',
  username: 'binh',
  grants: [],
};

let counter = 0;
function event(): AuditEvent {
  counter += 1;
  return counter % 2 === 0
    ? {
        type: 'unit.updated',
        entityType: 'unit',
        entityId: `unit-${counter}`,
        summary: { changed: ['name', 'Tên đơn vị — Ủy ban nhân dân'] },
      }
    : {
        type: 'dossier.transitioned',
        entityType: 'dossier',
        entityId: randomUUID(),
        summary: {
          code: `H01.${counter}`,
          action: 'accept',
          from: 'submitted',
          to: 'received',
          version: counter,
        },
      };
}

async function write(count: number, trx?: DbTransaction): Promise<void> {
  const run = async (tx: DbTransaction): Promise<void> => {
    for (let i = 0; i < count; i++) {
      await recordAudit(tx, i % 2 === 0 ? officer : SYSTEM_ACTOR, event(), {
        at: t.now(),
        requestId: randomUUID(),
      });
    }
  };
  if (trx) await run(trx);
  else await t.db.transaction().execute(run);
}

const verify = (lagSeconds = 0) => verifyAuditChain(t.db, { lagSeconds });

/** Runs SQL as an attacker with owner rights: the append-only triggers do not fire. */
async function asAttacker(fn: (trx: DbTransaction) => Promise<unknown>): Promise<void> {
  await t.db.transaction().execute(async (trx) => {
    await sql`SET LOCAL session_replication_role = replica`.execute(trx);
    await fn(trx);
  });
}

async function ids(): Promise<number[]> {
  const rows = await t.db.selectFrom('auditLog').select('id').orderBy('id').execute();
  return rows.map((r) => r.id);
}

async function entryRow(id: number) {
  return t.db.selectFrom('auditLog').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function sealRow(seq: number) {
  return t.db.selectFrom('auditSeal').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();
}

async function reinsertEntry(trx: DbTransaction, row: Awaited<ReturnType<typeof entryRow>>): Promise<void> {
  await sql`INSERT INTO audit_log (id, occurred_at, actor_type, actor_id, event_type, entity_type, entity_id,
      summary, request_id, content_hash, recorded_at)
    OVERRIDING SYSTEM VALUE VALUES (${row.id}, ${row.occurredAt}, ${row.actorType}, ${row.actorId},
      ${row.eventType}, ${row.entityType}, ${row.entityId}, ${JSON.stringify(row.summary)}::jsonb,
      ${row.requestId}, ${row.contentHash}, ${row.recordedAt})`.execute(trx);
}

async function reinsertSeal(trx: DbTransaction, row: Awaited<ReturnType<typeof sealRow>>): Promise<void> {
  await trx
    .insertInto('auditSeal')
    .values({ seq: row.seq, prevSeq: row.prevSeq, contentHash: row.contentHash, chainHash: row.chainHash })
    .execute();
}

async function expectIntact(): Promise<void> {
  const report = await verify();
  expect(report.problems).toEqual([]);
  expect(report).toMatchObject({ isIntact: true, problemCount: 0, unsealed: 0 });
}

beforeAll(async () => {
  t.setNow('2026-03-02T08:00:00+07:00');
  await write(12);
});

describe('content hash', () => {
  it('is the SHA-256 of a canonical form that survives the round trip through the database', async () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x', null], c: 0.1 }, u: undefined })).toBe(
      '{"a":{"c":0.1,"d":[1,"x",null]},"b":1}',
    );
    expect(canonicalJson({ 10: 'a', 9: 'b', é: 1, e: 2 })).toBe('{"10":"a","9":"b","e":2,"é":1}');
    await t.db.transaction().execute(async (trx) => {
      await recordAudit(
        trx,
        SYSTEM_ACTOR,
        {
          type: 'calendar.override_removed',
          entityType: 'calendar',
          entityId: 'lone \uD800 surrogate',
          summary: {
            zeta: 'Nghỉ lễ Quốc khánh 2/9 🇻🇳',
            alpha: { nested: [3, 1.5, -0, 1e21, null, true], b: 'x', a: 'y' },
            at: new Date('2026-09-02T00:00:00Z'),
            missing: undefined,
          },
        },
        { at: new Date('2026-03-02T08:00:00.123+07:00') },
      );
    });
    const last = (await ids()).at(-1)!;
    const row = await entryRow(last);
    expect(row.entityId).toBe('lone \uFFFD surrogate');
    expect(row.recordedAt).toBeInstanceOf(Date);
    expect(row.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(auditContentHash(row)).toBe(row.contentHash);
  });

  it('chains as SHA-256(previous chain || content || seq as 8 bytes)', () => {
    const content = 'ab'.repeat(32);
    expect(auditChainHash(GENESIS_CHAIN_HASH, content, 1)).toMatch(/^[0-9a-f]{64}$/);
    expect(auditChainHash(GENESIS_CHAIN_HASH, content, 1)).not.toBe(
      auditChainHash(GENESIS_CHAIN_HASH, content, 2),
    );
  });
});

describe('sealing', () => {
  it('seals every committed entry in id order and verifies the intact chain', async () => {
    const report = await verify();
    expect(report.problems).toEqual([]);
    expect(report.isIntact).toBe(true);
    const all = await ids();
    expect(report).toMatchObject({ entries: all.length, sealed: all.length, unsealed: 0 });
    expect(report.head.seq).toBe(all.at(-1));
    expect(report.head.sealedCount).toBe(all.length);
    // A second run has nothing to seal and the same head.
    const again = await verify();
    expect(again.newlySealed).toBe(0);
    expect(again.head).toEqual(report.head);
  });

  it('leaves entries within the lag unsealed, and seals them once older', async () => {
    await write(2);
    const young = await verify(3600);
    expect(young).toMatchObject({ isIntact: true, newlySealed: 0, unsealed: 2 });
    const sealed = await verify(0);
    expect(sealed).toMatchObject({ isIntact: true, newlySealed: 2, unsealed: 0 });
  });

  it('seals concurrent transactions (with rollbacks) completely and in id order', async () => {
    const before = (await ids()).at(-1)!;
    let isWriting = true;
    const writers = Array.from({ length: 10 }, async (_, w) => {
      try {
        await t.db.transaction().execute(async (trx) => {
          for (let i = 0; i < 3; i++) {
            await write(1, trx);
            await sleep(Math.floor(Math.random() * 15));
          }
          if (w % 4 === 3) throw new Error('rolled back on purpose');
        });
      } catch (error) {
        if ((error as Error).message !== 'rolled back on purpose') throw error;
      }
    });
    // The sealer runs while the writers are in flight: it must never seal past an id that commits later.
    const sealer = (async () => {
      while (isWriting) {
        await sealAuditChain(t.db, { lagSeconds: 0 });
        await sleep(3);
      }
    })();
    await Promise.all(writers);
    isWriting = false;
    await sealer;
    // Entries of the last commits are within the one-second margin of the open-transaction rule.
    await sleep(1100);
    await expectIntact();

    const written = (await ids()).filter((id) => id > before);
    expect(written).toHaveLength(8 * 3); // writers 3 and 7 rolled back
    const seals = await t.db.selectFrom('auditSeal').selectAll().orderBy('seq').execute();
    expect(seals.map((s) => s.seq)).toEqual(await ids());
    for (let i = 1; i < seals.length; i++) expect(seals[i]!.prevSeq).toBe(seals[i - 1]!.seq);
  });

  it.runIf(isPostgres)('does not seal past an entry of a transaction still open', async () => {
    await expectIntact();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let signal!: () => void;
    const hasInserted = new Promise<void>((resolve) => (signal = resolve));
    const open = t.db.transaction().execute(async (trx) => {
      await write(1, trx);
      signal();
      await gate;
    });
    await hasInserted;
    await write(1); // a later id, committed first
    expect((await sealAuditChain(t.db, { lagSeconds: 0 })).sealed).toBe(0);
    release();
    await open;
    await sleep(1100);
    const report = await verify();
    expect(report).toMatchObject({ isIntact: true, newlySealed: 2 });
  });

  it('seals older entries written without a content hash (backfill, bulk loaders)', async () => {
    await sql`INSERT INTO audit_log (occurred_at, actor_type, actor_id, event_type, entity_type, entity_id, summary, recorded_at)
      VALUES (now(), 'system', NULL, 'statistics.rebuilt', 'statistics', 'all', '{"dossiers": 3, "seconds": 0.25}', NULL)`.execute(
      t.db,
    );
    const last = (await ids()).at(-1)!;
    expect((await entryRow(last)).contentHash).toBeNull();
    await expectIntact();
    expect((await sealRow(last)).contentHash).toBe(auditContentHash(await entryRow(last)));
  });

  it('keeps the seals append-only', async () => {
    const last = (await ids()).at(-1)!;
    await expect(sql`DELETE FROM audit_seal WHERE seq = ${last}`.execute(t.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`UPDATE audit_seal SET prev_seq = 0 WHERE seq = ${last}`.execute(t.db)).rejects.toThrow(
      /append-only/,
    );
  });
});

describe('tampering is found', () => {
  it('an UPDATE of an entry: altered content, with its id', async () => {
    const id = (await ids())[3]!;
    const original = await entryRow(id);
    await asAttacker((trx) =>
      trx
        .updateTable('auditLog')
        .set({ summary: JSON.stringify({ changed: ['nothing to see'] }) })
        .where('id', '=', id)
        .execute(),
    );
    const report = await verify();
    expect(report.isIntact).toBe(false);
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'altered_content', seq: id })]);
    // …also when the attacker recomputes the entry's own content hash.
    await asAttacker((trx) =>
      trx
        .updateTable('auditLog')
        .set({ contentHash: auditContentHash({ ...original, summary: { changed: ['nothing to see'] } }) })
        .where('id', '=', id)
        .execute(),
    );
    expect((await verify()).problems).toEqual([
      expect.objectContaining({ kind: 'altered_content', seq: id }),
    ]);
    await asAttacker((trx) =>
      trx
        .updateTable('auditLog')
        .set({ summary: JSON.stringify(original.summary), contentHash: original.contentHash })
        .where('id', '=', id)
        .execute(),
    );
    await expectIntact();
  });

  it('two entries swapped: reordered', async () => {
    const [a, b] = [(await ids())[1]!, (await ids())[2]!];
    const [ra, rb] = [await entryRow(a), await entryRow(b)];
    const swap = (trx: DbTransaction, id: number, r: typeof ra) =>
      trx
        .updateTable('auditLog')
        .set({
          occurredAt: r.occurredAt,
          actorType: r.actorType,
          actorId: r.actorId,
          eventType: r.eventType,
          entityType: r.entityType,
          entityId: r.entityId,
          summary: JSON.stringify(r.summary),
          requestId: r.requestId,
          contentHash: r.contentHash,
        })
        .where('id', '=', id)
        .execute();
    await asAttacker(async (trx) => {
      await swap(trx, a, rb);
      await swap(trx, b, ra);
    });
    expect((await verify()).problems).toEqual([
      expect.objectContaining({ kind: 'reordered', seq: a }),
      expect.objectContaining({ kind: 'reordered', seq: b }),
    ]);
    await asAttacker(async (trx) => {
      await swap(trx, a, ra);
      await swap(trx, b, rb);
    });
    await expectIntact();
  });

  it('a DELETE of a sealed entry: deleted, with its id', async () => {
    const id = (await ids())[5]!;
    const row = await entryRow(id);
    await asAttacker((trx) => trx.deleteFrom('auditLog').where('id', '=', id).execute());
    expect((await verify()).problems).toEqual([expect.objectContaining({ kind: 'deleted', seq: id })]);
    // …also when its seal is deleted with it.
    const seal = await sealRow(id);
    await asAttacker((trx) => trx.deleteFrom('auditSeal').where('seq', '=', id).execute());
    expect((await verify()).problems).toEqual([expect.objectContaining({ kind: 'deleted', seq: id })]);
    await asAttacker(async (trx) => {
      await reinsertEntry(trx, row);
      await reinsertSeal(trx, seal);
    });
    await expectIntact();
  });

  it('a DELETE of the last entry: deleted, with its id (the head remembers it)', async () => {
    const id = (await ids()).at(-1)!;
    const row = await entryRow(id);
    const seal = await sealRow(id);
    await asAttacker((trx) => trx.deleteFrom('auditLog').where('id', '=', id).execute());
    expect((await verify()).problems).toEqual([expect.objectContaining({ kind: 'deleted', seq: id })]);
    await asAttacker((trx) => trx.deleteFrom('auditSeal').where('seq', '=', id).execute());
    expect((await verify()).problems).toEqual([expect.objectContaining({ kind: 'deleted', seq: id })]);
    await asAttacker(async (trx) => {
      await reinsertEntry(trx, row);
      await reinsertSeal(trx, seal);
    });
    await expectIntact();
  });

  it('an entry inserted into the sealed range (a rolled-back id): inserted', async () => {
    const before = (await ids()).at(-1)!;
    await t.db
      .transaction()
      .execute(async (trx) => {
        await write(1, trx);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await write(1);
    await expectIntact(); // a rollback gap is harmless
    const gap = before + 1;
    expect(await ids()).not.toContain(gap);
    const forged = { ...(await entryRow(before)), id: gap };
    await asAttacker((trx) => reinsertEntry(trx, forged));
    expect((await verify()).problems).toEqual([expect.objectContaining({ kind: 'inserted', seq: gap })]);
    await asAttacker((trx) => trx.deleteFrom('auditLog').where('id', '=', gap).execute());
    await expectIntact();
  });

  it('an altered seal: altered chain', async () => {
    const id = (await ids())[4]!;
    const seal = await sealRow(id);
    await asAttacker((trx) =>
      trx
        .updateTable('auditSeal')
        .set({ chainHash: 'f'.repeat(64) })
        .where('seq', '=', id)
        .execute(),
    );
    expect((await verify()).problems).toEqual([expect.objectContaining({ kind: 'altered_chain', seq: id })]);
    await asAttacker((trx) =>
      trx.updateTable('auditSeal').set({ chainHash: seal.chainHash }).where('seq', '=', id).execute(),
    );
    await expectIntact();
  });

  it('an unsealed entry altered within the lag: altered content (against its own hash)', async () => {
    await write(1);
    const id = (await ids()).at(-1)!;
    const original = await entryRow(id);
    await asAttacker((trx) =>
      trx.updateTable('auditLog').set({ entityId: 'someone-else' }).where('id', '=', id).execute(),
    );
    const report = await verify(3600);
    expect(report.unsealed).toBe(1);
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'altered_content', seq: id })]);
    await asAttacker((trx) =>
      trx.updateTable('auditLog').set({ entityId: original.entityId }).where('id', '=', id).execute(),
    );
    await expectIntact();
  });
});

describe('GET /api/admin/audit/verify', () => {
  it('reports the chain to admins only', async () => {
    const unit = await t.newUnit({
      agencyCode: 'T.AUD',
      name: 'Tỉnh kiểm toán',
      kind: 'province',
      parentId: null,
    });
    const admin = await t.newOfficer([{ role: 'admin', unitId: unit.id }]);
    const supervisor = await t.newOfficer([{ role: 'supervisor', unitId: unit.id }]);
    const res = await call(t, 'GET', '/api/admin/audit/verify', { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ isIntact: true, problemCount: 0, problems: [] });
    expect((await call(t, 'GET', '/api/admin/audit/verify', { token: supervisor.token })).status).toBe(403);
    expect((await call(t, 'GET', '/api/admin/audit/verify')).status).toBe(401);
  });
});

describe.runIf(isPostgres)('motcua audit verify', () => {
  let url: string;
  beforeAll(async () => {
    const r = await sql<{ name: string }>`SELECT current_database() AS name`.execute(t.db);
    url = testDatabaseUrl(r.rows[0]!.name);
  });

  it('exits 0 when intact, 1 with every problem, 2 on a usage error', { timeout: 120_000 }, async () => {
    await expectIntact();
    const ok = await runCli(['audit', 'verify', '--lag', '0'], { databaseUrl: url });
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    const total = (await ids()).length;
    expect(ok.stdout).toContain(`entries verified: ${total}, sealed: ${total}, unsealed (within lag): 0`);
    expect(ok.stdout).toContain('audit chain intact');

    const id = (await ids())[2]!;
    const original = await entryRow(id);
    await asAttacker((trx) =>
      trx.updateTable('auditLog').set({ requestId: 'forged' }).where('id', '=', id).execute(),
    );
    const bad = await runCli(['audit', 'verify', '--lag', '0'], { databaseUrl: url });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`PROBLEM altered_content seq ${id}:`);
    expect(bad.stdout).toContain('audit chain NOT intact: 1 problem(s)');
    const json = await runCli(['audit', 'verify', '--json', '--no-seal'], { databaseUrl: url });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      isIntact: false,
      problems: [{ kind: 'altered_content', seq: id }],
    });
    await asAttacker((trx) =>
      trx.updateTable('auditLog').set({ requestId: original.requestId }).where('id', '=', id).execute(),
    );

    expect((await runCli(['audit', 'verify', '--lag', 'soon'], { databaseUrl: url })).code).toBe(2);
    expect((await runCli(['audit', 'check'], { databaseUrl: url })).code).toBe(2);
  });
});
