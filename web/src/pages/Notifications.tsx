// My notifications, every kind: a localized line per notice (`notify.<kind>`), its details, and a
// link to what it is about. Opening one marks it read; the list and badge update live.
import { useEffect, useState } from 'preact/hooks';
import { ErrorNote } from '../components/ui.js';
import { hasMessage, language, t, type MessageKey } from '../i18n/index.js';
import { loadNotices, markRead, notices, unread, type Notice } from '../notifications.js';
import { navigate } from '../router.js';
import { formatInstant, venueTime, viewerZone } from '../time.js';

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const label = (prefix: string, value: string) => (hasMessage(`${prefix}.${value}`) ? t(`${prefix}.${value}` as MessageKey) : value);

function roundTableTitle(data: Record<string, unknown>): string {
  const title = (data.title ?? {}) as Record<string, string>;
  return typeof data.title === 'string' ? data.title : title[language.value] || title.en || '';
}

/** The notice's line in the reader's language. */
export function describe(n: Notice): string {
  const d = n.data;
  const params = {
    title: typeof d.title === 'string' ? d.title : roundTableTitle(d),
    state: label('issueState', str(d.toState) || str(d.state)),
    status: label('rt.registration', str(d.status)),
    count: Number(d.supportCount ?? 0),
    number: Number(d.number ?? 0),
    due: str(d.dueDate),
    description: str(d.description),
  };
  const key = n.type === 'registration.status' && d.promoted ? 'notify.registration.promoted' : `notify.${n.type}`;
  return hasMessage(key) ? t(key, params) : t('notify.update', params);
}

function Details({ n }: { n: Notice }) {
  const d = n.data;
  const zone = viewerZone();
  const venue = str(d.timeZone);
  // The one way to write a round-table's time: the venue's first, then the reader's when it differs.
  const both = (iso: string) => (venue ? venueTime(iso, { timeZone: venue }) : formatInstant(iso, zone));
  const answer = d.answer as { text: string; department: string; timeFrame: string } | undefined;
  return (
    <>
      {n.type === 'roundtable.rescheduled' && str(d.startsAt) && (
        <div class="muted" data-testid="notice-when">
          {t('notify.when')}: {both(str(d.startsAt))}
        </div>
      )}
      {answer && (
        <div class="answer">
          {answer.text}{' '}
          <span class="muted">
            ({answer.department} · {answer.timeFrame})
          </span>
        </div>
      )}
      {n.type === 'issue.message' && str(d.body) && <div>{str(d.body)}</div>}
      {str(d.reason) && (
        <div class="muted">
          {t('notify.reason')}: {str(d.reason)}
        </div>
      )}
    </>
  );
}

export function Notifications({ embedded = false }: { embedded?: boolean }) {
  const [error, setError] = useState<unknown>(null);
  useEffect(() => void loadNotices().catch(setError), []);
  const open = async (n: Notice) => {
    if (!n.readAt) await markRead([n.id]).catch(setError);
    if (n.link) navigate(n.link);
  };
  const list = notices.value;
  const body = (
    <section data-testid="feed">
      <p>
        {t('feed.unread', { n: unread.value })}{' '}
        {unread.value > 0 && (
          <button class="link" onClick={() => markRead().catch(setError)}>
            {t('feed.markAllRead')}
          </button>
        )}
      </p>
      <ErrorNote error={error} />
      {list && !list.length && <p class="muted">{t('feed.empty')}</p>}
      <ul class="plain">
        {(list ?? []).map((n) => (
          <li class={n.readAt ? 'feed-item' : 'feed-item unread'} data-testid="notice">
            <span class="muted">{formatInstant(n.createdAt, viewerZone())}</span>{' '}
            {n.link ? (
              <a
                href={`#${n.link}`}
                onClick={(e) => {
                  e.preventDefault();
                  void open(n);
                }}
              >
                <strong>{describe(n)}</strong>
              </a>
            ) : (
              <strong>{describe(n)}</strong>
            )}
            <Details n={n} />
          </li>
        ))}
      </ul>
    </section>
  );
  if (embedded) return body;
  return (
    <main>
      <h1>{t('notify.title')}</h1>
      {body}
    </main>
  );
}
