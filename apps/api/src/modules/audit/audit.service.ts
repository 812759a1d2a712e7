import type { Database, DbExecutor } from '../../db/database.ts';
import type { Actor } from '../../shared/actor.ts';
import type { AppContext } from '../../shared/app-context.ts';
import { requireRole } from '../../shared/authz.ts';
import { auditChainHash, auditContentHash, GENESIS_CHAIN_HASH, type AuditContent } from './audit.chain.ts';
import {
  findChainHead,
  findSealHorizon,
  insertAuditEntries,
  insertSeals,
  listAuditEntries,
  listEntriesAfter,
  listSealCandidates,
  listSealsAfter,
  lockChainHead,
  updateChainHead,
  type SealRow,
} from './audit.repository.ts';
import type { AuditChainProblem, AuditEntry, AuditEvent, AuditVerification } from './audit.schemas.ts';

/**
 * Writes audit entries inside the caller's transaction (never after the commit), so a change and
 * its audit entry are both stored or both lost. Each entry carries the hash of its canonical
 * content (ADR 0011); the sealer links it into the chain once it is committed.
 */
export async function recordAudit(
  trx: DbExecutor,
  actor: Actor,
  events: AuditEvent | readonly AuditEvent[],
  meta: { at: Date; requestId?: string | null | undefined },
): Promise<void> {
  const list = Array.isArray(events) ? (events as readonly AuditEvent[]) : [events as AuditEvent];
  await insertAuditEntries(
    trx,
    list.map((e) => {
      const content = {
        occurredAt: meta.at,
        actorType: actor.type,
        actorId: actor.id,
        eventType: e.type,
        entityType: e.entityType,
        entityId: e.entityId,
        summary: e.summary,
        requestId: meta.requestId ?? null,
      };
      return { ...content, contentHash: auditContentHash(content) };
    }),
  );
}

export async function listAudit(
  ctx: AppContext,
  actor: Actor,
  query: {
    entityType?: string | undefined;
    entityId?: string | undefined;
    actorId?: string | undefined;
    limit: number;
    beforeId?: number | undefined;
  },
): Promise<AuditEntry[]> {
  requireRole(actor, 'admin', 'supervisor');
  const rows = await listAuditEntries(ctx.db, query);
  return rows.map((r) => ({
    id: r.id,
    occurredAt: r.occurredAt.toISOString(),
    actorType: r.actorType,
    actorId: r.actorId,
    eventType: r.eventType,
    entityType: r.entityType,
    entityId: r.entityId,
    summary: (r.summary ?? {}) as Record<string, unknown>,
    requestId: r.requestId,
  }));
}

// ── Hash chain (ADR 0011) ────────────────────────────────────────────────────────────────────

function contentOf(row: {
  occurredAt: Date;
  actorType: string;
  actorId: string | null;
  eventType: string;
  entityType: string;
  entityId: string;
  summary: unknown;
  requestId: string | null;
}): AuditContent {
  return {
    occurredAt: row.occurredAt,
    actorType: row.actorType,
    actorId: row.actorId,
    eventType: row.eventType,
    entityType: row.entityType,
    entityId: row.entityId,
    summary: row.summary,
    requestId: row.requestId,
  };
}

export interface SealOptions {
  /** Only entries recorded at least this long ago are sealed (config AUDIT_SEAL_LAG_SECONDS). */
  lagSeconds: number;
  batchSize?: number;
  /** Stop after this many batches (the periodic sealer); default: until caught up. */
  maxBatches?: number;
}

/**
 * Extends the hash chain over committed entries in id order, one transaction per batch, under the
 * chain head's row lock (sealers run one at a time; business transactions never wait for it).
 *
 * Ids are taken at insert but transactions commit in any order, so an id may still be invisible
 * because its transaction is in flight. The sealer therefore seals the longest run of entries, in
 * id order, recorded before the horizon (`findSealHorizon`: now − lag, and before the start of
 * every transaction still open on the database). An in-flight transaction started after the
 * horizon can only hold ids greater than those, so a missing id below a sealable entry is a
 * rolled-back one and can never appear later. Each seal stores the previous sealed seq, so a
 * sealed entry deleted later is always found.
 */
