// Bad input anywhere must come back as a 4xx with a stable code, never a 5xx: NUL characters
// (PostgreSQL text cannot hold them), cursors and dates PostgreSQL would refuse, odd ids and sizes,
// numbers that are not finite, lone surrogates, broken multipart. The generated sweep over every
// route is bad-input-generated.test.ts.
import t, { type Test } from 'tap';
import type { Client } from '../helpers/app.js';
import { ORIGIN, signIn, stranger, testApp, testDatabase } from '../helpers/app.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
const database = await testDatabase(t);
const app = await testApp(t, database);
const official = await signIn(app, 'official1');
const hanami = await signIn(app, 'hanami');
const attendee = await signIn(app, 'attendee1');
const organizer = await signIn(app, 'organizer');
const anon = stranger(app);
const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
const uuid = '00000000-0000-4000-8000-000000000000';
const rt = (await official.get('/api/round-tables')).json<{ id: string }[]>()[0]!.id;
const issue = (await anon.get('/api/issues/public')).json<{ items: { id: string }[] }>().items[0]!.id;
const probes: [Client, Method, string, unknown?][] = [
  [official, 'GET', '/api/issues/queue?from=2024-02-30T00:00:00Z'],
  [official, 'GET', '/api/issues/queue?from=0000-01-01T00:00:00Z'],
  [official, 'GET', '/api/issues/queue?from=2024-01-01T00:00:00%2B25:00'],
  [official, 'GET', '/api/issues/queue?q=%00abc'],
  [anon, 'GET', '/api/issues/public?q=%00abc'],
  [anon, 'GET', `/api/issues/public?sort=newest&cursor=${b64(['2024-13-45 99:99:99Z', uuid])}`],
  [hanami, 'GET', `/api/feed?cursor=${b64('2024-13-45 99:99:99Z|' + uuid)}`],
  [hanami, 'GET', '/api/issues/similar?title=%00abc'],
  [hanami, 'POST', '/api/issues', { title: 'a\u0000b', body: 'body body body', category: 'investment', language: 'en', visibility: 'public' }],
  [hanami, 'POST', `/api/issues/${issue}/support`, { comment: 'x\u0000' }],
  [hanami, 'POST', `/api/issues/${issue}/messages`, { body: 'x\u0000' }],
  [official, 'POST', `/api/issues/${issue}/messages`, { body: 'x\u0000' }],
  [official, 'POST', '/api/round-tables', { titleEn: 'x\u0000', venueName: 'V', start: '2030-01-01T10:00', end: '2030-01-01T12:00', capacity: 10 }],
  [official, 'POST', '/api/round-tables', { titleEn: 'x', venueName: 'V', start: '2030-02-30T10:00', end: '2030-03-01T12:00', capacity: 10 }],
  [
    official,
    'POST',
    '/api/round-tables',
    { titleEn: 'x', venueName: 'V', start: '2030-01-01T10:00', end: '2030-01-01T12:00', capacity: 10, timeZone: 'Foo/Bar' },
  ],
  [
    official,
    'POST',
    '/api/round-tables',
    { titleEn: 'x', venueName: 'V', start: '2030-01-01T10:00', end: '2030-01-01T12:00', capacity: 10, proposalDeadline: '2029-13-01T00:00' },
  ],
  [official, 'POST', '/api/round-tables', { titleEn: 'x', venueName: 'V', start: '99999-01-01T10:00', end: '99999-01-01T12:00', capacity: 10 }],
  [official, 'POST', '/api/round-tables', { titleEn: 'x', venueName: 'V', start: '2030-01-01T10:00', end: '2030-01-01T12:00', capacity: 10, chairId: uuid }],
  [official, 'PATCH', `/api/round-tables/${rt}`, { chairId: uuid }],
  [official, 'PATCH', `/api/round-tables/${rt}`, { capacity: 2147483648 }],
  [official, 'PATCH', `/api/round-tables/${rt}`, { titleEn: 'z\u0000' }],
  [official, 'POST', `/api/round-tables/${rt}/reschedule`, { start: '2030-01-01T10:00', end: '2030-01-01T12:00', timeZone: 'Nope/Zone' }],
  [official, 'PUT', `/api/round-tables/${rt}/agenda/draft`, { version: 2147483648, items: [] }],
  [official, 'PUT', `/api/round-tables/${rt}/agenda/draft`, { version: 0, items: [{ kind: 'issue', issueIds: [uuid], plannedMinutes: 5 }] }],
  [official, 'PUT', `/api/round-tables/${rt}/agenda/draft`, { version: 0, items: [{ kind: 'break', plannedMinutes: 99999999999 }] }],
  [official, 'POST', `/api/round-tables/${rt}/agenda/releases`, { version: 2147483648 }],
  [official, 'POST', '/api/issues/answers/release', { issueIds: ['nope'] }],
  [official, 'POST', `/api/issues/${issue}/merge`, { primaryId: uuid }],
  [attendee, 'POST', `/api/round-tables/${uuid}/registration`, {}],
  [anon, 'GET', `/api/round-tables/${rt}/calendar.ics?lang=xx`],
  [anon, 'GET', `/api/calendar/${'a'.repeat(40)}.ics`],
  [hanami, 'POST', '/api/feed/read', { ids: ['x'] }],
  [hanami, 'GET', `/api/issues/${issue}/attachments/${uuid}`],
  [official, 'GET', `/api/issues/queue?company=${uuid}`],
  [official, 'GET', '/api/issues/queue?limit=100000'],
];
t.test('odd but valid input is served, not refused', async (t) => {
  // A cursor above every support count (most supported first): the page starts at the top.
  const page = await anon.get(`/api/issues/public?sort=most_supported&cursor=${b64(['999999999', '2024-01-01 00:00:00Z', uuid])}`);
  t.equal(page.statusCode, 200);
  t.ok(page.json().items.length > 0);
  // Releasing the answers of an issue that has none pending releases nothing.
  const release = await official.post('/api/issues/answers/release', { issueIds: [uuid] });
  t.equal(release.statusCode, 200);
  t.same(release.json(), { released: [] });
});

