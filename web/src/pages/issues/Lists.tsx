// Lists of issues: a company's own, the public list, and the officials' queue.
import { useEffect, useState } from 'preact/hooks';
import { del, get, post } from '../../api.js';
import { ErrorNote, Field, OrgName } from '../../components/ui.js';
import { langAttr, language, t, tn } from '../../i18n/index.js';
import { me } from '../../session.js';
import { formatInstant, viewerZone } from '../../time.js';
import { CATEGORIES, categoryLabel, STATES, stateLabel, visibilityLabel, type IssueSummary, type Page } from './model.js';

export function IssueRows({ items, onSupport }: { items: IssueSummary[]; onSupport?: (i: IssueSummary) => Promise<void> | void }) {
  const zone = viewerZone();
  if (!items.length) return <p class="muted">{t('issues.none')}</p>;
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
              <a href={`#/issues/${i.id}`} lang={langAttr(i.language)}>
                {i.title}
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
                  <button class="link" onClick={() => void onSupport(i)}>
                    {i.supportedByUs ? t('issues.unsupport') : t('issues.support')}
                  </button>
                </>
              )}
            </td>
            <td>{i.submittedAt ? formatInstant(i.submittedAt, zone) : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Loads pages of a list endpoint with keyset cursors ("Load more"). */
function usePaged(base: string) {
  const [items, setItems] = useState<IssueSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = async (more = false) => {
    setError(null);
    try {
      const sep = base.includes('?') ? '&' : '?';
      const page = await get<Page<IssueSummary>>(more && cursor ? `${base}${sep}cursor=${encodeURIComponent(cursor)}` : base);
      setItems(more ? [...items, ...page.items] : page.items);
      setCursor(page.nextCursor);
    } catch (err) {
      setError(err);
    }
  };
  useEffect(() => void load(), [base]);
  return { items, cursor, error, load, setError };
}

export function MyIssues() {
  const { items, cursor, error, load } = usePaged('/api/issues/mine');
  return (
    <section>
      <ErrorNote error={error} />
      <IssueRows items={items} />
      {cursor && <button onClick={() => void load(true)}>{t('issues.more')}</button>}
    </section>
  );
}

export function PublicIssues() {
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const { items, cursor, error, load, setError } = usePaged(`/api/issues/public${query ? `?q=${encodeURIComponent(query)}` : ''}`);
  const canSupport = me.value?.user.role === 'company_rep';
  const toggle = async (i: IssueSummary) => {
    try {
      if (i.supportedByUs) await del(`/api/issues/${i.id}/support`);
      else await post(`/api/issues/${i.id}/support`, {});
      await load();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section>
      <form class="row" onSubmit={(e) => (e.preventDefault(), setQuery(q))}>
        <Field label={t('issues.search')}>
          <input type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
        </Field>
        <button type="submit">{t('issues.searchButton')}</button>
      </form>
      <ErrorNote error={error} />
      <IssueRows items={items} {...(canSupport ? { onSupport: toggle } : {})} />
      {cursor && <button onClick={() => void load(true)}>{t('issues.more')}</button>}
    </section>
  );
}

export function Queue() {
  const [f, setF] = useState({ state: '', category: '', q: '', from: '', to: '', sort: 'newest' });
  const [applied, setApplied] = useState(f);
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(applied)) if (v) params.set(k, k === 'from' || k === 'to' ? new Date(v).toISOString() : v);
  const query = params.toString();
  const { items, cursor, error, load } = usePaged(`/api/issues/queue?${query}`);
  const csvParams = new URLSearchParams(params);
  csvParams.delete('sort');
  const set = (k: keyof typeof f) => (e: { currentTarget: { value: string } }) => setF({ ...f, [k]: e.currentTarget.value });
  return (
    <section>
      <form class="row card" onSubmit={(e) => (e.preventDefault(), setApplied(f))}>
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
            {['newest', 'oldest_waiting', 'most_supported'].map((s) => (
              <option value={s}>{t(`issues.sort.${s}` as Parameters<typeof t>[0])}</option>
            ))}
          </select>
        </Field>
        <button type="submit">{t('issues.filter')}</button>
        <a href={`/api/issues/queue.csv?${csvParams.toString()}&lang=${language.value}`} download="issues.csv">
          {t('issues.exportCsv')}
        </a>
      </form>
      <ErrorNote error={error} />
      <IssueRows items={items} />
      {cursor && <button onClick={() => void load(true)}>{t('issues.more')}</button>}
    </section>
  );
}

export function PendingAnswers() {
  const [items, setItems] = useState<{ issueId: string; title: string; text: string; department: string }[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<number | null>(null);
  const load = () => get<typeof items>('/api/issues/answers/pending').then(setItems, setError);
  useEffect(() => void load(), []);
  const release = async () => {
    try {
      const res = await post<{ released: string[] }>('/api/issues/answers/release', {});
      setDone(res.released.length);
      await load();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section class="card">
      <h2>{t('issues.pendingAnswers')}</h2>
      <ErrorNote error={error} />
      {done !== null && <p class="ok">{tn('issues.released', done)}</p>}
      <ul class="plain">
        {items.map((a) => (
          <li>
            <a href={`#/issues/${a.issueId}`}>{a.title}</a> — {a.department}: {a.text}
          </li>
        ))}
      </ul>
      {items.length > 0 && <button onClick={release}>{t('issues.releaseAll')}</button>}
    </section>
  );
}
