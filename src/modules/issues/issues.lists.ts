// Issue lists with filters, sorting and keyset pagination (officials' queue, a company's own, the public list),
// plus the similar-issue query. Cursors carry the sort key as PostgreSQL text, so no precision is lost.
import { and, eq, gte, inArray, lt, ne, notInArray, sql, type SQL } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Executor } from '../../db/client.js';
import { issues } from '../../db/schema/index.js';
import { badRequest } from '../../lib/errors.js';
import type { Category, IssueState } from './issues.state-machine.js';
import type { IssueRow } from './issues.repo.js';
import { visibleToSql, type Viewer } from './issues.visibility.js';
import { translationMatches, translationSimilarity } from '../translations/translations.links.js';

export const SORTS = ['newest', 'oldest_waiting', 'most_supported'] as const;
export type Sort = (typeof SORTS)[number];

export interface ListFilters {
  state?: IssueState[] | undefined;
  category?: Category | undefined;
  companyId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
}

const when = sql`coalesce(${issues.submittedAt}, ${issues.createdAt})`;

interface SortSpec {
  keys: { expr: SQL; cast: 'int' | 'timestamptz' }[];
  dir: 'asc' | 'desc';
}

const SORT_SPECS: Record<Sort, SortSpec> = {
  newest: { keys: [{ expr: when, cast: 'timestamptz' }], dir: 'desc' },
  oldest_waiting: { keys: [{ expr: sql`${issues.stateChangedAt}`, cast: 'timestamptz' }], dir: 'asc' },
  most_supported: {
    keys: [
      { expr: sql`${issues.supportCount}`, cast: 'int' },
      { expr: when, cast: 'timestamptz' },
    ],
    dir: 'desc',
  },
};

export const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/;
/** Whether a date-time string is an instant PostgreSQL accepts: patterns let month 13 or Feb 30 through, and year 0 does not exist. */
export function isRealInstant(s: string): boolean {
  const at = DateTime.fromISO(s.toUpperCase().replace(' ', 'T'), { setZone: true });
  return at.isValid && at.year >= 1;
}
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function decodeCursor(spec: SortSpec, cursor: string): string[] {
  const invalid = () => badRequest('INVALID_CURSOR', 'This page cursor is not valid for this list');
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(values) || values.length !== spec.keys.length + 1 || !values.every((v) => typeof v === 'string')) throw invalid();
  const strings = values;
  const ok = spec.keys.every((k, i) => (k.cast === 'int' ? /^\d{1,9}$/.test(strings[i]!) : TIMESTAMP.test(strings[i]!) && isRealInstant(strings[i]!)));
  if (!ok || !UUID.test(strings[strings.length - 1]!)) throw invalid();
  return strings;
}

/** Case-insensitive substring or trigram match on title and body. Written with ILIKE and `%` (not strpos or
 * a bare similarity()) so the trigram indexes on title and body serve it; the similarity() recheck keeps the
 * threshold at 0.3 whatever pg_trgm.similarity_threshold says. */
export function textMatch(q: string): SQL {
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  // Translations count too (translations module): a Chinese query finds a Japanese issue translated into Chinese.
  const translated = translationMatches('issue', issues.id, ['title', 'body'], pattern);
  return sql`(${issues.title} ilike ${pattern} or ${issues.body} ilike ${pattern} or (${issues.title} % ${q} and similarity(${issues.title}, ${q}) > 0.3) or ${translated})`;
}

export function filterSql(f: ListFilters): SQL[] {
  for (const at of [f.from, f.to]) {
    if (at !== undefined && !isRealInstant(at)) throw badRequest('INVALID_DATE', `${at} is not a date-time we can search by`);
  }
  const where: SQL[] = [];
  if (f.state?.length) where.push(inArray(issues.state, f.state));
  if (f.category) where.push(eq(issues.category, f.category));
  if (f.companyId) where.push(eq(issues.companyId, f.companyId));
  if (f.from) where.push(gte(when, sql`${f.from}::timestamptz`));
  if (f.to) where.push(lt(when, sql`${f.to}::timestamptz`));
  if (f.q?.trim()) where.push(textMatch(f.q.trim()));
  return where;
}

export interface Page {
  rows: IssueRow[];
  nextCursor: string | null;
}

export async function pageOfIssues(db: Executor, where: SQL[], sort: Sort, limit: number, cursor?: string): Promise<Page> {
  const spec = SORT_SPECS[sort];
  const all = [...where];
  const op = spec.dir === 'desc' ? sql`<` : sql`>`;
  if (cursor) {
    const values = decodeCursor(spec, cursor);
    const left = sql.join([...spec.keys.map((k) => k.expr), sql`${issues.id}`], sql`, `);
    const right = sql.join([...spec.keys.map((k, i) => sql`${values[i]}::${sql.raw(k.cast)}`), sql`${values[values.length - 1]}::uuid`], sql`, `);
    all.push(sql`(${left}) ${op} (${right})`);
  }
  const direction = sql.raw(spec.dir);
  const order = [...spec.keys.map((k) => sql`${k.expr} ${direction}`), sql`${issues.id} ${direction}`];
  const rows = await db
    .select({
      issue: issues,
      keys: sql<string[]>`array[${sql.join(
        spec.keys.map((k) => sql`(${k.expr})::text`),
        sql`, `,
      )}]`,
    })
    .from(issues)
    .where(and(...all))
    .orderBy(...order)
    .limit(limit + 1);
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor = more && last ? Buffer.from(JSON.stringify([...last.keys, last.issue.id])).toString('base64url') : null;
  return { rows: page.map((r) => r.issue), nextCursor };
}

/** Every row matching, newest first (CSV export). */
export function allIssues(db: Executor, where: SQL[]) {
  return db
    .select()
    .from(issues)
    .where(and(...where))
    .orderBy(sql`${when} desc`, sql`${issues.id} desc`);
}

/** Issues the viewer may see whose text resembles what is being typed, most similar first. */
export async function similarIssues(db: Executor, viewer: Viewer, text: { title: string; body?: string | undefined }, excludeId?: string) {
  const title = text.title.trim();
  const body = text.body?.trim() ?? '';
  const score = sql<number>`greatest(
    similarity(${issues.title}, ${title}),
    word_similarity(${title}, ${issues.title}),
    case when ${body} = '' then 0 else similarity(${issues.body}, ${body}) end,
    case when ${body} = '' then 0 else word_similarity(${title}, ${issues.body}) * 0.8 end,
    ${translationSimilarity('issue', issues.id, 'title', title)}
  )`;
  // Merged issues are represented by their primary.
  const where: SQL[] = [visibleToSql(viewer), notInArray(issues.state, ['draft', 'withdrawn', 'merged'])];
  if (excludeId) where.push(ne(issues.id, excludeId));
  const rows = await db
    .select({ issue: issues, score })
    .from(issues)
    .where(and(...where, sql`${score} >= 0.2`))
    .orderBy(sql`${score} desc`, issues.id)
    .limit(5);
  return rows.map((r) => ({ issue: r.issue, score: Number(r.score) }));
}
