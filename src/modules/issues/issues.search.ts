// Text matching for issues: the search filter of every list and the similar-issue suggestions.
//
// Three signals, each served by an index on the server and on PGlite:
//   * substring (ILIKE) on title and body: the trigram indexes (migration 0002);
//   * trigram similarity of the title (`%`): the title trigram index; good for English near-spellings;
//   * term overlap: each issue keeps `search_text` and `search_title`, sets of terms computed by the database
//     function `search_terms` (migration 0008: NFKC, ja/zh Han variants folded, CJK character bigrams, English
//     stems), matched with `&&` through the GIN index `issues_search_text_idx`. This is what
//     finds short and paraphrased Japanese and Chinese queries, which share no trigram with the issue.
//
// Each matcher takes the term set or columns it works on, so another table holding issue text (e.g. a
// translation) can be matched the same way and added to `textMatch` with `or exists (...)`.
import { sql, type SQL } from 'drizzle-orm';
import { issues } from '../../db/schema/index.js';
import { translationMatches } from '../translations/translations.links.js';

/** The stored term sets of an issue (generated columns, not in the drizzle schema: see migration 0008). */
export const ISSUE_TERMS = sql`${issues}."search_text"`;
export const ISSUE_TITLE_TERMS = sql`${issues}."search_title"`;

/** The query's terms, folded by the same database function as the stored ones. */
export const termsOf = (text: string): SQL => sql`search_terms(${text}::text)`;

/** A LIKE pattern for a literal substring. */
export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Case-insensitive substring in any of these text columns (ILIKE, so trigram indexes serve it). */
export function substringMatch(columns: SQL[], q: string): SQL {
  const pattern = likePattern(q);
  return sql.join(
    columns.map((c) => sql`${c} ilike ${pattern}`),
    sql` or `,
  );
}

/**
 * A term set holding enough of the query's terms: half of its words, a third of its CJK bigrams (about every
 * other bigram of unsegmented text straddles two words and is noise); `search_needed` in migration 0008.
 * `&&` lets the GIN index find the candidates.
 */
export function termsMatch(terms: SQL, q: string): SQL {
  const query = termsOf(q);
  return sql`(${terms} && ${query} and search_overlap(${terms}, ${query}) >= search_needed(${query}))`;
}

/** The title resembles the query by trigrams (`%` uses the index; the recheck fixes the threshold at 0.3). */
export const trigramMatch = (title: SQL, q: string): SQL => sql`(${title} % ${q} and similarity(${title}, ${q}) > 0.3)`;

/**
 * The search filter of the lists: substring, trigram or term match. Every arm is indexable, so the planner
 * combines the indexes (BitmapOr) instead of reading the table (tests/perf/search-plans.test.ts).
 */
export function textMatch(q: string): SQL {
  const title = sql`${issues.title}`;
  // Translations count too (translations module): a Chinese query finds a Japanese issue translated into Chinese.
  const arms = [trigramMatch(title, q), termsMatch(ISSUE_TERMS, q), translationMatches('issue', issues.id, ['title', 'body'], likePattern(q))];
  // A pattern shorter than a trigram would make the trigram index read every entry; the terms cover it.
  if ([...q].length >= 3) arms.unshift(substringMatch([title, sql`${issues.body}`], q));
  return sql`(${sql.join(arms, sql` or `)})`;
}

/**
 * How well an issue answers a query, from 0 to 1: the larger of
 *   0.6 × the share of the query's terms the issue holds anywhere + 0.4 × the Dice overlap of the query's
 *   terms with the title's (so the issue whose title says it ranks above one that mentions it), and
 *   the trigram similarity or word similarity of the title (spelling variants in English).
 */
export function relevance(q: string): SQL<number> {
  const query = termsOf(q);
  return sql<number>`greatest(
    0.6 * search_overlap(${ISSUE_TERMS}, ${query})::float8 / nullif(cardinality(${query}), 0)
      + 0.8 * search_overlap(${ISSUE_TITLE_TERMS}, ${query})::float8 / nullif(cardinality(${ISSUE_TITLE_TERMS}) + cardinality(${query}), 0),
    similarity(${issues.title}, ${q}),
    word_similarity(${q}, ${issues.title})
  )`;
}
