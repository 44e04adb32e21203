// The issues API per role: submit, edit with history, review, answers (held and released in a batch),
// supports, merge, clarification thread, lists, CSV export, feed, and bad input.
import t from 'tap';
import { eq, sql } from 'drizzle-orm';
import { issueHistory, issues } from '../../src/db/schema/index.js';
import { signIn, stranger, testApp, testDatabase } from '../helpers/app.js';
import { acceptedIssue, command, createIssue, issueBody } from '../helpers/issues.js';

const database = await testDatabase(t);
const app = await testApp(t, database);
const db = database.db;
const official = await signIn(app, 'official1');
const official2 = await signIn(app, 'official2');
const hanami = await signIn(app, 'hanami');
const sakura = await signIn(app, 'sakura');
const kaze = await signIn(app, 'kaze');
const attendee = await signIn(app, 'attendee1');

const count = async () => Number((await db.select({ n: sql<number>`count(*)::int` }).from(issues))[0]!.n);

t.test('draft, edit with history, submit, edit until review starts', async (t) => {
  const draft = await createIssue(hanami, { submit: false, title: 'Draft about export licences' });
  t.equal(draft.state, 'draft');
  t.equal((await official.get(`/api/issues/${draft.id}`)).statusCode, 404, 'officials do not see drafts');
  t.equal((await sakura.get(`/api/issues/${draft.id}`)).statusCode, 404);

  const edited = await hanami.patch(`/api/issues/${draft.id}`, { title: 'Export licences take too long', visibility: 'anonymous' });
  t.equal(edited.statusCode, 200);
  t.equal(edited.json().visibility, 'anonymous');
  const submitted = await command(hanami, draft.id, 'submit');
  t.equal(submitted.state, 'submitted');
  t.ok(submitted.submittedAt);

  t.equal((await hanami.patch(`/api/issues/${draft.id}`, { visibility: 'public' })).json().code, 'VISIBILITY_FIXED');
  const again = await hanami.patch(`/api/issues/${draft.id}`, { body: 'Export licences for dual-use parts take six weeks to issue.' });
  t.equal(again.statusCode, 200);
  const history = again.json().history as { kind: string; previous: Record<string, unknown> | null }[];
  t.same(
    history.map((h) => h.kind),
    ['created', 'edit', 'transition', 'edit'],
  );
  t.equal(history[1]!.previous!.title, 'Draft about export licences', 'the text before the edit is kept');

  await command(official, draft.id, 'start_review');
  const late = await hanami.patch(`/api/issues/${draft.id}`, { title: 'Too late to change' });
  t.same([late.statusCode, late.json().code], [409, 'ISSUE_NOT_EDITABLE']);
  const other = await sakura.patch(`/api/issues/${draft.id}`, { title: 'Not mine at all' });
  t.equal(other.statusCode, 404, 'another company cannot even find it (anonymous, under review)');
});

