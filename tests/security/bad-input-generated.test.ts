// Generated bad input over every route of the real app's OpenAPI document (/docs/json): each
// parameter, query field and body field in turn gets values of the classes that used to reach the
// database (±Infinity, 1e400 and 400 nines, year 0 and year 1 dates, lone UTF-16 surrogates, NUL,
// wrong types), every body route gets broken JSON and broken multipart, and the other fields keep
// valid values so the bad one travels as far as it can. Every answer must be below 500, and every
// error must have the documented shape {statusCode, code, error, message[, details]}. Refused requests
// change nothing: where every case of a route was refused, a digest of every table is the same after
// as before (throttle counters aside: they count attempts by design). Also in `npm run test:reliability`.
import { sql } from 'drizzle-orm';
import t from 'tap';
import { rowsOf } from '../../src/db/client.js';
import type { LightMyRequestResponse } from 'fastify';
import { ORIGIN, signIn, stranger, testApp, testDatabase, type Client } from '../helpers/app.js';
import { createIssue } from '../helpers/issues.js';

const database = await testDatabase(t);
const app = await testApp(t, database);
const anon = stranger(app);
const official = await signIn(app, 'official1');
const clients: [string, Client][] = [
  ['official', official],
  ['organizer', await signIn(app, 'organizer')],
  ['company_rep', await signIn(app, 'hanami')],
  ['attendee', await signIn(app, 'attendee1')],
  ['visitor', anon],
];

type Schema = {
  type?: string;
  format?: string;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
};
interface Operation {
  parameters?: { in: 'path' | 'query'; name: string; schema: Schema; required?: boolean }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}

const doc = (await anon.get('/docs/json')).json<{ paths: Record<string, Record<string, Operation>> }>();
const RANDOM_ID = '00000000-0000-4000-8000-000000000000';
// Real ids, so that bad values pass the lookups and reach the code behind them.
const roundTableId = (await official.get('/api/round-tables')).json<{ id: string }[]>()[0]!.id;
const issueId = (await createIssue(clients[2]![1], { submit: false })).id;

function pathId(path: string, name: string): string {
  if (name !== 'id') return RANDOM_ID;
  if (path.startsWith('/api/round-tables/')) return roundTableId;
  if (path.startsWith('/api/issues/')) return issueId;
  return RANDOM_ID; // users, organizations, sessions, invitations: nothing real to deactivate or revoke
}

/** A valid value for a schema (the smallest that passes), to keep the other fields valid. */
function sample(s: Schema, name = ''): unknown {
  if (s.anyOf) return sample(s.anyOf.find((b) => b.type !== 'null') ?? s.anyOf[0]!, name);
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  switch (s.type) {
    case 'integer':
    case 'number':
      return s.minimum ?? 1;
    case 'boolean':
      return false;
    case 'array':
      return s.minItems ? Array.from({ length: s.minItems }, () => sample(s.items ?? {}, name)) : [];
    case 'object':
      return Object.fromEntries((s.required ?? []).map((k) => [k, sample(s.properties![k]!, k)]));
    case 'string':
      if (s.format === 'uuid') return RANDOM_ID;
      if (s.format === 'date-time') return '2030-01-01T00:00:00Z';
      if (s.format === 'email') return 'someone@example.com';
      if (s.pattern?.includes('T\\d{2}:\\d{2}')) return '2030-01-01T10:00';
      if (name === 'timeZone') return 'Asia/Shanghai';
      return 'Sample text for a field'.padEnd(s.minLength ?? 0, '.').slice(0, s.maxLength ?? 1000);
    default:
      return 'x';
  }
}

// The classes of bad value. In a query or path everything is a string.
const NUMBERS_AS_TEXT = ['Infinity', '-Infinity', '1e400', '9'.repeat(400)];
const DATES = ['0000-01-01T00:00:00Z', '0001-01-01T00:00:00Z', '0000-01-01T00:00', '0001-01-01T00:00'];
const TEXTS = [
  'x \ud800',
  '\udc00 y',
  'a\u0000b',
  'x'.repeat(20_000),
  // Control characters, bidi override, zero-width, astral and combining characters, an invalid zone.
  'a\u0001\u001b[31mred\u007f',
  '\u202eevil\u202c\u200b\ufeff',
  '\u{1D54F}\u{1F600}e\u0301\u0335\u0336',
  'Mars/Olympus_Mons',
];
const WRONG_TYPES: unknown[] = [{}, [], true, null];
const NUMBERS: unknown[] = [1e308, -1e308, 2 ** 53 + 2, 1.5, ...NUMBERS_AS_TEXT];
const QUERY_VALUES = [
  ...NUMBERS_AS_TEXT,
  DATES[0]!,
  DATES[1]!,
  DATES[3]!,
  '2030-02-30T00:00:00Z',
  '%ED%A0%80',
  '%00',
  '%01%1B',
  'not-a-uuid',
  '00000000-0000-4000-8000-00000000000g',
  'x'.repeat(5000),
];

