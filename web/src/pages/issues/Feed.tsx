// My notification feed: state changes, answers, merges and clarification messages, with unread marks.
import { useEffect, useState } from 'preact/hooks';
import { get, post } from '../../api.js';
import { ErrorNote } from '../../components/ui.js';
import { t } from '../../i18n/index.js';
import { formatInstant, viewerZone } from '../../time.js';
import { stateLabel, type FeedItem } from './model.js';

export function describe(item: FeedItem): string {
  if (item.type === 'issue.answer') return t('feed.answer');
  if (item.type === 'issue.message') return t('feed.message');
  if (item.type === 'issue.transition' && item.data.toState) return t('feed.state', { state: stateLabel(item.data.toState) });
  return t('feed.update');
}

export function Feed() {
  const [data, setData] = useState<{ items: FeedItem[]; unread: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = () => get<{ items: FeedItem[]; unread: number }>('/api/feed?limit=50').then(setData, setError);
  useEffect(() => void load(), []);
  const readAll = async () => {
    await post('/api/feed/read', {}).catch(setError);
    await load();
  };
  const zone = viewerZone();
  if (!data) return <ErrorNote error={error} />;
  return (
    <section data-testid="feed">
      <p>
        {t('feed.unread', { n: data.unread })}{' '}
        {data.unread > 0 && (
          <button class="link" onClick={readAll}>
            {t('feed.markAllRead')}
          </button>
        )}
      </p>
      <ErrorNote error={error} />
      {!data.items.length && <p class="muted">{t('feed.empty')}</p>}
      <ul class="plain">
        {data.items.map((item) => (
          <li class={item.readAt ? 'feed-item' : 'feed-item unread'}>
            <span class="muted">{formatInstant(item.createdAt, zone)}</span> <strong>{describe(item)}</strong>{' '}
            {item.issueId && <a href={`#/issues/${item.issueId}`}>{item.data.title}</a>}
            {item.data.answer && (
              <div class="answer">
                {item.data.answer.text}{' '}
                <span class="muted">
                  ({item.data.answer.department} · {item.data.answer.timeFrame})
                </span>
              </div>
            )}
            {item.type === 'issue.message' && item.data.body && <div>{item.data.body}</div>}
          </li>
        ))}
      </ul>
    </section>
  );
}
