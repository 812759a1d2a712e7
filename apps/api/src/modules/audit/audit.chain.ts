import { createHash } from 'node:crypto';

/**
 * The hashes of the tamper-evident audit trail (ADR 0011). Pure: no database, no clock.
 *
 * Content hash = SHA-256 (lower-case hex) of the UTF-8 bytes of the canonical JSON of
 * `{ actorId, actorType, entityId, entityType, eventType, occurredAt, requestId, summary, v }`:
 * - `v` is `"motcua.audit/v1"`; `occurredAt` is `Date.toISOString()` (UTC, milliseconds);
 *   `actorId` is lower-case (a UUID) or null; `requestId` is a string or null;
 * - canonical JSON: object keys sorted by UTF-16 code units at every level, array order kept, no
 *   whitespace, members whose value is `undefined` left out, strings made well-formed (lone
 *   surrogates → U+FFFD, as the database stores them), numbers as `JSON.stringify` writes them.
 *
 * The entry id (seq) is not part of the content (it is assigned at insert); the chain binds it:
 * chain hash = SHA-256(previous chain hash (32 bytes, zeros before the first) || content hash
 * (32 bytes) || seq (8 bytes, unsigned big-endian)), lower-case hex.
 */
export const AUDIT_CANONICAL_VERSION = 'motcua.audit/v1';
export const GENESIS_CHAIN_HASH = '0'.repeat(64);

export interface AuditContent {
  occurredAt: Date;
  actorType: string;
  actorId: string | null;
  eventType: string;
  entityType: string;
  entityId: string;
  summary: unknown;
  requestId: string | null;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `String.prototype.toWellFormed` (what a UTF-8 encoder does to a lone surrogate). */
function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

function serialize(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(wellFormed(value));
  if (Array.isArray(value)) return `[${value.map(serialize).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const members = Object.entries(value as Record<string, unknown>)
      .map(([k, v]): [string, unknown] => [wellFormed(k), v])
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${members.map(([k, v]) => `${JSON.stringify(k)}:${serialize(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Canonical JSON (sorted keys, no whitespace) of a JSON value. */
export function canonicalJson(value: unknown): string {
  // The JSON round trip first gives what the database stores (Dates as strings, undefined
  // members dropped, undefined array items and non-finite numbers as null).
  const plain: unknown = value === undefined ? null : JSON.parse(JSON.stringify(value));
  return serialize(plain);
}

export function canonicalAuditContent(entry: AuditContent): string {
  return canonicalJson({
    v: AUDIT_CANONICAL_VERSION,
    occurredAt: entry.occurredAt.toISOString(),
    actorType: entry.actorType,
    actorId: entry.actorId === null ? null : entry.actorId.toLowerCase(),
    eventType: entry.eventType,
    entityType: entry.entityType,
    entityId: entry.entityId,
    summary: entry.summary ?? {},
    requestId: entry.requestId,
  });
}

export function auditContentHash(entry: AuditContent): string {
  return createHash('sha256').update(canonicalAuditContent(entry), 'utf8').digest('hex');
}

export function auditChainHash(previousChainHash: string, contentHash: string, seq: number): string {
  const seqBytes = Buffer.alloc(8);
  seqBytes.writeBigUInt64BE(BigInt(seq));
  return createHash('sha256')
    .update(Buffer.from(previousChainHash, 'hex'))
    .update(Buffer.from(contentHash, 'hex'))
    .update(seqBytes)
    .digest('hex');
}
