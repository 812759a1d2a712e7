import type { TestProject } from 'vitest/node';
import { preparePgliteDump, preparePostgresTemplate } from './test-databases.ts';

/** Migrates once per run: the template database (server) or the PGlite dump. */
export default async function setup(project: TestProject): Promise<void> {
  if (project.name === 'api-postgres') await preparePostgresTemplate();
  else await preparePgliteDump();
}
