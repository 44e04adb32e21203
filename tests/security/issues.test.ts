// A confidential issue is seen at all only by officials and its author company: merging another
// company's visible issue into it must not reveal its id through the child's detail, lists or events.
import t from 'tap';
import { eq } from 'drizzle-orm';
import { events } from '../../src/db/schema/index.js';
import { streamOf } from '../../src/live/streams.js';
import { signIn, stranger, testApp, testDatabase } from '../helpers/app.js';
import { command, createIssue } from '../helpers/issues.js';

const database = await testDatabase(t);
const app = await testApp(t, database);
const official = await signIn(app, 'official1');
const hanami = await signIn(app, 'hanami');
const sakura = await signIn(app, 'sakura');
const kaze = await signIn(app, 'kaze');
const anonymous = stranger(app);

t.test('merging into a confidential primary does not reveal the primary', async (t) => {
  const primary = await createIssue(hanami, { visibility: 'confidential', title: 'Zqx confidential primary' });
  const child = await createIssue(sakura, { title: 'Public duplicate of a customs problem' });
  t.equal((await kaze.post(`/api/issues/${child.id}/support`, {})).statusCode, 200);
  await command(official, primary.id, 'start_review');
  const merged = await official.post(`/api/issues/${child.id}/merge`, { primaryId: primary.id, reason: 'Duplicate' });
  t.equal(merged.statusCode, 200, merged.body);

  for (const [who, client] of [
    ['stranger', anonymous],
    ['supporter', kaze],
  ] as const) {
    const detail = await client.get(`/api/issues/${child.id}`);
    t.equal(detail.statusCode, 200);
    t.notMatch(detail.body, primary.id, `${who}: the child's detail does not name the primary`);
    t.notMatch((await client.get('/api/issues/public?sort=newest&limit=100')).body, primary.id, `${who}: nor does the public list`);
  }
  t.notMatch(JSON.stringify((await kaze.get('/api/feed')).json()), primary.id, "nor the supporter's feed");
  const pub = await database.db.select().from(events).where(eq(events.stream, streamOf.public()));
  t.notMatch(JSON.stringify(pub.map((e) => e.data)), primary.id, 'nor the public stream');

  t.equal((await sakura.get(`/api/issues/${child.id}`)).json().mergedInto?.id, primary.id, 'the child author company learns where it went');
  t.equal((await official.get(`/api/issues/${child.id}`)).json().mergedIntoId, primary.id, 'officials too');
});
