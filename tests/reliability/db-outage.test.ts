// The database goes away and comes back (on the PostgreSQL server; this file's own database is closed
// to new connections and every backend of it terminated, which is what a restart looks like to the
// app, without touching anyone else's databases):
// - HTTP answers 503 DATABASE_UNAVAILABLE with Retry-After, /readyz says so, nothing answers 500;
// - a WebSocket subscribe answers a retryable error frame (retryAfterMs);
// - afterwards everything recovers without a restart, LISTEN included: an event committed after the
//   outage reaches a socket subscribed before it, with the safety poll effectively off.
import { randomUUID } from 'node:crypto';
import t from 'tap';
import { appendEvent } from '../../src/live/event-log.js';
import { stranger, testApp, testConfig, testDatabase } from '../helpers/app.js';
import { injectLive } from '../helpers/live.js';
import { databaseSwitch } from '../helpers/outage.js';

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  t.plan(0, 'needs the PostgreSQL server (DATABASE_URL)');
} else {
  void t.test('an outage answers 503 and retryable frames, and the app recovers with LISTEN', async (t) => {
    t.setTimeout(240_000);
    const database = await testDatabase(t);
    // Safety poll effectively off: only the LISTEN connection (and its re-listen catch-up) can deliver.
    const app = await testApp(t, database, { live: { ...testConfig().live, pollMs: 600_000, retryAfterMs: 300 } });
    const outage = databaseSwitch(t, database);
    const client = stranger(app);

    const roundTable = `roundtable:${(await client.get('/api/round-tables')).json<{ id: string }[]>()[0]!.id}`;
    const before = await injectLive(app);
    const subscribed = await before.command({ type: 'subscribe', stream: 'public' });
    t.equal(subscribed.type, 'snapshot', 'subscribed before the outage');

    await outage.cut();

    const list = await client.get('/api/round-tables');
    t.equal(list.statusCode, 503, 'a read answers 503');
    t.same(
      { ...list.json(), message: undefined },
      { statusCode: 503, code: 'DATABASE_UNAVAILABLE', error: 'Service Unavailable', message: undefined },
      'in the documented error shape',
    );
    t.equal(list.headers['retry-after'], String(testConfig().database.retryAfterSeconds), 'with Retry-After');

    const ready = await client.get('/readyz');
    t.equal(ready.statusCode, 503, '/readyz answers 503');
    t.equal(ready.json().code, 'DATABASE_UNAVAILABLE', '/readyz names the reason');
    t.ok(ready.headers['retry-after'], '/readyz has Retry-After');

    // A stream nobody on this instance follows (the public one may be answered from the read cache).
    const during = await injectLive(app);
    const refused = await during.command({ type: 'subscribe', stream: roundTable });
    t.match(refused, { type: 'error', stream: roundTable, statusCode: 503, code: 'DATABASE_UNAVAILABLE', error: 'Service Unavailable' });
    t.type(refused.retryAfterMs, 'number', 'the frame says when to retry');

    await outage.reopen();
    let readyAgain = await client.get('/readyz');
    for (let i = 0; i < 100 && readyAgain.statusCode !== 200; i++) {
      await new Promise((r) => setTimeout(r, 100));
      readyAgain = await client.get('/readyz');
    }
    t.equal(readyAgain.statusCode, 200, 'ready again without a restart');

    const retried = await during.command({ type: 'subscribe', stream: roundTable });
    t.equal(retried.type, 'snapshot', 'the same subscribe succeeds after the outage');

    // Committed after the outage: must reach the socket subscribed before it through LISTEN.
    const seq = await app.db.transaction((tx) => appendEvent(tx, { stream: 'public', type: 'issue.hidden', data: { issueId: randomUUID() } }));
    const delivered = await before.waitFor((f) => f.type === 'event' && f.stream === 'public' && f.seq === seq);
    t.equal(delivered.event, 'issue.hidden', 'the event committed after the outage was delivered');
    t.same(before.seqs('public'), [seq], 'exactly once, nothing before it lost');
    before.close();
    during.close();
  });
}
