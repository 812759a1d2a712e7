// Baseline of the embedded cold start: the least any embedded-mode server must do before its first
// answer — start Node, create an empty PGlite database in a fresh folder, run one query, listen,
// answer one HTTP request. Prints nothing; the harness times it to the first answered request.
import http from 'node:http';
import { PGlite } from '@electric-sql/pglite';

const [dataDir, port] = process.argv.slice(2);
const db = await PGlite.create({ dataDir });
await db.query('SELECT 1');
const server = http.createServer((req, res) => {
  void db.query('SELECT 1').then(() => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"status":"ok"}');
  });
});
server.listen(Number(port), '127.0.0.1');
process.on('SIGTERM', () => {
  server.close();
  void db.close().then(() => process.exit(0));
});
