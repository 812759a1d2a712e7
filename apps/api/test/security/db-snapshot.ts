import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { TestContext } from '../test-context.ts';

/**
 * A fingerprint of everything a request could change: one checksum per table (row count and an md5
 * over the rows as text) plus the list of stored files. Two equal snapshots mean nothing changed.
 *
 * Left out, because they legitimately change on reads or are bookkeeping of the tooling:
 * - `session`: login creates a row, every authenticated request may refresh `last_seen_at`;
 * - `kysely_migration`, `kysely_migration_lock`: the migrator's own tables.
 * Rate-limit counters live in memory (apps/api/src/http/rate-limit.ts), not in the database.
 * The tables are read from `information_schema` so a table added later is covered automatically.
 */
export const SNAPSHOT_EXCLUDED_TABLES = ['session', 'kysely_migration', 'kysely_migration_lock'] as const;

export interface Snapshot {
  tables: Record<string, string>;
  files: string[];
}

let tableList: string[] | undefined;

async function tables(t: TestContext): Promise<string[]> {
  if (tableList) return tableList;
  const rows = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
     ORDER BY table_name`.execute(t.db);
  const excluded: readonly string[] = SNAPSHOT_EXCLUDED_TABLES;
  tableList = rows.rows.map((r) => r.name).filter((n) => !excluded.includes(n));
  return tableList;
}

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out.push(`${path.relative(dir, full)}:${fs.statSync(full).size}`);
  }
  return out.sort();
}

export async function takeSnapshot(t: TestContext): Promise<Snapshot> {
  const names = await tables(t);
  const parts = names.map(
    (n) =>
      `SELECT '${n}' AS name, count(*)::text || ':' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') AS sum FROM "${n}" x`,
  );
  const rows = await sql<{ name: string; sum: string }>`${sql.raw(parts.join(' UNION ALL '))}`.execute(t.db);
  const result: Record<string, string> = {};
  for (const r of rows.rows) result[r.name] = r.sum;
  return { tables: result, files: listFiles(t.ctx.config.MOTCUA_DATA_DIR) };
}

/** The tables (and "files") whose checksum differs between two snapshots. */
export function changedBetween(before: Snapshot, after: Snapshot): string[] {
  const changed = Object.keys({ ...before.tables, ...after.tables }).filter(
    (k) => before.tables[k] !== after.tables[k],
  );
  if (before.files.join('\n') !== after.files.join('\n')) changed.push('(files on disk)');
  return changed.sort();
}