t.test('review transitions: roles, states, reasons, who/when/why', async (t) => {
  const issue = await createIssue(hanami);
  const byCompany = await hanami.post(`/api/issues/${issue.id}/transitions`, { command: 'start_review' });
  t.same([byCompany.statusCode, byCompany.json().code], [403, 'TRANSITION_FORBIDDEN']);
  const wrongState = await official.post(`/api/issues/${issue.id}/transitions`, { command: 'accept' });
  t.same([wrongState.statusCode, wrongState.json().code], [409, 'TRANSITION_NOT_ALLOWED']);
  await command(official, issue.id, 'start_review');
  const noReason = await official.post(`/api/issues/${issue.id}/transitions`, { command: 'decline' });
  t.same([noReason.statusCode, noReason.json().code], [400, 'REASON_REQUIRED']);
  const unknown = await official.post(`/api/issues/${issue.id}/transitions`, { command: 'schedule' });
  t.same([unknown.statusCode, unknown.json().code], [400, 'VALIDATION_FAILED'], 'agenda commands are not HTTP commands');
  const declined = await command(official2, issue.id, 'decline', { reason: 'Outside the municipal remit' });
  t.equal(declined.state, 'declined');
  const last = declined.history.at(-1);
  t.match(last, {
    kind: 'transition',
    command: 'decline',
    fromState: 'under_review',
    toState: 'declined',
    actorName: 'Zhang Min',
    reason: 'Outside the municipal remit',
  });
  const seenByOther = (await sakura.get(`/api/issues/${issue.id}`)).json();
  t.equal(seenByOther.history.at(-1).reason, null, 'others see the timeline, not the why');
  t.equal(seenByOther.history.at(-1).actorName, null);

  const withdrawn = await createIssue(hanami);
  await sakura.post(`/api/issues/${withdrawn.id}/support`, {});
  t.equal((await sakura.post(`/api/issues/${withdrawn.id}/transitions`, { command: 'withdraw' })).json().code, 'TRANSITION_FORBIDDEN');
  t.equal((await command(hanami, withdrawn.id, 'withdraw', { reason: 'Solved meanwhile' })).state, 'withdrawn');
  t.equal((await sakura.get(`/api/issues/${withdrawn.id}`)).statusCode, 404, 'a withdrawn issue leaves public sight');
  const feed = (await sakura.get('/api/feed')).json();
  t.match(feed.items[0], { issueId: withdrawn.id, data: { toState: 'withdrawn', own: false } }, 'its supporter hears it was withdrawn');
  t.notOk('reason' in feed.items[0].data, 'but not the why');
});

t.test('answers: with an acceptance, held as pending, released in a batch', async (t) => {
  const a = await createIssue(hanami, { title: 'Pending answer one' });
  const b = await createIssue(kaze, { title: 'Pending answer two' });
  await command(official, a.id, 'start_review');
  await command(official, b.id, 'start_review');
  const accepted = await command(official, a.id, 'accept', {
    answer: { text: 'We will streamline it.', department: 'Tianjin Customs', timeFrame: 'Q1 2027', hold: true },
  });
  t.equal(accepted.answer.releasedAt, null, 'officials see the pending answer');
  const held = await hanami.get(`/api/issues/${a.id}`);
  t.equal(held.json().answer, null, 'the author does not see it until released');
  const put = await official.patch(`/api/issues/${b.id}/answer`, {});
  t.equal(put.statusCode, 404, 'answers are PUT');
  t.equal(
    (await official.request('PUT', `/api/issues/${b.id}/answer`, { text: 'Under study.', department: 'Commerce', timeFrame: '2 months', hold: true }))
      .statusCode,
    200,
  );
  const pending = (await official.get('/api/issues/answers/pending')).json<{ issueId: string; language: string; answerLanguage: string }[]>();
  t.ok([a.id, b.id].every((id) => pending.some((p) => p.issueId === id)));
  t.match(
    pending.find((p) => p.issueId === a.id),
    { language: 'en', answerLanguage: /^(en|ja|zh)$/ },
    "each held answer says its issue's and its own language",
  );

  const before = (await hanami.get('/api/feed')).json().unread;
  const released = await official.post('/api/issues/answers/release', { issueIds: [a.id, b.id] });
  t.same(released.json().released.sort(), [a.id, b.id].sort());
  t.equal((await hanami.get(`/api/issues/${a.id}`)).json().answer.text, 'We will streamline it.');
  const feed = (await hanami.get('/api/feed')).json();
  t.equal(feed.unread, before + 1);
  t.match(feed.items[0], { type: 'issue.answer', issueId: a.id, data: { answer: { text: 'We will streamline it.', department: 'Tianjin Customs' } } });
  t.same((await official.post('/api/issues/answers/release', {})).json().released.includes(a.id), false, 'released once');
  const byCompany = await hanami.request('PUT', `/api/issues/${a.id}/answer`, { text: 'x', department: 'y', timeFrame: 'z' });
  t.equal(byCompany.statusCode, 403);
});

