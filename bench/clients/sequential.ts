// Latency of one request at a time (no queueing), in its own process. argv[2]: JSON options.
// Each target is requested `count` times after `warm` unmeasured ones; reports p50/p99 in ms.
import http from 'node:http';
import { cpuShare, finish } from '../lib/ipc.js';
import { percentile } from '../lib/stats.js';

const o = JSON.parse(process.argv[2]!) as {
  targets: { name: string; url: string; headers?: Record<string, string> }[];
  count: number;
  warm: number;
  budgetMs?: number;
};
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function get(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; bytes: number }>((resolve, reject) => {
    const req = http.get(url, { agent, headers }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => resolve({ status: res.statusCode!, bytes }));
    });
    req.on('error', reject);
  });
}

const cpu0 = process.cpuUsage();
const t0 = performance.now();
const results: Record<string, { p50: number; p99: number; bytes: number; status: number; samples: number }> = {};
for (const t of o.targets) {
  const times: number[] = [];
  let last = { status: 0, bytes: 0 };
  const started = performance.now();
  // A slow target stops early (at least 3 samples) so the largest sizes fit the time budget.
  for (let i = 0; i < o.warm + o.count; i++) {
    if (o.budgetMs && times.length >= 3 && performance.now() - started > o.budgetMs) break;
    const s = performance.now();
    last = await get(t.url, t.headers ?? {});
    if (last.status !== 200) throw new Error(`${t.url}: ${last.status}`);
    if (i >= o.warm) times.push(performance.now() - s);
  }
  results[t.name] = { p50: percentile(times, 50), p99: percentile(times, 99), bytes: last.bytes, status: last.status, samples: times.length };
}
agent.destroy();
finish({ results, generatorCpu: cpuShare(cpu0, performance.now() - t0) });
