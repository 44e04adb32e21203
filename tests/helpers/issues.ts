// Helpers for issue tests: demo principals for service-level calls, and issues in a given state.
import { eq, sql, type SQL } from 'drizzle-orm';
import type { App } from '../../src/app.js';
import { rowsOf, type Database } from '../../src/db/client.js';
import { organizations, users } from '../../src/db/schema/index.js';
import type { Principal } from '../../src/lib/principal.js';
import { demoEmail, type Client } from './app.js';

/** The Principal of a demo user, as the auth plugin would build it. */
export async function principal(database: Database, key: string): Promise<Principal> {
  const [u] = await database.db
    .select({ user: users, kind: organizations.kind })
    .from(users)
    .leftJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(users.email, demoEmail(key)));
  if (!u) throw new Error(`no demo user ${key}`);
  return {
    userId: u.user.id,
    sessionId: '00000000-0000-0000-0000-000000000000',
    email: u.user.email,
    displayName: u.user.displayName,
    role: u.user.role,
    organizationId: u.user.organizationId,
    organizationKind: u.kind ?? null,
    language: u.user.language,
    timeZone: u.user.timeZone,
  };
}

let n = 0;
export function issueBody(overrides: Record<string, unknown> = {}) {
  n += 1;
  return {
    title: `Test issue ${n}: customs clearance for spare parts`,
    body: 'Customs clearance of imported spare parts takes more than ten days at Tianjin port.',
    category: 'business_environment',
    tags: ['customs'],
    desiredOutcome: 'Clearance within three days.',
    language: 'en',
    visibility: 'public',
    submit: true,
    ...overrides,
  };
}

export async function createIssue(company: Client, overrides: Record<string, unknown> = {}): Promise<{ id: string; [k: string]: unknown }> {
  const res = await company.post('/api/issues', issueBody(overrides));
  if (res.statusCode !== 201) throw new Error(`create failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

export async function command(client: Client, id: string, cmd: string, extra: Record<string, unknown> = {}) {
  const res = await client.post(`/api/issues/${id}/transitions`, { command: cmd, ...extra });
  if (res.statusCode !== 200) throw new Error(`${cmd} failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** An issue by `company`, taken by `official` to accepted. */
export async function acceptedIssue(company: Client, official: Client, overrides: Record<string, unknown> = {}) {
  const issue = await createIssue(company, overrides);
  await command(official, issue.id, 'start_review');
  return command(official, issue.id, 'accept');
}

export type { App };

/**
 * For each issue id, whether it is in the database exactly once and its event on `stream` is in the log exactly
 * once (the fault tests' "every acknowledged write is there, nothing duplicated").
 */
export async function writtenOnce(database: Database, ids: string[], stream: string): Promise<{ inTable: boolean; inLog: boolean }> {
  const list = sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );
  const counts = async (query: SQL) => new Map(rowsOf<{ id: string; n: number }>(await database.db.execute(query)).map((r) => [r.id, Number(r.n)]));
  const inTable = await counts(sql`select id::text as id, count(*) as n from issues where id::text in (${list}) group by id`);
  const inLog = await counts(
    sql`select data->>'issueId' as id, count(*) as n from events where stream = ${stream} and data->>'issueId' in (${list}) group by 1`,
  );
  return { inTable: ids.every((id) => inTable.get(id) === 1), inLog: ids.every((id) => inLog.get(id) === 1) };
}