const kindOf = (s: Schema): Schema => s.anyOf?.find((b) => b.type !== 'null') ?? s;
function bodyValues(s: Schema): unknown[] {
  const k = kindOf(s);
  if (k.type === 'integer' || k.type === 'number') return [...NUMBERS, ...WRONG_TYPES];
  if (k.type === 'string') return [...TEXTS, ...(k.format === 'date-time' || k.pattern ? DATES : []), 12345, ...WRONG_TYPES];
  if (k.type === 'array') return [...WRONG_TYPES, [TEXTS[0]], [NUMBERS_AS_TEXT[0]], Array.from({ length: 1000 }, () => 'x')];
  return WRONG_TYPES;
}

interface Case {
  label: string;
  path: Record<string, string>;
  query: Record<string, string>;
  body?: { payload: string | Buffer; contentType: string };
}

const json = (v: unknown) => ({ payload: JSON.stringify(v), contentType: 'application/json' });
const BOUNDARY = 'rtfuzz';
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(64, 0x20), Buffer.from('%%EOF')]);
const part = (name: string, filename: string | null, data: Buffer | string, boundary = BOUNDARY) =>
  Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"` : ''}\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    Buffer.from(data),
    Buffer.from('\r\n'),
  ]);
const wholeFile = Buffer.concat([part('file', 'a.pdf', PDF), Buffer.from(`--${BOUNDARY}--\r\n`)]);
const longBoundary = 'b'.repeat(300);
const BROKEN_MULTIPART: [string, { payload: Buffer; contentType: string }][] = [
  [
    'a non-file field before the file',
    { payload: Buffer.concat([part('note', null, 'hello'), wholeFile]), contentType: `multipart/form-data; boundary=${BOUNDARY}` },
  ],
  ['no boundary', { payload: wholeFile, contentType: 'multipart/form-data' }],
  [
    'an executable disguised as a PDF',
    {
      payload: Buffer.concat([
        part('file', 'report.pdf', Buffer.concat([Buffer.from('MZ\x90\x00'), Buffer.alloc(200, 0)])),
        Buffer.from(`--${BOUNDARY}--\r\n`),
      ]),
      contentType: `multipart/form-data; boundary=${BOUNDARY}`,
    },
  ],
  ['a truncated body', { payload: wholeFile.subarray(0, wholeFile.length - 12), contentType: `multipart/form-data; boundary=${BOUNDARY}` }],
  ['a body cut in the headers', { payload: wholeFile.subarray(0, 40), contentType: `multipart/form-data; boundary=${BOUNDARY}` }],
  [
    'a boundary of 300 characters',
    {
      payload: Buffer.concat([part('file', 'a.pdf', PDF, longBoundary), Buffer.from(`--${longBoundary}--\r\n`)]),
      contentType: `multipart/form-data; boundary=${longBoundary}`,
    },
  ],
  [
    'a file named with a lone surrogate',
    {
      payload: Buffer.concat([part('file', 'a\ud800.pdf', PDF), Buffer.from(`--${BOUNDARY}--\r\n`)]),
      contentType: `multipart/form-data; boundary=${BOUNDARY}`,
    },
  ],
];

