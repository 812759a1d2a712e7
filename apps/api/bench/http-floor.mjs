// Floor of the public lookup over HTTP: the least any HTTP server must do to answer a lookup —
// parse the URL, run the raw indexed point select on a pool, answer the row as JSON. The harness
// loads it exactly like the real lookup; its throughput is what HTTP itself leaves on this machine.
import http from 'node:http';
import pg from 'pg';

const [databaseUrl, port, poolSize] = process.argv.slice(2);
const pool = new pg.Pool({ connectionString: databaseUrl, max: Number(poolSize ?? 32) });
const server = http.createServer((req, res) => {
  const code = new URL(req.url ?? '/', 'http://x').searchParams.get('code');
  pool.query('SELECT * FROM dossier WHERE code = $1', [code]).then(
    (r) => {
      const body = JSON.stringify(r.rows[0] ?? null);
      res.writeHead(r.rowCount === 1 ? 200 : 404, { 'content-type': 'application/json' });
      res.end(body);
    },
    () => {
      res.writeHead(500);
      res.end();
    },
  );
});
server.listen(Number(port), '127.0.0.1');
process.on('SIGTERM', () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
