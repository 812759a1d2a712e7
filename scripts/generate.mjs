// Regenerates (or with --check, verifies) the checked-in generated artefacts.
import { execFileSync } from 'node:child_process';

const check = process.argv.includes('--check') ? ['--check'] : [];
let failed = false;
for (const script of [
  'scripts/codegen-db.ts',
  'scripts/generate-openapi.ts',
  'scripts/generate-demo-logins.ts',
  'scripts/generate-web-api-types.ts',
]) {
  try {
    execFileSync('npx', ['tsx', script, ...check], { stdio: 'inherit' });
  } catch {
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