t.test('supports: one per company, withdrawable, counted, not for invisible issues', async (t) => {
  const issue = await createIssue(hanami, { title: 'Support me please' });
  t.equal((await hanami.post(`/api/issues/${issue.id}/support`, {})).json().code, 'CANNOT_SUPPORT_OWN');
  const s1 = await sakura.post(`/api/issues/${issue.id}/support`, { comment: 'Same for us' });
  t.same([s1.statusCode, s1.json().supportCount, s1.json().supportedByUs], [200, 1, true]);
  t.equal((await sakura.post(`/api/issues/${issue.id}/support`, {})).json().code, 'ALREADY_SUPPORTED');
  t.equal((await kaze.post(`/api/issues/${issue.id}/support`, {})).json().supportCount, 2);
  t.equal((await attendee.post(`/api/issues/${issue.id}/support`, {})).statusCode, 403);
  const detail = (await kaze.get(`/api/issues/${issue.id}`)).json();
  t.same(
    detail.supporters.map((s: { company: { nameEn: string } }) => s.company.nameEn),
    ['Sakura Electronics China', 'Kaze Logistics Tianjin'],
    'public: supporters are named',
  );
  const w = await sakura.delete(`/api/issues/${issue.id}/support`);
  t.same([w.json().supportCount, w.json().supportedByUs], [1, false]);
  t.equal((await sakura.delete(`/api/issues/${issue.id}/support`)).json().code, 'SUPPORT_NOT_FOUND');

  const confidential = await createIssue(hanami, { visibility: 'confidential' });
  t.equal((await sakura.post(`/api/issues/${confidential.id}/support`, {})).statusCode, 404, 'an invisible issue cannot be supported');
  const anonymous = await createIssue(hanami, { visibility: 'anonymous' });
  t.equal((await sakura.post(`/api/issues/${anonymous.id}/support`, {})).statusCode, 404, 'anonymous: not visible before acceptance');
});

t.test('merge and un-merge: text, visibility and history kept; supports count for the primary', async (t) => {
  const primary = await createIssue(hanami, { title: 'Primary: slow customs at the port' });
  const dup = await createIssue(sakura, { title: 'Duplicate: customs delays', visibility: 'anonymous' });
  await kaze.post(`/api/issues/${primary.id}/support`, {});
  // Kaze supports the duplicate too: still one company.
  await command(official, dup.id, 'start_review');
  const dupSupport = await createIssue(kaze, { visibility: 'confidential' });
  t.ok(dupSupport.id);
  const self = await official.post(`/api/issues/${dup.id}/merge`, { primaryId: dup.id });
  t.equal(self.json().code, 'CANNOT_MERGE_INTO_ITSELF');
  const byCompany = await hanami.post(`/api/issues/${dup.id}/merge`, { primaryId: primary.id });
  t.equal(byCompany.statusCode, 403);
  const merged = await official.post(`/api/issues/${dup.id}/merge`, { primaryId: primary.id, reason: 'Same port, same problem' });
  t.equal(merged.statusCode, 200);
  t.same([merged.json().state, merged.json().mergedIntoId], ['merged', primary.id]);

  const asOfficial = (await official.get(`/api/issues/${primary.id}`)).json();
  t.equal(asOfficial.supportCount, 2, 'kaze + the merged company sakura');
  t.match(asOfficial.merged[0], { id: dup.id, title: 'Duplicate: customs delays', visibility: 'anonymous', company: { nameEn: 'Sakura Electronics China' } });
  t.ok(asOfficial.merged[0].history.length >= 3, "the merged issue's history comes along");
  t.ok(asOfficial.history.some((h: { kind: string }) => h.kind === 'merge_child'));
  const asHanami = (await hanami.get(`/api/issues/${primary.id}`)).json();
  t.same(asHanami.merged, [], 'an anonymous merged issue is not shown to the primary author');
  t.equal(asHanami.supportCount, 1, 'nor counted: only what the viewer may know exists (issue 15)');
  const asSakura = (await sakura.get(`/api/issues/${dup.id}`)).json();
  t.same(asSakura.mergedInto, { id: primary.id, title: 'Primary: slow customs at the port' });
  const sakuraFeed = (await sakura.get('/api/feed')).json();
  t.match(sakuraFeed.items[0], { type: 'issue.transition', issueId: dup.id, data: { toState: 'merged', mergedIntoId: primary.id } });

  const again = await official.post(`/api/issues/${dup.id}/merge`, { primaryId: primary.id });
  t.equal(again.json().code, 'TRANSITION_NOT_ALLOWED');
  const un = await official.post(`/api/issues/${dup.id}/unmerge`, { reason: 'Different port after all' });
  t.same([un.json().state, un.json().mergedIntoId], ['under_review', null]);
  t.equal((await official.get(`/api/issues/${primary.id}`)).json().supportCount, 1);
});

