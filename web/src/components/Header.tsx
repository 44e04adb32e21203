import type { Language } from '../api.js';
import { language, LANGUAGES, localName, setLanguage, t, tn } from '../i18n/index.js';
import { patch } from '../api.js';
import { navigate, route } from '../router.js';
import { me, signOut } from '../session.js';
import { useEffect } from 'preact/hooks';
import { devMailbox, followNotices, loadDevMailbox, notices, unread } from '../notifications.js';
import { LiveBadge, useLiveBadge } from './LiveBadge.js';
import { roleLabel } from './ui.js';

const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', ja: '日本語', zh: '中文' };

export function Header() {
  const current = me.value;
  useLiveBadge();
  const userId = current?.user.id;
  useEffect(() => {
    notices.value = null;
    unread.value = 0;
    return userId ? followNotices(userId) : undefined;
  }, [userId]);
  const organizer = current?.user.role === 'organizer';
  useEffect(() => {
    devMailbox.value = false;
    if (organizer) loadDevMailbox();
  }, [userId, organizer]);
  const links = current
    ? [
        { path: '/', label: t('nav.home') },
        { path: '/issues', label: t('nav.issues') },
        { path: '/round-tables', label: t('nav.roundTables') },
        { path: '/live', label: t('nav.live') },
        { path: '/board', label: t('nav.board') },
        ...(current.user.role === 'organizer' || current.user.role === 'official' ? [{ path: '/people', label: t('nav.people') }] : []),
        ...(current.user.role === 'organizer' || current.user.role === 'official' ? [{ path: '/translations', label: t('nav.translations') }] : []),
        ...(current.user.role === 'organizer'
          ? [
              { path: '/organizations', label: t('nav.organizations') },
              { path: '/audit', label: t('nav.audit') },
              ...(devMailbox.value ? [{ path: '/outbox', label: t('nav.outbox') }] : []),
            ]
          : []),
        { path: '/notifications', label: t('nav.notifications') },
        { path: '/profile', label: t('nav.profile') },
      ]
    : [
        { path: '/issues', label: t('nav.issues') },
        { path: '/round-tables', label: t('nav.roundTables') },
        { path: '/board', label: t('nav.board') },
        { path: '/', label: t('signIn.title') },
      ];

  const changeLanguage = async (lang: Language) => {
    setLanguage(lang);
    if (current) {
      // Remember the choice on the account too, so it follows the person to other devices.
      await patch('/api/me', { language: lang }).catch(() => {});
    }
  };

  return (
    <header class="top">
      <a class="brand" href="#/">
        {t('app.name')}
      </a>
      <nav aria-label={t('nav.label')}>
        {links.map((l) => (
          <a href={`#${l.path}`} class={route.value === l.path ? 'active' : ''}>
            {l.label}
            {l.path === '/issues' && <LiveBadge />}
            {l.path === '/notifications' && unread.value > 0 && (
              <span class="badge live-badge" data-testid="notify-badge" title={tn('notify.unread', unread.value)}>
                {unread.value}
              </span>
            )}
          </a>
        ))}
      </nav>
      <div class="who">
        {current && (
          <span class="person" data-testid="person">
            <strong>{current.user.displayName}</strong>
            {current.organization && <span class="org"> · {localName(current.organization)}</span>}
            <span class="badge">{roleLabel(current.user.role)}</span>
          </span>
        )}
        <select aria-label={t('header.language')} value={language.value} onChange={(e) => changeLanguage(e.currentTarget.value as Language)}>
          {LANGUAGES.map((l) => (
            <option value={l}>{LANGUAGE_NAMES[l]}</option>
          ))}
        </select>
        {current && (
          <button
            class="link"
            onClick={async () => {
              await signOut();
              navigate('/');
            }}
          >
            {t('header.signOut')}
          </button>
        )}
      </div>
    </header>
  );
}