function casesOf(path: string, method: string, op: Operation): Case[] {
  const params = op.parameters ?? [];
  const validPath = Object.fromEntries(params.filter((p) => p.in === 'path').map((p) => [p.name, pathId(path, p.name)]));
  const validQuery: Record<string, string> = {};
  for (const p of params) if (p.in === 'query' && p.required) validQuery[p.name] = String(sample(p.schema, p.name));
  const bodySchema = op.requestBody?.content['application/json']?.schema;
  const validBody = bodySchema ? json(sample(bodySchema)) : undefined;
  const base = { path: validPath, query: validQuery, ...(validBody ? { body: validBody } : {}) };
  const cases: Case[] = [{ label: 'valid', ...base }];
  for (const p of params) {
    for (const v of QUERY_VALUES) {
      if (p.in === 'path') cases.push({ label: `path ${p.name}=${v.slice(0, 20)}`, ...base, path: { ...validPath, [p.name]: v } });
      else cases.push({ label: `query ${p.name}=${v.slice(0, 20)}`, ...base, query: { ...validQuery, [p.name]: v } });
    }
  }
  if (bodySchema) {
    const valid = sample(bodySchema) as Record<string, unknown>;
    for (const [name, s] of Object.entries(bodySchema.properties ?? {})) {
      for (const v of bodyValues(s)) cases.push({ label: `body ${name}=${JSON.stringify(v)?.slice(0, 30)}`, ...base, body: json({ ...valid, [name]: v }) });
      // One level down: arrays of objects (e.g. agenda items) and nested objects (e.g. an answer).
      const k = kindOf(s);
      const inner = k.type === 'array' ? kindOf(k.items ?? {}) : k;
      if (inner.type === 'object' && inner.properties) {
        const innerValid = sample(inner) as Record<string, unknown>;
        for (const [innerName, innerSchema] of Object.entries(inner.properties)) {
          for (const v of bodyValues(innerSchema)) {
            const nested = { ...innerValid, [innerName]: v };
            cases.push({
              label: `body ${name}.${innerName}=${JSON.stringify(v)?.slice(0, 30)}`,
              ...base,
              body: json({ ...valid, [name]: k.type === 'array' ? [nested] : nested }),
            });
          }
        }
      }
    }
    for (const v of [...WRONG_TYPES, 'text']) cases.push({ label: `body=${JSON.stringify(v)}`, ...base, body: json(v) });
    // Prototype keys (raw JSON: JSON.stringify drops __proto__), an extra field, each required field missing.
    const validJson = JSON.stringify(valid);
    const withKey = (key: string, v: string) => `{${JSON.stringify(key)}:${v}${validJson === '{}' ? '' : `,${validJson.slice(1, -1)}`}}`;
    cases.push({
      label: 'body with __proto__',
      ...base,
      body: { payload: withKey('__proto__', '{"role":"organizer","isAdmin":true}'), contentType: 'application/json' },
    });
    cases.push({
      label: 'body with constructor.prototype',
      ...base,
      body: { payload: withKey('constructor', '{"prototype":{"x":1}}'), contentType: 'application/json' },
    });
    cases.push({ label: 'body with an extra field', ...base, body: json({ ...valid, unexpected: 'field' }) });
    for (const name of bodySchema.required ?? []) {
      const { [name]: _missing, ...rest } = valid;
      cases.push({ label: `body without ${name}`, ...base, body: json(rest) });
    }
  }
  if (method !== 'get') {
    cases.push({ label: 'broken JSON', ...base, body: { payload: '{"a": ', contentType: 'application/json' } });
    cases.push({ label: 'JSON with a lone surrogate escape in a key', ...base, body: { payload: '{"\\ud800": 1}', contentType: 'application/json' } });
    cases.push({ label: 'text/plain', ...base, body: { payload: 'hello', contentType: 'text/plain' } });
    cases.push({ label: 'form-urlencoded', ...base, body: { payload: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' } });
    cases.push({
      label: 'truncated JSON of a valid body',
      ...base,
      body: { payload: JSON.stringify(validBody ? JSON.parse(String(validBody.payload)) : {}).slice(0, -1), contentType: 'application/json' },
    });
    for (const [label, body] of BROKEN_MULTIPART) cases.push({ label: `multipart with ${label}`, ...base, body });
  }
  return cases;
}

function urlOf(path: string, c: Case): string {
  // Values are sent as they are: some are percent-escapes on purpose (a lone surrogate, NUL, a bare %).
  const raw = (v: string) => (/^%/.test(v) ? v : encodeURIComponent(v));
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => raw(c.path[name] ?? RANDOM_ID));
  const query = Object.entries(c.query).map(([k, v]) => `${k}=${raw(v)}`);
  return query.length ? `${filled}?${query.join('&')}` : filled;
}

/** What is wrong with an answer: a 5xx, or an error body off the documented shape. */
function problemOf(res: LightMyRequestResponse): string | null {
  if (res.statusCode >= 500) return `${res.statusCode} ${res.body.slice(0, 120)}`;
  if (res.statusCode < 400) return null;
  let body: Record<string, unknown>;
  try {
    body = res.json();
  } catch {
    return `${res.statusCode} with a body that is not JSON: ${res.body.slice(0, 80)}`;
  }
  const extra = Object.keys(body).filter((k) => !['statusCode', 'code', 'error', 'message', 'details'].includes(k));
  const ok =
    body.statusCode === res.statusCode &&
    typeof body.code === 'string' &&
    /^[A-Z][A-Z0-9_]*$/.test(body.code) &&
    typeof body.error === 'string' &&
    typeof body.message === 'string' &&
    extra.length === 0;
  return ok ? null : `${res.statusCode} off the error shape: ${res.body.slice(0, 120)}`;
}

const send = (client: Client, method: string, path: string, c: Case) =>
  app.inject({
    method: method.toUpperCase() as 'GET',
    url: urlOf(path, c),
    headers: { origin: ORIGIN, ...(client.cookie ? { cookie: client.cookie } : {}), ...(c.body ? { 'content-type': c.body.contentType } : {}) },
    ...(c.body ? { payload: c.body.payload } : {}),
  });

// Routes that end the round-table, the test's sessions or accounts go last, so the others meet live data.
const LAST = /\/(cancel|conclude|end|sign-out|deactivate)$/;
const operations = Object.entries(doc.paths)
  .flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })))
  .sort((a, b) => Number(LAST.test(a.path)) - Number(LAST.test(b.path)));

