// Lists of issues for each viewer: the officials' queue (and its CSV export), a company's own issues,
// the public list and similar-issue suggestions. Visibility is applied in SQL, then each row is projected.
import type { Readable } from 'node:stream';
import type { Db } from '../../db/client.js';
import { csvStream } from '../../lib/csv.js';
import { label, nameIn, text } from '../../lib/i18n.js';
import type { Language, Principal } from '../../lib/principal.js';
import { companyOf } from './issues.lookup.js';
import * as lists from './issues.lists.js';
import * as repo from './issues.repo.js';
import { summaries } from './issues.views.js';
import { viewerOf, visibleToSql } from './issues.visibility.js';

export interface PageQuery {
  sort?: lists.Sort | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

export async function queue(db: Db, actor: Principal, filters: lists.ListFilters, page: PageQuery) {
  const viewer = viewerOf(actor);
  const where = [visibleToSql(viewer), ...lists.filterSql(filters)];
  const { rows, nextCursor } = await lists.pageOfIssues(db, where, page.sort ?? 'newest', page.limit ?? 25, page.cursor);
  return { items: await summaries(db, viewer, rows), nextCursor };
}

export async function mine(db: Db, actor: Principal, page: PageQuery & { state?: lists.ListFilters['state'] }) {
  const companyId = companyOf(actor);
  const viewer = viewerOf(actor);
  const where = [visibleToSql(viewer), ...lists.filterSql({ companyId, state: page.state })];
  const { rows, nextCursor } = await lists.pageOfIssues(db, where, page.sort ?? 'newest', page.limit ?? 50, page.cursor);
  return { items: await summaries(db, viewer, rows), nextCursor };
}

/** What everyone may see: the same list for a company, an attendee or a stranger. */
export async function publicList(db: Db, actor: Principal | null, filters: Pick<lists.ListFilters, 'category' | 'q'>, page: PageQuery) {
  const viewer = viewerOf(actor);
  const where = [visibleToSql({ kind: 'other' }), ...lists.filterSql(filters)];
  const { rows, nextCursor } = await lists.pageOfIssues(db, where, page.sort ?? 'most_supported', page.limit ?? 25, page.cursor);
  return { items: await summaries(db, viewer, rows), nextCursor };
}

export async function similar(db: Db, actor: Principal, text: { title: string; body?: string | undefined; excludeId?: string | undefined }) {
  const viewer = viewerOf(actor);
  const found = await lists.similarIssues(db, viewer, text, text.excludeId);
  const items = await summaries(
    db,
    viewer,
    found.map((f) => f.issue),
  );
  return items.map((item, i) => ({ ...item, score: Math.round(found[i]!.score * 100) / 100 }));
}

/** The officials' queue as a CSV stream (officials see every company, so nothing is projected away). */
/** Headers, labels (state, category, visibility, language) and company names are in `lang` (lib/i18n.ts). */
export async function exportCsv(db: Db, actor: Principal, filters: lists.ListFilters, lang: Language = 'en'): Promise<Readable> {
  const viewer = viewerOf(actor);
  const rows = await lists.allIssues(db, [visibleToSql(viewer), ...lists.filterSql(filters)]);
  const names = await repo.organizationNames(
    db,
    rows.map((r) => r.companyId),
  );
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
      r.title,
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
