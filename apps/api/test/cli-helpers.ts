import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `motcua <args>` (the TypeScript sources through tsx) against a database of the server. */
export async function runCli(args: readonly string[], options: { databaseUrl: string }): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      'npx',
      ['tsx', 'apps/api/src/cli.ts', ...args],
      {
        cwd: repoRoot,
        env: { ...process.env, DATABASE_URL: options.databaseUrl, NODE_ENV: 'test', LOG_LEVEL: 'silent' },
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
