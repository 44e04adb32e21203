// Lists of issues for each viewer: the officials' queue (and its CSV export), a company's own issues,
// the public list and similar-issue suggestions. Visibility is applied in SQL, then each row is projected.
import type { Readable } from 'node:stream';
import type { Db } from '../../db/client.js';
import { csvStream } from '../../lib/csv.js';
import { label, nameIn, text } from '../../lib/i18n.js';
import type { Language, Principal } from '../../lib/principal.js';
import { translationsFor } from '../translations/translations.links.js';
import { companyOf } from './issues.lookup.js';
import * as lists from './issues.lists.js';
import * as repo from './issues.repo.js';
import { issueOriginal } from './issues.translatable.js';
import { summaries } from './issues.views.js';
import { canSeeIssue, viewerOf, visibleToSql } from './issues.visibility.js';

export interface PageQuery {
  sort?: lists.Sort | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

export async function queue(db: Db, actor: Principal, filters: lists.ListFilters, page: PageQuery, language: Language | null = null) {
  const viewer = viewerOf(actor);
  const where = [visibleToSql(viewer), ...lists.filterSql(filters)];
  const { rows, nextCursor } = await lists.pageOfIssues(db, where, page.sort ?? 'newest', page.limit ?? 25, page.cursor, filters.q);
  return { items: await summaries(db, viewer, rows, language), nextCursor };
}

export async function mine(db: Db, actor: Principal, page: PageQuery & { state?: lists.ListFilters['state'] }, language: Language | null = null) {
  const companyId = companyOf(actor);
  const viewer = viewerOf(actor);
  const where = [visibleToSql(viewer), ...lists.filterSql({ companyId, state: page.state })];
  const { rows, nextCursor } = await lists.pageOfIssues(db, where, page.sort ?? 'newest', page.limit ?? 50, page.cursor);
  return { items: await summaries(db, viewer, rows, language), nextCursor };
}

/** What everyone may see: the same list for a company, an attendee or a stranger. A search is ranked by relevance unless sorted otherwise. */
export async function publicList(
  db: Db,
  actor: Principal | null,
  filters: Pick<lists.ListFilters, 'category' | 'state' | 'q'>,
  page: PageQuery,
  language: Language | null = null,
) {
  const viewer = viewerOf(actor);
  const where = [visibleToSql({ kind: 'other' }), ...lists.filterSql(filters)];
  const sort = page.sort ?? (filters.q?.trim() ? 'relevance' : 'most_supported');
  const { rows, nextCursor } = await lists.pageOfIssues(db, where, sort, page.limit ?? 25, page.cursor, filters.q);
  return { items: await summaries(db, viewer, rows, language), nextCursor };
}

/**
 * Similar issues while typing: at most five the viewer may see, best first. A matching merged issue counts
 * for its primary (when the viewer may see that), so each problem is suggested once, where it is handled.
 */
export async function similar(
  db: Db,
  actor: Principal,
  text: { title: string; body?: string | undefined; excludeId?: string | undefined },
  language: Language | null = null,
) {
  const viewer = viewerOf(actor);
  const found = await lists.similarCandidates(db, viewer, text, 20);
  const primaryIds = [...new Set(found.flatMap((f) => (f.issue.state === 'merged' && f.issue.mergedIntoId ? [f.issue.mergedIntoId] : [])))];
  const primaries = new Map((await repo.findIssues(db, primaryIds)).map((p) => [p.id, p]));
  const best = new Map<string, { issue: repo.IssueRow; score: number }>();
  for (const f of found) {
    const issue = f.issue.state === 'merged' ? primaries.get(f.issue.mergedIntoId ?? '') : f.issue;
    if (!issue || issue.id === text.excludeId || !canSeeIssue(viewer, issue) || ['draft', 'withdrawn', 'merged'].includes(issue.state)) continue;
    if ((best.get(issue.id)?.score ?? -1) < f.score) best.set(issue.id, { issue, score: f.score });
  }
  const top = [...best.values()].sort((a, b) => b.score - a.score || (a.issue.id < b.issue.id ? -1 : 1)).slice(0, 5);
  const items = await summaries(
    db,
    viewer,
    top.map((f) => f.issue),
    language,
  );
  return items.map((item, i) => ({ ...item, score: Math.round(top[i]!.score * 100) / 100 }));
}

/** The officials' queue as a CSV stream (officials see every company, so nothing is projected away). */
/** Headers, labels (state, category, visibility, language) and company names are in `lang` (lib/i18n.ts); a title
 * is its current translation into `lang` where there is one, as in the queue (the language column stays the original's). */
export async function exportCsv(db: Db, actor: Principal, filters: lists.ListFilters, lang: Language = 'en'): Promise<Readable> {
  const viewer = viewerOf(actor);
  const rows = await lists.allIssues(db, [visibleToSql(viewer), ...lists.filterSql(filters)]);
  const names = await repo.organizationNames(
    db,
    rows.map((r) => r.companyId),
  );
  const translated = await translationsFor(db, rows.map(issueOriginal), lang);
  const title = (r: (typeof rows)[number]) => {
    const tr = translated.get(r.id);
    return tr?.current && tr.fields.title ? tr.fields.title : r.title;
  };
  const columns = [
    'id',
    'title',
    'category',
    'state',
    'visibility',
    'language',
    'company',
    'supports',
    'tags',
    'submittedAt',
    'stateChangedAt',
    'mergedInto',
  ] as const;
  const header = columns.map((c) => text(lang, `csv.issues.${c}`));
  const company = (id: string) => {
    const n = names.get(id);
    return n ? nameIn(n, lang) : null;
  };
  return csvStream(
    header,
    rows.map((r) => [
      r.id,
      title(r),
      label(lang, 'category', r.category),
      label(lang, 'issueState', r.state),
      label(lang, 'visibility', r.visibility),
      label(lang, 'language', r.language),
      company(r.companyId),
      r.supportCount,
      r.tags,
      r.submittedAt,
      r.stateChangedAt,
      r.mergedIntoId,
    ]),
  );
}
