// Passwords: scrypt at N=2^17 by default with the parameters stored in each hash; a hash made with other
// parameters is replaced at the next successful sign-in; sign-in costs the same for a known address
// (wrong password) and an unknown one.
import { eq } from 'drizzle-orm';
import t from 'tap';
import { users } from '../../src/db/schema/index.js';
import { DEFAULT_COST, hashPassword, needsRehash, verifyPassword } from '../../src/lib/passwords.js';
import { demoEmail, ORIGIN, signIn, testApp, testDatabase } from '../helpers/app.js';
import { DEMO_PASSWORD } from '../../src/db/seed/identity.js';

void t.test('the default is N=2^17, r=8, p=1, stored with the hash', async (t) => {
  const hash = await hashPassword('correct horse battery staple');
  t.match(hash, /^scrypt\$131072\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
  t.ok(await verifyPassword('correct horse battery staple', hash));
  t.notOk(await verifyPassword('wrong', hash));
  t.notOk(needsRehash(hash));
  t.ok(needsRehash(await hashPassword('x', { N: 2 ** 12, r: 8, p: 1 })), 'weaker parameters need a rehash');
  t.notOk(await verifyPassword('x', 'scrypt$4294967296$8$1$AAAA$AAAA'), 'absurd parameters in a stored hash are refused, not run');
  t.equal(DEFAULT_COST.N, 2 ** 17);
});

void t.test('sign-in rehashes a hash made with other parameters, and timing does not reveal accounts', async (t) => {
  const database = await testDatabase(t);
  const cost = { N: 2 ** 14, r: 8, p: 1 };
  const app = await testApp(t, database, { passwordCost: cost });
  const email = demoEmail('attendee1');
  const stored = async () => (await database.db.select({ h: users.passwordHash }).from(users).where(eq(users.email, email)))[0]!.h;
  t.match(await stored(), /^scrypt\$4096\$/, 'seeded with the tests’ cheap parameters');
  await signIn(app, 'attendee1');
  t.match(await stored(), /^scrypt\$16384\$8\$1\$/, 'replaced with the configured parameters at sign-in');
  await signIn(app, 'attendee1');
  t.ok(await verifyPassword(DEMO_PASSWORD, await stored()), 'the new hash verifies the same password');

  const attempt = async (who: string) => {
    const start = process.hrtime.bigint();
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { origin: ORIGIN },
      payload: { email: who, password: 'not the password' },
    });
    t.equal(res.statusCode, 401);
    return Number(process.hrtime.bigint() - start) / 1e6;
  };
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const known: number[] = [];
  const unknown: number[] = [];
  const ratios: number[] = [];
  // Interleaved pairs, compared pair by pair: a shared machine's load drifts, but rarely within one pair.
  for (let i = 0; i < 15; i++) {
    known.push(await attempt(email));
    unknown.push(await attempt(`nobody${i}@example.org`));
    ratios.push(known[i]! / unknown[i]!);
  }
  const ratio = median(ratios);
  t.comment(`median sign-in: known ${median(known).toFixed(1)} ms, unknown ${median(unknown).toFixed(1)} ms; median ratio per pair ${ratio.toFixed(2)}`);
  t.ok(ratio > 0.6 && ratio < 1.6, `known and unknown addresses take the same time (ratio ${ratio.toFixed(2)})`);
});
