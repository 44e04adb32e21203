// HTTP request cost: an authenticated read (session lookup + query) against /healthz as the
// baseline measured in the same run. Prints figures; never pass/fail.
//   npm run bench            (embedded PGlite)
//   DATABASE_URL=... npm run bench   (PostgreSQL server)
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { seedDemo } from '../src/db/seed/index.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);

const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: 'memory://', PORT: '0', SIGN_IN_RATE_LIMIT: '10000', SIGN_IN_ADDRESS_RATE_LIMIT: '100000', ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}) });
const database = await openDatabase(config);
await migrate(database);
await seedDemo(database);
const app = await buildApp({ config, database, logger: false });
await app.listen({ host: '127.0.0.1', port: 0 });
const { port } = app.server.address() as { port: number };
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function request(method: string, path: string, headers: Record<string, string> = {}, body?: string) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, agent, headers }, (res) => {
      let data = '';
      res.on('data', (c) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: data }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const signIn = await request(
  'POST',
  '/api/auth/tokens',
  { 'content-type': 'application/json' },
  JSON.stringify({ email: 'wang.li@tianjin-commerce.example', password: 'roundtable-demo' }),
);
const token = JSON.parse(signIn.body).token as string;
const auth = { authorization: `Bearer ${token}` };

async function measure(name: string, path: string, headers: Record<string, string> = {}) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < REQUESTS) {
        const t0 = performance.now();
        const res = await request('GET', path, headers);
        if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(2);
  return { name, rps: latencies.length / seconds, p50: pct(50), p99: pct(99) };
}

// Warm-up, then measure.
await measure('warm-up', '/healthz');
const rows = [
  await measure('GET /healthz (baseline, no database)', '/healthz'),
  await measure('GET /api/me (session lookup + user)', '/api/me', auth),
  await measure('GET /api/organizations (session + list)', '/api/organizations', auth),
];
const base = rows[0]!.rps;
process.stdout.write(`\nHTTP on ${database.kind}, ${REQUESTS} requests, ${CONCURRENCY} concurrent (node ${process.version})\n`);
for (const r of rows) {
  process.stdout.write(`${r.name.padEnd(44)} ${r.rps.toFixed(0).padStart(7)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  ${(r.rps / base).toFixed(2)}x baseline\n`);
}
agent.destroy();
await app.close();
await database.close();
