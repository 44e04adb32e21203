// Property: whatever the interleaving of writes and client disconnects (clean or abrupt, on either
// of two instances), every client's applied sequence equals the database's: no gap, no duplicate.
import fc from 'fast-check';
import t from 'tap';
import { Type } from 'typebox';
import { appendEvent, readEvents } from '../src/live/event-log.js';
import { defineEventTypes } from '../src/live/event-types.js';
import { testDatabase } from './helpers/app.js';
import { listeningApp } from './helpers/browser.js';
import { connectLive, type Frame, type LiveClient } from './helpers/live.js';

defineEventTypes({ 'test.burst': Type.Object({ run: Type.Integer(), n: Type.Integer() }, { additionalProperties: false }) });

const database = await testDatabase(t);
const instances = [await listeningApp(t, database), await listeningApp(t, database)];
const STREAM = 'public';

class Follower {
  applied: number[] = [];
  problems: string[] = [];
  last = 0;
  private socket: LiveClient | null = null;
  private waiting: { seq: number; resolve: () => void }[] = [];

  constructor(private instance: number) {}

  private attach(socket: LiveClient) {
    this.socket = socket;
    socket.ws.on('message', (raw) => {
      if (this.socket !== socket) return; // a socket we already let go of
      const f = JSON.parse((raw as Buffer).toString()) as Frame;
      if (f.type === 'event' && f.stream === STREAM) {
        if (f.seq === this.last + 1) {
          this.applied.push(f.seq);
          this.last = f.seq;
        } else this.problems.push(`event ${f.seq} after ${this.last}`);
      } else if (f.type === 'error') this.problems.push(`error ${f.code}`);
      // A problem ends the wait too: the check below reports it instead of timing out.
      this.waiting = this.waiting.filter((w) => (this.last >= w.seq || this.problems.length ? (w.resolve(), false) : true));
    });
  }

  async start(): Promise<number> {
    const socket = await connectLive(instances[this.instance]!.base);
    this.attach(socket);
    const snap = await socket.command({ type: 'subscribe', stream: STREAM });
    this.last = snap.seq!;
    return snap.seq!;
  }

  async bounce(hard: boolean, instance: number): Promise<void> {
    const old = this.socket!;
    if (hard) old.ws.terminate();
    else old.close();
    await old.closed;
    this.socket = null;
    this.instance = instance;
    const socket = await connectLive(instances[instance]!.base);
    this.attach(socket);
    const reply = await socket.command({ type: 'subscribe', stream: STREAM, since: this.last });
    if (reply.type !== 'subscribed') this.problems.push(`resume answered ${reply.type} ${reply.code ?? ''}`);
  }

  reach(seq: number): Promise<void> {
    if (this.last >= seq || this.problems.length) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push({ seq, resolve }));
  }

  stop() {
    this.socket?.close();
  }
}

let run = 0;
t.test('random disconnects during a burst of writes: every client applies exactly the log', async (t) => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 3, maxLength: 25 }),
      fc.array(
        fc.record({
          instance: fc.integer({ min: 0, max: 1 }),
          bounces: fc.array(fc.record({ afterTx: fc.nat(), hard: fc.boolean(), to: fc.integer({ min: 0, max: 1 }) }), { maxLength: 4 }),
        }),
        { minLength: 1, maxLength: 4 },
      ),
      async (transactions, plans) => {
        run++;
        const followers = plans.map((p) => new Follower(p.instance));
        const starts = await Promise.all(followers.map((f) => f.start()));
        const bounces: Promise<void>[] = [];
        // One bounce in flight per follower at a time; the next waits for the previous.
        const chains = followers.map(() => Promise.resolve());
        // Two writers, one per instance, each committing its share of the transactions in turn,
        // concurrently with each other and with the followers' reconnects.
        const writeTx = async (i: number) => {
          await instances[i % 2]!.app.db.transaction(async (tx) => {
            for (let n = 0; n < transactions[i]!; n++) await appendEvent(tx, { stream: STREAM, type: 'test.burst', data: { run, n } });
          });
          plans.forEach((plan, k) => {
            for (const b of plan.bounces.filter((b) => b.afterTx % transactions.length === i)) {
              chains[k] = chains[k]!.then(() => followers[k]!.bounce(b.hard, b.to));
              bounces.push(chains[k]);
            }
          });
        };
        const writers = [0, 1].map(async (w) => {
          for (let i = w; i < transactions.length; i += 2) await writeTx(i);
        });
        await Promise.all(writers);
        await Promise.all(bounces);
        const head = Math.max(...(await readEvents(database.db, STREAM, 0, 1_000_000)).map((e) => e.seq));
        await Promise.all(followers.map((f) => f.reach(head)));
        const log = (await readEvents(database.db, STREAM, Math.min(...starts), 1_000_000)).map((e) => e.seq);
        followers.forEach((f) => f.stop());
        for (const [k, f] of followers.entries()) {
          const expected = log.filter((s) => s > starts[k]!);
          if (f.problems.length || JSON.stringify(f.applied) !== JSON.stringify(expected)) {
            throw new Error(`follower ${k}: problems ${JSON.stringify(f.problems)}; applied ${f.applied.join()} expected ${expected.join()}`);
          }
        }
      },
    ),
    // No shrinking: a failure is reported at once with its counterexample (shrinking would take minutes).
    { numRuns: 15, endOnFailure: true },
  );
  t.pass(`${run} runs: every follower applied every event once, in order`);
});
