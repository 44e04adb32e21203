// Issue lists with filters, sorting and keyset pagination (officials' queue, a company's own, the public list),
// plus the similar-issue query. Cursors carry the sort key as PostgreSQL text, so no precision is lost.
import { and, eq, gte, inArray, lt, notInArray, sql, type SQL } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Executor } from '../../db/client.js';
import { issues } from '../../db/schema/index.js';
import { badRequest } from '../../lib/errors.js';
import type { Category, IssueState } from './issues.state-machine.js';
import type { IssueRow } from './issues.repo.js';
import { ISSUE_TERMS, relevance, termsOf, textMatch, trigramMatch } from './issues.search.js';
import { visibleToSql, type Viewer } from './issues.visibility.js';
import { similarTranslationIds, translationSimilarity } from '../translations/translations.links.js';

/** `relevance` (best match first) needs a search text `q`. */
export const SORTS = ['newest', 'oldest_waiting', 'most_supported', 'relevance'] as const;
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
  keys: { expr: SQL; cast: 'int' | 'timestamptz' | 'float8' }[];
  dir: 'asc' | 'desc';
}

const SORT_SPECS: Record<Exclude<Sort, 'relevance'>, SortSpec> = {
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
  const valid = (cast: SortSpec['keys'][number]['cast'], v: string) => {
    if (cast === 'int') return /^\d{1,9}$/.test(v);
    if (cast === 'float8') return /^-?\d{1,20}(\.\d{1,20})?(e-?\d{1,3})?$/.test(v);
    return TIMESTAMP.test(v) && isRealInstant(v);
  };
  const ok = spec.keys.every((k, i) => valid(k.cast, strings[i]!));
  if (!ok || !UUID.test(strings[strings.length - 1]!)) throw invalid();
  return strings;
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

/** The sort's keys; relevance ranks by how well each issue answers `q` (issues.search.ts), ties by id. */
function specOf(sort: Sort, q: string | undefined): SortSpec {
  if (sort !== 'relevance') return SORT_SPECS[sort];
  if (!q?.trim()) throw badRequest('SORT_NEEDS_QUERY', 'Sorting by relevance needs a search text (q)');
  return { keys: [{ expr: relevance(q.trim()), cast: 'float8' }], dir: 'desc' };
}

export async function pageOfIssues(db: Executor, where: SQL[], sort: Sort, limit: number, cursor?: string, q?: string): Promise<Page> {
  const spec = specOf(sort, q);
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

/** Every row matching, newest first, with the columns of the CSV export only (not the texts: ~1,400 rows a day). */
export function allIssues(db: Executor, where: SQL[]) {
  return db
    .select({
      id: issues.id,
      title: issues.title,
      // With the title, what decides whether a translation is current (translations.links' hash).
      body: issues.body,
      desiredOutcome: issues.desiredOutcome,
      category: issues.category,
      state: issues.state,
      visibility: issues.visibility,
      language: issues.language,
      companyId: issues.companyId,
      supportCount: issues.supportCount,
      tags: issues.tags,
      submittedAt: issues.submittedAt,
      stateChangedAt: issues.stateChangedAt,
      mergedIntoId: issues.mergedIntoId,
    })
    .from(issues)
    .where(and(...where))
    .orderBy(sql`${when} desc`, sql`${issues.id} desc`);
}

/**
 * Issues the viewer may see whose text resembles what is being typed, best first, with their scores.
 * Candidates come from the indexes (term overlap with the title typed, or a trigram-similar title); a merged
 * issue that matches stands for its primary (the caller maps it), so a duplicate written in another
 * language still leads to the issue it was merged into.
 */
export async function similarCandidates(db: Executor, viewer: Viewer, text: { title: string; body?: string | undefined }, limit: number) {
  const title = text.title.trim();
  const body = text.body?.trim().slice(0, 2000) ?? '';
  const score = sql<number>`greatest(
    ${relevance(title)},
    case when ${body} = '' then 0 else similarity(${issues.body}, ${body}) end,
    ${translationSimilarity('issue', issues.id, 'title', title)}
  )`;
  // Translations count too: a Chinese title finds a Japanese issue translated into Chinese.
  const translated = sql`${issues.id} = any(${similarTranslationIds('issue', 'title', title)})`;
  const candidates = sql`(${ISSUE_TERMS} && ${termsOf(title)} or ${trigramMatch(sql`${issues.title}`, title)} or ${translated})`;
  const where: SQL[] = [visibleToSql(viewer), notInArray(issues.state, ['draft', 'withdrawn']), candidates];
  const rows = await db
    .select({ issue: issues, score })
    .from(issues)
    .where(and(...where, sql`${score} >= ${SIMILAR_THRESHOLD}`))
    .orderBy(sql`${score} desc`, issues.id)
    .limit(limit);
  return rows.map((r) => ({ issue: r.issue, score: Number(r.score) }));
}

/** Below this, a suggestion shares too little with what is typed to be worth a look. */
export const SIMILAR_THRESHOLD = 0.25;