let requests = 0;

/** One md5 per table (every table of the schema but the throttle counters), in one round trip. */
const tableNames = rowsOf<{ name: string }>(
  await database.db.execute(sql`select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'throttle_hits' order by table_name`),
).map((r) => r.name);
async function digest(): Promise<Record<string, string>> {
  const parts = tableNames.map((n) => `select '${n}' as name, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h from "${n}" t`);
  const rows = rowsOf<{ name: string; h: string }>(await database.db.execute(sql.raw(parts.join(' union all '))));
  return Object.fromEntries(rows.map((r) => [r.name, r.h]));
}
// Every top-level await comes before the first assertion: tap may end the file's root test once it
// has results and nothing queued, and subtests created after that are refused.
t.ok(operations.length > 70, `the document lists every route (${operations.length})`);
let refusedOnly = 0;
for (const { path, method, op } of operations) {
  t.test(`${method.toUpperCase()} ${path}`, async (t) => {
    const cases = casesOf(path, method, op);
    // Who gets past authentication and role checks (a case with a wrong type in it changes nothing):
    // the first such signed-in user sends every case, and a visitor too where the route is public.
    const probe = cases.find((c) => c.label !== 'valid' && c.label !== 'broken JSON') ?? cases[0]!;
    const senders: [string, Client][] = [];
    for (const [who, client] of clients) {
      if (senders.length && who !== 'visitor') continue;
      if (path === '/api/auth/sign-out' && who !== 'visitor') {
        senders.push(['a user signing out', await signIn(app, 'official2')]);
        continue;
      }
      const res = await send(client, method, path, probe);
      requests += 1;
      const turnedAway = res.statusCode === 401 || (res.statusCode === 403 && res.json().code === 'FORBIDDEN');
      if (!turnedAway) senders.push([who, client]);
    }
    t.ok(senders.length > 0, 'someone may call it');
    const problems: string[] = [];
    const before = await digest();
    let accepted = 0;
    for (const [who, client] of senders) {
      for (const c of cases) {
        if (c.label === 'valid') continue; // the valid case may change data: sent after the digest check
        const res = await send(client, method, path, c);
        requests += 1;
        if (res.statusCode < 400) accepted += 1;
        const problem = problemOf(res);
        if (problem) problems.push(`${who} ${c.label}: ${problem}`);
      }
    }
    if (accepted === 0 && !senders.some(([w]) => w === 'a user signing out')) {
      const after = await digest();
      const changed = Object.keys(before).filter((k) => before[k] !== after[k]);
      t.same(changed, [], 'every bad case refused, and no table changed');
      refusedOnly += 1;
    }
    for (const [who, client] of senders) {
      const valid = cases.find((c) => c.label === 'valid');
      if (!valid) continue;
      const res = await send(client, method, path, valid);
      requests += 1;
      const problem = problemOf(res);
      if (problem) problems.push(`${who} valid: ${problem}`);
    }
    t.same(problems, [], `${cases.length} cases as ${senders.map(([w]) => w).join(', ')}: no 5xx, every error in the documented shape`);
  });
}
// Subtests run in order: this one counts what all the others sent (a generator that shrank fails here).
t.test('the generator sent at least 1,000 requests', async (t) => {
  t.comment(`${requests} requests; ${refusedOnly} routes refused every bad case with every table unchanged`);
  t.ok(requests >= 1000, `${requests} requests sent`);
  t.ok(refusedOnly > 0, 'some routes were checked with the table digest');
});
