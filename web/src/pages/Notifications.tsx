// My notifications, every kind: a localized line per notice (`notify.<kind>`), its details, and a
// link to what it is about. Opening one marks it read; the list and badge update live.
import { useEffect, useState } from 'preact/hooks';
import { ErrorNote } from '../components/ui.js';
import { hasMessage, langAttr, language, t, tn, type MessageKey, type PluralBase } from '../i18n/index.js';
import { loadNotices, markRead, notices, unread, type Notice } from '../notifications.js';
import { navigate } from '../router.js';
import { formatDate, formatInstant, venueTime, viewerZone } from '../time.js';

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const label = (prefix: string, value: string) => (hasMessage(`${prefix}.${value}`) ? t(`${prefix}.${value}` as MessageKey) : value);

/** The title a notice is about, in the reader's language where it has one, and the language it is written in:
 * an issue's current translation (issues.notify sends them) or its original; a round-table's title by language;
 * an action item's description (reminders send its translations too). */
export function noticeTitle(data: Record<string, unknown>): { text: string; lang: string | undefined } {
  const mine = language.value;
  if (data.title === undefined && typeof data.description === 'string') {
    const translated = ((data.descriptions ?? {}) as Record<string, string>)[mine];
    return translated ? { text: translated, lang: mine } : { text: data.description, lang: str(data.language) || undefined };
  }
  if (typeof data.title === 'string') {
    const translated = ((data.titles ?? {}) as Record<string, string>)[mine];
    return translated ? { text: translated, lang: mine } : { text: data.title, lang: str(data.language) || undefined };
  }
  const title = (data.title ?? {}) as Record<string, string>;
  return title[mine] ? { text: title[mine], lang: mine } : { text: title.en || '', lang: 'en' };
}

const TITLE = '\u0000';

/** The notice's line in the reader's language. */
export function describe(n: Notice, title: string = noticeTitle(n.data).text): string {
  const d = n.data;
  const params = {
    title,
    state: label('issueState', str(d.toState) || str(d.state)),
    status: label('rt.registration', str(d.status)),
    count: Number(d.supportCount ?? 0),
    number: Number(d.number ?? 0),
    due: str(d.dueDate) ? formatDate(str(d.dueDate)) : '',
    // A reminder is about its action item: the description stands where other notices name their title.
    description: n.type === 'action.reminder' ? title : str(d.description),
  };
  const key = n.type === 'registration.status' && d.promoted ? 'notify.registration.promoted' : `notify.${n.type}`;
  // Counted lines (supports) have plural forms.
  if (hasMessage(`${key}_other`)) return tn(key as PluralBase, params.count, params);
  return hasMessage(key) ? t(key, params) : t('notify.update', params);
}

/** The notice's line with the title marked in its own language (`lang`), so CJK titles get their glyphs. */
export function NoticeLine({ n }: { n: Notice }) {
  const title = noticeTitle(n.data);
  const [before, after] = describe(n, TITLE).split(TITLE);
  if (after === undefined) return <>{before}</>;
  return (
    <>
      {before}
      <span lang={langAttr(title.lang)}>{title.text}</span>
      {after}
    </>
  );
}

function Details({ n }: { n: Notice }) {
  const d = n.data;
  const zone = viewerZone();
  const venue = str(d.timeZone);
  // The one way to write a round-table's time: the venue's (labelled with its city) first, then the reader's when it differs.
  const both = (iso: string) =>
    venue
      ? venueTime(iso, { timeZone: venue, venueCityEn: str(d.venueCityEn), venueCityJa: str(d.venueCityJa), venueCityZh: str(d.venueCityZh) })
      : formatInstant(iso, zone);
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
        {tn('feed.unread', unread.value)}{' '}
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
                <strong>
                  <NoticeLine n={n} />
                </strong>
              </a>
            ) : (
              <strong>
                <NoticeLine n={n} />
              </strong>
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
