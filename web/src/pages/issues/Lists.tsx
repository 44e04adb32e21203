// Lists of issues: a company's own, the public list, and the officials' queue.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { del, get, post } from '../../api.js';
import { Field, FieldError, OrgName, StateView, useLoad, useSubmit } from '../../components/ui.js';
import { langAttr, language, t, tn, type MessageKey } from '../../i18n/index.js';
import { TitleText } from '../../components/Translated.js';
import { me } from '../../session.js';
import { formatInstant, viewerZone } from '../../time.js';
import { CATEGORIES, categoryLabel, STATES, stateLabel, visibilityLabel, type IssueSummary, type Page } from './model.js';

export function IssueRows({
  items,
  onSupport,
  support,
}: {
  items: IssueSummary[];
  onSupport?: (i: IssueSummary) => Promise<void> | void;
  /** The support toggle's state: busy, and its refusal shown in the row of the issue it was about. */
  support?: { busy: boolean; error: unknown; issueId: string | null };
}) {
  const zone = viewerZone();
  return (
    <table class="list" data-testid="issue-list">
      <thead>
        <tr>
          <th>{t('issues.title')}</th>
          <th>{t('issues.category')}</th>
          <th>{t('issues.state')}</th>
          <th>{t('issues.company')}</th>
          <th>{t('issues.supports')}</th>
          <th>{t('issues.submittedAt')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((i) => (
          <tr>
            <td>
              <a href={`#/issues/${i.id}`}>
                <TitleText title={i.title} lang={i.language} translation={i.translation} />
              </a>{' '}
              <span class="badge">{visibilityLabel(i.visibility)}</span>
              {i.unreadMessages > 0 && (
                <span class="badge unread-messages" data-testid="unread-messages">
                  {tn('issues.unreadMessages', i.unreadMessages)}
                </span>
              )}
            </td>
            <td>{categoryLabel(i.category)}</td>
            <td>
              <span class={`state state-${i.state}`}>{stateLabel(i.state)}</span>
            </td>
            <td>{i.company ? <OrgName names={i.company} /> : <span class="muted">{t('issues.companyHidden')}</span>}</td>
            <td>
              {i.supportCount}
              {onSupport && (i.canSupport || i.supportedByUs) && (
                <>
                  {' '}
                  <button class="link" disabled={support?.busy} onClick={() => void onSupport(i)}>
                    {i.supportedByUs ? t('issues.unsupport') : t('issues.support')}
                  </button>
                </>
              )}
              {support?.issueId === i.id && <FieldError error={support.error} />}
            </td>
            <td>{i.submittedAt ? formatInstant(i.submittedAt, zone) : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Loads pages of a list endpoint with keyset cursors ("Load more"); `loading` while a page is on its way. */
function usePaged(base: string) {
  const [items, setItems] = useState<IssueSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const load = async (more = false) => {
    setError(null);
    setLoading(true);
    try {
      const sep = base.includes('?') ? '&' : '?';
      const page = await get<Page<IssueSummary>>(more && cursor ? `${base}${sep}cursor=${encodeURIComponent(cursor)}` : base);
      setItems(more ? [...items, ...page.items] : page.items);
      setCursor(page.nextCursor);
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => {
    setItems([]);
    void load();
  }, [base, language.value]);
  return { items, cursor, error, loading, load };
}

/** A paged list's honest states (loading, error with retry, empty, no results) and its "Load more". */
function PagedState({
  paged,
  filtered = false,
  emptyText,
  noResultsText,
  children,
}: {
  paged: ReturnType<typeof usePaged>;
  filtered?: boolean;
  emptyText: string;
  noResultsText?: string;
  children: ComponentChildren;
}) {
  const { items, cursor, error, loading, load } = paged;
  return (
    <>
      <StateView
        loading={loading}
        error={error}
        onRetry={() => load()}
        empty={!items.length}
        filtered={filtered}
        emptyText={emptyText}
        {...(noResultsText ? { noResultsText } : {})}
      >
        {children}
      </StateView>
      {cursor && !error && (
        <button onClick={() => void load(true)} disabled={loading}>
          {t('issues.more')}
        </button>
      )}
    </>
  );
}

export function MyIssues() {
  const paged = usePaged('/api/issues/mine');
  return (
    <section>
      <PagedState paged={paged} emptyText={t('issues.none')}>
        <IssueRows items={paged.items} />
      </PagedState>
    </section>
  );
}

/** States a visitor may find in the public list (drafts and withdrawn issues are never public). */
const PUBLIC_STATES = STATES.filter((s) => s !== 'draft' && s !== 'withdrawn');

/** The public list: search, category and state filters, sort, pages ("Load more"). */
export function PublicIssues() {
  const empty = { q: '', category: '', state: '', sort: '' };
  const [f, setF] = useState(empty);
  const [applied, setApplied] = useState(empty);
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(applied)) if (v.trim()) params.set(k, v.trim());
  const query = params.toString();
  const paged = usePaged(`/api/issues/public${query ? `?${query}` : ''}`);
  const { items } = paged;
  const canSupport = me.value?.user.role === 'company_rep';
  // Supporting (or withdrawing support) sends once per click; a refusal shows in the issue's row.
  const support = useSubmit();
  const [supportFor, setSupportFor] = useState<string | null>(null);
  const toggle = (i: IssueSummary) =>
    support.runWith(async () => {
      setSupportFor(i.id);
      if (i.supportedByUs) await del(`/api/issues/${i.id}/support`);
      else await post(`/api/issues/${i.id}/support`, {});
      await paged.load();
    })();
  const set = (k: keyof typeof f) => (e: { currentTarget: { value: string } }) => setF({ ...f, [k]: e.currentTarget.value });
  const filtered = Boolean(query);
  // Relevance needs a search text; without one the server's default order (most supported) applies.
  const sorts = f.q.trim() ? ['', 'most_supported', 'newest'] : ['', 'newest'];
  return (
    <section>
      <form
        class="row card"
        data-testid="public-filters"
        onSubmit={(e) => (e.preventDefault(), setApplied({ ...f, sort: sorts.includes(f.sort) ? f.sort : '' }))}
      >
        <Field label={t('issues.search')}>
          <input type="search" value={f.q} onInput={set('q')} />
        </Field>
        <Field label={t('issues.category')}>
          <select value={f.category} onChange={set('category')}>
            <option value="">{t('issues.any')}</option>
            {CATEGORIES.map((c) => (
              <option value={c}>{categoryLabel(c)}</option>
            ))}
          </select>
        </Field>
        <Field label={t('issues.state')}>
          <select value={f.state} onChange={set('state')}>
            <option value="">{t('issues.any')}</option>
            {PUBLIC_STATES.map((s) => (
              <option value={s}>{stateLabel(s)}</option>
            ))}
          </select>
        </Field>
        <Field label={t('issues.sort')}>
          <select value={sorts.includes(f.sort) ? f.sort : ''} onChange={set('sort')}>
            {sorts.map((s) => (
              <option value={s}>{s ? t(`issues.sort.${s}` as MessageKey) : f.q.trim() ? t('issues.sort.relevance') : t('issues.sort.most_supported')}</option>
            ))}
          </select>
        </Field>
        <button type="submit">{t('issues.searchButton')}</button>
        {filtered && (
          <button type="button" class="link" onClick={() => (setF(empty), setApplied(empty))}>
            {t('search.clear')}
          </button>
        )}
      </form>
      <PagedState paged={paged} filtered={filtered} emptyText={t('issues.none')} noResultsText={t('search.noResults')}>
        <IssueRows items={items} {...(canSupport ? { onSupport: toggle, support: { busy: support.busy, error: support.error, issueId: supportFor } } : {})} />
        <p class="muted" data-testid="list-count">
          {tn('search.shown', items.length)}
        </p>
      </PagedState>
    </section>
  );
}

export function Queue() {
  const [f, setF] = useState({ state: '', category: '', q: '', from: '', to: '', sort: 'newest' });
  const [applied, setApplied] = useState(f);
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(applied)) if (v) params.set(k, k === 'from' || k === 'to' ? new Date(v).toISOString() : v);
  const query = params.toString();
  const paged = usePaged(`/api/issues/queue?${query}`);
  const filtered = !!(applied.state || applied.category || applied.q.trim() || applied.from || applied.to);
  const csvParams = new URLSearchParams(params);
  csvParams.delete('sort');
  const set = (k: keyof typeof f) => (e: { currentTarget: { value: string } }) => setF({ ...f, [k]: e.currentTarget.value });
  return (
    <section>
      <form class="row card" onSubmit={(e) => (e.preventDefault(), setApplied(f.sort === 'relevance' && !f.q.trim() ? { ...f, sort: 'newest' } : f))}>
        <Field label={t('issues.state')}>
          <select value={f.state} onChange={set('state')}>
            <option value="">{t('issues.any')}</option>
            {STATES.filter((s) => s !== 'draft').map((s) => (
              <option value={s}>{stateLabel(s)}</option>
            ))}
          </select>
        </Field>
        <Field label={t('issues.category')}>
          <select value={f.category} onChange={set('category')}>
            <option value="">{t('issues.any')}</option>
            {CATEGORIES.map((c) => (
              <option value={c}>{categoryLabel(c)}</option>
            ))}
          </select>
        </Field>
        <Field label={t('issues.search')}>
          <input type="search" value={f.q} onInput={set('q')} />
        </Field>
        <Field label={t('issues.from')}>
          <input type="date" value={f.from} onInput={set('from')} />
        </Field>
        <Field label={t('issues.to')}>
          <input type="date" value={f.to} onInput={set('to')} />
        </Field>
        <Field label={t('issues.sort')}>
          <select value={f.sort} onChange={set('sort')}>
            {['newest', 'oldest_waiting', 'most_supported', ...(f.q.trim() ? ['relevance'] : [])].map((s) => (
              <option value={s}>{t(`issues.sort.${s}` as Parameters<typeof t>[0])}</option>
            ))}
          </select>
        </Field>
        <button type="submit">{t('issues.filter')}</button>
        <a href={`/api/issues/queue.csv?${csvParams.toString()}&lang=${language.value}`} download="issues.csv">
          {t('issues.exportCsv')}
        </a>
      </form>
      <PagedState paged={paged} filtered={filtered} emptyText={t('issues.queueEmpty')}>
        <IssueRows items={paged.items} />
      </PagedState>
    </section>
  );
}

export function PendingAnswers() {
  const list = useLoad(
    () => get<{ issueId: string; title: string; language: string; text: string; answerLanguage: string; department: string }[]>('/api/issues/answers/pending'),
    [],
  );
  const [done, setDone] = useState<number | null>(null);
  const release = useSubmit(async () => {
    const res = await post<{ released: string[] }>('/api/issues/answers/release', {});
    setDone(res.released.length);
    await list.reload();
  });
  const items = list.data ?? [];
  return (
    <section class="card">
      <h2>{t('issues.pendingAnswers')}</h2>
      {done !== null && <p class="ok">{tn('issues.released', done)}</p>}
      <StateView loading={list.loading} error={list.error} onRetry={list.reload} empty={!items.length} emptyText={t('issues.noPendingAnswers')}>
        <ul class="plain">
          {items.map((a) => (
            <li>
              <a href={`#/issues/${a.issueId}`} lang={langAttr(a.language)}>
                {a.title}
              </a>{' '}
              — {a.department}: <span lang={langAttr(a.answerLanguage)}>{a.text}</span>
            </li>
          ))}
        </ul>
        <button onClick={() => void release.run()} disabled={release.busy}>
          {t('issues.releaseAll')}
        </button>
        <FieldError error={release.error} />
      </StateView>
    </section>
  );
}
