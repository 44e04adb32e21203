// The round-table list as one query with keyset pages: pages joined up are the whole list, in order,
// for every kind of viewer; visibility is the same rule as one round-table's (drafts: staff only,
// registered-audience: signed-in only); a forged cursor is a 400.
import t from 'tap';
import { signIn, stranger, testApp, testDatabase, type Client } from '../helpers/app.js';

t.test('round-table list: visibility in SQL, keyset pages', async (t) => {
  const database = await testDatabase(t);
  const app = await testApp(t, database);
  const official = await signIn(app, 'official1');
  const viewers: [string, Client][] = [
    ['visitor', stranger(app)],
    ['attendee', await signIn(app, 'attendee2')],
    ['official', official],
  ];

  const whole = new Map<string, { id: string; status: string; audience: string; startsAt: string; isStaff: boolean }[]>();
  for (const [name, client] of viewers) {
    const res = await client.get('/api/round-tables');
    t.equal(res.statusCode, 200);
    const list = JSON.parse(res.body) as { id: string; status: string; audience: string; startsAt: string; isStaff: boolean }[];
    whole.set(name, list);
    const starts = list.map((r) => r.startsAt);
    t.same(starts, [...starts].sort(), `${name}: by start time`);
    // Page by page, one at a time: the same round-tables in the same order.
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.get(`/api/round-tables?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      t.equal(page.statusCode, 200);
      paged.push(...(JSON.parse(page.body) as { id: string }[]).map((r) => r.id));
      cursor = page.headers['x-next-cursor'] as string | undefined;
    } while (cursor && paged.length <= list.length);
    t.same(
      paged,
      list.map((r) => r.id),
      `${name}: pages join up to the whole list`,
    );
  }
  const visitor = whole.get('visitor')!;
  const attendee = whole.get('attendee')!;
  const staff = whole.get('official')!;
  t.ok(
    visitor.every((r) => r.status !== 'draft' && r.audience === 'public'),
    'a visitor sees no drafts and no registered-only round-table',
  );
  t.ok(
    attendee.some((r) => r.audience === 'registered'),
    'a signed-in user sees registered-only ones',
  );
  t.notOk(
    attendee.some((r) => r.status === 'draft'),
    'but no drafts',
  );
  t.ok(
    staff.some((r) => r.status === 'draft' && r.isStaff),
    "the host's official sees its draft",
  );
  for (const r of visitor) {
    const one = await stranger(app).get(`/api/round-tables/${r.id}`);
    t.equal(one.statusCode, 200, 'each listed round-table can be opened by the same viewer');
  }

  for (const bad of ['nope', Buffer.from(JSON.stringify(['2026-13-45 00:00:00+00', 'x'])).toString('base64url')]) {
    const res = await official.get(`/api/round-tables?limit=2&cursor=${bad}`);
    t.equal(res.statusCode, 400);
    t.equal(JSON.parse(res.body).code, 'INVALID_CURSOR');
  }
});
