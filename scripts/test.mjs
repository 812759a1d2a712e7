#!/usr/bin/env node
// The one test command (README, CI): static checks, generated artefacts, unit and integration
// tests on PostgreSQL and PGlite, then the end-to-end journeys in Chromium against the built app and
// the crash test.
// Ends with the line "N passed, N failed".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const only = process.argv.slice(2);
const results = [];

function run(name, command, args, options = {}) {
  if (only.length > 0 && !only.includes(name)) return true;
  const started = Date.now();
  console.log(`\n── ${name}: ${command} ${args.join(' ')}`);
  const r = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...options.env },
  });
  const ok = r.status === 0;
  results.push({ name, ok, seconds: Math.round((Date.now() - started) / 1000) });
  return ok;
}

fs.mkdirSync(path.join(root, '.tmp'), { recursive: true });
run('typecheck', 'npx', ['tsc', '-b']);
run('lint', 'npx', ['eslint', '.', '--max-warnings=0']);
run('format', 'npx', ['prettier', '--check', '.', '--log-level', 'warn']);
run('generated', 'node', ['scripts/generate.mjs', '--check']);

let passed = 0;
let failed = 0;
const report = path.join(root, '.tmp', 'vitest-report.json');
fs.rmSync(report, { force: true });
run('tests', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
]);
if (only.length === 0 || only.includes('tests')) {
  const r = fs.existsSync(report) ? JSON.parse(fs.readFileSync(report, 'utf8')) : {};
  passed += r.numPassedTests ?? 0;
  // Failed tests, plus test files that failed before running any test (import or setup errors).
  failed +=
    (r.numFailedTests ?? 0) +
    (r.testResults ?? []).filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
  if (!fs.existsSync(report)) failed += 1;
}

// End-to-end journeys in Debian's Chromium against the built app (apps/web/e2e).
const e2eReport = path.join(root, '.tmp', 'playwright-report.json');
fs.rmSync(e2eReport, { force: true });
if (only.length === 0 || only.includes('e2e')) {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(chromium)) {
    console.error(`\n── e2e: ${chromium} is missing (apt-get install -y chromium; .ci/run does it)`);
    results.push({ name: 'e2e', ok: false, seconds: 0 });
    failed += 1;
  } else if (run('build', 'npm', ['run', 'build'])) {
    run('e2e', 'npx', ['playwright', 'test', '-c', 'apps/web/playwright.config.ts']);
    const r = fs.existsSync(e2eReport) ? JSON.parse(fs.readFileSync(e2eReport, 'utf8')) : null;
    passed += r?.stats?.expected ?? 0;
    failed += r ? (r.stats?.unexpected ?? 0) + (r.stats?.flaky ?? 0) + (r.errors?.length ?? 0) : 1;
  }
}

// The crash test of issue 7 (apps/api/bench/reliability.ts, also `npm run bench:reliability`): intake
// under load while the app is killed with SIGKILL and PostgreSQL (a private cluster) crashes.
if (only.length === 0 || only.includes('reliability')) {
  const built = results.some((r) => r.name === 'build' && r.ok) || run('build', 'npm', ['run', 'build']);
  if (built) run('reliability', 'npx', ['tsx', 'apps/api/bench/reliability.ts']);
}

// Static checks count as one test each.
for (const r of results.filter((x) => x.name !== 'tests' && x.name !== 'e2e')) {
  if (r.ok) passed += 1;
  else failed += 1;
}

console.log('\nSteps:');
for (const r of results) console.log(`  ${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${r.seconds}s)`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
