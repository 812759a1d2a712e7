// Starts the built server for the end-to-end journeys on a fresh embedded database with a small
// demo province (the same seed as `npm start`, fewer dossiers so that it loads in seconds).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../../..');
const port = process.env.E2E_PORT ?? '4317';
const dataDir = path.join(root, '.tmp', `e2e-data-${port}`);
const cli = path.join(root, 'apps/api/dist/cli.js');
if (!fs.existsSync(cli) || !fs.existsSync(path.join(root, 'apps/web/dist/index.html'))) {
  console.error('Build first: npm run build');
  process.exit(1);
}
fs.rmSync(dataDir, { recursive: true, force: true });
const child = spawn(process.execPath, [cli, 'serve', '--demo', '--demo-dossiers', '1500'], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    DATABASE_URL: '',
    MOTCUA_DATA_DIR: dataDir,
    PORT: port,
    HOST: '127.0.0.1',
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: 'warn',
    // The demo's loopback sandbox (mail, SMS, Zalo) on free ports: parallel runs do not collide.
    SANDBOX_HTTP_PORT: '0',
    SANDBOX_SMTP_PORT: '0',
  },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