t.test('bad input gets a 4xx with a stable code', async (t) => {
  for (const [c, m, u, body] of probes) {
    const res = await c.request(m, u, body);
    const code = res.statusCode >= 400 ? res.json<{ code?: string }>().code : undefined;
    // A 2xx means the bad value was taken, a 5xx that it broke something: both fail.
    t.ok(
      res.statusCode >= 400 && res.statusCode < 500 && /^[A-Z_]+$/.test(code ?? ''),
      `${m} ${u} ${JSON.stringify(body ?? '')} -> ${res.statusCode} ${code ?? ''}`,
    );
  }
});

// The probe's requests that used to end in a 500 (issue 15), each with the code it gets now.
const withCode = async (t: Test, c: Client, m: Method, u: string, body: unknown, status: number, code: string) => {
  const res = await c.request(m, u, body);
  t.same([res.statusCode, res.json().code], [status, code], `${m} ${u} ${JSON.stringify(body ?? '').slice(0, 80)}`);
};
t.test('limits that are not finite numbers are refused', async (t) => {
  const limits = ['Infinity', '-Infinity', '1e400', '9'.repeat(400), '-1e400'];
  const lists: [Client, string][] = [
    [anon, '/api/issues/public'],
    [official, '/api/issues/queue'],
    [hanami, '/api/issues/mine'],
    [hanami, '/api/feed'],
    [organizer, '/api/events'],
  ];
  for (const [c, u] of lists) for (const limit of limits) await withCode(t, c, 'GET', `${u}?limit=${limit}`, undefined, 400, 'VALIDATION_FAILED');
});
t.test('integer body fields given "Infinity" as text are refused, and nothing is written', async (t) => {
  const before = (await official.get(`/api/round-tables/${rt}`)).json();
  const create = { titleEn: 'x', venueName: 'V', start: '2030-01-01T10:00', end: '2030-01-01T12:00', capacity: 10 };
  for (const field of ['capacity', 'seatsPerCompany', 'pledgeDays']) {
    for (const v of ['Infinity', '-Infinity', '1e400']) {
      await withCode(t, official, 'POST', '/api/round-tables', { ...create, [field]: v }, 400, 'VALIDATION_FAILED');
      await withCode(t, official, 'PATCH', `/api/round-tables/${rt}`, { [field]: v }, 400, 'VALIDATION_FAILED');
    }
  }
  t.same((await official.get(`/api/round-tables/${rt}`)).json(), before, 'the round-table is unchanged');
});
t.test('dates in year 0 or 1 are refused before they reach the database', async (t) => {
  await withCode(t, organizer, 'GET', '/api/events?before=0000-01-01T00:00:00Z', undefined, 400, 'VALIDATION_FAILED');
  await withCode(t, organizer, 'GET', '/api/events?before=0001-01-01T00:00:00Z', undefined, 400, 'VALIDATION_FAILED');
  await withCode(t, official, 'GET', '/api/issues/queue?to=0001-01-01T00:00:00Z', undefined, 400, 'VALIDATION_FAILED');
  const create = { titleEn: 'x', venueName: 'V', start: '2030-01-01T10:00', end: '2030-01-01T12:00', capacity: 10 };
  await withCode(t, official, 'POST', '/api/round-tables', { ...create, start: '0001-01-01T00:00', end: '0001-01-01T02:00' }, 400, 'VALIDATION_FAILED');
  await withCode(t, official, 'POST', '/api/round-tables', { ...create, proposalDeadline: '0000-01-01T00:00' }, 400, 'VALIDATION_FAILED');
  await withCode(t, official, 'PATCH', `/api/round-tables/${rt}`, { proposalDeadline: '0000-01-01T00:00' }, 400, 'VALIDATION_FAILED');
  await withCode(t, official, 'POST', `/api/round-tables/${rt}/reschedule`, { start: '0001-01-01T10:00', end: '0001-01-01T12:00' }, 400, 'VALIDATION_FAILED');
  const sensible = await official.post('/api/round-tables', { ...create, start: '1999-12-31T10:00', end: '1999-12-31T12:00' });
  t.not(sensible.statusCode, 400, 'a date in 1999 is still a date');
});
t.test('a lone UTF-16 surrogate in text is refused (400 UNPAIRED_SURROGATE)', async (t) => {
  const lone = 'x \ud800';
  const mine = (
    await hanami.post('/api/issues', {
      title: 'Surrogate probe issue title',
      body: 'body body body body',
      category: 'investment',
      language: 'en',
      visibility: 'public',
      submit: true,
    })
  ).json<{ id: string }>().id;
  await withCode(t, official, 'POST', `/api/issues/${mine}/transitions`, { command: 'start_review', reason: lone }, 400, 'UNPAIRED_SURROGATE');
  await withCode(t, official, 'POST', `/api/issues/${mine}/merge`, { primaryId: issue, reason: lone }, 400, 'UNPAIRED_SURROGATE');
  await withCode(t, official, 'POST', `/api/issues/${mine}/unmerge`, { reason: '\udc00 y' }, 400, 'UNPAIRED_SURROGATE');
  await withCode(
    t,
    official,
    'POST',
    `/api/round-tables/${rt}/reschedule`,
    { start: '2030-01-01T10:00', end: '2030-01-01T12:00', reason: lone },
    400,
    'UNPAIRED_SURROGATE',
  );
  await withCode(t, official, 'POST', `/api/round-tables/${rt}/cancel`, { reason: lone }, 400, 'UNPAIRED_SURROGATE');
  await withCode(t, official, 'POST', `/api/round-tables/${rt}/live/announcements`, { text: lone }, 400, 'UNPAIRED_SURROGATE');
  await withCode(
    t,
    hanami,
    'POST',
    '/api/issues',
    { title: `Title ${lone} here`, body: 'body body body', category: 'investment', language: 'en', visibility: 'public' },
    400,
    'UNPAIRED_SURROGATE',
  );
  await withCode(t, hanami, 'POST', `/api/issues/${issue}/support`, { comment: 'x\u0000' }, 400, 'NUL_CHARACTER');
  t.equal((await hanami.get(`/api/issues/${mine}`)).json().state, 'submitted', 'the issue did not move');
  t.equal(
    (await official.post(`/api/issues/${mine}/transitions`, { command: 'start_review', reason: 'A pair is fine: 😀' })).statusCode,
    200,
    'a real pair (emoji) passes',
  );
});
t.test('broken multipart uploads get a 4xx with a stable code', async (t) => {
  const draft = (
    await hanami.post('/api/issues', {
      title: 'Multipart probe issue title',
      body: 'body body body body',
      category: 'investment',
      language: 'en',
      visibility: 'public',
    })
  ).json<{ id: string }>().id;
  const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(64, 0x20), Buffer.from('%%EOF')]);
  const part = (name: string, filename: string | null, data: Buffer | string, boundary: string) =>
    Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"` : ''}\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      Buffer.from(data),
      Buffer.from('\r\n'),
    ]);
  const b = 'probeboundary';
  const file = Buffer.concat([part('file', 'a.pdf', PDF, b), Buffer.from(`--${b}--\r\n`)]);
  const long = 'b'.repeat(257);
  const cases: [string, string, Buffer, number, string][] = [
    [
      'a non-file field before the file',
      `multipart/form-data; boundary=${b}`,
      Buffer.concat([part('note', null, 'hello', b), file]),
      400,
      'ATTACHMENT_FIELDS_NOT_ALLOWED',
    ],
    ['no boundary', 'multipart/form-data', file, 400, 'ATTACHMENT_MALFORMED'],
    ['a truncated body', `multipart/form-data; boundary=${b}`, file.subarray(0, file.length - 12), 400, 'ATTACHMENT_MALFORMED'],
    [
      'a boundary over 256 characters',
      `multipart/form-data; boundary=${long}`,
      Buffer.concat([part('file', 'a.pdf', PDF, long), Buffer.from(`--${long}--\r\n`)]),
      400,
      'ATTACHMENT_MALFORMED',
    ],
  ];
  for (const [label, contentType, payload, status, code] of cases) {
    const res = await app.inject({
      method: 'POST',
      url: `/api/issues/${draft}/attachments`,
      headers: { origin: ORIGIN, cookie: hanami.cookie!, 'content-type': contentType },
      payload,
    });
    t.same([res.statusCode, res.json().code], [status, code], label);
  }
  t.same((await hanami.get(`/api/issues/${draft}`)).json().attachments, [], 'nothing was attached');
});
