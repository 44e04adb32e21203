// The hub fans out this instance's own commits at once (no NOTIFY, no read back), with the very
// bytes a read from the log gives, and still reads from the log what it did not hear, in order, once.
import t from 'tap';
import { Type } from 'typebox';
import type { FastifyBaseLogger } from 'fastify';
import { installEventOutbox, numberInTransaction, queueEvent, readEvents } from '../src/live/event-log.js';
import { defineEventTypes } from '../src/live/event-types.js';
import { encodeEvent, Hub, type WireEvent } from '../src/live/hub.js';
import { until } from './helpers/mail.js';
import { testDatabase } from './helpers/app.js';

defineEventTypes({
  'test.hubbed': Type.Object({ n: Type.Number(), zeta: Type.String(), a: Type.String() }, { additionalProperties: false }),
});

// Numbered by its writer, like a round-table's stream (streams with a snapshot): those are the ones the
// writer can fan out itself; the shared streams are numbered after commit and come by NOTIFY.
numberInTransaction('test');

const database = await testDatabase(t, { seed: false });
const db = database.db;
const warnings: unknown[] = [];
const hub = new Hub(db, { warn: (o: unknown) => void warnings.push(o) } as unknown as FastifyBaseLogger);
const stream = 'test:hub';
const got: WireEvent[] = [];
hub.join(stream, { receive: (_s, event) => void got.push(event) });
hub.reached(stream, 0); // the stream is empty: fan out from seq 1
let stop = installEventOutbox(db, (_streams, events) => hub.committed(events));
t.teardown(() => stop());

// Keys in an order jsonb does not keep: the frame must be the log's, not the writer's object.
const write = (n: number) =>
  db.transaction(async (tx) => {
    await queueEvent(tx, { stream, type: 'test.hubbed', data: { n, zeta: 'z', a: 'a' } });
  });

t.test("this instance's commit goes out when it commits, as the log has it", async (t) => {
  await write(1);
  t.same(
    got.map((e) => e.seq),
    [1],
    'delivered by the time the transaction resolved (no NOTIFY is wired here)',
  );
  const [stored] = await readEvents(db, stream, 0, 10);
  t.equal(got[0]!.frame.toString(), encodeEvent(stream, stored!).frame.toString(), 'byte for byte the frame a read from the log gives');
});

t.test('an unheard commit is read from the log before the next one, each once', async (t) => {
  stop();
  await write(2); // committed without this hub hearing of it (as if another instance wrote it)
  t.equal(got.length, 1);
  stop = installEventOutbox(db, (_streams, events) => hub.committed(events));
  await write(3);
  await until(() => got.length >= 3, 10_000, 'the gap read from the log');
  t.same(
    got.map((e) => e.seq),
    [1, 2, 3],
  );
  // The NOTIFYs of the same commits, and the same events told again, change nothing.
  hub.notified(`${stream} 3`);
  const [, second, third] = await readEvents(db, stream, 0, 10);
  hub.committed([
    { stream, ...second! },
    { stream, ...third! },
  ]);
  await write(4);
  await until(() => got.length >= 4, 10_000, 'the next commit');
  await new Promise((resolve) => setTimeout(resolve, 200));
  t.same(
    got.map((e) => e.seq),
    [1, 2, 3, 4],
    'no loss, no duplicate',
  );
  t.same(warnings, []);
});
