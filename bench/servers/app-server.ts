// One app instance for the bench, in a process of its own: the real app on the bench database,
// counting its queries. Commands from the runner: stats (queries so far, memory after a GC).
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { serve } from '../lib/ipc.js';
import { openCountingDatabase } from '../lib/counting-db.js';

const url = process.env.BENCH_DATABASE_URL!;
const config = loadConfig({
  NODE_ENV: 'production',
  LOG_LEVEL: 'silent',
  DATABASE_URL: url,
  SEED_DEMO: 'never',
  PORT: '0',
  SIGN_IN_RATE_LIMIT: '10000',
  SIGN_IN_ADDRESS_RATE_LIMIT: '100000',
  // One representative submits thousands of issues: the throttle still counts each (its statement is
  // part of the measured path), but the limit must not turn the run into 429s.
  THROTTLE_ISSUES_PER_HOUR: '1000000',
  COOKIE_SECURE: 'false',
  // Every bench client connects from 127.0.0.1, signed out: the per-address cap (20) would refuse all but 20.
  LIVE_MAX_ANONYMOUS_PER_ADDRESS: '100000',
});
const database = await openCountingDatabase(url);
const app = await buildApp({ config, database, logger: false });
await app.listen({ host: '127.0.0.1', port: 0 });
const { port } = app.server.address() as { port: number };

// Exit normally when the runner stops us, so that a --cpu-prof profile (BENCH_APP_NODE_OPTIONS) is written.
process.once('SIGTERM', () => process.exit(0));

serve(
  {
    stats: ({ gc }) => {
      if (gc && global.gc) {
        global.gc();
        global.gc();
      }
      const m = process.memoryUsage();
      return { queries: database.queries(), rss: m.rss, heapUsed: m.heapUsed, cpu: process.cpuUsage() };
    },
    close: async () => {
      await app.close();
      await database.close();
      setImmediate(() => process.exit(0));
    },
  },
  { port },
);
