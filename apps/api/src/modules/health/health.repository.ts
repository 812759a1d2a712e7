import { sql } from 'kysely';
import type { DbExecutor } from '../../db/database.ts';

export async function ping(db: DbExecutor): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
