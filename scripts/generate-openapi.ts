/**
 * Writes apps/api/openapi.json from the route schemas (the same document the server serves at
 * /api/openapi.json). `--check` fails when the checked-in file differs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../apps/api/src/config.ts';
import { openDatabase } from '../apps/api/src/db/database.ts';
import { buildApp } from '../apps/api/src/http/build-app.ts';
import { createLocalFileStore } from '../apps/api/src/modules/file/file-store.ts';

const isCheck = process.argv.includes('--check');
const target = path.resolve('apps/api/openapi.json');
// The pool connects lazily: building the document never touches a database.
const handle = await openDatabase({
  mode: 'postgres',
  url: 'postgres://openapi@127.0.0.1:1/none',
  poolSize: 1,
});
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-openapi-'));
const config = loadConfig({ NODE_ENV: 'test', MOTCUA_DATA_DIR: tmp });
const app = await buildApp({
  db: handle.db,
  config,
  clock: () => new Date(0),
  files: createLocalFileStore(tmp),
  logger: console,
});
const document = `${JSON.stringify(app.swagger(), null, 2)}\n`;
await app.close();
await handle.close();
fs.rmSync(tmp, { recursive: true, force: true });
if (isCheck) {
  const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
  if (current !== document) {
    console.error('apps/api/openapi.json is out of date: run `npm run gen`');
    process.exitCode = 1;
  } else console.log('openapi.json is up to date');
} else {
  fs.writeFileSync(target, document);
  console.log(`wrote ${path.relative(process.cwd(), target)}`);
}
