// HTTP load generator (autocannon) in its own process, kept for a scenario's runs. Each `run`
// reports committed (2xx) requests per second, latency, and the generator's own CPU share (of one
// core), so a saturated generator shows.
import autocannon from 'autocannon';
import { cpuShare, serve } from '../lib/ipc.js';

interface Options {
  url: string;
  connections: number;
  seconds: number;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

serve({
  run: async (args) => {
    const o = args as unknown as Options;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const r = await autocannon({
      url: o.url,
      connections: o.connections,
      duration: o.seconds,
      method: (o.method ?? 'GET') as 'GET',
      headers: o.headers ?? {},
      ...(o.body ? { body: o.body } : {}),
    });
    const ms = performance.now() - t0;
    return {
      rps: r['2xx'] / (r.duration || o.seconds),
      ok: r['2xx'],
      non2xx: r.non2xx,
      errors: r.errors + r.timeouts,
      p50: r.latency.p50,
      p99: r.latency.p99,
      generatorCpu: cpuShare(cpu0, ms),
    };
  },
});