export async function sealAuditChain(
  db: Database,
  options: SealOptions,
): Promise<{ sealed: number; headSeq: number }> {
  const batchSize = options.batchSize ?? 1000;
  const maxBatches = options.maxBatches ?? Number.POSITIVE_INFINITY;
  let sealed = 0;
  let headSeq = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const result = await db.transaction().execute(async (trx) => {
      const head = await lockChainHead(trx);
      if (!head) throw new Error('audit_chain_head has no row: the audit chain head was removed');
      const horizon = await findSealHorizon(trx, options.lagSeconds);
      const candidates = await listSealCandidates(trx, head.seq, horizon, batchSize);
      const seals: SealRow[] = [];
      let prevSeq = head.seq;
      let prevHash = head.chainHash;
      let isAtHorizon = false;
      for (const row of candidates) {
        if (!row.isSealable) {
          isAtHorizon = true;
          break;
        }
        const contentHash = row.contentHash ?? auditContentHash(contentOf(row));
        const chainHash = auditChainHash(prevHash, contentHash, row.id);
        seals.push({ seq: row.id, prevSeq, contentHash, chainHash });
        prevSeq = row.id;
        prevHash = chainHash;
      }
      if (seals.length > 0) {
        await insertSeals(trx, seals);
        await updateChainHead(trx, {
          seq: prevSeq,
          chainHash: prevHash,
          sealedCount: head.sealedCount + seals.length,
        });
      }
      return {
        count: seals.length,
        headSeq: prevSeq,
        hasMore: !isAtHorizon && candidates.length === batchSize,
      };
    });
    sealed += result.count;
    headSeq = result.headSeq;
    if (!result.hasMore) break;
  }
  return { sealed, headSeq };
}

const PAGE = 2000;
const MAX_LISTED_PROBLEMS = 1000;

async function* keysetPages<T>(
  fetch: (after: number) => Promise<T[]>,
  keyOf: (row: T) => number,
): AsyncGenerator<T> {
  let after = 0;
  for (;;) {
    const rows = await fetch(after);
    yield* rows;
    const last = rows.at(-1);
    if (rows.length < PAGE || last === undefined) return;
    after = keyOf(last);
  }
}

/**
 * Seals what can be sealed, then walks the whole chain in one consistent snapshot and reports
 * every altered, deleted, inserted or reordered entry (ADR 0011).
 */