t.test('clarification thread with read state', async (t) => {
  const issue = await createIssue(hanami, { visibility: 'confidential' });
  const q = await official.post(`/api/issues/${issue.id}/messages`, { body: 'Which port do you use?' });
  t.equal(q.statusCode, 201);
  t.equal(q.json().readAt, null);
  const unreadMine = (await hanami.get('/api/issues/mine')).json().items.find((i: { id: string }) => i.id === issue.id);
  t.equal(unreadMine.unreadMessages, 1, 'the company sees an unread message in its list');
  t.equal((await official.get(`/api/issues/${issue.id}`)).json().unreadMessages, 0, 'officials wrote it: nothing unread for them');
  t.equal((await sakura.get(`/api/issues/${issue.id}/messages`)).statusCode, 404);
  const publicIssue = await createIssue(hanami);
  t.equal((await sakura.get(`/api/issues/${publicIssue.id}/messages`)).json().code, 'NOT_IN_THREAD');
  const feed = (await hanami.get('/api/feed')).json();
  t.match(feed.items[0], { type: 'issue.message', issueId: issue.id, data: { body: 'Which port do you use?' } });
  // Reading changes nothing, even as a top-level navigation from another site (SameSite=Lax sends the cookie).
  const looked = await hanami.request('GET', `/api/issues/${issue.id}/messages`, undefined, { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' });
  t.equal(looked.statusCode, 200);
  t.equal(looked.json()[0].readAt, null, 'a GET marks nothing read');
  t.equal((await hanami.get(`/api/issues/${issue.id}`)).json().unreadMessages, 1, 'still unread after the GET');
  const forged = await hanami.request('POST', `/api/issues/${issue.id}/messages/read`, {}, { origin: 'https://evil.example' });
  t.equal(forged.statusCode, 403, 'marking read from another site is refused like any write');
  t.equal((await sakura.post(`/api/issues/${publicIssue.id}/messages/read`)).json().code, 'NOT_IN_THREAD');
  t.same((await hanami.post(`/api/issues/${issue.id}/messages/read`)).json(), { ok: true });
  const read = (await hanami.get(`/api/issues/${issue.id}/messages`)).json();
  t.ok(read[0].readAt, "marking read marks the other side's messages");
  t.equal((await hanami.get(`/api/issues/${issue.id}`)).json().unreadMessages, 0);
  await hanami.post(`/api/issues/${issue.id}/messages`, { body: 'Tianjin Xingang.' });
  t.equal((await official2.get(`/api/issues/${issue.id}`)).json().unreadMessages, 1, 'the reply is unread for officials');
  await official2.post(`/api/issues/${issue.id}/messages/read`);
  const thread = (await official2.get(`/api/issues/${issue.id}/messages`)).json();
  t.same(
    thread.map((m: { fromOfficials: boolean }) => m.fromOfficials),
    [true, false],
  );
  t.ok(thread[1].readAt);
});

t.test('lists: queue filters, sorting and keyset pagination; mine; public; CSV', async (t) => {
  for (let i = 0; i < 4; i++) await createIssue(kaze, { category: 'intellectual_property', title: `IP issue number ${i}` });
  const all: string[] = [];
  let cursor: string | null = null;
  do {
    const url: string = `/api/issues/queue?category=intellectual_property&q=IP%20issue%20number&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
    const page = (await official.get(url)).json();
    all.push(...page.items.map((i: { id: string }) => i.id));
    cursor = page.nextCursor;
  } while (cursor);
  t.equal(all.length, 4);
  t.equal(new Set(all).size, 4, 'no duplicates across pages');
  const oldest = (await official.get('/api/issues/queue?category=intellectual_property&q=IP%20issue%20number&sort=oldest_waiting')).json().items;
  t.same(
    oldest.map((i: { id: string }) => i.id),
    [...all].reverse(),
    'oldest waiting is the reverse of newest here',
  );
  const q = (await official.get(`/api/issues/queue?q=${encodeURIComponent('ip issue number 2')}`)).json().items;
  t.ok(
    q.some((i: { title: string }) => i.title === 'IP issue number 2'),
    'text search finds it',
  );
  t.same((await official.get('/api/issues/queue?q=qqqxxyyzz')).json().items, [], 'and nothing for nonsense');
  const states = (await official.get('/api/issues/queue?state=declined&state=withdrawn')).json().items as { state: string }[];
  t.ok(states.length >= 2 && states.every((i) => ['declined', 'withdrawn'].includes(i.state)));
  const bad = await official.get('/api/issues/queue?cursor=nonsense');
  t.same([bad.statusCode, bad.json().code], [400, 'INVALID_CURSOR']);
  const supported = (await official.get('/api/issues/queue?sort=most_supported')).json().items as { supportCount: number }[];
  t.ok(supported.every((x, i) => i === 0 || supported[i - 1]!.supportCount >= x.supportCount));

  const mine = (await kaze.get('/api/issues/mine')).json().items as { company: { nameEn: string } }[];
  t.ok(mine.length >= 4 && mine.every((i) => i.company.nameEn === 'Kaze Logistics Tianjin'));
  const pub = (await stranger(app).get('/api/issues/public')).json().items as { visibility: string }[];
  t.ok(pub.length > 0 && pub.every((i) => i.visibility !== 'confidential'));

  const csv = await official.get('/api/issues/queue.csv?category=intellectual_property&q=IP%20issue%20number&lang=en');
  t.match(csv.headers['content-type'], /text\/csv/);
  const lines = csv.body.trim().split('\r\n');
  t.equal(lines.length, 5);
  t.match(lines[0], /^\ufeff?"ID","Title","Category","State","Visibility","Language","Company",/);
  t.match(lines[1], /Kaze Logistics Tianjin/);
  t.match(lines[1], /"Intellectual property"/);
  // Accept-Language picks the language of headers, labels and company names.
  const zh = await official.request('GET', '/api/issues/queue.csv?category=intellectual_property&q=IP%20issue%20number', undefined, {
    'accept-language': 'zh-CN,zh;q=0.9',
  });
  const zhLines = zh.body.trim().split('\r\n');
  t.match(zhLines[0], /"编号","标题","类别","状态","可见范围","语言","企业",/);
  t.match(zhLines[1], /"知识产权"/);
  t.notMatch(zhLines[1], /Kaze Logistics Tianjin/, 'the company by its Chinese name');
});

t.test('bad input: stable codes, nothing written', async (t) => {
  const before = await count();
  const cases: [Record<string, unknown>, string][] = [
    [{ category: 'weather' }, 'VALIDATION_FAILED'],
    [{ title: 'x'.repeat(201) }, 'VALIDATION_FAILED'],
    [{ title: undefined }, 'VALIDATION_FAILED'],
    [{ visibility: 'secret' }, 'VALIDATION_FAILED'],
    [{ language: 'fr' }, 'VALIDATION_FAILED'],
    [{ companyId: '00000000-0000-4000-8000-000000000000' }, 'VALIDATION_FAILED'],
  ];
  for (const [override, code] of cases) {
    const res = await hanami.post('/api/issues', issueBody(override));
    t.same([res.statusCode, res.json().code], [400, code], JSON.stringify(override).slice(0, 60));
  }
  t.equal((await official.post('/api/issues', issueBody())).statusCode, 403);
  t.equal(await count(), before, 'no issue rows were written');

  const issue = await createIssue(hanami);
  const historyBefore = (await db.select().from(issueHistory).where(eq(issueHistory.issueId, issue.id))).length;
  const failed = await command(official, issue.id, 'start_review').then(() =>
    official.post(`/api/issues/${issue.id}/transitions`, { command: 'accept', answer: { text: '', department: 'x', timeFrame: 'y' } }),
  );
  t.equal(failed.statusCode, 400);
  const after = (await official.get(`/api/issues/${issue.id}`)).json();
  t.equal(after.state, 'under_review', 'the acceptance did not happen without its answer');
  t.equal((await db.select().from(issueHistory).where(eq(issueHistory.issueId, issue.id))).length, historyBefore + 1);
  const accepted = await acceptedIssue(hanami, official);
  t.equal(accepted.state, 'accepted');
});

t.test('feed: unread count and mark read', async (t) => {
  const feed = (await hanami.get('/api/feed?limit=2')).json();
  t.ok(feed.unread > 0);
  t.equal(feed.items.length, 2);
  t.ok(feed.nextCursor);
  const next = (await hanami.get(`/api/feed?limit=2&cursor=${feed.nextCursor}`)).json();
  t.notSame(
    next.items.map((i: { id: string }) => i.id),
    feed.items.map((i: { id: string }) => i.id),
  );
  const one = await hanami.post('/api/feed/read', { ids: [feed.items[0].id] });
  t.equal(one.json().unread, feed.unread - 1);
  t.equal((await hanami.post('/api/feed/read', {})).json().unread, 0);
  t.equal((await sakura.post('/api/feed/read', { ids: [feed.items[1].id] })).json().unread >= 0, true, "another user's ids are ignored");
  t.equal((await hanami.get('/api/feed')).json().items[1].readAt !== null, true);
});

t.test('similar issues while typing: trigram similarity in English and Japanese, only what the caller may see', async (t) => {
  const en = (await kaze.get(`/api/issues/similar?title=${encodeURIComponent('distributors squatting our trademarks')}`)).json<
    {
      title: string;
      score: number;
    }[]
  >();
  t.ok(
    en.some((i) => i.title === 'Trademark squatting of Japanese brands by local distributors'),
    'the seeded trademark issue is suggested',
  );
  t.ok(
    en.every((i, k) => k === 0 || en[k - 1]!.score >= i.score),
    'most similar first',
  );
  const ja = (await kaze.get(`/api/issues/similar?title=${encodeURIComponent('社会保険の二重加入について')}`)).json<{ title: string }[]>();
  t.ok(
    ja.some((i) => i.title === '日本人駐在員の社会保険の二重加入'),
    'Japanese text matches too',
  );
  const zh = (await sakura.get(`/api/issues/similar?title=${encodeURIComponent('跨境电商退货')}`)).json<{ title: string }[]>();
  t.ok(
    zh.some((i) => i.title.startsWith('跨境电商退货')),
    'and Chinese',
  );
  // The confidential seeded trade-secret issue (Hanami) is similar, but only Hanami and officials may see it.
  const q = `/api/issues/similar?title=${encodeURIComponent('Trade secret taken by a departing engineer')}`;
  t.ok((await hanami.get(q)).json().some((i: { title: string }) => i.title === 'Trade secret taken by a departing engineer'));
  t.ok((await official.get(q)).json().some((i: { title: string }) => i.title === 'Trade secret taken by a departing engineer'));
  t.notOk((await sakura.get(q)).json().some((i: { title: string }) => i.title === 'Trade secret taken by a departing engineer'));
  const bad = await kaze.get('/api/issues/similar');
  t.same([bad.statusCode, bad.json().code], [400, 'VALIDATION_FAILED']);
});
