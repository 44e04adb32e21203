// No request hangs longer than REQUEST_TIMEOUT_MS: while the table a read needs is locked by another
// transaction (on the embedded database: while any transaction is open), the request answers
// 503 REQUEST_TIMEOUT with Retry-After in the documented shape at the deadline; once the lock is gone the
// same request answers 200 again.
import { sql } from 'drizzle-orm';
import t from 'tap';
import { stranger, testApp, testConfig, testDatabase } from '../helpers/app.js';

const database = await testDatabase(t);

void t.test('a request past the deadline answers 503 REQUEST_TIMEOUT', async (t) => {
  const app = await testApp(t, database, { requestTimeoutMs: 500 });
  let release!: () => void;
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const holder = database.db.transaction(async (tx) => {
    await tx.execute(sql`lock table round_tables in access exclusive mode`);
    locked();
    await new Promise<void>((resolve) => (release = resolve));
  });
  await isLocked;
  let res;
  try {
    res = await stranger(app).get('/api/round-tables');
  } finally {
    release();
    await holder;
  }
  t.equal(res.statusCode, 503, 'answered, not left hanging');
  t.same(Object.keys(res.json()).sort(), ['code', 'error', 'message', 'statusCode'], 'in the documented shape');
  t.match(res.json(), { statusCode: 503, code: 'REQUEST_TIMEOUT', error: 'Service Unavailable' });
  t.equal(res.headers['retry-after'], String(testConfig().database.retryAfterSeconds), 'with Retry-After');
  t.equal((await stranger(app).get('/api/round-tables')).statusCode, 200, 'the same request answers once the lock is gone');
});