export async function verifyAuditChain(
  db: Database,
  options: { lagSeconds: number; isSealingFirst?: boolean },
): Promise<AuditVerification> {
  const newlySealed =
    options.isSealingFirst === false
      ? 0
      : (await sealAuditChain(db, { lagSeconds: options.lagSeconds })).sealed;
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const head = (await findChainHead(trx)) ?? { seq: 0, chainHash: GENESIS_CHAIN_HASH, sealedCount: 0 };
      const problems: AuditChainProblem[] = [];
      let problemCount = 0;
      const report = (problem: AuditChainProblem): void => {
        problemCount++;
        if (problems.length < MAX_LISTED_PROBLEMS) problems.push(problem);
      };
      // Altered entries, kept to tell a swap of contents (reordering) from an alteration.
      const altered: { seq: number; computed: string; sealed: string; index: number }[] = [];

      const entries = keysetPages(
        (after) => listEntriesAfter(trx, after, PAGE),
        (r) => r.id,
      );
      const seals = keysetPages(
        (after) => listSealsAfter(trx, after, PAGE),
        (s) => s.seq,
      );
      let entry = await entries.next();
      let seal = await seals.next();
      let entryCount = 0;
      let sealedEntries = 0;
      let unsealed = 0;
      let sealCount = 0;
      // `expected` is the recomputed hash when the stored one is wrong, so that one altered seal
      // is reported once (the next seal still follows from the original hash).
      let prev: { seq: number; chainHash: string; expected?: string } = {
        seq: 0,
        chainHash: GENESIS_CHAIN_HASH,
      };
      let hasChainProblem = false;

      while (!entry.done || !seal.done) {
        const e = entry.done ? undefined : entry.value;
        const s = seal.done ? undefined : seal.value;
        const seq = Math.min(e?.id ?? Number.POSITIVE_INFINITY, s?.seq ?? Number.POSITIVE_INFINITY);
        const row = e && e.id === seq ? e : undefined;
        const sealRow = s && s.seq === seq ? s : undefined;
        if (row) entry = await entries.next();
        if (sealRow) seal = await seals.next();

        const computed = row ? auditContentHash(contentOf(row)) : undefined;
        if (row) entryCount++;
        if (row && sealRow && computed !== undefined) {
          sealedEntries++;
          if (computed !== sealRow.contentHash || (row.contentHash ?? computed) !== sealRow.contentHash) {
            altered.push({ seq, computed, sealed: sealRow.contentHash, index: problems.length });
            report({
              kind: 'altered_content',
              seq,
              message: `entry ${seq} was altered after it was sealed (its content no longer matches its seal)`,
            });
          }
        } else if (sealRow) {
          report({ kind: 'deleted', seq, message: `sealed entry ${seq} was deleted (its seal remains)` });
        } else if (row && computed !== undefined) {
          if (seq <= head.seq) {
            report({
              kind: 'inserted',
              seq,
              message: `entry ${seq} lies inside the sealed chain but has no seal: inserted after sealing, or its seal was removed`,
            });
          } else {
            unsealed++;
            if (row.contentHash !== null && row.contentHash !== computed) {
              report({
                kind: 'altered_content',
                seq,
                message: `unsealed entry ${seq} no longer matches the content hash written with it`,
              });
            }
          }
        }

        if (sealRow) {
          sealCount++;
          if (sealRow.prevSeq > prev.seq) {
            hasChainProblem = true;
            report({
              kind: 'deleted',
              seq: sealRow.prevSeq,
              message: `the chain links entry ${seq} to entry ${sealRow.prevSeq}, whose entry and seal were deleted${
                prev.seq > 0 ? ` (entries after ${prev.seq} and before ${seq})` : ''
              }`,
            });
          } else if (sealRow.prevSeq < prev.seq) {
            hasChainProblem = true;
            report({
              kind: 'altered_chain',
              seq,
              message: `the seal of entry ${seq} links to entry ${sealRow.prevSeq} instead of ${prev.seq}: a seal was inserted or altered`,
            });
          } else {
            const expected = auditChainHash(prev.chainHash, sealRow.contentHash, seq);
            const isLinked =
              expected === sealRow.chainHash ||
              (prev.expected !== undefined &&
                auditChainHash(prev.expected, sealRow.contentHash, seq) === sealRow.chainHash);
            if (!isLinked) {
              hasChainProblem = true;
              report({
                kind: 'altered_chain',
                seq,
                message: `the chain hash of entry ${seq} does not follow from the previous seal: the chain was altered`,
              });
              prev = { seq, chainHash: sealRow.chainHash, expected };
              continue;
            }
          }
          prev = { seq, chainHash: sealRow.chainHash };
        }
      }

      if (prev.seq < head.seq) {
        hasChainProblem = true;
        report({
          kind: 'deleted',
          seq: head.seq,
          message: `the chain head is entry ${head.seq} but the chain ends at ${prev.seq}: the last sealed entries were deleted with their seals`,
        });
      } else if (prev.seq > head.seq) {
        hasChainProblem = true;
        report({
          kind: 'altered_chain',
          seq: prev.seq,
          message: `seals go on to entry ${prev.seq} past the chain head ${head.seq}: the head was moved back or seals were added`,
        });
      } else if (prev.chainHash !== head.chainHash && prev.expected !== head.chainHash) {
        hasChainProblem = true;
        report({
          kind: 'altered_chain',
          seq: head.seq,
          message: `the chain head hash does not match the last seal (entry ${head.seq})`,
        });
      } else if (!hasChainProblem && sealCount !== head.sealedCount) {
        report({
          kind: 'altered_chain',
          seq: head.seq,
          message: `the chain head counts ${head.sealedCount} sealed entries but ${sealCount} seals remain`,
        });
      }

      // A content that moved to another entry (swapped with UPDATEs) is a reordering.
      const sealedAt = new Map(altered.map((a) => [a.sealed, a.seq]));
      for (const a of altered) {
        const origin = sealedAt.get(a.computed);
        const listed = problems[a.index];
        if (origin !== undefined && origin !== a.seq && listed?.seq === a.seq) {
          problems[a.index] = {
            kind: 'reordered',
            seq: a.seq,
            message: `entry ${a.seq} holds the content sealed for entry ${origin}: entries were reordered`,
          };
        }
      }

      return {
        isIntact: problemCount === 0,
        entries: entryCount,
        sealed: sealedEntries,
        unsealed,
        head: { seq: head.seq, chainHash: head.chainHash, sealedCount: head.sealedCount },
        newlySealed,
        problemCount,
        problems,
      };
    });
}

/** GET /api/admin/audit/verify: the same check as `motcua audit verify` (admins). */
export async function verifyAudit(ctx: AppContext, actor: Actor): Promise<AuditVerification> {
  requireRole(actor, 'admin');
  return verifyAuditChain(ctx.db, { lagSeconds: ctx.config.AUDIT_SEAL_LAG_SECONDS });
}
